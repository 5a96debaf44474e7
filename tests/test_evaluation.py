"""summarize eval: datasets, ROUGE against hand-computed values, the runner and the command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarize.cli import run_cli
from summarize.errors import InputError, UsageError
from summarize.evaluation import EvalSettings, evaluate, read_dataset, score_summary
from summarize.evaluation.dataset import Record
from summarize.selection import Length

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def _no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_NO_PLUGINS", "1")


# Two records whose lead-1 summaries are scored by hand below.
#  1. "The cat sat on the mat." against "the cat lay on the mat":
#     unigrams the x2, cat, on, mat match: P = R = F1 = 5/6;
#     bigrams the-cat, on-the, the-mat of 5 each: P = R = F1 = 3/5.
#  2. "Dogs bark loudly." against "Dogs bark." (stemmed: dog bark loudli / dog bark):
#     unigrams P = 2/3, R = 1, F1 = 0.8; bigrams P = 1/2, R = 1, F1 = 2/3.
TINY = [
    {
        "id": "a",
        "text": "The cat sat on the mat. It was a sunny day in the town.",
        "summary": "the cat lay on the mat",
    },
    {"id": "b", "text": "Dogs bark loudly. Nobody in the street sleeps.", "summary": "Dogs bark."},
]
LEAD_R1 = (5 / 6 + 0.8) / 2
LEAD_R2 = (3 / 5 + 2 / 3) / 2


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "tiny.jsonl", list(TINY))


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run_cli(args)
    out, err = capsys.readouterr()
    return code, out, err


# --- ROUGE ---------------------------------------------------------------------------------


def test_rouge_by_hand_partial_overlap() -> None:
    scores = score_summary(["The cat sat on the mat."], ["the cat lay on the mat"])
    assert scores["rouge1"].f1 == pytest.approx(5 / 6)
    assert scores["rouge2"].precision == pytest.approx(3 / 5)
    assert scores["rouge2"].recall == pytest.approx(3 / 5)


def test_rouge_by_hand_stemming_and_precision_recall() -> None:
    scores = score_summary(["Dogs bark loudly."], ["Dog barks."])  # stemming matches the forms
    assert scores["rouge1"].precision == pytest.approx(2 / 3)
    assert scores["rouge1"].recall == pytest.approx(1.0)
    assert scores["rouge1"].f1 == pytest.approx(0.8)
    assert scores["rouge2"].f1 == pytest.approx(2 / 3)


def test_rouge_lsum_uses_one_sentence_per_line() -> None:
    # Each summary sentence is matched with each reference line (union LCS):
    # "a b c" / "a b c" gives 3 of 3 words, "d e" / "e d" gives 1 of 2: R = 4/5.
    scores = score_summary(
        ["alpha beta gamma.", "delta epsilon."], ["alpha beta gamma\nepsilon delta"]
    )
    assert scores["rougeLsum"].recall == pytest.approx(4 / 5)


def test_rouge_takes_the_best_reference() -> None:
    one = score_summary(
        ["The cat sat on the mat."], ["nothing alike here", "the cat sat on the mat"]
    )
    assert one["rouge1"].f1 == pytest.approx(1.0)
    assert one["rouge2"].f1 == pytest.approx(1.0)


def test_rouge_of_an_empty_summary_is_zero() -> None:
    assert score_summary([], ["a reference"])["rouge1"].f1 == 0.0


# --- datasets --------------------------------------------------------------------------------


def test_read_dataset_skips_blank_lines_and_limits(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps(TINY[0]) + "\n\n" + json.dumps(TINY[1]) + "\n", encoding="utf-8")
    records = read_dataset(path)
    assert [r.id for r in records] == ["a", "b"]
    assert records[0].references == ("the cat lay on the mat",)
    assert [r.id for r in read_dataset(path, limit=1)] == ["a"]


def test_read_dataset_multiple_references_and_default_id(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "m.jsonl", [{"text": "A b.", "summaries": ["x\ny", "z"]}])
    (record,) = read_dataset(path)
    assert record.id == "1"
    assert record.references == ("x\ny", "z")
    assert record.reference_sentences == 2


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_dataset(tmp_path / "absent.jsonl")


def test_bad_json_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(TINY[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2: not valid JSON"):
        read_dataset(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"summary": "x"}, "missing field 'text'"),
        ({"text": "x"}, "missing field 'summary'"),
        ({"text": "x", "summaries": []}, "'summaries' must be a non-empty list"),
        ({"text": 3, "summary": "x"}, "'text' must be a string"),
        ({"text": "x", "summary": "  "}, "reference summary is empty"),
        (["text"], "expected a JSON object"),
    ],
)
def test_bad_records(tmp_path: Path, row: object, message: str) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [row])
    with pytest.raises(InputError, match=message):
        read_dataset(path)


def test_limit_must_be_positive(tiny: Path) -> None:
    with pytest.raises(UsageError):
        read_dataset(tiny, limit=0)


# --- the runner --------------------------------------------------------------------------------


def test_lead_scores_match_hand_computed_values(tiny: Path) -> None:
    report = evaluate(
        read_dataset(tiny), EvalSettings(methods=("lead",), length=Length("sentences", 1))
    )
    assert [r.method for r in report.results] == ["lead", "random"]
    lead = report.result("lead").scores
    assert lead["rouge1"].f1 == pytest.approx(LEAD_R1)
    assert lead["rouge2"].f1 == pytest.approx(LEAD_R2)
    assert report.records == 2
    assert report.length == "1 sentence"


def test_match_reference_length_uses_each_reference() -> None:
    record = Record("r", "One fish. Two fish. Red fish. Blue fish.", ("one fish\ntwo fish",))
    settings = EvalSettings(methods=("lead",), match_reference_length=True)
    report = evaluate([record], settings)
    assert report.result("lead").scores["rouge1"].f1 == pytest.approx(1.0)
    assert report.length == "reference length"


def test_results_do_not_depend_on_the_number_of_workers() -> None:
    words = [
        "river",
        "stone",
        "cloud",
        "market",
        "winter",
        "signal",
        "garden",
        "letter",
        "engine",
        "harbour",
    ]
    records = [
        Record(
            str(i),
            " ".join(
                f"The {words[(i + j) % 10]} met the {words[(i * j + 3) % 10]} near {words[j % 10]}."
                for j in range(8)
            ),
            (f"the {words[i % 10]} and the {words[(i + 2) % 10]}",),
        )
        for i in range(12)
    ]
    settings = EvalSettings(methods=("position-centroid", "lead"))
    one = evaluate(records, settings, jobs=1)
    two = evaluate(records, settings, jobs=2)
    assert [r.scores for r in one.results] == [r.scores for r in two.results]


def test_unknown_method_fails_before_any_work(tiny: Path) -> None:
    with pytest.raises(UsageError, match="unknown method"):
        evaluate(read_dataset(tiny), EvalSettings(methods=("txtrank",)))


# --- the command ------------------------------------------------------------------------------


def test_eval_json(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["eval", str(tiny), "-m", "lead", "-n", "1", "-f", "json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["records"] == 2
    assert data["metrics"] == ["rouge1", "rouge2", "rougeLsum"]
    lead = next(r for r in data["results"] if r["method"] == "lead")
    assert lead["rouge1"]["f1"] == pytest.approx(LEAD_R1)
    assert lead["rouge2"]["f1"] == pytest.approx(LEAD_R2)
    assert set(lead["rouge1"]) == {"precision", "recall", "f1"}
    assert [r["method"] for r in data["results"]] == ["lead", "random"]


def test_eval_plain_table_has_default_and_baselines(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["eval", str(tiny), "-n", "1"], capsys)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("tiny.jsonl: 2 records, 1 sentence")
    assert lines[1].split()[:4] == ["method", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum"]
    assert [line.split()[0] for line in lines[2:]] == ["position-centroid", "lead", "random"]
    lead_row = lines[3].split()
    assert float(lead_row[1]) == pytest.approx(100 * LEAD_R1, abs=0.005)


def test_eval_rich_table(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["eval", str(tiny), "-n", "1", "-f", "rich"], capsys)
    assert code == 0
    assert "ROUGE-Lsum" in out and "position-centroid" in out


def test_eval_limit_and_jobs(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["eval", str(tiny), "-m", "lead", "--limit", "1", "-j", "2", "-f", "json"], capsys
    )
    assert code == 0
    assert json.loads(out)["records"] == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["absent.jsonl"], 1, "absent.jsonl: no such file"),
        (["TINY", "--all", "-m", "lead"], 2, "--all and --method cannot be used together"),
        (["TINY", "--match-reference-length", "-n", "2"], 2, "--match-reference-length cannot"),
        (["TINY", "-n", "2", "-w", "10"], 2, "cannot be used together"),
        (["TINY", "-m", "txtrank"], 2, "unknown method 'txtrank'"),
        (["TINY", "--jobs", "-1"], 2, "jobs must be"),
    ],
)
def test_eval_errors(
    tiny: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    os.chdir(tmp_path)
    args = [str(tiny) if a == "TINY" else a for a in args]
    got, out, err = run(["eval", *args], capsys)
    assert got == code
    assert out == ""
    assert err.startswith("summarize: ") and message in err
    assert err.count("\n") == 1


def test_eval_bad_line_exit_code(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(TINY[0]) + "\n" + json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    code, out, err = run(["eval", str(path)], capsys)
    assert (code, out) == (1, "")
    assert "bad.jsonl:2: missing field 'summary'" in err


def test_eval_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["eval", "--help"], capsys)
    assert code == 0
    for option in (
        "--method", "--all", "--sentences", "--words", "--ratio", "--match-reference-length",
        "--limit", "--jobs", "--language", "--format",
    ):  # fmt: skip
        assert option in out


# --- on the development data (skipped when it is absent) ------------------------------------


def _dataset(name: str) -> Path:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"development data {path} is not available")
    return path


def test_default_beats_lead_on_cnn_news() -> None:
    # The target holds on the whole file; small slices vary (the first 300: +0.4 ROUGE-2).
    records = read_dataset(_dataset("cnndm_val.jsonl"))
    report = evaluate(records, EvalSettings(methods=("position-centroid",)), jobs=2)
    ours, lead = report.result("position-centroid").scores, report.result("lead").scores
    assert ours["rouge1"].f1 - lead["rouge1"].f1 >= 0.010
    assert ours["rouge2"].f1 - lead["rouge2"].f1 >= 0.005


def test_default_beats_lead_on_scientific_tldrs() -> None:
    records = read_dataset(_dataset("scitldr_a_test.jsonl"))
    settings = EvalSettings(methods=("position-centroid",), length=Length("sentences", 1))
    report = evaluate(records, settings, jobs=2)
    ours, lead = report.result("position-centroid").scores, report.result("lead").scores
    assert ours["rouge1"].f1 > lead["rouge1"].f1
    assert ours["rouge2"].f1 > lead["rouge2"].f1


def test_baselines_come_last_even_with_all(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["eval", str(tiny), "--all", "-n", "1", "-f", "json"], capsys)
    assert code == 0
    names = [r["method"] for r in json.loads(out)["results"]]
    assert names[-2:] == ["lead", "random"]
    assert names[0] == "position-centroid"
    assert len(names) == len(set(names))


def test_eval_scores_do_not_depend_on_jobs(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = []
    for jobs in ("1", "2"):
        code, out, _ = run(
            ["eval", str(tiny), "-m", "textrank", "-m", "lsa", "-j", jobs, "-f", "json"], capsys
        )
        assert code == 0
        results = json.loads(out)["results"]
        reports.append([{k: v for k, v in r.items() if k != "rank_seconds"} for r in results])
    assert reports[0] == reports[1]
    assert len(reports[0]) == 4  # the two methods, lead and random
