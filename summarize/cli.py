"""The ``summarize`` command: parse flags, call the pipeline, render, map errors to exit codes.

``summarize FILE...`` summarises; a first argument naming a subcommand (``methods``) runs that
instead. A file whose name clashes with a subcommand can be given as ``./methods``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
import warnings
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Annotated, Any, NoReturn

import typer

from summarize import __version__
from summarize.errors import ExitCode, OutputError, SummarizeError, UsageError
from summarize.eval_cli import eval_app
from summarize.launcher import on_sigterm

DEBUG_ENV = "SUMMARIZE_DEBUG"


class Format(str, Enum):
    auto = "auto"
    plain = "plain"
    rich = "rich"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


class Order(str, Enum):
    document = "document"
    score = "score"


class _Settings:
    debug = False


def _debug_from_env() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no")


def _version_callback(value: bool) -> None:
    if value:
        print(f"summarize {__version__}")
        raise typer.Exit()


SUBCOMMANDS_HELP = (
    "Other commands: 'summarize methods' lists the methods; "
    "'summarize eval' scores them against reference summaries."
)

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command(epilog=SUBCOMMANDS_HELP)
def run(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            help="Text files to summarise; '-' or none reads standard input.", show_default=False
        ),
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option(
            "--sentences", "-n", help="Number of sentences [default: 3].", show_default=False
        ),
    ] = None,
    ratio: Annotated[
        float | None,
        typer.Option(
            "--ratio",
            "-r",
            help="Fraction of the sentences to keep, in (0, 1].",
            show_default=False,
        ),
    ] = None,
    words: Annotated[
        int | None,
        typer.Option(
            "--words",
            "-w",
            help="Word budget: the best sentences that fit in W words.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        str, typer.Option("--method", "-m", help="Ranking method; see 'summarize methods'.")
    ] = "position-centroid",
    language: Annotated[
        str,
        typer.Option("--language", "-l", help="Language name or ISO code, or 'auto' to detect."),
    ] = "auto",
    order: Annotated[
        Order, typer.Option("--order", help="Output order: as in the document, or best first.")
    ] = Order.document,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format", "-f", help="Output format; auto is rich on a terminal and plain otherwise."
        ),
    ] = Format.auto,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            "-e",
            help="Encoding of the input, such as latin-1; detected when not given.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes for several files; 0 uses every CPU. The output is the same.",
        ),
    ] = 1,
    max_bytes: Annotated[
        str,
        typer.Option(
            "--max-bytes",
            help="Refuse inputs bigger than this (such as 500K, 100M, 1G; 0 for no limit).",
        ),
    ] = "32M",
    debug: Annotated[
        bool,
        typer.Option("--debug", help=f"Show tracebacks for bug reports (or set {DEBUG_ENV}=1)."),
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = None,
) -> None:
    """Print the key sentences of each text: extractive summarisation, offline."""
    from summarize.batch import SummaryOptions, summarize_texts
    from summarize.output import render, resolve_format
    from summarize.parallel import worker_count
    from summarize.selection import Length
    from summarize.sources import parse_size, read_source

    _Settings.debug = _Settings.debug or debug
    length = Length.from_options(sentences, ratio, words)
    limit = parse_size(max_bytes)
    paths = list(files or [])
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError("no input: give a FILE, or pipe text to standard input")
        paths = ["-"]
    if paths.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")
    workers = worker_count(jobs, len(paths))

    def texts() -> Iterator[tuple[str, str]]:  # lazily: with one job, one text in memory at a time
        for path in paths:
            source = read_source(path, encoding=encoding, max_bytes=limit)
            yield source.text, source.name

    options = SummaryOptions(
        sentences=sentences,
        ratio=ratio,
        words=words,
        method=method,
        language=language,
        order=order.value,
    )
    summaries = summarize_texts(texts(), options, workers)
    for summary in summaries:
        if not summary.sentences:
            _error(f"warning: {summary.source}: no sentence fits in {int(length.value)} words")
    fmt = resolve_format(output_format.value, sys.stdout)
    _write(render(summaries, fmt, sys.stdout))


methods_app = typer.Typer(
    add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False
)


@methods_app.command()
def methods(
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="auto, plain, rich or json.")
    ] = Format.auto,
) -> None:
    """List the ranking methods with one line on each."""
    import json

    from summarize.backends.registry import available_backends

    infos = available_backends()
    fmt = output_format.value
    if fmt == "auto":
        fmt = "rich" if sys.stdout.isatty() else "plain"
    if fmt in ("json", "jsonl"):
        text = json.dumps([vars(i) for i in infos], indent=2) + "\n"
    elif fmt == "rich":
        from summarize.output.rich_output import render_methods

        text = render_methods(infos, sys.stdout)
    else:
        width = max(len(i.name) for i in infos)
        text = "".join(f"{i.name:<{width}}  {i.description}\n" for i in infos)
    _write(text)


SUBCOMMANDS: dict[str, tuple[typer.Typer, str]] = {
    "methods": (methods_app, "summarize methods"),
    "eval": (eval_app, "summarize eval"),
}


class _ReaderGone(Exception):
    """Standard output is a pipe whose reader has gone (``| head``).

    Not an OSError, so that Typer's own broken-pipe handling (exit status 1) stays out of it.
    """


def _write(text: str) -> None:
    """Write all of the output at once, so an error never leaves half of it behind."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise _ReaderGone from None
    except UnicodeEncodeError as error:
        raise OutputError(
            f"cannot write the output in the {error.encoding} encoding of standard output; "
            "set PYTHONIOENCODING=utf-8"
        ) from None
    except OSError as error:
        _silence_stdout()
        raise OutputError(f"cannot write the output: {error.strerror or error}") from None


def _silence_stdout() -> None:
    """Point standard output at the null device, dropping what is still buffered.

    After a broken pipe or a failed write, Python would try to flush the rest at exit and
    complain about it on stderr; there is nothing useful left to say on standard output.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (a test capture): nothing will be flushed to it


def _error(message: str) -> None:
    # When stderr is closed or broken the exit code still tells.
    with contextlib.suppress(OSError, ValueError):
        print(f"summarize: {message}", file=sys.stderr, flush=True)


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
    if issubclass(category, UserWarning) or _Settings.debug:
        _error(f"warning: {message}")


def _click_error_types() -> tuple[type[BaseException], type[BaseException]]:
    """Click's exception base and Abort, wherever this Typer version keeps Click."""
    base = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
    return base, typer.Abort


def run_cli(argv: Sequence[str]) -> int:
    """Run the command with ``argv`` (without the program name); returns the exit code."""
    click_error, click_abort = _click_error_types()
    args = list(argv)
    target, prog = app, "summarize"
    if args and args[0] in SUBCOMMANDS:
        target, prog = SUBCOMMANDS[args[0]]
        args = args[1:]
    _Settings.debug = _debug_from_env() or "--debug" in args
    command = typer.main.get_command(target)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            result = command.main(args=args, prog_name=prog, standalone_mode=False)
        if result == ExitCode.INTERRUPTED:  # Typer turns KeyboardInterrupt into Exit(130)
            _error("interrupted")
        return int(result) if isinstance(result, int) else ExitCode.OK
    except SummarizeError as error:
        if _Settings.debug:
            _traceback()
        _error(str(error))
        return int(error.exit_code)
    except click_error as error:
        _error(error.format_message())  # type: ignore[attr-defined]
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    except (KeyboardInterrupt, click_abort):
        if _Settings.debug:
            _traceback()
        _error("interrupted")
        return int(ExitCode.INTERRUPTED)
    except (_ReaderGone, BrokenPipeError):
        # The reader went away (``| head``): stop quietly.
        _silence_stdout()
        return int(ExitCode.OK)
    except MemoryError:
        if _Settings.debug:
            _traceback()
        _error("out of memory; try a smaller input or a lower --max-bytes")
        return int(ExitCode.INTERNAL)
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as error:  # the last resort: a bug must not show a traceback to users
        # BaseException, not Exception: a panic in a compiled extension (pyo3's PanicException)
        # derives from BaseException.
        if _Settings.debug:
            _traceback()
            _error(f"internal error: {type(error).__name__}: {error}")
        else:
            _error(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details)"
            )
        return int(ExitCode.INTERNAL)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console-script entry point."""
    try:
        signal.signal(signal.SIGTERM, on_sigterm)
        code = run_cli(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:  # between the handlers of run_cli, or while reporting an error
        _error("interrupted")
        code = int(ExitCode.INTERRUPTED)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    except OSError:
        _silence_stdout()
        _error("cannot write the output")
        code = code or int(ExitCode.OUTPUT)
    sys.exit(code)
