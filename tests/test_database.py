"""How the site talks to PostgreSQL: the statements pages run on every view are prepared."""

import inspect
import subprocess
import sys

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from cms import prepared
from interviews.models import Interview
from tests.builders import make_interview


class PreparedStatementTests(TestCase):
    def prepared(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            return [statement for (statement,) in cursor.fetchall()]

    def test_an_interview_page_prepares_its_statements_once(self):
        if connection.vendor != "postgresql":
            self.skipTest("prepared statements are PostgreSQL's")
        interview = make_interview()
        self.client.get(interview.get_absolute_url())  # the first view also reads the reuse notice
        for _ in range(2):
            with self.assertNumQueries(2) as queries:  # still counted and logged as queries
                self.assertContains(self.client.get(interview.get_absolute_url()), interview.title)
        self.assertIn(f"slug = '{interview.slug}'", queries.captured_queries[0]["sql"])
        statements = self.prepared()
        self.assertEqual(len([s for s in statements if "WHERE slug = $1" in s]), 1, statements)
        self.assertEqual(len([s for s in statements if "UNION ALL" in s]), 1, statements)

    def test_other_queries_are_not_prepared(self):
        if connection.vendor != "postgresql":
            self.skipTest("prepared statements are PostgreSQL's")
        for _ in range(3):
            list(
                Interview.objects.filter(pk__in=range(70_000))
            )  # more parameters than a prepared one may have
        self.assertFalse([s for s in self.prepared() if "interviews_interview" in s and "IN (" in s])

    def test_the_connection_methods_prepared_fetch_relies_on_are_there(self):
        # cms/prepared.py wraps its own cursor as connection.cursor() does; a Django upgrade that
        # renames or reshapes these must fail here, not quietly skip the query log or error wrapping.
        for name in ["close_if_health_check_failed", "ensure_connection", "validate_thread_sharing"]:
            self.assertTrue(callable(getattr(connection, name, None)), name)
        for name in ["make_cursor", "make_debug_cursor"]:
            self.assertEqual(list(inspect.signature(getattr(connection, name)).parameters), ["cursor"], name)
        self.assertIsInstance(connection.make_cursor(None), CursorWrapper)
        self.assertIsInstance(connection.make_debug_cursor(None), CursorDebugWrapper)
        self.assertTrue(hasattr(connection, "wrap_database_errors"))
        self.assertTrue(hasattr(connection, "queries_logged"))

    def test_a_prepared_statement_is_logged_and_its_errors_are_djangos(self):
        if connection.vendor != "postgresql":
            self.skipTest("prepared statements are PostgreSQL's")
        interview = make_interview()
        sql = "SELECT id FROM interviews_interview WHERE slug = %s"
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(prepared.fetch(sql, [interview.slug]), [(interview.pk,)])
        self.assertEqual(queries.captured_queries[-1]["sql"], sql.replace("%s", f"'{interview.slug}'"))
        self.assertIn("SELECT id FROM interviews_interview WHERE slug = $1", self.prepared())
        with self.assertRaises(DatabaseError), transaction.atomic():
            prepared.fetch("SELECT id FROM no_such_table WHERE id = %s", [1])

    def test_a_setting_turns_it_off(self):
        code = (
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASE_PREPARE)"
        )
        environment = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused", "PATH": ""}
        for value, expected in [("false", "False"), ("true", "True"), ("", "True")]:
            result = subprocess.run(
                [sys.executable, "-c", code],
                cwd=settings.BASE_DIR,
                env={**environment, "DATABASE_PREPARE": value, "DJANGO_SETTINGS_MODULE": "cms.settings"},
                capture_output=True,
                text=True,
                timeout=60,
            )
            self.assertEqual(result.stdout.strip().splitlines()[-1], expected, result.stderr)
