"""Nothing typed on an interview's change page is lost silently, and others editing it are named."""

import re

import pytest
from django.test import Client

from cms.roles.definitions import EDITORS
from interviews.models import Interview
from tests.browser.base import BrowserTestCase
from tests.builders import make_draft, make_expert, make_user

pytestmark = pytest.mark.browser


class EditingSafetyTests(BrowserTestCase):
    def setUp(self):
        super().setUp()
        self.aigerim = make_user(groups=[EDITORS], first_name="Aigerim", last_name="Bek")
        self.dana = make_user(groups=[EDITORS], first_name="Dana", last_name="Karimova")
        self.interview = make_draft(title="Rivers and rules", experts=[make_expert()])

    def log_in(self, context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": self.live_server_url}])

    def change_page(self, page):
        page.goto(f"{self.live_server_url}/admin/interviews/interview/{self.interview.pk}/change/")
        return page

    def test_a_status_button_pressed_with_unsaved_input_saves_it_first(self):
        self.log_in(self.context, self.aigerim)
        page = self.change_page(self.page)
        page.locator("#id_title").fill("Rivers, rules and the people between")
        page.get_by_role("button", name="Publish").click()
        page.wait_for_url("**/status/publish/")
        self.assertIn("Your changes to “Rivers, rules and the people between” are saved.", page.content())
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.title, "Rivers, rules and the people between")
        page.get_by_role("button", name="Yes, publish").click()
        page.wait_for_url("**/change/")
        self.assertEqual(Interview.objects.get(pk=self.interview.pk).status, Interview.Status.PUBLISHED)
        self.assertEqual(self.console_errors, [])

    def test_a_status_button_with_nothing_typed_goes_straight_to_its_confirmation(self):
        self.log_in(self.context, self.aigerim)
        version = self.interview.version
        page = self.change_page(self.page)
        page.wait_for_load_state("load")
        page.get_by_role("button", name="Publish").click()
        page.wait_for_url("**/status/publish/")
        self.assertEqual(Interview.objects.get(pk=self.interview.pk).version, version)  # no empty save

    def test_leaving_with_unsaved_changes_asks_first(self):
        self.log_in(self.context, self.aigerim)
        page = self.change_page(self.page)
        page.locator("#id_lead").click()
        page.keyboard.type(" One more sentence.")
        asked = []
        page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
        page.close(run_before_unload=True)
        for _ in range(50):
            if asked:
                break
            page.wait_for_timeout(100)
        self.assertEqual(asked, ["beforeunload"])
        self.assertFalse(page.is_closed())  # the editor chose to stay

    def test_unsaved_edits_are_offered_back_after_the_tab_is_lost(self):
        self.log_in(self.context, self.aigerim)
        self.page.clock.install()
        page = self.change_page(self.page)
        page.locator("#id_title").fill("Typed before the crash")
        page.clock.run_for(31_000)  # the 30-second keeper runs
        page.close()  # no beforeunload: as a crash or a killed tab

        again = self.change_page(self.context.new_page())
        offer = again.locator(".autosave-offer")
        offer.wait_for()
        self.assertRegex(offer.inner_text(), r"Restore your unsaved edits from \d\d:\d\d\?")
        self.assertEqual(again.locator("#id_title").input_value(), "Rivers and rules")
        offer.get_by_role("button", name="Restore").click()
        self.assertEqual(again.locator("#id_title").input_value(), "Typed before the crash")
        again.get_by_role("button", name="Save and continue editing").click()
        again.wait_for_url("**/change/")
        self.assertEqual(Interview.objects.get(pk=self.interview.pk).title, "Typed before the crash")
        # Saved: nothing is offered any more.
        self.assertEqual(again.locator(".autosave-offer").count(), 0)
        self.change_page(again).wait_for_load_state("load")
        self.assertEqual(again.locator(".autosave-offer").count(), 0)
        kept = again.evaluate("Object.keys(localStorage).filter(k => k.startsWith('meridian-autosave'))")
        self.assertEqual(kept, [])

    def test_discarding_the_offer_forgets_the_edits(self):
        self.log_in(self.context, self.aigerim)
        self.page.clock.install()
        page = self.change_page(self.page)
        page.locator("#id_title").fill("Not wanted")
        page.clock.run_for(31_000)
        page.close()
        again = self.change_page(self.context.new_page())
        again.locator(".autosave-offer").get_by_role("button", name="Discard").click()
        self.assertEqual(again.locator(".autosave-offer").count(), 0)
        self.change_page(again).wait_for_load_state("load")
        self.assertEqual(again.locator(".autosave-offer").count(), 0)

    def test_someone_else_editing_is_named_before_you_save(self):
        self.log_in(self.context, self.aigerim)
        first = self.change_page(self.page)
        first.locator(".presence-notice").wait_for(state="attached")

        other_context = self.browser.new_context(viewport=self.viewport)
        try:
            self.log_in(other_context, self.dana)
            second = other_context.new_page()
            second.clock.install()
            self.change_page(second)
            notice = second.locator(".presence-notice")
            opened = re.compile(r"Aigerim Bek has this interview open since \d\d:\d\d\.")
            notice.get_by_text(opened).wait_for()

            # Aigerim saves; Dana's page says so at its next heartbeat, before Dana saves.
            first.locator("#id_title").fill("Aigerim's title")
            first.get_by_role("button", name="Save and continue editing").click()
            first.wait_for_url("**/change/")
            first.get_by_text(re.compile(r"Dana Karimova has this interview open since")).wait_for()
            second.clock.run_for(16_000)
            saved = notice.get_by_text(
                re.compile(r"Aigerim Bek saved a newer version at \d\d:\d\d — your save will be refused")
            )
            saved.wait_for()
            link = notice.get_by_role("link", name="open the new version")
            self.assertEqual(link.get_attribute("target"), "_blank")
        finally:
            other_context.close()
        self.assertEqual(self.console_errors, [])
