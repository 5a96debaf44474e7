"""Shared fixtures: an in-process CLI runner and paths to the samples and the shared data."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from summarize.backends.registry import DISABLE_PLUGINS_ENV
from summarize.launcher import one_blas_thread

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED_DATA = ROOT.parent / "shared" / "data"
NEWS_SAMPLE = SAMPLES / "news_river_bridge.txt"


# Tests, and the processes they start, never see the user's config file or SUMMARIZE_* settings.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="summarize-tests-config-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="summarize-tests-state-")
for _name in [n for n in os.environ if n.startswith("SUMMARIZE_")]:
    del os.environ[_name]
# As in the command: one BLAS thread, so this process has no thread but its own and can fork
# (tests/test_two_cores.py).
one_blas_thread()


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see installed plugins or the user's debug setting."""
    monkeypatch.setenv(DISABLE_PLUGINS_ENV, "1")
    monkeypatch.delenv("SUMMARIZE_DEBUG", raising=False)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


class _FakeStdin(io.TextIOWrapper):
    def __init__(self, data: bytes, tty: bool) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


Runner = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run the CLI in-process; ``input`` is piped to stdin (None means an interactive terminal)."""
    from summarize.cli import run_cli

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        capsys.readouterr()
        data = input.encode("utf-8") if isinstance(input, str) else input
        monkeypatch.setattr(sys, "stdin", _FakeStdin(data or b"", tty=input is None))
        code = run_cli(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def shared_data(name: str) -> Path:
    """A file of the shared data set, or skip the test with the reason."""
    path = SHARED_DATA / name
    if not path.exists():
        pytest.skip(f"shared data file {path} is not present")
    return path


@pytest.fixture(autouse=True)
def _no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests fetch from 127.0.0.1 directly, whatever proxy the developer's shell names."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
