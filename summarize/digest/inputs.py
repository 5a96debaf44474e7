"""Where a digest's items come from: feeds and pages over HTTP (conditional requests), feed
files, text files and folders, each read by the project's own readers.

A feed's entries come twice from one parse: as the feed tells them (its id, link and own text;
nothing fetched) to judge what is new, and as the page each links to, fetched only for the
entries that are new (unless the source reads the entries' own content). Pages and files are
one item each; a folder is one item per file.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import threading
from collections.abc import Callable, Iterable
from typing import Any

from summarize.digest.runner import Collect, Collected, Entry, SourceSpec
from summarize.digest.state_run import Conditional
from summarize.errors import EmptyInputError, InputError, SummarizeError
from summarize.sources.base import Pending, ReadOptions, Source


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def _options(spec: SourceSpec, options: ReadOptions) -> ReadOptions:
    return dataclasses.replace(
        options,
        limit=spec.limit if spec.limit is not None else options.limit,
        feed_content=spec.feed_content if spec.feed_content is not None else options.feed_content,
        include=spec.include or options.include,
        exclude=spec.exclude or options.exclude,
    )


def _wanted(source: Source, spec: SourceSpec) -> bool:
    """A feed entry passes its source's own include and exclude patterns (from the ``[digest]``
    table: shell patterns matched, ignoring case, against its title and its link)."""
    fields = [f.casefold() for f in (source.title, source.url) if f]

    def matches(patterns: Iterable[str]) -> bool:
        return any(fnmatch.fnmatchcase(f, p.casefold()) for p in patterns for f in fields)

    if spec.include and not matches(spec.include):
        return False
    return not (spec.exclude and matches(spec.exclude))


def _one(pending: Pending) -> Callable[[], Source]:
    """A pending item's load, which must give one source (not a feed's or a list's items)."""

    def load() -> Source:
        loaded = pending.load()
        if isinstance(loaded, Source):
            return loaded
        raise InputError(
            f"{pending.name}: a feed or a list of feeds inside a folder; give it as a source "
            "of its own"
        )

    return load


def _quick(pending: Pending) -> Source | None:
    try:
        return _one(pending)()
    except EmptyInputError:
        return None  # an entry with no text of its own: judged by its page


class _Pages:
    """Fetches the pages feed entries link to, through one connection pool."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self._pool: Any = None
        self._lock = threading.Lock()

    def pool(self) -> Any:
        with self._lock:
            if self._pool is None:
                from summarize.sources.http import make_pool

                self._pool = make_pool(self.options)
            return self._pool

    def fetch(self, url: str, options: ReadOptions) -> tuple[bytes, str | None, str]:
        from summarize.sources.http import fetch

        response = fetch(url, options, pool=self.pool())
        return response.body, response.content_type, response.url


def _feed_entries(
    spec: SourceSpec, data: bytes, url: str | None, options: ReadOptions, pages: _Pages
) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    from summarize.sources.feeds import feed_pendings

    name = spec.label
    told = feed_pendings(
        name, data, url=url, options=dataclasses.replace(options, feed_content=True)
    )
    linked: list[Pending | None]
    if options.feed_content:
        linked = []
    else:
        fetch_page = lambda link: pages.fetch(link, options)  # noqa: E731
        linked = list(feed_pendings(name, data, url=url, options=options, fetch=fetch_page))
    entries: list[Entry] = []
    problems: list[str] = []
    for position, pending in enumerate(told):
        quick = _quick(pending)
        full = linked[position] if position < len(linked) else None
        if quick is not None and not _wanted(quick, spec):
            continue
        if quick is None and full is None:
            problems.append(f"{pending.name}: the entry has no content of its own")
            continue
        entries.append(Entry(quick=quick, full=_one(full) if full is not None else None))
    return tuple(entries), tuple(problems)


def _bytes_entries(
    spec: SourceSpec,
    data: bytes,
    content_type: str | None,
    charset: str | None,
    url: str | None,
    options: ReadOptions,
    pages: _Pages,
) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    from summarize.sources.formats import input_kind, sources_from_bytes

    kind = input_kind(url or spec.spec, data, content_type, options.input_format)
    if kind == "feed":
        return _feed_entries(spec, data, url, options, pages)
    if kind == "opml":
        raise InputError(f"{spec.label}: an OPML list of feeds; give it with --sources")
    loaded = sources_from_bytes(
        spec.label, data, options=options, content_type=content_type, charset=charset, url=url
    )
    if isinstance(loaded, Source):
        return (Entry(quick=loaded),), ()
    return tuple(Entry(full=_one(p)) for p in loaded), ()


def make_collect(options: ReadOptions) -> Collect:
    """The :data:`~summarize.digest.runner.Collect` of the project's readers."""
    pages = _Pages(options)

    def collect(spec: SourceSpec, known: Conditional) -> Collected:
        read = _options(spec, options)
        if is_url(spec.spec):
            from summarize.sources.http import fetch

            response = fetch(
                spec.spec,
                read,
                etag=known.etag,
                last_modified=known.last_modified,
                pool=pages.pool(),
            )
            if response.not_modified:
                return Collected(
                    not_modified=True, etag=response.etag, last_modified=response.last_modified
                )
            entries, problems = _bytes_entries(
                spec,
                response.body,
                response.content_type,
                response.charset,
                response.url,
                read,
                pages,
            )
            return Collected(entries, False, response.etag, response.last_modified, problems)
        if os.path.isdir(spec.spec):
            from summarize.sources.registry import reader_for

            # Expanded here, so that a folder that cannot be listed fails as a source.
            files = list(reader_for(spec.spec).expand(spec.spec, read))
            return Collected(tuple(Entry(full=_one(p)) for p in files))
        try:
            with open(spec.spec, "rb") as stream:
                data = stream.read(read.max_bytes + 1 if read.max_bytes else -1)
        except OSError as error:
            raise InputError(f"{spec.label}: {error.strerror or error}") from None
        if read.max_bytes and len(data) > read.max_bytes:
            raise InputError(f"{spec.label}: larger than the {read.max_bytes}-byte limit")
        entries, problems = _bytes_entries(spec, data, None, None, None, read, pages)
        return Collected(entries, problems=problems)

    return collect


__all__ = ["SummarizeError", "is_url", "make_collect"]
