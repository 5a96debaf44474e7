"""The digest state on real SQLite files: new, seen and updated items, conditional-request data,
failures reported once a day, the run lock, and a run killed before it commits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from summarize.digest.identity import canonical_link, item_key
from summarize.digest.state import DigestState
from summarize.digest.state_run import StateError, StateLockedError
from summarize.errors import ExitCode
from summarize.sources.base import Source

ROOT = Path(__file__).resolve().parent.parent

STORY = (
    "The council of Lowmere voted on Monday to close the Kestrel Bridge for repairs. Engineers "
    "found cracks in two of its steel supports during an inspection last month. The bridge "
    "carries twelve thousand cars a day, and a ferry will run while it is closed. Work is "
    "expected to take four months and cost nine million pounds, the council said."
)


def entry(number: int, text: str | None = None, **fields: object) -> Source:
    values: dict[str, object] = {
        "name": f"entry {number}",
        "text": text if text is not None else f"Entry number {number}. {STORY}",
        "title": f"Entry {number}",
        "id": f"urn:entry:{number}",
        "feed": "https://feeds.example/one.xml",
    }
    values.update(fields)
    return Source(**values)  # type: ignore[arg-type]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def test_new_items_are_fresh_until_a_digest_marks_them_seen(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    items = [entry(1), entry(2)]
    with DigestState(path) as state:
        run = state.begin()
        fresh = run.fresh(items)
        assert [(f.key, f.status) for f in fresh] == [
            ("id:urn:entry:1", "new"),
            ("id:urn:entry:2", "new"),
        ]
        digest_id = run.commit_digest(fresh)
        assert state.digests() == [(digest_id, state.digests()[0][1], 2)]
    with DigestState(path) as state, state.begin() as run:
        assert run.fresh(items) == []
        assert [f.key for f in run.fresh([*items, entry(3)])] == ["id:urn:entry:3"]


def test_a_run_that_ends_without_a_digest_marks_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with DigestState(path) as state:
        with pytest.raises(OSError), state.begin() as run:
            run.record_success("https://feeds.example/one.xml", etag='"v1"')
            assert len(run.fresh([entry(1)])) == 1
            raise OSError("the digest could not be written")
        with state.begin() as run:
            assert len(run.fresh([entry(1)])) == 1
            assert run.conditional("https://feeds.example/one.xml").etag is None


def test_an_item_whose_text_changed_substantially_is_updated(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with DigestState(path) as state:
        run = state.begin()
        run.commit_digest(run.fresh([entry(1)]))
        run = state.begin()
        typo_fixed = entry(1, f"Entry number 1. {STORY.replace('Monday', 'monday')}")
        reworded = entry(1, f"Entry number 1. {STORY.replace('nine million', 'ten million')}")
        assert run.fresh([typo_fixed]) == []  # case and spacing are not changes
        assert run.fresh([reworded]) == []  # one word of sixty is not news
        rewritten = entry(
            1,
            "The Kestrel Bridge reopened early on Friday after the repairs finished ahead of "
            "schedule. Drivers queued from dawn, and the ferry service ended the same evening. "
            "The final bill came to eight million pounds.",
        )
        fresh = run.fresh([rewritten])
        assert [(f.key, f.status) for f in fresh] == [("id:urn:entry:1", "updated")]
        run.commit_digest(fresh)
        with state.begin() as again:
            assert again.fresh([rewritten]) == []


def test_items_are_known_by_id_then_canonical_link_then_text() -> None:
    assert item_key(" urn:x ", "https://a.example/1", "text") == "id:urn:x"
    assert item_key(None, "HTTPS://News.Example:443/a/b?utm_source=rss&b=2&a=1#top", "t") == (
        "url:https://news.example/a/b?a=1&b=2"
    )
    assert item_key(None, None, "Hello,  World") == item_key(None, None, "hello world")
    assert canonical_link("http://x.example/p?fbclid=1&gclid=2") == "http://x.example/p"
    assert canonical_link("http://x.example:8080") == "http://x.example:8080/"


def test_the_same_link_with_new_tracking_parameters_is_not_news(tmp_path: Path) -> None:
    with DigestState(tmp_path / "s.sqlite3") as state:
        run = state.begin()
        first = entry(1, id=None, url="https://news.example/a?id=7&utm_medium=rss")
        run.commit_digest(run.fresh([first]))
        with state.begin() as run:
            again = entry(1, id=None, url="https://NEWS.example/a?utm_campaign=x&id=7#comments")
            assert run.fresh([again]) == []


def test_conditional_request_data_is_kept_and_a_304_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    feed = "https://feeds.example/one.xml"
    with DigestState(path) as state:
        run = state.begin()
        run.record_success(feed, etag='"abc"', last_modified="Tue, 01 Dec 2026 05:00:00 GMT")
        run.commit()
    with DigestState(path) as state:
        run = state.begin()
        known = run.conditional(feed)
        assert (known.etag, known.last_modified) == ('"abc"', "Tue, 01 Dec 2026 05:00:00 GMT")
        run.record_success(feed, not_modified=True)
        run.commit()
        with state.begin() as run:
            assert run.conditional(feed).etag == '"abc"'
            assert run.conditional("https://other.example/feed").etag is None


def test_a_failing_source_is_counted_and_reported_once_a_day(tmp_path: Path) -> None:
    clock = Clock()
    feed = "https://feeds.example/dead.xml"
    reports = []
    with DigestState(tmp_path / "state.sqlite3", clock=clock) as state:
        for hour in range(30):  # hourly runs for 30 hours
            clock.now = datetime(2026, 12, 1, 6, tzinfo=timezone.utc) + timedelta(hours=hour)
            run = state.begin()
            failure = run.record_failure(feed, "HTTP 503")
            run.commit()
            assert failure.failures == hour + 1
            assert failure.failing_since == datetime(2026, 12, 1, 6, tzinfo=timezone.utc)
            if failure.report:
                reports.append(hour)
        assert reports == [0, 24]
        run = state.begin()
        run.record_success(feed)
        failure = run.record_failure(feed, "HTTP 503")
        run.commit()
        assert (failure.failures, failure.report) == (1, True)


def test_a_second_run_waits_a_bounded_time_then_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with DigestState(path) as first, DigestState(path, timeout=0.5) as second:
        run = first.begin()
        started = time.monotonic()
        with pytest.raises(StateLockedError) as raised:
            second.begin()
        waited = time.monotonic() - started
        assert 0.4 <= waited < 5
        assert str(raised.value) == (f"another digest run holds the state {path}; try again later")
        assert raised.value.exit_code == ExitCode.INPUT
        run.commit()
        second.begin().rollback()  # free again once the first run ends


def test_a_file_that_is_not_a_state_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just words " * 100)
    with pytest.raises(StateError, match="not a digest state file"):
        DigestState(path).begin()
    with pytest.raises(StateError, match="does not exist"):
        DigestState(tmp_path / "missing" / "state.sqlite3")


_KILLED_RUN = textwrap.dedent(
    """
    import sys, time
    from summarize.digest.state import DigestState
    from summarize.sources.base import Source
    state = DigestState(sys.argv[1])
    run = state.begin()
    run.record_success("https://feeds.example/one.xml", etag='"v2"')
    fresh = run.fresh([Source(name="n", text="A new entry about the bridge.", id="urn:new")])
    print(len(fresh), flush=True)
    time.sleep(60)
    run.commit_digest(fresh)
    """
)


@pytest.mark.slow
def test_a_run_killed_between_fetching_and_committing_leaves_the_state_unchanged(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.sqlite3"
    with DigestState(path) as state:
        run = state.begin()
        run.record_success("https://feeds.example/one.xml", etag='"v1"')
        run.commit_digest(run.fresh([entry(1)]))
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_RUN, str(path)],
        stdout=subprocess.PIPE,
        env=environment,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "1"  # fetched, judged, not committed
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    with DigestState(path, timeout=2) as state:
        assert len(state.digests()) == 1
        with state.begin() as run:
            assert run.conditional("https://feeds.example/one.xml").etag == '"v1"'
            new = Source(name="n", text="A new entry about the bridge.", id="urn:new")
            assert [f.key for f in run.fresh([entry(1), new])] == ["id:urn:new"]
