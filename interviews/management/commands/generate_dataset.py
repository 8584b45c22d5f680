"""Fill the database with a realistic archive of made-up interviews, for benchmarks.

Rows go in with bulk inserts in batches of BATCH interviews. On PostgreSQL one process per CPU
makes up and writes batches at the same time: COPY for blocks, credits and tags, and for the
interviews COPY into a staging table then one INSERT … SELECT that computes their search vectors
(interviews.search.search_vectors) on the way in, rather than updating every row afterwards.
The rendered body and page parts are written with the rows, as the site stores them on save.
The related lists are then scored a slice of the interviews per CPU in parallel
(interviews.related.refresh_all_related).

Each batch draws from its own random generator, seeded from --seed and its first number, and its
rows' ids follow their numbers, so a dataset is the same however many processes made it.
"""

import itertools
import multiprocessing
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries, transaction
from django.db.models import prefetch_related_objects
from django.db.models.sql import Query
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from interviews.body import render_body
from interviews.models import Block, Expert, Interview, InterviewExpert, RelatedInterview, TaggedInterview
from interviews.page_parts import render_parts
from interviews.related import refresh_all_related
from interviews.search import CONFIGS, search_vectors

SYLLABLES = ["ka", "ra", "ta", "mi", "su", "lo", "ne", "ve", "dar", "ist", "an", "gor", "bek", "ul", "sha"]
# Short common words, so the text has the rhythm (and the stop words) of real prose.
COMMON = ["the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "on", "with"]
FIRST_NAMES = ["Aida", "Bakyt", "Dana", "Erlan", "Farida", "Gulnara", "Ilyas", "Jamila", "Kairat", "Leila"]
LAST_NAMES = ["Sultan", "Umarov", "Abdullaev", "Karimova", "Nazarov", "Tursunova", "Ibragimov"]
POSITIONS = ["Research fellow", "Professor", "Senior analyst", "Director", "Economist", "Journalist"]
AFFILIATIONS = ["Institute of Regional Studies", "State University", "Policy Centre", "Independent"]
# Shares of interviews by status; the rest are published in the past.
DRAFT_SHARE, REVIEW_SHARE, UNPUBLISHED_SHARE, SCHEDULED_SHARE = 0.05, 0.01, 0.01, 0.02
BODY_WORDS = 1500
VOCABULARY, SENTENCES = 40_000, 20_000
BATCH = 1000
MAX_BLOCKS = 30  # Dataset.blocks() makes 20 to 30


class Dataset:
    """Random but repeatable content: a vocabulary, a pool of sentences, experts and tags."""

    def __init__(self, size, seed):
        self.size, self.seed = size, seed
        self.rng = random.Random(seed)
        vocabulary = set()
        # Real prose has a long tail of rare words, so a search term matches a few interviews.
        while len(vocabulary) < VOCABULARY:
            vocabulary.add("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 5))))
        self.words = sorted(vocabulary)
        # Zipf-like weights: some words (and so some tags) are common and most are rare.
        weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        self.sentences = []
        for _ in range(SENTENCES):
            words = self.rng.choices(self.words, cum_weights=weights, k=self.rng.randint(6, 14))
            for position in self.rng.sample(range(len(words)), len(words) // 3):
                words[position] = self.rng.choice(COMMON)
            self.sentences.append(" ".join(words).capitalize() + ".")
        self.tag_count = max(300, min(3000, size // 30))
        self.expert_count = max(50, size // 8)

    def text(self, words):
        """Return sentences adding up to about `words` words."""
        sentences, count = [], 0
        while count < words:
            sentence = self.rng.choice(self.sentences)
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def name(self, n):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)} {n}"

    def status(self, now):
        draw = self.rng.random()
        for share, status in (
            (DRAFT_SHARE, Interview.Status.DRAFT),
            (REVIEW_SHARE, Interview.Status.REVIEW),
        ):
            if draw < share:
                return status, None
            draw -= share
        past = now - timedelta(minutes=self.rng.randint(60, 20 * 525_600))
        if draw < UNPUBLISHED_SHARE:
            return Interview.Status.UNPUBLISHED, past
        if draw < UNPUBLISHED_SHARE + SCHEDULED_SHARE:
            return Interview.Status.PUBLISHED, now + timedelta(minutes=self.rng.randint(10, 30 * 1440))
        return Interview.Status.PUBLISHED, past

    def blocks(self):
        """Return 20-30 (kind, html, anchor) blocks of about BODY_WORDS words: questions and answers."""
        count = self.rng.randint(20, MAX_BLOCKS)
        answer_words = (BODY_WORDS - 10 * (count // 2)) // (count - count // 2)
        blocks = []
        for i in range(count):
            if i % 2 == 0:
                blocks.append(("question", self.text(8).rstrip(".") + "?", f"q-{i // 2 + 1}"))
            else:
                blocks.append(("answer", self.text(answer_words), ""))
        return blocks


def reserve_ids(model, count):
    """Return the first of `count` new consecutive primary keys for rows of `model`.

    The command is the only writer while it runs (the dataset goes into an empty database).
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "nextval(pg_get_serial_sequence(%s, 'id')) + %s - 1)",
                [table, table, count],
            )
            return cursor.fetchone()[0] - count + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0] + 1


def write_interviews(batch):
    """Insert one batch of interviews with their blocks, experts and tags, in one transaction."""
    rows, block_lists, parts = batch
    with transaction.atomic():
        insert_interviews(rows)
        block_rows, credit_rows, tag_rows = [], [], []
        for interview, blocks, (_texts, credited, chosen) in zip(rows, block_lists, parts, strict=True):
            block_rows += [
                (b.pk, interview.pk, b.order, b.kind, b.text, "", "", "", False, b.anchor) for b in blocks
            ]
            credit_rows += [
                (interview.pk, credit.expert_id, order, credit.role, credit.bio)
                for order, credit in enumerate(credited)
            ]
            tag_rows += [(interview.pk, tag.pk) for tag in chosen]
        block_fields = ["id", "interview", "order", "kind", "text", "image", "caption", "credit"]
        insert(Block, [*block_fields, "reuse_allowed", "anchor"], block_rows)
        insert(InterviewExpert, ["interview", "expert", "order", "role", "bio"], credit_rows)
        insert(TaggedInterview, ["content_object", "tag"], tag_rows)
    reset_queries()  # this connection's own log, with DEBUG on


def insert(model, fields, rows):
    """Insert rows (tuples in `fields` order): COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        copy(model._meta.db_table, [model._meta.get_field(field).column for field in fields], rows)
    else:
        names = [model._meta.get_field(field).attname for field in fields]
        model.objects.bulk_create(
            [model(**dict(zip(names, row, strict=True))) for row in rows], batch_size=2000
        )


def copy(table, columns, rows):
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as stream:
        for row in rows:
            stream.write_row(row)


def insert_interviews(rows):
    """Insert interviews whose primary keys are set; on PostgreSQL, with their search vectors."""
    if connection.vendor != "postgresql":
        Interview.objects.bulk_create(rows)
        return
    vectors = search_vectors()
    fields = staged_fields()
    columns = [field.column for field in fields]
    copy(
        "interview_stage",
        columns,
        ([field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields] for row in rows),
    )
    # The vectors' expressions compile to columns of the interviews' table: the staging table
    # takes its name in the SELECT, where that table itself is not in scope.
    query = Query(Interview)
    compiler = query.get_compiler(connection=connection)
    compiled = [compiler.compile(expression.resolve_expression(query)) for expression in vectors.values()]
    quote, table = connection.ops.quote_name, quote_table()
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}, {', '.join(quote(column) for column in vectors)}) "
            f"SELECT {names}, {', '.join(sql for sql, _params in compiled)} FROM interview_stage AS {table}",
            [param for _sql, params in compiled for param in params],
        )
        cursor.execute("TRUNCATE interview_stage")


def quote_table():
    return connection.ops.quote_name(Interview._meta.db_table)


def staged_fields():
    """Return the interviews' fields that go through the staging table: all but the vectors."""
    vectors = search_vectors()
    return [field for field in Interview._meta.concrete_fields if field.column not in vectors]


def start_writer():
    """Prepare a connection that writes batches: quick commits and its own staging table."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        # Made-up rows: losing the last moments of them in a crash costs nothing.
        cursor.execute("SET synchronous_commit TO off")
        columns = ", ".join(connection.ops.quote_name(field.column) for field in staged_fields())
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS interview_stage "
            f"AS SELECT {columns} FROM {quote_table()} WITH NO DATA"
        )


def make_interviews(data, numbers, tags, experts, now, ids):
    """Return a batch of made-up interviews, their blocks and their credits, for write_interviews."""
    rng = data.rng = random.Random(f"{data.seed}/{numbers.start}")
    rows, parts = [], []
    for n in numbers:
        status, publish_at = data.status(now)
        language = "ru" if rng.random() < 0.2 else "en"
        title = data.text(8).split(".")[0][:120]
        lead = data.text(40)
        blocks = data.blocks()
        credited = [
            InterviewExpert(expert=expert, role=expert.role, bio=expert.short_bio)
            for expert in rng.sample(experts, rng.choice((1, 1, 2)))
        ]
        chosen = rng.sample(tags, rng.randint(3, 6))
        names = [credit.expert.name for credit in credited] + [tag.name for tag in chosen]
        rows.append(
            Interview(
                title=title,
                slug=f"{slugify(title[:60])}-{n}",
                lead=lead,
                language=language,
                byline="Interview by " + data.name(n),
                interviewer_label="Meridian",
                status=status,
                publish_at=publish_at,
                status_changed_at=publish_at,
                search_text="\n".join([lead, *(text for _kind, text, _anchor in blocks)]),
                search_names=" · ".join(names),
                search_config=CONFIGS.get(language, "simple"),
            )
        )
        parts.append((blocks, credited, chosen))
    block_lists = []
    for n, interview, (texts, credited, chosen) in zip(numbers, rows, parts, strict=True):
        # Ids follow the numbers, so a dataset is the same whichever process wrote which batch.
        interview.pk = ids["interview"] + n
        blocks = [
            Block(
                pk=ids["block"] + n * MAX_BLOCKS + order,
                order=order,
                kind=kind,
                text=f"<p>{text}</p>",
                anchor=anchor,
            )
            for order, (kind, text, anchor) in enumerate(texts)
        ]
        # What the site renders on save (interviews.body, interviews.page_parts).
        interview.body_html = render_body(interview, blocks, to_store=True, credits=credited)
        interview.page_parts = render_parts(interview, credited, chosen, {}, blocks, to_store=True)
        block_lists.append(blocks)
    return rows, block_lists, parts


@contextmanager
def without_full_text_index():
    """Drop the interviews' GIN indexes, and build them again afterwards: quicker than row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [Interview._meta.db_table, "%USING gin%"],
        )
        gin_indexes = cursor.fetchall()
        for name, _definition in gin_indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '512MB'")
            for _name, definition in gin_indexes:
                cursor.execute(definition)


# What the processes writing batches inherit from the command (they are forked after it is set).
_JOB = {}


def write_batch(start):
    """Make up and write the batch of interviews numbered from `start`; return how many."""
    data, tags, experts, now = _JOB["dataset"], _JOB["tags"], _JOB["experts"], _JOB["now"]
    numbers = range(start, min(data.size, start + BATCH))
    write_interviews(make_interviews(data, numbers, tags, experts, now, _JOB["ids"]))
    return len(numbers)


def in_parallel(ids, work):
    """Run work(part) on one slice of ids per CPU at the same time, each on its own connection."""
    workers = max(1, os.cpu_count() or 1)
    step = -(-len(ids) // workers)

    def run(part):
        try:
            work(part)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(run, [ids[i : i + step] for i in range(0, len(ids), step)]))


def vacuum(*models):
    """On PostgreSQL, gather these tables' statistics and visibility map (VACUUM ANALYZE)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The visibility map lets list pages count and page, and related interviews find
        # candidates, with index-only scans (autovacuum would set it, in its own time).
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(model._meta.db_table for model in models)}")


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
        ids = {"interview": reserve_ids(Interview, size), "block": reserve_ids(Block, size * MAX_BLOCKS)}
        _JOB.update(dataset=data, tags=tags, experts=experts, now=timezone.now(), ids=ids)
        starts = range(0, size, BATCH)
        # Inside a transaction (tests), other connections could not see the experts and tags just
        # added: write in line there.
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with without_full_text_index():
                connections.close_all()  # the processes forked below must not share its socket
                fork = multiprocessing.get_context("fork")
                with ProcessPoolExecutor(os.cpu_count() or 1, fork, initializer=start_writer) as pool:
                    self.progress(pool.map(write_batch, starts))
        else:
            start_writer()
            self.progress(write_batch(start) for start in starts)
        inserted = time.monotonic()
        # Statistics first: scoring related lists joins the link tables just filled.
        vacuum(Interview, InterviewExpert, TaggedInterview)
        self.score_related()
        vacuum(RelatedInterview)
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
        in_parallel(ids, lambda part: refresh_all_related(part, exclusive=False))

    def make_tags(self, data):
        names = set()
        while len(names) < data.tag_count:
            names.add(" ".join(data.rng.sample(data.words[:1500], 2)))
        existing = set(Tag.objects.values_list("name", flat=True))
        new = sorted(names - existing)
        Tag.objects.bulk_create([Tag(name=name, slug=slugify(name)) for name in new], batch_size=1000)
        return list(Tag.objects.filter(name__in=names).only("name", "slug"))

    def make_experts(self, data):
        offset = Expert.objects.count()
        experts = []
        for n in range(offset, offset + data.expert_count):
            name = data.name(n)
            experts.append(
                Expert(
                    name=name,
                    slug=slugify(name),
                    position=data.rng.choice(POSITIONS),
                    affiliation=data.rng.choice(AFFILIATIONS),
                    short_bio=data.text(40),
                    bio=f"<p>{data.text(120)}</p>",
                )
            )
        made = Expert.objects.bulk_create(experts, batch_size=1000)
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
