"""A big text's second half on another core (a real forked child) gives the same document."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize.text import second_core, sentence_words
from summarize.text.segment import segment, split_sentences
from summarize.text.sentence_words import SECOND_CORE_SENTENCES

from .conftest import shared_data

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _big_text(odd: str = "") -> str:
    """The samples, numbered and repeated to well over SECOND_CORE_SENTENCES sentences, with
    non-ASCII words and ``odd`` in the second half."""
    parts = sorted(path.read_text(encoding="utf-8") for path in SAMPLES.glob("*.txt"))
    copies = []
    for number in range(60):
        extra = f"The café in Ωmega street stayed open{odd}. " if number > 30 else ""
        copies.append(f"Part {number}\n\n{extra}" + "\n\n".join(parts))
    return "\n\n".join(copies)


@pytest.fixture
def second_core_allowed() -> Iterator[None]:
    second_core.allow_second_core()
    try:
        yield
    finally:
        second_core.allow_second_core(False)


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.mark.skipif(not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="needs fork")
class TestSecondCore:
    @pytest.mark.parametrize("odd", ["", " \x00 with a NUL"])
    def test_the_document_is_the_one_made_in_one_process(
        self, second_core_allowed: None, odd: str
    ) -> None:
        text = _big_text(odd)
        assert len(split_sentences(text)) > 1.2 * SECOND_CORE_SENTENCES
        assert second_core.available()
        forked = segment(text)
        second_core.allow_second_core(False)
        assert segment(text) == forked
        assert _no_children_left()

    def test_a_book_is_the_same(self, second_core_allowed: None) -> None:
        text = shared_data("books/pg2600_war_and_peace.txt").read_text(encoding="utf-8")
        forked = segment(text)
        second_core.allow_second_core(False)
        assert segment(text) == forked

    def test_a_failing_child_leaves_the_half_to_this_process(
        self, second_core_allowed: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        text = _big_text()
        expected = segment(text)
        calls = []
        monkeypatch.setattr(sentence_words, "_pack", lambda *_: calls.append(1) or 1 / 0)
        assert segment(text) == expected
        assert calls == []  # the failure was the child's: this process never packed
        assert _no_children_left()

    def test_both_gives_the_childs_result(self) -> None:
        parent = os.getpid()
        here, there = second_core.both(os.getpid, lambda: (os.getpid(), "done"))
        assert here == parent
        assert there is not None
        assert there[0] != parent and there[1] == "done"

    def test_a_killed_child_gives_none(self) -> None:
        def die() -> None:
            os.kill(os.getpid(), signal.SIGKILL)

        assert second_core.both(lambda: "mine", die) == ("mine", None)
        assert _no_children_left()

    def test_an_error_here_ends_the_child_too(self) -> None:
        def fail() -> None:
            raise RuntimeError("here")

        with pytest.raises(RuntimeError, match="here"):
            second_core.both(fail, lambda: threading.Event().wait(30))
        assert _no_children_left()

    def test_not_with_another_thread_running(self, second_core_allowed: None) -> None:
        assert second_core.available()
        stop = threading.Event()
        other = threading.Thread(target=stop.wait, args=(10,))
        other.start()
        try:
            assert not second_core.available()
        finally:
            stop.set()
            other.join()


def test_not_allowed_by_default() -> None:
    assert not second_core.available()
