"""Why a sentence scored what it did: the features a backend weighed, attached to a summary.

A backend opts in with one optional method, ``explain(document, scores)``, which returns one
mapping of feature name to number per sentence; ``scores`` are the scores its ``rank`` gave
(as the pipeline keeps them), so features that are the score need no second computation. The
pipeline looks the method up with ``getattr``: a backend without it works unchanged, and its
sentences simply carry no features. Features are computed beside the scores, never instead:
the summary's scores and selection are the same with or without them.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from summarize.backends.base import Backend
from summarize.document import Document, Summary
from summarize.errors import SummarizeError


@runtime_checkable
class Explainer(Protocol):
    """A backend that can say what its scores are made of."""

    def explain(self, document: Document, scores: Sequence[float]) -> Sequence[Mapping[str, float]]:
        """One mapping of feature name to value per sentence of ``document``."""
        ...


def features_of(
    backend: Backend, document: Document, scores: Sequence[float]
) -> list[dict[str, float]] | None:
    """Every sentence's features, or None when the backend offers none.

    Values that are not finite numbers are left out, so the JSON output stays valid.
    """
    explain = getattr(backend, "explain", None)
    if explain is None:
        return None
    rows = list(explain(document, scores))
    if len(rows) != len(document.sentences):
        raise SummarizeError(
            f"method {backend.name!r} explained {len(rows)} sentences of {len(document.sentences)}"
        )
    return [_finite(row) for row in rows]


def _finite(row: Mapping[str, float]) -> dict[str, float]:
    clean = {}
    for name, value in row.items():
        number = float(value)
        if math.isfinite(number):
            clean[str(name)] = number
    return clean


def attach_features(summary: Summary, features: Sequence[Mapping[str, float]] | None) -> Summary:
    """The summary with each chosen sentence's features filled in (scores untouched)."""
    if features is None:
        return summary
    sentences = tuple(
        dataclasses.replace(s, features=dict(features[s.index])) for s in summary.sentences
    )
    return dataclasses.replace(summary, sentences=sentences)
