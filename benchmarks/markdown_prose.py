"""Where a summary of a Markdown file comes from: paragraphs, list items or quotes.

    python benchmarks/markdown_prose.py [-n 3] [-m METHOD ...] [--show]

The corpus is real Markdown written by others that is already on this machine: the long
descriptions (READMEs) of the installed Python packages whose metadata says text/markdown,
1,500 characters or longer (this project's own README left out). Each is turned into prose by
:mod:`summarize.sources.markdown` and summarised; the table counts the chosen sentences by the
kind of block they come from (beside each kind's share of all sentences) and the chosen
sentences of five words or fewer that come from list items. ``--label-words 0`` keeps the short
list items that the module leaves out as labels, to compare. Code, tables and headings cannot
be chosen: they are not in the prose.
"""

from __future__ import annotations

import argparse
import collections
import importlib.metadata
import warnings
from bisect import bisect_right

from summarize.errors import SummarizeError
from summarize.pipeline import summarize
from summarize.sources import markdown
from summarize.sources.markdown import prose_blocks
from summarize.text.segment import segment

METHODS = ["position-centroid", "textrank", "lexrank", "lead"]
SHORT_ITEM = 5  # words


def readmes() -> list[tuple[str, str]]:
    """(name, Markdown) of every installed distribution with a long Markdown description."""
    found = {}
    for dist in importlib.metadata.distributions():
        meta = dist.metadata
        kind = meta.get("Description-Content-Type") or ""
        body = meta.get_payload() or meta.get("Description") or ""  # type: ignore[attr-defined]
        if "markdown" in kind and len(body) >= 1500 and meta["Name"] != "summarize":
            found[meta["Name"]] = body
    return sorted(found.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--sentences", type=int, default=3)
    parser.add_argument("-m", "--method", action="append", dest="methods")
    parser.add_argument("--show", action="store_true", help="print every chosen list item")
    parser.add_argument("--label-words", type=int, default=markdown.LABEL_WORDS)
    args = parser.parse_args()
    markdown.LABEL_WORDS = args.label_words
    docs = []
    for name, text in readmes():
        _, blocks = prose_blocks(text)
        prose, starts, offset = [], [], 0
        for block in blocks:
            starts.append(offset)
            prose.append(block.text)
            offset += len(block.text) + 2
        docs.append((name, "\n\n".join(prose), starts, blocks))
    print(f"{len(docs)} READMEs, {args.sentences} sentences each\n")
    totals: collections.Counter[str] = collections.Counter()
    for _, text, starts, blocks in docs:
        for sentence in segment(text).sentences:
            totals[blocks[bisect_right(starts, sentence.start) - 1].kind] += 1
    whole = sum(totals.values())
    kinds = ("paragraph", "item", "quote")
    shares = " / ".join(f"{100 * totals[k] / whole:.0f}%" for k in kinds)
    print(f"sentences in the prose: {whole} ({shares} paragraph / item / quote)\n")
    print("| method | chosen | from paragraphs | from list items | from quotes | short items |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for method in args.methods or METHODS:
        picked: collections.Counter[str] = collections.Counter()
        short = 0
        for name, text, starts, blocks in docs:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    summary = summarize(text, method=method, sentences=args.sentences)
            except SummarizeError:
                continue
            for chosen in summary.sentences:
                block = blocks[bisect_right(starts, chosen.start) - 1]
                picked[block.kind] += 1
                if block.kind == "item" and len(chosen.text.split()) <= SHORT_ITEM:
                    short += 1
                    if args.show:
                        print(f"  {method} {name}: {chosen.text}")
        count = sum(picked.values())
        cells = " | ".join(f"{picked[k]} ({100 * picked[k] / max(1, count):.0f}%)" for k in kinds)
        print(f"| {method} | {count} | {cells} | {short} |")


if __name__ == "__main__":
    main()
