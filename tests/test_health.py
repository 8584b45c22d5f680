import json
from unittest import mock

from django.db import OperationalError
from django.test import Client, TestCase, override_settings

from cms.cache import redis_cache
from tests.test_faults import REDIS_DOWN

REDIS_UP = {"default": redis_cache("redis://127.0.0.1:6379/11")}


class HealthTests(TestCase):
    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def assertNeverCached(self, response):
        self.assertIn("no-store", response["Cache-Control"])

    def test_healthz_answers_ok(self):
        response = self.client.get("/healthz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertNeverCached(response)

    def test_readyz_names_each_part_and_is_ready(self):
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(),
            {"status": "ok", "database": "ok", "migrations": "ok", "cache": "ok", "storage": "ok"},
        )
        self.assertNeverCached(response)

    @override_settings(ALLOWED_HOSTS=["example.org"], PAGE_CACHE_SECONDS=300)
    def test_probes_by_address_are_answered_and_never_cached(self):
        for _ in range(2):
            response = self.client.get("/readyz", headers={"host": "10.0.0.7"})
            self.assertEqual(response.status_code, 200)
            self.assertFalse(response.has_header("X-Cache"))

    def test_database_down_makes_readyz_503_without_details(self):
        with mock.patch(
            "django.db.backends.utils.CursorWrapper._execute_with_wrappers",
            side_effect=OperationalError("could not connect to server at 10.1.2.3 password=secret"),
        ):
            response = self.client.get("/readyz")
            alive = self.client.get("/healthz")
        self.assertEqual(response.status_code, 503)
        body = response.json()
        self.assertEqual(body["status"], "unavailable")
        self.assertEqual(body["database"], "unavailable")
        self.assertEqual(body["cache"], "ok")
        self.assertNotIn("secret", response.content.decode())
        self.assertNotIn("10.1.2.3", response.content.decode())
        self.assertEqual(alive.status_code, 200)

    @override_settings(CACHES=REDIS_DOWN)
    def test_redis_down_makes_readyz_503(self):
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["cache"], "unavailable")
        self.assertEqual(response.json()["database"], "ok")
        self.assertEqual(self.client.get("/healthz").status_code, 200)

    @override_settings(CACHES=REDIS_UP)
    def test_redis_up_is_ready(self):
        response = self.client.get("/readyz")
        self.assertEqual(json.loads(response.content)["cache"], "ok")

    def test_storage_down_makes_readyz_503(self):
        with mock.patch("django.core.files.storage.default_storage.exists", side_effect=OSError("gone")):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["storage"], "unavailable")

    def test_unapplied_migrations_make_readyz_503(self):
        with (
            mock.patch("cms.health._migrated", False),
            mock.patch("cms.health.call_command", side_effect=SystemExit(1)),
        ):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["migrations"], "unavailable")
