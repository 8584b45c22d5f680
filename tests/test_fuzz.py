"""Arbitrary text, bytes, headers and JSON against every public endpoint and form.

No answer may be a 500, none may echo the input's markup unescaped, and nothing stored may
render as markup in the admin.
"""

import json

from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cms.reports.models import ErrorReport
from tests.builders import make_expert, make_interview, make_user
from tests.reports.builders import make_reported_interview

PROBE = "<x-probe>"
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

text = st.text(max_size=60)
probed = text.map(lambda value: PROBE + value)
# A WSGI server hands headers over as bytes decoded as latin-1, so any byte is one of these characters.
header_value = st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_USER_AGENT": header_value,
        "HTTP_REFERER": st.one_of(header_value, probed),
        "HTTP_ACCEPT_LANGUAGE": header_value,
        "HTTP_X_FORWARDED_FOR": header_value,
        "HTTP_COOKIE": header_value,
        "HTTP_IF_NONE_MATCH": header_value,
        "HTTP_HOST": st.sampled_from(["testserver", "evil.example", "<x-probe>", ""]),
    },
)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text | probed,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(text, children, max_size=3),
    max_leaves=8,
)

LIMITS = {
    "REPORTS_PER_HOUR": 10_000,
    "SEARCH_PER_MINUTE": 10_000,
    "REPUBLISH_PIXEL_PER_HOUR": 10_000,
    "LOGIN_FAILURE_LIMIT": 10_000,
    "AXES_FAILURE_LIMIT": 10_000,
}


@override_settings(**LIMITS)
class PublicEndpointFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.expert = make_expert(name="Aida Sultan", slug="aida-sultan")
        cls.interview = make_reported_interview(experts=[cls.expert], tags=["water"], slug="rivers")
        make_interview(tags=["water"])

    def setUp(self):
        self.client = Client(raise_request_exception=False)

    def assertSafe(self, response):
        self.assertLess(response.status_code, 500, response.content[:500])
        self.assertNotIn(PROBE.encode(), response.content)

    @FUZZ
    @given(
        path=st.sampled_from(
            [
                "/",
                "/interviews/{}/",
                "/experts/{}/",
                "/tags/{}/",
                "/experts/{}/feed/",
                "/tags/{}/feed/atom/",
                "/republish/{}/",
                "/approval/{}/",
                "/ru/interviews/{}/",
            ]
        ),
        segment=st.one_of(text, probed, st.sampled_from(["rivers", "aida-sultan", "water"])),
        query=st.dictionaries(
            st.sampled_from(["page", "q", "language", "expert", "tag", "answered"]), probed
        ),
        extra=headers,
    )
    def test_pages(self, path, segment, query, extra):
        from urllib.parse import quote

        url = path.format(quote(segment, safe="")) if "{}" in path else path
        self.assertSafe(self.client.get(url, query, **extra))

    @FUZZ
    @given(
        query=st.dictionaries(
            st.sampled_from(["q", "expert", "tag", "language", "page"]), st.one_of(text, probed), max_size=5
        ),
        extra=headers,
    )
    def test_search(self, query, extra):
        self.assertSafe(self.client.get("/search/", query, **extra))

    @FUZZ
    @given(
        path=st.sampled_from(
            ["/feed/", "/feed/atom/", "/sitemap.xml", "/robots.txt", "/sitemap-interviews.xml"]
        ),
        query=st.dictionaries(st.sampled_from(["language", "p", "page"]), probed, max_size=2),
        extra=headers,
    )
    def test_machine_readable(self, path, query, extra):
        self.assertSafe(self.client.get(path, query, **extra))

    @FUZZ
    @given(interview_id=st.integers(min_value=-(2**70), max_value=2**70), extra=headers)
    def test_counting_image(self, interview_id, extra):
        response = self.client.get(f"/attribution/pixel/{abs(interview_id)}.gif", **extra)
        self.assertSafe(response)

    @FUZZ
    @given(
        body=st.one_of(
            json_value.map(json.dumps), st.binary(max_size=200).map(lambda b: b.decode("latin-1"))
        ),
        content_type=st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded"]),
        extra=headers,
    )
    def test_report_endpoint(self, body, content_type, extra):
        response = self.client.post(reverse("reports:create"), body, content_type=content_type, **extra)
        self.assertSafe(response)
        if extra.get("HTTP_HOST", "testserver") == "testserver":  # other hosts are refused before the view
            self.assertEqual(response["Content-Type"], "application/json")

    @FUZZ
    @given(
        token=st.one_of(text, probed).filter(lambda t: "/" not in t),
        form=st.dictionaries(st.sampled_from(["decision", "comment", "csrfmiddlewaretoken"]), probed),
    )
    def test_approval_form(self, token, form):
        from urllib.parse import quote

        self.assertSafe(self.client.post(f"/approval/{quote(token, safe='')}/", form))

    @FUZZ
    @given(username=st.one_of(text, probed), password=text, extra=headers)
    def test_admin_login(self, username, password, extra):
        response = self.client.post(
            reverse("admin:login"), {"username": username, "password": password}, **extra
        )
        self.assertSafe(response)


@override_settings(**LIMITS)
class StoredInputFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview()
        cls.block = cls.interview.blocks.get(order=1)
        cls.editor = make_user(superuser=True)

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(comment=probed, context=probed)
    def test_stored_reports_never_render_as_markup(self, comment, context):
        payload = {
            "selection": "goverment",
            "context_before": "The ",
            "context_after": context[:250],
            "page": self.interview.get_absolute_url(),
            "block": self.block.pk,
            "comment": comment[:900],
        }
        response = Client().post(
            reverse("reports:create"), json.dumps(payload), content_type="application/json"
        )
        self.assertIn(response.status_code, {200, 201, 422})
        report = ErrorReport.objects.first()
        if report is None:
            return
        self.client.force_login(self.editor)
        for url in [
            reverse("admin:reports_errorreport_changelist"),
            reverse("admin:reports_errorreport_change", args=[report.pk]),
            reverse("admin:index"),
        ]:
            page = self.client.get(url)
            self.assertEqual(page.status_code, 200)
            self.assertNotIn(PROBE.encode(), page.content, url)


def nested(depth, leaf):
    return "[" * depth + leaf + "]" * depth


# Past 4,300 digits Python refuses to read an integer at all (a ValueError, not a number).
huge_number = st.integers(min_value=20, max_value=6000).map(lambda digits: "9" * digits)
HOSTILE_URLS = [
    "http://[::1/x",
    "http://::1]/",
    "https://[not-an-address]/interviews/rivers/",
    "http://[::ffff:127.0.0.1]/interviews/rivers/",
    "//testserver/interviews/rivers/",
    "http://testserver:99999/interviews/rivers/",
    "http://testserver/interviews/%ff%fe/",
    "http://testserver/interviews/rivers/%00/",
    "javascript:alert(1)",
    "http://user:pass@testserver/interviews/rivers/",
    "/ru/../interviews/rivers/",
    "\\\\evil.example/interviews/rivers/",
]
hostile_url = st.one_of(
    st.sampled_from(HOSTILE_URLS),
    st.text(st.characters(codec="utf-8"), max_size=40).map(lambda tail: f"http://[{tail}/interviews/"),
    st.text(max_size=60).map(lambda tail: "/interviews/" + tail),
)
report_value = st.one_of(
    json_value,
    hostile_url,
    st.integers(min_value=20, max_value=4000).map(lambda digits: int("9" * digits)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.lists(st.text(max_size=5), max_size=3),
)
raw_body = st.one_of(
    # Deeper than Python's recursion limit, and shallow enough to parse.
    st.integers(min_value=1, max_value=6000).map(lambda depth: nested(depth, "")),
    st.integers(min_value=1, max_value=3000).map(lambda depth: '{"selection": ' + nested(depth, '"x"') + "}"),
    # Mostly not UTF-8; an object would be well formed.
    st.binary(min_size=1, max_size=300).filter(lambda data: not data.strip().startswith(b"{")),
    huge_number,
    st.sampled_from(["1e999", "-1e999", "NaN", "Infinity", "[]", '[{"selection": "goverment"}]', '""', "0"]),
    st.integers(min_value=16_400, max_value=40_000).map(lambda size: '{"comment": "' + "x" * size + '"}'),
)


@override_settings(**LIMITS)
class ReportBodyFuzzTests(TestCase):
    """Bodies that pass the CSRF check, so they reach the parser and the form."""

    @classmethod
    def setUpTestData(cls):
        cls.interview = make_reported_interview(slug="rivers")

    def setUp(self):
        self.client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        self.token = self.client.get(reverse("reports:token")).json()["csrfToken"]

    def post(self, body, **extra):
        return self.client.post(
            reverse("reports:create"),
            body,
            content_type="application/json",
            HTTP_X_CSRFTOKEN=self.token,
            **extra,
        )

    def assertJsonAnswer(self, response):
        self.assertLess(response.status_code, 500, response.content[:300])
        self.assertEqual(response["Content-Type"], "application/json")
        answer = response.json()
        self.assertTrue(answer.get("error") or answer.get("message"))

    @FUZZ
    @given(body=raw_body, referer=st.one_of(st.none(), hostile_url))
    def test_malformed_bodies_get_a_json_400(self, body, referer):
        extra = {"HTTP_REFERER": referer} if referer else {}
        response = self.post(body, **extra)
        self.assertJsonAnswer(response)
        self.assertIn(response.status_code, {400, 413})

    @FUZZ
    @given(
        fields=st.dictionaries(
            st.sampled_from(["selection", "context_before", "context_after", "page", "block", "comment"]),
            report_value,
            max_size=6,
        ),
        referer=st.one_of(st.none(), hostile_url),
    )
    def test_objects_of_any_shape_never_get_a_500(self, fields, referer):
        data = {"page": self.interview.get_absolute_url(), "selection": "goverment", **fields}
        body = json.dumps(data)  # NaN and Infinity as the literals a hostile client may send
        extra = {"HTTP_REFERER": referer} if referer else {}
        self.assertJsonAnswer(self.post(body, **extra))

    def test_hostile_page_addresses_never_get_a_500(self):
        for page in HOSTILE_URLS:
            with self.subTest(page):
                data = {"page": page, "selection": "goverment"}
                self.assertJsonAnswer(self.post(json.dumps(data)))
