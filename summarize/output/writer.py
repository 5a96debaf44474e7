"""Writes output as it is made: each block complete, flushed, and in order.

Writing errors become one exception each: :class:`ReaderGone` when the reader of a pipe has
left (``| head``: not an error), :class:`~summarize.errors.OutputError` for the rest (a full
disk, an encoding that cannot hold the text).
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, TextIO

from summarize.errors import OutputError

if TYPE_CHECKING:  # kept out of start-up: the error boundary imports this module
    from summarize.document import Summary
    from summarize.output import Renderer


class ReaderGone(Exception):
    """Standard output is a pipe whose reader has gone (``| head``).

    Not an OSError, so that Click's own broken-pipe handling (exit status 1) stays out of it.
    """


def write_text(stream: TextIO, text: str) -> None:
    """Write ``text`` and flush it; map failures to :class:`ReaderGone` or ``OutputError``."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise ReaderGone from None
    except UnicodeEncodeError as error:
        raise OutputError(
            f"cannot write the output in the {error.encoding} encoding of standard output; "
            "set PYTHONIOENCODING=utf-8"
        ) from None
    except OSError as error:
        silence(stream)
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def silence(stream: TextIO) -> None:
    """Point ``stream`` at the null device, dropping what is still buffered.

    After a broken pipe or a failed write, Python would try to flush the rest at exit and
    complain about it on stderr; there is nothing useful left to say on that stream.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


class SummaryWriter:
    """Streams summaries through a renderer: opened once, a block per summary, closed once."""

    def __init__(self, stream: TextIO, renderer: Renderer, many: bool) -> None:
        self.stream = stream
        self.renderer = renderer
        self.many = many
        self.count = 0
        self._opened = False

    def write(self, summary: Summary) -> None:
        text = self.renderer.block(summary, self.count, self.many)
        if not self._opened:
            text = self.renderer.start(self.many) + text
            self._opened = True
        write_text(self.stream, text)
        self.count += 1

    def close(self) -> None:
        """End the output; with nothing written for a single input, write nothing at all."""
        if not self._opened and not self.many:
            return
        text = "" if self._opened else self.renderer.start(self.many)
        write_text(self.stream, text + self.renderer.end(self.many, self.count))
