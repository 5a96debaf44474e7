"""Raw text to paragraphs and sentences, with character offsets into the original text.

Blank lines end paragraphs. Inside a paragraph a heading, a list item or a short line that stops
before the wrap width (a headline, a signature, a line of verse) is a unit of its own, and
hard-wrapped lines are joined; in a paragraph whose lines are too long to be hard-wrapped, every
line is a unit. Sentences never run across units.

Sentences inside units come from sentencex (compiled rules, about 50 MB/s) with our corrections
on top, see :mod:`summarize.text.sentences`.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import compress, repeat
from operator import ne
from typing import cast

from summarize.text.sentences import sentence_ends
from summarize.text.span import Span

_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•◦‣\u2043▪\u2013]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])[ \t]+\S")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+\S")
_SPACES = re.compile(r"\s*")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_MARKED_LINE = re.compile(
    r"\n(?=[ \t]*(?:[-*+•◦‣\u2043▪\u2013]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|#{1,6})[ \t]+\S)"
)
# In one pass: a paragraph break, or (one character long) a line break before a line that may be
# a list item or heading: every one that _MARKED_LINE finds inside paragraphs, and a few more.
_BREAK_OR_MARK = re.compile(
    rf"{_PARAGRAPH_BREAK.pattern}|\n(?=[ \t]*(?:[a-zA-Z][.)]|[(\d\-*+•◦‣\u2043▪\u2013#]))"
)
_CONTINUES = re.compile(
    r"[,;:\-\u2013—(\[/&]$|\b(?:and|or|of|the|a|to|in|for|with)$", re.IGNORECASE
)

# A paragraph whose longest line is longer than this was not hard-wrapped: each line is a unit.
UNWRAPPED_WIDTH = 100
# Inside a hard-wrapped paragraph, a line shorter than this share of the longest one ends a unit.
SHORT_LINE = 0.6
# So a line at least this wide is never too short inside a paragraph that is hard-wrapped.
_SHORTEST = math.ceil(SHORT_LINE * UNWRAPPED_WIDTH)
# In a string of line widths (one byte each, 255 for any longer line): a short line that is
# followed by a line with text, or a line too long to be hard-wrapped.
_ODD_WIDTH = re.compile(
    b"[\\x01-\\x%02x](?=[^\\x00])|[\\x%02x-\\xff]" % (_SHORTEST - 1, UNWRAPPED_WIDTH + 1)
)


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


def _odd_lines(text: str) -> list[int]:
    """End offsets of the lines that may keep their paragraph from being plainly hard-wrapped.

    Those are the lines longer than ``UNWRAPPED_WIDTH`` and the lines too short for the inside of
    a wrapped paragraph that are followed by more text (not by a blank line). Line widths become
    bytes, so that a regular expression finds the odd ones among tens of thousands.
    """
    lines = text.split("\n")
    widths = list(map(len, lines))
    try:
        sizes = bytes(widths)
    except ValueError:  # a line of 256 characters or more
        sizes = bytes(map(min, widths, repeat(255)))
    ends = []
    start = previous = 0  # where line number ``previous`` starts
    for found in _ODD_WIDTH.finditer(sizes):
        line = found.start()
        start += sum(widths[previous:line]) + line - previous
        previous = line
        if (
            widths[line] < _SHORTEST
            and line + 2 < len(lines)
            and not lines[line + 1].strip(" \t\r\f\v")
        ):
            continue  # a blank line follows (as with ``\r\n`` line ends): a paragraph's last
        ends.append(start + widths[line])
    return ends


def unit_ends_of(text: str) -> tuple[list[int], list[int]]:
    """The end of every unit of the text, in order, and the number of its paragraph.

    Most paragraphs of a book are plainly hard-wrapped: one unit each. The others hold an odd
    line (see :func:`_odd_lines`), a list item or a heading; a few passes over the whole text
    find them, and only they are read line by line.
    """
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # old Mac line ends; same length, same offsets
    starts = [0]
    stops = []
    marked = []  # the line breaks before list items and headings inside paragraphs
    for found in _BREAK_OR_MARK.finditer(text):
        start, end = found.span()
        if end - start > 1:
            stops.append(start)
            starts.append(end)
        elif _MARKED_LINE.match(text, start):
            marked.append(start)
    stops.append(len(text))
    # Only the first paragraph can be blank and only the last empty: every other one starts
    # just after a break, which takes all the white space before it.
    closer = {0, len(starts) - 1}
    closer.update(bisect_right(starts, offset) - 1 for offset in marked + _odd_lines(text))
    ends: list[int] = []
    numbers: list[int] = []
    number = -1
    done = 0
    for index in sorted(closer):
        ends += stops[done:index]  # plainly hard-wrapped
        numbers += range(number + 1, number + 1 + index - done)
        number += index - done
        done = index + 1
        start, stop = starts[index], stops[index]
        if stop <= start or (text[start].isspace() and text[start:stop].isspace()):
            continue
        number += 1
        first_line = text.rfind("\n", 0, start) + 1
        last_line_end = text.find("\n", stop - 1)
        lines = text[first_line : len(text) if last_line_end < 0 else last_line_end].split("\n")
        widths = list(map(len, lines))
        widest = max(widths)
        if len(lines) == 1 or (
            widest <= UNWRAPPED_WIDTH
            and min(widths[:-1]) >= SHORT_LINE * widest
            and bisect_left(marked, start) == bisect_left(marked, stop)
        ):
            ends.append(stop)  # hard-wrapped, with no list item or heading
            numbers.append(number)
            continue
        units, lines_are_paragraphs = _units(text, start, stop, marked)
        for unit, end in enumerate(units):
            if unit:
                number += lines_are_paragraphs
            ends.append(end)
            numbers.append(number)
    ends += stops[done:]
    numbers += range(number + 1, number + 1 + len(stops) - done)
    return ends, numbers


def split_sentences(text: str, language: str = "english") -> list[Span]:
    """Sentence spans of ``text`` in document order, trimmed of surrounding whitespace."""
    return sentence_spans(text, language, *unit_ends_of(text))


def sentence_spans(
    text: str,
    language: str,
    unit_ends: list[int],
    unit_paragraphs: list[int],
    raw: list[int] | None = None,
) -> list[Span]:
    """:func:`split_sentences` from the text's units (:func:`unit_ends_of`) and, when known,
    sentencex's ends in it (``sentences.raw_ends``)."""
    if not unit_ends:
        return []
    cuts = sentence_ends(text, language, unit_ends, raw)
    return spans_of_cuts(text, cuts, 0, unit_ends, unit_paragraphs)


def spans_of_cuts(
    text: str, cuts: list[int], start: int, unit_ends: list[int], unit_paragraphs: list[int]
) -> list[Span]:
    """The sentences that end at ``cuts``, the first one after ``start``, as spans.

    Built with C-level maps: a book has tens of thousands of sentences. A sentence starts where
    the white space after the previous cut ends (which always matches), and is in the paragraph
    of the first unit that ends at or after its cut. Cuts after the last unit end close white
    space only, and their rows are dropped like any such row.
    """
    spaces = map(_SPACES.match, repeat(text), [start, *cuts[:-1]], cuts)
    starts = list(map(re.Match.end, cast("Iterator[re.Match[str]]", spaces)))
    ends = [cut if not text[cut - 1].isspace() else _trim_end(text, cut) for cut in cuts]
    units = map(min, map(bisect_left, repeat(unit_ends), cuts), repeat(len(unit_ends) - 1))
    paragraphs = map(unit_paragraphs.__getitem__, units)
    rows = compress(zip(starts, ends, paragraphs, strict=True), map(ne, starts, cuts))
    return list(map(tuple.__new__, repeat(Span), rows))


def _trim_end(text: str, end: int) -> int:
    while text[end - 1].isspace():
        end -= 1
    return end
