"""The link check against pages served by a local HTTP server in the test process."""

import contextlib
import io
import time
from http.server import BaseHTTPRequestHandler

from django.core.management import CommandError, call_command
from django.test import override_settings

from cms.attribution.models import Republication
from tests.attribution.loopback import INSIDE, OUTSIDE, LinkCheckTestCase, stop, twin_http_servers
from tests.builders import make_interview

SITE = "https://meridian.example"
OURS = f"{SITE}/interviews/rivers-and-rules/"
STORY = "<h1>Rivers and rules</h1><p>Republished in full.</p>"

PAGES = {
    "/linked": f'{STORY}<p>Source: <a href="{OURS}">Meridian</a></p>',
    "/linked-http-no-slash": f'{STORY}<a href="http://www.meridian.example/interviews/rivers-and-rules">src</a>',
    "/no-link": f'{STORY}<p>Source: Meridian</p><a href="{SITE}/interviews/other/">another one</a>',
    "/nofollow": f'{STORY}<a rel="external nofollow" href="{OURS}">Meridian</a>',
    "/text-only": f"{STORY}<p>Source: {OURS}</p>",
    "/script-built": f"{STORY}<script>document.write('<a href=\"{OURS}\">Meridian</a>')</script>",
    "/canonical-only": f'<head><link rel="canonical" href="{OURS}"></head>{STORY}',
    "/private/page": f'{STORY}<a href="{OURS}">Meridian</a>',
    "/huge": STORY + "<p>filler</p>" * 400 + f'<a href="{OURS}">Meridian</a>',
}
ROBOTS = "User-agent: MeridianLinkCheck\nDisallow: /private/\n"


class Handler(BaseHTTPRequestHandler):
    user_agents = []
    hosts = []

    def do_GET(self):
        Handler.user_agents.append(self.headers.get("User-Agent"))
        Handler.hosts.append(self.headers.get("Host"))
        if self.path == "/robots.txt":
            return self.reply(200, ROBOTS, "text/plain")
        if self.path == "/slow":
            time.sleep(3)
            return self.reply(200, PAGES["/linked"])
        if self.path == "/drip":
            return self.drip()
        if self.path.startswith("/redirect"):
            return self.redirect()
        if self.path == "/broken":
            return self.reply(500, "Oops")
        if self.path in PAGES:
            return self.reply(200, PAGES[self.path])
        return self.reply(404, "Not found")

    def reply(self, code, body, content_type="text/html; charset=utf-8"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        # The checker may have given up on a slow page, as it should.
        with contextlib.suppress(OSError):
            self.wfile.write(data)

    def redirect(self):
        """Send the checker on: /redirect to /linked, /redirect?to=URL anywhere, /redirect-loop to itself."""
        _, _, to = self.path.partition("?to=")
        self.send_response(302)
        self.send_header("Location", to or ("/redirect-loop" if self.path == "/redirect-loop" else "/linked"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def drip(self):
        """Send a page a few bytes at a time, each in time but the whole too slowly."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(15):
                self.wfile.write(b"<p>slow</p>")
                self.wfile.flush()
                time.sleep(0.2)

    def log_message(self, *args):
        pass


class InsideHandler(Handler):
    """A server inside the network: it holds a linking page, and must never be asked for it."""

    paths = []

    def do_GET(self):
        InsideHandler.paths.append(self.path)
        self.reply(200, PAGES["/linked"])


@override_settings(SITE_URL=SITE, LINK_CHECK_TIMEOUT=1, LINK_CHECK_MAX_BYTES=4000)
class TwoSitesTestCase(LinkCheckTestCase):
    """Sites at news.test (OUTSIDE, counted as public) and, on the same port, INSIDE."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server, cls.inside = twin_http_servers(Handler, InsideHandler)
        cls.port = cls.server.server_address[1]
        cls.base = f"http://news.test:{cls.port}"

    @classmethod
    def tearDownClass(cls):
        stop(cls.server, cls.inside)
        super().tearDownClass()

    @classmethod
    def setUpTestData(cls):
        cls.interview = make_interview(title="Rivers and rules", slug="rivers-and-rules")

    def setUp(self):
        super().setUp()
        self.dns.set("news.test", OUTSIDE)
        InsideHandler.paths.clear()
        self.addCleanup(lambda: self.assertEqual(InsideHandler.paths, [], "requests to the inside server"))

    def run_check(self, **options):
        out = io.StringIO()
        call_command("check_republications", stdout=out, **options)
        return out.getvalue()

    def check_url(self, url, **options):
        republication = Republication.objects.create(interview=self.interview, page_url=url)
        out = self.run_check(**options)
        republication.refresh_from_db()
        return republication, out

    def check(self, path, **options):
        return self.check_url(self.base + path, **options)


class LinkCheckTests(TwoSitesTestCase):
    def assertOutcome(self, path, status, detail_part):
        republication, _ = self.check(path)
        self.assertEqual(republication.link_status, status, republication.check_detail)
        self.assertIn(detail_part, republication.check_detail)
        self.assertIsNotNone(republication.checked_at)

    def test_active_link(self):
        self.assertOutcome("/linked", "linked", "An active link")

    def test_active_link_written_with_http_www_and_no_final_slash(self):
        self.assertOutcome("/linked-http-no-slash", "linked", "An active link")

    def test_active_link_after_a_redirect(self):
        self.assertOutcome("/redirect", "linked", "An active link")

    def test_host_header_names_the_site_not_the_address(self):
        Handler.hosts.clear()
        self.assertOutcome("/linked", "linked", "An active link")
        self.assertEqual(Handler.hosts, [f"news.test:{self.port}"] * 2)

    def test_no_link(self):
        self.assertOutcome("/no-link", "no_link", "No link")

    def test_nofollow_link_is_not_active(self):
        self.assertOutcome("/nofollow", "inactive_link", "nofollow")

    def test_address_as_text_only_is_not_active(self):
        self.assertOutcome("/text-only", "inactive_link", "text, not a link")

    def test_link_built_by_a_script_is_not_active(self):
        self.assertOutcome("/script-built", "inactive_link", "a script")

    def test_canonical_tag_alone_is_not_an_active_link(self):
        self.assertOutcome("/canonical-only", "inactive_link", "an attribute")

    def test_page_gone(self):
        self.assertOutcome("/gone", "unreachable", "HTTP 404")

    def test_server_error(self):
        self.assertOutcome("/broken", "unreachable", "HTTP 500")

    def test_nothing_listening(self):
        republication, _ = self.check_url(f"http://{OUTSIDE}:9/x")
        self.assertEqual(republication.link_status, "unreachable")
        self.assertIn("Could not connect", republication.check_detail)

    def test_robots_txt_is_honoured(self):
        Handler.user_agents.clear()
        self.assertOutcome("/private/page", "blocked", "robots.txt")
        self.assertEqual(Handler.user_agents, [f"MeridianLinkCheck/1.0 (+{SITE})"])

    def test_slow_page_is_given_up(self):
        started = time.monotonic()
        self.assertOutcome("/slow", "unreachable", "Too slow: no full answer within 1 s.")
        self.assertLess(time.monotonic() - started, 2.9)

    def test_page_sent_in_a_slow_trickle_is_given_up(self):
        started = time.monotonic()
        self.assertOutcome("/drip", "unreachable", "Too slow")
        self.assertLess(time.monotonic() - started, 2.5)

    def test_only_the_first_bytes_of_a_huge_page_are_read(self):
        self.assertOutcome("/huge", "no_link", "Only the first 4000 bytes were read.")

    def test_loopback_is_refused_unless_allowed_for_tests(self):
        republication, _ = self.check_url(f"http://{INSIDE}:{self.port}/linked")
        self.assertEqual(republication.link_status, "unreachable")
        self.assertEqual(republication.check_detail, f"{INSIDE} is not a public address; not visited.")
        with override_settings(LINK_CHECK_ALLOW_ADDRESSES=[]):
            republication, _ = self.check_url(f"http://{OUTSIDE}:{self.port}/linked")
        self.assertEqual(republication.check_detail, f"{OUTSIDE} is not a public address; not visited.")

    def test_there_is_no_switch_to_visit_private_addresses(self):
        with self.assertRaisesMessage(CommandError, "unrecognized arguments: --allow-private-addresses"):
            call_command("check_republications", "--allow-private-addresses", stdout=io.StringIO())

    def test_output_lists_each_page_and_a_summary(self):
        Republication.objects.create(interview=self.interview, page_url=self.base + "/no-link")
        _, out = self.check("/linked")
        self.assertIn(f"linked         {self.base}/linked", out)
        self.assertIn("Checked 2 pages: 1 no link, 1 active link.", out)

    def test_limit_checks_the_longest_unchecked_first(self):
        first = Republication.objects.create(interview=self.interview, page_url=self.base + "/no-link")
        second, _ = self.check("/linked", limit=1)
        first.refresh_from_db()
        self.assertEqual(first.link_status, "no_link")
        self.assertEqual(second.link_status, "unchecked")

    @override_settings(SITE_URL="")
    def test_needs_the_site_address(self):
        with self.assertRaisesMessage(CommandError, "Set SITE_URL"):
            call_command("check_republications", stdout=io.StringIO())
