"""Admin pages for an interview's life: status moves, the expert's approval link, revisions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST
from reversion.models import Version

from cms.links import absolute_url
from interviews.models import ApprovalRequest, Expert, Interview
from interviews.publishing_checks import PublishingRefused, problems
from interviews.revisions import text_changes, version_lines
from interviews.workflow import (
    TRANSITIONS,
    allowed_transitions,
    apply_transition,
    approval_token,
    can_edit,
    can_recover,
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
    # The codes of the warnings the editor was shown: publishing confirms those, and no others.
    confirmed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        if transition.name != "publish":
            del self.fields["publish_at"]
            del self.fields["confirmed"]


def split_problems(found):
    """Return the hard problems (publishing is refused) and the soft ones (the editor confirms)."""
    return [p for p in found if p.hard], [p for p in found if not p.hard]


def get_interview(queryset, object_id):
    """Return the interview the admin URL names, or raise Http404, also for an id that is no number."""
    try:
        return queryset.get(pk=object_id)  # a number, which admin quoting leaves as it is
    except (Interview.DoesNotExist, ValueError, ValidationError):
        raise Http404("No such interview.") from None


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
    interview = get_interview(Interview.objects.all(), object_id)
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404("No such status change.")
    if transition not in allowed_transitions(request.user, interview):
        raise PermissionDenied
    found = problems(interview) if transition.name == "publish" else []
    initial = {
        "publish_at": timezone.localtime(max(interview.publish_at or timezone.now(), timezone.now())),
        "confirmed": " ".join(p.code for p in found if not p.hard),
    }
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
                confirmed=form.cleaned_data.get("confirmed", "").split(),
            )
        except PublishingRefused as refused:
            # Show what is wrong now, and ask again for the warnings found now.
            found = refused.problems
            data = data.copy()
            data["confirmed"] = " ".join(p.code for p in found if not p.hard)
            form = TransitionForm(data, transition=transition, initial=initial)
            form.is_valid()
            hard = any(p.hard for p in found)
            form.add_error(
                None,
                "Nothing was published: fix the problems listed above first."
                if hard
                else "Nothing was published yet: check the points listed above, then confirm again.",
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if moved.is_scheduled:
                when = timezone.localtime(moved.publish_at).strftime("%d %b %Y %H:%M")
                messages.success(request, f"“{moved}” is scheduled for {when}.")
            else:
                messages.success(request, f"“{moved}” is now {moved.get_status_display().lower()}.")
            return redirect(_change_url(model_admin, moved))
    hard, soft = split_problems(found)
    context = _context(
        model_admin,
        request,
        interview,
        transition.label,
        transition=transition,
        form=form,
        hard_problems=hard,
        soft_problems=soft,
    )
    return TemplateResponse(request, "admin/interviews/interview/transition_confirm.html", context)


def bulk_transition(request, model_admin, queryset, name):
    """Ask, then make one status move on each selected interview it applies to.

    Publishing lists each interview's problems: those with a hard one are left as they are,
    and the warnings shown for the others are what the confirmation confirms.
    """
    transition = TRANSITIONS[name]
    movable = [i for i in queryset if transition in allowed_transitions(request.user, i)]
    if request.POST.get("confirmed") != "yes":
        rows = [(i, *split_problems(problems(i) if name == "publish" else [])) for i in movable]
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": f"{transition.label}: are you sure?",
            "transition": transition,
            "movable": [i for i, hard, soft in rows if not hard],
            "warned": [
                (i, soft, " ".join(p.code for p in soft)) for i, hard, soft in rows if soft and not hard
            ],
            "refused": [(i, hard + soft) for i, hard, soft in rows if hard],
            "skipped": [i for i in queryset if i not in movable],
            "count": sum(1 for i, hard, soft in rows if not hard),
            "action": request.POST.get("action"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
        }
        return TemplateResponse(request, "admin/interviews/interview/bulk_transition.html", context)
    done = 0
    for interview in movable:
        # One refusal (a publishing check, a move made meanwhile) spares the rest.
        try:
            confirmed = request.POST.get(f"confirmed-{interview.pk}", "").split()
            apply_transition(name, interview, request.user, confirmed=confirmed)
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            model_admin.message_user(request, f"“{interview}” was left as it is: {reason}", messages.ERROR)
        else:
            done += 1
    model_admin.message_user(request, f"{transition.label}: {done} interview(s).", messages.SUCCESS)
    return None


@require_POST
def create_approval_view(request, model_admin, object_id):
    """Make a share link for the expert and show it to the editor."""
    interview = get_interview(Interview.objects.all(), object_id)
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
    interview = get_interview(Interview.objects.all(), object_id)
    approval = get_object_or_404(ApprovalRequest, pk=approval_id, interview=interview)
    ApprovalRequest.objects.filter(pk=approval.pk, revoked_at=None).update(revoked_at=timezone.now())
    messages.success(request, "The share link no longer works.")
    return redirect(_change_url(model_admin, approval.interview))


@require_POST
def translation_checked_view(request, model_admin, object_id):
    """Record that an editor checked a translation against its original as it is now."""
    interview = get_interview(Interview.objects.filter(translation_of__isnull=False), object_id)
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
    interview = get_interview(model_admin.get_queryset(request), object_id)
    if not model_admin.has_view_or_change_permission(request, interview):
        raise PermissionDenied
    versions = list(
        Version.objects.get_for_object(interview).select_related("revision", "revision__user").order_by("-pk")
    )
    opts = model_admin.model._meta
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        newer.restore_url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_revision", args=[interview.pk, newer.pk]
        )
        newer.previous = older
    context = _context(
        model_admin,
        request,
        interview,
        f"History of “{interview}”",
        versions=versions,
        can_restore=can_edit(request.user, interview),
    )
    return TemplateResponse(request, "admin/interviews/interview/history.html", context)


def compare_view(request, model_admin, object_id, version_id):
    """Show what changed between a revision and the one before it, as a diff of the text."""
    interview = get_interview(model_admin.get_queryset(request), object_id)
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


def revision_to_restore(request, model_admin, object_id, version_id):
    """Return the interview and the version of it to restore, for someone who may edit it now."""
    # Checked before reversion writes the revision back: afterwards the row is the old one.
    interview = model_admin.get_object(request, object_id)  # a number, which admin quoting leaves as it is
    if interview is None:
        raise Http404("No such interview.")
    if not model_admin.has_change_permission(request, interview):
        raise PermissionDenied
    version = get_object_or_404(Version.objects.get_for_object(interview), pk=version_id)
    # Restoring writes back every row of the revision; one naming other interviews is not this one's.
    others = version.revision.version_set.filter(content_type=version.content_type).exclude(
        object_id=version.object_id
    )
    if others.exists() and not is_publisher(request.user):
        raise PermissionDenied
    return interview, version


def deleted_version(request, version_id):
    """Return the last version of a deleted interview, for someone who may recover it."""
    if not can_recover(request.user):
        raise PermissionDenied
    return get_object_or_404(Version.objects.get_deleted(Interview), pk=version_id)


def restore_note(version, recovering=False):
    """Return what the log says about restoring or recovering from this version."""
    saved = date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
    if recovering:
        return f"Recovered the deleted interview from its revision of {saved}."
    return f"Restored the revision of {saved}."
