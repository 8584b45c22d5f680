from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.attribution.models import Republication, RepublicationView, SourceNotice
from cms.roles.definitions import EDITORS
from interviews.models import Interview
from tests.builders import make_expert, make_interview, make_user
from tests.test_admin import interview_form
from tests.test_workflow import change_url, edit_form


def republish(interview, page, status="unchecked", views=0):
    republication = Republication.objects.create(interview=interview, page_url=page, link_status=status)
    if views:
        RepublicationView.objects.create(republication=republication, day=timezone.localdate(), count=views)
    return republication


class PartnerMaterialAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.expert = make_expert()

    def setUp(self):
        self.client.force_login(self.editor)

    def post(self, **fields):
        return self.client.post(
            reverse("admin:interviews_interview_add"), interview_form(self.expert, **fields)
        )

    def test_publishing_partner_material_without_outlet_is_refused(self):
        response = self.post(origin="partner", source_url="https://partner.example/story")
        self.assertContains(response, "Partner material needs the source outlet")
        self.assertFalse(Interview.objects.exists())

    def test_source_address_must_be_http_or_https(self):
        response = self.post(
            origin="partner", source_name="Partner Weekly", source_url="ftp://partner.example/x"
        )
        self.assertContains(response, "The source address must start with http:// or https://.")
        self.assertFalse(Interview.objects.exists())

    def test_partner_material_with_source_is_saved_closed_to_republishing(self):
        response = self.post(
            origin="partner",
            source_name="Partner Weekly",
            source_url="partner.example/story",
            canonical_to_source="on",
            republishing_allowed="on",
        )
        self.assertEqual(response.status_code, 302)
        interview = Interview.objects.get()
        self.assertEqual(interview.source_url, "https://partner.example/story")
        self.assertTrue(interview.canonical_to_source)
        self.assertFalse(interview.republishing_allowed)

    def test_editor_switching_an_interview_to_partner_material_turns_republishing_off(self):
        interview = make_interview(title="Ours at first", created_by=self.editor)
        self.assertTrue(interview.republishing_allowed)
        partner = {
            "origin": "partner",
            "source_name": "Partner Weekly",
            "source_url": "https://partner.example/a",
        }
        response = self.client.post(
            change_url(interview), edit_form(self.client, interview, **partner), follow=True
        )
        self.assertContains(response, "Republishing is off, as for all partner material")
        interview.refresh_from_db()
        self.assertEqual(interview.origin, "partner")
        self.assertFalse(interview.republishing_allowed)
        # The editor switches it on again: later saves keep that choice.
        self.client.post(change_url(interview), edit_form(self.client, interview, republishing_allowed="on"))
        self.client.post(change_url(interview), edit_form(self.client, interview, lead="Edited lead."))
        interview.refresh_from_db()
        self.assertEqual(interview.lead, "Edited lead.")
        self.assertTrue(interview.republishing_allowed)

    def test_form_offers_the_reuse_switches(self):
        response = self.client.get(reverse("admin:interviews_interview_add"))
        self.assertRegex(
            response.content.decode(), r'<input type="checkbox" name="republishing_allowed"[^>]* checked>'
        )
        self.assertContains(response, 'name="canonical_to_source"')
        self.assertContains(response, 'name="blocks-__prefix__-reuse_allowed"')


class RepublicationAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])
        cls.interview = make_interview(title="Rivers and rules")
        cls.linked = republish(cls.interview, "https://good.example/a", "linked", views=7)
        cls.missing = republish(cls.interview, "https://bad.example/a", "no_link", views=3)
        cls.hidden = republish(cls.interview, "https://sly.example/a", "inactive_link")
        cls.gone = republish(cls.interview, "https://gone.example/a", "unreachable")

    def setUp(self):
        self.client.force_login(self.editor)

    def changelist(self, **params):
        return self.client.get(reverse("admin:attribution_republication_changelist"), params)

    def test_lists_pages_views_and_link_status(self):
        response = self.changelist()
        self.assertContains(response, "https://good.example/a")
        self.assertContains(response, '<td class="field-views">7</td>', html=True)
        self.assertContains(response, "Rivers and rules")
        self.assertContains(response, "Link not active")

    def test_filter_by_link_status(self):
        response = self.changelist(link_status__exact="no_link")
        self.assertContains(response, "https://bad.example/a")
        self.assertNotContains(response, "https://good.example/a")

    def test_filter_for_the_rule_breakers(self):
        response = self.changelist(rule="broken")
        self.assertContains(response, "https://bad.example/a")
        self.assertContains(response, "https://sly.example/a")
        self.assertNotContains(response, "https://good.example/a")
        self.assertNotContains(response, "https://gone.example/a")

    def test_change_page_shows_daily_views_and_cannot_be_edited(self):
        response = self.client.get(reverse("admin:attribution_republication_change", args=[self.linked.pk]))
        self.assertContains(response, "<td>7</td>", html=True)
        self.assertNotContains(response, 'name="page_url"')
        self.assertEqual(self.client.get(reverse("admin:attribution_republication_add")).status_code, 403)

    def test_changelist_query_count_is_fixed(self):
        for count in (3, 30):
            for n in range(count):
                republish(make_interview(), f"https://many.example/{count}-{n}", views=2)
            with self.assertNumQueries(7):
                self.changelist()

    def test_interview_change_page_shows_where_it_was_republished(self):
        url = reverse("admin:interviews_interview_change", args=[self.interview.pk])
        response = self.client.get(url)
        self.assertContains(response, "Republished on")
        self.assertContains(response, "https://bad.example/a")
        self.assertContains(response, "<td>No link</td>", html=True)
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for n in range(10):
            republish(self.interview, f"https://more.example/{n}", views=1)
        with self.assertNumQueries(len(before)):
            self.client.get(url)


class SourceNoticeAdminTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = make_user(groups=[EDITORS])

    def setUp(self):
        self.client.force_login(self.editor)

    def test_editor_changes_the_wording(self):
        notice = SourceNotice.objects.get(language="en")
        url = reverse("admin:attribution_sourcenotice_change", args=[notice.pk])
        data = {"language": "en", "text": "Link to us: {link}", "first_published_text": "From {outlet}"}
        self.assertEqual(self.client.post(url, data).status_code, 302)
        notice.refresh_from_db()
        self.assertEqual(notice.text, "Link to us: {link}")

    def test_wording_without_the_link_is_refused(self):
        notice = SourceNotice.objects.get(language="en")
        url = reverse("admin:attribution_sourcenotice_change", args=[notice.pk])
        data = {"language": "en", "text": "Link to us.", "first_published_text": "From {outlet}"}
        self.assertContains(self.client.post(url, data), "Write {link} where the link to the page goes.")
