"""What readers see: names in their language, the front page, reading aids, icons."""

import io
import os
import sqlite3
import subprocess
import sys
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from taggit.models import Tag

from interviews.models import Expert, ExpertTranslation, Interview
from interviews.workflow import apply_transition
from tests.builders import make_expert, make_interview, make_user


def make_translation(expert, **fields):
    defaults = {"language": "ru", "name": "Айда Султан", "position": "Научный сотрудник"}
    return ExpertTranslation.objects.create(expert=expert, **{**defaults, **fields})


class ExpertTranslationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan", short_bio="Aida studies water.")
        make_translation(
            cls.expert, short_bio="Айда изучает воду.", bio="<p>Айда пишет о реках.<script>x</script></p>"
        )
        cls.english = make_interview(title="Rivers and rules", experts=[cls.expert], tags=["Water"])
        cls.russian = make_interview(
            title="Реки и правила", language="ru", experts=[cls.expert], tags=["Вода"], interviewer_label=""
        )

    def test_russian_interview_names_the_expert_in_cyrillic(self):
        page = self.client.get(self.russian.get_absolute_url())
        self.assertContains(page, ">Айда Султан</a>")
        self.assertContains(page, '"name": "Айда Султан"')
        self.assertNotContains(page, "Aida Sultan")

    def test_english_interview_keeps_the_main_name(self):
        page = self.client.get(self.english.get_absolute_url())
        self.assertContains(page, ">Aida Sultan</a>")
        self.assertNotContains(page, "Айда")

    def test_cards_name_the_expert_in_the_interviews_language(self):
        home = self.client.get("/").content.decode()
        russian_card = home[home.index("Реки и правила") :]
        self.assertIn("Айда Султан", russian_card[:600])

    def test_russian_expert_page_shows_the_translation_and_falls_back_for_empty_fields(self):
        page = self.client.get(f"/ru/experts/{self.expert.slug}/")
        self.assertContains(page, '<h1 class="page-title">Айда Султан</h1>', html=True)
        self.assertContains(page, "Научный сотрудник, Institute of Regional Studies")
        self.assertContains(page, "<p>Айда пишет о реках.</p>", html=True)
        self.assertNotContains(page, "<script>x")
        english = self.client.get(f"/experts/{self.expert.slug}/")
        self.assertContains(english, '<h1 class="page-title">Aida Sultan</h1>', html=True)

    def test_an_expert_without_a_translation_keeps_the_main_name_on_russian_pages(self):
        other = make_expert(name="Bakyt Nazarov")
        make_interview(experts=[other])
        page = self.client.get(f"/ru/experts/{other.slug}/")
        self.assertContains(page, '<h1 class="page-title">Bakyt Nazarov</h1>', html=True)

    def test_russian_expert_index_lists_russian_names(self):
        page = self.client.get("/ru/experts/")
        self.assertContains(page, "Айда Султан")

    def test_a_changed_translation_reaches_the_stored_page_parts(self):
        translation = self.expert.translations.get()
        translation.name = "Айда Султанова"
        translation.save()
        self.assertContains(self.client.get(self.russian.get_absolute_url()), ">Айда Султанова</a>")
        # And the names cards show, stored on the interview's row.
        self.assertContains(self.client.get("/ru/"), '<p class="card__experts">Айда Султанова</p>')
        translation.delete()
        self.assertContains(self.client.get(self.russian.get_absolute_url()), ">Aida Sultan</a>")
        self.assertEqual(self.client.get("/ru/").context["page"][0].expert_names, ["Aida Sultan"])

    def test_one_translation_per_language(self):
        from django.db import IntegrityError, transaction

        with self.assertRaises(IntegrityError), transaction.atomic():
            make_translation(self.expert, name="Другое имя")

    def test_staff_edit_translations_in_the_expert_admin(self):
        admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
        self.client.force_login(admin)
        url = reverse("admin:interviews_expert_change", args=[self.expert.pk])
        page = self.client.get(url)
        self.assertContains(page, 'name="translations-0-name"')
        self.assertContains(page, "Айда Султан")

    def test_expert_pages_cost_the_same_with_translations(self):
        # As tests/test_views.py counts them: the first view also counts and reads the next change.
        with self.assertNumQueries(5):
            self.client.get(f"/ru/experts/{self.expert.slug}/")
        with self.assertNumQueries(3):
            self.client.get(f"/ru/experts/{self.expert.slug}/")
        with self.assertNumQueries(1):
            self.client.get("/ru/experts/")


class RussianPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        expert = make_expert(name="Aida Sultan")
        make_translation(expert)
        cls.russian = make_interview(
            title="Реки и правила", slug="реки-и-правила", language="ru", experts=[expert], tags=["Вода"]
        )
        make_interview(title="Rivers and rules", experts=[expert], tags=["Water"])

    def test_source_address_is_shown_in_readable_letters(self):
        page = self.client.get(self.russian.get_absolute_url())
        self.assertContains(page, "/ru/interviews/реки-и-правила/</a>")
        self.assertContains(page, 'href="http://testserver/ru/interviews/%D1%80%D0%B5')

    def test_republish_link_and_wordmark_are_in_russian(self):
        page = self.client.get(self.russian.get_absolute_url())
        self.assertContains(page, ">Перепечатать</a>")
        self.assertContains(page, '<a class="site-name" href="/ru/">Меридиан</a>', html=True)

    def test_topics_index_lists_the_topics_of_its_language(self):
        russian = self.client.get("/ru/tags/")
        self.assertContains(russian, "Вода")
        self.assertNotContains(russian, "Water")
        english = self.client.get("/tags/")
        self.assertContains(english, "Water")
        self.assertNotContains(english, "Вода")


class FrontPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        expert = make_expert(name="Aida Sultan")
        for n in range(8):
            make_interview(
                title=f"Story {n}", experts=[expert], tags=["Water", f"Only {n}"] if n % 2 else ["Energy"]
            )

    def test_front_page_has_a_lead_a_row_recent_interviews_and_topic_sections(self):
        page = self.client.get("/")
        self.assertEqual(page.context["lead"].title, "Story 7")
        self.assertEqual([i.title for i in page.context["top"]], ["Story 6", "Story 5", "Story 4"])
        self.assertEqual(len(page.context["recent"]), 4)
        sections = {section["tag"].name: section["interviews"] for section in page.context["sections"]}
        self.assertEqual(list(sections), ["Energy", "Water"])
        # The lead is not repeated in its topic's section.
        self.assertEqual([i.title for i in sections["Water"]], ["Story 5", "Story 3", "Story 1"])
        self.assertContains(page, 'class="card card--lead"')
        self.assertContains(page, '<h2 class="section-title" id="topics-title">By topic</h2>', html=True)

    @override_settings(INTERVIEWS_PER_PAGE=4)
    def test_the_remembered_sections_follow_every_change(self):
        def sections():
            page = self.client.get("/")
            return {s["tag"].name: [i.title for i in s["interviews"]] for s in page.context["sections"]}

        stories = {i.title: i for i in Interview.objects.all()}
        self.assertEqual(
            sections(),
            {
                "Energy": ["Story 6", "Story 4", "Story 2", "Story 0"],
                "Water": ["Story 5", "Story 3", "Story 1"],
            },
        )
        self.assertEqual(sections()["Energy"][2], "Story 2", "read again from the memo")
        stories["Story 2"].title = "Story 2, retitled"
        stories["Story 2"].save()
        self.assertEqual(sections()["Energy"], ["Story 6", "Story 4", "Story 2, retitled", "Story 0"])
        stories["Story 1"].tags.add("Energy")
        self.assertEqual(sections()["Energy"], ["Story 6", "Story 4", "Story 2, retitled", "Story 1"])
        water = Tag.objects.get(slug="water")
        water.name = "Rivers"
        water.save()
        self.assertIn("Rivers", sections())
        apply_transition("unpublish", stories["Story 3"], make_user(superuser=True))
        self.assertEqual(sections()["Rivers"], ["Story 5", "Story 1"])

    def test_front_page_by_language_keeps_its_sections_in_that_language(self):
        page = self.client.get("/", {"language": "ru"})
        self.assertContains(page, "No interviews have been published yet.")


class ReadingAidTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(
            blocks=[
                ("question", "Who decides?"),
                ("answer", " ".join(["word"] * 450)),
                (
                    "question",
                    "And who pays for the dams and canals along the river every single year, and how much?",
                ),
                ("answer", "Everyone."),
            ]
        )

    def test_questions_are_a_table_of_contents_linking_their_anchors(self):
        page = self.client.get(self.interview.get_absolute_url())
        self.assertContains(page, '<a href="#q-who-decides">Who decides?</a>', html=True)
        self.assertContains(page, 'id="q-who-decides"')
        self.assertContains(page, "And who pays for the dams and canals along the river every single year, …")

    def test_reading_time_is_shown(self):
        self.assertContains(self.client.get(self.interview.get_absolute_url()), "3 min read")

    def test_russian_reading_time_is_in_russian(self):
        russian = make_interview(language="ru", lead="Коротко.")
        self.assertContains(self.client.get(russian.get_absolute_url()), "1 мин чтения")

    def test_a_new_question_reaches_the_contents(self):
        self.interview.blocks.create(kind="question", text="What next?", order=9)
        self.assertContains(self.client.get(self.interview.get_absolute_url()), ">What next?</a>")

    def test_footer_speaks_to_keyboards_and_touch_screens(self):
        page = self.client.get(self.interview.get_absolute_url())
        self.assertContains(page, "pressing Ctrl+Enter")
        self.assertContains(page, "tap the “Report a typo” button")
        russian = self.client.get("/ru/")
        self.assertContains(russian, "«Сообщить об ошибке»")


class IconTests(TestCase):
    def test_pages_link_a_favicon_touch_icon_and_manifest_that_exist(self):
        page = self.client.get("/").content.decode()
        for path in [
            "cms/icons/favicon.svg",
            "cms/icons/favicon-32.png",
            "cms/icons/apple-touch-icon.png",
            "cms/manifest.webmanifest",
        ]:
            self.assertIn(settings.STATIC_URL + path, page)
            self.assertIsNotNone(finders.find(path), path)


class SampleTranslationsTests(TestCase):
    def test_sample_experts_get_their_russian_names_through_manage_py(self):
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3", "MEDIA_ROOT": folder}
            for args in (["migrate", "-v0"], ["load_sample_content"]):
                result = subprocess.run(
                    [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env
                )
                self.assertEqual(result.returncode, 0, result.stderr)
            with sqlite3.connect(f"{folder}/db.sqlite3") as db:
                names = dict(db.execute("SELECT language, name FROM interviews_experttranslation"))
        self.assertEqual(names, {"ru": names["ru"]})
        self.assertEqual(
            len(ExpertTranslation._meta.get_field("language").choices), len(settings.CONTENT_LANGUAGES)
        )

    def test_sample_russian_interview_names_its_expert_in_cyrillic(self):
        call_command("load_sample_content", stdout=io.StringIO())
        farrukh = Expert.objects.get(slug="farrukh-nazarmatov")
        self.assertEqual(farrukh.translations.get(language="ru").name, "Фаррух Назарматов")
        russian = Interview.objects.published().get(language="ru")
        self.assertContains(self.client.get(russian.get_absolute_url()), ">Фаррух Назарматов</a>")
        # Run again, nothing is added twice.
        call_command("load_sample_content", stdout=io.StringIO())
        self.assertEqual(ExpertTranslation.objects.count(), 3)


class ManifestTests(TestCase):
    def test_manifest_names_icons_that_exist(self):
        import json

        with open(finders.find("cms/manifest.webmanifest"), encoding="utf-8") as file:
            manifest = json.load(file)
        self.assertEqual(manifest["start_url"], "/")
        for icon in manifest["icons"]:
            self.assertIsNotNone(finders.find("cms/" + icon["src"]), icon["src"])


class FrontPageLeadTests(TestCase):
    def test_the_lead_is_the_newest_interview_with_a_picture(self):
        from tests.builders import image_upload

        pictured = make_interview(title="With a picture", cover_image=image_upload("c.jpg", (600, 400)))
        make_interview(title="Newer, without one")
        page = self.client.get("/")
        self.assertEqual(page.context["lead"], pictured)
        self.assertEqual(page.context["top"][0].title, "Newer, without one")


class TranslatedNameSearchTests(TestCase):
    def test_an_english_interview_is_found_by_the_experts_russian_name(self):
        expert = make_expert(name="Aida Sultan")
        interview = make_interview(title="Rivers and rules", experts=[expert])
        make_translation(expert)
        page = self.client.get("/search/", {"q": "Султан"})
        self.assertEqual([found.pk for found in page.context["page"]], [interview.pk])
