from django.core.management.base import BaseCommand

from interviews import keys
from interviews.related import refresh_all_related


class Command(BaseCommand):
    help = (
        "Work out every interview's related interviews again: after a bulk load or an upgrade that adds "
        "stored related lists (saves refresh the lists around them through a job)."
    )

    def handle(self, *args, **options):
        count = refresh_all_related()
        keys.outdated([keys.SITE])  # cached pages show the lists as they were
        self.stdout.write(f"Related interviews worked out for {count} interviews.")
