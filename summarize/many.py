"""Many inputs, one outcome each, in input order, as soon as each is ready.

inputs -> pending sources (the readers) -> loaded sources (network loads a few at once, in
order) -> summaries (in this process, or in worker processes with ``jobs`` > 1). A failure is
an outcome like a summary: it costs only its own input. Work is taken in a bounded window, so
memory stays flat in the number of inputs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from summarize.document import Summary
from summarize.options import SummaryOptions
from summarize.parallel import DaemonThreadPool
from summarize.sources.base import Loaded, Pending, ReadOptions, Source

Summarizer = Callable[[Source, SummaryOptions], Summary]


@dataclass(frozen=True)
class Outcome:
    """What became of one source: its summary, or the error that stopped it."""

    name: str
    summary: Summary | None = None
    error: BaseException | None = None


@dataclass
class _Slot:
    name: str
    pending: Pending
    future: Future[Loaded] | None = None  # set for loads running in a thread

    def result(self) -> Loaded:
        if self.future is not None:
            return self.future.result()
        return self.pending.load()


def load_in_order(
    pendings: Iterable[Pending], fetch_jobs: int = 8
) -> Iterator[tuple[str, Source | BaseException]]:
    """Each pending source loaded, in order; loads over the network run ``fetch_jobs`` at once.

    Local loads run here when their turn comes, so nothing is read ahead of the output (a pipe
    that is not written yet holds up only itself). An input that holds several sources (a feed)
    gives them in its place.
    """
    source_iter = iter(pendings)
    window = max(2 * fetch_jobs, 16)
    pool = DaemonThreadPool(fetch_jobs)
    slots: deque[_Slot] = deque()

    def slot(pending: Pending) -> _Slot:
        item = _Slot(pending.name, pending)
        if pending.remote:
            item.future = pool.submit(pending.load)
        return item

    def fill() -> None:
        # Look ahead only for network loads: local ones are cheap and must not run early.
        while len(slots) < window and (not slots or slots[-1].pending.remote):
            pending = next(source_iter, None)
            if pending is None:
                return
            slots.append(slot(pending))

    try:
        fill()
        while slots:
            head = slots.popleft()
            try:
                loaded = head.result()
            except Exception as error:
                yield head.name, error
            else:
                if isinstance(loaded, Source):
                    yield head.name, loaded
                else:
                    slots.extendleft(reversed([slot(p) for p in loaded]))
            if not slots or slots[-1].pending.remote:
                fill()
    finally:
        for waiting in slots:
            if waiting.future is not None:
                waiting.future.cancel()
        pool.shutdown()


def summarize_loaded(
    loaded: Iterable[tuple[str, Source | BaseException]],
    options: SummaryOptions,
    jobs: int = 1,
    summarize_one: Summarizer | None = None,
) -> Iterator[Outcome]:
    """The outcome of each loaded source, in order; ``jobs`` > 1 summarises in processes.

    ``summarize_one`` replaces :func:`~summarize.pipeline.summarize_source` (it must pickle).
    """
    from summarize.pipeline import summarize_source as default

    summarize_source = summarize_one or default
    if jobs <= 1:
        for name, item in loaded:
            if isinstance(item, BaseException):
                yield Outcome(name, error=item)
                continue
            try:
                yield Outcome(name, summary=summarize_source(item, options))
            except Exception as error:
                yield Outcome(name, error=error)
        return
    yield from _in_processes(loaded, options, jobs, summarize_source)


def _in_processes(
    loaded: Iterable[tuple[str, Source | BaseException]],
    options: SummaryOptions,
    jobs: int,
    summarize_source: Summarizer,
) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor  # only here: its import costs 15 ms

    pool = ProcessPoolExecutor(jobs)
    window: deque[tuple[str, Future[Summary] | BaseException]] = deque()

    def ready(name: str, item: Future[Summary] | BaseException) -> Outcome:
        if isinstance(item, BaseException):
            return Outcome(name, error=item)
        try:
            return Outcome(name, summary=item.result())
        except Exception as error:
            return Outcome(name, error=error)

    try:
        for name, item in loaded:
            work = (
                item
                if isinstance(item, BaseException)
                else pool.submit(summarize_source, item, options)
            )
            window.append((name, work))
            while window and (len(window) > 2 * jobs or _done(window[0][1])):
                yield ready(*window.popleft())
        while window:
            yield ready(*window.popleft())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _done(item: Future[Summary] | BaseException) -> bool:
    return isinstance(item, BaseException) or item.done()


def summarize_inputs(
    specs: Sequence[str],
    read_options: ReadOptions,
    options: SummaryOptions,
    jobs: int = 1,
    summarize_one: Summarizer | None = None,
) -> Iterator[Outcome]:
    """The outcome of every source of ``specs`` (paths, ``-``, URLs, folders), in order."""
    from summarize.sources.registry import expand_all

    loaded = load_in_order(expand_all(specs, read_options), read_options.fetch_jobs)
    yield from summarize_loaded(loaded, options, jobs, summarize_one)
