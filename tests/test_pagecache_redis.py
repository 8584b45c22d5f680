"""The page cache's clock, markers and rebuild claims on a real Redis, and the check that Redis
keeps its markers."""

import shutil
import subprocess
import tempfile
import time
import unittest
from collections import Counter
from pathlib import Path

import redis
from django.core.cache import caches
from django.test import SimpleTestCase, TestCase, override_settings

from cms.pagecache import store
from cms.pagecache.keys import outdated
from tests.builders import run_in_threads
from tests.test_cache import REDIS, REDIS_URL, redis_is_up
from tests.test_production import free_port
from tests.test_security import PRODUCTION_ENV, run_manage


@unittest.skipUnless(redis_is_up(), "needs Redis at 127.0.0.1:6379 (scripts/test starts it when installed)")
@override_settings(CACHES=REDIS, PAGE_CACHE_SECONDS=300, PAGE_CACHE_STALE_SECONDS=5)
class RedisStoreTests(SimpleTestCase):
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

    def test_the_clock_only_moves_up_across_many_writers(self):
        store.start_clock()
        readings = []
        run_in_threads(lambda: readings.extend(self.cache.incr(store.CLOCK_KEY) for _ in range(50)), 8)
        self.assertEqual(len(set(readings)), 400, "every writer gets its own reading")

    def test_a_lost_clock_starts_again_above_every_reading(self):
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
        marker = next(key for key in client.keys("*") if b"pagecache:outdated:expert-4" in key)
        self.assertEqual(client.ttl(marker), -1)


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
