# ruff: noqa: RUF001 (the texts use their own punctuation)
"""Chinese and Japanese without their extras: pairs of characters stand in for words.

The test extras install rjieba and tinysegmenter, so a missing one is simulated by making its
import fail (``sys.modules[name] = None``), with the segmenter cache cleared around each test.
The texts are written for this test.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from summarize.pipeline import summarize
from summarize.text import words
from summarize.text.segment import segment
from summarize.text.words import EXTRAS, tokenize

CHINESE = """\
今天上午，市政府宣布将在明年春天开始建设一座新的图书馆。

新图书馆位于城市东部，面积约为两万平方米，可以容纳一百万册图书。市长说，这座图书馆将成为市民学习和交流的中心。

许多市民对这个消息表示欢迎。一位老师说，孩子们终于有了一个安静的地方读书。也有人担心建设费用太高。

市政府表示，图书馆预计在三年内完工，建设资金主要来自市财政。
"""

JAPANESE = """\
今朝、市役所は来年の春に新しい図書館の建設を始めると発表しました。

新しい図書館は町の東側にあり、百万冊の本を収めることができます。市長は、図書館が市民の学びの場になると話しました。

多くの市民がこの知らせを歓迎しました。ある先生は、子どもたちが静かに本を読める場所ができると言いました。
"""

TEXTS = {"chinese": CHINESE, "japanese": JAPANESE}


@pytest.fixture
def without_extras(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``import rjieba`` and ``import tinysegmenter`` fail, as on a plain install."""
    words._segmenter.cache_clear()
    for _, module in EXTRAS.values():
        monkeypatch.setitem(sys.modules, module, None)
    yield
    words._segmenter.cache_clear()


@pytest.mark.parametrize("language", sorted(EXTRAS))
def test_missing_extra_warns_once_and_names_the_extra(language: str, without_extras: None) -> None:
    extra = EXTRAS[language][0]
    with pytest.warns(UserWarning, match=rf"pip install 'summarize\[{extra}\]'") as caught:
        segment(TEXTS[language], language)
        segment(TEXTS[language], language)
    assert len([w for w in caught if issubclass(w.category, UserWarning)]) == 1
    message = str(caught[0].message)
    assert "\n" not in message
    assert "pairs of characters" in message


@pytest.mark.parametrize("language", sorted(EXTRAS))
def test_words_become_overlapping_character_pairs(language: str, without_extras: None) -> None:
    with pytest.warns(UserWarning):
        tokens = tokenize("图书馆很大。", language)
    assert tokens == ["图书", "书馆", "馆很", "很大"]
    # a run of CJK characters gives its pairs, Latin words and numbers stay whole
    pairs = ["新し", "しい", "pdf", "を", "2", "つ読", "読む"]
    assert tokenize("新しいPDFを2つ読む", language) == pairs
    assert tokenize("书", language) == ["书"]  # a lone character is its own term


@pytest.mark.parametrize("language", sorted(EXTRAS))
def test_summarises_without_the_extra(language: str, without_extras: None) -> None:
    with pytest.warns(UserWarning):
        summary = summarize(TEXTS[language], sentences=2, language=language)
    assert summary.language == language
    assert len(summary.sentences) == 2
    document = segment(TEXTS[language], language)
    assert {s.text for s in summary.sentences} <= {s.text for s in document.sentences}
    # the pairs are shared between sentences about the same thing: terms link them
    term_sets = [set(s.terms) for s in document.sentences]
    assert any(a & b for i, a in enumerate(term_sets) for b in term_sets[i + 1 :])


def test_auto_detects_chinese_and_summarises_without_the_extra(without_extras: None) -> None:
    with pytest.warns(UserWarning, match="chinese"):
        summary = summarize(CHINESE, sentences=1, language="auto")
    assert summary.language == "chinese"
    assert "图书馆" in summary.sentences[0].text


def test_with_the_extra_words_are_not_pairs() -> None:
    pytest.importorskip("rjieba")
    words._segmenter.cache_clear()
    try:
        tokens = tokenize("新图书馆位于城市东部", "chinese")
    finally:
        words._segmenter.cache_clear()
    assert "图书馆" in tokens  # a three-character word, which pairs never give
