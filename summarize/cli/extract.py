"""``summarize extract INPUT...``: the clean text of each input, exactly as it is summarised."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from summarize.cli import options as opt
from summarize.cli.env import env
from summarize.cli.inputs import input_specs, many_outputs, report, show_progress
from summarize.errors import ExitCode

EXAMPLES = """Examples:

\b
  summarize extract page.html                   the article's text, without menus or footers
  summarize extract https://example.org/post -f json    the text and its title, author, date
  summarize extract feed.xml --feed-content     each entry's own text
  summarize extract notes/ -R -f jsonl          one JSON line per file of a folder tree"""


class ExtractFormat(str, Enum):
    plain = "plain"
    json = "json"
    jsonl = "jsonl"


def command(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Inputs: files, folders, URLs, feeds; '-' or none reads standard input.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ExtractFormat,
        typer.Option(
            "--format", "-f", help="plain: the text; json or jsonl: the text and its metadata."
        ),
    ] = ExtractFormat.plain,
    encoding: opt.Encoding = None,
    max_bytes: opt.MaxBytes = None,
    connect_timeout: opt.ConnectTimeout = None,
    deadline: opt.Deadline = None,
    fetch_jobs: opt.FetchJobs = None,
    input_format: opt.InputFormatOption = None,
    recursive: opt.Recursive = None,
    include: opt.Include = None,
    exclude: opt.Exclude = None,
    hidden: opt.Hidden = None,
    feed_content: opt.FeedContent = None,
    limit: opt.Limit = None,
    config: opt.ConfigFile = None,
    no_config: opt.NoConfig = False,
    debug: opt.Debug = False,
) -> None:
    """Print the text of each input as the summariser sees it (with -f json, its metadata)."""
    from summarize.cli.progress import progress_bar
    from summarize.cli.settings import READ_FLAGS, flags, resolve
    from summarize.many import load_in_order
    from summarize.output.writer import write_text
    from summarize.sources.registry import expand_all

    env.debug = env.debug or debug
    settings = resolve(flags(locals(), *READ_FLAGS), config, no_config)
    read_options = settings.read_options()
    specs = input_specs(files)
    loaded = load_in_order(expand_all(specs, read_options), read_options.fetch_jobs)
    many, loaded = many_outputs(specs, loaded)
    fmt = output_format.value
    failure: ExitCode | None = None
    written = 0
    if fmt == "json" and many:
        write_text(env.stdout, "[\n")
    with progress_bar("reading", None, show_progress(specs, many)) as advance:
        for name, item in loaded:
            advance(1)
            if isinstance(item, BaseException):
                if not many:
                    raise item
                code = report(name, item)
                failure = failure or code
                continue
            record = {"source": item.name, "metadata": item.metadata(), "text": item.text}
            if fmt == "jsonl":
                text = json.dumps(record, ensure_ascii=False) + "\n"
            elif fmt == "json":
                body = json.dumps(record, ensure_ascii=False, indent=2)
                if many:
                    body = ("  " if not written else ",\n  ") + body.replace("\n", "\n  ")
                text = body if many else body + "\n"
            else:
                header = f"==> {item.name} <==\n" if many else ""
                ending = "" if item.text.endswith("\n") else "\n"
                text = ("\n" if written and many else "") + header + item.text + ending
            write_text(env.stdout, text)
            written += 1
    if fmt == "json" and many:
        write_text(env.stdout, "\n]\n" if written else "]\n")
    if failure is not None:
        raise typer.Exit(int(failure))
