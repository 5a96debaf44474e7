"""JSONL input, one record a line, streamed: a bad line is a record with an error, never a crash.

A line is read with a size cap, so a single huge line costs at most ``max_bytes`` of memory
however long it is; the rest of it is skipped in small pieces and the record says how big it was.
Files ending in ``.gz`` are decompressed as they are read; ``-`` is standard input.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from summarize.errors import InputError
from summarize.sources.base import STDIN_NAME

# What an id may be in the output: the input's string or whole number, or the line number.
RecordId = str | int | None

_SKIP_PIECE = 1 << 20
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Record:
    """One document to summarise, or the reason a line could not be one.

    ``name`` says where it came from (``data.jsonl:7``) and starts every error message;
    ``fields`` holds the other fields of the line when they are to be carried to the output.
    """

    id: RecordId
    name: str
    text: str | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def size(self) -> int:
        """Roughly how much memory the record holds, for sizing chunks."""
        return len(self.text) if self.text is not None else 0


def id_key(value: RecordId) -> str:
    """The id as JSON text: what ``--resume`` compares, so that ``7`` and ``"7"`` differ."""
    return json.dumps(value, ensure_ascii=False)


def display_name(spec: str) -> str:
    """How an input is named in messages and default ids."""
    return STDIN_NAME if spec == "-" else spec


def check_input(spec: str) -> None:
    """Raise InputError now for an input that cannot be opened, before any output is touched."""
    if spec == "-":
        return
    if not os.path.exists(spec):
        raise InputError(f"{spec}: no such file")
    if os.path.isdir(spec):
        raise InputError(f"{spec}: is a folder, not a JSONL file")
    if not os.access(spec, os.R_OK):
        raise InputError(f"{spec}: permission denied")


def read_records(
    spec: str,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: bool = False,
    max_bytes: int = 0,
    default_id: Callable[[int], RecordId] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Record]:
    """The records of one JSONL input, in order; blank lines are skipped but counted.

    ``max_bytes`` caps the length of a line (0: no cap). ``default_id(line_number)`` gives the
    id of a record without one (the line number by default).
    """
    name = display_name(spec)
    make_id = default_id or _line_number
    try:
        stream = _open(spec, stdin)
    except OSError as error:
        raise InputError(f"{name}: {error.strerror or error}") from None
    try:
        for number, line in _lines(stream, name, max_bytes):
            where = f"{name}:{number}"
            if isinstance(line, int):
                reason = f"the line is {line:,} bytes, over the limit of {max_bytes:,} (max-bytes)"
                yield Record(make_id(number), where, error=f"{where}: {reason}")
                continue
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            if not line.strip():
                continue
            yield _record(line, where, make_id(number), text_field, id_field, keep_fields)
    finally:
        if spec != "-":
            stream.close()


def record_from_object(
    value: object,
    where: str,
    fallback_id: RecordId,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: bool = False,
) -> Record:
    """A record from one parsed JSON value (or a Dask bag item): an object, or a bare string."""
    if isinstance(value, str):
        return Record(fallback_id, where, text=value)
    if not isinstance(value, dict):
        reason = f"a JSON object was expected, not {_json_type(value)}"
        return Record(fallback_id, where, error=f"{where}: {reason}")
    fields = {k: v for k, v in value.items() if k not in (text_field, id_field)}
    kept = fields if keep_fields else {}
    record_id = fallback_id
    if id_field in value:
        given = value[id_field]
        if isinstance(given, str) or (isinstance(given, int) and not isinstance(given, bool)):
            record_id = given
        else:
            reason = f"the {id_field!r} field must be a string or a whole number"
            return Record(fallback_id, where, fields=kept, error=f"{where}: {reason}")
    if text_field not in value:
        return Record(record_id, where, fields=kept, error=f"{where}: no {text_field!r} field")
    text = value[text_field]
    if not isinstance(text, str):
        reason = f"the {text_field!r} field is {_json_type(text)}, not a string"
        return Record(record_id, where, fields=kept, error=f"{where}: {reason}")
    return Record(record_id, where, text=text, fields=kept)


def _record(
    line: bytes, where: str, fallback_id: RecordId, text_field: str, id_field: str, keep: bool
) -> Record:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as error:
        reason = f"not valid UTF-8 (byte 0x{line[error.start]:02x} at column {error.start + 1})"
        return Record(fallback_id, where, error=f"{where}: {reason}")
    return record_from_line(
        decoded, where, fallback_id, text_field=text_field, id_field=id_field, keep_fields=keep
    )


def record_from_line(
    line: str,
    where: str,
    fallback_id: RecordId,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: bool = False,
) -> Record:
    """A record from one line of JSONL text; a bare JSON string is not a record in a file."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        reason = f"not valid JSON ({error.msg} at column {error.colno})"
        return Record(fallback_id, where, error=f"{where}: {reason}")
    if isinstance(value, str):
        reason = "a JSON object was expected, not a string"
        return Record(fallback_id, where, error=f"{where}: {reason}")
    return record_from_object(
        value, where, fallback_id, text_field=text_field, id_field=id_field, keep_fields=keep_fields
    )


def _line_number(number: int) -> RecordId:
    return number


def _open(spec: str, stdin: BinaryIO | None) -> BinaryIO:
    if spec == "-":
        return stdin if stdin is not None else sys.stdin.buffer
    if spec.endswith(".gz"):
        return gzip.open(spec, "rb")  # type: ignore[return-value]
    return open(spec, "rb")  # closed by read_records


def _lines(stream: BinaryIO, name: str, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) pairs; for a line over ``limit`` bytes, its size instead of it."""
    number = 0
    while True:
        try:
            line = stream.readline(limit + 1) if limit else stream.readline()
        except (OSError, EOFError) as error:  # a truncated or corrupt .gz
            raise InputError(f"{name}: unreadable after line {number} ({error})") from None
        if not line:
            return
        number += 1
        if limit and len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while not line.endswith(b"\n"):
                try:
                    line = stream.readline(_SKIP_PIECE)
                except (OSError, EOFError) as error:
                    raise InputError(f"{name}: unreadable at line {number} ({error})") from None
                if not line:
                    break
                size += len(line)
            size -= 1 if line.endswith(b"\n") else 0
            yield number, size
            continue
        yield number, line


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"
