import json
import re
from datetime import UTC, date, datetime

import time_machine
from django.test import TestCase

from cms.reports.models import Correction
from interviews.models import Interview
from tests.builders import make_expert, make_interview

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(response):
    blocks = LD_JSON.findall(response.content.decode())
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


class InterviewStructuredDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan", position="Economist", affiliation="Water Centre")
        cls.interview = make_interview(
            title='Rivers </script><script>alert("x")</script>',
            lead="Who owns the water?",
            byline="Interview by Dana K.",
            experts=[cls.expert],
            tags=["Water", "China"],
        )

    def test_news_article_describes_the_interview(self):
        data = json_ld(self.client.get(self.interview.get_absolute_url()))
        self.assertEqual(data["@type"], "NewsArticle")
        self.assertEqual(data["headline"], self.interview.title)
        self.assertEqual(data["about"][0]["name"], "Aida Sultan")
        self.assertEqual(data["about"][0]["jobTitle"], "Economist, Water Centre")
        self.assertEqual(data["author"], {"@type": "Person", "name": "Dana K."})
        self.assertEqual(data["publisher"]["@type"], "Organization")
        self.assertEqual(sorted(data["keywords"]), ["China", "Water"])
        self.assertTrue(data["datePublished"] and data["dateModified"])

    def test_the_experts_affiliation_is_named_while_the_recorded_role_still_names_it(self):
        data = json_ld(self.client.get(self.interview.get_absolute_url()))
        self.assertEqual(data["about"][0]["affiliation"], {"@type": "Organization", "name": "Water Centre"})

    def test_a_later_job_change_does_not_change_the_interview_page(self):
        expert = make_expert(name="Timur Ospan", position="Hydrologist", affiliation="River Basin Institute")
        interview = make_interview(experts=[expert])
        expert.position, expert.affiliation = "Deputy minister", "Ministry of Energy"
        expert.save()
        response = self.client.get(interview.get_absolute_url())
        person = json_ld(response)["about"][0]
        self.assertEqual(person["jobTitle"], "Hydrologist, River Basin Institute")
        self.assertNotIn("affiliation", person)
        self.assertContains(response, '<p class="expert-box__role">Hydrologist, River Basin Institute</p>')
        self.assertNotContains(response, "Ministry of Energy")
        self.assertNotContains(response, "Deputy minister")
        # The expert's own page is about them now.
        profile = json_ld(self.client.get(expert.get_absolute_url()))["mainEntity"]
        self.assertEqual(profile["affiliation"]["name"], "Ministry of Energy")

    def test_correction_note_is_dated_as_it_says_not_when_it_was_saved(self):
        interview = make_interview()
        with time_machine.travel(datetime(2025, 6, 20, 9, 30, tzinfo=UTC)):
            Correction.objects.create(
                interview=interview, date=date(2025, 6, 18), text="The dam opened in 1998."
            )
        notes = json_ld(self.client.get(interview.get_absolute_url()))["correction"]
        self.assertEqual(
            notes,
            [
                {
                    "@type": "CorrectionComment",
                    "text": "The dam opened in 1998.",
                    "datePublished": "2025-06-18",
                }
            ],
        )

    def test_title_cannot_break_out_of_the_script_element(self):
        html = self.client.get(self.interview.get_absolute_url()).content.decode()
        self.assertEqual(html.count("</script>"), html.count("<script"))
        self.assertNotIn('<script>alert("x")', html)

    def test_partner_material_is_based_on_its_source(self):
        partner = make_interview(
            origin=Interview.Origin.PARTNER,
            source_name="Partner Weekly",
            source_url="https://partner.example/a",
        )
        data = json_ld(self.client.get(partner.get_absolute_url()))
        self.assertEqual(data["isBasedOn"]["url"], "https://partner.example/a")

    def test_opengraph_and_twitter_tags(self):
        response = self.client.get(self.interview.get_absolute_url())
        self.assertContains(response, '<meta property="og:type" content="article">')
        self.assertContains(response, '<meta property="og:description" content="Who owns the water?">')
        self.assertContains(response, '<meta name="twitter:card" content="summary">')
        self.assertContains(response, "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)")


class ExpertStructuredDataTests(TestCase):
    def test_expert_page_is_a_profile_of_a_person(self):
        expert = make_expert(name="Aida Sultan")
        expert.links.create(label="Site", url="https://example.org/aida")
        make_interview(experts=[expert])
        data = json_ld(self.client.get(expert.get_absolute_url()))
        self.assertEqual(data["@type"], "ProfilePage")
        self.assertEqual(data["mainEntity"]["@type"], "Person")
        self.assertEqual(data["mainEntity"]["sameAs"], ["https://example.org/aida"])
