import html
import re
from unittest import mock

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse

from cms.attribution.models import Republication, RepublicationView, SourceNotice
from interviews.models import Block
from tests.builders import image_upload, make_draft, make_expert, make_interview, make_scheduled

SITE = "https://meridian.example"
CANONICAL = f"{SITE}/interviews/rivers-and-rules/"


def textarea(response, field_id):
    match = re.search(
        rf'<textarea[^>]*id="{field_id}"[^>]*>(.*?)</textarea>', response.content.decode(), re.S
    )
    return html.unescape(match.group(1))


@override_settings(SITE_URL=SITE)
class InterviewPageAttributionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(title="Rivers and rules", slug="rivers-and-rules")

    def get(self, interview=None):
        return self.client.get((interview or self.interview).get_absolute_url())

    def test_head_has_the_canonical_link(self):
        self.assertContains(self.get(), f'<link rel="canonical" href="{CANONICAL}">', html=True)

    def test_notice_links_the_canonical_address(self):
        self.assertContains(
            self.get(),
            f'<p class="source-notice">Using this material requires an active link to the source: '
            f'<a href="{CANONICAL}">{CANONICAL}</a></p>',
            html=True,
        )

    def test_editors_wording_is_used_in_the_page_language(self):
        SourceNotice.objects.filter(language="en").update(text="Link to {link}, please.")
        self.assertContains(self.get(), f'Link to <a href="{CANONICAL}">{CANONICAL}</a>, please.', html=True)
        russian = make_interview(title="Вода", slug="voda", language="ru")
        self.assertContains(self.get(russian), "активная ссылка на источник обязательна")

    def test_a_notice_edited_in_the_admin_shows_on_the_next_view(self):
        self.assertContains(self.get(), "requires an active link")  # now cached
        notice = SourceNotice.objects.get(language="en")
        notice.text = "Reuse needs a link: {link}"
        with self.captureOnCommitCallbacks(execute=True):
            notice.save()
        self.assertContains(self.get(), "Reuse needs a link:")
        with self.captureOnCommitCallbacks(execute=True):
            notice.delete()
        self.assertContains(self.get(), "requires an active link")

    def test_article_carries_what_the_copy_script_needs(self):
        response = self.get()
        self.assertContains(
            response,
            f'<article class="interview" data-source-title="Rivers and rules" data-source-label="Source" '
            f'data-source-url="{CANONICAL}" data-copy-min="200">',
        )
        self.assertContains(response, "attribution/copy-attribution.js")

    @override_settings(ATTRIBUTION_ON_COPY=False)
    def test_copy_attribution_can_be_switched_off(self):
        response = self.get()
        self.assertNotContains(response, "data-source-url")
        self.assertNotContains(response, "copy-attribution.js")

    @override_settings(ATTRIBUTION_COPY_MIN_CHARS=50)
    def test_copy_threshold_comes_from_settings(self):
        self.assertContains(self.get(), 'data-copy-min="50"')

    def test_page_holds_nothing_per_reader(self):
        self.assertNotContains(self.get(), "csrfmiddlewaretoken")

    def test_republish_link(self):
        self.assertContains(
            self.get(), f'href="{reverse("attribution:republish", args=["rivers-and-rules"])}"'
        )
        self.assertContains(self.get(), ">Republish</a>")

    def test_link_explains_when_republishing_is_off(self):
        self.interview.republishing_allowed = False
        self.interview.save()
        self.assertContains(self.get(), "Why this interview cannot be republished")

    def test_partner_material_credits_the_partner_and_may_point_canonical_there(self):
        partner = make_interview(
            title="Borrowed",
            origin="partner",
            source_name="Partner Weekly",
            source_url="https://partner.example/story",
        )
        response = self.get(partner)
        self.assertContains(
            response,
            '<p class="source__partner">First published by '
            '<a href="https://partner.example/story">Partner Weekly</a></p>',
            html=True,
        )
        self.assertContains(response, f'<link rel="canonical" href="{SITE}{partner.get_absolute_url()}">')
        partner.canonical_to_source = True
        partner.save()
        self.assertContains(self.get(partner), '<link rel="canonical" href="https://partner.example/story">')


@override_settings(SITE_URL=SITE)
class RepublishPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(short_bio="Aida Sultan is an economist.")
        cls.interview = make_interview(
            title="Rivers & rules",
            slug="rivers-and-rules",
            byline="Interview by Dana K.",
            lead="Who owns the water?",
            experts=[cls.expert],
            blocks=[
                ("question", "Who decides?"),
                ("answer", 'Nobody {alone}.\n\nSee <a href="https://example.org/treaty">the treaty</a>.'),
                ("heading", "The future"),
                ("quote", "Water is politics."),
            ],
        )
        for order, allowed in [(10, True), (11, False)]:
            Block.objects.create(
                interview=cls.interview,
                kind="image",
                order=order,
                image=image_upload(f"photo{order}.jpg"),
                caption=f"Caption {order}",
                credit="Photo: Meridian",
                reuse_allowed=allowed,
            )

    def get(self, slug="rivers-and-rules"):
        return self.client.get(reverse("attribution:republish", args=[slug]))

    def test_html_holds_title_byline_date_text_and_source_line(self):
        code = textarea(self.get(), "republish-html")
        self.assertTrue(code.startswith("<article>\n<h1>Rivers &amp; rules</h1>"), code[:80])
        self.assertIn("Interview by Dana K.", code)
        self.assertIn(f'<time datetime="{self.interview.publish_at:%Y-%m-%d}">', code)
        self.assertIn("<p><strong>Who owns the water?</strong></p>", code)
        self.assertIn("<p><em>Aida Sultan is an economist.</em></p>", code)
        self.assertIn("<p><strong>Meridian: Who decides?</strong></p>", code)
        self.assertIn('<p>See <a href="https://example.org/treaty">the treaty</a>.</p>', code)
        self.assertIn("<p>Nobody [alone].</p>", code)
        self.assertIn("<h2>The future</h2>", code)
        self.assertIn("<blockquote><p>Water is politics.</p></blockquote>", code)
        self.assertIn(f'<p>Source: <a href="{CANONICAL}">Rivers &amp; rules</a>, Meridian</p>', code)

    def test_html_is_clean(self):
        code = textarea(self.get(), "republish-html")
        for unwanted in ["<script", "class=", "style=", "<span", "id=", "noopener", "utm_"]:
            self.assertNotIn(unwanted, code)

    def test_counting_image_sends_the_full_referring_page(self):
        code = textarea(self.get(), "republish-html")
        self.assertIn(
            f'<img src="{SITE}/attribution/pixel/{self.interview.pk}.gif" width="1" height="1" alt="" '
            'referrerpolicy="no-referrer-when-downgrade">',
            code,
        )

    def test_canonical_tag_is_suggested(self):
        self.assertEqual(
            textarea(self.get(), "republish-canonical"), f'<link rel="canonical" href="{CANONICAL}">'
        )

    def test_only_images_we_may_license_are_included(self):
        response = self.get()
        code = textarea(response, "republish-html")
        self.assertIn("Caption 10", code)
        self.assertIn("/media/blocks/", code)
        self.assertNotIn("Caption 11", code)
        self.assertIn("<!-- An image is left out here: Meridian cannot license it for reuse. -->", code)
        self.assertContains(response, "1 photo left out")

    def test_fields_are_read_only_and_copy_buttons_wait_for_javascript(self):
        response = self.get()
        self.assertContains(response, 'id="republish-html" rows="14" readonly')
        self.assertContains(response, 'data-copy="republish-html" hidden>Copy HTML</button>')
        self.assertContains(response, "attribution/republish.js")
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertNotContains(response, "<script>")
        self.assertNotContains(response, " onclick=")

    def test_title_markup_cannot_escape_the_field(self):
        make_interview(title="</textarea><script>alert(1)</script>", slug="evil")
        response = self.get("evil")
        self.assertNotContains(response, "<script>alert(1)")
        self.assertIn("&lt;/textarea&gt;&lt;script&gt;", textarea(response, "republish-html"))

    def test_interview_closed_to_republishing_explains_and_offers_no_html(self):
        self.interview.republishing_allowed = False
        self.interview.save()
        response = self.get()
        self.assertContains(response, "This interview cannot be republished.")
        self.assertNotContains(response, "<textarea")

    def test_partner_material_is_closed_by_default_and_names_the_partner(self):
        make_interview(
            slug="borrowed",
            origin="partner",
            source_name="Partner Weekly",
            source_url="https://partner.example/s",
        )
        response = self.get("borrowed")
        self.assertContains(response, "This interview cannot be republished.")
        self.assertContains(response, '<a href="https://partner.example/s">Partner Weekly</a>', html=True)

    def test_drafts_and_scheduled_interviews_answer_404(self):
        self.assertEqual(self.get(make_draft().slug).status_code, 404)
        self.assertEqual(self.get(make_scheduled().slug).status_code, 404)
        self.assertEqual(self.get("no-such-thing").status_code, 404)

    def test_query_count_is_fixed(self):
        with self.assertNumQueries(4):
            self.get()


@override_settings(SITE_URL=SITE, REPUBLISH_PIXEL_PER_HOUR=1000)
class CountingImageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview()

    def setUp(self):
        cache.clear()

    def pixel(self, referer=None, interview_id=None, **extra):
        if referer is not None:
            extra["HTTP_REFERER"] = referer
        url = f"/attribution/pixel/{interview_id or self.interview.pk}.gif"
        response = self.client.get(url, **extra)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/gif")
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertTrue(response.content.startswith(b"GIF89a"))
        return response

    def test_records_the_normalised_page_and_counts_daily_views(self):
        self.pixel("HTTPS://Blog.Example/story?utm_source=feed#top")
        self.pixel("https://blog.example/story?fbclid=abc")
        republication = Republication.objects.get()
        self.assertEqual(republication.page_url, "https://blog.example/story")
        self.assertEqual(republication.interview, self.interview)
        self.assertEqual(republication.link_status, Republication.LinkStatus.UNCHECKED)
        self.assertEqual(RepublicationView.objects.get().count, 2)

    def test_no_reader_address_is_stored(self):
        self.pixel("https://blog.example/story", REMOTE_ADDR="203.0.113.77")
        stored = [str(value) for value in Republication.objects.values().get().values()]
        stored += [str(value) for value in RepublicationView.objects.values().get().values()]
        self.assertFalse(any("203.0.113.77" in value for value in stored))

    def test_bad_referrers_are_answered_and_ignored(self):
        for referer in [
            None,
            "",
            "https://blog.example/" + "x" * 5000,
            "javascript:alert(1)",
            "http://[::1",
            "not a url at all",
            "https://blog.example/\x01",
            "ftp://files.example/story",
            "http://localhost/story",
            "http://192.168.1.5/story",
            f"{SITE}/interviews/x/",
            "http://testserver/elsewhere/",
        ]:
            with self.subTest(referer=(referer or "")[:40]):
                self.pixel(referer)
        self.assertFalse(Republication.objects.exists())

    def test_referrers_pointing_inside_in_any_notation_are_not_stored(self):
        for host in [
            "127.1",
            "0x7f000001",
            "2130706433",
            "0177.0.0.1",
            "１２７.０.０.１",
            "[::ffff:127.0.0.1]",
            "[64:ff9b::7f00:1]",
            "[::127.0.0.1]",
            "[2002:c0a8:105::1]",
            "intranet",
            "printer.local",
            "router.home.arpa",
            "app.localhost",
        ]:
            with self.subTest(host=host):
                self.pixel(f"http://{host}/story")
        self.assertFalse(Republication.objects.exists())

    def test_public_names_and_addresses_are_stored_without_a_dns_lookup(self):
        with mock.patch("socket.getaddrinfo", side_effect=AssertionError("DNS lookup")):
            for referer in [
                "https://localtest.me/story",
                "http://93.184.216.34/story",
                "http://[2606:4700::1111]/",
            ]:
                self.pixel(referer)
        self.assertEqual(Republication.objects.count(), 3)

    def test_unknown_drafts_and_scheduled_interviews_are_answered_and_ignored(self):
        for interview_id in [999_999, 99_999_999_999_999_999_999, make_draft().pk, make_scheduled().pk]:
            with self.subTest(interview_id=interview_id):
                self.pixel("https://blog.example/story", interview_id=interview_id)
        self.assertFalse(Republication.objects.exists())

    def test_malformed_ids_do_not_reach_the_view(self):
        self.assertEqual(self.client.get("/attribution/pixel/abc.gif").status_code, 404)
        self.assertEqual(self.client.get("/attribution/pixel/-1.gif").status_code, 404)

    @override_settings(REPUBLISH_PIXEL_PER_HOUR=3)
    def test_each_client_is_limited_but_always_answered(self):
        for _ in range(5):
            self.pixel("https://blog.example/story")
        self.assertEqual(RepublicationView.objects.get().count, 3)
        self.pixel("https://blog.example/story", REMOTE_ADDR="203.0.113.9")
        self.assertEqual(RepublicationView.objects.get().count, 4)

    def test_one_client_cannot_fill_the_database_with_pages(self):
        for n in range(30):
            self.pixel(f"https://spam.example/page-{n}")
        self.assertEqual(Republication.objects.count(), 20)

    def test_other_methods_are_refused(self):
        self.assertEqual(self.client.post(f"/attribution/pixel/{self.interview.pk}.gif").status_code, 405)
        self.pixel("https://blog.example/story", interview_id=None)
        self.client.head(f"/attribution/pixel/{self.interview.pk}.gif", HTTP_REFERER="https://b.example/x")
        self.assertEqual(Republication.objects.count(), 1)

    def test_query_count_for_a_known_page(self):
        self.pixel("https://blog.example/story")
        with self.assertNumQueries(4):
            self.pixel("https://blog.example/story")
