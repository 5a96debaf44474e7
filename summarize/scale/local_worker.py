"""Dask preload for the workers of a LocalCluster that ``summarize batch`` starts itself.

Ctrl-C on a terminal reaches every process of the foreground group; the command stops its
cluster in order, so its workers leave the signal to it instead of each printing a traceback.
"""

from __future__ import annotations

import signal


def dask_setup(worker: object) -> None:
    """Called by Dask in each worker process as it starts (in its main thread): the worker
    summarises only, so its collector is tuned as the command's is."""
    from summarize.launcher import own_collector

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    own_collector()
