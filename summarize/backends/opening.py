"""The opening picks of a summary: concise sentences that do not repeat each other.

A short summary is read sentence by sentence, so each of its few sentences has to earn its
place. Centrality alone fills it with long sentences (they share words with everything by sheer
size) and with near-copies of each other (two sentences about the main point are both central).
The opening is chosen greedily with two corrections, and every later pick goes by centrality:

* a length prior, ``min(1, long_sentence / tokens) ** exponent``, so a long sentence does not
  win by size;
* maximal marginal relevance (Carbonell & Goldstein 1998; the LexRank paper's own runs
  controlled redundancy too, with MEAD's cosine reranker): a candidate's value is
  ``(1 - redundancy) * preference - redundancy * (its highest similarity to a sentence
  already picked)``.

Scores say so: of ``count`` opening picks the first scores ``1 + count``, the next ``count``, and
so on down to 2; every other sentence scores its centrality scaled to at most 1, so the top k by
score is exactly the k-sentence summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from summarize.document import Document

if TYPE_CHECKING:
    from summarize.backends.graph import FloatArray


def brevity(document: Document, long_sentence: float, exponent: float) -> FloatArray:
    """The length prior of each sentence: 1 up to ``long_sentence`` tokens, less beyond."""
    import numpy as np

    sentences = document.sentences
    counts = np.fromiter(map(len, map(attrgetter("tokens"), sentences)), np.intp, len(sentences))
    tokens = np.maximum(counts, 1).astype(np.float64)
    prior: FloatArray = np.minimum(1.0, long_sentence / tokens) ** exponent
    return prior


def opening_scores(
    centrality: Sequence[float],
    preference: FloatArray,
    similar: Callable[[int], FloatArray],
    count: int,
    redundancy: float,
    same: Sequence[int],
) -> list[float]:
    """Scores whose top ``count`` are the opening picks, in order, then centrality.

    ``preference`` is what a pick is chosen by before redundancy (centrality times priors),
    ``similar(j)`` the similarity of sentence j to every sentence, and ``same[i]`` names the
    group of identical sentences that i belongs to: a pick's copies get its score and are not
    candidates again.
    """
    import numpy as np

    scores = np.asarray(centrality, dtype=np.float64)
    scores = scores / (scores.max(initial=0.0) or 1.0)
    preference = preference / (preference.max(initial=0.0) or 1.0)
    groups = np.asarray(same, dtype=np.intp)
    open_to_pick = np.ones(len(scores), dtype=bool)
    overlap = np.zeros(len(scores))
    count = min(count, len(set(same)))
    for r in range(count):
        value = (1.0 - redundancy) * preference - redundancy * overlap
        value[~open_to_pick] = -np.inf
        pick = int(np.argmax(value))  # the earliest of equal values
        copies = groups == groups[pick]
        scores[copies] = 1.0 + count - r  # every copy alike; the pipeline keeps one
        open_to_pick &= ~copies
        overlap = np.maximum(overlap, similar(pick))
    result: list[float] = scores.tolist()
    return result
