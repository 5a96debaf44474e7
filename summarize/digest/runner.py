"""One digest run: collect what the sources hold, keep what is new, group, render, write, commit.

The run holds the state's transaction from start to end (see :mod:`summarize.digest.state`), so
a second run started meanwhile fails at once instead of sending the same items. Sources are
read a few at a time on threads (the work is waiting on servers); the state is touched only
from the calling thread. A feed entry is judged by what the feed itself says (its id, link and
own text) before the page it links to is fetched, so a run whose entries are all known fetches
no page at all, and an unchanged feed (a 304) costs one round trip.

The digest is written by the ``write`` callable given (an atomic file write, standard output)
and only then are its items marked seen; if writing fails, nothing is kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, TypeVar

from summarize.digest.state import DigestState
from summarize.digest.state_run import Conditional, DigestRun, Fresh, SourceFailure
from summarize.errors import SummarizeError
from summarize.sources.base import Source

if TYPE_CHECKING:
    from summarize.digest.render.email_message import MailSettings

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class SourceSpec:
    """One source of a digest: a feed or page URL, a file or a folder, and its own settings."""

    spec: str
    name: str | None = None
    limit: int | None = None
    feed_content: bool | None = None  # None: the run's setting
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name or self.spec


@dataclass(frozen=True)
class Entry:
    """One item of a source: ``quick`` is what the listing itself says (a feed entry with its
    own text), judged before anything else is fetched; ``full`` loads the whole item (the
    linked page) and is called only when the item is fresh. At least one of them is given."""

    quick: Source | None = None
    full: Callable[[], Source] | None = None


@dataclass(frozen=True)
class Collected:
    """What one source held this run, or that it had not changed since the last (a 304)."""

    entries: tuple[Entry, ...] = ()
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    problems: tuple[str, ...] = ()  # entries that could not be read, one message each


# Reads one source, with the validators of its last fetch; raises SummarizeError when the
# source as a whole cannot be read (the run goes on with the others).
Collect = Callable[[SourceSpec, Conditional], Collected]


@dataclass(frozen=True)
class RunSettings:
    """How a run renders and what it keeps."""

    fmt: str = "markdown"
    order: Literal["time", "sources"] = "time"
    since: datetime | None = None  # older items are left out
    dry_run: bool = False  # write the digest, keep nothing
    mark_seen: bool = False  # keep the items as seen, write nothing
    sentences: int = 4
    language: str = "auto"
    jobs: int = 8
    title: str = "Digest"
    mail: MailSettings | None = None


@dataclass(frozen=True)
class RunOutcome:
    """What a run did: the digest it wrote (None when nothing was new), and what failed."""

    rendered: str | None
    items: int
    stories: int
    failures: tuple[SourceFailure, ...]  # every source that failed this run
    problems: tuple[str, ...]  # items that could not be read
    digest_id: int | None = None
    marked: int = 0  # items marked seen by ``mark_seen``


def _parallel(function: Callable[[T], R], values: Sequence[T], jobs: int) -> list[R]:
    if jobs <= 1 or len(values) <= 1:
        return [function(v) for v in values]
    with ThreadPoolExecutor(max_workers=min(jobs, len(values))) as pool:
        return list(pool.map(function, values))


def _attempt(collect: Collect, spec: SourceSpec, known: Conditional) -> Collected | str:
    try:
        return collect(spec, known)
    except SummarizeError as error:
        return str(error)


def _load(full: Callable[[], Source]) -> Source | str:
    try:
        return full()
    except SummarizeError as error:
        return str(error)


def _recent(source: Source, since: datetime | None) -> bool:
    if since is None or source.published is None:
        return True
    return source.published >= since


def _judge(
    run: DigestRun,
    specs: Sequence[SourceSpec],
    results: Sequence[Collected | str],
    settings: RunSettings,
) -> tuple[
    list[Fresh], list[tuple[SourceSpec, Entry, Fresh | None]], list[SourceFailure], list[str]
]:
    """Record every source's result; the fresh items known now, and the entries to load."""
    fresh: list[Fresh] = []
    to_load: list[tuple[SourceSpec, Entry, Fresh | None]] = []
    failures: list[SourceFailure] = []
    problems: list[str] = []
    taken: set[tuple[str, str]] = set()  # an entry listed twice is taken once
    for spec, result in zip(specs, results, strict=True):
        if isinstance(result, str):
            failures.append(run.record_failure(spec.spec, result))
            continue
        run.record_success(
            spec.spec,
            etag=result.etag,
            last_modified=result.last_modified,
            not_modified=result.not_modified,
        )
        problems.extend(result.problems)
        for entry in result.entries:
            if entry.quick is None:
                if entry.full is not None:
                    to_load.append((spec, entry, None))
                continue
            if not _recent(entry.quick, settings.since):
                continue
            for item in run.fresh([entry.quick], key=spec.spec):
                if (item.source_key, item.key) in taken:
                    continue
                taken.add((item.source_key, item.key))
                if entry.full is not None and not settings.mark_seen:
                    to_load.append((spec, entry, item))
                else:
                    fresh.append(item)
    return fresh, to_load, failures, problems


def run_digest(
    state: DigestState,
    specs: Sequence[SourceSpec],
    collect: Collect,
    write: Callable[[str], None],
    settings: RunSettings | None = None,
) -> RunOutcome:
    """Run one digest of ``specs`` against ``state``; see the module doc for the order of events.

    Raises the error of ``write`` (then nothing is kept) and the state's errors (another run
    holds it). Sources that fail are in the outcome, not raised.
    """
    settings = settings or RunSettings()
    with state.begin() as run:
        known = [run.conditional(spec.spec) for spec in specs]
        results = _parallel(
            lambda pair: _attempt(collect, *pair),
            list(zip(specs, known, strict=True)),
            settings.jobs,
        )
        fresh, to_load, failures, problems = _judge(run, specs, results, settings)
        loaded = _parallel(
            lambda job: _load(job[1].full) if job[1].full else "nothing to load",
            to_load,
            settings.jobs,
        )
        seen_now = {(f.source_key, f.key) for f in fresh} | {
            (item.source_key, item.key) for _, _, item in to_load if item is not None
        }
        for (spec, _, item), page in zip(to_load, loaded, strict=True):
            if isinstance(page, str):
                problems.append(page)
            elif item is not None:
                fresh.append(dataclasses.replace(item, source=page))
            elif _recent(page, settings.since):
                for judged in run.fresh([page], key=spec.spec):
                    if (judged.source_key, judged.key) not in seen_now:
                        seen_now.add((judged.source_key, judged.key))
                        fresh.append(judged)
        if settings.mark_seen:
            if not settings.dry_run:
                run.mark_seen(fresh)
            return RunOutcome(None, 0, 0, tuple(failures), tuple(problems), marked=len(fresh))
        if not fresh:
            if not settings.dry_run:
                run.commit()  # the validators and failure counts, nothing else
            return RunOutcome(None, 0, 0, tuple(failures), tuple(problems))
        rendered, story_count = _render(fresh, failures, specs, settings, run.started)
        write(rendered)
        if settings.dry_run:
            return RunOutcome(rendered, len(fresh), story_count, tuple(failures), tuple(problems))
        digest_id = run.commit_digest(fresh)
        return RunOutcome(
            rendered, len(fresh), story_count, tuple(failures), tuple(problems), digest_id
        )


def _render(
    fresh: Sequence[Fresh],
    failures: Sequence[SourceFailure],
    specs: Sequence[SourceSpec],
    settings: RunSettings,
    started: datetime,
) -> tuple[str, int]:
    # Grouping and rendering need numpy and scipy: imported only when there is news.
    from summarize.digest.model import Digest, FailedSource, order_stories
    from summarize.digest.render import render_digest
    from summarize.digest.stories import build_stories

    labels = {spec.spec: spec.label for spec in specs}
    sources = [f.source for f in fresh]
    stories = build_stories(sources, language=settings.language, sentences=settings.sentences)
    digest = Digest(
        stories=order_stories(stories, settings.order),
        created=started,
        failures=tuple(
            FailedSource(
                labels.get(f.source_key, f.source_key), f.reason, f.failing_since, f.failures
            )
            for f in failures
            if f.report
        ),
        updated=frozenset(f.source for f in fresh if f.status == "updated"),
        title=settings.title,
    )
    return render_digest(digest, settings.fmt, settings.mail), len(stories)
