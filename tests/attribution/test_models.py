import ipaddress
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import RequestFactory, SimpleTestCase, TestCase, TransactionTestCase, override_settings
from django.utils import timezone

from cms.attribution.links import (
    canonical_url,
    host_refusal,
    is_public_address,
    is_public_host,
    normalise_page_url,
    same_page,
)
from cms.attribution.models import Republication, RepublicationView, SourceNotice
from interviews.models import Block, Interview
from tests.builders import make_interview, run_in_threads


class NormalisePageUrlTests(SimpleTestCase):
    def test_scheme_and_host_are_lowercased_and_the_fragment_dropped(self):
        self.assertEqual(
            normalise_page_url("HTTPS://News.Example.ORG/Story/1#comments"),
            "https://news.example.org/Story/1",
        )

    def test_tracking_parameters_are_dropped_and_others_kept(self):
        self.assertEqual(
            normalise_page_url("https://blog.example/?p=12&utm_source=x&UTM_medium=y&fbclid=z&gclid=w"),
            "https://blog.example/?p=12",
        )

    def test_default_port_and_credentials_are_dropped(self):
        self.assertEqual(normalise_page_url("http://user:secret@blog.example:80/a"), "http://blog.example/a")
        self.assertEqual(normalise_page_url("https://blog.example:8443/a"), "https://blog.example:8443/a")

    def test_non_latin_host_and_path_are_encoded_once(self):
        url = normalise_page_url("https://пример.рф/интервью/")
        self.assertEqual(
            url, "https://xn--e1afmkfd.xn--p1ai/%D0%B8%D0%BD%D1%82%D0%B5%D1%80%D0%B2%D1%8C%D1%8E/"
        )
        self.assertEqual(normalise_page_url(url), url)

    def test_junk_is_refused(self):
        for raw in [
            "",
            "javascript:alert(1)",
            "ftp://files.example/x",
            "http://",
            "http://[::1",
            "https://blog.example/a b",
            "https://blog.example/\x00",
            "https://blog.example:99999/",
            "https://blog.example/" + "a" * 3000,
            "https://blog.example/" + "a" * 600,
            "not a url",
        ]:
            with self.subTest(raw=raw[:40]):
                self.assertIsNone(normalise_page_url(raw))

    def test_same_page_ignores_scheme_www_and_final_slash(self):
        self.assertTrue(same_page("http://www.meridian.example/i/a", "https://meridian.example/i/a/"))
        self.assertFalse(same_page("https://meridian.example/i/a", "https://meridian.example/i/b"))
        self.assertFalse(same_page("mailto:x@example.org", "https://meridian.example/"))

    def test_local_and_private_hosts_are_not_public(self):
        for host in ["localhost", "127.0.0.1", "10.1.2.3", "[::1]", "169.254.169.254", "printer.local"]:
            self.assertFalse(is_public_host(host), host)
        self.assertTrue(is_public_host("blog.example.org"))
        self.assertTrue(is_public_host("93.184.216.34"))

    def test_inside_addresses_in_every_notation_are_refused(self):
        for host, reason in [
            ("127.1", "a number in an unusual notation"),
            ("2130706433", "a number in an unusual notation"),
            ("0x7f000001", "a number in an unusual notation"),
            ("0177.0.0.1", "a number in an unusual notation"),
            ("1.2.3.4.5", "a number in an unusual notation"),
            ("[::ffff:127.0.0.1]", "not a public address"),
            ("[64:ff9b::7f00:1]", "not a public address"),
            ("[64:ff9b::a00:1]", "not a public address"),
            ("[::127.0.0.1]", "not a public address"),
            ("[2002:7f00:1::1]", "not a public address"),
            ("[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "not a public address"),
            ("[fec0::1]", "not a public address"),
            ("[ff02::1]", "not a public address"),
            ("[fe80::1%25eth0]", "not a public address"),
            ("224.0.0.1", "not a public address"),
            ("100.64.0.1", "not a public address"),
            ("0.0.0.0", "not a public address"),
            ("intranet", "a local name"),
            ("router.home.arpa", "a local name"),
            ("a..b", "not a valid host name"),
            ("-x.example", "not a valid host name"),
        ]:
            with self.subTest(host=host):
                self.assertTrue(host_refusal(host).startswith(reason), host_refusal(host))

    def test_public_addresses_in_ipv6_forms_are_public(self):
        for host in [
            "[64:ff9b::5db8:d822]",
            "[2002:5db8:d822::1]",
            "[::ffff:93.184.216.34]",
            "[2606:4700::1111]",
        ]:
            with self.subTest(host=host):
                self.assertEqual(host_refusal(host), "")
        self.assertTrue(is_public_address(ipaddress.ip_address("64:ff9b::808:808")))


class CanonicalUrlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(slug="rivers")

    def test_uses_site_url_when_set(self):
        with override_settings(SITE_URL="https://meridian.example"):
            url = canonical_url(RequestFactory().get("/", HTTP_HOST="other.example"), self.interview)
        self.assertEqual(url, "https://meridian.example/interviews/rivers/")

    @override_settings(SITE_URL="", ALLOWED_HOSTS=["other.example"])
    def test_falls_back_to_the_request_host(self):
        url = canonical_url(RequestFactory().get("/", HTTP_HOST="other.example"), self.interview)
        self.assertEqual(url, "http://other.example/interviews/rivers/")

    @override_settings(SITE_URL="https://meridian.example")
    def test_partner_material_may_point_to_the_original(self):
        partner = make_interview(
            origin="partner", source_name="Partner Weekly", source_url="https://partner.example/story"
        )
        self.assertEqual(
            canonical_url(None, partner), f"https://meridian.example{partner.get_absolute_url()}"
        )
        partner.canonical_to_source = True
        self.assertEqual(canonical_url(None, partner), "https://partner.example/story")


class PartnerMaterialTests(TestCase):
    def partner(self, **fields):
        defaults = {"title": "Borrowed", "slug": "borrowed", "origin": Interview.Origin.PARTNER}
        return Interview(**{**defaults, **fields})

    def test_publishing_without_outlet_or_address_is_refused_at_model_level(self):
        interview = self.partner(status=Interview.Status.PUBLISHED, source_name="Partner Weekly")
        with self.assertRaisesMessage(ValidationError, "Partner material needs"):
            interview.full_clean()
        with self.assertRaisesMessage(ValidationError, "Partner material needs"):
            interview.save()
        self.assertFalse(Interview.objects.exists())

    def test_source_address_must_be_http_or_https(self):
        interview = self.partner(
            status=Interview.Status.PUBLISHED,
            source_name="Partner Weekly",
            source_url="ftp://partner.example/x",
        )
        with self.assertRaisesMessage(ValidationError, "must start with http:// or https://"):
            interview.full_clean()
        with self.assertRaisesMessage(ValidationError, "must start with http:// or https://"):
            interview.save()

    def test_an_unfinished_partner_draft_can_be_saved_from_code(self):
        self.partner().save()
        self.assertTrue(Interview.objects.filter(slug="borrowed").exists())

    def test_new_partner_material_is_not_offered_for_republishing(self):
        partner = make_interview(
            origin="partner", source_name="Partner Weekly", source_url="https://partner.example/story"
        )
        self.assertFalse(partner.republishing_allowed)
        self.assertTrue(make_interview().republishing_allowed)

    def test_editor_may_switch_republishing_on_for_partner_material_later(self):
        partner = make_interview(
            origin="partner", source_name="Partner Weekly", source_url="https://partner.example/story"
        )
        partner.republishing_allowed = True
        partner.save()
        partner.refresh_from_db()
        self.assertTrue(partner.republishing_allowed)

    def test_switching_existing_material_to_partner_turns_republishing_off(self):
        Interview.objects.create(title="Ours at first", slug="ours")
        interview = Interview.objects.get(slug="ours")
        self.assertTrue(interview.republishing_allowed)
        interview.origin = Interview.Origin.PARTNER
        interview.save()
        interview.refresh_from_db()
        self.assertFalse(interview.republishing_allowed)

    def test_republishing_switched_on_for_partner_material_sticks_on_later_saves(self):
        self.partner().save()
        interview = Interview.objects.get(slug="borrowed")
        interview.republishing_allowed = True
        interview.save()
        for _ in range(2):
            interview = Interview.objects.get(slug="borrowed")
            interview.lead = "Edited again."
            interview.save()
        interview.refresh_from_db()
        self.assertTrue(interview.republishing_allowed)

    def test_partner_default_applies_again_when_origin_becomes_partner_anew(self):
        self.partner().save()
        interview = Interview.objects.get(slug="borrowed")
        interview.origin, interview.republishing_allowed = Interview.Origin.ORIGINAL, True
        interview.save()
        interview.origin = Interview.Origin.PARTNER
        interview.save()
        self.assertFalse(Interview.objects.get(slug="borrowed").republishing_allowed)

    def test_images_are_not_licensed_for_reuse_by_default(self):
        self.assertFalse(Block(kind="image").reuse_allowed)


class SourceNoticeTests(TestCase):
    def test_migration_provides_english_and_russian_wording(self):
        self.assertEqual(set(SourceNotice.objects.values_list("language", flat=True)), {"en", "ru"})
        self.assertIn("активная ссылка", SourceNotice.objects.for_language("ru").text)

    def test_other_languages_fall_back_to_english(self):
        english = SourceNotice.objects.get(language="en")
        self.assertEqual(SourceNotice.objects.for_language("kk"), english)

    def test_built_in_wording_when_editors_deleted_every_notice(self):
        SourceNotice.objects.all().delete()
        notice = SourceNotice.objects.for_language("ru")
        self.assertIn("{link}", notice.text)
        self.assertIsNone(notice.pk)

    def test_render_escapes_the_wording_and_links_the_address(self):
        notice = SourceNotice(text="<b>Link</b> to us: {link}!", first_published_text="By {outlet}")
        self.assertEqual(
            notice.render("https://m.example/i/a/?x=1&y=2"),
            '&lt;b&gt;Link&lt;/b&gt; to us: <a href="https://m.example/i/a/?x=1&amp;y=2">'
            "https://m.example/i/a/?x=1&amp;y=2</a>!",
        )
        self.assertEqual(
            notice.render_first_published("P & W", "https://p.example/"),
            'By <a href="https://p.example/">P &amp; W</a>',
        )

    def test_wording_without_placeholders_is_refused(self):
        notice = SourceNotice(language="kk", text="Link to us.", first_published_text="By the partner")
        with self.assertRaises(ValidationError) as caught:
            notice.full_clean()
        self.assertEqual(set(caught.exception.message_dict), {"text", "first_published_text"})


class RepublicationViewTests(TestCase):
    def test_views_are_counted_per_day(self):
        republication = Republication.objects.create(
            interview=make_interview(), page_url="https://blog.example/a"
        )
        today = timezone.localdate()
        for _ in range(3):
            RepublicationView.objects.count_one(republication, today)
        RepublicationView.objects.count_one(republication, today - timezone.timedelta(days=1))
        self.assertEqual(list(republication.daily_views.values_list("count", flat=True)), [3, 1])


@pytest.mark.postgres
class ConcurrentCountingTests(TransactionTestCase):
    serialized_rollback = True

    def test_parallel_counts_lose_nothing(self):
        republication = Republication.objects.create(
            interview=make_interview(), page_url="https://blog.example/a"
        )
        today = timezone.localdate()
        barrier = threading.Barrier(8)

        def count():
            barrier.wait()
            try:
                for _ in range(5):
                    RepublicationView.objects.count_one(republication, today)
            finally:
                connection.close()

        run_in_threads(count, 8)
        self.assertEqual(RepublicationView.objects.get(republication=republication, day=today).count, 40)
