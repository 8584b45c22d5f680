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
