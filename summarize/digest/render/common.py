"""What every digest format says the same way: the heading, the counts, dates, failures."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from summarize.digest.model import Digest, FailedSource
from summarize.sources.base import Source


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def day(moment: datetime) -> str:
    """``Tuesday 1 December 2026``: the date in the heading, in the reader's own time zone
    (the system's), so a digest made just after local midnight carries the local date."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return f"{local:%A} {local.day} {local:%B %Y}"


def stamp(moment: datetime | None) -> str:
    """``2026-12-01 07:30 UTC``-style dates of items (in the date's own zone)."""
    if moment is None:
        return ""
    zone = moment.strftime("%Z") or ""
    return f"{moment:%Y-%m-%d %H:%M} {zone}".rstrip()


def heading(digest: Digest) -> str:
    return f"{digest.title} for {day(digest.created)}"


def counts(digest: Digest) -> str:
    """``3 stories, 7 items from 4 sources``."""
    return (
        f"{plural(len(digest.stories), 'story').replace('storys', 'stories')}, "
        f"{plural(digest.item_count, 'item')} from {plural(digest.source_count, 'source')}"
    )


def subject(digest: Digest) -> str:
    """The e-mail subject: the heading and the counts."""
    return f"{heading(digest)}: {counts(digest)}"


def failure_line(failures: tuple[FailedSource, ...]) -> str:
    """``2 sources failed:`` (the list follows, one per failure)."""
    verb = "source failed" if len(failures) == 1 else "sources failed"
    return f"{len(failures)} {verb}:"


def failure_text(failure: FailedSource) -> str:
    """The source and the reason (once: readers' messages often start with the source)."""
    reason = failure.reason
    text = reason if reason.startswith(failure.name) else f"{failure.name}: {reason}"
    if failure.failures > 1 and failure.failing_since is not None:
        text += f" (failing since {stamp(failure.failing_since)}, {failure.failures} runs)"
    return text


def item_label(item: Source) -> str:
    """An item's title, or its link, or its name."""
    return (item.title or "").strip() or item.url or item.name


def source_label(item: Source) -> str:
    """Where an item comes from, short: the feed's or the page's host, else its name; empty
    when that says no more than :func:`item_label` (a file known only by its path)."""
    origin = item.site_name or item.feed or item.url or item.name
    host = urlsplit(origin).hostname if "://" in origin else None
    label = host or origin
    return "" if label == item_label(item) else label


def safe_link(url: str | None) -> str | None:
    """The item's link if it is a web link (never ``javascript:`` or ``data:``)."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None
