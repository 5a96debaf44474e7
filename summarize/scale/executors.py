"""Where chunks are summarised: this process or a local process pool (a Dask cluster is
:mod:`summarize.scale.dask_executor`'s; :func:`summarize.scale.batch.make_executor` chooses).

Each executor maps :func:`~summarize.scale.work.summarize_chunk` over a stream of chunks and
yields the results in the order of the chunks, keeping only a bounded window of chunks in
flight (twice the workers), so memory does not grow with the input and the output is the same
bytes whichever executor ran.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from summarize.errors import ExitCode, SummarizeError, UsageError
from summarize.options import SummaryOptions
from summarize.scale.jsonl import Record
from summarize.scale.work import ChunkResult, prepare, summarize_chunk

if TYPE_CHECKING:
    from concurrent.futures import Future

Chunk = Sequence[Record]


class WorkerLostError(SummarizeError):
    """A worker process ended without a result (killed, or out of memory)."""

    exit_code = ExitCode.INTERNAL


# A chunk of 64 news articles takes about 0.3 s to summarise: the cost of sending it to a
# worker and back (about a millisecond) stays far below 10%, and the last chunks of a run
# leave workers idle for well under a second.
CHUNK_DOCUMENTS = 64


class Executor(Protocol):
    """Summarises chunks somewhere and yields their results in order."""

    workers: int
    chunk_documents: int  # the documents of a chunk that keep its overhead small here

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """The result of every chunk, in the order of ``chunks``."""

    def close(self) -> None:
        """Release the workers; queued chunks are dropped."""


def worker_count(jobs: int) -> int:
    """The workers a ``jobs`` value asks for: 0 means every CPU."""
    if jobs < 0:
        raise UsageError(f"jobs must be 0 (every CPU) or more, not {jobs}")
    if jobs:
        return jobs
    if hasattr(os, "sched_getaffinity"):  # the CPUs this process may run on, not the machine's
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


class InProcessExecutor:
    """One chunk after another in this process: the reference the others must equal."""

    workers = 1
    chunk_documents = CHUNK_DOCUMENTS

    def __init__(self, options: SummaryOptions) -> None:
        self.options = options

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        prepare(self.options)
        for chunk in chunks:
            yield summarize_chunk(self.options, chunk)

    def close(self) -> None:
        pass


class ProcessPoolExecutor:
    """A pool of local worker processes, each set up once by its initializer.

    Workers are started by a fork server (a clean process), not forked from this one, so a
    thread of this process (a progress bar) cannot leave them holding a lock.
    """

    chunk_documents = CHUNK_DOCUMENTS

    def __init__(self, options: SummaryOptions, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor as Pool

        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else None
        self.options = options
        self.workers = workers
        self._pool = Pool(
            workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(options, os.getpid()),
        )
        self._unfinished = False

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        from concurrent.futures.process import BrokenProcessPool

        window: deque[Future[ChunkResult]] = deque()
        try:
            for chunk in chunks:
                window.append(self._pool.submit(summarize_chunk, self.options, chunk))
                if len(window) >= 2 * self.workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BrokenProcessPool:
            raise WorkerLostError(
                "a worker process stopped without a result (killed, or out of memory?)"
            ) from None
        finally:
            self._unfinished = bool(window)

    def close(self) -> None:
        if self._unfinished:
            # Stopped early (an interrupt, fail-fast, an error): the chunks being summarised
            # are not wanted, so their workers are stopped instead of waited for.
            for process in list(getattr(self._pool, "_processes", {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(options: SummaryOptions, parent: int) -> None:
    """Set a pool worker up as the command sets itself up (one BLAS thread, the collector
    tuned); Ctrl-C is for the parent, which stops the pool in order."""
    import signal
    import threading

    from summarize.launcher import one_blas_thread, own_collector

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    one_blas_thread()  # before numpy is imported by prepare()
    own_collector()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    prepare(options)


def _exit_with(parent: int) -> None:
    """End this worker when the command is gone (``kill -9``), instead of waiting forever."""
    import time

    while True:
        time.sleep(0.5)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the number now belongs to another user's process
            os._exit(1)
