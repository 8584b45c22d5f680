"""The shared cache on a real Redis (.ci/run starts one at 127.0.0.1:6379)."""

import unittest

import redis
from django.core.cache import caches
from django.test import SimpleTestCase, override_settings

from tests.builders import run_in_threads

REDIS_URL = "redis://127.0.0.1:6379/14"
REDIS = {"default": {"BACKEND": "cms.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}


def redis_is_up():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        return False


@unittest.skipUnless(redis_is_up(), "needs Redis at 127.0.0.1:6379 (scripts/test starts it when installed)")
@override_settings(CACHES=REDIS)
class RedisCacheTests(SimpleTestCase):
    def setUp(self):
        redis.Redis.from_url(REDIS_URL).flushdb()
        self.cache = caches["default"]

    def test_operations_answer_as_django_documents_them(self):
        self.assertTrue(self.cache.add("count", 0, timeout=60))
        self.assertFalse(self.cache.add("count", 5, timeout=60))
        self.assertEqual(self.cache.incr("count"), 1)
        self.cache.set("page", {"content": b"<p>Hello</p>"}, timeout=60)
        self.assertEqual(
            self.cache.get_many(["count", "page", "missing"]),
            {"count": 1, "page": {"content": b"<p>Hello</p>"}},
        )
        self.cache.delete("page")
        self.assertIsNone(self.cache.get("page"))

    def test_one_client_serves_every_operation_and_thread(self):
        clients = [self.cache._cache.get_client(), self.cache._cache.get_client(write=True)]

        def use():
            self.cache.incr("shared")
            clients.append(self.cache._cache.get_client())

        self.cache.set("shared", 0, timeout=60)
        run_in_threads(use, 8)
        self.assertTrue(all(client is clients[0] for client in clients))
        self.assertEqual(self.cache.get("shared"), 8)
