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
from collections.abc import Sequence
from itertools import accumulate

from summarize.text.languages import iso_code

_MASK = "\x1f"
_MASKED = {
    **dict.fromkeys("\r\n\t\f\v", " "),
    **dict.fromkeys('"\u201c\u201d\u201e\u00ab\u00bb()[]', _MASK),
}
_CLOSERS = frozenset(_MASK + "'\u2019")
_AFTER_CLOSER = frozenset(" " + _MASK + ".!?")
# A sentence end before an opening quote or bracket, which sentencex does not see: ``me. "Go``.
_OPENER = re.compile(r" \x1f+(?=[^\W\d_])")
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "gen", "col", "capt", "lt", "sgt", "rev"}
    | {"messrs", "vs", "etc", "no", "fig", "vol", "ch", "pp", "inc", "ltd", "co", "corp"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
# An emoticon after a sentence end belongs to that sentence: ``I love her. :)``.
_EMOTICON = re.compile(r"\s*[:;=8][-']?[()\[\]\x1fDPpOo3/\\|*]+(?=\s|$)")
_EMOTICON_STARTS = frozenset(":;=8")
# An ellipsis before a capitalised word other than "I" ends a sentence: ``it came... Nothing``.
_ELLIPSIS = re.compile(r"(?:\.\.\.|\u2026)(?= +\x1f*[^\W\d_a-z])(?! +I\b)")
_THAI_SPACE = re.compile(r"(?<=[\u0e00-\u0e7f]) +(?=[\u0e00-\u0e7f])")
# A list of links, one after the other: each is a unit of its own.
_TOKEN_REST = re.compile(r"\S*")
_URL_NEXT = re.compile(r" +(?:https?://|www\.)")
# The closing of a letter ends a sentence: ``Best regards, Jane``.
_SALUTATIONS = ("regards", "sincerely", "thanks", "cheers", "yours", "thank you", "best wishes")
_BEFORE_OPENER = frozenset(".!? " + _MASK)
_MARKER = r"(?:[•\u2043\-*]\s*)?\(?(?:\d{1,2}|[a-zA-Z])(?:\.\)|\)|\.)"
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
    """End offsets of sentencex's sentences in ``flat``, trailing whitespace included."""
    import sentencex

    code = _segmenter_code(language)
    ends = list(accumulate(map(len, sentencex.segment(code, flat))))
    if not ends or ends[-1] != len(flat):  # the pieces do not tile the text: ask for offsets
        ends = [b["end_index"] for b in sentencex.get_sentence_boundaries(code, flat)]
    return ends


def _next_visible(flat: str, position: int) -> str:
    """The first character at or after ``position`` that is not whitespace or a mask."""
    length = len(flat)
    while position < length and (flat[position].isspace() or flat[position] == _MASK):
        position += 1
    return flat[position] if position < length else ""


def _end_before_opener(flat: str, position: int) -> int:
    """The end of a sentence that stops just before ``position`` (an opening quote), or 0."""
    while position and flat[position - 1] == " ":
        position -= 1
    cut = position
    while position and flat[position - 1] == _MASK:
        position -= 1
    if not position or flat[position - 1] not in ".!?":
        return 0
    if flat[position - 1] == ".":
        start = end = position - 1
        while start and end - start < 12 and (flat[start - 1].isalnum() or flat[start - 1] == "'"):
            start -= 1
        if end - start <= 1 or flat[start:end].lower() in _ABBREVIATIONS:
            return 0
    return cut


def _letter_cuts(flat: str) -> list[int]:
    """Cuts between links in a row and after a letter's closing (``Regards,``)."""
    cuts = []
    for mark in ("://", "www."):
        found = flat.find(mark)
        while found >= 0:
            rest = _TOKEN_REST.match(flat, found)
            end = rest.end() if rest else found + len(mark)
            if _URL_NEXT.match(flat, end):
                cuts.append(end)
            found = flat.find(mark, end)
    for word in _SALUTATIONS:
        tail = word[1:] + ","  # found fast whatever the case of the first letter
        found = flat.find(tail, 1)
        while found >= 0:
            start, end = found - 1, found + len(tail)
            if (
                flat[start].lower() == word[0]
                and (start == 0 or not flat[start - 1].isalnum())
                and _next_visible(flat, end).isupper()
            ):
                cuts.append(end)
            found = flat.find(tail, end)
    return cuts


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
        while end and flat[end - 1].isspace():
            end -= 1
        if not end:
            continue
        following = flat[end : end + 2]
        if following[:1] == _MASK:
            while (
                end < length
                and flat[end] == _MASK
                and (end + 1 == length or flat[end + 1] in _AFTER_CLOSER)
            ):
                end += 1
            following = flat[end : end + 2]
        if flat[end - 1] in _CLOSERS and _next_visible(flat, end).islower():
            continue
        if following[1:] in _EMOTICON_STARTS:
            emoticon = _EMOTICON.match(flat, end)
            if emoticon:
                end = emoticon.end()
        cuts.add(end)
    for match in _OPENER.finditer(flat):
        if flat[match.start() - 1] not in _BEFORE_OPENER:
            continue
        cut = _end_before_opener(flat, match.start())
        if cut and _next_visible(flat, cut).isupper():
            cuts.add(cut)
    cuts.update(_letter_cuts(flat))
    if "..." in flat or "\u2026" in flat:
        cuts.update(match.end() for match in _ELLIPSIS.finditer(flat))
    if language == "thai":  # Thai has no sentence punctuation: a space between words ends one
        cuts.update(match.start() for match in _THAI_SPACE.finditer(flat))
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
        if (
            cut - previous < 12
            and cut not in forced
            and _BARE_MARKER.fullmatch(text, previous, cut)
        ):
            continue
        kept.append(cut)
        previous = cut
    return kept
