"""A Redis cache that keeps the site up while Redis is down.

Django's RedisCache raises when Redis cannot be reached. Every use of the cache here is an
optimisation or a limit, so this backend answers as an empty cache instead and logs a warning:
pages are built without it, and limits (cms.clients.hit, login lockouts) are not counted.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError)
# Seconds between two warnings, so an outage under load does not flood the log.
WARNING_INTERVAL = 10


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis for every operation, some 0.1 ms of setting up
    response handlers each time, as long as the round trip itself. One per connection pool
    serves every operation: it holds no connection and is safe to share between threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    _last_warning = 0.0

    def _unreachable(self, operation):
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning >= WARNING_INTERVAL:
            ResilientRedisCache._last_warning = now
            logger.warning("Cache unavailable (%s): serving without it", operation, exc_info=True)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE:
            self._unreachable("add")
            return False

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE:
            self._unreachable("get")
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE:
            self._unreachable("set")

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE:
            self._unreachable("touch")
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE:
            self._unreachable("delete")
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE:
            self._unreachable("get_many")
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE:
            self._unreachable("has_key")
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            # As if the counter had just started: limits let the request through.
            self._unreachable("incr")
            return delta

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE:
            self._unreachable("set_many")
            return []

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNREACHABLE:
            self._unreachable("delete_many")

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE:
            self._unreachable("clear")
            return False
