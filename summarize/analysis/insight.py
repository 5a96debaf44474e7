"""One text to a summary that also shows its reasons: key phrases, features, the whole text.

The same steps as the pipeline (segment, rank, select, with the same scores and selection),
plus what ``--keyphrases``, ``--explain`` and ``--highlight`` ask for. The summary it returns
is an :class:`InsightSummary`, a :class:`Summary` that also keeps the text it was drawn from and
the score of every sentence, which the highlighted view and the score line need.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.backends.base import Backend
from summarize.document import Document, Summary
from summarize.options import Order, SummaryOptions
from summarize.selection import Length
from summarize.sources.base import Source


@dataclass(frozen=True)
class Insight:
    """What to add to a summary: how many key phrases, and whether to explain or highlight."""

    keyphrases: int = 0
    explain: bool = False
    highlight: bool = False

    def __bool__(self) -> bool:
        return bool(self.keyphrases or self.explain or self.highlight)


@dataclass(frozen=True)
class InsightSummary(Summary):
    """A summary with the text it came from and the score of every sentence, in order.

    Sentence offsets (``start``/``end``) index ``document_text``: ``document_text[s.start:s.end]``
    is the sentence as written (``s.text`` joins its lines with single spaces).
    """

    document_text: str = ""
    scores: tuple[float, ...] = ()
    highlight: bool = False
    explain: bool = False

    def to_dict(self) -> dict[str, object]:
        """The summary's JSON shape, plus the whole ``text`` (with ``--highlight``: the
        sentences' offsets index it) and every sentence's ``scores`` (with ``--explain``)."""
        data = super().to_dict()
        if self.highlight:
            data["text"] = self.document_text
        if self.explain:
            data["scores"] = list(self.scores)
        return data


class _Recorder:
    """A backend that remembers the scores it returned, so no sentence is ranked twice."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend
        self.name = backend.name
        self.description = backend.description
        self.scores: list[float] = []

    def rank(self, document: Document) -> Sequence[float]:
        self.scores = [float(s) for s in self.backend.rank(document)]
        return self.scores


def _kept(score: float) -> float:
    """A score as the pipeline keeps it (12 significant digits, 0 for a non-finite one)."""
    return float(f"{score:.12g}") if math.isfinite(score) else 0.0


def summarize_with_insight(
    document: Document,
    backend: Backend,
    length: Length,
    order: Order,
    insight: Insight,
) -> InsightSummary:
    """Summarise ``document`` as the pipeline does, with what ``insight`` asks for."""
    from summarize.pipeline import summarize_document

    recorder = _Recorder(backend)
    summary = summarize_document(document, recorder, length, order)
    scores = [_kept(s) for s in recorder.scores]
    summary = dataclasses.replace(summary, method=backend.name)
    if insight.explain:
        from summarize.analysis.explain import attach_features, features_of

        summary = attach_features(summary, features_of(backend, document, scores))
    if insight.keyphrases:
        from summarize.analysis.keyphrases import keyphrases

        summary = dataclasses.replace(summary, keyphrases=keyphrases(document, insight.keyphrases))
    return InsightSummary(
        **{f.name: getattr(summary, f.name) for f in dataclasses.fields(Summary)},
        document_text=document.text,
        scores=tuple(scores),
        highlight=insight.highlight,
        explain=insight.explain,
    )


def summarize_source_with_insight(
    source: Source, options: SummaryOptions, insight: Insight
) -> InsightSummary:
    """:func:`summarize.pipeline.summarize_source` with what ``insight`` asks for."""
    from summarize.backends.registry import get_backend
    from summarize.errors import EmptyInputError
    from summarize.text.detect import choose_language
    from summarize.text.segment import segment

    backend = get_backend(options.method)
    if not source.text.strip():
        raise EmptyInputError(f"{source.name}: the input is empty")
    language = choose_language(source.text, options.language)
    document = segment(source.text, language, source.name)
    summary = summarize_with_insight(document, backend, options.length, options.order, insight)
    metadata = source.metadata()
    return dataclasses.replace(summary, metadata=metadata) if metadata else summary
