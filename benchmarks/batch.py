"""Documents per second and peak memory of ``summarize batch``, against a plain one-process loop.

    python benchmarks/batch.py                  # 20,000 articles, every mode, one round
    python benchmarks/batch.py --rounds 3       # the median of three rounds, modes interleaved
    python benchmarks/batch.py --documents 4000 --rounds 1 --no-memory   # a quick look

The input is news articles from ``../shared/data/cnndm_val.jsonl`` and ``bbc_dev.jsonl``,
repeated with fresh ids up to ``--documents`` (written to a temporary folder, never kept).
Every mode runs as a fresh command, timed from its start to its exit:

* ``loop``: one Python process that reads the file and calls ``summarize()`` on each text,
  writing one JSON line each (what a script around the library would do);
* ``batch --jobs 1``, ``batch --jobs 2``: the command, in this process or in a local pool;
* ``batch --scheduler local``: the command on a two-worker Dask LocalCluster it starts.

Peak memory is the largest sum of the resident memory of the command and all its child
processes, sampled every 50 ms (psutil), and the largest single process (``ru_maxrss``). CPU
time is each process's user + system time as last sampled, summed: on a machine shared with
other work, wall-clock ratios say little, while CPU per document still shows what the pool and
Dask cost on top of the summarising itself. The
memory table runs ``batch --jobs 1`` and ``--jobs 2`` over the first 2,000 documents and over all
of them: streaming means the peak does not grow with the number of documents.
Rounds interleave the modes, so a machine that slows down during the run slows every mode alike;
the table shows medians and the ratio of each mode's median to ``batch --jobs 1``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
SOURCES = ("cnndm_val.jsonl", "bbc_dev.jsonl")

LOOP = """
import json, sys
from summarize import summarize
with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w") as out:
    for line in source:
        record = json.loads(line)
        summary = summarize(record["text"], source=record["id"])
        out.write(json.dumps({"id": record["id"], **summary.to_dict()}) + "\\n")
"""


def build_input(folder: Path, count: int) -> Path:
    """``count`` articles, the shared records over and over with fresh ids."""
    texts: list[str] = []
    for name in SOURCES:
        with open(DATA / name, encoding="utf-8") as file:
            texts.extend(json.loads(line)["text"] for line in file)
    path = folder / f"news-{count}.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            record = {"id": f"news-{number}", "text": texts[number % len(texts)]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def commands(source: Path, out: Path) -> dict[str, list[str]]:
    batch = [sys.executable, "-m", "summarize", "batch", str(source), "--output", str(out)]
    return {
        "loop (one process)": [sys.executable, "-c", LOOP, str(source), str(out)],
        "batch --jobs 1": [*batch, "--jobs", "1"],
        "batch --jobs 2": [*batch, "--jobs", "2"],
        "batch --scheduler local (2 workers)": [*batch, "--jobs", "2", "--scheduler", "local"],
    }


@dataclass
class Run:
    """What one command cost: wall seconds, peak memory in MB, CPU seconds of every process."""

    wall: float
    tree_mb: float = 0.0  # the largest sum over the process and its descendants (psutil)
    largest_mb: float = 0.0  # the largest single process (ru_maxrss)
    cpu: dict[int, float] = field(default_factory=dict)  # pid -> user + system seconds

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def measure(command: list[str]) -> Run:
    """Run ``command`` to its end, sampling its process tree every 50 ms."""
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        done = threading.Event()
        run = Run(0.0)
        sampler = threading.Thread(target=_sample, args=(process.pid, done, run))
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        run.wall = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")
            raise SystemExit(f"{command[2:6]} failed ({process.returncode}):\n{message}")
    run.largest_mb = usage.ru_maxrss / 1024
    return run


def _sample(pid: int, done: threading.Event, run: Run) -> None:
    """Peak memory of the tree, and each process's CPU time as last seen (every 50 ms)."""
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not done.wait(0.05):
        try:
            members = [root, *root.children(recursive=True)]
        except psutil.Error:
            continue
        total = 0
        for member in members:
            with contextlib.suppress(psutil.Error):
                with member.oneshot():
                    total += member.memory_info().rss
                    times = member.cpu_times()
                run.cpu[member.pid] = times.user + times.system
        run.tree_mb = max(run.tree_mb, total / 2**20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000, help="the smaller memory run")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory table")
    args = parser.parse_args()
    if not all((DATA / name).exists() for name in SOURCES):
        raise SystemExit(f"benchmark data missing: {DATA} (see shared/data/README.md)")

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        big = build_input(folder, args.documents)
        out = folder / "out.jsonl"
        modes = commands(big, out)
        runs: dict[str, list[Run]] = {name: [] for name in modes}
        reference: bytes | None = None
        load_before = os.getloadavg()[0]
        for round_number in range(args.rounds):
            for name, command in modes.items():
                run = measure(command)
                runs[name].append(run)
                print(f"round {round_number + 1}: {name}: {run.wall:.1f} s", file=sys.stderr)
                if name.startswith("batch"):
                    produced = out.read_bytes()
                    if reference is None:
                        reference = produced
                    elif produced != reference:
                        raise SystemExit(f"{name} wrote different bytes from the first batch")
                out.unlink()
        load_after = os.getloadavg()[0]

        base = statistics.median(r.wall for r in runs["batch --jobs 1"])
        print(
            f"\n{args.documents:,} news articles, {args.rounds} round(s), {os.cpu_count()} cores, "
            f"load average {load_before:.1f} before and {load_after:.1f} after"
        )
        print(
            "| mode | documents/s | vs batch --jobs 1 | CPU ms/document (all processes) "
            "| peak MB (tree) | peak MB (largest process) |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name in modes:
            wall = statistics.median(r.wall for r in runs[name])
            cpu = statistics.median(r.cpu_seconds for r in runs[name]) * 1000 / args.documents
            tree = max(r.tree_mb for r in runs[name])
            single = max(r.largest_mb for r in runs[name])
            rate = args.documents / wall
            print(
                f"| {name} | {rate:,.1f} | {base / wall:.2f}x | {cpu:.2f} | {tree:,.0f} "
                f"| {single:,.0f} |"
            )

        if args.no_memory:
            return
        small = build_input(folder, args.small)
        print(f"\nPeak memory (process tree): {args.small:,} against {args.documents:,} documents")
        print(f"| mode | {args.small:,} docs MB | {args.documents:,} docs MB | growth |")
        print("| --- | ---: | ---: | ---: |")
        for name in ("batch --jobs 1", "batch --jobs 2"):
            run = measure(commands(small, out)[name])
            at_small = run.tree_mb or run.largest_mb
            at_big = max(r.tree_mb or r.largest_mb for r in runs[name])
            growth = at_big / at_small - 1
            print(f"| {name} | {at_small:,.0f} | {at_big:,.0f} | {growth:+.1%} |")


if __name__ == "__main__":
    main()
