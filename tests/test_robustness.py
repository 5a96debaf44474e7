"""Every input the command can meet gets a summary or one clear line on stderr and an exit code.

Most cases run in-process through ``run_cli`` (the same error boundary as the console script);
pipes, signals, full disks and huge inputs run as real processes.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from summarize import ExitCode
from summarize.cli import run_cli

from .conftest import NEWS_SAMPLE, SAMPLES

ENV = {**os.environ, "SUMMARIZE_NO_PLUGINS": "1", "PYTHONIOENCODING": "utf-8"}
ENV.pop("SUMMARIZE_DEBUG", None)

PROSE = (
    "The river rose after three days of rain. Farmers moved their cattle to higher ground. "
    "The town council met on Sunday to plan the repairs. Engineers inspected the old bridge "
    "and found cracks in two pillars. The school stayed closed for a week. Volunteers filled "
    "sandbags along the main street. By Friday the water had fallen below the warning mark.\n"
)
# About 1 MB of distinct sentences: with --ratio 1 far more output than a pipe holds.
MANY_SENTENCES = "".join(
    f"Sentence {i} talks about the river and the town. " + ("\n\n" if i % 5 == 4 else "")
    for i in range(20_000)
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_NO_PLUGINS", "1")
    monkeypatch.delenv("SUMMARIZE_DEBUG", raising=False)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    """Run the command in-process; ``stdin`` bytes become a piped standard input."""

    def invoke(*args: str, stdin: bytes | None = None) -> Result:
        if stdin is not None:
            stream = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
            monkeypatch.setattr(sys, "stdin", stream)
        code = run_cli(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


# Runs a command and reports its exit code, stderr and peak memory as JSON. The measuring parent
# is small: a child forked from pytest itself would count pytest's memory in its peak.
MEASURE = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "err": done.stderr.decode(), "peak_kib": peak}))
"""


def run_process(
    *args: str, input: bytes | None = None, timeout: float = 120, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        input=input,
        timeout=timeout,
        env=kwargs.pop("env", ENV),
        **kwargs,
    )


def one_error_line(err: str, pattern: str) -> None:
    """stderr is exactly one ``summarize: ...`` line matching ``pattern``, and no traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("summarize: "), err
    assert re.search(pattern, lines[0]), err


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines``."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({t}) '" for t in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


# --- Inputs that are summarised --------------------------------------------------------------


def assert_lines_from(out: str, text: str) -> None:
    """Every output line is a piece of the input (whitespace normalised)."""
    flat = " ".join(text.split())
    lines = out.splitlines()
    assert lines
    for line in lines:
        assert line in flat, line


SUMMARISED = {
    "single sentence": (b"Only one sentence is here.\n", []),
    "no letters": (b"123 456. 789 000! 3.14 + 2.72 = 5.86?\n", []),
    "symbols only": (b"... --- *** ### !!! @@@ $$$\n", []),
    "emoji only": ("😀😀 🎉🎉🎉. 👍👍 🚀. 🌍\n".encode(), []),
    "mixed scripts": (
        "English comes first. Русский текст идёт вторым. 日本語の文もあります。 "
        "النص العربي هنا. Ελληνικά στο τέλος.\n".encode(),
        [],
    ),
    "CRLF line endings": (PROSE.replace("\n", "\r\n").replace(". ", ".\r\n").encode(), []),
    "CR line endings": (PROSE.replace("\n", "\r").replace(". ", ".\r").encode(), []),
}


@pytest.mark.parametrize("method", ["lead", "textrank"])
@pytest.mark.parametrize("case", sorted(SUMMARISED))
def test_summarised(cli: Callable[..., Result], tmp_path: Path, case: str, method: str) -> None:
    data, args = SUMMARISED[case]
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    result = cli(str(path), "-m", method, "-f", "plain", *args)
    assert result.code == ExitCode.OK, result.err
    assert result.err == ""
    assert "\r" not in result.out
    assert_lines_from(result.out, data.decode())


def test_utf8_bom_is_dropped(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PROSE.encode())
    result = cli(str(path), "-m", "lead", "-f", "plain")
    assert result.code == ExitCode.OK
    assert "\ufeff" not in result.out
    assert result.out.startswith("The river rose")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(
    cli: Callable[..., Result], tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(PROSE.encode(encoding))
    result = cli(str(path), "-m", "lead", "-f", "plain")
    assert result.code == ExitCode.OK, result.err
    assert result.out.startswith("The river rose")


LEGACY = {
    "cp1252": "Le café était très bon. Les élèves étudiaient à la bibliothèque. Déjà vu, señor.",
    "latin-1": "Über die Brücke gehen wir. Größe und Maß sind wichtig. Das ist schön.",
    "cp1251": "Привет, как дела? Это текст на русском языке. Он закодирован в другой кодировке.",
    "shift_jis": "日本語のテキストです。これはシフトJISで書かれています。三番目の文です。",
}


@pytest.mark.parametrize("encoding", sorted(LEGACY))
def test_legacy_encoding_is_detected(
    cli: Callable[..., Result], tmp_path: Path, encoding: str
) -> None:
    text = LEGACY[encoding]
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    result = cli(str(path), "-m", "lead", "-f", "plain", "-n", "10")
    assert result.code == ExitCode.OK, result.err
    assert_lines_from(result.out, text)
    one_error_line(result.err, r"warning: .*not UTF-8; read as \S+ \(set --encoding to override\)")


def test_encoding_option_overrides_detection(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Ça coûte cher. Où est la gare?".encode("latin-1"))
    result = cli(str(path), "-m", "lead", "-f", "plain", "--encoding", "latin-1")
    assert result.code == ExitCode.OK
    assert result.err == ""
    assert result.out == "Ça coûte cher.\nOù est la gare?\n"


def test_pdf_text_is_extracted(cli: Callable[..., Result], tmp_path: Path) -> None:
    lines = ["The first sentence of the PDF.", "A second sentence follows.", "The third ends it."]
    path = tmp_path / "paper.pdf"
    path.write_bytes(make_pdf(lines))
    result = cli(str(path), "-m", "lead", "-f", "plain")
    assert result.code == ExitCode.OK, result.err
    assert result.out.splitlines() == lines


def test_fifo(cli: Callable[..., Result], tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "wb") as handle:
            handle.write(PROSE.encode())

    thread = threading.Thread(target=writer)
    thread.start()
    result = cli(str(fifo), "-m", "lead", "-f", "plain")
    thread.join(10)
    assert result.code == ExitCode.OK, result.err
    assert result.out.startswith("The river rose")


def test_stdin(cli: Callable[..., Result]) -> None:
    result = cli("-m", "lead", "-f", "plain", "-n", "1", stdin=PROSE.encode())
    assert result.code == ExitCode.OK
    assert result.out == "The river rose after three days of rain.\n"


@pytest.mark.slow
def test_one_megabyte_sentence_without_punctuation(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 200_000)
    started = time.monotonic()
    result = run_process(str(path), "-m", "lead", "-f", "plain", timeout=60)
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stderr == b""
    assert result.stdout.count(b"\n") == 1
    assert len(result.stdout) > 900_000
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_one_megabyte_sentence_with_the_default_method(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 200_000)
    result = run_process(str(path), "-f", "plain", timeout=60)
    assert result.returncode == ExitCode.OK, result.stderr
    assert result.stdout.count(b"\n") == 1


# --- Inputs that are refused with one line and exit 1 -----------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
REFUSED = {
    "empty file": (b"", r": the input is empty$"),
    "whitespace only": (b" \n\t\r\n  \n", r": the input is empty$"),
    "PNG image": (PNG, r": looks like a PNG image, not text$"),
    "JPEG image": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200), r"looks like a JPEG image"),
    "ZIP archive": (b"PK\x03\x04\x14\x00" + bytes(100), r"looks like a ZIP archive"),
    "gzip file": (b"\x1f\x8b\x08\x00" + bytes(100), r"looks like a gzip-compressed file"),
    "executable": (b"\x7fELF\x02\x01\x01" + bytes(100), r"looks like an executable program"),
    "NUL bytes": (b"Some text.\x00 More text.", r"looks like a binary file \(it contains NUL"),
    "control characters": (bytes(range(1, 32)) * 20, r"looks like a binary file \(mostly control"),
    "random bytes": (bytes((i * 7919 + 13) % 256 for i in range(4096)), r"(binary|not text)"),
    "blank PDF": (b"", r": the PDF has no text layer"),
    "damaged PDF": (b"%PDF-1.4\nnot a PDF at all\n", r": cannot read the PDF \("),
}


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused(cli: Callable[..., Result], tmp_path: Path, case: str) -> None:
    data, pattern = REFUSED[case]
    if case == "blank PDF":
        data = _blank_pdf()
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    result = cli(str(path), "-m", "lead")
    assert result.code == ExitCode.INPUT
    assert result.out == ""
    one_error_line(result.err, pattern)
    assert str(path) in result.err


def test_encrypted_pdf(cli: Callable[..., Result], tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(["Secret text."]))).pages:
        writer.add_page(page)
    writer.encrypt("secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    result = cli(str(path), "-m", "lead")
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"locked\.pdf: the PDF is encrypted with a password$")


def test_missing_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli(str(tmp_path / "nope.txt"))
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"nope\.txt: no such file$")


def test_directory(cli: Callable[..., Result], tmp_path: Path) -> None:
    result = cli(str(tmp_path))
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r": is a directory, not a file$")


def test_dev_null(cli: Callable[..., Result]) -> None:
    result = cli("/dev/null")
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"^summarize: /dev/null: the input is empty$")


def test_empty_stdin(cli: Callable[..., Result]) -> None:
    result = cli("-m", "lead", stdin=b"")
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"<stdin>: the input is empty$")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(PROSE)
    path.chmod(0)
    try:
        result = cli(str(path))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"secret\.txt: permission denied$")


def test_unreadable_file_even_as_root(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal the kernel gives a normal user, simulated so that it also runs as root."""
    path = tmp_path / "secret.txt"
    path.write_text(PROSE)
    real_open = open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_open)
    result = cli(str(path))
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"secret\.txt: permission denied$")


def test_read_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A device that fails on read (EIO and friends) is a clear input error."""
    if not os.path.exists("/proc/self/mem"):
        pytest.skip("needs Linux /proc")
    result = cli("/proc/self/mem")
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"/proc/self/mem: cannot read \(")


# --- Size limits ------------------------------------------------------------------------------


def test_max_bytes_refuses_bigger_file(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(PROSE * 10)
    result = cli(str(path), "--max-bytes", "1K")
    assert result.code == ExitCode.INPUT
    one_error_line(
        result.err,
        r"big\.txt: the input is larger than the limit of 1 KiB; raise it with --max-bytes",
    )


def test_max_bytes_refuses_bigger_stdin(cli: Callable[..., Result]) -> None:
    result = cli("--max-bytes", "100", stdin=PROSE.encode())
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"<stdin>: the input is larger than the limit of 100 bytes")


def test_max_bytes_exact_size_is_accepted(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(PROSE.encode())
    result = cli(str(path), "-m", "lead", "--max-bytes", str(len(PROSE.encode())))
    assert result.code == ExitCode.OK, result.err


def test_max_bytes_zero_means_no_limit(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(PROSE)
    assert cli(str(path), "-m", "lead", "--max-bytes", "0").code == ExitCode.OK


@pytest.mark.parametrize("value", ["abc", "-5", "1.5M", "12X"])
def test_max_bytes_bad_value(cli: Callable[..., Result], tmp_path: Path, value: str) -> None:
    path = tmp_path / "in.txt"
    path.write_text(PROSE)
    result = cli(str(path), "--max-bytes", value)
    assert result.code == ExitCode.USAGE
    one_error_line(result.err, r"max_bytes must be a size such as")


def test_dev_zero_is_bounded(cli: Callable[..., Result]) -> None:
    result = cli("/dev/zero", "--max-bytes", "1M")
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"/dev/zero: the input is larger than the limit of 1 MiB")


@pytest.mark.slow
def test_200_megabyte_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    block = (PROSE * 200).encode()
    with open(path, "wb") as handle:
        for _ in range(200 * 1024 * 1024 // len(block) + 1):
            handle.write(block)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "summarize", str(path)],
        capture_output=True,
        env=ENV,
        timeout=60,
    )
    measured = json.loads(done.stdout)
    assert measured["code"] == ExitCode.INPUT
    one_error_line(measured["err"], r"the input is larger than the limit of 32 MiB")
    assert time.monotonic() - started < 20
    assert measured["peak_kib"] < 100 * 1024, measured  # refused without being read


@pytest.mark.slow
def test_200_megabytes_on_stdin_read_only_up_to_the_limit() -> None:
    """Piped input is read up to --max-bytes + 1 and refused; memory stays near the limit."""
    process = subprocess.Popen(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "summarize", "--max-bytes", "8M"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdin is not None
    block = (PROSE * 200).encode()
    sent = 0
    try:
        while sent < 200 * 1024 * 1024:
            process.stdin.write(block)
            sent += len(block)
    except BrokenPipeError:
        pass
    finally:
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
    assert process.stdout is not None
    out = process.stdout.read()
    process.wait(60)
    measured = json.loads(out)
    assert measured["code"] == ExitCode.INPUT
    one_error_line(measured["err"], r"<stdin>: the input is larger than the limit of 8 MiB")
    assert sent < 200 * 1024 * 1024, "the whole stream was consumed"
    # The interpreter and imports take about 40 MB; the input at most twice the limit.
    assert measured["peak_kib"] < 120 * 1024, measured


def _peak_bytes(text: str) -> int:
    """Peak memory the pipeline allocates for ``text`` (Python allocations, via tracemalloc)."""
    import tracemalloc

    from summarize import summarize

    tracemalloc.start()
    try:
        summarize(text, method="lead", sentences=3)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_grows_linearly() -> None:
    """Four times the input takes about four times the memory; quadratic growth would be 16."""
    from summarize import summarize

    summarize(PROSE, method="lead")  # imports and caches outside the measurement
    small = _peak_bytes((PROSE * (256 * 1024 // len(PROSE) + 1))[: 256 * 1024])
    large = _peak_bytes((PROSE * (1024 * 1024 // len(PROSE) + 1))[: 1024 * 1024])
    assert large < 6 * small, (small, large)
    assert large < 100 * 1024 * 1024, large  # and the factor itself is sane: < 100 bytes/byte


# --- Output -------------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk() -> None:
    with open("/dev/full", "wb") as full:
        result = run_process(
            "-m",
            "lead",
            input=PROSE.encode(),
            stdout=full,
        )
    assert result.returncode == ExitCode.OUTPUT
    one_error_line(result.stderr.decode(), r"^summarize: cannot write the output: No space left")


def test_unencodable_output() -> None:
    env = {**ENV, "PYTHONIOENCODING": "ascii"}
    result = run_process("-m", "lead", input="Ça va. Très bien.".encode(), env=env)
    assert result.returncode == ExitCode.OUTPUT
    assert result.stdout == b""
    one_error_line(result.stderr.decode(), r"cannot write the output in the ascii encoding")


@pytest.mark.slow
def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    """``summarize big.txt | head -1``: no BrokenPipeError message, exit 0."""
    path = tmp_path / "big.txt"
    path.write_text(MANY_SENTENCES)
    process = subprocess.Popen(
        [sys.executable, "-m", "summarize", str(path), "-m", "lead", "--ratio", "1", "-f", "plain"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    err = process.stderr.read()
    process.wait(60)
    assert first == b"Sentence 0 talks about the river and the town.\n"
    assert err == b""
    assert process.returncode == ExitCode.OK


def test_broken_pipe_in_a_shell_pipeline(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(MANY_SENTENCES)
    summarize = f"{sys.executable} -m summarize {path} -m lead --ratio 1 -f plain"
    command = f"set -o pipefail; {summarize} | head -1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=ENV, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(b"\n") == 1
    assert result.stderr == b""


# --- Signals ------------------------------------------------------------------------------------


def _restore_sigint() -> None:
    # A child of a non-interactive shell may inherit SIGINT ignored; Ctrl-C must reach it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interruptible_summarize(*python_options: str) -> subprocess.Popen[bytes]:
    """``python [python_options] -m summarize -m lead`` on pipes, with Ctrl-C able to reach it."""
    return subprocess.Popen(
        [sys.executable, *python_options, "-m", "summarize", "-m", "lead"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
        preexec_fn=_restore_sigint,
    )


def _blocked_reading_stdin(pid: int, timeout: float = 30) -> None:
    """Wait until ``pid`` sits in a read() of file descriptor 0 (or, without /proc, a while)."""
    deadline = time.monotonic() + timeout
    syscall = Path(f"/proc/{pid}/syscall")
    while time.monotonic() < deadline:
        try:
            fields = syscall.read_text().split()
        except OSError:
            time.sleep(3)
            return
        # read is syscall 0 on x86-64 and 63 on arm64; its first argument is the descriptor.
        if len(fields) > 1 and fields[0] in ("0", "63") and fields[1] == "0x0":
            return
        time.sleep(0.05)
    raise AssertionError("the child never started reading standard input")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_while_reading(signum: int) -> None:
    process = _interruptible_summarize()
    try:
        _blocked_reading_stdin(process.pid)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == ExitCode.INTERRUPTED
    assert out == b""
    assert err == b"summarize: interrupted\n"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_while_starting_up(signum: int) -> None:
    # -X importtime reports each module as it finishes loading: the signal is sent once Typer
    # is loaded, while the rest of the command is still being imported.
    process = _interruptible_summarize("-X", "importtime")
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if line.rsplit(b"|", 1)[-1].strip() == b"typer":
                break
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    messages = [line for line in err.splitlines() if not line.startswith(b"import time:")]
    assert process.returncode == ExitCode.INTERRUPTED
    assert out == b""
    assert messages == [b"summarize: interrupted"]


# --- Usage errors and the last-resort boundary --------------------------------------------------


def test_unknown_encoding(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(PROSE)
    result = cli(str(path), "--encoding", "klingon")
    assert result.code == ExitCode.USAGE
    one_error_line(result.err, r"unknown encoding 'klingon'")


def test_wrong_encoding(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("Ça va. Très bien.")
    result = cli(str(path), "--encoding", "ascii")
    assert result.code == ExitCode.INPUT
    one_error_line(result.err, r"in\.txt: not valid ascii text \(invalid byte at offset 0\)")


def test_stdin_twice(cli: Callable[..., Result]) -> None:
    result = cli("-", "-", stdin=b"x")
    assert result.code == ExitCode.USAGE
    one_error_line(result.err, r"standard input \('-'\) can be read only once")


def test_bad_option_value(cli: Callable[..., Result]) -> None:
    result = cli("--sentences", "many", "x.txt")
    assert result.code == ExitCode.USAGE
    assert "Traceback" not in result.err
    assert result.err.startswith("summarize: ")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_ratio(cli: Callable[..., Result], value: str) -> None:
    """Found by the property tests: float('nan') once crashed the length check."""
    result = cli("--ratio", value, "-m", "lead", "-", stdin=PROSE.encode())
    assert result.code == ExitCode.USAGE
    one_error_line(result.err, r"ratio must be")


# Found by the fuzzer: sentencex panicked on a capital, a non-ASCII space and a period.
UNICODE_SPACES = "\x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"


@pytest.mark.parametrize("space", list(UNICODE_SPACES), ids=[hex(ord(c)) for c in UNICODE_SPACES])
def test_capital_unicode_space_period(cli: Callable[..., Result], space: str) -> None:
    text = f"Hello Z{space}. World is here. Another one."
    result = cli("-m", "lead", "-f", "plain", stdin=text.encode())
    assert result.code == ExitCode.OK
    assert result.err == ""
    assert "World is here." in result.out


@pytest.mark.parametrize("method", ["luhn", "sumbasic"])
def test_greek_with_a_sumy_method(cli: Callable[..., Result], method: str) -> None:
    """Found by the fuzzer: sumy's Greek stemmer needs a package that is not installed."""
    text = "Αθήνα είναι η πρωτεύουσα της Ελλάδας. Έχει πολλά μουσεία. Σήμερα είναι ζεστή."
    result = cli("-m", method, "-l", "greek", "-f", "plain", stdin=text.encode())
    assert result.code == ExitCode.OK, result.err
    assert result.err == ""


def test_panic_in_an_extension_is_an_internal_error(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyo3 panics derive from BaseException; the boundary still catches them."""

    class PanicException(BaseException):
        pass

    def panic(*args: Any, **kwargs: Any) -> Any:
        raise PanicException("index out of range")

    monkeypatch.setattr("summarize.pipeline.summarize_source", panic)
    result = cli("-", stdin=PROSE.encode())
    assert result.code == ExitCode.INTERNAL
    one_error_line(result.err, r"internal error: PanicException: index out of range \(run with")


@pytest.fixture
def broken_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def explode(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the ranking exploded")

    monkeypatch.setattr("summarize.pipeline.summarize_source", explode)
    yield


@pytest.mark.usefixtures("broken_pipeline")
def test_internal_error_without_debug(cli: Callable[..., Result]) -> None:
    result = cli("-", stdin=PROSE.encode())
    assert result.code == ExitCode.INTERNAL == 70
    one_error_line(
        result.err,
        r"^summarize: internal error: RuntimeError: the ranking exploded "
        r"\(run with --debug for details\)$",
    )


@pytest.mark.usefixtures("broken_pipeline")
def test_internal_error_with_debug(cli: Callable[..., Result]) -> None:
    result = cli("--debug", "-", stdin=PROSE.encode())
    assert result.code == ExitCode.INTERNAL
    assert "Traceback (most recent call last)" in result.err
    assert result.err.rstrip().endswith("RuntimeError: the ranking exploded")


@pytest.mark.usefixtures("broken_pipeline")
def test_internal_error_with_debug_environment(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_DEBUG", "1")
    result = cli("-", stdin=PROSE.encode())
    assert result.code == ExitCode.INTERNAL
    assert "Traceback (most recent call last)" in result.err


def test_input_error_traceback_only_with_debug(cli: Callable[..., Result], tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    plain = cli(missing)
    assert "Traceback" not in plain.err
    debug = cli("--debug", missing)
    assert debug.code == plain.code == ExitCode.INPUT
    assert "Traceback (most recent call last)" in debug.err
    assert debug.err.rstrip().endswith("missing.txt: no such file")


def test_out_of_memory(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    def exhaust(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr("summarize.pipeline.summarize_source", exhaust)
    result = cli("-", stdin=PROSE.encode())
    assert result.code == ExitCode.INTERNAL
    one_error_line(result.err, r"out of memory; try a smaller input or a lower --max-bytes")


def test_internal_error_in_a_real_process(tmp_path: Path) -> None:
    """The console script shows no traceback for a bug, only the one line."""
    plugin = tmp_path / "sitecustomize.py"
    plugin.write_text(
        "import summarize.pipeline as p\n"
        "def _boom(*a, **k):\n"
        "    raise ZeroDivisionError('division by zero')\n"
        "p.summarize_source = _boom\n"
    )
    env = {**ENV, "PYTHONPATH": str(tmp_path)}
    result = run_process("-m", "lead", input=PROSE.encode(), env=env)
    assert result.returncode == ExitCode.INTERNAL
    one_error_line(result.stderr.decode(), r"internal error: ZeroDivisionError: division by zero")


def test_library_warnings_are_not_shown(cli: Callable[..., Result]) -> None:
    """numpy's 'invalid value' warnings (LexRank on a text with no words) are not for users."""
    result = cli("-m", "lexrank", "-f", "plain", stdin="😀😀 🎉🎉🎉. 👍👍 🚀.".encode())
    assert result.code == ExitCode.OK
    assert result.err == ""


# --- Determinism --------------------------------------------------------------------------------


METHODS = ["lead", "random", "textrank", "lexrank", "lsa", "luhn", "sumbasic", "kl", "reduction"]
EVERY_METHOD = """
import json, sys
from summarize import summarize
text = sys.stdin.read()
print(json.dumps({m: summarize(text, method=m, sentences=4).to_dict() for m in sys.argv[1:]}))
"""


@pytest.mark.slow
def test_every_method_gives_the_same_output_across_runs() -> None:
    """Same input and options, same output, even with different string hash seeds."""
    text = (PROSE + "\n") * 2 + PROSE.replace("river", "lake")
    outputs = []
    for seed in ("1", "12345"):
        done = subprocess.run(
            [sys.executable, "-c", EVERY_METHOD, *METHODS],
            input=text.encode(),
            capture_output=True,
            env={**ENV, "PYTHONHASHSEED": seed},
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout))
    for method in METHODS:
        assert outputs[0][method] == outputs[1][method], method


def test_the_command_gives_the_same_output_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text(PROSE)
    results = [
        run_process(str(path), "-f", "json", env={**ENV, "PYTHONHASHSEED": seed}).stdout
        for seed in ("3", "4")
    ]
    assert results[0] == results[1] != b""


@pytest.mark.parametrize("method", ["position-centroid", "textrank", "lsa", "luhn"])
def test_the_command_gives_the_same_output_across_jobs(method: str) -> None:
    samples = sorted(str(path) for path in SAMPLES.glob("*.txt"))
    assert len(samples) >= 3
    outputs = [
        run_process(*samples, "-m", method, "-n", "2", "-f", "json", "-j", jobs)
        for jobs in ("1", "2", "0")
    ]
    assert [done.returncode for done in outputs] == [0, 0, 0], outputs[1].stderr
    assert outputs[0].stdout == outputs[1].stdout == outputs[2].stdout
    assert [item["source"] for item in json.loads(outputs[1].stdout)] == samples


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["MISSING"], ExitCode.INPUT, r"missing\.txt: no such file"),
        (["-m", "nosuch"], ExitCode.USAGE, r"unknown method 'nosuch'"),
        (["-j", "-1"], ExitCode.USAGE, r"jobs must be 0 \(every CPU\) or more, not -1"),
    ],
)
def test_errors_with_workers_are_one_line(
    tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    missing = str(tmp_path / "missing.txt")
    files = [str(NEWS_SAMPLE), missing if "MISSING" in args else str(NEWS_SAMPLE)]
    options = [a for a in args if a != "MISSING"]
    workers = [] if "-j" in options else ["-j", "2"]
    done = run_process(*files, *options, *workers)
    assert done.returncode == code
    if "MISSING" in args:  # the good file is still summarised
        assert done.stdout.decode().startswith(f"==> {NEWS_SAMPLE} <==\n")
    else:
        assert done.stdout == b""
    one_error_line(done.stderr.decode(), message)
