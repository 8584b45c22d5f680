"""The page cache's clock, markers and rebuild claims on a real Redis, and the check that Redis
keeps its markers."""

import shutil
import subprocess
import tempfile
import time
import unittest
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings

from cms.pagecache import store
from cms.pagecache.keys import outdated
from tests.builders import run_in_threads
from tests.test_cache import REDIS, REDIS_URL, redis_is_up
from tests.test_production import free_port
from tests.test_security import PRODUCTION_ENV, run_manage


@unittest.skipUnless(redis_is_up(), "needs Redis at 127.0.0.1:6379 (scripts/test starts it when installed)")
@override_settings(CACHES=REDIS, PAGE_CACHE_SECONDS=300, PAGE_CACHE_STALE_SECONDS=5)
class RedisStoreTests(TestCase):
    def setUp(self):
        redis.Redis.from_url(REDIS_URL).flushdb()
        self.cache = caches["default"]

    def entry(self, names):
        found = store.look_up("page")
        store.store(
            "page", {"clock": found.clock, "names": names, "content": b"x"}, time.time() + 300, time.time()
        )

    def test_an_entry_is_fresh_until_a_name_it_carries_is_outdated(self):
        self.entry(["site", "interview-1"])
        outdated(["interview-2"])
        self.assertTrue(store.look_up("page").fresh)
        outdated(["interview-1"])
        found = store.look_up("page")
        self.assertFalse(found.fresh)
        self.assertTrue(found.stale_servable)

    def test_a_lost_clock_starts_again_above_every_reading_taken(self):
        self.entry(["topic-3"])
        self.cache.delete(store.CLOCK_KEY)
        outdated(["topic-3"])
        self.assertFalse(store.look_up("page").fresh)

    def test_one_claim_per_outdated_page(self):
        claims = []
        run_in_threads(lambda: claims.append(store.claim_rebuild("page")), 8)
        self.assertEqual(Counter(claims), {True: 1, False: 7})

    def test_markers_never_expire(self):
        outdated(["expert-4"])
        client = redis.Redis.from_url(REDIS_URL)
        marker = next(key for key in client.keys("*") if b"pagecache:state:outdated:expert-4" in key)
        self.assertEqual(client.ttl(marker), -1)


DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "clock_test"}
}


def readings_in_threads(threads=8, each=25):
    readings = []

    def tick():
        readings.extend(store._tick() for _ in range(each))
        connection.close()

    run_in_threads(tick, threads)
    return readings


@pytest.mark.postgres
class ClockTests(TransactionTestCase):
    """The clock moves up one step per change, whichever process makes it."""

    @override_settings(CACHES=DATABASE_CACHE)
    def test_with_the_database_cache_the_database_counts(self):
        self.assertEqual(connection.vendor, "postgresql")
        call_command("createcachetable", verbosity=0)
        readings = readings_in_threads()
        self.assertEqual(len(set(readings)), 200, "every change gets a reading of its own")
        self.assertEqual(max(readings) - min(readings), 199, "one after the other, none lost")

    @unittest.skipUnless(redis_is_up(), "needs Redis at 127.0.0.1:6379")
    @override_settings(CACHES=REDIS)
    def test_with_redis_redis_counts(self):
        redis.Redis.from_url(REDIS_URL).flushdb()
        readings = readings_in_threads()
        self.assertEqual(len(set(readings)), 200)
        self.assertEqual(max(readings) - min(readings), 199)
        self.assertGreater(min(readings), 10**15, "started from the time in microseconds")


@unittest.skipUnless(shutil.which("redis-server"), "needs redis-server installed")
class EvictionCheckTests(TestCase):
    def start_redis(self, policy):
        port = free_port()
        server = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--maxmemory-policy",
                policy,
            ],
            stdout=subprocess.DEVNULL,
        )
        self.addCleanup(server.wait, 10)
        self.addCleanup(server.terminate)
        client = redis.Redis(host="127.0.0.1", port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        return f"redis://127.0.0.1:{port}/0"

    def check(self, cache_url):
        with tempfile.TemporaryDirectory() as collected:
            # What collectstatic leaves; the deploy checks ask only whether it is there.
            (Path(collected) / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
            env = {**PRODUCTION_ENV, "STATIC_ROOT": collected, "CACHE_URL": cache_url}
            result = run_manage("check", "--deploy", **env)
        return result.stdout + result.stderr

    def test_check_deploy_warns_when_redis_may_evict_any_key(self):
        output = self.check(self.start_redis("allkeys-lru"))
        self.assertIn("pagecache.W003", output)
        self.assertIn("maxmemory-policy", output)

    def test_no_warning_when_redis_evicts_only_expiring_keys_or_nothing(self):
        for policy in ("noeviction", "volatile-lru"):
            with self.subTest(policy):
                self.assertNotIn("pagecache.W003", self.check(self.start_redis(policy)))
