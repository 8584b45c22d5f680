import pytest
from django.test import override_settings

from tests.browser.base import BrowserTestCase
from tests.builders import make_interview

pytestmark = pytest.mark.browser

SITE = "https://meridian.example"
LONG_ANSWER = (
    "The treaty was written for a different climate. Glaciers that fed the river for centuries are "
    "shrinking, the dams upstream hold more water every year, and the farmers downstream plant cotton "
    "as if nothing had changed. Nobody alone can fix this; it needs all five capitals at one table."
)

# Registered after the page's own handler, so it sees what that handler put on the clipboard.
RECORD_COPIES = """() => {
  window.copies = [];
  window.addEventListener("copy", (event) => {
    window.copies.push({
      plain: event.clipboardData.getData("text/plain"),
      html: event.clipboardData.getData("text/html"),
      prevented: event.defaultPrevented,
    });
  });
}"""

SELECT = """(selector) => {
  const range = document.createRange();
  range.selectNodeContents(document.querySelector(selector));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


@override_settings(SITE_URL=SITE)
class CopyAttributionTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.interview = make_interview(
            title="Rivers & rules",
            slug="rivers-and-rules",
            blocks=[("question", "Who decides?"), ("answer", LONG_ANSWER)],
        )
        self.page.goto(self.live_server_url + self.interview.get_absolute_url())
        self.page.evaluate(RECORD_COPIES)

    def copy(self, selector):
        self.page.evaluate(SELECT, selector)
        self.page.keyboard.press("Control+c")
        self.page.wait_for_function("window.copies.length > 0")
        return self.page.evaluate("window.copies.pop()")

    def test_long_copy_gets_a_source_line_in_plain_text_and_html(self):
        copied = self.copy(".block--answer")
        url = f"{SITE}/interviews/rivers-and-rules/"
        self.assertTrue(copied["prevented"])
        self.assertTrue(copied["plain"].startswith("The treaty was written"), copied["plain"])
        self.assertTrue(copied["plain"].endswith(f"\n\nSource: Rivers & rules, {url}"), copied["plain"])
        self.assertIn("The treaty was written", copied["html"])
        self.assertIn(f'<p>Source: Rivers &amp; rules, <a href="{url}">{url}</a></p>', copied["html"])
        self.assertNotIn("utm_", copied["plain"] + copied["html"])
        self.assertEqual(self.console_errors, [])

    def test_short_copy_is_left_alone(self):
        copied = self.copy(".block--question p")
        self.assertFalse(copied["prevented"])
        self.assertEqual(copied["plain"], "")
        self.assertEqual(copied["html"], "")

    def test_copy_from_a_form_field_is_left_alone(self):
        self.page.evaluate(
            """(text) => {
              const field = document.createElement("textarea");
              field.value = text;
              document.querySelector(".interview__body").append(field);
              field.focus();
              field.select();
            }""",
            LONG_ANSWER,
        )
        self.page.keyboard.press("Control+c")
        self.page.wait_for_function("window.copies.length > 0")
        self.assertFalse(self.page.evaluate("window.copies.pop()")["prevented"])

    def test_republish_page_copy_button_copies_the_html(self):
        self.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=self.live_server_url)
        self.page.goto(f"{self.live_server_url}/republish/rivers-and-rules/")
        self.page.get_by_role("button", name="Copy HTML").click()
        self.page.get_by_text("Copied.").first.wait_for()
        clipboard = self.page.evaluate("navigator.clipboard.readText()")
        self.assertTrue(clipboard.startswith("<article>\n<h1>Rivers &amp; rules</h1>"), clipboard[:60])
        self.assertIn(f'<a href="{SITE}/interviews/rivers-and-rules/">', clipboard)
