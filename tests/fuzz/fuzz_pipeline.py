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
    import summarize.pipeline
    import summarize.selection
    import summarize.sources
    import summarize.text.segment
    from harness import check_one_input


def main() -> None:
    check_one_input(b"\x00\x00Warm up. Load every module before fuzzing starts.")
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
