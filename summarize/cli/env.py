"""The command's surroundings in one object: streams, whether they are terminals, debug mode.

Tests replace ``sys.stdin``/``sys.stdout``; the properties read them at each use, so nothing
here holds on to a stream that a test has swapped.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TextIO

DEBUG_ENV = "SUMMARIZE_DEBUG"


def debug_from_env() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


class Environment:
    """Where output and messages go, and whether tracebacks are wanted."""

    def __init__(self) -> None:
        self.debug = debug_from_env()
        # Set by the summarise command once it has written everything: the process may then
        # end without freeing its objects (``cli.ending``).
        self.all_written = False

    @property
    def stdout(self) -> TextIO:
        return sys.stdout

    @property
    def stderr(self) -> TextIO:
        return sys.stderr

    @property
    def stdin(self) -> TextIO | None:
        return sys.stdin

    def stdin_is_terminal(self) -> bool:
        stdin = self.stdin
        return stdin is None or stdin.isatty()

    def stderr_is_terminal(self) -> bool:
        isatty = getattr(self.stderr, "isatty", None)
        return bool(isatty and isatty())

    def error(self, message: str) -> None:
        """One ``summarize: ...`` line on stderr; when stderr is gone the exit code still tells."""
        with contextlib.suppress(OSError, ValueError):
            print(f"summarize: {message}", file=self.stderr, flush=True)


env = Environment()
