"""Terminal output: a panel per input, the sentences as a list, a muted footer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from summarize.document import Summary


def _panel(summary: Summary) -> Panel:
    items = []
    for s in summary.sentences:
        line = Text("• ", style="bold cyan")
        line.append(Text(s.text))  # Text(): user text is never read as markup
        items.append(line)
    if not items:
        items.append(Text("(no sentence fits the requested length)", style="italic dim"))
    footer = Text(
        f"{summary.method} · {len(summary.sentences)} of {summary.sentence_count} sentences"
        f" · {summary.language}",
        style="dim",
    )
    return Panel(
        Group(*items),
        title=Text(summary.source, style="bold"),
        subtitle=footer,
        subtitle_align="right",
        border_style="dim",
        padding=(0, 1),
    )


def render_rich(summaries: Sequence[Summary], stream: TextIO) -> str:
    """Render for a terminal; honours NO_COLOR and the terminal width (Rich reads both)."""
    console = Console(file=stream, highlight=False)
    with console.capture() as capture:
        for summary in summaries:
            console.print(_panel(summary))
    return capture.get()


def render_methods(infos: Sequence[Any], stream: TextIO) -> str:
    """The methods listing as a table."""
    from rich.table import Table

    table = Table(box=None, show_header=True, header_style="bold")
    table.add_column("method", style="cyan", no_wrap=True)
    table.add_column("description")
    table.add_column("from", style="dim")
    for info in infos:
        table.add_row(Text(info.name), Text(info.description), Text(info.origin))
    console = Console(file=stream, highlight=False)
    with console.capture() as capture:
        console.print(table)
    return capture.get()
