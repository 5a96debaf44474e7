"""LSA (Steinberger & Ježek 2004): sentence length in a reduced latent space."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from summarize.backends.graph import distinct_term_matrix, expand
from summarize.document import Document

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from summarize.backends.graph import FloatArray, TermMatrix

Weighting = Literal["binary", "tf", "tfidf", "entropy"]

# Below this cost (min(n, v)^2 max(n, v), about the flops of a dense SVD) the SVD is computed
# densely: faster than importing scipy for news-sized texts. Kept small because a multithreaded
# LAPACK SVD can take seconds instead of milliseconds on a busy machine, while the sparse
# truncated SVD does not depend on BLAS threads.
DENSE_COST = 2_000_000


class Lsa:
    r"""LSA summarisation: Steinberger & Ježek, "Using Latent Semantic Analysis in Text
    Summarization and Summary Evaluation", ISIM 2004.

    A is the term-by-sentence matrix of the distinct sentences (by multiset of terms). A term
    present in sentence s weighs :math:`L_{ts} G_t`; an absent one weighs exactly 0. The local
    weight L is 1 (``"binary"``), the count (``"tf"``, ``"tfidf"``) or 1 (``"entropy"``); the
    global weight G is 1, 1, :math:`\log(N/n_t)` or the entropy weight
    :math:`1 + \sum_s P_{ts} \log P_{ts} / \log N` with :math:`P_{ts} = tf_{ts} / \sum_s tf_{ts}`
    (Steinberger et al. 2007 found binary-entropy best). With ``normalize`` (the default) every
    sentence column is then divided by its length, :math:`A_s / |A_s|`: the normalisation among
    the term weighting schemes of Gong & Liu, "Generic Text Summarization Using Relevance
    Measure and Latent Semantic Analysis", SIGIR 2001, the LSA summariser that Steinberger &
    Ježek build on. A sentence then counts by the direction of its term vector, not by how many
    terms it has.

    With the truncated SVD :math:`A \approx U_k \Sigma_k V_k^T`, a sentence scores its length
    in the k-dimensional latent space:

    .. math:: s_i = \sqrt{\sum_{j=1}^{k} \sigma_j^2\, v_{ij}^2}

    k keeps the dimensions whose singular value is at least ``ratio`` times the largest (at
    most ``max_dimensions``), or is ``dimensions`` when given. Keeping every dimension would
    score each sentence by the length of its column: 1 for every sentence with normalisation,
    a measure of sentence length without it. With normalisation, :math:`s_i` is the length of the
    projection of the unit sentence vector on the main topics, the cosine of its angle with them.

    Defaults, chosen by ROUGE-1 on the first 500 CNN/DailyMail articles of the development file
    (3-sentence summaries): binary weights, normalised, ``ratio`` 0.9 scored 26.4 (0.95, which
    nearly always keeps one dimension, 26.5; 0.8 25.7; 0.65 22.6; at 0.9 tf 26.4, tf-idf 25.5 and
    entropy 25.6). Without normalisation no setting passed 24.8 (the former default, binary at
    0.8, 24.6): those summaries were of long sentences, 35 words on average against 21.

    Cost: small matrices use a dense SVD; larger ones a sparse truncated SVD (ARPACK via
    ``scipy.sparse.linalg.svds``, deterministic start vector) of a few singular triplets,
    doubled while they all pass the ratio, up to ``max_dimensions``: linear in the non-zeros of
    A per Lanczos step, and no dense matrix.
    """

    name = "lsa"
    description = "LSA (Steinberger & Ježek 2004): sentence length in a truncated SVD space."

    def __init__(
        self,
        weighting: Weighting = "binary",
        dimensions: int | None = None,
        ratio: float = 0.9,
        max_dimensions: int = 10,
        normalize: bool = True,
    ) -> None:
        if weighting not in ("binary", "tf", "tfidf", "entropy"):
            raise ValueError(f"unknown LSA weighting {weighting!r}")
        self.weighting = weighting
        self.dimensions = dimensions
        self.ratio = ratio
        self.max_dimensions = max_dimensions
        self.normalize = normalize

    def rank(self, document: Document) -> Sequence[float]:
        import numpy as np

        if not document.sentences:
            return []
        matrix, inverse = distinct_term_matrix(document)
        values = weights(matrix, self.weighting)
        if self.normalize:
            values = matrix.unit_rows(values)
        keep = values != 0
        if not keep.any():
            return [0.0] * len(document.sentences)
        n, v = matrix.n, matrix.v
        wanted = self.dimensions if self.dimensions is not None else self.max_dimensions
        wanted = max(1, min(wanted, n, v))
        if min(n, v) ** 2 * max(n, v) <= DENSE_COST or wanted >= min(n, v) - 1:
            dense = np.zeros((n, v))
            dense[matrix.rows[keep], matrix.cols[keep]] = values[keep]
            _, sigma, vt = np.linalg.svd(dense.T, full_matrices=False)
            sigma, vt = sigma[:wanted], vt[:wanted]
        else:
            sigma, vt = _sparse_svd(
                matrix, values, keep, wanted, self.dimensions is None, self.ratio
            )
        if self.dimensions is None and sigma.size:
            sigma = sigma[sigma >= self.ratio * sigma[0]]
            vt = vt[: sigma.size]
        lengths = np.sqrt(((sigma[:, None] * vt) ** 2).sum(axis=0))
        return expand(lengths, inverse)

    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        """The latent length (the score: with normalisation, the cosine of the sentence with
        the main topics) and the number of distinct terms its vector is made of."""
        return [
            {"latent_length": float(score), "terms": float(len(set(sentence.terms)))}
            for score, sentence in zip(scores, document.sentences, strict=True)
        ]


def weights(matrix: TermMatrix, weighting: Weighting) -> FloatArray:
    """The non-zero values of the weighted term matrix, one per (sentence, term) entry."""
    import numpy as np

    counts = matrix.counts
    if weighting == "binary":
        return np.ones_like(counts)
    if weighting == "tf":
        return counts.astype(np.float64)
    df = np.bincount(matrix.cols, minlength=matrix.v).astype(np.float64)
    if weighting == "tfidf":
        idf: FloatArray = np.log(matrix.n / df)
        return counts * idf[matrix.cols]
    total = np.bincount(matrix.cols, weights=counts, minlength=matrix.v)
    share = counts / total[matrix.cols]
    plogp = np.bincount(matrix.cols, weights=share * np.log(share), minlength=matrix.v)
    entropy: FloatArray = 1.0 + plogp / np.log(matrix.n) if matrix.n > 1 else np.ones(matrix.v)
    return entropy[matrix.cols]


def _sparse_svd(
    matrix: TermMatrix,
    values: FloatArray,
    keep: NDArray[np.bool_],
    wanted: int,
    adaptive: bool,
    ratio: float,
) -> tuple[FloatArray, FloatArray]:
    """The ``wanted`` largest singular values and right vectors of the sparse term matrix.

    With ``adaptive``, start with a few triplets and double while all of them are still at
    least ``ratio`` times the largest, so a book whose spectrum falls fast costs one small SVD.
    """
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    n, v = matrix.n, matrix.v
    a = sp.csr_matrix((values[keep], (matrix.cols[keep], matrix.rows[keep])), (v, n))
    start = np.full(min(n, v), 1.0 / np.sqrt(min(n, v)))
    k = min(4, wanted) if adaptive else wanted
    while True:
        _, sigma, vt = svds(a, k=k, v0=start, solver="arpack")
        order = np.argsort(sigma)[::-1]
        sigma, vt = sigma[order], vt[order]
        if k >= wanted or sigma[-1] < ratio * sigma[0]:
            return sigma, vt
        k = min(2 * k, wanted)
