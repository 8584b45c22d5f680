"""What waits for each person when they open the admin."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.attribution.models import Republication
from cms.desk.waiting import recent_answers, recent_failures, returns_from_review
from cms.reports.models import ErrorReport
from interviews.models import Interview
from interviews.workflow import is_publisher

register = template.Library()

LISTED = 5


def _changelist(user, model, query):
    """Return the admin list of model filtered by query, or None when the user may not see it."""
    opts = model._meta
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return None
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + query


@register.simple_tag(takes_context=True)
def newsroom_desk(context):
    """Return the desk's tiles for the current user: a title, a count, the list of those rows, a few rows.

    Each count is the number of rows its link lists: both read one queryset (cms/desk/waiting.py),
    the link through a filter of the list.
    """
    user = context["request"].user
    return _editor_desk(user) if is_publisher(user) else _author_desk(user)


def _editor_desk(user):
    interviews = Interview.objects.without_search_columns()
    scheduled = list(interviews.scheduled().order_by("publish_at")[:LISTED])
    answered = recent_answers()
    answers = list(answered.select_related("interview", "expert").order_by("-decided_at")[:LISTED])
    return [
        {
            "title": "Waiting for review",
            "count": interviews.in_review().count(),
            "link": _changelist(user, Interview, "?status__exact=review"),
        },
        {
            "title": "Scheduled",
            "count": interviews.scheduled().count(),
            "link": _changelist(user, Interview, "?visibility=scheduled"),
            "rows": [(i.title, _change(i), timezone.localtime(i.publish_at)) for i in scheduled],
        },
        {
            "title": "Answered by experts",
            "count": interviews.filter(pk__in=answered.values("interview_id")).count(),
            "link": _changelist(user, Interview, "?waiting=answered"),
            "rows": [
                (f"{a.get_decision_display()}: {a.interview.title}", _change(a.interview), a.decided_at)
                for a in answers
            ],
        },
        {
            "title": "Translations to check",
            "count": interviews.outdated_translations().count(),
            "link": _changelist(user, Interview, "?translation=outdated"),
        },
        {
            "title": "New spelling error reports",
            "count": ErrorReport.objects.filter(status=ErrorReport.Status.NEW).count(),
            "link": _changelist(user, ErrorReport, "?status__exact=new"),
        },
        {
            "title": "Republications without an active link",
            "count": Republication.objects.filter(link_status__in=Republication.BREAKS_RULE).count(),
            "link": _changelist(user, Republication, "?rule=broken"),
        },
        _failed_jobs(user),
    ]


def _failed_jobs(user):
    """Return the tile of background jobs that failed for good, each with its error.

    Only superusers may open the list of jobs; the others read the errors here.
    """
    failed = recent_failures()
    link = _changelist(user, DBTaskResult, "?outcome=gave_up")
    rows = [
        (f"{job.task_name}: {_last_line(job.traceback or '')}", link, job.finished_at)
        for job in failed[:LISTED]
    ]
    return {"title": "Background jobs that failed", "count": failed.count(), "link": link, "rows": rows}


def _last_line(traceback):
    """Return the line of a traceback that names the error."""
    lines = traceback.strip().splitlines()
    return lines[-1] if lines else ""


def _author_desk(user):
    own = Interview.objects.without_search_columns().filter(created_by=user)
    returns = returns_from_review().filter(interview__created_by=user)
    returned = list(returns.select_related("interview").order_by("-changed_at")[:LISTED])
    return [
        {
            "title": "Your drafts",
            "count": own.filter(status=Interview.Status.DRAFT).count(),
            "link": _changelist(user, Interview, "?status__exact=draft"),
        },
        {
            "title": "Back from review",
            "count": own.filter(pk__in=returns.values("interview_id")).count(),
            "link": _changelist(user, Interview, "?waiting=returned"),
            "rows": [
                (f"{c.interview.title}{' — ' + c.note if c.note else ''}", _change(c.interview), c.changed_at)
                for c in returned
            ],
        },
        {
            "title": "Yours in review",
            "count": own.filter(status=Interview.Status.REVIEW).count(),
            "link": _changelist(user, Interview, "?status__exact=review"),
        },
    ]


def _change(interview):
    return reverse("admin:interviews_interview_change", args=[interview.pk])
