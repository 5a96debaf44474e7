"""The exception tree of the library; each error knows the exit code the CLI uses for it."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Exit codes of the ``summarize`` command, documented in the README."""

    OK = 0
    INPUT = 1  # the input could not be read or holds no text to summarise
    USAGE = 2  # a bad option, an unknown method, a missing argument
    OUTPUT = 3  # the output could not be written (for example a full disk)
    INTERNAL = 70  # a bug: an unexpected internal error (EX_SOFTWARE); --debug shows the traceback
    INTERRUPTED = 130  # SIGINT or SIGTERM


class SummarizeError(Exception):
    """Base class of every error the library raises on purpose."""

    exit_code: ExitCode = ExitCode.INPUT


class InputError(SummarizeError):
    """The input is missing, unreadable, not text, or empty."""

    exit_code = ExitCode.INPUT


class EmptyInputError(InputError):
    """The input holds no sentences to summarise."""


class InputTooLargeError(InputError):
    """The input is bigger than the ``--max-bytes`` limit."""


class NotTextError(InputError):
    """The input is binary (an image, an archive, a program) or in no recognisable encoding."""


class UsageError(SummarizeError):
    """An option value or a combination of options is invalid."""

    exit_code = ExitCode.USAGE


class UnknownMethodError(UsageError):
    """No backend is registered under the requested name."""


class UnknownLanguageError(UsageError):
    """The requested language is not supported."""


class OutputError(SummarizeError):
    """The summary could not be written."""

    exit_code = ExitCode.OUTPUT


class UnsupportedUrlError(InputError):
    """A URL that is never fetched: a scheme other than http(s), or credentials in it."""


class NetworkError(InputError):
    """A URL could not be fetched: no such host, refused, a TLS failure, too many redirects.

    Exit code 1 like every other unreadable input: a run over many inputs reports each failure
    on its own line and goes on, and a missing page is as much a bad input as a missing file.
    """


class FetchTimeoutError(NetworkError):
    """The server did not connect within the connect timeout, or the page took longer than
    the deadline."""


class HttpStatusError(NetworkError):
    """The server answered with an error status (``404 Not Found``); :attr:`status` holds it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self) -> tuple[type[HttpStatusError], tuple[str, int]]:
        # Keeps the status when the error crosses a process boundary (a process pool, Dask).
        return (type(self), (str(self), self.status))
