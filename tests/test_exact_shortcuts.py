"""The shortcuts of the per-document path give exactly what the plain forms give."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.backends import graph
from summarize.backends.graph import collapse, same_term_nodes, same_terms, term_matrix
from summarize.document import Document, Sentence
from summarize.ranking import duplicate_key, duplicate_keys
from summarize.text import detect, masking, scripts
from summarize.text.display import _OTHER_WHITE_SPACE, display_texts, single_spaced
from summarize.text.masking import pairs_nothing
from summarize.text.segment import Span, freeze_documents, segment

# Letters, the white space str.split knows (including non-ASCII), NUL and case-folding oddities.
_CHARS = st.sampled_from(list("aB .\n\t\r\x00\x85\u00a0\u2028\u3000ßİﬁΣς"))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=_CHARS, max_size=12), max_size=6))
def test_duplicate_keys_are_the_plain_keys(texts: list[str]) -> None:
    assert duplicate_keys(texts) == [duplicate_key(text) for text in texts]


def test_duplicate_keys_of_normal_sentences_take_the_one_step_path() -> None:
    assert duplicate_keys(["The Cat sat.", "STRASSE und Straße"]) == [
        "the cat sat.",
        "strasse und strasse",
    ]


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=_CHARS, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_display_texts_are_the_plain_display_texts(
    text: str, bounds: list[tuple[int, int]]
) -> None:
    spans = [Span(start, end, 0) for start, end in bounds]
    expected = [" ".join(text[start:end].split()) for start, end in bounds]
    assert display_texts(text, spans) == expected


def test_the_white_space_looked_for_is_all_of_pythons_but_the_space() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(_OTHER_WHITE_SPACE) == every - {" "}
    assert len(_OTHER_WHITE_SPACE) == len(every) - 1


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet=_CHARS, max_size=12), max_size=6))
def test_single_spaced_is_the_plain_check(texts: list[str]) -> None:
    joined = "\x00".join(texts)
    plain = all(text == " ".join(text.split()) for text in joined.split("\x00"))
    assert single_spaced(joined) == plain


# Sentences that repeat, in another order of the same words, and empty ones.
_SENTENCES = st.sampled_from(
    ["Yes.", "No.", "The cat sat.", "Sat the cat.", "The cat sat the cat.", "Run.", "", "a b."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_SENTENCES, min_size=1, max_size=30))
def test_first_rows_are_the_term_matrix_of_the_distinct_sentences(picked: list[str]) -> None:
    document = segment(" ".join(picked))
    if not document.sentences:
        return
    distinct, inverse = collapse(document, same_terms)
    full = term_matrix([sentence.terms for sentence in document.sentences])
    got, expected = full.first_rows(inverse), term_matrix(distinct)
    assert (got.n, got.v) == (expected.n, expected.v)
    for mine, theirs in ((got.rows, expected.rows), (got.cols, expected.cols)):
        assert mine.dtype == theirs.dtype and mine.tolist() == theirs.tolist()
    assert got.counts.tolist() == expected.counts.tolist()


def _plain_detection(text: str) -> str:
    """Detection as it was: every word's votes added in the text's order."""
    sample = text[: detect.SAMPLE]
    script = scripts.text_script(sample)
    if script is None:
        return detect.DEFAULT
    languages = scripts.SCRIPT_LANGUAGES[script]
    if len(languages) == 1:
        return languages[0]
    lowered = sample.lower()
    return detect._language_in_order(lowered, detect.tokenize(lowered), languages, script)


@pytest.mark.parametrize(
    "text",
    [
        "the cat and the dog",
        "y los perros",
        "og det er",  # Danish and Norwegian share these: a tie
        "de la en",
        "Straße über alles und",
        "   1234 5678  ",
        "",
        "Это был он и она",
        "Ἀθῆναι καὶ",
    ],
)
def test_detection_is_the_plain_vote(text: str) -> None:
    assert detect.detect_language(text) == _plain_detection(text)


# Words that vote for several Latin-script languages, for one alone, or for none, numbers that do
# not vote, and letters of one language or a few.
_VOTING_TEXT = (
    "the a de la en og det er y los und die il che est pas и 2024 42nd hus ikke "
    "sa ako sú že jsou není että ja ning või não com els amb être ß ü å ñ ç"
)
_VOTING_WORDS = st.sampled_from(_VOTING_TEXT.split())


@settings(max_examples=400, deadline=None)
@given(st.lists(_VOTING_WORDS, max_size=40).map(" ".join))
def test_detection_by_patterns_of_votes_is_the_plain_vote(text: str) -> None:
    assert detect.detect_language(text) == _plain_detection(text)


def test_threads_detecting_at_once_number_each_pattern_once() -> None:
    """Words first seen by several threads at once: every pattern has one number, and every
    word the number of its own votes."""
    from concurrent.futures import ThreadPoolExecutor

    words = _VOTING_TEXT.split()
    texts = [" ".join(words[i:] + words[:i]) for i in range(len(words))]
    detect._vote_patterns.cache_clear()
    try:
        with ThreadPoolExecutor(8) as pool:
            found = list(pool.map(detect.detect_language, texts * 4, timeout=60))
        patterns = detect._vote_patterns("latin")
        table = detect._word_votes("latin")
        assert len(patterns.votes) == len(set(patterns.votes))
        for word, number in patterns.items():
            assert patterns.votes[number] == tuple(table[word].items())
        assert found == [_plain_detection(text) for text in texts * 4]
    finally:
        detect._vote_patterns.cache_clear()


def test_a_near_tie_is_counted_again_in_order() -> None:
    counted: list[str] = []
    original = detect._language_in_order

    def spy(*args: object) -> str:
        counted.append("again")
        return original(*args)  # type: ignore[arg-type]

    detect._language_in_order = spy  # type: ignore[assignment]
    try:
        detect.detect_language("og")  # a word that only Danish and Norwegian share
        detect.detect_language("the and of the")
    finally:
        detect._language_in_order = original
    assert counted == ["again"]


@pytest.fixture
def freezing() -> Iterator[None]:
    freeze_documents(True)
    try:
        yield
    finally:
        freeze_documents(False)
        gc.unfreeze()


@pytest.mark.usefixtures("freezing")
def test_frozen_documents_are_exempt_one_at_a_time() -> None:
    assert gc.isenabled()
    first = segment("One sentence here. Another one there.")
    assert gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    gc.unfreeze()
    gc.freeze()  # the same set again, so that the next count is comparable
    second = segment("A third sentence. And a fourth.")
    assert gc.get_freeze_count() <= frozen + 1_000
    assert [s.text for s in first.sentences] == ["One sentence here.", "Another one there."]
    assert len(second.sentences) == 2


def test_documents_are_not_frozen_by_default() -> None:
    gc.unfreeze()
    segment("One sentence here. Another one there.")
    assert gc.get_freeze_count() == 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["the", "cats", "12", "running", "ß", "", "and"]))))
def test_terms_of_each_is_terms_of_every_sentence(sentences: list[list[str]]) -> None:
    from summarize.text.words import WordNormalizer

    words = WordNormalizer("english")
    assert words.terms_of_each(sentences) == [words.terms(tokens) for tokens in sentences]


_TERMS = st.lists(st.sampled_from(["cat", "sat", "mat", "dog"]), max_size=4).map(tuple)
# Short texts are grouped by sorting terms, long ones (graph._FEW_SENTENCES) in numpy.
_TERM_ROWS = st.one_of(
    st.lists(_TERMS, max_size=graph._FEW_SENTENCES),
    st.lists(_TERMS, min_size=graph._FEW_SENTENCES, max_size=2 * graph._FEW_SENTENCES),
)


def _nodes_of_collapse(rows: list[tuple[str, ...]]) -> tuple[int, list[int]]:
    document = Document(
        "", tuple(Sentence(i, "s", 0, 1, terms=t) for i, t in enumerate(rows)), "english"
    )
    distinct, inverse = collapse(document, same_terms)
    return len(distinct), inverse


@settings(max_examples=300, deadline=None)
@given(_TERM_ROWS)
def test_same_term_nodes_are_collapse_by_same_terms(rows: list[tuple[str, ...]]) -> None:
    assert same_term_nodes(term_matrix(rows), rows) == _nodes_of_collapse(rows)


@settings(max_examples=100, deadline=None)
@given(_TERM_ROWS)
def test_same_term_nodes_never_join_rows_whose_hashes_collide(
    rows: list[tuple[str, ...]],
) -> None:
    # With every constant 0 a row's hash is the sum of its counts: different rows collide all
    # the time, and the comparison must split them again.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(graph, "_MIX", (0, 0, 0))
        assert same_term_nodes(term_matrix(rows), rows) == _nodes_of_collapse(rows)


def test_colliding_rows_take_the_exact_grouping() -> None:
    rows = [("cat",), ("sat",), ("cat",), (), ("sat", "cat"), ("cat", "sat")]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(graph, "_MIX", (0, 0, 0))
        assert same_term_nodes(term_matrix(rows), rows) == (4, [0, 1, 0, 2, 3, 3])


# Every opener of sentencex's quote and bracket pairs (its QUOTES_REGEX and PARENS_REGEX).
_SENTENCEX_OPENERS = ['"', " '", "\u00ab", "\u2018", "\u201a", "\u201c", "\u201b", "\u201e"]
_SENTENCEX_OPENERS += ["\u201f", "\u2039", "\u300a", "\u300c", "(", "\uff08", "<", "{", "["]
# Letters, spaces that the mask makes plain, quotes it masks or not, and every opener.
_QUOTING = st.sampled_from(list("ab1 \n\t\u00a0.'\u2018\u2019\u201a\u201c\u201d\u00ab<{([)\x1f"))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_QUOTING, max_size=16))
def test_pairs_nothing_is_no_opener_left_in_the_masked_text(text: str) -> None:
    flat = masking.masked(text)
    assert pairs_nothing(text) == (not any(opener in flat for opener in _SENTENCEX_OPENERS))


def test_pairs_nothing_sees_each_kind_of_opener() -> None:
    assert pairs_nothing('It\u2019s \u2018Go\u2019, he said: "no" (twice) don\'t.')
    for text in ("a ' b", "a\u2018 b", "a \u201alow", "a <b>", "a {b}", "\u300cq\u300d", "a\n'.b"):
        assert not pairs_nothing(text), text
