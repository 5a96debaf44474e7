"""``summarize digest`` over local files: new, nothing new, changed; options and their errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import Runner

BRIDGE = (
    "The council of Lowmere voted on Monday to close the Kestrel Bridge after engineers found "
    "cracks in two of its steel supports. A ferry across the river Wend will run while the "
    "bridge is repaired. The work is expected to take four months.\n"
)
CUP = (
    "The Dunmore Harriers won the northern cup final on Saturday, beating Castlegate three "
    "goals to one. Their captain scored twice in the second half.\n"
)
REOPENED = (
    "The Kestrel Bridge reopened on Friday, a month early, after the repairs to its steel "
    "supports were finished. The ferry made its last crossing of the river Wend the same "
    "evening, and the final bill came to eight million pounds.\n"
)


def _files(tmp_path: Path) -> tuple[Path, Path]:
    bridge, cup = tmp_path / "bridge.txt", tmp_path / "cup.txt"
    bridge.write_text(BRIDGE)
    cup.write_text(CUP)
    return bridge, cup


def test_new_files_then_nothing_then_a_changed_file_as_updated(run: Runner, tmp_path: Path) -> None:
    bridge, cup = _files(tmp_path)
    state = str(tmp_path / "state.sqlite3")
    args = ("digest", str(bridge), str(cup), "--state", state, "--no-config", "-f", "json")
    result = run(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["counts"] == {"stories": 2, "items": 2, "sources": 2, "failed": 0}
    result = run(*args)
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "summarize: nothing new in 2 sources\n"
    bridge.write_text(REOPENED)
    result = run(*args)
    assert result.exit_code == 0
    (story,) = json.loads(result.stdout)["stories"]
    assert [i["status"] for i in story["items"]] == ["updated"]
    assert story["summary"][0]["text"].startswith("The Kestrel Bridge reopened on Friday")


def test_output_file_is_written_whole_and_not_touched_when_nothing_is_new(
    run: Runner, tmp_path: Path
) -> None:
    bridge, _ = _files(tmp_path)
    out = tmp_path / "digest.html"
    args = ("digest", str(bridge), "--state", str(tmp_path / "s.sqlite3"), "--no-config")
    result = run(*args, "-f", "html", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text().startswith("<!DOCTYPE html>")
    stamp = out.stat().st_mtime_ns
    result = run(*args, "-f", "html", "-o", str(out), "--fail-if-empty")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "summarize: nothing new in 1 source\n"
    assert out.stat().st_mtime_ns == stamp


def test_a_digest_that_cannot_be_written_marks_nothing(run: Runner, tmp_path: Path) -> None:
    bridge, _ = _files(tmp_path)
    state = str(tmp_path / "s.sqlite3")
    args = ("digest", str(bridge), "--state", state, "--no-config")
    result = run(*args, "-o", str(tmp_path / "missing" / "digest.md"))
    assert result.exit_code == 3
    assert result.stderr == (
        f"summarize: {tmp_path / 'missing' / 'digest.md'}: the folder "
        f"{tmp_path / 'missing'} does not exist\n"
    )
    result = run(*args)
    assert result.exit_code == 0 and "Kestrel" in result.stdout


def test_mark_seen_starts_a_state_without_sending_the_backlog(run: Runner, tmp_path: Path) -> None:
    bridge, cup = _files(tmp_path)
    args = ("digest", str(bridge), str(cup), "--state", str(tmp_path / "s.sqlite3"), "--no-config")
    result = run(*args, "--mark-seen")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "summarize: marked 2 items as seen\n"
    result = run(*args)
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_missing_file_is_a_failed_source_and_the_others_go_on(
    run: Runner, tmp_path: Path
) -> None:
    bridge, _ = _files(tmp_path)
    missing = tmp_path / "gone.txt"
    result = run(
        "digest", str(bridge), str(missing), "--state", str(tmp_path / "s.sqlite3"), "--no-config"
    )
    assert result.exit_code == 1
    assert "Kestrel" in result.stdout
    assert "1 source failed:" in result.stdout
    assert result.stderr.startswith(f"summarize: {missing}: ")


def test_sources_from_a_list_file_and_from_the_digest_table(run: Runner, tmp_path: Path) -> None:
    bridge, cup = _files(tmp_path)
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# local notes\n{bridge}\n\n{cup}\n")
    result = run(
        "digest",
        "--sources",
        str(listing),
        "--state",
        str(tmp_path / "a.sqlite3"),
        "--no-config",
        "-f",
        "json",
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["counts"]["items"] == 2
    config = tmp_path / "config.toml"
    config.write_text(
        f'[digest]\nformat = "text"\nstate = "{tmp_path / "b.sqlite3"}"\n'
        f'[digest.sources.bridge]\npath = "{bridge}"\n'
        f'[digest.sources.cup]\npath = "{cup}"\n'
    )
    result = run("digest", "bridge", "--config", str(config))
    assert result.exit_code == 0
    assert result.stdout.startswith("Digest for ")  # the text format, from the table
    assert "Kestrel" in result.stdout and "Harriers" not in result.stdout
    result = run("digest", "--config", str(config))  # every source of the table
    assert result.exit_code == 0
    assert "Harriers" in result.stdout and "Kestrel" not in result.stdout


def test_usage_errors_are_one_line_and_exit_2(run: Runner, tmp_path: Path) -> None:
    bridge, _ = _files(tmp_path)
    state = str(tmp_path / "s.sqlite3")
    cases = [
        (("digest", "--no-config", "--state", state), "summarize: no sources: give feeds"),
        (
            ("digest", str(bridge), "--since", "soon", "--no-config", "--state", state),
            "summarize: since must be a duration such as 36h",
        ),
        (
            ("digest", str(bridge), "--dry-run", "--mark-seen", "--no-config", "--state", state),
            "summarize: --mark-seen and --dry-run cannot be used together",
        ),
        (
            ("digest", str(bridge), "--format", "pdf", "--no-config", "--state", state),
            "summarize: Invalid value for '--format'",
        ),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert result.stderr.startswith(message), result.stderr
        assert len(result.stderr.splitlines()) == 1


def test_a_state_held_by_another_run_is_a_clear_error(run: Runner, tmp_path: Path) -> None:
    bridge, _ = _files(tmp_path)
    path = tmp_path / "s.sqlite3"
    run("digest", str(bridge), "--state", str(path), "--no-config", "--mark-seen")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run("digest", str(bridge), "--state", str(path), "--no-config", "--wait", "0.2")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"summarize: another digest run holds the state {path}; try again later\n"
    )
