"""The per-sentence work of segmentation: each sentence's display text, tokens and terms.

It is the same for every sentence on its own, so a big text's sentences may be done in two
halves, the second in a forked child on another core (:mod:`summarize.text.second_core`), and
put together: the same lists as in one go. A book's half comes back as a few long strings
(texts and tokens joined by NULs, split again here) and its terms, which pickle small because
every occurrence of a term is the same string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from summarize.text import second_core
from summarize.text.display import display_texts
from summarize.text.words import WordNormalizer, tokenize_lines

if TYPE_CHECKING:
    from summarize.text.segment import Span

# Sentences from which a text's second half is given to a second core, where one is allowed: the
# fork and the transfer cost about a millisecond per thousand sentences, the half saves six.
SECOND_CORE_SENTENCES = 4_000
_NUL = "\x00"


@dataclass
class SentenceWords:
    """The sentences of some spans, in order, without the spans that hold only white space."""

    spans: list[Span]
    texts: list[str]
    tokens: list[tuple[str, ...]]
    terms: list[tuple[str, ...]]


def sentence_words(text: str, spans: Sequence[Span], language: str) -> SentenceWords:
    """The display text, tokens and terms of every span of ``text`` that is a sentence; a big
    text's second half on another core when this process allows it."""
    if len(spans) < SECOND_CORE_SENTENCES or not second_core.available():
        return _sentence_words(text, spans, language)
    half = len(spans) // 2
    first, packed = second_core.both(
        lambda: _sentence_words(text, spans[:half], language),
        lambda: _pack(_sentence_words(text, spans[half:], language), spans[half:]),
    )
    second = (
        _unpack(packed, spans[half:])
        if packed is not None
        else _sentence_words(text, spans[half:], language)
    )
    return SentenceWords(
        first.spans + second.spans,
        first.texts + second.texts,
        first.tokens + second.tokens,
        first.terms + second.terms,
    )


def _sentence_words(text: str, spans: Sequence[Span], language: str) -> SentenceWords:
    shown = display_texts(text, spans)
    kept = list(spans)
    if "" in shown:  # only white space between two cuts: not a sentence
        kept = [span for span, line in zip(spans, shown, strict=True) if line]
        shown = list(filter(None, shown))
    tokens = list(map(tuple, tokenize_lines(shown, language)))
    terms = list(map(WordNormalizer(language).terms, tokens))
    return SentenceWords(kept, shown, tokens, terms)


# A half as it travels: which spans were kept (None: all), the texts and the tokens (joined, or
# as lists when one holds a NUL), each sentence's token count, and the terms.
Packed = tuple[list[int] | None, str | list[str], str | list[str], list[int], list[tuple[str, ...]]]


def _pack(words: SentenceWords, spans: Sequence[Span]) -> Packed:
    """``words`` of ``spans`` as they travel; the kept spans are ``spans``' own objects."""
    kept = None
    if len(words.spans) != len(spans):
        mine = set(map(id, words.spans))
        kept = [i for i, span in enumerate(spans) if id(span) in mine]
    counts = list(map(len, words.tokens))
    flat = [token for tokens in words.tokens for token in tokens]
    return kept, _joined(words.texts), _joined(flat), counts, words.terms


def _joined(strings: list[str]) -> str | list[str]:
    """``strings`` joined by NULs, or themselves when that could not be split back."""
    joined = _NUL.join(strings)
    return joined if strings and joined.count(_NUL) == len(strings) - 1 else strings


def _split(joined: str | list[str]) -> list[str]:
    return joined.split(_NUL) if isinstance(joined, str) else joined


def _unpack(packed: Packed, spans: Sequence[Span]) -> SentenceWords:
    kept, texts, tokens, counts, terms = packed
    flat = _split(tokens)
    ends = list(accumulate(counts))
    starts = [0, *ends[:-1]] if ends else []
    return SentenceWords(
        list(spans) if kept is None else [spans[i] for i in kept],
        _split(texts),
        [tuple(flat[start:end]) for start, end in zip(starts, ends, strict=True)],
        terms,
    )
