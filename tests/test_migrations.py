"""Data migrations, run on rows as an upgrade finds them."""

import importlib

from django.apps import apps
from django.test import TestCase

from interviews.models import ExpertTranslation, Interview
from tests.builders import make_expert, make_interview


class CreditNamesMigrationTests(TestCase):
    def test_fills_the_names_cards_show_as_the_site_stores_them(self):
        migration = importlib.import_module("interviews.migrations.0014_credit_names")
        first, second = make_expert(name="Aida Sultan"), make_expert(name="Bakyt Osmon")
        ExpertTranslation.objects.create(expert=first, language="ru", name="Айда Султан")
        ExpertTranslation.objects.create(expert=second, language="ru", name="")  # empty: the main name
        russian = make_interview(language="ru", experts=[second, first])
        english = make_interview(experts=[first])
        nobody = make_interview()
        stored = {interview.pk: interview.credit_names for interview in Interview.objects.all()}
        Interview.objects.update(credit_names=None)

        migration.store_credit_names(apps, None)

        found = dict(Interview.objects.values_list("pk", "credit_names"))
        self.assertEqual(found, stored)
        self.assertEqual(found[russian.pk], ["Bakyt Osmon", "Айда Султан"])
        self.assertEqual(found[english.pk], ["Aida Sultan"])
        self.assertEqual(found[nobody.pk], [])


class FeedColumnMigrationTests(TestCase):
    def test_moves_the_feeds_blocks_out_of_the_parts(self):
        from types import SimpleNamespace

        from django.db import connection

        migration = importlib.import_module("interviews.migrations.0015_feed_html")
        interview = make_interview(blocks=[("question", "Who decides?"), ("answer", "The rivers do.")])
        stored = Interview.objects.get(pk=interview.pk)
        version_4 = {**stored.page_parts, "version": 4, "feed": stored.feed_html}
        other = make_interview()
        other_parts = {"version": 3, "experts": ""}  # another version: left to render_bodies
        Interview.objects.filter(pk=interview.pk).update(page_parts=version_4, feed_html=None)
        Interview.objects.filter(pk=other.pk).update(page_parts=other_parts, feed_html=None)

        migration.move_feed_out_of_the_parts(apps, SimpleNamespace(connection=connection))

        moved = Interview.objects.get(pk=interview.pk)
        self.assertEqual(moved.feed_html, stored.feed_html)
        self.assertIn("The rivers do.", moved.feed_html)
        self.assertEqual(moved.page_parts, stored.page_parts)
        self.assertEqual(Interview.objects.get(pk=other.pk).page_parts, other_parts)
        self.assertIsNone(Interview.objects.get(pk=other.pk).feed_html)
