"""Reading input: files, ``-`` and piped standard input, decoded to text.

Reading is bounded: at most ``max_bytes + 1`` bytes are ever read, so a huge file, ``/dev/zero``
or an endless pipe is refused with a clear message instead of exhausting memory. Decoding and
the refusal of binary input live in :mod:`summarize.sources.decoding`, PDF text extraction in
:mod:`summarize.sources.pdf`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from typing import BinaryIO

from summarize.errors import InputError, InputTooLargeError, UsageError
from summarize.sources.decoding import decode, is_pdf

STDIN_NAME = "<stdin>"

# 32 MiB: ten times the longest novels, and about a minute and 1 GB of memory for the fast
# methods. ``--max-bytes 0`` lifts the limit.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

_CHUNK = 1024 * 1024
_SIZE = re.compile(r"\s*(\d+)\s*([kmgt]?)(i?b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN_NAME",
    "Source",
    "decode",
    "format_size",
    "parse_size",
    "read_bytes",
    "read_source",
]


@dataclass(frozen=True)
class Source:
    """The text of one input and the name it is reported under."""

    name: str
    text: str


def parse_size(value: str) -> int:
    """A byte count: ``1000``, ``64K``, ``32M``, ``2GiB`` (binary multiples); 0 = no limit."""
    match = _SIZE.fullmatch(value)
    if match is None:
        raise UsageError(
            f"--max-bytes must be a size such as 500000, 64K, 32M or 1G (0 for no limit), "
            f"not {value!r}"
        )
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def format_size(size: int) -> str:
    """``size`` bytes for a message: ``32 MiB``, ``1.5 KiB``, ``17 bytes``."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.4g} {unit}"
    return f"{size} bytes"


def _too_large(name: str, max_bytes: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"{name}: the input is larger than the limit of {format_size(max_bytes)}; "
        "raise it with --max-bytes (0 for no limit)"
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


def read_source(
    path: str,
    stdin: BinaryIO | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Source:
    """Read and decode one input, or take a PDF's text layer; ``encoding`` overrides detection."""
    name = STDIN_NAME if path == "-" else path
    data = read_bytes(path, stdin, max_bytes=max_bytes)
    if is_pdf(data):
        from summarize.sources.pdf import pdf_text

        return Source(name, pdf_text(data, name))
    return Source(name, decode(data, name, encoding))
