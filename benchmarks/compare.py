"""Compare two versions of the site on one dataset, request by request, on a noisy machine.

    .venv/bin/python -m benchmarks.compare --before /tmp/old-checkout --size 1000 \
        [--before-database cms_bench_1000_old] [--requests 300] [--modes cached,uncached]

scripts/benchmark measures one version, one page after another, in runs of seconds; on a shared
machine its floor alone moved by half between two runs a minute apart, so a change of 10 % to a
page's ratio could not be told from noise. This starts a server for each version (the checkout
given, and this one) on the same dataset with the same settings, and then, at one connection,
asks each version's floor and page in a shuffled order, again and again: both versions meet the
same moments of the machine. It reports the median time of each page and its ratio to its own
version's floor (the floor's median over the page's), as scripts/benchmark's tables do.

A checkout from before the benchmark's tooling moved to benchmarks/ (its floor routed by the
BENCHMARK_FLOOR setting) works too. Its stored page parts must be its own: give it a copy of the
dataset (--before-database, `createdb -T`) on which its `manage.py render_bodies` has run, or its
interview pages are rendered live and measured slower than they are.
"""

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from benchmarks import pages
from benchmarks.benchmark import django_eval, server_environment

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
MODES = {"cached": 300, "uncached": 0}
PAGE_KINDS = ("home", "interview", "expert", "tag", "archive p200", "search", "feed")


def environment(tree, database_url, redis_db, page_cache_seconds):
    """Return the environment of a version's server and commands: the benchmark's, for its checkout."""
    env = server_environment(database_url, redis_db, f"/tmp/compare-static-{redis_db}", "compare")
    env["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    env.update(settings_for(tree))
    return env


def settings_for(tree):
    """Return how a checkout routes its floor: benchmarks.settings, or the older setting."""
    if (Path(tree) / "benchmarks" / "settings.py").exists():
        return {"DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    return {"DJANGO_SETTINGS_MODULE": "cms.settings", "BENCHMARK_FLOOR": "true"}


class Server:
    def __init__(self, name, tree, database_url, port, redis_db):
        self.name, self.tree, self.database_url = name, str(tree), database_url
        self.port, self.redis_db = port, redis_db
        self.process = None

    def start(self, page_cache_seconds):
        import redis

        self.stop()
        redis.Redis(host=HOST, port=6379, db=self.redis_db).flushdb()
        env = environment(self.tree, self.database_url, self.redis_db, page_cache_seconds)
        manage = [PYTHON, "manage.py"]
        subprocess.run(
            [*manage, "compile_translations"], cwd=self.tree, env=env, check=True, capture_output=True
        )
        subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=self.tree, env=env, check=True)
        command = [
            str(Path(PYTHON).parent / "gunicorn"), "cms.wsgi", "--chdir", self.tree,
            "--bind", f"{HOST}:{self.port}", "--workers", "2", "--max-requests", "0",
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=self.tree, env=env, stdout=subprocess.DEVNULL, start_new_session=True
        )
        for _ in range(150):
            try:
                if get(self.port, "/_floor/") is not None:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"the {self.name} server did not start")

    def stop(self):
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
            self.process = None


def get(port, path):
    """Return the milliseconds to the last byte of one GET (a new connection, as wrk's are)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    response.read()
    milliseconds = (time.perf_counter() - started) * 1000
    connection.close()
    if response.status != 200:
        raise SystemExit(f"port {port} answered {response.status} to {path}")
    return milliseconds


def interleave(ask, versions, paths, requests, rng):
    """Ask each version's floor and page `requests` times, in a shuffled order each round.

    ask(version, path) returns milliseconds. Returns {version: {"floor": median, "page": median}}.
    """
    times = {(version, what): [] for version in versions for what in ("floor", "page")}
    for n in range(requests):
        path = paths[n % len(paths)]
        order = list(times)
        rng.shuffle(order)
        for version, what in order:
            times[(version, what)].append(ask(version, "/_floor/" if what == "floor" else path))
    return {
        version: {what: statistics.median(times[(version, what)]) for what in ("floor", "page")}
        for version in versions
    }


def table(results):
    """Return the Markdown tables of {mode: {page: {"before": …, "after": …}}}."""
    lines = []
    for mode, by_page in results.items():
        lines += [
            "",
            f"Page cache {'warm' if mode == 'cached' else 'off'}: median ms (ratio to the floor)",
            "",
            "| page | before | after | ratio change |",
            "| --- | ---: | ---: | ---: |",
        ]
        for page, found in by_page.items():
            ratio = {side: found[side]["floor"] / found[side]["page"] for side in ("before", "after")}
            lines.append(
                f"| {page} | {found['before']['page']:.2f} ({ratio['before']:.1%}) | "
                f"{found['after']['page']:.2f} ({ratio['after']:.1%}) | "
                f"{ratio['after'] / ratio['before'] - 1:+.1%} |"
            )
    return "\n".join(lines)


def choose_paths(args, database_url):
    """Return the pages to compare, chosen from the dataset as scripts/benchmark chooses them."""
    env = environment(ROOT, database_url, 15, 0)
    bench = SimpleNamespace(args=SimpleNamespace(sample=50), django_eval=lambda code: django_eval(env, code))
    urls = pages.choose_urls(bench)
    return {kind: urls[kind] for kind in args.pages.split(",")}


def main(args):
    database = f"postgres://postgres@{HOST}:5432/"
    after_url = database + (args.database or f"cms_bench_{args.size}")
    before_url = database + args.before_database if args.before_database else after_url
    paths = choose_paths(args, after_url)
    servers = {
        "before": Server("before", args.before, before_url, args.port, args.redis_db),
        "after": Server("after", ROOT, after_url, args.port + 1, args.redis_db + 1),
    }
    rng = random.Random(args.seed)
    results = {}
    try:
        for mode in args.modes.split(","):
            for server in servers.values():
                server.start(MODES[mode])
            for server in servers.values():  # each worker compiles its templates, fills its caches
                for kind_paths in paths.values():
                    for path in kind_paths * 2:
                        get(server.port, path)
            results[mode] = {}
            for kind, kind_paths in paths.items():
                found = interleave(
                    lambda version, path: get(servers[version].port, path),
                    list(servers),
                    kind_paths,
                    args.requests,
                    rng,
                )
                results[mode][kind] = found
                print(f"{mode} {kind}: {json.dumps(found)}", flush=True)
    finally:
        for server in servers.values():
            server.stop()
    print(table(results))
    if args.output:
        Path(args.output).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Compare two versions of the site, request by request.")
    parser.add_argument("--before", required=True, help="a checkout of the version to compare against")
    parser.add_argument("--size", type=int, default=1000, help="the dataset's size (scripts/benchmark's)")
    parser.add_argument("--database", help="PostgreSQL database of the dataset (default cms_bench_<size>)")
    parser.add_argument("--before-database", help="a copy of it with the before version's stored parts")
    parser.add_argument("--requests", type=int, default=300, help="requests of each page per version")
    parser.add_argument("--modes", default="cached,uncached")
    parser.add_argument("--pages", default=",".join(PAGE_KINDS))
    parser.add_argument("--port", type=int, default=8771)
    parser.add_argument("--redis-db", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", help="also write the medians as JSON here")
    main(parser.parse_args())
