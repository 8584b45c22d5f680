from datetime import timedelta
from unittest import mock

from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.attribution.tasks import check_republications
from cms.jobs.jobs import PERIODIC, retry_delay, schedule
from cms.reports.tasks import send_report_digest
from tests.reports.builders import make_report, make_reported_interview

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class RetryTests(TestCase):
    @override_settings(JOB_RETRY_SECONDS=30)
    def test_each_retry_waits_four_times_longer(self):
        self.assertEqual([retry_delay(n) for n in (1, 2, 3)], [timedelta(seconds=s) for s in (30, 120, 480)])


@override_settings(TASKS=DATABASE)
class ScheduleTests(TestCase):
    def test_the_daily_link_check_and_the_digest_are_periodic(self):
        self.assertEqual(PERIODIC[check_republications.module_path][1], timedelta(days=1))
        self.assertIn(send_report_digest.module_path, PERIODIC)

    def test_a_periodic_job_is_queued_once(self):
        schedule(check_republications)
        schedule(check_republications)
        waiting = DBTaskResult.objects.filter(task_path=check_republications.module_path, status="READY")
        self.assertEqual(waiting.count(), 1)

    def test_a_run_queues_the_next_one_period_later(self):
        with override_settings(SITE_URL="https://example.org"):
            check_republications.call(mock.Mock(task_result=mock.Mock(task=check_republications)))
        following = DBTaskResult.objects.get(task_path=check_republications.module_path)
        self.assertAlmostEqual(
            following.run_after, timezone.now() + timedelta(days=1), delta=timedelta(minutes=1)
        )


class DigestJobTests(TestCase):
    @override_settings(REPORTS_NOTIFY="each")
    def test_digest_job_sends_nothing_unless_digests_are_chosen(self):
        self.assertEqual(send_report_digest.enqueue().return_value, 0)

    @override_settings(REPORTS_NOTIFY="digest", REPORTS_NOTIFY_EMAILS=["desk@example.org"])
    def test_digest_job_emails_waiting_reports(self):
        make_report(make_reported_interview())
        self.assertEqual(send_report_digest.enqueue().return_value, 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(send_report_digest.enqueue().return_value, 0, "not due again yet")


class LinkCheckJobTests(TestCase):
    @override_settings(SITE_URL="")
    def test_nothing_republished_needs_no_site_url(self):
        self.assertEqual(check_republications.enqueue().return_value, "Nothing republished yet.")

    @override_settings(SITE_URL="")
    def test_pages_to_check_without_a_site_url_fail_visibly(self):
        from cms.attribution.models import Republication
        from tests.builders import make_interview

        Republication.objects.create(interview=make_interview(), page_url="https://elsewhere.example/copy")
        result = check_republications.enqueue()
        self.assertEqual(result.status, "FAILED")
        self.assertIn("Set SITE_URL", result.errors[0].traceback)


@override_settings(TASKS=DATABASE)
class QueueTests(TestCase):
    def test_a_job_already_waiting_is_not_queued_twice(self):
        from cms.jobs.jobs import enqueue_unless_waiting
        from interviews.tasks import refresh_neighbours

        for _ in range(3):
            enqueue_unless_waiting(refresh_neighbours, 7, former_experts=[1], former_topics=[])
        enqueue_unless_waiting(refresh_neighbours, 8, former_experts=[], former_topics=[])
        waiting = DBTaskResult.objects.filter(task_path=refresh_neighbours.module_path, status="READY")
        self.assertEqual(sorted(row.args_kwargs["args"][0] for row in waiting), [7, 8])

    def test_a_save_with_a_worker_queues_the_neighbours_instead_of_refreshing_them(self):
        from interviews.related import linked_interviews
        from tests.builders import make_interview

        older = make_interview(title="Older", tags=["Water"])
        newer = make_interview(title="Newer", tags=["Water"])
        self.assertEqual(linked_interviews(newer)[1], [older], "its own list at once")
        self.assertEqual(linked_interviews(older)[1], [], "the neighbours' lists wait for the worker")
        self.assertTrue(DBTaskResult.objects.filter(task_path="interviews.tasks.refresh_neighbours").exists())


@override_settings(TASKS=DATABASE)
class PruneTests(TestCase):
    def test_old_job_records_are_pruned_and_recent_failures_kept(self):
        from cms.jobs.tasks import prune_results

        def finished(status, days_ago):
            return DBTaskResult.objects.create(
                status=status,
                args_kwargs={"args": [], "kwargs": {}},
                task_path="interviews.tasks.refresh_neighbours",
                backend_name="default",
                run_after=timezone.now(),
                finished_at=timezone.now() - timedelta(days=days_ago),
            )

        old, recent, failed = finished("SUCCESSFUL", 8), finished("SUCCESSFUL", 1), finished("FAILED", 8)
        prune_results.call(mock.Mock(task_result=mock.Mock(task=prune_results)))
        left = set(
            DBTaskResult.objects.exclude(task_path=prune_results.module_path).values_list("pk", flat=True)
        )
        self.assertEqual(left, {recent.pk, failed.pk})
        self.assertFalse(left & {old.pk})
