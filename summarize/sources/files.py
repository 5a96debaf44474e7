"""Files and standard input: bounded reading, and the readers for paths and ``-``.

Reading is bounded: at most ``max_bytes + 1`` bytes are ever read, so a huge file, ``/dev/zero``
or an endless pipe is refused with a clear message instead of exhausting memory. What the bytes
are (text, Markdown, HTML, PDF, a feed) is decided by :mod:`summarize.sources.formats`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator
from functools import partial
from typing import BinaryIO

from summarize.errors import InputError, InputTooLargeError, UsageError
from summarize.sources.base import DEFAULT_MAX_BYTES, STDIN_NAME, Loaded, Pending, ReadOptions
from summarize.sources.sizes import format_size

_CHUNK = 1024 * 1024
_SIZE = re.compile(r"\s*(\d+)\s*([kmgt]?)(i?b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def parse_size(value: str) -> int:
    """A byte count: ``1000``, ``64K``, ``32M``, ``2GiB`` (binary multiples); 0 = no limit."""
    match = _SIZE.fullmatch(value)
    if match is None:
        raise UsageError(
            f"max_bytes must be a size such as 500000, 64K, 32M or 1G (0 for no limit), "
            f"not {value!r}"
        )
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def _too_large(name: str, max_bytes: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"{name}: the input is larger than the limit of {format_size(max_bytes)}; "
        "raise it with --max-bytes or SUMMARIZE_MAX_BYTES (0 for no limit)"
    )


def _read_bounded(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read to the end of ``stream`` but never more than ``max_bytes + 1`` bytes."""
    if max_bytes <= 0:
        return stream.read()
    data = bytearray()
    while len(data) <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - len(data)))
        if not chunk:
            break
        data += chunk
    if len(data) > max_bytes:
        raise _too_large(name, max_bytes)
    return bytes(data)


def _open_error(path: str, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(f"{path}: no such file")
    if isinstance(error, PermissionError):
        return InputError(f"{path}: permission denied")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{path}: is a directory, not a file")
    return InputError(f"{path}: cannot read ({error.strerror or error})")


def read_bytes(
    path: str, stdin: BinaryIO | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """The raw bytes of ``path`` (``-`` reads standard input), at most ``max_bytes`` of them.

    ``max_bytes <= 0`` means no limit. Raises :class:`InputTooLargeError` for a bigger input,
    having read no more than ``max_bytes + 1`` bytes of it.
    """
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            return _read_bounded(stream, STDIN_NAME, max_bytes)
        except OSError as error:
            raise InputError(f"{STDIN_NAME}: cannot read ({error.strerror or error})") from None
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            # A regular file reports its size: refuse a big one without reading it. Special
            # files (pipes, devices, /proc) report 0 or nonsense and are read with the bound.
            if stat.S_ISREG(info.st_mode) and 0 < max_bytes < info.st_size:
                raise _too_large(path, max_bytes)
            return _read_bounded(handle, path, max_bytes)
    except OSError as error:
        raise _open_error(path, error) from None


def load_file(path: str, options: ReadOptions) -> Loaded:
    """The source(s) in the file at ``path`` (``-`` is standard input), decided by content."""
    from summarize.sources.formats import sources_from_bytes

    name = STDIN_NAME if path == "-" else path
    data = read_bytes(path, options.stdin, max_bytes=options.max_bytes)
    return sources_from_bytes(name, data, options=options)


class FileReader:
    """A path, or ``-`` for standard input: one pending source, read when it is loaded."""

    name = "file"

    def claims(self, spec: str) -> bool:
        return True

    def expand(self, spec: str, options: ReadOptions) -> Iterator[Pending]:
        name = STDIN_NAME if spec == "-" else spec
        yield Pending(name, partial(load_file, spec, options))
