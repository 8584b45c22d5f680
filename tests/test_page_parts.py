"""An interview page's expert boxes, cover, topics and notes are stored; every change must reach the page."""

import io
import json

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase
from reversion.models import Version
from taggit.models import Tag

from cms.reports.models import Correction
from interviews.models import Interview, InterviewExpert
from interviews.page_parts import render_parts
from tests.builders import image_upload, make_expert, make_interview


class StoredPartsTests(TestCase):
    def setUp(self):
        self.expert = make_expert(name="Aida Sultan", short_bio="Aida studies water.")
        self.interview = make_interview(experts=[self.expert], tags=["Water", "Energy"])

    def page(self):
        return self.client.get(self.interview.get_absolute_url())

    def stored(self):
        return Interview.objects.values_list("page_parts", flat=True).get(pk=self.interview.pk)

    def test_parts_are_stored_on_save_and_shown_on_the_page(self):
        parts = self.stored()
        self.assertIn("Aida Sultan", parts["experts"])
        self.assertIn("Aida studies water.", parts["experts"])
        self.assertCountEqual(parts["topic_names"], ["Energy", "Water"])
        page = self.page()
        self.assertContains(page, parts["experts"])
        self.assertContains(page, parts["topics"])
        self.assertContains(page, '<meta property="article:tag" content="Water">', html=True)
        self.assertContains(page, '"jobTitle"')

    def test_an_expert_renamed_by_staff_is_renamed_on_the_page(self):
        self.expert.name = "Aida Sultanova"
        self.expert.save()
        page = self.page()
        self.assertContains(page, ">Aida Sultanova</a>")
        self.assertContains(page, '"name": "Aida Sultanova"')

    def test_credits_added_changed_and_removed_reach_the_page(self):
        other = make_expert(name="Bakyt Nazarov")
        credit = InterviewExpert.objects.create(interview=self.interview, expert=other, order=2)
        self.assertContains(self.page(), "Bakyt Nazarov")
        credit.bio = "Bakyt writes on migration."
        credit.save()
        self.assertContains(self.page(), "Bakyt writes on migration.")
        credit.delete()
        self.assertNotContains(self.page(), "Bakyt")

    def test_topics_added_removed_renamed_and_deleted_reach_the_page(self):
        self.interview.tags.add("Migration")
        self.assertContains(self.page(), ">Migration</a>")
        self.interview.tags.remove("Energy")
        self.assertNotContains(self.page(), "Energy")
        tag = Tag.objects.get(name="Water")
        tag.name = "Water policy"
        tag.save()
        self.assertContains(self.page(), ">Water policy</a>")
        with self.captureOnCommitCallbacks(execute=True):
            Tag.objects.get(name="Migration").delete()
        self.assertNotContains(self.page(), "Migration")

    def test_correction_notes_added_and_deleted_reach_the_page(self):
        note = Correction.objects.create(interview=self.interview, text="The dam opened in 1999.")
        self.assertContains(self.page(), "The dam opened in 1999.")
        note.delete()
        self.assertNotContains(self.page(), "The dam opened in 1999.")

    def test_cover_is_stored_with_its_renditions(self):
        self.interview.cover_image = image_upload("cover.jpg", size=(1600, 900))
        self.interview.cover_caption = "The reservoir"
        self.interview.save()
        self.assertIn('srcset="', self.stored()["cover"])
        self.assertContains(self.page(), "The reservoir</figcaption>")

    def test_markup_in_names_and_bios_is_escaped(self):
        self.expert.name = "<script>alert(1)</script>"
        self.expert.save()
        self.interview.tags.add("<b>bold</b>")
        page = self.page()
        self.assertNotContains(page, "<script>alert(1)</script>")
        self.assertNotContains(page, "<b>bold</b>")
        self.assertContains(page, "&lt;b&gt;bold&lt;/b&gt;")

    def test_rows_stored_before_parts_were_still_render_and_the_command_fills_them(self):
        Interview.objects.filter(pk=self.interview.pk).update(page_parts={})
        self.assertContains(self.page(), "Aida studies water.")
        call_command("render_bodies", stdout=io.StringIO())
        interview = Interview.objects.get(pk=self.interview.pk)
        self.assertEqual(interview.page_parts, render_parts(interview))

    def test_parts_stored_by_an_earlier_version_render_as_now_until_the_command_runs(self):
        earlier = {
            key: value for key, value in self.stored().items() if key not in {"version", "description"}
        }
        Interview.objects.filter(pk=self.interview.pk).update(page_parts=earlier)
        self.assertContains(
            self.page(), '<meta property="og:description" content="The lead of', status_code=200
        )
        call_command("render_bodies", stdout=io.StringIO())
        self.assertEqual(self.stored()["description"], self.interview.lead)

    def test_the_description_is_the_leads_first_forty_words(self):
        self.interview.lead = " ".join(f"word{n}" for n in range(60))
        self.interview.save()
        description = " ".join(f"word{n}" for n in range(40)) + " …"
        self.assertEqual(self.stored()["description"], description)
        self.assertContains(self.page(), f'<meta name="description" content="{description}">')

    def test_an_expert_photo_whose_renditions_cannot_be_made_is_not_stored_without_it(self):
        cache.clear()
        name = f"experts/not-there-yet-{self.expert.pk}.jpg"
        type(self.expert).objects.filter(pk=self.expert.pk).update(photo=name)
        self.interview.save()
        self.assertEqual(self.stored(), {})  # rendered on each view instead
        self.assertContains(self.page(), "Aida Sultan")
        default_storage.save(name, image_upload())
        self.addCleanup(default_storage.delete, name)
        self.assertContains(self.page(), "expert-box__photo")

    def test_revisions_keep_content_not_the_stored_parts(self):
        import reversion

        with reversion.create_revision():
            self.interview.save()
        data = json.loads(Version.objects.get_for_object(self.interview).first().serialized_data)
        self.assertNotIn("page_parts", data[0]["fields"])
