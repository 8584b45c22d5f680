from xml.etree import ElementTree

from django.test import TestCase
from django.urls import reverse

from tests.builders import make_draft, make_expert, make_interview

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class SitemapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan")
        cls.interview = make_interview(title="Public", experts=[cls.expert], tags=["Water"])
        cls.hidden_expert = make_expert(name="Hidden")
        cls.draft = make_draft(title="Draft", experts=[cls.hidden_expert], tags=["Secret"])

    def locations(self, path):
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        root = ElementTree.fromstring(response.content)
        return root, [loc.text for loc in root.iter(f"{{{NS['sm']}}}loc")]

    def test_sitemap_xml_is_an_index_of_sections(self):
        root, locations = self.locations("/sitemap.xml")
        self.assertEqual(root.tag, f"{{{NS['sm']}}}sitemapindex")
        self.assertEqual(
            sorted(locations),
            [
                "http://testserver/sitemap-experts.xml",
                "http://testserver/sitemap-interviews.xml",
                "http://testserver/sitemap-tags.xml",
            ],
        )

    def test_sections_list_only_public_pages_with_lastmod(self):
        root, interviews = self.locations("/sitemap-interviews.xml")
        self.assertEqual(interviews, ["http://testserver" + self.interview.get_absolute_url()])
        self.assertIsNotNone(root.find("sm:url/sm:lastmod", NS))
        _, experts = self.locations("/sitemap-experts.xml")
        self.assertEqual(experts, ["http://testserver" + self.expert.get_absolute_url()])
        _, tags = self.locations("/sitemap-tags.xml")
        self.assertEqual(tags, ["http://testserver/tags/water/"])

    def test_query_counts_do_not_grow(self):
        for count in (3, 30):
            for _ in range(count):
                make_interview(experts=[make_expert()], tags=["Water", "Media"])
            with self.assertNumQueries(3):
                self.client.get("/sitemap-interviews.xml")
            with self.assertNumQueries(2):
                self.client.get("/sitemap-experts.xml")
            with self.assertNumQueries(2):
                self.client.get("/sitemap-tags.xml")

    def test_translations_are_hreflang_alternates(self):
        russian = make_interview(title="Перевод", language="ru", translation_of=self.interview)
        root, _ = self.locations("/sitemap-interviews.xml")
        links = {
            (link.get("hreflang"), link.get("href"))
            for link in root.iter("{http://www.w3.org/1999/xhtml}link")
        }
        self.assertEqual(
            links,
            {
                ("en", "http://testserver" + self.interview.get_absolute_url()),
                ("ru", "http://testserver" + russian.get_absolute_url()),
            },
        )
        self.assertTrue(russian.get_absolute_url().startswith("/ru/interviews/"))

    def test_unknown_section_is_404(self):
        self.assertEqual(self.client.get("/sitemap-nothing.xml").status_code, 404)


class RobotsTests(TestCase):
    def test_robots_points_to_the_sitemap_and_keeps_previews_out(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        body = response.content.decode()
        self.assertIn("Disallow: /preview/", body)
        self.assertIn("Disallow: /approval/", body)
        self.assertIn("Disallow: /ru/preview/", body)
        self.assertIn("Sitemap: http://testserver/sitemap.xml", body)

    def test_robots_does_not_reveal_the_admin_path(self):
        body = self.client.get("/robots.txt").content.decode()
        self.assertNotIn(reverse("admin:index"), body)
        self.assertNotIn("admin", body)
        # Crawlers that reach it anyway are asked not to index it.
        login = self.client.get(reverse("admin:login"))
        self.assertContains(login, '<meta name="robots" content="NONE,NOARCHIVE">')
