from datetime import UTC, datetime

import time_machine
from django.core.cache import cache
from django.test import RequestFactory, SimpleTestCase, override_settings

from cms.clients import client_hash, client_ip, hit


def request(remote="203.0.113.7", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


class ClientAddressTests(SimpleTestCase):
    def test_connection_address_is_used_without_trusted_proxies(self):
        self.assertEqual(client_ip(request(forwarded="198.51.100.1")), "203.0.113.7")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_one_trusted_proxy_yields_the_address_it_saw(self):
        self.assertEqual(client_ip(request("10.0.0.2", "198.51.100.1")), "198.51.100.1")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_forged_entries_before_the_proxy_are_ignored(self):
        self.assertEqual(client_ip(request("10.0.0.2", "1.2.3.4, 198.51.100.1")), "198.51.100.1")

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_garbage_header_falls_back_to_the_connection(self):
        self.assertEqual(client_ip(request("10.0.0.2", "<script>")), "10.0.0.2")
        self.assertEqual(client_ip(request("10.0.0.2", "")), "10.0.0.2")

    def test_hash_hides_the_address_and_rotates(self):
        first = client_hash(request())
        self.assertNotIn("203.0.113.7", first)
        self.assertEqual(first, client_hash(request()))
        self.assertNotEqual(first, client_hash(request("203.0.113.8")))
        with time_machine.travel(datetime(2040, 1, 1, tzinfo=UTC)):
            self.assertNotEqual(first, client_hash(request()))


class IPv6ClientTests(SimpleTestCase):
    def setUp(self):
        cache.clear()

    def test_addresses_of_one_64_network_are_one_client(self):
        self.assertEqual(client_ip(request("2001:db8:1:2::1")), "2001:db8:1:2::")
        self.assertEqual(client_ip(request("2001:db8:1:2:ffff:ffff:ffff:ffff")), "2001:db8:1:2::")
        self.assertEqual(
            client_hash(request("2001:db8:1:2::1")), client_hash(request("2001:db8:1:2:abcd::9"))
        )
        self.assertNotEqual(client_ip(request("2001:db8:1:3::1")), client_ip(request("2001:db8:1:2::1")))

    def test_a_64_network_shares_one_limit(self):
        self.assertTrue(hit(request("2001:db8:1:2::1"), "test", limit=2, period=60).allowed)
        self.assertTrue(hit(request("2001:db8:1:2::2"), "test", limit=2, period=60).allowed)
        self.assertFalse(hit(request("2001:db8:1:2:dead:beef:0:1"), "test", limit=2, period=60).allowed)
        self.assertTrue(hit(request("2001:db8:1:3::1"), "test", limit=2, period=60).allowed)

    def test_ipv4_mapped_address_counts_as_its_ipv4(self):
        self.assertEqual(client_ip(request("::ffff:203.0.113.7")), "203.0.113.7")
        hit(request("203.0.113.7"), "test", limit=1, period=60)
        self.assertFalse(hit(request("::ffff:203.0.113.7"), "test", limit=1, period=60).allowed)
        self.assertEqual(client_hash(request("::ffff:cb00:7107")), client_hash(request("203.0.113.7")))

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_forwarded_ipv6_client_is_grouped_too(self):
        self.assertEqual(client_ip(request("10.0.0.2", "2001:db8:9:9::77")), "2001:db8:9:9::")
        self.assertEqual(client_ip(request("10.0.0.2", "::ffff:198.51.100.1")), "198.51.100.1")


class LimitTests(SimpleTestCase):
    def setUp(self):
        cache.clear()

    def test_limit_allows_up_to_the_figure_then_refuses_with_retry_after(self):
        results = [hit(request(), "test", limit=3, period=60) for _ in range(4)]
        self.assertEqual([r.allowed for r in results], [True, True, True, False])
        self.assertTrue(1 <= results[-1].retry_after <= 60)

    def test_clients_are_counted_apart(self):
        hit(request(), "test", limit=1, period=60)
        self.assertTrue(hit(request("203.0.113.99"), "test", limit=1, period=60).allowed)

    @override_settings(TRUSTED_PROXY_COUNT=1)
    def test_forged_header_does_not_escape_the_limit(self):
        hit(request("10.0.0.2", "198.51.100.1"), "test", limit=1, period=60)
        forged = request("10.0.0.2", "9.9.9.9, 198.51.100.1")
        self.assertFalse(hit(forged, "test", limit=1, period=60).allowed)
