import os

import pytest
from django.core.cache import cache
from django.test import override_settings

from cms.reports.models import ErrorReport
from tests.browser.base import FIND_WORD, BrowserTestCase
from tests.reports.builders import make_reported_interview

pytestmark = pytest.mark.browser

# Screenshots for a human check of the dialog's look; set REPORT_SCREENSHOTS to a folder to keep them.
SCREENSHOTS = os.environ.get("REPORT_SCREENSHOTS", "")


class ReportDialogTestCase(BrowserTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()
        self.interview = make_reported_interview()
        self.page = self.open(self.interview.get_absolute_url())
        self.dialog = self.page.locator("dialog.report-dialog")

    def select(self, word):
        self.assertTrue(self.select_text(word))

    def double_click(self, word):
        point = self.page.evaluate(FIND_WORD, [word, False])
        self.page.mouse.dblclick(point["x"], point["y"])

    def wait_for_status(self, text):
        status = self.dialog.get_by_role("status")
        self.page.wait_for_function(
            "text => !document.querySelector('.report-dialog__status').textContent.includes('…')", arg=text
        )
        self.assertIn(text, status.inner_text())
        return status.inner_text()

    def screenshot(self, name):
        if SCREENSHOTS:
            self.page.screenshot(path=os.path.join(SCREENSHOTS, name))


class KeyboardReportTests(ReportDialogTestCase):
    def test_ctrl_enter_shows_the_selection_and_sends_the_report(self):
        self.double_click("shraed")
        self.page.keyboard.press("Control+Enter")
        self.assertTrue(self.dialog.is_visible())
        self.assertEqual(self.dialog.get_by_role("heading").inner_text(), "Spelling error report")
        self.assertIn("The following text will be sent to our editors:", self.dialog.inner_text())
        self.assertEqual(self.dialog.locator("mark").inner_text(), "shraed")
        self.assertIn("Five countries have", self.dialog.locator("blockquote").inner_text())
        comment = self.page.get_by_label("Comment or correct spelling")
        self.assertTrue(comment.evaluate("element => element === document.activeElement"))
        comment.fill("shared")
        self.page.get_by_label("Your email").fill("reader@example.org")
        self.screenshot("report-dialog.png")
        self.dialog.get_by_role("button", name="Send").click()
        self.wait_for_status("Thank you")
        report = ErrorReport.objects.get()
        self.assertEqual(report.selection, "shraed")
        self.assertEqual(report.suggestion, "shared")
        self.assertTrue(report.context_before.endswith("goverment quota. Five countries have "))
        self.assertEqual(report.context_after, " the river since 1992.")
        self.assertEqual(report.block, self.interview.blocks.get(order=3))
        self.assertEqual(report.reporter_email, "reader@example.org")
        self.dialog.get_by_role("button", name="Close").click()
        self.assertFalse(self.dialog.is_visible())
        self.assertEqual(self.console_errors, [])

    def test_the_dialog_is_labelled_for_screen_readers(self):
        self.select("shraed")
        self.page.keyboard.press("Control+Enter")
        dialog = self.page.get_by_role("dialog", name="Spelling error report")
        self.assertTrue(dialog.is_visible())
        self.assertEqual(dialog.get_attribute("aria-describedby"), "report-dialog-intro")

    def test_keyboard_alone_sends_with_ctrl_enter_in_the_dialog(self):
        self.select("shraed")
        self.page.keyboard.press("Control+Enter")
        self.page.keyboard.type("shared")
        self.page.keyboard.press("Control+Enter")
        self.wait_for_status("Thank you")
        self.assertEqual(ErrorReport.objects.get().comment, "shared")

    def test_escape_closes_the_dialog_and_restores_focus_and_selection(self):
        anchor = self.page.locator(".block__anchor").first
        anchor.focus()
        self.select("shraed")
        self.page.keyboard.press("Control+Enter")
        self.assertTrue(self.dialog.is_visible())
        self.page.keyboard.press("Escape")
        self.assertFalse(self.dialog.is_visible())
        # The dialog gives them back in its "close" event, which the browser fires as a task.
        self.page.wait_for_function("String(window.getSelection()) === 'shraed'", timeout=5000)
        self.assertTrue(anchor.evaluate("element => element === document.activeElement"))
        self.dialog.evaluate("dialog => dialog.showModal()")
        self.dialog.get_by_role("button", name="Cancel").click()
        self.assertFalse(self.dialog.is_visible())
        self.assertFalse(ErrorReport.objects.exists())

    def test_no_selection_gets_a_message_not_a_form(self):
        self.page.keyboard.press("Control+Enter")
        self.assertIn("Please select the text with the error first", self.dialog.inner_text())
        self.assertFalse(self.dialog.get_by_role("button", name="Send").is_visible())
        close = self.dialog.get_by_role("button", name="Close")
        self.assertTrue(close.evaluate("element => element === document.activeElement"))
        self.page.keyboard.press("Enter")
        self.assertFalse(self.dialog.is_visible())

    def test_too_long_a_selection_gets_a_message(self):
        self.page.evaluate("window.getSelection().selectAllChildren(document.querySelector('main'))")
        self.page.keyboard.press("Meta+Enter")
        self.assertIn("Please select at most 300", self.dialog.inner_text())
        self.assertFalse(self.dialog.get_by_role("button", name="Send").is_visible())

    @override_settings(REPORTS_PER_HOUR=0)
    def test_past_the_limit_the_dialog_says_when_to_try_again(self):
        self.select("shraed")
        self.page.keyboard.press("Control+Enter")
        self.dialog.get_by_role("button", name="Send").click()
        self.assertRegex(self.wait_for_status("many reports"), r"Please try again in \d+ minutes\.")
        self.assertFalse(ErrorReport.objects.exists())

    def test_text_across_a_question_and_its_label_is_accepted(self):
        self.assertTrue(
            self.page.evaluate(
                """() => {
                const range = document.createRange();
                range.setStartBefore(document.querySelector(".block--question"));
                range.setEndAfter(document.querySelector(".block--answer p"));
                window.getSelection().removeAllRanges();
                window.getSelection().addRange(range);
                return true;
            }"""
            )
        )
        self.page.keyboard.press("Control+Enter")
        self.dialog.get_by_role("button", name="Send").click()
        self.wait_for_status("Thank you")
        self.assertEqual(
            ErrorReport.objects.get().selection,
            "Meridian: Who decides how much water flows? The goverment decides.",
        )


class TouchReportTests(ReportDialogTestCase):
    viewport = {"width": 390, "height": 844}
    has_touch = True

    def test_report_a_typo_button_opens_the_same_dialog(self):
        self.select("shraed")
        button = self.page.get_by_role("button", name="Report a typo")
        button.wait_for()
        self.screenshot("report-typo-button-phone.png")
        button.tap()
        self.assertEqual(self.dialog.locator("mark").inner_text(), "shraed")
        self.screenshot("report-dialog-phone.png")
        self.dialog.get_by_role("button", name="Send").tap()
        self.wait_for_status("Thank you")
        self.assertEqual(ErrorReport.objects.get().selection, "shraed")
        self.assertEqual(self.console_errors, [])

    def test_button_hides_when_the_selection_goes(self):
        self.select("shraed")
        button = self.page.get_by_role("button", name="Report a typo")
        button.wait_for()
        self.page.evaluate("window.getSelection().removeAllRanges()")
        button.wait_for(state="hidden")


class WithoutJavaScriptTests(BrowserTestCase):
    def test_pages_work_and_show_the_footer(self):
        interview = make_reported_interview()
        context = self.browser.new_context(java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(self.live_server_url + interview.get_absolute_url())
            self.assertEqual(page.locator("h1").inner_text(), "Rivers and rules")
            self.assertIn("pressing Ctrl+Enter", page.locator(".site-footer").inner_text())
            self.assertEqual(page.locator("dialog").count(), 0)
        finally:
            context.close()
