"""Speed and memory of our TextRank, LexRank and LSA against sumy's, and on whole books.

    python benchmarks/speed.py            # everything (several minutes: sumy is slow)
    python benchmarks/speed.py --quick    # 250 and 500 sentences, and the smallest book

Part 1 ranks the first N sentences of one book with ours and with sumy's method of the same name
(``sumy-textrank`` etc.): the median wall time of ``rank()`` over a few runs (one run for sumy
at 1,000 sentences and more), after one untimed warm-up call that pays for imports. Part 2 runs
ours end to end on every whole book: read, split, rank, select and print the summary (to
/dev/null) with the library's pipeline functions. Every measurement runs in a fresh child
process, whose peak resident memory (``ru_maxrss``) is reported. In part 2, "wall" is the
child's whole run including interpreter start-up and imports (as ``summarize BOOK -m METHOD``
would spend it), "split" is segmentation, "rank" the first ranking (which imports numpy and, for
LSA, scipy) and "warm rank" a second ranking of the same document. The fitted exponent is the
slope of log(rank time) against log(sentence count) over all sizes measured (warm ranks), and
over sizes of 1,000 sentences or more: the first few hundred sentences of a Gutenberg book are
mostly its contents list, short repeated headings that collapse to few nodes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BOOK = ROOT / ".." / "shared" / "data" / "books" / "pg2600_war_and_peace.txt"
METHODS = ("textrank", "lexrank", "lsa")
SIZES = (250, 500, 1000, 2000)


def _first_sentences(text: str, count: int) -> object:
    """A Document of the first ``count`` sentences, splitting only as much text as needed."""
    from summarize.document import Document
    from summarize.text.segment import segment

    chars = count * 200
    while True:
        document = segment(text[:chars])
        if len(document.sentences) > count or chars >= len(text):
            sentences = document.sentences[:count]
            end = sentences[-1].end if sentences else 0
            return Document(text=text[:end], sentences=sentences, language="english")
        chars *= 2


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def child_rank(method: str, book: str, count: int, runs: int) -> dict[str, float]:
    """Time ``rank()`` on the first ``count`` sentences of ``book`` (runs in a child)."""
    from summarize.backends.registry import get_backend

    text = Path(book).read_text(encoding="utf-8")
    document = _first_sentences(text, count)
    backend = get_backend(method)
    backend.rank(_first_sentences(text, 20))  # type: ignore[arg-type]  # imports, warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        backend.rank(document)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "peak_mb": _peak_mb()}


def child_book(method: str, book: str) -> dict[str, float]:
    """Read, split, rank, select and print one whole book (runs in a child)."""
    start = time.perf_counter()
    from summarize.backends.registry import get_backend
    from summarize.pipeline import summarize_document
    from summarize.selection import Length
    from summarize.text.segment import segment

    text = Path(book).read_text(encoding="utf-8")
    backend = get_backend(method)
    split_start = time.perf_counter()
    document = segment(text, "english", book)
    rank_start = time.perf_counter()
    backend.rank(document)  # the user's run: pays for importing numpy (and scipy) too
    rank_end = time.perf_counter()
    summary = summarize_document(document, backend, Length("sentences", 3))
    with open(os.devnull, "w", encoding="utf-8") as sink:
        print(summary.text, file=sink)
    end = time.perf_counter()
    warm_start = time.perf_counter()
    backend.rank(document)
    warm = time.perf_counter() - warm_start
    # The pipeline call ranked once more; count one ranking, as the command line does.
    total = (end - start) - warm
    return {
        "sentences": len(document.sentences),
        "split": rank_start - split_start,
        "rank": rank_end - rank_start,
        "warm_rank": warm,
        "total": total,
        "peak_mb": _peak_mb(),
    }


def _run_child(*args: str) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _exponent(points: list[tuple[float, float]]) -> float:
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--book", default=str(DEFAULT_BOOK), help="book for the sumy comparison")
    parser.add_argument(
        "--books", default=str(DEFAULT_BOOK.parent), help="folder of books to run whole"
    )
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="sentence counts")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--quick", action="store_true", help="skip the slow sizes and books")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()

    if options.child:
        kind, *rest = options.child
        if kind == "rank":
            method, book, count, runs = rest
            print(json.dumps(child_rank(method, book, int(count), int(runs))))
        else:
            method, book = rest
            print(json.dumps(child_book(method, book)))
        return

    methods = options.methods.split(",")
    sizes = [int(s) for s in options.sizes.split(",")]
    books = sorted(Path(options.books).glob("*.txt"), key=lambda p: p.stat().st_size)
    if options.quick:
        sizes = [s for s in sizes if s <= 500]
        books = books[:1]
    print(f"Machine: {_machine()}")
    print(f"Part 1: first N sentences of {Path(options.book).name}; rank() only, median wall")
    print()
    print("| method | sentences | ours s | sumy s | speed-up | ours peak MB | sumy peak MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    points: dict[str, list[tuple[float, float]]] = {m: [] for m in methods}
    sumy_points: dict[str, list[tuple[float, float]]] = {m: [] for m in methods}
    for method in methods:
        for size in sizes:
            ours = _run_child("rank", method, options.book, str(size), str(options.runs))
            sumy_runs = options.runs if size < 1000 else 1
            sumy = _run_child("rank", f"sumy-{method}", options.book, str(size), str(sumy_runs))
            points[method].append((size, ours["seconds"]))
            sumy_points[method].append((size, sumy["seconds"]))
            print(
                f"| {method} | {size:,} | {ours['seconds']:.4f} | {sumy['seconds']:.2f} "
                f"| {sumy['seconds'] / ours['seconds']:,.0f}x | {ours['peak_mb']:.0f} "
                f"| {sumy['peak_mb']:.0f} |",
                flush=True,
            )
    print()
    print("Part 2: whole books, ours, end to end in one process (read, split, rank, select, print)")
    print()
    print("| book | sentences | method | wall s | split s | rank s | warm rank s | peak MB |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for book in books:
        for method in methods:
            start = time.perf_counter()
            result = _run_child("book", method, str(book))
            # the child's own wall plus interpreter start-up, minus its extra ranking passes
            wall = time.perf_counter() - start - 2 * result["warm_rank"]
            points[method].append((result["sentences"], result["warm_rank"]))
            print(
                f"| {book.name} | {int(result['sentences']):,} | {method} | {wall:.2f} "
                f"| {result['split']:.2f} | {result['rank']:.2f} | {result['warm_rank']:.2f} "
                f"| {result['peak_mb']:.0f} |",
                flush=True,
            )
    print()
    print("Fitted exponent of rank time against sentence count (log-log least squares):")
    for method in methods:
        line = f"- {method}: ours {_exponent(points[method]):.2f} over {len(points[method])} sizes"
        large = [p for p in points[method] if p[0] >= 1000]
        if len(large) > 1:
            line += f" ({_exponent(large):.2f} over the {len(large)} of 1,000 sentences or more)"
        if len(sumy_points[method]) > 1:
            line += f"; sumy {_exponent(sumy_points[method]):.2f} over {sizes[0]}-{sizes[-1]}"
        print(line)


if __name__ == "__main__":
    main()
