"""One digest run's transaction on the state (:mod:`summarize.digest.state`), and what it
reads and writes: the items that are fresh, the sources' validators and failures.

A run is begun by :meth:`DigestState.begin <summarize.digest.state.DigestState.begin>`, which
holds SQLite's write lock; everything here happens inside that one transaction, and items are
marked seen only by :meth:`DigestRun.commit_digest`, with the digest itself.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from types import TracebackType
from typing import Literal

from summarize.digest.identity import UPDATED_BELOW, item_key, similarity, sketch, text_hash
from summarize.errors import SummarizeError
from summarize.sources.base import Source

# A source that keeps failing is reported again only after this long.
REPORT_EVERY = timedelta(days=1)

Status = Literal["new", "updated"]
Clock = Callable[[], datetime]


class StateError(SummarizeError):
    """The digest state cannot be opened or used."""


class StateLockedError(StateError):
    """Another run holds the state's transaction."""


def source_key(source: Source) -> str:
    """The source an item belongs to when none is given: its feed, its URL or its name."""
    return source.feed or source.url or source.name


@dataclass(frozen=True)
class Fresh:
    """An item to put in the digest: new, or known with a text that changed substantially."""

    source: Source
    source_key: str
    key: str
    status: Status
    text_hash: str
    sketch: bytes


@dataclass(frozen=True)
class Conditional:
    """What the last successful fetch of a source said, for If-None-Match / If-Modified-Since."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class SourceFailure:
    """A failed fetch: how long the source has been failing and whether to report it now."""

    source_key: str
    reason: str
    failures: int  # consecutive failed runs, this one included
    failing_since: datetime
    report: bool  # first failure, or a day since it was last reported


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


class DigestRun:
    """One run's transaction. Ends with :meth:`commit_digest`, :meth:`mark_seen`,
    :meth:`commit` (sources only) or :meth:`rollback`; leaving a ``with`` block without one of
    them rolls back."""

    def __init__(
        self,
        db: sqlite3.Connection,
        clock: Clock,
        error: Callable[[sqlite3.Error], StateError],
    ) -> None:
        self._db = db
        self._error = error
        self._clock = clock
        self.started = clock()
        self.open = True

    def _execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        if not self.open:
            raise StateError("the digest run has already ended")
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            raise self._error(error) from None

    # Sources.

    def conditional(self, key: str) -> Conditional:
        """The ETag and Last-Modified of the source's last successful fetch, if any."""
        row = self._execute("SELECT etag, last_modified FROM sources WHERE key = ?", (key,))
        found = row.fetchone()
        return Conditional(*found) if found else Conditional()

    def record_success(
        self,
        key: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        not_modified: bool = False,
    ) -> None:
        """A fetch that worked; a 304 (``not_modified``) keeps the validators it did not renew."""
        old = self.conditional(key)
        if not_modified:
            etag = etag or old.etag
            last_modified = last_modified or old.last_modified
        self._execute(
            "INSERT INTO sources (key, etag, last_modified, last_success, failures) "
            "VALUES (?, ?, ?, ?, 0) ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, last_success = excluded.last_success, "
            "failures = 0, failing_since = NULL, failure_reported_at = NULL, last_error = NULL",
            (key, etag, last_modified, _iso(self._clock())),
        )

    def record_failure(self, key: str, reason: str) -> SourceFailure:
        """A fetch that failed. ``report`` is true for the first failure of a streak and then
        once a day while the source keeps failing, so a dead feed is not news every hour."""
        now = self._clock()
        found = self._execute(
            "SELECT failures, failing_since, failure_reported_at FROM sources WHERE key = ?",
            (key,),
        ).fetchone()
        failures, since, reported = found if found else (0, None, None)
        failing_since = datetime.fromisoformat(since) if since else now
        report = reported is None or now - datetime.fromisoformat(reported) >= REPORT_EVERY
        self._execute(
            "INSERT INTO sources (key, failures, failing_since, failure_reported_at, last_error) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "failures = excluded.failures, failing_since = excluded.failing_since, "
            "failure_reported_at = excluded.failure_reported_at, last_error = excluded.last_error",
            (key, failures + 1, _iso(failing_since), _iso(now) if report else reported, reason),
        )
        return SourceFailure(key, reason, failures + 1, failing_since, report)

    # Items.

    def fresh(self, sources: Iterable[Source], key: str | None = None) -> list[Fresh]:
        """The items among ``sources`` that are new, or known but substantially changed.

        ``key`` names the source they all came from; by default each item's feed, URL or name.
        An item listed twice is taken once. Nothing is written: see :meth:`commit_digest`.
        """
        chosen: list[Fresh] = []
        taken: set[tuple[str, str]] = set()
        for source in sources:
            owner = key if key is not None else source_key(source)
            path = source.name if source.feed is None else None  # a file, not a feed entry
            identity = item_key(source.id, source.url, source.text, path)
            if (owner, identity) in taken:
                continue
            taken.add((owner, identity))
            digest = text_hash(source.text)
            found = self._execute(
                "SELECT text_hash, sketch FROM items WHERE source_key = ? AND item_key = ?",
                (owner, identity),
            ).fetchone()
            if found is not None and found[0] == digest:
                continue
            shape = sketch(source.text)
            if found is not None and similarity(found[1], shape) >= UPDATED_BELOW:
                continue
            status: Status = "new" if found is None else "updated"
            chosen.append(Fresh(source, owner, identity, status, digest, shape))
        return chosen

    def _remember(self, items: Sequence[Fresh], digest_id: int | None) -> None:
        now = _iso(self._clock())
        for item in items:
            self._execute(
                "INSERT INTO items (source_key, item_key, text_hash, sketch, title, link, "
                "first_seen, last_changed, digest_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (source_key, item_key) DO UPDATE SET text_hash = excluded.text_hash, "
                "sketch = excluded.sketch, title = excluded.title, link = excluded.link, "
                "last_changed = excluded.last_changed, digest_id = excluded.digest_id",
                (
                    item.source_key,
                    item.key,
                    item.text_hash,
                    item.sketch,
                    item.source.title,
                    item.source.url,
                    now,
                    now,
                    digest_id,
                ),
            )

    def commit_digest(self, items: Sequence[Fresh]) -> int:
        """Record a digest of ``items`` as written and mark them seen, in one commit.

        Call it only once the digest is safely out (the file renamed into place, the pipe
        written). Returns the digest's id.
        """
        cursor = self._execute(
            "INSERT INTO digests (written_at, item_count) VALUES (?, ?)",
            (_iso(self._clock()), len(items)),
        )
        digest_id = int(cursor.lastrowid or 0)
        self._remember(items, digest_id)
        self.commit()
        return digest_id

    def mark_seen(self, items: Sequence[Fresh]) -> None:
        """Mark ``items`` seen without a digest (to start a state without sending the backlog)."""
        self._remember(items, None)
        self.commit()

    def commit(self) -> None:
        """End the run keeping what it recorded about sources (and items, if any)."""
        self._execute("COMMIT")
        self.open = False

    def rollback(self) -> None:
        """End the run keeping nothing."""
        if self.open:
            self.open = False
            # No transaction may be left: SQLite rolls back by itself on some errors (a full disk).
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def __enter__(self) -> DigestRun:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.rollback()
