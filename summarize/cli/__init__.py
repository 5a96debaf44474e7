"""The ``summarize`` command: one Typer app, a default command, one error boundary.

``summarize FILE...`` runs the default command; ``summarize methods``, ``eval``, ``config`` (and
the commands registered in :data:`COMMANDS`) run their own module's function. A file whose name
clashes with a command is given as ``./methods``. Only this package knows Typer and exit codes.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import traceback
import warnings
from collections.abc import Sequence
from functools import cache
from importlib import import_module
from typing import Any, NoReturn

import click
import typer
from click.shell_completion import CompletionItem
from typer.core import TyperCommand, TyperGroup

from summarize.cli.env import debug_from_env, env
from summarize.errors import ExitCode, SummarizeError
from summarize.interrupts import on_sigterm
from summarize.output.writer import ReaderGone, silence

DEFAULT_COMMAND = "summarize"

# name -> "module:function" of each command; the default command first.
COMMANDS: dict[str, str] = {
    DEFAULT_COMMAND: "summarize.cli.summarize:command",
    "methods": "summarize.cli.methods:command",
    "eval": "summarize.cli.eval:command",
    "config": "summarize.cli.config:command",
    "extract": "summarize.cli.extract:command",
    "digest": "summarize.cli.digest:command",
    "batch": "summarize.cli.batch:command",
}
_COMPLETION_OPTIONS = ("--install-completion", "--show-completion")


class DefaultCommandGroup(TyperGroup):
    """A group whose default command takes any arguments that do not name another command.

    Commands are built when they are named, so ``summarize FILE`` never builds the options of
    ``eval`` or ``digest``: start-up stays that of one command.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        completing_first_word = ctx.resilient_parsing and not args
        if not completing_first_word and (
            not args or (args[0] not in COMMANDS and args[0] not in _COMPLETION_OPTIONS)
        ):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if name != DEFAULT_COMMAND]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return build_command(cmd_name) if cmd_name in COMMANDS else None

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """The first word completes to a command name or to an option of the default command."""
        items = super().shell_complete(ctx, incomplete)
        if incomplete.startswith("-"):
            items += [
                CompletionItem(name, help=getattr(param, "help", None))
                for param in build_command(DEFAULT_COMMAND).params
                for name in [*param.opts, *param.secondary_opts]
                if name.startswith(incomplete)
            ]
        return items


class DefaultCommand(TyperCommand):
    """The default command's usage line reads ``summarize [OPTIONS] ...``, not twice the name."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        path = ctx.parent.command_path if ctx.parent is not None else ctx.command_path
        formatter.write_usage(path, " ".join(self.collect_usage_pieces(ctx)))


@cache
def build_command(name: str) -> click.Command:
    """The Click command of one of :data:`COMMANDS`, from its module's function."""
    module, _, function = COMMANDS[name].partition(":")
    loaded = import_module(module)
    single = typer.Typer(add_completion=False, rich_markup_mode=None)
    cls = DefaultCommand if name == DEFAULT_COMMAND else TyperCommand
    epilog = getattr(loaded, "EXAMPLES", None)
    single.command(name, cls=cls, epilog=epilog)(getattr(loaded, function))
    return typer.main.get_command(single)


app = typer.Typer(
    cls=DefaultCommandGroup,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Print the key sentences of texts, files, folders, web pages and feeds.",
)


@app.callback()
def _group() -> None:
    """Print the key sentences of texts, files, folders, web pages and feeds."""


def _traceback() -> None:
    with contextlib.suppress(OSError, ValueError):
        traceback.print_exc()


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    # Warnings meant for users (encodings, plugins) are UserWarnings; numerical or deprecation
    # warnings from libraries are not theirs to act on and show only with --debug.
    if issubclass(category, UserWarning) or env.debug:
        env.error(f"warning: {message}")


def _click_error_types() -> tuple[type[BaseException], type[BaseException]]:
    """Click's exception base and Abort, wherever this Typer version keeps Click."""
    base = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    return base, typer.Abort


def run_cli(argv: Sequence[str]) -> int:
    """Run the command with ``argv`` (without the program name); returns the exit code.

    The one error boundary of every command: a ``SummarizeError`` is one line and its exit code;
    anything else is an internal error, with a traceback only under ``--debug``.
    """
    click_error, click_abort = _click_error_types()
    args = list(argv)
    env.debug = debug_from_env() or "--debug" in args
    env.all_written = False
    command = typer.main.get_command(app)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            result = command.main(args=args, prog_name="summarize", standalone_mode=False)
        if result == ExitCode.INTERRUPTED:  # Typer turns KeyboardInterrupt into Exit(130)
            env.error("interrupted")
        return int(result) if isinstance(result, int) else ExitCode.OK
    except SummarizeError as error:
        if env.debug:
            _traceback()
        env.error(str(error))
        return int(error.exit_code)
    except click_error as error:
        env.error(error.format_message())  # type: ignore[attr-defined]
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except (KeyboardInterrupt, click_abort):
        if env.debug:
            _traceback()
        env.error("interrupted")
        return int(ExitCode.INTERRUPTED)
    except (ReaderGone, BrokenPipeError):
        # The reader went away (``| head``): stop quietly.
        silence(sys.stdout)
        return int(ExitCode.OK)
    except MemoryError:
        if env.debug:
            _traceback()
        env.error("out of memory; try a smaller input or a lower --max-bytes")
        return int(ExitCode.INTERNAL)
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as error:  # the last resort: a bug must not show a traceback to users
        # BaseException, not Exception: a panic in a compiled extension (pyo3's PanicException)
        # derives from BaseException.
        if env.debug:
            _traceback()
            env.error(f"internal error: {type(error).__name__}: {error}")
        else:
            env.error(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details)"
            )
        return int(ExitCode.INTERNAL)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console-script entry point."""
    try:
        signal.signal(signal.SIGTERM, on_sigterm)
        code = run_cli(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:  # between the handlers of run_cli, or while reporting an error
        env.error("interrupted")
        code = int(ExitCode.INTERRUPTED)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence(sys.stdout)
    except OSError:
        silence(sys.stdout)
        env.error("cannot write the output")
        code = code or int(ExitCode.OUTPUT)
    from summarize.cli.ending import end_process

    end_process(code, free_objects=not env.all_written)
