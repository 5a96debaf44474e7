"""The fast paths give exactly what the plain forms give: the same words, the same scores.

Words: ``tokenize`` and ``tokenize_lines`` against the regular expression they replace, on
seeded random strings of the characters that word boundaries, apostrophes and lower-casing treat
specially. Scores: the TextRank and LexRank iterations in preallocated arrays against the same
power iteration written with ``TermMatrix.times``, compared with ``==`` (no tolerance).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import pytest

from summarize.backends import iteration
from summarize.backends.graph import (
    TermMatrix,
    collapse,
    distinct_term_matrix,
    expand,
    same_terms,
    term_matrix,
)
from summarize.backends.iteration import iterate, iterate_in_blocks
from summarize.backends.lexrank import LexRank, unit_tfidf
from summarize.backends.textrank import TextRank
from summarize.document import Document, Sentence
from summarize.text.segment import segment
from summarize.text.words import _SEPARATORS, _WORD, tokenize, tokenize_lines

# Word characters, apostrophes, punctuation, ASCII controls, non-ASCII letters and marks,
# letters whose lower case is longer (İ) or depends on context (Σ), a lone surrogate.
_CHARACTERS = (
    "aZ_9 '.,-\x1c\x0b\x7f\x00\u00e9\u2019\u2018\u201c\u201d\u2014\u0301\u05b7"
    "\u0130\u03a3\u03c3\u2028\x85\u00a0\ud800\u212a\u00bd\u2460\u0664" + _SEPARATORS
)

TEXT = """The river rose overnight. Officials said the bridge would stay closed until Friday.

"We can't risk it," the mayor said. Engineers will inspect the bridge's supports on Thursday.
Residents were told to use the ferry. The ferry runs every hour.

The river rose overnight. Rain is expected again on Saturday, forecasters said.
"""


def _reference_words(text: str) -> list[str]:
    return list(_WORD.findall(text.lower()))


def test_words_of_random_strings_match_the_regular_expression() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        lines = [
            "".join(rng.choice(_CHARACTERS) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(0, 5))
        ]
        assert tokenize_lines(lines) == [_reference_words(line) for line in lines]
        for line in lines:
            assert tokenize(line) == _reference_words(line)


def test_words_of_ascii_text_keep_inner_apostrophes_only() -> None:
    text = "'Tis O'Neil's rock'n'roll, the boys' room, a''b and snake_case 3.5"
    assert tokenize(text) == _reference_words(text)
    assert tokenize(text) == [
        "tis",
        "o'neil's",
        "rock'n'roll",
        "the",
        "boys",
        "room",
        "a",
        "b",
        "and",
        "snake_case",
        "3",
        "5",
    ]


def test_lines_with_line_breaks_are_read_one_by_one() -> None:
    assert tokenize_lines(["one\ntwo", "three"]) == [["one", "two"], ["three"]]
    assert tokenize_lines([]) == []


def _plain_textrank(document: Document, max_iter: int = 500) -> list[float]:
    textrank = TextRank()
    matrix, inverse = distinct_term_matrix(document)
    product, transposed = textrank._bm25_products(matrix)
    strength = product(np.ones(matrix.n))
    share = np.divide(1.0, strength, out=np.zeros_like(strength), where=strength > 1e-9)

    def step(scores: np.ndarray) -> np.ndarray:
        return (1.0 - 0.85) + 0.85 * transposed(scores * share)

    return expand(iterate(step, np.ones(matrix.n), 1e-8, max_iter), inverse)


def _plain_lexrank_centrality(document: Document) -> list[float]:
    matrix, inverse = distinct_term_matrix(document)
    values = unit_tfidf(matrix)

    def product(q: np.ndarray) -> np.ndarray:
        return matrix.times(values, matrix.t_times(values, q))

    degree = product(np.ones(matrix.n))
    dangling = degree <= 0
    share = np.divide(1.0, degree, out=np.zeros_like(degree), where=~dangling)

    def step(scaled: np.ndarray) -> np.ndarray:
        jump = (1.0 - 0.85) + 0.85 * float(scaled[dangling].sum()) / matrix.n
        return jump + 0.85 * product(scaled * share)

    return expand(iterate(step, np.ones(matrix.n), 1e-8, 500), inverse)


def _documents() -> list[Document]:
    rng = random.Random(11)
    words = TEXT.split()
    shuffled = [" ".join(rng.sample(words, len(words))) + "." for _ in range(5)]
    return [segment(TEXT), segment(TEXT.split("\n\n")[0]), *map(segment, shuffled)]


@pytest.mark.parametrize("number", range(7))
def test_textrank_iteration_is_the_plain_power_iteration(number: int) -> None:
    document = _documents()[number]
    assert TextRank().rank(document) == _plain_textrank(document)


@pytest.mark.parametrize("number", range(7))
def test_lexrank_walk_is_the_plain_power_iteration(number: int) -> None:
    document = _documents()[number]
    assert LexRank(opening=0).rank(document) == _plain_lexrank_centrality(document)


def _linear_step(rng: np.random.Generator, n: int, radius: float) -> tuple[object, object]:
    """x -> c + M x with M of about ``radius``, signs mixed (so that moves can oscillate), in
    both of the iterations' forms."""
    matrix = rng.standard_normal((n, n))
    matrix *= radius / max(abs(np.linalg.eigvals(matrix)).max(initial=0.0), 1e-12)
    offset = rng.standard_normal(n)

    def plain(x: np.ndarray) -> np.ndarray:
        result: np.ndarray = offset + matrix @ x
        return result

    def into(x: np.ndarray, out: np.ndarray) -> None:
        np.add(offset, matrix @ x, out)

    return plain, into


@pytest.mark.parametrize("radius", [0.05, 0.5, 0.85, 0.97, 0.995, 1.0, 1.3])
@pytest.mark.parametrize("max_iter", [0, 1, 2, 15, 16, 17, 80, 500])
@pytest.mark.parametrize("tol", [1e-8, 0.0])
def test_iteration_in_blocks_is_the_plain_iteration(
    radius: float, max_iter: int, tol: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same scores, bit for bit, and so the same step: contracting fast, slowly (several
    blocks of 64), not at all, or cut short by ``max_iter`` inside a block or at its end; and
    with blocks of 2 steps, as a long text's scores are held in."""
    rng = np.random.default_rng(int(radius * 1000) + max_iter)
    for held in (iteration._BLOCK_SCORES, 100):
        monkeypatch.setattr(iteration, "_BLOCK_SCORES", held)
        for n in (0, 1, 3, 40):
            plain, into = _linear_step(rng, n, radius)
            start = rng.standard_normal(n)
            expected = iterate(plain, start, tol, max_iter)  # type: ignore[arg-type]
            got = iterate_in_blocks(into, start, tol, max_iter)  # type: ignore[arg-type]
            assert got.tobytes() == expected.tobytes()


def test_the_guessed_block_length_follows_the_rate_of_fall() -> None:
    """Moves halving each step need 9 more to fall from 0.5 below 1e-3; a rate of fall that
    rounds to 1 over four steps gives no length from its logarithm (0), so the longest block
    is taken; moves that do not fall give 8."""
    assert iteration._steps_to_calm([1.0, 0.5], 1e-3) == 9
    slow = [1.0, 1.0, 1.0, 1.0, 1.0 - 2**-53]  # the float just below 1
    assert iteration._steps_to_calm(slow, 1e-8) == iteration._LONGEST_BLOCK
    assert iteration._steps_to_calm([0.5, 0.5], 1e-8) == 8
    assert iteration._steps_to_calm([0.5], 1e-8) == 8


def _nan_at_the_third_step() -> Callable[[np.ndarray], np.ndarray]:
    """x -> x / 2, but for a third step that is all NaN (and read as 1 by the next)."""
    taken = [0]

    def step(x: np.ndarray) -> np.ndarray:
        taken[0] += 1
        return np.full_like(x, np.nan) if taken[0] == 3 else 0.5 * np.nan_to_num(x, nan=1.0)

    return step


def test_iteration_in_blocks_goes_on_past_a_step_that_is_not_a_number() -> None:
    """A move that is NaN is not calm, as in the plain iteration's test."""
    expected = iterate(_nan_at_the_third_step(), np.ones(2), 1e-8, 500)
    blocked = _nan_at_the_third_step()

    def into(x: np.ndarray, out: np.ndarray) -> None:
        out[:] = blocked(x)

    assert not np.isnan(expected).any()
    assert iterate_in_blocks(into, np.ones(2), 1e-8, 500).tobytes() == expected.tobytes()


@pytest.mark.parametrize("max_iter", [1, 5, 16, 33])
def test_textrank_cut_short_is_the_plain_iteration_cut_short(max_iter: int) -> None:
    document = _documents()[0]
    assert TextRank(max_iter=max_iter).rank(document) == _plain_textrank(document, max_iter)


def test_sentences_without_terms_keep_one_minus_damping() -> None:
    document = segment("The. And. Of it.")
    assert all(not s.terms for s in document.sentences)
    assert TextRank().rank(document) == [pytest.approx(0.15)] * len(document.sentences)
    assert TextRank().rank(document) == _plain_textrank(document)


def test_term_matrix_counts_each_term_of_each_row_in_order_of_first_appearance() -> None:
    matrix = term_matrix([("b", "a", "b"), (), ("c", "a")])
    assert isinstance(matrix, TermMatrix)
    assert (matrix.n, matrix.v) == (3, 3)
    assert matrix.rows.tolist() == [0, 0, 2, 2]
    assert matrix.cols.tolist() == [0, 1, 1, 2]  # b=0, a=1, c=2
    assert matrix.counts.tolist() == [2.0, 1.0, 1.0, 1.0]


def test_collapse_numbers_nodes_by_first_occurrence() -> None:
    terms = [("x", "y"), ("z",), ("y", "x"), ("z",), ()]
    document = Document(
        "", tuple(Sentence(i, "s", 0, 1, terms=t) for i, t in enumerate(terms)), "english"
    )
    rows, inverse = collapse(document, same_terms)
    assert rows == [("x", "y"), ("z",), ()]
    assert inverse == [0, 1, 0, 1, 2]
