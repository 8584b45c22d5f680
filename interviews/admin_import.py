"""The admin page that shows what a transcript holds and then creates a draft interview from it.

Step 1 parses pasted text or an uploaded file and saves nothing. Step 2 re-parses the same input,
carried in a signed hidden field so the browser cannot change what is imported.
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

from interviews.importer import create_draft, find_duplicate, find_expert
from interviews.models import Expert
from interviews.transcripts import (
    LABEL_MAX_LENGTH,
    MAX_UPLOAD_BYTES,
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
    label = label or None
    if "text" in source:
        return parse_text(source["text"], label=label)
    return read_upload(source["name"], base64.b64decode(source["data"]), label=label)


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
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
        help_text=f"A .txt or .docx file of up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
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
                "There is nothing to import. Paste the transcript text or choose a .txt or .docx file."
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
    expert = forms.ChoiceField(label="Expert", help_text="The person interviewed.")
    import_anyway = forms.BooleanField(label="Import anyway", required=False)

    def __init__(self, *args, parsed, can_add_expert, duplicate, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose an expert…")]
        if parsed.expert_name and can_add_expert:
            choices = [(NEW_EXPERT, f"Create new expert “{parsed.expert_name}”")]
        experts = Expert.objects.values_list("pk", "name", "position")
        choices += [(str(pk), f"{name} ({position})" if position else name) for pk, name, position in experts]
        self.fields["expert"].choices = choices
        if duplicate is None:
            del self.fields["import_anyway"]

    def clean_import_anyway(self):
        if not self.cleaned_data["import_anyway"]:
            raise forms.ValidationError(
                "An interview with this title already exists. Tick “Import anyway” to create a "
                "second draft, or open the existing interview instead."
            )
        return True


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
    if request.POST.get("expert") == NEW_EXPERT and not can_add_expert:
        raise PermissionDenied

    label = request.POST.get("label", "").strip()
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
        if form.cleaned_data["expert"] == NEW_EXPERT:
            expert = Expert.objects.create(name=parsed.expert_name, short_bio=parsed.expert_bio)
        else:
            expert = Expert.objects.get(pk=form.cleaned_data["expert"])
        interview = create_draft(parsed, expert=expert, user=request.user)
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
    matched = find_expert(parsed.expert_name)
    if form is None:
        default = (
            str(matched.pk) if matched else (NEW_EXPERT if parsed.expert_name and can_add_expert else "")
        )
        initial = {"payload": sign_source(source), "label": parsed.interviewer_label, "expert": default}
        if label_error:
            initial["label"] = request.POST.get("label", "")
        form = DraftForm(initial=initial, parsed=parsed, can_add_expert=can_add_expert, duplicate=duplicate)
    context = {
        "draft_form": form,
        "parsed": parsed,
        "matched_expert": matched,
        "can_add_expert": can_add_expert,
        "duplicate": duplicate,
        "duplicate_url": duplicate and reverse("admin:interviews_interview_change", args=[duplicate.pk]),
        "first_blocks": parsed.blocks[:PREVIEW_BLOCKS],
        "more_blocks": max(len(parsed.blocks) - PREVIEW_BLOCKS, 0),
        "label_error": label_error,
    }
    return _render(request, model_admin, context)


def _duplicate(request, model_admin, parsed):
    # Only interviews this user may open count: an author is not shown other people's titles.
    return find_duplicate(parsed, among=model_admin.get_queryset(request))


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
