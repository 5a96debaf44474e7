"""News articles per CPU second of two checkouts, interleaved slice by slice.

    python benchmarks/articles.py --vs ../base-checkout
    python benchmarks/articles.py --vs ../base-checkout --rounds 5 --slice 25

Each checkout runs in one long-lived child process (``PYTHONPATH`` set to it) that summarises
CNN/DailyMail articles with the default method, ``summarize(text)``, as a long-running process
would. The parent hands both children the same slice of articles in turn (A B, then B A), and
each child reports the CPU seconds it spent on it. A slice takes a fraction of a second, so a
drift in the machine's speed, which swings by half over minutes on a shared machine, touches
both checkouts alike; running each checkout for seconds at a time, as ``speed.py --vs`` does,
leaves the ratio to the luck of the minute.

Both children see the articles in the same order, so their caches (terms, stop words) fill
alike; ``--rounds`` passes over the articles again, as a process that has seen their words.
The table gives the documents per CPU second over all slices, their ratio, and the median and
quartiles of the slices' own ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from speed import compile_checkouts  # this folder's benchmarks/speed.py

ROOT = Path(__file__).resolve().parents[1]
CNN = ROOT / ".." / "shared" / "data" / "cnndm_val.jsonl"


def child(data: str, count: int, language: str) -> None:
    """Summarise the slices the parent asks for (``START END`` lines) and answer each with its
    CPU seconds; runs in a child whose ``summarize`` is the checkout's."""
    from summarize.pipeline import summarize

    with open(data, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(count), strict=False)]
    summarize(texts[0], language=language)  # the imports, as a long-running process has them
    print(len(texts), flush=True)
    for request in sys.stdin:
        start, end = map(int, request.split())
        cpu = time.process_time()
        for text in texts[start:end]:
            summarize(text, language=language)
        print(time.process_time() - cpu, flush=True)


class _Child:
    """One checkout's child process and the conversation with it."""

    def __init__(self, checkout: Path, count: int, language: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(checkout), "SUMMARIZE_NO_PLUGINS": "1"}
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(variable, "1")  # as the command sets them
        command = [sys.executable, __file__, "--child", str(CNN), str(count), language]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=checkout, env=env
        )
        self.count = int(self._answer())

    def _answer(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the child of {self.process.args!r} stopped")
        return line

    def cpu(self, start: int, end: int) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{start} {end}\n")
        self.process.stdin.flush()
        return float(self._answer())

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def compare(base: Path, count: int, size: int, rounds: int, language: str) -> str:
    """The table row of one language setting: base and ours over the same slices."""
    children = [_Child(base, count, language), _Child(ROOT, count, language)]
    try:
        total = min(c.count for c in children)
        slices = [(start, min(start + size, total)) for start in range(0, total, size)] * rounds
        times: list[list[float]] = [[], []]
        for number, (start, end) in enumerate(slices):
            for which in (0, 1) if number % 2 == 0 else (1, 0):
                times[which].append(children[which].cpu(start, end))
    finally:
        for c in children:
            c.close()
    base_rate, our_rate = (total * rounds / sum(t) for t in times)
    ratios = sorted(b / o for b, o in zip(*times, strict=True))
    low, middle, high = statistics.quantiles(ratios, n=4)
    return (
        f"| {language} | {total * rounds:,} | {len(ratios)} | {base_rate:,.0f} | {our_rate:,.0f} "
        f"| **{our_rate / base_rate:.2f}x** | {middle:.2f}x ({low:.2f}-{high:.2f}) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vs", type=Path, help="the other checkout (the base)")
    parser.add_argument("--articles", type=int, default=1000, help="distinct articles read")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the articles")
    parser.add_argument("--slice", type=int, default=25, help="articles a slice")
    parser.add_argument("--languages", default="auto,english", help="language settings")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        data, count, language = options.child
        child(data, int(count), language)
        return
    if options.vs is None:
        parser.error("--vs CHECKOUT is needed")
    if not CNN.exists():
        sys.exit(f"articles: {CNN} is missing")
    base = options.vs.resolve()
    compile_checkouts([base, ROOT])
    print(f"base {base}, ours {ROOT}; CNN/DailyMail articles, default method, slices in turn")
    print()
    print(
        "| language | articles | slices | base docs per CPU s | ours docs per CPU s "
        "| speed-up | slices' speed-up, median (quartiles) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for language in options.languages.split(","):
        row = compare(base, options.articles, options.slice, options.rounds, language)
        print(row, flush=True)


if __name__ == "__main__":
    main()
