"""What a digest remembers between runs: items already sent, conditional-request data, failures.

One SQLite file (WAL journal, synchronous=FULL). A run is one ``BEGIN IMMEDIATE`` transaction,
taken before anything is fetched: a second run that starts while the first holds it waits at
most ``timeout`` seconds and then fails with a clear error, so two overlapping runs never both
send. Everything a run learns (ETags, failures, items sent) is written in that one transaction,
and items are marked seen only by :meth:`DigestRun.commit_digest`, which also records the digest:
if the run dies before that (a crash, ``kill -9``, a full disk, a failed write), nothing is kept,
and the next run sends the same items, once. An ETag is kept only with the rest: a 304 on the
next run must not hide entries that were never sent.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Literal

from summarize.digest.identity import UPDATED_BELOW, item_key, similarity, sketch, text_hash
from summarize.errors import SummarizeError
from summarize.sources.base import Source

STATE_FILE = "digest.sqlite3"
DEFAULT_TIMEOUT = 10.0  # seconds a run waits for another run's transaction
# A source that keeps failing is reported again only after this long.
REPORT_EVERY = timedelta(days=1)
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS digests (
    id INTEGER PRIMARY KEY,
    written_at TEXT NOT NULL,
    item_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    source_key TEXT NOT NULL,
    item_key TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    sketch BLOB NOT NULL,
    title TEXT,
    link TEXT,
    first_seen TEXT NOT NULL,
    last_changed TEXT NOT NULL,
    digest_id INTEGER REFERENCES digests(id),
    PRIMARY KEY (source_key, item_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_success TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    failure_reported_at TEXT,
    last_error TEXT
);
"""

Status = Literal["new", "updated"]
Clock = Callable[[], datetime]


class StateError(SummarizeError):
    """The digest state cannot be opened or used."""


class StateLockedError(StateError):
    """Another run holds the state's transaction."""


def default_state_path() -> Path:
    """``digest.sqlite3`` in the user's state folder (created if missing)."""
    from platformdirs import user_state_dir

    folder = Path(user_state_dir("summarize"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / STATE_FILE


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


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


class DigestState:
    """An open state file. :meth:`begin` starts a run; one run at a time per connection."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Clock = _utc_now,
    ) -> None:
        self.path = Path(path) if path is not None else default_state_path()
        self.timeout = timeout
        self._clock = clock
        if not self.path.parent.is_dir():
            raise StateError(f"{self.path}: the folder {self.path.parent} does not exist")
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise StateError(f"{self.path}: cannot open the digest state: {error}") from None
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as error:
            self._db.close()
            raise self._error(error) from None

    def _error(self, error: sqlite3.Error) -> StateError:
        message = str(error)
        if "locked" in message or "busy" in message:
            return StateLockedError(
                f"another digest run holds the state {self.path}; try again later"
            )
        if "not a database" in message:
            return StateError(f"{self.path}: not a digest state file (not an SQLite database)")
        return StateError(f"{self.path}: {message}")

    def begin(self) -> DigestRun:
        """Start a run: take the write lock (waiting at most ``timeout``) and check the schema."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._error(error) from None
        try:
            (version,) = self._db.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise StateError(
                    f"{self.path}: written by a newer summarize (state version {version})"
                )
            if version < SCHEMA_VERSION:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as error:
            self._db.execute("ROLLBACK")
            raise self._error(error) from None
        except StateError:
            self._db.execute("ROLLBACK")
            raise
        return DigestRun(self, self._db, self._clock)

    def digests(self) -> list[tuple[int, str, int]]:
        """Every digest recorded: (id, written at, item count), oldest first."""
        (version,) = self._db.execute("PRAGMA user_version").fetchone()
        if version == 0:
            return []  # no run has ended with a commit yet
        rows = self._db.execute("SELECT id, written_at, item_count FROM digests ORDER BY id")
        return [(int(i), str(w), int(c)) for i, w, c in rows]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DigestState:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class DigestRun:
    """One run's transaction. Ends with :meth:`commit_digest`, :meth:`mark_seen`,
    :meth:`commit` (sources only) or :meth:`rollback`; leaving a ``with`` block without one of
    them rolls back."""

    def __init__(self, state: DigestState, db: sqlite3.Connection, clock: Clock) -> None:
        self._state = state
        self._db = db
        self._clock = clock
        self.started = clock()
        self.open = True

    def _execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        if not self.open:
            raise StateError("the digest run has already ended")
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error as error:
            raise self._state._error(error) from None

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
