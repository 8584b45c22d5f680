import io

from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import TestCase, override_settings
from taggit.models import Tag

from benchmarks.management.commands import generate_dataset
from benchmarks.views import FLOOR_PAGE
from interviews.body import render_body
from interviews.models import Block, Expert, Interview, InterviewExpert
from interviews.page_parts import render_parts
from interviews.search import search_vectors
from interviews.text import plain_text


def generate(size):
    # Installed only by benchmarks.settings, so called as a command object here.
    call_command(generate_dataset.Command(), size=size, stdout=io.StringIO())


class GenerateDatasetTests(TestCase):
    """The benchmark's dataset generator, at a tiny size (scripts/benchmark runs it at full size)."""

    @classmethod
    def setUpTestData(cls):
        generate(40)

    def test_interviews_have_the_shape_of_real_ones(self):
        self.assertEqual(Interview.objects.count(), 40)
        blocks = Interview.objects.annotate(n=Count("blocks")).values_list("n", flat=True)
        self.assertTrue(all(20 <= n <= 30 for n in blocks), list(blocks))
        interview = Interview.objects.prefetch_related("blocks").first()
        words = sum(len(plain_text(block.text).split()) for block in interview.blocks.all())
        self.assertTrue(1300 <= words <= 1800, words)
        self.assertTrue(Block.objects.filter(kind="question").exclude(anchor="").exists())

    def test_experts_and_tags_per_interview(self):
        experts = Interview.objects.annotate(n=Count("interview_experts")).values_list("n", flat=True)
        self.assertTrue(all(1 <= n <= 2 for n in experts))
        tags = Interview.objects.annotate(n=Count("tags")).values_list("n", flat=True)
        self.assertTrue(all(3 <= n <= 6 for n in tags))
        self.assertGreaterEqual(Tag.objects.count(), 300)
        self.assertTrue(Expert.objects.exists())
        self.assertTrue(all(credit.role for credit in InterviewExpert.objects.all()))

    def test_search_columns_are_filled(self):
        self.assertFalse(Interview.objects.filter(search_text="").exists())
        self.assertFalse(Interview.objects.filter(search_names="").exists())

    def test_search_vectors_are_the_ones_the_site_builds(self):
        if connection.vendor != "postgresql":
            self.skipTest("search vectors exist on PostgreSQL only")
        rebuilt = Interview.objects.annotate(**{f"rebuilt_{name}": v for name, v in search_vectors().items()})
        for interview in rebuilt:
            self.assertIsNotNone(interview.search_vector)
            self.assertEqual(interview.search_vector, interview.rebuilt_search_vector)
            self.assertEqual(interview.search_head, interview.rebuilt_search_head)

    def test_the_same_seed_makes_the_same_dataset(self):
        def dataset():
            first = Interview.objects.order_by("pk").first().pk
            rows = Interview.objects.order_by("pk").values_list("pk", "title", "status")
            blocks = Block.objects.order_by("pk").values_list("pk", "interview", "text")
            return (
                [(pk - first, title, status) for pk, title, status in rows],
                [(pk - blocks[0][0], interview - first, text) for pk, interview, text in blocks],
            )

        first = dataset()
        Interview.objects.all().delete()
        generate(40)
        self.assertEqual(dataset(), first)

    def test_bodies_are_stored_as_the_site_renders_them(self):
        for interview in Interview.objects.prefetch_related("blocks")[:5]:
            self.assertEqual(interview.body_html, render_body(interview, interview.blocks.all()))

    def test_page_parts_are_stored_as_the_site_renders_them(self):
        for interview in Interview.objects.all()[:5]:
            self.assertEqual(interview.page_parts, render_parts(interview))

    def test_related_lists_are_stored(self):
        interview = Interview.objects.published().first()
        self.assertTrue(interview.related_entries.exists())

    def test_pages_of_generated_interviews_render(self):
        interview = Interview.objects.published().first()
        self.assertEqual(self.client.get(interview.get_absolute_url()).status_code, 200)
        self.assertEqual(self.client.get("/").status_code, 200)


class FloorPageTests(TestCase):
    def test_the_site_has_no_floor_page(self):
        self.assertEqual(self.client.get("/_floor/").status_code, 404)

    @override_settings(ROOT_URLCONF="benchmarks.urls")
    def test_the_benchmark_routes_the_floor_beside_the_site(self):
        response = self.client.get("/_floor/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content.decode(), FLOOR_PAGE)
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertEqual(self.client.get("/ru/").status_code, 200)

    def test_the_floor_is_found_after_every_site_address_as_reader_pages_are(self):
        from benchmarks import urls

        self.assertEqual(str(urls.urlpatterns[-1].pattern), "_floor/")
