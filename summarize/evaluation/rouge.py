"""ROUGE-1, ROUGE-2 and ROUGE-Lsum with the ``rouge-score`` package, stemming on.

ROUGE-Lsum treats each line as a sentence, so summaries and references are scored with one
sentence per line. With several references, each metric takes the reference with the best F1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

METRICS = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class RougeScore:
    """Precision, recall and F1 of one metric, each in [0, 1]."""

    precision: float
    recall: float
    f1: float


@cache
def _scorer() -> Any:
    from rouge_score import rouge_scorer  # type: ignore[import-untyped]

    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score_summary(summary: Sequence[str], references: Sequence[str]) -> dict[str, RougeScore]:
    """Scores of ``summary`` (its sentences) against the best of ``references`` per metric."""
    prediction = "\n".join(summary)
    best: dict[str, RougeScore] = {}
    for reference in references:
        scores = _scorer().score(reference, prediction)
        for metric in METRICS:
            s = scores[metric]
            if metric not in best or s.fmeasure > best[metric].f1:
                best[metric] = RougeScore(s.precision, s.recall, s.fmeasure)
    return best
