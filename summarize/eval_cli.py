"""``summarize eval``: score methods against reference summaries with ROUGE."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated

import typer

from summarize.errors import UsageError


class EvalFormat(str, Enum):
    auto = "auto"
    plain = "plain"
    rich = "rich"
    json = "json"


eval_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on standard error while records are scored, if it is a terminal."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "scoring",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("scoring", total=total)
        yield lambda n: bar.advance(task, n)


@eval_app.command(name="eval")
def evaluate_command(
    dataset: Annotated[
        str,
        typer.Argument(
            help="JSONL file: one object per line with 'text' and 'summary' (reference "
            "sentences separated by newlines) or 'summaries' (several references).",
            show_default=False,
        ),
    ],
    methods: Annotated[
        list[str] | None,
        typer.Option(
            "--method",
            "-m",
            help="A method to score; repeat for several [default: the default method].",
            show_default=False,
        ),
    ] = None,
    all_methods: Annotated[
        bool, typer.Option("--all", help="Score every method (kl is very slow on long texts).")
    ] = False,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences", "-n", help="Sentences per summary [default: 3].", show_default=False
        ),
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option(
            "--ratio",
            "-r",
            help="Fraction of the sentences to keep, in (0, 1].",
            show_default=False,
        ),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option("--words", "-w", help="Word budget per summary.", show_default=False),
    ] = None,
    match_reference_length: Annotated[
        bool,
        typer.Option(
            "--match-reference-length",
            help="As many sentences as each record's (first) reference has lines.",
        ),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-k", help="Score only the first K records.", show_default=False),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", help="Worker processes; 0 uses every CPU. Results do not depend on it."
        ),
    ] = 1,
    language: Annotated[
        str,
        typer.Option("--language", "-l", help="Language name or ISO code, or 'auto' to detect."),
    ] = "auto",
    output_format: Annotated[
        EvalFormat,
        typer.Option(
            "--format", "-f", help="Output format; auto is rich on a terminal and plain otherwise."
        ),
    ] = EvalFormat.auto,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for bug reports.")
    ] = False,
) -> None:
    """Score summaries against references with ROUGE-1, ROUGE-2 and ROUGE-Lsum (F1, stemmed).

    The lead and random baselines are always scored on the same records.
    """
    from summarize.backends.registry import method_names
    from summarize.evaluation import EvalSettings, evaluate, read_dataset
    from summarize.evaluation.report import render_json, render_plain, render_rich
    from summarize.output import resolve_format
    from summarize.parallel import worker_count
    from summarize.pipeline import DEFAULT_METHOD
    from summarize.selection import Length

    if all_methods and methods:
        raise UsageError("--all and --method cannot be used together")
    if match_reference_length and any(v is not None for v in (sentences, ratio, words)):
        raise UsageError(
            "--match-reference-length cannot be used with --sentences, --ratio or --words"
        )
    workers = worker_count(jobs)
    length = Length.from_options(sentences, ratio, words)
    chosen = method_names() if all_methods else (methods or [DEFAULT_METHOD])
    settings = EvalSettings(
        methods=tuple(dict.fromkeys(m.strip().lower() for m in chosen)),
        length=length,
        match_reference_length=match_reference_length,
        language=language,
    )
    records = read_dataset(dataset, limit)
    with _progress(len(records), sys.stderr.isatty()) as progress:
        report = evaluate(
            records, settings, jobs=workers, progress=progress, dataset=os.path.basename(dataset)
        )
    fmt = resolve_format(output_format.value, sys.stdout)
    if fmt == "json":
        text = render_json(report)
    elif fmt == "rich":
        text = render_rich(report, sys.stdout)
    else:
        text = render_plain(report)
    sys.stdout.write(text)
