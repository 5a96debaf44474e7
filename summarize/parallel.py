"""Work in parallel with results in input order: worker processes, and threads for the network.

Results come back in the order of the items whatever the number of workers, so the output does
not depend on it. Everything here submits work in a bounded window, so memory does not grow with
the number of items.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeVar

from summarize.errors import UsageError

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(jobs: int, tasks: int | None = None) -> int:
    """The workers a ``jobs`` value asks for: 0 means every CPU, and no more than ``tasks``."""
    if jobs < 0:
        raise UsageError(f"jobs must be 0 (every CPU) or more, not {jobs}")
    workers = jobs or os.cpu_count() or 1
    return workers if tasks is None else max(1, min(workers, tasks))


def ordered_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    chunksize: int = 1,
) -> Iterator[Result]:
    """``map(function, items)`` in ``jobs`` processes; ``function`` must be picklable.

    An error in a worker is raised here at its item's turn. On an error or an interrupt the
    queued items are dropped instead of waited for.
    """
    from concurrent.futures import ProcessPoolExecutor  # only here: its import costs 15 ms

    pool = ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs)
    try:
        yield from pool.map(function, items, chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


class DaemonThreadPool:
    """A few daemon threads running calls: for loads that wait on the network.

    Unlike ``ThreadPoolExecutor`` the threads never hold up the exit of the process: an
    interrupt while pages are being fetched ends the command at once (every fetch has its own
    deadline, so an abandoned thread ends by itself too).
    """

    def __init__(self, workers: int) -> None:
        self._workers = max(1, workers)
        self._threads: list[threading.Thread] = []
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = (
            queue.SimpleQueue()
        )

    def submit(self, call: Callable[[], Result]) -> Future[Result]:
        future: Future[Result] = Future()
        self._queue.put((future, call))
        if len(self._threads) < self._workers:
            thread = threading.Thread(target=self._work, daemon=True, name="summarize-fetch")
            thread.start()
            self._threads.append(thread)
        return future

    def _work(self) -> None:
        while (task := self._queue.get()) is not None:
            future, call = task
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(call())
            except BaseException as error:
                future.set_exception(error)

    def shutdown(self) -> None:
        for _ in self._threads:
            self._queue.put(None)
