"""The library API: ``from summarize import summarize``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

import pytest

from summarize import (
    Document,
    EmptyInputError,
    Summary,
    UnknownMethodError,
    UsageError,
    summarize,
)

TEXT = (
    "Rivers carry water to the sea. Bridges let people cross rivers. "
    "Old bridges need repair after floods. The town repaired its bridge in May. "
    "Everyone crossed the new bridge on opening day."
)


def test_summary_holds_sentences_positions_scores_and_ranks() -> None:
    result = summarize(TEXT, sentences=2, method="lead")
    assert isinstance(result, Summary)
    assert result.sentence_count == 5
    assert [s.index for s in result] == [0, 1]
    assert [s.rank for s in result] == [1, 2]
    assert result.sentences[0].score > result.sentences[1].score
    assert TEXT[result.sentences[1].start : result.sentences[1].end] == result.sentences[1].text
    assert result.text == "Rivers carry water to the sea.\nBridges let people cross rivers."


def test_a_backend_object_can_be_passed_directly() -> None:
    class Shortest:
        name = "shortest"
        description = "Prefers short sentences."

        def rank(self, document: Document) -> Sequence[float]:
            return [-len(s.text) for s in document.sentences]

    result = summarize(TEXT, sentences=1, method=Shortest())
    assert result.method == "shortest"
    assert result.text == "Rivers carry water to the sea."


def test_duplicate_sentences_are_selected_once() -> None:
    text = "Subscribe to our newsletter. " * 4 + TEXT
    result = summarize(text, sentences=3, method="lead")
    assert [s.text for s in result].count("Subscribe to our newsletter.") == 1


def test_errors_are_exceptions_not_exits() -> None:
    with pytest.raises(EmptyInputError):
        summarize("   ")
    with pytest.raises(UnknownMethodError):
        summarize(TEXT, method="nope")
    with pytest.raises(UsageError):
        summarize(TEXT, sentences=2, words=10)


def test_to_dict_is_the_json_shape() -> None:
    data = summarize(TEXT, sentences=1, method="lead", source="t.txt").to_dict()
    assert data["source"] == "t.txt" and data["method"] == "lead"
    assert data["sentences"] == [
        {
            "index": 0,
            "text": "Rivers carry water to the sea.",
            "score": 5.0,
            "rank": 1,
            "start": 0,
            "end": 30,
        }
    ]


def test_every_public_name_resolves_without_loading_the_command() -> None:
    # A fresh interpreter: importing the package must not load the command line (Typer, Rich),
    # and every name in __all__ must resolve to the object its module defines.
    code = (
        "import sys, summarize\n"
        "assert 'typer' not in sys.modules and 'numpy' not in sys.modules, 'loaded too much'\n"
        "for name in summarize.__all__:\n"
        "    getattr(summarize, name)\n"
        "from summarize.pipeline import summarize as function\n"
        "assert summarize.summarize is function\n"
        "assert 'typer' not in sys.modules\n"
    )
    _passes_in_a_fresh_interpreter(code)


def test_the_default_method_loads_numpy_only_when_it_ranks() -> None:
    # A big document's segmentation loads numpy while its forked child finishes (the ranking
    # needs it next); that works only if choosing the method does not load it first.
    code = (
        "import sys\n"
        "from summarize.backends.registry import get_backend\n"
        "from summarize.options import DEFAULT_METHOD\n"
        "backend = get_backend(DEFAULT_METHOD)\n"
        "assert 'numpy' not in sys.modules, 'numpy loaded with the method'\n"
        "from summarize import summarize\n"
        "summarize('Rivers carry water. The sea is salt. Rain falls on hills.', sentences=1)\n"
        "assert 'numpy' in sys.modules\n"
    )
    _passes_in_a_fresh_interpreter(code)


def _passes_in_a_fresh_interpreter(code: str) -> None:
    """``code`` runs in a new Python process, with nothing loaded before it, and exits 0."""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    import summarize as package

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = package.no_such_name  # type: ignore[attr-defined]
