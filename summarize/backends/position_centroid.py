"""Centrality to the document's centroid, with an opening of early and concise sentences.

A sentence's centrality mixes two views of what a text is about, each scaled to a maximum of 1:
the cosine similarity of its tf-idf vector to the centroid of all sentence vectors (the MEAD
centroid idea, Radev et al. 2004), weight ``1 - GRAPH_WEIGHT``, and its TextRank score (PageRank
over BM25 similarity, see ``textrank.py``), weight ``GRAPH_WEIGHT``. The centroid favours
sentences that cover the whole text; the graph adds sentences that many others point to, which
helped one-sentence summaries of abstracts most. The first ``OPENING`` picks are
the best by centrality times two priors; every later pick goes by centrality alone:

* a gentle position prior, ``(1 + i) ** -POSITION_EXPONENT``: openings matter in most writing
  (PacSum, Zheng & Lapata 2019, shows centrality alone misses this), but not so much that the
  method collapses into the lead baseline on texts that do not put their point first;
* a length prior, ``min(1, LONG_SENTENCE / tokens) ** LENGTH_EXPONENT``: long sentences share
  more words with the centroid by sheer size, and a summary of long sentences has poor precision.

The priors shape the opening of a summary, where news puts its point; in a long summary (a
ratio of the text, say) the later sentences are chosen for what they share with the whole text.
Scores say so: an opening sentence scores 1 plus its weighted centrality, every other sentence
its centrality (at most 1), so the top k by score is exactly the k-sentence summary.

Everything is linear in the size of the text (one sparse matrix of sentences by terms; no
sentence-by-sentence matrix), so a whole book ranks in about a second, and it relies only on
``Sentence.terms`` and ``Sentence.tokens``, so it works in every language the tokenizer knows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarize.backends.graph import TermMatrix, same_term_nodes, term_matrix
from summarize.backends.opening import brevity
from summarize.backends.textrank import TextRank
from summarize.document import Document

if TYPE_CHECKING:
    import numpy as np

OPENING = 3  # sentences chosen with the priors
POSITION_EXPONENT = 0.2
LONG_SENTENCE = 25  # tokens; longer sentences are scaled down
LENGTH_EXPONENT = 0.5
GRAPH_WEIGHT = 0.3  # share of TextRank centrality in a sentence's centrality


def tfidf_rows(document: Document) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unit-length tf-idf rows in coordinate form: (row, column, value) arrays.

    Term frequency is sublinear (``1 + log tf``), idf is smoothed over the sentences of the
    document (``log((n + 1) / (df + 1)) + 1``).
    """
    return _tfidf(term_matrix([sentence.terms for sentence in document.sentences]))


def _tfidf(matrix: TermMatrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`tfidf_rows` from the document's term matrix."""
    import numpy as np

    n, width = matrix.n, matrix.v
    if width == 0:
        empty = np.zeros(0)
        return empty.astype(np.int64), empty.astype(np.int64), empty
    # One entry per (sentence, term) pair, with its frequency.
    row, col, counts = matrix.rows, matrix.cols, matrix.counts
    df = np.bincount(col, minlength=width)
    value = (1.0 + np.log(counts)) * (np.log((n + 1) / (df[col] + 1)) + 1.0)
    norms = np.sqrt(np.bincount(row, weights=value * value, minlength=n))
    return row, col, value / norms[row]


def _blend(centroid: np.ndarray, graph: np.ndarray) -> np.ndarray:
    """Both centralities scaled to a maximum of 1, mixed with ``GRAPH_WEIGHT``."""
    top_centroid = centroid.max(initial=0.0) or 1.0
    top_graph = graph.max(initial=0.0) or 1.0
    mixed: np.ndarray = (
        1 - GRAPH_WEIGHT
    ) * centroid / top_centroid + GRAPH_WEIGHT * graph / top_graph
    return mixed


class PositionCentroidBackend:
    """An opening chosen by centrality with position and length priors, then centrality."""

    name = "position-centroid"
    description = (
        "Sentences close to the text's centroid, favouring early and concise ones (the default)."
    )

    def __init__(self) -> None:
        self._graph = TextRank()

    def rank(self, document: Document) -> Sequence[float]:
        import numpy as np

        n = len(document.sentences)
        if n == 0:
            return []
        # One term matrix for both views: TextRank's, of the distinct sentences, is the same
        # one when no two sentences have the same terms (nearly always), else its first rows.
        terms = [sentence.terms for sentence in document.sentences]
        matrix = term_matrix(terms)
        nodes, inverse = same_term_nodes(matrix, terms)
        row, col, value = _tfidf(matrix)
        if len(value) == 0:
            similarity = np.zeros(n)
        else:
            centroid = np.bincount(col, weights=value).astype(float)
            centroid /= math.sqrt(float(centroid.dot(centroid))) or 1.0  # as np.linalg.norm
            similarity = np.bincount(row, weights=value * centroid[col], minlength=n).astype(float)
        graph_matrix = matrix if nodes == n else matrix.first_rows(inverse)
        graph = self._graph.rank_nodes(graph_matrix, inverse)
        similarity = _blend(similarity, np.asarray(graph, dtype=float))
        position = (1.0 + np.arange(n)) ** -POSITION_EXPONENT
        opening = similarity * position * brevity(document, LONG_SENTENCE, LENGTH_EXPONENT)
        first = (-opening).argsort(kind="stable")[:OPENING]
        scores = similarity.copy()
        scores[first] = 1.0 + opening[first]
        result: list[float] = scores.tolist()
        return result

    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        """What each score is made of: the two centralities, the priors, and the opening.

        Recomputed beside ``rank`` (never instead of it): ``centrality`` is the blend the
        scores use, ``opening`` is 1 for a sentence picked with the priors (its score is then
        ``1 + centrality * position_prior * length_prior``). There is no redundancy penalty.
        """
        import numpy as np

        n = len(document.sentences)
        if n == 0:
            return []
        row, col, value = tfidf_rows(document)
        if len(value) == 0:
            centroid_similarity = np.zeros(n)
        else:
            centroid = np.bincount(col, weights=value).astype(float)
            centroid /= math.sqrt(float(centroid.dot(centroid))) or 1.0  # as np.linalg.norm
            centroid_similarity = np.bincount(
                row, weights=value * centroid[col], minlength=n
            ).astype(float)
        graph = np.asarray(self._graph.rank(document), dtype=float)
        centrality = _blend(centroid_similarity, graph)
        position = (1.0 + np.arange(n)) ** -POSITION_EXPONENT
        length = brevity(document, LONG_SENTENCE, LENGTH_EXPONENT)
        return [
            {
                "centrality": float(centrality[i]),
                "centroid_similarity": float(centroid_similarity[i]),
                "textrank": float(graph[i]),
                "position_prior": float(position[i]),
                "length_prior": float(length[i]),
                "opening": 1.0 if scores[i] > 1.0 else 0.0,
            }
            for i in range(n)
        ]
