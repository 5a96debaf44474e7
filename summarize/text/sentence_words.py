"""The per-sentence work of segmentation: each sentence's display text, tokens and terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from summarize.text.display import display_texts
from summarize.text.span import Span
from summarize.text.words import WordNormalizer, tokenize_lines


@dataclass
class SentenceWords:
    """The sentences of some spans, in order, without the spans that hold only white space."""

    spans: list[Span]
    texts: list[str]
    tokens: list[tuple[str, ...]]
    terms: list[tuple[str, ...]]

    def plain(self) -> Plain:
        """The same in built-in types only (spans as plain tuples), for ``marshal``."""
        return list(map(tuple, self.spans)), self.texts, self.tokens, self.terms

    @classmethod
    def from_plain(cls, plain: Plain) -> SentenceWords:
        """The inverse of :meth:`plain`."""
        rows, texts, tokens, terms = plain
        return cls(list(map(tuple.__new__, repeat(Span), rows)), texts, tokens, terms)

    def __add__(self, later: SentenceWords) -> SentenceWords:
        """These sentences followed by ``later``'s."""
        return SentenceWords(
            self.spans + later.spans,
            self.texts + later.texts,
            self.tokens + later.tokens,
            self.terms + later.terms,
        )


Plain = tuple[list[tuple[int, ...]], list[str], list[tuple[str, ...]], list[tuple[str, ...]]]


def sentence_words(text: str, spans: Sequence[Span], language: str) -> SentenceWords:
    """The display text, tokens and terms of every span of ``text`` that is a sentence."""
    shown = display_texts(text, spans)
    kept = list(spans)
    if "" in shown:  # only white space between two cuts: not a sentence
        kept = [span for span, line in zip(spans, shown, strict=True) if line]
        shown = list(filter(None, shown))
    tokens = list(map(tuple, tokenize_lines(shown, language)))
    terms = WordNormalizer(language).terms_of_each(tokens)
    return SentenceWords(kept, shown, tokens, terms)
