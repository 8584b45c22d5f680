"""The interview body is stored rendered; every change to what it shows must reach the page."""

import io

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from interviews.body import render_body
from interviews.models import Block, Interview
from tests.builders import image_upload, make_expert, make_interview, make_user


class StoredBodyTests(TestCase):
    def setUp(self):
        self.interview = make_interview(
            blocks=[("question", "Who decides?"), ("answer", "The <em>council</em>, {in the end}.")]
        )

    def page(self):
        return self.client.get(self.interview.get_absolute_url())

    def stored(self):
        return Interview.objects.values_list("body_html", flat=True).get(pk=self.interview.pk)

    def test_body_is_stored_on_save_and_shown_on_the_page(self):
        body = self.stored()
        self.assertIn("The <em>council</em>", body)
        self.assertIn('<span class="insertion" title="Editorial insertion">[in the end]</span>', body)
        self.assertIn('<span class="block__label">Meridian:</span>', body)
        self.assertContains(self.page(), body)

    def test_edited_added_and_deleted_blocks_reach_the_page(self):
        answer = self.interview.blocks.get(kind="answer")
        answer.text = "The parliament, after all."
        answer.save()
        Block.objects.create(interview=self.interview, kind="heading", text="Water & power", order=5)
        self.interview.blocks.get(kind="question").delete()
        page = self.page()
        self.assertContains(page, "The parliament, after all.")
        self.assertContains(page, "Water &amp; power</h2>")
        self.assertNotContains(page, "council")
        self.assertNotContains(page, "Who decides?")

    def test_interviewer_label_change_reaches_the_body(self):
        self.interview.interviewer_label = "Editor"
        self.interview.save()
        self.assertIn('<span class="block__label">Editor:</span>', self.stored())
        self.assertNotIn("Meridian:", self.stored())

    def test_body_is_rendered_in_the_interview_language(self):
        interview = make_interview(language="ru", blocks=[("question", "Кто решает?")])
        body = Interview.objects.get(pk=interview.pk).body_html
        self.assertIn('aria-label="Ссылка на этот вопрос"', body)

    def test_markup_in_text_cannot_escape_the_block(self):
        self.interview.blocks.create(
            kind="answer", text='<script>alert(1)</script><img src=x onerror="y">', order=9
        )
        body = self.stored()
        self.assertNotIn("<script", body)
        self.assertNotIn("onerror", body)

    def test_block_ids_and_question_anchors_are_in_the_body(self):
        question = self.interview.blocks.get(kind="question")
        body = self.stored()
        self.assertIn(f'id="{question.anchor}" data-block="{question.pk}"', body)
        self.assertIn(f'href="#{question.anchor}"', body)

    def test_an_image_whose_renditions_cannot_be_made_is_not_stored_without_it(self):
        cache.clear()
        name = f"uploads/not-there-yet-{self.interview.pk}.jpg"
        Block.objects.create(interview=self.interview, kind="image", image=name, caption="The dam", order=7)
        self.assertEqual(self.stored(), "")  # rendered on each view instead
        page = self.page()
        self.assertContains(page, "The dam")
        self.assertContains(page, "The <em>council</em>")
        # Once the file is there, the next view shows it, with no save in between.
        default_storage.save(name, image_upload())
        self.addCleanup(default_storage.delete, name)
        self.assertContains(self.page(), 'srcset="')

    def test_rows_stored_before_bodies_were_still_render_and_the_command_fills_them(self):
        Interview.objects.filter(pk=self.interview.pk).update(body_html="")
        self.assertContains(self.page(), "The <em>council</em>")
        out = io.StringIO()
        call_command("render_bodies", stdout=out)
        self.assertIn("Bodies and page parts rendered for 1 interviews", out.getvalue())
        interview = Interview.objects.prefetch_related("blocks").get(pk=self.interview.pk)
        self.assertEqual(interview.body_html, render_body(interview, interview.blocks.all()))

    def test_revisions_keep_content_not_the_rendered_body(self):
        import reversion

        with reversion.create_revision():
            self.interview.save()
        data = Version.objects.get_for_object(self.interview).first().serialized_data
        self.assertIn("Interview number", data)
        self.assertNotIn("body_html", data)
        self.assertNotIn("search_text", data)


class AnswerSpeakerTests(TestCase):
    """An answer names its speaker on the page, in the feed and in the republish HTML."""

    @classmethod
    def setUpTestData(cls):
        cls.anna = make_expert(name="Anna Vell")
        cls.tomas = make_expert(name="Tomas Reed")
        cls.interview = make_interview(
            experts=[cls.anna, cls.tomas],
            blocks=[("question", "Who starts?"), ("answer", "I do."), ("answer", "Then me.")],
        )
        first, second = cls.interview.blocks.filter(kind="answer")
        second.speaker = cls.tomas
        second.save()

    def body(self):
        return Interview.objects.values_list("body_html", flat=True).get(pk=self.interview.pk)

    def test_answers_name_their_speaker_the_first_expert_by_default(self):
        body = self.body()
        self.assertIn('<p class="block__speaker">Anna Vell</p><p>I do.</p>', body)
        self.assertIn('<p class="block__speaker">Tomas Reed</p><p>Then me.</p>', body)
        self.assertContains(self.client.get(self.interview.get_absolute_url()), "Tomas Reed</p><p>Then me.")

    def test_an_interview_with_one_expert_names_nobody(self):
        single = make_interview(experts=[self.anna], blocks=[("question", "Q?"), ("answer", "A.")])
        self.assertNotIn("block__speaker", Interview.objects.get(pk=single.pk).body_html)

    def test_removing_the_second_expert_removes_the_names_and_renaming_updates_them(self):
        self.anna.name = "Anna Vell-Morn"
        self.anna.save()
        self.assertIn("Anna Vell-Morn</p><p>I do.", self.body())
        self.interview.interview_experts.get(expert=self.tomas).delete()
        self.assertNotIn("block__speaker", self.body())

    def test_feed_and_republish_html_name_the_speaker(self):
        feed = self.client.get(reverse("interviews:feed")).content.decode()
        self.assertIn(escape("<p><strong>Tomas Reed</strong></p><p>Then me.</p>"), feed)
        page = self.client.get(reverse("attribution:republish", args=[self.interview.slug]))
        self.assertContains(page, escape("<p><strong>Tomas Reed</strong></p><p>Then me.</p>"))

    def test_the_admin_offers_only_the_interviews_experts_as_speakers(self):
        make_expert(name="Someone Unrelated")
        self.client.force_login(make_user(superuser=True))
        response = self.client.get(reverse("admin:interviews_interview_change", args=[self.interview.pk]))
        choices = [
            label
            for _pk, label in response.context["inline_admin_formsets"][1]
            .formset.forms[0]
            .fields["speaker"]
            .choices
        ]
        self.assertEqual(choices, ["---------", "Anna Vell", "Tomas Reed"])
