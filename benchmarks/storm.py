"""The save storm: readers over a mix of pages with the page cache on, first calm, then while an
editor's save of a published interview lands every SAVE_EVERY seconds, as on a working day.

The saved interview is a published copy of the dataset's longest one, made for the run
(benchmarks/editor.py) and so the newest: it leads the front page, the first archive page and
the feed, which a save therefore outdates. The readers' mix holds those pages, the saved
interview's own, an expert's, a topic's, a search and 200 other interviews. Each answer's
X-Cache says whether it came from the cache (HIT, or STALE: the previous copy, served while one
request rebuilds it) or was rendered (MISS).
"""

import json
import threading
import time

from benchmarks import editor

CONNECTIONS = 16
SAVE_EVERY = 2.0
HIT_RATE_TARGET = 0.90
P99_TARGET_RATIO = 1.5


def mix(urls, saved_page):
    """Return the readers' paths: mostly interviews, the front page often, each list now and then."""
    lists = [
        saved_page,
        "/?page=1",
        "/feed/",
        *urls["expert"],
        *urls["tag"],
        *urls["archive p200"],
        *urls["search"],
    ]
    paths = []
    for n, page in enumerate(urls["interview"]):
        paths.append(page)
        if n % 10 == 0:
            paths.append("/")
        if n % 20 == 0:
            paths += lists
    return paths


class Saver(threading.Thread):
    """The editor: a save through the change form every SAVE_EVERY seconds until stopped."""

    def __init__(self, session, path):
        super().__init__(daemon=True)
        self.session, self.path = session, path
        self.stopping = threading.Event()
        self.milliseconds = []
        self.failure = None

    def run(self):
        n = 100
        while not self.stopping.is_set():
            started = time.monotonic()
            try:
                self.milliseconds.append(self.session.save(self.path, n))
            except BaseException as error:  # noqa: BLE001 (reported by measure())
                self.failure = error
                return
            n += 1
            self.stopping.wait(max(0.0, SAVE_EVERY - (time.monotonic() - started)))


def measure(bench, urls, duration):
    """Run both levels through bench's running server (page cache on); return the figures."""
    try:
        made = json.loads(bench.django_eval("from benchmarks.editor import prepare; prepare(published=True)"))
        session = editor.Session("127.0.0.1", bench.args.port, made["cookie_name"], made["cookie"])
        paths = mix(urls, made["public_url"])
        for path in dict.fromkeys(paths):  # the cache holds every page of the mix
            bench.request_page(path)
        calm = bench.load("storm: calm", paths, CONNECTIONS, count_cache=True, duration=duration)
        saver = Saver(session, made["url"])
        saver.start()
        stormy = bench.load("storm: saves", paths, CONNECTIONS, count_cache=True, duration=duration)
        saver.stopping.set()
        saver.join(timeout=60)
        if saver.failure:
            raise SystemExit(f"the storm's editor failed: {saver.failure}")
    finally:
        bench.django_eval("from benchmarks.editor import remove; remove(); print('removed')")
    return {"calm": calm, "storm": stormy, "saves": saver.milliseconds, "distinct": len(set(paths))}


def hit_rate(row):
    cache = row.get("cache") or {}
    served = sum(cache.values())
    return (cache.get("HIT", 0) + cache.get("STALE", 0)) / served if served else 0.0


def report_lines(figures):
    """Return the results file's "Save storm" section."""
    calm, storm, saves = figures["calm"], figures["storm"], figures["saves"]
    ratio = storm["p99"] / calm["p99"] if calm["p99"] else 0
    rate = hit_rate(storm)
    lines = [
        "## Save storm",
        "",
        f"Readers at {CONNECTIONS} connections over a mix of {figures['distinct']} pages (200 "
        "interviews, the front page, the first archive page, the feed, an expert, a topic, a deep "
        "archive page, a search, and the interview being saved), page cache on; then the same "
        f"while an Editor saves that published interview every {SAVE_EVERY:.0f} s through its change "
        f"form ({len(saves)} saves, p50 {sorted(saves)[len(saves) // 2] if saves else 0:.0f} ms). "
        "From the cache: HIT, or STALE (the previous copy while one request rebuilds the page).",
        "",
        "| level | req/s | p50 ms | p99 ms | from the cache | HIT | STALE | rendered |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, row in (("calm", calm), ("save every 2 s", storm)):
        cache = row.get("cache") or {}
        lines.append(
            f"| {label} | {row['rps']:,.0f} | {row['p50'] / 1000:.1f} | {row['p99'] / 1000:.1f} | "
            f"{hit_rate(row):.1%} | {cache.get('HIT', 0):,} | {cache.get('STALE', 0):,} | "
            f"{cache.get('other', 0):,} |"
        )
    lines += [
        "",
        f"- From the cache during the storm: {rate:.1%} (target ≥ {HIT_RATE_TARGET:.0%}): "
        f"{'met' if rate >= HIT_RATE_TARGET else 'MISSED'}",
        f"- Readers' p99 during the storm: {ratio:.2f} × the calm p99 (target ≤ {P99_TARGET_RATIO}): "
        f"{'met' if ratio and ratio <= P99_TARGET_RATIO else 'MISSED'}",
        "",
    ]
    return lines
