"""Rendering an evaluation report: a Rich table, aligned plain text, or JSON."""

from __future__ import annotations

import json
from typing import TextIO

from summarize.evaluation.rouge import METRICS
from summarize.evaluation.runner import EvalReport

HEADINGS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-Lsum"}


def _title(report: EvalReport) -> str:
    return f"{report.dataset}: {report.records} records, {report.length}, F1 x 100"


def _rows(report: EvalReport) -> list[list[str]]:
    lead = report.result("lead").scores["rouge1"].f1
    rows = []
    for result in report.results:
        cells = [result.method]
        cells += [f"{100 * result.scores[m].f1:.2f}" for m in METRICS]
        cells.append(f"{100 * (result.scores['rouge1'].f1 - lead):+.2f}")
        cells.append(f"{result.seconds:.2f}")
        rows.append(cells)
    return rows


def _headings() -> list[str]:
    return ["method", *(HEADINGS[m] for m in METRICS), "R-1 vs lead", "rank s"]


def render_plain(report: EvalReport) -> str:
    """A title line and an aligned table, never styled."""
    table = [_headings(), *_rows(report)]
    widths = [max(len(row[c]) for row in table) for c in range(len(table[0]))]
    lines = [_title(report)]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def render_json(report: EvalReport) -> str:
    """The documented JSON shape: ``EvalReport.to_dict()``, scores in [0, 1]."""
    return json.dumps(report.to_dict(), indent=2) + "\n"


def render_rich(report: EvalReport, stream: TextIO) -> str:
    """A Rich table for the terminal, returned as text with its escape codes."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, record=True)
    table = Table(title=Text(_title(report)), title_justify="left")
    for i, heading in enumerate(_headings()):
        table.add_column(heading, justify="left" if i == 0 else "right")
    for row in _rows(report):
        baseline = row[0] in ("lead", "random")
        table.add_row(*(Text(c) for c in row), style="dim" if baseline else None)
    with console.capture() as capture:
        console.print(table)
    return capture.get()
