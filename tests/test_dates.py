"""The public pages' date filters read as Django's |date does, in the reader's time zone."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.test import SimpleTestCase, override_settings
from django.utils import timezone, translation


def render(source, when):
    return Template("{% load dates %}" + source).render(Context({"when": when}))


class DateFilterTests(SimpleTestCase):
    moments = [
        datetime(2026, 11, 30, 22, 30, 15, 123456, tzinfo=UTC),  # the next day in Almaty
        datetime(2025, 3, 1, 0, 5, tzinfo=UTC),
    ]

    @override_settings(TIME_ZONE="Asia/Almaty")
    def test_the_same_text_as_the_date_filter(self):
        for language in ["en", "ru"]:
            for when in self.moments:
                with self.subTest(language=language, when=when), translation.override(language):
                    timezone.activate("Asia/Almaty")
                    self.assertEqual(
                        render("{{ when|long_date }}", when), render('{{ when|date:"j E Y" }}', when)
                    )
                    self.assertEqual(render("{{ when|iso }}", when), render("{{ when|date:'c' }}", when))
                    timezone.deactivate()

    def test_month_names_in_the_page_language(self):
        when = date(2026, 11, 30)
        with translation.override("ru"):
            self.assertEqual(render("{{ when|long_date }}", when), "30 ноября 2026")
        with translation.override("en"):
            self.assertEqual(render("{{ when|long_date }}", when), "30 November 2026")
        # Each day is written once per language, and kept apart by language.
        with translation.override("ru"):
            self.assertEqual(render("{{ when|long_date }}", when), "30 ноября 2026")

    def test_no_date_is_empty(self):
        self.assertEqual(render("[{{ when|long_date }}{{ when|iso }}]", None), "[]")
