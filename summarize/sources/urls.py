"""The reader of ``http://`` and ``https://`` inputs: fetch the page, then read it by content.

Expanding a URL does no I/O: it yields one pending source named by the URL as given, whose
load fetches the page (:mod:`summarize.sources.http`) and hands the bytes to
:func:`summarize.sources.formats.sources_from_bytes`, which tells a page from a text, a PDF or
a feed by its type and content. Loads run concurrently through
:func:`summarize.sources.concurrent.load_all` and share one connection pool
(:func:`summarize.sources.http.shared_pool`).
"""

from __future__ import annotations

from collections.abc import Iterator

from summarize.errors import EmptyInputError, InputError
from summarize.sources.base import Pending, ReadOptions, Source

__all__ = ["UrlReader", "is_url"]

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
        yield Pending(spec, lambda: self.load(spec, options))

    def load(self, url: str, options: ReadOptions) -> Source:
        """Fetch ``url`` and read it; the page must hold exactly one document."""
        from summarize.sources.formats import (  # type: ignore[import-not-found, import-untyped, unused-ignore]
            sources_from_bytes,
        )
        from summarize.sources.http import fetch, redact

        response = fetch(url, options)
        found: list[Pending] = list(
            sources_from_bytes(
                redact(url),
                response.body,
                content_type=response.content_type,
                charset=response.charset,
                url=response.url,
                options=options,
            )
        )
        if not found:
            raise EmptyInputError(f"{redact(url)}: the page holds no text to summarise")
        if len(found) > 1:
            raise InputError(
                f"{redact(url)}: holds {len(found)} documents (a feed or a list of feeds), "
                "not one page"
            )
        return found[0].load()
