"""Runs methods over a dataset and averages their ROUGE scores, optionally in worker processes.

Every record is segmented once and summarised by every method; the baselines (lead and random)
always run alongside, on the same records. Scores are gathered in record order whatever the
number of workers, so the averages are identical for any ``jobs``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from summarize.backends.base import Backend
from summarize.evaluation.dataset import Record
from summarize.evaluation.rouge import METRICS, RougeScore, score_summary
from summarize.parallel import ordered_map
from summarize.selection import Length

BASELINES = ("lead", "random")

# Per record and method: the nine numbers (P, R, F1 for each metric) and the ranking seconds.
_Row = tuple[tuple[float, ...], float]


@dataclass(frozen=True)
class EvalSettings:
    """What to run: the methods, the summary length, and the language of the texts.

    With ``match_reference_length`` each summary has as many sentences as its first reference,
    and ``length`` is ignored.
    """

    methods: tuple[str, ...]
    length: Length = field(default_factory=lambda: Length("sentences", 3))
    match_reference_length: bool = False
    language: str = "auto"

    @property
    def all_methods(self) -> tuple[str, ...]:
        """The requested methods followed by the baselines, each once."""
        methods = [m for m in self.methods if m not in BASELINES]
        return tuple(dict.fromkeys([*methods, *BASELINES]))


@dataclass(frozen=True)
class MethodResult:
    """Average scores of one method over the dataset."""

    method: str
    scores: dict[str, RougeScore]
    seconds: float  # total time spent ranking, for a rough idea of speed

    def to_dict(self) -> dict[str, object]:
        return {
            "method": self.method,
            **{
                metric: {"precision": s.precision, "recall": s.recall, "f1": s.f1}
                for metric, s in self.scores.items()
            },
            "rank_seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class EvalReport:
    """The result of an evaluation: one MethodResult per method, baselines included."""

    dataset: str
    records: int
    length: str
    results: tuple[MethodResult, ...]

    def result(self, method: str) -> MethodResult:
        return next(r for r in self.results if r.method == method)

    def to_dict(self) -> dict[str, object]:
        return {
            "dataset": self.dataset,
            "records": self.records,
            "length": self.length,
            "metrics": list(METRICS),
            "results": [r.to_dict() for r in self.results],
        }


def describe_length(settings: EvalSettings) -> str:
    """The summary length in words, for reports: '3 sentences', 'reference length'."""
    if settings.match_reference_length:
        return "reference length"
    length = settings.length
    if length.kind == "ratio":
        return f"ratio {length.value:g}"
    unit = length.kind[:-1] if length.value == 1 else length.kind
    return f"{length.value:g} {unit}"


class _Worker:
    """Summarises and scores records; one per process, so backends are built once."""

    def __init__(self, settings: EvalSettings) -> None:
        from summarize.backends.registry import get_backend

        self.settings = settings
        self.backends: list[Backend] = [get_backend(m) for m in settings.all_methods]

    def __call__(self, record: Record) -> list[_Row]:
        from summarize.pipeline import summarize_document
        from summarize.text.detect import choose_language
        from summarize.text.segment import segment

        settings = self.settings
        document = segment(record.text, choose_language(record.text, settings.language), record.id)
        length = settings.length
        if settings.match_reference_length:
            length = Length("sentences", record.reference_sentences)
        rows: list[_Row] = []
        for backend in self.backends:
            started = time.perf_counter()
            if document.sentences:
                picked = [s.text for s in summarize_document(document, backend, length)]
            else:
                picked = []
            seconds = time.perf_counter() - started
            scores = score_summary(picked, record.references)
            numbers = tuple(
                x for m in METRICS for x in (scores[m].precision, scores[m].recall, scores[m].f1)
            )
            rows.append((numbers, seconds))
        return rows


_worker: _Worker | None = None


def _init_worker(settings: EvalSettings) -> None:
    global _worker
    _worker = _Worker(settings)


def _run_one(record: Record) -> list[_Row]:
    assert _worker is not None
    return _worker(record)


def evaluate(
    records: Sequence[Record],
    settings: EvalSettings,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    dataset: str = "<records>",
) -> EvalReport:
    """Score every method on ``records``; ``progress(n)`` is called as each record finishes."""
    methods = settings.all_methods
    worker = _Worker(settings)  # also checks every method name before any work starts
    rows_in_order: Iterator[list[_Row]]
    if jobs > 1 and len(records) > 1:
        chunk = max(1, min(16, len(records) // (jobs * 8)))
        rows_in_order = ordered_map(
            _run_one, records, jobs, initializer=_init_worker, initargs=(settings,), chunksize=chunk
        )
    else:
        rows_in_order = map(worker, records)
    rows = []
    for row in rows_in_order:
        rows.append(row)
        if progress is not None:
            progress(1)
    count = max(1, len(rows))
    results = []
    for k, method in enumerate(methods):
        sums = [math.fsum(row[k][0][i] for row in rows) / count for i in range(3 * len(METRICS))]
        scores = {m: RougeScore(*sums[3 * j : 3 * j + 3]) for j, m in enumerate(METRICS)}
        results.append(MethodResult(method, scores, sum(row[k][1] for row in rows)))
    return EvalReport(dataset, len(rows), describe_length(settings), tuple(results))
