"""Reading an evaluation dataset: JSONL with a ``text`` and its reference summaries per line.

Each line is a JSON object with ``text`` and ``summary`` (reference sentences separated by
newlines), or ``summaries``, a list of several references. ``id`` is optional.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import InputError, UsageError


@dataclass(frozen=True)
class Record:
    """One document to summarise and the references to score its summary against."""

    id: str
    text: str
    references: tuple[str, ...]

    @property
    def reference_sentences(self) -> int:
        """Sentences in the first reference (its non-empty lines), at least 1."""
        return max(1, sum(1 for line in self.references[0].splitlines() if line.strip()))


def _references(obj: dict[str, object], where: str) -> tuple[str, ...]:
    if "summaries" in obj:
        many = obj["summaries"]
        if not isinstance(many, list) or not many or not all(isinstance(s, str) for s in many):
            raise InputError(f"{where}: 'summaries' must be a non-empty list of strings")
        return tuple(many)
    if "summary" not in obj:
        raise InputError(f"{where}: missing field 'summary' (or 'summaries')")
    one = obj["summary"]
    if not isinstance(one, str):
        raise InputError(f"{where}: 'summary' must be a string")
    return (one,)


def parse_record(line: str, where: str, number: int) -> Record:
    """The record on one line; ``where`` (``FILE:LINE``) prefixes every error message."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{where}: not valid JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, not {type(obj).__name__}")
    if "text" not in obj:
        raise InputError(f"{where}: missing field 'text'")
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' must be a string")
    references = _references(obj, where)
    if not any(r.strip() for r in references):
        raise InputError(f"{where}: the reference summary is empty")
    return Record(id=str(obj.get("id", number)), text=text, references=references)


def read_dataset(path: str | Path, limit: int | None = None) -> list[Record]:
    """The records of a JSONL file, the first ``limit`` of them if given; blank lines skipped."""
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    name = str(path)
    try:
        with open(path, encoding="utf-8-sig") as handle:
            records: list[Record] = []
            for number, line in enumerate(handle, start=1):
                if limit is not None and len(records) >= limit:
                    break
                if line.strip():
                    records.append(parse_record(line, f"{name}:{number}", number))
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a JSONL file") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {error.start})") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None
    if not records:
        raise InputError(f"{name}: no records (expected one JSON object per line)")
    return records
