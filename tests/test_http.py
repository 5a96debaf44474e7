"""The HTTP client against a real server on 127.0.0.1: well-behaved pages and hostile ones.

Every hostile case must end within the deadline plus a second with one clear error; the
memory of the worst of them is measured in a subprocess (tests/test_http.py::test_memory...).
"""

from __future__ import annotations

import json
import pickle
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize import __version__
from summarize.errors import (
    FetchTimeoutError,
    HttpStatusError,
    InputError,
    InputTooLargeError,
    NetworkError,
    NotTextError,
    UnsupportedUrlError,
)
from summarize.sources.base import ReadOptions
from summarize.sources.http import MAX_REDIRECTS, Response, fetch, make_pool, redact
from tests import servers
from tests.servers import LocalServer

ROOT = Path(__file__).resolve().parent.parent
DEADLINE = 2.0
OPTIONS = ReadOptions(connect_timeout=1.0, deadline=DEADLINE, max_bytes=1024 * 1024)

ARTICLE = (
    "The river bridge in Millbrook reopened on Monday after two years of repairs. "
    "Engineers replaced the steel cables and strengthened the old stone piers. "
    "The town council said traffic on the high street would now fall by a third.\n"
)
ETAG = '"v1-bridge"'
LAST_MODIFIED = "Mon, 30 Nov 2026 08:00:00 GMT"


def _routes() -> dict[str, servers.Handler]:
    routes: dict[str, servers.Handler] = {
        "/article.txt": servers.page(ARTICLE),
        "/article.html": servers.page(
            f"<html><body><p>{ARTICLE}</p></body></html>", "text/html; charset=ISO-8859-1"
        ),
        "/zipped.txt": servers.gzipped(ARTICLE),
        "/conditional": servers.conditional(ARTICLE, ETAG, LAST_MODIFIED),
        "/missing": servers.status(404),
        "/broken": servers.status(500),
        "/hang": servers.hang,
        "/drip-body": servers.drip_body,
        "/drip-headers": servers.drip_headers,
        "/loop-a": servers.redirect("/loop-b"),
        "/loop-b": servers.redirect("/loop-a"),
        "/to-ftp": servers.redirect("ftp://127.0.0.1/file.txt"),
        "/to-credentials": servers.redirect("http://user:secret@127.0.0.1/"),
        "/gzip-bomb": servers.gzip_bomb(),
        "/deflate-bomb": servers.deflate_bomb(),
        "/huge-length": servers.announces(2 * 1024**3),
        "/endless": servers.endless_chunks,
        "/no-location": servers.status(302),
    }
    # /hop0 -> /hop1 -> ... -> /hop7 -> /article.txt
    for hop in range(8):
        routes[f"/hop{hop}"] = servers.redirect(f"/hop{hop + 1}" if hop < 7 else "/article.txt")
    types = {
        "png": "image/png",
        "json": "application/json",
        "zip": "application/zip",
        "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml",
        "xml": "application/xml",
        "textxml": "text/xml",
        "xhtml": "application/xhtml+xml",
        "markdown": "text/markdown",
        "pdf": "application/pdf",
        "octets": "application/octet-stream",
        "untyped": "",
    }
    for name, media in types.items():
        routes[f"/type-{name}"] = servers.page(b"<x/>", media)
    return routes


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(_routes()) as running:
        yield running


def _fail(url: str, kind: type[Exception], options: ReadOptions = OPTIONS) -> str:
    """The message of the error ``fetch(url)`` raises, checked to come in bounded time."""
    start = time.monotonic()
    with pytest.raises(kind) as caught:
        fetch(url, options)
    assert time.monotonic() - start < DEADLINE + 1
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- Pages that work -------------------------------------------------------------------------


def test_a_page_and_what_the_server_said(server: LocalServer) -> None:
    response = fetch(server.url("/article.txt"), OPTIONS)
    assert isinstance(response, Response)
    assert response.body == ARTICLE.encode()
    assert (response.status, response.reason) == (200, "OK")
    assert (response.content_type, response.charset) == ("text/plain", "utf-8")
    assert response.headers["content-length"] == str(len(ARTICLE.encode()))
    assert all(name == name.lower() for name in response.headers)
    assert response.url == server.url("/article.txt")
    assert not response.not_modified


def test_the_charset_and_type_are_normalised(server: LocalServer) -> None:
    response = fetch(server.url("/article.html"), OPTIONS)
    assert (response.content_type, response.charset) == ("text/html", "iso-8859-1")


def test_the_request_names_summarize_and_what_it_reads(server: LocalServer) -> None:
    fetch(server.url("/article.txt"), OPTIONS)
    path, headers = server.log[-1]
    assert path == "/article.txt"
    assert headers["user-agent"].startswith(f"summarize/{__version__} ")
    assert "text/html" in headers["accept"]
    assert "gzip" in headers["accept-encoding"]


def test_a_compressed_page_is_decoded(server: LocalServer) -> None:
    response = fetch(server.url("/zipped.txt"), OPTIONS)
    assert response.body == ARTICLE.encode()
    assert response.headers["content-encoding"] == "gzip"


def test_redirects_are_followed_up_to_five(server: LocalServer) -> None:
    # /hop3 is five redirects from the article.
    response = fetch(server.url("/hop3"), OPTIONS)
    assert response.url == server.url("/article.txt")
    assert response.body == ARTICLE.encode()
    message = _fail(server.url("/hop2"), NetworkError)
    assert f"too many redirects (more than {MAX_REDIRECTS})" in message
    assert message.startswith(server.url("/hop2") + ":")


@pytest.mark.parametrize(
    "name", ["rss", "atom", "xml", "textxml", "xhtml", "markdown", "pdf", "octets", "untyped"]
)
def test_types_summarize_may_read_are_fetched(server: LocalServer, name: str) -> None:
    response = fetch(server.url(f"/type-{name}"), OPTIONS)
    assert response.body == b"<x/>"


def test_conditional_requests_get_not_modified(server: LocalServer) -> None:
    first = fetch(server.url("/conditional"), OPTIONS)
    assert (first.etag, first.last_modified) == (ETAG, LAST_MODIFIED)
    assert first.body == ARTICLE.encode()
    again = fetch(server.url("/conditional"), OPTIONS, etag=first.etag)
    assert again.not_modified and again.status == 304 and again.body == b""
    assert again.etag == ETAG
    assert server.log[-1][1]["if-none-match"] == ETAG
    by_date = fetch(server.url("/conditional"), OPTIONS, last_modified=LAST_MODIFIED)
    assert by_date.not_modified and by_date.body == b""
    assert server.log[-1][1]["if-modified-since"] == LAST_MODIFIED
    changed = fetch(server.url("/conditional"), OPTIONS, etag='"v0-old"')
    assert not changed.not_modified and changed.body == ARTICLE.encode()


def test_connections_are_kept_alive_unless_a_body_is_left_unread(server: LocalServer) -> None:
    pool = make_pool(OPTIONS)
    before = len(server.clients)
    for _ in range(3):
        assert fetch(server.url("/article.txt"), OPTIONS, pool=pool).body == ARTICLE.encode()
    with pytest.raises(HttpStatusError):
        fetch(server.url("/missing"), OPTIONS, pool=pool)
    fetch(server.url("/article.txt"), OPTIONS, pool=pool)
    ports = server.clients[before:]
    assert len(set(ports[:4])) == 1  # one connection for three pages and the error
    assert ports[4] != ports[3]  # the error's body was not read: a new connection


# --- Refusals before any connection ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http and https URLs are fetched, not file:"),
        ("ftp://127.0.0.1/notes.txt", "only http and https URLs are fetched, not ftp:"),
        ("javascript:alert(1)", "only http and https URLs are fetched, not javascript:"),
        ("http://user:secret@127.0.0.1/", "URLs with a user name or password are refused"),
        ("http://user@127.0.0.1/", "URLs with a user name or password are refused"),
        ("http:///no-host", "the URL has no host"),
        ("http://127.0.0.1:port/", "not a valid URL"),
    ],
)
def test_urls_refused_before_connecting(
    url: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was attempted")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    message = _fail(url, UnsupportedUrlError)
    assert reason in message
    assert "secret" not in message


def test_redact_hides_only_the_password() -> None:
    assert redact("https://ann:hunter2@example.org/a?b=1") == "https://ann:***@example.org/a?b=1"
    assert redact("https://example.org/a") == "https://example.org/a"


# --- Errors from the server ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "line"),
    [("/missing", 404, "404 Not Found"), ("/broken", 500, "500 Internal Server Error")],
)
def test_http_errors_carry_their_status(
    server: LocalServer, path: str, status: int, line: str
) -> None:
    with pytest.raises(HttpStatusError) as caught:
        fetch(server.url(path), OPTIONS)
    assert caught.value.status == status
    assert str(caught.value) == f"{server.url(path)}: {line}"
    assert isinstance(caught.value, InputError)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.status, str(copy)) == (status, str(caught.value))


def test_a_redirect_without_location(server: LocalServer) -> None:
    assert "302 Found without a Location" in _fail(server.url("/no-location"), HttpStatusError)


def test_a_redirect_loop_is_named(server: LocalServer) -> None:
    message = _fail(server.url("/loop-a"), NetworkError)
    a, b = server.url("/loop-a"), server.url("/loop-b")
    assert message == f"{a}: redirect loop: {a} -> {b} -> {a}"


def test_redirects_are_checked_like_urls(server: LocalServer) -> None:
    message = _fail(server.url("/to-ftp"), UnsupportedUrlError)
    assert "redirected to ftp://127.0.0.1/file.txt: only http and https" in message
    message = _fail(server.url("/to-credentials"), UnsupportedUrlError)
    assert "user name or password" in message and "secret" not in message


@pytest.mark.parametrize(
    ("name", "media"),
    [("png", "image/png"), ("json", "application/json"), ("zip", "application/zip")],
)
def test_types_that_are_not_text_are_refused(server: LocalServer, name: str, media: str) -> None:
    message = _fail(server.url(f"/type-{name}"), NotTextError)
    assert message == f"{server.url(f'/type-{name}')}: not text: {media}"


# --- Hostile servers: bounded time, bounded size ---------------------------------------------


@pytest.mark.parametrize("path", ["/hang", "/drip-body", "/drip-headers"])
def test_slow_servers_meet_the_deadline(server: LocalServer, path: str) -> None:
    start = time.monotonic()
    message = _fail(server.url(path), FetchTimeoutError)
    assert time.monotonic() - start >= DEADLINE - 0.1
    assert message == (
        f"{server.url(path)}: the page took longer than the deadline of 2 s "
        "(raise it with --deadline)"
    )


def test_a_huge_length_is_refused_before_reading(server: LocalServer) -> None:
    start = time.monotonic()
    message = _fail(server.url("/huge-length"), InputTooLargeError)
    assert time.monotonic() - start < 0.5
    assert "larger than the limit of 1 MiB (it announces 2 GiB)" in message


@pytest.mark.parametrize("path", ["/endless", "/gzip-bomb", "/deflate-bomb"])
def test_bodies_past_the_cap_are_refused(server: LocalServer, path: str) -> None:
    message = _fail(server.url(path), InputTooLargeError)
    assert message == (
        f"{server.url(path)}: the page is larger than the limit of 1 MiB; "
        "raise it with --max-bytes (0 for no limit)"
    )


def test_no_limits_means_no_limits(server: LocalServer) -> None:
    lifted = ReadOptions(connect_timeout=1.0, deadline=0, max_bytes=0)
    assert fetch(server.url("/zipped.txt"), lifted).body == ARTICLE.encode()


_MEASURE = """
import json, resource, sys, time
from summarize.sources.base import ReadOptions
from summarize.sources.http import fetch
report = []
for deadline, url in zip(sys.argv[1::2], sys.argv[2::2]):
    options = ReadOptions(connect_timeout=1.0, deadline=float(deadline))  # default max_bytes
    start = time.monotonic()
    try:
        fetch(url, options)
        outcome = "fetched"
    except Exception as error:
        outcome = f"{type(error).__name__}: {error}"
    report.append([url, outcome, time.monotonic() - start])
# The high-water mark of this program's own memory: ru_maxrss would also count what the parent
# (a large test runner) held when it forked this process, as Linux keeps it across exec.
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) // 1024
print(json.dumps({"peak_mib": peak, "report": report}))
"""
TOO_BIG = ("gzip-bomb", "deflate-bomb", "endless", "huge-length")
TOO_SLOW = ("drip-body", "hang")


@pytest.mark.slow
def test_memory_and_time_of_the_hostile_cases(server: LocalServer) -> None:
    """The default 32 MiB cap, in a fresh process: peak memory stays far under 300 MB.

    The bodies that are too big get the default deadline, so that the cap stops them even on
    a busy machine (inflating 32 MiB takes about half a second); the slow ones get 2 s.
    """
    default = ReadOptions().deadline
    cases = [(str(default), server.url(f"/{name}")) for name in TOO_BIG]
    cases += [(str(DEADLINE), server.url(f"/{name}")) for name in TOO_SLOW]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *(arg for case in cases for arg in case)],
        capture_output=True,
        text=True,
        timeout=4 * default,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    outcomes = {url.rsplit("/", 1)[1]: (text, seconds) for url, text, seconds in result["report"]}
    for name in TOO_BIG:
        text, seconds = outcomes[name]
        assert text.startswith("InputTooLargeError:") and "limit of 32 MiB" in text, text
        assert seconds < default
    for name in TOO_SLOW:
        text, seconds = outcomes[name]
        assert text.startswith("FetchTimeoutError:"), text
        assert DEADLINE - 0.1 < seconds < DEADLINE + 1
    assert result["peak_mib"] < 300, result


# --- Failures of the network -----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{_free_port()}/page"
    assert _fail(url, NetworkError) == f"{url}: connection refused"


def test_connect_timeout() -> None:
    # A listener with a full backlog that never accepts: the handshake is never answered.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        filler = socket.create_connection(("127.0.0.1", port), timeout=1)
        try:
            options = ReadOptions(connect_timeout=0.5, deadline=DEADLINE)
            message = _fail(f"http://127.0.0.1:{port}/", FetchTimeoutError, options)
        finally:
            filler.close()
    assert "did not accept a connection within 0.5 s (raise it with --connect-timeout)" in message


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word (no TLS handshake either)."""
    held: list[socket.socket] = []
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.1)
        stop = threading.Event()

        def accept() -> None:
            while not stop.is_set():
                try:
                    held.append(listener.accept()[0])
                except OSError:
                    continue

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            yield int(listener.getsockname()[1])
        finally:
            stop.set()
            thread.join(timeout=2)
            for connection in held:
                connection.close()


def test_a_tls_handshake_that_never_comes(silent_port: int) -> None:
    url = f"https://127.0.0.1:{silent_port}/"
    start = time.monotonic()
    message = _fail(url, FetchTimeoutError, ReadOptions(connect_timeout=0.5, deadline=DEADLINE))
    assert time.monotonic() - start < 1.5
    assert message == (
        f"{url}: the server did not accept a connection within 0.5 s "
        "(raise it with --connect-timeout)"
    )
    # With a longer connect timeout, the deadline ends it.
    message = _fail(url, FetchTimeoutError, ReadOptions(connect_timeout=10, deadline=1))
    assert "took longer than the deadline of 1 s" in message


def test_dns_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    url = "http://news.example.invalid/today"
    message = _fail(url, NetworkError)
    assert message == f"{url}: cannot find the host news.example.invalid (DNS lookup failed)"


def test_tls_to_a_plain_server(server: LocalServer) -> None:
    url = server.url("/article.txt").replace("http://", "https://")
    assert _fail(url, NetworkError).startswith(f"{url}: TLS error: ")


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A certificate authority and two certificates for 127.0.0.1: one it signed, one not."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate to test with")
    folder = tmp_path_factory.mktemp("tls")
    new_key = ("-newkey", "rsa:2048", "-nodes", "-days", "1")
    _openssl("req", "-x509", *new_key, "-subj", "/CN=Test CA", "-keyout", str(folder / "ca.key"),
             "-out", str(folder / "ca.pem"), "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign")  # fmt: skip
    _openssl("req", "-x509", *new_key, "-subj", "/CN=127.0.0.1",
             "-keyout", str(folder / "self.key"), "-out", str(folder / "self.pem"))  # fmt: skip
    _openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
             "-keyout", str(folder / "signed.key"), "-out", str(folder / "signed.csr"))  # fmt: skip
    (folder / "san.ext").write_text("subjectAltName=IP:127.0.0.1\n")
    _openssl("x509", "-req", "-in", str(folder / "signed.csr"), "-CA", str(folder / "ca.pem"),
             "-CAkey", str(folder / "ca.key"), "-CAcreateserial", "-days", "1",
             "-extfile", str(folder / "san.ext"), "-out", str(folder / "signed.pem"))  # fmt: skip
    return folder


def _tls_server(folder: Path, name: str) -> LocalServer:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / f"{name}.pem", folder / f"{name}.key")
    return LocalServer({"/article.txt": servers.page(ARTICLE)}, tls=context)


def test_a_self_signed_certificate_is_refused(certificates: Path) -> None:
    with _tls_server(certificates, "self") as server:
        url = server.url("/article.txt")
        message = _fail(url, NetworkError)
    assert message.startswith(f"{url}: TLS error: certificate verify failed")


def test_a_trusted_certificate_is_accepted(
    certificates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The system's trust store, which SSL_CERT_FILE replaces (as for a company's own CA).
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates / "ca.pem"))
    with _tls_server(certificates, "signed") as server:
        response = fetch(server.url("/article.txt"), OPTIONS, pool=make_pool(OPTIONS))
        assert response.body == ARTICLE.encode()
        # Verification is on: the same trust store refuses a certificate the CA did not sign.
    with _tls_server(certificates, "self") as server:
        _fail(server.url("/article.txt"), NetworkError)


# --- Proxies from the environment ------------------------------------------------------------


@pytest.fixture
def only_local_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any name but 127.0.0.1 fails to resolve: a fetch through a proxy needs no lookup."""
    resolve = socket.getaddrinfo

    def local_only(host: object, *args: object, **kwargs: object) -> object:
        if host != "127.0.0.1":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return resolve(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.mark.usefixtures("only_local_names")
def test_the_proxy_of_the_environment_is_used(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.port}")
    url = "http://news.example.invalid/article.txt"
    response = fetch(url, OPTIONS, pool=make_pool(OPTIONS))
    assert response.body == ARTICLE.encode() and response.url == url
    path, headers = server.log[-1]
    assert path == url  # the proxy was asked for the whole URL
    assert "proxy-authorization" not in headers


@pytest.mark.usefixtures("only_local_names")
def test_no_proxy_connects_directly(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.port}")
    monkeypatch.setenv("no_proxy", "localhost,.example.invalid")
    url = "http://news.example.invalid/article.txt"
    assert "cannot find the host news.example.invalid" in _fail(url, NetworkError)


def test_proxy_credentials_go_in_a_header(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://ann:s%40cret@127.0.0.1:{server.port}")
    target = server.url("/article.txt").replace("127.0.0.1", "localhost")
    assert fetch(target, OPTIONS, pool=make_pool(OPTIONS)).body == ARTICLE.encode()
    _, headers = server.log[-1]
    assert headers["proxy-authorization"] == "Basic YW5uOnNAY3JldA=="  # ann:s@cret


def test_an_unreachable_proxy_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = f"http://127.0.0.1:{_free_port()}"
    monkeypatch.setenv("https_proxy", proxy)
    url = "https://news.example.invalid/article.txt"
    message = _fail(url, NetworkError)
    assert message == f"{url}: through the proxy {proxy}: connection refused"


def test_a_socks_proxy_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("all_proxy", "socks5://127.0.0.1:1080")
    message = _fail("http://news.example.invalid/", UnsupportedUrlError)
    assert "only http and https proxies are supported" in message


def test_a_failure_after_a_redirect_names_both_urls(server: LocalServer) -> None:
    port = _free_port()
    server.routes["/to-closed"] = servers.redirect(f"http://127.0.0.1:{port}/gone")
    start = server.url("/to-closed")
    message = _fail(start, NetworkError)
    assert message == (f"{start} (redirected to http://127.0.0.1:{port}/gone): connection refused")
