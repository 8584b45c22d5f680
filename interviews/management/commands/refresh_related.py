from django.core.management.base import BaseCommand

from cms.pagecache.middleware import new_generation
from interviews.related import refresh_all_related


class Command(BaseCommand):
    help = (
        "Work out every interview's related interviews again. Run it from cron (hourly, say): "
        "it is how a new interview enters the related lists of older ones on its topics."
    )

    def handle(self, *args, **options):
        count = refresh_all_related()
        new_generation()  # cached pages show the lists as they were
        self.stdout.write(f"Related interviews worked out for {count} interviews.")
