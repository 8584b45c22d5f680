import json

from django.core.cache import cache
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from cms.reports.models import ErrorReport
from interviews.models import Block
from tests.builders import make_draft, make_expert, make_interview, make_scheduled
from tests.reports.builders import make_reported_interview

MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class EndpointTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan", short_bio="Aida Sultan is an economist.")
        cls.interview = make_reported_interview(experts=[cls.expert])
        cls.answer = cls.interview.blocks.get(order=1)

    def setUp(self):
        cache.clear()
        self.client = Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.7")
        self.token = self.client.get(reverse("reports:token")).json()["csrfToken"]

    def payload(self, **fields):
        return {
            "selection": "goverment",
            "context_before": "The ",
            "context_after": " decides. The treaty",
            "page": self.interview.get_absolute_url(),
            "block": self.answer.pk,
            "comment": "government",
            "email": "",
            "website": "",
            **fields,
        }

    def post(self, data=None, *, body=None, content_type="application/json", token=True, **extra):
        if token:
            extra.setdefault("HTTP_X_CSRFTOKEN", self.token)
        body = json.dumps(data if data is not None else self.payload()) if body is None else body
        return self.client.post(reverse("reports:create"), body, content_type=content_type, **extra)

    def assertError(self, response, status, code=None):
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/json")
        data = response.json()
        self.assertTrue(data["error"])
        if code:
            self.assertEqual(data["code"], code)
        return data


class TokenTests(EndpointTestCase):
    def test_token_is_json_and_never_cached(self):
        response = self.client.get(reverse("reports:token"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertTrue(response.json()["csrfToken"])
        self.assertIn("csrftoken", response.cookies)

    def test_token_costs_no_query(self):
        with self.assertNumQueries(0):
            self.client.get(reverse("reports:token"))

    def test_token_refuses_post(self):
        self.assertError(self.client.post(reverse("reports:token")), 405, "method")

    def test_pages_carry_no_token(self):
        response = Client().get(self.interview.get_absolute_url())
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertNotIn("csrftoken", response.cookies)
        self.assertContains(response, 'data-token-url="/reports/token/"')


class AcceptedReportTests(EndpointTestCase):
    def test_report_is_stored_with_a_hash_not_the_address(self):
        response = self.post(self.payload(email="reader@example.org"))
        self.assertEqual(response.status_code, 201)
        self.assertIn("Thank you", response.json()["message"])
        report = ErrorReport.objects.get()
        self.assertEqual(report.interview, self.interview)
        self.assertEqual(report.block, self.answer)
        self.assertEqual(report.selection, "goverment")
        self.assertTrue(report.context_before.endswith("how much water flows? The "))
        self.assertEqual(report.suggestion, "government")
        self.assertEqual(report.reporter_email, "reader@example.org")
        self.assertEqual(len(report.client_hash), 32)
        for value in (report.client_hash, report.comment, report.context_before, report.context_after):
            self.assertNotIn("203.0.113.7", value)

    def test_response_is_never_cached(self):
        self.assertIn("no-store", self.post()["Cache-Control"])

    def test_selection_is_trimmed_and_whitespace_collapsed(self):
        self.post(self.payload(selection="  The   goverment\n decides.  "))
        self.assertEqual(ErrorReport.objects.get().selection, "The goverment decides.")

    def test_selection_may_run_across_paragraphs_and_blocks(self):
        response = self.post(self.payload(selection="goverment decides. The treaty [of 1992]"))
        self.assertEqual(response.status_code, 201)
        response = self.post(self.payload(selection="water flows? The goverment"))
        self.assertEqual(response.status_code, 201)

    def test_title_lead_and_expert_box_are_page_text(self):
        for selection in ("Rivers and rules", "Who owns the water?", "Aida Sultan is an economist."):
            with self.subTest(selection):
                self.assertEqual(self.post(self.payload(selection=selection)).status_code, 201)

    def test_block_of_another_interview_is_ignored(self):
        other = make_interview().blocks.first()
        self.post(self.payload(block=other.pk))
        self.assertIsNone(ErrorReport.objects.get().block)

    def test_percent_encoded_and_absolute_page_addresses_resolve(self):
        interview = make_interview(title="Вода и власть", blocks=[("answer", "Правителство решает.")])
        page = "http://testserver" + interview.get_absolute_url().replace("вода", "%D0%B2%D0%BE%D0%B4%D0%B0")
        response = self.post(self.payload(page=page, selection="Правителство", block=None))
        self.assertEqual(response.status_code, 201)

    def test_identical_open_reports_merge_into_one_with_a_count(self):
        self.assertEqual(self.post().status_code, 201)
        second = self.post(self.payload(comment="It should be government.", email="b@example.org"))
        self.assertEqual(second.status_code, 200)
        report = ErrorReport.objects.get()
        self.assertEqual(report.count, 2)
        self.assertIn("It should be government.", report.comment)
        self.assertEqual(report.reporter_email, "b@example.org")

    def test_other_context_or_a_closed_report_makes_a_new_report(self):
        self.post()
        self.post(self.payload(context_before="with the ", context_after=" quota."))
        self.assertEqual(ErrorReport.objects.count(), 2)
        ErrorReport.objects.update(status=ErrorReport.Status.FIXED)
        self.assertEqual(self.post().status_code, 201)
        self.assertEqual(ErrorReport.objects.count(), 3)

    def test_context_stored_is_the_pages_not_the_one_sent(self):
        self.post(
            self.payload(context_before="Buy cheap pills at spam.example. The ", context_after=" decides!!")
        )
        report = ErrorReport.objects.get()
        self.assertTrue(
            report.context_before.endswith("economist. Meridian: Who decides how much water flows? The ")
        )
        self.assertTrue(report.context_after.startswith(" decides. The treaty [of 1992] is old"))
        self.assertNotIn("spam", report.context_before + report.context_after)

    def test_the_context_sent_chooses_which_occurrence_is_reported(self):
        self.post(self.payload(context_before="disagree with the ", context_after=" quota.", block=None))
        report = ErrorReport.objects.get()
        self.assertTrue(report.context_before.endswith("Farmers disagree with the "))
        self.assertEqual(report.context_after, " quota. Five countries have shraed the river since 1992.")

    def test_invented_context_does_not_split_identical_reports(self):
        for before, after in [
            ("The ", " decides."),
            ("made up ", " text"),
            ("", ""),
            ("flows? The ", " decides. The"),
        ]:
            self.post(self.payload(context_before=before, context_after=after))
        report = ErrorReport.objects.get()
        self.assertEqual(report.count, 4)

    def test_comment_loses_control_and_direction_override_characters(self):
        self.post(self.payload(comment="Should read\u202e tnemnrevog\u202c,\x07 not this.\nThanks"))
        self.assertEqual(ErrorReport.objects.get().comment, "Should read tnemnrevog, not this.\nThanks")

    def test_markup_in_every_field_is_stored_as_text(self):
        block = Block.objects.create(
            interview=self.interview, kind="answer", order=9, text="Never type &lt;b&gt;bold&lt;/b&gt; here."
        )
        response = self.post(
            self.payload(
                selection="<b>bold</b>",
                context_before=MARKUP,
                context_after=MARKUP,
                comment=MARKUP,
                block=block.pk,
            )
        )
        self.assertEqual(response.status_code, 201)
        report = ErrorReport.objects.get()
        self.assertEqual(report.selection, "<b>bold</b>")
        self.assertEqual(report.comment, MARKUP)
        # The context is the page's, not the markup sent.
        self.assertTrue(report.context_before.endswith("Never type "))
        self.assertEqual(report.context_after, " here.")

    def test_new_report_costs_a_fixed_number_of_queries(self):
        # The page and its text (5), two savepoints (the view's transaction and the insert's), merge
        # check, insert, two releases, the editors' addresses.
        with self.assertNumQueries(12):
            self.assertEqual(self.post().status_code, 201)
        # An identical report: the page (5), the counting update and the merged row in a savepoint.
        with self.assertNumQueries(9):
            self.assertEqual(self.post().status_code, 200)


class RefusedReportTests(EndpointTestCase):
    def test_post_without_csrf_token_gets_a_json_403(self):
        data = self.assertError(self.post(token=False), 403, "csrf")
        self.assertIn("reload the page", data["error"])
        self.assertFalse(ErrorReport.objects.exists())

    def test_post_with_a_wrong_token_gets_a_json_403(self):
        self.assertError(self.post(HTTP_X_CSRFTOKEN="x" * 32), 403, "csrf")

    def test_get_is_refused(self):
        response = self.client.get(reverse("reports:create"))
        self.assertError(response, 405, "method")
        self.assertEqual(response["Allow"], "POST")

    def test_form_encoded_body_gets_415(self):
        response = self.client.post(
            reverse("reports:create"), self.payload(block=""), HTTP_X_CSRFTOKEN=self.token
        )
        self.assertError(response, 415, "content_type")

    def test_oversized_body_gets_413(self):
        self.assertError(self.post(self.payload(comment="x" * 20_000)), 413, "too_large")

    def test_unreadable_bodies_get_400(self):
        bodies = ["{not json", "[1, 2]", '"text"', "null", b"\xff\xfe".decode("latin-1")]
        for body in bodies:
            with self.subTest(body):
                self.assertError(self.post(body=body), 400, "bad_request")

    def test_wrong_types_and_unknown_fields_get_400(self):
        for fields in (
            {"selection": ["goverment"]},
            {"selection": 42},
            {"block": True},
            {"block": 1.5},
            {"comment": {"a": 1}},
            {"extra": "field"},
            {"selection": "\ud800"},
        ):
            with self.subTest(fields):
                self.assertError(self.post(self.payload(**fields)), 400, "bad_request")

    def test_deeply_nested_json_gets_400(self):
        for body in ("[" * 8000 + "]" * 8000, '{"selection": ' + "[" * 5000 + "]" * 5000 + "}"):
            with self.subTest(body[:20]):
                self.assertError(self.post(body=body), 400, "bad_request")

    def test_unparsable_page_address_gets_400(self):
        for page in ("http://[::1/x", "http://::1]/", "https://[not-an-address]/interviews/x/"):
            with self.subTest(page):
                self.assertError(self.post(self.payload(page=page)), 400, "bad_request")

    def test_unparsable_referer_does_not_stop_the_report(self):
        response = self.post(HTTP_REFERER="http://[::1/x")
        self.assertEqual(response.status_code, 201, response.content)

    def test_selection_must_be_1_to_300_characters_after_trimming(self):
        for selection in ("", "   \n ", None):
            with self.subTest(selection):
                self.assertError(self.post(self.payload(selection=selection)), 422, "invalid_selection")
        self.assertError(self.post(self.payload(selection="a" * 301)), 422, "invalid_selection")
        long_text = "Five countries have shraed the river since 1992."
        self.assertEqual(self.post(self.payload(selection=f"   {long_text}   ")).status_code, 201)

    def test_context_is_at_most_300_characters_a_side(self):
        for side in ("context_before", "context_after"):
            with self.subTest(side):
                self.assertError(self.post(self.payload(**{side: "a " * 151})), 422, f"invalid_{side}")
        self.assertEqual(self.post(self.payload(context_before="a" * 300)).status_code, 201)

    def test_comment_is_at_most_1000_characters(self):
        self.assertError(self.post(self.payload(comment="a" * 1001)), 422, "invalid_comment")
        self.assertEqual(self.post(self.payload(comment="a" * 1000)).status_code, 201)

    def test_bad_email_is_refused(self):
        self.assertError(self.post(self.payload(email="not an address")), 422, "invalid_email")

    def test_null_characters_are_refused(self):
        self.assertError(self.post(self.payload(comment="a\x00b")), 422, "invalid_comment")

    def test_filled_honeypot_is_refused_and_nothing_stored(self):
        self.assertError(self.post(self.payload(website="http://spam.example")), 422, "automated")
        self.assertFalse(ErrorReport.objects.exists())

    def test_text_not_on_the_page_is_refused(self):
        data = self.assertError(self.post(self.payload(selection="buy cheap pills")), 422, "not_on_page")
        self.assertIn("not on the page", data["error"])
        # Markup of the page is not its text.
        self.assertError(self.post(self.payload(selection="<em>disagree</em>")), 422, "not_on_page")
        self.assertFalse(ErrorReport.objects.exists())

    def test_drafts_scheduled_and_unknown_pages_get_404(self):
        draft = make_draft(blocks=[("answer", "goverment")])
        scheduled = make_scheduled(blocks=[("answer", "goverment")])
        for page in (
            draft.get_absolute_url(),
            scheduled.get_absolute_url(),
            "/interviews/no-such-thing/",
            "/no/such/page/",
            "relative/path",
            "",
        ):
            with self.subTest(page):
                code = "invalid_page" if page == "" else "no_page"
                status = 422 if page == "" else 404
                self.assertError(self.post(self.payload(page=page)), status, code)
        self.assertFalse(ErrorReport.objects.exists())

    def test_pages_other_than_interviews_and_other_sites_get_404(self):
        data = self.assertError(self.post(self.payload(page=self.expert.get_absolute_url())), 404, "no_page")
        self.assertIn("interview pages only", data["error"])
        page = "https://elsewhere.example" + self.interview.get_absolute_url()
        self.assertError(self.post(self.payload(page=page)), 404, "no_page")

    @override_settings(REPORTS_PER_HOUR=2)
    def test_past_the_limit_a_client_gets_429_with_retry_after(self):
        self.assertEqual(self.post().status_code, 201)
        self.assertEqual(self.post(self.payload(selection="shraed")).status_code, 201)
        response = self.post(self.payload(selection="Rivers"))
        data = self.assertError(response, 429, "rate_limited")
        self.assertTrue(1 <= int(response["Retry-After"]) <= 3600)
        self.assertIn("try again in", data["error"])
        self.assertTrue(data["retry"])
        other = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.9")
        token = other.get(reverse("reports:token")).json()["csrfToken"]
        body = json.dumps(self.payload(selection="Rivers"))
        answer = other.post(
            reverse("reports:create"), body, content_type="application/json", HTTP_X_CSRFTOKEN=token
        )
        self.assertEqual(answer.status_code, 201)

    def test_limit_counts_in_the_shared_cache(self):
        with override_settings(REPORTS_PER_HOUR=1):
            self.post()
            cache_keys = [key for key in cache._cache if ":limit:reports:" in key]  # locmem's store
            self.assertEqual(len(cache_keys), 1)
            self.assertNotIn("203.0.113.7", cache_keys[0])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=400),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=6,
)
FIELD_NAMES = ["selection", "context_before", "context_after", "page", "block", "comment", "email", "website"]


@override_settings(REPORTS_PER_HOUR=10_000)
class NoInputMakesA500Tests(HypothesisTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(fields=st.dictionaries(st.sampled_from(FIELD_NAMES), json_values, max_size=8))
    def test_any_json_object_gets_a_json_answer(self, fields):
        data = {"page": self.interview.get_absolute_url(), "selection": "goverment", **fields}
        response = self.client.post(
            reverse("reports:create"), json.dumps(data), content_type="application/json"
        )
        self.assertIn(response.status_code, {200, 201, 400, 404, 413, 422})
        self.assertEqual(response["Content-Type"], "application/json")


class RussianPageTests(EndpointTestCase):
    def test_report_from_a_russian_page_is_stored_and_answered_in_russian(self):
        russian = make_interview(
            title="Вода и власть",
            language="ru",
            blocks=[("answer", "Правительство решает, но с ошибкой: правительсто.")],
        )
        payload = self.payload(
            selection="правительсто",
            context_before="с ошибкой: ",
            context_after=".",
            page=russian.get_absolute_url(),
            block=None,
            comment="",
        )
        referer = "http://testserver" + russian.get_absolute_url()
        response = self.post(payload, HTTP_REFERER=referer)
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(response.json()["message"], "Спасибо! Редакция посмотрит.")
        self.assertTrue(russian.error_reports.filter(selection="правительсто").exists())

    def test_errors_on_a_russian_page_are_in_russian(self):
        russian = make_interview(title="Вода", language="ru", blocks=[("answer", "Текст.")])
        referer = "http://testserver" + russian.get_absolute_url()
        payload = self.payload(selection="нет такого", page=russian.get_absolute_url(), block=None)
        data = self.assertError(self.post(payload, HTTP_REFERER=referer), 422, "not_on_page")
        self.assertIn("Этого текста нет на странице", data["error"])
