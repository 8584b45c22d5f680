"""The change page's status buttons save first, and the presence endpoint says who else edits."""

from django.core.cache import cache
from django.test import Client, TestCase
from django.urls import reverse

from cms.roles.definitions import AUTHORS, EDITORS
from interviews.models import Interview, StatusChange
from tests.builders import make_draft, make_expert, make_user
from tests.test_workflow import change_url, edit_form, transition_url

Status = Interview.Status


def presence_url(interview):
    return reverse("admin:interviews_interview_presence", args=[interview.pk])


class StatusButtonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS], first_name="Aigerim", last_name="Bek")

    def setUp(self):
        self.client.force_login(self.editor)
        self.interview = make_draft(title="Typed into", experts=[make_expert()], created_by=self.editor)

    def test_the_buttons_submit_the_change_form(self):
        page = self.client.get(change_url(self.interview))
        self.assertContains(
            page,
            f'<button type="submit" form="interview_form" name="_transition" value="publish" '
            f'data-href="{transition_url(self.interview, "publish")}"',
        )
        self.assertContains(page, "interviews/admin/autosave-editing")
        self.assertContains(page, "interviews/admin/presence")

    def test_a_status_button_saves_what_was_typed_then_asks_to_confirm(self):
        data = edit_form(
            self.client, self.interview, title="Typed, then Publish pressed", _transition="publish"
        )
        response = self.client.post(change_url(self.interview), data)
        self.assertRedirects(
            response, transition_url(self.interview, "publish"), fetch_redirect_response=False
        )
        self.interview.refresh_from_db()
        self.assertEqual(self.interview.title, "Typed, then Publish pressed")
        self.assertEqual(self.interview.status, Status.DRAFT)  # the move itself is still confirmed
        confirm = self.client.get(response.url)
        self.assertContains(confirm, "Your changes to “Typed, then Publish pressed” are saved.")
        self.assertContains(confirm, "Publish this interview?")

    def test_a_stale_form_with_a_status_button_saves_nothing_and_moves_nothing(self):
        data = edit_form(self.client, self.interview, title="Mine", _transition="submit")
        Interview.objects.filter(pk=self.interview.pk).update(title="Theirs", version=99)
        response = self.client.post(change_url(self.interview), data)
        self.assertContains(response, "after you opened it. Nothing of yours was saved")
        self.assertContains(response, "Mine</textarea>")  # what was typed is still in the form
        self.interview.refresh_from_db()
        self.assertEqual((self.interview.title, self.interview.status), ("Theirs", Status.DRAFT))
        self.assertFalse(StatusChange.objects.exists())

    def test_an_unknown_move_is_an_ordinary_save(self):
        data = edit_form(self.client, self.interview, title="Just saved", _transition="fly")
        response = self.client.post(change_url(self.interview), data)
        self.assertRedirects(response, reverse("admin:interviews_interview_changelist"))


class PresenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = make_user(groups=[EDITORS], first_name="Aigerim", last_name="Bek")
        cls.second = make_user(groups=[EDITORS], username="dana")
        cls.author = make_user(groups=[AUTHORS])

    def setUp(self):
        cache.clear()
        self.interview = make_draft(title="Shared")
        self.aigerim, self.dana = Client(), Client()
        self.aigerim.force_login(self.first)
        self.dana.force_login(self.second)

    def test_a_heartbeat_tells_the_others_who_has_it_open_and_since_when(self):
        alone = self.aigerim.post(presence_url(self.interview)).json()
        self.assertEqual(alone["others"], [])
        answer = self.dana.post(presence_url(self.interview)).json()
        self.assertEqual([other["name"] for other in answer["others"]], ["Aigerim Bek"])
        self.assertRegex(answer["others"][0]["since_clock"], r"^\d\d:\d\d$")
        seen_by_aigerim = self.aigerim.get(presence_url(self.interview)).json()
        self.assertEqual([other["name"] for other in seen_by_aigerim["others"]], ["dana"])
        self.assertEqual(seen_by_aigerim["version"], self.interview.version)

    def test_since_stays_the_first_heartbeat(self):
        first = self.aigerim.post(presence_url(self.interview))
        self.assertEqual(first.status_code, 200)
        since = self.dana.get(presence_url(self.interview)).json()["others"][0]["since"]
        self.aigerim.post(presence_url(self.interview))
        self.assertEqual(self.dana.get(presence_url(self.interview)).json()["others"][0]["since"], since)

    def test_a_save_shows_as_a_newer_version_with_who_saved_it(self):
        data = edit_form(self.aigerim, self.interview, title="Aigerim's title")
        self.aigerim.post(change_url(self.interview), data)
        answer = self.dana.get(presence_url(self.interview)).json()
        self.assertEqual(answer["version"], self.interview.version + 1)
        self.assertEqual(answer["saved_by"], "Aigerim Bek")
        self.assertFalse(answer["saved_by_you"])
        self.assertRegex(answer["saved_clock"], r"^\d\d:\d\d$")

    def test_only_those_who_may_change_the_interview_may_ask(self):
        author = Client()
        author.force_login(self.author)
        self.assertEqual(author.get(presence_url(self.interview)).status_code, 404)
        self.assertEqual(author.post(presence_url(self.interview)).status_code, 404)
        self.assertEqual(Client().get(presence_url(self.interview)).status_code, 302)

    def test_a_heartbeat_needs_the_csrf_token(self):
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(self.first)
        self.assertEqual(strict.post(presence_url(self.interview)).status_code, 403)
        self.assertEqual(strict.get(presence_url(self.interview)).status_code, 200)

    def test_answers_are_never_cached(self):
        response = self.aigerim.get(presence_url(self.interview))
        self.assertIn("no-cache", response["Cache-Control"])
