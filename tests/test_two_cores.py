"""The cases of ``two_cores_cases.py``, each in a pytest process of its own.

A process forks a child for half of a big document only while it has no other thread, and
earlier tests in this process leave some running (Dask's client keeps two).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarize import summarize
from summarize.text.two_cores import TWO_CORES_FROM

from . import two_cores_cases
from .conftest import ROOT, SAMPLES

CASES = sorted(name for name in vars(two_cores_cases) if name.startswith("test_"))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_in_a_fresh_process(case: str) -> None:
    node = f"tests/two_cores_cases.py::{case}"
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", node]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    report = run.stdout + run.stderr
    if run.returncode == 0 and " skipped" in report and " passed" not in report:
        reasons = [line for line in report.splitlines() if line.startswith("SKIPPED")]
        pytest.skip(reasons[0].split(": ", 1)[1] if reasons else report.strip())
    assert run.returncode == 0, report
    assert " passed" in report, report


def _big_text(path: Path, copies_of_threshold: int = 4) -> Path:
    """The samples many times over: a text the command segments on two cores."""
    texts = [sample.read_text(encoding="utf-8") for sample in sorted(SAMPLES.glob("*.txt"))]
    joined = "\n\n".join(texts)
    copies = TWO_CORES_FROM * copies_of_threshold // len(joined) + 1
    path.write_text("\n\n".join([joined] * copies), encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_command_on_two_cores_prints_what_one_process_computes(tmp_path: Path) -> None:
    big = _big_text(tmp_path / "big.txt")
    command = [sys.executable, "-m", "summarize", str(big), "-f", "json", "--ratio", "0.01"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    expected = summarize(big.read_text(encoding="utf-8"), ratio=0.01, source=str(big))
    printed = json.loads(run.stdout)
    assert printed["sentence_count"] == expected.sentence_count > 1_000
    assert [s["text"] for s in printed["sentences"]] == [s.text for s in expected.sentences]
    assert [(s["start"], s["end"]) for s in printed["sentences"]] == [
        (s.start, s.end) for s in expected.sentences
    ]


def _group_members(group: int) -> list[int]:
    """The processes of a process group, read from /proc."""
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group:  # state, parent, group
            members.append(int(entry))
    return members


@pytest.mark.slow
def test_sigterm_while_a_big_text_is_read_ends_both_processes_quietly(tmp_path: Path) -> None:
    big = _big_text(tmp_path / "big.txt", copies_of_threshold=20)
    process = subprocess.Popen(
        [sys.executable, "-m", "summarize", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60  # until the child is forked
        while len(_group_members(process.pid)) < 2 and process.poll() is None:
            assert time.monotonic() < deadline, "no child was forked"
            time.sleep(0.01)
        assert process.poll() is None, "the command ended without forking a child"
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130
    assert err.strip().splitlines() == ["summarize: interrupted"]
    assert out == ""
    deadline = time.monotonic() + 10  # the child is killed and collected as the parent exits
    while _group_members(process.pid):
        assert time.monotonic() < deadline, "a process of the command's group outlived it"
        time.sleep(0.05)
