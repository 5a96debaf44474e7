"""Bytes to source(s), by content: PDF, HTML, a feed, OPML, Markdown or plain text.

The same bytes read the same way whether they came from a file, standard input or a URL. The
kind is taken from ``--input-format`` when given, else from the bytes (a PDF signature, an HTML
or XML root), else from the media type a server sent or the file's extension. A feed or an OPML
file holds several texts: it gives the pending items it holds instead of one source.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Sequence
from functools import partial

from summarize.sources.base import Loaded, Pending, ReadOptions, Source
from summarize.sources.decoding import decode, is_pdf
from summarize.sources.markdown import SUFFIXES as _MARKDOWN_EXTENSIONS

INPUT_FORMATS = ("auto", "text", "markdown", "html")

_HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
_UTF8 = ("utf-8", "utf8")
_HEAD = 4096
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf|channel)[\s>/]")
_OPML_ROOT = re.compile(rb"<opml[\s>/]")
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>/]")
_MARKUP_NOISE = re.compile(rb"\s*(?:<\?xml[^>]*>|<!--.*?-->|<!doctype(?!\s+html)[^>]*>)\s*", re.S)


def _head(data: bytes) -> bytes:
    """The first bytes, lower-cased, as ASCII-compatible bytes (UTF-16/32 are re-encoded)."""
    head = data[:_HEAD]
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")):
        if head.startswith(bom):
            return head.decode(codec, errors="ignore").encode("utf-8", "ignore").lower()
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            return head.decode("utf-16", errors="ignore").encode("utf-8", "ignore").lower()
    return head.removeprefix(codecs.BOM_UTF8).lower()


def sniff(data: bytes) -> str | None:
    """``pdf``, ``feed``, ``opml`` or ``html`` when the bytes say so, else None."""
    if is_pdf(data):
        return "pdf"
    head = _head(data).lstrip()
    if not head.startswith(b"<"):
        return None
    # Skip an XML declaration, comments and a non-HTML doctype before the root element.
    position = 0
    while match := _MARKUP_NOISE.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    root = head[position:]
    if _FEED_ROOT.match(root):
        return "feed"
    if _OPML_ROOT.match(root):
        return "opml"
    if _HTML_ROOT.search(head[: _HEAD // 2]):
        return "html"
    return None


def input_kind(
    name: str, data: bytes, content_type: str | None = None, input_format: str = "auto"
) -> str:
    """What the bytes are: pdf, html, feed, opml, markdown or text."""
    if input_format != "auto":
        return input_format
    sniffed = sniff(data)
    if sniffed is not None:
        return sniffed
    media = (content_type or "").lower()
    if "html" in media:
        return "html"
    if "markdown" in media:
        return "markdown"
    extension = os.path.splitext(name.split("?", 1)[0])[1].lower()
    if extension in _MARKDOWN_EXTENSIONS:
        return "markdown"
    if extension in _HTML_EXTENSIONS:
        return "html"
    return "text"


def sources_from_bytes(
    name: str,
    data: bytes,
    *,
    options: ReadOptions,
    content_type: str | None = None,
    charset: str | None = None,
    url: str | None = None,
) -> Loaded:
    """The source that ``data`` holds, or the pending items of a feed or OPML file."""
    kind = input_kind(name, data, content_type, options.input_format)
    if kind == "pdf":
        from summarize.sources.pdf import pdf_text

        return Source(name, pdf_text(data, name), url=url, media_type="application/pdf")
    if kind == "html":
        from summarize.sources.html import html_source

        return html_source(name, data, url=url, options=options)
    if kind == "feed":
        from summarize.sources.feeds import feed_pendings

        fetch = partial(fetch_page, options=options)
        return list(feed_pendings(name, data, url=url, options=options, fetch=fetch))
    if kind == "opml":
        return opml_pendings(name, data, options)
    # A server's "utf-8" is what the detection finds anyway, and detection forgives a stray byte.
    declared = None if charset is None or charset.lower().replace("_", "-") in _UTF8 else charset
    text = decode(data, name, options.encoding or declared)
    if kind == "markdown":
        from summarize.sources.markdown import markdown_source

        title, prose = markdown_source(name, text)
        return Source(name, prose, title=title, url=url, media_type="text/markdown")
    return Source(name, text, url=url)


def fetch_page(url: str, options: ReadOptions) -> tuple[bytes, str | None, str]:
    """The bytes of a page a feed entry links to: (body, media type, final URL)."""
    from summarize.sources.http import fetch

    response = fetch(url, options)
    media = response.content_type
    if media is not None and response.charset:
        media = f"{media}; charset={response.charset}"
    return response.body, media, response.url


def load_url(url: str, options: ReadOptions) -> Loaded:
    """Fetch ``url`` and read what it holds: a source, or the entries of a feed."""
    from summarize.sources.http import fetch, redact

    response = fetch(url, options)
    return sources_from_bytes(
        redact(url),
        response.body,
        options=options,
        content_type=response.content_type,
        charset=response.charset,
        url=response.url,
    )


def opml_pendings(name: str, data: bytes, options: ReadOptions) -> Sequence[Pending]:
    """The feeds an OPML file lists, each read as a URL would be: several at once, in order."""
    from summarize.sources.opml import opml_feeds

    return [
        Pending(feed, partial(load_url, feed, options), remote=True)
        for feed in opml_feeds(data, name)
    ]
