from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interviews import sample_content
from interviews.related import refresh_all_related


class Command(BaseCommand):
    help = (
        "Load the sample experts and interviews (transcripts in interviews/sample/, read by the "
        "importer). Rows that already exist are left as they are."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        experts, interviews = sample_content.experts(), sample_content.interviews()
        try:
            experts_made = sum(sample_content.load_expert(i, data) for i, data in enumerate(experts))
            interviews_made = sum(
                sample_content.load_interview(i, entry) for i, entry in enumerate(interviews)
            )
        except sample_content.SampleContentError as error:
            raise CommandError(str(error)) from error
        if interviews_made:
            refresh_all_related()  # each list was worked out before the interviews after it existed
        self.stdout.write(
            f"Sample content: {experts_made} experts and {interviews_made} interviews added; "
            f"{len(experts) - experts_made} experts and "
            f"{len(interviews) - interviews_made} interviews were already there."
        )
