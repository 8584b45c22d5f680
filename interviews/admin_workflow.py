"""Admin pages for an interview's life: status moves, the expert's approval link, revisions."""

import difflib

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST
from reversion.models import Version
from taggit.models import Tag

from cms.links import absolute_url
from interviews.models import ApprovalRequest, Block, Expert, Interview, InterviewExpert, TaggedInterview
from interviews.search import plain_text
from interviews.workflow import (
    TRANSITIONS,
    allowed_transitions,
    apply_transition,
    approval_token,
    create_approval_request,
    is_publisher,
)


class TransitionForm(forms.Form):
    publish_at = forms.DateTimeField(
        label="Publish time",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text="Leave as it is to publish now; a later time schedules the interview.",
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=500)

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.name != "publish":
            del self.fields["publish_at"]


def _change_url(model_admin, interview):
    opts = model_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[interview.pk])


def _context(model_admin, request, interview, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": interview,
        "interview": interview,
        "title": title,
        **extra,
    }


def transition_view(request, model_admin, object_id, name):
    """Confirm and make one status move."""
    interview = get_object_or_404(Interview, pk=unquote(object_id))
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404("No such status change.")
    if transition not in allowed_transitions(request.user, interview):
        raise PermissionDenied
    initial = {"publish_at": timezone.localtime(max(interview.publish_at or timezone.now(), timezone.now()))}
    data = request.POST if request.method == "POST" else None
    form = TransitionForm(data, transition=transition, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            moved = apply_transition(
                name,
                interview,
                request.user,
                publish_at=form.cleaned_data.get("publish_at"),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if moved.is_scheduled:
                when = timezone.localtime(moved.publish_at).strftime("%d %b %Y %H:%M")
                messages.success(request, f"“{moved}” is scheduled for {when}.")
            else:
                messages.success(request, f"“{moved}” is now {moved.get_status_display().lower()}.")
            return redirect(_change_url(model_admin, moved))
    context = _context(model_admin, request, interview, transition.label, transition=transition, form=form)
    return TemplateResponse(request, "admin/interviews/interview/transition_confirm.html", context)


@require_POST
def create_approval_view(request, model_admin, object_id):
    """Make a share link for the expert and show it to the editor."""
    interview = get_object_or_404(Interview, pk=unquote(object_id))
    if not (is_publisher(request.user) and request.user.has_perm("interviews.add_approvalrequest")):
        raise PermissionDenied
    expert = Expert.objects.filter(pk=request.POST.get("expert") or None, interviews=interview).first()
    approval = create_approval_request(interview, request.user, expert=expert)
    link = absolute_url(request, reverse("interviews:approval", args=[approval_token(approval)]))
    messages.success(
        request,
        f"Share link created, valid until {approval.expires_at:%d %b %Y}. Send it to the expert: {link}",
    )
    return redirect(_change_url(model_admin, interview))


@require_POST
def revoke_approval_view(request, model_admin, object_id, approval_id):
    """Make a share link stop working."""
    if not (is_publisher(request.user) and request.user.has_perm("interviews.change_approvalrequest")):
        raise PermissionDenied
    approval = get_object_or_404(ApprovalRequest, pk=approval_id, interview_id=unquote(object_id))
    ApprovalRequest.objects.filter(pk=approval.pk, revoked_at=None).update(revoked_at=timezone.now())
    messages.success(request, "The share link no longer works.")
    return redirect(_change_url(model_admin, approval.interview))


@require_POST
def translation_checked_view(request, model_admin, object_id):
    """Record that an editor checked a translation against its original as it is now."""
    interview = get_object_or_404(Interview, pk=unquote(object_id), translation_of__isnull=False)
    if not model_admin.has_change_permission(request, interview):
        raise PermissionDenied
    # A direct update: confirming is not an edit, so forms open elsewhere stay valid.
    Interview.objects.filter(pk=interview.pk).update(translation_checked_at=timezone.now())
    messages.success(request, f"“{interview}” is marked as matching its original.")
    return redirect(_change_url(model_admin, interview))


def approvals_for(request, interview):
    """Return the interview's share links with what the admin shows about each."""
    rows = []
    for approval in interview.approval_requests.select_related("expert", "created_by"):
        approval.interview = interview
        approval.link = absolute_url(request, reverse("interviews:approval", args=[approval_token(approval)]))
        rows.append(approval)
    return rows


def history_view(request, model_admin, object_id):
    """List an interview's revisions with who saved them, when, and links to compare and restore."""
    interview = get_object_or_404(Interview, pk=unquote(object_id))
    if not model_admin.has_view_or_change_permission(request, interview):
        raise PermissionDenied
    versions = list(
        Version.objects.get_for_object(interview).select_related("revision", "revision__user").order_by("-pk")
    )
    opts = model_admin.model._meta
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        newer.restore_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_revision", args=[interview.pk, newer.pk]
        )
        newer.previous = older
    context = _context(model_admin, request, interview, f"History of “{interview}”", versions=versions)
    return TemplateResponse(request, "admin/interviews/interview/history.html", context)


def compare_view(request, model_admin, object_id, version_id):
    """Show what changed between a revision and the one before it, as a diff of the text."""
    interview = get_object_or_404(Interview, pk=unquote(object_id))
    if not model_admin.has_view_or_change_permission(request, interview):
        raise PermissionDenied
    versions = Version.objects.get_for_object(interview).select_related("revision", "revision__user")
    newer = get_object_or_404(versions, pk=version_id)
    older = versions.filter(pk__lt=newer.pk).order_by("-pk").first()
    changes = text_changes(version_lines(older) if older else [], version_lines(newer))
    context = _context(
        model_admin,
        request,
        interview,
        f"What changed in “{interview}”",
        changes=changes,
        newer=newer,
        older=older,
    )
    return TemplateResponse(request, "admin/interviews/interview/compare.html", context)


def text_changes(old_lines, new_lines):
    """Return the changed lines as safe HTML, words removed in <del> and added in <ins>."""
    changes = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "replace" and len(old) == len(new):
            changes += [_word_diff(a, b) for a, b in zip(old, new, strict=True)]
        else:
            changes += [format_html("<del>{}</del>", line) for line in old]
            changes += [format_html("<ins>{}</ins>", line) for line in new]
    return changes


def _word_diff(old, new):
    old_words, new_words = old.split(" "), new.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))


def version_lines(version):
    """Return the text of an interview as stored in one revision, a line per field and block."""
    fields = version.field_dict
    lines = [f"Title: {fields.get('title', '')}", f"Lead: {fields.get('lead', '')}"]
    related = {Block: [], InterviewExpert: [], TaggedInterview: []}
    for other in version.revision.version_set.all():
        if other._model in related:
            related[other._model].append(other.field_dict)
    experts = dict(
        Expert.objects.filter(pk__in=[f["expert_id"] for f in related[InterviewExpert]]).values_list(
            "pk", "name"
        )
    )
    for credit in sorted(related[InterviewExpert], key=lambda f: f["order"]):
        lines.append(f"Expert: {experts.get(credit['expert_id'], '?')} — {credit['role']}")
    tags = Tag.objects.filter(pk__in=[f["tag_id"] for f in related[TaggedInterview]]).values_list(
        "name", flat=True
    )
    lines.append("Tags: " + ", ".join(sorted(tags)))
    for block in sorted(related[Block], key=lambda f: (f["order"], f["id"])):
        text = plain_text(block["text"]) or f"[image] {block['caption']} {block['credit']}".strip()
        lines.append(f"{block['kind'].capitalize()}: {text}")
    return lines
