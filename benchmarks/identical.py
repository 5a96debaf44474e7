"""Check that two checkouts of summarize give byte-identical results on real and odd texts.

    python benchmarks/identical.py --base /path/to/other/checkout
    python benchmarks/identical.py --base ../main --quick     # fewer articles, no CLI runs

Each checkout runs in a child process of its own (``PYTHONPATH`` set to it) and writes one line
per record: the sentences of every text (offsets, paragraph, display text, tokens and terms),
every native method's scores for all sentences (JSON floats, which round-trip exactly), and the
JSON shape of each method's summary (3 sentences, and a ratio of 0.3 for longer texts). The
records are then compared byte for byte. The texts: CNN/DailyMail, BBC and SciTLDR articles, the
two sentence-boundary dev sets, the four books, feeds and web pages (non-English and non-ASCII
text, tags stripped), the fuzz corpus, and seeded random strings of the characters that
tokenising and lower-casing treat specially. With ``--cli`` (the default unless ``--quick``) the
books also go through the real command, ``summarize -f json -m METHOD BOOK``.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
METHODS = ("position-centroid", "textrank", "lexrank", "lsa", "lead", "random")
_TAG = re.compile(r"<[^>]*>")
# Characters that word tokens, lower-casing and sentence rules treat specially.
_ODD = (
    "aZ09_ '\u2019\u2018\"\u201c\u201d.,!?;:()[]-\u2014\u2026\n\n \t\r\u00a0\u2028\x1c\x85"
    "\u0130\u03a3\u03c3\u00df\u00e9e\u0301\u05d0\u05b7\u0627\u064b\u0e01\u0e31\u4e2d\u00bd\u2460"
    "\u0664\uff21\U0001d400\U0001f600"
)


def _jsonl(name: str, limit: int | None = None) -> list[dict[str, object]]:
    path = DATA / name
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    return rows[:limit]


def _stripped(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


def texts(cnn: int, quick: bool) -> Iterator[tuple[str, str, str]]:
    """(group, key, text) for every text checked."""
    for name, group, limit in (
        ("cnndm_val.jsonl", "cnn", cnn),
        ("bbc_dev.jsonl", "bbc", 200 if quick else None),
        ("scitldr_a_test.jsonl", "scitldr", 200 if quick else None),
        ("sbd_golden_rules_en.jsonl", "sbd-golden", None),
        ("sbd_ud_ewt_dev.jsonl", "sbd-ewt", None),
    ):
        for number, row in enumerate(_jsonl(name, limit)):
            yield group, f"{name}:{number}", str(row["text"])
    books = sorted((DATA / "books").glob("*.txt"))
    for book in books[:1] if quick else books:
        yield "books", book.name, book.read_text(encoding="utf-8")
    for feed in sorted((DATA / "feeds").glob("*.xml")):
        yield "feeds", feed.name, _stripped(feed.read_bytes().decode("utf-8", "replace"))
    for page in sorted((DATA / "web").glob("*.html.gz"))[: 20 if quick else None]:
        yield (
            "web",
            page.name,
            _stripped(gzip.decompress(page.read_bytes()).decode("utf-8", "replace")),
        )
    for seed in sorted((ROOT / "tests" / "fuzz" / "corpus").iterdir()):
        yield "fuzz", seed.name, seed.read_bytes().decode("utf-8", "replace")
    rng = random.Random(20261201)
    for number in range(300 if quick else 3000):
        length = rng.choice((5, 40, 200, 1500))
        yield "random", str(number), "".join(rng.choice(_ODD) for _ in range(length))


def _sentences_record(document: object) -> object:
    return [
        [s.index, s.start, s.end, s.paragraph, s.text, s.tokens, s.terms]
        for s in document.sentences  # type: ignore[attr-defined]
    ]


def dump(out: Path, cnn: int, quick: bool, methods: list[str]) -> None:
    """Write every record of the checkout on ``sys.path`` to ``out`` (runs in a child)."""
    from summarize.backends.registry import get_backend
    from summarize.errors import SummarizeError
    from summarize.pipeline import summarize, summarize_document
    from summarize.selection import Length
    from summarize.text.detect import choose_language
    from summarize.text.segment import segment, split_sentences

    backends = {name: get_backend(name) for name in methods}
    with out.open("w", encoding="utf-8") as sink:

        def write(group: str, key: str, value: object) -> None:
            sink.write(json.dumps([group, key, value], ensure_ascii=False) + "\n")

        for group, key, text in texts(cnn, quick):
            try:
                language = choose_language(text, "auto")
                write(
                    group, f"{key} split", [list(span) for span in split_sentences(text, language)]
                )
                document = segment(text, language, key)
            except SummarizeError as error:
                write(group, f"{key} error", f"{type(error).__name__}: {error}")
                continue
            write(group, f"{key} {language}", _sentences_record(document))
            if group.startswith("sbd"):
                continue
            for name, backend in backends.items():
                write(group, f"{key} {name} scores", list(backend.rank(document)))
                lengths = [Length("sentences", 3)]
                if len(document.sentences) > 10:
                    lengths.append(Length("ratio", 0.3))
                for length in lengths:
                    try:
                        summary = summarize_document(document, backend, length).to_dict()
                    except SummarizeError as error:
                        summary = {"error": str(error)}
                    write(group, f"{key} {name} {length.kind}", summary)
            try:
                write(group, f"{key} default", summarize(text, source=key).to_dict())
            except SummarizeError as error:
                write(group, f"{key} default", {"error": str(error)})


def _environment(checkout: Path) -> dict[str, str]:
    # One BLAS thread, as the command sets it: threaded LAPACK on a busy machine is slow.
    threads = dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    return {**threads, **os.environ, "PYTHONPATH": str(checkout), "SUMMARIZE_NO_PLUGINS": "1"}


def _child(
    checkout: Path, out: Path, cnn: int, quick: bool, methods: str
) -> subprocess.Popen[bytes]:
    env = _environment(checkout)
    command = [
        sys.executable,
        __file__,
        "--dump",
        str(out),
        "--cnn",
        str(cnn),
        "--methods",
        methods,
    ]
    if quick:
        command.append("--quick")
    return subprocess.Popen(command, env=env, cwd=checkout)


def _cli(checkout: Path, method: str, book: Path) -> bytes:
    env = _environment(checkout)
    command = [sys.executable, "-m", "summarize", "-f", "json", "-m", method, str(book)]
    done = subprocess.run(command, env=env, cwd=checkout, capture_output=True, check=False)
    return done.stdout + b"\nexit %d\n" % done.returncode + done.stderr


def _first_difference(a: str, b: str) -> str:
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    near = slice(max(0, at - 80), at + 80)
    return f"at {at}: base ...{a[near]!r}... ours ...{b[near]!r}..."


def compare(base_file: Path, ours_file: Path) -> bool:
    """Print a table of identical records per group; True when every record is identical."""
    counts: dict[str, list[int]] = {}
    shown = 0
    with base_file.open(encoding="utf-8") as base, ours_file.open(encoding="utf-8") as ours:
        for number, (a, b) in enumerate(zip(base, ours, strict=False)):
            group = json.loads(a)[0]
            tally = counts.setdefault(group, [0, 0])
            tally[0] += 1
            if a == b:
                tally[1] += 1
            elif shown < 5:
                shown += 1
                print(f"record {number} ({json.loads(a)[1]}) differs {_first_difference(a, b)}")
    same_length = sum(1 for _ in base_file.open()) == sum(1 for _ in ours_file.open())
    print("| group | records | identical |")
    print("| --- | ---: | ---: |")
    for group, (total, same) in counts.items():
        print(f"| {group} | {total:,} | {same:,} |")
    if not same_length:
        print("the two checkouts wrote different numbers of records")
    return same_length and all(total == same for total, same in counts.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, help="the checkout to compare with")
    parser.add_argument("--ours", type=Path, default=ROOT, help="default: this checkout")
    parser.add_argument("--cnn", type=int, default=1000, help="CNN articles (default all 1,000)")
    parser.add_argument("--quick", action="store_true", help="fewer texts and no CLI runs")
    parser.add_argument("--methods", default=",".join(METHODS), help="methods to compare")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.dump:
        dump(options.dump, options.cnn, options.quick, options.methods.split(","))
        return
    if options.base is None:
        parser.error("--base is required")
    if not (DATA / "cnndm_val.jsonl").exists():
        sys.exit(f"identical: {DATA} is missing: the check needs the shared data")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        files = [Path(scratch) / "base.jsonl", Path(scratch) / "ours.jsonl"]
        children = [
            _child(checkout.resolve(), out, options.cnn, options.quick, options.methods)
            for checkout, out in zip((options.base, options.ours), files, strict=True)
        ]
        if any(child.wait() != 0 for child in children):
            sys.exit("identical: a child failed")
        ok = compare(*files)
    if not options.quick:
        books = sorted((DATA / "books").glob("*.txt"))
        runs = same = 0
        for book in books:
            for method in options.methods.split(","):
                runs += 1
                outputs = [
                    _cli(c.resolve(), method, book.resolve()) for c in (options.base, options.ours)
                ]
                same += outputs[0] == outputs[1]
                if outputs[0] != outputs[1]:
                    print(f"CLI {method} {book.name} differs")
        print(f"| cli -f json (books x methods) | {runs} | {same} |")
        ok = ok and runs == same
    print(f"{'identical' if ok else 'DIFFERENT'} ({time.perf_counter() - started:.0f} s)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
