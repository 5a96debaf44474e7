"""Atomic output: a file is replaced whole or not at all; pipes and devices are written to."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from summarize.errors import ExitCode, OutputError
from summarize.output.atomic import write_output

ROOT = Path(__file__).resolve().parent.parent


def test_a_new_file_is_written_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "digest.md"
    write_output(str(target), "# Digest\n")
    assert target.read_text() == "# Digest\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.md"]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_an_existing_file_is_replaced_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "digest.html"
    target.write_text("old")
    target.chmod(0o640)
    write_output(str(target), b"new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_link_to_a_file_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_output(str(link), "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_a_failed_write_leaves_the_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "digest.md"
    target.write_text("yesterday's digest")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError) as raised:
        write_output(str(target), "today's digest")
    assert str(raised.value) == f"{target}: cannot write: no space left on the device"
    assert raised.value.exit_code == ExitCode.OUTPUT
    assert target.read_text() == "yesterday's digest"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digest.md"]


def test_a_missing_folder_and_a_folder_target_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"the folder .*missing does not exist"):
        write_output(str(tmp_path / "missing" / "digest.md"), "x")
    with pytest.raises(OutputError, match="is a folder"):
        write_output(str(tmp_path), "x")
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match="not a folder"):
        write_output(str(tmp_path / "file" / "digest.md"), "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_a_folder_without_write_permission_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            write_output(str(folder / "digest.md"), "x")
    finally:
        folder.chmod(0o700)


def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read() -> None:
        with open(pipe, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    write_output(str(pipe), "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


_WRITE = (
    "import sys\n"
    "from summarize.output.atomic import write_output\n"
    "from summarize.errors import OutputError\n"
    "try:\n"
    "    write_output(sys.argv[1], 'digest ' * 5000)\n"
    "except OutputError as error:\n"
    "    print(f'summarize: {error}', file=sys.stderr)\n"
    "    sys.exit(error.exit_code)\n"
)


def _run(target: str, stdout: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _WRITE, target],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )


@pytest.mark.slow
def test_standard_output_redirected_to_a_file_is_written_through(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    with open(out, "w") as stream:
        result = _run("/dev/stdout", stream)
    assert result.returncode == 0, result.stderr
    assert out.read_text() == "digest " * 5000


@pytest.mark.slow
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_through_standard_output_is_exit_3() -> None:
    with open("/dev/full", "w") as full:
        result = _run("/dev/stdout", full)
    assert result.returncode == ExitCode.OUTPUT
    assert result.stderr == "summarize: /dev/stdout: cannot write: no space left on the device\n"
    with open("/dev/full", "w") as full:
        result = _run("-", full)
    assert result.returncode == ExitCode.OUTPUT
