"""Baselines every summariser should be compared with: the opening sentences, and chance."""

from __future__ import annotations

import random
from collections.abc import Sequence

from summarize.document import Document


class LeadBackend:
    """The first sentences of the text: hard to beat on news, where the lede comes first."""

    name = "lead"
    description = "The first sentences of the text (the baseline news is written for)."

    def rank(self, document: Document) -> Sequence[float]:
        count = len(document.sentences)
        return [float(count - i) for i in range(count)]

    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        """Only the place counts: the sentence's position, 1 for the first."""
        return [{"position": float(i + 1)} for i in range(len(document.sentences))]


class RandomBackend:
    """Sentences in a random but reproducible order: the floor every method must clear."""

    name = "random"
    description = "Random sentences, seeded so runs repeat (a baseline, not a summary)."

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def rank(self, document: Document) -> Sequence[float]:
        rng = random.Random(self.seed)
        return [rng.random() for _ in document.sentences]

    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        """Nothing about the text counts: the sentence's position and its draw (the score)."""
        return [{"position": float(i + 1), "draw": float(score)} for i, score in enumerate(scores)]
