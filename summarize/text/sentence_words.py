"""The per-sentence work of segmentation: each sentence's display text, tokens and terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarize.text.display import display_texts
from summarize.text.words import WordNormalizer, tokenize_lines

if TYPE_CHECKING:
    from summarize.text.span import Span


@dataclass
class SentenceWords:
    """The sentences of some spans, in order, without the spans that hold only white space."""

    spans: list[Span]
    texts: list[str]
    tokens: list[tuple[str, ...]]
    terms: list[tuple[str, ...]]


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
