"""--explain: every built-in method's features, scores unchanged, third-party backends unchanged."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from summarize.analysis.explain import attach_features, features_of
from summarize.analysis.insight import Insight, summarize_with_insight
from summarize.backends.registry import BUILTINS, get_backend
from summarize.document import Document
from summarize.errors import SummarizeError
from summarize.pipeline import summarize_document
from summarize.selection import Length
from summarize.text.segment import segment

from .conftest import Runner

TEXT = (
    "The city council approved a new budget for public parks on Monday. "
    "The budget adds money for parks, playgrounds and trees across the city. "
    "Council members said the parks budget was the largest in a decade. "
    "One member voted against the plan. "
    "Residents had asked the council for more trees and cleaner parks for years. "
    "The weather on Monday was mild. "
    "The budget adds money for parks, playgrounds and trees across the city. "
    "Work on the first playground starts in spring, the council said."
)

EXPECTED = {
    "position-centroid": {
        "centrality",
        "centroid_similarity",
        "textrank",
        "position_prior",
        "length_prior",
        "opening",
    },
    "lead": {"position"},
    "random": {"position", "draw"},
    "textrank": {"pagerank", "degree", "strength"},
    "lexrank": {"centrality", "degree", "length_prior", "opening", "redundancy"},
    "lsa": {"latent_length", "terms"},
}


@pytest.mark.parametrize("method", list(BUILTINS))
def test_every_builtin_explains_with_finite_features_and_the_same_scores(method: str) -> None:
    document = segment(TEXT)
    length = Length("sentences", 3)
    plain = summarize_document(document, get_backend(method), length)
    explained = summarize_with_insight(
        document, get_backend(method), length, "document", Insight(explain=True)
    )
    assert [(s.index, s.score, s.rank) for s in explained.sentences] == [
        (s.index, s.score, s.rank) for s in plain.sentences
    ]
    assert explained.method == plain.method == method
    assert all(s.features is None for s in plain.sentences)
    expected = EXPECTED.get(method, {"rating"})  # sumy's methods give their rating
    for sentence in explained.sentences:
        assert sentence.features is not None
        assert set(sentence.features) == expected
        assert all(math.isfinite(v) for v in sentence.features.values())
    if expected == {"rating"}:
        assert all(s.features == {"rating": s.score} for s in explained.sentences)
    # every sentence's score is kept for the score line, and the chosen ones agree with it
    assert len(explained.scores) == len(document.sentences)
    assert all(explained.scores[s.index] == s.score for s in explained.sentences)


def _features(method: str, document: Document) -> tuple[list[float], list[dict[str, float]]]:
    backend = get_backend(method)
    scores = [float(s) for s in backend.rank(document)]
    features = features_of(backend, document, scores)
    assert features is not None
    return scores, features


def test_position_centroid_features_make_its_scores() -> None:
    document = segment(TEXT)
    scores, features = _features("position-centroid", document)
    for score, f in zip(scores, features, strict=True):
        if f["opening"]:
            made = 1 + f["centrality"] * f["position_prior"] * f["length_prior"]
            assert score == pytest.approx(made)
        else:
            assert score == pytest.approx(f["centrality"])
    assert sum(f["opening"] for f in features) == 3
    assert [f["position_prior"] for f in features] == sorted(
        (f["position_prior"] for f in features), reverse=True
    )


def test_textrank_pagerank_is_the_score_and_degree_counts_sharing_sentences() -> None:
    document = segment("Cats chase mice. Mice fear cats. Dogs bark loudly. Cats sleep.")
    scores, features = _features("textrank", document)
    assert [f["pagerank"] for f in features] == scores
    assert [f["degree"] for f in features] == [2.0, 2.0, 0.0, 2.0]
    assert features[2]["strength"] == 0.0


def test_lexrank_redundancy_is_zero_for_the_first_pick_and_a_cosine_after() -> None:
    document = segment(TEXT)
    scores, features = _features("lexrank", document)
    opening = sorted((i for i, f in enumerate(features) if f["opening"]), key=lambda i: -scores[i])
    # three picks, one of which (sentence 1) has a copy further on (sentence 6)
    assert opening == [0, 2, 1, 6]
    assert features[6] == features[1]
    assert features[opening[0]]["redundancy"] == 0.0
    assert all(0.0 <= features[i]["redundancy"] <= 1.0 + 1e-9 for i in opening)
    assert all(f["redundancy"] == 0.0 for f in features if not f["opening"])


def test_lead_explains_by_position() -> None:
    document = segment(TEXT)
    _, features = _features("lead", document)
    assert [f["position"] for f in features] == [float(i + 1) for i in range(len(features))]


class _ThirdParty:
    """A backend written before explain existed: no explain method."""

    name = "third-party"
    description = "Scores by length."

    def rank(self, document: Document) -> Sequence[float]:
        return [float(len(s.tokens)) for s in document.sentences]


class _BadExplainer(_ThirdParty):
    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        return [{"length": s, "broken": math.nan} for s in scores][:1]


class _NaNExplainer(_ThirdParty):
    def explain(self, document: Document, scores: Sequence[float]) -> list[dict[str, float]]:
        return [{"length": s, "broken": math.inf} for s in scores]


def test_a_backend_without_explain_works_unchanged() -> None:
    document = segment(TEXT)
    length = Length("sentences", 2)
    plain = summarize_document(document, _ThirdParty(), length)
    explained = summarize_with_insight(
        document, _ThirdParty(), length, "document", Insight(explain=True)
    )
    assert [(s.index, s.score) for s in explained.sentences] == [
        (s.index, s.score) for s in plain.sentences
    ]
    assert all(s.features is None for s in explained.sentences)


def test_explain_with_the_wrong_number_of_rows_is_an_error() -> None:
    document = segment(TEXT)
    with pytest.raises(SummarizeError, match="explained 1 sentences of 8"):
        summarize_with_insight(
            document, _BadExplainer(), Length("sentences", 2), "document", Insight(explain=True)
        )


def test_values_that_are_not_finite_are_left_out() -> None:
    document = segment(TEXT)
    summary = summarize_document(document, _NaNExplainer(), Length("sentences", 2))
    features = features_of(_NaNExplainer(), document, [1.0] * len(document.sentences))
    attached = attach_features(summary, features)
    assert all(s.features == {"length": 1.0} for s in attached.sentences)
    assert [s.score for s in attached.sentences] == [s.score for s in summary.sentences]


def test_features_appear_in_the_json_shape_only_when_asked() -> None:
    document = segment(TEXT)
    length = Length("sentences", 2)
    plain = summarize_document(document, get_backend("lead"), length).to_dict()
    explained = summarize_with_insight(
        document, get_backend("lead"), length, "document", Insight(explain=True, keyphrases=3)
    ).to_dict()
    assert all("features" not in s for s in plain["sentences"])  # type: ignore[attr-defined]
    assert [s["features"] for s in explained["sentences"]] == [  # type: ignore[attr-defined]
        {"position": 1.0},
        {"position": 2.0},
    ]
    assert len(explained["keyphrases"]) == 3  # type: ignore[arg-type]


# --- through the command line ---------------------------------------------------------------


@pytest.mark.parametrize("method", list(BUILTINS))
def test_cli_explain_adds_features_and_keeps_the_scores(
    run: Runner, tmp_path: Path, method: str
) -> None:
    path = tmp_path / "parks.txt"
    path.write_text(TEXT, encoding="utf-8")
    plain = run(str(path), "-m", method, "-f", "json", "-n", "3")
    explained = run(str(path), "-m", method, "-f", "json", "-n", "3", "--explain")
    assert plain.exit_code == explained.exit_code == 0, explained.stderr
    assert explained.stderr == ""
    before, after = json.loads(plain.stdout), json.loads(explained.stdout)
    strip = [{k: v for k, v in s.items() if k != "features"} for s in after["sentences"]]
    assert strip == before["sentences"]
    for sentence in after["sentences"]:
        assert sentence["features"]
        assert all(math.isfinite(v) for v in sentence["features"].values())
    assert len(after["scores"]) == after["sentence_count"]
    assert "scores" not in before and "features" not in before["sentences"][0]


def test_cli_explain_in_plain_and_markdown(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "parks.txt"
    path.write_text(TEXT, encoding="utf-8")
    plain = run(str(path), "--explain", "-n", "2", "-f", "plain")
    assert plain.exit_code == 0
    lines = plain.stdout.splitlines()
    assert len(lines) == 4
    assert lines[1].startswith("    rank ") and "centrality " in lines[1]
    markdown = run(str(path), "--explain", "-n", "2", "-f", "markdown").stdout
    assert "## Why these sentences" in markdown
    assert "| sentence | rank | score | centrality |" in markdown


def test_plain_runs_do_not_load_the_analysis_modules(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(sys.modules):
        if name.startswith(("summarize.analysis", "summarize.output.insight")):
            monkeypatch.delitem(sys.modules, name)
    path = tmp_path / "parks.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert run(str(path), "-f", "json").exit_code == 0
    assert not [n for n in sys.modules if n.startswith("summarize.analysis")]
    assert run(str(path), "--explain", "-f", "json").exit_code == 0
    assert "summarize.analysis.explain" in sys.modules
