"""``summarize digest SOURCE...``: what is new in feeds, pages and folders, on one page."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from summarize.cli import options as opt
from summarize.cli.env import env
from summarize.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from summarize.digest.runner import RunOutcome, SourceSpec

EXAMPLES = """Examples:

\b
  summarize digest https://example.org/feed.xml ~/notes    what is new since the last run
  summarize digest --sources feeds.opml -f html -o ~/digest.html
  summarize digest --since 2d --dry-run                     preview; remember nothing
  summarize digest -f email | sendmail -t                   the morning mail, from cron

Each run shows only the items no earlier digest showed (or whose text changed), grouped into
stories told by several sources, and remembers them once the digest is written. With no
SOURCE, the sources of the [digest] table of the config file. Exit status: 0 when every
source was read (also when nothing was new), 1 when a source failed or, with
--fail-if-empty, when nothing was new; 2 for a bad option; 3 when the digest could not be
written."""


class DigestFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    text = "text"
    json = "json"
    email = "email"


class StoryOrderOption(str, Enum):
    time = "time"
    sources = "sources"


def _value(option: Any) -> Any:
    return option.value if isinstance(option, Enum) else option


def command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Feeds, pages, files, folders, or names of sources of the [digest] table; "
            "none: every source of that table.",
            show_default=False,
        ),
    ] = None,
    sources_file: Annotated[
        str | None,
        typer.Option(
            "--sources",
            help="Read the sources from FILE: one per line, or an OPML list of feeds.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            help="The file that remembers what was sent [default: digest.sqlite3 in the "
            "user's state folder].",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Leave out items published before this: 36h, 2d, 1w, or a date.",
            metavar="DURATION|DATE",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Write the digest but remember nothing.")
    ] = False,
    mark_seen: Annotated[
        bool,
        typer.Option("--mark-seen", help="Remember every item as sent, and write nothing."),
    ] = False,
    output_format: Annotated[
        DigestFormat | None,
        typer.Option(
            "--format", "-f", help="markdown, html, text, json or email [default: markdown]."
        ),
    ] = None,
    order: Annotated[
        StoryOrderOption | None,
        typer.Option(
            "--order",
            help="Stories by time (newest first) or by sources (told most widely first) "
            "[default: time].",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the digest to FILE, replacing it whole (never half-written).",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    fail_if_empty: Annotated[
        bool, typer.Option("--fail-if-empty", help="Exit with status 1 when nothing is new.")
    ] = False,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences",
            "-n",
            help="Summary sentences per story [default: 4].",
            show_default=False,
        ),
    ] = None,
    feed_content: opt.FeedContent = None,
    limit: opt.Limit = None,
    fetch_jobs: opt.FetchJobs = None,
    connect_timeout: opt.ConnectTimeout = None,
    deadline: opt.Deadline = None,
    encoding: opt.Encoding = None,
    max_bytes: opt.MaxBytes = None,
    recursive: opt.Recursive = None,
    include: opt.Include = None,
    exclude: opt.Exclude = None,
    hidden: opt.Hidden = None,
    wait: Annotated[
        float,
        typer.Option(
            "--wait",
            help="Seconds to wait for another run to finish with the state.",
            metavar="SECONDS",
        ),
    ] = 10.0,
    language: opt.Language = None,
    config: opt.ConfigFile = None,
    no_config: opt.NoConfig = False,
    debug: opt.Debug = False,
) -> None:
    """Show what is new in feeds, pages and folders: stories summarised on one page."""
    import dataclasses

    from summarize.cli.settings import READ_FLAGS, flags, resolve
    from summarize.digest.inputs import make_collect
    from summarize.digest.options import parse_since, parse_table
    from summarize.digest.render.email_message import MailSettings
    from summarize.digest.runner import RunSettings, run_digest
    from summarize.digest.state import DigestState

    env.debug = env.debug or debug
    reading = [name for name in READ_FLAGS if name != "input_format"]  # read as each source says
    settings = resolve(flags(locals(), "language", *reading), config, no_config)
    table = parse_table(settings.config.section("digest"))
    chosen = table.settings

    def pick(flag: Any, key: str, default: Any) -> Any:
        if flag is not None:
            return _value(flag)
        return chosen.get(key, default)

    specs = _specs(sources or [], sources_file, table.named, table.listed)
    read = settings.read_options()
    if feed_content is None and "feed_content" in chosen:
        read = dataclasses.replace(read, feed_content=chosen["feed_content"])
    if limit is None and "limit" in chosen:
        read = dataclasses.replace(read, limit=chosen["limit"])
    count = pick(sentences, "sentences", 4)
    if count < 1:
        raise UsageError(f"sentences must be a whole number of at least 1, not {count}")
    if wait < 0:
        raise UsageError(f"wait must be a number of seconds of at least 0, not {wait:g}")
    since_text = pick(since, "since", None)
    fmt = pick(output_format, "format", "markdown")
    story_order = pick(order, "order", "time")
    if mark_seen and dry_run:
        raise UsageError("--mark-seen and --dry-run cannot be used together")
    run_settings = RunSettings(
        fmt=fmt,
        order=story_order,
        since=parse_since(since_text) if since_text else None,
        dry_run=dry_run,
        mark_seen=mark_seen,
        sentences=count,
        language=settings["language"],
        jobs=read.fetch_jobs,
        title=chosen.get("title", "Digest"),
        mail=MailSettings(chosen.get("from"), chosen.get("to"), chosen.get("subject")),
    )
    state_path = pick(state, "state", None)
    with DigestState(_expand(state_path) if state_path else None, timeout=wait) as store:
        outcome = run_digest(store, specs, make_collect(read), _writer(output), run_settings)
    _report(outcome, len(specs), mark_seen)
    failed = bool(outcome.failures)
    if failed or (fail_if_empty and outcome.rendered is None and not mark_seen):
        raise typer.Exit(ExitCode.INPUT)


def _expand(path: str) -> str:
    import os

    return os.path.expanduser(path)


def _specs(
    given: list[str],
    sources_file: str | None,
    named: Any,
    listed: tuple[str, ...],
) -> list[SourceSpec]:
    """The sources of this run, each once, in the order given."""
    from summarize.digest.options import read_source_list
    from summarize.digest.runner import SourceSpec

    wanted: list[SourceSpec] = []
    for name in given:
        wanted.append(named[name] if name in named else SourceSpec(name))
    if sources_file is not None:
        try:
            with open(_expand(sources_file), "rb") as stream:
                data = stream.read()
        except OSError as error:
            raise UsageError(f"{sources_file}: {error.strerror or error}") from None
        wanted += [SourceSpec(s) for s in read_source_list(sources_file, data)]
    if not given and sources_file is None:
        wanted = [SourceSpec(s) for s in listed] + list(named.values())
    if not wanted:
        raise UsageError(
            "no sources: give feeds, pages or folders, --sources FILE, or a [digest] table "
            "in the config file"
        )
    unique: dict[str, SourceSpec] = {}
    for spec in wanted:
        unique.setdefault(spec.spec, spec)
    return list(unique.values())


def _writer(output: str | None) -> Any:
    from summarize.output.atomic import write_output
    from summarize.output.writer import write_text

    if output is None or output == "-":
        return lambda text: write_text(env.stdout, text)
    return lambda text: write_output(_expand(output), text)


def _report(outcome: RunOutcome, sources: int, mark_seen: bool) -> None:
    from summarize.digest.render.common import plural, stamp

    for failure in outcome.failures:
        if failure.report:
            detail = ""
            if failure.failures > 1:
                since = stamp(failure.failing_since)
                detail = f" (failing since {since}, {plural(failure.failures, 'run')})"
            env.error(f"{failure.reason}{detail}")
    for problem in outcome.problems:
        env.error(problem)
    if mark_seen:
        env.error(f"marked {plural(outcome.marked, 'item')} as seen")
    elif outcome.rendered is None:
        env.error(f"nothing new in {plural(sources, 'source')}")
