from django.core.management.base import BaseCommand

from interviews.derived import refresh_search_index
from interviews.models import Interview

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild every interview's search text and vector (after a bulk import or an upgrade)."

    def handle(self, *args, **options):
        ids = list(Interview.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            refresh_search_index(ids[start : start + BATCH])
        self.stdout.write(f"Search index rebuilt for {len(ids)} interviews.")
