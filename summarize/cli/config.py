"""``summarize config``: each effective setting, its value and where it came from."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from summarize.cli import options as opt
from summarize.cli.env import env

EXAMPLES = """Examples:

\b
  summarize config                    every setting, its value and where it comes from
  summarize config -f json            the same as JSON
  SUMMARIZE_METHOD=lexrank summarize config --config ~/work.toml

The file is TOML, in the user's config directory unless SUMMARIZE_CONFIG or --config names
another; its keys are the settings listed here (sentences = 5, method = "lexrank", ...), with
[digest] and [batch] tables for those commands."""


class ConfigFormat(str, Enum):
    auto = "auto"
    plain = "plain"
    json = "json"


def command(
    config: opt.ConfigFile = None,
    no_config: opt.NoConfig = False,
    output_format: Annotated[
        ConfigFormat, typer.Option("--format", "-f", help="auto (plain) or json.")
    ] = ConfigFormat.auto,
) -> None:
    """Show every setting: its value, and whether a flag, a variable, the file or the default
    gave it; plus the path of the config file."""
    import json

    from summarize.cli.settings import resolve
    from summarize.config import SETTINGS, describe_origin
    from summarize.output.writer import write_text

    settings = resolve({}, config, no_config)
    path = settings.config.path
    state = (
        "ignored (--no-config)"
        if no_config
        else ("" if path is not None and path.is_file() else "(not present)")
    )
    rows = [
        (key, settings.values[key].value, describe_origin(settings.values[key].origin, key))
        for key in SETTINGS
    ]
    if output_format is ConfigFormat.json:
        data = {
            "config_file": None if path is None else str(path),
            "config_file_present": bool(path is not None and path.is_file() and not no_config),
            "settings": [
                {"key": key, "value": _jsonable(value), "origin": origin, "env": SETTINGS[key].env}
                for key, value, origin in rows
            ],
        }
        write_text(env.stdout, json.dumps(data, indent=2) + "\n")
        return
    width = max(len(key) for key, _, _ in rows)
    values = [_shown(value) for _, value, _ in rows]
    value_width = max(len(v) for v in values)
    lines = [f"config file: {path if path is not None else '(none)'} {state}".rstrip()]
    lines += [
        f"{key:<{width}}  {value:<{value_width}}  {origin}"
        for (key, _, origin), value in zip(rows, values, strict=True)
    ]
    write_text(env.stdout, "\n".join(lines) + "\n")


def _jsonable(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _shown(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ",".join(value) or "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
