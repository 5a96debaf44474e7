"""Sentence boundaries: sentencex's compiled rules, with corrections measured on real text.

sentencex is fast and knows abbreviations in many languages, but it never splits inside quotes
or brackets, so one unclosed quotation mark swallows the rest of a document. We run it on a copy
of the text of the same length in which quotes and brackets are masked, then:

- move a boundary past the closing quotes and brackets that follow it (``"Stop." He``);
- drop a boundary after a closing quote or bracket when the next word is lower-case
  (``'This is great.' she said``, ``(He worked there.) at the``);
- join a bare list marker to its item (``1.`` + ``The first item``) and split inline lists
  (``1) The first item 2) The second item``);
- always cut at the end of a unit (paragraph, heading, list item, headline).
"""

from __future__ import annotations

import re
from itertools import accumulate
from collections.abc import Sequence

from summarize.text.languages import iso_code

_MASK = "\x1f"
_MASKED = {
    **dict.fromkeys("\r\n\t\f\v", " "),
    **dict.fromkeys('"\u201c\u201d\u201e\u00ab\u00bb()[]', _MASK),
}
_CLOSERS = frozenset(_MASK + "'\u2019")
_AFTER_CLOSER = frozenset(" " + _MASK + ".!?")
_MARKER = r"(?:[•⁃\-*]\s*)?\(?(?:\d{1,2}|[a-zA-Z])(?:\.\)|\)|\.)"
_BARE_MARKER = re.compile(rf"\s*{_MARKER}\s*")
_LEADING_MARKER = re.compile(rf"\s*{_MARKER}\s")
_INLINE_MARKER = re.compile(rf"(?<=\s){_MARKER}(?=\s)")
_MARKER_VALUE = re.compile(r"\d{1,2}|[a-zA-Z]")


def _masked(text: str) -> str:
    """``text`` with whitespace made plain spaces and quotes and brackets masked; same length."""
    for char, replacement in _MASKED.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def _segmenter_code(language: str) -> str:
    return iso_code(language)


def _raw_ends(flat: str, language: str) -> list[int]:
    """End offsets of sentencex's sentences in ``flat``, trailing whitespace excluded."""
    import sentencex

    code = _segmenter_code(language)
    ends = list(accumulate(map(len, sentencex.segment(code, flat))))
    if not ends or ends[-1] != len(flat):  # the pieces do not tile the text: ask for offsets
        ends = [b["end_index"] for b in sentencex.get_sentence_boundaries(code, flat)]
    for number, end in enumerate(ends):
        if end and flat[end - 1] == " ":
            while end > 0 and flat[end - 1].isspace():
                end -= 1
            ends[number] = end
    return ends


def _next_visible(flat: str, position: int) -> str:
    """The first character at or after ``position`` that is not whitespace or a mask."""
    length = len(flat)
    while position < length and (flat[position].isspace() or flat[position] == _MASK):
        position += 1
    return flat[position] if position < length else ""


def _inline_list_cuts(text: str, start: int, end: int) -> list[int]:
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


def sentence_ends(text: str, language: str, unit_ends: Sequence[int]) -> list[int]:
    """Sorted offsets in ``text`` where sentences end; every unit end is one of them."""
    flat = _masked(text)
    length = len(flat)
    cuts: set[int] = set()
    for end in _raw_ends(flat, language):
        if end <= 0:
            continue
        while end < length and flat[end] == _MASK and (
            end + 1 == length or flat[end + 1] in _AFTER_CLOSER
        ):
            end += 1
        if flat[end - 1] in _CLOSERS and _next_visible(flat, end).islower():
            continue
        cuts.add(end)
    unit_start = 0
    for unit_end in unit_ends:
        cuts.add(unit_end)
        if _LEADING_MARKER.match(text, unit_start, unit_end):
            cuts.update(_inline_list_cuts(text, unit_start, unit_end))
        unit_start = unit_end
    ordered = sorted(c for c in cuts if 0 < c <= length)
    return _join_bare_markers(text, ordered, set(unit_ends))


def _join_bare_markers(text: str, cuts: list[int], forced: set[int]) -> list[int]:
    """Drop a cut that would leave a list marker (``1.``, ``a)``) as a sentence of its own."""
    kept = []
    previous = 0
    for cut in cuts:
        if cut - previous < 12 and cut not in forced and _BARE_MARKER.fullmatch(text, previous, cut):
            continue
        kept.append(cut)
        previous = cut
    return kept
