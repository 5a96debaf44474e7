"""The data that flows through the pipeline: frozen, so no step can change another's result."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
    # What the method weighed for this sentence (name -> value), when asked for and offered.
    features: Mapping[str, float] | None = None


@dataclass(frozen=True)
class Keyphrase:
    """A word or phrase that says what the text is about, in its surface form."""

    text: str
    score: float


@dataclass(frozen=True)
class Summary:
    """The result of summarising one document."""

    source: str
    method: str
    language: str
    sentence_count: int
    sentences: tuple[ScoredSentence, ...] = field(default_factory=tuple)
    # What the source told about itself: title, url, id, published, media_type, author ...
    metadata: Mapping[str, str] = field(default_factory=dict)
    keyphrases: tuple[Keyphrase, ...] = ()

    @property
    def text(self) -> str:
        """The selected sentences, one per line."""
        return "\n".join(s.text for s in self.sentences)

    def __iter__(self) -> Iterator[ScoredSentence]:
        return iter(self.sentences)

    def __len__(self) -> int:
        return len(self.sentences)

    def to_dict(self) -> dict[str, object]:
        """The documented JSON shape of a summary.

        ``metadata``, ``keyphrases`` and each sentence's ``features`` appear only when known, so
        the shape of a plain text's summary is unchanged.
        """
        data: dict[str, object] = {
            "source": self.source,
            "method": self.method,
            "language": self.language,
            "sentence_count": self.sentence_count,
        }
        if self.metadata:
            data["metadata"] = dict(self.metadata)
        data["sentences"] = [_sentence_dict(s) for s in self.sentences]
        if self.keyphrases:
            data["keyphrases"] = [{"text": k.text, "score": k.score} for k in self.keyphrases]
        return data


def _sentence_dict(sentence: ScoredSentence) -> dict[str, object]:
    data: dict[str, object] = {
        "index": sentence.index,
        "text": sentence.text,
        "score": sentence.score,
        "rank": sentence.rank,
        "start": sentence.start,
        "end": sentence.end,
    }
    if sentence.features is not None:
        data["features"] = dict(sentence.features)
    return data
