import subprocess
import sys
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.http import HttpRequest
from django.test import TestCase

from cms.roles.definitions import EDITORS


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class EditorAccountTests(TestCase):
    def test_creates_an_editor_who_can_log_in(self):
        output = run("create_editor")
        password = output.strip().rsplit(" ", 1)[-1]
        user = get_user_model().objects.get(username="editor")
        self.assertTrue(user.is_staff)
        self.assertFalse(user.is_superuser)
        self.assertTrue(user.groups.filter(name=EDITORS).exists())
        self.assertTrue(self.client.login(request=HttpRequest(), username="editor", password=password))
        self.assertEqual(self.client.get("/admin/interviews/interview/add/").status_code, 200)

    def test_running_again_resets_the_password_without_duplicating(self):
        first = run("create_editor").strip().rsplit(" ", 1)[-1]
        second = run("create_editor").strip().rsplit(" ", 1)[-1]
        self.assertNotEqual(first, second)
        self.assertEqual(get_user_model().objects.filter(username="editor").count(), 1)
        self.assertTrue(self.client.login(request=HttpRequest(), username="editor", password=second))


class RoleCommandTests(TestCase):
    def test_sync_roles_restores_removed_permissions(self):
        editors = Group.objects.get(name=EDITORS)
        editors.permissions.clear()
        run("sync_roles")
        self.assertTrue(editors.permissions.filter(codename="change_interview").exists())


class SettingsTests(TestCase):
    def settings_check(self, **env):
        code = "import django; django.setup(); print('ok')"
        base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings"}
        return subprocess.run(
            [sys.executable, "-c", code],
            env={**base, **env},
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
        )

    def test_production_refuses_to_start_without_a_secret_key(self):
        result = self.settings_check(DEBUG="false")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set SECRET_KEY", result.stderr)

    def test_production_refuses_a_short_secret_key(self):
        result = self.settings_check(DEBUG="false", SECRET_KEY="short")
        self.assertIn("SECRET_KEY is too short", result.stderr)

    def test_production_starts_with_a_real_key(self):
        result = self.settings_check(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
        self.assertEqual(result.stdout.strip(), "ok", result.stderr)

    def test_bad_boolean_is_named(self):
        self.assertIn("DEBUG must be true or false", self.settings_check(DEBUG="maybe").stderr)

    def test_unknown_cache_url_is_refused(self):
        self.assertIn("CACHE_URL must be", self.settings_check(CACHE_URL="memcached://x").stderr)
