"""Refresh what is derived from interviews once per transaction, when it commits.

Receivers (interviews.signals, and apps that plug in, such as cms.reports) only mark what a
change outdates: mark([5], BODY, SEARCH) says interview 5 needs its stored body and its search
columns again. The first mark of a transaction registers one on-commit callback. It refreshes
each marked interview once, reading the rows of all of them with a few queries, then sends
`interviews_refreshed` (for apps with derived data of their own), queues the jobs that follow
(neighbours' related lists, image renditions), has the CDN purge the pages that show what
changed, and starts a new page-cache generation. Marks made in a transaction that rolls back
are dropped with it.

The batch of marks is held only by the callback Django keeps for the transaction; this module
keeps a weak reference to find it again. When the transaction, or the savepoint the batch was
registered in, rolls back, Django drops the callback, the batch goes with it, and the next mark
starts a new batch with a new callback. Marks made in a savepoint rolled back later, under a
batch registered before it, are refreshed with the rest: the refresh reads the committed rows.

With settings.REFRESH_AT_ONCE (the tests', whose TestCase never commits), every mark refreshes
at once and purges after the commit, as the jobs run at once there.
"""

import threading
import weakref
from collections import defaultdict

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.dispatch import Signal

from cms.jobs.jobs import enqueue_unless_waiting
from cms.pagecache.middleware import new_generation
from interviews import keys, renditions
from interviews.derived import BODY, CONTENT, PARTS, SEARCH, refresh_content
from interviews.models import Interview
from interviews.related import refresh_related
from interviews.tasks import make_image_renditions, refresh_neighbours

# What a change can outdate: the stored body, the search columns, the page parts
# (interviews.derived), and the related lists (the interview's own, and by a job those of the
# interviews sharing an expert or a topic with it).
RELATED = "related"
__all__ = ["BODY", "CONTENT", "PARTS", "RELATED", "SEARCH", "changed", "image_saved", "mark"]

# Sent once the marked interviews are refreshed, with `changes`: {interview id: set of what}.
interviews_refreshed = Signal()

_batches = threading.local()


class Batch:
    """What one transaction changed, refreshed when it commits."""

    def __init__(self, using):
        self.using = using
        self.changes = defaultdict(set)
        self.former_experts = defaultdict(set)
        self.former_topics = defaultdict(set)
        self.keys = set()
        self.images = defaultdict(set)
        self.registered = False
        self.committed = False

    def commit(self):
        self.committed = True  # what is marked from here on belongs to the next transaction
        refresh(self)
        publish(self)


def mark(interview_ids, *what, former_experts=(), former_topics=(), using=None):
    """Note that these interviews need `what` (BODY, SEARCH, PARTS, RELATED) refreshed.

    former_experts and former_topics were just taken off them: their pages, and with RELATED
    their interviews' lists, may still name them.
    """
    ids = list(interview_ids)
    batch = _batch(using)
    for pk in ids:
        batch.changes[pk].update(what)
        batch.former_experts[pk].update(former_experts)
        batch.former_topics[pk].update(former_topics)
    _marked(batch)


def changed(page_keys=(), using=None):
    """Note that public pages changed: purge those carrying `page_keys`, and start a new generation."""
    batch = _batch(using)
    batch.keys.update(page_keys)
    _marked(batch)


def image_saved(name, interview_ids, using=None):
    """Queue, after the commit, the renditions of an uploaded image shown by these interviews."""
    batch = _batch(using)
    batch.images[name].update(interview_ids)
    _marked(batch)


def _batch(using):
    alias = using or DEFAULT_DB_ALIAS
    found = getattr(_batches, alias, None)
    batch = found() if found else None
    if batch is None or batch.committed:
        batch = Batch(alias)
        setattr(_batches, alias, weakref.ref(batch))
    return batch


def _marked(batch):
    at_once = settings.REFRESH_AT_ONCE
    if at_once:
        refresh(batch)
        publish(batch)
    elif not batch.registered:
        # This connection's own reads see the change before the commit; what other readers
        # render meanwhile, from the rows as they were, the generation started after it outdates.
        new_generation()
    if not batch.registered:
        batch.registered = True
        # Outside a transaction, this runs at once.
        transaction.on_commit(batch.commit, using=batch.using)


def refresh(batch):
    """Refresh what the batch marked, and queue the jobs that follow."""
    changes, batch.changes = batch.changes, defaultdict(set)
    images, batch.images = batch.images, defaultdict(set)
    # A new image's job stores the pages showing it (make_image_renditions).
    with renditions.deferred():
        refresh_content({pk: what for pk, what in changes.items() if what & set(CONTENT)})
    related = sorted(pk for pk, what in changes.items() if RELATED in what)
    refresh_related(related)
    if changes:
        interviews_refreshed.send(sender=Interview, changes=changes, using=batch.using)
    for pk in related:
        enqueue_unless_waiting(
            refresh_neighbours,
            pk,
            former_experts=sorted(batch.former_experts[pk]),
            former_topics=sorted(batch.former_topics[pk]),
        )
    for name, shown in images.items():
        enqueue_unless_waiting(make_image_renditions, name, interview_ids=sorted(shown))
    if changes and keys.purging():
        experts = {expert for pk in changes for expert in batch.former_experts[pk]}
        topics = {topic for pk in changes for topic in batch.former_topics[pk]}
        batch.keys.update(keys.shown_with(sorted(changes), experts, topics))
    batch.former_experts.clear()
    batch.former_topics.clear()


def publish(batch):
    """Have the CDN purge the pages showing what changed, and start a new page-cache generation."""
    page_keys, batch.keys = sorted(batch.keys), set()
    if page_keys:
        keys.purge(page_keys)  # once the transaction commits; at once after it
    new_generation()
