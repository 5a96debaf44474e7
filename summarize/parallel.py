"""Run a function over items in worker processes, with results in input order.

Used by ``summarize -j`` over several files and by ``summarize eval -j`` over records. Results
come back in the order of the items whatever the number of workers, so the output does not
depend on it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from summarize.errors import UsageError

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(jobs: int, tasks: int | None = None) -> int:
    """The workers a ``--jobs`` value asks for: 0 means every CPU, and no more than ``tasks``."""
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (every CPU) or more, not {jobs}")
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
    pool = ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs)
    try:
        yield from pool.map(function, items, chunksize=chunksize)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
