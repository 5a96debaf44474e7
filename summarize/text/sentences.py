"""Sentence boundaries: sentencex's compiled rules, with corrections measured on real text.

sentencex is fast and knows abbreviations in many languages, but it never splits inside quotes
or brackets, so one unclosed quotation mark swallows the rest of a document. We run it on a copy
of the text of the same length in which quotes, brackets and the single quotes or apostrophes
that start a word are masked, then:

- move a boundary past the closing quotes and brackets that follow it (``"Stop." He``);
- drop a boundary after a closing quote or bracket when the next word is lower-case
  (``'This is great.' she said``, ``(He worked there.) at the``), and after a name that ends
  in ! or ? when the next word is (``a poll of Kerrang! magazine readers``);
- drop a boundary after an initial or a title that follows a quote or bracket, which the mask
  hides from sentencex's abbreviation list (``"Mr. Smith``, ``(CNN)U.S. officials``);
- join a bare list marker to its item (``1.`` + ``The first item``) and split inline lists
  (``1) The first item 2) The second item``);
- join an ellipsis standing alone to the sentence after it (``"We tried. ... Nobody came."``);
- always cut at the end of a unit (paragraph, heading, list item, headline).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate, filterfalse, repeat
from operator import add, sub

from summarize.text.languages import iso_code
from summarize.text.masking import MASK, masked
from summarize.text.sentence_cuts import ellipsis_cuts, letter_cuts
from summarize.text.sentence_lists import (
    inline_list_cuts,
    join_bare_markers,
    join_wordless,
    units_with_list_markers,
)

_VISIBLE = re.compile(r"[^\s\x1f]")  # \x1f is white space to Python: the same as \S
# The whitespace left in the masked text (``\x1f`` is whitespace to Python, not to sentencex).
_SPACE_CHARS = (
    " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x85"
)
_CLOSERS = frozenset(MASK + "'\u2019")
_CLOSERS_OR_MARKS = _CLOSERS | frozenset("!?")
_AFTER_CLOSER = frozenset(" " + MASK + ".!?")
_NEXT_WORD = re.compile(r"[\s\x1f]*(\w+)")
# A word after another word and a space or two, at the end of the searched stretch.
_WORD_BEFORE = re.compile(r"[\w,;:]  ?(\w[\w'\u2019-]*)$")
# A sentence end before an opening quote or bracket, which sentencex does not see: ``me. "Go``.
# Only an opener after spaces that follow .!? or a mask can have one: after one space, after two,
# or (any character before them) after three or more.
_OPENERS_AFTER_END = (
    re.compile(r"\x1f(?<=[.!?\x1f] \x1f)(?=[^\W\d_])"),
    re.compile(r"\x1f(?<=[.!?\x1f]  \x1f)(?=[^\W\d_])"),
)
_OPENER_AFTER_SPACES = re.compile(r"\x1f(?<=   \x1f)(?=[^\W\d_])")
_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "gen", "col", "capt", "lt", "sgt", "rev"}
    | {"messrs"}
)
_ABBREVIATIONS = (
    _TITLES
    | {"vs", "etc", "no", "fig", "vol", "ch", "pp", "inc", "ltd", "co", "corp"}
    | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
# An initial or a title right after a masked quote or bracket: ``"Mr.``, ``(CNN)U.``, ``"G.``,
# but not one that is all of a quotation: ``"B."``. Titles of office count here too
# (``(CNN)Gov. Mike Pence``).
_OFFICES = frozenset({"sen", "gov", "rep", "hon", "pres", "maj", "adm", "cmdr", "fr", "supt"})
_GLUED_TITLES = "|".join(sorted(title.capitalize() for title in _TITLES | _OFFICES))
_MASKED_INITIAL = re.compile(rf"\x1f(?:[A-Z]|{_GLUED_TITLES})\.(?!\x1f)")
# An emoticon after a sentence end belongs to that sentence: ``I love her. :)``.
_EMOTICON = re.compile(r"\s*[:;=8][-']?[()\[\]\x1fDPpOo3/\\|*]+(?=\s|$)")
_EMOTICONS = frozenset(":;=8")
_ENDS_BEFORE_OPENER = frozenset(".!?" + MASK)
_THAI_SPACE = re.compile(r"(?<=[\u0e00-\u0e7f]) +(?=[\u0e00-\u0e7f])")


def _segmenter_code(language: str) -> str:
    return iso_code(language)


def _raw_ends(flat: str, language: str) -> list[int]:
    """End offsets of sentencex's sentences in ``flat``, trailing spaces excluded."""
    import sentencex

    code = _segmenter_code(language)
    pieces = sentencex.segment(code, flat)
    ends = list(accumulate(map(len, pieces)))
    if not ends or ends[-1] != len(flat):  # the pieces do not tile the text: ask for offsets
        bounds = sentencex.get_sentence_boundaries(code, flat)
        pieces = [flat[b["start_index"] : b["end_index"]] for b in bounds]
        ends = [b["end_index"] for b in bounds]
    starts = [0, *ends[:-1]]
    return list(map(add, starts, map(len, map(str.rstrip, pieces, repeat(_SPACE_CHARS)))))


def _next_visible(flat: str, position: int) -> str:
    """The first character at or after ``position`` that is not whitespace or a mask."""
    near = flat[position : position + 2].lstrip()  # most often one of these two
    if near:
        return near[0]
    found = _VISIBLE.search(flat, position + 2)
    return found.group() if found else ""


def _name_with_mark(flat: str, end: int) -> bool:
    """Whether the ! or ? before ``end`` ends a name inside a sentence, not the sentence.

    The name is capitalised and does not start the sentence (``at Yahoo! in``, not ``Great!
    thanks``), and the next word is all lower-case (``in``, not ``eBay`` or ``I``).
    """
    after = _NEXT_WORD.match(flat, end)
    if after is None or not after.group(1).islower():
        return False
    before = _WORD_BEFORE.search(flat, max(0, end - 60), end - 1)
    return before is not None and before.group(1)[:1].isupper()


def _inside_quote(flat: str, position: int) -> bool:
    """Whether the last quote or bracket before ``position`` (in this stretch) opens one."""
    found = flat.rfind(MASK, max(0, position - 300), position)
    return found >= 0 and (found == 0 or flat[found - 1] == " ")


def _end_before_opener(flat: str, position: int) -> int:
    """The end of a sentence that stops just before ``position`` (an opening quote), or 0."""
    while position and flat[position - 1] == " ":
        position -= 1
    cut = position
    while position and flat[position - 1] == MASK:
        position -= 1
    if not position or flat[position - 1] not in ".!?":
        return 0
    if flat[position - 1] == ".":  # not after an initial or an abbreviation: ``Mr. "Smith``
        end = position - 1
        word = flat[flat.rfind(" ", max(0, end - 16), end) + 1 : end].lstrip(MASK)
        if len(word) <= 1 or "." in word or word.lower() in _ABBREVIATIONS:
            return 0
    return cut


def raw_ends(text: str, language: str) -> list[int]:
    """Where sentencex ends sentences in ``text`` (masked), before our corrections.

    sentencex decides some boundaries from far away (a quotation mark can pair with one
    thousands of characters on), so a part of a text gets the boundaries of the whole only
    when it is given those of the whole: see ``sentence_ends``'s ``raw``.
    """
    return _raw_ends(masked(text), language)


def sentence_ends(
    text: str, language: str, unit_ends: Sequence[int], raw: list[int] | None = None
) -> list[int]:
    """Sorted offsets in ``text`` where sentences end; every unit end is one of them.

    ``unit_ends`` are sorted, and each is at a line break or at the end of the text. ``raw``
    is :func:`raw_ends` of ``text``, found here when not given. Every correction reads at most
    a few hundred characters around a boundary.
    """
    flat = masked(text)
    length = len(flat)
    raw = _without_masked_initials(flat, _raw_ends(flat, language) if raw is None else raw)
    padded = flat + "  "
    special = [
        end
        for end in raw
        if padded[end - 1] in _CLOSERS_OR_MARKS
        or padded[end] in _CLOSERS
        or padded[end + 1] in _EMOTICONS
    ]
    # The common case: a sentence that ends with its punctuation.
    cuts = set(raw)
    cuts.difference_update(special)
    cuts.discard(0)
    keep = cuts.add
    for end in special:
        if padded[end] in _CLOSERS:  # closing quotes and brackets belong to the sentence
            while (
                end < length
                and flat[end] in _CLOSERS
                and (end + 1 == length or flat[end + 1] in _AFTER_CLOSER)
            ):
                end += 1
        last = flat[end - 1]
        if last in _CLOSERS_OR_MARKS:
            following = _next_visible(flat, end)
            if following.islower() and (
                last in _CLOSERS or _inside_quote(flat, end) or _name_with_mark(flat, end)
            ):
                # ``'This is great.' she said``, ``"Heavens! what an attack!" said he``, and a
                # name with its mark: ``Yahoo! in the``, ``Who Wants to Be a Millionaire? on``.
                continue
        if flat[end + 1 : end + 2] in _EMOTICONS:
            emoticon = _EMOTICON.match(flat, end)
            if emoticon:
                end = emoticon.end()
        keep(end)
    cuts.update(unit_ends)
    cuts.update(_cuts_before_openers(flat, cuts))
    cuts.update(letter_cuts(flat))
    cuts.update(ellipsis_cuts(flat))
    if language == "thai":  # Thai has no sentence punctuation: a space between words ends one
        cuts.update(match.start() for match in _THAI_SPACE.finditer(flat))
    for unit in units_with_list_markers(text, unit_ends):
        start = unit_ends[unit - 1] if unit else 0
        cuts.update(inline_list_cuts(text, start, unit_ends[unit]))
    cuts.discard(0)
    forced = set(unit_ends)
    return join_wordless(text, join_bare_markers(text, sorted(cuts), forced), forced)


def _without_masked_initials(flat: str, ends: list[int]) -> list[int]:
    """``ends`` less the cuts after an initial or a title glued to a quote or bracket.

    Such a cut is kept when the next word is not capitalised, as a name would be.
    """
    glued = {found.end() for found in _MASKED_INITIAL.finditer(flat)}
    if not glued:
        return ends
    return [end for end in ends if end not in glued or not _next_visible(flat, end).isupper()]


def _cuts_before_openers(flat: str, cuts: set[int]) -> list[int]:
    """Cuts where a sentence ends before an opening quote or bracket (not already in ``cuts``).

    Such a cut is where the spaces before the opener start, which is where no other opener's
    spaces start: each opener is read on its own, and most are left out in one pass.
    """
    found = []
    for spaces, openers in enumerate(_OPENERS_AFTER_END, 1):
        befores = map(sub, map(re.Match.start, openers.finditer(flat)), repeat(spaces))
        for before in filterfalse(cuts.__contains__, befores):
            cut = _end_before_opener(flat, before + spaces)
            if cut and _next_visible(flat, cut).isupper():
                found.append(cut)
    for match in _OPENER_AFTER_SPACES.finditer(flat):
        start = before = match.start()
        while flat[before - 1] == " ":
            before -= 1
        if before not in cuts and flat[before - 1] in _ENDS_BEFORE_OPENER:
            cut = _end_before_opener(flat, start)
            if cut and _next_visible(flat, cut).isupper():
                found.append(cut)
    return found
