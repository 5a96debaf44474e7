"""How well ``looks_like_markdown`` tells Markdown from plain text, as a Markdown table.

    python benchmarks/markdown_sniff.py [--data ../shared/data]

Markdown: the long descriptions of the installed Python packages whose metadata says
text/markdown. Not Markdown: the other descriptions (reStructuredText or undeclared) and every
plain text of the shared data (news, abstracts, web article bodies, sentence-boundary sets,
keyphrase abstracts, books). Reading plain text as Markdown can lose text, so false positives
are what matters most.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from summarize.sources.markdown import looks_like_markdown

PLAIN = [
    "cnndm_val.jsonl",
    "bbc_dev.jsonl",
    "scitldr_a_test.jsonl",
    "sbd_ud_ewt_dev.jsonl",
    "sbd_golden_rules_en.jsonl",
    "web/gold.jsonl",
    "multinews/dev.jsonl",
    "keyphrases/inspec_dev.jsonl",
]


def descriptions() -> Iterator[tuple[str, str]]:
    """(kind, text) of every installed distribution's description of 300 characters or more."""
    seen = set()
    for dist in importlib.metadata.distributions():
        meta = dist.metadata
        name = meta["Name"]
        body = meta.get_payload() or meta.get("Description") or ""  # type: ignore[attr-defined]
        if name in seen or name == "summarize" or len(body) < 300:
            continue
        seen.add(name)
        kind = (meta.get("Description-Content-Type") or "undeclared").split(";")[0].strip()
        yield f"package description, {kind}", body


def plain_texts(data: Path) -> Iterator[tuple[str, str]]:
    for name in PLAIN:
        path = data / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as rows:
            for row in rows:
                record = json.loads(row)
                text = record.get("text") or record.get("articles") or ""
                yield name, "\n\n".join(text) if isinstance(text, list) else text
    for book in sorted((data / "books").glob("*.txt")):
        yield "books/", book.read_text(encoding="utf-8", errors="replace")
    seed = data / "seed_article.txt"
    if seed.exists():
        yield "seed_article.txt", seed.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    args = parser.parse_args()
    total: Counter[str] = Counter()
    markdown: Counter[str] = Counter()
    for kind, text in [*descriptions(), *plain_texts(args.data)]:
        total[kind] += 1
        markdown[kind] += looks_like_markdown(text)
    print("| texts | count | read as Markdown |")
    print("| --- | ---: | ---: |")
    for kind in sorted(total):
        print(f"| {kind} | {total[kind]} | {markdown[kind]} |")


if __name__ == "__main__":
    main()
