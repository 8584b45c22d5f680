"""The page cache's entries, and how a change outdates only the pages that show it.

Every public page carries the names of what it shows (cms/pagecache/keys.py: the same names a
CDN is sent). Outdating names works with a clock, a counter in the shared cache:

- A request that may be stored reads the clock before its view runs, and its entry keeps that
  reading and the page's names.
- outdate(names) runs after a change has committed. It advances the clock and stores, for each
  name, a marker holding the new reading and the time.
- An entry is outdated when a marker of one of its names is newer than its own reading: the
  change committed after the page's view began, so the page may show the rows as they were.
  While the clock has not moved since an entry was stored, no marker is read at all.

An outdated or expired entry is kept for PAGE_CACHE_STALE_SECONDS more. Within that time one
request claims the rebuild and renders the page, while the others get the previous copy
(X-Cache: STALE) instead of all rendering it at once. A rebuild that cannot be stored (the page
is gone, or failed) drops the old copy, so nobody is served it any longer.

What keeps this right when the cache is shared by many processes and machines: the clock only
moves up (INCR on Redis). Markers never expire, so neither an expiry nor Redis' volatile-*
eviction can lose one while a page it outdates is kept (one marker per object ever changed: a
few megabytes). The database cache culls keys in name order, so entries ("pagecache:entry:")
go before markers ("pagecache:outdated:"). If the clock itself is lost, it starts again from the
time in microseconds, which is above any reading taken before.
"""

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

CLOCK_KEY = "pagecache:clock"
NEXT_CHANGE_KEY = "pagecache:next-change"
NOTHING_SCHEDULED = 0
ENTRY_PREFIX = "pagecache:entry:"
MARKER_PREFIX = "pagecache:outdated:"
REBUILD_PREFIX = "pagecache:rebuild:"


@dataclass
class Lookup:
    """What the cache holds for a page: the clock read now, the entry, and whether it may be served."""

    clock: int
    entry: dict | None = None
    fresh: bool = False
    stale_servable: bool = False


def start_clock():
    """Return the clock, starting it (from the time in microseconds) if the cache has none."""
    cache.add(CLOCK_KEY, time.time_ns() // 1000, timeout=None)
    return cache.get(CLOCK_KEY)


def _tick():
    """Advance the clock and return its new reading, or None when the cache did not answer."""
    try:
        value = cache.incr(CLOCK_KEY)
    except ValueError:  # no clock yet
        start_clock()
        value = cache.incr(CLOCK_KEY)
    # cms.cache answers 1 (a counter just started) while Redis is down; a real reading is far above.
    return value if value and value > 1 else None


def outdate(names):
    """Outdate every cached page carrying any of these names. Call it after the change committed."""
    names = sorted(set(names))
    if not names or not settings.PAGE_CACHE_SECONDS:
        return
    try:
        clock = _tick()
        if clock is None:
            raise ConnectionError("the cache did not advance the clock")
        now = time.time()
        cache.set_many({MARKER_PREFIX + name: (clock, now) for name in names}, timeout=None)
        cache.delete(NEXT_CHANGE_KEY)  # the change may have scheduled something
    except Exception:
        # Pages then live until PAGE_CACHE_SECONDS at most; a save must not fail over it.
        logger.warning("Page cache not invalidated: cache unavailable", exc_info=True)


def next_change(now):
    """Return the timestamp of the next change no save announces (a publication), or NOTHING_SCHEDULED.

    No entry is kept past it: settings.PAGE_CACHE_NEXT_CHANGE names the function that knows it.
    """
    value = cache.get(NEXT_CHANGE_KEY)
    if value is not None:
        if value == NOTHING_SCHEDULED or value > now:
            return value
        cache.delete(NEXT_CHANGE_KEY)
    changes_at = import_string(settings.PAGE_CACHE_NEXT_CHANGE)() if settings.PAGE_CACHE_NEXT_CHANGE else None
    value = changes_at.timestamp() if changes_at else NOTHING_SCHEDULED
    timeout = math.ceil(value - now) if value else settings.PAGE_CACHE_SECONDS
    # add, not set: a change made meanwhile may have stored a fresher answer.
    cache.add(NEXT_CHANGE_KEY, value, timeout=max(1, timeout))
    return value


def look_up(key):
    """Return the Lookup of the entry stored under key (one round trip while nothing changed)."""
    found = cache.get_many([CLOCK_KEY, ENTRY_PREFIX + key])
    clock = found.get(CLOCK_KEY)
    if clock is None:
        clock = start_clock()
    entry = found.get(ENTRY_PREFIX + key)
    if entry is None:
        return Lookup(clock)
    now = time.time()
    ends = [entry["until"]] if entry["until"] <= now else []
    if entry["clock"] != clock:
        markers = cache.get_many([MARKER_PREFIX + name for name in entry["names"]])
        ends += [at for reading, at in markers.values() if reading > entry["clock"]]
    if not ends:
        return Lookup(clock, entry, fresh=True)
    return Lookup(clock, entry, stale_servable=now - min(ends) <= settings.PAGE_CACHE_STALE_SECONDS)


def claim_rebuild(key):
    """Return whether this request is the one to rebuild an outdated page (the others get it stale)."""
    return cache.add(REBUILD_PREFIX + key, 1, timeout=max(1, settings.PAGE_CACHE_STALE_SECONDS))


def store(key, entry, until, now):
    """Store an entry, kept PAGE_CACHE_STALE_SECONDS past `until` to be served while rebuilt."""
    timeout = max(1, math.ceil(until - now) + settings.PAGE_CACHE_STALE_SECONDS)
    cache.set(ENTRY_PREFIX + key, {**entry, "until": until}, timeout=timeout)
    cache.delete(REBUILD_PREFIX + key)


def drop(key):
    """Forget a page's entry and its rebuild claim: its rebuild could not be stored."""
    cache.delete_many([ENTRY_PREFIX + key, REBUILD_PREFIX + key])
