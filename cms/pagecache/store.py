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
moves up. On Redis it is a counter there (INCR). The database cache's incr() reads and then
writes, so with it the count lives in the database (models.Clock, one atomic UPDATE per change)
and the cache keeps a copy for every request to read, which may lag: a lower reading only
outdates more.
Markers never expire, so neither an expiry nor Redis' volatile-* eviction can lose one while a
page it outdates is kept (one marker per object ever changed: a few megabytes). The database
cache culls keys in name order, so entries ("pagecache:entry:") go before the clock and the
markers ("pagecache:state:").
"""

import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.db import connection
from django.utils.module_loading import import_string
from django_redis.cache import RedisCache

from cms.pagecache.models import Clock

logger = logging.getLogger(__name__)

# The name every public page carries (cms/pagecache/keys.py): outdating it outdates every page
# and every memo.
SITE = "site"
# Named so that the database cache, which culls keys in name order, drops entries and memos
# before the rebuild claims and those before the clock and the markers ("state").
CLOCK_KEY = "pagecache:state:clock"
NEXT_CHANGE_KEY = "pagecache:state:next-change"
NOTHING_SCHEDULED = 0
ENTRY_PREFIX = "pagecache:entry:"
MARKER_PREFIX = "pagecache:state:outdated:"
REBUILD_PREFIX = "pagecache:rebuild:"
MEMO_PREFIX = "pagecache:memo:"
# Caches whose incr() is one step however many processes share them.
ATOMIC_COUNTERS = (RedisCache, DjangoRedisCache, LocMemCache)
# How long remember() keeps a value at most while the page cache itself is off.
MEMO_SECONDS = 300


@dataclass
class Lookup:
    """What the cache holds for a page: the clock read now, the entry, and whether it may be served."""

    clock: int
    entry: dict | None = None
    fresh: bool = False
    stale_servable: bool = False


def _incr_is_atomic():
    """Return whether the cache adds to a counter in one step across processes (Redis, or a
    local-memory cache, which one process keeps to itself), so the clock can live there."""
    return isinstance(caches[DEFAULT_CACHE_ALIAS], ATOMIC_COUNTERS)


def start_clock():
    """Return the cache's clock, starting it if the cache has none.

    Where the cache counts, it starts from the time in microseconds: above every reading taken
    before it was lost, since far fewer changes than microseconds have passed. Where the
    database counts (models.Clock), the cache holds a copy, which starts again at 0: a copy
    below the real count only outdates more, until the next change sets it.
    """
    cache.add(CLOCK_KEY, time.time_ns() // 1000 if _incr_is_atomic() else 0, timeout=None)
    return cache.get(CLOCK_KEY, 0)


def _tick():
    """Advance the clock and return its new reading, or None if the cache did not answer."""
    if _incr_is_atomic():
        try:
            value = cache.incr(CLOCK_KEY)
        except ValueError:  # no clock yet
            start_clock()
            value = cache.incr(CLOCK_KEY)
        # cms.cache answers 1 (a counter just started) while Redis is down; a reading is far above.
        return value if value and value > 1 else None
    table = connection.ops.quote_name(Clock._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET value = value + 1 WHERE id = 1 RETURNING value")  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # the row migrate makes is gone
        Clock.objects.get_or_create(pk=1)
        return _tick()
    return row[0]


def outdate(names):
    """Outdate every cached page carrying any of these names. Call it after the change committed."""
    names = sorted(set(names))
    if not names:
        return
    clock = _tick()
    if clock is None:
        logger.warning("Page cache not invalidated: cache unavailable")
        return
    markers = {MARKER_PREFIX + name: (clock, time.time()) for name in names}
    for attempt in range(2):  # once more after a passing failure (a locked database cache)
        try:
            # Markers first: a reader that sees the new copy of the clock finds them already there.
            cache.set_many(markers, timeout=None)
            if not _incr_is_atomic():
                # The database counts; the cache holds its copy. Where the cache counts, setting
                # the counter would take it back below a change that ended meanwhile, and the next
                # change would get that change's reading again.
                cache.set(CLOCK_KEY, clock, timeout=None)
            cache.delete(NEXT_CHANGE_KEY)  # the change may have scheduled something
            return
        except Exception:
            if attempt:
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


def kept_until(now, seconds):
    """Return when something stored now for `seconds` must end: then, or at the next change no
    save announces, whichever comes first."""
    until = now + seconds
    scheduled = next_change(now)
    return until if scheduled == NOTHING_SCHEDULED else min(until, scheduled)


def _read(key):
    """Return (the clock now, what the cache holds under key): one round trip."""
    found = cache.get_many([CLOCK_KEY, key])
    clock = found.get(CLOCK_KEY)
    return (start_clock() if clock is None else clock), found.get(key)


def _outdated_at(reading, clock, names):
    """Return when changes after `reading` outdated any of `names` (empty: none did). While the
    clock still shows `reading`, nothing changed and no marker is read."""
    if reading == clock:
        return []
    markers = cache.get_many([MARKER_PREFIX + name for name in names])
    return [at for marked, at in markers.values() if marked > reading]


def look_up(key):
    """Return the Lookup of the entry stored under key (one round trip while nothing changed)."""
    clock, entry = _read(ENTRY_PREFIX + key)
    if entry is None:
        return Lookup(clock)
    now = time.time()
    ends = [entry["until"]] if entry["until"] <= now else []
    ends += _outdated_at(entry["clock"], clock, entry["names"])
    if not ends:
        return Lookup(clock, entry, fresh=True)
    return Lookup(clock, entry, stale_servable=now - min(ends) <= settings.PAGE_CACHE_STALE_SECONDS)


def remember(key, names, compute):
    """Return compute()'s value, kept in the cache until a change outdates one of `names` (or
    SITE, as every page) or the next scheduled change comes: what many pages need and is slow
    to work out (a count)."""
    return remember_named(key, lambda: (compute(), names))


def remember_named(key, compute):
    """As remember(), for a value whose names are known once it is worked out: compute()
    returns (value, names)."""
    try:
        clock, memo = _read(MEMO_PREFIX + key)
        now = time.time()
        # (A memo kept before memos had names is worked out again.)
        if (
            memo
            and "names" in memo
            and memo["until"] > now
            and not _outdated_at(memo["clock"], clock, memo["names"])
        ):
            return memo["value"]
    except Exception:
        logger.warning("Memo skipped: cache unavailable", exc_info=True)
        return compute()[0]
    value, names = compute()
    try:
        until = kept_until(now, settings.PAGE_CACHE_SECONDS or MEMO_SECONDS)
        timeout = max(1, math.ceil(until - now))
        memo = {"clock": clock, "until": until, "names": [SITE, *names], "value": value}
        cache.set(MEMO_PREFIX + key, memo, timeout=timeout)
    except Exception:
        logger.warning("Memo not kept: cache unavailable", exc_info=True)
    return value


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
