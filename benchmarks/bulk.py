"""Writing the made-up interviews fast: COPY on PostgreSQL, bulk_create elsewhere, in parallel.

On PostgreSQL one process per CPU makes up and writes batches at the same time: COPY for the
interviews, their blocks, credits and tags, then the site's own set-based UPDATE of the search
vectors and search entries (interviews.derived.store_search_vectors), with the full-text indexes
dropped meanwhile and built again at the end.
"""

import multiprocessing
import os
from contextlib import contextmanager, suppress
from queue import Empty

from django.db import connection, connections, reset_queries, transaction

from benchmarks.dataset import make_interviews
from interviews.derived import store_search_vectors
from interviews.models import Block, Interview, InterviewExpert, SearchEntry, TaggedInterview


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


def write_batch(job, numbers):
    """Make up and insert the interviews numbered `numbers`, with what they hold, in one transaction."""
    rows, block_lists, parts = make_interviews(job, numbers)
    with transaction.atomic():
        insert(Interview, [field.attname for field in Interview._meta.concrete_fields], rows)
        store_search_vectors([row.pk for row in rows])
        insert(Block, [], [block for blocks in block_lists for block in blocks])
        credits, tags = [], []
        for interview, (credited, chosen) in zip(rows, parts, strict=True):
            for order, credit in enumerate(credited):
                credit.interview, credit.order = interview, order
                credits.append(credit)
            tags += [TaggedInterview(content_object=interview, tag=tag) for tag in chosen]
        insert(InterviewExpert, ["interview_id", "expert_id", "order", "role", "bio"], credits)
        insert(TaggedInterview, ["content_object_id", "tag_id"], tags)
    reset_queries()  # this connection's own log, with DEBUG on
    return len(rows)


def insert(model, fields, instances):
    """Insert unsaved instances: COPY of `fields` (attnames) on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(instances, batch_size=2000)
        return
    fields = [model._meta.get_field(name) for name in fields or concrete_attnames(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as stream:
        for instance in instances:
            stream.write_row(
                [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
            )


def concrete_attnames(model):
    return [field.attname for field in model._meta.concrete_fields]


def start_writer():
    """Prepare this process's connection for writing batches."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Made-up rows: losing the last moments of them in a crash costs nothing.
            cursor.execute("SET synchronous_commit TO off")


def write_share(job, batches, queue):
    """Write these batches on a connection of this process's own, putting each one's size on queue."""
    start_writer()
    for numbers in batches:
        queue.put(write_batch(job, numbers))
    connections.close_all()


def write_in_processes(job, batches):
    """Write the batches in one forked process per CPU; yield each batch's size as it is written."""
    connections.close_all()  # the processes forked below must not share its socket
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = max(1, min(os.cpu_count() or 1, len(batches)))
    # Forked, each process starts with the job in memory: nothing is pickled but the counts.
    processes = [
        context.Process(target=write_share, args=(job, batches[worker::workers], queue))
        for worker in range(workers)
    ]
    for process in processes:
        process.start()
    while any(process.is_alive() for process in processes) or not queue.empty():
        with suppress(Empty):
            yield queue.get(timeout=0.2)
    failed = [process.exitcode for process in processes if process.exitcode]
    if failed:
        raise RuntimeError(f"{len(failed)} of {workers} writing processes failed (see above)")


@contextmanager
def without_full_text_index():
    """Drop the interviews' and search entries' GIN indexes, and build them again afterwards:
    quicker than row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexdef LIKE %s",
            [[Interview._meta.db_table, SearchEntry._meta.db_table], "%USING gin%"],
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


def vacuum(*models):
    """On PostgreSQL, gather these tables' statistics and visibility map (VACUUM ANALYZE)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The visibility map lets list pages count and page, and related interviews find
        # candidates, with index-only scans (autovacuum would set it, in its own time).
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {', '.join(model._meta.db_table for model in models)}")
