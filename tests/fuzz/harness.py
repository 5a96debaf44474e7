"""The fuzz target: bytes in, a summary or a SummarizeError out, and nothing else.

Shared by the atheris runner (``fuzz_pipeline.py``) and by ``test_fuzz_corpus.py``, which
replays every file of ``corpus/`` (crashes the fuzzer found included) as a regression test.

The first two bytes choose the options; the rest is the input file, decoded as the command
decodes it.
"""

from __future__ import annotations

import math
import warnings

from summarize import SummarizeError, summarize
from summarize.sources import decode
from summarize.text.segment import segment

METHODS = ("lead", "random", "lead", "random", "luhn", "sumbasic")


def check_one_input(data: bytes) -> None:
    """Run the read -> segment -> rank -> select pipeline on ``data``; assert its invariants."""
    if len(data) < 2:
        return
    choice, amount, payload = data[0], data[1], data[2:]
    method = METHODS[choice % len(METHODS)]
    kind = (choice // len(METHODS)) % 4
    options: dict[str, float | int] = {}
    if kind == 1:
        options["sentences"] = amount % 10 + 1
    elif kind == 2:
        options["ratio"] = (amount % 100 + 1) / 100
    elif kind == 3:
        options["words"] = amount + 1
    order = "score" if choice & 0x80 else "document"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            text = decode(payload, "fuzz")
            summary = summarize(text, method=method, order=order, **options)  # type: ignore[arg-type]
        except SummarizeError:
            return
        document = segment(text, summary.language)
    assert summary.sentence_count == len(document.sentences)
    seen = set()
    for chosen in summary.sentences:
        assert chosen.index not in seen
        seen.add(chosen.index)
        assert document.sentences[chosen.index].text == chosen.text
        assert math.isfinite(chosen.score)
    if "words" in options:
        assert sum(len(s.text.split()) for s in summary.sentences) <= options["words"]
    elif summary.sentence_count:
        assert len(summary.sentences) >= 1
