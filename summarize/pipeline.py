"""read -> segment -> rank -> select: returns a Summary; never prints, never exits."""

from __future__ import annotations

import math
from typing import Literal

from summarize.backends.base import Backend
from summarize.backends.registry import get_backend
from summarize.document import Document, ScoredSentence, Summary
from summarize.errors import EmptyInputError, SummarizeError
from summarize.selection import Length, ranked_indices, select
from summarize.text.detect import choose_language
from summarize.text.segment import segment

DEFAULT_METHOD = "position-centroid"

Order = Literal["document", "score"]


def summarize_document(
    document: Document,
    backend: Backend,
    length: Length,
    order: Order = "document",
) -> Summary:
    """Rank a segmented document with ``backend`` and select its summary."""
    if not document.sentences:
        raise EmptyInputError(f"{document.source}: no sentences to summarise")
    scores = [float(s) for s in backend.rank(document)]
    if len(scores) != len(document.sentences):
        raise SummarizeError(
            f"method {backend.name!r} returned {len(scores)} scores "
            f"for {len(document.sentences)} sentences"
        )
    # 12 significant digits: float noise (sumy's LSA orders its terms by string hash) must not
    # break ties differently from one run to the next.
    scores = [float(f"{s:.12g}") if math.isfinite(s) else 0.0 for s in scores]
    ranking = ranked_indices(document, scores)
    rank_of = {index: rank for rank, index in enumerate(ranking, start=1)}
    chosen = select(document, ranking, length)
    if order == "document":
        chosen = sorted(chosen)
    picked = tuple(
        ScoredSentence(
            index=i,
            text=document.sentences[i].text,
            score=scores[i],
            rank=rank_of[i],
            start=document.sentences[i].start,
            end=document.sentences[i].end,
        )
        for i in chosen
    )
    return Summary(
        source=document.source,
        method=backend.name,
        language=document.language,
        sentence_count=len(document.sentences),
        sentences=picked,
    )


def summarize(
    text: str,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    method: str | Backend = DEFAULT_METHOD,
    language: str = "auto",
    order: Order = "document",
    source: str = "<text>",
) -> Summary:
    """Summarise ``text``: the best sentences by ``method``, in document order by default.

    Give at most one of ``sentences`` (default 3), ``ratio`` (0 < r <= 1) or ``words`` (a word
    budget). ``language`` is a name, an ISO code, or ``"auto"`` to detect it.
    """
    length = Length.from_options(sentences, ratio, words)
    backend = get_backend(method) if isinstance(method, str) else method
    if not text.strip():
        raise EmptyInputError(f"{source}: the input is empty")
    document = segment(text, choose_language(text, language), source)
    return summarize_document(document, backend, length, order)
