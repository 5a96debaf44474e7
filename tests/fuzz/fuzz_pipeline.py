"""Coverage-guided fuzzing of the text pipeline with atheris (libFuzzer).

    python tests/fuzz/fuzz_pipeline.py NEW_CORPUS_DIR tests/fuzz/corpus -max_total_time=60

libFuzzer writes new interesting inputs to the first directory, so pass a scratch directory
first to keep the repository's corpus unchanged (or the corpus itself to grow it). A crash is
written as ``crash-*`` (see ``-artifact_prefix``); copy it into ``corpus/`` so that
``test_fuzz_corpus.py`` keeps it as a regression test.
"""

from __future__ import annotations

import os
import sys

import atheris

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

with atheris.instrument_imports(include=["summarize"]):
    from harness import METHODS, check_one_input

    # Import every module the target can reach (some are imported lazily) while instrumenting.
    for number in range(len(METHODS)):
        check_one_input(bytes([number, 0]) + b"Warm up. Load every module before fuzzing.")


def main() -> None:
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
