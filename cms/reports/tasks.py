"""Jobs of the reports app, run by `manage.py worker` (cms/jobs)."""

from datetime import timedelta

from django.conf import settings

from cms.jobs.jobs import job
from cms.reports.notifications import digest_due, send_digest


@job(every=timedelta(minutes=max(1, min(5, settings.REPORTS_DIGEST_MINUTES))))
def send_report_digest():
    """With REPORTS_NOTIFY=digest, email editors the reports they have not heard about, when one is due."""
    if settings.REPORTS_NOTIFY != "digest" or not digest_due():
        return 0
    return send_digest()
