"""Markdown to prose: the paragraphs a reader reads, without code, tables, markup or headings.

The text is parsed with markdown-it-py (CommonMark with GitHub's tables and strikethrough), so
what counts as code, a list or a heading is what a Markdown renderer shows, not a guess:

* the first level-1 heading is the title (else the first heading of any level); every heading
  ends a section and is never a sentence of the summary;
* paragraphs and block quotes are prose, one paragraph each; every list item is a paragraph
  of its own, so an item is never run into the next one, except that an item of a few words
  that does not end like a sentence (``Python 3.10 or later``, ``Website: https://...``) is a
  label, not prose, and is left out: left in, such labels were 5 of the 111 sentences the
  default method chose from 37 real READMEs, 3 each, and none after
  (``benchmarks/markdown_prose.py``);
* fenced and indented code, tables, HTML blocks, thematic breaks and a front matter block at
  the top (YAML between ``---`` lines, TOML between ``+++`` lines) are left out;
* links and emphasis keep their text, inline code its content; images are left out (their alt
  text names a picture or a badge, it does not say what the text says), and so are inline HTML
  tags (the text between them stays);
* a paragraph that is nothing but one bold or italic phrase (``**Installation**``) is a heading
  in all but name and is left out too.

Paragraphs are separated by blank lines and each is one line (soft breaks become spaces, hard
breaks stay line breaks), which is what :mod:`summarize.text.segment` expects. The offsets of a
summary's sentences are offsets into this prose, not into the Markdown file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from summarize.errors import EmptyInputError

if TYPE_CHECKING:
    from markdown_it.token import Token

MEDIA_TYPE = "text/markdown"
SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")

# Front matter opens on the very first line and its first entry follows at once, so a document
# that merely starts with a thematic break (``---`` and a blank line) keeps its text.
_FRONT_MATTER = re.compile(
    r"\A(?:---[ \t]*\r?\n(?=\S).*?\r?\n(?:---|\.\.\.)"
    r"|\+\+\+[ \t]*\r?\n(?=\S).*?\r?\n\+\+\+)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL,
)
_SENTENCE_END = re.compile("[.!?\u2026\u3002\uff01\uff1f]['\"\u2019\u201d)\\]]*\\Z")
_PSEUDO_HEADING_WORDS = 12  # a bold paragraph longer than this is prose that is emphasised
# A list item of at most this many words that does not end like a sentence is a label
# ("Python 3.10 or later", "Website: https://..."), not prose: see benchmarks/markdown_prose.py.
LABEL_WORDS = 5
_INLINE_TEXT = frozenset({"text", "text_special", "code_inline"})
_WRAPPERS = {"strong_open": "strong_close", "em_open": "em_close"}
_DEPTH = {"list_item_open": 1, "list_item_close": -1, "blockquote_open": 1}
_DEPTH |= {"blockquote_close": -1, "table_open": 1, "table_close": -1}


# Marks that Markdown makes and plain prose does not, for :func:`looks_like_markdown`.
_MARKS = {
    "heading": re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE),
    "fence": re.compile(r"^[ ]{0,3}(?:```|~~~)[ \t]*[\w+-]*[ \t]*$", re.MULTILINE),
    "link": re.compile(r"!?\[[^\]\n]+\]\((?:https?://|/|\./|\.\./|#|mailto:)?[^)\s]*\)"),
    "table": re.compile(r"^[ ]{0,3}\|?[ \t]*:?-{3,}:?[ \t]*\|", re.MULTILINE),
    "bold": re.compile(r"(?<![*\w])\*\*[^*\n]+\*\*(?![*\w])|(?<![_\w])__[^_\n]+__(?![_\w])"),
    "code": re.compile(r"(?<!`)`[^`\n]+`(?!`)"),
}
_STRONG_MARKS = ("heading", "fence", "link", "table")
_STRONG_NEEDED = 2
_SNIFF_CHARS = 65536


def strip_front_matter(text: str) -> str:
    """``text`` without a YAML (``---``) or TOML (``+++``) front matter block at its very top."""
    return _FRONT_MATTER.sub("", text, count=1)


def _inline_text(children: Iterable[Token]) -> str:
    """What a reader reads of an inline run: text, code, link text; no images or HTML tags."""
    parts: list[str] = []
    for child in children:
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def _is_label(text: str) -> bool:
    """A few words that do not end like a sentence: a list item that names, not says."""
    return len(text.split()) <= LABEL_WORDS and not _SENTENCE_END.search(text)


def _is_pseudo_heading(children: Sequence[Token], text: str) -> bool:
    """A paragraph that is only one short bold or italic phrase, with no sentence end."""
    tokens = [c for c in children if not (c.type == "text" and not c.content.strip())]
    return (
        len(tokens) >= 3
        and _WRAPPERS.get(tokens[0].type) == tokens[-1].type
        and tokens[0].level == tokens[-1].level
        and all(t.level > tokens[0].level for t in tokens[1:-1])
        and len(text.split()) <= _PSEUDO_HEADING_WORDS
        and not _SENTENCE_END.search(text)
    )


class Block(NamedTuple):
    """One paragraph of prose and where it stood: ``paragraph``, ``item`` (of a list), ``quote``."""

    kind: str
    text: str


def prose_blocks(markdown: str) -> tuple[str | None, list[Block]]:
    """The title (``None`` when there is no heading) and the prose paragraphs, in order."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(strip_front_matter(markdown))
    first_h1: str | None = None
    first_heading: str | None = None
    blocks: list[Block] = []
    items = quotes = tables = 0
    for previous, token in zip([None, *tokens], tokens, strict=False):
        items += _DEPTH.get(token.type, 0) if token.tag == "li" else 0
        quotes += _DEPTH.get(token.type, 0) if token.tag == "blockquote" else 0
        tables += _DEPTH.get(token.type, 0) if token.tag == "table" else 0
        if token.type != "inline" or previous is None or tables:
            continue
        children = token.children or []
        text = _inline_text(children)
        if not text:
            continue
        if previous.type == "heading_open":
            first_heading = first_heading or text
            if previous.tag == "h1" and first_h1 is None:
                first_h1 = text
        elif previous.type == "paragraph_open" and not _is_pseudo_heading(children, text):
            if items and _is_label(text):
                continue
            blocks.append(Block("item" if items else "quote" if quotes else "paragraph", text))
    title = first_h1 or first_heading
    return (" ".join(title.split()) if title else None), blocks


def parse_markdown(markdown: str) -> tuple[str | None, str]:
    """The title (``None`` when there is no heading) and the prose of a Markdown text."""
    title, blocks = prose_blocks(markdown)
    return title, "\n\n".join(block.text for block in blocks)


def markdown_source(name: str, markdown: str) -> tuple[str | None, str]:
    """The title and the prose of the Markdown input ``name``, as :mod:`.formats` wants them.

    An :class:`~summarize.errors.EmptyInputError` when there is text but none of it is prose
    (only headings, code, tables or HTML). The formats module builds the source (media type
    :data:`MEDIA_TYPE`).
    """
    title, prose = parse_markdown(markdown)
    if not prose and markdown.strip():
        raise EmptyInputError(
            f"{name}: no prose to summarise (only headings, code, tables or HTML); "
            "--input-format text reads it as plain text"
        )
    return title, prose


def looks_like_markdown(text: str) -> bool:
    """Whether ``text`` (with no file name to go by) is Markdown rather than plain text.

    Plain text read as Markdown can lose text (an indented paragraph becomes code), so this
    asks for marks that plain prose does not make: at least two lines or spans of the strong
    kinds (an ATX heading, a code fence, an inline link or image, a table's delimiter row) and
    marks of at least two kinds (bold and inline code count too), within the first 64 KiB.
    Measured by ``benchmarks/markdown_sniff.py``: all 39 Markdown package descriptions on this
    machine, 1 of 36 reStructuredText ones, and none of 3,860 plain texts (news, abstracts, web
    article bodies, books).
    """
    head = text[:_SNIFF_CHARS]
    found = {name: len(pattern.findall(head)) for name, pattern in _MARKS.items()}
    strong = sum(found[name] for name in _STRONG_MARKS)
    return strong >= _STRONG_NEEDED and sum(1 for count in found.values() if count) >= 2


def is_markdown_name(name: str) -> bool:
    """Whether a file name says Markdown (``README.md``, ``notes.markdown``)."""
    return name.lower().endswith(SUFFIXES)
