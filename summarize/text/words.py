"""Words: tokenising, lower-casing, stemming and stop words, with no data download.

Words are runs of letters and digits (with the combining marks of Arabic, Hebrew, Thai,
Devanagari, Tamil and decomposed Latin text, and inner apostrophes). Chinese and Japanese are
written without spaces: their words come from jieba (its Rust port, rjieba) and TinySegmenter,
installed with the ``chinese`` and ``japanese`` extras; without them, overlapping pairs of
characters stand in for words (with a warning). Stems come from the Snowball stemmers:
PyStemmer's compiled ones when installed, snowballstemmer's pure-Python ones otherwise. Stop
words are our own package data (``summarize/text/stopwords/``, sources in its SOURCES.md).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from itertools import repeat

from summarize.errors import UsageError

_MARKS = (
    "\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"  # Devanagari
    "\u0b82\u0bbe-\u0bcd\u0bd7"  # Tamil
)
_WORD = re.compile(rf"[\w{_MARKS}]+(?:['\u2019][\w{_MARKS}]+)*")
_CJK_WORD = re.compile(r"\w")
# ASCII text needs no regular expression: one ``bytes.translate`` lower-cases it and makes every
# character other than a letter, a digit, ``_``, an apostrophe or a line break a space; then an
# apostrophe joins two words only between two word characters, and ``split`` finds the words.
# The same words as ``_WORD`` (whose word characters in ASCII are exactly these), 3-4x faster.
_ASCII_WORDS = bytes(
    ord(char.lower()) if char.isalnum() or char in "_'\n" else ord(" ")
    for char in map(chr, range(128))
) + bytes(range(128, 256))  # the bytes of other characters in UTF-8 stay as they are
# Punctuation common in English text besides ASCII (quotes, dashes, bullets, no-break space),
# none of it part of a word.
_SEPARATORS = "\u201c\u201d\u2014\u2013\u2018\u2026\u2022\u00a0\u00ab\u00bb\u00b7\u2010\u2011"
_LOOSE_APOSTROPHE = re.compile(r"'(?:(?<![0-9a-z_]')|(?![0-9a-z_]))")

# language -> (extra, module) for the languages whose words need a segmenter.
EXTRAS = {"chinese": ("chinese", "rjieba"), "japanese": ("japanese", "tinysegmenter")}


class MissingExtraError(UsageError):
    """The language needs an optional dependency that is not installed."""


def tokenize(text: str, language: str = "english") -> list[str]:
    """Lower-cased word tokens of a sentence (letters and digits; punctuation dropped)."""
    if language in EXTRAS:
        return [w for w in _segmenter(language)(text.lower()) if _CJK_WORD.search(w)]
    if text.isascii():
        return _ascii_words(text).split()
    return _WORD.findall(text.lower())


def tokenize_lines(lines: Sequence[str], language: str = "english") -> list[list[str]]:
    """``tokenize`` of each of ``lines`` (texts without line breaks), in fewer, larger steps.

    Text that is not all ASCII has its commonest punctuation made spaces, and its ASCII
    characters other than word characters and apostrophes made spaces (and the rest lower-cased)
    in its UTF-8 bytes; a line that is ASCII then is as above, the others are lower-cased, and
    one whose words are all letters and digits is split at spaces; only the others
    (apostrophes, marks, other symbols) are read by the regular expression. None of that moves
    a word boundary.
    """
    joined = "\n".join(lines)
    if language in EXTRAS or joined.count("\n") >= len(lines):
        return [tokenize(line, language) for line in lines]
    if joined.isascii():
        return [line.split() for line in _ascii_words(joined).split("\n")]
    # The translation lower-cases ASCII, so only the lines left with other characters need
    # ``lower`` (in a book with curly quotes, a third of them): the same words, but for a capital
    # sigma, whose small form depends on the punctuation after it, which the translation removes.
    late = "\u03a3" not in joined
    lowered = joined if late else joined.lower()
    for char in _SEPARATORS:
        if char in lowered:
            lowered = lowered.replace(char, " ")
    spaced = (
        lowered.encode("utf-8", "surrogatepass")
        .translate(_ASCII_WORDS, b"")
        .decode("utf-8", "surrogatepass")
    )
    if late:
        return [
            _line_words(line if line.isascii() else line.lower()) for line in spaced.split("\n")
        ]
    return list(map(_line_words, spaced.split("\n")))


def _line_words(line: str) -> list[str]:
    """The words of a line whose ASCII has been through ``_ASCII_WORDS``."""
    if line.isascii():
        return _LOOSE_APOSTROPHE.sub(" ", line).split() if "'" in line else line.split()
    words = line.split()
    return words if "".join(words).isalnum() else _WORD.findall(line)


def _ascii_words(text: str) -> str:
    """ASCII ``text`` lower-cased, with a space for everything between its words."""
    words = text.encode("ascii").translate(_ASCII_WORDS).decode("ascii")
    return _LOOSE_APOSTROPHE.sub(" ", words) if "'" in words else words


@cache
def _segmenter(language: str) -> Callable[[str], Iterable[str]]:
    """The word segmenter of a language written without spaces."""
    extra, _ = EXTRAS[language]
    try:
        if language == "chinese":
            # jieba's dictionary and algorithm, compiled: loads in a blink
            import rjieba  # type: ignore[import-not-found,import-untyped,unused-ignore]

            cut: Callable[[str], Iterable[str]] = rjieba.cut
            return cut
        import tinysegmenter  # type: ignore[import-not-found,import-untyped,unused-ignore]

        segment: Callable[[str], Iterable[str]] = tinysegmenter.TinySegmenter().tokenize
        return segment
    except ImportError:
        warnings.warn(
            f"{language.capitalize()} words are found better with the '{extra}' extra "
            f"(pip install 'summarize[{extra}]'); using pairs of characters instead",
            UserWarning,
            stacklevel=2,
        )
        return _character_pairs


# A run of Han, kana or Hangul characters (group 1), or another word: Latin letters, digits.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"


@cache
def _cjk_run() -> re.Pattern[str]:
    """Compiled on first use: its character classes take 5-6 ms to compile, at every start."""
    return re.compile(rf"([{_CJK}]+)|[^\W{_CJK}]+")


def _character_pairs(text: str) -> list[str]:
    """Overlapping character pairs of each CJK run (a lone character alone), other words whole.

    Pairs are the classic stand-in for words in Chinese and Japanese retrieval: most words are
    one or two characters long, so sentences that share words share pairs.
    """
    terms: list[str] = []
    for found in _cjk_run().finditer(text):
        run = found.group()
        if found.group(1) is not None and len(run) > 1:
            terms.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            terms.append(run)
    return terms


def check_language_support(language: str) -> None:
    """Load the segmenter of ``language`` now, so that a missing extra warns before any work."""
    if language in EXTRAS:
        _segmenter(language)


_COMMENT_LINE = re.compile(r"^#.*$", re.MULTILINE)


@cache
def stop_words(language: str) -> frozenset[str]:
    """Our stop-word list for ``language`` (package data); empty for a language without one."""
    if not language.isalpha():
        return frozenset()
    try:
        data = _stopwords_folder() / f"{language}.txt"
        text = data.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    # One pass each to drop the comment lines, lower-case and split the whole list: detection
    # loads a list per language of a script on its first call, and one text pays for that.
    return frozenset(_COMMENT_LINE.sub("", text).lower().split())


@cache
def _stopwords_folder() -> Traversable:
    return resources.files("summarize.text") / "stopwords"


@cache
def stemmer(language: str) -> Callable[[str], str] | None:
    """The Snowball stemmer of ``language``, or None for a language Snowball has none for."""
    try:
        # PyStemmer: the same algorithms, compiled
        import Stemmer  # type: ignore[import-not-found,import-untyped,unused-ignore]

        if language in Stemmer.algorithms():
            # Without PyStemmer's own cache (``maxCacheSize`` 0): the term cache below holds
            # every stem already, and PyStemmer's made each new word cost 3.5 us instead of 1.2.
            stem: Callable[[str], str] = Stemmer.Stemmer(language, 0).stemWord
            return stem
    except ImportError:
        pass
    import snowballstemmer

    if language not in snowballstemmer.algorithms():
        return None
    stem = snowballstemmer.stemmer(language).stemWord
    return stem


# Distinct tokens a language's term cache holds before it starts afresh: tens of megabytes at
# most, and far more than a book's vocabulary (War and Peace has about 20,000).
TERM_CACHE_SIZE = 200_000


class _Terms(dict[str, str]):
    """token -> term ("" for a stop word or a number), filled on first sight of each token."""

    def __init__(self, stop: frozenset[str], stem: Callable[[str], str] | None) -> None:
        super().__init__()
        self.stop = stop
        self.stem = stem

    def __missing__(self, token: str) -> str:
        if token in self.stop or token.isdigit():
            term = ""
        else:
            term = self.stem(token) if self.stem is not None else token
        if len(self) >= TERM_CACHE_SIZE:
            self.clear()
        self[token] = term
        return term


@cache
def _term_cache(language: str) -> _Terms:
    """One cache of terms per language, shared by every document of a process: most words of
    an article were seen in the articles before it, and stemming them again took a third of
    the time of segmenting a news article."""
    return _Terms(stop_words(language), stemmer(language))


class WordNormalizer:
    """Turns tokens into the terms the backends compare: stemmed, stop words removed.

    Terms are cached per token and language, so a whole book, or a batch of articles, costs
    one stemming call per distinct word.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.stop_words = stop_words(language)
        self._terms = _term_cache(language)

    def stem(self, token: str) -> str:
        """The stem of one lower-cased token."""
        stem = self._terms.stem
        return stem(token) if stem is not None else token

    def is_stop_word(self, token: str) -> bool:
        """Whether a lower-cased token is a stop word of the language."""
        return token in self.stop_words

    def terms(self, tokens: Iterable[str]) -> tuple[str, ...]:
        """Stemmed content words of a sentence: stop words and pure numbers are dropped."""
        return tuple(filter(None, map(self._terms.__getitem__, tokens)))

    def terms_of_each(self, sentences: Iterable[Iterable[str]]) -> list[tuple[str, ...]]:
        """:meth:`terms` of each sentence's tokens, with no call of Python code per sentence
        (maps of maps, all run by the interpreter's own loops)."""
        lookup = repeat(self._terms.__getitem__)
        return list(map(tuple, map(filter, repeat(None), map(map, lookup, sentences))))
