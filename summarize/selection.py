"""Turns backend scores into a summary: the length options, duplicates and ordering."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import not_
from typing import Literal

from summarize.document import Document
from summarize.errors import UsageError
from summarize.text.display import single_spaced

LengthKind = Literal["sentences", "ratio", "words"]


@dataclass(frozen=True)
class Length:
    """How long the summary should be: N sentences, a ratio of the sentences, or W words."""

    kind: LengthKind
    value: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise UsageError(f"{self.kind} must be a finite number, not {self.value:g}")
        whole = self.value == int(self.value)
        if self.kind in ("sentences", "words") and (self.value < 1 or not whole):
            raise UsageError(
                f"{self.kind} must be a whole number of at least 1, not {self.value:g}"
            )
        if self.kind == "ratio" and not (0 < self.value <= 1):
            raise UsageError(f"ratio must be in (0, 1], not {self.value:g}")

    @classmethod
    def from_options(
        cls, sentences: int | None = None, ratio: float | None = None, words: int | None = None
    ) -> Length:
        """Exactly one of the three options, or 3 sentences when none is given."""
        given = {
            k: v
            for k, v in (("sentences", sentences), ("ratio", ratio), ("words", words))
            if v is not None
        }
        if len(given) > 1:
            names = " and ".join(given)
            raise UsageError(f"{names} cannot be used together; choose one length setting")
        if not given:
            return cls("sentences", 3)
        kind, value = next(iter(given.items()))
        return cls(kind, float(value))  # type: ignore[arg-type]


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(text.split())


def _duplicate_key(text: str) -> str:
    return " ".join(text.casefold().split())


def duplicate_keys(texts: Sequence[str]) -> list[str]:
    """``_duplicate_key`` of each of ``texts``.

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
    """``_duplicate_key`` of each of ``texts``, in one step when all are space-normalised.

    Case folding makes no white space and no NUL, so a normalised text's key is the text
    case-folded (lower-cased, for ASCII).
    """
    joined = "\x00".join(texts)
    if texts and joined.count("\x00") == len(texts) - 1 and single_spaced(joined):
        folded = joined.lower() if joined.isascii() else joined.casefold()
        return folded.split("\x00")
    return list(map(_duplicate_key, texts))


def ranked_indices(document: Document, scores: Sequence[float]) -> list[int]:
    """Sentence indices from best to worst, each distinct sentence text once.

    Ties go to the earlier sentence, so the order is deterministic. Of identical sentences only
    the first occurrence is kept. (Sorted by numpy: a book's tens of thousands of
    sentences in milliseconds.)
    """
    import numpy as np

    sentences = document.sentences
    first: dict[str, int] = {}
    keys = duplicate_keys([s.text for s in sentences])
    deque(map(first.setdefault, keys, [s.index for s in sentences]), 0)
    kept = np.fromiter(first.values(), dtype=np.intp, count=len(first))
    values = np.asarray(scores, dtype=np.float64)[kept]
    if np.isnan(values).any():  # no order to sort by: compared as Python compares them
        return sorted(first.values(), key=lambda i: (-scores[i], i))
    ranking: list[int] = kept[np.lexsort((kept, -values))].tolist()
    return ranking


def select(document: Document, ranking: Sequence[int], length: Length) -> list[int]:
    """The indices chosen from ``ranking`` (best first) under ``length``, best first."""
    total = len(document.sentences)
    if length.kind == "words":
        budget = int(length.value)
        chosen = []
        for i in ranking:
            words = word_count(document.sentences[i].text)
            if words <= budget:
                chosen.append(i)
                budget -= words
        return chosen
    if length.kind == "ratio":
        count = max(1, math.floor(length.value * total + 0.5))
    else:
        count = int(length.value)
    return list(ranking[:count])
