"""Name what a public page shows, so the page cache and a CDN drop exactly the pages a save changes.

A view names what its page shows with tag() (the interview, its experts, its topics, the lists
it is on: the app chooses the names); a page that names nothing gets CDN_DEFAULT_KEYS, and every
public page also carries SITE. They are sent as `Surrogate-Key` (space-separated, as Fastly
reads it) and `Cache-Tag` (comma-separated, as Cloudflare reads it), and kept with the page in
the page cache. Once a change has committed, outdated() is called with the names it outdates:
the page cache stops serving the pages carrying them (cms/pagecache/store.py), and one job
POSTs them to CDN_PURGE_URL (purge_keys). With no CDN_PURGE_URL nothing is queued or sent.
"""

import json
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils.cache import patch_cache_control

from cms.jobs.jobs import enqueue_unless_waiting, job
from cms.pagecache import store
from cms.pagecache.store import SITE

SURROGATE_KEY = "Surrogate-Key"
CACHE_TAG = "Cache-Tag"
# Names per purge request (CDNs limit how many one call may carry), and seconds to wait for one.
PURGE_BATCH = 100
PURGE_TIMEOUT = 10


def tag(response, keys):
    """Add names of what the page shows to a response."""
    known = response_keys(response)
    known += [key for key in keys if key not in known]
    response[SURROGATE_KEY] = " ".join(known)
    response[CACHE_TAG] = ",".join(known)
    return response


def response_keys(response):
    """Return the names a response carries."""
    return response.get(SURROGATE_KEY, "").split()


def mark_public(response):
    """Give a public page its shared-cache headers and its default names, unless it has its own."""
    if not response.has_header("Cache-Control"):
        # Browsers must ask again (cheaply, with If-None-Match) each time; a CDN may keep the page
        # for CDN_MAX_AGE, since every save purges what it changes (0 without a purge endpoint).
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.CDN_MAX_AGE,
            stale_while_revalidate=settings.CDN_STALE_SECONDS,
        )
    tag(response, [SITE] if response.has_header(SURROGATE_KEY) else [SITE, *settings.CDN_DEFAULT_KEYS])


def outdated(names):
    """Outdate the pages carrying any of these names: in the page cache at once, so call it once
    the change has committed, and at the CDN (a job queued when the transaction commits)."""
    names = sorted(set(names))
    store.outdate(names)
    purge(names)


def purging():
    """Return whether saves send purges (a CDN_PURGE_URL is set)."""
    return bool(settings.CDN_PURGE_URL)


def purge(keys):
    """Have the CDN drop the pages carrying any of these names, once the transaction commits."""
    if not purging():
        return
    keys = sorted(set(keys))
    transaction.on_commit(lambda: _send(keys))


def _send(keys):
    enqueue_unless_waiting(purge_keys, keys)


@job
def purge_keys(keys):
    """POST the names to purge to CDN_PURGE_URL, BATCH at a time; raise (and so retry) on any failure."""
    if not settings.CDN_PURGE_URL:
        return 0
    for start in range(0, len(keys), PURGE_BATCH):
        batch = keys[start : start + PURGE_BATCH]
        request = urllib.request.Request(
            settings.CDN_PURGE_URL,
            data=json.dumps({"keys": batch}).encode(),
            method="POST",
            headers={"Content-Type": "application/json", SURROGATE_KEY: " ".join(batch)},
        )
        if settings.CDN_PURGE_TOKEN:
            request.add_header("Authorization", f"Bearer {settings.CDN_PURGE_TOKEN}")
        with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT) as response:  # noqa: S310 (our own setting)
            response.read()
    return len(keys)
