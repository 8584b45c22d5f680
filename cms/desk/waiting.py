"""The rows behind each of the desk's tiles, named once: the tile counts them and its link lists them."""

from datetime import timedelta

from django.utils import timezone

from cms.jobs.jobs import gave_up
from interviews.models import ApprovalRequest, Interview, StatusChange

RECENT_DAYS = 14


def _since():
    return timezone.now() - timedelta(days=RECENT_DAYS)


def recent_answers():
    """Return the experts' answers to approval requests of the last RECENT_DAYS days."""
    return ApprovalRequest.objects.exclude(decision="").filter(decided_at__gte=_since())


def returns_from_review():
    """Return the moves from review back to draft of interviews that are still drafts."""
    return StatusChange.objects.filter(
        interview__status=Interview.Status.DRAFT,
        from_status=Interview.Status.REVIEW,
        to_status=Interview.Status.DRAFT,
    )


def recent_failures():
    """Return the background jobs of the last RECENT_DAYS days that failed for good, newest first."""
    return gave_up().filter(finished_at__gte=_since())
