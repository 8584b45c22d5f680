"""The benchmark's results file: the machine, each page's figures against the floor, the targets."""

import datetime
import os
import platform
import re
from pathlib import Path

from benchmarks import editor, search_kinds, storm

PAGES = ["home", "interview", "expert", "tag", "archive p200", "search", "feed", "report POST"]
CACHED_TARGET_PAGES = ["home", "interview", "expert", "tag"]


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    cpu = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    memory = re.search(r"^MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text(), re.M)
    return (
        f"{platform.node()}: {cpu.group(1) if cpu else platform.processor()}, {os.cpu_count()} CPUs, "
        f"{int(memory.group(1)) // 1024} MB RAM, {platform.platform()}"
    )


def write(bench, urls, queries, cached, uncached, rss):
    """Write the results file in bench.results_dir; return its path."""
    now = datetime.datetime.now(datetime.UTC)
    database = "PostgreSQL" if bench.args.db == "postgres" else "SQLite"
    term = urls["search"][0].split("=")[1]
    lines = [
        f"# Benchmark: {bench.args.size:,} interviews on {database}",
        "",
        f"- Date: {now:%Y-%m-%d %H:%M} UTC",
        f"- Machine: {machine()}",
        f"- Versions: {bench.versions()}",
        f"- Dataset: {urls['total']:,} interviews ({urls['published']:,} public, the rest drafts, "
        "in review, "
        f"unpublished or scheduled); generated in {bench.generation}",
        f"- Pages: expert with {urls['expert_interviews']} interviews, "
        f"tag with {urls['tag_interviews']}, archive of {urls['archive_pages']} pages "
        f"(page {urls['archive p200'][0].split('=')[1]} measured), "
        f"{len(urls['interview'])} different interview pages in rotation, search for “{term}”",
        f"- Load: {bench.client}, {bench.args.duration} s per page and level, "
        "from a separate process on loopback; "
        f"gunicorn with {bench.args.workers} sync workers, DEBUG off, Redis cache",
        f"- Static files (WhiteNoise): {bench.static}",
        f"- Transcript import (parse and save as a draft, rolled back): {bench.transcript}",
        "",
        "Ratios to the floor (a constant page through the same server, middleware and settings) are what "
        "to compare; this machine is shared and noisy, so the absolute numbers beside them vary "
        "from run to run.",
        "",
    ]
    for label, results in (
        ("Page cache warm", cached),
        ("Page cache off (PAGE_CACHE_SECONDS=0)", uncached),
    ):
        lines += [f"## {label}", ""]
        for connections, row in results.items():
            floor = row["floor"]["rps"]
            lines += [
                f"{connections} connections — floor {floor:,.0f} req/s",
                "",
                "| page | ratio to floor | req/s | p50 ms | p95 ms | p99 ms | queries |",
                "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            ]
            for name in PAGES + ["archive p1"]:
                m = row[name]
                lines.append(
                    f"| {name} | {m['rps'] / floor:.0%} | {m['rps']:,.0f} | {m['p50'] / 1000:.1f} | "
                    f"{m['p95'] / 1000:.1f} | {m['p99'] / 1000:.1f} | {queries['counts'].get(name, '')} |"
                )
            lines.append("")
    lines += storm.report_lines(bench.storm)
    lines += search_kinds.report_lines(bench.searches, urls["published"])
    lines += editor.report_lines(bench.editor)
    lines += targets(bench, cached, uncached, rss)
    if bench.notes:
        lines += ["## Notes", "", *[f"- {note}" for note in bench.notes], ""]
    if queries["plans"]:
        lines += ["## Query plans (page cache off; the slowest queries of each page)", ""]
        for name, plans in queries["plans"].items():
            for plan in plans:
                lines += [
                    f"### {name}: {plan['ms']:.1f} ms",
                    "",
                    "```sql",
                    plan["sql"][:1500],
                    "```",
                    "",
                    "```",
                    plan["plan"],
                    "```",
                    "",
                ]
    suffix = f"{now:%Y%m%d-%H%M}-{bench.args.db}-{bench.args.size}"
    path = bench.results_dir / f"benchmark-{suffix}.md"
    path.write_text("\n".join(lines) + "\n")
    print(f"\nResults written to {path}")
    return path


def targets(bench, cached, uncached, rss):
    """Return the lines saying which targets were met or missed."""
    level = max(cached)
    lines = ["## Targets", "", f"At {level} connections unless said otherwise.", ""]

    def verdict(ok, text, miss):
        lines.append(f"- {'met' if ok else 'MISSED'}: {text}" + ("" if ok else f" — {miss}"))

    floor = cached[level]["floor"]["rps"]
    for name in CACHED_TARGET_PAGES:
        ratio = cached[level][name]["rps"] / floor
        verdict(
            ratio >= 0.6,
            f"cached {name} page at {ratio:.0%} of the floor (target ≥ 60 %)",
            f"short by {0.6 - ratio:.0%} points",
        )
    row = uncached[level]
    p50 = min(uncached[c]["interview"]["p50"] for c in uncached) / 1000
    ratio = row["interview"]["rps"] / row["floor"]["rps"]
    size_note = (
        ""
        if bench.args.size >= 100_000 and bench.args.db == "postgres"
        else " (the target is set for 100,000 on PostgreSQL)"
    )
    verdict(
        p50 <= 15,
        f"uncached interview page p50 {p50:.1f} ms at the lowest load (target ≤ 15 ms){size_note}",
        f"over by {p50 - 15:.1f} ms",
    )
    verdict(
        ratio >= 0.15,
        f"uncached interview page at {ratio:.0%} of the floor (target ≥ 15 %){size_note}",
        f"short by {0.15 - ratio:.0%} points",
    )
    p95 = min(uncached[c]["search"]["p95"] for c in uncached) / 1000
    verdict(
        p95 <= 50,
        f"uncached search p95 {p95:.1f} ms at the lowest load (target ≤ 50 ms){size_note}",
        f"over by {p95 - 50:.1f} ms",
    )
    low = min(uncached)
    deep, first = uncached[low]["archive p200"]["p50"], uncached[low]["archive p1"]["p50"]
    verdict(
        deep <= first * 1.2,
        f"uncached archive page 200 p50 {deep / 1000:.1f} ms vs page 1 {first / 1000:.1f} ms "
        f"at {low} connections (target ≤ +20 %)",
        f"{deep / first - 1:.0%} slower",
    )
    top = max(rss) if rss else 0
    verdict(
        top < 150,
        f"largest worker RSS {top:.0f} MB after the whole benchmark, {bench.served:,} requests over "
        f"{len(rss)} workers (target < 150 MB)",
        f"over by {top - 150:.0f} MB",
    )
    lines.append("")
    return lines
