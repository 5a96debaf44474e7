"""Options that several commands share, declared once as ``Annotated`` types.

Settings that may also come from ``SUMMARIZE_*`` variables or the config file default to None
here ("not given"): the value is resolved by :mod:`summarize.config`, flags first.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import click
import typer

from summarize import __version__


class Order(str, Enum):
    document = "document"
    score = "score"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    html = "html"


def _version_callback(value: bool) -> None:
    if value:
        print(f"summarize {__version__}")
        raise typer.Exit()


Sentences = Annotated[
    int | None,
    typer.Option("--sentences", "-n", help="Number of sentences [default: 3].", show_default=False),
]
Ratio = Annotated[
    float | None,
    typer.Option(
        "--ratio", "-r", help="Fraction of the sentences to keep, in (0, 1].", show_default=False
    ),
]
Words = Annotated[
    int | None,
    typer.Option(
        "--words",
        "-w",
        help="Word budget: the best sentences that fit in W words.",
        show_default=False,
    ),
]
Method = Annotated[
    str | None,
    typer.Option(
        "--method",
        "-m",
        help="Ranking method; see 'summarize methods' [default: position-centroid].",
        show_default=False,
    ),
]
Language = Annotated[
    str | None,
    typer.Option(
        "--language",
        "-l",
        help="Language name or ISO code, or 'auto' to detect [default: auto].",
        show_default=False,
    ),
]
OrderOption = Annotated[
    Order | None,
    typer.Option(
        "--order",
        help="Output order: as in the document, or best first [default: document].",
        show_default=False,
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        "-e",
        help="Encoding of the input, such as latin-1; detected when not given.",
        show_default=False,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        help="Worker processes for several inputs; 0 uses every CPU. The output "
        "is the same [default: 1].",
        show_default=False,
    ),
]
MaxBytes = Annotated[
    str | None,
    typer.Option(
        "--max-bytes",
        help="Refuse inputs bigger than this (such as 500K, 100M, 1G; 0 for no "
        "limit) [default: 32M].",
        show_default=False,
    ),
]
InputFormatOption = Annotated[
    InputFormat | None,
    typer.Option(
        "--input-format",
        help="Read every input as this kind instead of detecting it [default: auto].",
        show_default=False,
    ),
]
ConfigFile = Annotated[
    str | None,
    typer.Option(
        "--config",
        help="Read settings from this TOML file (or set SUMMARIZE_CONFIG).",
        show_default=False,
        metavar="FILE",
    ),
]
NoConfig = Annotated[bool, typer.Option("--no-config", help="Ignore the config file.")]
Debug = Annotated[
    bool,
    typer.Option("--debug", help="Show tracebacks for bug reports (or set SUMMARIZE_DEBUG=1)."),
]
Version = Annotated[
    bool | None,
    typer.Option(
        "--version", callback=_version_callback, is_eager=True, help="Print the version and exit."
    ),
]


def _output_formats() -> list[str]:
    from summarize.output import FORMATS

    return list(FORMATS)


OutputFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        click_type=click.Choice(_output_formats()),
        help="Output format; auto is rich on a terminal and plain otherwise [default: auto].",
        show_default=False,
    ),
]

Keyphrases = Annotated[
    int | None,
    typer.Option(
        "--keyphrases",
        "-k",
        help="Also list the K key phrases of each text.",
        show_default=False,
        metavar="K",
        min=1,
    ),
]
Highlight = Annotated[
    bool,
    typer.Option(
        "--highlight",
        help="Show the whole text with the chosen sentences marked where they "
        "stand (a page of its own with -f html).",
    ),
]
Explain = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show what each chosen sentence's score is made of, and on a "
        "terminal a line of every sentence's score.",
    ),
]
