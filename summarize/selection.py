"""What a summary takes from the ranking: the length options and the sentences they choose."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from summarize.document import Document
from summarize.errors import UsageError
from summarize.ranking import Ranked

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


@dataclass(frozen=True, slots=True)
class Chosen:
    """A sentence of the summary: its place in the ranking, its index and its score."""

    rank: int
    index: int
    score: float


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(text.split())


def select(document: Document, ranked: Iterable[Ranked], length: Length) -> list[Chosen]:
    """The sentences chosen from ``ranked`` (best first) under ``length``, best first, each
    with its rank; only as much of ``ranked`` is read as the length needs."""
    total = len(document.sentences)
    numbered = enumerate(ranked, start=1)
    if length.kind == "words":
        budget = int(length.value)
        chosen = []
        for rank, (index, score) in numbered:
            words = word_count(document.sentences[index].text)
            if words <= budget:
                chosen.append(Chosen(rank, index, score))
                budget -= words
        return chosen
    if length.kind == "ratio":
        count = max(1, math.floor(length.value * total + 0.5))
    else:
        count = int(length.value)
    return [Chosen(rank, index, score) for rank, (index, score) in islice(numbered, count)]
