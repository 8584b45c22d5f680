"""The Content-Security-Policy in a real Chromium: public pages and the admin work, nothing is refused."""

import pytest

from cms.reports.models import ErrorReport
from tests.browser.base import BrowserTestCase
from tests.builders import make_expert, make_user
from tests.reports.builders import make_reported_interview

pytestmark = pytest.mark.browser

# Runs before the page's own scripts in every document; CSP does not apply to it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


class ContentSecurityPolicyTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.refused = []
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.page.on(
            "console",
            lambda message: (
                self.refused.append(message.text)
                if "Content Security Policy" in message.text or "Refused to" in message.text
                else None
            ),
        )

    def assertNothingRefused(self):
        self.refused += self.page.evaluate("window.cspViolations")
        self.assertEqual(self.refused, [])
        self.assertEqual(self.console_errors, [])

    def test_interview_page_with_report_dialog_and_copy(self):
        interview = make_reported_interview()
        response = self.page.goto(self.live_server_url + interview.get_absolute_url())
        self.assertNotIn("unsafe-inline", response.headers["content-security-policy"])
        self.assertEqual(self.page.locator('script[type="application/ld+json"]').count() > 0, True)
        # Copying a passage runs the attribution script.
        self.page.evaluate("document.querySelector('.block--answer').scrollIntoView()")
        self.assertTrue(self.select_text("shraed"))
        self.page.keyboard.press("Control+c")
        # The report dialog: open, fill, send; its fetches are same-origin.
        self.page.keyboard.press("Control+Enter")
        dialog = self.page.locator("dialog.report-dialog")
        self.assertTrue(dialog.is_visible())
        self.page.get_by_label("Comment or correct spelling").fill("shared")
        dialog.get_by_role("button", name="Send").click()
        self.page.locator(".report-dialog__status", has_text="Thank").wait_for()
        self.assertEqual(ErrorReport.objects.count(), 1)
        self.page.goto(self.live_server_url + f"/republish/{interview.slug}/")
        self.assertNothingRefused()

    def test_admin_login_change_form_inline_and_autocomplete(self):
        make_user(username="desk", superuser=True)
        make_expert(name="Aida Sultan")
        interview = make_reported_interview()
        self.page.goto(self.live_server_url + "/admin/")
        self.page.get_by_label("Username").fill("desk")
        self.page.get_by_label("Password").fill("a-long-test-password")
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_url("**/admin/")
        self.page.goto(self.live_server_url + f"/admin/interviews/interview/{interview.pk}/change/")

        blocks = self.page.locator("#blocks-group")
        before = blocks.locator(".inline-related:not(.empty-form)").count()
        # A block is added by kind (editor-blocks.js), through the inline's own "add" link.
        blocks.get_by_role("button", name="Add a block").click()
        blocks.get_by_role("group", name="Kind of the new block").get_by_role("button", name="Answer").click()
        self.assertEqual(blocks.locator(".inline-related:not(.empty-form)").count(), before + 1)

        # The expert autocomplete (select2 in Django's admin).
        experts = self.page.locator("#interview_experts-group")
        experts.locator(".add-row a").click()
        experts.locator(".inline-related:not(.empty-form) .select2-container").last.click()
        self.page.locator(".select2-search__field").fill("Aida")
        self.page.locator(".select2-results__option", has_text="Aida Sultan").wait_for()

        # The tag field's suggestions, fetched from the admin.
        self.page.keyboard.press("Escape")
        self.page.locator("#id_tags").fill("wa")
        self.page.wait_for_timeout(600)
        self.assertNothingRefused()
