"""``summarize eval``: score methods against reference summaries with ROUGE."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated

import typer

from summarize.cli import options as opt
from summarize.cli.env import env
from summarize.cli.progress import progress_bar
from summarize.errors import UsageError

EXAMPLES = """Examples:

\b
  summarize eval data.jsonl                       the default method against lead and random
  summarize eval data.jsonl -m textrank -m lsa    several methods side by side
  summarize eval data.jsonl --all -j 0 -f json    every method on every CPU, as JSON"""


class EvalFormat(str, Enum):
    auto = "auto"
    plain = "plain"
    rich = "rich"
    json = "json"


def command(
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
    sentences: opt.Sentences = None,
    ratio: opt.Ratio = None,
    words: opt.Words = None,
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
    language: opt.Language = None,
    output_format: Annotated[
        EvalFormat,
        typer.Option(
            "--format", "-f", help="Output format; auto is rich on a terminal and plain otherwise."
        ),
    ] = EvalFormat.auto,
    debug: opt.Debug = False,
) -> None:
    """Score summaries against references with ROUGE-1, ROUGE-2 and ROUGE-Lsum (F1, stemmed).

    The lead and random baselines are always scored on the same records.
    """
    from summarize.backends.registry import method_names
    from summarize.evaluation import EvalSettings, evaluate, read_dataset
    from summarize.evaluation.report import render_json, render_plain, render_rich
    from summarize.options import DEFAULT_METHOD
    from summarize.output import resolve_format
    from summarize.output.writer import write_text
    from summarize.parallel import worker_count
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
        language=language or "auto",
    )
    records = read_dataset(dataset, limit)
    with progress_bar("scoring", len(records), env.stderr_is_terminal()) as progress:
        report = evaluate(
            records, settings, jobs=workers, progress=progress, dataset=os.path.basename(dataset)
        )
    fmt = resolve_format(output_format.value, env.stdout)
    if fmt == "json":
        text = render_json(report)
    elif fmt == "rich":
        text = render_rich(report, env.stdout)
    else:
        text = render_plain(report)
    write_text(env.stdout, text)
