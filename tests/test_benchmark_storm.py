"""The benchmark's save storm and search queries (benchmarks/storm.py, benchmarks/search_kinds.py):
what they load, what they choose, and how they report."""

import contextlib
import io
import json

from django.test import SimpleTestCase, TestCase

from benchmarks import search_kinds, storm
from benchmarks.editor import SLUG_PREFIX, prepare, remove
from interviews.models import Interview
from tests.builders import make_expert, make_interview


def row(p50=2000, p99=9000, hit=0, stale=0, other=0):
    return {
        "rps": 1000.0,
        "p50": p50,
        "p95": p99,
        "p99": p99,
        "cache": {"HIT": hit, "STALE": stale, "other": other},
    }


class StormTests(SimpleTestCase):
    def test_the_mix_is_mostly_interviews_with_every_list_and_the_saved_page(self):
        urls = {
            "interview": [f"/interviews/n{n}/" for n in range(200)],
            "expert": ["/experts/e/"],
            "tag": ["/tags/t/"],
            "archive p200": ["/?page=200"],
            "search": ["/search/?q=w"],
        }
        paths = storm.mix(urls, "/interviews/saved/")
        self.assertEqual(sum(path.startswith("/interviews/n") for path in paths), 200)
        self.assertEqual(paths.count("/"), 20)
        for page in ["/interviews/saved/", "/?page=1", "/feed/", "/experts/e/", "/tags/t/", "/search/?q=w"]:
            self.assertEqual(paths.count(page), 10, page)

    def test_stale_copies_count_as_served_from_the_cache(self):
        self.assertEqual(storm.hit_rate(row(hit=80, stale=10, other=10)), 0.9)
        self.assertEqual(storm.hit_rate(row()), 0.0)

    def test_the_report_says_whether_each_target_is_met(self):
        figures = {
            "calm": row(p99=10_000, hit=99, other=1),
            "storm": row(p99=14_000, hit=85, stale=8, other=7),
            "saves": [120.0, 140.0, 130.0],
            "distinct": 208,
        }
        text = "\n".join(storm.report_lines(figures))
        self.assertIn("| save every 2 s | 1,000 | 2.0 | 14.0 | 93.0% | 85 | 8 | 7 |", text)
        self.assertIn("93.0% (target ≥ 90%): met", text)
        self.assertIn("1.40 × the calm p99 (target ≤ 1.5): met", text)
        figures["storm"] = row(p99=20_000, hit=50, other=50)
        text = "\n".join(storm.report_lines(figures))
        self.assertIn("50.0% (target ≥ 90%): MISSED", text)
        self.assertIn("2.00 × the calm p99 (target ≤ 1.5): MISSED", text)


class PublishedCopyTests(TestCase):
    def test_the_storm_saves_a_published_copy_and_removes_it(self):
        make_interview(
            title="Longest", experts=[make_expert()], tags=["Water"], blocks=[("answer", "Text.")] * 4
        )
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            prepare(published=True)
        made = json.loads(out.getvalue())
        copy = Interview.objects.get(slug__startswith=SLUG_PREFIX)
        self.assertEqual(made["public_url"], copy.get_absolute_url())
        self.assertEqual(self.client.get(made["public_url"]).status_code, 200)
        remove()
        self.assertFalse(Interview.objects.filter(slug__startswith=SLUG_PREFIX).exists())


class SearchKindsTests(TestCase):
    def test_every_kind_of_query_is_chosen_from_the_dataset(self):
        expert = make_expert(name="Aida Sultan")
        letters = "abcdefghijklmnopqrstuvwxyz"
        for n in range(26):
            words = "grainmarket riverbasin" if n < 2 else "riverbasin"
            lead = f"{words} unique{letters[n]}word"
            make_interview(title=f"Talk {n}", experts=[expert], tags=["Water"], lead=lead, blocks=[])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            search_kinds.choose()
        chosen = json.loads(out.getvalue())
        self.assertEqual(
            list(chosen),
            [
                "rare word",
                "title word, 2-5 %",
                "body word, 2-5 %",
                "expert's name, 2-5 %",
                "word in every interview",
                "… by one expert",
                "… on one topic",
                "… in Russian",
            ],
        )
        self.assertEqual(chosen["word in every interview"]["words"], "riverbasin")
        self.assertRegex(chosen["rare word"]["words"], r"^unique[a-z]word$")
        self.assertIn("&expert=aida-sultan", chosen["… by one expert"]["path"])
        self.assertIn("&language=ru", chosen["… in Russian"]["path"])
        for kind, query in chosen.items():
            with self.subTest(kind):
                self.assertEqual(self.client.get(query["path"]).status_code, 200)

    def test_the_report_marks_slow_and_timed_out_queries(self):
        results = {
            "rare word": {"words": "w", "matches": 3, **row(p99=40_000), "requests": 90, "errors": 0},
            "word in every interview": {
                "words": "v",
                "matches": 900,
                **row(p99=240_000),
                "requests": 9,
                "errors": 0,
            },
            "… in Russian": {"words": "v", "matches": 180, **row(), "requests": 0, "errors": 1},
        }
        text = "\n".join(search_kinds.report_lines(results, public=1000))
        self.assertIn("| rare word | w | 3 | 0.3% |", text)
        self.assertRegex(text, r"word in every interview .* 90.0% .* MISSED")
        self.assertRegex(text, r"… in Russian .* timed out")
