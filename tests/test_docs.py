"""Every option of every command is documented in ``--help`` and in the README."""

from __future__ import annotations

import re

import click
import pytest
import typer

from summarize.cli import COMMANDS, DEFAULT_COMMAND, app

from .conftest import ROOT, Runner

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command(name: str) -> click.Command:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    command = group.get_command(click.Context(group), name)
    assert command is not None
    return command


def _options(name: str) -> list[str]:
    names = []
    for param in _command(name).params:
        names += [o for o in param.opts if o.startswith("--")]
    return names


SUBCOMMANDS = sorted(name for name in COMMANDS if name != DEFAULT_COMMAND)


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


@pytest.mark.parametrize("option", _options(DEFAULT_COMMAND))
def test_main_options_are_in_help_and_readme(run: Runner, option: str) -> None:
    assert option in run("--help").stdout
    assert f"`{option}" in README or f"{option} " in README


def test_main_help_shows_examples_and_the_other_commands(run: Runner) -> None:
    help_text = run("--help").stdout
    assert "Examples:" in help_text
    for name in SUBCOMMANDS:
        assert name in help_text


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_subcommands_are_documented(run: Runner, name: str) -> None:
    assert f"summarize {name}" in README
    result = run(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Examples:" in result.stdout
    for option in _options(name):
        assert option in result.stdout
        assert option in README, f"{name} {option} is not in the README"
