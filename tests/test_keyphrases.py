"""Key phrases: candidates, surface forms, determinism, a reference PositionRank, and quality."""

from __future__ import annotations

import functools
import json
import re
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest

from summarize.analysis import keyphrases as kp
from summarize.analysis.keyphrases import keyphrases, rank_phrases
from summarize.document import Document
from summarize.text.segment import segment
from summarize.text.words import stop_words

from .conftest import Runner, shared_data

TEXT = (
    "Neural networks are studied here. "
    "Results of neural networks on a large image collection, with stochastic gradient descent. "
    "The neural network is small; gradient descent converges quickly. "
    "Convolutional neural networks, recurrent models and multi-layer perceptrons are compared. "
    "Others build on neural networks. "
    "Version 2 release notes describe the training schedule."
)


def texts(document: Document, k: int = 10) -> list[str]:
    return [phrase.text for phrase in keyphrases(document, k)]


def test_deterministic_and_best_first() -> None:
    first = keyphrases(segment(TEXT), 10)
    second = keyphrases(segment(TEXT), 10)
    assert first == second
    scores = [phrase.score for phrase in first]
    assert scores == sorted(scores, reverse=True)
    assert len(first) == 10


def test_phrases_never_cross_a_sentence_punctuation_or_stop_word() -> None:
    document = segment(TEXT)
    stop = stop_words("english")
    found = texts(document, 50)
    assert found
    for phrase in found:
        words = phrase.split()
        assert all(word.lower() not in stop for word in words), phrase
        # the phrase stands in one sentence exactly as written: no sentence end, no comma or
        # semicolon inside it
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
        assert any(re.search(pattern, s.text, re.IGNORECASE) for s in document.sentences), phrase
    # "descent" ends a clause before a comma or a semicolon: nothing runs past it
    assert not any(p.lower().startswith("descent ") for p in found)
    assert "collection with" not in " | ".join(found)


def test_surface_form_is_the_most_frequent_spelling_and_stems_are_one_phrase() -> None:
    found = texts(segment(TEXT), 50)
    lowered = [p.lower() for p in found]
    # "neural networks" (twice, once more capitalised) and "neural network" stem alike: one
    # phrase, shown as the spelling seen most often
    assert lowered.count("neural networks") + lowered.count("neural network") == 1
    assert "neural networks" in found
    assert "Neural networks" not in found
    assert "multi-layer perceptrons" in found  # a hyphenated word stays one word


def test_words_without_letters_and_digits_end_a_phrase() -> None:
    found = texts(segment(TEXT), 50)
    assert all(not any(ch.isdigit() for ch in p) for p in found)
    assert "release notes describe" in found
    assert "Version" in found


def test_nothing_asked_or_nothing_to_find() -> None:
    assert keyphrases(segment(TEXT), 0) == ()
    assert keyphrases(Document(text="", sentences=()), 5) == ()
    assert keyphrases(segment("It is what it is."), 5) == ()


def test_long_runs_are_not_offered() -> None:
    document = segment("Quantum cryptography protocol security analysis framework overview.")
    assert all(len(p.split()) <= kp.MAX_WORDS for p in texts(document))


def test_word_scores_match_a_dense_reference() -> None:
    """PositionRank written from the paper with a dense matrix, iterated to convergence."""
    np = pytest.importorskip("numpy")
    words = kp._read(segment(TEXT))
    keys = words.keys
    nodes = sorted({k for k in keys if k is not None})
    at = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    weights = np.zeros((n, n))
    jump = np.zeros(n)
    for i, key in enumerate(keys):
        if key is None:
            continue
        jump[at[key]] += 1.0 / (i + 1)
        for j in range(i + 1, min(i + kp.WINDOW, len(keys))):
            other = keys[j]
            if other is not None and other != key:
                weights[at[key], at[other]] += 1
                weights[at[other], at[key]] += 1
    jump /= jump.sum()
    transition = weights / weights.sum(axis=1, keepdims=True)
    scores = jump.copy()
    for _ in range(1000):
        scores = (1 - kp.DAMPING) * jump + kp.DAMPING * transition.T @ scores
        scores /= scores.sum()
    got = kp._word_scores(words, kp.WINDOW, position_bias=True)
    assert [got[node] for node in nodes] == pytest.approx(list(scores), rel=1e-4)


@functools.cache
def _porter() -> Callable[[str], str]:
    from nltk.stem.porter import PorterStemmer

    stem: Callable[[str], str] = functools.cache(PorterStemmer().stem)
    return stem


def _stemmed(phrase: str) -> str:
    porter = _porter()
    return " ".join(porter(w) for w in phrase.lower().split())


def test_inspec_held_out_half_quality() -> None:
    """The held-out half of the Inspec development set, scored as its README says (F1@10)."""
    path = shared_data("keyphrases/inspec_dev.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    scores = []
    for record in records[len(records) // 2 :]:
        gold = {_stemmed(g) for g in record["keyphrases"]}
        document = segment(f"{record['title']}. {record['text']}", "english")
        predicted: list[str] = []
        for phrase in rank_phrases(document, 10):
            stem = _stemmed(phrase.text)
            if stem not in predicted:
                predicted.append(stem)
        matches = sum(p in gold for p in predicted)
        if matches:
            precision, recall = matches / len(predicted), matches / len(gold)
            scores.append(2 * precision * recall / (precision + recall))
        else:
            scores.append(0.0)
    assert 100 * statistics.mean(scores) > 30.0


def test_cli_lists_key_phrases_in_every_format(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "networks.txt"
    path.write_text(TEXT, encoding="utf-8")
    plain = run(str(path), "-k", "3", "-n", "2")
    assert plain.exit_code == 0 and plain.stderr == ""
    lines = plain.stdout.splitlines()
    assert len(lines) == 3
    expected = texts(segment(TEXT), 3)
    assert lines[-1] == "key phrases: " + ", ".join(expected)
    data = json.loads(run(str(path), "--keyphrases", "3", "-f", "json").stdout)
    assert [k["text"] for k in data["keyphrases"]] == expected
    assert all(isinstance(k["score"], float) for k in data["keyphrases"])
    markdown = run(str(path), "-k", "3", "-f", "markdown").stdout
    assert "## Key phrases\n\n" + ", ".join(expected) in markdown
    rich = run(str(path), "-k", "3", "-f", "rich").stdout
    assert "key phrases" in rich and expected[0] in " ".join(rich.split())


def test_cli_key_phrase_count_must_be_positive(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "networks.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(str(path), "-k", "0")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("summarize: ") and len(result.stderr.splitlines()) == 1
