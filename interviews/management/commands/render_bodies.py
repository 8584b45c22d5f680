from django.core.management.base import BaseCommand

from interviews.derived import refresh_bodies, refresh_parts
from interviews.models import Interview

BATCH = 200


class Command(BaseCommand):
    help = (
        "Render every interview's stored body and page parts again "
        "(after an upgrade that changes their markup or the catalogues)."
    )

    def handle(self, *args, **options):
        ids = list(Interview.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh_bodies(ids[start : start + BATCH])
            refresh_parts(ids[start : start + BATCH])
        self.stdout.write(f"Bodies and page parts rendered for {len(ids)} interviews.")
