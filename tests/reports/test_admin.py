from datetime import timedelta

import reversion
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from cms.reports.models import Correction, ErrorReport
from cms.roles.definitions import EDITORS
from interviews.models import Block
from tests.builders import make_interview, make_user
from tests.reports.builders import make_report, make_reported_interview
from tests.test_workflow import form_data

CHANGELIST = reverse("admin:reports_errorreport_changelist")
MARKUP = "<script>alert(1)</script>"


def apply_url(report):
    return reverse("admin:reports_errorreport_apply", args=[report.pk])


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS], email="editor@example.org")
        cls.interview = make_reported_interview()

    def setUp(self):
        self.client.force_login(self.editor)


class QueueTests(AdminTestCase):
    def test_queue_shows_the_selection_highlighted_in_context_with_count_and_page_link(self):
        report = make_report(self.interview, comment="government", count=3)
        response = self.client.get(CHANGELIST)
        self.assertContains(response, "The <mark>goverment</mark> decides.", html=False)
        self.assertContains(response, "government")
        self.assertContains(response, '<td class="field-count">3</td>', html=True)
        self.assertContains(response, report.get_absolute_url())

    def test_reader_text_is_escaped_in_the_queue_and_the_report(self):
        report = make_report(self.interview, selection=MARKUP, before=MARKUP, after=MARKUP, comment=MARKUP)
        for url in (CHANGELIST, reverse("admin:reports_errorreport_change", args=[report.pk])):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertNotContains(response, MARKUP)
                self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_queue_is_newest_first_then_most_reported(self):
        now = timezone.now()
        old = make_report(
            self.interview, selection="shraed", count=9, last_reported_at=now - timedelta(days=2)
        )
        new_few = make_report(self.interview, before="with the ", count=1, last_reported_at=now)
        new_many = make_report(self.interview, count=5, last_reported_at=now)
        listed = list(self.client.get(CHANGELIST).context["cl"].result_list)
        self.assertEqual(listed, [new_many, new_few, old])

    def test_queue_filters_by_status_interview_and_date(self):
        other = make_interview(title="Other piece")
        fixed = make_report(self.interview, status=ErrorReport.Status.FIXED)
        open_here = make_report(self.interview)
        elsewhere = make_report(other, selection="Quite")
        old = make_report(self.interview, before="x", created_at=timezone.now() - timedelta(days=400))

        def listed(**query):
            return set(self.client.get(CHANGELIST, query).context["cl"].result_list)

        self.assertEqual(listed(status__exact="fixed"), {fixed})
        self.assertEqual(listed(interview__id__exact=other.pk), {elsewhere})
        # As the filter's own "Today" link puts it.
        midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        self.assertEqual(listed(**{"created_at__gte": str(midnight)}), {fixed, open_here, elsewhere})
        self.assertIn(old, listed())

    def test_queue_costs_the_same_for_3_and_30_reports(self):
        for count in (3, 30):
            for n in range(count):
                make_report(self.interview, before=f"{count}-{n} ")
            with self.assertNumQueries(10):
                self.client.get(CHANGELIST)

    def test_queue_offers_to_apply_each_open_suggestion(self):
        suggested = make_report(self.interview, comment="government")
        no_suggestion = make_report(self.interview, before="with the ", comment="please check this")
        closed = make_report(self.interview, selection="shraed", status=ErrorReport.Status.FIXED)
        response = self.client.get(CHANGELIST)
        self.assertContains(response, "Apply the suggestion", count=1)
        self.assertContains(response, f'href="{apply_url(suggested)}"')
        self.assertNotContains(response, apply_url(no_suggestion))
        self.assertNotContains(response, apply_url(closed))
        self.assertContains(response, "“goverment” to “government”")

    def test_only_those_who_may_apply_see_the_apply_button(self):
        report = make_report(self.interview, comment="government")
        # May read the queue but change neither the reports nor the interviews.
        reader = make_user()
        reader.user_permissions.add(Permission.objects.get(codename="view_errorreport"))
        # May close reports but not change an interview's text.
        triager = make_user()
        triager.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_errorreport", "change_errorreport"])
        )
        for user in (reader, triager):
            with self.subTest(user.get_all_permissions()):
                self.client.force_login(user)
                response = self.client.get(CHANGELIST)
                self.assertContains(response, "goverment")
                self.assertNotContains(response, "Apply the suggestion")
                self.assertNotContains(response, apply_url(report))

    def test_reports_are_not_added_by_hand(self):
        self.assertEqual(self.client.get(reverse("admin:reports_errorreport_add")).status_code, 403)

    def test_change_page_shows_the_address_only_there_and_links_to_apply_and_note(self):
        report = make_report(self.interview, reporter_email="reader@example.org")
        self.assertNotContains(self.client.get(CHANGELIST), "reader@example.org")
        response = self.client.get(reverse("admin:reports_errorreport_change", args=[report.pk]))
        self.assertContains(response, "reader@example.org")
        self.assertContains(response, apply_url(report))
        self.assertContains(response, f"?interview={self.interview.pk}&amp;report={report.pk}")


class ActionTests(AdminTestCase):
    def act(self, action, *reports):
        return self.client.post(
            CHANGELIST, {"action": action, "_selected_action": [r.pk for r in reports]}, follow=True
        )

    def test_mark_fixed_keeps_who_and_when_and_tells_the_reader_once(self):
        report = make_report(self.interview, reporter_email="reader@example.org")
        self.act("mark_fixed", report)
        report.refresh_from_db()
        self.assertEqual(report.status, ErrorReport.Status.FIXED)
        self.assertEqual(report.handled_by, self.editor)
        self.assertIsNotNone(report.handled_at)
        self.assertEqual(report.reporter_email, "")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["reader@example.org"])
        self.assertIn("goverment", mail.outbox[0].body)

    def test_rejected_and_duplicate_erase_the_address_without_mail(self):
        rejected = make_report(self.interview, reporter_email="a@example.org")
        duplicate = make_report(self.interview, before="with the ", reporter_email="b@example.org")
        self.act("mark_rejected", rejected)
        self.act("mark_duplicate", duplicate)
        rejected.refresh_from_db()
        duplicate.refresh_from_db()
        self.assertEqual((rejected.status, duplicate.status), ("rejected", "duplicate"))
        self.assertEqual((rejected.reporter_email, duplicate.reporter_email), ("", ""))
        self.assertEqual(mail.outbox, [])

    def test_status_changed_in_the_form_is_handled_the_same_way(self):
        report = make_report(self.interview, reporter_email="a@example.org")
        url = reverse("admin:reports_errorreport_change", args=[report.pk])
        self.client.post(url, {"status": "fixed", "suggestion": "government"})
        report.refresh_from_db()
        self.assertEqual(report.status, "fixed")
        self.assertEqual(report.handled_by, self.editor)
        self.assertEqual(report.reporter_email, "")

    def test_reopening_is_refused_when_an_identical_report_is_open(self):
        closed = make_report(self.interview, status=ErrorReport.Status.FIXED)
        make_report(self.interview)
        url = reverse("admin:reports_errorreport_change", args=[closed.pk])
        response = self.client.post(url, {"status": "new", "suggestion": ""})
        self.assertContains(response, "An identical report is open already")

    def test_staff_without_the_permission_cannot_act(self):
        self.client.force_login(make_user())
        self.assertEqual(self.client.get(CHANGELIST).status_code, 403)


class ApplyCorrectionTests(AdminTestCase):
    def shraed(self, **fields):
        return make_report(self.interview, selection="shraed", before="have ", after=" the river", **fields)

    def test_preview_shows_before_and_after(self):
        response = self.client.get(apply_url(self.shraed(comment="shared")))
        self.assertContains(response, "<del>shraed</del>", html=True)
        self.assertContains(response, "<ins>shared</ins>", html=True)
        self.assertContains(response, "Five countries have")
        self.assertContains(response, "Apply the correction")

    def test_preview_shows_the_sentence_as_readers_see_it_without_markup(self):
        report = make_report(self.interview, selection="quota", before="goverment ", after=".", comment="x")
        report.suggestion = "quotas"
        report.save()
        response = self.client.get(apply_url(report))
        before = "Farmers disagree with the goverment <del>quota</del>."
        after = "Farmers disagree with the goverment <ins>quotas</ins>."
        self.assertContains(response, f'<p class="apply-correction__text">{before}</p>', html=True)
        self.assertContains(response, f'<p class="apply-correction__text">{after}</p>', html=True)
        self.assertNotContains(response, "&lt;em&gt;")

    def test_preview_keeps_to_the_sentence_of_the_selection(self):
        report = make_report(self.interview, selection="treaty", before="The ", after=" {of", comment="x")
        report.suggestion = "accord"
        report.save()
        response = self.client.get(apply_url(report))
        # "The goverment decides." is another paragraph; the insertion shows as readers see it.
        self.assertContains(
            response,
            '<p class="apply-correction__text">'
            "The <del>treaty</del> [of 1992] is old, and the river is older.</p>",
            html=True,
        )

    def test_preview_marks_where_a_long_sentence_is_cut_and_shows_whole_words(self):
        words = " ".join(f"word{n}" for n in range(80))
        interview = make_interview(blocks=[("paragraph", f"{words} shraed {words}.")])
        report = make_report(
            interview, selection="shraed", before="word79 ", after=" word0", comment="shared"
        )
        response = self.client.get(apply_url(report))
        text = response.content.decode().split('<p class="apply-correction__text">')[1].split("</p>")[0]
        self.assertTrue(text.startswith("… word"), text)
        self.assertTrue(text.endswith(" …"), text)
        self.assertIn("word79 <del>shraed</del> word0 ", text)
        for word in text.replace("<del>shraed</del>", "").strip("… ").split():
            self.assertRegex(word, r"^word\d+$")

    def test_confirming_changes_the_block_and_marks_the_report_fixed(self):
        report = self.shraed(comment="shared", reporter_email="reader@example.org")
        response = self.client.post(apply_url(report), follow=True)
        self.assertContains(response, "Applied the suggested correction")
        block = Block.objects.get(interview=self.interview, order=3)
        self.assertEqual(block.text, "<p>Five countries have shared the river since 1992.</p>")
        report.refresh_from_db()
        self.assertEqual(report.status, ErrorReport.Status.FIXED)
        self.assertEqual(report.handled_by, self.editor)
        self.assertEqual(report.reporter_email, "")
        self.assertEqual([m.to for m in mail.outbox], [["reader@example.org"]])
        self.assertTrue(LogEntry.objects.filter(object_id=str(self.interview.pk)).exists())

    def test_applying_makes_a_revision_history_can_compare_and_restore(self):
        with reversion.create_revision():
            self.interview.save()
        report = self.shraed(comment="shared")
        self.client.post(apply_url(report))
        versions = Version.objects.get_for_object(self.interview).order_by("-pk")
        self.assertEqual(versions.count(), 2)
        applied, before = versions
        self.assertEqual(applied.revision.user, self.editor)
        self.assertIn(
            f"applied the correction suggested in reader report #{report.pk}", applied.revision.comment
        )
        self.assertIn(self.editor.get_username(), applied.revision.comment)
        history = self.client.get(reverse("admin:interviews_interview_history", args=[self.interview.pk]))
        self.assertContains(history, f"reader report #{report.pk}")
        diff = self.client.get(
            reverse("admin:interviews_interview_compare", args=[self.interview.pk, applied.pk])
        )
        self.assertContains(diff, "<del>shraed</del> <ins>shared</ins>", html=False)
        self.assertNotContains(diff, "Who decides how much water flows?")
        # Restoring the revision before the correction brings the reported text back.
        restore = reverse("admin:interviews_interview_revision", args=[self.interview.pk, before.pk])
        response = self.client.post(restore, form_data(self.client.get(restore), self.interview))
        self.assertEqual(response.status_code, 302)
        block = Block.objects.get(interview=self.interview, order=3)
        self.assertEqual(block.text, "<p>Five countries have shraed the river since 1992.</p>")

    def test_the_suggestion_is_inserted_as_text(self):
        report = self.shraed(comment="x", suggestion="<b>shared</b>")
        self.client.post(apply_url(report))
        block = Block.objects.get(interview=self.interview, order=3)
        self.assertIn("&lt;b&gt;shared&lt;/b&gt;", block.text)

    def test_a_title_can_be_corrected_too(self):
        report = make_report(self.interview, selection="Rivers and rules", before="", after="", comment="x")
        report.suggestion = "Rivers and rulers"
        report.save()
        self.client.post(apply_url(report))
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.title, "Rivers and rulers")

    def test_refuses_when_the_text_occurs_several_times(self):
        report = make_report(self.interview, comment="government")
        response = self.client.post(apply_url(report), follow=True)
        self.assertContains(response, "occurs 2 times")
        report.refresh_from_db()
        self.assertEqual(report.status, ErrorReport.Status.NEW)
        self.assertEqual(Block.objects.filter(text__contains="goverment").count(), 2)

    def test_refuses_when_the_text_no_longer_occurs(self):
        report = self.shraed(comment="shared")
        Block.objects.filter(interview=self.interview, order=3).update(text="<p>Gone.</p>")
        response = self.client.get(apply_url(report))
        self.assertContains(response, "no longer occurs")
        self.assertNotContains(response, "Apply the correction")

    def test_refuses_without_a_suggestion_or_across_formatting(self):
        no_suggestion = self.shraed(comment="please check this word")
        self.assertContains(self.client.get(apply_url(no_suggestion)), "has no suggested correction")
        formatted = make_report(
            self.interview, selection="Farmers disagree", before="", after=" with", comment="x"
        )
        formatted.suggestion = "Farmers agree"
        formatted.save()
        self.assertContains(self.client.get(apply_url(formatted)), "formatting")

    def test_refuses_a_closed_report(self):
        report = self.shraed(comment="shared", status=ErrorReport.Status.REJECTED)
        self.assertContains(self.client.get(apply_url(report)), "already closed")


class CorrectionAdminTests(AdminTestCase):
    def test_editor_adds_a_dated_note_that_records_who(self):
        report = make_report(self.interview)
        url = reverse("admin:reports_correction_add")
        form = self.client.get(url, {"interview": self.interview.pk, "report": report.pk})
        self.assertEqual(form.context["adminform"].form.initial["interview"], str(self.interview.pk))
        response = self.client.post(
            url,
            {
                "interview": self.interview.pk,
                "date": "2025-03-01",
                "text": "An earlier version misspelt the name.",
                "report": report.pk,
            },
        )
        self.assertEqual(response.status_code, 302)
        note = Correction.objects.get()
        self.assertEqual(note.created_by, self.editor)
        self.assertEqual(note.report, report)
        self.assertContains(self.client.get(self.interview.get_absolute_url()), "misspelt the name")

    def test_note_list_costs_the_same_for_3_and_30_notes(self):
        interviews = [self.interview, make_interview(), make_interview()]
        for count in (3, 30):
            for n in range(count):
                Correction.objects.create(interview=interviews[n % 3], text="Note", created_by=self.editor)
            with self.assertNumQueries(7):
                self.client.get(reverse("admin:reports_correction_changelist"))
