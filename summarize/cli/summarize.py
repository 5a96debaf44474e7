"""``summarize FILE...``: the default command, the key sentences of each input."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from summarize.cli import options as opt
from summarize.cli.env import env
from summarize.cli.inputs import input_specs, many_outputs, report, show_progress
from summarize.errors import ExitCode

if TYPE_CHECKING:
    from summarize.many import Summarizer

EXAMPLES = """Examples:

\b
  summarize article.txt -n 5            the 5 key sentences
  cat article.txt | summarize -f json   standard input, as JSON
  summarize notes/ --recursive          every text file of a folder
  summarize https://example.org/post    a web page's article
  summarize feed.xml --limit 5          the 5 newest entries of a feed

Other commands: methods (list the methods), eval (score them against references), config
(show the settings and where they come from), extract (the clean text of each input, as it is
summarised), digest (what is new in feeds, pages and folders, on one page), batch (JSONL
documents by the million). 'summarize COMMAND --help' tells more."""


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
    from summarize.cli.settings import READ_FLAGS, SUMMARY_FLAGS, flags, resolve
    from summarize.many import summarize_inputs
    from summarize.output import renderer, resolve_format
    from summarize.output.writer import SummaryWriter
    from summarize.parallel import worker_count
    from summarize.pipeline import keep_last_document
    from summarize.text.languages import resolve_language

    env.debug = env.debug or debug
    given = flags(locals(), *SUMMARY_FLAGS, *READ_FLAGS)
    settings = resolve({**given, "format": output_format, "jobs": jobs}, config, no_config)
    options = settings.summary_options()
    read_options = settings.read_options()
    get_backend(options.method)  # an unknown method is one usage error before any input
    if options.language != "auto":
        resolve_language(options.language)  # likewise an unknown language
    specs = input_specs(files)
    workers = worker_count(settings["jobs"], len(specs) if len(specs) > 1 else None)
    fmt = resolve_format(settings["format"], env.stdout)
    keep_last_document()  # the process ends without freeing it (cli.ending)
    outcomes = summarize_inputs(
        specs, read_options, options, workers, _insight(keyphrases, highlight, explain, fmt)
    )
    many, outcomes = many_outputs(specs, outcomes)
    writer = SummaryWriter(env.stdout, renderer(fmt, env.stdout), many)
    failure: ExitCode | None = None
    with progress_bar("summarizing", None, show_progress(specs, many)) as advance:
        for outcome in outcomes:
            if outcome.error is not None:
                if not many:
                    raise outcome.error
                code = report(outcome.name, outcome.error)
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
    env.all_written = True
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
