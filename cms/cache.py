"""The Redis cache, which keeps the site up while Redis is down: django-redis, configured here.

Every use of the cache is an optimisation or a limit, so with IGNORE_EXCEPTIONS django-redis
answers as an empty cache while Redis cannot be reached: pages are built without it, and limits
(cms.clients.hit, login lockouts) are not counted. It logs every error it ignores to this module's
logger, where OutageLogFilter keeps one warning per WARNING_INTERVAL (settings.LOGGING).
https://github.com/jazzband/django-redis#memcached-exceptions-behavior
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError, TimeoutError

# Seconds between two warnings, so an outage under load does not flood the log.
WARNING_INTERVAL = 10


def redis_cache(location, *, key_prefix="cms", connect_timeout=0.5, timeout=1):
    """Return the CACHES entry for Redis at `location`, served as an empty cache while it is down."""
    return {
        "BACKEND": "cms.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "CLIENT_CLASS": "cms.cache.Client",
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": connect_timeout,
            "SOCKET_TIMEOUT": timeout,
        },
    }


class RedisCache(DjangoRedisCache):
    def incr(self, key, delta=1, version=None, client=None):
        """Add delta to a counter; while Redis is down, answer as if the counter had just started."""
        value = super().incr(key, delta, version, client)
        # None only when IGNORE_EXCEPTIONS swallowed an error (a missing key raises ValueError):
        # callers that compare the count with a limit (django-axes among them) then let it pass.
        return delta if value is None else value


class Client(DefaultClient):
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None, client=None):
        """Set a key's expiry; an unreachable Redis is reported as for every other operation."""
        # django-redis 7.0 passes touch()'s connection errors on as they are, which
        # IGNORE_EXCEPTIONS does not catch; django-axes touches a count after each failed login.
        try:
            return super().touch(key, timeout, version, client)
        except (ConnectionError, TimeoutError) as error:
            raise ConnectionInterrupted(connection=client) from error


class OutageLogFilter(logging.Filter):
    """Let one of the cache's ignored errors through per WARNING_INTERVAL, as a warning."""

    def __init__(self, interval=WARNING_INTERVAL):
        super().__init__()
        self.interval = interval
        self.last = float("-inf")

    def filter(self, record):
        now = time.monotonic()
        if now - self.last < self.interval:
            return False
        self.last = now
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg, record.args = "Cache unavailable: serving without it", ()
        return True
