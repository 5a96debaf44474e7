"""The sentences from best to worst, each distinct text once, worked out only as far as read.

A summary of three sentences reads the top of the ranking, and a book has tens of thousands of
sentences. So the order is sorted once, in numpy, and the two steps taken per sentence are taken
only for the sentences read: its score is rounded, and it is checked for an earlier copy among
the sentences with as many words (keyed as a group when the first of them is read). For War and
Peace, the top three take about 60 ms, against 160 ms for rounding and keying every sentence
first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import not_

from summarize.text.display import single_spaced

Ranked = tuple[int, float]  # a sentence's index and its rounded score


def rounded(score: float) -> float:
    """``score`` to 12 significant digits, 0 when it is not finite.

    Float noise (sumy's LSA orders its terms by string hash) must not break ties differently
    from one run to the next. Rounding never reverses an order, only makes ties.
    """
    return float(f"{score:.12g}") if math.isfinite(score) else 0.0


# Below this many sentences, all are rounded and keyed at once and sorted in Python: a news
# article's few dozen take fewer steps that way than numpy's calls.
_FEW_SENTENCES = 150


def best_first(texts: Sequence[str], scores: Sequence[float]) -> Iterator[Ranked]:
    """The sentences (their ``texts``) by rounded score, best first, ties to the earlier one;
    of sentences with the same :func:`duplicate_key` only the first is given."""
    if len(texts) < _FEW_SENTENCES:
        return iter(_all_at_once(texts, scores))
    return _as_read(texts, scores)


def _all_at_once(texts: Sequence[str], scores: Sequence[float]) -> list[Ranked]:
    """:func:`best_first` of a short text, every sentence rounded and keyed first."""
    first: dict[str, int] = {}
    for index, key in enumerate(duplicate_keys(texts)):
        first.setdefault(key, index)
    kept = [(index, rounded(scores[index])) for index in first.values()]
    kept.sort(key=lambda ranked: (-ranked[1], ranked[0]))
    return kept


def _as_read(texts: Sequence[str], scores: Sequence[float]) -> Iterator[Ranked]:
    """:func:`best_first` of a long text, each sentence rounded and checked when read."""
    import numpy as np

    values = np.asarray(scores, dtype=np.float64)
    values = np.where(np.isfinite(values), values, 0.0)
    plain: list[float] = values.tolist()
    # By raw score; rounding keeps that order, so each run of equal rounded scores is one
    # stretch of it, put in document order.
    order: list[int] = np.argsort(-values, kind="stable").tolist()
    copies = _FirstCopies(texts)
    position, total = 0, len(order)
    while position < total:
        score = rounded(plain[order[position]])
        end = position + 1
        while end < total and rounded(plain[order[end]]) == score:
            end += 1
        for index in sorted(order[position:end]):
            if copies.is_first(index):
                yield index, score
        position = end


class _FirstCopies:
    """Which sentences are the first with their key: the key of a text keeps its number of
    words (case folding neither makes nor removes white space), so only the sentences with as
    many words as the one asked about are keyed, once for all of them."""

    def __init__(self, texts: Sequence[str]) -> None:
        import numpy as np

        self._texts = texts
        self._groups = np.fromiter(_word_groups(texts), dtype=np.intp, count=len(texts))
        self._keyed: set[int] = set()
        self._first: dict[str, int] = {}
        self._key_of: dict[int, str] = {}

    def is_first(self, index: int) -> bool:
        import numpy as np

        group = int(self._groups[index])
        if group not in self._keyed:
            self._keyed.add(group)
            members: list[int] = np.flatnonzero(self._groups == group).tolist()
            keys = duplicate_keys([self._texts[i] for i in members])
            self._key_of.update(zip(members, keys, strict=True))
            for member, key in zip(members, keys, strict=True):
                self._first.setdefault(key, member)
        return self._first[self._key_of[index]] == index


def _word_groups(texts: Sequence[str]) -> Iterable[int]:
    """A number per text that two texts with the same key share: the number of spaces when
    all are space-normalised (as the segmenter's are; an empty text shares 0 with one word),
    else the number of words."""
    if _joined_if_normal(texts) is not None:
        return map(str.count, texts, repeat(" "))
    return (len(text.split()) for text in texts)


def duplicate_key(text: str) -> str:
    """What two sentences share when one is a copy of the other: case and spacing aside."""
    return " ".join(text.casefold().split())


def duplicate_keys(texts: Sequence[str]) -> list[str]:
    """:func:`duplicate_key` of each of ``texts``.

    The ASCII texts and the others are keyed apart, each in one step when all are already
    space-normalised (as the segmenter's sentences are): joined to a sentence with a curly
    quote, the ASCII ones (12,457 of War and Peace's 31,317) would take the slow path of case
    folding too.
    """
    plain = list(map(str.isascii, texts))
    if all(plain) or not any(plain):
        return _keys_together(texts)
    ascii_keys = iter(_keys_together(list(compress(texts, plain))))
    other_keys = iter(_keys_together(list(compress(texts, map(not_, plain)))))
    return [next(ascii_keys) if is_ascii else next(other_keys) for is_ascii in plain]


def _keys_together(texts: Sequence[str]) -> list[str]:
    """:func:`duplicate_key` of each of ``texts``, in one step when all are space-normalised.

    Case folding makes no white space and no NUL, so a normalised text's key is the text
    case-folded (lower-cased, for ASCII).
    """
    joined = _joined_if_normal(texts)
    if joined is not None:
        folded = joined.lower() if joined.isascii() else joined.casefold()
        return folded.split("\x00")
    return list(map(duplicate_key, texts))


def _joined_if_normal(texts: Sequence[str]) -> str | None:
    """``texts`` joined by NULs when each is space-normalised and holds no NUL (so that the
    joined text splits back into them), else None."""
    joined = "\x00".join(texts)
    if texts and joined.count("\x00") == len(texts) - 1 and single_spaced(joined):
        return joined
    return None
