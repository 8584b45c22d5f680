from datetime import timedelta

from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.attribution.models import Republication
from cms.reports.models import ErrorReport
from cms.roles.definitions import AUTHORS, EDITORS, EXPERT_STAFF
from interviews.models import Interview, StatusChange
from interviews.workflow import create_approval_request, record_decision
from tests.builders import make_draft, make_expert, make_interview, make_scheduled, make_user


class EditorDeskTests(TestCase):
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

    def test_filtered_lists_the_desk_links_to_work(self):
        scheduled = self.client.get(
            reverse("admin:interviews_interview_changelist"), {"visibility": "scheduled"}
        )
        self.assertContains(scheduled, "Tomorrow&#x27;s piece")
        self.assertNotContains(scheduled, "Waiting one")

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_jobs_that_failed_for_good_are_listed_with_their_error(self):
        def failed(error_class, message):
            return DBTaskResult.objects.create(
                status="FAILED",
                args_kwargs={"args": [], "kwargs": {}},
                task_path="cms.pagecache.keys.purge_keys",
                backend_name="default",
                run_after=timezone.now(),
                finished_at=timezone.now(),
                exception_class_path=error_class,
                traceback=f"Traceback (most recent call last):\n  ...\n{message}\n",
            )

        failed("urllib.error.URLError", "urllib.error.URLError: <urlopen error refused>")
        failed("cms.jobs.jobs.RetryLater", "cms.jobs.jobs.RetryLater: attempt 1 of 5 failed: timed out")
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


class AuthorDeskTests(TestCase):
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

    def test_author_sees_own_drafts_and_what_came_back(self):
        self.client.force_login(self.author)
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "Your drafts")
        self.assertContains(response, "Needs work — Shorten the lead")
        self.assertNotContains(response, "Someone else")
        self.assertNotContains(response, "spelling error reports")

    def test_expert_staff_see_no_desk(self):
        self.client.force_login(make_user(groups=[EXPERT_STAFF]))
        self.assertNotContains(self.client.get(reverse("admin:index")), "On your desk")
