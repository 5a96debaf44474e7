"""``summarize methods``: the ranking methods with one line on each."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from summarize.cli.env import env

EXAMPLES = """Examples:

\b
  summarize methods             a table on a terminal, one method per line in a pipe
  summarize methods -f json     name, description and origin of each, as JSON"""


class MethodsFormat(str, Enum):
    auto = "auto"
    plain = "plain"
    rich = "rich"
    json = "json"


def command(
    output_format: Annotated[
        MethodsFormat, typer.Option("--format", "-f", help="auto, plain, rich or json.")
    ] = MethodsFormat.auto,
) -> None:
    """List the ranking methods with one line on each."""
    import json

    from summarize.backends.registry import available_backends
    from summarize.output import resolve_format
    from summarize.output.writer import write_text

    infos = available_backends()
    fmt = resolve_format(output_format.value, env.stdout)
    if fmt in ("json", "jsonl"):
        text = json.dumps([vars(i) for i in infos], indent=2) + "\n"
    elif fmt == "rich":
        from summarize.output.rich_output import render_methods

        text = render_methods(infos, env.stdout)
    else:
        width = max(len(i.name) for i in infos)
        text = "".join(f"{i.name:<{width}}  {i.description}\n" for i in infos)
    write_text(env.stdout, text)
