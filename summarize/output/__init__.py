"""Output formats, chosen in one place; each renders a summary as one complete block.

A renderer is pure (summaries in, text out) and works block by block, so the writer can put
each summary out as soon as it is ready: ``start`` opens the output, ``block`` renders one
summary (``position`` counts from 0; ``many`` says whether several summaries may follow), and
``end`` closes it. Built-in formats are named by ``"module:Class"`` strings, so a format's
module (Rich, for one) is imported only when it is used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Protocol, TextIO

from summarize.errors import UsageError

if TYPE_CHECKING:
    from summarize.document import Summary

RENDERERS: dict[str, str] = {
    "plain": "summarize.output.text_formats:PlainRenderer",
    "rich": "summarize.output.rich_output:RichRenderer",
    "json": "summarize.output.text_formats:JsonRenderer",
    "jsonl": "summarize.output.text_formats:JsonLinesRenderer",
    "markdown": "summarize.output.text_formats:MarkdownRenderer",
    "html": "summarize.output.highlight:HtmlRenderer",
}
FORMATS = ("auto", *RENDERERS)


class Renderer(Protocol):
    """Renders summaries block by block (see the module docstring)."""

    def start(self, many: bool) -> str: ...

    def block(self, summary: Summary, position: int, many: bool) -> str: ...

    def end(self, many: bool, count: int) -> str: ...


def carries_insight(summary: Summary) -> bool:
    """Whether the summary has key phrases, features or its whole text to show: then the
    renderers hand it to :mod:`summarize.output.insight` (imported only for such summaries)."""
    return bool(summary.keyphrases) or hasattr(summary, "document_text")


def resolve_format(requested: str, stream: TextIO) -> str:
    """``auto`` becomes Rich on a terminal and plain text anywhere else."""
    if requested not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {requested!r}")
    if requested != "auto":
        return requested
    isatty = getattr(stream, "isatty", None)
    return "rich" if isatty is not None and isatty() else "plain"


def renderer(fmt: str, stream: TextIO) -> Renderer:
    """The renderer of a resolved format; ``stream`` tells Rich the terminal's width."""
    module, _, name = RENDERERS[fmt].partition(":")
    made: Renderer = getattr(import_module(module), name)(stream)
    return made


def render(summaries: list[Summary], fmt: str, stream: TextIO) -> str:
    """The whole output for ``summaries`` in ``fmt`` (already resolved), as one string."""
    chosen = renderer(fmt, stream)
    many = len(summaries) > 1
    blocks = [chosen.block(s, i, many) for i, s in enumerate(summaries)]
    return chosen.start(many) + "".join(blocks) + chosen.end(many, len(summaries))
