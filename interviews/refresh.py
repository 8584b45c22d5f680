"""Refresh what is derived from interviews once per transaction, when it commits.

Receivers (interviews.signals, and apps that plug in, such as cms.reports) only mark what a
change outdates: mark([5], BODY, SEARCH) says interview 5 needs its stored body and its search
columns again. The first mark of a transaction registers one on-commit callback. It refreshes
each marked interview once, reading the rows of all of them with a few queries, then sends
`interviews_refreshed` (for apps with derived data of their own), queues the jobs that follow
(neighbours' related lists, image renditions), and outdates the pages that show what changed,
in the page cache and at a CDN (interviews.keys says which). Marks made in a transaction that
rolls back are dropped with it.

The batch of marks is held only by the callback Django keeps for the transaction; this module
keeps a weak reference to find it again. When the transaction, or the savepoint the batch was
registered in, rolls back, Django drops the callback, the batch goes with it, and the next mark
starts a new batch with a new callback. Marks made in a savepoint rolled back later, under a
batch registered before it, are refreshed with the rest: the refresh reads the committed rows.

With settings.REFRESH_AT_ONCE (the tests', whose TestCase never commits), every mark refreshes
and outdates at once (the CDN's purge still waits for a commit), as the jobs run at once there.
"""

import threading
import weakref
from collections import defaultdict

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, transaction
from django.dispatch import Signal

from cms.jobs.jobs import enqueue_unless_waiting
from interviews import keys, renditions
from interviews.derived import BODY, CONTENT, LISTED, PARTS, SEARCH, refresh_content
from interviews.models import Interview
from interviews.related import refresh_related
from interviews.tasks import make_image_renditions, refresh_neighbours

# What a change can outdate: the stored body, the search columns, the page parts
# (interviews.derived), and the related lists (the interview's own, and by a job those of the
# interviews sharing an expert or a topic with it). LISTED says it moved in the lists (its
# status, publish time or language changed), which outdates more pages (interviews.keys).
RELATED = "related"
__all__ = ["BODY", "CONTENT", "LISTED", "PARTS", "RELATED", "SEARCH", "changed", "image_saved", "mark"]

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
        self.was_listed = {}
        self.keys = set()
        self.images = defaultdict(set)
        self.image_keys = defaultdict(set)
        self.registered = False
        self.committed = False

    def commit(self):
        self.committed = True  # what is marked from here on belongs to the next transaction
        refresh(self)
        publish(self)


def mark(interview_ids, *what, former_experts=(), former_topics=(), was_listed=None, using=None):
    """Note that these interviews need `what` (BODY, SEARCH, PARTS, RELATED, LISTED) refreshed.

    former_experts and former_topics were just taken off them: their pages, and with RELATED
    their interviews' lists, may still name them. was_listed, when the change may have moved
    them, says whether they were published before it.
    """
    ids = list(interview_ids)
    batch = _batch(using)
    for pk in ids:
        batch.changes[pk].update(what)
        batch.former_experts[pk].update(former_experts)
        batch.former_topics[pk].update(former_topics)
        if was_listed is not None:
            batch.was_listed.setdefault(pk, was_listed)  # as it was before the transaction
    _marked(batch)


def changed(page_keys, using=None):
    """Note that the public pages carrying `page_keys` changed: they are outdated after the commit."""
    batch = _batch(using)
    batch.keys.update(page_keys)
    _marked(batch)


def image_saved(name, interview_ids, page_keys=(), using=None):
    """Queue, after the commit, the renditions of an uploaded image shown by these interviews'
    pages and by the pages carrying `page_keys`."""
    batch = _batch(using)
    batch.images[name].update(interview_ids)
    batch.image_keys[name].update(page_keys)
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
    if settings.REFRESH_AT_ONCE:
        refresh(batch)
        publish(batch)
    # What other readers render before the commit, from the rows as they were, the outdating
    # after it covers (cms/pagecache/store.py).
    if not batch.registered:
        batch.registered = True
        # Outside a transaction, this runs at once.
        transaction.on_commit(batch.commit, using=batch.using)


def refresh(batch):
    """Refresh what the batch marked, and queue the jobs that follow."""
    changes, batch.changes = batch.changes, defaultdict(set)
    images, batch.images = batch.images, defaultdict(set)
    image_keys, batch.image_keys = batch.image_keys, defaultdict(set)
    # A new image's job stores the pages showing it (make_image_renditions).
    with renditions.deferred():
        read = refresh_content({pk: what for pk, what in changes.items() if what & set(CONTENT)})
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
        enqueue_unless_waiting(
            make_image_renditions, name, interview_ids=sorted(shown), page_keys=sorted(image_keys[name])
        )
    if changes:
        read.update(keys.load([pk for pk in changes if pk not in read]))
        batch.keys |= keys.outdated_by(
            changes,
            read,
            batch.was_listed,
            batch.former_experts,
            batch.former_topics,
            moved=LISTED,
            regrouped=RELATED,
        )
    batch.former_experts.clear()
    batch.former_topics.clear()
    batch.was_listed.clear()


def publish(batch):
    """Outdate the pages showing what changed, in the page cache and at the CDN."""
    page_keys, batch.keys = batch.keys, set()
    if page_keys:
        # Pages that do not name what they show are outdated by every change readers see.
        keys.outdated(page_keys | {keys.CHANGES})
