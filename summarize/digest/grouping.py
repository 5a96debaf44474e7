"""Which items from different sources tell the same story.

Every item is a tf-idf vector of its title and the terms of its lead (our own words:
stemmed, no stop words; idf over the batch; the first :data:`LEAD_WORDS` words, where news states
its story), keeping its :data:`TOP_TERMS` heaviest terms among those another item of the batch
also has before any of its own alone, and items join by average-link clustering on cosine
similarity, stopping below :data:`GROUP_THRESHOLD`. Average link is run inside the components
of the single-link graph at the same threshold (an average above it needs a pair above it), so
a day's few hundred items cluster in milliseconds and a long chain of loosely related items
does not become one story. Then two groups that are each other's only close match (see
:data:`JOIN_MARGIN`) are joined: one story told in words too different for the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from summarize.document import Document

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]

# Average cosine between two groups' items above which they are one story.
GROUP_THRESHOLD = 0.12
IDF_POWER = 2.0
# An item keeps this many terms, the heaviest of those it shares with another item of the batch
# first: a term no other item has makes no two items alike, and in a long article such words
# would fill its terms and dilute every cosine. A short item (a feed's description) keeps all.
TOP_TERMS = 60
# An item's text counts up to the sentence that reaches this many words: a news item says what
# happened first; the rest (background, related stories, reader comments) is more often about
# something else. Feed descriptions are shorter.
LEAD_WORDS = 600
# Two items that share fewer terms than this are scaled down in proportion: in short texts
# (feed descriptions) one rare word in common (a first name, a country) is not a story.
SHARED_TERMS = 3
# After clustering, two groups that are each other's best match, with an average cosine of at
# least JOIN_FLOOR times the threshold and at least JOIN_MARGIN times either's next-best match,
# are one story told in words too different for the threshold: there is nothing else they
# could belong to.
JOIN_FLOOR = 0.5
JOIN_MARGIN = 4.0
TITLE_WEIGHT = 2.0  # a title term counts as this many body terms


def tfidf(
    bags: Sequence[dict[str, float]], idf_power: float = 1.0, top: int | None = None
) -> tuple[FloatArray, Any]:
    """Unit rows of sublinear tf times smoothed idf (to ``idf_power``), as a sparse matrix
    (CSR); with ``top``, each row keeps only its ``top`` heaviest terms, those in more than one
    row first."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
            values.append(1.0 + math.log(count) if count >= 1 else count)
    n = len(bags)
    matrix = csr_matrix(
        (np.asarray(values, dtype=np.float64), (rows, cols)), shape=(n, max(1, len(vocabulary)))
    )
    df = np.bincount(np.asarray(cols, dtype=np.intp), minlength=matrix.shape[1])
    idf = (np.log((n + 1) / (df + 1)) + 1.0) ** idf_power
    matrix = matrix.multiply(idf).tocsr()
    if top is not None:
        matrix = _keep_top(matrix, top, df > 1)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = matrix.multiply(1.0 / norms[:, None]).tocsr()
    return norms, matrix


def _keep_top(matrix: Any, top: int, first: NDArray[np.bool_]) -> Any:
    """Each row of a CSR matrix (non-negative) with only its ``top`` largest entries, those in
    the columns marked ``first`` before any other."""
    import numpy as np

    data = matrix.data.copy()
    rank = data + np.where(first[matrix.indices], data.max(initial=0.0) + 1.0, 0.0)
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        if end - start > top:
            values = data[start:end]
            values[np.argsort(-rank[start:end], kind="stable")[top:]] = 0.0
    matrix = matrix.copy()
    matrix.data = data
    matrix.eliminate_zeros()
    return matrix


def similarities(bags: Sequence[dict[str, float]]) -> FloatArray:
    """The cosine similarity of every pair of items' term bags, dense: tf-idf over these bags
    with idf squared (:data:`IDF_POWER`: the rare names and places that make a story count far
    more than the words of every news item), each item's :data:`TOP_TERMS` heaviest terms
    (those another item also has first)."""
    import numpy as np

    if not bags:
        return np.zeros((0, 0))
    _, matrix = tfidf(bags, IDF_POWER, TOP_TERMS)
    dense: FloatArray = np.asarray((matrix @ matrix.T).todense())
    if SHARED_TERMS > 1:
        present = (matrix > 0).astype(np.float64)
        shared = np.asarray((present @ present.T).todense())
        dense *= np.minimum(1.0, shared / SHARED_TERMS)
    return dense


def _components(linked: NDArray[Any]) -> list[list[int]]:
    """Connected components of a boolean adjacency matrix, each sorted, in order of first item."""
    n = len(linked)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    import numpy as np

    for a, b in zip(*np.nonzero(np.triu(linked, 1)), strict=True):
        ra, rb = find(int(a)), find(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _average_link(similarity: FloatArray, members: list[int], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering of ``members``, merging while the best
    average similarity between two clusters is at least ``threshold``."""
    import numpy as np

    if len(members) == 1:
        return [members]
    sim = similarity[np.ix_(members, members)].astype(np.float64)
    np.fill_diagonal(sim, -np.inf)
    clusters: list[list[int] | None] = [[m] for m in members]
    sizes = np.ones(len(members))
    alive = np.ones(len(members), dtype=bool)
    while True:
        flat = int(np.argmax(sim))
        a, b = divmod(flat, len(members))
        if sim[a, b] < threshold:
            break
        merged = (sizes[a] * sim[a] + sizes[b] * sim[b]) / (sizes[a] + sizes[b])
        sim[a], sim[:, a] = merged, merged
        sim[a, a] = -np.inf
        sim[b], sim[:, b] = -np.inf, -np.inf
        sizes[a] += sizes[b]
        alive[b] = False
        first, second = clusters[a], clusters[b]
        assert first is not None and second is not None
        clusters[a], clusters[b] = first + second, None
    return [sorted(c) for c, live in zip(clusters, alive, strict=True) if live and c]


def item_bag(document: Document, title_terms: Sequence[str]) -> dict[str, float]:
    """The terms of an item: its lead's (the sentences up to the one that reaches
    :data:`LEAD_WORDS` words), and its title's counted :data:`TITLE_WEIGHT` times."""
    bag: dict[str, float] = {}
    words = 0
    for sentence in document.sentences:
        if words >= LEAD_WORDS:
            break
        words += len(sentence.tokens)
        for term in sentence.terms:
            bag[term] = bag.get(term, 0.0) + 1.0
    for term in title_terms:
        bag[term] = bag.get(term, 0.0) + TITLE_WEIGHT
    return bag


def group_documents(
    bags: Sequence[dict[str, float]], threshold: float = GROUP_THRESHOLD
) -> list[list[int]]:
    """Groups of indices into ``bags`` that tell one story, each in index order, groups in
    order of their first index."""
    if not bags:
        return []
    sim = similarities(bags)
    groups: list[list[int]] = []
    for component in _components(sim >= threshold):
        groups.extend(_average_link(sim, component, threshold))
    groups = _join_unambiguous(sim, groups, JOIN_FLOOR * threshold, JOIN_MARGIN)
    return sorted(groups, key=lambda g: g[0])


def _join_unambiguous(
    similarity: FloatArray, groups: list[list[int]], floor: float, margin: float
) -> list[list[int]]:
    """``groups`` with every two that are each other's best match (average cosine between
    their items at least ``floor``, and ``margin`` times either's next-best) joined, repeated
    until none are; each joined group in index order."""
    import numpy as np
    from scipy.sparse import csr_matrix

    for _ in range(len(groups)):
        if len(groups) < 2:
            break
        rows = [i for group in groups for i in group]
        cols = [g for g, group in enumerate(groups) for _ in group]
        shape = (len(similarity), len(groups))
        member = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        sizes = np.array([len(group) for group in groups], dtype=np.float64)
        summed = np.asarray(member.T @ (member.T @ similarity).T)
        between = summed / np.outer(sizes, sizes)
        np.fill_diagonal(between, -np.inf)
        best = np.argmax(between, axis=1)
        runner_up = np.maximum(np.sort(between, axis=1)[:, -2], 0.0)
        joined: set[int] = set()
        merged: list[list[int]] = []
        for a, b in enumerate(best):
            b = int(b)
            if (
                a < b
                and best[b] == a
                and between[a, b] >= floor
                and between[a, b] >= margin * max(runner_up[a], runner_up[b])
            ):
                merged.append(sorted(groups[a] + groups[b]))
                joined |= {a, b}
        if not merged:
            break
        groups = merged + [group for g, group in enumerate(groups) if g not in joined]
    return groups
