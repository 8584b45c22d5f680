"""Jobs of the attribution app, run by `manage.py worker` (cms/jobs)."""

import io
from datetime import timedelta

from django.conf import settings
from django.core.management import call_command

from cms.attribution.models import Republication
from cms.jobs.jobs import job


@job(every=timedelta(days=1))
def check_republications():
    """Visit the pages that republished our interviews and record whether they link back (daily)."""
    if not settings.SITE_URL and not Republication.objects.exists():
        return "Nothing republished yet."  # with pages to check, the missing SITE_URL fails visibly
    out = io.StringIO()
    call_command("check_republications", stdout=out)
    return out.getvalue().strip().splitlines()[-1]
