"""Raw text to paragraphs and sentences, with character offsets into the original text.

Blank lines end paragraphs; inside a paragraph a heading-like line or a list item is a unit of
its own, and hard-wrapped lines are joined. Sentences are split inside each unit, so a sentence
never runs across a paragraph break or out of a list item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarize.document import Document, Sentence
from summarize.text.languages import iso_code
from summarize.text.words import WordNormalizer, tokenize

_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t\f\v]*(?:\r\n|\r|\n)\s*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_LIST_ITEM = re.compile(r"\s*(?:[-*•◦‣]|\d{1,3}[.)]|[a-zA-Z][.)])\s+\S")
_HEADING = re.compile(r"\s*#{1,6}\s+\S")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
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
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph into units: list items and markdown headings start a new unit."""
    units: list[tuple[int, int]] = []
    unit_start = start
    for match in _LINE.finditer(text, start, end):
        line = match.group()
        if not line:
            break
        if match.start() > unit_start and (_LIST_ITEM.match(line) or _HEADING.match(line)):
            units.append((unit_start, match.start()))
            unit_start = match.start()
        if _HEADING.match(line):
            units.append((unit_start, match.end()))
            unit_start = match.end()
    units.append((unit_start, end))
    return [(s, e) for s, e in units if text[s:e].strip()]


def _split_unit(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Sentence spans inside one unit, found with sentencex and mapped back to offsets."""
    import sentencex

    chunk = text[start:end].replace("\r", " ").replace("\n", " ")
    spans = []
    cursor = 0
    for piece in sentencex.segment(iso_code(language), chunk):
        stripped = piece.strip()
        if not stripped:
            continue
        found = chunk.find(stripped, cursor)
        if found < 0:  # sentencex changed the text; fall back to the cursor position
            found = cursor
        spans.append((start + found, start + found + len(stripped)))
        cursor = found + len(stripped)
    return spans


def split_sentences(text: str, language: str = "english") -> list[Span]:
    """Sentence spans of ``text`` in document order."""
    spans = []
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        for u_start, u_end in _units(text, p_start, p_end):
            for s_start, s_end in _split_unit(text, u_start, u_end, language):
                spans.append(Span(s_start, s_end, number))
    return spans


def display_text(raw: str) -> str:
    """A sentence as the reader sees it: wrapped lines joined, runs of whitespace collapsed."""
    return _WHITESPACE.sub(" ", raw).strip()


def segment(text: str, language: str = "english", source: str = "<text>") -> Document:
    """Build a :class:`Document`: split ``text`` into sentences and normalise their words."""
    normalizer = WordNormalizer(language)
    sentences: list[Sentence] = []
    for span in split_sentences(text, language):
        shown = display_text(text[span.start : span.end])
        if not shown:
            continue
        tokens = tokenize(shown)
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
