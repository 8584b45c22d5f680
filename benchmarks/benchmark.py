"""Benchmark the public site against a floor: the same server, middleware and settings serving a
constant page. Run it through scripts/benchmark (README.md, "Benchmark").

Steps: make (or reuse) a dataset of --size interviews (`manage.py generate_dataset`); start
gunicorn with production settings, the floor page routed (benchmarks/settings.py) and a Redis
cache; drive load from wrk (or benchmarks/loadgen.py) at a few concurrency levels, with the page
cache warm and with it off; count each page's queries and EXPLAIN the costly ones; measure each
worker's memory; readers through a storm of saves (storm.py); every kind of search query
(search_kinds.py); time an editor's change page and save (editor.py); write the results (report.py).
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks import editor, pages, report, search_kinds, storm
from benchmarks.report import PAGES

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
HOST = "127.0.0.1"


def run(command, env=None, **options):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, text=True, **options)


def output(command, **options):
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, **options).stdout.strip()
    except OSError:
        return ""


def server_environment(database_url, redis_db, static_root, key_prefix="bench"):
    """Return the environment the benchmark's server and commands run in."""
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{HOST},testserver",
        "DATABASE_URL": database_url,
        "CACHE_URL": f"redis://{HOST}:6379/{redis_db}",
        "CACHE_KEY_PREFIX": key_prefix,
        # The site's settings, with /_floor/ routed and the dataset command installed.
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "STATIC_ROOT": str(static_root),
        # The load client plays the proxy that ends TLS: its X-Forwarded-Proto is believed.
        "TRUSTED_PROXY_COUNT": "1",
        # One load client stands for many readers: per-client limits would only measure 429s.
        "REPORTS_PER_HOUR": "1000000000",
        "SEARCH_PER_MINUTE": "1000000000",
        "LOG_LEVEL": "WARNING",
    }


def django_eval(env, code):
    """Run code in a Python process with Django set up in env; return its last line of output."""
    script = f"import django; django.setup(); {code}"
    # The last line: apps may print a banner of their own when Django starts.
    return run([PYTHON, "-c", script], env=env, capture_output=True).stdout.strip().splitlines()[-1]


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="cms-bench-"))
        self.results_dir = Path(args.output)
        self.results_dir.mkdir(parents=True, exist_ok=True)
        if args.db == "postgres":
            self.database_url = f"postgres://postgres@{HOST}:5432/{args.database or f'cms_bench_{args.size}'}"
        else:
            (ROOT / "benchmark-results").mkdir(exist_ok=True)
            self.database_url = f"sqlite:///{ROOT / 'benchmark-results' / f'bench-{args.size}.sqlite3'}"
        self.env = server_environment(self.database_url, args.redis_db, self.work / "static")
        self.notes = []
        self.server = None
        self.server_log = open(self.work / "server.log", "ab")  # noqa: SIM115 (closed in main)

    # --- dataset --------------------------------------------------------------------------

    def manage(self, *command, env=None, **options):
        return run([PYTHON, "manage.py", *command], env=env or self.env, **options)

    def prepare_database(self):
        if self.args.db == "postgres":
            name = self.database_url.rsplit("/", 1)[1]
            exists = output(
                [
                    "psql",
                    "-h",
                    HOST,
                    "-U",
                    "postgres",
                    "-Atc",
                    f"SELECT 1 FROM pg_database WHERE datname='{name}'",
                ]
            )
            if exists and not self.args.reuse:
                run(["dropdb", "-h", HOST, "-U", "postgres", "--force", name])
                exists = ""
            if not exists:
                run(["createdb", "-h", HOST, "-U", "postgres", name])
        elif not self.args.reuse:
            Path(self.database_url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        self.manage("migrate", "--no-input", "-v0")
        count = self.django_eval("from interviews.models import Interview; print(Interview.objects.count())")
        if self.args.reuse and int(count) >= self.args.size:
            self.generation = f"reused an existing dataset of {int(count)} interviews"
            return
        started = time.monotonic()
        result = self.manage(
            "generate_dataset", "--size", str(self.args.size), "--force", capture_output=True
        )
        self.generation = f"{time.monotonic() - started:.0f} s ({result.stdout.strip().splitlines()[-1]})"
        print("Dataset:", self.generation, flush=True)

    def django_eval(self, code):
        return django_eval(self.env, code)

    def time_transcript_import(self):
        """Return the seconds to parse and save a generated 20,000-word transcript (rolled back)."""
        code = (
            "import time; from django.db import transaction; "
            "from interviews.importer import create_draft; from interviews.transcripts import read_upload; "
            "words = 'the river carries silt and stories past the old town every spring when snow melts'"
            ".split(); parts = ['Anna Berg: rivers remember', 'A lead.', "
            "'Anna Berg is a hydrologist at the Delta Institute.']; "
            "parts += [p for n in range(110) for p in [f'Meridian: Why does the {words[n % 15]} matter?', "
            "*(' '.join(words[(n + k + j) % 15] for k in range(60)).capitalize() + '.' for j in range(3))]]; "
            "data = '\\n\\n'.join(parts).encode(); started = time.perf_counter()\n"
            "with transaction.atomic():\n"
            "    create_draft(read_upload('long.txt', data)); seconds = time.perf_counter() - started\n"
            "    transaction.set_rollback(True)\n"
            "print(f'{len(data.split()):,} words in {seconds:.2f} s')"
        )
        return self.django_eval(code)

    # --- server ---------------------------------------------------------------------------

    def start_server(self, page_cache_seconds):
        self.stop_server()
        env = {**self.env, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}
        import redis

        redis.Redis(host=HOST, port=6379, db=self.args.redis_db).flushdb()
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            "cms.wsgi",
            "--bind", f"{HOST}:{self.args.port}",
            "--workers", str(self.args.workers),
            "--max-requests", "0",
            "--log-level", "warning",
        ]  # fmt: skip
        self.server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.server_log,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                with urllib.request.urlopen(self.url("/_floor/", https=True), timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("gunicorn did not start")

    def stop_server(self):
        if self.server is not None:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=30)
            self.server = None

    def url(self, path, https=False):
        if https:
            request = urllib.request.Request(f"http://{HOST}:{self.args.port}{path}")
            request.add_header("X-Forwarded-Proto", "https")
            return request
        return f"http://{HOST}:{self.args.port}{path}"

    def worker_rss(self):
        """Return the resident memory of each gunicorn worker, in MB, from /proc."""
        sizes = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if re.search(rf"^PPid:\s+{self.server.pid}$", text, re.M):
                sizes.append(int(re.search(r"^VmRSS:\s+(\d+)", text, re.M).group(1)) / 1024)
        return sizes

    # --- load -----------------------------------------------------------------------------

    def csrf(self):
        request = self.url("/reports/token/", https=True)
        with urllib.request.urlopen(request) as response:
            token = json.load(response)["csrfToken"]
            cookie = response.headers["Set-Cookie"].split(";")[0]
        return token, cookie

    def load(self, name, paths, connections, body=None, count_cache=False, duration=None):
        duration = duration or self.args.duration
        path_file = self.work / "paths.txt"
        path_file.write_text("\n".join(paths) + "\n")
        headers = []
        method = "GET"
        if body is not None:
            token, cookie = self.csrf()
            (self.work / "body.json").write_text(json.dumps(body))
            method = "POST"
            origin = f"https://{HOST}:{self.args.port}"
            headers = [
                "Content-Type: application/json",
                f"X-CSRFToken: {token}",
                f"Cookie: {cookie}",
                f"Origin: {origin}",
            ]
        if self.client == "wrk":
            env = {
                **os.environ,
                "BENCH_PATHS": str(path_file),
                "BENCH_METHOD": method,
                "BENCH_HEADERS": "|".join(headers),
            }
            if body is not None:
                env["BENCH_BODY"] = str(self.work / "body.json")
            if count_cache:
                env["BENCH_COUNT_CACHE"] = "1"
            command = [
                "wrk", "-t", str(min(connections, self.args.wrk_threads)), "-c", str(connections),
                "-d", f"{duration}s", "--timeout", "10s", "-s", str(HERE / "wrk.lua"),
                self.url("/"),
            ]  # fmt: skip
            result = subprocess.run(command, capture_output=True, text=True, env=env)
        else:
            command = [
                PYTHON, str(HERE / "loadgen.py"),
                "--url", self.url(""), "--paths", str(path_file),
                "--connections", str(connections), "--duration", str(duration), "--method", method,
                "--header", "X-Forwarded-Proto: https",
            ]  # fmt: skip
            for header in headers:
                command += ["--header", header]
            if body is not None:
                command += ["--body", str(self.work / "body.json")]
            result = subprocess.run(command, capture_output=True, text=True)
        line = next((line for line in result.stdout.splitlines() if line.startswith("{")), None)
        if line is None:
            raise SystemExit(f"load client failed for {name}: {result.stdout}\n{result.stderr}")
        measured = json.loads(line)
        measured["rps"] = measured["requests"] / measured["seconds"]
        if measured["non2xx"] or measured["errors"]:
            self.notes.append(
                f"{name} at {connections} connections: {measured['non2xx']} non-2xx/3xx answers, "
                f"{measured['errors']} socket errors"
            )
        print(
            f"  {name:14} c={connections:<3} {measured['rps']:8.0f} req/s"
            f"  p50 {measured['p50'] / 1000:7.1f} ms"
            f"  p99 {measured['p99'] / 1000:7.1f} ms",
            flush=True,
        )
        self.served += measured["requests"]
        return measured

    def warm(self, urls):
        """Request every page before measuring: fills the page cache when it is on, and lets each
        worker compile its templates and open its database connection, which it does once."""
        for name in PAGES[:-1] + ["archive p1"]:
            paths = urls[name]
            for n in range(max(len(paths), 3 * self.args.workers)):
                self.request_page(paths[n % len(paths)])

    def request_page(self, path):
        with urllib.request.urlopen(self.url(path, https=True)) as response:
            response.read()

    def check_static(self):
        """Return how WhiteNoise serves the stylesheet: its hashed name and caching headers."""
        with urllib.request.urlopen(self.url("/", https=True)) as response:
            css = re.search(r'href="(/static/[^"]+\.css)"', response.read().decode()).group(1)
        request = self.url(css, https=True)
        request.add_header("Accept-Encoding", "gzip, br")
        with urllib.request.urlopen(request) as response:
            headers = response.headers
        return (
            f"{css}: Cache-Control “{headers['Cache-Control']}”, "
            f"Content-Encoding {headers.get('Content-Encoding', 'none')}"
        )

    def mode(self, label, page_cache_seconds, urls, levels):
        print(f"{label}:", flush=True)
        self.start_server(page_cache_seconds)
        self.static = self.check_static()
        self.warm(urls)
        results = {}
        for connections in levels:
            row = {"floor": self.load("floor", ["/_floor/"], connections)}
            for name in PAGES + ["archive p1"]:
                body = urls["report_body"] if name == "report POST" else None
                row[name] = self.load(name, urls[name], connections, body)
            results[connections] = row
        return results

    # --- report ---------------------------------------------------------------------------

    def versions(self):
        django = self.django_eval("import django as d; print(d.get_version())")
        parts = [f"Python {platform.python_version()}", f"Django {django}"]
        parts.append(output([str(Path(PYTHON).parent / "gunicorn"), "--version"]) or "gunicorn ?")
        if self.args.db == "postgres":
            parts.append(
                output(["psql", "-h", HOST, "-U", "postgres", "-Atc", "SHOW server_version"]).join(
                    ["PostgreSQL ", ""]
                )
            )
        else:
            parts.append("SQLite " + self.django_eval("import sqlite3; print(sqlite3.sqlite_version)"))
        parts.append(output(["redis-server", "--version"]).split(" sha")[0] or "Redis ?")
        parts.append(
            output(["wrk", "--version"]).splitlines()[0].split(" [")[0]
            if self.client == "wrk"
            else "benchmarks/loadgen.py"
        )
        return ", ".join(part for part in parts if part)

    # --- main -----------------------------------------------------------------------------

    def main(self):
        self.client = self.args.client
        if self.client == "auto":
            self.client = "wrk" if shutil.which("wrk") else "python"
        self.served = 0
        try:
            self.prepare_database()
            self.manage("collectstatic", "--no-input", "-v0")
            urls = pages.choose_urls(self)
            queries = pages.count_queries(self, urls)
            print("Queries per page:", queries["counts"], flush=True)
            levels = [int(level) for level in self.args.connections.split(",")]
            cached = self.mode("Page cache warm", 300, urls, levels)
            self.storm = storm.measure(self, urls, duration=max(20, 2 * self.args.duration))
            uncached = self.mode("Page cache off", 0, urls, levels)
            # On the server of the uncached run, still up.
            self.searches = search_kinds.measure(self, duration=self.args.duration)
            self.editor = editor.measure(self)
            rss = self.worker_rss()
            self.transcript = self.time_transcript_import()
            print("Transcript import:", self.transcript, flush=True)
            report.write(self, urls, queries, cached, uncached, rss)
        finally:
            self.stop_server()
            self.server_log.close()
            shutil.rmtree(self.work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Benchmark the public pages against a floor.")
    parser.add_argument("--size", type=int, default=1000, help="interviews in the dataset (1,000 to 100,000)")
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--database", help="PostgreSQL database name (default cms_bench_<size>)")
    parser.add_argument("--reuse", action="store_true", help="keep a database that already holds the dataset")
    parser.add_argument("--connections", default="1,4,16,64", help="concurrency levels, comma-separated")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page and level")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument("--sample", type=int, default=200, help="different interview pages in rotation")
    parser.add_argument("--editor-requests", type=int, default=30, help="editor's change page requests")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--output", default=str(ROOT / "benchmark-results"))
    Bench(parser.parse_args()).main()
