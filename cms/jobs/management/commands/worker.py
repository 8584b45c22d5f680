from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import autodiscover_modules

from cms.jobs.jobs import PERIODIC, schedule


class Command(BaseCommand):
    help = (
        "Run background jobs (related lists, digests, link checks, renditions, CDN purges) as they are "
        "queued, and the periodic ones on their schedule. Run as many as you like, on any machine."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the jobs that are due, then exit.")
        parser.add_argument("--interval", type=float, default=1, help="Seconds between looks at the queue.")

    def handle(self, *args, batch=False, interval=1, verbosity=1, **options):
        autodiscover_modules("tasks")
        for periodic, _every in PERIODIC.values():
            schedule(periodic)
        call_command(
            "db_worker",
            batch=batch,
            interval=interval,
            reload=False,
            startup_delay=not batch,
            verbosity=verbosity,
            stdout=self.stdout,
            stderr=self.stderr,
        )
