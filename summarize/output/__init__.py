"""Output formats, chosen in one place. Every renderer returns the whole text to write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TextIO

from summarize.document import Summary

FORMATS = ("auto", "plain", "rich", "json", "jsonl", "markdown")


def resolve_format(requested: str, stream: TextIO) -> str:
    """``auto`` becomes Rich on a terminal and plain text anywhere else."""
    if requested != "auto":
        return requested
    isatty = getattr(stream, "isatty", None)
    return "rich" if isatty is not None and isatty() else "plain"


def render(summaries: Sequence[Summary], fmt: str, stream: TextIO) -> str:
    """The full output for ``summaries`` in ``fmt`` (already resolved), as one string."""
    renderers: dict[str, Callable[[Sequence[Summary]], str]]
    if fmt == "rich":
        from summarize.output.rich_output import render_rich

        return render_rich(summaries, stream)
    from summarize.output.text_formats import (
        render_json,
        render_jsonl,
        render_markdown,
        render_plain,
    )

    renderers = {
        "plain": render_plain,
        "json": render_json,
        "jsonl": render_jsonl,
        "markdown": render_markdown,
    }
    return renderers[fmt](summaries)
