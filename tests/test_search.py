from datetime import timedelta
from importlib import import_module
from unittest import mock

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.urls import reverse
from django.utils import timezone

from interviews import search
from interviews.models import Block, Interview, SearchEntry
from interviews.search import _simple_headline
from interviews.workflow import apply_transition
from tests.builders import make_draft, make_expert, make_interview, make_user

on_postgres = pytest.mark.postgres


def days_ago(days):
    return timezone.now() - timedelta(days=days, hours=1)


class SearchTestsMixin:
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.water = make_interview(
            title="Rivers and rules",
            lead="Who owns the water of the Syr Darya?",
            experts=[cls.expert],
            tags=["Water"],
            blocks=[
                ("question", "Who decides?"),
                ("answer", "Reservoirs upstream decide the <em>irrigation</em> season."),
            ],
        )
        cls.migration = make_interview(
            title="Money sent home",
            lead="Remittances and families.",
            tags=["Migration"],
            blocks=[("answer", "Irrigation is mentioned here once, deep in the text about remittances.")],
        )
        cls.russian = make_interview(
            title="Миграция и деньги",
            lead="Куда уходят переводы мигрантов.",
            language="ru",
            blocks=[
                ("answer", "Переводы мигрантов составляют «значительную» часть доходов — особенно зимой.")
            ],
        )
        cls.draft = make_draft(title="Secret water draft", blocks=[("answer", "irrigation secrets")])

    def search(self, **params):
        response = self.client.get(reverse("interviews:search"), params)
        self.assertEqual(response.status_code, 200)
        return response

    def results(self, **params):
        page = self.search(**params).context["page"]
        return list(page) if page else []


class SearchPageTests(SearchTestsMixin, TestCase):
    def test_finds_by_title_lead_body_expert_and_tag(self):
        self.assertEqual(self.results(q="rivers"), [self.water])
        self.assertEqual(self.results(q="Syr Darya"), [self.water])
        self.assertEqual(self.results(q="reservoirs"), [self.water])
        self.assertEqual(self.results(q="Sultan"), [self.water])
        self.assertEqual(self.results(q="migration"), [self.migration])

    def test_never_finds_drafts(self):
        self.assertNotIn(self.draft, self.results(q="secret"))
        self.assertNotIn(self.draft, self.results(q="irrigation"))

    def test_cyrillic_query_matches_any_case(self):
        self.assertEqual(self.results(q="переводы"), [self.russian])
        self.assertEqual(self.results(q="МИГРАЦИЯ"), [self.russian])

    def test_title_match_ranks_above_body_match(self):
        results = self.results(q="irrigation")
        self.assertEqual(set(results), {self.water, self.migration})
        water_title = make_interview(title="Irrigation in winter", blocks=[("answer", "Short.")])
        self.assertEqual(self.results(q="irrigation")[0], water_title)

    def test_snippet_marks_the_match_and_escapes_text(self):
        Block.objects.create(
            interview=self.migration, kind="answer", text="<p>Remittances &lt;b&gt; rose</p>", order=5
        )
        response = self.search(q="remittances")
        self.assertContains(response, "<mark>")
        self.assertNotContains(response, "<b> rose")

    def test_query_and_filters_stay_in_the_form(self):
        response = self.search(q="water", language="en", expert=self.expert.slug)
        self.assertContains(response, 'value="water"')
        self.assertContains(response, '<option value="en" selected>English</option>', html=True)
        self.assertContains(response, f'name="expert" value="{self.expert.slug}"')

    def test_filters_by_expert_tag_and_language(self):
        self.assertEqual(self.results(q="irrigation", expert=self.expert.slug), [self.water])
        self.assertEqual(self.results(q="irrigation", tag="migration"), [self.migration])
        self.assertEqual(self.results(q="irrigation", language="ru"), [])

    def test_bad_queries_give_a_sensible_page(self):
        for query in [
            "",
            "   ",
            "!!!",
            "?*&|:()<>",
            '"unclosed',
            "a" * 5000,
            "water & !!(",
            "a\x00b",
            "OR AND NOT",
            "-",
        ]:
            response = self.search(q=query)
            self.assertLess(len(response.context["query"]), 201)
        self.assertEqual(self.search(expert="x" * 500, tag="\x00", language="<script>").status_code, 200)
        self.assertEqual(self.search(q="water", page="nonsense").status_code, 200)

    def test_mixed_scripts(self):
        self.assertEqual(self.results(q="Rivers переводы"), [])
        self.assertEqual(len(self.results(q="water")), 1)

    def test_empty_query_shows_the_form_only(self):
        response = self.search(q="")
        self.assertIsNone(response.context["page"])
        self.assertContains(response, 'role="search"')

    def test_pagination_keeps_the_query(self):
        for _ in range(13):
            make_interview(title="Irrigation again")
        response = self.search(q="irrigation")
        self.assertContains(response, 'href="?q=irrigation&amp;page=2"')

    def test_search_stays_current_after_edits(self):
        block = self.migration.blocks.get()
        block.text = "Now about glaciers."
        block.save()
        self.assertEqual(self.results(q="glaciers"), [self.migration])
        self.migration.tags.add("Climate")
        self.assertEqual(self.results(q="climate"), [self.migration])
        self.expert.name = "Aida Sultanova"
        self.expert.save()
        self.assertEqual(self.results(q="Sultanova"), [self.water])

    def test_renamed_and_deleted_tags_leave_the_search(self):
        from taggit.models import Tag

        tag = Tag.objects.get(name="Water")
        tag.name = "Hydropolitics"
        tag.save()
        self.assertEqual(self.results(q="hydropolitics"), [self.water])
        with self.captureOnCommitCallbacks(execute=True):
            tag.delete()
        self.assertEqual(self.results(q="hydropolitics"), [])

    def test_query_count_is_fixed(self):
        # PostgreSQL first reads the words' distinct forms, then the candidates from the search
        # entries, in a transaction of their own (here a savepoint and its release) that turns
        # off walks of every entry.
        candidates = 5 if connection.vendor == "postgresql" else 0
        for count in (3, 30):
            for _ in range(count):
                make_interview(title="Irrigation again", experts=[self.expert, make_expert()])
            with self.assertNumQueries(2 + candidates):
                self.search(q="irrigation")
            with self.assertNumQueries(4 + candidates):
                self.search(q="irrigation", expert=self.expert.slug, tag="water")


@on_postgres
class PostgresSearchTests(SearchTestsMixin, TestCase):
    def test_vector_is_stored_with_the_interview_language(self):
        self.assertEqual(connection.vendor, "postgresql")
        russian = Interview.objects.get(pk=self.russian.pk)
        self.assertEqual(russian.search_config, "russian")
        self.assertIsNotNone(russian.search_vector)

    def test_stemming_in_english_and_russian(self):
        self.assertEqual(self.results(q="river"), [self.water])
        self.assertEqual(self.results(q="перевод"), [self.russian])

    def test_weights_put_title_above_lead_above_body(self):
        body = make_interview(title="One", lead="Nothing.", blocks=[("answer", "Glaciers melt.")])
        lead = make_interview(title="Two", lead="Glaciers and dams.", blocks=[("answer", "x")])
        title = make_interview(title="Glaciers", lead="Nothing.", blocks=[("answer", "x")])
        self.assertEqual(self.results(q="glaciers"), [title, lead, body])

    def test_snippet_is_a_headline_around_the_match(self):
        response = self.search(q="reservoirs")
        self.assertContains(response, "<mark>Reservoirs</mark> upstream")

    def test_websearch_operators_are_safe(self):
        self.assertEqual(self.results(q='"owns the water"'), [self.water])
        self.assertEqual(self.results(q="irrigation -remittances"), [self.water])

    def test_only_the_newest_matches_are_ranked_and_the_count_says_more_than(self):
        for days in range(6):
            make_interview(title=f"Glaciers {days}", publish_at=days_ago(days + 1))
        with mock.patch.object(search, "CANDIDATES", 3):
            response = self.search(q="glaciers")
            titles = [interview.title for interview in response.context["page"]]
        # The three newest, and one more, which says there are more than three.
        self.assertEqual(titles, ["Glaciers 0", "Glaciers 1", "Glaciers 2", "Glaciers 3"])
        self.assertContains(response, "More than 3 interviews found")
        self.assertIsNone(self.search(q="glaciers").context["more_than"])

    def test_the_candidates_are_bound_as_one_array(self):
        from django.test.utils import CaptureQueriesContext

        for days in range(5):
            make_interview(title=f"Glaciers {days}", publish_at=days_ago(days + 1))
        with CaptureQueriesContext(connection) as queries:
            titles = [interview.title for interview in self.search(q="glaciers").context["page"]]
        self.assertEqual(titles, [f"Glaciers {days}" for days in range(5)])
        reading = [query["sql"] for query in queries if '"interviews_interview"."id" = ANY' in query["sql"]]
        self.assertEqual(len(reading), 2, "the count and the page's rows")

    def test_each_distinct_form_of_the_words_is_asked_once(self):
        sql, params = SearchEntry.objects.filter(vector=search.match_query("Nazarov")).query.sql_with_params()
        self.assertEqual(params[-1], "('nazarov')", "the same in every configuration")
        sql, params = SearchEntry.objects.filter(vector=search.match_query("rivers")).query.sql_with_params()
        self.assertEqual(params[-1], "('river') | ('rivers')", "English stems it, the others keep it")
        self.assertEqual(self.results(q="rivers"), [self.water])

    def test_a_word_in_every_interview_is_found_through_the_index_not_a_walk(self):
        for _ in range(3):
            make_interview(title="Common ground")
        query = search.match_query("common")
        matching = SearchEntry.objects.filter(vector=query).order_by("-publish_at").values("pk")[:501]
        sql, params = matching.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        self.assertIn("Bitmap Index Scan on search_entry_vector", plan)

    def test_only_published_interviews_have_search_entries(self):
        editor = make_user(superuser=True)
        draft = make_draft(title="Glaciers draft", experts=[make_expert()])
        self.assertFalse(SearchEntry.objects.filter(pk=draft.pk).exists())
        apply_transition("publish", draft, editor)
        self.assertEqual(self.results(q="glaciers"), [Interview.objects.get(pk=draft.pk)])
        apply_transition("unpublish", draft, editor)
        self.assertFalse(SearchEntry.objects.filter(pk=draft.pk).exists())
        self.assertEqual(self.results(q="glaciers"), [])
        scheduled = make_interview(title="Glaciers soon", publish_at=timezone.now() + timedelta(hours=1))
        self.assertTrue(SearchEntry.objects.filter(pk=scheduled.pk).exists())
        self.assertEqual(self.results(q="glaciers"), [])

    def test_search_uses_the_index(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector'")
            self.assertIn("interviews_searchentry USING gin (vector)", cursor.fetchone()[0])

    def test_title_match_ranks_above_newer_body_match(self):
        older = make_interview(title="Glaciers", publish_at=days_ago(9), blocks=[("answer", "x")])
        newer = make_interview(publish_at=days_ago(2), blocks=[("answer", "Glaciers, glaciers, glaciers.")])
        self.assertEqual(self.results(q="glaciers"), [older, newer])

    def test_people_and_topics_rank_above_newer_body_match(self):
        newer = make_interview(publish_at=days_ago(0), blocks=[("answer", "Sultan said so. Water, water.")])
        self.assertEqual(self.results(q="Sultan"), [self.water, newer])
        self.assertEqual(self.results(q="water")[0], self.water)

    def test_body_matches_come_newest_first_however_often_the_word_appears(self):
        often = make_interview(publish_at=days_ago(5), blocks=[("answer", "Glaciers. " * 20)])
        once = make_interview(publish_at=days_ago(2), blocks=[("answer", "Glaciers melt.")])
        self.assertEqual(self.results(q="glaciers"), [once, often])

    def test_word_only_in_the_body_still_finds_the_interview(self):
        self.assertEqual(self.results(q="reservoirs"), [self.water])
        head = Interview.objects.filter(search_head=SearchQuery("reservoirs", config="english"))
        self.assertFalse(head.exists())

    def test_head_holds_title_people_topics_and_lead_after_a_save(self):
        for word in ["rivers", "Sultan", "water", "Darya"]:
            head = Interview.objects.published().filter(search_head=SearchQuery(word, config="english"))
            self.assertEqual(list(head), [self.water], word)
        self.water.title = "Glaciers and rules"
        self.water.save()
        head = Interview.objects.filter(search_head=SearchQuery("glaciers", config="english"))
        self.assertEqual(list(head), [self.water])

    def test_ranking_reads_the_head_not_the_full_vector(self):
        results = Interview.objects.published().search("irrigation")
        self.assertIn("ts_rank(search_head", results.explain())
        self.assertNotIn("ts_rank(search_vector", results.explain())
        self.assertLessEqual({"search_vector", "search_head"}, results[0].get_deferred_fields())

    def test_interview_without_a_head_is_still_found_last(self):
        newer = make_interview(publish_at=days_ago(0), blocks=[("answer", "Rivers everywhere.")])
        Interview.objects.filter(pk=self.water.pk).update(search_head=None)
        self.assertEqual(self.results(q="rivers"), [newer, self.water])

    def test_migration_fills_the_head_of_existing_rows(self):
        from django.apps import apps

        fill_search_head = import_module("interviews.migrations.0008_search_head").fill_search_head
        Interview.objects.update(search_head=None)
        with connection.schema_editor() as editor:
            fill_search_head(apps, editor)
        self.assertFalse(Interview.objects.filter(search_head=None).exists())
        refreshed = Interview.objects.filter(search_head=SearchQuery("переводы", config="russian"))
        self.assertEqual(list(refreshed), [self.russian])
        self.assertEqual(self.results(q="Sultan"), [self.water])


class RebuildCommandTests(TestCase):
    def test_rebuild_restores_an_emptied_index(self):
        from io import StringIO

        from django.core.management import call_command

        interview = make_interview(title="Glaciers", blocks=[("answer", "Meltwater matters.")])
        Interview.objects.update(search_text="", search_names="", search_vector=None)
        out = StringIO()
        call_command("rebuild_search_index", stdout=out)
        self.assertIn("rebuilt for 1 interviews", out.getvalue())
        self.assertIn("Meltwater", Interview.objects.get(pk=interview.pk).search_text)


class PlainTextTests(TestCase):
    def test_paragraphs_do_not_run_into_each_other(self):
        from interviews.text import plain_text

        self.assertEqual(plain_text("<p>First.</p><p>Second &amp; third.</p>"), "First. Second & third.")


class SnippetTests(SimpleTestCase):
    """The snippet's first match: a whole word starting like a term, in any case."""

    def marked(self, text, query):
        return _simple_headline(text, query).replace("\x02", "[").replace("\x03", "]")

    def test_the_first_word_starting_like_the_term_in_any_case(self):
        self.assertEqual(
            self.marked("The Rivers rose; a river fell.", "river"), "The [Rivers] rose; a [river] fell."
        )

    def test_a_term_inside_a_word_is_passed_over(self):
        text = "word " * 100 + "unrivered xRiver, then RIVERS"
        self.assertTrue(self.marked(text, "river").endswith("unrivered xRiver, then [RIVERS]"))

    def test_text_whose_lowercase_is_longer_is_searched_as_it_is(self):
        # "İ" lowercases to two characters, which would shift every offset after it.
        self.assertEqual(self.marked("İstanbul Rivers", "rivers"), "İstanbul [Rivers]")
        self.assertEqual(self.marked("Мир ИСТОРИИ", "истории"), "Мир [ИСТОРИИ]")

    def test_a_term_inside_many_words_is_still_found_at_a_words_start(self):
        text = "singing ringing " * 200 + "Ingots"
        self.assertTrue(self.marked(text, "ing").endswith("[Ingots]"))

    def test_no_match_gives_the_opening(self):
        self.assertEqual(self.marked("Nothing to see.", "river"), "Nothing to see.")
