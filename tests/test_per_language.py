"""Parts of the layout rendered once per language are right in every language, and only there."""

from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory, TestCase, override_settings
from django.urls import set_script_prefix
from django.utils import translation

from tests.builders import make_interview

SOURCE = (
    "{% load i18n per_language %}{% per_language %}"
    '<a href="{{ SITE_LINKS.search }}">{% translate "Search" %}</a> {{ SITE_NAME }}'
    "{% end_per_language %}"
)


class PerLanguageTests(TestCase):
    def setUp(self):
        self.template = engines["django"].from_string(SOURCE)  # one compiled template, as pages have

    def tearDown(self):
        set_script_prefix("/")

    def render(self, language):
        with translation.override(language):
            return self.template.render({}, RequestFactory().get("/"))

    def test_each_language_gets_its_own_labels_and_addresses(self):
        for _ in range(2):
            self.assertEqual(self.render("en"), '<a href="/search/">Search</a> Meridian')
            # The wordmark is translated with the interface (the catalogue has "Meridian").
            self.assertEqual(self.render("ru"), '<a href="/ru/search/">Поиск</a> Меридиан')

    def test_a_new_site_name_or_path_prefix_is_rendered_anew(self):
        self.render("en")
        with override_settings(SITE_NAME="Other"):
            self.assertEqual(self.render("en"), '<a href="/search/">Search</a> Other')
        set_script_prefix("/news/")
        self.assertEqual(self.render("en"), '<a href="/news/search/">Search</a> Meridian')

    def test_a_block_inside_is_refused(self):
        with self.assertRaises(TemplateSyntaxError):
            engines["django"].from_string(
                "{% load per_language %}{% per_language %}{% block x %}{% endblock %}{% end_per_language %}"
            )

    def test_pages_in_both_languages_keep_their_own_header(self):
        english, russian = make_interview(), make_interview(language="ru")
        for _ in range(2):
            self.assertContains(
                self.client.get(english.get_absolute_url()), '<a href="/experts/">Experts</a>'
            )
            self.assertContains(
                self.client.get(russian.get_absolute_url()), '<a href="/ru/experts/">Эксперты</a>'
            )
