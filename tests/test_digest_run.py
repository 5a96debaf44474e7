"""A digest run against a real state file: what is written, what is kept, what is fetched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pytest

from summarize.digest.runner import Collected, Entry, RunSettings, SourceSpec, run_digest
from summarize.digest.state import DigestState
from summarize.digest.state_run import Conditional
from summarize.errors import InputError, OutputError
from summarize.sources.base import Source

TEXTS = {
    "bridge": "The council of Lowmere voted to close the Kestrel Bridge after cracks were found. "
    "A ferry will run while the bridge is repaired over four months.",
    "cup": "The Dunmore Harriers won the northern cup final, beating Castlegate three to one. "
    "Their captain scored twice in the second half.",
    "comet": "Astronomers at the Hollin Observatory spotted a new comet in the outer solar "
    "system. It may be visible through binoculars in March.",
}


@dataclass
class Feeds:
    """Feeds held in memory: entries per feed, validators, and a log of what was loaded."""

    entries: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, int] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    pages_loaded: list[str] = field(default_factory=list)
    asked: list[Conditional] = field(default_factory=list)

    def page(self, feed: str, key: str) -> Source:
        self.pages_loaded.append(key)
        return Source(
            name=key,
            text=f"The full page. {TEXTS[key]}",
            title=key.title(),
            url=f"https://{feed}/{key}",
            id=f"{feed}:{key}",
            feed=feed,
            published=datetime(2026, 12, 1, 5, tzinfo=timezone.utc),
        )

    def collect(self, spec: SourceSpec, known: Conditional) -> Collected:
        self.asked.append(known)
        if spec.spec in self.broken:
            raise InputError(f"{spec.spec}: HTTP 503 Service Unavailable")
        etag = f'"{self.versions.get(spec.spec, 0)}"'
        if known.etag == etag:
            return Collected(not_modified=True)
        entries = []
        for key in self.entries.get(spec.spec, []):
            quick = Source(
                name=key,
                text=TEXTS[key],
                title=key.title(),
                url=f"https://{spec.spec}/{key}",
                id=f"{spec.spec}:{key}",
                feed=spec.spec,
            )
            entries.append(
                Entry(quick=quick, full=lambda s=spec.spec, k=key: self.page(s, k))  # type: ignore[misc]
            )
        return Collected(entries=tuple(entries), etag=etag)


def _run(path: Path, feeds: Feeds, written: list[str], **settings: object) -> tuple[int, object]:
    specs = [SourceSpec(name) for name in ("one.example", "two.example")]
    with DigestState(path) as state:
        outcome = run_digest(
            state,
            specs,
            feeds.collect,
            written.append,
            RunSettings(**settings),  # type: ignore[arg-type]
        )
        return len(state.digests()), outcome


def test_first_run_all_then_nothing_then_only_the_new_entries(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    feeds = Feeds(entries={"one.example": ["bridge"], "two.example": ["cup"]})
    written: list[str] = []
    digests, outcome = _run(path, feeds, written, fmt="json")
    assert digests == 1 and len(written) == 1
    assert outcome.items == 2  # type: ignore[attr-defined]
    assert sorted(feeds.pages_loaded) == ["bridge", "cup"]
    # Nothing changed: a 304 for both, nothing written, nothing loaded.
    feeds.pages_loaded.clear()
    digests, outcome = _run(path, feeds, written)
    assert (digests, len(written), feeds.pages_loaded) == (1, 1, [])
    assert outcome.rendered is None  # type: ignore[attr-defined]
    assert [k.etag for k in feeds.asked[-2:]] == ['"0"', '"0"']
    # One feed gains an entry: only it is loaded and sent.
    feeds.entries["one.example"].append("comet")
    feeds.versions["one.example"] = 1
    digests, outcome = _run(path, feeds, written, fmt="json")
    assert digests == 2 and feeds.pages_loaded == ["comet"]
    assert '"Comet"' in written[-1] and '"Bridge"' not in written[-1]


def test_a_failed_write_keeps_nothing_and_the_next_run_sends_the_same_items(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    feeds = Feeds(entries={"one.example": ["bridge"], "two.example": ["cup"]})

    def disk_full(text: str) -> None:
        raise OutputError("digest.md: cannot write: no space left on the device")

    specs = [SourceSpec("one.example"), SourceSpec("two.example")]
    with DigestState(path) as state, pytest.raises(OutputError):
        run_digest(state, specs, feeds.collect, disk_full)
    written: list[str] = []
    digests, outcome = _run(path, feeds, written)
    assert digests == 1 and outcome.items == 2  # type: ignore[attr-defined]
    assert feeds.asked[-1].etag is None  # the validators were not kept either


def test_dry_run_writes_and_keeps_nothing_mark_seen_keeps_and_writes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    feeds = Feeds(entries={"one.example": ["bridge"], "two.example": ["cup"]})
    written: list[str] = []
    digests, _ = _run(path, feeds, written, dry_run=True)
    assert digests == 0 and len(written) == 1
    digests, outcome = _run(path, feeds, written, mark_seen=True)
    assert digests == 0 and len(written) == 1
    assert outcome.marked == 2  # type: ignore[attr-defined]
    assert len(feeds.pages_loaded) == 2  # only the dry run loaded pages
    feeds.versions = {"one.example": 1, "two.example": 1}
    digests, outcome = _run(path, feeds, written)
    assert (digests, outcome.rendered) == (0, None)  # type: ignore[attr-defined]


def test_a_failing_source_is_in_the_outcome_and_reported_in_the_digest_once(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    feeds = Feeds(entries={"one.example": ["bridge"]}, broken={"two.example"})
    written: list[str] = []
    _, outcome = _run(path, feeds, written)
    assert [f.source_key for f in outcome.failures] == ["two.example"]  # type: ignore[attr-defined]
    assert "1 source failed:" in written[-1]
    assert "two.example: HTTP 503 Service Unavailable" in written[-1]
    assert "two.example: two.example" not in written[-1]
    feeds.entries["one.example"].append("comet")
    feeds.versions["one.example"] = 1
    _, outcome = _run(path, feeds, written)
    assert outcome.failures[0].failures == 2  # type: ignore[attr-defined]
    assert "failed" not in written[-1]  # already reported today
