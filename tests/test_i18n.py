from urllib.parse import unquote

from django.test import TestCase
from django.utils import translation

from tests.builders import make_expert, make_interview


class InterfaceLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.english = make_interview(title="Water and power", experts=[cls.expert], tags=["Water"])
        cls.russian = make_interview(
            title="Вода и власть", language="ru", translation_of=cls.english, experts=[cls.expert]
        )

    def test_english_is_unprefixed_and_russian_lives_under_ru(self):
        self.assertEqual(self.english.get_absolute_url(), f"/interviews/{self.english.slug}/")
        self.assertTrue(self.russian.get_absolute_url().startswith("/ru/interviews/"))

    def test_russian_interface_is_translated(self):
        response = self.client.get("/ru/")
        self.assertContains(response, '<html lang="ru">')
        self.assertContains(response, '<a href="/ru/experts/">Эксперты</a>', html=True)
        self.assertContains(response, 'href="/ru/feed/"')
        self.assertContains(response, "Если вы нашли ошибку, выделите текст и нажмите Ctrl+Enter")
        english = self.client.get("/", HTTP_ACCEPT_LANGUAGE="ru")
        self.assertContains(english, '<a href="/experts/">Experts</a>', html=True)

    def test_language_switcher_keeps_the_page(self):
        response = self.client.get("/experts/")
        self.assertContains(response, 'href="/ru/experts/" hreflang="ru"')
        self.assertContains(self.client.get("/ru/experts/"), 'href="/experts/" hreflang="en"')

    def test_interview_page_offers_its_translation_with_hreflang(self):
        response = self.client.get(self.english.get_absolute_url())
        russian_url = self.russian.get_absolute_url()
        self.assertContains(
            response, f'<link rel="alternate" hreflang="ru" href="http://testserver{russian_url}">'
        )
        self.assertContains(
            response,
            f'<link rel="alternate" hreflang="en" href="http://testserver{self.english.get_absolute_url()}">',
        )
        self.assertContains(response, f'<a href="{russian_url}" hreflang="ru" lang="ru">Russian</a>')
        self.assertContains(response, f'href="{russian_url}" hreflang="ru" lang="ru">Русский</a>')
        back = self.client.get(russian_url)
        self.assertContains(back, "Также на языках:")
        self.assertContains(back, f'href="{self.english.get_absolute_url()}" hreflang="en"')

    def test_an_interview_asked_for_in_the_other_interface_redirects_to_its_address(self):
        wrong = "/ru" + self.english.get_absolute_url()
        response = self.client.get(wrong)
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], self.english.get_absolute_url())
        response = self.client.get(f"/interviews/{self.russian.slug}/")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], self.russian.get_absolute_url())

    def test_dates_use_the_interface_language(self):
        response = self.client.get(self.russian.get_absolute_url())
        month = translation.override("ru")
        with month:
            from django.utils.dateformat import format as date_format

            expected = date_format(self.russian.publish_at, "j E Y")
        self.assertContains(response, expected)

    def test_untranslated_language_uses_the_english_interface(self):
        kazakh = make_interview(title="Су және билік", language="kk")
        self.assertEqual(unquote(kazakh.get_absolute_url()), f"/interviews/{kazakh.slug}/")
        response = self.client.get(kazakh.get_absolute_url())
        self.assertContains(response, '<html lang="kk">')


class TranslationAdminTests(TestCase):
    def test_translation_is_flagged_when_the_original_changes_after_it_was_checked(self):
        from datetime import timedelta

        from django.utils import timezone

        original = make_interview(title="Original")
        copy = make_interview(
            title="Копия", language="ru", translation_of=original, translation_checked_at=timezone.now()
        )
        self.assertFalse(copy.translation_outdated)
        original.lead = "Changed."
        original.save()
        copy.refresh_from_db()
        self.assertTrue(copy.translation_outdated)
        copy.translation_checked_at = timezone.now() + timedelta(seconds=1)
        self.assertFalse(copy.translation_outdated)

    def test_a_translation_must_be_of_an_original_in_another_language(self):
        from django.core.exceptions import ValidationError

        original = make_interview(title="Original")
        same = make_interview(title="Same", language="en", translation_of=original)
        with self.assertRaisesMessage(ValidationError, "another language"):
            same.full_clean()
        ru = make_interview(title="Ру", language="ru", translation_of=original)
        chained = make_interview(title="Kz", language="kk", translation_of=ru)
        with self.assertRaisesMessage(ValidationError, "is itself a translation"):
            chained.full_clean()


class TranslationAdminFlowTests(TestCase):
    def test_editor_links_a_translation_and_confirms_it_after_the_original_changes(self):
        from datetime import timedelta

        import time_machine
        from django.utils import timezone

        from cms.roles.definitions import EDITORS
        from tests.builders import make_user
        from tests.test_workflow import change_url, edit_form

        editor = make_user(groups=[EDITORS])
        self.client.force_login(editor)
        original = make_interview(title="Original")
        copy = make_interview(title="Копия", language="ru")
        response = self.client.post(
            change_url(copy), edit_form(self.client, copy, translation_of=original.pk)
        )
        self.assertEqual(response.status_code, 302)
        copy.refresh_from_db()
        self.assertIsNotNone(copy.translation_checked_at)
        with time_machine.travel(timezone.now() + timedelta(minutes=5)):
            self.client.post(change_url(original), edit_form(self.client, original, lead="Changed."))
            listing = self.client.get("/admin/interviews/interview/", {"translation": "outdated"})
            self.assertContains(listing, "Копия")
            self.assertContains(self.client.get(change_url(copy)), "Possibly out of date")
            self.assertContains(self.client.get("/admin/"), "Translations to check")
        with time_machine.travel(timezone.now() + timedelta(minutes=10)):
            self.client.post(f"/admin/interviews/interview/{copy.pk}/translation/checked/")
            listing = self.client.get("/admin/interviews/interview/", {"translation": "outdated"})
            self.assertEqual(listing.context["cl"].result_count, 0)


class LanguageFilterTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert()
        make_interview(title="In English", tags=["Water"], experts=[cls.expert])
        make_interview(title="По-русски", language="ru", tags=["Water"], experts=[cls.expert])

    def test_lists_filter_by_language_and_keep_the_filter_in_pagination_links(self):
        for path in ["/", "/tags/water/", self.expert.get_absolute_url()]:
            with self.subTest(path=path):
                response = self.client.get(path, {"language": "ru"})
                self.assertContains(response, "По-русски")
                self.assertNotContains(response, "In English")
                self.assertContains(response, '<span aria-current="true">Russian</span>', html=True)
                everything = self.client.get(path)
                self.assertContains(everything, "In English")
                self.assertContains(everything, "По-русски")

    def test_unknown_language_shows_everything(self):
        response = self.client.get("/", {"language": "<script>"})
        self.assertContains(response, "In English")
        self.assertNotContains(response, "<script>")
