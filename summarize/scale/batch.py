"""``run_batch``: JSONL documents in, one JSONL result line per document out, in input order.

Records are read lazily, grouped into chunks (a number of documents or of characters, whichever
comes first), summarised by an executor that keeps a bounded window of chunks in flight, and
written chunk by chunk, so memory depends on the chunk size and the workers, never on the number
of documents. A document that fails is an ``error`` line and the run goes on, unless
``fail_fast``: then the run stops before writing it and the report carries its message.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from summarize.errors import UsageError
from summarize.options import SummaryOptions
from summarize.scale.executors import (
    Chunk,
    Executor,
    InProcessExecutor,
    ProcessPoolExecutor,
    worker_count,
)
from summarize.scale.jsonl import Record, RecordId, check_input, id_key, read_records
from summarize.scale.sink import FileSink, Sink, StreamSink
from summarize.scale.work import ChunkResult
from summarize.sources.base import DEFAULT_MAX_BYTES

CHUNK_CHARACTERS = 1 << 20


@dataclass
class BatchReport:
    """How a batch went; updated after every chunk (what a progress display shows)."""

    documents: int = 0  # written to the output, failed ones included
    failed: int = 0
    skipped: int = 0  # already in the output file (resume)
    seconds: float = 0.0
    first_error: str | None = None
    stopped: bool = False  # fail_fast stopped the run at ``first_error``
    complete: bool = False  # every input was read to its end

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        """The one-line summary the command prints at the end."""
        parts = [f"{self.documents} documents", f"{self.failed} failed"]
        if self.skipped:
            parts.append(f"{self.skipped} already done")
        parts.append(f"{self.documents_per_second:.1f} documents/s")
        return ", ".join(parts)


def make_executor(options: SummaryOptions, jobs: int, scheduler: Any = None) -> Executor:
    """The executor for ``jobs`` and ``scheduler`` (None, ``"local"``, an address or a Client):
    Dask's is imported only when a scheduler is given."""
    workers = worker_count(jobs)
    if scheduler is not None and scheduler != "":
        from summarize.scale.dask_executor import DaskExecutor

        return DaskExecutor(options, scheduler, workers)
    if workers == 1:
        return InProcessExecutor(options)
    return ProcessPoolExecutor(options, workers)


def run_batch(
    inputs: Sequence[str],
    options: SummaryOptions,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: bool = False,
    jobs: int = 0,
    scheduler: Any = None,
    output: str | os.PathLike[str] | None = None,
    resume: bool = False,
    fail_fast: bool = False,
    progress: Callable[[BatchReport], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk_documents: int | None = None,
    stdin: BinaryIO | None = None,
    stdout: BinaryIO | None = None,
) -> BatchReport:
    """Summarise every record of ``inputs`` (JSONL paths, ``.jsonl.gz``, ``-``) with ``options``.

    ``jobs`` is the number of local worker processes (0: every CPU; 1: this process).
    ``scheduler`` runs the chunks on Dask instead: ``"local"`` starts a LocalCluster of
    ``jobs`` workers; an address (``tcp://host:8786``) or a ``distributed.Client`` uses an
    existing cluster. ``output`` is a file (written as ``FILE.partial``, renamed when done);
    None writes to ``stdout``. ``resume`` skips the ids already in ``output``.
    ``chunk_documents`` is the most documents a chunk holds (by default the executor's: see
    :mod:`summarize.scale.executors`). Raises UsageError or
    InputError before any output is written if the settings or the inputs are wrong;
    per-document problems are ``error`` lines, counted in the report.
    """
    _check_settings(inputs, options, output, resume, chunk_documents)
    for spec in inputs:
        check_input(spec)
    report = BatchReport()
    started = time.perf_counter()
    # The cluster first: resuming a finished FILE renames it, which should not happen for a
    # run that cannot start.
    executor = make_executor(options, jobs, scheduler)
    try:
        sink = FileSink(output, resume=resume) if output is not None else StreamSink(stdout)
        try:
            records = _records(inputs, text_field, id_field, keep_fields, max_bytes, stdin)
            todo = _skipping(records, sink.done, report)
            size = chunk_documents if chunk_documents is not None else executor.chunk_documents
            for result in executor.map(_chunks(todo, size)):
                _write(result, sink, report, fail_fast)
                report.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(report)
                if report.stopped:
                    break
            else:
                report.complete = True
                sink.finish()
        finally:
            sink.close()
    finally:
        executor.close()
    report.seconds = time.perf_counter() - started
    return report


def _write(result: ChunkResult, sink: Sink, report: BatchReport, fail_fast: bool) -> None:
    """Write a chunk's lines and count them; with ``fail_fast``, only those before an error."""
    lines, errors = result.lines, result.errors
    if errors and fail_fast:
        lines = lines[: errors[0][0]]
        report.stopped = True
    sink.write(lines)
    report.documents += len(lines)
    report.failed += 1 if report.stopped else len(errors)
    if errors and report.first_error is None:
        report.first_error = errors[0][1]


def _check_settings(
    inputs: Sequence[str],
    options: SummaryOptions,
    output: object,
    resume: bool,
    chunk_documents: int | None,
) -> None:
    from summarize.scale.work import backend_for
    from summarize.text.languages import resolve_language

    if not inputs:
        raise UsageError("no inputs: give JSONL files, or '-' for standard input")
    if list(inputs).count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    if resume and output is None:
        raise UsageError("resume needs an output file: the ids to skip are read from it")
    if chunk_documents is not None and chunk_documents < 1:
        raise UsageError(f"chunk_documents must be at least 1, not {chunk_documents}")
    backend_for(options.method)  # an unknown method fails now, not once per document
    if options.language.strip().lower() != "auto":
        resolve_language(options.language)


def _records(
    inputs: Sequence[str],
    text_field: str,
    id_field: str,
    keep_fields: bool,
    max_bytes: int,
    stdin: BinaryIO | None,
) -> Iterator[Record]:
    """Every input's records in turn; with several inputs a default id names the input."""
    for spec in inputs:
        default_id: Callable[[int], RecordId] | None = None
        if len(inputs) > 1:
            default_id = _qualified(spec)
        yield from read_records(
            spec,
            text_field=text_field,
            id_field=id_field,
            keep_fields=keep_fields,
            max_bytes=max_bytes,
            default_id=default_id,
            stdin=stdin,
        )


def _qualified(spec: str) -> Callable[[int], RecordId]:
    from summarize.scale.jsonl import display_name

    name = display_name(spec)
    return lambda number: f"{name}:{number}"


def _skipping(records: Iterable[Record], done: set[str], report: BatchReport) -> Iterator[Record]:
    if not done:
        yield from records
        return
    for record in records:
        if id_key(record.id) in done:
            report.skipped += 1
            continue
        yield record


def _chunks(records: Iterable[Record], size: int) -> Iterator[Chunk]:
    """Lists of at most ``size`` records and about CHUNK_CHARACTERS of text."""
    iterator = iter(records)
    while True:
        chunk: list[Record] = []
        characters = 0
        for record in itertools.islice(iterator, size):
            chunk.append(record)
            characters += record.size
            if characters >= CHUNK_CHARACTERS:
                break
        if not chunk:
            return
        yield chunk
