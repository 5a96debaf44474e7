"""List markers and stray punctuation among sentences: a bare marker (``1.``) joined to its
item, a list written on one line (``1) one 2) two``) cut at its numbers, and a piece of
punctuation alone (``...``) joined to the sentence after it."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import sub

_MARKER = r"(?:[•\u2043\-*]\s*)?\(?(?:\d{1,2}|[a-zA-Z])(?:\.\)|\)|\.)"
_LONGEST_MARKER = 12  # characters, with the spaces around it
# White space, then visible characters, none of them a letter or digit; longer pieces are not
# looked at.
_WORDLESS = re.compile(r"\s+[^\w\s]+(?:\s+[^\w\s]+)*\s*")
_LONGEST_WORDLESS = 16
_BARE_MARKER = re.compile(rf"\s*{_MARKER}\s*")
_LEADING_MARKER = re.compile(rf"\s*{_MARKER}\s")
_INLINE_MARKER = re.compile(rf"(?<=\s){_MARKER}(?=\s)")
# The full stop or bracket of every list marker that starts a unit (after white space), and a
# few more; two patterns, each with a plain first character, are much faster in a whole book.
_MARKER_STOPS = (
    re.compile(r"\.(?<=[\s(\d•\u2043\-*][a-zA-Z\d]\.)(?=\)?\s)"),
    re.compile(r"\)(?<=[\s(\d•\u2043\-*][a-zA-Z\d]\))(?=\s)"),
)
_MARKER_VALUE = re.compile(r"\d{1,2}|[a-zA-Z]")


def inline_list_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts before the items of a list written on one line: ``1) one 2) two``."""
    head = _LEADING_MARKER.match(text, start, end)
    if head is None:
        return []
    value = _MARKER_VALUE.search(head.group())
    if value is None:
        return []
    expected = _successor(value.group())
    cuts = []
    for match in _INLINE_MARKER.finditer(text, head.end(), end):
        found = _MARKER_VALUE.search(match.group())
        if found is not None and found.group() == expected:
            cuts.append(match.start())
            expected = _successor(found.group())
    return cuts


def _successor(value: str) -> str:
    return str(int(value) + 1) if value.isdigit() else chr(ord(value) + 1)


def units_with_list_markers(text: str, unit_ends: Sequence[int]) -> list[int]:
    """Indexes of the units that start with a list marker (``1)``, ``a.``, ``- b)``), in order.

    Found from the markers' full stops and brackets in the whole text: a unit other than the
    first starts at a line break, so its marker comes after white space.
    """
    if not unit_ends:
        return []
    found = {0}
    for stops in _MARKER_STOPS:
        found.update(bisect_right(unit_ends, stop.start()) for stop in stops.finditer(text))
    found.discard(len(unit_ends))
    return [
        unit
        for unit in sorted(found)
        if _LEADING_MARKER.match(text, unit_ends[unit - 1] if unit else 0, unit_ends[unit])
    ]


def join_bare_markers(text: str, cuts: list[int], forced: set[int]) -> list[int]:
    """Drop a cut that would leave a list marker (``1.``, ``a)``) as a sentence of its own."""
    return _join_pieces(text, cuts, forced, _BARE_MARKER, _LONGEST_MARKER)


def join_wordless(text: str, cuts: list[int], forced: set[int]) -> list[int]:
    """Join a piece of punctuation alone (``...`` between two quoted sentences, ``"...``) to
    the sentence after it, when both are in one unit and the piece stands apart from the
    sentence before it (``"Hi. ... Bye."``, not ``won!...``)."""
    return _join_pieces(text, cuts, forced, _WORDLESS, _LONGEST_WORDLESS)


def _join_pieces(
    text: str, cuts: list[int], forced: set[int], piece: re.Pattern[str], longest: int
) -> list[int]:
    """Drop the cut after every piece shorter than ``longest`` that ``piece`` matches whole,
    unless the cut is in ``forced``: the piece goes with the sentence after it."""
    starts = [0, *cuts[:-1]]
    short = [i for i, length in enumerate(map(sub, cuts, starts)) if length < longest]
    dropped = {
        i for i in short if cuts[i] not in forced and piece.fullmatch(text, starts[i], cuts[i])
    }
    return [cut for i, cut in enumerate(cuts) if i not in dropped] if dropped else cuts
