"""How the site talks to PostgreSQL: repeated statements are prepared once per connection."""

import subprocess
import sys

from django.conf import settings
from django.db import connection
from django.test import TestCase

from interviews.models import Interview
from tests.builders import make_interview


class PreparedStatementTests(TestCase):
    def prepared(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [statement for (statement,) in cursor.fetchall()]

    def test_a_page_query_run_again_is_prepared(self):
        if connection.vendor != "postgresql":
            self.skipTest("prepared statements are PostgreSQL's")
        interview = make_interview(status=Interview.Status.PUBLISHED)
        for _ in range(3):
            self.assertEqual(Interview.objects.published().get(slug=interview.slug), interview)
        statements = [s for s in self.prepared() if '"interviews_interview"."slug" = $' in s]
        self.assertEqual(len(statements), 1, self.prepared())

    def test_a_setting_turns_it_off(self):
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default'].get('OPTIONS', {}).get('prepare_threshold'))"
        )
        environment = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused", "PATH": ""}
        for value, expected in [("false", "None"), ("true", "2")]:
            result = subprocess.run(
                [sys.executable, "-c", code],
                cwd=settings.BASE_DIR,
                env={**environment, "DATABASE_PREPARE": value, "DJANGO_SETTINGS_MODULE": "cms.settings"},
                capture_output=True,
                text=True,
                timeout=60,
            )
            self.assertEqual(result.stdout.strip().splitlines()[-1], expected, result.stderr)
