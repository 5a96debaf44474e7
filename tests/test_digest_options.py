"""The digest's settings: --since, the --sources list (lines or OPML) and the [digest] table."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from summarize.digest.options import parse_since, parse_table, read_source_list
from summarize.digest.runner import SourceSpec
from summarize.errors import UsageError

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36h", NOW - timedelta(hours=36)),
        ("2d", NOW - timedelta(days=2)),
        ("1W", NOW - timedelta(weeks=1)),
        ("90m", NOW - timedelta(minutes=90)),
        ("2026-11-30", datetime(2026, 11, 30, tzinfo=timezone.utc)),
        ("2026-11-30T08:15", datetime(2026, 11, 30, 8, 15, tzinfo=timezone.utc)),
        ("2026-11-30T08:15+02:00", datetime(2026, 11, 30, 6, 15, tzinfo=timezone.utc)),
    ],
)
def test_since_is_a_duration_or_a_date(text: str, expected: datetime) -> None:
    assert parse_since(text, NOW) == expected


def test_a_bad_since_names_the_setting_and_the_forms() -> None:
    with pytest.raises(UsageError, match=r"since must be a duration such as 36h.*not 'yesterday'"):
        parse_since("yesterday", NOW)


def test_a_source_list_is_one_per_line_or_opml() -> None:
    lines = b"# my feeds\nhttps://a.example/feed\n\n  ~/notes  \n"
    assert read_source_list("list.txt", lines) == ["https://a.example/feed", "~/notes"]
    opml = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline text="News"><outline text="A" xmlUrl="https://a.example/rss"/>'
        b'<outline text="B" xmlUrl=" https://b.example/atom "/></outline>'
        b'<outline text="no feed"/></body></opml>'
    )
    assert read_source_list("feeds.opml", opml) == [
        "https://a.example/rss",
        "https://b.example/atom",
    ]
    with pytest.raises(UsageError, match="lists no feeds"):
        read_source_list("empty.opml", b"<opml><body></body></opml>")
    with pytest.raises(UsageError, match="not well-formed OPML"):
        read_source_list("bad.opml", b"<opml><body>")


def test_the_digest_table_gives_settings_and_named_sources() -> None:
    table = parse_table(
        {
            "format": "html",
            "sentences": 3,
            "sources": {
                "bbc": {
                    "url": "https://feeds.example/world.xml",
                    "limit": 20,
                    "feed_content": True,
                    "include": ["*ukraine*"],
                    "exclude": "*sport*",
                },
                "notes": {"path": "/srv/notes"},
            },
        }
    )
    assert table.settings == {"format": "html", "sentences": 3}
    assert table.named["bbc"] == SourceSpec(
        "https://feeds.example/world.xml", "bbc", 20, True, ("*ukraine*",), ("*sport*",)
    )
    assert table.named["notes"] == SourceSpec("/srv/notes", "notes")
    assert parse_table({"sources": ["https://a.example/feed"]}).listed == (
        "https://a.example/feed",
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"colour": "red"}, r"unknown setting digest\.colour"),
        ({"sentences": 0}, r"digest\.sentences must be a whole number of at least 1, not 0"),
        ({"sources": {"x": {"limit": 2}}}, r"digest\.sources\.x needs a url or a path"),
        ({"sources": {"x": {"url": "u", "limt": 2}}}, r"unknown setting digest\.sources\.x\.limt"),
        ({"sources": {"x": {"url": "u", "feed_content": "yes"}}}, "must be true or false"),
        ({"sources": 3}, "must be a list or a table"),
    ],
)
def test_a_bad_digest_table_names_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_table(table)


def test_include_and_exclude_patterns_match_an_entry_title_or_link_ignoring_case() -> None:
    from summarize.digest.inputs import _wanted
    from summarize.sources.base import Source

    entry = Source(
        name="e", text="t", title="Ukraine talks resume in Geneva", url="https://x.example/world/1"
    )
    sport = Source(name="s", text="t", title="Cup final", url="https://x.example/sport/2")
    only = SourceSpec("f", include=("*ukraine*",), exclude=("*/sport/*",))
    assert _wanted(entry, only)
    assert not _wanted(sport, only)
    assert _wanted(sport, SourceSpec("f", exclude=("*/world/*",)))
    assert not _wanted(entry, SourceSpec("f", exclude=("*GENEVA*",)))
