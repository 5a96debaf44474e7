"""sumy's summarizers behind our Backend interface, offline and with their scores.

sumy selects sentences inside the private ``_get_best_sentences``; we replace it on the instance
to read the rating of every sentence instead of a selection. sumy rates a sentence by its text,
so identical sentences share a score (the pipeline selects each text once).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Sequence
from typing import Any

from summarize.document import Document
from summarize.text.words import stemmer, stop_words, tokenize


class OfflineTokenizer:
    """The tokenizer sumy needs, built on our own splitter: no NLTK data, no download.

    Words are split as our own methods split them, in the document's language, so that sumy's
    Luhn, KL and SumBasic see Chinese and Japanese words rather than whole clauses.
    """

    def __init__(self, language: str) -> None:
        self.language = language

    def to_sentences(self, text: str) -> tuple[str, ...]:
        from summarize.text.display import display_text
        from summarize.text.segment import split_sentences

        return tuple(
            display_text(text[s.start : s.end]) for s in split_sentences(text, self.language)
        )

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(tokenize(sentence, self.language))


def _sumy_document(document: Document) -> Any:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = OfflineTokenizer(document.language)
    paragraphs: dict[int, list[Any]] = {}
    for sentence in document.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(SumySentence(sentence.text, tokenizer))
    return ObjectDocumentModel([Paragraph(p) for p in paragraphs.values()])


def _stemmer(language: str) -> Callable[[str], str]:
    from sumy.nlp.stemmers import Stemmer

    try:
        stem: Callable[[str], str] = Stemmer(language)
        stem("probe")  # sumy's Greek stemmer fails only when used: it needs another package
    except (LookupError, ValueError):  # no stemmer for this language, or it needs a package
        snowball = stemmer(language)  # ours: every Snowball language
        if snowball is not None:
            return snowball
        from sumy.nlp.stemmers import null_stemmer

        stem = null_stemmer
    return stem


class SumyBackend:
    """Adapts one sumy summarizer class, named by ``"module:Class"``."""

    summarizer_path: str = ""

    def __init__(self, name: str, summarizer_path: str, description: str) -> None:
        self.name = name
        self.summarizer_path = summarizer_path
        self.description = description

    def _summarizer(self, language: str) -> Any:
        module_name, class_name = self.summarizer_path.split(":")
        cls = getattr(importlib.import_module(module_name), class_name)
        summarizer = cls(_stemmer(language))
        summarizer.stop_words = stop_words(language)
        return summarizer

    def rank(self, document: Document) -> Sequence[float]:
        if not document.sentences:
            return []
        summarizer = self._summarizer(document.language)
        sumy_document = _sumy_document(document)
        captured: dict[str, float] = {}

        def capture(
            sentences: Any, count: Any, rating: Any, *args: Any, **kwargs: Any
        ) -> tuple[()]:
            rate = rating.__getitem__ if isinstance(rating, dict) else rating
            for s in sentences:
                captured[str(s)] = float(rate(s, *args, **kwargs))
            return ()

        summarizer._get_best_sentences = capture
        summarizer(sumy_document, len(document.sentences))
        scores = [captured.get(s.text, -math.inf) for s in document.sentences]
        return [score if math.isfinite(score) else -1e9 for score in scores]

    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        """sumy gives one number per sentence, its rating: that is the score itself."""
        return [{"rating": float(score)} for score in scores]
