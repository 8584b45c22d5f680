"""A small HTTP/1.1 keep-alive load client, for machines without wrk (scripts/benchmark).

    python benchmarks/loadgen.py --url http://127.0.0.1:8765 --paths paths.txt --connections 16 \
        --duration 5 [--method POST --body body.json --header "Name: value" ...]

Prints one JSON line like the summary of benchmarks/wrk.lua: requests, seconds,
non-2xx answers, errors, latency percentiles in microseconds and the answers' X-Cache values.
"""

import argparse
import asyncio
import itertools
import json
import time
from pathlib import Path
from urllib.parse import urlsplit


async def connection_loop(host, port, requests, deadline, latencies, counts):
    reader = writer = None
    while time.monotonic() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            request = next(requests)
            started = time.monotonic()
            writer.write(request)
            status_line = await reader.readline()
            status = int(status_line.split()[1])
            length, close, cached = 0, False, ""
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "connection" and "close" in value.lower():
                    close = True
                elif name.lower() == "x-cache":
                    cached = value.strip()
            if length:
                await reader.readexactly(length)
            latencies.append(time.monotonic() - started)
            counts["non2xx"] += not 200 <= status < 400
            counts["cache"][cached if cached in ("HIT", "STALE") else "other"] += 1
            if close:
                writer.close()
                writer = None
        except (OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            counts["errors"] += 1
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


def build_requests(url, paths, method, body, headers):
    address = urlsplit(url)
    extra = "".join(f"{header}\r\n" for header in headers)
    payload = body.encode() if body else b""
    length = f"Content-Length: {len(payload)}\r\n" if method == "POST" else ""
    built = [
        (f"{method} {path} HTTP/1.1\r\nHost: {address.netloc}\r\n{extra}{length}\r\n").encode("latin-1")
        + payload
        for path in paths
    ]
    return itertools.cycle(built)


async def main(args):
    address = urlsplit(args.url)
    paths = [line.strip() for line in Path(args.paths).read_text().splitlines() if line.strip()]
    body = Path(args.body).read_text() if args.body else ""
    requests = build_requests(args.url, paths, args.method, body, args.header)
    latencies, counts = [], {"non2xx": 0, "errors": 0, "cache": {"HIT": 0, "STALE": 0, "other": 0}}
    started = time.monotonic()
    deadline = started + args.duration
    await asyncio.gather(
        *(
            connection_loop(address.hostname, address.port, requests, deadline, latencies, counts)
            for _ in range(args.connections)
        )
    )
    seconds = time.monotonic() - started
    latencies.sort()

    def percentile(p):
        return (
            round(latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1e6) if latencies else 0
        )

    print(
        json.dumps(
            {
                "requests": len(latencies),
                "seconds": seconds,
                "non2xx": counts["non2xx"],
                "errors": counts["errors"],
                "p50": percentile(50),
                "p95": percentile(95),
                "p99": percentile(99),
                "cache": counts["cache"],
            }
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--paths", required=True)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body")
    parser.add_argument("--header", action="append", default=[])
    asyncio.run(main(parser.parse_args()))
