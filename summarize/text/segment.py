"""Raw text to paragraphs and sentences, with character offsets into the original text.

Blank lines end paragraphs. Inside a paragraph a heading, a list item or a short line that stops
before the wrap width (a headline, a signature, a line of verse) is a unit of its own, and
hard-wrapped lines are joined; in a paragraph whose lines are too long to be hard-wrapped, every
line is a unit. Sentences never run across units.

Sentences inside units come from sentencex (compiled rules, about 50 MB/s) with our corrections
on top, see :mod:`summarize.text.sentences`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, repeat
from operator import add, sub
from typing import NamedTuple

from summarize.document import Document, Sentence
from summarize.text.sentences import sentence_ends
from summarize.text.words import WordNormalizer, check_language_support, tokenize

_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•◦‣\u2043▪\u2013]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])[ \t]+\S")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+\S")
_VISIBLE = re.compile(r"\S")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_MARKED_LINE = re.compile(
    r"\n(?=[ \t]*(?:[-*+•◦‣\u2043▪\u2013]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|#{1,6})[ \t]+\S)"
)
_CONTINUES = re.compile(
    r"[,;:\-\u2013—(\[/&]$|\b(?:and|or|of|the|a|to|in|for|with)$", re.IGNORECASE
)

# A paragraph whose longest line is longer than this was not hard-wrapped: each line is a unit.
UNWRAPPED_WIDTH = 100
# Inside a hard-wrapped paragraph, a line shorter than this share of the longest one ends a unit.
SHORT_LINE = 0.6


class Span(NamedTuple):
    """A sentence's place in the text: ``text[start:end]`` and its paragraph number."""

    start: int
    end: int
    paragraph: int


def _starts_sentence(line: str) -> bool:
    first = line.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or not first.isalpha())


def _units(text: str, start: int, end: int, marked: list[int]) -> tuple[list[int], bool]:
    """End offsets of a paragraph's units: headings, list items, short and unwrapped lines.

    ``marked`` holds the sorted offsets of the line breaks before list items and headings.
    The flag tells whether the lines were not hard-wrapped, so that each is a paragraph.
    """
    lines = text[start:end].split("\n")
    if len(lines) == 1:
        return [end], False
    widths = list(map(len, lines))
    widest = max(widths)
    unwrapped = widest > UNWRAPPED_WIDTH
    if (
        not unwrapped
        and min(widths[:-1]) >= SHORT_LINE * widest
        and bisect_left(marked, start) == bisect_left(marked, end)
    ):
        return [end], False  # an ordinary hard-wrapped paragraph, with no list item or heading
    ends: list[int] = []
    line_end = start - 1
    for number, line in enumerate(lines):
        line_start = line_end + 1
        line_end = line_start + len(line)
        if number and (_LIST_ITEM.match(line) or _HEADING.match(line)):
            previous_end = line_start - 1
            if not ends or ends[-1] != previous_end:
                ends.append(previous_end)
        if number + 1 == len(lines):
            break
        if (
            unwrapped
            or _HEADING.match(line) is not None
            or (
                len(line.rstrip()) < SHORT_LINE * widest
                and _CONTINUES.search(line.strip()) is None
                and _starts_sentence(lines[number + 1])
            )
        ):
            ends.append(line_end)
    ends.append(end)
    return ends, unwrapped


def _unit_ends(text: str) -> list[tuple[int, int]]:
    """(end, paragraph) of every unit of the text, in order.

    Most paragraphs of a book are plainly hard-wrapped; their line widths are looked up in one
    table built for the whole text, and only the others are read line by line.
    """
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # old Mac line ends; same length, same offsets
    breaks = list(_PARAGRAPH_BREAK.finditer(text))
    starts = [0, *map(re.Match.end, breaks)]
    stops = [*map(re.Match.start, breaks), len(text)]
    widths = list(map(len, text.split("\n")))
    line_ends = list(accumulate(map(add, widths, repeat(1))))  # just past each line's break
    first_lines = map(bisect_right, repeat(line_ends), starts)
    last_lines = map(bisect_right, repeat(line_ends), map(sub, stops, repeat(1)))
    marked = [m.start() for m in _MARKED_LINE.finditer(text)]
    result = []
    number = -1
    for start, stop, first, last in zip(starts, stops, first_lines, last_lines, strict=True):
        if stop <= start or (text[start].isspace() and text[start:stop].isspace()):
            continue
        number += 1
        if first == last:
            result.append((stop, number))
            continue
        lines = widths[first : last + 1]
        widest = max(lines)
        if (
            widest <= UNWRAPPED_WIDTH
            and min(lines[:-1]) >= SHORT_LINE * widest
            and (not marked or bisect_left(marked, start) == bisect_left(marked, stop))
        ):
            result.append((stop, number))  # hard-wrapped, with no list item or heading
            continue
        ends, lines_are_paragraphs = _units(text, start, stop, marked)
        result.append((ends[0], number))
        for end in ends[1:]:
            number += lines_are_paragraphs
            result.append((end, number))
    return result


def split_sentences(text: str, language: str = "english") -> list[Span]:
    """Sentence spans of ``text`` in document order, trimmed of surrounding whitespace."""
    units = _unit_ends(text)
    if not units:
        return []
    unit_ends = [end for end, _ in units]
    unit_paragraphs = [paragraph for _, paragraph in units]
    cuts = sentence_ends(text, language, unit_ends)
    # Built with C-level maps: a book has tens of thousands of sentences.
    firsts = list(map(_VISIBLE.search, repeat(text), [0, *cuts[:-1]], cuts))
    starts = [first.start() if first else 0 for first in firsts]
    ends = [cut if not text[cut - 1].isspace() else _trim_end(text, cut) for cut in cuts]
    paragraphs = map(unit_paragraphs.__getitem__, map(bisect_left, repeat(unit_ends), cuts))
    rows = compress(zip(starts, ends, paragraphs, strict=True), firsts)
    return list(map(tuple.__new__, repeat(Span), rows))


def _trim_end(text: str, end: int) -> int:
    while text[end - 1].isspace():
        end -= 1
    return end


def display_text(raw: str) -> str:
    """A sentence as the reader sees it: wrapped lines joined, runs of whitespace collapsed."""
    return " ".join(raw.split())


def segment(text: str, language: str = "english", source: str = "<text>") -> Document:
    """Build a :class:`Document`: split ``text`` into sentences and normalise their words."""
    check_language_support(language)
    normalizer = WordNormalizer(language)
    sentences: list[Sentence] = []
    for span in split_sentences(text, language):
        shown = display_text(text[span.start : span.end])
        if not shown:
            continue
        tokens = tokenize(shown, language)
        sentences.append(
            Sentence(
                index=len(sentences),
                text=shown,
                start=span.start,
                end=span.end,
                paragraph=span.paragraph,
                tokens=tuple(tokens),
                terms=normalizer.terms(tokens),
            )
        )
    return Document(text=text, sentences=tuple(sentences), language=language, source=source)
