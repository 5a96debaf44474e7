"""Batches of JSONL documents: the same bytes in any executor, per-document errors, safe resume."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from summarize.errors import InputError, UnknownMethodError, UsageError
from summarize.options import SummaryOptions
from summarize.pipeline import summarize
from summarize.scale.batch import BatchReport, run_batch
from summarize.scale.jsonl import read_records

from .conftest import ROOT, SAMPLES, Runner

SENTENCES = [
    sentence.text
    for path in sorted(SAMPLES.glob("*.txt"))
    for sentence in __import__("summarize").segment(path.read_text(encoding="utf-8")).sentences
]


def documents(count: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` different documents of 4 to 14 sentences drawn from the sample texts."""
    rng = random.Random(seed)
    result = []
    for number in range(count):
        picked = rng.sample(SENTENCES, rng.randint(4, 14))
        result.append({"id": f"doc-{number}", "text": " ".join(picked), "n": number})
    return result


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def expected_line(record_id: Any, text: str, **options: Any) -> str:
    """The documented output line, built here from the pipeline directly."""
    summary = summarize(text, **options)
    data: dict[str, Any] = {
        "id": record_id,
        "method": summary.method,
        "language": summary.language,
        "sentence_count": summary.sentence_count,
        "sentences": [
            {
                "index": s.index,
                "text": s.text,
                "score": s.score,
                "rank": s.rank,
                "start": s.start,
                "end": s.end,
            }
            for s in summary.sentences
        ],
    }
    return json.dumps(data, ensure_ascii=False) + "\n"


def batch_bytes(inputs: list[str], tmp_path: Path, name: str, **settings: Any) -> bytes:
    out = tmp_path / name
    report = run_batch(inputs, settings.pop("options", SummaryOptions()), output=out, **settings)
    assert report.complete
    return out.read_bytes()


OPTIONS = SummaryOptions.build(sentences=2)


def test_local_output_is_the_sequential_output_byte_for_byte(tmp_path: Path) -> None:
    docs = documents(150)
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    sequential = "".join(expected_line(d["id"], d["text"], sentences=2) for d in docs).encode()
    one = batch_bytes([str(source)], tmp_path, "one.jsonl", options=OPTIONS, jobs=1)
    two = batch_bytes(
        [str(source)], tmp_path, "two.jsonl", options=OPTIONS, jobs=2, chunk_documents=7
    )
    assert one == sequential
    assert two == sequential
    assert len(one.splitlines()) == 150


def test_every_bad_line_is_its_own_error_and_the_run_goes_on(tmp_path: Path) -> None:
    good = documents(3)
    lines = [
        json.dumps(good[0]),
        "{not json",
        json.dumps({"id": "no-text", "body": "elsewhere"}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "huge", "text": "A sentence that repeats. " * 400}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps(["an", "array"]),
        json.dumps({"id": {"nested": 1}, "text": "An id that is an object."}),
        "",  # blank lines are skipped, but they still count as lines
        json.dumps(good[1]),
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n')
    out = tmp_path / "out.jsonl"
    report = run_batch([str(source)], OPTIONS, jobs=1, output=out, max_bytes=4000)
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = {r["id"]: r.get("error") for r in results}
    name = str(source)
    assert [r["id"] for r in results] == [
        "doc-0",
        2,
        "no-text",
        "number",
        5,
        "empty",
        7,
        8,
        "doc-1",
        11,
    ]
    assert errors["doc-0"] is None and errors["doc-1"] is None
    assert errors[2].startswith(f"{name}:2: not valid JSON")
    assert errors["no-text"] == f"{name}:3: no 'text' field"
    assert errors["number"] == f"{name}:4: the 'text' field is a number, not a string"
    size = f"{len(lines[4]):,}"  # a line too long is not read, so its id is its number
    assert errors[5] == f"{name}:5: the line is {size} bytes, over the limit of 4,000 (max-bytes)"
    assert errors["empty"] == f"{name}:6: the input is empty"
    assert errors[7] == f"{name}:7: a JSON object was expected, not an array"
    assert errors[8] == f"{name}:8: the 'id' field must be a string or a whole number"
    assert errors[11] == f"{name}:11: not valid UTF-8 (byte 0xe9 at column 14)"
    assert (report.documents, report.failed) == (10, 8)
    assert report.first_error == errors[2]


def test_a_huge_line_is_skipped_without_being_held(tmp_path: Path) -> None:
    source = tmp_path / "huge.jsonl"
    with source.open("w", encoding="utf-8") as file:
        file.write(json.dumps({"id": "big", "text": "word " * 2_000_000}) + "\n")
        file.write(json.dumps(documents(1)[0]) + "\n")
    tracemalloc.start()
    try:
        records = list(read_records(str(source), max_bytes=1000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # the 10 MB line went by in 1 MiB pieces
    assert records[0].error is not None and "10,000,025 bytes" in records[0].error
    assert records[0].id == 1  # no id could be read from a line that was not read
    assert records[1].error is None and records[1].id == "doc-0"


def test_ids_fields_gzip_and_standard_input(tmp_path: Path) -> None:
    docs = [
        {"key": f"k{i}", "text": d["text"], "url": f"https://example.org/{i}", "tags": [i]}
        for i, d in enumerate(documents(3))
    ]
    plain = write_jsonl(tmp_path / "in.jsonl", docs)
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    out = tmp_path / "out.jsonl"
    run_batch([str(packed)], OPTIONS, jobs=1, id_field="key", keep_fields=True, output=out)
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["k0", "k1", "k2"]
    assert [(r["url"], r["tags"]) for r in results] == [(d["url"], d["tags"]) for d in docs]
    assert all("key" not in r and "text" not in r for r in results)
    assert list(results[0])[:3] == ["id", "url", "tags"]

    stdout = io.BytesIO()
    stdin = io.BytesIO(plain.read_bytes())
    run_batch(["-"], OPTIONS, jobs=1, stdin=stdin, stdout=stdout)
    from_stdin = [json.loads(line) for line in stdout.getvalue().decode().splitlines()]
    assert [r["id"] for r in from_stdin] == [1, 2, 3]  # no "id" field: the line number
    assert "url" not in from_stdin[0]
    assert [r["sentences"] for r in from_stdin] == [r["sentences"] for r in results]


def test_several_inputs_name_their_default_ids(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [{"text": d["text"]} for d in documents(2)])
    second = write_jsonl(tmp_path / "b.jsonl", [{"text": d["text"]} for d in documents(1)])
    stdout = io.BytesIO()
    run_batch([str(first), str(second)], OPTIONS, jobs=1, stdout=stdout)
    ids = [json.loads(line)["id"] for line in stdout.getvalue().splitlines()]
    assert ids == [f"{first}:1", f"{first}:2", f"{second}:1"]


def test_fail_fast_stops_before_the_first_failure_and_resume_goes_on(tmp_path: Path) -> None:
    docs = documents(40)
    broken = [*docs[:25], {"id": "bad", "text": None}, *docs[25:]]
    source = write_jsonl(tmp_path / "in.jsonl", broken)
    out = tmp_path / "out.jsonl"
    report = run_batch(
        [str(source)], OPTIONS, jobs=2, output=out, fail_fast=True, chunk_documents=10
    )
    assert report.stopped and not report.complete
    assert report.failed == 1 and report.documents == 25
    assert report.first_error == f"{source}:26: the 'text' field is null, not a string"
    assert not out.exists()  # only a finished run has the real name
    partial = tmp_path / "out.jsonl.partial"
    assert [json.loads(x)["id"] for x in partial.read_text().splitlines()] == [
        d["id"] for d in docs[:25]
    ]
    fixed = write_jsonl(source, [*docs[:25], {"id": "bad", "text": docs[0]["text"]}, *docs[25:]])
    report = run_batch([str(fixed)], OPTIONS, jobs=1, output=out, resume=True)
    assert report.complete and report.skipped == 25 and report.documents == 16
    ids = [json.loads(x)["id"] for x in out.read_text().splitlines()]
    assert ids == [*(d["id"] for d in docs[:25]), "bad", *(d["id"] for d in docs[25:])]
    assert not partial.exists()


def test_resume_drops_a_cut_line_and_writes_each_id_once(tmp_path: Path) -> None:
    docs = documents(30)
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    whole = batch_bytes([str(source)], tmp_path, "whole.jsonl", options=OPTIONS, jobs=1)
    lines = whole.splitlines(keepends=True)
    partial = tmp_path / "out.jsonl.partial"
    partial.write_bytes(b"".join(lines[:12]) + lines[12][:40])  # killed in the middle of a line
    report = run_batch([str(source)], OPTIONS, jobs=2, output=tmp_path / "out.jsonl", resume=True)
    assert report.skipped == 12 and report.documents == 18
    assert (tmp_path / "out.jsonl").read_bytes() == whole

    again = run_batch([str(source)], OPTIONS, jobs=1, output=tmp_path / "out.jsonl", resume=True)
    assert (again.skipped, again.documents) == (30, 0)
    assert (tmp_path / "out.jsonl").read_bytes() == whole


def test_without_resume_an_old_partial_file_is_started_again(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", documents(3))
    (tmp_path / "out.jsonl.partial").write_text('{"id": "doc-0", "old": true}\n')
    run_batch([str(source)], OPTIONS, jobs=1, output=tmp_path / "out.jsonl")
    ids = [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert ids == ["doc-0", "doc-1", "doc-2"]


class CountingInput(io.BytesIO):
    """Standard input that counts the lines read from it."""

    lines_read = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        if line:
            self.lines_read += 1
        return line


@pytest.mark.parametrize("jobs", [1, 2])
def test_reading_stays_a_bounded_window_ahead_of_writing(jobs: int) -> None:
    docs = documents(300)
    stdin = CountingInput("".join(json.dumps(d) + "\n" for d in docs).encode())
    ahead: list[int] = []

    def watch(report: BatchReport) -> None:
        ahead.append(stdin.lines_read - report.documents)

    stdout = io.BytesIO()
    run_batch(
        ["-"], OPTIONS, jobs=jobs, stdin=stdin, stdout=stdout, progress=watch, chunk_documents=10
    )
    assert len(stdout.getvalue().splitlines()) == 300
    assert len(ahead) == 30
    # In flight: at most two chunks a worker, and the chunk being gathered.
    assert max(ahead) <= 10 * (2 * jobs + 1)


def test_bad_settings_fail_before_any_output(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", documents(2))
    out = tmp_path / "out.jsonl"
    with pytest.raises(UnknownMethodError, match="txtrank"):
        run_batch([str(source)], SummaryOptions(method="txtrank"), jobs=1, output=out)
    with pytest.raises(InputError, match=r"missing\.jsonl: no such file"):
        run_batch([str(source), str(tmp_path / "missing.jsonl")], OPTIONS, jobs=1, output=out)
    with pytest.raises(UsageError, match="resume needs an output file"):
        run_batch([str(source)], OPTIONS, jobs=1, resume=True)
    with pytest.raises(UsageError, match="only once"):
        run_batch(["-", "-"], OPTIONS, jobs=1)
    assert not out.exists() and not (tmp_path / "out.jsonl.partial").exists()


def summarize_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "summarize", "batch", *args]


def child_environment() -> dict[str, str]:
    """This checkout first on the path of every process the tests start; no user settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUMMARIZE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["SUMMARIZE_NO_PLUGINS"] = "1"
    return env


def test_the_command_writes_a_line_a_document_and_sums_up_on_stderr(
    tmp_path: Path, run: Runner
) -> None:
    docs = documents(5)
    source = write_jsonl(tmp_path / "in.jsonl", [*docs[:2], {"id": "x", "text": 3}, *docs[2:]])
    result = run("batch", str(source), "--jobs", "1", "--sentences", "2")
    assert result.exit_code == 1  # one document failed
    lines = result.stdout.splitlines(keepends=True)
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == ["doc-0", "doc-1", "x", "doc-2", "doc-3", "doc-4"]
    assert lines[0] == expected_line("doc-0", docs[0]["text"], sentences=2)
    assert json.loads(lines[2]) == {
        "id": "x",
        "error": f"{source}:3: the 'text' field is a number, not a string",
    }
    summary = r"summarize: 6 documents, 1 failed, [0-9]+\.[0-9] documents/s\n"
    assert re.fullmatch(summary, result.stderr), result.stderr


def test_the_command_settings_and_exit_codes(tmp_path: Path, run: Runner) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"body": d["text"]} for d in documents(3)])
    out = tmp_path / "out.jsonl"
    config = tmp_path / "config.toml"
    config.write_text('method = "lead"\n[batch]\ntext_field = "body"\njobs = 1\n')
    ok = run("batch", str(source), "-o", str(out), "--config", str(config))
    assert (ok.exit_code, ok.stdout) == (0, "")
    assert ok.stderr.startswith("summarize: 3 documents, 0 failed, ")
    results = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["id"], r["method"]) for r in results] == [(1, "lead"), (2, "lead"), (3, "lead")]

    config.write_text("[batch]\ntext_feild = 'body'\n")
    typo = run("batch", str(source), "--config", str(config))
    assert typo.exit_code == 2 and "did you mean 'text_field'?" in typo.stderr
    bad = run("batch", str(source), "--method", "txtrank", "--no-config")
    assert bad.exit_code == 2 and "did you mean 'textrank'?" in bad.stderr and bad.stdout == ""
    missing = run("batch", str(tmp_path / "nope.jsonl"), "--no-config")
    assert missing.exit_code == 1
    assert missing.stderr == f"summarize: {tmp_path / 'nope.jsonl'}: no such file\n"
    resume = run("batch", str(source), "--resume", "--no-config")
    assert resume.exit_code == 2 and "resume needs an output file" in resume.stderr
    stopped = run("batch", "-", "--fail-fast", "--no-config", "-j", "1", input='{"id": 1}\n')
    assert stopped.exit_code == 1 and stopped.stdout == ""
    assert stopped.stderr.startswith("summarize: <stdin>:1: no 'text' field\nsummarize: 0 doc")


def test_a_terminal_shows_progress(tmp_path: Path) -> None:
    import pty

    source = write_jsonl(tmp_path / "in.jsonl", documents(200))
    primary, secondary = pty.openpty()
    child = subprocess.Popen(
        summarize_command(str(source), "-o", str(tmp_path / "out.jsonl"), "-j", "1"),
        env={**child_environment(), "COLUMNS": "120"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
    os.close(secondary)
    shown = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                piece = os.read(primary, 4096)
            except OSError:  # the child closed the terminal
                break
            if not piece:
                break
            shown += piece
    finally:
        os.close(primary)
        child.wait(timeout=30)
    text = shown.decode("utf-8", errors="replace")
    assert child.returncode == 0
    assert re.search(r"[0-9,]+ documents +[0-9,.]+ documents/s +0 failed", text), text
    assert re.search(r"summarize: 200 documents, 0 failed, [0-9.]+ documents/s", text), text


def test_a_killed_command_resumes_with_each_id_once(tmp_path: Path) -> None:
    docs = documents(3000, seed=5)
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    command = summarize_command(str(source), "--output", str(out), "--jobs", "2")
    child = subprocess.Popen(command, env=child_environment(), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and child.poll() is None:
            if partial.exists() and partial.stat().st_size > 100_000:
                break
            time.sleep(0.01)
        assert child.poll() is None, "the batch ended before it could be killed"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert not out.exists()
    done = partial.read_bytes().count(b"\n")
    assert 0 < done < 3000
    resumed = subprocess.run(
        [*command, "--resume"], env=child_environment(), capture_output=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done} already done".encode() in resumed.stderr
    ids = [json.loads(line)["id"] for line in out.read_text().splitlines()]
    assert ids == [d["id"] for d in docs]  # each once, in input order
    reference = batch_bytes([str(source)], tmp_path, "reference.jsonl", jobs=1)
    assert out.read_bytes() == reference
