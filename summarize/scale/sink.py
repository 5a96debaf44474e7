"""Where result lines go: standard output, or a file that is never seen half written.

``--output FILE`` writes ``FILE.partial``: whole lines only, flushed and fsynced after every
chunk, renamed to ``FILE`` when the last document is written. So ``FILE`` exists only when
complete, and a killed run leaves ``FILE.partial`` holding the documents done so far (its last
line possibly cut). ``--resume`` drops that cut line, skips the ids the file holds, and goes on
appending; a finished ``FILE`` can be resumed too (after adding inputs, say).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import BinaryIO, Protocol

from summarize.errors import OutputError


class Sink(Protocol):
    """Takes the result lines of a batch; :attr:`done` holds the ids already written."""

    done: set[str]

    def write(self, lines: list[str]) -> None:
        """Append whole lines (each ending in a newline)."""

    def finish(self) -> None:
        """The batch is complete."""

    def close(self) -> None:
        """The batch ends, complete or not."""


class StreamSink:
    """Lines to a stream (standard output), flushed after every chunk."""

    def __init__(self, stream: BinaryIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stdout.buffer
        self.done: set[str] = set()

    def write(self, lines: list[str]) -> None:
        try:
            self._stream.write("".join(lines).encode("utf-8"))
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"standard output: {error.strerror or error}") from None

    def finish(self) -> None:
        pass

    def close(self) -> None:
        pass


class FileSink:
    """Lines appended to ``FILE.partial`` and fsynced; renamed to ``FILE`` by :meth:`finish`."""

    def __init__(self, path: str | os.PathLike[str], *, resume: bool = False) -> None:
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.done: set[str] = set()
        try:
            if resume and not self.partial.exists() and self.path.exists():
                os.replace(self.path, self.partial)
            if resume and self.partial.exists():
                self.done = _ids_and_trim(self.partial)
                self._file = open(self.partial, "ab")  # noqa: SIM115 - closed by close()
            else:
                self._file = open(self.partial, "wb")  # noqa: SIM115
        except OSError as error:
            raise OutputError(f"{self.partial}: {error.strerror or error}") from None

    def write(self, lines: list[str]) -> None:
        try:
            self._file.write("".join(lines).encode("utf-8"))
            self._file.flush()
            os.fsync(self._file.fileno())
        except OSError as error:
            raise OutputError(f"{self.partial}: {error.strerror or error}") from None

    def finish(self) -> None:
        """Every document is written: the file takes its real name, atomically."""
        self.close()
        try:
            os.replace(self.partial, self.path)
            _fsync_folder(self.path.parent)
        except OSError as error:
            raise OutputError(f"{self.path}: {error.strerror or error}") from None

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()


def _ids_and_trim(path: Path) -> set[str]:
    """The ids (as JSON text) of the whole lines of ``path``; a cut last line is removed."""
    done: set[str] = set()
    complete = 0
    with open(path, "rb") as file:
        for line in file:
            if not line.endswith(b"\n"):
                break
            complete += len(line)
            key = _id_of(line)
            if key is not None:
                done.add(key)
    if complete != path.stat().st_size:
        os.truncate(path, complete)
    return done


_HEAD = b'{"id": '


def _id_of(line: bytes) -> str | None:
    """The id of a result line; lines start with it, so only the start is decoded."""
    text = line.decode("utf-8", errors="replace")
    try:
        if line.startswith(_HEAD):
            value, _ = json.JSONDecoder().raw_decode(text, len(_HEAD))
        else:
            value = json.loads(text).get("id")
    except (ValueError, AttributeError):
        return None
    return json.dumps(value, ensure_ascii=False)


def _fsync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
