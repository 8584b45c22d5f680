from datetime import date

from django.db import IntegrityError
from django.test import SimpleTestCase, TestCase

from cms.reports.models import Correction, ErrorReport, with_page_text
from cms.reports.text import (
    normalise,
    page_text,
    suggestion_from_comment,
    text_fragment,
)
from interviews.models import Block, Interview
from tests.builders import make_expert, make_interview
from tests.reports.builders import make_report, make_reported_interview


class TextHelperTests(SimpleTestCase):
    def test_normalise_collapses_whitespace_and_drops_invisible_characters(self):
        self.assertEqual(normalise("  gov\u00adern\u200bment\n\n\tsaid\u00a0so "), "government said so")

    def test_suggestion_is_read_from_a_respelling_or_a_lead_phrase(self):
        cases = [
            ("government", "goverment", "government"),
            ("government.", "goverment", "government"),
            ("Should be: “Tashkent”", "Taskent", "Tashkent"),
            ("correct spelling: Bishkek", "Bishek", "Bishkek"),
            ("→ 1992", "1993", "1992"),
            ("Должно быть: правительство", "правителство", "правительство"),
            ("typo here, please look", "goverment", ""),
            ("goverment", "goverment", ""),
            ("", "goverment", ""),
        ]
        for comment, selection, expected in cases:
            with self.subTest(comment):
                self.assertEqual(suggestion_from_comment(comment, selection), expected)

    def test_text_fragment_escapes_the_directive_syntax(self):
        fragment = text_fragment("one two three four-five ", "a-b, c&d", " six seven eight nine")
        self.assertEqual(
            fragment,
            "#:~:text=two%20three%20four%2Dfive-,a%2Db%2C%20c%26d,-six%20seven%20eight",
        )
        self.assertEqual(text_fragment("", "word", ""), "#:~:text=word")


class PageTextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview(
            # No tags: tests/test_admin.py filters by tag id 1, which a tag made here takes on PostgreSQL.
            experts=[make_expert(name="Aida Sultan", short_bio="Aida is an economist.")],
            interviewer_label="Meridian",
        )

    def text(self):
        return page_text(with_page_text(Interview.objects.filter(pk=self.interview.pk)).get())

    def test_page_text_reads_as_the_page_shows_it(self):
        text = self.text()
        for shown in (
            "Rivers and rules Who owns the water?",
            "Aida Sultan",
            "Aida is an economist.",
            "Meridian: Who decides how much water flows? The goverment decides. The treaty [of 1992] is old",
            "Farmers disagree with",
        ):
            with self.subTest(shown):
                self.assertIn(shown, text)
        self.assertNotIn("<em>", text)
        self.assertNotIn("{of 1992}", text)

    def test_entities_are_shown_as_characters(self):
        Block.objects.create(interview=self.interview, kind="answer", order=9, text="Salt &amp; water")
        self.assertIn("Salt & water", self.text())

    def test_correction_notes_are_page_text(self):
        Correction.objects.create(interview=self.interview, text="The treaty was signed in 1992.")
        self.assertIn("The treaty was signed in 1992.", self.text())


class ErrorReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview()

    def test_only_one_open_report_per_fingerprint(self):
        make_report(self.interview)
        with self.assertRaises(IntegrityError):
            make_report(self.interview)

    def test_closed_reports_do_not_block_a_new_identical_one(self):
        make_report(self.interview, status=ErrorReport.Status.FIXED)
        make_report(self.interview)
        self.assertEqual(ErrorReport.objects.count(), 2)

    def test_record_merges_into_the_open_report(self):
        fields = {"context_before": "The ", "context_after": " decides.", "selection": "goverment"}
        first, created = ErrorReport.objects.record(interview=self.interview, comment="one", **fields)
        self.assertTrue(created)
        second, created = ErrorReport.objects.record(
            interview=self.interview, comment="two", reporter_email="a@example.org", **fields
        )
        self.assertFalse(created)
        self.assertEqual(second.pk, first.pk)
        second.refresh_from_db()
        self.assertEqual(second.count, 2)
        self.assertEqual(second.comment, "one\n—\ntwo")
        self.assertEqual(second.reporter_email, "a@example.org")

    def test_absolute_url_opens_the_page_at_the_selection(self):
        report = make_report(self.interview, before="The ", after=" decides.")
        self.assertEqual(
            report.get_absolute_url(), self.interview.get_absolute_url() + "#:~:text=The-,goverment,-decides."
        )

    def test_edit_that_removes_the_text_marks_open_reports(self):
        report = make_report(self.interview, selection="shraed", before="have ", after=" the")
        closed = make_report(self.interview, selection="shraed", before="x", status=ErrorReport.Status.FIXED)
        block = self.interview.blocks.get(text__contains="shraed")
        block.text = "Five countries have shared the river since 1992."
        block.save()
        report.refresh_from_db()
        closed.refresh_from_db()
        self.assertFalse(report.text_still_present)
        self.assertTrue(closed.text_still_present)
        block.text = "Five countries have shraed it."
        block.save()
        report.refresh_from_db()
        self.assertTrue(report.text_still_present)

    def test_deleting_the_block_or_retitling_marks_open_reports(self):
        in_block = make_report(self.interview, selection="shraed", before="have ", after=" the")
        in_title = make_report(self.interview, selection="Rivers and rules", before="", after="")
        self.interview.blocks.filter(text__contains="shraed").delete()
        self.interview.title = "Rivers and rulers"
        self.interview.save()
        in_block.refresh_from_db()
        in_title.refresh_from_db()
        self.assertFalse(in_block.text_still_present)
        self.assertFalse(in_title.text_still_present)

    def test_saving_an_interview_without_open_reports_costs_one_query_more(self):
        other = make_interview()
        with self.assertNumQueries(1):
            ErrorReport.objects.refresh_text_presence(other.pk)


class CorrectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview(language="en")

    def test_structured_data_is_a_dated_correction_comment(self):
        note = Correction.objects.create(
            interview=self.interview, date=date(2025, 3, 1), text="Fixed the year."
        )
        self.assertEqual(
            note.structured_data(),
            {"@type": "CorrectionComment", "text": "Fixed the year.", "datePublished": "2025-03-01"},
        )

    def test_notes_show_dated_at_the_end_of_the_interview_and_in_its_json_ld(self):
        Correction.objects.create(
            interview=self.interview, date=date(2025, 3, 1), text="The treaty was signed in 1992, not 1993."
        )
        response = self.client.get(self.interview.get_absolute_url())
        self.assertContains(response, '<time datetime="2025-03-01">1 March 2025</time>', html=True)
        self.assertContains(response, "The treaty was signed in 1992, not 1993.")
        self.assertContains(response, '"CorrectionComment"')
        self.assertEqual(
            [
                note["text"]
                for note in response.context["parts"]["fragments"]["corrections"]["json_ld"]["correction"]
            ],
            ["The treaty was signed in 1992, not 1993."],
        )
        body = response.content.decode()
        self.assertLess(body.index("not 1993"), body.index("</article>"))

    def test_note_text_is_escaped(self):
        Correction.objects.create(interview=self.interview, text="<script>alert(1)</script>")
        response = self.client.get(self.interview.get_absolute_url())
        self.assertNotContains(response, "<script>alert(1)</script>")


class FooterTests(TestCase):
    def test_every_page_invites_reports_in_english(self):
        interview = make_interview()
        for url in ("/", interview.get_absolute_url(), "/experts/", "/no-such-page/"):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertContains(
                    response,
                    "If you have found a spelling error, please, notify us by selecting that text "
                    "and pressing Ctrl+Enter.",
                    status_code=response.status_code,
                )

    def test_russian_interview_invites_reports_in_russian(self):
        interview = make_interview(language="ru", title="Вода и власть")
        response = self.client.get(interview.get_absolute_url())
        self.assertContains(response, "Если вы нашли ошибку, выделите текст и нажмите Ctrl+Enter")
        self.assertNotContains(response, "If you have found a spelling error")

    def test_blocks_carry_their_id_and_the_dialog_script_is_loaded(self):
        interview = make_interview()
        response = self.client.get(interview.get_absolute_url())
        for block in interview.blocks.all():
            self.assertContains(response, f'data-block="{block.pk}"')
        self.assertContains(response, 'type="module" src="/static/reports/report-dialog.js"')
