"""What a digest remembers between runs: items already sent, conditional-request data, failures.

One SQLite file (WAL journal, synchronous=FULL). A run is one ``BEGIN IMMEDIATE`` transaction,
taken before anything is fetched: a second run that starts while the first holds it waits at
most ``timeout`` seconds and then fails with a clear error, so two overlapping runs never both
send. Everything a run learns (ETags, failures, items sent) is written in that one transaction
(:mod:`summarize.digest.state_run`), and items are marked seen only by
:meth:`~summarize.digest.state_run.DigestRun.commit_digest`, which also records the digest: if
the run dies before that (a crash, ``kill -9``, a full disk, a failed write), nothing is kept,
and the next run sends the same items, once. An ETag is kept only with the rest: a 304 on the
next run must not hide entries that were never sent.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from types import TracebackType

from summarize.digest.state_run import Clock, DigestRun, StateError, StateLockedError, utc_now

STATE_FILE = "digest.sqlite3"
DEFAULT_TIMEOUT = 10.0  # seconds a run waits for another run's transaction
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


def default_state_path() -> Path:
    """``digest.sqlite3`` in the user's state folder (created if missing)."""
    from platformdirs import user_state_dir

    folder = Path(user_state_dir("summarize"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / STATE_FILE


class DigestState:
    """An open state file. :meth:`begin` starts a run; one run at a time per connection."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Clock = utc_now,
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
        return DigestRun(self._db, self._clock, self._error)

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
