"""The CDN purge job (see cms/pagecache/keys.py)."""

import json
import urllib.request

from django.conf import settings

from cms.jobs.jobs import job
from cms.pagecache import keys as keys_module

# Names per purge request: CDNs limit how many one call may carry.
BATCH = 100
TIMEOUT = 10


@job
def purge_keys(keys):
    """POST the names to purge to CDN_PURGE_URL, BATCH at a time; raise (and so retry) on any failure."""
    if not settings.CDN_PURGE_URL:
        return 0
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        request = urllib.request.Request(
            settings.CDN_PURGE_URL,
            data=json.dumps({"keys": batch}).encode(),
            method="POST",
            headers={"Content-Type": "application/json", keys_module.SURROGATE_KEY: " ".join(batch)},
        )
        if settings.CDN_PURGE_TOKEN:
            request.add_header("Authorization", f"Bearer {settings.CDN_PURGE_TOKEN}")
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (our own setting)
            response.read()
    return len(keys)
