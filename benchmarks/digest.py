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
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = [
    "council",
    "bridge",
    "river",
    "harbour",
    "ferry",
    "engineers",
    "repairs",
    "budget",
    "vote",
    "mayor",
    "school",
    "teachers",
    "strike",
    "hospital",
    "nurses",
    "rail",
    "line",
    "station",
    "freight",
    "port",
    "storm",
    "flood",
    "farmers",
    "harvest",
    "apples",
    "museum",
    "exhibition",
    "library",
    "archive",
    "court",
    "judge",
    "appeal",
    "election",
    "campaign",
    "candidate",
    "poll",
    "market",
    "prices",
    "energy",
    "wind",
    "solar",
    "grid",
    "factory",
    "workers",
    "union",
    "wages",
    "housing",
    "rents",
    "tenants",
]
BASE = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "re",
    "su",
    "ta",
    "ven",
    "dor",
    "fin",
    "gal",
    "hes",
    "jun",
    "kor",
    "lam",
    "nir",
    "osk",
    "pel",
    "quin",
    "rasv",
    "tol",
]


def _name(number: int, salt: int) -> str:
    """A made-up proper name, the same for the same number: what makes a story its own."""
    chooser = random.Random(number * 10 + salt)
    return "".join(chooser.choice(SYLLABLES) for _ in range(3)).capitalize()


def topic(feed: int, entry: int) -> int:
    """The story an entry tells: every third entry is a story another feed tells too."""
    return entry * 10 + (feed if entry % 3 else feed // 2)


def page_text(feed: int, entry: int) -> str:
    """A short made-up article about its topic: names of its own, common words around them."""
    story = topic(feed, entry)
    place, person, thing = _name(story, 1), _name(story, 2), _name(story, 3)
    sentences = []
    for s in range(8):
        chooser = random.Random(story * 100 + feed * 10 + s)
        words = chooser.sample(WORDS, 10)
        sentences.append(
            f"In {place}, {person} said the {thing} " + " ".join(words) + f" (report {s + 1})."
        )
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


def run(command: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds (user + system of the child), exit status, stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.returncode, done.stderr.strip()


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
    cpu_first: list[float] = []
    cpu_second: list[float] = []
    stories = ""
    try:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder) / "digest.md"
                command = [
                    sys.executable, "-m", "summarize", "digest", *urls,
                    "--state", str(Path(folder) / "state.sqlite3"),
                    "--output", str(out), "--fetch-jobs", str(args.jobs),
                ]  # fmt: skip
                site.requests = dict.fromkeys(site.requests, 0)
                took, cpu, code, err = run(command)
                if code != 0 or not out.exists():
                    sys.exit(f"digest.py: the first run failed ({code}): {err}")
                seen_first = dict(site.requests)
                first.append(took)
                cpu_first.append(cpu)
                stories = out.read_text().splitlines()[2]
                written = out.stat().st_mtime_ns
                site.requests = dict.fromkeys(site.requests, 0)
                took, cpu, code, err = run(command)
                if code != 0 or out.stat().st_mtime_ns != written:
                    sys.exit(f"digest.py: the second run failed or wrote ({code}): {err}")
                second.append(took)
                cpu_second.append(cpu)
                seen_second = dict(site.requests)
    finally:
        server.shutdown()
    items = args.feeds * args.entries
    print(
        f"## Digest of {items} entries in {args.feeds} feeds, server latency "
        f"{args.latency * 1000:.0f} ms, {args.jobs} concurrent fetches ({args.runs} rounds)"
    )
    print()
    print("| run | wall s (median) | min | max | CPU s (median) | target | requests (last round) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print(
        f"| first (all new) | {statistics.median(first):.2f} | {min(first):.2f} "
        f"| {max(first):.2f} | {statistics.median(cpu_first):.2f} | < 10 s "
        f"| {seen_first['feed']} feeds, {seen_first['page']} pages |"
    )
    print(
        f"| second (nothing new) | {statistics.median(second):.2f} | {min(second):.2f} "
        f"| {max(second):.2f} | {statistics.median(cpu_second):.2f} | < 2 s "
        f"| {seen_second['304']} x 304, {seen_second['feed']} feeds, {seen_second['page']} pages |"
    )
    print()
    print(f"First digest: {stories}")


if __name__ == "__main__":
    main()
