"""The site under failing services: database, cache (Redis) and mail each pointed at a closed port."""

import json
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import OperationalError, connections
from django.test import Client, RequestFactory, TestCase, TransactionTestCase, override_settings
from django.urls import reverse

from cms.cache import ResilientRedisCache
from cms.clients import hit
from cms.faults import unavailable
from cms.reports.models import ErrorReport
from cms.roles.definitions import EDITORS
from tests.builders import make_user
from tests.reports.builders import make_reported_interview

CLOSED_PORT = 1  # Nothing listens on 127.0.0.1:1: connecting is refused at once.


def report_payload(interview, **fields):
    block = interview.blocks.get(order=1)
    return {
        "selection": "goverment",
        "context_before": "The ",
        "context_after": " decides. The treaty",
        "page": interview.get_absolute_url(),
        "block": block.pk,
        "comment": "government",
        **fields,
    }


def post_report(client, payload):
    return client.post(reverse("reports:create"), json.dumps(payload), content_type="application/json")


@pytest.mark.postgres
class DatabaseDownTests(TransactionTestCase):
    """Stop reaching PostgreSQL for real (a closed port), then let it come back."""

    serialized_rollback = True

    def setUp(self):
        self.interview = make_reported_interview()
        self.payload = report_payload(self.interview)
        self.client = Client(raise_request_exception=False)
        self.saved = dict(connections["default"].settings_dict)
        self.addCleanup(self.database_back)

    def database_down(self):
        connection = connections["default"]
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(CLOSED_PORT))

    def database_back(self):
        connection = connections["default"]
        connection.close()
        connection.settings_dict.update(self.saved)

    def test_reader_pages_answer_503_and_recover(self):
        self.database_down()
        response = self.client.get(self.interview.get_absolute_url())
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response["Retry-After"], "30")
        self.assertIn("no-cache", response["Cache-Control"])
        self.assertContains(response, "Briefly unavailable", status_code=503)
        self.assertContains(response, 'class="site-header"', status_code=503)
        self.database_back()
        self.assertEqual(self.client.get(self.interview.get_absolute_url()).status_code, 200)

    def test_report_answers_503_json_and_nothing_is_half_written(self):
        self.database_down()
        response = post_report(self.client, self.payload)
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["code"], "unavailable")
        self.assertTrue(response.json()["retry"])
        self.database_back()
        self.assertEqual(ErrorReport.objects.count(), 0)
        self.assertEqual(post_report(self.client, self.payload).status_code, 201)
        self.assertEqual(ErrorReport.objects.get().count, 1)


class DatabaseErrorTests(TestCase):
    """The same answers on any database, with the failure injected where the query runs."""

    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview()

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def broken(self):
        return mock.patch(
            "django.db.backends.utils.CursorWrapper._execute_with_wrappers",
            side_effect=OperationalError("could not connect to server"),
        )

    def test_reader_page_and_report_answer_503(self):
        payload = report_payload(self.interview)
        with self.broken():
            page = self.client.get(self.interview.get_absolute_url())
            report = post_report(self.client, payload)
        self.assertContains(page, "Briefly unavailable", status_code=503)
        self.assertEqual(report.status_code, 503)
        self.assertEqual(report.json()["code"], "unavailable")
        self.assertEqual(self.client.get(self.interview.get_absolute_url()).status_code, 200)

    def test_an_error_page_links_to_the_site_like_any_other(self):
        with mock.patch("interviews.views.render_interview", side_effect=RuntimeError("bug")):
            page = self.client.get(self.interview.get_absolute_url())
        self.assertContains(page, "Something went wrong", status_code=500)
        self.assertContains(page, '<a href="/experts/">Experts</a>', status_code=500, html=True)
        with self.broken():
            page = self.client.get(self.interview.get_absolute_url())
        self.assertContains(page, '<a href="/experts/">Experts</a>', status_code=503, html=True)

    def test_before_its_view_is_found_a_script_endpoint_still_answers_in_json(self):
        # A middleware meeting the lost database: the address tells whether its view is @answers_in_json.
        factory = RequestFactory()
        report = unavailable(factory.post(reverse("reports:create")))
        self.assertEqual((report.status_code, json.loads(report.content)["code"]), (503, "unavailable"))
        page = unavailable(factory.get(self.interview.get_absolute_url()))
        self.assertContains(page, "Briefly unavailable", status_code=503)
        self.assertContains(
            unavailable(factory.get("/no/such/page/")), "Briefly unavailable", status_code=503
        )

    def test_a_failing_middleware_also_answers_503(self):
        editor = make_user(superuser=True)
        self.client.force_login(editor)
        with self.broken():
            response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 503)


REDIS_DOWN = {
    "default": {
        "BACKEND": "cms.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@override_settings(CACHES=REDIS_DOWN, REPORTS_PER_HOUR=2, SEARCH_PER_MINUTE=2)
class CacheDownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview()

    def test_pages_are_served_without_the_cache(self):
        ResilientRedisCache._last_warning = 0.0  # the warning is throttled per process
        with self.assertLogs("cms.cache", "WARNING"):
            for path in [reverse("interviews:home"), self.interview.get_absolute_url(), "/search/?q=water"]:
                self.assertEqual(self.client.get(path).status_code, 200, path)

    def test_limits_are_not_counted_while_the_cache_is_down(self):
        # Documented in README: without Redis, limits let every request through.
        for _ in range(4):
            self.assertEqual(self.client.get("/search/?q=water").status_code, 200)
        payload = report_payload(self.interview)
        statuses = {post_report(self.client, payload).status_code for _ in range(4)}
        self.assertEqual(statuses, {200, 201})

    def test_admin_login_works_without_the_cache(self):
        editor = make_user(superuser=True)
        response = self.client.post(
            reverse("admin:login"), {"username": editor.username, "password": "a-long-test-password"}
        )
        self.assertEqual(response.status_code, 302)


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{CLOSED_PORT}/0",
        }
    }
)
class HitFailsOpenTests(TestCase):
    def test_hit_lets_the_request_through_and_warns(self):
        request = mock.Mock(META={"REMOTE_ADDR": "203.0.113.9"})
        with self.assertLogs("cms.clients", "WARNING") as logs:
            limit = hit(request, "reports", limit=1, period=60)
        self.assertTrue(limit.allowed)
        self.assertIn("cache unavailable", logs.output[0])


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=CLOSED_PORT,
    EMAIL_TIMEOUT=2,
    REPORTS_NOTIFY="each",
)
class MailDownTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview()
        cls.editor = make_user(superuser=True, email="desk@example.org")
        cls.editor.groups.add(Group.objects.get(name=EDITORS))

    def test_report_is_stored_and_shown_as_not_emailed_then_retried(self):
        with self.assertLogs("cms.reports.notifications", "ERROR"):
            response = post_report(Client(), report_payload(self.interview))
        self.assertEqual(response.status_code, 201)
        report = ErrorReport.objects.get()
        self.assertIsNone(report.notified_at)

        self.client.force_login(self.editor)
        changelist = reverse("admin:reports_errorreport_changelist")
        listed = self.client.get(changelist, {"notified_at__isempty": "1"})
        self.assertContains(listed, "goverment")

        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self.client.post(changelist, {"action": "email_editors", "_selected_action": [report.pk]})
        self.assertEqual(len(mail.outbox), 1)
        report.refresh_from_db()
        self.assertIsNotNone(report.notified_at)
