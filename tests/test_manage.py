"""Every management command of the project, run as an operator runs it: manage.py in a subprocess.

call_command skips what manage.py does first (argument parsing from the command line, the system
checks), so a command can pass its in-process tests and still fail from cron. Each test starts
from a copy of one database migrated for the whole module.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands
from django.test import SimpleTestCase

from tests.attribution.loopback import INSIDE, OUTSIDE, http_server, stop

ROOT = Path(settings.BASE_DIR)
COMMANDS = {
    "check_republications",
    "compile_translations",
    "create_editor",
    "generate_dataset",
    "import_transcripts",
    "load_sample_content",
    "rebuild_search_index",
    "refresh_related",
    "render_bodies",
    "send_report_digest",
    "sync_roles",
    "worker",
}
SITE = "https://meridian.example"


class PageHandler(BaseHTTPRequestHandler):
    """A republishing page linking to PageHandler.target; every request is noted."""

    target = ""
    requests = []

    def do_GET(self):
        PageHandler.requests.append((self.server.server_address[0], self.path))
        body = f'<p>Republished. Source: <a href="{SITE}{PageHandler.target}">Meridian</a></p>'.encode()
        self.send_response(200 if self.path == "/page" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class ManagePyTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.folder = Path(tempfile.mkdtemp(prefix="cms-manage-"))
        cls.addClassCleanup(shutil.rmtree, cls.folder, ignore_errors=True)
        cls.migrated = cls.folder / "migrated.sqlite3"
        result = cls.run_manage(cls.migrated, "migrate", "--no-input")
        if result.returncode:
            raise RuntimeError(f"migrate failed: {result.stderr}")

    @classmethod
    def run_manage(cls, database, *args, **env):
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "cms.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "CACHE_URL": "locmem://",
            "MEDIA_ROOT": str(cls.folder / "media"),
            **env,
        }
        command = [sys.executable, "manage.py", *args]
        return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)

    def setUp(self):
        self.database = self.folder / f"{self._testMethodName}.sqlite3"
        shutil.copyfile(self.migrated, self.database)

    def manage(self, *args, **env):
        return self.run_manage(self.database, *args, **env)

    def assertSucceeds(self, result, *outputs):
        self.assertEqual(result.returncode, 0, result.stderr)
        for output in outputs:
            self.assertIn(output, result.stdout)

    def assertFails(self, result, *errors):
        self.assertEqual(result.returncode, 1, result.stdout)
        for error in errors:
            self.assertIn(error, result.stderr)

    def test_every_command_of_the_project_is_run_here(self):
        ours = {name for name, app in get_commands().items() if app.startswith(("cms.", "interviews"))}
        self.assertEqual(ours, COMMANDS)

    def test_compile_translations(self):
        self.assertSucceeds(self.manage("compile_translations"), "catalogue(s).")

    def test_create_editor_and_sync_roles(self):
        self.assertSucceeds(
            self.manage("create_editor"), "Editor account created. Log in at /admin/ as editor / "
        )
        self.assertSucceeds(self.manage("create_editor"), "Editor account password reset.")
        self.assertSucceeds(self.manage("sync_roles"), "Roles restored: Authors, Editors, Expert staff.")

    def test_send_report_digest(self):
        self.assertSucceeds(self.manage("send_report_digest", "--now"), "No new reports to send.")

    def test_import_transcripts(self):
        transcript = ROOT / "tests" / "transcripts" / "q_and_a.txt"
        result = self.manage("import_transcripts", str(transcript), str(self.folder / "missing.txt"))
        self.assertFails(result, "missing.txt: There is no such file.", "1 of 2 transcripts failed: ")
        self.assertIn(f"created: {transcript} -> ", result.stdout)

    def test_sample_content_and_the_commands_that_refresh_derived_data(self):
        self.assertSucceeds(self.manage("load_sample_content"), "3 experts and 5 interviews added")
        self.assertSucceeds(self.manage("render_bodies"), "Bodies and page parts rendered for 5 interviews.")
        self.assertSucceeds(self.manage("rebuild_search_index"), "Search index rebuilt for 5 interviews.")
        self.assertSucceeds(self.manage("refresh_related"), "Related interviews worked out for 5 interviews.")

    def test_generate_dataset(self):
        self.assertSucceeds(self.manage("generate_dataset", "--size", "3"), "Generated 3 interviews")
        self.assertFails(
            self.manage("generate_dataset", "--size", "3"), "The database already has interviews"
        )

    def test_worker_runs_the_periodic_jobs_and_queues_their_next_runs(self):
        result = self.manage("worker", "--batch")
        self.assertEqual(result.returncode, 0, result.stderr)
        output = result.stdout + result.stderr
        for job in ("send_report_digest", "check_republications", "prune_results"):
            self.assertIn(f"{job} state=SUCCESSFUL", output)
        queued = self.manage(
            "shell",
            "-c",
            "from django_tasks_db.models import DBTaskResult as R; "
            "print(R.objects.filter(status='READY').count())",
        )
        self.assertSucceeds(queued, "3")

    def test_check_republications_needs_the_site_address(self):
        self.assertFails(self.manage("check_republications"), "Set SITE_URL")

    def test_check_republications_visits_only_public_pages(self):
        outside, inside = http_server(PageHandler, OUTSIDE), http_server(PageHandler, INSIDE)
        self.addCleanup(stop, outside, inside)
        PageHandler.requests = []
        pages = [
            f"http://{server.server_address[0]}:{server.server_address[1]}/page"
            for server in (outside, inside)
        ]
        made = self.manage(
            "shell",
            "-c",
            "from cms.attribution.models import Republication\n"
            "from tests.builders import make_interview\n"
            "interview = make_interview(slug='rivers-and-rules')\n"
            f"for url in {pages!r}: Republication.objects.create(interview=interview, page_url=url)\n"
            "print(interview.get_absolute_url())",
        )
        self.assertSucceeds(made)
        PageHandler.target = made.stdout.splitlines()[-1]

        # The project's own settings: no loopback site is visited.
        result = self.manage("check_republications", SITE_URL=SITE)
        self.assertSucceeds(
            result,
            f"unreachable    {pages[0]}  {OUTSIDE} is not a public address; not visited.",
            f"unreachable    {pages[1]}  {INSIDE} is not a public address; not visited.",
            "Checked 2 pages: 2 page gone or unreachable.",
        )
        self.assertEqual(PageHandler.requests, [])

        # With the tests' loopback site allowed, its page is read and judged; inside stays refused.
        result = self.manage(
            "shell",
            "-c",
            "from django.core.management import call_command\n"
            "from django.test import override_settings\n"
            f"with override_settings(LINK_CHECK_ALLOW_ADDRESSES=[{OUTSIDE!r}]):\n"
            "    call_command('check_republications')",
            SITE_URL=SITE,
        )
        self.assertSucceeds(
            result,
            f"linked         {pages[0]}  An active link to the interview.",
            f"unreachable    {pages[1]}  {INSIDE} is not a public address; not visited.",
        )
        self.assertEqual(PageHandler.requests, [(OUTSIDE, "/robots.txt"), (OUTSIDE, "/page")])
