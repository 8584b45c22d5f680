"""The rest of the editor's day in Chromium, at 1,366 px and 390 px wide: the desk, the spelling
reports queue, a report's page and the page that applies a reader's suggestion.

Screenshots go to /tmp/desk-<page>-<width>.png for a person to look at.
"""

import pytest
from django.test import Client

from cms.roles.definitions import EDITORS
from interviews.models import Interview
from tests.browser.base import BrowserTestCase
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.browser.test_reader_layout import AXE
from tests.builders import make_interview, make_user
from tests.reports.builders import make_report, make_reported_interview

pytestmark = pytest.mark.browser

LONG_TITLE = (
    "Rivers and rules: who decides how much water flows downstream when five countries share one "
    "river and none of them trusts the others' figures"
)
LONG_COMMENT = (
    "This word is misspelt, and so is a name two paragraphs further down; "
    "the expert's affiliation also reads differently on your page about her, "
    "https://example.org/a/very/long/address/that/has/no/spaces/to/break/at/anywhere/at/all"
)

# How far the page, and the queue's table inside it, scroll sideways.
SIDEWAYS = """() => {
    const root = document.documentElement;
    const results = document.querySelector(".results");
    return {
        page: root.scrollWidth - root.clientWidth,
        list: results ? results.scrollWidth - results.clientWidth : 0,
    };
}"""


def overlap(a, b):
    """Return whether two bounding boxes share any area."""
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


class EditorsDayMixin:
    def setUp(self):
        super().setUp()
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.editor = make_user(groups=[EDITORS], first_name="Aigerim", last_name="Bek")
        self.interview = make_reported_interview(title=LONG_TITLE)
        for title in ("Waiting for a check", "Also waiting"):
            make_interview(title=title, status=Interview.Status.REVIEW, publish_at=None)
        self.suggested = make_report(
            self.interview,
            selection="shraed",
            before="Five countries have ",
            after=" the river since 1992.",
            comment="shared",
        )
        make_report(self.interview, comment=LONG_COMMENT, count=4)
        make_report(
            self.interview,
            selection="The treaty of 1992 is old, and the river is older than any of the borders",
            before="decides. ",
            after=" drawn on it.",
            comment="please check this sentence against the recording, I think the year is wrong",
        )
        client = Client()
        client.force_login(self.editor)
        cookie = client.cookies["sessionid"]
        self.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": self.live_server_url}])

    def shot(self, name):
        self.page.screenshot(path=f"/tmp/desk-{name}-{self.viewport['width']}.png", full_page=True)

    def axe_violations(self):
        self.page.evaluate(AXE)
        violations = self.page.evaluate("async () => (await axe.run()).violations")
        return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]

    def assert_clean(self):
        self.maxDiff = None
        # First: axe adds a style element of its own, which the policy refuses.
        self.assertEqual(self.page.evaluate("window.cspViolations"), [])
        self.assertEqual(self.axe_violations(), [])
        self.assertEqual(self.console_errors, [])

    def test_desk_offers_the_import_and_its_tiles_open_their_lists(self):
        page = self.open("/admin/")
        self.shot("index")
        self.assertEqual(page.evaluate(SIDEWAYS)["page"], 0)
        self.assert_clean()
        tile = page.locator(".desk__tile-link", has_text="Waiting for review")
        count = int(tile.locator(".desk__count").inner_text())
        self.assertEqual(count, 2)
        tile.click()
        page.wait_for_url("**/admin/interviews/interview/?status__exact=review")
        self.assertEqual(page.locator("#result_list tbody tr").count(), count)
        page.go_back()
        page.locator(".desk__tile-link", has_text="New spelling error reports").click()
        page.wait_for_url("**/admin/reports/errorreport/?status__exact=new")
        self.assertEqual(page.locator("#result_list tbody tr").count(), 3)
        page.go_back()
        page.get_by_role("link", name="Import a transcript").click()
        page.wait_for_url("**/admin/interviews/interview/import/")
        self.assertEqual(self.console_errors, [])

    def test_reports_queue_fits_and_offers_to_apply_a_suggestion(self):
        page = self.open("/admin/reports/errorreport/")
        self.shot("queue")
        # On a phone the list scrolls sideways inside its own box, never the page.
        sideways = page.evaluate(SIDEWAYS)
        self.assertEqual(sideways["page"], 0)
        if self.viewport["width"] >= 1366:
            self.assertEqual(sideways["list"], 0)
        buttons = page.get_by_role("link", name="Apply the suggestion")
        self.assertEqual(buttons.count(), 1)
        row = page.locator("#result_list tbody tr", has=buttons)
        button = buttons.bounding_box()
        for title in (".report-context", ".field-interview", ".field-comment_excerpt"):
            with self.subTest(title):
                self.assertFalse(overlap(row.locator(title).bounding_box(), button))
        self.assert_clean()
        buttons.click()
        page.wait_for_url(f"**/admin/reports/errorreport/{self.suggested.pk}/apply/")

    def test_a_reports_buttons_leave_its_title_alone(self):
        page = self.open(f"/admin/reports/errorreport/{self.suggested.pk}/change/")
        self.shot("report")
        title = page.locator("#content > h2").bounding_box()
        tools = page.locator(".object-tools")
        self.assertTrue(tools.is_visible())
        self.assertFalse(overlap(title, tools.bounding_box()))
        for heading in page.locator("#content h1").all():
            self.assertFalse(overlap(heading.bounding_box(), tools.bounding_box()))
        self.assertEqual(page.evaluate(SIDEWAYS)["page"], 0)
        self.assert_clean()

    def test_the_apply_page_shows_the_sentence_before_and_after(self):
        page = self.open(f"/admin/reports/errorreport/{self.suggested.pk}/apply/")
        self.shot("apply")
        before, after = page.locator(".apply-correction__before"), page.locator(".apply-correction__after")
        self.assertEqual(before.locator("p").inner_text(), "Five countries have shraed the river since 1992.")
        self.assertEqual(after.locator("p").inner_text(), "Five countries have shared the river since 1992.")
        for side, mark in ((before, "del"), (after, "ins")):
            box = side.bounding_box()
            self.assertGreaterEqual(box["x"], 0)
            self.assertLessEqual(box["x"] + box["width"], self.viewport["width"])
            self.assertTrue(side.locator(mark).is_visible())
            size = side.locator("p").evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
            self.assertGreaterEqual(size, 14)
        self.assertFalse(overlap(before.bounding_box(), after.bounding_box()))
        # Side by side where there is room, one above the other on a phone.
        side_by_side = before.bounding_box()["y"] == after.bounding_box()["y"]
        self.assertEqual(side_by_side, self.viewport["width"] >= 1366)
        self.assertNotIn("<", page.locator(".apply-correction").inner_text())
        self.assertEqual(page.evaluate(SIDEWAYS)["page"], 0)
        self.assert_clean()
        page.get_by_role("button", name="Apply the correction").click()
        page.wait_for_url(f"**/admin/reports/errorreport/{self.suggested.pk}/change/")
        self.assertIn("Applied the suggested correction", page.content())


class EditorsDayDesktopTests(EditorsDayMixin, BrowserTestCase):
    viewport = {"width": 1366, "height": 900}


class EditorsDayPhoneTests(EditorsDayMixin, BrowserTestCase):
    viewport = {"width": 390, "height": 844}
