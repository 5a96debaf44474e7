"""Main-text extraction from HTML: ours against trafilatura, readability and the whole page.

Data: the 92 pages of ``../shared/data/web/`` (relative to the project root) with their gold
article bodies. The measure is the benchmark's own (scrapinghub/article-extraction-benchmark):
per page, the multisets of token 4-grams (tokens are ``\\w+`` matches) of the gold and of the
output give true positives, false positives and false negatives, divided by their sum; precision
and recall are averaged over the pages (precision over pages with any output, recall over pages
with any gold), F1 is computed from the two averages, and accuracy is the share of pages whose
tokens equal the gold's exactly. Time is per page, the median and the mean of one pass, measured
from the page's bytes (parsing included); the systems take turns page by page, so that changes
in the machine's load fall on all of them alike.

Systems, all in the same run:

- ``summarize`` — :func:`summarize.sources.html.html_source` (its ``text``);
- ``trafilatura extract`` — ``trafilatura.extract(html)`` with its defaults;
- ``readability-lxml`` — ``Document(html).summary()`` as text (skipped when not installed: it is
  not a dependency of summarize; ``pip install readability-lxml``);
- ``whole page`` — the text of ``<body>`` without scripts and styles (the floor: no extraction).

Run: ``python benchmarks/extraction.py`` (``--pages N`` for the first N pages, ``--worst K`` to
list our K lowest-scoring pages, ``--variants`` to add rows for trafilatura's precision, default
and recall settings, with and without tables: the measurements html_source's settings come from).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "web"
TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]
Counts = tuple[float, float, float]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of token 4-grams of ``text`` (one shorter shingle for a short text)."""
    tokens = TOKEN.findall(text)
    return Counter(
        tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i : i + 4]
    )


def match(gold: str, output: str) -> Counts:
    """(tp, fp, fn) of the output's shingles against the gold's, normalised to sum to 1."""
    expected, found = shingles(gold), shingles(output)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[Counts]) -> tuple[float, float, float]:
    """(F1, precision, recall) over pages, as the benchmark computes them."""

    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return 2 * p * r / (p + r), p, r


def ours(html: bytes, url: str) -> str:
    from summarize.sources.html import html_source

    return html_source("page", html, url=url).text


def trafilatura_extract(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url) or ""


def readability(html: bytes, url: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return str(lxml.html.fromstring(summary).text_content())


def whole_page(html: bytes, url: str) -> str:
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    body = tree.find("body")
    return str((body if body is not None else tree).text_content())


def trafilatura_variant(**settings: bool) -> Extractor:
    """trafilatura's ``extract`` with these settings and comments left out."""

    def extract(html: bytes, url: str) -> str:
        import trafilatura

        return trafilatura.extract(html, url=url, include_comments=False, **settings) or ""

    return extract


# The settings html_source chose among (``--variants``): precision, default and recall, with and
# without tables.
VARIANTS: dict[str, Extractor] = {
    "trafilatura favor_precision": trafilatura_variant(favor_precision=True),
    "trafilatura default, no comments": trafilatura_variant(),
    "trafilatura favor_recall": trafilatura_variant(favor_recall=True),
    "trafilatura favor_precision, no tables": trafilatura_variant(
        favor_precision=True, include_tables=False
    ),
    "trafilatura favor_recall, no tables": trafilatura_variant(
        favor_recall=True, include_tables=False
    ),
}

SYSTEMS: dict[str, Extractor] = {
    "summarize (html_source)": ours,
    "trafilatura extract": trafilatura_extract,
    "readability-lxml": readability,
    "whole page": whole_page,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument("--worst", type=int, default=0, help="list our K lowest-scoring pages")
    parser.add_argument(
        "--variants", action="store_true", help="also score trafilatura's settings one by one"
    )
    args = parser.parse_args()
    if args.variants:
        SYSTEMS.update(VARIANTS)
    gold_file = DATA / "gold.jsonl"
    if not gold_file.exists():
        raise SystemExit(f"{gold_file} is absent: the benchmark needs ../shared/data/web/")
    with gold_file.open(encoding="utf-8") as lines:
        gold = [json.loads(line) for line in lines]
    if args.pages:
        gold = gold[: args.pages]
    pages = [(g, gzip.decompress((DATA / f"{g['id']}.html.gz").read_bytes())) for g in gold]
    try:
        import readability  # noqa: F401
    except ImportError:
        print("readability-lxml is not installed: its row is skipped")
        del SYSTEMS["readability-lxml"]
    # Warm every system up once so that import costs do not land on the first page.
    for extract in SYSTEMS.values():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extract(pages[0][1], pages[0][0]["url"])
    print(f"{len(pages)} pages of {DATA}\n")
    print("| system | F1 | precision | recall | accuracy | ms/page median | ms/page mean |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    # Page by page, every system in turn, so that a change in the machine's load falls on all.
    counts: dict[str, list[Counts]] = {label: [] for label in SYSTEMS}
    times: dict[str, list[float]] = {label: [] for label in SYSTEMS}
    exact = dict.fromkeys(SYSTEMS, 0)
    for record, html in pages:
        for label, extract in SYSTEMS.items():
            started = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    output = extract(html, record["url"])
            except Exception:  # a system that fails on a page scores nothing there
                output = ""
            times[label].append(time.perf_counter() - started)
            counts[label].append(match(record["text"], output))
            exact[label] += TOKEN.findall(record["text"]) == TOKEN.findall(output)
    for label in SYSTEMS:
        f1, p, r = scores(counts[label])
        median, mean = statistics.median(times[label]), statistics.mean(times[label])
        print(
            f"| {label} | {f1:.3f} | {p:.3f} | {r:.3f} | {exact[label] / len(pages):.3f} "
            f"| {median * 1000:.1f} | {mean * 1000:.1f} |"
        )
    per_page = {label: [c[0] for c in counts[label]] for label in SYSTEMS}
    if args.worst:
        mine = per_page["summarize (html_source)"]
        print(f"\nOur {args.worst} lowest-scoring pages (tp share):")
        for share, (record, _) in sorted(zip(mine, pages, strict=True), key=lambda pair: pair[0])[
            : args.worst
        ]:
            print(f"  {share:.3f}  {record['id'][:16]}  {record['url']}")


if __name__ == "__main__":
    main()
