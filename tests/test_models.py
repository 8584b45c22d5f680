from datetime import timedelta

import time_machine
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.test import TestCase

from interviews.models import Block, Expert, Interview, InterviewExpert
from tests.builders import make_draft, make_expert, make_interview, make_scheduled


class VisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.public = make_interview()
        cls.draft = make_draft()
        cls.scheduled = make_scheduled()

    def test_published_includes_only_past_published_interviews(self):
        self.assertQuerySetEqual(Interview.objects.published(), [self.public])

    def test_future_interview_is_hidden_until_its_time(self):
        self.assertNotIn(self.scheduled, Interview.objects.published())
        with time_machine.travel(self.scheduled.publish_at + timedelta(seconds=1)):
            self.assertIn(self.scheduled, Interview.objects.published())
            self.assertTrue(Interview.objects.get(pk=self.scheduled.pk).is_public)

    def test_an_interview_page_row_is_the_published_one(self):
        page = Interview.objects.published_page(self.public.slug)
        expected = Interview.objects.published().for_page().get(slug=self.public.slug)
        self.assertEqual(page, expected)
        self.assertEqual(page.get_deferred_fields(), expected.get_deferred_fields())
        self.assertEqual((page.publish_at, page.page_parts), (expected.publish_at, expected.page_parts))
        for hidden in [self.draft, self.scheduled]:
            self.assertIsNone(Interview.objects.published_page(hidden.slug))
        self.assertIsNone(Interview.objects.published_page("no-such-slug"))
        with time_machine.travel(self.scheduled.publish_at + timedelta(seconds=1)):
            self.assertEqual(Interview.objects.published_page(self.scheduled.slug), self.scheduled)
        with time_machine.travel(self.scheduled.publish_at - timedelta(seconds=1)):
            self.assertIsNone(Interview.objects.published_page(self.scheduled.slug))

    def test_publishing_without_a_time_publishes_now(self):
        interview = make_interview(publish_at=None)
        self.assertIsNotNone(interview.publish_at)
        self.assertTrue(interview.is_public)

    def test_draft_keeps_empty_publish_time(self):
        self.assertIsNone(self.draft.publish_at)
        self.assertFalse(self.draft.is_public)


class SlugTests(TestCase):
    def test_slug_is_filled_from_title(self):
        interview = make_interview(title="Water: who pays upstream?")
        self.assertEqual(interview.slug, "water-who-pays-upstream")

    def test_cyrillic_title_keeps_its_script(self):
        interview = make_interview(title="Миграция и деньги: что дальше")
        self.assertEqual(interview.slug, "миграция-и-деньги-что-дальше")
        self.assertEqual(
            interview.get_absolute_url(),
            "/interviews/%D0%BC%D0%B8%D0%B3%D1%80%D0%B0%D1%86%D0%B8%D1%8F-%D0%B8-%D0%B4%D0%B5%D0%BD%D1%8C%D0%B3%D0%B8-%D1%87%D1%82%D0%BE-%D0%B4%D0%B0%D0%BB%D1%8C%D1%88%D0%B5/",
        )

    def test_same_title_gets_a_unique_slug(self):
        first = make_interview(title="Same title")
        second = make_interview(title="Same title")
        self.assertEqual(first.slug, "same-title")
        self.assertEqual(second.slug, "same-title-2")

    def test_title_without_letters_gets_a_fallback_slug(self):
        self.assertEqual(make_interview(title="???").slug, "interview")

    def test_expert_slug_is_unique(self):
        make_expert(name="Aida Sultan")
        self.assertEqual(make_expert(name="Aida Sultan").slug, "aida-sultan-2")


class SanitisingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(blocks=[])

    def block(self, text, kind="answer"):
        return Block.objects.create(interview=self.interview, kind=kind, text=text)

    def test_script_tags_are_removed(self):
        block = self.block("<p>Hello<script>alert(1)</script></p>")
        self.assertNotIn("script", block.text)
        self.assertIn("Hello", block.text)

    def test_event_handlers_are_removed(self):
        block = self.block(
            '<p onclick="steal()">Hi <a href="https://example.org" onmouseover="x()">there</a></p>'
        )
        self.assertNotIn("onclick", block.text)
        self.assertNotIn("onmouseover", block.text)
        self.assertIn('href="https://example.org"', block.text)

    def test_javascript_links_lose_their_address(self):
        block = self.block('<p><a href="javascript:alert(1)">click</a> <a href="data:text/html,x">y</a></p>')
        self.assertNotIn("javascript:", block.text)
        self.assertNotIn("data:", block.text)

    def test_mailto_links_survive(self):
        block = self.block('<p><a href="mailto:desk@example.org">write</a></p>')
        self.assertIn('href="mailto:desk@example.org"', block.text)

    def test_plain_text_paragraphs_are_wrapped(self):
        block = self.block("First paragraph.\n\nSecond, with a\nline break.")
        self.assertEqual(block.text, "<p>First paragraph.</p><p>Second, with a<br>line break.</p>")

    def test_markup_in_plain_text_is_kept_as_text_not_run(self):
        block = self.block("Prices rose 5 < 7 & more")
        self.assertEqual(block.text, "<p>Prices rose 5 &lt; 7 &amp; more</p>")

    def test_editorial_insertion_renders_as_insertion(self):
        block = self.block("The war {in Ukraine} changed trade.")
        self.assertIn('<span class="insertion" title="Editorial insertion">[in Ukraine]</span>', block.html)

    def test_braces_inside_a_link_address_are_not_insertions(self):
        block = self.block('<p>See <a href="https://example.org/{id}" title="{x}">the {full} text</a>.</p>')
        self.assertIn('href="https://example.org/{id}"', block.html)
        self.assertIn('title="{x}"', block.html)
        self.assertIn("[full]</span>", block.html)

    def test_expert_bio_is_sanitised(self):
        expert = make_expert(bio='<p>Bio<img src=x onerror="alert(1)"></p>')
        self.assertEqual(expert.bio, "<p>Bio</p>")


class BlockTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(blocks=[])

    def test_question_gets_a_stable_anchor(self):
        block = Block.objects.create(
            interview=self.interview, kind="question", text="How effective is soft power?"
        )
        self.assertEqual(block.anchor, "q-how-effective-is-soft-power")
        block.text = "A rewritten question"
        block.save()
        self.assertEqual(block.anchor, "q-how-effective-is-soft-power")

    def test_repeated_question_text_gets_distinct_anchors(self):
        first = Block.objects.create(interview=self.interview, kind="question", text="Why?")
        second = Block.objects.create(interview=self.interview, kind="question", text="Why?")
        self.assertEqual((first.anchor, second.anchor), ("q-why", "q-why-2"))

    def test_answers_have_no_anchor(self):
        self.assertEqual(Block.objects.create(interview=self.interview, kind="answer", text="x").anchor, "")

    def test_text_block_without_text_is_invalid(self):
        with self.assertRaisesMessage(ValidationError, "This block has no text."):
            Block(interview=self.interview, kind="answer", text="<script>x</script>").full_clean()


class ExpertRoleTests(TestCase):
    def test_role_and_bio_at_the_time_survive_a_job_change(self):
        expert = make_expert(position="Lecturer", affiliation="Old University", short_bio="Old bio.")
        interview = make_interview(experts=[expert])
        expert.position, expert.affiliation, expert.short_bio = "Director", "New Centre", "New bio."
        expert.save()
        credit = InterviewExpert.objects.get(interview=interview)
        self.assertEqual((credit.role, credit.bio), ("Lecturer, Old University", "Old bio."))

    def test_expert_with_interviews_cannot_be_deleted(self):
        expert = make_expert()
        make_interview(experts=[expert])
        with self.assertRaises(ProtectedError):
            expert.delete()
        self.assertTrue(Expert.objects.filter(pk=expert.pk).exists())

    def test_expert_without_interviews_can_be_deleted(self):
        expert = make_expert()
        expert.delete()
        self.assertFalse(Expert.objects.filter(pk=expert.pk).exists())


class OriginTests(TestCase):
    def test_partner_material_needs_outlet_and_address(self):
        interview = Interview(title="Borrowed", slug="borrowed", origin=Interview.Origin.PARTNER)
        with self.assertRaisesMessage(ValidationError, "Partner material needs"):
            interview.full_clean()

    def test_partner_material_with_source_is_valid(self):
        interview = Interview(
            title="Borrowed",
            slug="borrowed",
            origin=Interview.Origin.PARTNER,
            source_name="Partner Weekly",
            source_url="https://partner.example.org/story",
        )
        interview.full_clean()
