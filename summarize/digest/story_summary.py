"""One summary of several items about one story, each fact told once.

The sentences of all a story's items, scored by their cosine to the story's centroid
times a prior for coming early in their own item and one for being concise; picked greedily by
maximal marginal relevance, and a sentence too close to one already picked (the same fact from
another source) is skipped, so no fact is told twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarize.digest.grouping import tfidf
from summarize.document import Document, Sentence

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray = NDArray[np.float64]

# The summary's scores: position prior (1 + i) ** -POSITION_EXPONENT within the item, length
# prior min(1, LONG_SENTENCE / tokens) ** LENGTH_EXPONENT.
POSITION_EXPONENT = 0.5
LONG_SENTENCE = 25
LENGTH_EXPONENT = 0.5
REDUNDANCY = 0.3  # MMR weight of the similarity to what is already picked
SAME_FACT = 0.3  # a sentence this close (cosine) to a picked one is the same fact: skipped
MIN_TOKENS = 5  # shorter sentences (datelines, bylines, "Read more") are not picked
DEFAULT_SENTENCES = 4


@dataclass(frozen=True)
class StorySentence:
    """A sentence of a story's summary: its text, score and the item it comes from."""

    text: str
    score: float
    item: int  # index into :attr:`Story.items`
    index: int  # its sentence number within that item


# Above this many cells a story's sentence matrix is sparse (scipy); below, dense numpy, which
# is many times faster for the small matrices of most stories.
_DENSE_CELLS = 4_000_000


def _sentence_rows(sentences: Sequence[Sentence]) -> Any:
    """Unit tf-idf rows of the sentences (idf over these sentences)."""
    import numpy as np

    bags = [{t: float(s.terms.count(t)) for t in set(s.terms)} for s in sentences]
    vocabulary: dict[str, int] = {}
    for bag in bags:
        for term in bag:
            vocabulary.setdefault(term, len(vocabulary))
    if len(bags) * max(1, len(vocabulary)) > _DENSE_CELLS:
        return tfidf(bags)[1]
    matrix = np.zeros((len(bags), max(1, len(vocabulary))))
    for row, bag in enumerate(bags):
        for term, count in bag.items():
            matrix[row, vocabulary[term]] = 1.0 + math.log(count)
    df = np.count_nonzero(matrix, axis=0)
    matrix *= np.log((len(bags) + 1) / (df + 1)) + 1.0
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    return matrix / norms[:, None]


def _similar_to(matrix: Any, row: int) -> FloatArray:
    """The cosine of every row of ``matrix`` (unit rows, dense or sparse) with row ``row``."""
    import numpy as np

    if isinstance(matrix, np.ndarray):
        dense: FloatArray = matrix @ matrix[row]
        return dense
    return np.asarray(matrix @ matrix[row].T.toarray()).ravel()


def summarise_group(
    documents: Sequence[Document],
    *,
    sentences: int | None = DEFAULT_SENTENCES,
    words: int | None = None,
) -> list[StorySentence]:
    """The key sentences of several documents about one story, each fact once.

    Stops after ``sentences`` sentences or when ``words`` words are reached (the sentence that
    crosses the budget is kept whole only if it fits), whichever comes first.
    """
    import numpy as np

    pool = [
        (d, s)
        for d, document in enumerate(documents)
        for s in document.sentences
        if len(s.tokens) >= MIN_TOKENS and s.terms
    ]
    if not pool:
        pool = [(d, s) for d, document in enumerate(documents) for s in document.sentences]
    if not pool:
        return []
    matrix = _sentence_rows([s for _, s in pool])
    centroid = np.asarray(matrix.sum(axis=0)).ravel()
    centroid /= np.linalg.norm(centroid) or 1.0
    centrality = np.asarray(matrix @ centroid).ravel()
    position = np.array([(1.0 + s.index) ** -POSITION_EXPONENT for _, s in pool])
    tokens = np.array([max(1, len(s.tokens)) for _, s in pool], dtype=np.float64)
    brevity = np.minimum(1.0, LONG_SENTENCE / tokens) ** LENGTH_EXPONENT
    preference = centrality * position * brevity
    preference = preference / (preference.max(initial=0.0) or 1.0)
    overlap = np.zeros(len(pool))
    open_to_pick = np.ones(len(pool), dtype=bool)
    seen_texts: set[str] = set()
    picked: list[StorySentence] = []
    budget = words
    while open_to_pick.any() and (sentences is None or len(picked) < sentences):
        value = (1.0 - REDUNDANCY) * preference - REDUNDANCY * overlap
        value[~open_to_pick] = -np.inf
        pick = int(np.argmax(value))
        open_to_pick[pick] = False
        d, sentence = pool[pick]
        key = " ".join(sentence.text.casefold().split())
        if overlap[pick] >= SAME_FACT or key in seen_texts:
            continue
        size = len(sentence.text.split())
        if budget is not None and size > budget:
            if picked:
                break
            continue
        seen_texts.add(key)
        picked.append(StorySentence(sentence.text, float(preference[pick]), d, sentence.index))
        overlap = np.maximum(overlap, _similar_to(matrix, pick))
        if budget is not None:
            budget -= size
            if budget <= 0:
                break
    return picked
