"""Half of a big text's work in a forked child, on the machine's second core.

Only a process that owns itself (the command, see ``launcher``) allows it, and only while it
runs no other thread: a fork copies one thread, and a lock another thread held would stay held
in the child. The child inherits everything it needs (the text, its sentences), so nothing is
sent to it; it sends back one pickle. The caller gives the child the same function on the same
input it would run itself, so the result is the same; if the child fails in any way (it cannot
start, it is killed, it raises), the caller does that half itself.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import NoReturn, TypeVar

Here = TypeVar("Here")
There = TypeVar("There")

_ALLOWED = [False]


def allow_second_core(allowed: bool = True) -> None:
    """Let this process give half of a big text's work to a forked child (the command does)."""
    _ALLOWED[0] = allowed


def available() -> bool:
    """Whether :func:`both` may fork now: allowed, on Linux, with two cores and one thread."""
    return (
        _ALLOWED[0]
        and sys.platform == "linux"
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
    )


def both(here: Callable[[], Here], there: Callable[[], There]) -> tuple[Here, There | None]:
    """``here()`` in this process while ``there()`` runs in a forked child.

    Returns both results; the second is None when the child did not deliver one (the caller
    then computes it itself). ``There`` must pickle.
    """
    import pickle

    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return here(), None
    if child == 0:
        os.close(read_end)
        _deliver(write_end, there)
    os.close(write_end)
    finished = False
    try:
        mine = here()
        data = _read_all(read_end)
        finished = True
    finally:
        os.close(read_end)
        if not finished:  # an error or an interrupt here: the child's work is not wanted (it is
            os.kill(child, signal.SIGKILL)  # not reaped yet, so the number is still its own)
        _, status = os.waitpid(child, 0)
    if status != 0 or not data:
        return mine, None
    try:
        theirs: There = pickle.loads(data)
    except Exception:
        return mine, None
    return mine, theirs


def _deliver(write_end: int, there: Callable[[], object]) -> NoReturn:
    """In the child: run ``there``, write its pickle, and leave without any clean-up (the
    parent's buffers, handlers and files are the parent's)."""
    import pickle

    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        view = memoryview(pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL))
        while view:
            view = view[os.write(write_end, view) :]
        code = 0
    except BaseException:
        pass
    finally:
        os._exit(code)


def _read_all(read_end: int) -> bytes:
    chunks = []
    while chunk := os.read(read_end, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)
