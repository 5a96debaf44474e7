"""URLs as inputs: the reader, loading in input order, the command, and files read offline."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from summarize.errors import HttpStatusError, InputError
from summarize.many import load_in_order
from summarize.sources.base import Pending, Reader, ReadOptions, Source
from summarize.sources.urls import UrlReader
from tests import servers
from tests.conftest import Runner
from tests.servers import LocalServer

OPTIONS = ReadOptions(connect_timeout=1.0, deadline=5.0, max_bytes=1024 * 1024)

ARTICLE = (
    "The harbour authority in Kestrel Bay approved a new ferry terminal on Tuesday. "
    "The terminal will double the number of daily crossings to the islands. "
    "Fishermen worry that the building work will disturb the spring spawning grounds. "
    "The authority promised to pause dredging between March and May.\n"
)


class _InFlight:
    """Counts the requests being served at once, to see the concurrency from the server."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self._lock = threading.Lock()

    def wrap(self, handler: servers.Handler, seconds: float) -> servers.Handler:
        def counted(request: BaseHTTPRequestHandler) -> None:
            with self._lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(seconds)
            finally:
                with self._lock:
                    self.now -= 1
            handler(request)

        return counted


PAGES = 12
in_flight = _InFlight()


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    routes: dict[str, servers.Handler] = {
        "/article.txt": servers.page(ARTICLE),
        "/moved": servers.redirect("/article.txt", 301),
        "/missing": servers.status(404),
        "/picture.png": servers.page(b"\x89PNG\r\n\x1a\n", "image/png"),
    }
    for number in range(PAGES):
        # The first pages are the slowest: finishing order is the reverse of input order.
        delay = 0.05 * (PAGES - number)
        text = f"Page number {number} is here. It says little else.\n"
        routes[f"/page/{number}"] = in_flight.wrap(servers.page(text), delay)
    with LocalServer(routes) as running:
        yield running


# --- The reader ------------------------------------------------------------------------------


def test_the_reader_claims_http_and_https_only() -> None:
    reader = UrlReader()
    assert isinstance(reader, Reader)
    for spec in ("http://example.org/a", "https://example.org/", "HTTPS://EXAMPLE.ORG/"):
        assert reader.claims(spec)
    for spec in ("article.txt", "-", "/tmp/http://x", "ftp://example.org/", "httpx://a", ""):
        assert not reader.claims(spec)


def test_expanding_does_no_io(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    pending = list(UrlReader().expand("http://127.0.0.1:9/page", OPTIONS))
    assert [item.name for item in pending] == ["http://127.0.0.1:9/page"]
    assert pending[0].remote  # loaded a few at once, on threads


def test_a_page_becomes_a_source(server: LocalServer) -> None:
    (pending,) = UrlReader().expand(server.url("/moved"), OPTIONS)
    source = pending.load()
    assert isinstance(source, Source)
    assert source.name == server.url("/moved")
    assert source.url == server.url("/article.txt")  # where it ended up
    assert source.text.strip() == ARTICLE.strip()


def test_a_missing_page_fails_when_loaded(server: LocalServer) -> None:
    (pending,) = UrlReader().expand(server.url("/missing"), OPTIONS)
    with pytest.raises(HttpStatusError, match="404 Not Found"):
        pending.load()


# --- Concurrent loading ----------------------------------------------------------------------


def test_results_come_in_input_order_whatever_the_latency(server: LocalServer) -> None:
    reader = UrlReader()
    urls = [server.url(f"/page/{number}") for number in range(PAGES)]
    urls.insert(3, server.url("/missing"))
    urls.insert(7, server.url("/picture.png"))
    pending = (item for url in urls for item in reader.expand(url, OPTIONS))
    in_flight.most = 0
    results = list(load_in_order(pending, fetch_jobs=4))
    assert [name for name, _ in results] == urls
    assert in_flight.most == 4  # as many as allowed, never more
    failed = {name: item for name, item in results if isinstance(item, BaseException)}
    assert set(failed) == {server.url("/missing"), server.url("/picture.png")}
    assert all(isinstance(error, InputError) for error in failed.values())
    texts = [item.text for _, item in results if isinstance(item, Source)]
    assert texts == [f"Page number {n} is here. It says little else.\n" for n in range(PAGES)]


def test_the_look_ahead_is_bounded() -> None:
    pulled: list[int] = []

    def remote(number: int) -> Pending:
        pulled.append(number)
        return Pending(
            f"item {number}", lambda: Source(f"item {number}", f"Text {number}."), remote=True
        )

    results = load_in_order((remote(number) for number in range(10_000)), fetch_jobs=3)
    for taken in range(1, 41):
        name, _ = next(results)
        assert name == f"item {taken - 1}"
        assert len(pulled) <= taken + 16
    results.close()
    assert len(pulled) <= 40 + 16


# --- Files never touch the network -----------------------------------------------------------


def _forbid_the_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is forbidden in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    return attempts


def test_files_are_summarised_with_the_network_forbidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarize.many import summarize_inputs
    from summarize.options import SummaryOptions

    attempts = _forbid_the_network(monkeypatch)
    paths = [tmp_path / "harbour.txt", tmp_path / "notes.text", tmp_path / "plain"]
    for path in paths:
        path.write_text(ARTICLE * 2, encoding="utf-8")
    specs = [str(path) for path in paths]
    outcomes = list(summarize_inputs(specs, ReadOptions(), SummaryOptions.build(sentences=2)))
    assert [outcome.error for outcome in outcomes] == [None, None, None]
    for outcome in outcomes:
        assert outcome.summary is not None
        assert [s.text in ARTICLE for s in outcome.summary.sentences] == [True, True]
    assert attempts == []


def test_files_are_summarised_by_the_command_with_the_network_forbidden(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = _forbid_the_network(monkeypatch)
    first, second = tmp_path / "harbour.txt", tmp_path / "notes.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    second.write_text(ARTICLE, encoding="utf-8")
    result = run(str(first), str(second), "-n", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(ARTICLE.split(". ")[0]) == 2
    assert result.stderr == ""
    assert attempts == []


# --- The command -----------------------------------------------------------------------------


def test_the_command_summarises_a_url(run: Runner, server: LocalServer, tmp_path: Path) -> None:
    result = run(server.url("/article.txt"), "-n", "2")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line in ARTICLE for line in lines), lines
    local = tmp_path / "article.txt"
    local.write_text(ARTICLE, encoding="utf-8")
    assert run(str(local), "-n", "2").stdout == result.stdout  # the same as from a file


def test_a_missing_page_between_two_is_one_line(run: Runner, server: LocalServer) -> None:
    good, missing = server.url("/article.txt"), server.url("/missing")
    result = run(good, missing, server.url("/page/1"), "-n", "1")
    assert result.exit_code == 1
    assert result.stderr == f"summarize: {missing}: 404 Not Found\n"
    blocks = result.stdout.strip().split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == [
        f"==> {good} <==",
        f"==> {server.url('/page/1')} <==",
    ]
    assert all(len(block.splitlines()) == 2 for block in blocks)


def test_the_network_options_reach_the_fetch(
    run: Runner, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = server.url("/page/0")  # answers after 0.6 s
    start = time.monotonic()
    result = run(slow, "--deadline", "0.3")
    assert time.monotonic() - start < 2
    assert result.exit_code == 1
    assert result.stderr == (
        f"summarize: {slow}: the page took longer than the deadline of 0.3 s "
        "(raise it with --deadline)\n"
    )
    monkeypatch.setenv("SUMMARIZE_DEADLINE", "0.3")
    assert "deadline of 0.3 s" in run(slow).stderr
    assert run(slow, "--deadline", "5").exit_code == 0  # the flag wins over the variable
    for flag in ("--deadline", "--connect-timeout"):
        refused = run(slow, flag, "0")
        assert refused.exit_code == 2 and "must be a number of seconds above 0" in refused.stderr
    refused = run(slow, "--fetch-jobs", "0")
    assert refused.exit_code == 2 and "fetch_jobs must be at least 1" in refused.stderr


def test_the_command_reads_an_article_from_html(run: Runner) -> None:
    pytest.importorskip("summarize.sources.html", reason="the HTML reader is not in this checkout")
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in ARTICLE.strip().rstrip(".").split(". "))
    html = (
        "<!doctype html><html><head><title>Ferry terminal approved</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Ferry terminal approved</h1>{paragraphs}</article>"
        "<footer>Copyright Kestrel Bay Gazette. All rights reserved.</footer></body></html>"
    )
    with LocalServer({"/article.html": servers.page(html, "text/html; charset=utf-8")}) as site:
        result = run(site.url("/article.html"), "-n", "2")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(line in ARTICLE for line in lines), lines
