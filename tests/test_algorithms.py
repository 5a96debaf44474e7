"""TextRank, LexRank and LSA against slow reference implementations written from the papers.

Each reference below is dense and uses plain loops over sentence pairs, following the formula in
the paper as literally as possible; the backends must give the same scores to 1e-9.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

import numpy as np
import pytest

from summarize.backends import lsa as lsa_module
from summarize.backends.lexrank import LexRank
from summarize.backends.lsa import Lsa
from summarize.backends.textrank import TextRank
from summarize.document import Document, Sentence

TOL = 1e-13  # iteration tolerance for both sides, so the comparison sees only rounding
DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def make_document(texts: Sequence[str]) -> Document:
    """A document whose terms are simply the lower-cased words (the backends see only terms)."""
    sentences = tuple(
        Sentence(
            index=i,
            text=text,
            start=0,
            end=0,
            tokens=tuple(text.lower().split()),
            terms=tuple(w.strip(".,;:!?\"'()") for w in text.lower().split() if len(w) > 2),
        )
        for i, text in enumerate(texts)
    )
    return Document(text="\n".join(texts), sentences=sentences)


DOCUMENTS = {
    "garden": [
        "The garden grows tomatoes beans and squash every summer.",
        "Tomatoes need sun, water and patience in the garden.",
        "Beans climb the fence while squash spreads across the garden floor.",
        "Rain came late this year.",
        "Without rain the tomatoes and beans needed water every morning.",
        "The neighbours admired the squash.",
        "Patience.",
        "Every summer the garden feeds the whole street.",
    ],
    "repeated": [
        "Subscribe to our newsletter for more stories.",
        "The council approved the new bridge after a long debate.",
        "Subscribe to our newsletter for more stories.",
        "Engineers expect the bridge to open in two years.",
        "The debate focused on cost and on the river traffic.",
        "Subscribe to our newsletter for more stories.",
        "River traffic will pause while the bridge is built.",
        "Cost estimates for the bridge rose twice during the debate.",
    ],
    "short": [
        "Yes.",
        "Yes!",
        "No.",
        "Bridge.",
        "Bridge river.",
        "The bridge crosses the river.",
        "",
        "...",
        "River river river bridge.",
    ],
    "disconnected": [
        "Apples grow on trees in orchards.",
        "Orchards need bees for apples.",
        "Quantum computers use qubits.",
        "Qubits are fragile in quantum computers.",
        "Completely unrelated words here.",
    ],
}


def data_documents(limit: int = 4) -> dict[str, Document]:
    path = DATA / "cnndm_val.jsonl"
    if not path.exists():
        return {}
    from summarize.text.segment import segment

    documents = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in zip(range(limit), lines, strict=False):
            documents[f"cnndm{number}"] = segment(json.loads(line)["text"])
    return documents


def all_documents() -> dict[str, Document]:
    documents = {name: make_document(texts) for name, texts in DOCUMENTS.items()}
    documents.update(data_documents())
    return documents


DOCS = all_documents()


def nodes(document: Document, key: Callable[[tuple[str, ...]], Hashable]) -> tuple[list, list]:
    seen: dict[Hashable, int] = {}
    rows, inverse = [], []
    for s in document.sentences:
        k = key(s.terms)
        if k not in seen:
            seen[k] = len(rows)
            rows.append(s.terms)
        inverse.append(seen[k])
    return rows, inverse


# --- TextRank (Mihalcea & Tarau 2004; BM25 weights from Barrios et al. 2016) ---------------


def reference_textrank_weights(rows: list[tuple[str, ...]]) -> list[list[float]]:
    sets = [set(r) for r in rows]
    n = len(sets)
    w = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            overlap = len(sets[i] & sets[j])
            if i != j and overlap:
                w[i][j] = overlap / (math.log(len(sets[i])) + math.log(len(sets[j])))
    return w


def reference_bm25_weights(rows: list[tuple[str, ...]]) -> list[list[float]]:
    k1, b, eps = 1.2, 0.75, 0.25
    n = len(rows)
    counts = [Counter(r) for r in rows]
    vocabulary = sorted({t for r in rows for t in r})
    df = {t: sum(1 for c in counts if t in c) for t in vocabulary}
    idf = {t: math.log(n - df[t] + 0.5) - math.log(df[t] + 0.5) for t in vocabulary}
    mean_idf = sum(idf.values()) / len(idf) if idf else 0.0
    idf = {t: (eps * mean_idf if v < 0 else v) for t, v in idf.items()}
    avgdl = sum(len(r) for r in rows) / n
    w = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            total = 0.0
            for t in rows[i]:  # every word of the query sentence, repeats included
                f = counts[j][t]
                total += idf[t] * f * (k1 + 1) / (f + k1 * (1 - b + b * len(rows[j]) / avgdl))
            w[i][j] = total
    return w


def reference_textrank(document: Document, weighting: str = "overlap") -> list[float]:
    key: Callable[[tuple[str, ...]], Hashable] = (
        frozenset if weighting == "overlap" else (lambda t: tuple(sorted(t)))
    )
    rows, inverse = nodes(document, key)
    w = (reference_textrank_weights if weighting == "overlap" else reference_bm25_weights)(rows)
    n, d = len(rows), 0.85
    out = [sum(w[j]) for j in range(n)]
    ws = [1.0] * n
    for _ in range(10_000):
        new = [
            (1 - d) + d * sum(w[j][i] / out[j] * ws[j] for j in range(n) if j != i and out[j])
            for i in range(n)
        ]
        done = max(abs(a - b) for a, b in zip(new, ws, strict=True)) < TOL
        ws = new
        if done:
            break
    return [ws[k] for k in inverse]


# --- LexRank (Erkan & Radev 2004) -----------------------------------------------------------


def reference_cosines(rows: Sequence[tuple[str, ...]], weighting: str) -> list[list[float]]:
    """The idf-modified cosine between every two distinct sentences."""
    n = len(rows)
    df = Counter(t for r in rows for t in set(r))
    if weighting == "paper":  # the formula as printed: tf counts, idf log(N / n_w)
        tf = [Counter(r) for r in rows]
        idf = {t: math.log(n / df[t]) for t in df}
    else:  # "smoothed": a term present counts 1, idf log(N / n_w) + 1
        tf = [Counter(set(r)) for r in rows]
        idf = {t: math.log(n / df[t]) + 1 for t in df}

    def cosine(x: Counter[str], y: Counter[str]) -> float:
        num = sum(x[w] * y[w] * idf[w] ** 2 for w in x if w in y)
        nx = math.sqrt(sum((x[w] * idf[w]) ** 2 for w in x))
        ny = math.sqrt(sum((y[w] * idf[w]) ** 2 for w in y))
        return num / (nx * ny) if nx and ny else 0.0

    return [[cosine(tf[i], tf[j]) for j in range(n)] for i in range(n)]


def reference_lexrank(document: Document, threshold: float | None, weighting: str) -> list[float]:
    rows, inverse = nodes(document, lambda t: tuple(sorted(t)))
    n, d = len(rows), 0.85
    sim = reference_cosines(rows, weighting)
    if threshold is not None:
        sim = [[1.0 if s > threshold else 0.0 for s in row] for row in sim]
    degree = [sum(row) for row in sim]
    # B: rows normalised to 1; a row without edges jumps to every sentence alike.
    matrix = [[sim[i][j] / degree[i] if degree[i] else 1.0 / n for j in range(n)] for i in range(n)]
    p = [1.0 / n] * n
    for _ in range(10_000):
        new = [(1 - d) / n + d * sum(matrix[j][i] * p[j] for j in range(n)) for i in range(n)]
        done = max(abs(a - b) for a, b in zip(new, p, strict=True)) * n < TOL
        p = new
        if done:
            break
    return [p[k] * n for k in inverse]


def reference_opening(
    document: Document, threshold: float | None, weighting: str, count: int = 3
) -> list[float]:
    """LexRank's opening: ``count`` picks by maximal marginal relevance, then centrality."""
    centrality = reference_lexrank(document, threshold, weighting)
    rows, inverse = nodes(document, lambda t: tuple(sorted(t)))
    sim = reference_cosines(rows, weighting)
    top = max(centrality) or 1.0
    scores = [c / top for c in centrality]
    preference = [
        c * min(1.0, 35 / max(1, len(s.tokens))) ** 0.5
        for c, s in zip(centrality, document.sentences, strict=True)
    ]
    best_preference = max(preference) or 1.0
    picked: list[int] = []
    for r in range(min(count, len(rows))):
        best: tuple[float, int] | None = None
        for i in range(len(scores)):
            if any(inverse[i] == inverse[j] for j in picked):
                continue  # a copy of a sentence already picked
            overlap = max((sim[inverse[i]][inverse[j]] for j in picked), default=0.0)
            value = 0.85 * preference[i] / best_preference - 0.15 * overlap
            if best is None or value > best[0]:
                best = (value, i)
        assert best is not None
        picked.append(best[1])
        for i in range(len(scores)):
            if inverse[i] == inverse[best[1]]:
                scores[i] = 1.0 + count - r
    return scores


# --- LSA (Steinberger & Ježek 2004) ---------------------------------------------------------


def reference_lsa(
    document: Document, weighting: str, dimensions: int | None, ratio: float, normalize: bool
) -> list[float]:
    rows, inverse = nodes(document, lambda t: tuple(sorted(t)))
    n = len(rows)
    terms = sorted({t for r in rows for t in r})
    tf = [Counter(r) for r in rows]
    df = {t: sum(1 for c in tf if t in c) for t in terms}
    a = np.zeros((len(terms), n))
    for ti, t in enumerate(terms):
        total = sum(c[t] for c in tf)
        containing = [s for s in range(n) if t in tf[s]]  # an absent term has weight 0
        for s in containing:
            if weighting == "binary":
                a[ti, s] = 1.0
            elif weighting == "tf":
                a[ti, s] = tf[s][t]
            elif weighting == "tfidf":
                a[ti, s] = tf[s][t] * math.log(n / df[t])
            else:
                shares = [tf[r][t] / total for r in containing]
                a[ti, s] = 1 + sum(p * math.log(p) for p in shares) / math.log(n)
    if normalize:  # Gong & Liu: each sentence's column divided by its length
        for s in range(n):
            length = math.sqrt(sum(a[ti, s] ** 2 for ti in range(len(terms))))
            if length:
                for ti in range(len(terms)):
                    a[ti, s] /= length
    _, sigma, vt = np.linalg.svd(a, full_matrices=False)
    if dimensions is not None:
        k = dimensions
    else:
        k = min(10, sum(1 for s in sigma if s >= ratio * sigma[0]))
    if k < len(sigma) and sigma[k - 1] - sigma[k] < 1e-9:
        pytest.skip("the k-th singular value is repeated: the truncation is not unique")
    scores = [math.sqrt(sum((sigma[j] * vt[j, i]) ** 2 for j in range(k))) for i in range(n)]
    return [scores[k_] for k_ in inverse]


# --- the comparisons -------------------------------------------------------------------------


def assert_close(ours: Sequence[float], reference: Sequence[float]) -> None:
    assert len(ours) == len(reference)
    np.testing.assert_allclose(np.asarray(ours), np.asarray(reference), rtol=0, atol=1e-9)


@pytest.mark.parametrize("name", sorted(DOCS))
@pytest.mark.parametrize("weighting", ["overlap", "bm25"])
def test_textrank_matches_reference(name: str, weighting: str) -> None:
    document = DOCS[name]
    ours = TextRank(weighting=weighting, tol=TOL, max_iter=10_000).rank(document)  # type: ignore[arg-type]
    assert_close(ours, reference_textrank(document, weighting))


@pytest.mark.parametrize("name", sorted(DOCS))
@pytest.mark.parametrize("threshold", [None, 0.1, 0.3])
@pytest.mark.parametrize("weighting", ["smoothed", "paper"])
def test_lexrank_matches_reference(name: str, threshold: float | None, weighting: str) -> None:
    document = DOCS[name]
    ours = LexRank(threshold, weighting, tol=TOL, max_iter=10_000, opening=0).rank(document)  # type: ignore[arg-type]
    assert_close(ours, reference_lexrank(document, threshold, weighting))


@pytest.mark.parametrize("name", sorted(DOCS))
@pytest.mark.parametrize("threshold", [None, 0.1])
@pytest.mark.parametrize("weighting", ["smoothed", "paper"])
def test_lexrank_opening_matches_reference(
    name: str, threshold: float | None, weighting: str
) -> None:
    document = DOCS[name]
    ours = LexRank(threshold, weighting, tol=TOL, max_iter=10_000).rank(document)  # type: ignore[arg-type]
    assert_close(ours, reference_opening(document, threshold, weighting))


def test_lexrank_rejects_an_unknown_weighting() -> None:
    with pytest.raises(ValueError, match="unknown LexRank weighting 'bm25'"):
        LexRank(weighting="bm25")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(DOCS))
@pytest.mark.parametrize("weighting", ["binary", "tf", "tfidf", "entropy"])
@pytest.mark.parametrize("dimensions", [None, 2])
@pytest.mark.parametrize("normalize", [True, False])
def test_lsa_matches_reference(
    name: str, weighting: str, dimensions: int | None, normalize: bool
) -> None:
    document = DOCS[name]
    if not any(s.terms for s in document.sentences):
        pytest.skip("no terms")
    ours = Lsa(weighting=weighting, dimensions=dimensions, normalize=normalize).rank(document)  # type: ignore[arg-type]
    assert_close(ours, reference_lsa(document, weighting, dimensions, 0.9, normalize))


@pytest.mark.parametrize("name", sorted(DOCS))
def test_lsa_normalised_with_every_dimension_scores_one(name: str) -> None:
    # Unit sentence columns keep their full length when no dimension is dropped.
    document = DOCS[name]
    ours = Lsa(dimensions=len(document.sentences)).rank(document)
    expected = [1.0 if s.terms else 0.0 for s in document.sentences]
    assert_close(ours, expected)


@pytest.mark.parametrize("name", [n for n in sorted(DOCS) if n.startswith("cnndm")])
@pytest.mark.parametrize("dimensions", [None, 3])
@pytest.mark.parametrize("normalize", [True, False])
def test_lsa_sparse_svd_matches_dense_reference(
    name: str, dimensions: int | None, normalize: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lsa_module, "DENSE_COST", 0)
    document = DOCS[name]
    ours = Lsa(weighting="tfidf", dimensions=dimensions, ratio=0.5, normalize=normalize)
    assert_close(ours.rank(document), reference_lsa(document, "tfidf", dimensions, 0.5, normalize))


# --- properties every one of them keeps -------------------------------------------------------

# Centrality alone: no sentence's score depends on where it stands.
CENTRALITY = {
    "textrank": lambda: TextRank(),
    "textrank-overlap": lambda: TextRank(weighting="overlap"),
    "lexrank-centrality": lambda: LexRank(opening=0),
    "lexrank-threshold-centrality": lambda: LexRank(threshold=0.1, opening=0),
    "lsa": lambda: Lsa(),
}
# With LexRank's opening, whose equal values go to the earlier sentence, as the pipeline's do.
BACKENDS = CENTRALITY | {
    "lexrank": lambda: LexRank(),
    "lexrank-threshold": lambda: LexRank(threshold=0.1),
}


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize("name", sorted(DOCS))
def test_scores_finite_and_deterministic(backend: str, name: str) -> None:
    document = DOCS[name]
    first = list(BACKENDS[backend]().rank(document))
    assert len(first) == len(document.sentences)
    assert all(math.isfinite(s) for s in first)
    assert list(BACKENDS[backend]().rank(document)) == first


@pytest.mark.parametrize("backend", sorted(CENTRALITY))
@pytest.mark.parametrize("name", sorted(DOCS))
def test_invariant_to_sentence_order(backend: str, name: str) -> None:
    texts = [s.text for s in DOCS[name].sentences]
    document = make_document(texts)
    order = list(range(len(texts)))
    random.Random(7).shuffle(order)
    shuffled = make_document([texts[i] for i in order])
    before = CENTRALITY[backend]().rank(document)
    after = CENTRALITY[backend]().rank(shuffled)
    np.testing.assert_allclose(
        [after[k] for k in range(len(order))], [before[i] for i in order], rtol=1e-9, atol=1e-12
    )


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_duplicates_score_equal_and_count_once(backend: str) -> None:
    texts = DOCUMENTS["repeated"]
    scores = BACKENDS[backend]().rank(make_document(texts))
    copies = [i for i, t in enumerate(texts) if t.startswith("Subscribe")]
    assert len({scores[i] for i in copies}) == 1
    # Repeating the boilerplate more often changes nothing: it is one node.
    once = [t for i, t in enumerate(texts) if i not in copies[1:]]
    scores_once = BACKENDS[backend]().rank(make_document(once))
    kept = [i for i in range(len(texts)) if i not in copies[1:]]
    np.testing.assert_allclose([scores[i] for i in kept], scores_once)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_edge_cases(backend: str) -> None:
    make = BACKENDS[backend]
    assert list(make().rank(Document(text="", sentences=()))) == []
    assert len(make().rank(make_document(["Only one sentence here."]))) == 1
    assert len(make().rank(make_document(["", "..."]))) == 2


def test_textrank_edges_follow_the_formula() -> None:
    # Two sentences sharing two of their three and four terms: w = 2 / (log 3 + log 4).
    rows = [("a", "b", "c"), ("a", "b", "d", "e")]
    assert reference_textrank_weights(rows)[0][1] == pytest.approx(2 / math.log(12))


@pytest.mark.parametrize(
    ("name", "cls"), [("textrank", TextRank), ("lexrank", LexRank), ("lsa", Lsa)]
)
def test_registry_names_our_backends(name: str, cls: type) -> None:
    from summarize.backends.base import Backend
    from summarize.backends.registry import get_backend

    backend = get_backend(name)
    assert isinstance(backend, cls)
    assert isinstance(backend, Backend)
    assert backend.name == name
    assert backend.description
