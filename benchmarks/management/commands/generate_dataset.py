"""Fill the database with a realistic archive of made-up interviews, for the benchmark.

Rows go in with bulk inserts in batches of BATCH interviews (benchmarks/bulk.py), in parallel on
PostgreSQL. The rendered body and page parts are written with the rows, as the site stores them on
save. The related lists are then scored a slice of the interviews per CPU in parallel
(interviews.related.refresh_all_related).
"""

import os
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from benchmarks import bulk
from benchmarks.dataset import MAX_BLOCKS, Dataset, Job
from interviews.models import (
    Block,
    Expert,
    Interview,
    InterviewExpert,
    RelatedInterview,
    SearchEntry,
    TaggedInterview,
)
from interviews.related import refresh_all_related

BATCH = 1000


class Command(BaseCommand):
    help = "Generate a benchmark dataset of N interviews (about 1,500 words each) with experts and tags."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=1000, help="How many interviews.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force", action="store_true", help="Add the dataset even if the database has interviews."
        )

    def handle(self, *args, size, seed, force, **options):
        if size < 1:
            raise CommandError("--size must be at least 1.")
        if Interview.objects.exists() and not force:
            raise CommandError("The database already has interviews; use an empty one or pass --force.")
        started = time.monotonic()
        data = Dataset(size, seed)
        tags = self.make_tags(data)
        experts = self.make_experts(data)
        job = Job(
            data=data,
            tags=tags,
            experts=experts,
            now=timezone.now(),
            first_interview_id=bulk.reserve_ids(Interview, size),
            first_block_id=bulk.reserve_ids(Block, size * MAX_BLOCKS),
        )
        batches = [range(start, min(size, start + BATCH)) for start in range(0, size, BATCH)]
        # Inside a transaction (tests), other connections could not see the experts and tags just
        # added: write in line there.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with bulk.without_full_text_index():
                try:
                    self.progress(bulk.write_in_processes(job, batches))
                except RuntimeError as error:
                    raise CommandError(str(error)) from error
        else:
            bulk.start_writer()
            self.progress(bulk.write_batch(job, numbers) for numbers in batches)
        inserted = time.monotonic()
        # Statistics first: scoring related lists joins the link tables just filled.
        bulk.vacuum(Interview, InterviewExpert, TaggedInterview, SearchEntry)
        self.score_related()
        bulk.vacuum(RelatedInterview)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # every other table
        self.stdout.write(
            f"Generated {size} interviews, {len(experts)} experts and {len(tags)} tags in "
            f"{time.monotonic() - started:.0f} s (rows and search vectors {inserted - started:.0f} s, "
            f"related lists and statistics {time.monotonic() - inserted:.0f} s)."
        )

    def score_related(self):
        """Work out every related list, one slice of the interviews per CPU in parallel."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            refresh_all_related()
            return
        ids = list(Interview.objects.order_by("pk").values_list("pk", flat=True))
        workers = max(1, os.cpu_count() or 1)
        step = -(-len(ids) // workers)

        def score(part):
            try:
                refresh_all_related(part, exclusive=False)
            finally:
                connections.close_all()

        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(score, [ids[i : i + step] for i in range(0, len(ids), step)]))

    def make_tags(self, data):
        names = data.tag_names()
        existing = set(Tag.objects.values_list("name", flat=True))
        new = sorted(names - existing)
        Tag.objects.bulk_create([Tag(name=name, slug=slugify(name)) for name in new], batch_size=1000)
        return list(Tag.objects.filter(name__in=names).only("name", "slug"))

    def make_experts(self, data):
        made = Expert.objects.bulk_create(data.experts(Expert.objects.count()), batch_size=1000)
        # Made here, so without translations; the parts rendered for them ask for those.
        for start in range(0, len(made), 500):
            prefetch_related_objects(made[start : start + 500], "translations")
        return made

    def progress(self, counts):
        written = 0
        for count in counts:
            written += count
            if self.stdout.isatty():
                self.stdout.write(f"  {written} interviews", ending="\r")
