"""``summarize batch INPUT...``: JSONL documents in, one JSON line of summary per document out.

Exit status: 0 when every document was summarised; 1 when any document failed (its line has an
``error``; with ``--fail-fast`` the run stopped there) or an input cannot be read; 2 for a bad
option or setting; 3 when the output cannot be written; 130 when interrupted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarize.cli import options as opt
from summarize.cli.env import env
from summarize.errors import ExitCode

if TYPE_CHECKING:
    from summarize.scale.batch import BatchReport

SCHEDULER_ENV = "SUMMARIZE_SCHEDULER"

EXAMPLES = """Examples:

\b
  summarize batch news.jsonl.gz -o summaries.jsonl     every core of this machine
  summarize batch news.jsonl -o out.jsonl --resume     go on after a killed run
  cat news.jsonl | summarize batch - --text-field body --keep-fields
  summarize batch part-*.jsonl -o out.jsonl --scheduler tcp://scheduler:8786

Each output line: id, method, language, sentence_count and sentences (index, text, score,
rank, start, end), or id and error. Exit status 1 when any document failed.
The config file's [batch] table may set scheduler, jobs, text_field, id_field and keep_fields."""

# The [batch] table of the config file: key -> (kind, default).
BATCH_SETTINGS: dict[str, tuple[str, Any]] = {
    "scheduler": ("str", None),
    "jobs": ("int", 0),
    "text_field": ("str", "text"),
    "id_field": ("str", "id"),
    "keep_fields": ("bool", False),
}


def command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSONL files (.jsonl, or .jsonl.gz); '-' reads standard input.",
            show_default=False,
        ),
    ],
    text_field: Annotated[
        str | None,
        typer.Option(
            "--text-field", help="The field holding the text [default: text].", show_default=False
        ),
    ] = None,
    id_field: Annotated[
        str | None,
        typer.Option(
            "--id-field",
            help="The field holding the id; without one, the line number [default: id].",
            show_default=False,
        ),
    ] = None,
    keep_fields: Annotated[
        bool | None,
        typer.Option(
            "--keep-fields/--no-keep-fields",
            help="Copy the other fields of each record to its output line.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE (as FILE.partial until complete) instead of standard output.",
            show_default=False,
            metavar="FILE",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Skip the ids already in the --output file; append the rest."
        ),
    ] = False,
    fail_fast: Annotated[
        bool,
        typer.Option("--fail-fast", help="Stop at the first document that fails."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes (or LocalCluster workers); 1 runs in this process "
            "[default: 0, every CPU].",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help=f"Run on Dask: tcp://HOST:8786, or 'local' for a LocalCluster (or set "
            f"{SCHEDULER_ENV}).",
            show_default=False,
            metavar="ADDRESS",
        ),
    ] = None,
    sentences: opt.Sentences = None,
    ratio: opt.Ratio = None,
    words: opt.Words = None,
    method: opt.Method = None,
    language: opt.Language = None,
    order: opt.OrderOption = None,
    max_bytes: opt.MaxBytes = None,
    config: opt.ConfigFile = None,
    no_config: opt.NoConfig = False,
    debug: opt.Debug = False,
) -> None:
    """Summarise every document of JSONL files: one JSON line each, in input order."""
    from summarize.cli.settings import SUMMARY_FLAGS, flags, resolve
    from summarize.scale.batch import run_batch
    from summarize.sources.files import parse_size

    env.debug = env.debug or debug
    settings = resolve(flags(locals(), *SUMMARY_FLAGS, "max_bytes"), config, no_config)
    batch = _batch_settings(
        settings.config,
        {
            "scheduler": scheduler,
            "jobs": jobs,
            "text_field": text_field,
            "id_field": id_field,
            "keep_fields": keep_fields,
        },
    )
    options = settings.summary_options()
    env.stdout.flush()  # the lines go to the bytes underneath
    with _progress(env.stderr_is_terminal()) as progress:
        report = run_batch(
            inputs,
            options,
            text_field=batch["text_field"],
            id_field=batch["id_field"],
            keep_fields=batch["keep_fields"],
            jobs=batch["jobs"],
            scheduler=batch["scheduler"],
            output=output,
            resume=resume,
            fail_fast=fail_fast,
            progress=progress,
            max_bytes=parse_size(str(settings["max_bytes"])),
            stdin=_binary(env.stdin),
            stdout=_binary(env.stdout),
        )
    if report.stopped and report.first_error is not None:
        env.error(report.first_error)
    env.error(report.line())
    if report.failed:
        raise typer.Exit(int(ExitCode.INPUT))


def _batch_settings(config: Any, flags: dict[str, Any]) -> dict[str, Any]:
    """Flags over ``SUMMARIZE_SCHEDULER`` over the ``[batch]`` table over the defaults."""
    from summarize.config import ConfigError, Setting, convert

    table = config.section("batch")
    where = f"config {config.path} [batch]"
    for key in table:
        if key not in BATCH_SETTINGS:
            import difflib

            close = difflib.get_close_matches(key, list(BATCH_SETTINGS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown setting {key!r}{hint}")
    resolved: dict[str, Any] = {}
    for key, (kind, default) in BATCH_SETTINGS.items():
        setting = Setting(key, kind, default, "")
        if flags.get(key) is not None:
            resolved[key] = flags[key]
        elif key == "scheduler" and os.environ.get(SCHEDULER_ENV):
            resolved[key] = os.environ[SCHEDULER_ENV]
        elif key in table:
            resolved[key] = convert(setting, table[key], where)
        else:
            resolved[key] = default
    return resolved


def _binary(stream: Any) -> Any:
    """The byte stream under a text stream (``sys.stdout.buffer``), or None to use the default."""
    return getattr(stream, "buffer", None)


class _Progress:
    """Documents done, documents per second and failures, on stderr while the batch runs."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.completed:,.0f} documents"),
            TextColumn("{task.fields[rate]:,.1f} documents/s"),
            TextColumn("{task.fields[failed]:,} failed"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.bar.add_task("batch", total=None, rate=0.0, failed=0)

    def __call__(self, report: BatchReport) -> None:
        self.bar.update(
            self.task,
            completed=report.documents,
            rate=report.documents_per_second,
            failed=report.failed,
        )


@contextmanager
def _progress(enabled: bool) -> Iterator[_Progress | None]:
    """A live progress display when ``enabled`` (stderr is a terminal); its update callback."""
    if not enabled:
        yield None
        return
    display = _Progress()
    with display.bar:
        yield display
