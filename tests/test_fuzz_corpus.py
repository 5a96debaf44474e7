"""Every file in tests/fuzz/corpus, crashes the fuzzer once found included, still passes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))

from harness import check_one_input

CORPUS = sorted((Path(__file__).parent / "fuzz" / "corpus").iterdir())


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file(path: Path) -> None:
    check_one_input(path.read_bytes())
