"""The summarize command in-process: options, methods, formats, errors and exit codes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from summarize import __version__, segment
from summarize.backends.registry import BUILTINS
from summarize.pipeline import DEFAULT_METHOD

from .conftest import NEWS_SAMPLE, SAMPLES, Runner

NEWS_TEXT = NEWS_SAMPLE.read_text(encoding="utf-8")
NEWS_SENTENCES = [s.text for s in segment(NEWS_TEXT).sentences]

FIVE = (
    "Alpha ships sail north in spring. Bravo teams build the bridge in summer. "
    "Charlie farmers harvest wheat in autumn. Delta choirs sing carols in winter. "
    "Echo walkers climb the hills at dawn."
)
FIVE_SENTENCES = [s.text for s in segment(FIVE).sentences]


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_file_gives_three_sentences_of_the_document_by_default(run: Runner) -> None:
    result = run(str(NEWS_SAMPLE))
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert len(out) == 3
    assert all(line in NEWS_SENTENCES for line in out)
    assert result.stderr == ""


def test_sentences_come_back_in_document_order(run: Runner) -> None:
    out = lines(run(str(NEWS_SAMPLE), "-n", "5").stdout)
    positions = [NEWS_SENTENCES.index(line) for line in out]
    assert positions == sorted(positions)


def test_order_score_puts_the_best_first(run: Runner) -> None:
    data = json.loads(run(str(NEWS_SAMPLE), "-n", "4", "--order", "score", "-f", "json").stdout)
    assert [s["rank"] for s in data["sentences"]] == [1, 2, 3, 4]
    scores = [s["score"] for s in data["sentences"]]
    assert scores == sorted(scores, reverse=True)


def test_piped_stdin_is_read_when_no_file_is_given(run: Runner) -> None:
    result = run("-n", "2", "-m", "lead", input=FIVE)
    assert result.exit_code == 0
    assert lines(result.stdout) == FIVE_SENTENCES[:2]


def test_dash_reads_stdin(run: Runner) -> None:
    result = run("-", "-n", "1", "-m", "lead", input=FIVE)
    assert lines(result.stdout) == FIVE_SENTENCES[:1]


def test_several_files_get_headers(run: Runner, tmp_path: Path) -> None:
    second = tmp_path / "five.txt"
    second.write_text(FIVE, encoding="utf-8")
    result = run(str(NEWS_SAMPLE), str(second), "-n", "1", "-m", "lead")
    assert result.exit_code == 0
    assert lines(result.stdout) == [
        f"==> {NEWS_SAMPLE} <==",
        NEWS_SENTENCES[0],
        "",
        f"==> {second} <==",
        FIVE_SENTENCES[0],
    ]


@pytest.mark.parametrize(("ratio", "expected"), [("0.2", 1), ("0.5", 3), ("1", 5), ("0.01", 1)])
def test_ratio_keeps_that_share_of_the_sentences(run: Runner, ratio: str, expected: int) -> None:
    result = run("--ratio", ratio, "-m", "lead", input=FIVE)
    assert result.exit_code == 0
    assert len(lines(result.stdout)) == expected


def test_words_keeps_the_best_sentences_that_fit(run: Runner) -> None:
    # Sentences of 7, 7, 6, 6 and 7 words; lead ranks them in order.
    result = run("--words", "15", "-m", "lead", input=FIVE)
    assert result.exit_code == 0
    assert lines(result.stdout) == FIVE_SENTENCES[:2]
    result = run("--words", "20", "-m", "lead", input=FIVE)
    assert lines(result.stdout) == FIVE_SENTENCES[:3]


def test_word_budget_skips_a_sentence_that_does_not_fit(run: Runner) -> None:
    text = "One two three four five six seven eight nine ten. Short one here. Tiny."
    result = run("--words", "4", "-m", "lead", input=text)
    assert lines(result.stdout) == ["Short one here.", "Tiny."]


def test_word_budget_too_small_for_any_sentence_warns(run: Runner) -> None:
    result = run("--words", "3", "-m", "lead", input=FIVE)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "summarize: warning: <stdin>: no sentence fits in 3 words\n"


def test_more_sentences_than_the_text_has_returns_all(run: Runner) -> None:
    result = run("-n", "50", input=FIVE)
    assert result.exit_code == 0
    assert lines(result.stdout) == FIVE_SENTENCES


@pytest.mark.parametrize("method", sorted(BUILTINS))
def test_every_method_returns_sentences_of_the_text(run: Runner, method: str) -> None:
    result = run(str(NEWS_SAMPLE), "-m", method, "-n", "3")
    assert result.exit_code == 0, result.stderr
    out = lines(result.stdout)
    assert len(out) == 3
    assert len(set(out)) == 3
    assert all(line in NEWS_SENTENCES for line in out)


def test_lead_returns_the_opening_sentences(run: Runner) -> None:
    assert lines(run(str(NEWS_SAMPLE), "-m", "lead", "-n", "2").stdout) == NEWS_SENTENCES[:2]


def test_random_is_seeded(run: Runner) -> None:
    first = run(str(NEWS_SAMPLE), "-m", "random").stdout
    assert first == run(str(NEWS_SAMPLE), "-m", "random").stdout
    assert first != run(str(NEWS_SAMPLE), "-m", "lead").stdout


def test_methods_lists_every_backend_with_its_description(run: Runner) -> None:
    result = run("methods")
    assert result.exit_code == 0
    listed = {line.split()[0]: line for line in lines(result.stdout)}
    assert set(listed) == set(BUILTINS)
    assert "first sentences" in listed["lead"]


def test_methods_as_json(run: Runner) -> None:
    data = json.loads(run("methods", "-f", "json").stdout)
    assert {d["name"] for d in data} == set(BUILTINS)
    assert all(d["description"] and d["origin"] == "built-in" for d in data)


def test_json_follows_the_documented_schema(run: Runner) -> None:
    result = run(str(NEWS_SAMPLE), "-f", "json", "-n", "3")
    data = json.loads(result.stdout)
    assert data["source"] == str(NEWS_SAMPLE)
    assert data["method"] == DEFAULT_METHOD
    assert data["language"] == "english"
    assert data["sentence_count"] == len(NEWS_SENTENCES)
    assert len(data["sentences"]) == 3
    for item in data["sentences"]:
        assert set(item) >= {"index", "text", "score", "rank"}
        assert NEWS_SENTENCES[item["index"]] == item["text"]
        assert isinstance(item["score"], float)
        assert 1 <= item["rank"] <= len(NEWS_SENTENCES)
        start, end = item["start"], item["end"]
        assert " ".join(NEWS_TEXT[start:end].split()) == item["text"]


def test_json_for_several_inputs_is_a_list(run: Runner) -> None:
    data = json.loads(run(str(NEWS_SAMPLE), "-", "-f", "json", input=FIVE).stdout)
    assert [d["source"] for d in data] == [str(NEWS_SAMPLE), "<stdin>"]


def test_jsonl_is_one_object_per_line(run: Runner) -> None:
    out = run(str(NEWS_SAMPLE), "-", "-f", "jsonl", "-n", "2", input=FIVE).stdout
    records = [json.loads(line) for line in lines(out)]
    assert [r["source"] for r in records] == [str(NEWS_SAMPLE), "<stdin>"]
    assert all(len(r["sentences"]) == 2 for r in records)


def test_markdown_is_a_bullet_list(run: Runner) -> None:
    out = run("-f", "markdown", "-n", "2", "-m", "lead", input=FIVE).stdout
    assert lines(out) == [f"- {s}" for s in FIVE_SENTENCES[:2]]


def test_rich_output_prints_markup_in_the_text_literally(run: Runner) -> None:
    text = "The [bold]tag[/bold] stays as written. A second sentence is here. And a third."
    out = run("-f", "rich", "-m", "lead", "-n", "1", input=text).stdout
    assert "[bold]tag[/bold]" in out
    assert "lead · 1 of 3 sentences" in out


def test_no_color_leaves_no_colour_codes(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "")
    out = run("-f", "rich", "-m", "lead", "-n", "1", input=FIVE).stdout
    assert "\x1b[3" not in out and "\x1b[9" not in out


def test_plain_output_is_never_wrapped(run: Runner) -> None:
    long_sentence = " ".join(["word"] * 60) + "."
    out = run("-n", "1", "-m", "lead", input=long_sentence + " Short one.").stdout
    assert long_sentence in lines(out)


def test_version(run: Runner) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"summarize {__version__}"


def test_help_documents_every_option(run: Runner) -> None:
    out = run("--help").stdout
    for option in (
        "--sentences",
        "--ratio",
        "--words",
        "--method",
        "--language",
        "--order",
        "--format",
        "--debug",
        "--version",
        "summarize methods",
    ):
        assert option in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-n", "0"], "sentences must be a whole number of at least 1, not 0"),
        (["-n", "-2"], "sentences must be a whole number of at least 1, not -2"),
        (["--words", "0"], "words must be a whole number of at least 1, not 0"),
        (["--ratio", "0"], "ratio must be in (0, 1], not 0"),
        (["--ratio", "1.5"], "ratio must be in (0, 1], not 1.5"),
        (["-n", "2", "--ratio", "0.5"], "sentences and ratio cannot be used together"),
        (["-n", "2", "--words", "9"], "sentences and words cannot be used together"),
        (["-m", "txtrank"], "unknown method 'txtrank' (did you mean 'textrank'?)"),
        (["-l", "klingon"], "unknown language 'klingon'"),
        (["-f", "yaml"], "'yaml' is not one of"),
        (["-n", "three"], "Invalid value for '--sentences'"),
        (["--bogus"], "--bogus"),
    ],
)
def test_usage_errors_exit_2_with_one_line(run: Runner, args: list[str], message: str) -> None:
    result = run(str(NEWS_SAMPLE), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("summarize: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_no_input_on_a_terminal_is_a_usage_error(run: Runner) -> None:
    result = run()
    assert result.exit_code == 2
    assert result.stderr == "summarize: no input: give a FILE, or pipe text to standard input\n"


def test_missing_file(run: Runner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run(str(missing))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"summarize: {missing}: no such file\n"


def test_directory(run: Runner) -> None:
    result = run(str(SAMPLES))
    assert result.exit_code == 1
    assert result.stderr == f"summarize: {SAMPLES}: is a directory, not a file\n"


def test_unreadable_file(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, for whom file modes do not block reading: simulate the refusal.
    locked = tmp_path / "locked.txt"
    locked.write_text(FIVE, encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("summarize.sources.files.open", refuse, raising=False)
    result = run(str(locked))
    assert result.exit_code == 1
    assert result.stderr == f"summarize: {locked}: permission denied\n"


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_or_blank_input(run: Runner, tmp_path: Path, content: str) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(content, encoding="utf-8")
    result = run(str(path))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"summarize: {path}: the input is empty\n"


def test_a_single_input_that_fails_writes_nothing(run: Runner, tmp_path: Path) -> None:
    result = run(str(tmp_path / "missing.txt"), "-f", "json")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_the_command_runs_blas_single_threaded_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from summarize import launcher

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    monkeypatch.setattr(sys, "argv", ["summarize", "--version"])
    with pytest.raises(SystemExit) as stop:
        launcher.main()
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("summarize ")
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "4"
