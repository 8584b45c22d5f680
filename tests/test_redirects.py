"""Old addresses keep working after a slug changes (interviews/old_addresses.py, cms/addresses)."""

from urllib.parse import quote

from django.test import TestCase
from django.urls import reverse
from taggit.models import Tag

from cms.addresses.models import OldAddress
from cms.addresses.moves import moved
from cms.roles.definitions import EDITORS
from interviews.models import Expert, Interview
from interviews.old_addresses import interview_moved
from tests.builders import make_draft, make_expert, make_interview, make_user
from tests.test_workflow import change_url, edit_form


class InterviewAddressTests(TestCase):
    def setUp(self):
        self.expert = make_expert()
        self.interview = make_interview(title="Rivers", slug="rivers", experts=[self.expert], tags=["Water"])

    def rename(self, slug):
        interview = Interview.objects.get(pk=self.interview.pk)
        interview.slug = slug
        interview.save()
        return interview

    def test_the_old_address_answers_301_in_every_language_prefix(self):
        self.rename("rivers-and-rules")
        for old in ("/interviews/rivers/", "/ru/interviews/rivers/"):
            with self.subTest(old):
                response = self.client.get(old)
                self.assertEqual(response.status_code, 301)
                self.assertEqual(response["Location"], "/interviews/rivers-and-rules/")
        self.assertEqual(self.client.get("/interviews/rivers-and-rules/").status_code, 200)

    def test_a_russian_interview_keeps_its_long_cyrillic_address(self):
        title = "Как изменилась трудовая миграция из Центральной Азии"
        russian = make_interview(title=title, language="ru", experts=[self.expert])
        old = russian.get_absolute_url()
        self.assertGreater(len(old), 200)  # too long for django.contrib.redirects
        russian = Interview.objects.get(pk=russian.pk)
        russian.slug = "миграция"
        russian.save()
        response = self.client.get(old)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/ru/interviews/" + quote("миграция") + "/")
        self.assertEqual(self.client.get(response["Location"]).status_code, 200)

    def test_a_chain_of_renames_answers_in_one_step(self):
        self.rename("rivers-2")
        self.rename("rivers-3")
        for old in ("/interviews/rivers/", "/interviews/rivers-2/", "/ru/interviews/rivers/"):
            with self.subTest(old):
                self.assertRedirects(
                    self.client.get(old),
                    "/interviews/rivers-3/",
                    status_code=301,
                    fetch_redirect_response=False,
                )
        self.assertEqual(self.client.get("/interviews/rivers-3/").status_code, 200)

    def test_renaming_back_frees_the_first_address(self):
        self.rename("rivers-2")
        self.rename("rivers")
        self.assertEqual(self.client.get("/interviews/rivers/").status_code, 200)
        self.assertRedirects(
            self.client.get("/interviews/rivers-2/"),
            "/interviews/rivers/",
            301,
            fetch_redirect_response=False,
        )
        self.assertFalse(OldAddress.objects.filter(old_path="/interviews/rivers/").exists())

    def test_a_draft_leaves_no_old_address(self):
        draft = make_draft(slug="draft-one")
        draft = Interview.objects.get(pk=draft.pk)
        draft.slug = "draft-two"
        draft.save()
        self.assertFalse(OldAddress.objects.exists())

    def test_an_address_no_move_could_have_recorded_is_a_plain_404(self):
        # PostgreSQL refuses NUL in a text parameter: it is never looked up.
        for path in ("/tags/%00%00x/", "/interviews/rivers%00/", "/" + "a" * 2100 + "/"):
            with self.subTest(path[:30]):
                self.assertEqual(self.client.get(path).status_code, 404)

    def test_a_draft_published_then_renamed_on_the_same_object_keeps_the_published_address(self):
        from django.utils import timezone

        draft = Interview.objects.get(pk=make_draft(slug="draft-one").pk)
        draft.status, draft.publish_at = Interview.Status.PUBLISHED, timezone.now()
        draft.save()
        self.assertFalse(OldAddress.objects.exists(), "its draft address was never public")
        draft.slug = "published-two"
        draft.save()
        self.assertEqual(self.client.get("/interviews/draft-one/")["Location"], "/interviews/published-two/")

    def test_the_query_string_is_kept(self):
        self.rename("rivers-and-rules")
        response = self.client.get("/interviews/rivers/?utm_source=feed")
        self.assertEqual(response["Location"], "/interviews/rivers-and-rules/?utm_source=feed")

    def test_a_page_readers_had_cached_moves_too(self):
        self.assertEqual(self.client.get("/interviews/rivers/").status_code, 200)
        self.assertEqual(self.client.get("/interviews/rivers/").status_code, 200)
        self.rename("rivers-and-rules")
        self.assertEqual(self.client.get("/interviews/rivers/").status_code, 301)

    def test_an_editor_changing_the_slug_in_the_admin(self):
        editor = make_user(groups=[EDITORS])
        self.client.force_login(editor)
        data = edit_form(self.client, self.interview, slug="renamed-in-the-admin")
        self.assertEqual(self.client.post(change_url(self.interview), data).status_code, 302)
        self.client.logout()
        self.assertRedirects(
            self.client.get("/interviews/rivers/"),
            "/interviews/renamed-in-the-admin/",
            301,
            fetch_redirect_response=False,
        )

    def test_saving_without_a_new_slug_asks_the_database_nothing_more(self):
        interview = Interview.objects.get(pk=self.interview.pk)
        interview.title = "Rivers, retitled"
        with self.assertNumQueries(0):
            interview_moved(Interview, interview)


class ExpertAndTopicAddressTests(TestCase):
    def setUp(self):
        self.expert = make_expert(name="Aigerim Bek", slug="aigerim-bek")
        make_interview(experts=[self.expert], tags=["Water"])

    def test_an_expert_page_and_its_feeds(self):
        expert = Expert.objects.get(pk=self.expert.pk)
        expert.slug = "aigerim-bekova"
        expert.save()
        for old, new in [
            ("/experts/aigerim-bek/", "/experts/aigerim-bekova/"),
            ("/ru/experts/aigerim-bek/", "/ru/experts/aigerim-bekova/"),
            ("/experts/aigerim-bek/feed/", "/experts/aigerim-bekova/feed/"),
            ("/ru/experts/aigerim-bek/feed/atom/", "/ru/experts/aigerim-bekova/feed/atom/"),
        ]:
            with self.subTest(old):
                self.assertRedirects(self.client.get(old), new, 301, fetch_redirect_response=False)
        self.assertEqual(self.client.get("/experts/aigerim-bekova/").status_code, 200)

    def test_a_topic_page_and_its_feeds(self):
        tag = Tag.objects.get(name="Water")
        old_slug = tag.slug
        tag.slug = "water-and-rivers"
        tag.save()
        for prefix in ("", "/ru"):
            with self.subTest(prefix):
                self.assertRedirects(
                    self.client.get(f"{prefix}/tags/{old_slug}/"),
                    f"{prefix}/tags/water-and-rivers/",
                    301,
                    fetch_redirect_response=False,
                )
        self.assertEqual(self.client.get("/tags/water-and-rivers/").status_code, 200)

    def test_a_chain_of_expert_renames(self):
        for slug in ("a-bek", "aigerim"):
            expert = Expert.objects.get(pk=self.expert.pk)
            expert.slug = slug
            expert.save()
        self.assertRedirects(
            self.client.get("/experts/aigerim-bek/"), "/experts/aigerim/", 301, fetch_redirect_response=False
        )


class OffSiteTests(TestCase):
    def test_only_paths_on_this_site_are_recorded(self):
        for target in ("https://elsewhere.example/", "//elsewhere.example/", "/%2Felsewhere.example/", "x"):
            with self.subTest(target), self.assertRaises(ValueError):
                moved({"/interviews/old/": target})
        self.assertFalse(OldAddress.objects.exists())

    def test_a_row_put_in_by_hand_never_sends_readers_elsewhere(self):
        OldAddress.objects.create(old_path="/interviews/old/", new_path="//elsewhere.example/")
        self.assertEqual(self.client.get("/interviews/old/").status_code, 404)

    def test_a_live_page_wins_over_an_old_address(self):
        live = make_interview(slug="live")
        OldAddress.objects.create(old_path=live.get_absolute_url(), new_path="/interviews/other/")
        self.assertEqual(self.client.get(live.get_absolute_url()).status_code, 200)

    def test_the_admin_and_posts_are_left_alone(self):
        moved({"/interviews/old/": "/interviews/new/"})
        self.assertEqual(self.client.post("/interviews/old/").status_code, 404)
        self.assertNotEqual(self.client.get(reverse("admin:index")).status_code, 301)
