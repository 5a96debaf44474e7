"""What every command that reads inputs shares: the input list, and one line per failure."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain, islice
from typing import TypeVar

from summarize.cli.env import env
from summarize.errors import ExitCode, SummarizeError, UsageError

Item = TypeVar("Item")

PROGRESS_AFTER = 5  # inputs: fewer finish too fast for a progress bar to help


def input_specs(files: list[str] | None) -> list[str]:
    """The inputs as given; standard input when none is given and it is not a terminal."""
    specs = list(files or [])
    if not specs:
        if env.stdin_is_terminal():
            raise UsageError("no input: give a FILE, or pipe text to standard input")
        specs = ["-"]
    if specs.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    return specs


def many_outputs(specs: list[str], items: Iterator[Item]) -> tuple[bool, Iterator[Item]]:
    """Whether several outputs may follow, and the items. One input may still hold several
    texts (a folder, a feed): then the first two items are looked at before anything is written.
    """
    if len(specs) > 1:
        return True, items
    first = list(islice(items, 2))
    return len(first) > 1, chain(first, items)


def show_progress(specs: list[str], many: bool) -> bool:
    """A bar on a terminal for more than a handful of inputs, or for one that holds several
    (a folder, a feed): never in a pipe or cron."""
    return (len(specs) > PROGRESS_AFTER or (many and len(specs) == 1)) and (
        env.stderr_is_terminal()
    )


def report(name: str, error: BaseException) -> ExitCode:
    """One line for a failed input; the run goes on. Returns the exit code it stands for."""
    if isinstance(error, SummarizeError):
        message = str(error)
        env.error(message if message.startswith(f"{name}:") else f"{name}: {message}")
        return error.exit_code
    if isinstance(error, MemoryError):
        env.error(f"{name}: out of memory; try a smaller input or a lower --max-bytes")
    else:
        env.error(f"{name}: internal error: {type(error).__name__}: {error}")
    return ExitCode.INTERNAL
