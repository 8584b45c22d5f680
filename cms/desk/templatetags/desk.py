"""What waits for each person when they open the admin."""

from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.attribution.models import Republication
from cms.jobs.jobs import gave_up
from cms.reports.models import ErrorReport
from interviews.models import ApprovalRequest, Interview, StatusChange
from interviews.workflow import is_publisher

register = template.Library()

LISTED = 5
RECENT_DAYS = 14


def _changelist(model, query=""):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + query


@register.simple_tag(takes_context=True)
def newsroom_desk(context):
    """Return the desk's sections for the current user: a title, a count, a link and a few rows."""
    user = context["request"].user
    return _editor_desk() if is_publisher(user) else _author_desk(user)


def _editor_desk():
    interviews = Interview.objects.without_search_columns()
    scheduled = list(interviews.scheduled().order_by("publish_at")[:LISTED])
    answered = ApprovalRequest.objects.exclude(decision="").filter(
        decided_at__gte=timezone.now() - timedelta(days=RECENT_DAYS)
    )
    answers = list(answered.select_related("interview", "expert").order_by("-decided_at")[:LISTED])
    return [
        {
            "title": "Waiting for review",
            "count": interviews.in_review().count(),
            "link": _changelist(Interview, "?status__exact=review"),
        },
        {
            "title": "Scheduled",
            "count": interviews.scheduled().count(),
            "link": _changelist(Interview, "?visibility=scheduled"),
            "rows": [(i.title, _change(i), timezone.localtime(i.publish_at)) for i in scheduled],
        },
        {
            "title": "Experts' answers",
            "count": answered.count(),
            "link": None,
            "rows": [
                (f"{a.get_decision_display()}: {a.interview.title}", _change(a.interview), a.decided_at)
                for a in answers
            ],
        },
        {
            "title": "Translations to check",
            "count": interviews.outdated_translations().count(),
            "link": _changelist(Interview, "?translation=outdated"),
        },
        {
            "title": "New spelling error reports",
            "count": ErrorReport.objects.filter(status=ErrorReport.Status.NEW).count(),
            "link": _changelist(ErrorReport, "?status__exact=new"),
        },
        {
            "title": "Republications without an active link",
            "count": Republication.objects.filter(link_status__in=Republication.BREAKS_RULE).count(),
            "link": _changelist(Republication, "?rule=broken"),
        },
        _failed_jobs(),
    ]


def _failed_jobs():
    """Return the section of background jobs that failed for good, each with its error."""
    failed = gave_up().filter(finished_at__gte=timezone.now() - timedelta(days=RECENT_DAYS))
    link = _changelist(DBTaskResult, "?status__exact=FAILED")
    rows = [
        (
            f"{job.task_name}: {job.traceback.strip().splitlines()[-1] if job.traceback else ''}",
            link,
            job.finished_at,
        )
        for job in failed[:LISTED]
    ]
    return {"title": "Background jobs that failed", "count": failed.count(), "link": link, "rows": rows}


def _last_line(traceback):
    """Return the line of a traceback that names the error."""
    lines = traceback.strip().splitlines()
    return lines[-1] if lines else ""


def _author_desk(user):
    own = Interview.objects.without_search_columns().filter(created_by=user)
    returns = StatusChange.objects.filter(
        interview__created_by=user,
        interview__status=Interview.Status.DRAFT,
        from_status=Interview.Status.REVIEW,
        to_status=Interview.Status.DRAFT,
    )
    returned = list(returns.select_related("interview").order_by("-changed_at")[:LISTED])
    return [
        {
            "title": "Your drafts",
            "count": own.filter(status=Interview.Status.DRAFT).count(),
            "link": _changelist(Interview, "?status__exact=draft"),
        },
        {
            "title": "Back from review",
            "count": returns.count(),
            "link": None,
            "rows": [
                (f"{c.interview.title}{' — ' + c.note if c.note else ''}", _change(c.interview), c.changed_at)
                for c in returned
            ],
        },
        {
            "title": "Yours in review",
            "count": own.filter(status=Interview.Status.REVIEW).count(),
            "link": _changelist(Interview, "?status__exact=review"),
        },
    ]


def _change(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])
