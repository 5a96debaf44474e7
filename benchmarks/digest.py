"""A morning digest of 10 feeds with 200 entries from a slow server: first run, then nothing new.

    python benchmarks/digest.py [--feeds 10] [--entries 20] [--latency 0.1] [--jobs 8] [--runs 3]

A local server on 127.0.0.1 serves the feeds (RSS 2.0 with ETag and Last-Modified, answering a
conditional request with 304) and the page every entry links to, each response after
``--latency`` seconds. Each round starts from an empty state and runs ``summarize digest``
(a real process) twice: the first run fetches every feed and page and writes the digest; the
second finds nothing new (every feed answers 304) and touches no file. Targets: under 10 s and
under 2 s. Medians of ``--runs`` rounds are printed, with the requests the server saw.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = (
    "council bridge river harbour ferry engineers repairs budget vote mayor school teachers "
    "strike hospital nurses rail line station freight port storm flood farmers harvest apples "
    "museum exhibition library archive court judge appeal election campaign candidate poll "
    "market prices energy wind solar grid factory workers union wages housing rents tenants"
).split()
BASE = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)


def page_text(feed: int, entry: int) -> str:
    """A short made-up article: sentences drawn from a small vocabulary, one topic per entry."""
    sentences = []
    for s in range(8):
        words = [WORDS[(feed * 7 + entry * 13 + s * 5 + w * 3) % len(WORDS)] for w in range(14)]
        sentences.append(f"In item {entry} of feed {feed}, the " + " ".join(words) + ".")
    return " ".join(sentences)


class Site:
    """The feeds and pages, and a count of the requests answered."""

    def __init__(self, feeds: int, entries: int, latency: float) -> None:
        self.feeds = feeds
        self.entries = entries
        self.latency = latency
        self.requests: dict[str, int] = {"feed": 0, "304": 0, "page": 0}
        self.lock = threading.Lock()
        self.port = 0

    def feed(self, number: int) -> bytes:
        items = []
        for entry in range(self.entries):
            link = f"http://127.0.0.1:{self.port}/page/{number}/{entry}"
            date = format_datetime(BASE - timedelta(minutes=entry * 7 + number))
            items.append(
                f"<item><title>Item {entry} of feed {number}</title><link>{link}</link>"
                f"<guid>{link}</guid><pubDate>{date}</pubDate>"
                f"<description>{escape(page_text(number, entry)[:200])}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Feed {number}</title><link>http://127.0.0.1:{self.port}/</link>"
            f"<description>Benchmark feed</description>{''.join(items)}</channel></rss>"
        ).encode()

    def count(self, kind: str) -> None:
        with self.lock:
            self.requests[kind] += 1


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(site.latency)
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed" and len(parts) == 2:
                etag = f'"feed-{parts[1]}-v1"'
                if self.headers.get("If-None-Match") == etag:
                    site.count("304")
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                site.count("feed")
                self._send(site.feed(int(parts[1])), "application/rss+xml", etag)
            elif parts[0] == "page" and len(parts) == 3:
                site.count("page")
                feed, entry = int(parts[1]), int(parts[2])
                title = f"Item {entry} of feed {feed}"
                body = (
                    f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
                    f"<article><h1>{title}</h1><p>{page_text(feed, entry)}</p></article>"
                    "</body></html>"
                ).encode()
                self._send(body, "text/html; charset=utf-8", None)
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str, etag: str | None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", format_datetime(BASE, usegmt=True))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run(command: list[str]) -> tuple[float, int, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return time.perf_counter() - started, done.returncode, done.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    site = Site(args.feeds, args.entries, args.latency)
    server = serve(site)
    urls = [f"http://127.0.0.1:{site.port}/feed/{n}" for n in range(args.feeds)]
    first: list[float] = []
    second: list[float] = []
    try:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / "digest.md"
                command = [
                    sys.executable, "-m", "summarize", "digest", *urls,
                    "--state", str(Path(folder) / "state.sqlite3"),
                    "--output", str(out), "--jobs", str(args.jobs),
                ]  # fmt: skip
                site.requests = dict.fromkeys(site.requests, 0)
                took, code, err = run(command)
                if code != 0 or not out.exists():
                    sys.exit(f"digest.py: the first run failed ({code}): {err}")
                seen_first = dict(site.requests)
                first.append(took)
                written = out.stat().st_mtime_ns
                site.requests = dict.fromkeys(site.requests, 0)
                took, code, err = run(command)
                if code != 0 or out.stat().st_mtime_ns != written:
                    sys.exit(f"digest.py: the second run failed or wrote ({code}): {err}")
                second.append(took)
                seen_second = dict(site.requests)
    finally:
        server.shutdown()
    items = args.feeds * args.entries
    print(
        f"## Digest of {items} entries in {args.feeds} feeds, server latency "
        f"{args.latency * 1000:.0f} ms, {args.jobs} concurrent fetches ({args.runs} rounds)"
    )
    print()
    print("| run | median s | min s | max s | target | requests (last round) |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(
        f"| first (all new) | {statistics.median(first):.2f} | {min(first):.2f} "
        f"| {max(first):.2f} | < 10 s | {seen_first['feed']} feeds, {seen_first['page']} pages |"
    )
    print(
        f"| second (nothing new) | {statistics.median(second):.2f} | {min(second):.2f} "
        f"| {max(second):.2f} | < 2 s | {seen_second['304']} × 304, "
        f"{seen_second['feed']} feeds, {seen_second['page']} pages |"
    )


if __name__ == "__main__":
    main()
