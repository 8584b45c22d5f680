from datetime import UTC, datetime, timedelta
from io import StringIO

import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from interviews.models import Block, Interview
from interviews.workflow import apply_transition
from tests.builders import make_draft, make_expert, make_interview, make_scheduled, make_user


def add_interviews(count, *, experts=(), tags=()):
    return [make_interview(experts=experts, tags=tags) for _ in range(count)]


class HomePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.public = make_interview(
            title="Rivers and rules", lead="Who owns the water?", experts=[cls.expert]
        )
        cls.draft = make_draft(title="A secret draft")
        cls.scheduled = make_scheduled(title="A scheduled piece")

    def test_lists_published_interviews_with_expert_lead_and_date(self):
        response = self.client.get(reverse("interviews:home"))
        self.assertContains(response, "Rivers and rules")
        self.assertContains(response, "Aida Sultan")
        self.assertContains(response, "Who owns the water?")
        self.assertContains(response, f'datetime="{self.public.publish_at.isoformat()}"')

    def test_hides_drafts_and_scheduled_interviews(self):
        response = self.client.get(reverse("interviews:home"))
        self.assertNotContains(response, "A secret draft")
        self.assertNotContains(response, "A scheduled piece")

    @override_settings(INTERVIEWS_PER_PAGE=2)
    def test_paginates_newest_first(self):
        add_interviews(3)
        first = self.client.get(reverse("interviews:home"))
        self.assertEqual(len(first.context["page"]), 2)
        self.assertContains(first, 'rel="next"')
        last = self.client.get(reverse("interviews:home"), {"page": 2})
        self.assertContains(last, "Rivers and rules")

    def test_bad_page_number_shows_a_page_not_an_error(self):
        response = self.client.get(reverse("interviews:home"), {"page": "nonsense"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get(reverse("interviews:home"), {"page": "9999"}).status_code, 200)

    def test_the_remembered_count_follows_every_change_to_the_lists(self):
        def count():
            return self.client.get(reverse("interviews:home")).context["page"].paginator.count

        first = count()
        draft = make_draft(experts=[make_expert()])
        self.assertEqual(count(), first)
        editor = make_user(superuser=True)
        apply_transition("publish", draft, editor)
        self.assertEqual(count(), first + 1)
        soon = make_interview(publish_at=timezone.now() + timedelta(minutes=2))
        self.assertEqual(count(), first + 1)
        with time_machine.travel(soon.publish_at + timedelta(seconds=1)):
            self.assertEqual(count(), first + 2, "a scheduled interview counts from its time, with no save")
        apply_transition("unpublish", draft, editor)
        self.assertEqual(count(), first, "back in the present: one off, the scheduled one not live yet")
        make_interview().delete()  # published and gone: it outdates every page and memo (SITE)
        self.assertEqual(count(), first)
        self.public.delete()
        self.assertEqual(count(), first - 1)

    def test_lists_name_the_experts_from_the_interviews_row(self):
        # Stored with the page parts (Interview.credit_names): no list reads credits or bios.
        second = make_expert(name="Bakyt Osmon")
        self.public.interview_experts.create(expert=second, order=1)
        pages = (
            reverse("interviews:home"),
            reverse("interviews:home") + "?page=1",
            self.expert.get_absolute_url(),
            reverse("interviews:search") + "?q=rivers",
        )
        for url in pages:
            listed = self.client.get(url).context["page"][0]
            self.assertEqual(listed.expert_names, ["Aida Sultan", "Bakyt Osmon"], url)
            self.assertNotIn("credited_experts", vars(listed), url)
        # In credit order, and renamed with the expert.
        self.public.interview_experts.filter(expert=self.expert).update(order=2)
        self.public.interview_experts.get(expert=second).save()
        second.name = "Bakyt Osmonov"
        second.save()
        response = self.client.get(reverse("interviews:home"))
        self.assertEqual(response.context["page"][0].expert_names, ["Bakyt Osmonov", "Aida Sultan"])
        self.assertContains(response, "Bakyt Osmonov, Aida Sultan")

    def test_a_row_stored_before_the_names_reads_its_credits(self):
        Interview.objects.filter(pk=self.public.pk).update(credit_names=None)
        response = self.client.get(reverse("interviews:home"))
        self.assertEqual(response.context["page"][0].expert_names, ["Aida Sultan"])
        self.assertContains(response, "Aida Sultan")
        call_command("render_bodies", stdout=StringIO())
        self.assertEqual(Interview.objects.get(pk=self.public.pk).credit_names, ["Aida Sultan"])

    def test_query_count_is_the_same_for_3_and_30_interviews(self):
        expert_b = make_expert()
        for count in (3, 30):
            add_interviews(count, experts=[self.expert, expert_b], tags=["Water", "China"])
            # The list (count, rows, each with its experts' names), its topics and the topics'
            # latest interviews in one query; after a change to the lists, also when the next
            # scheduled interview goes live, kept with the count.
            with self.assertNumQueries(5):
                self.client.get(reverse("interviews:home"))
            # The count and what the sections read are remembered until the lists change
            # (cms.pagecache.store): the list's rows remain.
            with self.assertNumQueries(1):
                self.client.get(reverse("interviews:home"))
        # Later pages are the plain list, counted with the same remembered count.
        with self.assertNumQueries(1):
            self.client.get(reverse("interviews:home"), {"page": 2})


class InterviewPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan", short_bio="Aida Sultan is an economist.")
        cls.interview = make_interview(
            title="Rivers and rules",
            lead="Who owns the water?",
            byline="Interview by Dana K.",
            experts=[cls.expert],
            tags=["Water", "Kazakhstan"],
            blocks=[
                ("question", "Who decides how much water flows?"),
                ("answer", "Nobody alone.\n\nThe treaty {of 1992} is old."),
                ("quote", "Water is politics."),
                ("heading", "The future"),
            ],
        )

    def get(self, interview=None):
        return self.client.get((interview or self.interview).get_absolute_url())

    def test_reads_its_stored_renderings_but_the_feeds_blocks(self):
        # The feeds' copy of the blocks is as long as the body: the page never reads it.
        self.assertIn("Nobody alone.", Interview.objects.get(pk=self.interview.pk).feed_html)
        self.assertNotIn("feed", Interview.objects.get(pk=self.interview.pk).page_parts)
        with CaptureQueriesContext(connection) as queries:
            self.assertContains(self.get(), "Nobody alone.")
        row = queries.captured_queries[0]["sql"]
        self.assertIn("page_parts", row)
        self.assertNotIn("feed_html", row)
        self.assertNotIn("search_text", row)

    def test_shows_title_lead_byline_and_expert_box(self):
        response = self.get()
        self.assertContains(response, '<h1 class="interview__title">Rivers and rules</h1>', html=False)
        self.assertContains(response, "Who owns the water?")
        self.assertContains(response, "Interview by Dana K.")
        self.assertContains(response, "Aida Sultan is an economist.")
        self.assertContains(response, f'href="{self.expert.get_absolute_url()}"')
        self.assertContains(response, "Research fellow, Institute of Regional Studies")

    def test_question_is_set_apart_with_a_stable_anchor_and_label(self):
        response = self.get()
        self.assertContains(response, 'id="q-who-decides-how-much-water-flows"')
        self.assertContains(response, 'href="#q-who-decides-how-much-water-flows"')
        self.assertContains(response, '<span class="block__label">Meridian:</span>', html=True)

    def test_answer_paragraphs_and_insertions_render(self):
        response = self.get()
        self.assertContains(response, "<p>Nobody alone.</p>", html=True)
        self.assertContains(response, '<span class="insertion" title="Editorial insertion">[of 1992]</span>')

    def test_tags_link_to_tag_pages(self):
        self.assertContains(self.get(), 'href="/tags/water/"')

    def test_image_block_shows_caption_and_credit(self):
        block = Block(
            interview=self.interview, kind="image", caption="Aida Sultan", credit="Photo: Meridian", order=9
        )
        from tests.builders import image_upload

        block.image = image_upload()
        block.save()
        response = self.get()
        self.assertContains(response, "Aida Sultan")
        self.assertContains(response, '<span class="credit">Photo: Meridian</span>', html=True)

    def test_related_interviews_share_experts_first(self):
        by_tag = make_interview(title="Same tag only", tags=["Water"])
        by_expert = make_interview(title="Same expert", experts=[self.expert])
        unrelated = make_interview(title="Nothing in common")
        call_command("refresh_related", stdout=StringIO())  # as cron runs it
        related = list(self.get().context["related"])
        self.assertEqual(related, [by_expert, by_tag])
        self.assertNotIn(unrelated, related)

    def test_related_interviews_are_listed_with_their_language_and_date(self):
        when = datetime(2026, 3, 8, 21, tzinfo=UTC)
        other = make_interview(title="Rivers <b>&</b> towns", tags=["Water"], language="ru", publish_at=when)
        call_command("refresh_related", stdout=StringIO())
        self.assertContains(
            self.get(),
            f'<li><a href="{other.get_absolute_url()}" lang="ru">Rivers &lt;b&gt;&amp;&lt;/b&gt; towns</a> '
            '<time datetime="2026-03-08T21:00:00+00:00">8 March 2026</time></li>',
            html=True,
        )

    def test_draft_and_scheduled_interviews_answer_404(self):
        self.assertEqual(self.get(make_draft()).status_code, 404)
        self.assertEqual(self.get(make_scheduled()).status_code, 404)

    def test_unknown_interview_gets_the_designed_404_page(self):
        response = self.client.get("/interviews/no-such-thing/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Page not found", status_code=404)
        self.assertContains(response, 'class="site-header"', status_code=404)

    def test_cyrillic_slug_resolves(self):
        interview = make_interview(title="Вода и власть")
        self.assertContains(self.get(interview), "Вода и власть")

    def test_query_count_does_not_grow_with_blocks_tags_experts_or_related(self):
        # The interview (its body and the parts drawn from experts, topics and correction notes
        # stored rendered), then its translations and related interviews together; the reuse
        # notice (cms.attribution) the first time only, then it is cached.
        with self.assertNumQueries(3):
            self.get()
        with self.assertNumQueries(2):
            self.get()
        for _ in range(3):
            self.interview.experts.add(make_expert(), through_defaults={"order": 5})
        self.interview.tags.add("China", "Media", "Migration")
        for order in range(20):
            Block.objects.create(
                interview=self.interview, kind="answer", text=f"Answer {order}", order=10 + order
            )
        add_interviews(6, experts=[self.expert], tags=["Water"])
        with self.assertNumQueries(2):
            self.get()


class ExpertPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan", bio="<p>Full <em>bio</em>.</p>")
        cls.expert.links.create(label="Website", url="https://example.org/aida")
        cls.public = make_interview(title="Published talk", experts=[cls.expert])
        cls.draft = make_draft(title="Draft talk", experts=[cls.expert])
        cls.only_draft_expert = make_expert(name="Embargoed Person")
        make_draft(experts=[cls.only_draft_expert])

    def test_shows_bio_links_and_published_interviews_only(self):
        response = self.client.get(self.expert.get_absolute_url())
        self.assertContains(response, "<p>Full <em>bio</em>.</p>", html=True)
        self.assertContains(response, 'href="https://example.org/aida"')
        self.assertContains(response, "Published talk")
        self.assertNotContains(response, "Draft talk")

    def test_expert_with_only_unpublished_interviews_is_hidden(self):
        self.assertEqual(self.client.get(self.only_draft_expert.get_absolute_url()).status_code, 404)
        url = self.only_draft_expert.get_absolute_url()
        self.assertEqual(self.client.get(url, {"language": "en"}).status_code, 404)
        self.assertNotContains(self.client.get(reverse("interviews:expert_list")), "Embargoed Person")

    def test_index_lists_experts_with_published_interview_counts(self):
        make_interview(experts=[self.expert])
        response = self.client.get(reverse("interviews:expert_list"))
        self.assertContains(response, "Aida Sultan")
        self.assertContains(response, "2 interviews")

    def test_the_remembered_count_follows_the_experts_interviews(self):
        def count():
            return self.client.get(self.expert.get_absolute_url()).context["page"].paginator.count

        editor = make_user(superuser=True)
        self.assertEqual(count(), 1)
        apply_transition("publish", self.draft, editor)
        self.assertEqual(count(), 2, "published")
        other = make_interview(experts=[make_expert()])
        self.assertEqual(count(), 2)
        other.interview_experts.create(expert=self.expert, order=1)
        self.assertEqual(count(), 3, "credited on a published interview")
        other.interview_experts.filter(expert=self.expert).delete()
        self.assertEqual(count(), 2, "no longer credited")
        apply_transition("unpublish", self.draft, editor)
        self.assertEqual(count(), 1, "unpublished")
        make_interview(experts=[self.expert], publish_at=timezone.now() + timedelta(minutes=5))
        self.assertEqual(count(), 1)
        with time_machine.travel(timezone.now() + timedelta(minutes=6)):
            self.assertEqual(count(), 2, "a scheduled interview counts from its time")

    def test_query_counts_do_not_grow(self):
        for count in (3, 30):
            add_interviews(count, experts=[self.expert, make_expert()], tags=["Water"])
            # The expert and links, the count, the page's rows (with their experts' names); with
            # the next scheduled change, kept with the count.
            with self.assertNumQueries(5):
                self.client.get(self.expert.get_absolute_url())
            # The count is remembered until the expert's interviews change.
            with self.assertNumQueries(3):
                self.client.get(self.expert.get_absolute_url())
            with self.assertNumQueries(1):
                self.client.get(reverse("interviews:expert_list"))


class TagPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert()
        cls.public = make_interview(title="Tagged and public", tags=["Water"], experts=[cls.expert])
        make_draft(title="Tagged draft", tags=["Water", "Secret plans"])

    def test_lists_published_interviews_with_the_tag(self):
        response = self.client.get(reverse("interviews:tag_detail", args=["water"]))
        self.assertContains(response, "Tagged and public")
        self.assertNotContains(response, "Tagged draft")

    def test_tag_used_only_by_drafts_is_hidden(self):
        url = reverse("interviews:tag_detail", args=["secret-plans"])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.get(url, {"language": "en"}).status_code, 404)
        self.assertNotContains(self.client.get(reverse("interviews:tag_list")), "Secret plans")

    def test_unknown_tag_is_404(self):
        self.assertEqual(self.client.get("/tags/nothing-here/").status_code, 404)

    def test_cyrillic_tag_page(self):
        make_interview(title="По-русски", tags=["Миграция"])
        response = self.client.get(reverse("interviews:tag_detail", args=["миграция"]))
        self.assertContains(response, "По-русски")

    def test_the_remembered_count_follows_the_topics_interviews(self):
        def count():
            response = self.client.get(reverse("interviews:tag_detail", args=["water"]))
            return response.context["page"].paginator.count

        self.assertEqual(count(), 1)
        other = make_interview(experts=[self.expert])
        self.assertEqual(count(), 1)
        other.tags.add("Water")
        self.assertEqual(count(), 2, "tagged")
        other.tags.remove("Water")
        self.assertEqual(count(), 1, "untagged")
        other.tags.add("Water")
        self.assertEqual(count(), 2)
        other.tags.clear()
        self.assertEqual(count(), 1, "its tags cleared")
        editor = make_user(superuser=True)
        apply_transition("unpublish", self.public, editor)
        self.assertEqual(self.client.get(reverse("interviews:tag_detail", args=["water"])).status_code, 404)

    def test_query_counts_do_not_grow(self):
        for count in (3, 30):
            add_interviews(count, experts=[self.expert, make_expert()], tags=["Water", "China"])
            with self.assertNumQueries(4):
                self.client.get(reverse("interviews:tag_detail", args=["water"]))
            # The count is remembered until the topic's interviews change.
            with self.assertNumQueries(2):
                self.client.get(reverse("interviews:tag_detail", args=["water"]))
            with self.assertNumQueries(1):
                self.client.get(reverse("interviews:tag_list"))


class ErrorPageTests(TestCase):
    def test_500_page_renders_in_the_site_design(self):
        from django.template.loader import render_to_string

        html = render_to_string("500.html")
        self.assertIn("Something went wrong", html)
        self.assertIn('class="site-header"', html)
