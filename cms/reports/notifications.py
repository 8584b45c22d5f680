"""Email about reports: to editors when readers send them, to a reader when their error is fixed.

Mail trouble is logged and never raised: a report is kept, and the reader's request answered,
whatever the mail server does.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.reports.models import ErrorReport
from cms.roles.definitions import EDITORS

logger = logging.getLogger(__name__)


def recipients():
    """Return the addresses that hear about new reports."""
    if settings.REPORTS_NOTIFY_EMAILS:
        return list(settings.REPORTS_NOTIFY_EMAILS)
    editors = get_user_model().objects.filter(is_active=True, groups__name=EDITORS).exclude(email="")
    return sorted(set(editors.values_list("email", flat=True)))


def absolute_url(path, request=None):
    """Return path as an address that works from an email."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def _one_line(text, limit=70):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify_editors(reports, request=None):
    """Email editors one message about the given reports; return whether it was sent."""
    reports = list(reports)
    to = recipients()
    if not reports or not to:
        if reports:
            logger.warning(
                "No one to tell about %d spelling reports: set REPORTS_NOTIFY_EMAILS.", len(reports)
            )
        return False
    items = [
        {
            "report": report,
            "page_url": absolute_url(report.get_absolute_url(), request),
            "admin_url": absolute_url(report.admin_url(), request),
        }
        for report in reports
    ]
    if len(reports) == 1:
        subject = f"Spelling report: “{_one_line(reports[0].selection, 40)}” in {reports[0].interview}"
    else:
        subject = f"{len(reports)} new spelling reports"
    context = {"items": items, "site_name": settings.SITE_NAME}
    try:
        send_mail(
            _one_line(subject, 150),
            render_to_string("reports/email/new_reports.txt", context),
            None,
            to,
            html_message=render_to_string("reports/email/new_reports.html", context),
        )
    except Exception:
        logger.exception("Could not email editors about spelling reports %s", [r.pk for r in reports])
        return False
    ErrorReport.objects.filter(pk__in=[r.pk for r in reports]).update(notified_at=timezone.now())
    return True


def report_received(report, request=None):
    """Tell editors about a new report now, unless they get a digest."""
    if settings.REPORTS_NOTIFY == "each":
        notify_editors([report], request)


def digest_due(now=None):
    """Return whether REPORTS_DIGEST_MINUTES have passed since the last digest."""
    now = now or timezone.now()
    last = ErrorReport.objects.filter(notified_at__isnull=False).order_by("-notified_at").first()
    if last is None:
        return True
    return (now - last.notified_at).total_seconds() >= settings.REPORTS_DIGEST_MINUTES * 60


def send_digest():
    """Email editors every open report they have not heard about; return how many."""
    pending = list(
        ErrorReport.objects.open()
        .filter(notified_at__isnull=True)
        .select_related("interview")
        .order_by("created_at", "pk")
    )
    return len(pending) if pending and notify_editors(pending) else 0


def close_for_reader(report):
    """Tell the reader their error is fixed, if they asked, then erase their address."""
    if not report.reporter_email:
        return
    if report.status == ErrorReport.Status.FIXED:
        interview = report.interview
        with translation.override(interview.language):
            subject = _("The error you reported has been fixed")
            body = render_to_string(
                "reports/email/fixed.txt",
                {
                    "report": report,
                    "page_url": absolute_url(interview.get_absolute_url()),
                    "site_name": settings.SITE_NAME,
                },
            )
        try:
            send_mail(subject, body, None, [report.reporter_email])
        except Exception:
            logger.exception("Could not tell the reader of spelling report %s it was fixed", report.pk)
    # The address served this one message; it is not kept for anything else.
    report.reporter_email = ""
    ErrorReport.objects.filter(pk=report.pk).update(reporter_email="")
