"""Which cached pages each kind of change outdates: only those that show what changed."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.attribution.models import SourceNotice
from cms.reports.models import Correction
from cms.roles.definitions import EDITORS
from interviews.models import Block, ExpertLink, ExpertTranslation, Interview
from interviews.workflow import apply_transition
from tests.builders import make_draft, make_expert, make_interview, make_user
from tests.test_pagecache import PageCacheTestCase
from tests.test_workflow import change_url, edit_form


class OutdatedPagesTestCase(PageCacheTestCase):
    """Two published interviews with nothing in common, a draft, and every kind of page cached."""

    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.first_expert = make_expert(name="Aida Sultan")
        cls.second_expert = make_expert(name="Bakyt Umarov")
        cls.first = make_interview(
            title="Rivers and rules",
            experts=[cls.first_expert],
            tags=["Water"],
            blocks=[("question", "Who decides?"), ("answer", "Nobody alone.")],
            publish_at=timezone.now() - timedelta(days=1),
        )
        cls.second = make_interview(
            title="Grain and markets",
            experts=[cls.second_expert],
            tags=["Trade"],
            blocks=[("question", "Who buys?"), ("answer", "Neighbours do.")],
            publish_at=timezone.now() - timedelta(days=400),
        )
        cls.draft = make_draft(title="Unfinished talk", experts=[cls.first_expert], tags=["Water"])

    def setUp(self):
        super().setUp()
        self.pages = {
            "first": self.first.get_absolute_url(),
            "second": self.second.get_absolute_url(),
            "home": "/",
            "first expert": self.first_expert.get_absolute_url(),
            "second expert": self.second_expert.get_absolute_url(),
            "water": "/tags/water/",
            "trade": "/tags/trade/",
            "search": "/search/?q=rules",
            "feed": "/feed/",
            "experts": reverse("interviews:expert_list"),
        }
        for url in self.pages.values():
            self.assertMiss(self.read(url))

    def assertOutdated(self, *names):
        """Assert exactly the pages `names` are rendered again, and every other one is a hit."""
        for name, url in self.pages.items():
            with self.subTest(name):
                response = self.read(url)
                expected = "MISS" if name in names else "HIT"
                self.assertEqual(response.get("X-Cache"), expected, f"{name} ({url})")


class InterviewChangeTests(OutdatedPagesTestCase):
    def test_editing_a_published_interview_outdates_its_pages_and_the_lists_showing_it(self):
        editor = Client()
        editor.force_login(self.editor)
        data = edit_form(editor, self.first)
        block = self.first.blocks.get(kind="answer")
        field = next(
            k for k, v in data.items() if k.startswith("blocks-") and k.endswith("-id") and v == block.pk
        )
        data[field.replace("-id", "-text")] = "Somebody, after all."
        self.assertEqual(editor.post(change_url(self.first), data).status_code, 302)
        # The front page, the feed and the first expert's and topic's pages list it; the search
        # and the experts' index name nothing precisely. The second interview's pages stay.
        self.assertOutdated("first", "home", "first expert", "water", "search", "feed", "experts")
        self.assertContains(self.read(self.pages["first"]), "Somebody, after all.")
        self.assertHit(self.read(self.pages["second"]))

    def test_a_block_deleted_outdates_its_interview_not_the_other(self):
        Block.objects.filter(interview=self.second, kind="answer").delete()
        self.assertOutdated("second", "home", "second expert", "trade", "search", "feed", "experts")
        self.assertNotContains(self.read(self.pages["second"]), "Neighbours do.")

    def test_saving_a_draft_outdates_nothing(self):
        self.draft.title = "Still unfinished"
        self.draft.save()
        Block.objects.create(interview=self.draft, kind="answer", text="<p>More later.</p>", order=5)
        self.assertOutdated()

    def test_publishing_outdates_the_lists_and_its_experts_and_topics(self):
        apply_transition("publish", self.draft, self.editor)
        # The first interview shares its expert and topic: its related list now names the draft.
        self.assertOutdated("first", "home", "first expert", "water", "search", "feed", "experts")
        self.assertContains(self.read("/"), "Unfinished talk")
        self.assertContains(self.read(self.pages["water"]), "Unfinished talk")

    def test_unpublishing_takes_it_off_every_list_at_once(self):
        apply_transition("unpublish", self.second, self.editor)
        self.assertEqual(self.read(self.pages["second"]).status_code, 404)
        del self.pages["second"]
        self.pages.pop("second expert")  # it has no published interview left: 404
        self.pages.pop("trade")
        self.assertOutdated("home", "search", "feed", "experts")
        self.assertNotContains(self.read("/"), "Grain and markets")

    def test_scheduling_outdates_every_page_so_each_ends_at_the_publication(self):
        publish_at = timezone.now() + timedelta(minutes=3)
        apply_transition("publish", self.draft, self.editor, publish_at=publish_at)
        self.assertOutdated(*self.pages)
        self.assertOutdated()
        with time_machine.travel(publish_at + timedelta(seconds=1)):
            response = self.read("/")
            self.assertMiss(response)
            self.assertContains(response, "Unfinished talk")
            self.assertContains(self.read(self.pages["water"]), "Unfinished talk")

    def test_a_new_translation_outdates_its_original(self):
        translation = make_interview(title="Реки и правила", language="ru", experts=[self.first_expert])
        # It shares the first interview's expert, so it joins that page's related list.
        self.assertOutdated("first", "home", "first expert", "search", "feed", "experts")
        translation.translation_of = self.first
        translation.save()
        # Every page of its group names the original: the lists showing the original go too.
        self.assertOutdated("first", "home", "first expert", "water", "search", "feed", "experts")
        self.assertContains(self.read(self.pages["first"]), translation.get_absolute_url())

    def test_deleting_a_published_interview_outdates_every_page(self):
        self.second.delete()
        del self.pages["second"], self.pages["second expert"], self.pages["trade"]
        self.assertOutdated(*self.pages)


class OtherChangeTests(OutdatedPagesTestCase):
    def test_renaming_an_expert_outdates_their_pages_only(self):
        self.second_expert.name = "Bakyt Umarov Jr."
        self.second_expert.save()
        self.assertOutdated("second", "home", "second expert", "trade", "search", "feed", "experts")
        self.assertContains(self.read(self.pages["second"]), "Bakyt Umarov Jr.")

    def test_an_expert_link_outdates_the_expert_page(self):
        ExpertLink.objects.create(
            expert=self.second_expert, label="Personal site", url="https://example.org/"
        )
        # The interview page shows its expert's box.
        self.assertOutdated("second", "second expert", "search", "experts")

    def test_an_expert_translation_outdates_their_interviews(self):
        ExpertTranslation.objects.create(expert=self.second_expert, language="ru", name="Бакыт Умаров")
        self.assertOutdated("second", "home", "second expert", "trade", "search", "feed", "experts")

    def test_renaming_a_topic_outdates_its_interviews_and_its_page(self):
        from taggit.models import Tag

        tag = Tag.objects.get(slug="trade")
        tag.name = "Trade routes"
        tag.save()
        self.assertOutdated("second", "home", "second expert", "trade", "search", "feed", "experts")

    def test_a_topic_added_outdates_the_interview_and_both_topic_pages(self):
        self.second.tags.add("Water")
        # The first interview, on Water too, now names it among its related ones.
        outdated = ["second", "home", "second expert", "water", "search", "feed", "experts", "first"]
        self.assertOutdated(*outdated, "trade")
        self.second.tags.remove("Trade")
        self.pages.pop("trade")  # no interview left on it
        self.assertOutdated(*outdated)

    def test_a_correction_outdates_its_interview(self):
        Correction.objects.create(interview=self.second, text="The harvest was in 1998.")
        self.assertOutdated("second", "home", "second expert", "trade", "search", "feed", "experts")
        self.assertContains(self.read(self.pages["second"]), "The harvest was in 1998.")

    def test_a_reuse_notice_outdates_every_page(self):
        SourceNotice.objects.update_or_create(language="en", defaults={"text": "Link to the source."})
        self.assertOutdated(*self.pages)


class UnrelatedPageTests(PageCacheTestCase):
    def test_an_unrelated_interview_is_still_served_from_the_cache_after_a_save(self):
        saved = make_interview(title="Saved often", experts=[make_expert()], tags=["One"])
        other = make_interview(title="Left alone", experts=[make_expert()], tags=["Two"])
        self.read(other.get_absolute_url())
        for n in range(3):
            Interview.objects.get(pk=saved.pk).save()
            Block.objects.create(interview=saved, kind="paragraph", text=f"<p>Line {n}</p>", order=n)
            self.assertHit(self.read(other.get_absolute_url()))
