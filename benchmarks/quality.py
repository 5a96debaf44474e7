"""Summary quality on the development sets: every method, ROUGE F1, as a Markdown table.

    python benchmarks/quality.py [--data ../shared/data] [--jobs 2] [--limit K] [-m METHOD ...]

Each set is scored as its data README says: CNN news with 3 sentences, BBC news at the
reference's length, SciTLDR abstracts with 1 sentence against the best of several references.
It runs the same code as ``summarize eval``; the equivalent commands are printed too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from summarize.evaluation import EvalSettings, evaluate, read_dataset
from summarize.selection import Length

SETS = [
    ("cnndm_val.jsonl", "-n 3", EvalSettings(methods=(), length=Length("sentences", 3))),
    (
        "bbc_dev.jsonl",
        "--match-reference-length",
        EvalSettings(methods=(), match_reference_length=True),
    ),
    ("scitldr_a_test.jsonl", "-n 1", EvalSettings(methods=(), length=Length("sentences", 1))),
]
# kl (sumy's KL-Sum) is left out by default: it is roughly cubic in the number of sentences.
METHODS = ["position-centroid", "textrank", "lexrank", "lsa", "luhn", "sumbasic", "reduction"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--jobs", "-j", type=int, default=2)
    parser.add_argument("--limit", "-k", type=int, default=None)
    parser.add_argument("--method", "-m", action="append", dest="methods")
    args = parser.parse_args()
    methods = tuple(args.methods or METHODS)
    for name, options, base in SETS:
        path = args.data / name
        if not path.exists():
            print(f"skipping {name}: {path} not found", file=sys.stderr)
            continue
        settings = EvalSettings(methods, base.length, base.match_reference_length)
        report = evaluate(read_dataset(path, args.limit), settings, jobs=args.jobs, dataset=name)
        flags = " ".join(f"-m {m}" for m in methods)
        limit = f" --limit {args.limit}" if args.limit else ""
        print(f"\n**{name}**, {report.records} records, {report.length}:\n")
        print(f"    summarize eval {path} {flags} {options}{limit} -j {args.jobs}\n")
        print("| method | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | rank seconds |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for result in report.results:
            f1 = [100 * result.scores[m].f1 for m in ("rouge1", "rouge2", "rougeLsum")]
            row = f"| {result.method} | {f1[0]:.2f} | {f1[1]:.2f} | {f1[2]:.2f}"
            print(f"{row} | {result.seconds:.2f} |")


if __name__ == "__main__":
    main()
