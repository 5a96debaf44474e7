"""Words: tokens, terms, stems and stop words."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from summarize.text import words
from summarize.text.words import WordNormalizer, stemmer, stop_words, tokenize


def test_tokens_are_lower_cased_words_without_punctuation() -> None:
    assert tokenize("Hello, World! It's 3.5% of $12.") == [
        "hello",
        "world",
        "it's",
        "3",
        "5",
        "of",
        "12",
    ]


def test_curly_apostrophes_stay_inside_words() -> None:
    assert tokenize("Don\u2019t stop") == ["don\u2019t", "stop"]


def test_combining_marks_stay_inside_words() -> None:
    assert tokenize("cafe\u0301 au lait") == ["cafe\u0301", "au", "lait"]  # decomposed é
    assert tokenize(
        "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd \u05e2\u05d5\u05b9\u05dc\u05b8\u05dd"
    ) == [
        "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd",
        "\u05e2\u05d5\u05b9\u05dc\u05b8\u05dd",
    ]  # Hebrew with points


def test_terms_drop_stop_words_and_numbers_and_stem_the_rest() -> None:
    normalizer = WordNormalizer("english")
    assert normalizer.terms(["the", "running", "dogs", "in", "1812"]) == ("run", "dog")
    assert normalizer.is_stop_word("the")
    assert not normalizer.is_stop_word("dog")
    assert normalizer.stem("cities") == "citi"


def test_terms_are_cached_per_token_and_shared_by_normalizers_of_a_language() -> None:
    normalizer = WordNormalizer("english")
    normalizer.terms(["running", "running", "the"])
    assert normalizer._terms["running"] == "run"
    assert normalizer._terms["the"] == ""  # a stop word: no term
    assert WordNormalizer("english")._terms is normalizer._terms
    assert WordNormalizer("german")._terms is not normalizer._terms


def test_the_term_cache_starts_afresh_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(words, "TERM_CACHE_SIZE", 3)
    terms = WordNormalizer("english")._terms
    terms.clear()
    assert WordNormalizer("english").terms(["dogs", "cats", "birds", "running"]) == (
        "dog",
        "cat",
        "bird",
        "run",
    )
    assert dict(terms) == {"running": "run"}  # cleared on the fourth new word
    terms.clear()


def test_language_without_a_stemmer_keeps_words_as_they_are() -> None:
    assert stemmer("hebrew") is None
    assert WordNormalizer("hebrew").terms(["\u05e1\u05e4\u05e8\u05d9\u05dd"]) == (
        "\u05e1\u05e4\u05e8\u05d9\u05dd",
    )


def test_pure_python_stemmers_when_pystemmer_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    stemmer.cache_clear()
    monkeypatch.setitem(sys.modules, "Stemmer", None)
    try:
        stem = stemmer("english")
        assert stem is not None
        assert stem("running") == "run"
    finally:
        stemmer.cache_clear()


def test_compiled_stemmers_give_the_pure_python_stems() -> None:
    """The compiled stemmers run without their own cache: every stem, asked for twice, is still
    the one the pure-Python Snowball stemmer gives."""
    import snowballstemmer

    samples = Path(__file__).resolve().parents[1] / "samples"
    vocabulary = {word for path in samples.glob("*.txt") for word in tokenize(path.read_text())}
    checked = 0
    for language in ("english", "german", "french", "russian", "spanish", "finnish"):
        stem = stemmer(language)
        assert stem is not None
        reference = snowballstemmer.stemmer(language).stemWord
        for word in sorted(vocabulary | stop_words(language)):
            assert stem(word) == stem(word) == reference(word), (language, word)
            checked += 1
    assert checked > 2_000


def test_stop_words_of_an_unknown_list_are_empty() -> None:
    assert stop_words("klingon") == frozenset()
    assert "the" in stop_words("english")


def test_segmenters_are_loaded_once() -> None:
    assert words._segmenter.cache_info().maxsize is None
