"""The default method, position-centroid: contract, a slow reference, behaviour and speed."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from summarize import summarize
from summarize.backends import position_centroid as pc
from summarize.backends.position_centroid import PositionCentroidBackend
from summarize.backends.registry import get_backend
from summarize.backends.textrank import TextRank
from summarize.document import Document, Sentence
from summarize.pipeline import DEFAULT_METHOD, summarize_document
from summarize.selection import Length
from summarize.text.segment import segment
from summarize.text.words import WordNormalizer, tokenize

TEXT = (
    "The city council approved a new budget for public parks on Monday. "
    "The budget adds money for parks, playgrounds and trees across the city. "
    "Council members said the parks budget was the largest in a decade. "
    "One member voted against the plan. "
    "Residents had asked the council for more trees and cleaner parks for years. "
    "The weather on Monday was mild."
)


def doc(*sentences: str) -> Document:
    return segment(" ".join(sentences))


def reference_scores(document: Document) -> list[float]:
    """The method as described, in plain Python, one sentence at a time."""
    n = len(document.sentences)
    df = Counter(t for s in document.sentences for t in set(s.terms))
    vectors = []
    for s in document.sentences:
        tf = Counter(s.terms)
        v = {t: (1 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(v)
    c_norm = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    cosine = [sum(x * centroid[t] for t, x in v.items()) / c_norm for v in vectors]
    graph = list(TextRank().rank(document))  # checked against its paper in test_algorithms.py
    top_cosine, top_graph = max(cosine) or 1.0, max(graph) or 1.0
    similarity = [
        (1 - pc.GRAPH_WEIGHT) * c / top_cosine + pc.GRAPH_WEIGHT * g / top_graph
        for c, g in zip(cosine, graph, strict=True)
    ]
    weighted = [
        similarity[i]
        * (1 + i) ** -pc.POSITION_EXPONENT
        * min(1.0, pc.LONG_SENTENCE / max(1, len(s.tokens))) ** pc.LENGTH_EXPONENT
        for i, s in enumerate(document.sentences)
    ]
    opening = sorted(range(n), key=lambda i: (-weighted[i], i))[: pc.OPENING]
    return [1 + weighted[i] if i in opening else similarity[i] for i in range(n)]


def test_is_the_default() -> None:
    assert DEFAULT_METHOD == "position-centroid"
    assert isinstance(get_backend("position-centroid"), PositionCentroidBackend)
    assert summarize(TEXT, sentences=2).method == "position-centroid"


def test_matches_the_reference_implementation() -> None:
    document = doc(TEXT)
    got = PositionCentroidBackend().rank(document)
    assert got == pytest.approx(reference_scores(document))


def test_contract_empty_and_single() -> None:
    backend = PositionCentroidBackend()
    assert list(backend.rank(Document(text="", sentences=()))) == []
    assert len(backend.rank(doc("Only one sentence here."))) == 1
    # A sentence made only of stop words has no terms and still gets a finite score.
    assert all(math.isfinite(x) for x in backend.rank(doc("It is what it is.", "And so on.")))


def test_contract_more_sentences_than_exist_no_duplicates_deterministic() -> None:
    document = doc(TEXT, "The budget adds money for parks, playgrounds and trees across the city.")
    backend = PositionCentroidBackend()
    summary = summarize_document(document, backend, Length("sentences", 50))
    indices = [s.index for s in summary]
    assert len(indices) == len(set(indices)) == len(document) - 1  # the repeat is dropped
    assert backend.rank(document) == backend.rank(document)


def test_top_k_is_the_opening_then_centrality() -> None:
    document = doc(TEXT)
    scores = PositionCentroidBackend().rank(document)
    assert sum(1 for x in scores if x > 1) == pc.OPENING
    assert all(0 <= x <= 1 for x in scores if x <= 1)


def test_an_off_topic_sentence_is_ranked_last() -> None:
    scores = PositionCentroidBackend().rank(doc(TEXT))
    assert min(range(len(scores)), key=lambda i: scores[i]) == 5  # "The weather on Monday..."


def test_long_sentences_do_not_win_by_size() -> None:
    short = "Parks get more money from the council budget."
    long = (
        "Parks get more money from the council budget, and the council, which met on a long "
        "evening with many residents, said that parks and money and budget matters would be "
        "discussed again at a later meeting of the council on parks."
    )
    document = doc("The weather was mild.", long, short, "Birds sang.")
    scores = PositionCentroidBackend().rank(document)
    assert scores[2] > scores[1]


def test_earlier_sentence_wins_among_equals_in_the_opening() -> None:
    document = doc(
        "Rain fell on the farm.",
        "The farm grows apples.",
        "Apples grow on the farm.",
        "The farm sells apples.",
        "Rain fell on the farm.",
    )
    scores = PositionCentroidBackend().rank(document)
    assert scores[0] > scores[4]


def test_language_independent() -> None:
    normalizer = WordNormalizer("german")
    texts = [
        "Der Stadtrat hat am Montag einen neuen Haushalt für die Parks beschlossen.",
        "Der Haushalt bringt mehr Geld für Parks und Bäume in der Stadt.",
        "Das Wetter war mild.",
    ]
    german = Document(
        text=" ".join(texts),
        sentences=tuple(
            Sentence(i, t, 0, 1, tokens=tuple(tokenize(t)), terms=normalizer.terms(tokenize(t)))
            for i, t in enumerate(texts)
        ),
        language="german",
    )
    scores = PositionCentroidBackend().rank(german)
    assert len(scores) == 3 and scores[2] == min(scores)
    hand_made = Document(
        text="x",
        sentences=tuple(
            Sentence(i, t, 0, 1, tokens=tuple(t.split()), terms=tuple(t.split()))
            for i, t in enumerate(["東京 大阪", "東京 京都", "札幌"])
        ),
        language="japanese",
    )
    assert len(PositionCentroidBackend().rank(hand_made)) == 3


def test_a_book_sized_text_ranks_with_finite_scores() -> None:
    """Speed is measured in benchmarks/speed.py; here, that 40,000 sentences rank at all."""
    vocabulary = [f"w{i}" for i in range(20_000)]
    sentences = tuple(
        Sentence(
            i,
            "s",
            0,
            1,
            tokens=tuple(vocabulary[(i * 7 + j * 13) % 20_000] for j in range(15)),
            terms=tuple(vocabulary[(i * 7 + j * 13) % 20_000] for j in range(10)),
        )
        for i in range(40_000)
    )
    scores = PositionCentroidBackend().rank(Document(text="", sentences=sentences))
    assert len(scores) == 40_000
    assert all(math.isfinite(s) for s in scores)
