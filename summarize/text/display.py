"""What a sentence looks like to a reader: its text with wrapped lines joined and runs of white
space collapsed, for one sentence or, in a few steps, for every sentence of a text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarize.text.span import Span


def display_text(raw: str) -> str:
    """A sentence as the reader sees it: wrapped lines joined, runs of whitespace collapsed."""
    return " ".join(raw.split())


# Every character that is white space to Python (``str.isspace``) other than the space. Each is
# looked for on its own: a search for one character is a ``memchr`` (and none at all for a
# character wider than the text's), 2-3x faster on a book than a character class.
_OTHER_WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def single_spaced(joined: str) -> bool:
    """Whether texts joined by NULs have no white space but single spaces between words."""
    return not (
        "  " in joined
        or " \x00" in joined
        or "\x00 " in joined
        or joined.startswith(" ")
        or joined.endswith(" ")
        or any(map(joined.__contains__, _OTHER_WHITE_SPACE))
    )


def display_texts(text: str, spans: Sequence[Span]) -> list[str]:
    """:func:`display_text` of every span, in a few steps for the whole text.

    Joined by NULs (which are not white space), the spans need nothing when they are single
    spaced (most prose); hard-wrapped text needs its line breaks made spaces and only its few
    sentences with a run of spaces collapsed. Otherwise the whole is collapsed at once: as the
    spans are trimmed, that collapses each one's white space; only a span that is empty or all
    white space leaves a space beside a NUL, and then the spans are collapsed one by one.
    """
    pieces = [text[start:end] for start, end, _ in spans]
    joined = "\x00".join(pieces)
    if not pieces or joined.count("\x00") != len(pieces) - 1:
        return [" ".join(piece.split()) for piece in pieces]
    if single_spaced(joined):
        return joined.split("\x00")
    unwrapped = joined.replace("\n", " ")
    if not any(map(unwrapped.__contains__, _OTHER_WHITE_SPACE)):
        return [
            " ".join(line.split()) if "  " in line or line[:1] == " " or line[-1:] == " " else line
            for line in unwrapped.split("\x00")
        ]
    joined = " ".join(joined.split())
    if " \x00" in joined or "\x00 " in joined:
        return [" ".join(piece.split()) for piece in pieces]
    return joined.split("\x00")
