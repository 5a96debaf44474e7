"""A big document's sentences found by two processes are the ones one process finds.

Run by ``test_two_cores.py``, each test in a fresh process: earlier tests leave threads behind
(Dask's client), and a process with threads never forks.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import forked
from summarize.document import Document
from summarize.text import two_cores
from summarize.text.masking import pairs_nothing
from summarize.text.segment import segment, split_sentences
from summarize.text.sentence_words import SentenceWords, sentence_words
from summarize.text.sentences import raw_ends
from summarize.text.splitting import unit_ends_of

from .conftest import SAMPLES, shared_data

# The module, not the function ``summarize.text.segment`` that the package exports.
segmenting = importlib.import_module("summarize.text.segment")


@pytest.fixture
def on_two_cores() -> Iterator[None]:
    assert forked.can_fork(), f"threads left running by earlier tests: {threading.enumerate()}"
    segmenting.split_big_documents(True)
    yield
    segmenting.split_big_documents(False)


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def _samples_text(at_least: int) -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    joined = "\n\n".join(texts)
    return "\n\n".join([joined] * (at_least // len(joined) + 1))


def _divided(text: str, whole_text_ends: bool = False) -> SentenceWords | None:
    """The two-process result alone: None when the division was refused or failed. Each part
    finds sentencex's ends itself where sentencex pairs nothing in the text, unless
    ``whole_text_ends``, as the command does."""
    unit_ends, unit_paragraphs = unit_ends_of(text)
    raw = None if pairs_nothing(text) and not whole_text_ends else raw_ends(text, "english")
    return two_cores._divided_words(text, "english", unit_ends, unit_paragraphs, raw)


pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="a second core is used on Linux only, and needs two cores",
)


@pytest.mark.slow
def test_war_and_peace_on_two_cores_is_the_same_document(on_two_cores: None) -> None:
    text = shared_data("books/pg2600_war_and_peace.txt").read_text(encoding="utf-8")
    assert pairs_nothing(text)  # so each part finds sentencex's ends itself
    halves = _divided(text)
    assert halves is not None  # the child did its part, and the parts agreed
    serial = sentence_words(text, split_sentences(text), "english")
    assert halves == serial
    assert _divided(text, whole_text_ends=True) == serial
    assert len(halves.texts) > 30_000
    two = segment(text)
    segmenting.split_big_documents(False)
    assert two == segment(text)
    assert _no_children_left()


def test_the_samples_many_times_over_are_the_same_document(on_two_cores: None) -> None:
    text = _samples_text(two_cores.TWO_CORES_FROM)
    halves = _divided(text)
    assert halves is not None
    assert halves == sentence_words(text, split_sentences(text), "english")
    assert two_cores.words_on_two_cores(text, "english") == halves
    assert _divided(text, whole_text_ends=True) == halves


def test_a_text_below_the_threshold_is_done_in_one_process(on_two_cores: None) -> None:
    text = _samples_text(1000)
    assert len(text) < two_cores.TWO_CORES_FROM
    assert two_cores.words_on_two_cores(text, "english") is None


# Paragraphs of quotes, list markers, abbreviations, ellipses and unclosed brackets: what makes
# a boundary depend on what comes before it, or after.
_PIECES = st.sampled_from(
    [
        "The cat sat. ",
        '"Stop." He left. ',
        "'Go on,' she said. ",
        "Mr. Smith came (late. ",
        "1. The first item ",
        "2) the second ",
        "Wait... Nobody came. ",
        "Yahoo! in the news? yes. ",
        "\n",
        "\n\n",
        "\n\n   ",
        "a line of verse\n",
        '"He said: ',
        ") ",
        # Quotes that sentencex pairs however far apart they are.
        "the boys' room. ",
        "It\u2019s late. ",
        "\u2018Quoted ",
        "ends\u2019 here. ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, min_size=20, max_size=200))
def test_any_division_gives_the_same_sentences_or_none(pieces: list[str]) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        # Tiny overlaps, so that the two processes can disagree and the check must see it.
        patch.setattr(two_cores, "TWO_CORES_FROM", 0)
        patch.setattr(two_cores, "_OVERLAP", 40)
        halves = _divided(text)
        expected = sentence_words(text, split_sentences(text), "english")
        assert halves is None or halves == expected
        assert two_cores.words_on_two_cores(text, "english") == expected
        segmenting.split_big_documents(True)
        try:
            assert segment(text) == _serial(text)
        finally:
            segmenting.split_big_documents(False)
    assert _no_children_left()


def test_a_quote_paired_across_the_division_is_paired_in_both_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sentencex does not end a sentence between two single low quotation marks, however far
    # apart: each part must be given the whole text's boundaries, not find its own.
    monkeypatch.setattr(two_cores, "TWO_CORES_FROM", 0)
    monkeypatch.setattr(two_cores, "_OVERLAP", 200)
    paragraph = "The river rose. The bridge held. The town slept.\n\n"
    text = "It began with a \u201aword. " + paragraph * 40 + "It ended\u201a there. Done.\n"
    assert not pairs_nothing(text)
    halves = _divided(text)
    assert halves is not None
    assert halves == sentence_words(text, split_sentences(text), "english")
    assert two_cores.words_on_two_cores(text, "english") == halves
    assert len(halves.texts) == 42  # no paragraph between the quotes is divided into sentences


def _serial(text: str) -> Document:
    """``segment`` in this process alone."""
    enabled = segmenting._TWO_CORES[0]
    segmenting.split_big_documents(False)
    try:
        return segment(text)
    finally:
        segmenting.split_big_documents(enabled)


def _raise(*_: object) -> None:
    raise RuntimeError("the child failed")


def _kill_self(*_: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("failure", [_raise, _kill_self], ids=["raises", "killed"])
def test_a_failed_child_costs_nothing_but_time(
    on_two_cores: None, monkeypatch: pytest.MonkeyPatch, failure: object
) -> None:
    text = _samples_text(two_cores.TWO_CORES_FROM)
    monkeypatch.setattr(two_cores, "_later_words", failure)
    assert _divided(text) is None
    expected = sentence_words(text, split_sentences(text), "english")
    assert two_cores.words_on_two_cores(text, "english") == expected  # all done here instead
    assert segment(text) == _serial(text)
    assert _no_children_left()


def test_no_child_is_forked_beside_another_thread() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, args=(10,))
    thread.start()
    try:
        assert not forked.can_fork()
        assert forked.start(len, "abc") is None
    finally:
        stop.set()
        thread.join(10)
    # The thread's end is seen by the kernel a moment after join() returns: at most 5 s.
    deadline = time.monotonic() + 5
    while not forked.can_fork() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert forked.can_fork()


def test_a_result_comes_back_whole() -> None:
    call = forked.start(lambda words: (words.split(), {"n": 3}), "a b c")
    assert call is not None
    try:
        assert call.result() == (["a", "b", "c"], {"n": 3})
    finally:
        call.close()
    assert _no_children_left()


def test_ctrl_c_ends_the_child_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    call = forked.start(time.sleep, 30)
    assert call is not None
    try:
        time.sleep(0.2)  # the child has set its signal handlers
        os.kill(call._pid, signal.SIGINT)
        started = time.monotonic()
        assert call.result() is None
        assert time.monotonic() - started < 10
    finally:
        call.close()
    assert capfd.readouterr().err == ""
    assert _no_children_left()


def test_closing_stops_a_child_whose_result_was_not_taken() -> None:
    call = forked.start(time.sleep, 30)
    assert call is not None
    started = time.monotonic()
    call.close()
    assert time.monotonic() - started < 10
    assert _no_children_left()
