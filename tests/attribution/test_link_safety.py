"""The link check against hostile names, addresses and servers: it never goes inside, hangs or dies."""

import ssl
import time
from unittest import mock

import trustme
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from cms.attribution import fetch
from cms.attribution.models import Republication
from tests.attribution.loopback import INSIDE, OUTSIDE, RawServer, http_server, start, stop, trickle
from tests.attribution.test_link_check import PAGES, Handler, TwoSitesTestCase

INSIDE_NOTATIONS = [
    INSIDE,
    "127.1",
    "2130706433",
    "0x7f000001",
    "0177.0.0.1",
    "0x7f.1",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[64:ff9b::7f00:1]",
    "[::127.0.0.1]",
    "[2002:7f00:1::1]",
    "[::1]",
    "localhost",
    "app.localhost",
]
OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s"


def ok(body):
    return [OK % (len(body), body)]


class InsideAddressTests(TwoSitesTestCase):
    def assertNotVisited(self, republication, detail):
        self.assertEqual(republication.link_status, "unreachable")
        self.assertEqual(republication.check_detail, detail)

    def test_inside_addresses_in_every_notation_are_never_visited(self):
        rows = {
            host: Republication.objects.create(
                interview=self.interview, page_url=f"http://{host}:{self.port}/linked"
            )
            for host in INSIDE_NOTATIONS
        }
        self.run_check()
        for host, republication in rows.items():
            with self.subTest(host=host):
                republication.refresh_from_db()
                self.assertEqual(republication.link_status, "unreachable")
                self.assertIn("; not visited.", republication.check_detail)
        self.assertIn("unusual notation", rows["127.1"].check_detail)
        self.assertIn("not a public address", rows["[64:ff9b::7f00:1]"].check_detail)
        self.assertIn("a local name", rows["app.localhost"].check_detail)

    def test_a_name_that_resolves_inside_is_never_visited(self):
        self.dns.set("localtest.test", INSIDE)
        republication, _ = self.check_url(f"http://localtest.test:{self.port}/linked")
        self.assertNotVisited(
            republication, "localtest.test resolves to 127.0.0.1, not a public address; not visited."
        )

    @override_settings(SITE_URL="https://meridian.example")
    def test_a_name_the_counting_image_stored_is_resolved_and_never_visited_when_inside(self):
        self.client.get(
            f"/attribution/pixel/{self.interview.pk}.gif", HTTP_REFERER="http://localtest.me/story"
        )
        self.dns.set("localtest.me", INSIDE)
        self.run_check()
        republication = Republication.objects.get()
        self.assertEqual(republication.page_url, "http://localtest.me/story")
        self.assertNotVisited(
            republication, "localtest.me resolves to 127.0.0.1, not a public address; not visited."
        )

    def test_one_inside_answer_among_public_ones_is_enough_to_refuse(self):
        self.dns.set("mixed.test", [OUTSIDE, "::ffff:10.0.0.8"])
        republication, _ = self.check_url(f"http://mixed.test:{self.port}/linked")
        self.assertNotVisited(
            republication, "mixed.test resolves to ::ffff:a00:8, not a public address; not visited."
        )

    def test_a_second_dns_answer_cannot_steer_the_connection_inside(self):
        self.dns.set("rebind.test", OUTSIDE, INSIDE)
        fetcher = fetch.Fetcher(user_agent="test", timeout=1, max_bytes=4000)
        page = fetcher.get(f"http://rebind.test:{self.port}/linked", fetcher.deadline())
        self.assertEqual(page.body.decode(), PAGES["/linked"])
        self.assertEqual(self.dns.lookups.count("rebind.test"), 1)

    def test_a_name_rebound_inside_between_two_requests_is_refused(self):
        self.dns.set("rebind.test", OUTSIDE, INSIDE)
        republication, _ = self.check_url(f"http://rebind.test:{self.port}/linked")
        self.assertNotVisited(
            republication, "rebind.test resolves to 127.0.0.1, not a public address; not visited."
        )

    @override_settings(LINK_CHECK_ALLOW_ADDRESSES=["127.0.0.3", OUTSIDE])
    def test_the_next_checked_address_is_tried_when_one_does_not_answer(self):
        self.dns.set("two.test", ["127.0.0.3", OUTSIDE])
        republication, _ = self.check_url(f"http://two.test:{self.port}/linked")
        self.assertEqual(republication.link_status, "linked", republication.check_detail)

    def test_each_redirect_is_checked_again(self):
        self.dns.set("inside.test", INSIDE)
        for target, detail in [
            (f"http://inside.test:{self.port}/secret", "inside.test resolves to 127.0.0.1"),
            (f"http://127.1:{self.port}/secret", "127.1 is a number in an unusual notation"),
            (f"http://[::ffff:127.0.0.1]:{self.port}/secret", "::ffff:127.0.0.1 is not a public address"),
            ("file:///etc/passwd", "Not an http(s) address"),
            ("http://[::1", "The site redirected to a broken address: http://[::1"),
        ]:
            with self.subTest(target=target):
                republication, _ = self.check(f"/redirect?to={target}")
                self.assertEqual(republication.link_status, "unreachable")
                self.assertIn(detail, republication.check_detail)

    def test_endless_redirects_are_given_up(self):
        republication, _ = self.check("/redirect-loop")
        self.assertEqual(republication.check_detail, "More than 5 redirects.")

    @override_settings(LINK_CHECK_ALLOW_ADDRESSES=["10.0.0.1"])
    def test_only_loopback_can_be_allowed_for_tests(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "loopback addresses only"):
            self.run_check()


class TLSHandler(Handler):
    server_names = []


class TLSTests(TwoSitesTestCase):
    """HTTPS goes to the checked address but is verified against the site's name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ca = trustme.CA()
        server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cls.ca.issue_cert("secure.test").configure_cert(server_context)
        server_context.sni_callback = lambda sock, name, context: TLSHandler.server_names.append(name)
        cls.tls = http_server(TLSHandler)
        cls.tls.socket = server_context.wrap_socket(cls.tls.socket, server_side=True)
        cls.tls_port = cls.tls.server_address[1]

    @classmethod
    def tearDownClass(cls):
        stop(cls.tls)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        TLSHandler.server_names.clear()
        Handler.hosts.clear()
        self.dns.set("secure.test", OUTSIDE)
        self.dns.set("other.test", OUTSIDE)
        client_context = ssl.create_default_context()
        self.ca.configure_trust(client_context)
        self.enterContext(mock.patch.object(fetch, "tls_context", lambda: client_context))

    def test_https_page_is_read_with_the_sites_name_for_sni_and_host(self):
        republication, _ = self.check_url(f"https://secure.test:{self.tls_port}/linked")
        self.assertEqual(republication.link_status, "linked", republication.check_detail)
        self.assertEqual(TLSHandler.server_names, ["secure.test", "secure.test"])
        self.assertEqual(Handler.hosts, [f"secure.test:{self.tls_port}"] * 2)

    def test_certificate_for_another_name_is_refused(self):
        republication, _ = self.check_url(f"https://other.test:{self.tls_port}/linked")
        self.assertEqual(republication.link_status, "unreachable")
        self.assertIn("certificate is not valid for other.test", republication.check_detail)


class HostileServerTests(TwoSitesTestCase):
    """Answers that break HTTP are recorded per page, and the run goes on."""

    SCRIPT = {
        "/robots.txt": [b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"],
        "/bad-status": [b"HTTP/1.1 two hundred OK\r\n\r\n"],
        "/many-headers": [b"HTTP/1.1 200 OK\r\n" + b"X-Filler: 1\r\n" * 101 + b"\r\n"],
        "/long-header": [b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * 70_000 + b"\r\n\r\n"],
        "/broken-chunks": [b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n"],
        "/short-body": [b"HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n<p>only this</p>"],
        "/linked": ok(PAGES["/linked"].encode()),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.raw = start(RawServer(cls.SCRIPT))
        cls.raw_base = f"http://hostile.test:{cls.raw.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        stop(cls.raw)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.dns.set("hostile.test", OUTSIDE)

    def test_broken_answers_are_recorded_and_the_run_goes_on(self):
        rows = {
            path: Republication.objects.create(interview=self.interview, page_url=self.raw_base + path)
            for path in self.SCRIPT
            if path != "/robots.txt"
        }
        out = self.run_check()
        self.assertIn("Checked 6 pages: 5 page gone or unreachable, 1 active link.", out)
        for path, reason in [
            ("/bad-status", "two hundred OK"),
            ("/many-headers", "got more than 100 headers"),
            ("/long-header", "got more than 65536 bytes when reading header line"),
            ("/broken-chunks", "IncompleteRead"),
            ("/short-body", "IncompleteRead"),
        ]:
            with self.subTest(path=path):
                rows[path].refresh_from_db()
                self.assertEqual(rows[path].link_status, "unreachable")
                self.assertIn("The site sent a broken answer:", rows[path].check_detail)
                self.assertIn(reason, rows[path].check_detail)
        rows["/linked"].refresh_from_db()
        self.assertEqual(rows["/linked"].link_status, "linked")

    def test_a_page_that_breaks_the_checker_is_recorded_and_the_run_goes_on(self):
        first = Republication.objects.create(interview=self.interview, page_url=self.raw_base + "/linked")
        second = Republication.objects.create(interview=self.interview, page_url=self.base + "/linked")
        judge = "cms.attribution.management.commands.check_republications.judge"
        with (
            mock.patch(judge, side_effect=[RuntimeError("unforeseen"), ("no_link", "No link.")]),
            self.assertLogs("cms.attribution", "ERROR") as logs,
        ):
            self.run_check()
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual(first.link_status, "unreachable")
        self.assertEqual(first.check_detail, "The check failed on this page; see the log.")
        self.assertIn("unforeseen", logs.output[0])
        self.assertEqual(second.link_status, "no_link")


@override_settings(LINK_CHECK_TIMEOUT=1)
class DeadlineTests(TwoSitesTestCase):
    """One deadline per page covers DNS, connecting, the headers, the body and robots.txt."""

    HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: "

    def setUp(self):
        super().setUp()
        self.dns.set("slow.test", OUTSIDE)

    def assertGivenUp(self, script, url_path="/page", dns_delay=0):
        server = start(RawServer(script))
        self.addCleanup(stop, server)
        self.dns.delays["slow.test"] = dns_delay
        url = f"http://slow.test:{server.server_address[1]}{url_path}"
        started = time.monotonic()
        republication, _ = self.check_url(url)
        self.assertLess(time.monotonic() - started, 3)
        self.assertEqual(republication.link_status, "unreachable")
        self.assertEqual(republication.check_detail, "Too slow: no full answer within 1 s.")

    def test_headers_sent_in_a_trickle_are_given_up_at_the_deadline(self):
        self.assertGivenUp(
            {"/robots.txt": ok(b""), "/page": trickle(self.HEAD, 0.1, 80)},
        )

    def test_robots_txt_sent_in_a_trickle_is_given_up_at_the_deadline(self):
        self.assertGivenUp({"/robots.txt": trickle(self.HEAD, 0.1, 80), "/page": ok(b"<p>fast</p>")})

    def test_robots_txt_and_the_page_share_one_deadline(self):
        self.assertGivenUp({"/robots.txt": [0.7, *ok(b"")], "/page": [0.7, *ok(PAGES["/linked"].encode())]})

    def test_a_slow_dns_answer_is_given_up_at_the_deadline(self):
        self.assertGivenUp({"/robots.txt": ok(b""), "/page": ok(b"<p>fast</p>")}, dns_delay=4)
