"""Run a function over items in worker processes, with results in input order.

Used by ``summarize -j`` over several files and by ``summarize eval -j`` over records. Results
come back in the order of the items whatever the number of workers, so the output does not
depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


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
