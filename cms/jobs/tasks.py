from datetime import timedelta

from django.core.management import call_command

from cms.jobs.jobs import job


@job(every=timedelta(days=1))
def prune_results():
    """Delete records of jobs that finished more than a week ago (failed ones after a month)."""
    call_command("prune_db_task_results", min_age_days=7, failed_min_age_days=30, verbosity=0)
