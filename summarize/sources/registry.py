"""Which reader takes an input: URLs, folders, then files (and ``-``), then plugins.

Built-in readers are named by ``"module:Class"`` strings with a cheap test of the input, so a
reader's module is imported only when an input needs it. Plugins register in the entry-point
group ``summarize.readers`` and are asked after the URL and folder readers, before files.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module

from summarize.backends.registry import DISABLE_PLUGINS_ENV  # one switch for every plugin
from summarize.errors import SummarizeError
from summarize.sources.base import Loaded, Pending, Reader, ReadOptions

PLUGIN_GROUP = "summarize.readers"


def _is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def _is_folder(spec: str) -> bool:
    return spec != "-" and os.path.isdir(spec)


@dataclass(frozen=True)
class ReaderEntry:
    """A reader known by name, with a test that needs no import of the reader's module."""

    name: str
    claims: Callable[[str], bool]
    target: str  # "module:Class"

    def load(self) -> Reader:
        module, _, attribute = self.target.partition(":")
        reader: Reader = getattr(import_module(module), attribute)()
        return reader


BUILTIN_READERS: tuple[ReaderEntry, ...] = (
    ReaderEntry("url", _is_url, "summarize.sources.urls:UrlReader"),
    ReaderEntry("folder", _is_folder, "summarize.sources.folders:FolderReader"),
)
FILE_READER = ReaderEntry("file", lambda spec: True, "summarize.sources.files:FileReader")


@cache
def plugin_readers() -> tuple[Reader, ...]:
    """Readers installed by other packages; one that fails to load is a warning, not a crash."""
    if os.environ.get(DISABLE_PLUGINS_ENV):
        return ()
    from importlib.metadata import entry_points

    readers = []
    for point in entry_points(group=PLUGIN_GROUP):
        try:
            readers.append(point.load()())
        except Exception as error:  # a broken plugin must not stop the command
            warnings.warn(f"reader plugin {point.name!r} failed to load: {error}", stacklevel=2)
    return tuple(readers)


@cache
def _loaded(entry: ReaderEntry) -> Reader:
    return entry.load()


def _is_local(spec: str) -> bool:
    return spec == "-" or os.path.exists(spec)


def reader_for(spec: str) -> Reader:
    """The reader that takes ``spec``: built-ins first, then plugins, then plain files.

    A path that exists is a file without asking the plugins, so the common case never pays for
    reading the installed packages' entry points.
    """
    for entry in BUILTIN_READERS:
        if entry.claims(spec):
            return _loaded(entry)
    if _is_local(spec):
        return _loaded(FILE_READER)
    for reader in plugin_readers():
        if reader.claims(spec):
            return reader
    return _loaded(FILE_READER)


def _raise(error: BaseException) -> Loaded:
    raise error


def expand_all(specs: Iterable[str], options: ReadOptions) -> Iterator[Pending]:
    """The pending sources of every input, in order; an input that cannot be expanded (a
    missing folder, a reader that fails) becomes one pending item that raises its error."""
    for spec in specs:
        try:
            yield from reader_for(spec).expand(spec, options)
        except SummarizeError as error:
            yield Pending(spec, lambda error=error: _raise(error))  # type: ignore[misc]
