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
from bisect import bisect_left
from typing import NamedTuple

from summarize.document import Document, Sentence
from summarize.text.sentences import sentence_ends
from summarize.text.words import WordNormalizer, check_language_support, tokenize

_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:\r\n|\r|\n)\s*")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•◦‣⁃▪–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])[ \t]+\S")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+\S")
_MARKED_LINE = re.compile(
    r"^[ \t]*(?:[-*+•◦‣⁃▪–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|#{1,6})[ \t]+\S", re.MULTILINE
)
_CONTINUES = re.compile(r"[,;:\-–—(\[/&]$|\b(?:and|or|of|the|a|to|in|for|with)$", re.IGNORECASE)

# A paragraph whose longest line is longer than this was not hard-wrapped: each line is a unit.
UNWRAPPED_WIDTH = 100
# Inside a hard-wrapped paragraph, a line shorter than this share of the longest one ends a unit.
SHORT_LINE = 0.6


class Span(NamedTuple):
    """A sentence's place in the text: ``text[start:end]`` and its paragraph number."""

    start: int
    end: int
    paragraph: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: stretches of text between blank lines."""
    spans = []
    cursor = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [(s, e) for s, e in spans if not text[s:e].isspace() and s < e]


def _starts_sentence(line: str) -> bool:
    first = line.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or not first.isalpha())


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph into units: headings, list items, short lines and unwrapped lines."""
    chunk = text[start:end]
    if "\n" not in chunk and "\r" not in chunk:
        return [(start, end)]
    raw_lines = chunk.splitlines(keepends=True)
    widths = [len(line.rstrip()) for line in raw_lines]
    widest = max(widths)
    unwrapped = widest > UNWRAPPED_WIDTH
    if (
        not unwrapped
        and min(widths[:-1]) >= SHORT_LINE * widest
        and _MARKED_LINE.search(chunk) is None
    ):
        return [(start, end)]  # an ordinary hard-wrapped paragraph
    units: list[tuple[int, int]] = []
    unit_start = line_start = start
    for number, line in enumerate(raw_lines):
        line_end = line_start + len(line)
        if line_start > unit_start and (_LIST_ITEM.match(line) or _HEADING.match(line)):
            units.append((unit_start, line_start))
            unit_start = line_start
        if number + 1 == len(raw_lines):
            break
        stripped = line.strip()
        ends_unit = (
            unwrapped
            or _HEADING.match(line) is not None
            or not stripped
            or (
                widths[number] < SHORT_LINE * widest
                and _CONTINUES.search(stripped) is None
                and _starts_sentence(raw_lines[number + 1])
            )
        )
        if ends_unit:
            units.append((unit_start, line_end))
            unit_start = line_end
        line_start = line_end
    units.append((unit_start, end))
    return [(s, e) for s, e in units if e > s and not text[s:e].isspace()]


def _unit_ends(text: str) -> list[tuple[int, int]]:
    """(end, paragraph) of every unit of the text, in order."""
    ends = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        for _, u_end in _units(text, p_start, p_end):
            ends.append((u_end, number))
    return ends


def split_sentences(text: str, language: str = "english") -> list[Span]:
    """Sentence spans of ``text`` in document order, trimmed of surrounding whitespace."""
    units = _unit_ends(text)
    if not units:
        return []
    unit_ends = [end for end, _ in units]
    spans = []
    cursor = 0
    for cut in sentence_ends(text, language, unit_ends):
        piece = text[cursor:cut]
        stripped = piece.strip()
        if stripped:
            start = cursor + piece.index(stripped[0])
            paragraph = units[bisect_left(unit_ends, cut)][1]
            spans.append(Span(start, start + len(stripped), paragraph))
        cursor = cut
    return spans


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
