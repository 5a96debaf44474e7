# ruff: noqa: RUF001 (the texts use their own punctuation)
"""sumy's methods split words as ours do, in the document's language, and stem every language.

Luhn, KL and SumBasic count words: given a Chinese sentence split at spaces they saw one word
per clause. The texts are written for this test.
"""

from __future__ import annotations

import pytest

from summarize.backends.sumy_adapter import OfflineTokenizer, _stemmer
from summarize.backends.sumy_backends import SumyLuhn, SumySumBasic
from summarize.text.segment import segment
from summarize.text.words import tokenize

CHINESE = (
    "新图书馆位于城市东部，可以容纳一百万册图书。"
    "市长说，新图书馆将成为市民学习的中心。"
    "许多市民对新图书馆表示欢迎。"
    "也有人担心建设费用太高。"
)


def test_the_tokenizer_splits_words_in_the_documents_language() -> None:
    pytest.importorskip("rjieba")
    sentence = "新图书馆位于城市东部，可以容纳一百万册图书。"
    words = OfflineTokenizer("chinese").to_words(sentence)
    assert words == tuple(tokenize(sentence, "chinese"))
    assert len(words) >= 8  # words, not the two clauses
    assert "图书馆" in words
    english = OfflineTokenizer("english").to_words("The boy's dogs ran.")
    assert english == ("the", "boy's", "dogs", "ran")


@pytest.mark.slow
@pytest.mark.parametrize("backend", [SumyLuhn(), SumySumBasic()], ids=lambda b: b.name)
def test_word_counting_methods_see_chinese_words(backend: SumyLuhn | SumySumBasic) -> None:
    pytest.importorskip("rjieba")
    document = segment(CHINESE, "chinese")
    scores = backend.rank(document)
    assert len(scores) == len(document) == 4
    # the three sentences about the library share the word 图书馆; with clause-sized words
    # no word repeats and every sentence scored alike
    assert len(set(scores)) > 1
    assert max(range(4), key=scores.__getitem__) != 3


@pytest.mark.parametrize(
    ("language", "word", "stem"),
    [("esperanto", "lernejoj", "lernej"), ("lithuanian", "mokyklos", "mokykl")],
)
def test_languages_without_a_sumy_stemmer_get_snowballs(
    language: str, word: str, stem: str
) -> None:
    assert _stemmer(language)(word) == stem


def test_a_language_snowball_lacks_is_not_stemmed() -> None:
    assert _stemmer("thai")("โรงเรียน") == "โรงเรียน"
