"""Words: tokenising, lower-casing, stemming and stop words, with no data download."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import snowballstemmer

_WORD = re.compile(r"\w+(?:['\u2019]\w+)*", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens of a sentence (letters and digits; punctuation dropped)."""
    return [m.group().lower() for m in _WORD.finditer(text)]


@cache
def stop_words(language: str) -> frozenset[str]:
    """The stop words sumy ships for ``language`` (read as data, without importing sumy)."""
    try:
        data = resources.files("sumy") / "data" / "stopwords" / f"{language}.txt"
        words = data.read_text(encoding="utf-8").split()
    except (FileNotFoundError, ModuleNotFoundError):
        return frozenset()
    return frozenset(w.lower() for w in words)


@cache
def _stemmer(language: str) -> snowballstemmer.Stemmer | None:
    try:
        return snowballstemmer.stemmer(language)
    except KeyError:
        return None


class WordNormalizer:
    """Turns tokens into the terms the backends compare: stemmed, stop words removed.

    Stems are cached per word, so a whole book costs one stemming call per distinct word.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.stop_words = stop_words(language)
        stemmer = _stemmer(language)
        self._cache: dict[str, str] = {}
        self._stem = stemmer.stemWord if stemmer is not None else (lambda w: w)

    def stem(self, token: str) -> str:
        """The stem of one lower-cased token."""
        stem = self._cache.get(token)
        if stem is None:
            stem = self._cache[token] = self._stem(token)
        return stem

    def terms(self, tokens: list[str]) -> tuple[str, ...]:
        """Stemmed content words of a sentence: stop words and pure numbers are dropped."""
        stop = self.stop_words
        return tuple(self.stem(t) for t in tokens if t not in stop and not t.isdigit())
