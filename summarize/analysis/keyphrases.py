"""Key phrases of a document: PositionRank over our own words, no tagger, no corpus.

Candidates are the maximal runs of content words inside a sentence: a run never crosses the end
of a sentence, a punctuation mark or a stop word, and a word without a letter ends it too.
Without a part-of-speech tagger the stop words stand in for the grammar that TextRank and its
successors use to find noun phrases (sumy's English list has 580 words, verbs such as
"described" and "using" among them). Hyphenated words stay one word ("multi-step").

Words are scored by PositionRank (Florescu & Caragea, ACL 2017): PageRank over the graph of
content words that occur within ``WINDOW`` words of each other (weighted by how often, as in
SingleRank, Wan & Xiao 2008), with the random jump biased towards words that occur early and
often (the sum of ``1 / position`` over a word's occurrences). A phrase scores the sum of its
words' scores (``LENGTH_DAMPING`` 0; dividing by ``len ** 0.5`` or ``len`` measured worse).
Settings were chosen on the first half of the Inspec development abstracts: SingleRank's and
PositionRank's window of 10 words and at most 4 words a phrase gave F1@10 31.9 there (window 6:
31.6, and 31.4, 31.5, 31.3 there with at most 3, 5, 6 words; window 2: 31.2; without the
position bias, which is SingleRank: 31.2);
``benchmarks/keyphrases.py`` has the protocol and the held-out numbers.

Phrases are identified by their sequence of stems, shown in their most frequent spelling (the
first seen of equally frequent ones), and ties in score go to the phrase that occurs first, so
the result is deterministic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from summarize.document import Document, Keyphrase, Sentence
from summarize.text.words import EXTRAS, WordNormalizer

WINDOW = 10  # words (stop words included) within which two content words are linked
DAMPING = 0.85
LENGTH_DAMPING = 0.0  # a phrase scores sum(word scores) / len ** LENGTH_DAMPING
MAX_WORDS = 4  # longer runs are not offered as phrases (lists of nouns, not names of things)
_ITERATIONS = 100
_TOLERANCE = 1e-7

_MARKS = (
    "\u0300-\u036f\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
)
# A word as segment.py's tokenizer sees it, with hyphenated words kept whole.
_WORD = re.compile(rf"[\w{_MARKS}]+(?:['\u2019\u2010-][\w{_MARKS}]+)*")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass
class _Candidate:
    """One phrase (by stems): where it first occurs and how it is spelt."""

    first: int
    stems: tuple[str, ...]
    spellings: Counter[str]


@dataclass
class _Words:
    """The words of a document in order: a stem for a content word, None for anything else."""

    keys: list[str | None]
    candidates: dict[tuple[str, ...], _Candidate]


def _sentence_words(sentence: Sentence, spaced: bool) -> list[tuple[str, bool]]:
    """The words of a sentence, each with whether punctuation separates it from the one before."""
    if not spaced:  # no spaces between words: the segmenter's tokens, each a phrase of its own
        return [(token, True) for token in sentence.tokens]
    words = []
    previous_end = 0
    for found in _WORD.finditer(sentence.text):
        gap = sentence.text[previous_end : found.start()]
        words.append((found.group(), bool(gap.strip())))
        previous_end = found.end()
    return words


def _read(document: Document) -> _Words:
    normalizer = WordNormalizer(document.language)
    keys: list[str | None] = []
    candidates: dict[tuple[str, ...], _Candidate] = {}
    joiner = "" if document.language in EXTRAS else " "

    def add(run: list[tuple[str, str]]) -> None:
        if 0 < len(run) <= MAX_WORDS:
            stems = tuple(stem for _, stem in run)
            found = candidates.get(stems)
            if found is None:
                found = candidates[stems] = _Candidate(len(keys), stems, Counter())
            found.spellings[joiner.join(word for word, _ in run)] += 1

    for sentence in document.sentences:
        run: list[tuple[str, str]] = []  # (surface, stem) of the phrase being read
        for word, after_punctuation in _sentence_words(sentence, joiner == " "):
            if after_punctuation:
                add(run)
                run = []
            lower = word.lower()
            if normalizer.is_stop_word(lower) or _LETTER.search(word) is None:
                add(run)
                run = []
                keys.append(None)
                continue
            stem = normalizer.stem(lower)
            keys.append(stem)
            run.append((word, stem))
        add(run)
    return _Words(keys, candidates)


def _word_scores(words: _Words, window: int, position_bias: bool) -> dict[str, float]:
    """PositionRank (or SingleRank without ``position_bias``) scores of the content words."""
    keys = words.keys
    edges: dict[str, dict[str, float]] = {}
    jump: dict[str, float] = {}
    for i, key in enumerate(keys):
        if key is None:
            continue
        jump[key] = jump.get(key, 0.0) + (1.0 / (i + 1) if position_bias else 1.0)
        near = edges.setdefault(key, {})
        for other in keys[i + 1 : i + window]:
            if other is not None and other != key:
                near[other] = near.get(other, 0.0) + 1.0
                back = edges.setdefault(other, {})
                back[key] = back.get(key, 0.0) + 1.0
    if not jump:
        return {}
    nodes = sorted(jump)  # sorted: the sums below run in one order whatever the text
    number = {node: i for i, node in enumerate(nodes)}
    total_jump = sum(jump.values())
    bias = [jump[node] / total_jump for node in nodes]
    strength = [sum(edges[node].values()) for node in nodes]
    # incoming[i]: (j, share of j's weight that flows to i), in a fixed order
    incoming = [
        [
            (number[other], weight / strength[number[other]])
            for other, weight in sorted(edges[node].items())
        ]
        for node in nodes
    ]
    scores = bias
    for _ in range(_ITERATIONS):
        new = [
            (1.0 - DAMPING) * b + DAMPING * sum(scores[j] * share for j, share in links)
            for b, links in zip(bias, incoming, strict=True)
        ]
        # A word linked to nothing keeps only its jump share; renormalise so scores sum to 1.
        total = sum(new) or 1.0
        new = [value / total for value in new]
        moved = max(abs(a - b) for a, b in zip(new, scores, strict=True))
        scores = new
        if moved < _TOLERANCE:
            break
    return dict(zip(nodes, scores, strict=True))


def _spelling(candidate: _Candidate) -> str:
    # Counter keeps first-insertion order, and max() keeps the first of equal counts.
    return max(candidate.spellings.items(), key=lambda item: item[1])[0]


def rank_phrases(
    document: Document,
    k: int,
    *,
    window: int = WINDOW,
    position_bias: bool = True,
    length_damping: float = LENGTH_DAMPING,
) -> list[Keyphrase]:
    """The ``k`` best phrases with the settings given (the benchmark tunes them)."""
    if k <= 0:
        return []
    words = _read(document)
    scores = _word_scores(words, window, position_bias)
    ranked: list[tuple[float, int, _Candidate]] = []
    for candidate in words.candidates.values():
        value = sum(scores[s] for s in candidate.stems) / len(candidate.stems) ** length_damping
        ranked.append((value, candidate.first, candidate))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [Keyphrase(_spelling(candidate), round(value, 12)) for value, _, candidate in ranked[:k]]


def keyphrases(document: Document, k: int) -> tuple[Keyphrase, ...]:
    """The ``k`` phrases that best say what ``document`` is about, best first."""
    return tuple(rank_phrases(document, k))


def phrase_texts(phrases: Sequence[Keyphrase]) -> list[str]:
    """Just the texts, for a one-line listing."""
    return [phrase.text for phrase in phrases]
