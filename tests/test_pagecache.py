import threading
import time
from collections import Counter
from datetime import timedelta
from unittest import mock

import time_machine
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import Client, TestCase, override_settings
from django.urls import path, reverse
from django.utils import timezone

from cms.pagecache import store
from cms.pagecache.keys import outdated, tag
from cms.roles.definitions import EDITORS
from interviews.models import Block, Interview
from interviews.workflow import apply_transition
from tests.builders import make_draft, make_expert, make_interview, make_user, run_in_threads
from tests.test_workflow import change_url, edit_form


def sets_a_cookie(request):
    response = HttpResponse("<p>Hello</p>")
    response.set_cookie("seen", "1")
    return response


renders = Counter()
gone = set()


def slow_page(request, name):
    """A page that takes a while to render and names what it shows; 404 once its name is gone."""
    renders[name] += 1
    time.sleep(0.2)
    if name in gone:
        return HttpResponse("Gone", status=404)
    return tag(HttpResponse(f"<p>{name} rendered {renders[name]} times</p>"), [name])


urlpatterns = [path("cookie/", sets_a_cookie), path("slow/<name>/", slow_page)]


@override_settings(PAGE_CACHE_SECONDS=300)
class PageCacheTestCase(TestCase):
    def setUp(self):
        cache.clear()
        self.reader = Client()

    def read(self, url, **headers):
        return self.reader.get(url, headers=headers)

    def assertHit(self, response):
        self.assertEqual(response.get("X-Cache"), "HIT")

    def assertMiss(self, response):
        self.assertEqual(response.get("X-Cache"), "MISS")


class CachingTests(PageCacheTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.interview = make_interview(title="Rivers and rules", experts=[cls.expert], tags=["Water"])

    def test_second_anonymous_request_is_served_from_the_cache_without_queries(self):
        url = self.interview.get_absolute_url()
        self.assertMiss(self.read(url))
        with self.assertNumQueries(0):
            response = self.read(url)
        self.assertHit(response)
        self.assertContains(response, "Rivers and rules")

    def test_every_public_page_is_cached(self):
        urls = [
            reverse("interviews:home"),
            self.interview.get_absolute_url(),
            self.expert.get_absolute_url(),
            reverse("interviews:tag_detail", args=["water"]),
            reverse("interviews:feed"),
            reverse("interviews:search") + "?q=rivers",
        ]
        for url in urls:
            with self.subTest(url):
                self.assertMiss(self.read(url))
                self.assertHit(self.read(url))

    def test_query_strings_are_cached_apart(self):
        make_interview(title="Another one")
        self.assertMiss(self.read("/search/?q=rivers"))
        response = self.read("/search/?q=another")
        self.assertMiss(response)
        self.assertContains(response, "Another one")
        self.assertNotContains(response, "Rivers and rules")

    def test_languages_are_cached_apart(self):
        english = self.read("/")
        russian = self.read("/ru/")
        self.assertMiss(russian)
        self.assertEqual(english.get("Content-Language"), "en")
        self.assertEqual(russian.get("Content-Language"), "ru")
        self.assertEqual(self.read("/ru/").get("Content-Language"), "ru")
        self.assertEqual(self.read("/").get("Content-Language"), "en")

    def test_a_hit_carries_the_headers_of_the_page_it_repeats(self):
        for url in ["/", "/ru/", self.interview.get_absolute_url()]:
            with self.subTest(url):
                miss = self.read(url, accept_language="ru")
                hit = self.read(url, accept_language="ru")
                self.assertHit(hit)
                names = ["Content-Language", "Vary", "X-Frame-Options", "Content-Security-Policy", "ETag"]
                for name in names:
                    self.assertEqual(hit.get(name), miss.get(name), name)
                self.assertEqual(hit.content, miss.content)

    def test_logged_in_editors_bypass_the_cache(self):
        self.read("/")
        editor = Client()
        editor.force_login(make_user(groups=[EDITORS]))
        response = editor.get("/")
        self.assertIsNone(response.get("X-Cache"))
        self.assertEqual(editor.get("/").status_code, 200)
        self.assertHit(self.read("/"))

    def test_previews_and_share_links_are_never_cached(self):
        draft = make_draft(title="Secret draft")
        editor = Client()
        editor.force_login(make_user(groups=[EDITORS]))
        url = reverse("interviews:preview", args=[draft.pk])
        for _ in range(2):
            self.assertIsNone(editor.get(url).get("X-Cache"))
            self.assertIsNone(self.read(url).get("X-Cache"))

    @override_settings(ROOT_URLCONF="tests.test_pagecache")
    def test_responses_that_set_cookies_are_not_cached(self):
        for _ in range(2):
            response = self.read("/cookie/")
            self.assertIn("seen", response.cookies)
            self.assertIsNone(response.get("X-Cache"))

    def test_cached_pages_hold_no_csrf_token_or_session(self):
        self.read("/")
        response = self.read(self.interview.get_absolute_url())
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertFalse(response.cookies)
        self.assertHit(self.read(self.interview.get_absolute_url()))

    def test_missing_pages_are_not_cached(self):
        for _ in range(2):
            self.assertIsNone(self.read("/interviews/no-such-thing/").get("X-Cache"))

    @override_settings(PAGE_CACHE_SECONDS=0)
    def test_zero_seconds_turns_the_cache_off(self):
        for _ in range(2):
            self.assertIsNone(self.read("/").get("X-Cache"))


class InvalidationTests(PageCacheTestCase):
    """No reader sees a stale page after a change, whatever the change is."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.expert = make_expert(name="Aida Sultan")
        cls.interview = make_interview(
            title="Rivers and rules",
            experts=[cls.expert],
            tags=["Water"],
            blocks=[("question", "Who decides?"), ("answer", "Nobody alone.")],
        )

    def setUp(self):
        super().setUp()
        self.url = self.interview.get_absolute_url()
        self.pages = [self.url, "/", self.expert.get_absolute_url(), "/tags/water/", "/feed/"]
        for url in self.pages:
            self.read(url)

    def test_editor_save_through_the_admin_shows_at_once(self):
        editor = Client()
        editor.force_login(self.editor)
        data = edit_form(editor, self.interview, title="Rivers and new rules")
        block = self.interview.blocks.get(kind="answer")
        index = next(
            k for k, v in data.items() if k.startswith("blocks-") and k.endswith("-id") and v == block.pk
        )
        data[index.replace("-id", "-text")] = "Somebody, after all."
        self.assertEqual(editor.post(change_url(self.interview), data).status_code, 302)
        for url in self.pages:
            with self.subTest(url):
                response = self.read(url)
                self.assertMiss(response)
                self.assertContains(response, "Rivers and new rules")
        self.assertContains(self.read(self.url), "Somebody, after all.")

    def test_publish_and_unpublish_show_at_once(self):
        draft = make_draft(title="Fresh from the desk", experts=[make_expert()])
        self.read("/")
        apply_transition("publish", draft, self.editor)
        self.assertContains(self.read("/"), "Fresh from the desk")
        apply_transition("unpublish", draft, self.editor)
        self.assertNotContains(self.read("/"), "Fresh from the desk")
        self.assertEqual(self.read(draft.get_absolute_url()).status_code, 404)

    def test_block_tag_and_expert_changes_show_at_once(self):
        Block.objects.filter(interview=self.interview, kind="answer").get().delete()
        self.assertNotContains(self.read(self.url), "Nobody alone.")
        self.interview.tags.add("Energy")
        self.assertContains(self.read(self.url), "Energy")
        self.expert.name = "Aida Sultanova"
        self.expert.save()
        self.assertContains(self.read(self.url), "Aida Sultanova")
        self.assertContains(self.read("/"), "Aida Sultanova")
        self.interview.tags.clear()
        self.assertNotContains(self.read(self.url), "Energy")

    def test_correction_note_shows_at_once(self):
        from cms.reports.models import Correction

        Correction.objects.create(interview=self.interview, text="The treaty was signed in 1992.")
        self.assertContains(self.read(self.url), "The treaty was signed in 1992.")

    def test_scheduled_interview_goes_live_on_time_without_a_save(self):
        scheduled = make_interview(title="Tomorrow talk", publish_at=timezone.now() + timedelta(minutes=3))
        self.assertNotContains(self.read("/"), "Tomorrow talk")
        self.assertHit(self.read("/"))
        with time_machine.travel(timezone.now() + timedelta(minutes=2)):
            self.assertHit(self.read("/"))
        with time_machine.travel(scheduled.publish_at + timedelta(seconds=1)):
            response = self.read("/")
            self.assertMiss(response)
            self.assertContains(response, "Tomorrow talk")
            self.assertEqual(self.read(scheduled.get_absolute_url()).status_code, 200)

    def test_entries_expire_after_page_cache_seconds(self):
        self.assertHit(self.read("/"))
        with time_machine.travel(timezone.now() + timedelta(seconds=301)):
            self.assertMiss(self.read("/"))


@override_settings(REFRESH_AT_ONCE=False)  # the path production takes: refreshed on commit
class CommitTests(PageCacheTestCase):
    def test_pages_are_outdated_once_the_transaction_commits(self):
        with self.captureOnCommitCallbacks() as callbacks:
            interview = make_interview(title="Rivers and rules")
            Interview.objects.filter(pk=interview.pk).update(title="Quietly renamed")
            # Another process could render the page now, from rows read before the commit.
            self.assertMiss(self.read(interview.get_absolute_url()))
        self.assertEqual(len(callbacks), 1, "one refresh per transaction is enough")
        self.assertHit(self.read(interview.get_absolute_url()))
        callbacks[0]()
        self.assertMiss(self.read(interview.get_absolute_url()))


class ConditionalRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(title="Rivers and rules", tags=["Water"])

    def setUp(self):
        cache.clear()

    def check_304(self, url):
        first = self.client.get(url)
        self.assertEqual(first.status_code, 200)
        self.assertTrue(first.has_header("ETag"))
        again = self.client.get(url, headers={"If-None-Match": first["ETag"]})
        self.assertEqual(again.status_code, 304)
        self.assertEqual(again.content, b"")
        return first

    def test_pages_and_feeds_answer_304_when_unchanged(self):
        for url in ["/", self.interview.get_absolute_url(), "/tags/water/", "/feed/", "/feed/atom/"]:
            with self.subTest(url):
                self.check_304(url)

    @override_settings(PAGE_CACHE_SECONDS=300)
    def test_cached_pages_carry_last_modified_and_must_be_revalidated(self):
        first = self.check_304("/")
        self.assertIn("max-age=0", first["Cache-Control"].split(", "))
        self.assertIn("s-maxage=0", first["Cache-Control"])
        again = self.client.get("/", headers={"If-Modified-Since": first["Last-Modified"]})
        self.assertEqual(again.status_code, 304)

    @override_settings(PAGE_CACHE_SECONDS=300)
    def test_a_change_gives_a_new_etag(self):
        first = self.client.get(self.interview.get_absolute_url())
        self.interview.title = "Rivers and new rules"
        self.interview.save()
        again = self.client.get(self.interview.get_absolute_url(), headers={"If-None-Match": first["ETag"]})
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "Rivers and new rules")

    def test_feeds_carry_last_modified(self):
        response = self.client.get("/feed/")
        self.assertTrue(response.has_header("Last-Modified"))


class QueryStringTests(PageCacheTestCase):
    @classmethod
    def setUpTestData(cls):
        make_interview(title="Rivers and rules", tags=["Water"])

    def test_parameters_no_page_reads_share_one_entry(self):
        self.assertMiss(self.read("/"))
        for number in range(20):
            with self.subTest(number):
                self.assertHit(self.read(f"/?junk={number}&utm_source=mail"))

    def test_junk_parameters_store_no_copies(self):
        backend = caches["default"]
        with mock.patch.object(backend, "set", wraps=backend.set) as stored:
            for number in range(30):
                self.read(f"/?junk={number}")
        names = [call.args[0] for call in stored.call_args_list]
        pages = [name for name in names if name.startswith("pagecache:entry:")]
        self.assertEqual(pages, pages[:1], "one entry, stored once")

    def test_parameters_a_page_reads_are_cached_apart(self):
        for url in ["/?page=2", "/?language=ru", "/search/?q=rivers", "/search/?q=rivers&tag=water"]:
            with self.subTest(url):
                self.assertMiss(self.read(url))
                self.assertHit(self.read(url + "&junk=1"))


@override_settings(ROOT_URLCONF="tests.test_pagecache", PAGE_CACHE_STALE_SECONDS=5)
class StaleWhileRevalidateTests(PageCacheTestCase):
    """When a popular page is outdated, one request rebuilds it; the others get the previous copy."""

    def setUp(self):
        super().setUp()
        renders.clear()
        gone.clear()

    def read_at_once(self, url, count=8):
        answers, lock = [], threading.Lock()

        def read():
            response = Client().get(url)
            with lock:
                answers.append((response.status_code, response.get("X-Cache"), response.content))

        run_in_threads(read, count)
        return answers

    def test_one_request_rebuilds_an_outdated_page_while_the_others_get_the_previous_copy(self):
        self.assertMiss(self.read("/slow/popular/"))
        outdated(["popular"])
        answers = self.read_at_once("/slow/popular/")
        how = Counter(cached for _status, cached, _content in answers)
        self.assertEqual(how, {"MISS": 1, "STALE": 7})
        self.assertEqual(renders["popular"], 2, "rendered once at first, and rebuilt once")
        stale = {content for _status, cached, content in answers if cached == "STALE"}
        self.assertEqual(stale, {b"<p>popular rendered 1 times</p>"})
        response = self.read("/slow/popular/")
        self.assertHit(response)
        self.assertContains(response, "rendered 2 times")

    def test_without_an_earlier_copy_every_request_renders(self):
        answers = self.read_at_once("/slow/new/", count=3)
        self.assertEqual(Counter(cached for _status, cached, _content in answers), {"MISS": 3})

    def test_the_previous_copy_is_not_served_past_the_stale_seconds(self):
        self.read("/slow/popular/")
        outdated(["popular"])
        with time_machine.travel(timezone.now() + timedelta(seconds=6)):
            self.assertEqual(Counter(c for _s, c, _b in self.read_at_once("/slow/popular/", 3)), {"MISS": 3})

    def test_an_expired_page_is_rebuilt_once_too(self):
        self.read("/slow/popular/")
        with time_machine.travel(timezone.now() + timedelta(seconds=302)):
            how = Counter(cached for _status, cached, _content in self.read_at_once("/slow/popular/", 4))
        self.assertEqual(how, {"MISS": 1, "STALE": 3})

    def test_a_page_that_is_gone_is_not_served_stale_after_its_rebuild(self):
        self.read("/slow/popular/")
        gone.add("popular")
        outdated(["popular"])
        first = self.read("/slow/popular/")
        self.assertEqual(first.status_code, 404)
        self.assertEqual([s for s, _c, _b in self.read_at_once("/slow/popular/", 3)], [404, 404, 404])

    def test_other_names_stay_cached(self):
        self.read("/slow/one/")
        self.read("/slow/two/")
        outdated(["one"])
        self.assertHit(self.read("/slow/two/"))
        self.assertMiss(self.read("/slow/one/"))


@override_settings(PAGE_CACHE_SECONDS=300)
class ClockTests(TestCase):
    def setUp(self):
        cache.clear()
        store.start_clock()

    def test_a_change_ending_after_a_later_one_never_takes_the_clock_back(self):
        first = store._tick()  # one change has moved the clock and is still writing
        store.outdate(["b"])  # a later change ends meanwhile
        with mock.patch.object(store, "_tick", return_value=first):
            store.outdate(["a"])  # the first ends last
        store.outdate(["c"])
        readings = [cache.get(store.MARKER_PREFIX + name)[0] for name in ("a", "b", "c")]
        self.assertEqual(len(set(readings)), 3, "no two changes share a reading")
        self.assertGreater(readings[2], readings[1])
