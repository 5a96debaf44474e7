"""How the command's process ends: without freeing its objects one by one, when nothing is lost.

A process that has summarised War and Peace holds a million objects (sentences, tokens, terms);
freeing them, then the interpreter's modules, took 0.07-0.1 s after the summary was written,
and the system takes the memory back at once anyway. So once the summarise command has written
everything, the process runs the exit handlers and flushes the standard streams, as a normal
exit does, and ends there. Another thread still running gets the normal exit, which waits for
it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import NoReturn


def end_process(code: int, *, free_objects: bool) -> NoReturn:
    """Exit with ``code``: a normal exit when ``free_objects`` or another thread runs; else the
    exit handlers, the standard streams flushed, and the end of the process."""
    if free_objects or threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
