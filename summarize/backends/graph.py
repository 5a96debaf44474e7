"""Shared pieces of the graph and matrix backends: duplicate collapsing and sparse term matrices
kept as coordinate arrays (the power iterations are :mod:`summarize.backends.iteration`'s).

Everything here is linear in the size of the text: a term matrix is stored as three arrays
(row, column, value) of its non-zero entries, and a product with it is one ``np.bincount``.
numpy is imported by the callers' ``rank()``, never at module import.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from itertools import chain, count
from typing import TYPE_CHECKING

from summarize.document import Document

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]
    IntArray = NDArray[np.intp]


def collapse(
    document: Document, key: Callable[[tuple[str, ...]], Hashable]
) -> tuple[list[tuple[str, ...]], list[int]]:
    """Identical sentences as one node.

    Returns the distinct term tuples (in order of first occurrence) and, for every sentence,
    the number of its node. Two sentences are identical when ``key(terms)`` is equal: they
    would get the same score anyway, and counting them once keeps repeated boilerplate from
    voting for itself.
    """
    terms = [sentence.terms for sentence in document.sentences]
    count, inverse = _nodes_by_key(terms, key)
    if count == len(terms):  # the common case: no two sentences alike
        return terms, inverse
    rows: list[tuple[str, ...]] = []
    for sentence_terms, node in zip(terms, inverse, strict=True):
        if node == len(rows):  # the first sentence of its node
            rows.append(sentence_terms)
    return rows, inverse


def _nodes_by_key(
    terms: Sequence[tuple[str, ...]], key: Callable[[tuple[str, ...]], Hashable]
) -> tuple[int, list[int]]:
    """The number of distinct keys among ``terms`` and each one's node, by first occurrence."""
    nodes: dict[Hashable, int] = {}
    inverse = [nodes.setdefault(k, len(nodes)) for k in map(key, terms)]
    return len(nodes), inverse


def same_terms(terms: tuple[str, ...]) -> Hashable:
    """The usual key of :func:`collapse`: sentences with the same multiset of terms."""
    return tuple(sorted(terms))


@dataclass(frozen=True)
class TermMatrix:
    """A sentence-by-term count matrix as coordinate arrays (no duplicate coordinates).

    ``rows[e]``, ``cols[e]``, ``counts[e]``: sentence, term and count of the e-th non-zero
    entry, sorted by sentence. ``n`` sentences, ``v`` distinct terms.
    """

    rows: IntArray
    cols: IntArray
    counts: FloatArray
    n: int
    v: int

    def times(self, values: FloatArray, vector: FloatArray) -> FloatArray:
        """``M @ vector`` where M has ``values`` at the non-zero coordinates (length n)."""
        import numpy as np

        total = np.bincount(self.rows, weights=values * vector[self.cols], minlength=self.n)
        return total.astype(np.float64, copy=False)

    def t_times(self, values: FloatArray, vector: FloatArray) -> FloatArray:
        """``M.T @ vector`` where M has ``values`` at the non-zero coordinates (length v)."""
        import numpy as np

        total = np.bincount(self.cols, weights=values * vector[self.rows], minlength=self.v)
        return total.astype(np.float64, copy=False)

    def unit_rows(self, values: FloatArray) -> FloatArray:
        """``values`` with every sentence's row scaled to length 1 (a zero row stays zero)."""
        import numpy as np

        norms = np.sqrt(np.bincount(self.rows, weights=values * values, minlength=self.n))
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        scaled: FloatArray = values * scale[self.rows]
        return scaled

    def first_rows(self, inverse: Sequence[int]) -> TermMatrix:
        """The matrix of the first occurrences only, given :func:`collapse`'s ``inverse`` of its
        rows: what ``term_matrix`` of the distinct rows gives, without counting again.

        A repeated row holds the terms of its first occurrence, so every term first appears in a
        kept row and keeps its id; the entries of the kept rows keep their order.
        """
        import numpy as np

        nodes = np.asarray(inverse, dtype=np.intp)
        kept = np.zeros(self.n, dtype=bool)
        kept[np.unique(nodes, return_index=True)[1]] = True
        entries = kept[self.rows]
        renumbered = np.cumsum(kept) - 1
        return TermMatrix(
            rows=renumbered[self.rows[entries]],
            cols=self.cols[entries],
            counts=self.counts[entries],
            n=int(kept.sum()),
            v=self.v,
        )


def term_matrix(rows: Sequence[Sequence[str]]) -> TermMatrix:
    """Count matrix of the terms of each row: one entry per (row, distinct term)."""
    import numpy as np

    # Term ids in order of first appearance, as the entries' order (and so every sum) depends on.
    flat = list(chain.from_iterable(rows))
    vocabulary = dict(zip(dict.fromkeys(flat), count()))
    v = len(vocabulary)
    lengths = np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))
    row_of = np.arange(len(rows), dtype=np.intp).repeat(lengths)  # (methods: no wrappers)
    # One entry per distinct (row, term), sorted by row then term, with its count (what
    # np.unique(..., return_counts=True) gives, without its overhead on small texts).
    keys = row_of * max(v, 1) + np.fromiter(map(vocabulary.__getitem__, flat), np.intp, len(flat))
    keys.sort()
    first = np.empty(len(keys), dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = first.nonzero()[0]
    keys = keys[starts]
    counts = np.empty(len(starts), dtype=np.intp)  # from each start to the next (or the end)
    np.subtract(starts[1:], starts[:-1], counts[:-1])
    counts[-1:] = len(first) - starts[-1:]
    row, col = np.divmod(keys, max(v, 1))
    return TermMatrix(
        rows=row,
        cols=col,
        counts=counts.astype(np.float64),
        n=len(rows),
        v=v,
    )


def distinct_term_matrix(
    document: Document, key: Callable[[tuple[str, ...]], Hashable] = same_terms
) -> tuple[TermMatrix, list[int]]:
    """The term matrix of the distinct sentences (see :func:`collapse`) and each one's node."""
    if key is same_terms:
        terms = [sentence.terms for sentence in document.sentences]
        full = term_matrix(terms)
        nodes, inverse = same_term_nodes(full, terms)
        return (full if nodes == full.n else full.first_rows(inverse)), inverse
    rows, inverse = collapse(document, key)
    return term_matrix(rows), inverse


# Odd 64-bit constants of splitmix64, which spread a term id and a count over all 64 bits.
_MIX = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)


# Below this many sentences sorting each one's terms is faster than numpy's calls.
_FEW_SENTENCES = 150


def same_term_nodes(matrix: TermMatrix, terms: Sequence[tuple[str, ...]]) -> tuple[int, list[int]]:
    """:func:`collapse` by :func:`same_terms` of the sentences with ``terms``, whose term matrix
    is ``matrix``: the number of nodes and each sentence's node.

    Two sentences have the same multiset of terms exactly when their rows hold the same
    (term, count) entries. In a long text, rows are hashed and grouped in numpy, and every
    sentence grouped with an earlier one is compared with it entry by entry, so a collision of
    hashes can never join two different rows: War and Peace's 31,000 sentences take 10 ms
    instead of 110 ms for a sort and a tuple each.
    """
    import numpy as np

    n = matrix.n
    if n < _FEW_SENTENCES:  # or grouped exactly by the sorted terms
        return _nodes_by_key(terms, same_terms)
    starts = np.searchsorted(matrix.rows, np.arange(n + 1))
    sizes = np.diff(starts)
    filled = sizes > 0
    mixed = matrix.cols.astype(np.uint64) * np.uint64(_MIX[0])
    mixed ^= matrix.counts.astype(np.uint64)
    mixed ^= mixed >> np.uint64(31)
    mixed *= np.uint64(_MIX[1])
    mixed ^= mixed >> np.uint64(29)
    hashes = sizes.astype(np.uint64) * np.uint64(_MIX[2])
    if len(mixed):
        hashes[filled] += np.add.reduceat(mixed, starts[:-1][filled])
    _, first, group = np.unique(hashes, return_index=True, return_inverse=True)
    group = group.reshape(-1)
    earlier = first[group]  # the first sentence with each sentence's hash
    later = np.flatnonzero(earlier != np.arange(n))
    if len(later) and not _same_rows(matrix, starts, earlier[later], later):
        return _nodes_by_key(terms, same_terms)  # two different rows with one hash
    node_of_group = np.empty(len(first), dtype=np.intp)
    node_of_group[np.argsort(first)] = np.arange(len(first))
    inverse: list[int] = node_of_group[group].tolist()
    return len(first), inverse


def _same_rows(matrix: TermMatrix, starts: IntArray, rows: IntArray, others: IntArray) -> bool:
    """Whether each of ``rows`` has the same entries as the same place in ``others``."""
    import numpy as np

    sizes = starts[rows + 1] - starts[rows]
    if not np.array_equal(sizes, starts[others + 1] - starts[others]):
        return False
    # The k-th entry of each pair's rows, for every k below their size, all at once.
    within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    mine = np.repeat(starts[rows], sizes) + within
    theirs = np.repeat(starts[others], sizes) + within
    return bool(
        np.array_equal(matrix.cols[mine], matrix.cols[theirs])
        and np.array_equal(matrix.counts[mine], matrix.counts[theirs])
    )


def expand(node_scores: FloatArray, inverse: Sequence[int]) -> list[float]:
    """Per-sentence scores from per-node scores: every copy gets its node's score."""
    import numpy as np

    scores: list[float] = node_scores[np.asarray(inverse, dtype=np.intp)].tolist()
    return scores
