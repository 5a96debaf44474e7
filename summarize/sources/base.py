"""What every reader produces: a :class:`Source` (a text and what is known about it).

A reader turns one input (a path, ``-``, a URL, a folder, a feed) into a stream of
:class:`Pending` items. Each item knows its name before it is loaded, so an item that fails
can be reported by name while the others go on; loading may do I/O and may raise a
:class:`~summarize.errors.SummarizeError`. Loading gives a :class:`Source`, or, for an input
that turns out to hold several texts (a file or URL that is a feed), the pending items it holds,
which take its place in the output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import BinaryIO, Protocol, TypeAlias, runtime_checkable

STDIN_NAME = "<stdin>"

# 32 MiB: ten times the longest novels, and about a minute and 1 GB of memory for the fast
# methods. ``--max-bytes 0`` lifts the limit.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Source:
    """The text of one input, the name it is reported under, and what is known about it."""

    name: str
    text: str
    title: str | None = None
    url: str | None = None
    id: str | None = None
    published: datetime | None = None
    media_type: str = "text/plain"
    author: str | None = None
    site_name: str | None = None
    feed: str | None = None  # the feed an entry came from (its URL or path)

    def metadata(self) -> dict[str, str]:
        """The known metadata as strings (dates in ISO 8601), without name, text or absent keys."""
        known: dict[str, str] = {}
        for item in fields(self):
            if item.name in ("name", "text"):
                continue
            value = getattr(self, item.name)
            if value is None:
                continue
            known[item.name] = value.isoformat() if isinstance(value, datetime) else str(value)
        return known


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the settings of every reader, validated by whoever builds them."""

    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    input_format: str = "auto"  # auto, text, markdown, html
    # The network (URLs, feeds, the pages entries link to).
    connect_timeout: float = 10.0
    deadline: float = 30.0
    fetch_jobs: int = 8
    # Folders.
    recursive: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    hidden: bool = False
    # Feeds.
    feed_content: bool = False
    limit: int | None = None
    # Standard input (replaceable in tests).
    stdin: BinaryIO | None = field(default=None, compare=False, repr=False)


Loaded: TypeAlias = "Source | Sequence[Pending]"


@dataclass(frozen=True)
class Pending:
    """One source to come: its name now, its text when :attr:`load` is called."""

    name: str
    load: Callable[[], Loaded]
    # Loading waits on the network: worth running several at once, in input order.
    remote: bool = False


@runtime_checkable
class Reader(Protocol):
    """Turns inputs of one kind into pending sources (see :mod:`summarize.sources.registry`)."""

    name: str

    def claims(self, spec: str) -> bool:
        """Whether this reader reads ``spec`` (a path, ``-``, a URL ...); cheap, no I/O."""

    def expand(self, spec: str, options: ReadOptions) -> Iterator[Pending]:
        """The sources of ``spec``; may raise for the input as a whole (a missing folder)."""
