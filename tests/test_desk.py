import re
from datetime import timedelta
from html import unescape

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.attribution.models import Republication
from cms.reports.models import ErrorReport
from cms.roles.definitions import AUTHORS, EDITORS, EXPERT_STAFF
from interviews.models import ApprovalRequest, Interview, StatusChange
from interviews.workflow import create_approval_request, record_decision
from tests.builders import make_draft, make_expert, make_interview, make_scheduled, make_user

# A tile on the desk: its title and count, both inside the link to the list of what it counts.
TILE = re.compile(
    r'<a class="desk__tile-link" href="(?P<link>[^"]+)">(?P<title>[^<]+?) '
    r'<span class="desk__count">(?P<count>\d+)</span></a>'
)
IMPORT = reverse("admin:interviews_interview_import")


def failed_job(error_class, message, finished_at=None):
    return DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="cms.pagecache.keys.purge_keys",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=finished_at or timezone.now(),
        exception_class_path=error_class,
        traceback=f"Traceback (most recent call last):\n  ...\n{message}\n",
    )


class DeskLinkMixin:
    def tiles(self):
        """Return {title: (link, count)} for each tile on the desk that links to a list."""
        html = self.client.get(reverse("admin:index")).content.decode()
        return {unescape(m["title"]): (unescape(m["link"]), int(m["count"])) for m in TILE.finditer(html)}

    def assert_each_link_lists_what_its_tile_counts(self, tiles):
        for title, (link, count) in tiles.items():
            with self.subTest(title):
                response = self.client.get(link)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["cl"].result_count, count)


class EditorDeskTests(DeskLinkMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        make_interview(title="Waiting one", status=Interview.Status.REVIEW, publish_at=None)
        make_scheduled(title="Tomorrow's piece")
        draft = make_draft(title="Checked by expert", experts=[make_expert()])
        approval = create_approval_request(draft, cls.editor)
        record_decision(approval, "changes", "Fix my title")
        public = make_interview(title="Reported")
        ErrorReport.objects.create(interview=public, selection="teh", client_hash="x")
        Republication.objects.create(
            interview=public,
            page_url="https://blog.example/copy",
            link_status=Republication.LinkStatus.NO_LINK,
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def test_desk_shows_what_waits_with_links_to_filtered_lists(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "On your desk")
        self.assertContains(response, 'href="/admin/interviews/interview/?status__exact=review"')
        self.assertContains(response, "Tomorrow&#x27;s piece")
        self.assertContains(response, "Changes requested: Checked by expert")
        self.assertContains(response, 'href="/admin/reports/errorreport/?status__exact=new"')
        self.assertContains(response, 'href="/admin/attribution/republication/?rule=broken"')
        self.assertContains(response, 'href="/admin/interviews/interview/?waiting=answered"')

    def test_desk_offers_to_import_a_transcript(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, f'href="{IMPORT}">Import a transcript</a>')
        self.assertEqual(self.client.get(IMPORT).status_code, 200)

    def test_every_tile_links_to_a_list_of_exactly_what_it_counts(self):
        # Rows the tiles must not count: an answer of last month, a fixed report, a linked copy.
        old = create_approval_request(make_draft(experts=[make_expert()]), self.editor)
        record_decision(old, "approved", "")
        ApprovalRequest.objects.filter(pk=old.pk).update(decided_at=timezone.now() - timedelta(days=40))
        ErrorReport.objects.create(
            interview=Interview.objects.get(title="Reported"),
            selection="old",
            client_hash="y",
            status=ErrorReport.Status.FIXED,
        )
        make_interview(title="Перевод", language="ru", translation_of=Interview.objects.get(title="Reported"))
        tiles = self.tiles()
        self.assertEqual(
            set(tiles),
            {
                "Waiting for review",
                "Scheduled",
                "Answered by experts",
                "Translations to check",
                "New spelling error reports",
                "Republications without an active link",
            },
        )
        self.assertTrue(all(count == 1 for _link, count in tiles.values()), tiles)
        self.assert_each_link_lists_what_its_tile_counts(tiles)

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_editors_read_failed_jobs_on_the_desk_without_a_link_to_the_list_they_may_not_open(self):
        failed_job("urllib.error.URLError", "urllib.error.URLError: <urlopen error refused>")
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "Background jobs that failed")
        self.assertNotContains(response, reverse("admin:django_tasks_database_dbtaskresult_changelist"))

    def test_filtered_lists_the_desk_links_to_work(self):
        scheduled = self.client.get(
            reverse("admin:interviews_interview_changelist"), {"visibility": "scheduled"}
        )
        self.assertContains(scheduled, "Tomorrow&#x27;s piece")
        self.assertNotContains(scheduled, "Waiting one")

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_jobs_that_failed_for_good_are_listed_with_their_error(self):
        failed_job("urllib.error.URLError", "urllib.error.URLError: <urlopen error refused>")
        failed_job("cms.jobs.jobs.RetryLater", "cms.jobs.jobs.RetryLater: attempt 1 of 5 failed: timed out")
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "Background jobs that failed")
        self.assertContains(response, "purge_keys: urllib.error.URLError: &lt;urlopen error refused&gt;")
        self.assertNotContains(response, "attempt 1 of 5")

    def test_desk_costs_a_fixed_number_of_queries(self):
        for _ in range(5):
            make_scheduled()
            make_interview(status=Interview.Status.REVIEW, publish_at=None)
        with self.assertNumQueries(15):
            self.client.get(reverse("admin:index"))


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class FailedJobsTileTests(DeskLinkMixin, TestCase):
    def test_the_failed_jobs_tile_links_superusers_to_exactly_those_jobs(self):
        failed_job("urllib.error.URLError", "urllib.error.URLError: <urlopen error refused>")
        failed_job("ValueError", "ValueError: bad")
        # Not counted: a failure that will be retried and one of last month.
        failed_job("cms.jobs.jobs.RetryLater", "cms.jobs.jobs.RetryLater: attempt 1 of 5 failed: timed out")
        failed_job("ValueError", "ValueError: old", finished_at=timezone.now() - timedelta(days=40))
        self.client.force_login(make_user(superuser=True))
        tiles = self.tiles()
        link, count = tiles["Background jobs that failed"]
        self.assertEqual(count, 2)
        self.assertEqual(DBTaskResult.objects.filter(status="FAILED").count(), 4)
        self.assert_each_link_lists_what_its_tile_counts({"Background jobs that failed": (link, count)})


class AuthorDeskTests(DeskLinkMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.author = make_user(groups=[AUTHORS])
        cls.editor = make_user(groups=[EDITORS])
        returned = make_draft(title="Needs work", created_by=cls.author)
        StatusChange.objects.create(
            interview=returned,
            from_status=Interview.Status.REVIEW,
            to_status=Interview.Status.DRAFT,
            changed_by=cls.editor,
            changed_at=timezone.now() - timedelta(hours=1),
            note="Shorten the lead",
        )
        make_draft(title="Someone else's", created_by=cls.editor)
        make_draft(title="Fresh draft", created_by=cls.author)
        make_interview(
            title="Submitted", status=Interview.Status.REVIEW, publish_at=None, created_by=cls.author
        )
        # Back from review once, resubmitted since: no longer waiting for its author.
        resubmitted = make_interview(
            title="Resubmitted", status=Interview.Status.REVIEW, publish_at=None, created_by=cls.author
        )
        StatusChange.objects.create(
            interview=resubmitted,
            from_status=Interview.Status.REVIEW,
            to_status=Interview.Status.DRAFT,
            changed_by=cls.editor,
        )
        # Returned twice: one interview on the tile, both notes in its rows.
        StatusChange.objects.create(
            interview=returned,
            from_status=Interview.Status.REVIEW,
            to_status=Interview.Status.DRAFT,
            changed_by=cls.editor,
            changed_at=timezone.now() - timedelta(days=3),
            note="Add a photo",
        )

    def test_author_sees_own_drafts_and_what_came_back(self):
        self.client.force_login(self.author)
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "Your drafts")
        self.assertContains(response, "Needs work — Shorten the lead")
        self.assertNotContains(response, "Someone else")
        self.assertNotContains(response, "spelling error reports")

    def test_author_may_import_a_transcript_from_the_desk(self):
        self.client.force_login(self.author)
        self.assertContains(
            self.client.get(reverse("admin:index")), f'href="{IMPORT}">Import a transcript</a>'
        )

    def test_every_tile_links_to_a_list_of_exactly_what_it_counts(self):
        self.client.force_login(self.author)
        tiles = self.tiles()
        self.assertEqual(
            {title: count for title, (_link, count) in tiles.items()},
            {"Your drafts": 2, "Back from review": 1, "Yours in review": 2},
        )
        self.assert_each_link_lists_what_its_tile_counts(tiles)

    def test_expert_staff_see_no_desk(self):
        self.client.force_login(make_user(groups=[EXPERT_STAFF]))
        self.assertNotContains(self.client.get(reverse("admin:index")), "On your desk")
