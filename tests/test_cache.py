"""The shared cache on a real Redis (.ci/run starts one at 127.0.0.1:6379), and how CACHE_URL picks it."""

import json
import logging
import subprocess
import sys
import unittest

import redis
from django.conf import settings
from django.core.cache import caches
from django.test import SimpleTestCase, override_settings

from cms.cache import OutageLogFilter, redis_cache
from tests.builders import run_in_threads

REDIS_URL = "redis://127.0.0.1:6379/14"
REDIS = {"default": redis_cache(REDIS_URL)}


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
        with self.assertRaises(ValueError):
            self.cache.incr("missing")

    def test_one_client_serves_every_operation_and_thread(self):
        clients = [self.cache.client.get_client(), self.cache.client.get_client(write=False)]

        def use():
            self.cache.incr("shared")
            clients.append(self.cache.client.get_client())

        self.cache.set("shared", 0, timeout=60)
        run_in_threads(use, 8)
        self.assertTrue(all(client is clients[0] for client in clients))
        self.assertEqual(self.cache.get("shared"), 8)


class CacheUrlTests(SimpleTestCase):
    """CACHE_URL as cms/settings.py reads it, in a fresh process."""

    def cache_settings(self, url):
        code = (
            "import json, django; from django.conf import settings; django.setup(); "
            "print(json.dumps([settings.CACHES['default'], settings.AXES_HANDLER]))"
        )
        environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings", "CACHE_URL": url}
        result = subprocess.run(
            [sys.executable, "-c", code],
            env=environment,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout.splitlines()[-1])

    def test_redis_urls_select_django_redis_serving_while_redis_is_down(self):
        for url in ["redis://127.0.0.1:6379/0", "rediss://cache.example:6380/1", "unix:///run/redis.sock"]:
            with self.subTest(url):
                cache, axes = self.cache_settings(url)
                self.assertEqual(cache["BACKEND"], "cms.cache.RedisCache")
                self.assertEqual(cache["LOCATION"], url)
                self.assertEqual(cache["KEY_PREFIX"], "cms")
                self.assertIs(cache["OPTIONS"]["IGNORE_EXCEPTIONS"], True)
                self.assertEqual(axes, "axes.handlers.cache.AxesCacheHandler")

    def test_other_urls_select_django_caches_and_lockouts_in_the_database(self):
        backends = {
            "db://": "django.core.cache.backends.db.DatabaseCache",
            "locmem://": "django.core.cache.backends.locmem.LocMemCache",
            "dummy://": "django.core.cache.backends.dummy.DummyCache",
        }
        for url, backend in backends.items():
            with self.subTest(url):
                cache, axes = self.cache_settings(url)
                self.assertEqual(cache["BACKEND"], backend)
                self.assertEqual(axes, "axes.handlers.database.AxesDatabaseHandler")


class OutageLogFilterTests(SimpleTestCase):
    def test_an_outage_logs_one_warning_per_interval(self):
        throttle = OutageLogFilter(interval=60)
        records = [
            logging.LogRecord("cms.cache", logging.ERROR, __file__, 1, "Exception ignored", (), None)
            for _ in range(3)
        ]
        self.assertEqual([throttle.filter(record) for record in records], [True, False, False])
        self.assertEqual(records[0].levelname, "WARNING")
        self.assertEqual(records[0].getMessage(), "Cache unavailable: serving without it")
