import feedparser
from django.test import TestCase, override_settings
from django.urls import reverse

from interviews.models import Interview
from tests.builders import make_draft, make_expert, make_interview, make_scheduled


class FeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.interview = make_interview(
            title="Rivers & rules <b>",
            lead="Who owns the water?",
            byline="Interview by Dana K.",
            experts=[cls.expert],
            tags=["Water", "China"],
            blocks=[("question", "Who decides?"), ("answer", "Nobody {alone}.")],
        )
        cls.russian = make_interview(title="Вода и власть", language="ru", tags=["Water"])
        make_draft(title="Secret draft", tags=["Water"], experts=[cls.expert])
        make_scheduled(title="Not yet", tags=["Water"])

    def parse(self, name, *args, **params):
        response = self.client.get(reverse(f"interviews:{name}", args=args), params)
        self.assertEqual(response.status_code, 200)
        feed = feedparser.parse(response.content)
        self.assertFalse(feed.bozo, feed.get("bozo_exception"))
        return response, feed

    def test_rss_lists_published_interviews_with_required_elements(self):
        response, feed = self.parse("feed")
        self.assertEqual(feed.version, "rss20")
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        self.assertTrue(feed.feed.title and feed.feed.link and feed.feed.description)
        titles = [entry.title for entry in feed.entries]
        self.assertEqual(sorted(titles), sorted(["Rivers & rules <b>", "Вода и власть"]))
        entry = next(e for e in feed.entries if e.title.startswith("Rivers"))
        self.assertEqual(entry.link, "http://testserver" + self.interview.get_absolute_url())
        self.assertTrue(entry.published_parsed)
        self.assertEqual(sorted(tag.term for tag in entry.tags), ["China", "Water"])

    def test_items_carry_the_attribution_line_with_an_active_link(self):
        _, feed = self.parse("feed")
        entry = next(e for e in feed.entries if e.title.startswith("Rivers"))
        url = "http://testserver" + self.interview.get_absolute_url()
        self.assertIn(f'Source: <a href="{url}">Rivers &amp; rules &lt;b&gt;</a>', entry.description)

    def test_full_content_includes_questions_and_answers(self):
        _, feed = self.parse("feed")
        entry = next(e for e in feed.entries if e.title.startswith("Rivers"))
        self.assertIn("Who decides?", entry.description)
        self.assertIn("[alone]", entry.description)

    def test_items_stored_without_their_blocks_show_the_same_text(self):
        _, stored = self.parse("feed")
        Interview.objects.update(feed_html=None)  # as stored before the feed's blocks were
        _, rendered = self.parse("feed")
        self.assertEqual(
            [entry.description for entry in stored.entries], [entry.description for entry in rendered.entries]
        )
        self.assertIn("[alone]", rendered.entries[0].description + rendered.entries[1].description)

    @override_settings(FEED_FULL_CONTENT=False)
    def test_summary_content_has_the_lead_only(self):
        _, feed = self.parse("feed")
        entry = next(e for e in feed.entries if e.title.startswith("Rivers"))
        self.assertIn("Who owns the water?", entry.description)
        self.assertNotIn("Who decides?", entry.description)
        self.assertIn("Source: <a href=", entry.description)

    def test_atom_feed_is_valid_atom(self):
        _, feed = self.parse("feed_atom")
        self.assertEqual(feed.version, "atom10")
        self.assertTrue(all(entry.id and entry.updated_parsed for entry in feed.entries))
        entry = next(e for e in feed.entries if e.title.startswith("Rivers"))
        self.assertEqual(entry.author, "Interview by Dana K.")

    def test_tag_and_expert_feeds_hold_only_their_interviews(self):
        _, tag_feed = self.parse("tag_feed", "china")
        self.assertEqual([e.title for e in tag_feed.entries], ["Rivers & rules <b>"])
        _, expert_feed = self.parse("expert_feed_atom", self.expert.slug)
        self.assertEqual([e.title for e in expert_feed.entries], ["Rivers & rules <b>"])

    def test_language_filter(self):
        _, feed = self.parse("feed", language="ru")
        self.assertEqual([e.title for e in feed.entries], ["Вода и власть"])
        _, unknown = self.parse("feed", language="xx<script>")
        self.assertEqual(len(unknown.entries), 2)

    def test_feed_of_a_tag_with_only_drafts_is_404(self):
        make_draft(tags=["Embargoed"])
        self.assertEqual(self.client.get(reverse("interviews:tag_feed", args=["embargoed"])).status_code, 404)
        self.assertEqual(self.client.get("/experts/nobody/feed/").status_code, 404)

    def test_pages_link_their_feeds(self):
        home = self.client.get(reverse("interviews:home"))
        self.assertContains(home, 'rel="alternate" type="application/rss+xml"')
        tag = self.client.get(reverse("interviews:tag_detail", args=["water"]))
        self.assertContains(tag, f'href="{reverse("interviews:tag_feed", args=["water"])}"')
        expert = self.client.get(self.expert.get_absolute_url())
        self.assertContains(
            expert, f'href="{reverse("interviews:expert_feed_atom", args=[self.expert.slug])}"'
        )

    def test_query_count_does_not_grow_with_items(self):
        for count in (3, 30):
            for _ in range(count):
                make_interview(experts=[self.expert, make_expert()], tags=["Water", "Media"])
            # The blocks come stored with the interviews (interviews.page_parts), so no query reads them.
            # The rows (with their experts' names) and their topics.
            with self.assertNumQueries(2):
                self.client.get(reverse("interviews:feed"))
            with self.assertNumQueries(4):
                self.client.get(reverse("interviews:tag_feed", args=["water"]))
