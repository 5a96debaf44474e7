"""The sentences from best to worst, each distinct text once, worked out only as far as read.

A summary of three sentences reads the top of the ranking, and a book has tens of thousands of
sentences. So the order is sorted once (in numpy for a long text), and a score is rounded only
when its sentence is read. In a long text a sentence is also checked for an earlier copy only
when read, among the sentences with as many words (keyed as a group when the first of them is
read). For War and Peace, the top three take about 60 ms, against 160 ms for rounding and
keying every sentence first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
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


# Below this many sentences, the order is sorted and every sentence keyed in Python: a news
# article's few dozen take fewer steps that way than numpy's calls.
_FEW_SENTENCES = 150


def best_first(texts: Sequence[str], scores: Sequence[float]) -> Iterator[Ranked]:
    """The sentences (their ``texts``) by rounded score, best first, ties to the earlier one;
    of sentences with the same :func:`duplicate_key` only the first is given."""
    if len(texts) < _FEW_SENTENCES:
        plain = [score if math.isfinite(score) else 0.0 for score in scores]
        order = sorted(range(len(plain)), key=plain.__getitem__, reverse=True)  # stable
        first: dict[str, int] = {}
        for index, key in enumerate(duplicate_keys(texts)):
            first.setdefault(key, index)
        return _runs(plain, order, set(first.values()).__contains__)
    return _as_read(texts, scores)


def _as_read(texts: Sequence[str], scores: Sequence[float]) -> Iterator[Ranked]:
    """:func:`best_first` of a long text: sorted in numpy, each sentence checked when read."""
    import numpy as np

    values = np.asarray(scores, dtype=np.float64)
    values = np.where(np.isfinite(values), values, 0.0)
    order: list[int] = np.argsort(-values, kind="stable").tolist()
    return _runs(values.tolist(), order, _FirstCopies(texts).is_first)


def _runs(
    plain: list[float], order: list[int], is_first: Callable[[int], bool]
) -> Iterator[Ranked]:
    """The sentences in ``order`` (by raw score, best first, ties in document order), each
    rounded when read; rounding keeps that order, so each run of equal rounded scores is one
    stretch of it, given in document order, with only the first copies kept."""
    position, total = 0, len(order)
    while position < total:
        score = rounded(plain[order[position]])
        end = position + 1
        while end < total and rounded(plain[order[end]]) == score:
            end += 1
        for index in sorted(order[position:end]):
            if is_first(index):
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
