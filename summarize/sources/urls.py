"""The reader of ``http://`` and ``https://`` inputs: fetch the page, then read it by content.

Expanding a URL does no I/O: it yields one pending source, named by the URL as given and
marked remote, whose load fetches the page (:mod:`summarize.sources.http`, through the shared
connection pool) and hands the bytes to :func:`summarize.sources.formats.sources_from_bytes`,
which tells a page from a text, a PDF or a feed by its type and content; a feed gives the
pending items of its entries in its place. Remote loads run a few at once, in input order
(:func:`summarize.many.load_in_order`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from summarize.sources.base import Loaded, Pending, ReadOptions

__all__ = ["UrlReader", "is_url", "load_url"]

_SCHEMES = ("http://", "https://")


def is_url(spec: str) -> bool:
    """Whether ``spec`` is an http or https URL (by its scheme alone; no I/O)."""
    return spec[:8].lower().startswith(_SCHEMES)


def load_url(url: str, options: ReadOptions) -> Loaded:
    """Fetch ``url`` and read what it holds: a source, or the entries of a feed."""
    from summarize.sources.formats import sources_from_bytes
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


class UrlReader:
    """Reads web pages, texts, PDFs and feeds named by an http or https URL."""

    name = "url"

    def claims(self, spec: str) -> bool:
        return is_url(spec)

    def expand(self, spec: str, options: ReadOptions) -> Iterator[Pending]:
        yield Pending(spec, partial(load_url, spec, options), remote=True)
