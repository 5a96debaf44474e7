"""Sentence ends that sentencex does not see, found in the masked text: after an ellipsis
before a capitalised word, between links in a row, and after the closing of a letter.

The masked text is ``masking.masked``'s: quotes and brackets are ``\\x1f``.
"""

from __future__ import annotations

import re

# An ellipsis before a capitalised word other than "I" ends a sentence: ``it came... Nothing``.
_AFTER_ELLIPSIS = re.compile(r" +\x1f*(\w+)")
# A run of dots read as "..." from its first dot, whose last "..." comes before a word.
_DOTS_BEFORE_WORD = re.compile(r"\.\.\.(?<!\.\.\.\.)(?:\.\.\.)*(?= +\x1f*(\w+))")
# A list of links, one after the other: each is a unit of its own.
_SCHEME_END = re.compile(r"/(?<=://)")  # the second slash of "://", found faster than the colon
_TOKEN_REST = re.compile(r"\S*")
_URL_NEXT = re.compile(r" +(?:https?://|www\.)")
# The closing of a letter ends a sentence: ``Best regards, Jane``. Every salutation ends in a
# letter whose lower case is s, u or y (no other character lower-cases to one of those).
_COMMA_BEFORE_NAME = re.compile(r",(?<=[SsUuYy],)(?= [A-Z])")
_SALUTATIONS = ("regards", "sincerely", "thanks", "cheers", "thank you", "best wishes")


def ellipsis_cuts(flat: str) -> list[int]:
    """Cuts after an ellipsis that comes before a capitalised word other than "I"."""
    cuts = [
        dots.end()
        for dots in _DOTS_BEFORE_WORD.finditer(flat)
        if dots.group(1)[0].isupper() and dots.group(1) != "I"
    ]
    found = flat.find("\u2026")
    while found >= 0:
        end = found + 1
        after = _AFTER_ELLIPSIS.match(flat, end) if flat[end : end + 1] == " " else None
        if after and after.group(1)[0].isupper() and after.group(1) != "I":
            cuts.append(end)
        found = flat.find("\u2026", end)
    return cuts


def letter_cuts(flat: str) -> list[int]:
    """Cuts between links in a row and after a letter's closing (``Regards,``)."""
    cuts = []
    found = _SCHEME_END.search(flat)
    while found:
        rest = _TOKEN_REST.match(flat, found.start() - 2)
        end = rest.end() if rest else found.end()
        if _URL_NEXT.match(flat, end):
            cuts.append(end)
        found = _SCHEME_END.search(flat, end + 2)  # the next "://" that starts at ``end`` or after
    for match in _COMMA_BEFORE_NAME.finditer(flat):
        if flat[max(0, match.start() - 12) : match.start()].lower().endswith(_SALUTATIONS):
            cuts.append(match.end())
    return cuts
