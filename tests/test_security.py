"""Headers, the admin login lockout, idle sessions and the production checks."""

import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from unittest import mock

import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.builders import make_interview, make_user

PRODUCTION = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": False,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}
PASSWORD = "a-long-test-password"


@override_settings(**PRODUCTION)
class HeaderTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview()
        cls.editor = make_user(superuser=True)

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def get(self, path):
        return self.client.get(path, secure=True)

    def assertHardened(self, response):
        self.assertEqual(response["Strict-Transport-Security"], "max-age=31536000; includeSubDomains")
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertEqual(response["Cross-Origin-Opener-Policy"], "same-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertIn("camera=()", response["Permissions-Policy"])
        self.assertIn("geolocation=()", response["Permissions-Policy"])
        policy = dict(
            (part.strip().split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split(";")
        )
        self.assertEqual(policy["frame-ancestors"], "'none'")
        self.assertEqual(policy["object-src"], "'none'")
        self.assertEqual(policy["base-uri"], "'none'")
        self.assertIn("'self'", policy["script-src"])
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'"):
            self.assertNotIn(unsafe, policy["script-src"])
            self.assertNotIn(unsafe, policy["default-src"])
        return policy

    def test_public_page_is_hardened(self):
        response = self.get(self.interview.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertHardened(response)

    def test_admin_pages_are_hardened_and_cookies_secure(self):
        response = self.get(reverse("admin:login"))
        self.assertHardened(response)
        response = self.client.post(
            reverse("admin:login"),
            {"username": self.editor.username, "password": PASSWORD},
            secure=True,
            REMOTE_ADDR="198.51.100.3",
        )
        self.assertEqual(response.status_code, 302)
        session = response.cookies[settings.SESSION_COOKIE_NAME]
        self.assertTrue(session["secure"])
        self.assertTrue(session["httponly"])
        self.assertEqual(session["samesite"], "Lax")
        response = self.get(reverse("admin:interviews_interview_change", args=[self.interview.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertHardened(response)

    def test_error_pages_are_hardened(self):
        self.assertHardened(self.get("/no-such-page/"))
        with mock.patch("interviews.views.render", side_effect=RuntimeError("boom")):
            response = self.get(reverse("interviews:home"))
        self.assertEqual(response.status_code, 500)
        self.assertHardened(response)
        with mock.patch("interviews.views.render", side_effect=OperationalError("gone")):
            response = self.get(reverse("interviews:home"))
        self.assertEqual(response.status_code, 503)
        self.assertHardened(response)

    def test_csrf_cookie_is_secure(self):
        response = self.get(reverse("reports:token"))
        self.assertTrue(response.cookies[settings.CSRF_COOKIE_NAME]["secure"])

    def test_preload_is_off_by_default(self):
        self.assertFalse(settings.SECURE_HSTS_PRELOAD)
        self.assertNotIn("preload", self.get("/")["Strict-Transport-Security"])


def run_manage(*args, **env):
    environment = {**os.environ, **env}
    # The browser tests set this in the test process; a real deployment does not have it.
    for name in ["DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"]:
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check",
    "ALLOWED_HOSTS": "example.org",
    "TRUSTED_PROXY_COUNT": "1",
}
IS_SECURE = (
    "from django.test import RequestFactory; "
    "print(RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https').is_secure())"
)


class ProductionCheckTests(TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.collected = Path(folder.name) / "collected"
        self.collected.mkdir()
        # What collectstatic leaves; the checks below ask only whether it is there.
        (self.collected / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
        self.empty = Path(folder.name) / "empty"
        self.empty.mkdir()

    def production(self, *args, **env):
        return run_manage(*args, **{**PRODUCTION_ENV, "STATIC_ROOT": str(self.collected), **env})

    def test_check_deploy_is_clean_in_production(self):
        result = self.production("check", "--deploy", "--fail-level", "WARNING")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("no issues", result.stdout)

    def test_check_deploy_fails_without_collected_static_files_and_names_the_command(self):
        result = self.production("check", "--deploy", STATIC_ROOT=str(self.empty))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("cms.E001", result.stderr)
        self.assertIn("manage.py collectstatic", result.stderr)

    def test_app_server_refuses_to_start_without_collected_static_files(self):
        for static_root, starts in ((self.empty, False), (self.collected, True)):
            with self.subTest(static_root.name):
                environment = {**os.environ, **PRODUCTION_ENV, "STATIC_ROOT": str(static_root)}
                environment.pop("DJANGO_SETTINGS_MODULE", None)
                result = subprocess.run(
                    [sys.executable, "-c", "import cms.wsgi, cms.asgi; print('started')"],
                    cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120,
                )  # fmt: skip
                self.assertEqual(result.returncode == 0, starts, result.stderr)
                if not starts:
                    self.assertIn("Run `manage.py collectstatic --no-input`", result.stderr)

    def test_forwarded_proto_is_believed_only_from_trusted_proxies(self):
        for count, believed in (("0", "False"), ("1", "True")):
            with self.subTest(TRUSTED_PROXY_COUNT=count):
                result = self.production("shell", "-v0", "-c", IS_SECURE, TRUSTED_PROXY_COUNT=count)
                self.assertEqual(result.stdout.strip().splitlines()[-1], believed, result.stderr)

    def test_check_deploy_warns_when_https_is_required_and_no_proxy_is_trusted(self):
        result = self.production("check", "--deploy", TRUSTED_PROXY_COUNT="0")
        self.assertIn("cms.W001", result.stderr)
        self.assertIn("X-Forwarded-Proto", result.stderr)
        plain = self.production("check", "--deploy", TRUSTED_PROXY_COUNT="0", SECURE_SSL_REDIRECT="false")
        self.assertNotIn("cms.W001", plain.stdout + plain.stderr)

    def test_admin_path_is_configurable(self):
        code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
        environment = {**os.environ, "ADMIN_URL": "newsroom-desk/"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
        )
        self.assertEqual(result.stdout.strip(), "/newsroom-desk/", result.stderr)


class LoginLockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(username="desk", superuser=True)

    def attempt(self, password, address="203.0.113.50", **extra):
        client = Client(REMOTE_ADDR=address)
        return client.post(reverse("admin:login"), {"username": "desk", "password": password}, **extra)

    def fail_until_locked(self, **extra):
        for _ in range(settings.LOGIN_FAILURE_LIMIT):
            self.attempt("wrong", **extra)

    def test_failed_logins_lock_the_account_for_that_client(self):
        self.assertEqual(self.attempt(PASSWORD).status_code, 302)
        self.fail_until_locked()
        response = self.attempt(PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Too many failed logins", status_code=429)
        self.assertContains(response, f"{settings.LOGIN_COOLOFF_MINUTES} minutes", status_code=429)
        self.assertEqual(response["Retry-After"], str(settings.LOGIN_COOLOFF_MINUTES * 60))
        self.assertNotIn(settings.SESSION_COOKIE_NAME, response.cookies)

    def test_another_client_is_not_locked_out(self):
        self.fail_until_locked()
        self.assertEqual(self.attempt(PASSWORD, address="198.51.100.20").status_code, 302)

    def test_another_address_of_the_same_ipv6_64_is_locked_out_too(self):
        self.fail_until_locked(address="2001:db8:5:6::1")
        self.assertEqual(self.attempt(PASSWORD, address="2001:db8:5:6:1234:5678:9abc:def0").status_code, 429)
        self.assertEqual(self.attempt(PASSWORD, address="2001:db8:5:7::1").status_code, 302)

    def test_ipv4_mapped_address_is_locked_out_with_its_ipv4(self):
        self.fail_until_locked()
        self.assertEqual(self.attempt(PASSWORD, address="::ffff:203.0.113.50").status_code, 429)

    def test_forged_forwarded_header_does_not_escape_the_lockout(self):
        self.fail_until_locked()
        response = self.attempt(PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
        self.assertEqual(response.status_code, 429)

    def test_lockout_ends_after_the_cool_off(self):
        self.fail_until_locked()
        later = timezone.now() + timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES + 1)
        with time_machine.travel(later, tick=False):
            self.assertEqual(self.attempt(PASSWORD).status_code, 302)


class IdleSessionTests(TestCase):
    def test_session_lasts_the_idle_time_and_is_renewed_by_use(self):
        self.assertEqual(settings.SESSION_COOKIE_AGE, settings.SESSION_IDLE_MINUTES * 60)
        self.client.force_login(make_user(superuser=True))
        key = self.client.session.session_key
        first = Session.objects.get(pk=key).expire_date
        with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
            self.assertEqual(self.client.get(reverse("admin:index")).status_code, 200)
        renewed = Session.objects.get(pk=key).expire_date
        self.assertGreaterEqual(renewed - first, timedelta(minutes=9))

    def test_idle_session_expires(self):
        self.client.force_login(make_user(superuser=True))
        later = timezone.now() + timedelta(minutes=settings.SESSION_IDLE_MINUTES + 1)
        with time_machine.travel(later, tick=False):
            response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("admin:login"), response["Location"])

    def test_readers_with_a_forged_cookie_get_no_session(self):
        self.client.cookies[settings.SESSION_COOKIE_NAME] = "forged" * 6
        self.client.get(reverse("interviews:home"))
        self.assertFalse(Session.objects.exists())
