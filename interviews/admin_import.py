"""The admin page that shows what a transcript holds and then creates a draft interview from it.

Step 1 parses pasted text or an uploaded file and saves nothing. Step 2 re-parses the same input,
carried in a signed hidden field so the browser cannot change what is imported, with the lines
the editor put back ("keep") and the interviewer's label they chose.
"""

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from interviews.importer import create_draft, find_duplicate, find_expert, partner_outlet
from interviews.models import Expert
from interviews.transcripts import (
    LABEL_MAX_LENGTH,
    MAX_UPLOAD_BYTES,
    SUFFIXES,
    TranscriptError,
    parse_text,
    read_upload,
)

SIGNING_SALT = "transcript-import"
PAYLOAD_MAX_AGE = 60 * 60
NEW_EXPERT = "new"
PREVIEW_BLOCKS = 6
TEMPLATE = "admin/interviews/interview/import_transcript.html"

TAMPERED = (
    "The transcript sent back with this form was changed or damaged, so it was not imported. "
    "Paste the text or upload the file again."
)
EXPIRED = (
    "This preview is more than an hour old, so it was not imported. Paste the text or upload the file again."
)


def sign_source(source):
    """Return the transcript input as a signed, compressed string for a hidden field."""
    return signing.TimestampSigner(salt=SIGNING_SALT).sign_object(source, compress=True)


def unsign_source(value):
    """Return the transcript input from a hidden field; raise BadSignature if it was tampered with."""
    return signing.TimestampSigner(salt=SIGNING_SALT).unsign_object(value, max_age=PAYLOAD_MAX_AGE)


def parse_source(source, label):
    """Parse transcript input, pasted ({"text"}) or uploaded ({"name", "data"}), with a label."""
    label, keep = label or None, source.get("keep", [])
    if "text" in source:
        return parse_text(source["text"], label=label, keep=keep)
    return read_upload(source["name"], base64.b64decode(source["data"]), label=label, keep=keep)


def expert_field_names(index):
    """Return the names of the choice and name fields of the transcript's expert number `index`."""
    suffix = "" if index == 0 else f"_{index + 1}"
    return f"expert{suffix}", f"name{suffix}"


class TranscriptForm(forms.Form):
    text = forms.CharField(
        label="Transcript text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        help_text="Paste the whole interview: the title first, then the lead, the bio and the questions.",
    )
    file = forms.FileField(
        label="Or a file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
        help_text=f"A .txt, .docx, .vtt or .srt file of up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    )
    label = forms.CharField(
        label="Interviewer's label",
        required=False,
        max_length=LABEL_MAX_LENGTH,
        help_text="The word before each question, e.g. “Meridian” or “Q”. Leave empty to detect it.",
    )

    def clean(self):
        text, upload = self.cleaned_data.get("text") or "", self.cleaned_data.get("file")
        label = self.cleaned_data.get("label", "")
        if upload and text.strip():
            raise forms.ValidationError("Paste the text or choose a file, not both.")
        if upload:
            # Read one byte past the limit so the parser can say the file is too large.
            data = upload.read(MAX_UPLOAD_BYTES + 1)
            self.source = {"name": upload.name, "data": base64.b64encode(data).decode("ascii")}
        elif text.strip():
            if len(text.encode()) > MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    f"The text is longer than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB. "
                    "Import the interview in parts, or check that you copied only the transcript."
                )
            self.source = {"text": text}
        else:
            raise forms.ValidationError(
                "There is nothing to import. Paste the transcript text or choose a file."
            )
        try:
            self.parsed = parse_source(self.source, label)
        except TranscriptError as error:
            raise forms.ValidationError(error.message) from None
        # The preview shows the label in use; step 2 parses with exactly that label.
        self.source["label"] = self.parsed.interviewer_label
        return self.cleaned_data


class DraftForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    label = forms.CharField(
        label="Interviewer's label",
        required=False,
        max_length=LABEL_MAX_LENGTH,
        help_text="Change it and choose “Update preview” if the questions were not found correctly.",
    )
    import_anyway = forms.BooleanField(label="Import anyway", required=False)

    def __init__(self, *args, parsed, can_add_expert, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed, self.can_add_expert = parsed, can_add_expert
        experts = [
            (str(pk), f"{name} ({position})" if position else name)
            for pk, name, position in Expert.objects.values_list("pk", "name", "position")
        ]
        self.expert_rows = []
        for index, found in enumerate(parsed.experts or [None]):
            choice_name, name_name = expert_field_names(index)
            if found is None:
                choices = [("", "Choose an expert…")]
            elif found.name and can_add_expert:
                choices = [(NEW_EXPERT, f"Create new expert “{found.name}”"), ("", "Leave out")]
            elif can_add_expert:
                choices = [(NEW_EXPERT, "Create a new expert with the name typed"), ("", "Leave out")]
            else:
                choices = [("", "Leave out")]
            self.fields[choice_name] = forms.ChoiceField(
                label="Expert" if found is None else (found.name or found.label),
                choices=choices + experts,
                required=found is None,
                help_text="The person interviewed." if found is None else "",
            )
            if found is not None and can_add_expert:
                self.fields[name_name] = forms.CharField(
                    label="Name", required=False, max_length=200, initial=found.name
                )
            self.expert_rows.append(
                (found, self[choice_name], self[name_name] if name_name in self.fields else None)
            )
        if duplicate is None:
            del self.fields["import_anyway"]

    def clean_import_anyway(self):
        if not self.cleaned_data["import_anyway"]:
            raise forms.ValidationError(
                "An interview with this title already exists. Tick “Import anyway” to create a "
                "second draft, or open the existing interview instead."
            )
        return True

    def clean(self):
        for index, found in enumerate(self.parsed.experts):
            choice_name, name_name = expert_field_names(index)
            typed = " ".join((self.cleaned_data.get(name_name) or "").split())
            if self.cleaned_data.get(choice_name) == NEW_EXPERT and not (typed or found.name):
                self.add_error(
                    name_name, "Type this speaker's name, choose an existing expert, or leave them out."
                )
        return self.cleaned_data

    def experts(self):
        """Return an Expert (or None) for each expert of the transcript, creating the new ones."""
        chosen = []
        for index, found in enumerate(self.parsed.experts or [None]):
            choice_name, name_name = expert_field_names(index)
            choice = self.cleaned_data.get(choice_name)
            typed = " ".join((self.cleaned_data.get(name_name) or "").split())
            if choice == NEW_EXPERT:
                name = typed or found.name
                chosen.append(find_expert(name) if typed else None)
                if chosen[-1] is None:
                    chosen[-1] = Expert.objects.create(
                        name=name, short_bio=found.bio, photo_credit=found.photo_credit[:200]
                    )
            else:
                chosen.append(Expert.objects.filter(pk=choice).first() if choice else None)
        return chosen


def import_transcript(request, model_admin):
    """Show what a pasted or uploaded transcript holds, then create a draft interview from it."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    can_add_expert = request.user.has_perm("interviews.add_expert")
    if request.method != "POST":
        return _render(request, model_admin, {"form": TranscriptForm()})
    if "payload" not in request.POST:
        form = TranscriptForm(request.POST, request.FILES)
        if not form.is_valid():
            return _render(request, model_admin, {"form": form})
        return _preview(request, model_admin, form.source, form.parsed, can_add_expert)

    try:
        source = unsign_source(request.POST["payload"])
    except signing.SignatureExpired:
        return _render(request, model_admin, {"form": TranscriptForm(), "error": EXPIRED})
    except signing.BadSignature:
        return _render(request, model_admin, {"form": TranscriptForm(), "error": TAMPERED})
    choices = [value for key, value in request.POST.items() if key == "expert" or key.startswith("expert_")]
    if NEW_EXPERT in choices and not can_add_expert:
        raise PermissionDenied

    label = request.POST.get("label", "").strip()
    keep = _kept_lines(request.POST, source)
    if keep is not None:
        # Putting a dropped line back (or dropping it again) is one click: a new preview with it.
        source = {**source, "keep": keep}
        parsed = parse_source(source, source["label"])
        return _preview(request, model_admin, source, parsed, can_add_expert)
    if label != source["label"] or "_preview" in request.POST:
        # What is created must be what the editor saw, so a new label first gets a new preview.
        try:
            parsed = parse_source(source, label)
        except TranscriptError as error:
            parsed = parse_source(source, source["label"])
            return _preview(request, model_admin, source, parsed, can_add_expert, label_error=error.message)
        return _preview(
            request, model_admin, {**source, "label": parsed.interviewer_label}, parsed, can_add_expert
        )

    parsed = parse_source(source, label)
    duplicate = _duplicate(request, model_admin, parsed)
    form = DraftForm(request.POST, parsed=parsed, can_add_expert=can_add_expert, duplicate=duplicate)
    if not form.is_valid():
        return _preview(request, model_admin, source, parsed, can_add_expert, form=form, duplicate=duplicate)
    with transaction.atomic():
        experts = form.experts()
        if parsed.experts:
            interview = create_draft(parsed, experts=experts, user=request.user)
        else:
            interview = create_draft(parsed, expert=experts[0], user=request.user)
    messages.success(
        request,
        format_html(
            "The draft “{}” was created. Check it, add the photos and publish when ready.", interview
        ),
    )
    return redirect(reverse("admin:interviews_interview_change", args=[interview.pk]))


def _preview(
    request, model_admin, source, parsed, can_add_expert, *, form=None, duplicate=False, label_error=""
):
    if duplicate is False:
        duplicate = _duplicate(request, model_admin, parsed)
    matched = [find_expert(found.name) for found in parsed.experts]
    if form is None:
        initial = {"payload": sign_source(source), "label": parsed.interviewer_label}
        for index, (found, expert) in enumerate(zip(parsed.experts, matched, strict=True)):
            default = NEW_EXPERT if found.name and can_add_expert else ""
            initial[expert_field_names(index)[0]] = str(expert.pk) if expert else default
        if label_error:
            initial["label"] = request.POST.get("label", "")
        form = DraftForm(initial=initial, parsed=parsed, can_add_expert=can_add_expert, duplicate=duplicate)
    names = [found.name or found.label for found in parsed.experts]
    context = {
        "draft_form": form,
        "parsed": parsed,
        "experts": list(zip(parsed.experts, matched, strict=True)),
        "matched_expert": matched[0] if matched else None,
        "partner": partner_outlet(parsed),
        "dropped": list(enumerate(parsed.dropped)),
        "kept": list(enumerate(source.get("keep", []))),
        "can_add_expert": can_add_expert,
        "duplicate": duplicate,
        "duplicate_url": duplicate and reverse("admin:interviews_interview_change", args=[duplicate.pk]),
        "first_blocks": [
            (block, names[block.speaker] if len(names) > 1 and block.speaker is not None else "")
            for block in parsed.blocks[:PREVIEW_BLOCKS]
        ],
        "more_blocks": max(len(parsed.blocks) - PREVIEW_BLOCKS, 0),
        "label_error": label_error,
    }
    return _render(request, model_admin, context)


def _duplicate(request, model_admin, parsed):
    # Only interviews this user may open count: an author is not shown other people's titles.
    return find_duplicate(parsed, among=model_admin.get_queryset(request))


def _kept_lines(data, source):
    """Return the kept lines after a "put back" or "drop again" button, or None if none was pressed."""
    keep = list(source.get("keep", []))
    if "keep_line" in data:
        dropped = parse_source(source, source["label"]).dropped
        index = _index(data["keep_line"], len(dropped))
        return keep if index is None else [*keep, dropped[index].text]
    if "drop_line" in data:
        index = _index(data["drop_line"], len(keep))
        return keep if index is None else keep[:index] + keep[index + 1 :]
    return None


def _index(value, length):
    return int(value) if value.isdecimal() and len(value) < 6 and int(value) < length else None


def _render(request, model_admin, context):
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": "Import transcript",
        "has_view_permission": model_admin.has_view_permission(request),
        **context,
    }
    return TemplateResponse(request, TEMPLATE, context)
