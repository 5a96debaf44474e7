"""Feeds, OPML and hostile servers through the real command, against a local server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests import servers
from tests.conftest import Runner
from tests.servers import LocalServer

STORY = (
    "The harbour committee met on {day} to discuss the new quay number {n}. Engineers said the "
    "old wall had moved by four centimetres since the spring storms. The council will pay for "
    "the repairs from its reserve fund. Fishing boats will moor at the east pier until the work "
    "ends in the autumn. Residents asked for a footpath along the rebuilt wall."
)


def _page(n: int) -> bytes:
    body = "".join(f"<p>{STORY.format(day=d, n=n)}</p>" for d in ("Monday", "Friday"))
    return (
        f"<html><head><title>Quay story {n}</title></head><body><nav>Home News Sport</nav>"
        f"<article><h1>Quay story {n}</h1>{body}</article><footer>Copyright footer</footer>"
        "</body></html>"
    ).encode()


def _rss(base: str, name: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>{name} story {n}</title><link>{base}/{name}/{n}.html</link>"
        f"<guid>{name}-{n}</guid><pubDate>Tue, 01 Dec 2026 {n % 24:02d}:00:00 GMT</pubDate>"
        f"<description>{STORY.format(day='Sunday', n=n)}</description></item>"
        for n in range(1, count + 1)
    )
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{name}</title>"
        f"<link>{base}/</link><description>the {name} feed</description>{items}</channel></rss>"
    ).encode()


def _site(feeds: dict[str, int]) -> LocalServer:
    site = LocalServer({})
    base = site.url("")
    for name, count in feeds.items():
        site.routes[f"/{name}.xml"] = servers.page(_rss(base, name, count), "application/rss+xml")
        for n in range(1, count + 1):
            site.routes[f"/{name}/{n}.html"] = servers.page(_page(n), "text/html; charset=utf-8")
    return site


def test_a_feed_of_twenty_entries_gives_twenty_summaries_of_their_pages(run: Runner) -> None:
    with _site({"harbour": 20}) as site:
        result = run(site.url("/harbour.xml"), "-f", "jsonl", "-n", "2")
        requested = site.paths()
    assert result.exit_code == 0, result.stderr
    summaries = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(summaries) == 20
    titles = [s["metadata"]["title"] for s in summaries]
    assert titles == [f"harbour story {n}" for n in range(20, 0, -1)]  # newest first
    assert [s["metadata"]["url"] for s in summaries] == [
        site.url(f"/harbour/{n}.html") for n in range(20, 0, -1)
    ]
    for summary in summaries:  # the text is the linked page's (Monday, Friday), not the feed's
        text = " ".join(x["text"] for x in summary["sentences"])
        assert "Sunday" not in text
        assert "footer" not in text
    assert sum(path.endswith(".html") for path in requested) == 20


def test_feed_content_fetches_no_page(run: Runner) -> None:
    with _site({"harbour": 20}) as site:
        result = run(site.url("/harbour.xml"), "--feed-content", "--limit", "5", "-f", "jsonl")
        requested = site.paths()
    assert result.exit_code == 0, result.stderr
    summaries = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["metadata"]["title"] for s in summaries] == [
        f"harbour story {n}"
        for n in (20, 19, 18, 17, 16)  # the newest five
    ]
    assert requested == ["/harbour.xml"]


def test_an_opml_file_of_three_feeds_gives_all_their_entries(run: Runner, tmp_path: Path) -> None:
    with _site({"alpha": 2, "beta": 3, "gamma": 4}) as site:
        outlines = "".join(
            f"<outline text='{n}' xmlUrl='{site.url(f'/{n}.xml')}'/>"
            for n in ("alpha", "beta", "gamma")
        )
        opml = tmp_path / "subscriptions.opml"
        opml.write_text(f"<opml version='2.0'><body>{outlines}</body></opml>")
        result = run(str(opml), "--feed-content", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    feeds = [json.loads(line)["metadata"]["site_name"] for line in result.stdout.splitlines()]
    assert feeds == ["alpha"] * 2 + ["beta"] * 3 + ["gamma"] * 4


def test_hostile_servers_cost_only_their_own_input(tmp_path: Path) -> None:
    """A gzip bomb, a server that hangs and a redirect loop, between good pages: three lines,
    the good pages summarised, in bounded time."""
    with _site({"harbour": 2}) as site:
        site.routes["/bomb"] = servers.gzip_bomb()
        site.routes["/hang"] = servers.hang
        site.routes["/loop"] = servers.redirect("/loop")
        good = site.url("/harbour/1.html")
        inputs = [good, site.url("/bomb"), site.url("/hang"), site.url("/loop"), good]
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "summarize",
                *inputs,
                "-f",
                "jsonl",
                "--deadline",
                "3",
                "--max-bytes",
                "8M",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "SUMMARIZE_NO_PLUGINS": "1"},
        )
        elapsed = time.monotonic() - started
    assert done.returncode == 1
    assert [json.loads(line)["source"] for line in done.stdout.splitlines()] == [good, good]
    errors = done.stderr.splitlines()
    assert len(errors) == 3, errors
    assert "larger than the limit" in errors[0]
    assert "deadline of 3 s" in errors[1]
    assert "redirect" in errors[2]
    assert elapsed < 3 + 1 + 10  # the deadline, a second, and the start-up of a loaded machine
