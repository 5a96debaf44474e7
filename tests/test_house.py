"""Many inputs, streaming output, settings that stick, completion: as a user meets them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from summarize import summarize
from summarize.errors import UsageError

from .conftest import NEWS_SAMPLE, SAMPLES, Runner

ESSAY = SAMPLES / "essay_slow_reading.txt"
ENV = {**os.environ, "SUMMARIZE_NO_PLUGINS": "1", "PYTHONIOENCODING": "utf-8"}


def _process(
    *args: str, env: dict[str, str] | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "summarize", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env or ENV,
        **kwargs,
    )


# --- One bad input never costs the others ------------------------------------------------------


@pytest.mark.parametrize("extra", [[], ["-j", "2"], ["-f", "jsonl"], ["-j", "2", "-f", "jsonl"]])
def test_a_missing_file_between_two_good_ones(tmp_path: Path, extra: list[str]) -> None:
    missing = tmp_path / "missing.txt"
    done = _process(str(NEWS_SAMPLE), str(missing), str(ESSAY), "-n", "2", *extra)
    assert done.returncode == 1
    assert done.stderr == f"summarize: {missing}: no such file\n"
    if "jsonl" in extra:
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert [line["source"] for line in lines] == [str(NEWS_SAMPLE), str(ESSAY)]
        assert all(len(line["sentences"]) == 2 for line in lines)
    else:
        assert done.stdout.startswith(f"==> {NEWS_SAMPLE} <==\n")
        assert f"\n==> {ESSAY} <==\n" in done.stdout
        assert str(missing) not in done.stdout


def test_the_output_does_not_depend_on_jobs(tmp_path: Path) -> None:
    inputs = [str(p) for p in sorted(SAMPLES.glob("*.txt"))] * 3
    one = _process(*inputs, "-f", "json", "-j", "1")
    two = _process(*inputs, "-f", "json", "-j", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert [s["source"] for s in json.loads(one.stdout)] == inputs


def test_exit_code_is_that_of_the_first_failure(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    done = _process(str(NEWS_SAMPLE), str(empty), "-m", "lead")
    assert done.returncode == 1
    assert done.stderr == f"summarize: {empty}: the input is empty\n"


def test_a_json_array_of_several_inputs_stays_valid_when_one_fails(tmp_path: Path) -> None:
    done = _process(str(NEWS_SAMPLE), str(tmp_path / "nope.txt"), str(ESSAY), "-f", "json")
    assert done.returncode == 1
    assert [s["source"] for s in json.loads(done.stdout)] == [str(NEWS_SAMPLE), str(ESSAY)]


def test_several_inputs_that_all_fail_give_an_empty_json_array(tmp_path: Path) -> None:
    done = _process(str(tmp_path / "a"), str(tmp_path / "b"), "-f", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout) == []
    assert len(done.stderr.splitlines()) == 2


# --- Streaming ----------------------------------------------------------------------------------


def test_the_first_line_is_out_while_a_later_input_is_still_being_read(tmp_path: Path) -> None:
    fifo = tmp_path / "slow_input"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "summarize", str(NEWS_SAMPLE), str(fifo), "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(process.stdout.readline()))  # type: ignore[union-attr]
        reader.start()
        reader.join(timeout=60)
        assert first and json.loads(first[0])["source"] == str(NEWS_SAMPLE)
        assert process.poll() is None  # still waiting for the pipe
        with open(fifo, "w") as writer:  # now the slow input arrives
            writer.write(ESSAY.read_text())
        rest, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
    assert process.returncode == 0, errors
    assert json.loads(rest.splitlines()[0])["source"] == str(fifo)


# --- Settings that stick ------------------------------------------------------------------------


def _write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_flag_beats_a_variable_beats_the_file_beats_the_default(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _write_config(tmp_path, 'method = "lead"\nsentences = 1\nformat = "json"\n')
    monkeypatch.setenv("SUMMARIZE_CONFIG", str(config))
    from_file = json.loads(run(str(NEWS_SAMPLE)).stdout)
    assert (from_file["method"], len(from_file["sentences"])) == ("lead", 1)
    monkeypatch.setenv("SUMMARIZE_METHOD", "textrank")
    monkeypatch.setenv("SUMMARIZE_SENTENCES", "2")
    from_env = json.loads(run(str(NEWS_SAMPLE)).stdout)
    assert (from_env["method"], len(from_env["sentences"])) == ("textrank", 2)
    from_flag = json.loads(run(str(NEWS_SAMPLE), "-m", "lexrank", "--ratio", "0.5").stdout)
    assert from_flag["method"] == "lexrank"
    assert len(from_flag["sentences"]) == round(from_flag["sentence_count"] * 0.5)
    ignored = run(str(NEWS_SAMPLE), "--no-config", "-f", "plain")
    assert ignored.exit_code == 0
    assert len(ignored.stdout.splitlines()) == 2  # SUMMARIZE_SENTENCES still applies


def test_the_default_config_file_lives_in_the_user_config_directory(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "summarize").mkdir()
    (tmp_path / "summarize" / "config.toml").write_text('method = "lead"\n')
    result = run(str(NEWS_SAMPLE), "-f", "json")
    assert json.loads(result.stdout)["method"] == "lead"
    shown = run("config")
    assert f"config file: {tmp_path / 'summarize' / 'config.toml'}" in shown.stdout


def test_config_command_says_where_each_value_comes_from(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _write_config(tmp_path, 'method = "lead"\n\n[digest]\nlimit = 3\n')
    monkeypatch.setenv("SUMMARIZE_LANGUAGE", "german")
    result = run("config", "--config", str(config))
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line.split(maxsplit=2)[1:] for line in result.stdout.splitlines()[1:]}
    assert rows["method"] == ["lead", f"config {config}"]
    assert rows["language"] == ["german", "SUMMARIZE_LANGUAGE"]
    assert rows["order"] == ["document", "default"]
    assert result.stdout.splitlines()[0] == f"config file: {config}"
    data = json.loads(run("config", "--config", str(config), "-f", "json").stdout)
    by_key = {s["key"]: s for s in data["settings"]}
    assert by_key["method"]["origin"] == f"config {config}"
    assert by_key["sentences"]["env"] == "SUMMARIZE_SENTENCES"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("method = ", "not valid TOML"),
        ("mehtod = 'lead'", "unknown setting 'mehtod' (did you mean 'method'?)"),
        ("sentences = 'five'", "'sentences' must be a whole number, not 'five'"),
        ("recursive = 3", "'recursive' must be true or false, not 3"),
        ("digest = 3", "[digest] must be a table"),
    ],
)
def test_a_bad_config_file_is_one_error_naming_file_key_and_problem(
    run: Runner, tmp_path: Path, content: str, message: str
) -> None:
    config = _write_config(tmp_path, content + "\n")
    result = run(str(NEWS_SAMPLE), "--config", str(config))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"summarize: config {config}: ")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_an_unreadable_or_missing_config_file(run: Runner, tmp_path: Path) -> None:
    missing = tmp_path / "none.toml"
    result = run(str(NEWS_SAMPLE), "--config", str(missing))
    assert (result.exit_code, result.stderr) == (2, f"summarize: config {missing}: no such file\n")
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    result = run(str(NEWS_SAMPLE), "--config", str(folder))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"summarize: config {folder}: cannot read")


def test_a_bad_environment_value_names_the_variable(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_JOBS", "many")
    result = run(str(NEWS_SAMPLE))
    assert result.exit_code == 2
    assert result.stderr == "summarize: SUMMARIZE_JOBS: 'jobs' must be a whole number, not 'many'\n"


def test_a_bad_value_from_the_file_reads_right_without_flags(run: Runner, tmp_path: Path) -> None:
    config = _write_config(tmp_path, "sentences = 0\n")
    result = run(str(NEWS_SAMPLE), "--config", str(config))
    assert result.exit_code == 2
    assert result.stderr == "summarize: sentences must be a whole number of at least 1, not 0\n"


def test_library_errors_name_the_setting_not_a_flag() -> None:
    with pytest.raises(UsageError, match=r"^sentences must be a whole number of at least 1"):
        summarize("One sentence here. Another one there.", sentences=0)
    with pytest.raises(UsageError, match=r"^sentences and ratio cannot be used together"):
        summarize("One sentence here. Another one there.", sentences=1, ratio=0.5)


# --- Commands, help and completion ---------------------------------------------------------------


def test_a_file_named_like_a_command_is_given_with_a_path(run: Runner, tmp_path: Path) -> None:
    named = tmp_path / "methods"
    named.write_text(NEWS_SAMPLE.read_text())
    os.chdir(tmp_path)
    result = run("./methods", "-n", "1")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1


@pytest.mark.parametrize("name", ["methods", "eval", "config"])
def test_every_command_has_examples_in_its_help(run: Runner, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert result.stdout.startswith(f"Usage: summarize {name} ")


def test_the_default_command_usage_names_the_program_once(run: Runner) -> None:
    assert run("--help").stdout.startswith("Usage: summarize [OPTIONS] [FILES]...")


def test_eval_that_cannot_write_its_output_exits_3(tmp_path: Path) -> None:
    dataset = tmp_path / "données.jsonl"
    dataset.write_text(json.dumps({"text": ESSAY.read_text(), "summary": "Slow."}) + "\n")
    done = _process("eval", str(dataset), "-f", "plain", env={**ENV, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 3
    assert done.stderr.startswith("summarize: cannot write the output in the ascii encoding")


@pytest.mark.parametrize(
    ("shell", "variables", "expected"),
    [
        ("bash", {"COMP_WORDS": "summarize me", "COMP_CWORD": "1"}, "methods"),
        ("bash", {"COMP_WORDS": "summarize --met", "COMP_CWORD": "1"}, "--method"),
        ("zsh", {"_TYPER_COMPLETE_ARGS": "summarize con"}, '"config"'),
        (
            "fish",
            {"_TYPER_COMPLETE_ARGS": "summarize ev", "_TYPER_COMPLETE_FISH_ACTION": "get-args"},
            "eval",
        ),
    ],
)
def test_shell_completion(shell: str, variables: dict[str, str], expected: str) -> None:
    env = {**ENV, "_SUMMARIZE_COMPLETE": f"complete_{shell}", **variables}
    done = subprocess.run(
        [sys.executable, "-c", "from summarize.cli import main; main()"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_of_each_shell(shell: str) -> None:
    env = {**ENV, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = _process("--show-completion", shell, env=env)
    assert done.returncode == 0, done.stderr
    assert "_SUMMARIZE_COMPLETE" in done.stdout
    assert f"complete_{shell}" in done.stdout


# --- Progress -----------------------------------------------------------------------------------


def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    inputs = [str(ESSAY)] * 8
    done = _process(*inputs, "-m", "lead")
    assert done.returncode == 0
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("inputs", "outputs"),
    [([str(ESSAY)] * 8, 8), ([str(SAMPLES)], len([p for p in SAMPLES.iterdir() if p.is_file()]))],
    ids=["eight files", "one folder"],
)
def test_a_progress_bar_on_a_terminal_for_many_inputs(inputs: list[str], outputs: int) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "summarize", *inputs, "-m", "lead", "-f", "jsonl"],
            stdout=subprocess.PIPE,
            stderr=terminal,
            timeout=120,
            env={**ENV, "TERM": "xterm"},
        )
        os.close(terminal)
        terminal = -1
        seen = b""
        while time.monotonic() - started < 60:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == outputs  # the data is untouched by the bar
    assert b"summarizing" in seen
