"""/healthz and /readyz for load balancers and orchestrators: cheap, never cached, nothing secret.

/healthz says the process answers. /readyz says whether it can serve: the database answers and
has every migration applied, the cache keeps what it is given, and the media storage answers;
503 and the name of each part that failed otherwise (the reasons go to the log, not the answer).
They answer ahead of every other middleware, so a probe by address (no configured host name,
plain HTTP) gets them too, and they never touch sessions or the page cache.
"""

import io
import logging
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

HEALTH_PATHS = {"/healthz", "/readyz"}
# Once a process has seen every migration applied it stays so until the next deploy restarts it.
_migrated = False


def _database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _migrations():
    global _migrated
    if not _migrated:
        try:
            call_command("migrate", check_unapplied=True, plan=True, verbosity=0, stdout=io.StringIO())
        except SystemExit:  # how `migrate --check` reports unapplied migrations
            raise RuntimeError("unapplied migrations") from None
        _migrated = True


def _cache():
    # The Redis cache answers as an empty cache while Redis is down: only a read-back tells.
    key, value = "readyz", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("the cache does not keep what it is given")


def _storage():
    default_storage.exists("readyz")


CHECKS = {"database": _database, "migrations": _migrations, "cache": _cache, "storage": _storage}


def readiness():
    """Return {part: "ok" or "unavailable"} for each part the site needs."""
    found = {}
    for name, check in CHECKS.items():
        if name == "migrations" and found["database"] != "ok":
            found[name] = "unknown"
            continue
        try:
            check()
        except Exception as error:
            logger.warning("Not ready: %s unavailable (%s: %s)", name, type(error).__name__, error)
            found[name] = "unavailable"
        else:
            found[name] = "ok"
    return found


class HealthMiddleware:
    """Answer /healthz and /readyz before anything else runs. Keep it first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in HEALTH_PATHS:
            return self.get_response(request)
        if request.path_info == "/healthz":
            response = JsonResponse({"status": "ok"})
        else:
            parts = readiness()
            ready = all(value == "ok" for value in parts.values())
            response = JsonResponse(
                {"status": "ok" if ready else "unavailable", **parts}, status=200 if ready else 503
            )
        add_never_cache_headers(response)
        return response
