"""The comparison of two versions request by request (benchmarks/compare.py): what it asks, how
it survives a machine that changes speed, and how it reports."""

import itertools
import random
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from benchmarks import compare


class InterleaveTests(SimpleTestCase):
    def test_both_versions_meet_the_same_machine(self):
        # The machine halves its speed every 40 requests; the after version's page is 10 % faster.
        asked = itertools.count()
        cost = {("before", "/_floor/"): 1.0, ("after", "/_floor/"): 1.0, ("before", "/p/"): 10.0}
        cost[("after", "/p/")] = 9.0

        def ask(version, path):
            slow = 2 if next(asked) // 40 % 2 else 1
            return cost[(version, path)] * slow

        found = compare.interleave(ask, ["before", "after"], ["/p/"], 100, random.Random(1))
        ratio = {side: found[side]["floor"] / found[side]["page"] for side in found}
        self.assertAlmostEqual(ratio["after"] / ratio["before"], 10 / 9, places=1)

    def test_each_round_asks_every_floor_and_page_once_cycling_the_paths(self):
        asked = []
        compare.interleave(
            lambda version, path: asked.append((version, path)) or 1.0,
            ["before", "after"],
            ["/a/", "/b/"],
            3,
            random.Random(2),
        )
        self.assertEqual(len(asked), 12)
        for n, path in enumerate(["/a/", "/b/", "/a/"]):
            self.assertCountEqual(
                asked[4 * n : 4 * n + 4],
                [("before", "/_floor/"), ("after", "/_floor/"), ("before", path), ("after", path)],
            )


class ReportTests(SimpleTestCase):
    def test_the_table_gives_times_ratios_and_their_change(self):
        results = {
            "uncached": {
                "home": {"before": {"floor": 2.0, "page": 20.0}, "after": {"floor": 2.0, "page": 16.0}}
            }
        }
        text = compare.table(results)
        self.assertIn("Page cache off", text)
        self.assertIn("| home | 20.00 (10.0%) | 16.00 (12.5%) | +25.0% |", text)


class CheckoutTests(SimpleTestCase):
    def test_a_checkout_is_served_with_the_settings_that_route_its_floor(self):
        self.assertEqual(
            compare.settings_for(compare.ROOT), {"DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
        )
        with tempfile.TemporaryDirectory() as older:
            (Path(older) / "cms").mkdir()
            self.assertEqual(
                compare.settings_for(older),
                {"DJANGO_SETTINGS_MODULE": "cms.settings", "BENCHMARK_FLOOR": "true"},
            )
