"""The ``summarize`` console script: Ctrl-C or SIGTERM while it starts up ends it quietly too.

Loading the command (Typer, Rich, numpy) takes a few tenths of a second; an interrupt in that
window would otherwise print a traceback of the imports.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import NoReturn

from summarize.errors import ExitCode
from summarize.interrupts import on_sigterm

# The matrices of a summary are small or sparse: a pool of BLAS threads costs more to start
# (about 50 ms of each run) than it saves, and fights with --jobs workers. A user's setting wins.
_SINGLE_THREADED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """Ask numpy's BLAS for one thread, unless the user set a number (before numpy loads)."""
    for variable in _SINGLE_THREADED:
        os.environ.setdefault(variable, "1")


# The collector's first generation is scanned every 700 new container objects by default; a
# book's summary makes millions (tokens, terms, sentences, none in a reference cycle), and those
# scans, repeated as the objects pile up, cost about a fifth of the run. Every 100,000 keeps
# the memory held by any cyclic garbage small and the collector out of the way.
_YOUNG_COLLECTION_EVERY = 100_000


def own_collector() -> None:
    """Tune the cyclic garbage collector for a process that only summarises (the command, or a
    worker it starts): young collections every ``_YOUNG_COLLECTION_EVERY`` new objects, and each
    document's objects kept out of the scans while it is in use."""
    from summarize.text.segment import freeze_documents

    _, older, oldest = gc.get_threshold()
    gc.set_threshold(_YOUNG_COLLECTION_EVERY, older, oldest)
    freeze_documents()


def main() -> NoReturn:
    """Load the command, then run it; an interrupt during loading exits 130 with one line."""
    one_blas_thread()
    try:
        signal.signal(signal.SIGTERM, on_sigterm)
        own_collector()  # first: loading the command makes objects too
        # It runs alone, unlike a pool worker: a big document may use the second core.
        from summarize.text.segment import split_big_documents

        split_big_documents()
        from summarize.cli import main as run_command
    except KeyboardInterrupt:
        try:
            print("summarize: interrupted", file=sys.stderr, flush=True)
        finally:
            sys.exit(int(ExitCode.INTERRUPTED))
    run_command()
