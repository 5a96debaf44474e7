"""Inputs: what a source is, which reader takes an input, and how bytes become text.

Readers (files, ``-``, URLs, folders, plugins) are chosen in :mod:`summarize.sources.registry`;
bytes become sources by content in :mod:`summarize.sources.formats`.
"""

from __future__ import annotations

from summarize.sources.base import (
    DEFAULT_MAX_BYTES,
    STDIN_NAME,
    Pending,
    Reader,
    ReadOptions,
    Source,
)
from summarize.sources.decoding import decode
from summarize.sources.files import parse_size, read_bytes
from summarize.sources.sizes import format_size

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN_NAME",
    "Pending",
    "ReadOptions",
    "Reader",
    "Source",
    "decode",
    "format_size",
    "parse_size",
    "read_bytes",
]
