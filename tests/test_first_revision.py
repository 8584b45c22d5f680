"""Interviews made by the sample loader and the transcript importer start with a first revision."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from reversion.models import Version

from cms.roles.definitions import EDITORS
from interviews.models import Interview
from tests.builders import make_user
from tests.test_admin_import import URL as IMPORT_URL
from tests.test_admin_import import confirm, transcript
from tests.test_workflow import change_url, edit_form

TRANSCRIPT = Path(__file__).parent / "transcripts" / "q_and_a.txt"
# Run inside `manage.py shell`: each interview's revision count and the kinds of rows in its first one.
REPORT = """
import json
from reversion.models import Version
from interviews.models import Interview
rows = {}
for interview in Interview.objects.order_by("pk"):
    versions = Version.objects.get_for_object(interview).order_by("pk")
    first = versions.first()
    models = sorted({v._model.__name__ for v in first.revision.version_set.all()}) if first else []
    comment = first.revision.comment if first else None
    rows[interview.title] = {"revisions": versions.count(), "models": models, "comment": comment}
print(json.dumps(rows))
"""


def first_and_latest_diff(client, interview):
    """Return the history page and the diff of the latest revision, as an editor sees them."""
    history = client.get(reverse("admin:interviews_interview_history", args=[interview.pk]))
    latest = Version.objects.get_for_object(interview).order_by("-pk").first()
    diff = client.get(reverse("admin:interviews_interview_compare", args=[interview.pk, latest.pk]))
    return history, diff


class AdminHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def assert_first_edit_diff_shows_only_the_edit(self, interview):
        self.client.post(change_url(interview), edit_form(self.client, interview, title="A new title"))
        history, diff = first_and_latest_diff(self.client, interview)
        self.assertContains(history, "Compare with the one before")
        self.assertContains(history, "First version")
        self.assertContains(diff, "<ins>A new title</ins>", html=False)
        self.assertNotContains(diff, "<ins>Lead:")
        self.assertNotContains(diff, "<ins>Question:")
        self.assertNotContains(diff, "<ins>Answer:")

    def test_sample_interview_starts_with_a_revision_holding_its_blocks_experts_and_tags(self):
        call_command("load_sample_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
        interview = Interview.objects.filter(tags__isnull=False, experts__isnull=False).first()
        version = Version.objects.get_for_object(interview).get()
        self.assertEqual(version.revision.comment, "Loaded with the sample content.")
        models = {v._model.__name__ for v in version.revision.version_set.all()}
        self.assertEqual(models, {"Interview", "Block", "InterviewExpert", "TaggedInterview"})
        self.assert_first_edit_diff_shows_only_the_edit(interview)

    def test_imported_interview_starts_with_a_revision_by_its_importer(self):
        self.client.post(IMPORT_URL, confirm(self.client.post(IMPORT_URL, {"text": transcript()})))
        interview = Interview.objects.get()
        version = Version.objects.get_for_object(interview).get()
        self.assertEqual(version.revision.user, self.editor)
        models = {v._model.__name__ for v in version.revision.version_set.all()}
        self.assertEqual(models, {"Interview", "Block", "InterviewExpert"})
        self.assert_first_edit_diff_shows_only_the_edit(interview)


class CommandTests(SimpleTestCase):
    """The two commands through manage.py, on a database of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = tempfile.TemporaryDirectory(prefix="cms-first-revision-")
        cls.addClassCleanup(cls.folder.cleanup)
        cls.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": f"sqlite:///{cls.folder.name}/db.sqlite3",
            "CACHE_URL": "locmem://",
            "MEDIA_ROOT": f"{cls.folder.name}/media",
        }
        cls.manage("migrate", "--verbosity", "0")

    @classmethod
    def manage(cls, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=cls.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def test_both_commands_leave_one_first_revision_per_interview(self):
        self.assertIn("interviews added", self.manage("load_sample_content"))
        self.assertIn("created:", self.manage("import_transcripts", str(TRANSCRIPT)))
        rows = json.loads(self.manage("shell", "--no-imports", "-c", REPORT))
        imported = rows.pop("How a small museum survived the winter")
        self.assertEqual(imported["revisions"], 1)
        self.assertEqual(imported["models"], ["Block", "Interview", "InterviewExpert"])
        self.assertEqual(imported["comment"], "Imported from a transcript.")
        self.assertGreaterEqual(len(rows), 5)
        for title, row in rows.items():
            with self.subTest(title=title):
                self.assertEqual(row["revisions"], 1)
                self.assertEqual(row["comment"], "Loaded with the sample content.")
                self.assertIn("Block", row["models"])
                self.assertIn("InterviewExpert", row["models"])
