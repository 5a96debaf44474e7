"""Terminal output: a panel per input, the sentences as a list, a muted footer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from summarize.document import Summary
from summarize.output import carries_insight


def _sentences(summary: Summary) -> Table:
    body = Table.grid(padding=(0, 1))
    body.add_column(style="bold cyan", no_wrap=True)
    body.add_column(overflow="fold")
    for s in summary.sentences:
        body.add_row("•", Text(s.text))  # Text(): user text is never read as markup
    if not summary.sentences:
        body.add_row("", Text("(no sentence fits the requested length)", style="italic dim"))
    return body


def _panel(summary: Summary) -> Panel:
    body: RenderableType
    if carries_insight(summary):
        from summarize.output.insight import rich_body

        body = rich_body(summary)
    else:
        body = _sentences(summary)
    footer = Text(
        f"{summary.method} · {len(summary.sentences)} of {summary.sentence_count} sentences"
        f" · {summary.language}",
        style="dim",
    )
    return Panel(
        body,
        title=Text(summary.metadata.get("title") or summary.source, style="bold"),
        subtitle=footer,
        subtitle_align="right",
        border_style="dim",
        padding=(0, 1),
    )


class RichRenderer:
    """A panel per summary for a terminal; honours NO_COLOR and the terminal width."""

    def __init__(self, stream: TextIO) -> None:
        self.console = Console(file=stream, highlight=False)

    def start(self, many: bool) -> str:
        return ""

    def block(self, summary: Summary, position: int, many: bool) -> str:
        with self.console.capture() as capture:
            self.console.print(_panel(summary))
            if carries_insight(summary):
                from summarize.output.insight import rich_after

                after = rich_after(summary, self.console)
                if after is not None:
                    self.console.print(after)
        return capture.get()

    def end(self, many: bool, count: int) -> str:
        return ""


def render_methods(infos: Sequence[Any], stream: TextIO) -> str:
    """The methods listing as a table."""
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
