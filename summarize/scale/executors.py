"""Where chunks are summarised: this process, a local process pool, or a Dask cluster.

Each executor maps :func:`~summarize.scale.work.summarize_chunk` over a stream of chunks and
yields the results in the order of the chunks, keeping only a bounded window of chunks in
flight (twice the workers), so memory does not grow with the input and the output is the same
bytes whichever executor ran.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from summarize.errors import ExitCode, SummarizeError, UsageError
from summarize.options import SummaryOptions
from summarize.scale.jsonl import Record
from summarize.scale.work import ChunkResult, prepare, summarize_chunk

if TYPE_CHECKING:
    from concurrent.futures import Future

Chunk = Sequence[Record]

# Seconds to wait for a Dask scheduler to answer before giving up with a clear message.
CONNECT_TIMEOUT = 30.0
# The Dask settings of a LocalCluster started for a batch, whose workers share this machine's
# cores with the command: no sampling profiler (every 10 ms) and no GIL monitor in each worker,
# and the event loops' health checked five times a second instead of fifty. About a tenth less
# CPU a document on two cores.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.tick.interval": "200ms",
}


class WorkerLostError(SummarizeError):
    """A worker process ended without a result (killed, or out of memory)."""

    exit_code = ExitCode.INTERNAL


# A chunk of 64 news articles takes about 0.3 s to summarise: the cost of sending it to a
# worker and back (about a millisecond) stays far below 10%, and the last chunks of a run
# leave workers idle for well under a second.
CHUNK_DOCUMENTS = 64
# A Dask task costs the scheduler, the client and the worker more than a pool's: a chunk of
# 256 articles (about a second of work, as Dask advises for a task) keeps that small.
DASK_CHUNK_DOCUMENTS = 256


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


class DaskExecutor:
    """Chunks as tasks on a Dask cluster: an existing one, or a LocalCluster started here.

    Each chunk is one task with its own key and its records in the task itself, so a worker
    that is lost is replaced by Dask running the task again elsewhere; its result is taken
    once, at its turn, and written once. A worker sets up once: :func:`prepare` is cached in
    the worker process.
    """

    chunk_documents = DASK_CHUNK_DOCUMENTS

    def __init__(self, options: SummaryOptions, scheduler: Any, workers: int) -> None:
        self.options = options
        self._cluster: Any = None
        self._own_client = True
        self._client: Any = None
        try:
            self._client = self._connect(scheduler, workers)
            self.workers = max(1, sum(self._client.nthreads().values()))
        except BaseException:  # an interrupt while the cluster starts: stop what did start
            self.close()
            raise
        self._token = uuid.uuid4().hex

    def _connect(self, scheduler: Any, workers: int) -> Any:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("a Dask scheduler needs Dask: pip install 'summarize[dask]'") from None
        if isinstance(scheduler, Client):
            self._own_client = False
            return scheduler
        if scheduler == "local":
            import dask

            with _children_ignore_ctrl_c(), dask.config.set(LOCAL_WORKER_CONFIG):
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                    preload=["summarize.scale.local_worker"],
                )
                return Client(self._cluster)
        try:
            return Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise SchedulerError(f"{scheduler}: no Dask scheduler answered ({error})") from None
        except ValueError as error:
            raise UsageError(f"scheduler {scheduler!r} is not an address ({error})") from None

    def map(self, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        window: deque[Any] = deque()
        submitted = 0
        try:
            for chunk in chunks:
                key = f"summarize-chunk-{self._token}-{submitted}"
                window.append(
                    self._client.submit(summarize_chunk, self.options, list(chunk), key=key)
                )
                submitted += 1
                if len(window) >= 2 * self.workers:
                    yield self._take(window.popleft())
            while window:
                yield self._take(window.popleft())
        finally:
            for future in window:
                future.cancel()

    def _take(self, future: Any) -> ChunkResult:
        from distributed import KilledWorker

        try:
            result: ChunkResult = future.result()
        except KilledWorker as error:
            raise WorkerLostError(
                f"workers died running a chunk again and again ({error})"
            ) from None
        future.release()
        return result

    def close(self) -> None:
        if self._own_client and self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()


@contextlib.contextmanager
def _children_ignore_ctrl_c() -> Iterator[None]:
    """Processes started in this block ignore SIGINT from their first instruction.

    An ignored signal stays ignored across exec, and Python then leaves it so. Ctrl-C on a
    terminal reaches every process of the foreground group: the command stops the cluster in
    order, instead of each worker printing a traceback (the preload module
    :mod:`summarize.scale.local_worker` does the same for workers started later). A Ctrl-C
    while the cluster starts (a few seconds) is lost: press it again.
    """
    import signal

    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class SchedulerError(SummarizeError):
    """The Dask scheduler could not be reached."""

    exit_code = ExitCode.INPUT


def make_executor(options: SummaryOptions, jobs: int, scheduler: Any = None) -> Executor:
    """The executor for ``jobs`` and ``scheduler`` (None, ``"local"``, an address or a Client)."""
    workers = worker_count(jobs)
    if scheduler is not None and scheduler != "":
        return DaskExecutor(options, scheduler, workers)
    if workers == 1:
        return InProcessExecutor(options)
    return ProcessPoolExecutor(options, workers)
