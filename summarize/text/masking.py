"""The copy of a text that sentencex reads: the same length, with its whitespace made plain
spaces and its quotes and brackets masked, and whether sentencex can pair anything in it.

sentencex never splits inside quotes or brackets, so one unclosed quotation mark would swallow
the rest of a document (see :mod:`summarize.text.sentences`).
"""

from __future__ import annotations

from collections.abc import Iterator

MASK = "\x1f"
_MASKED = {
    **dict.fromkeys("\r\n\t\f\v", " "),
    # Other spaces too: sentencex panics on a capital, a non-ASCII space and a period ("Z\u00a0.").
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008", " "),
    **dict.fromkeys("\u2009\u200a\u2028\u2029\u202f\u205f\u3000\x1c\x1d\x1e\x85", " "),
    **dict.fromkeys('"\u201c\u201d\u201e\u00ab\u00bb()[]', MASK),
}


def masked(text: str) -> str:
    """``text`` with whitespace made plain spaces and quotes and brackets masked; same length.

    A single quote or apostrophe that starts a word is masked too (``'Go``, ``tell 'em``,
    ``on 'Change``): sentencex reads it as an opening quote, and the next apostrophe that ends a
    word (``the boys' room``) as its close, so a whole chapter between them went unsplit.
    """
    for char, replacement in _MASKED.items():
        if char in text:
            text = text.replace(char, replacement)
    starts = sorted(at for at, _, opens_word in _single_quotes(text) if opens_word)
    if starts:
        bounds = zip([-1, *starts], [*starts, len(text)], strict=True)
        text = MASK.join(text[i + 1 : j] for i, j in bounds)
    return text


def _single_quotes(text: str) -> Iterator[tuple[int, str, bool]]:
    """Each straight and left single quote of ``text`` (the straight ones first): its offset,
    the quote, and whether it starts a word (a letter or digit after it, none before)."""
    for quote in "'\u2018":
        at = text.find(quote)
        while at >= 0:
            yield at, quote, text[at + 1 : at + 2].isalnum() and not (at and text[at - 1].isalnum())
            at = text.find(quote, at + 1)


# The openers of sentencex's quote and bracket pairs that the mask leaves as they are. sentencex
# also pairs a single quote after a space, and a left single quote, when the mask leaves them
# (when they do not start a word).
_UNMASKED_OPENERS = "\u201a\u201b\u201f\u2039\u300a\u300c\uff08<{"
_SPACES_WHEN_MASKED = frozenset(" ").union(k for k, v in _MASKED.items() if v == " ")


def pairs_nothing(text: str) -> bool:
    """Whether sentencex finds no quote or bracket pair in ``text`` masked (:func:`masked`).

    Then every boundary it finds depends on the text around it alone, so a part of the text has
    the boundaries of the whole, but near its ends; else a pair can hold a boundary thousands
    of characters from where it opened.
    """
    if any(map(text.__contains__, _UNMASKED_OPENERS)):
        return False
    return not any(
        not opens_word and (quote == "\u2018" or (at > 0 and text[at - 1] in _SPACES_WHEN_MASKED))
        for at, quote, opens_word in _single_quotes(text)
    )
