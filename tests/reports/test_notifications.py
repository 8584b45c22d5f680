import io
import json
from datetime import timedelta

import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from cms.reports import notifications
from cms.reports.models import ErrorReport
from cms.roles.definitions import EDITORS
from tests.builders import make_user
from tests.reports.builders import make_report, make_reported_interview

MARKUP = '<img src=x onerror="alert(1)">'


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down.")


class NotificationTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS], email="editor@example.org")
        make_user(groups=[EDITORS], email="gone@example.org", is_active=False)
        make_user(email="not-an-editor@example.org")
        cls.interview = make_reported_interview()

    def setUp(self):
        cache.clear()

    def send(self, **fields):
        data = {
            "selection": "shraed",
            "context_before": "have ",
            "context_after": " the river",
            "page": self.interview.get_absolute_url(),
            "comment": "shared",
            **fields,
        }
        return self.client.post(reverse("reports:create"), json.dumps(data), content_type="application/json")


class EachReportTests(NotificationTestCase):
    def test_new_report_mails_the_active_editors_with_context_comment_and_links(self):
        self.assertEqual(self.send().status_code, 201)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["editor@example.org"])
        self.assertIn("shraed", message.subject)
        report = ErrorReport.objects.get()
        self.assertIn("have [[shraed]] the river", message.body)
        self.assertIn("Comment:\nshared", message.body)
        self.assertIn("http://testserver" + report.admin_url(), message.body)
        self.assertIn("http://testserver" + report.get_absolute_url(), message.body)
        self.assertIsNotNone(report.notified_at)

    def test_a_merged_report_sends_no_second_mail(self):
        self.send()
        self.send()
        self.assertEqual(len(mail.outbox), 1)

    @override_settings(REPORTS_NOTIFY_EMAILS=["desk@example.org", "chief@example.org"])
    def test_configured_addresses_replace_the_editors(self):
        self.send()
        self.assertEqual(mail.outbox[0].to, ["desk@example.org", "chief@example.org"])

    def test_reader_text_in_the_html_mail_is_escaped(self):
        self.send(context_before=MARKUP, context_after=MARKUP, comment=MARKUP)
        html, mimetype = mail.outbox[0].alternatives[0]
        self.assertEqual(mimetype, "text/html")
        self.assertNotIn("<img", html)
        self.assertIn("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;", html)
        self.assertIn("<mark><strong>shraed</strong></mark>", html)

    def test_the_page_address_in_the_mail_is_built_by_us_not_taken_from_the_reader(self):
        self.send(page="http://testserver" + self.interview.get_absolute_url() + '?"><script>x</script>')
        html = mail.outbox[0].alternatives[0][0]
        self.assertNotIn("<script>", html)
        self.assertNotIn("<script>", mail.outbox[0].body)

    @override_settings(EMAIL_BACKEND="tests.reports.test_notifications.FailingBackend")
    def test_mail_failure_keeps_the_report_and_the_reader_gets_201(self):
        with self.assertLogs("cms.reports.notifications", "ERROR"):
            response = self.send()
        self.assertEqual(response.status_code, 201)
        report = ErrorReport.objects.get()
        self.assertIsNone(report.notified_at)

    @override_settings(EMAIL_BACKEND="tests.reports.test_notifications.FailingBackend")
    def test_reader_address_is_erased_even_when_the_fix_mail_fails(self):
        report = make_report(self.interview, reporter_email="reader@example.org", status="fixed")
        with self.assertLogs("cms.reports.notifications", "ERROR"):
            notifications.close_for_reader(report)
        report.refresh_from_db()
        self.assertEqual(report.reporter_email, "")

    def test_fix_mail_carries_the_page_and_inert_text(self):
        report = make_report(
            self.interview, selection=MARKUP, reporter_email="reader@example.org", status="fixed"
        )
        notifications.close_for_reader(report)
        message = mail.outbox[0]
        self.assertEqual(message.alternatives, [])
        self.assertIn(MARKUP, message.body)  # plain text: markup is shown, never rendered
        self.assertIn(self.interview.get_absolute_url(), message.body)
        self.assertIn("erased", message.body)


@override_settings(REPORTS_NOTIFY="digest", REPORTS_DIGEST_MINUTES=60)
class DigestTests(NotificationTestCase):
    def digest(self, *args):
        out = io.StringIO()
        call_command("send_report_digest", *args, stdout=out)
        return out.getvalue()

    def test_reports_wait_for_the_digest(self):
        self.send()
        self.send(selection="goverment", context_before="The ", context_after=" decides.")
        self.assertEqual(mail.outbox, [])
        self.assertIn("2 report(s)", self.digest())
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].subject, "2 new spelling reports")
        self.assertIn("shraed", mail.outbox[0].body)
        self.assertIn("goverment", mail.outbox[0].body)
        self.assertFalse(ErrorReport.objects.filter(notified_at__isnull=True).exists())

    def test_digest_waits_for_the_interval_unless_told_now(self):
        self.send()
        self.digest()
        self.send(selection="goverment", context_before="The ", context_after=" decides.")
        self.assertIn("less than 60 minutes ago", self.digest())
        self.assertEqual(len(mail.outbox), 1)
        with time_machine.travel(timezone.now() + timedelta(minutes=61)):
            self.assertIn("1 report(s)", self.digest())
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("No new reports", self.digest("--now"))

    def test_closed_reports_are_left_out(self):
        make_report(self.interview, status=ErrorReport.Status.REJECTED)
        self.assertIn("No new reports", self.digest())
        self.assertEqual(mail.outbox, [])
