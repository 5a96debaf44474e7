"""Chunks as tasks on a Dask cluster: an existing one, or a LocalCluster started here.

Imported only when a scheduler is given: the local executors never load Dask.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from summarize.errors import ExitCode, SummarizeError, UsageError
from summarize.options import SummaryOptions
from summarize.scale.executors import Chunk, WorkerLostError
from summarize.scale.work import ChunkResult, summarize_chunk

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


# A Dask task costs the scheduler, the client and the worker more than a pool's: a chunk of
# 256 articles (about a second of work, as Dask advises for a task) keeps that small.
DASK_CHUNK_DOCUMENTS = 256


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
