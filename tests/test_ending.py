"""The command ends without freeing its objects, and loses nothing by it: real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from summarize import summarize
from summarize.pipeline import _LAST_DOCUMENT, keep_last_document
from summarize.text.segment import segment

from .conftest import NEWS_SAMPLE


def _big_text(tmp_path: Path) -> Path:
    """Long enough for every kind of work the command does: two processes for its sentences
    (500,000 characters or more), and thousands of distinct sentences through the pipe."""
    rivers = ["river", "canal", "stream", "brook", "harbour", "lake", "delta"]
    lines = [
        f"Report {i} says the {rivers[i % 7]} rose {i % 13 + 1} feet near bridge {i * 7}."
        + ("\n\n" if i % 5 == 4 else " ")
        for i in range(9_000)
    ]
    path = tmp_path / "big.txt"
    path.write_text("".join(lines), "utf-8")
    assert path.stat().st_size > 500_000
    return path


def _run(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command (or ``code``) in a process whose output to the pipe is buffered, as it is
    by default: what is not flushed before the end is lost."""
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "summarize"]
    env = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=120, env=env)


def test_every_sentence_of_a_long_output_reaches_the_pipe(tmp_path: Path) -> None:
    big = _big_text(tmp_path)
    result = _run(str(big), "--ratio", "1", "-f", "json", "-l", "english")
    assert result.returncode == 0, result.stderr
    printed = [s["text"] for s in json.loads(result.stdout)["sentences"]]
    expected = summarize(big.read_text("utf-8"), ratio=1.0, language="english")
    assert printed == [s.text for s in expected.sentences]
    assert len(printed) > 5_000


def test_the_exit_handlers_still_run(tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ran'))\n"
        f"sys.argv = ['summarize', {str(NEWS_SAMPLE)!r}, '-n', '2']\n"
        "from summarize.launcher import main\n"
        "main()\n"
    )
    result = _run(code=code)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert marker.read_text() == "ran"


def test_a_failed_input_among_others_keeps_its_exit_code(tmp_path: Path) -> None:
    result = _run(str(NEWS_SAMPLE), str(tmp_path / "missing.txt"), "-f", "json")
    assert result.returncode == 1
    assert "missing.txt" in result.stderr
    assert [summary["source"] for summary in json.loads(result.stdout)] == [str(NEWS_SAMPLE)]


def test_another_thread_still_running_gets_a_normal_exit(tmp_path: Path) -> None:
    marker = tmp_path / "thread-finished"
    code = (
        "import threading, time\n"
        "from summarize.cli.ending import end_process\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        f"    open({str(marker)!r}, 'w').write('done')\n"
        "threading.Thread(target=late).start()\n"
        "end_process(3, free_objects=False)\n"
    )
    result = _run(code=code)
    assert result.returncode == 3, result.stderr
    assert marker.read_text() == "done"  # the exit waited for the thread


def test_the_ending_leaves_at_once_with_its_code() -> None:
    code = (
        "import sys\n"
        "from summarize.cli.ending import end_process\n"
        "sys.stdout.write('buffered, not yet flushed')\n"
        "end_process(4, free_objects=False)\n"
        "print('never reached')\n"
    )
    result = _run(code=code)
    assert result.returncode == 4, result.stderr
    assert result.stdout == "buffered, not yet flushed"


def test_the_kept_document_is_freed_when_the_next_is_made() -> None:
    try:
        keep_last_document()
        first = summarize("One short text here. It has two sentences.", sentences=1)
        assert len(_LAST_DOCUMENT) == 1
        kept = _LAST_DOCUMENT[0]
        summarize("Another text. With its own sentences. Three of them.", sentences=1)
        assert len(_LAST_DOCUMENT) == 1
        assert _LAST_DOCUMENT[0] is not kept
        assert _LAST_DOCUMENT[0] == segment("Another text. With its own sentences. Three of them.")
        assert first.sentences
    finally:
        keep_last_document(False)
    assert _LAST_DOCUMENT == []
