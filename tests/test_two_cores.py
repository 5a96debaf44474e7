"""The cases of ``two_cores_cases.py``, each in a pytest process of its own.

A process forks a child for half of a big document only while it has no other thread, and
earlier tests in this process leave some running (Dask's client keeps two).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from . import two_cores_cases
from .conftest import ROOT

CASES = sorted(name for name in vars(two_cores_cases) if name.startswith("test_"))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_in_a_fresh_process(case: str) -> None:
    node = f"tests/two_cores_cases.py::{case}"
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", node]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    report = run.stdout + run.stderr
    if run.returncode == 0 and " skipped" in report and " passed" not in report:
        pytest.skip(report.strip().splitlines()[-2])
    assert run.returncode == 0, report
    assert " passed" in report, report
