"""``summarize digest`` end to end: a local server on 127.0.0.1 whose feeds change between runs,
a real state file, real processes for the kill and the overlapping runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.conftest import Runner

pytest.importorskip("summarize.sources.feeds", reason="the feed reader is not in this tree")
pytest.importorskip("summarize.sources.http", reason="the HTTP client is not in this tree")

ROOT = Path(__file__).resolve().parent.parent
BASE = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)

STORIES = {
    "bridge": (
        "Lowmere closes Kestrel Bridge",
        "The council of Lowmere voted on Monday to close the Kestrel Bridge after engineers "
        "found cracks in two of its steel supports. A ferry across the river Wend will run "
        "while the Kestrel Bridge is repaired, which is expected to take four months.",
    ),
    "cup": (
        "Harriers win the northern cup",
        "The Dunmore Harriers won the northern cup final on Saturday, beating Castlegate three "
        "goals to one. Their captain scored twice in the second half of the match.",
    ),
    "comet": (
        "Observatory spots a new comet",
        "Astronomers at the Hollin Observatory spotted a new comet in the outer solar system. "
        "The comet may be visible through binoculars when it passes the sun in March.",
    ),
    "harvest": (
        "Record apple harvest expected",
        "Apple growers in the Brennan valley expect a record harvest after a warm, wet summer. "
        "The cider press will run day and night through October, growers said.",
    ),
    "museum": (
        "Museum reopens its whaling hall",
        "The Portmoor museum reopened its whaling hall after two years of restoration work. "
        "The skeleton of a fin whale now hangs above the restored harpoon gallery.",
    ),
}


@dataclass
class Site:
    """Feeds (name -> entry keys), the pages they link to, and what the server was asked."""

    feeds: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    hold_pages: threading.Event | None = None  # pages wait for this before answering
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def feed_body(self, name: str) -> bytes:
        items = []
        for number, key in enumerate(self.feeds[name]):
            title, text = STORIES[key]
            link = self.url(f"page/{name}/{key}")
            date = format_datetime(BASE - timedelta(minutes=number))
            items.append(
                f"<item><title>{escape(title)}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{date}</pubDate><description>{escape(text)}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{name}</title><link>{self.url('')}</link><description>test</description>"
            f"{''.join(items)}</channel></rss>"
        ).encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("If-None-Match")))
            parts = self.path.strip("/").split("/")
            if parts[0] == "feed" and len(parts) == 2 and parts[1] in site.feeds:
                name = parts[1]
                if name in site.broken:
                    self.send_error(503, "Service Unavailable")
                    return
                etag = f'"{name}-{site.versions.get(name, 0)}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self._send(site.feed_body(name), "application/rss+xml", etag)
            elif parts[0] == "page" and len(parts) == 3 and parts[2] in STORIES:
                if site.hold_pages is not None:
                    site.hold_pages.wait(30)
                title, text = STORIES[parts[2]]
                body = (
                    f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
                    f"<h1>{title}</h1><p>{text}</p><p>Reported for {parts[1]}.</p>"
                    "</article></body></html>"
                ).encode()
                self._send(body, "text/html; charset=utf-8", None)
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str, etag: str | None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client killed mid-request (the point of some tests) is no error here


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    server = _QuietServer(("127.0.0.1", 0), _handler(state))
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    if state.hold_pages is not None:
        state.hold_pages.set()
    server.shutdown()
    server.server_close()


def _digest(run: Runner, site: Site, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    feeds = [site.url(f"feed/{name}") for name in site.feeds]
    result = run(
        "digest",
        *feeds,
        "--state",
        str(tmp_path / "state.sqlite3"),
        "--no-config",
        *extra,
    )
    return result.exit_code, result.stdout, result.stderr


def _titles(output: str) -> list[str]:
    data = json.loads(output)
    return sorted(i["title"] for s in data["stories"] for i in s["items"])


def test_first_run_all_second_nothing_then_exactly_the_two_new_entries(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.feeds = {"north": ["bridge", "cup"], "south": ["comet"]}
    out = tmp_path / "digest.json"
    code, stdout, stderr = _digest(run, site, tmp_path, "-f", "json", "-o", str(out))
    assert (code, stdout, stderr) == (0, "", "")
    assert _titles(out.read_text()) == sorted(STORIES[k][0] for k in ("bridge", "cup", "comet"))
    pages = [p for p, _ in site.requests if p.startswith("/page/")]
    assert len(pages) == 3
    written = out.stat().st_mtime_ns
    # Nothing new: the feeds answer 304, no page is fetched, the file is not touched.
    site.requests.clear()
    code, stdout, stderr = _digest(run, site, tmp_path, "-f", "json", "-o", str(out))
    assert (code, stdout) == (0, "")
    assert stderr == "summarize: nothing new in 2 sources\n"
    assert out.stat().st_mtime_ns == written
    assert sorted(site.requests) == [
        ("/feed/north", '"north-0"'),
        ("/feed/south", '"south-0"'),
    ]
    # Two entries are added: exactly those two, and only their pages are fetched.
    site.feeds["north"].append("harvest")
    site.feeds["south"].append("museum")
    site.versions = {"north": 1, "south": 1}
    site.requests.clear()
    code, stdout, stderr = _digest(run, site, tmp_path, "-f", "json")
    assert (code, stderr) == (0, "")
    assert _titles(stdout) == sorted(STORIES[k][0] for k in ("harvest", "museum"))
    assert sorted(p for p, _ in site.requests if p.startswith("/page/")) == [
        "/page/north/harvest",
        "/page/south/museum",
    ]


def test_three_feeds_with_the_same_story_give_one_story_with_three_links(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.feeds = {"a": ["bridge", "cup"], "b": ["bridge", "comet"], "c": ["bridge", "harvest"]}
    code, stdout, stderr = _digest(run, site, tmp_path, "-f", "json", "--order", "sources")
    assert (code, stderr) == (0, "")
    stories = json.loads(stdout)["stories"]
    assert len(stories) == 4
    first = stories[0]
    assert first["sources"] == 3
    assert sorted(i["link"] for i in first["items"]) == [
        site.url(f"page/{name}/bridge") for name in ("a", "b", "c")
    ]
    assert all(s["sources"] == 1 for s in stories[1:])


def test_a_failing_source_is_reported_and_the_exit_status_says_so(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.feeds = {"good": ["bridge"], "bad": ["cup"]}
    site.broken = {"bad"}
    code, stdout, stderr = _digest(run, site, tmp_path, "--feed-content")
    assert code == 1
    assert "Lowmere closes Kestrel Bridge" in stdout
    assert "1 source failed:" in stdout
    assert stderr.startswith(f"summarize: {site.url('feed/bad')}")
    assert "503" in stderr
    # Still failing an hour later: not reported again, but the exit status still says so.
    code, stdout, stderr = _digest(run, site, tmp_path, "--feed-content", "--fail-if-empty")
    assert (code, stdout) == (1, "")
    assert stderr == "summarize: nothing new in 2 sources\n"


def test_dry_run_keeps_nothing_and_fail_if_empty_fails_on_nothing_new(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.feeds = {"north": ["bridge", "cup"]}
    code, stdout, _ = _digest(run, site, tmp_path, "--dry-run", "--feed-content")
    assert code == 0 and "Kestrel" in stdout
    code, stdout, _ = _digest(run, site, tmp_path, "--feed-content", "--fail-if-empty")
    assert code == 0 and "Kestrel" in stdout  # the dry run kept nothing
    code, stdout, stderr = _digest(run, site, tmp_path, "--feed-content", "--fail-if-empty")
    assert (code, stdout, stderr) == (1, "", "summarize: nothing new in 1 source\n")


def _process(site: Site, tmp_path: Path, out: Path) -> subprocess.Popen[str]:
    feeds = [site.url(f"feed/{name}") for name in site.feeds]
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summarize",
            "digest",
            *feeds,
            "--state",
            str(tmp_path / "state.sqlite3"),
            "--no-config",
            "--output",
            str(out),
            "--wait",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _wait_for_page_request(site: Site, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not any(p.startswith("/page/") for p, _ in site.requests):
        assert time.monotonic() < deadline, "the digest never asked for a page"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_run_killed_between_fetching_and_writing_leaves_the_state_as_it_was(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.feeds = {"north": ["bridge", "cup"]}
    site.hold_pages = threading.Event()
    out = tmp_path / "digest.md"
    child = _process(site, tmp_path, out)
    try:
        _wait_for_page_request(site)  # the feed is fetched; its pages are on their way
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert not out.exists()
    site.hold_pages.set()
    site.requests.clear()
    code, stdout, stderr = _digest(run, site, tmp_path)
    assert (code, stderr) == (0, "")
    assert "Kestrel" in stdout and "Harriers" in stdout
    assert ("/feed/north", None) in site.requests  # no ETag was kept: a full fetch


@pytest.mark.slow
def test_two_overlapping_runs_send_one_digest(run: Runner, site: Site, tmp_path: Path) -> None:
    site.feeds = {"north": ["bridge", "cup"]}
    site.hold_pages = threading.Event()
    first_out, second_out = tmp_path / "first.md", tmp_path / "second.md"
    first = _process(site, tmp_path, first_out)
    try:
        _wait_for_page_request(site)  # the first run holds the state
        second = _process(site, tmp_path, second_out)
        _, second_err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert second_err == (
            f"summarize: another digest run holds the state {tmp_path / 'state.sqlite3'}; "
            "try again later\n"
        )
    finally:
        site.hold_pages.set()
        _, first_err = first.communicate(timeout=60)
    assert (first.returncode, first_err) == (0, "")
    assert "Kestrel" in first_out.read_text()
    assert not second_out.exists()
    code, _, stderr = _digest(run, site, tmp_path)
    assert (code, stderr) == (0, "summarize: nothing new in 1 source\n")
