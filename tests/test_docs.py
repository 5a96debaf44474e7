"""Every option of every command is documented in ``--help`` and in the README."""

from __future__ import annotations

import re

import pytest
import typer

from summarize.cli import SUBCOMMANDS, app

from .conftest import ROOT, Runner

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _options(target: typer.Typer) -> list[str]:
    command = typer.main.get_command(target)
    names = []
    for param in command.params:
        names += [o for o in param.opts if o.startswith("--")]
    return names


def test_readme_starts_with_the_two_setup_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = block.group(1).strip().splitlines()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && summarize samples/")
    assert commands[1] == "pip install -e '.[test]' && python -m pytest"
    sample = commands[0].split("summarize ", 1)[1].split()[0]
    assert (ROOT / sample).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && python -m pytest" in ci


@pytest.mark.parametrize("option", _options(app))
def test_main_options_are_in_help_and_readme(run: Runner, option: str) -> None:
    assert option in run("--help").stdout
    assert f"`{option}" in README or f"{option} " in README


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_subcommands_are_documented(run: Runner, name: str) -> None:
    assert f"summarize {name}" in README
    target = SUBCOMMANDS[name][0]
    help_text = run(name, "--help").stdout
    for option in _options(target):
        assert option in help_text
        assert option in README, f"{name} {option} is not in the README"
