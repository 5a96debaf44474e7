"""The reader of ``http://`` and ``https://`` inputs: fetch the page, then read it by content.

Expanding a URL does no I/O: it yields one pending source, named by the URL as given and
marked remote, whose load (:func:`summarize.sources.formats.load_url`) fetches the page
(:mod:`summarize.sources.http`, through the shared connection pool) and reads its bytes as any
input is read, telling a page from a text, a PDF or a feed by its type and content; a feed
gives the pending items of its entries in its place. Remote loads run a few at once, in input
order (:func:`summarize.many.load_in_order`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from summarize.sources.base import Pending, ReadOptions
from summarize.sources.formats import load_url

__all__ = ["UrlReader", "is_url", "load_url"]

_SCHEMES = ("http://", "https://")


def is_url(spec: str) -> bool:
    """Whether ``spec`` is an http or https URL (by its scheme alone; no I/O)."""
    return spec[:8].lower().startswith(_SCHEMES)


class UrlReader:
    """Reads web pages, texts, PDFs and feeds named by an http or https URL."""

    name = "url"

    def claims(self, spec: str) -> bool:
        return is_url(spec)

    def expand(self, spec: str, options: ReadOptions) -> Iterator[Pending]:
        yield Pending(spec, partial(load_url, spec, options), remote=True)
