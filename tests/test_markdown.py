"""Markdown input: its prose is summarised, never a line of code, a table row or a heading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.errors import EmptyInputError
from summarize.pipeline import summarize
from summarize.sources.markdown import (
    MEDIA_TYPE,
    is_markdown_name,
    looks_like_markdown,
    markdown_source,
    parse_markdown,
    prose_blocks,
    strip_front_matter,
)
from summarize.text.segment import segment

from .conftest import SHARED_DATA, Runner

README = """\
---
title: Tidewater front matter
tags: [hydrology, python]
---

# Tidewater: tide tables for small harbours

[![Build status](https://ci.example.org/tidewater.svg)](https://ci.example.org/tidewater)
[![PyPI](https://img.example.org/pypi/tidewater.svg)](https://pypi.org/project/tidewater/)

Tidewater predicts the height of the tide in small harbours from a year of gauge readings.
It fits the **harmonic constituents** of each harbour once and then answers questions about any
date in seconds, offline, without a subscription to a national tide service.

Harbour masters in three fishing towns use it to plan the *dredging* of their channels. The
predictions agree with the official tables to within four centimetres on most days, and the
errors grow only during storms, when the wind piles water against the coast.

## Installation

Tidewater needs Python 3.10 or later and a C compiler for its numerical core.

```bash
pip install tidewater
# This line looks like a sentence. It is a comment in a shell script.
tidewater fit readings.csv --harbour Porthgain
```

**Requirements**

- Python 3.10 or later
- numpy
- A year of gauge readings, one every ten minutes, with gaps of no more than a day.
- Readings from a gauge that was levelled to the harbour datum in the last five years,
  since an old datum shifts every prediction by the same unknown amount.

## Usage

Fit the model once for each harbour and keep the file it writes. The file is small, about
forty kilobytes, and later predictions read only this file, never the raw readings again.
See the [user guide](https://docs.example.org/tidewater) for every option.

    from tidewater import Harbour
    harbour = Harbour.load("porthgain.tide")
    print("The tide is high. The water in the harbour is rising fast.")

| Harbour | Readings | Error (cm) |
| --- | --- | --- |
| Porthgain | 52,560 | 3.1 |
| Solva | 51,900 | 3.8 |
| Abereiddi harbour has a whole sentence in its table cell. | 12 | 9.9 |

<div align="center">
  <p>This paragraph is inside an HTML block. The tide tables are never in it.</p>
</div>

## How it works

The tide is the sum of many periodic waves, each driven by the moon or the sun. Tidewater
estimates the amplitude and phase of thirty-seven of these waves by least squares, a method
that the Admiralty has used since the nineteenth century.

> A tide table is a promise about the sea, and the sea keeps it more faithfully than most.

Shallow harbours distort the waves, so Tidewater adds the shallow-water constituents that
the standard method leaves out; they matter most where the channel dries at low water.

### Accuracy in storms

Wind and air pressure move the sea as well as the moon does, and no tide table can know the
weather a year ahead: Tidewater's predictions are for calm days, and its error bars say so.

## Licence

Tidewater is released under the MIT licence. Contributions are welcome: open an issue first so
that we can agree on the design before you write the code.
"""

# Text of the README that must never be a sentence of its prose.
NOT_PROSE = [
    "Tidewater: tide tables for small harbours",  # the title
    "Installation",
    "Usage",
    "How it works",
    "Accuracy in storms",
    "Licence",
    "Requirements",  # a bold line standing for a heading
    "pip install",
    "This line looks like a sentence",
    "Harbour.load",
    "The tide is high",
    "Porthgain",
    "52,560",
    "Abereiddi",
    "HTML block",
    "Build status",
    "https://",
    "front matter",
    "hydrology",
    "numpy",  # a list item that is only a label
    "**",
    "[",
    "|",
]
PROSE_PARAGRAPHS = 11


def test_title_and_prose() -> None:
    title, prose = parse_markdown(README)
    assert title == "Tidewater: tide tables for small harbours"
    paragraphs = prose.split("\n\n")
    assert len(paragraphs) == PROSE_PARAGRAPHS
    assert all(p and "\n" not in p and p == p.strip() for p in paragraphs)
    assert paragraphs[0].startswith("Tidewater predicts the height of the tide")
    assert "It fits the harmonic constituents of each harbour once" in paragraphs[0]
    assert "plan the dredging of their channels" in paragraphs[1]
    assert "See the user guide for every option." in prose
    for piece in NOT_PROSE:
        assert piece not in prose, piece


def test_list_items_are_paragraphs_of_their_own() -> None:
    _, blocks = prose_blocks(README)
    items = [block.text for block in blocks if block.kind == "item"]
    assert items == [
        "A year of gauge readings, one every ten minutes, with gaps of no more than a day.",
        "Readings from a gauge that was levelled to the harbour datum in the last five years, "
        "since an old datum shifts every prediction by the same unknown amount.",
    ]
    quotes = [block.text for block in blocks if block.kind == "quote"]
    assert quotes == [
        "A tide table is a promise about the sea, and the sea keeps it more faithfully than most."
    ]


def test_the_segmenter_sees_one_paragraph_per_block() -> None:
    _, prose = parse_markdown(README)
    document = segment(prose)
    assert len({s.paragraph for s in document.sentences}) == PROSE_PARAGRAPHS
    for sentence in document.sentences:
        assert prose[sentence.start : sentence.end] == sentence.text  # one line: no rewrap
        for piece in NOT_PROSE:
            assert piece not in sentence.text, piece


@pytest.mark.parametrize("method", ["position-centroid", "textrank", "lexrank", "lsa", "lead"])
def test_summaries_come_from_the_prose(method: str) -> None:
    _, prose = parse_markdown(README)
    for length in ({"sentences": 3}, {"sentences": 5}, {"ratio": 1.0}):
        summary = summarize(prose, method=method, **length)  # type: ignore[arg-type]
        assert summary.sentences
        for chosen in summary.sentences:
            # Offsets are into the prose.
            assert prose[chosen.start : chosen.end] == chosen.text
            for piece in NOT_PROSE:
                assert piece not in chosen.text, (method, piece)


def test_the_default_summary_opens_with_the_opening_paragraph() -> None:
    """Not a requirement, not a label: labels are not in the prose at all."""
    _, prose = parse_markdown(README)
    for count in (1, 3, 5):
        summary = summarize(prose, sentences=count)
        assert summary.sentences[0].text.startswith("Tidewater predicts the height of the tide")
        assert all(len(chosen.text.split()) > 5 for chosen in summary.sentences)


def test_markdown_source() -> None:
    assert markdown_source("README.md", README) == parse_markdown(README)
    assert MEDIA_TYPE == "text/markdown"
    assert markdown_source("empty.md", " \n") == (None, "")
    with pytest.raises(EmptyInputError, match=r"^code\.md: no prose to summarise \(only headings"):
        markdown_source("code.md", "# Code\n\n    x = 1\n")


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("# First\n\nText.\n\n# Second\n", "First"),
        ("## Section\n\nText.\n\n# The title\n\nMore text.\n", "The title"),
        ("## Only a section\n\nText.\n", "Only a section"),
        ("The *Setext* title\n==================\n\nText.\n", "The Setext title"),
        ("Sub\n---\n\nText.\n", "Sub"),
        ("Just a paragraph. And another sentence.\n", None),
        ("# [Linked](https://example.org) `title`\n", "Linked title"),
    ],
)
def test_title(markdown: str, title: str | None) -> None:
    assert parse_markdown(markdown)[0] == title


def test_headings_end_paragraphs_and_are_never_sentences() -> None:
    _, prose = parse_markdown("Intro text runs on\n# Heading\nMore text follows.\n")
    assert prose == "Intro text runs on\n\nMore text follows."


def test_inline_markup_keeps_its_text() -> None:
    markdown = (
        'A *very* **bold** ~~old~~ claim with a [link](https://x.org "t"), an autolink '
        "<https://example.org>, `inline code`, an ![image of a cat](cat.png) and <kbd>Ctrl</kbd> "
        "and &amp; entities \\*escaped\\*.\n"
    )
    _, prose = parse_markdown(markdown)
    assert prose == (
        "A very bold old claim with a link, an autolink https://example.org, inline code, an "
        "and Ctrl and & entities *escaped*."
    )


def test_breaks() -> None:
    _, prose = parse_markdown("A soft\nbreak joins lines.\n\nA hard  \nbreak keeps one.\n")
    assert prose == "A soft break joins lines.\n\nA hard\nbreak keeps one."


def test_nested_and_loose_lists() -> None:
    markdown = (
        "1. The first step of the recipe is to wash the rice.\n"
        "   - Rinse it under cold water three times.\n"
        "   - Drain it in a sieve for ten minutes.\n"
        "2. The second step is to boil it with twice its volume of water.\n\n"
        "   Keep the lid on while it cooks, and do not stir it.\n"
        "- [ ] a task\n"
    )
    _, blocks = prose_blocks(markdown)
    assert [b.text for b in blocks] == [
        "The first step of the recipe is to wash the rice.",
        "Rinse it under cold water three times.",
        "Drain it in a sieve for ten minutes.",
        "The second step is to boil it with twice its volume of water.",
        "Keep the lid on while it cooks, and do not stir it.",
    ]
    assert {b.kind for b in blocks} == {"item"}


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        ("**Installation**", False),
        ("*Requirements:*", False),
        ("**Back up your data before you upgrade.**", True),
        ("**Note**: the tables are for calm days.", True),
        ("**" + " ".join(["word"] * 13) + "**", True),
    ],
)
def test_emphasised_lines(paragraph: str, kept: bool) -> None:
    _, prose = parse_markdown(f"Some text comes first.\n\n{paragraph}\n")
    assert (prose != "Some text comes first.") is kept


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("numpy", False),
        ("Python 3.10 or later", False),
        ("Website: https://numpy.org", False),
        ("Thread safety.", True),
        ("Works offline, with no account and no network at all", True),
    ],
)
def test_short_list_items_are_labels(item: str, kept: bool) -> None:
    _, prose = parse_markdown(f"Some text comes first.\n\n- {item}\n")
    assert (item in prose) is kept


@pytest.mark.parametrize(
    ("markdown", "rest"),
    [
        ("---\ntitle: x\ndate: 2026-01-01\n---\nText.\n", "Text.\n"),
        ("---\ntitle: x\n...\nText.\n", "Text.\n"),
        ("+++\ntitle = 'x'\n+++\n\nText.\n", "\nText.\n"),
        ("---\n\nA text that opens with a thematic break.\n", None),
        ("Text.\n\n---\ntitle: not front matter\n---\n", None),
        ("---\nnever closed\n", None),
    ],
)
def test_front_matter(markdown: str, rest: str | None) -> None:
    assert strip_front_matter(markdown) == (markdown if rest is None else rest)


def test_code_and_tables_only() -> None:
    markdown = "# Snippets\n\n```python\nprint('Hello. World.')\n```\n\n| a | b |\n|---|---|\n"
    title, prose = parse_markdown(markdown)
    assert (title, prose) == ("Snippets", "")
    with pytest.raises(EmptyInputError):
        summarize(prose, source="snippets.md")


def test_markdown_names() -> None:
    assert is_markdown_name("README.md")
    assert is_markdown_name("notes.MARKDOWN")
    assert not is_markdown_name("README.txt")
    assert not is_markdown_name("md")


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        (README, True),
        ("# Notes\n\nSee [the guide](https://example.org/guide) first.\n", True),
        ("Run it:\n\n```\nmake\n```\n\nThen `make install` as **root**.\n", True),
        ("## Prices\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", True),
        ("The council met on Monday.\n\n- Roads: 2m\n- Schools: 3m\n\n#1 priority: roads.", False),
        ("A *starred* word, a `quoted` word and [a bracket] (and a paren).\n", False),
        ("Title\n=====\n\nA plain text with an underlined title.\n", False),
        ("", False),
    ],
)
def test_looks_like_markdown(text: str, markdown: bool) -> None:
    assert looks_like_markdown(text) is markdown


def test_plain_texts_of_the_shared_data_do_not_look_like_markdown() -> None:
    data = SHARED_DATA
    news, books = data / "cnndm_val.jsonl", sorted((data / "books").glob("*.txt"))
    if not news.exists() or not books:
        pytest.skip(f"{data} has no news or books (the shared data folder)")
    with open(news, encoding="utf-8") as rows:
        texts = [json.loads(row)["text"] for _, row in zip(range(300), rows, strict=False)]
    texts += [book.read_text(encoding="utf-8", errors="replace") for book in books]
    assert [t[:60] for t in texts if looks_like_markdown(t)] == []


# --- The command ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".markdown"])
def test_the_command_reads_markdown_files(run: Runner, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"README{suffix}"
    path.write_text(README, encoding="utf-8")
    result = run(str(path), "-f", "json", "-n", "5")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    summary = json.loads(result.stdout)
    assert summary["metadata"] == {
        "title": "Tidewater: tide tables for small harbours",
        "media_type": "text/markdown",
    }
    assert len(summary["sentences"]) == 5
    _, prose = parse_markdown(README)
    for chosen in summary["sentences"]:
        assert prose[chosen["start"] : chosen["end"]] == chosen["text"]
        for piece in NOT_PROSE:
            assert piece not in chosen["text"], piece


def test_the_input_format_option_reads_markdown(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "readme.txt"
    path.write_text(README, encoding="utf-8")
    plain = run(str(path), "-f", "json", "--ratio", "1")
    assert plain.exit_code == 0, plain.stderr
    assert "title" not in json.loads(plain.stdout).get("metadata", {})
    assert any("pip install" in s["text"] for s in json.loads(plain.stdout)["sentences"])
    for args in ([str(path)], ["-"]):
        result = run(
            *args, "-f", "json", "--ratio", "1", "--input-format", "markdown", input=README
        )
        assert result.exit_code == 0, result.stderr
        summary = json.loads(result.stdout)
        assert summary["metadata"]["title"] == "Tidewater: tide tables for small harbours"
        texts = [s["text"] for s in summary["sentences"]]
        assert len(texts) == len(segment(parse_markdown(README)[1]).sentences)
        assert not any(piece in text for text in texts for piece in NOT_PROSE)


def test_a_markdown_file_with_only_code(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "snippets.md"
    path.write_text("# Snippets\n\n```\nprint('Hello. World.')\n```\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"summarize: {path}: no prose to summarise (only headings, code, tables or HTML); "
        "--input-format text reads it as plain text\n"
    )
