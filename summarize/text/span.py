"""Where a sentence is in its text."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A sentence's place in the text: ``text[start:end]`` and its paragraph number."""

    start: int
    end: int
    paragraph: int
