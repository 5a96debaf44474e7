"""Many inputs: peak memory over 50 and 5,000 small files, and start-up beside another checkout.

    python benchmarks/house.py                       # memory only
    python benchmarks/house.py --baseline /tmp/base  # also start-up against that checkout

Peak memory is the resident peak (``ru_maxrss``) of one ``summarize FILES... -f jsonl`` process
(with its children) over the files; flat means the 5,000-file peak stays within 20% of the
50-file one. Start-up runs ``summarize --help`` and ``summarize seed_article.txt`` from this
checkout and from the baseline in turn (A B A B ...), and prints medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "seed_article.txt"
TEXT = (
    "The council met on Tuesday to discuss the bridge. Engineers found cracks in two piers. "
    "The state will pay most of the cost. Work starts in spring and ends next year. "
    "Residents asked for a footpath on the new crossing.\n"
)


def peak_memory(count: int, folder: Path) -> tuple[float, float]:
    """(peak MB, seconds) of one run over ``count`` small files."""
    files = []
    for i in range(count):
        path = folder / f"note{i:05d}.txt"
        if not path.exists():
            path.write_text(TEXT.replace("Tuesday", f"day {i}"))
        files.append(str(path))
    started = time.perf_counter()
    code = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "summarize", "-f", "jsonl", *files],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    assert out[1] == "0", out
    return int(out[0]) / 1024, time.perf_counter() - started


def startup(checkout: Path, args: list[str], runs: int) -> list[float]:
    times = []
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "summarize", *args],
            env=env,
            cwd=checkout,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="another checkout to compare start-up with")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print("| files | peak MB | seconds |\n| ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        peaks = {}
        for count in (50, 5000):
            peaks[count], seconds = peak_memory(count, Path(tmp))
            print(f"| {count:,} | {peaks[count]:.1f} | {seconds:.1f} |")
    print(f"\n5,000 / 50 files peak: {peaks[5000] / peaks[50]:.3f}")
    if args.baseline is None:
        return
    print("\n| command | this (median s) | baseline (median s) | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for label, command in (("--help", ["--help"]), ("seed_article.txt", [str(SEED)])):
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.runs):  # alternate, so drift in the machine's speed hits both
            ours += startup(ROOT, command, 1)
            theirs += startup(args.baseline.resolve(), command, 1)
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"| summarize {label} | {a:.3f} | {b:.3f} | {a / b:.3f} |")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    main()
