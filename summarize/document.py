"""The data that flows through the pipeline: frozen, so no step can change another's result."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document, with its place in the original text.

    ``start``/``end`` are character offsets into :attr:`Document.text`; ``text`` is the sentence
    as shown to the reader (hard-wrapped lines joined with single spaces). ``tokens`` are the
    lower-cased words, ``terms`` the stemmed words without stop words: what the backends compare.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int = 0
    tokens: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A segmented text: the raw text, its language and its sentences in order."""

    text: str
    sentences: tuple[Sentence, ...]
    language: str = "english"
    source: str = "<text>"

    def __len__(self) -> int:
        return len(self.sentences)


@dataclass(frozen=True)
class ScoredSentence:
    """A selected sentence with its backend score and rank (1 = best)."""

    index: int
    text: str
    score: float
    rank: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Summary:
    """The result of summarising one document."""

    source: str
    method: str
    language: str
    sentence_count: int
    sentences: tuple[ScoredSentence, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """The selected sentences, one per line."""
        return "\n".join(s.text for s in self.sentences)

    def __iter__(self) -> Iterator[ScoredSentence]:
        return iter(self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)

    def to_dict(self) -> dict[str, object]:
        """The documented JSON shape of a summary."""
        return {
            "source": self.source,
            "method": self.method,
            "language": self.language,
            "sentence_count": self.sentence_count,
            "sentences": [
                {
                    "index": s.index,
                    "text": s.text,
                    "score": s.score,
                    "rank": s.rank,
                    "start": s.start,
                    "end": s.end,
                }
                for s in self.sentences
            ],
        }
