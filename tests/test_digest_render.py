"""Every digest format parses, carries the stories and links, and the HTML stays self-contained."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from summarize.digest.model import Digest, FailedSource, order_stories
from summarize.digest.render import FORMATS, render_digest
from summarize.digest.render.email_message import MailSettings
from summarize.digest.stories import Story, StorySentence
from summarize.errors import UsageError
from summarize.sources.base import Source

CREATED = datetime(2026, 12, 1, 7, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The heading's date is local: these tests read it in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _item(feed: str, title: str, url: str | None, hour: int) -> Source:
    return Source(
        name=url or title,
        text=f"{title}. More words about it.",
        title=title,
        url=url,
        feed=feed,
        published=datetime(2026, 12, 1, hour, 0, tzinfo=timezone.utc),
    )


BRIDGE_ITEMS = (
    _item("https://one.example/feed", "Kestrel Bridge closes", "https://one.example/a", 5),
    _item(
        "https://two.example/rss", "Bridge shut <for> repairs & more", "https://two.example/b", 4
    ),
    _item("https://three.example/atom", "Ferry replaces bridge", "https://three.example/c", 3),
)
EVIL = _item(
    "https://evil.example/feed",
    '<script>alert("x")</script> [click](http://tracker.example/)',
    "javascript:alert(1)",
    6,
)


def _digest(failures: tuple[FailedSource, ...] = ()) -> Digest:
    bridge = Story(
        BRIDGE_ITEMS,
        (
            StorySentence("The Kestrel Bridge closed on Monday.", 0.9, 0, 0),
            StorySentence("A ferry will run instead.", 0.5, 2, 1),
        ),
    )
    evil = Story((EVIL,), (StorySentence('He said "<b>hi</b>" & left.', 0.7, 0, 0),))
    return Digest(
        stories=order_stories([evil, bridge], "sources"),
        created=CREATED,
        failures=failures,
        updated=frozenset({BRIDGE_ITEMS[1]}),
    )


FAILED = (
    FailedSource("https://dead.example/feed", "HTTP 503"),
    FailedSource(
        "https://gone.example/rss",
        "connection refused",
        datetime(2026, 11, 29, 7, tzinfo=timezone.utc),
        49,
    ),
)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in ("meta", "br", "img", "link", "!doctype"):
            self.open.append(tag)
        for name, value in attrs:
            if name == "href":
                self.links.append(value or "")
            if name == "src" or (tag == "link" and name == "href"):
                self.resources.append(value or "")

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_parses_and_is_self_contained() -> None:
    page = render_digest(_digest(FAILED), "html")
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert parser.open == []
    assert "script" not in parser.tags
    assert parser.resources == []
    assert sorted(parser.links) == sorted(i.url for i in BRIDGE_ITEMS if i.url)
    text = " ".join(parser.text)
    assert '<script>alert("x")</script>' in text  # shown as text, not run
    assert "2 sources failed:" in text
    assert "@media (prefers-color-scheme: dark)" in page
    assert 'name="viewport"' in page
    # Any address in the page is an item's link or a text shown to the reader.
    shown = {i.url for i in BRIDGE_ITEMS} | {f.name for f in FAILED} | {"http://tracker.example/"}
    assert {u.rstrip(":") for u in re.findall(r"https?://[^\s\"'<)\]]+", page)} <= shown


def test_markdown_shows_heading_counts_stories_and_failures_only_when_any() -> None:
    text = render_digest(_digest(FAILED), "markdown")
    lines = text.splitlines()
    assert lines[0] == "# Digest for Tuesday 1 December 2026"
    assert lines[2] == "2 stories, 4 items from 4 sources"
    assert lines[4] == "## 1. Kestrel Bridge closes (3 sources)"  # most sources first
    assert (
        "- [Kestrel Bridge closes](<https://one.example/a>) — one.example, 2026-12-01 05:00 UTC"
        in lines
    )
    assert any("two.example, 2026-12-01 04:00 UTC, updated" in line for line in lines)
    assert "javascript:" not in text
    assert "\\<script\\>" in text and "\\[click\\]" in text
    assert "2 sources failed:" in lines
    assert any("failing since 2026-11-29 07:00 UTC, 49 runs" in line for line in lines)
    assert "failed" not in render_digest(_digest(), "markdown")


def test_text_is_plain_and_lists_every_link() -> None:
    text = render_digest(_digest(FAILED), "text")
    assert text.splitlines()[0] == "Digest for Tuesday 1 December 2026"
    for item in BRIDGE_ITEMS:
        assert f"    {item.url}" in text.splitlines()
    assert "1 source failed:" in render_digest(_digest(FAILED[:1]), "text")


def test_json_has_stories_items_links_dates_sentences_and_scores() -> None:
    data = json.loads(render_digest(_digest(FAILED), "json"))
    assert data["counts"] == {"stories": 2, "items": 4, "sources": 4, "failed": 2}
    assert data["created"] == "2026-12-01T07:00:00+00:00"
    bridge = data["stories"][0]
    assert bridge["sources"] == 3
    assert bridge["published"] == "2026-12-01T05:00:00+00:00"
    assert [i["link"] for i in bridge["items"]] == [i.url for i in BRIDGE_ITEMS]
    assert [i["status"] for i in bridge["items"]] == ["new", "updated", "new"]
    assert bridge["summary"][1] == {
        "text": "A ferry will run instead.",
        "score": 0.5,
        "item": 2,
        "index": 1,
    }
    assert data["failures"][1]["failing_since"] == "2026-11-29T07:00:00+00:00"


def test_email_is_a_complete_message_with_text_and_html_parts() -> None:
    raw = render_digest(_digest(FAILED), "email")
    message = email.message_from_string(raw, policy=email.policy.default)
    assert (
        message["Subject"]
        == "Digest for Tuesday 1 December 2026: 2 stories, 4 items from 4 sources"
    )
    assert message["Date"] == "Tue, 01 Dec 2026 07:00:00 +0000"
    assert message["From"] and message["To"] and message["Message-ID"]
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert "https://two.example/b" in plain.get_content()
    assert '<a href="https://two.example/b">' in html.get_content()
    chosen = render_digest(
        _digest(), "email", MailSettings("Me <me@example.org>", "you@example.org", "Morning")
    )
    headers = email.message_from_string(chosen, policy=email.policy.default)
    assert (headers["From"], headers["To"], headers["Subject"]) == (
        "Me <me@example.org>",
        "you@example.org",
        "Morning",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_digest_renders_in_every_format(fmt: str) -> None:
    assert render_digest(Digest((), created=CREATED), fmt)


def test_an_unknown_format_or_order_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="format must be one of markdown, html"):
        render_digest(_digest(), "pdf")
    with pytest.raises(UsageError, match="order must be 'time' or 'sources'"):
        order_stories([], "alphabet")  # type: ignore[arg-type]


def test_time_order_puts_the_most_recent_story_first() -> None:
    stories = _digest().stories
    assert order_stories(stories, "time")[0].title.startswith("<script>")


@pytest.mark.skipif(
    not os.path.exists("/usr/share/zoneinfo/America/Los_Angeles"), reason="no time zone data"
)
def test_the_heading_carries_the_local_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    text = render_digest(_digest(), "markdown")
    assert text.splitlines()[0] == "# Digest for Monday 30 November 2026"
