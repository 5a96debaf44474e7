"""Raw text to a :class:`Document`: sentences with their offsets, display texts, tokens and
terms, built with the collector out of the way, and on two cores for a big text when the
process runs alone.

Where the sentences are is :mod:`summarize.text.splitting`'s; their words are
:mod:`summarize.text.sentence_words`'s.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import repeat

from summarize.document import Document, Sentence
from summarize.text.sentence_words import sentence_words
from summarize.text.span import Span
from summarize.text.splitting import split_sentences
from summarize.text.two_cores import words_on_two_cores
from summarize.text.words import check_language_support

__all__ = ["Span", "freeze_documents", "segment", "split_big_documents", "split_sentences"]


_FREEZE = [False]


def freeze_documents(enabled: bool = True) -> None:
    """Keep each new document's objects out of the collector's scans, for a process that owns
    its collector (the command): they are frozen (``gc.freeze``) once built, and the previous
    document's are unfrozen into the oldest generation when the next one is started, so that
    at most one document's objects are ever exempt.

    The first scan of the young generation after a book was built visited every one of its
    tuples of words (a tenth of the run); frozen, they are never scanned while they are in use.
    """
    _FREEZE[0] = enabled


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while a document's objects are made (if it was on).

    A book makes about a million strings, tuples and sentences, none of them in a reference
    cycle, and the collector's passes over them as they pile up took a third of the time of
    segmenting War and Peace. Whatever was collectable before is collected on the next pass.
    """
    if not gc.isenabled():
        yield
        return
    freeze = _FREEZE[0]
    if freeze:
        gc.unfreeze()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()


def segment(text: str, language: str = "english", source: str = "<text>") -> Document:
    """Build a :class:`Document`: split ``text`` into sentences and normalise their words."""
    check_language_support(language)
    with _no_collection():
        return _segment(text, language, source)


_TWO_CORES = [False]


def split_big_documents(enabled: bool = True) -> None:
    """Let a big document be segmented by two processes (:mod:`summarize.text.two_cores`), for
    a process that runs alone (the command, not a worker beside others): War and Peace in a
    median of 0.79 s against 1.08 s. The result is the same; without a second core, with
    threads running, or when the child fails, the whole is done in this process.
    """
    _TWO_CORES[0] = enabled


def _segment(text: str, language: str, source: str) -> Document:
    words = words_on_two_cores(text, language) if _TWO_CORES[0] else None
    if words is None:
        words = sentence_words(text, split_sentences(text, language), language)
    # Built without the dataclass's __init__ (seven frozen setattr calls a sentence): the same
    # objects, field for field, in a third less time on a book's tens of thousands.
    sentences = list(map(object.__new__, repeat(Sentence, len(words.texts))))
    fields = (
        {
            "index": index,
            "text": line,
            "start": span[0],
            "end": span[1],
            "paragraph": span[2],
            "tokens": tokens,
            "terms": terms,
        }
        for index, (span, line, tokens, terms) in enumerate(
            zip(words.spans, words.texts, words.tokens, words.terms, strict=True)
        )
    )
    deque(map(dict.update, map(vars, sentences), fields), 0)
    return Document(text=text, sentences=tuple(sentences), language=language, source=source)
