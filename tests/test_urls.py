"""URLs as inputs: the reader, concurrent loading in input order, and files read offline."""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
import types
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from summarize.errors import HttpStatusError, InputError
from summarize.sources.base import Pending, Reader, ReadOptions, Source
from summarize.sources.concurrent import Loaded, load_all
from summarize.sources.urls import UrlReader
from tests import servers
from tests.servers import LocalServer

OPTIONS = ReadOptions(connect_timeout=1.0, deadline=5.0, max_bytes=1024 * 1024)

ARTICLE = (
    "The harbour authority in Kestrel Bay approved a new ferry terminal on Tuesday. "
    "The terminal will double the number of daily crossings to the islands. "
    "Fishermen worry that the building work will disturb the spring spawning grounds. "
    "The authority promised to pause dredging between March and May.\n"
)


def _standin_sources_from_bytes(
    name: str,
    data: bytes,
    *,
    content_type: str,
    charset: str | None,
    url: str | None,
    options: ReadOptions,
) -> Iterator[Pending]:
    """The plain-text part of summarize.sources.formats, for as long as it is not there."""
    from summarize.sources.decoding import decode

    def load() -> Source:
        text = decode(data, name, charset or options.encoding)
        return Source(name=name, text=text, url=url, media_type=content_type or "text/plain")

    yield Pending(name, load)


@pytest.fixture(autouse=True)
def _formats(monkeypatch: pytest.MonkeyPatch) -> None:
    if importlib.util.find_spec("summarize.sources.formats") is None:
        module = types.ModuleType("summarize.sources.formats")
        module.sources_from_bytes = _standin_sources_from_bytes  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "summarize.sources.formats", module)


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


def test_a_page_becomes_a_source(server: LocalServer) -> None:
    (pending,) = UrlReader().expand(server.url("/moved"), OPTIONS)
    source = pending.load()
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
    results = list(load_all(pending, jobs=4))
    assert [loaded.name for loaded in results] == urls
    assert in_flight.most == 4  # as many as allowed, never more
    failed = {loaded.name: loaded.error for loaded in results if loaded.error is not None}
    assert set(failed) == {server.url("/missing"), server.url("/picture.png")}
    assert all(isinstance(error, InputError) for error in failed.values())
    texts = [loaded.result().text for loaded in results if loaded.error is None]
    assert texts == [f"Page number {n} is here. It says little else.\n" for n in range(PAGES)]


def _pending(number: int, pulled: list[int]) -> Pending:
    pulled.append(number)
    return Pending(f"item {number}", lambda: Source(f"item {number}", f"Text {number}."))


def test_the_look_ahead_is_bounded() -> None:
    pulled: list[int] = []
    items = (_pending(number, pulled) for number in range(10_000))
    results = load_all(items, jobs=3, window=5)
    for taken in range(1, 21):
        loaded = next(results)
        assert loaded.name == f"item {taken - 1}"
        assert len(pulled) <= taken + 5
    results.close()  # stops the workers; nothing else is pulled
    assert len(pulled) <= 25


def test_one_job_loads_in_the_calling_thread() -> None:
    seen: list[str] = []

    def load() -> Source:
        seen.append(threading.current_thread().name)
        return Source("only", "One sentence.")

    (loaded,) = load_all([Pending("only", load)], jobs=1)
    assert isinstance(loaded, Loaded) and loaded.result().text == "One sentence."
    assert seen == [threading.current_thread().name]


def test_a_failure_is_reported_in_its_place() -> None:
    def broken() -> Source:
        raise InputError("second: cannot read")

    items = [
        Pending("first", lambda: Source("first", "One.")),
        Pending("second", broken),
        Pending("third", lambda: Source("third", "Three.")),
    ]
    results = list(load_all(items, jobs=2))
    assert [(r.name, r.source is not None, str(r.error or "")) for r in results] == [
        ("first", True, ""),
        ("second", False, "second: cannot read"),
        ("third", True, ""),
    ]
    with pytest.raises(InputError, match="cannot read"):
        results[1].result()


# --- Files never touch the network -----------------------------------------------------------


def test_files_are_summarised_with_the_network_forbidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarize
    from summarize.sources import read_source

    attempts: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("the network is forbidden in this test")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE * 3, encoding="utf-8")
    source = read_source(str(path))
    summary = summarize.summarize(source.text, sentences=2)
    assert len(list(summary)) == 2
    assert all(sentence.text in ARTICLE for sentence in summary)
    assert attempts == []
