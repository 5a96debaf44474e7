"""The digest's own settings: ``--since``, the ``--sources`` list and the ``[digest]`` table.

The ``[digest]`` table of the config file::

    [digest]
    format = "html"            # markdown, html, text, json, email
    order = "sources"          # time, sources
    sentences = 4              # per story
    feed_content = true        # read entries' own text instead of the pages they link to
    state = "~/digest.sqlite3"
    since = "2d"
    from = "Digest <me@example.org>"
    to = "me@example.org"
    sources = ["https://example.org/feed.xml", "~/notes"]

    [digest.sources.bbc]       # a named source, with settings of its own
    url = "https://feeds.bbci.co.uk/news/world/rss.xml"
    limit = 20
    feed_content = true
    include = ["*ukraine*", "*europe*"]
    exclude = ["*sport*"]

A named source is run by its name (``summarize digest bbc``) or, with no SOURCE given, with
every source of the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from summarize.digest.runner import SourceSpec
from summarize.errors import UsageError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
SETTINGS = (
    "format",
    "order",
    "sentences",
    "feed_content",
    "state",
    "since",
    "from",
    "to",
    "subject",
    "title",
    "sources",
    "limit",
)
SOURCE_KEYS = ("url", "path", "limit", "feed_content", "include", "exclude")


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``36h``, ``2d``, ``1w`` (that long before ``now``) or an ISO date or time (UTC unless
    it says otherwise)."""
    now = now or datetime.now(timezone.utc)
    found = _DURATION.match(text)
    if found:
        return now - timedelta(seconds=float(found.group(1)) * _UNITS[found.group(2).lower()])
    try:
        if re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text):
            day = date.fromisoformat(text.strip())
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"since must be a duration such as 36h, 2d or 1w, or a date such as 2026-12-01, "
            f"not {text!r}"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def read_source_list(path: str, data: bytes) -> list[str]:
    """The sources a ``--sources`` file lists: an OPML file's feeds, or one per line (blank
    lines and lines starting with ``#`` skipped)."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<opml"):
        if b"<opml" not in data[:4096].lower():
            raise UsageError(f"{path}: an XML file that is not OPML; list one source per line")
        return _opml_feeds(path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; list one source per line") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _opml_feeds(path: str, data: bytes) -> list[str]:
    import xml.etree.ElementTree as ElementTree

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise UsageError(f"{path}: not well-formed OPML ({error})") from None
    feeds = [
        outline.get("xmlUrl", "").strip()
        for outline in root.iter("outline")
        if outline.get("xmlUrl", "").strip()
    ]
    if not feeds:
        raise UsageError(f"{path}: the OPML file lists no feeds (no xmlUrl)")
    return feeds


def _patterns(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"{where} must be a pattern or a list of patterns")


def _positive(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{where} must be a whole number of at least 1, not {value!r}")
    return value


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise UsageError(f"{where} must be true or false, not {value!r}")
    return value


@dataclass(frozen=True)
class DigestTable:
    """The ``[digest]`` table, checked: plain settings and the named sources."""

    settings: Mapping[str, Any] = field(default_factory=dict)
    named: Mapping[str, SourceSpec] = field(default_factory=dict)
    listed: tuple[str, ...] = ()  # the table's ``sources`` list


def parse_table(table: Mapping[str, Any]) -> DigestTable:
    """Check the ``[digest]`` table; errors name the key (``digest.sources.bbc.limit``)."""
    settings: dict[str, Any] = {}
    named: dict[str, SourceSpec] = {}
    listed: tuple[str, ...] = ()
    for key, value in table.items():
        where = f"digest.{key}"
        if key == "sources":
            if isinstance(value, list):
                if not all(isinstance(v, str) for v in value):
                    raise UsageError(f"{where} must be a list of URLs and paths")
                listed = tuple(value)
            elif isinstance(value, dict):
                for name, body in value.items():
                    named[name] = _named_source(name, body)
            else:
                raise UsageError(f"{where} must be a list or a table of named sources")
        elif key not in SETTINGS:
            raise UsageError(f"unknown setting {where} (known: {', '.join(SETTINGS)})")
        elif key in ("sentences", "limit"):
            settings[key] = _positive(value, where)
        elif key == "feed_content":
            settings[key] = _flag(value, where)
        elif not isinstance(value, str):
            raise UsageError(f"{where} must be a string, not {value!r}")
        else:
            settings[key] = value
    return DigestTable(settings, named, listed)


def _named_source(name: str, body: object) -> SourceSpec:
    where = f"digest.sources.{name}"
    if not isinstance(body, dict):
        raise UsageError(f"{where} must be a table with a url or a path")
    unknown = sorted(set(body) - set(SOURCE_KEYS))
    if unknown:
        raise UsageError(f"unknown setting {where}.{unknown[0]} (known: {', '.join(SOURCE_KEYS)})")
    spec = body.get("url") or body.get("path")
    if not isinstance(spec, str) or not spec.strip():
        raise UsageError(f"{where} needs a url or a path")
    if "path" in body and "url" not in body:
        spec = str(Path(spec).expanduser())
    return SourceSpec(
        spec=spec.strip(),
        name=name,
        limit=_positive(body["limit"], f"{where}.limit") if "limit" in body else None,
        feed_content=(
            _flag(body["feed_content"], f"{where}.feed_content") if "feed_content" in body else None
        ),
        include=_patterns(body["include"], f"{where}.include") if "include" in body else (),
        exclude=_patterns(body["exclude"], f"{where}.exclude") if "exclude" in body else (),
    )
