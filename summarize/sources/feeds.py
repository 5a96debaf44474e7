"""RSS 0.9x, 1.0, 2.0 and Atom feeds to pending sources, one per entry.

feedparser reads the feed from bytes only: handed a string it would open URLs (with no timeout)
and file names by itself. It strips entity declarations other than plain text ones, never
fetches a DTD or an external entity, and falls back to its loose parser on ill-formed XML, so a
feed flagged ``bozo`` that still has entries is read; one without entries is an
:class:`~summarize.errors.InputError` that says why.

Which entries: the newest first (entries without a date follow the dated ones, in feed order),
at most ``ReadOptions.limit`` of them; the limit is applied before anything is fetched. A feed
with more than :data:`LARGE_FEED_ENTRIES` entries is first cut down to the entries wanted with
a byte-level scan (a hundred thousand entries in about a second) instead of being handed whole to
feedparser (about a millisecond an entry); without a limit at most :data:`MAX_FEED_ENTRIES`
entries are read, with a warning.

What an entry's text is: by default the page it links to, fetched by the ``fetch`` callable
given (``fetch(url) -> (bytes, content_type or None, final_url)``) and extracted like any page;
only http and https links without credentials are followed, any other link (``file:``,
``javascript:``, ``data:``, ``ftp:``) fails that entry with a reason and a hint. With
``ReadOptions.feed_content`` it is the entry's own content or description, HTML stripped to
text, and nothing is fetched.
"""

from __future__ import annotations

import calendar
import io
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from summarize.errors import EmptyInputError, InputError
from summarize.sources.base import Pending, ReadOptions, Source
from summarize.sources.feed_trim import cut_down
from summarize.sources.html import html_source, looks_like_html
from summarize.sources.html_parse import page_text
from summarize.sources.xml_head import xml_head

Fetch = Callable[[str], tuple[bytes, "str | None", str]]

# Above this many entries a feed is cut down to the entries wanted before feedparser reads it.
LARGE_FEED_ENTRIES = 2_000
# Without --limit, at most this many entries of a feed are read (feedparser takes ~6 s for them).
MAX_FEED_ENTRIES = 10_000
NAME_SEPARATOR = " \u203a "  # a single right-pointing angle quotation mark
_TITLE_LENGTH = 120

_PROLOG = re.compile(
    rb"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*", re.S
)
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)[\s>/]")
_DOCTYPE_WITH_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.S)
_ENTRY_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_FOLLOWED_SCHEMES = ("http", "https")


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` is an RSS or Atom document: its first element is rss, feed or rdf:RDF."""
    head = xml_head(data)
    start = _PROLOG.match(head)
    rest = head[start.end() if start else 0 :]
    return _FEED_ROOT.match(rest) is not None


def feed_pendings(
    name: str,
    data: bytes,
    *,
    url: str | None = None,
    options: ReadOptions | None = None,
    fetch: Fetch | None = None,
    content_type: str | None = None,
) -> Iterator[Pending]:
    """One :class:`Pending` per entry of the feed in ``data``, newest first, at most ``limit``.

    Raises :class:`InputError` at once when ``data`` is not a usable feed.
    """
    options = options or ReadOptions()
    parsed = _parse(name, data, url, options, content_type)
    feed: Mapping[str, Any] = parsed["feed"]
    site_name = _clean_title(feed.get("title"), feed.get("title_detail")) or None
    chosen = _newest(list(parsed["entries"]), options.limit)
    seen: dict[str, int] = {}
    for position, entry in enumerate(chosen, 1):
        title = _clean_title(entry.get("title"), entry.get("title_detail"))
        label = title or entry.get("link") or f"entry {position}"
        if len(label) > _TITLE_LENGTH:
            label = label[: _TITLE_LENGTH - 1].rstrip() + "…"
        entry_name = f"{name}{NAME_SEPARATOR}{label}"
        seen[entry_name] = seen.get(entry_name, 0) + 1
        if seen[entry_name] > 1:
            entry_name = f"{entry_name} ({seen[entry_name]})"
        yield Pending(
            entry_name,
            _loader(entry_name, entry, title, site_name, url or name, options, fetch),
            remote=not options.feed_content,
        )


def _parse(
    name: str, data: bytes, url: str | None, options: ReadOptions, content_type: str | None
) -> Any:
    """feedparser's result for ``data``, cut down first when the feed is large."""
    import feedparser

    count = len(_ENTRY_TAG.findall(data)) if len(data) > LARGE_FEED_ENTRIES * 100 else 0
    if count > LARGE_FEED_ENTRIES:
        wanted = options.limit if options.limit is not None else MAX_FEED_ENTRIES
        if options.limit is None and count > MAX_FEED_ENTRIES:
            warnings.warn(
                f"{name}: the feed has {count:,} entries; only the newest "
                f"{MAX_FEED_ENTRIES:,} are read (set --limit to choose how many)",
                UserWarning,
                stacklevel=4,
            )
        data = cut_down(data, wanted) or data
    data = _without_entity_declarations(data)
    headers = {"content-location": url or "", "content-type": content_type or "application/xml"}
    parsed = feedparser.parse(
        io.BytesIO(data), response_headers=headers, resolve_relative_uris=True, sanitize_html=True
    )
    if parsed.get("entries"):
        return parsed
    if looks_like_html(data) and not looks_like_feed(data):
        raise InputError(f"{name}: an HTML page, not a feed")
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        reason = f" ({_one_line(str(problem))})" if problem else ""
        raise InputError(f"{name}: not a readable RSS or Atom feed{reason}")
    if not parsed.get("version"):
        raise InputError(f"{name}: not an RSS or Atom feed")
    raise EmptyInputError(f"{name}: the feed has no entries")


def _without_entity_declarations(data: bytes) -> bytes:
    """``data`` without the DOCTYPE of its prolog when that declares entities.

    No feed needs its own entities, and expat expands nested ones (a "billion laughs") for
    seconds before its amplification limit stops it; undeclared, they stay as text.
    """
    head = data[:65536]
    first = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: first.start()] if first else head
    if b"<!ENTITY" not in prolog:
        return data
    doctype = _DOCTYPE_WITH_SUBSET.search(prolog)
    if doctype is None:
        return data
    return data[: doctype.start()] + data[doctype.end() :]


def _newest(entries: list[Any], limit: int | None) -> list[Any]:
    """Dated entries newest first, then the undated ones in feed order; at most ``limit``."""
    dated = [(stamp, i) for i, e in enumerate(entries) if (stamp := _timestamp(e)) is not None]
    dated.sort(key=lambda pair: (-pair[0], pair[1]))
    undated = [i for i, e in enumerate(entries) if _timestamp(e) is None]
    order = [i for _, i in dated] + undated
    if limit is not None:
        order = order[: max(0, limit)]
    return [entries[i] for i in order]


def _timestamp(entry: Mapping[str, Any]) -> int | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            return calendar.timegm(stamp)
    return None


def _published(entry: Mapping[str, Any]) -> datetime | None:
    stamp = _timestamp(entry)
    return None if stamp is None else datetime.fromtimestamp(stamp, tz=timezone.utc)


def _clean_title(value: Any, detail: Any) -> str:
    """A title as one line of text (some feeds put HTML in titles)."""
    if not value:
        return ""
    text = str(value)
    kind = (detail or {}).get("type", "") if isinstance(detail, Mapping) else ""
    if "html" in kind or ("<" in text and ">" in text):
        text = page_text(text) or text
    return " ".join(text.split())


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def entry_content(entry: Mapping[str, Any]) -> tuple[str, str]:
    """(text, media type) of an entry's own content: its longest content, else its summary."""
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or ():
        candidates.append((str(content.get("value") or ""), str(content.get("type") or "")))
    if not candidates or not any(value.strip() for value, _ in candidates):
        detail = entry.get("summary_detail") or {}
        candidates.append((str(entry.get("summary") or ""), str(detail.get("type") or "")))
    value, kind = max(candidates, key=lambda pair: len(pair[0]))
    if "html" in kind or kind == "":
        return page_text(value), "text/html"
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()), kind


def _check_link(entry_name: str, link: str | None) -> str:
    """The entry's link if it may be followed; an :class:`InputError` saying why not."""
    hint = "; give --feed-content to read the entry's own text"
    if not link:
        raise InputError(f"{entry_name}: the entry has no link{hint}")
    parts = urlsplit(link)
    if parts.scheme.lower() not in _FOLLOWED_SCHEMES:
        shown = link if len(link) <= 60 else link[:57] + "..."
        raise InputError(f"{entry_name}: the entry links to {shown!r}, not an http(s) page{hint}")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"{entry_name}: the entry's link carries credentials; not followed{hint}")
    if not parts.hostname:
        raise InputError(f"{entry_name}: the entry's link {link!r} names no host{hint}")
    return link


def _loader(
    entry_name: str,
    entry: Mapping[str, Any],
    title: str,
    site_name: str | None,
    feed: str,
    options: ReadOptions,
    fetch: Fetch | None,
) -> Callable[[], Source]:
    def load() -> Source:
        link: str | None = entry.get("link") or None
        entry_id: str | None = entry.get("id") or link
        published = _published(entry)
        author: str | None = entry.get("author") or None
        if options.feed_content:
            text, media_type = entry_content(entry)
            if not text:
                raise EmptyInputError(f"{entry_name}: the entry has no content of its own")
            return Source(
                name=entry_name,
                text=text,
                title=title or None,
                url=link,
                id=entry_id,
                published=published,
                media_type=media_type,
                author=author,
                site_name=site_name,
                feed=feed,
            )
        followed = _check_link(entry_name, link)
        if fetch is None:
            raise InputError(f"{entry_name}: no way to fetch {followed} here; give --feed-content")
        data, content_type, final_url = fetch(followed)
        page = _page_source(entry_name, data, content_type, final_url, options)
        return Source(
            name=entry_name,
            text=page.text,
            title=title or page.title,
            url=followed,
            id=entry_id,
            published=published or page.published,
            media_type=page.media_type,
            author=author or page.author,
            site_name=site_name or page.site_name,
            feed=feed,
        )

    return load


def _page_source(
    name: str, data: bytes, content_type: str | None, url: str, options: ReadOptions
) -> Source:
    """The Source of a fetched page: HTML through extraction (in the header's charset), any
    other kind as a file of that kind would be read; a link to another feed is refused."""
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml") and not looks_like_feed(data):
        return html_source(name, data, url=url, options=options, content_type=content_type)
    from summarize.sources.formats import sources_from_bytes

    loaded = sources_from_bytes(name, data, options=options, content_type=content_type, url=url)
    if not isinstance(loaded, Source):
        raise InputError(f"{name}: the entry links to a feed or a list of feeds, not a page")
    return loaded
