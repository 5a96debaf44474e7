"""``summarize FILE...``: the default command, the key sentences of each input."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import TYPE_CHECKING, Annotated

import typer

from summarize.cli import options as opt
from summarize.cli.env import env
from summarize.errors import ExitCode, SummarizeError, UsageError

if TYPE_CHECKING:
    from summarize.many import Outcome, Summarizer

EXAMPLES = """Examples:

\b
  summarize article.txt -n 5            the 5 key sentences
  cat article.txt | summarize -f json   standard input, as JSON
  summarize notes/ --recursive          every text file of a folder
  summarize https://example.org/post    a web page's article
  summarize feed.xml --limit 5          the 5 newest entries of a feed

Other commands: methods (list the methods), eval (score them against references), config
(show the settings and where they come from), batch (JSONL documents by the million).
'summarize COMMAND --help' tells more."""

PROGRESS_AFTER = 5  # inputs: fewer finish too fast for a progress bar to help


def command(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Inputs: files, folders, URLs, feeds; '-' or none reads standard input.",
            show_default=False,
        ),
    ] = None,
    sentences: opt.Sentences = None,
    ratio: opt.Ratio = None,
    words: opt.Words = None,
    method: opt.Method = None,
    language: opt.Language = None,
    order: opt.OrderOption = None,
    output_format: opt.OutputFormatOption = None,
    encoding: opt.Encoding = None,
    jobs: opt.Jobs = None,
    max_bytes: opt.MaxBytes = None,
    input_format: opt.InputFormatOption = None,
    keyphrases: opt.Keyphrases = None,
    highlight: opt.Highlight = False,
    explain: opt.Explain = False,
    config: opt.ConfigFile = None,
    no_config: opt.NoConfig = False,
    debug: opt.Debug = False,
    version: opt.Version = None,
) -> None:
    """Print the key sentences of each text: extractive summarisation, offline."""
    from summarize.backends.registry import get_backend
    from summarize.cli.progress import progress_bar
    from summarize.cli.settings import resolve
    from summarize.many import summarize_inputs
    from summarize.output import renderer, resolve_format
    from summarize.output.writer import SummaryWriter
    from summarize.parallel import worker_count
    from summarize.text.languages import resolve_language

    env.debug = env.debug or debug
    settings = resolve(
        {
            "sentences": sentences,
            "ratio": ratio,
            "words": words,
            "method": method,
            "language": language,
            "order": order,
            "format": output_format,
            "encoding": encoding,
            "jobs": jobs,
            "max_bytes": max_bytes,
            "input_format": input_format,
        },
        config,
        no_config,
    )
    options = settings.summary_options()
    read_options = settings.read_options()
    get_backend(options.method)  # an unknown method is one usage error before any input
    if options.language != "auto":
        resolve_language(options.language)  # likewise an unknown language
    specs = list(files or [])
    if not specs:
        if env.stdin_is_terminal():
            raise UsageError("no input: give a FILE, or pipe text to standard input")
        specs = ["-"]
    if specs.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    workers = worker_count(settings["jobs"], len(specs) if len(specs) > 1 else None)
    fmt = resolve_format(settings["format"], env.stdout)
    outcomes = summarize_inputs(
        specs, read_options, options, workers, _insight(keyphrases, highlight, explain, fmt)
    )
    many = len(specs) > 1
    if not many:  # one input may still hold several texts (a folder, a feed): look one ahead
        first = list(_take(outcomes, 2))
        many = len(first) > 1
        outcomes = chain(first, outcomes)
    writer = SummaryWriter(env.stdout, renderer(fmt, env.stdout), many)
    failure: ExitCode | None = None
    show_progress = len(specs) > PROGRESS_AFTER and env.stderr_is_terminal()
    with progress_bar("summarizing", None, show_progress) as advance:
        for outcome in outcomes:
            if outcome.error is not None:
                if not many:
                    raise outcome.error
                code = _report(outcome.name, outcome.error)
                failure = failure or code
            elif outcome.summary is not None:
                if not outcome.summary.sentences and options.length.kind == "words":
                    env.error(
                        f"warning: {outcome.summary.source}: no sentence fits in "
                        f"{int(options.length.value)} words"
                    )
                writer.write(outcome.summary)
            advance(1)
    writer.close()
    if failure is not None:
        raise typer.Exit(int(failure))


def _insight(keyphrases: int | None, highlight: bool, explain: bool, fmt: str) -> Summarizer | None:
    """What summarises one source when key phrases, explanations or highlighting are asked
    for (an HTML page always shows the whole text); None keeps the plain pipeline, and its
    start-up, untouched."""
    if not (keyphrases or highlight or explain or fmt == "html"):
        return None
    import functools

    from summarize.analysis.insight import Insight, summarize_source_with_insight

    wanted = Insight(keyphrases or 0, explain, highlight or fmt == "html")
    return functools.partial(summarize_source_with_insight, insight=wanted)


def _take(items: Iterator[Outcome], count: int) -> Iterator[Outcome]:
    for _ in range(count):
        item = next(items, None)
        if item is None:
            return
        yield item


def _report(name: str, error: BaseException) -> ExitCode:
    """One line for a failed input; the run goes on. Returns the exit code it stands for."""
    if isinstance(error, SummarizeError):
        message = str(error)
        env.error(message if message.startswith(f"{name}:") else f"{name}: {message}")
        return error.exit_code
    if isinstance(error, MemoryError):
        env.error(f"{name}: out of memory; try a smaller input or a lower --max-bytes")
    else:
        env.error(f"{name}: internal error: {type(error).__name__}: {error}")
    return ExitCode.INTERNAL
