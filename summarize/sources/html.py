"""An HTML page to a :class:`Source`: its main text (trafilatura) and what the page says of itself.

The page is parsed once, by :mod:`summarize.sources.html_parse` (bounded depth, no network, no
comments). The tree goes to trafilatura's
``bare_extraction`` with ``favor_precision=True`` and without comments, the settings that scored
best on the extraction benchmark (``benchmarks/extraction.py``). When trafilatura finds no main
text, the page's whole visible text is used instead, with a warning; a page with no visible text
at all is an :class:`~summarize.errors.EmptyInputError`.

Two limits keep time and memory bounded whatever the page: its size (``ReadOptions.max_bytes``)
and the amount of visible text handed to trafilatura (:data:`MAX_EXTRACTED_CHARS`).
"""

from __future__ import annotations

import codecs
import re
import warnings
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from summarize.errors import EmptyInputError, InputTooLargeError
from summarize.sources.base import ReadOptions, Source
from summarize.sources.html_parse import (
    SNIFF_BYTES,
    parse_html,
    to_utf8,
    visible_chars,
    visible_text,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MEDIA_TYPE = "text/html"

# trafilatura needs about a second and 25 MB of memory per megabyte of visible text; beyond
# four million characters (a long novel) a page is refused rather than extracted for minutes.
MAX_EXTRACTED_CHARS = 4_000_000

_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
# Chrome that trafilatura's own fallbacks sometimes take for text on pages with little of it:
# navigation, footers, dialogs, and small cookie or consent banners (a wrapper whose class
# mentions cookies is not small). Neutral on the extraction benchmark (F1 0.965 either way).
# Removed from the tree once, here: as trafilatura's prune_xpath it is run on every one of its
# passes and took a third of the time.
_CHROME_TAGS = frozenset(("nav", "footer", "dialog"))
_CHROME_ROLES = frozenset(("navigation", "dialog", "alertdialog"))
_BANNER = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)
_BANNER_MAX_CHARS = 2000
# The publication date with its time and offset when the page gives them (htmldate's settings).
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": _DATE_FORMAT}


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` looks like an HTML page: an HTML doctype or an html, head or body tag
    within its first kilobyte (after a byte-order mark and white space), so that an XML
    declaration, comments or a stray line before the page do not hide it."""
    head = data[: SNIFF_BYTES * 4]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != codecs.BOM_UTF8:
                head = head.decode("utf-16", errors="ignore").encode("utf-8")
            break
    head = head.lstrip()
    return _HTML_START.search(head[:SNIFF_BYTES]) is not None


def html_source(
    name: str,
    data: bytes | str,
    *,
    url: str | None = None,
    options: ReadOptions | None = None,
    content_type: str | None = None,
) -> Source:
    """The main text of the page in ``data`` and its title, author, date, site and URL.

    ``url`` is where the page came from (it resolves relative links and is the Source's URL);
    ``content_type`` is the HTTP header, whose charset wins over the page's own declaration.
    """
    options = options or ReadOptions()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if options.max_bytes > 0 and len(raw) > options.max_bytes:
        from summarize.sources.sizes import format_size

        raise InputTooLargeError(
            f"{name}: the page is larger than the limit of {format_size(options.max_bytes)}; "
            "raise it with --max-bytes or SUMMARIZE_MAX_BYTES (0 for no limit)"
        )
    if not isinstance(data, str):
        raw = to_utf8(raw, name, options, content_type)
    tree = parse_html(raw, name)
    visible = visible_chars(tree)
    if visible == 0:
        raise EmptyInputError(f"{name}: the page has no text")
    if visible > MAX_EXTRACTED_CHARS:
        raise InputTooLargeError(
            f"{name}: the page holds {visible:,} characters of text, more than the "
            f"{MAX_EXTRACTED_CHARS:,} that main-text extraction reads"
        )
    return _extract(name, tree, url)


def _extract(name: str, tree: HtmlElement, url: str | None) -> Source:
    """trafilatura's main text and metadata, or the whole visible text with a warning."""
    import trafilatura

    _drop_chrome(tree)
    document: Any = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    text = _paragraphs(document.text) if document is not None and document.text else ""
    if text and document is not None and document.title:
        text = _without_headline(text, document.title)
    if not text:
        text = visible_text(tree)
        if not text:
            raise EmptyInputError(
                f"{name}: the page has no text outside navigation, banners and forms"
            )
        warnings.warn(
            f"{name}: no main text found in the page; its whole visible text is used",
            UserWarning,
            stacklevel=3,
        )
    title = document.title if document is not None else None
    if not title:
        found = tree.findtext(".//title")
        title = " ".join(found.split()) if found else None
    return Source(
        name=name,
        text=text,
        title=title or None,
        url=url or (document.url if document is not None else None) or None,
        published=_date(document.date if document is not None else None),
        media_type=MEDIA_TYPE,
        author=(document.author if document is not None else None) or None,
        site_name=(document.sitename if document is not None else None) or None,
    )


def _drop_chrome(tree: HtmlElement) -> None:
    """Remove navigation, footers, dialogs and small cookie banners from the tree (not the <head>:
    its metadata stays)."""
    body = tree.find("body")
    if body is None:
        return
    doomed = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _CHROME_TAGS or element.get("role") in _CHROME_ROLES:
            doomed.append(element)
            continue
        marks = f"{element.get('id', '')} {element.get('class', '')}"
        if _BANNER.search(marks) and len(element.text_content()) < _BANNER_MAX_CHARS:
            doomed.append(element)
    for element in doomed:  # drop_tree keeps the text that follows an element
        if element.getparent() is not None:
            element.drop_tree()


def _without_headline(text: str, title: str) -> str:
    """The text without a first paragraph that repeats the title (it is in the metadata).

    The headline is not a sentence of the article: left in, it is often picked first. On the
    extraction benchmark this raises F1 from 0.9639 to 0.9649 (10 of 92 pages change).
    """
    first, _, rest = text.partition("\n\n")
    if rest and first.casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _paragraphs(text: str) -> str:
    """trafilatura's one paragraph per line as paragraphs separated by blank lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _date(value: str | None) -> datetime | None:
    """trafilatura's date (``_DATE_FORMAT``, or ISO 8601) as an aware datetime, UTC if unsaid."""
    if not value:
        return None
    try:
        parsed = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
