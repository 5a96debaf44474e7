"""Load pending sources a few at a time, and hand them back in the order they came.

Fetching 100 pages one after another waits 100 round trips; :func:`load_all` keeps up to
``jobs`` loads in flight on worker threads (the work is waiting on the network, so threads
suffice) and yields each result as soon as it and every one before it are done. It reads ahead
of the consumer by at most ``window`` items, so memory does not grow with the number of
inputs, and a slow consumer (summarising) holds back the fetching instead of piling pages up.

The workers are daemon threads: an interrupted run does not wait for a hanging server.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from summarize.sources.base import Pending, Source

__all__ = ["Loaded", "load_all"]


@dataclass
class Loaded:
    """The outcome of one pending source: its text, or why it could not be loaded."""

    pending: Pending
    source: Source | None = None
    error: Exception | None = None
    _done: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.pending.name

    def result(self) -> Source:
        """The source, or the error raised again."""
        if self.error is not None:
            raise self.error
        assert self.source is not None
        return self.source

    def _run(self) -> None:
        try:
            self.source = self.pending.load()
        except Exception as error:  # the consumer decides what each kind means
            self.error = error
        finally:
            self._done.set()


_STOP = None


def _work(tasks: queue.SimpleQueue[Loaded | None]) -> None:
    while True:
        task = tasks.get()
        if task is _STOP:
            return
        task._run()


def load_all(
    pending: Iterable[Pending], jobs: int = 8, *, window: int | None = None
) -> Iterator[Loaded]:
    """Each of ``pending`` loaded, in input order, with at most ``jobs`` loads at a time.

    ``window`` (default ``2 * jobs``) bounds how many items are taken from ``pending`` ahead
    of the one being yielded. ``jobs <= 1`` loads in the calling thread, one by one. A load
    that raises yields a :class:`Loaded` holding the error; the others go on.
    """
    if jobs <= 1:
        for item in pending:
            loaded = Loaded(item)
            loaded._run()
            yield loaded
        return
    window = max(window if window is not None else 2 * jobs, 1)
    tasks: queue.SimpleQueue[Loaded | None] = queue.SimpleQueue()
    workers: list[threading.Thread] = []
    ahead: deque[Loaded] = deque()
    items = iter(pending)
    try:
        while True:
            while len(ahead) < window:
                following = next(items, None)
                if following is None:
                    break
                loaded = Loaded(following)
                ahead.append(loaded)
                tasks.put(loaded)
                if len(workers) < min(jobs, len(ahead)):
                    worker = threading.Thread(
                        target=_work, args=(tasks,), name="summarize-load", daemon=True
                    )
                    worker.start()
                    workers.append(worker)
            if not ahead:
                return
            first = ahead.popleft()
            first._done.wait()
            yield first
    finally:
        # Loads not started are dropped; the workers end when they see their stop marks.
        while True:
            try:
                tasks.get_nowait()
            except queue.Empty:
                break
        for _ in workers:
            tasks.put(_STOP)
