"""Third-party backends through the ``summarize.backends`` entry-point group."""

from __future__ import annotations

import sys
import textwrap
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize import summarize
from summarize.backends.registry import (
    DISABLE_PLUGINS_ENV,
    PluginWarning,
    available_backends,
    get_backend,
)
from summarize.errors import UnknownMethodError

from .conftest import Runner

PLUGIN_MODULE = '''
class LastBackend:
    """Ranks the last sentence first: easy to recognise in a test."""

    name = "last"
    description = "The closing sentences of the text (test plugin)."

    def rank(self, document):
        return [float(s.index) for s in document.sentences]
'''

ENTRY_POINTS = """
[summarize.backends]
last = summarize_test_plugin:LastBackend
broken = summarize_test_plugin_missing:Nothing
lead = summarize_test_plugin:LastBackend
"""

TEXT = "First sentence is here. Second sentence is here. Third sentence is here."


@pytest.fixture
def plugin_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A distribution with three backends on sys.path: one good, one broken, one clashing."""
    (tmp_path / "summarize_test_plugin.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    dist_info = tmp_path / "summarize_test_plugin-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: summarize-test-plugin\nVersion: 1.0\n"
    )
    (dist_info / "entry_points.txt").write_text(ENTRY_POINTS)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(DISABLE_PLUGINS_ENV, raising=False)
    yield tmp_path
    sys.modules.pop("summarize_test_plugin", None)


def test_plugin_is_listed_and_usable(plugin_installed: Path) -> None:
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        names = {info.name: info for info in available_backends()}
    assert names["last"].origin == "summarize-test-plugin"
    assert names["last"].description == "The closing sentences of the text (test plugin)."
    result = summarize(TEXT, sentences=1, method="last")
    assert [s.text for s in result] == ["Third sentence is here."]


def test_broken_plugin_is_a_warning_not_a_crash(plugin_installed: Path) -> None:
    with pytest.warns(PluginWarning, match=r"plugin backend 'broken' .* failed to load"):
        names = [info.name for info in available_backends()]
    assert "broken" not in names
    with (
        pytest.raises(UnknownMethodError, match="plugin that failed to load"),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        get_backend("broken")


def test_plugin_cannot_take_a_builtin_name(plugin_installed: Path) -> None:
    with pytest.warns(PluginWarning, match="'lead' .* ignored: the name belongs to a built-in"):
        listed = [info for info in available_backends() if info.name == "lead"]
    assert [info.origin for info in listed] == ["built-in"]
    assert type(get_backend("lead")).__name__ == "LeadBackend"


def test_cli_lists_and_runs_plugin_and_warns_on_stderr(plugin_installed: Path, run: Runner) -> None:
    listing = run("methods")
    assert listing.exit_code == 0
    assert "last" in listing.stdout.split()
    assert "summarize: warning: plugin backend 'broken'" in listing.stderr
    result = run("-m", "last", "-n", "1", input=TEXT)
    assert result.exit_code == 0
    assert result.stdout == "Third sentence is here.\n"


def test_plugins_are_off_when_disabled(
    plugin_installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DISABLE_PLUGINS_ENV, "1")
    assert "last" not in {info.name for info in available_backends()}
