"""What runs on a worker: summarise a chunk of records into finished output lines.

Every executor calls :func:`summarize_chunk`, in this process, a pool process or a Dask worker,
so the output bytes cannot depend on where a chunk ran. A worker sets itself up once
(:func:`prepare`: the backend, the language data); later chunks find it cached.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from summarize.backends.base import Backend
from summarize.document import Summary
from summarize.errors import SummarizeError
from summarize.options import SummaryOptions
from summarize.scale.jsonl import Record

# Enough text for the warm-up to load the segmenter, stop words and stemmer of a language.
_WARM_UP = "The river rose in the night. The bridge held until morning. Then the town slept."


@dataclass(frozen=True)
class ChunkResult:
    """The output lines of one chunk (each ending in a newline) and which of them are errors."""

    lines: list[str]
    errors: list[tuple[int, str]] = field(default_factory=list)  # (position, message)


@cache
def backend_for(method: str) -> Backend:
    """One backend object per method and process, shared by every document it summarises."""
    from summarize.backends.registry import get_backend

    return get_backend(method)


@cache
def prepare(options: SummaryOptions) -> None:
    """Load everything a chunk needs (once a process): the pool initializer and the first chunk."""
    backend_for(options.method)
    warm = options if options.language != "auto" else _with_language(options, "english")
    # A language the warm-up text does not suit loads its data with its first document.
    with contextlib.suppress(SummarizeError):
        summarize_text(_WARM_UP, warm, "<warm-up>")


def summarize_chunk(options: SummaryOptions, records: Sequence[Record]) -> ChunkResult:
    """The output line of every record, in order; a failed record gets an ``error`` line."""
    prepare(options)
    lines: list[str] = []
    errors: list[tuple[int, str]] = []
    for position, record in enumerate(records):
        data, message = summarize_record(options, record)
        if message is not None:
            errors.append((position, message))
        lines.append(encode(data))
    return ChunkResult(lines, errors)


def summarize_record(options: SummaryOptions, record: Record) -> tuple[dict[str, Any], str | None]:
    """The output object of one record, and its error message when it failed."""
    message = record.error
    if message is None:
        try:
            summary = summarize_text(record.text or "", options, record.name)
        except SummarizeError as error:
            message = str(error)
        except Exception as error:  # one document must not end a run of millions
            message = f"{record.name}: internal error: {type(error).__name__}: {error}"
        else:
            return result_object(record, summary), None
    return error_object(record, message), message


def summarize_text(text: str, options: SummaryOptions, name: str) -> Summary:
    """One document through the pipeline with the options and this process's backend."""
    from summarize.pipeline import summarize_source
    from summarize.sources.base import Source

    return summarize_source(Source(name=name, text=text), options, backend_for(options.method))


def result_object(record: Record, summary: Summary) -> dict[str, Any]:
    """The documented output object of a summarised record: id, kept fields, the summary."""
    data: dict[str, Any] = _head(record)
    shown = summary.to_dict()
    # The record's place in its input and its media type: the id names the document.
    shown.pop("source", None)
    shown.pop("metadata", None)
    data.update(shown)
    return data


def error_object(record: Record, message: str) -> dict[str, Any]:
    """The output object of a record that could not be summarised."""
    data = _head(record)
    data["error"] = message
    return data


def encode(data: dict[str, Any]) -> str:
    """One output line: compact-free standard JSON, UTF-8 as is, ending in a newline."""
    return json.dumps(data, ensure_ascii=False) + "\n"


def _head(record: Record) -> dict[str, Any]:
    data: dict[str, Any] = {} if record.id is None else {"id": record.id}
    for key, value in record.fields.items():
        data.setdefault(key, value)
    return data


def _with_language(options: SummaryOptions, language: str) -> SummaryOptions:
    return SummaryOptions(options.length, options.method, language, options.order)
