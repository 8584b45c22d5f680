"""Addresses of interviews and experts, worked out once per language and slotted with a slug."""

from django.test import SimpleTestCase
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from cms.links import slug_url
from interviews.models import Expert, Interview


class SlugUrlTests(SimpleTestCase):
    def tearDown(self):
        set_script_prefix("/")

    def test_same_address_as_reverse_in_every_language_and_script(self):
        for slug in ["plain-slug", "dvizhenie_2024", "выборы-в-регионе", "ünïcode"]:
            for language in ["en", "ru"]:
                with self.subTest(slug=slug, language=language), translation.override(language):
                    expected = reverse("interviews:interview_detail", kwargs={"slug": slug})
                    self.assertEqual(slug_url("interviews:interview_detail", slug), expected)

    def test_an_interview_lives_under_its_own_language(self):
        self.assertEqual(Interview(slug="a", language="ru").get_absolute_url(), "/ru/interviews/a/")
        with translation.override("ru"):
            self.assertEqual(Interview(slug="a", language="en").get_absolute_url(), "/interviews/a/")
            self.assertEqual(Expert(slug="e").get_absolute_url(), "/ru/experts/e/")

    def test_a_site_served_under_a_path_prefix(self):
        set_script_prefix("/news/")
        self.assertEqual(Interview(slug="a", language="en").get_absolute_url(), "/news/interviews/a/")

    def test_a_slug_no_address_can_hold_is_refused(self):
        for slug in ["", "a/b", "a b"]:
            with self.subTest(slug=slug), self.assertRaises(NoReverseMatch):
                slug_url("interviews:interview_detail", slug)
