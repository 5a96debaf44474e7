"""Speed and memory of our TextRank, LexRank and LSA against sumy's, and on whole books.

    python benchmarks/speed.py            # everything (several minutes: sumy is slow)
    python benchmarks/speed.py --quick    # 250 and 500 sentences, and the smallest book
    python benchmarks/speed.py --vs ../base-checkout   # this checkout against another one
    python benchmarks/speed.py --vs ../base-checkout --instructions   # the same, counted

With ``--vs`` it instead compares this checkout with another one (an older commit, say), each in
child processes of its own (``PYTHONPATH`` set to it), run in turn, A B A B, so that a drift in
the machine's speed touches both: CNN/DailyMail articles per second with the default method
(``summarize(text)``, the language detected; and with the language given), the median wall and
CPU seconds of ``summarize BOOK`` for War and Peace as a fresh process, and TextRank and LSA at
1,000 sentences, ranked in-process and as a fresh ``summarize -m METHOD`` process. Documents per
second per core are documents per CPU second of the one process. Both checkouts are compiled to
bytecode first (``compileall``), as ``pip install`` leaves a package, so no run pays for it.
With ``--instructions`` the articles and the book are instead counted in instructions under
valgrind (``callgrind``): slow, but the same count on a busy machine, where times swing by half.

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
import tempfile
import time
from collections.abc import Callable
from functools import partial
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
    backend.rank(document)  # type: ignore[arg-type]  # imports (scipy for LSA), warm caches
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


def child_docs(data: str, count: int, language: str) -> dict[str, float]:
    """Summarise ``count`` articles with the default method, one after another (in a child)."""
    from summarize.pipeline import summarize

    with open(data, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line, _ in zip(lines, range(count), strict=False)]
    summarize(texts[0], language=language)  # imports, as a long-running process has them
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        summarize(text, language=language)
    cpu = time.process_time() - cpu
    return {"docs": len(texts), "wall": time.perf_counter() - wall, "cpu": cpu}


def _run_child(*args: str, checkout: Path = ROOT) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", *args]
    env = {**os.environ, "PYTHONPATH": str(checkout), "SUMMARIZE_NO_PLUGINS": "1"}
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(variable, "1")  # as the command sets them
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd=checkout, env=env
    )
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
    parser.add_argument("--vs", type=Path, help="compare with this other checkout")
    parser.add_argument("--articles", type=int, default=300, help="CNN articles a run (--vs)")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="with --vs: count instructions under valgrind instead of timing (slow, not noisy)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.vs and options.instructions:
        compare_instructions(options.vs.resolve(), Path(options.book))
        return
    if options.vs:
        compare_checkouts(options.vs.resolve(), options.runs, options.articles, Path(options.book))
        return

    if options.child:
        kind, *rest = options.child
        if kind == "rank":
            method, book, count, runs = rest
            print(json.dumps(child_rank(method, book, int(count), int(runs))))
        elif kind == "segment":
            path, runs = rest
            print(json.dumps(child_segment(path, int(runs))))
        elif kind == "docs":
            data, count, language = rest
            print(json.dumps(child_docs(data, int(count), language)))
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


def _command(checkout: Path, *args: str) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh ``python -m summarize ARGS`` process of ``checkout``."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "SUMMARIZE_NO_PLUGINS": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "summarize", *args], env=env, cwd=checkout, capture_output=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"summarize {' '.join(args)} failed:\n{done.stderr.decode()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu


def _alternate(
    runs: int, measure: Callable[[Path], float], checkouts: list[Path]
) -> list[list[float]]:
    """``runs`` measurements of each checkout, taken in turn (A B A B ...), after a warm-up."""
    for checkout in checkouts:
        measure(checkout)
    results: list[list[float]] = [[] for _ in checkouts]
    for _ in range(runs):
        for index, checkout in enumerate(checkouts):
            results[index].append(measure(checkout))
    return results


def _row(label: str, unit: str, base: list[float], ours: list[float], higher: bool) -> str:
    b, o = statistics.median(base), statistics.median(ours)
    ratios = [x / y if higher else y / x for x, y in zip(ours, base, strict=True)]
    return (
        f"| {label} | {unit} | {b:,.3g} | {o:,.3g} | {statistics.median(ratios):.2f}x "
        f"| {min(ratios):.2f}-{max(ratios):.2f} |"
    )


def compile_checkouts(checkouts: list[Path]) -> None:
    """Each checkout's package compiled to bytecode, as an installed package is: no run pays
    for it."""
    for checkout in checkouts:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(checkout / "summarize")],
            check=True,
            stdout=subprocess.DEVNULL,
        )


def _instructions(checkout: Path, *args: str) -> int:
    """Instructions a fresh process of ``checkout`` runs (valgrind's callgrind, no output file):
    the same count on a busy machine as on an idle one.

    Only the process started is counted. A child it forks (the second core of a big
    document) reports on its own, and its count includes everything run before the fork.
    """
    env = {**os.environ, "PYTHONPATH": str(checkout), "SUMMARIZE_NO_PLUGINS": "1"}
    env["PYTHONHASHSEED"] = "0"
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    done = subprocess.run([*command, *args], env=env, cwd=checkout, capture_output=True, text=True)
    started = done.stderr.split("==", 2)[1] if done.stderr.startswith("==") else ""
    found = [
        line
        for line in done.stderr.splitlines()
        if line.startswith(f"=={started}==") and "Collected :" in line
    ]
    if done.returncode != 0 or not found:
        raise RuntimeError(f"valgrind {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return int(found[-1].rsplit(":", 1)[1].replace(",", ""))


def compare_instructions(base: Path, book: Path, articles: int = 101) -> None:
    """``--vs --instructions``: instructions an article (the default method, the language
    detected and given) and for ``summarize BOOK``, both checkouts counted side by side."""
    from concurrent.futures import ThreadPoolExecutor

    cnn = ROOT / ".." / "shared" / "data" / "cnndm_val.jsonl"
    checkouts = [base, ROOT]
    compile_checkouts(checkouts)

    def per_article(checkout: Path, language: str) -> float:
        child = [__file__, "--child", "docs", str(cnn)]
        many = _instructions(checkout, *child, str(articles), language)
        one = _instructions(checkout, *child, "1", language)  # imports and the warm-up
        return (many - one) / (articles - 1)

    def whole_book(checkout: Path) -> float:
        return float(_instructions(checkout, "-m", "summarize", str(book)))

    measures: list[tuple[str, str, Callable[[Path], float]]] = [
        (
            "CNN article, default method, language auto",
            "instructions",
            partial(per_article, language="auto"),
        ),
        (
            "CNN article, default method, language english",
            "instructions",
            partial(per_article, language="english"),
        ),
        (f"summarize {book.name}", "instructions", whole_book),
    ]
    print(f"Machine: {_machine()}; base {base}, ours {ROOT}; instructions counted by valgrind")
    print()
    print("| measure | unit | base | ours | speed-up (base / ours) |")
    print("| --- | --- | ---: | ---: | ---: |")
    with ThreadPoolExecutor(2) as pool:  # counts do not depend on the load
        for label, unit, measure in measures:
            counted = list(pool.map(measure, checkouts))
            print(
                f"| {label} | {unit} | {counted[0]:,.0f} | {counted[1]:,.0f} "
                f"| {counted[0] / counted[1]:.2f}x |",
                flush=True,
            )


def compare_checkouts(base: Path, runs: int, articles: int, book: Path) -> None:
    """The tables of ``--vs``: this checkout (ours) against ``base``."""
    ours = ROOT
    cnn = ROOT / ".." / "shared" / "data" / "cnndm_val.jsonl"
    if not cnn.exists() or not book.exists():
        sys.exit(f"speed: {cnn} or {book} is missing")
    checkouts = [base, ours]
    compile_checkouts(checkouts)
    print(f"Machine: {_machine()}; base {base}, ours {ours}; {runs} runs each, in turn")
    print()
    print("| measure | unit | base (median) | ours (median) | speed-up (median of pairs) | range |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for language in ("auto", "english"):
        found: dict[Path, list[dict[str, float]]] = {c: [] for c in checkouts}

        def docs(
            checkout: Path,
            language: str = language,
            found: dict[Path, list[dict[str, float]]] = found,
        ) -> float:
            result = _run_child("docs", str(cnn), str(articles), language, checkout=checkout)
            found[checkout].append(result)
            return result["docs"] / result["cpu"]

        per_cpu = _alternate(runs, docs, checkouts)
        label = f"CNN articles, default method, language {language}"
        print(_row(label, "docs per CPU s", *per_cpu, higher=True), flush=True)
        per_wall = [[r["docs"] / r["wall"] for r in found[c][1:]] for c in checkouts]
        print(_row(label, "docs per wall s", *per_wall, higher=True), flush=True)
    size_mb = book.stat().st_size / 1e6
    walls: dict[Path, list[float]] = {c: [] for c in checkouts}

    def whole_book(checkout: Path) -> float:
        wall, cpu = _command(checkout, str(book))
        walls[checkout].append(wall)
        return cpu

    cpus = _alternate(runs, whole_book, checkouts)
    timed = [walls[c][1:] for c in checkouts]
    print(_row(f"summarize {book.name}", "wall s", *timed, higher=False))
    print(_row(f"summarize {book.name}", "CPU s", *cpus, higher=False))
    throughput = [[size_mb / w for w in t] for t in timed]
    print(
        _row(f"summarize {book.name} ({size_mb:.2f} MB)", "MB per wall s", *throughput, higher=True)
    )
    text = book.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        sample = Path(scratch) / "first_1000_sentences.txt"
        sample.write_text(_first_text(text, 1000), encoding="utf-8")
        for method in ("textrank", "lsa"):
            ranked = _alternate(
                runs,
                lambda c, m=method: _run_child("rank", m, str(book), "1000", "3", checkout=c)[
                    "seconds"
                ],
                checkouts,
            )
            print(_row(f"{method} rank(), 1,000 sentences", "s", *ranked, higher=False))
            fresh = _alternate(
                runs, lambda c, m=method: _command(c, "-m", m, str(sample))[0], checkouts
            )
            print(_row(f"summarize -m {method}, 1,000 sentences", "wall s", *fresh, higher=False))
            split = (
                _alternate(
                    runs,
                    lambda c: _run_child("segment", str(sample), "3", checkout=c)["seconds"],
                    checkouts,
                )
                if method == "textrank"
                else None
            )
            if split is not None:
                print(_row("segment(), 1,000 sentences", "s", *split, higher=False))


def _first_text(text: str, count: int) -> str:
    """The text of the first ``count`` sentences."""
    from summarize.text.segment import split_sentences

    spans = split_sentences(text[: count * 400])
    return text[: spans[min(count, len(spans)) - 1].end]


def child_segment(path: str, runs: int) -> dict[str, float]:
    """The median time of ``segment()`` of one file (runs in a child)."""
    from summarize.text.segment import segment

    text = Path(path).read_text(encoding="utf-8")
    segment(text)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        segment(text)
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times)}


if __name__ == "__main__":
    main()
