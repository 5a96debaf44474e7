"""What only a real process shows: offline operation, pipes, ``python -m summarize``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import segment
from summarize.backends.registry import BUILTINS, DISABLE_PLUGINS_ENV

from .conftest import NEWS_SAMPLE, SAMPLES

NEWS_SENTENCES = [s.text for s in segment(NEWS_SAMPLE.read_text(encoding="utf-8")).sentences]

# Loaded into the child process before anything else: every attempt to reach the network fails
# loudly and is recorded, so the test can tell "no download was tried" from "a download failed".
NO_NETWORK = """
import socket, os

def _refuse(*args, **kwargs):
    with open(os.environ["NETWORK_LOG"], "a") as log:
        log.write(repr(args) + "\\n")
    raise OSError("network disabled by the offline test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""

NLTK_SYSTEM_DIRS = [
    "/usr/share/nltk_data",
    "/usr/local/share/nltk_data",
    "/usr/lib/nltk_data",
    "/usr/local/lib/nltk_data",
    os.path.join(sys.prefix, "nltk_data"),
    os.path.join(sys.prefix, "share", "nltk_data"),
    os.path.join(sys.prefix, "lib", "nltk_data"),
]


def _command() -> list[str]:
    return [sys.executable, "-m", "summarize"]


def _offline_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(site),
        NLTK_DATA=str(empty),
        HOME=str(home),
        NETWORK_LOG=str(tmp_path / "network.log"),
        **{DISABLE_PLUGINS_ENV: "1"},
    )
    return env


@pytest.fixture
def offline_env(tmp_path: Path) -> dict[str, str]:
    found = [d for d in NLTK_SYSTEM_DIRS if os.path.isdir(os.path.join(d, "tokenizers"))]
    if found:
        pytest.skip(f"NLTK tokenizer data is installed system-wide in {found[0]}")
    return _offline_env(tmp_path)


def _in_network_namespace(command: list[str]) -> list[str]:
    """Also cut the network at the kernel level when this machine allows it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n", *command]
    return command


@pytest.mark.parametrize("method", sorted(BUILTINS))
def test_every_method_works_offline_with_no_nltk_data(
    offline_env: dict[str, str], method: str, tmp_path: Path
) -> None:
    command = _in_network_namespace([*_command(), str(NEWS_SAMPLE), "-m", method, "-n", "3"])
    result = subprocess.run(command, env=offline_env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 3
    assert result.stderr == ""
    assert not (tmp_path / "network.log").exists(), "the network was used"


def test_piped_output_is_exactly_the_sentences() -> None:
    result = subprocess.run(
        [*_command(), str(NEWS_SAMPLE), "-n", "4"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0
    out = result.stdout.splitlines()
    assert len(out) == 4
    assert all(line in NEWS_SENTENCES for line in out)
    assert result.stdout.endswith("\n") and "\x1b" not in result.stdout


def test_stdin_pipeline_and_console_script() -> None:
    script = shutil.which("summarize", path=os.path.dirname(sys.executable))
    command = [script] if script else _command()
    text = NEWS_SAMPLE.read_text(encoding="utf-8")
    result = subprocess.run(
        [*command, "-n", "2", "-m", "lead"], input=text, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.splitlines() == NEWS_SENTENCES[:2]


def test_json_from_a_process_parses() -> None:
    result = subprocess.run(
        [*_command(), str(SAMPLES / "essay_slow_reading.txt"), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    data = json.loads(result.stdout)
    assert data["sentence_count"] > 3 and len(data["sentences"]) == 3


def test_usage_error_from_a_process_has_no_traceback() -> None:
    result = subprocess.run(
        [*_command(), str(NEWS_SAMPLE), "-n", "0"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == ("summarize: sentences must be a whole number of at least 1, not 0\n")


def test_the_offline_harness_catches_a_download(
    offline_env: dict[str, str], tmp_path: Path
) -> None:
    """The guard above is real: a child that tries the network is stopped and recorded."""
    probe = (
        "import urllib.request as u\n"
        "try:\n    u.urlopen('http://example.org', timeout=5)\nexcept OSError:\n    pass\n"
    )
    subprocess.run([sys.executable, "-c", probe], env=offline_env, timeout=60, check=True)
    assert (tmp_path / "network.log").read_text()
