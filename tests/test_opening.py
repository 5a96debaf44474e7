"""LexRank's opening: concise, non-redundant first picks, then centrality."""

from __future__ import annotations

import math

import numpy as np
import pytest

from summarize.backends.lexrank import LexRank
from summarize.backends.opening import brevity, opening_scores
from summarize.document import Document
from summarize.text.segment import segment


def doc(*sentences: str) -> Document:
    return segment(" ".join(sentences))


def top(scores: list[float] | tuple[float, ...], k: int) -> list[int]:
    return sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]


def test_brevity_is_one_up_to_the_long_sentence_then_falls_as_a_power() -> None:
    words = ["word"] * 70
    document = doc("Short one here.", " ".join(words) + ".")
    tokens = [len(s.tokens) for s in document.sentences]
    prior = brevity(document, 35, 0.5)
    assert prior[0] == 1.0
    assert prior[1] == pytest.approx(math.sqrt(35 / tokens[1]))
    assert prior[1] < 0.75


def test_a_long_sentence_does_not_open_the_summary_by_size() -> None:
    long = (
        "The river bridge will close for repairs in spring, the council said on Monday after a "
        "long meeting, and the repairs to the old river bridge, which carries most of the "
        "traffic between the two halves of the town and the station, will take the council "
        "and its engineers most of the summer, with the bridge open again for traffic by "
        "September if the weather holds and the steel for the repairs arrives on time."
    )
    document = doc(
        "The town has one bridge over the river.",
        long,
        "The council will close the river bridge for repairs in spring.",
        "Traffic will cross the river at the station during the repairs.",
        "The bridge should open again in September.",
    )
    assert [len(s.tokens) > 60 for s in document.sentences] == [False, True, False, False, False]
    centrality = LexRank(opening=0).rank(document)
    assert top(centrality, 1) == [1]  # the long sentence is the most central ...
    scores = LexRank(opening=1).rank(document)
    assert top(scores, 1) == [2]  # ... but the concise sentence on the same news opens
    assert scores[1] == 1.0  # and the long one leads what follows by centrality


def test_a_near_copy_of_a_pick_is_not_picked_next() -> None:
    # After sentence 0, sentence 1 (a near copy) is worth 0.85 * 0.95 - 0.15 * 0.9 = 0.6725
    # and sentence 2 is worth 0.85 * 0.9 - 0.15 * 0.1 = 0.75; without redundancy, 1 comes next.
    preference = np.array([1.0, 0.95, 0.9])
    similarity = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.1], [0.1, 0.1, 1.0]])
    scores = opening_scores(preference, preference, lambda j: similarity[j], 2, 0.15, [0, 1, 2])
    assert scores == [3.0, 0.95, 2.0]
    scores = opening_scores(preference, preference, lambda j: similarity[j], 2, 0.0, [0, 1, 2])
    assert scores == [3.0, 2.0, 0.9]


def test_top_k_is_the_opening_then_centrality() -> None:
    document = doc(
        "The farm grows apples and pears.",
        "Apples from the farm sell at the market.",
        "Pears ripen later than apples on the farm.",
        "The market opens on Saturday.",
        "Rain fell.",
        "The farm sells apples and pears at the market on Saturday.",
    )
    centrality = LexRank(opening=0).rank(document)
    scores = LexRank(opening=2).rank(document)
    picks = top(scores, 2)
    assert [scores[i] for i in picks] == [3.0, 2.0]
    rest = [i for i in range(len(scores)) if i not in picks]
    best = max(centrality)
    assert [scores[i] for i in rest] == pytest.approx([centrality[i] / best for i in rest])


def test_copies_of_a_pick_share_its_score_and_the_opening_moves_on() -> None:
    centrality = [1.0, 1.0, 0.5, 0.2]  # sentences 0 and 1 are copies (group 0)
    same = [0, 0, 1, 2]
    similarity = np.array([[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], float)
    scores = opening_scores(
        centrality, np.array(centrality), lambda j: similarity[j], 5, 0.15, same
    )
    # Three groups, so three picks however many are asked for: 4, 3, 2.
    assert scores == [4.0, 4.0, 3.0, 2.0]
