import pytest

from tests.browser.base import BrowserTestCase
from tests.builders import make_expert, make_interview

pytestmark = pytest.mark.browser


class PublicPagesInBrowserTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.expert = make_expert(name="Aida Sultan")
        self.interview = make_interview(
            title="Rivers and rules",
            experts=[self.expert],
            tags=["Water"],
            blocks=[("question", "Who decides?"), ("answer", "Nobody {alone}.")],
        )

    def test_reader_goes_from_home_to_interview_to_expert(self):
        page = self.open("/")
        page.get_by_role("link", name="Rivers and rules").click()
        self.assertEqual(page.locator("h1").inner_text(), "Rivers and rules")
        self.assertEqual(page.locator(".insertion").inner_text(), "[alone]")
        page.locator(".expert-box").get_by_role("link", name="Aida Sultan").click()
        self.assertEqual(page.locator("h1").inner_text(), "Aida Sultan")
        self.assertEqual(self.console_errors, [])

    def test_question_anchor_scrolls_to_the_question(self):
        page = self.open(self.interview.get_absolute_url() + "#q-who-decides")
        self.assertTrue(page.locator("#q-who-decides").is_visible())
