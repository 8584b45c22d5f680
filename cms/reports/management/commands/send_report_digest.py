from django.conf import settings
from django.core.management.base import BaseCommand

from cms.reports.notifications import digest_due, send_digest


class Command(BaseCommand):
    help = (
        "Email editors the spelling reports they have not heard about, once every REPORTS_DIGEST_MINUTES. "
        "The worker (manage.py worker) runs it every few minutes when REPORTS_NOTIFY=digest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send even if the last digest is recent.")

    def handle(self, *args, now=False, **options):
        if not (now or digest_due()):
            self.stdout.write(
                f"The last digest went out less than {settings.REPORTS_DIGEST_MINUTES} minutes ago."
            )
            return
        sent = send_digest()
        self.stdout.write(f"Digest sent with {sent} report(s)." if sent else "No new reports to send.")
