"""The ranking read lazily is the plain ranking: every sentence keyed and rounded, then sorted."""

from __future__ import annotations

import math
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import ranking
from summarize.document import Document
from summarize.pipeline import summarize_document
from summarize.ranking import best_first, rounded
from summarize.selection import Length, select
from summarize.text.segment import segment

# Letters in both cases, case-folding oddities (one letter to two, a sign that folds to ASCII),
# the white space str.split knows and NUL.
_CHARS = st.sampled_from(list("aAbB .\n\t\x00\u00a0\u3000ßSsİiKk\u212aﬁ"))
# Scores that tie, that tie only once rounded to 12 digits, and that are not finite.
_SCORES = st.sampled_from(
    [0.0, -0.0, 1.0, 0.5, 0.5 + 1e-15, 0.5 - 1e-15, 2.0, 1e-300, math.nan, math.inf, -math.inf]
)


# Every text read sentence by sentence as a long one is (0), and every one keyed at once (a
# threshold above any text's length).
_BOTH_WAYS = (0, 10**9)


def _plain(texts: list[str], scores: list[float]) -> list[tuple[int, float]]:
    first: dict[str, int] = {}
    for index, text in enumerate(texts):
        first.setdefault(" ".join(text.casefold().split()), index)
    kept = [(index, rounded(scores[index])) for index in first.values()]
    return sorted(kept, key=lambda pair: (-pair[1], pair[0]))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet=_CHARS, max_size=8), _SCORES), min_size=0, max_size=25))
def test_best_first_is_the_plain_ranking(pairs: list[tuple[str, float]]) -> None:
    texts = [text for text, _ in pairs]
    scores = [score for _, score in pairs]
    for few in _BOTH_WAYS:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ranking, "_FEW_SENTENCES", few)
            assert list(best_first(texts, scores)) == _plain(texts, scores)


# Words whose case-folded forms meet although their lengths differ, or come from non-ASCII.
_WORDS = st.sampled_from(
    ["Yes.", "YES.", "ss", "SS", "ß", "ﬁ", "FI", "k", "\u212a", "İ", "i\u0307"]
)
# Space-normalised texts (the segmenter's sentences): the words joined by single spaces.
_NORMAL_TEXTS = st.lists(_WORDS, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_NORMAL_TEXTS, _SCORES), min_size=1, max_size=30), st.integers(1, 5))
def test_reading_part_of_the_ranking_gives_its_top(
    pairs: list[tuple[str, float]], count: int
) -> None:
    """Copies among space-normalised texts: the top read alone is the plain top."""
    texts = [text for text, _ in pairs]
    scores = [score for _, score in pairs]
    for few in _BOTH_WAYS:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(ranking, "_FEW_SENTENCES", few)
            top = []
            for ranked in best_first(texts, scores):
                top.append(ranked)
                if len(top) == count:
                    break
            assert top == _plain(texts, scores)[:count]


def test_case_folding_keeps_the_number_of_words() -> None:
    """What the grouping by word count stands on: a character folds to at least one character,
    white space to itself, and nothing else to white space."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        assert folded, hex(code)
        if char.isspace():
            assert folded == char, hex(code)
        else:
            assert not any(map(str.isspace, folded)), hex(code)


def _document(texts: list[str]) -> Document:
    return segment(" ".join(texts), "english")


def test_select_reads_only_what_the_length_needs() -> None:
    document = _document(["One cat sat.", "Two dogs ran.", "Three birds sang.", "Four fish swam."])
    read: list[int] = []

    def ranked() -> object:
        for index in (2, 0, 3, 1):
            read.append(index)
            yield index, 1.0 / (1 + len(read))

    chosen = select(document, ranked(), Length("sentences", 2))  # type: ignore[arg-type]
    assert [(c.rank, c.index) for c in chosen] == [(1, 2), (2, 0)]
    assert read == [2, 0]


def test_a_words_budget_skips_a_sentence_that_does_not_fit_and_goes_on() -> None:
    document = _document(["A very long sentence with many words in it.", "Short one.", "Tiny."])
    ranked = [(0, 3.0), (1, 2.0), (2, 1.0)]
    chosen = select(document, ranked, Length("words", 3))
    assert [(c.rank, c.index, c.score) for c in chosen] == [(2, 1, 2.0), (3, 2, 1.0)]


class _Fixed:
    """A backend that gives the scores it was made with."""

    name = "fixed"
    description = "fixed scores"

    def __init__(self, scores: list[float]) -> None:
        self.scores = scores

    def rank(self, document: Document) -> list[float]:
        return self.scores


def test_the_summary_keeps_the_first_copy_with_its_own_rank_and_rounded_score() -> None:
    document = _document(["The bridge opened.", "Rain fell all day.", "THE BRIDGE OPENED."])
    backend = _Fixed([0.2, 0.1 + 1e-16, 0.9])  # the copy scores best, but only the first counts
    summary = summarize_document(document, backend, Length("sentences", 2))
    assert [(s.index, s.rank, s.score) for s in summary.sentences] == [(0, 1, 0.2), (1, 2, 0.1)]
    assert summary.sentences[1].score == 0.1
