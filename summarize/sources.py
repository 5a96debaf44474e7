"""Reading input: files, ``-`` and piped standard input, decoded to text."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO

from summarize.errors import InputError

STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class Source:
    """The text of one input and the name it is reported under."""

    name: str
    text: str


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is an InputError."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {error.start})") from None


def read_bytes(path: str, stdin: BinaryIO | None = None) -> bytes:
    """The raw bytes of ``path``; ``-`` reads standard input."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None


def read_source(path: str, stdin: BinaryIO | None = None) -> Source:
    """Read and decode one input."""
    name = STDIN_NAME if path == "-" else path
    return Source(name, decode(read_bytes(path, stdin), name))
