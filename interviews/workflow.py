"""The life of an interview: who may move it between statuses, and the moves themselves."""

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.translation import gettext

from interviews.models import ApprovalRequest, Interview, StatusChange
from interviews.publishing_checks import refuse_unless_ready

Status = Interview.Status
PUBLISH_PERMISSION = "interviews.publish_interview"
APPROVAL_SALT = "interviews.approval"
APPROVAL_DAYS = 7


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    question: str
    needs_publisher: bool = True


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            "Submit for review",
            (Status.DRAFT,),
            Status.REVIEW,
            "Send this interview to the editors for review? You cannot edit it while it is in review.",
            needs_publisher=False,
        ),
        Transition(
            "return",
            "Return to the author",
            (Status.REVIEW,),
            Status.DRAFT,
            "Send this interview back to its author as a draft?",
        ),
        Transition(
            "publish",
            "Publish",
            (Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED),
            Status.PUBLISHED,
            "Publish this interview? With a publish time in the future it is scheduled, "
            "and readers see it from that time on.",
        ),
        Transition(
            "unpublish",
            "Unpublish",
            (Status.PUBLISHED,),
            Status.UNPUBLISHED,
            "Take this interview off every public page, feed and list now?",
        ),
    ]
}


def is_publisher(user):
    """Return whether the user may publish, schedule and unpublish."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, interview):
    """Return whether the user may change this interview's content."""
    if not user.has_perm("interviews.change_interview"):
        return False
    if is_publisher(user):
        return True
    return interview.created_by_id == user.pk and interview.status == Status.DRAFT


def can_recover(user):
    """Return whether the user may see and bring back deleted interviews."""
    # A deleted interview may have been published: bringing it back is an editor's decision.
    return is_publisher(user) and user.has_perms(
        ["interviews.add_interview", "interviews.change_interview", "interviews.delete_interview"]
    )


def can_preview(user, interview):
    """Return whether the user may see this interview before readers do."""
    if is_publisher(user):
        return True
    return user.has_perm("interviews.view_interview") and interview.created_by_id == user.pk


def allowed_transitions(user, interview):
    """Return the moves this user may make on this interview now."""
    return [t for t in TRANSITIONS.values() if _may(user, interview, t)]


def _may(user, interview, transition):
    if interview.status not in transition.sources:
        return False
    if transition.needs_publisher:
        return is_publisher(user)
    return can_edit(user, interview)


def apply_transition(name, interview, user, *, publish_at=None, note="", confirmed=()):
    """Move the interview, record who did it, and return the fresh row.

    Publishing (now or scheduled) first runs the publishing checks: it raises PublishingRefused
    for a hard problem, or a soft one whose code is not among `confirmed` (what the editor saw).
    """
    transition = TRANSITIONS[name]
    with transaction.atomic():
        current = Interview.objects.select_for_update().get(pk=interview.pk)
        if not _may(user, current, transition):
            if current.status not in transition.sources:
                raise ValidationError(
                    f"This interview is now {current.get_status_display().lower()}; "
                    f"“{transition.label}” no longer applies."
                )
            raise PermissionDenied(f"You may not {transition.label.lower()} this interview.")
        if transition.target == Status.PUBLISHED:
            refuse_unless_ready(current, confirmed)
            # Publishing skips save(), so the model's own rule on partner sources is checked here too.
            current._check_source()
        now = timezone.now()
        changes = {
            "status": transition.target,
            "status_changed_at": now,
            "status_changed_by": user,
            "updated_by": user,
            # A move changes what readers see, so forms opened before it must not overwrite it.
            "version": F("version") + 1,
        }
        if transition.target == Status.PUBLISHED:
            changes["publish_at"] = publish_at or now
        Interview.objects.filter(pk=current.pk).update(**changes)
        StatusChange.objects.create(
            interview=current,
            from_status=current.status,
            to_status=transition.target,
            publish_at=changes.get("publish_at"),
            changed_by=user,
            changed_at=now,
            note=note,
        )
    return Interview.objects.get(pk=current.pk)


def create_approval_request(interview, user, expert=None, days=APPROVAL_DAYS):
    """Create a share link for the interviewed expert and return it."""
    return ApprovalRequest.objects.create(
        interview=interview,
        expert=expert,
        nonce=get_random_string(32),
        created_by=user,
        expires_at=timezone.now() + timezone.timedelta(days=days),
    )


def approval_token(approval):
    """Return the signed token that goes into the expert's link."""
    # Expiry and revocation live in the database, so the signature needs no timestamp.
    return signing.Signer(salt=APPROVAL_SALT).sign_object(
        {"a": approval.pk, "n": approval.nonce}, compress=True
    )


class ApprovalLinkError(Exception):
    """The link cannot be used; the message is safe to show to whoever holds it."""

    def __init__(self, message, status=404):
        super().__init__(message)
        self.status = status


def approval_from_token(token):
    """Return the usable approval request behind a token, or raise ApprovalLinkError."""
    invalid = gettext("This link is not valid. Please ask the editors for a new one.")
    try:
        data = signing.Signer(salt=APPROVAL_SALT).unsign_object(token)
        approval = ApprovalRequest.objects.select_related("interview").get(pk=data["a"])
    except (signing.BadSignature, ApprovalRequest.DoesNotExist, KeyError, TypeError, ValueError):
        raise ApprovalLinkError(invalid) from None
    if not constant_time_compare(str(data.get("n", "")), approval.nonce) or approval.revoked_at:
        raise ApprovalLinkError(invalid)
    if approval.expires_at <= timezone.now():
        raise ApprovalLinkError(
            gettext("This link has expired. Please ask the editors for a new one."), status=410
        )
    return approval


def record_decision(approval, decision, comment):
    """Store the expert's answer against the version of the interview they read."""
    ApprovalRequest.objects.filter(pk=approval.pk).update(
        decision=decision,
        comment=comment,
        decided_at=timezone.now(),
        decided_version=Interview.objects.values_list("version", flat=True).get(pk=approval.interview_id),
    )


def next_publication():
    """Return when the next scheduled interview goes live, or None."""
    return Interview.objects.scheduled().aggregate(first=Min("publish_at"))["first"]
