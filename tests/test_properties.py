"""Properties that hold for any text and any options, checked with Hypothesis.

Two profiles: ``dev`` (the default, quick) and ``ci`` (at least 2,000 examples per property),
chosen with the environment variable ``SUMMARIZE_HYPOTHESIS_PROFILE``. The profile is applied to
the tests of this module only.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summarize import EmptyInputError, InputError, Summary, UsageError, summarize
from summarize.cli import run_cli
from summarize.selection import word_count
from summarize.sources import decode, read_bytes
from summarize.text.detect import choose_language
from summarize.text.segment import segment

settings.register_profile(
    "dev",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning", "ignore::RuntimeWarning")
PROFILE = settings.get_profile(os.environ.get("SUMMARIZE_HYPOTHESIS_PROFILE", "dev"))
SUMY_EXAMPLES = max(100, PROFILE.max_examples)

# --- Strategies -------------------------------------------------------------------------------

WORD = st.text(alphabet=st.characters(categories=["Lu", "Ll", "Lo", "Nd"]), min_size=1, max_size=12)
END = st.sampled_from([".", "!", "?", "。", "…", "", ".\u201d", "?!"])
SPACE = st.sampled_from([" ", "  ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\t", "\u00a0"])


@st.composite
def prose(draw: st.DrawFn, max_sentences: int = 30) -> str:
    """Sentence-like text: words, end punctuation, all kinds of line ending and spacing."""
    sentences = draw(
        st.lists(
            st.tuples(st.lists(WORD, min_size=1, max_size=15), END, SPACE),
            min_size=0,
            max_size=max_sentences,
        )
    )
    parts = []
    for words, end, space in sentences:
        parts.append(" ".join(words) + end + space)
    if draw(st.booleans()) and parts:  # repeat a sentence: duplicates must be handled
        parts.append(draw(st.sampled_from(parts)))
    return "".join(parts)


TEXT = st.one_of(
    st.text(max_size=200), prose(max_sentences=15), st.text(alphabet=" \n\r\t.!?-*#1", max_size=60)
)

LENGTH = st.one_of(
    st.builds(lambda n: {"sentences": n}, st.integers(1, 12)),
    st.builds(lambda r: {"ratio": r}, st.floats(0.01, 1.0)),
    st.builds(lambda w: {"words": w}, st.integers(1, 200)),
    st.just({}),
)
ORDER = st.sampled_from(["document", "score"])


def _supported(names: list[str]) -> list[str]:
    supported = []
    for name in names:
        try:
            choose_language("", name)
        except UsageError:
            continue
        supported.append(name)
    return supported


LANGUAGE = st.sampled_from(
    _supported(["auto", "english", "en", "german", "french", "russian", "japanese", "zh"])
)


# --- Checks shared by the properties ----------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def check_summary(
    text: str, summary: Summary, options: dict[str, Any], order: str, language: str
) -> None:
    """Every invariant a summary of ``text`` must satisfy."""
    document = segment(text, choose_language(text, language), "<text>")
    sentences = document.sentences
    assert summary.sentence_count == len(sentences)
    indices = [s.index for s in summary.sentences]
    assert len(set(indices)) == len(indices), "a sentence chosen twice"
    for chosen in summary.sentences:
        assert 0 <= chosen.index < len(sentences)
        original = sentences[chosen.index]
        assert chosen.text == original.text, "not the input's sentence at that index"
        assert " ".join(text[chosen.start : chosen.end].split()) == chosen.text
        assert math.isfinite(chosen.score)
        assert 1 <= chosen.rank <= len(sentences)
    if order == "document":
        assert indices == sorted(indices)
    else:
        ranks = [s.rank for s in summary.sentences]
        assert ranks == sorted(ranks)
    keys = [_key(s.text) for s in summary.sentences]
    assert len(set(keys)) == len(keys), "duplicate sentences in the summary"

    unique: dict[str, int] = {}
    for s in sentences:
        unique.setdefault(_key(s.text), s.index)
    count = len(summary.sentences)
    if "words" in options:
        budget = options["words"]
        used = sum(word_count(s.text) for s in summary.sentences)
        assert used <= budget
        chosen_keys = set(keys)
        for key, index in unique.items():
            if key not in chosen_keys:  # greedy is maximal: nothing left out would still fit
                assert word_count(sentences[index].text) > budget - used
    elif "ratio" in options:
        wanted = max(1, math.floor(options["ratio"] * len(sentences) + 0.5))
        assert count == min(wanted, len(unique))
    else:
        assert count == min(options.get("sentences", 3), len(unique))


def run_summary(
    text: str, method: str, options: dict[str, Any], order: str, language: str
) -> Summary | None:
    try:
        return summarize(text, method=method, order=order, language=language, **options)  # type: ignore[arg-type]
    except EmptyInputError:
        assert not segment(text, choose_language(text, language)).sentences
        return None


# --- Properties -------------------------------------------------------------------------------


@settings(PROFILE)
@given(
    text=TEXT,
    method=st.sampled_from(["lead", "random"]),
    options=LENGTH,
    order=ORDER,
    language=LANGUAGE,
)
def test_fast_methods_obey_every_invariant(
    text: str, method: str, options: dict[str, Any], order: str, language: str
) -> None:
    summary = run_summary(text, method, options, order, language)
    if summary is not None:
        check_summary(text, summary, options, order, language)
        assert summary == run_summary(text, method, options, order, language), "not deterministic"


SUMY_METHODS = ["textrank", "lexrank", "lsa", "luhn", "sumbasic", "kl", "reduction"]


@settings(PROFILE, max_examples=SUMY_EXAMPLES)
@given(
    text=st.one_of(prose(max_sentences=8), st.text(max_size=120)),
    method=st.sampled_from(SUMY_METHODS),
    options=LENGTH,
    order=ORDER,
)
def test_sumy_methods_obey_every_invariant(
    text: str, method: str, options: dict[str, Any], order: str
) -> None:
    summary = run_summary(text, method, options, order, "english")
    if summary is not None:
        check_summary(text, summary, options, order, "english")


@settings(PROFILE)
@given(
    sentences=st.one_of(st.none(), st.integers(-5, 5)),
    ratio=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    words=st.one_of(st.none(), st.integers(-5, 5)),
)
def test_bad_lengths_are_usage_errors(
    sentences: int | None, ratio: float | None, words: int | None
) -> None:
    try:
        summary = summarize(
            "One sentence here. Another one there.",
            method="lead",
            sentences=sentences,
            ratio=ratio,
            words=words,
        )
    except UsageError:
        return
    given_options = [v for v in (sentences, ratio, words) if v is not None]
    assert len(given_options) <= 1
    assert len(summary) >= 1 or words is not None


@settings(PROFILE)
@given(
    data=st.binary(max_size=2000),
    encoding=st.sampled_from([None, None, "latin-1", "utf-16", "cp1252", "ascii"]),
)
def test_any_bytes_decode_or_are_refused(data: bytes, encoding: str | None) -> None:
    try:
        text = decode(data, "input", encoding)
    except InputError:
        return
    assert isinstance(text, str)


@settings(PROFILE)
@given(text=st.text(max_size=500))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    assume("\x00" not in text)
    try:
        decoded = decode(text.encode("utf-8"), "input")
    except InputError as error:  # only text that is mostly control characters is refused
        assert "control characters" in str(error)
        return
    assert decoded == text.removeprefix("\ufeff")


@settings(PROFILE)
@given(size=st.integers(0, 5000), limit=st.integers(1, 5000))
def test_reads_are_bounded(size: int, limit: int) -> None:
    stream = _CountingStream(b"x" * size)
    try:
        data = read_bytes("-", stream, max_bytes=limit)  # type: ignore[arg-type]
    except InputError:
        assert size > limit
    else:
        assert size <= limit and data == b"x" * size
    assert stream.served <= limit + 1


class _CountingStream(io.BytesIO):
    served = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.served += len(chunk)
        return chunk


@settings(PROFILE)
@given(
    text=TEXT,
    method=st.sampled_from(["lead", "random"]),
    args=st.lists(
        st.sampled_from(
            [
                ["-n", "2"],
                ["-r", "0.5"],
                ["-w", "20"],
                ["--order", "score"],
                ["-f", "json"],
                ["-f", "jsonl"],
                ["-f", "markdown"],
                ["-l", "english"],
                ["-n", "0"],
                ["-r", "2"],
            ]
        ),
        max_size=3,
    ),
)
def test_command_never_shows_a_traceback(text: str, method: str, args: list[list[str]]) -> None:
    argv = ["-m", method, *[a for pair in args for a in pair], "-"]
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run_cli(argv)
    finally:
        sys.stdin = old_stdin
    assert code in (0, 1, 2), err.getvalue()
    lines = err.getvalue().splitlines()
    if code == 0:
        assert lines == [] or all(line.startswith("summarize: warning: ") for line in lines)
    else:
        assert len(lines) == 1 and lines[0].startswith("summarize: "), lines
        assert out.getvalue() == ""
