"""The one HTTP client of summarize: bounded in time and size, strict about what it fetches.

Every page is fetched under three limits that a hostile or broken server cannot stretch:

* a connect timeout (``ReadOptions.connect_timeout``);
* a total deadline for the whole page, redirects included (``ReadOptions.deadline``). urllib3's
  read timeout applies to one socket operation, so a server that sends a byte a second never
  trips it; a watchdog shuts the socket down when the deadline passes, which wakes a read
  blocked anywhere (status line, headers, TLS, body), and the clock is checked between chunks;
* a cap on the body after decompression (``ReadOptions.max_bytes``): decoded chunks are counted
  as they arrive and reading stops one byte past the cap, so a gzip bomb is refused having
  inflated no more than the cap.

Only http and https URLs without credentials are fetched, redirects included (at most
:data:`MAX_REDIRECTS`, a loop is named as one); certificates are always verified. Every failure
is a :class:`~summarize.errors.SummarizeError` whose message starts with the URL.

urllib3 costs about 75 ms to import: import this module only when a URL is read.
"""

from __future__ import annotations

import contextlib
import email.message
import http
import http.client
import socket
import ssl
import threading
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

import urllib3
import urllib3.exceptions
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import make_headers

from summarize import __version__
from summarize.errors import (
    FetchTimeoutError,
    HttpStatusError,
    InputTooLargeError,
    NetworkError,
    NotTextError,
    UnsupportedUrlError,
)
from summarize.sources.base import ReadOptions

__all__ = [
    "ACCEPT",
    "MAX_REDIRECTS",
    "USER_AGENT",
    "Response",
    "check_url",
    "fetch",
    "make_pool",
    "proxy_for",
    "redact",
    "shared_pool",
]

MAX_REDIRECTS = 5
USER_AGENT = f"summarize/{__version__} (+https://pypi.org/project/summarize/)"
# What summarize can read, best first. JSON is not asked for and is refused: it is data, not
# prose, and its "sentences" would be keys and brackets.
ACCEPT = (
    "text/html, application/xhtml+xml, text/plain, text/markdown, application/pdf, "
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/*;q=0.8"
)
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Types that say nothing about the content: the bytes decide (binary data is refused when
# decoded, by its signature or its NUL bytes).
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_XML_TYPES = frozenset({"application/xml", "application/xhtml+xml"})


@dataclass(frozen=True)
class Response:
    """A fetched page: where it ended up, what the server said, and the decoded body."""

    url: str  # the final URL, after redirects
    status: int
    reason: str
    content_type: str  # the media type, lower-cased, without parameters ("" when not sent)
    charset: str | None  # from the Content-Type header
    headers: Mapping[str, str]  # lower-cased names
    body: bytes  # after Content-Encoding is undone; empty when not modified
    not_modified: bool = False  # 304 to a conditional request
    etag: str | None = None
    last_modified: str | None = None


# --- URLs ------------------------------------------------------------------------------------


def redact(url: str) -> str:
    """``url`` fit for a message: a password in it is replaced by ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def check_url(url: str) -> str:
    """``url`` if summarize may fetch it: http or https, a host, no credentials."""
    shown = redact(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        raise UnsupportedUrlError(f"{shown}: not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"{scheme}:" if scheme else "a URL without a scheme"
        raise UnsupportedUrlError(f"{shown}: only http and https URLs are fetched, not {what}")
    if "@" in parts.netloc:
        raise UnsupportedUrlError(
            f"{shown}: URLs with a user name or password are refused "
            "(they would be sent in clear to every server the page redirects to)"
        )
    if not parts.hostname:
        raise UnsupportedUrlError(f"{shown}: the URL has no host")
    return url


# --- The pool and the deadline watchdog ------------------------------------------------------


class _Watch:
    """The deadline of one fetch: when it passes, the socket in use is shut down.

    Shutting a socket down from another thread wakes a ``recv`` blocked on it, wherever it is
    blocked (TLS handshake, status line, headers, body), which no per-operation timeout does
    for a server that sends a byte at a time.
    """

    def __init__(self, seconds: float | None) -> None:
        self.expired = False
        self._done = False
        self._connection: HTTPConnection | None = None
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        if seconds is not None:
            self._timer = threading.Timer(seconds, self._expire)
            self._timer.daemon = True
            self._timer.start()

    def attach(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connection = connection
            # http.client drops the connection's socket when the response is to be read to
            # the close of the connection; the response still reads from it.
            self._socket = connection.sock or self._socket
            if self.expired:
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            self._shut()

    def _shut(self) -> None:
        sock = self._connection.sock if self._connection is not None else None
        for each in {id(s): s for s in (sock, self._socket) if s is not None}.values():
            # socket.socket's own shutdown: SSLSocket's drops its TLS state under a reader.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(each, socket.SHUT_RDWR)

    def stop(self) -> None:
        """Called before the connection goes back to the pool: it is never shut afterwards."""
        with self._lock:
            self._done = True
            self._connection = None
            self._socket = None
        if self._timer is not None:
            self._timer.cancel()


_current = threading.local()


def _attach(connection: HTTPConnection) -> None:
    watch: _Watch | None = getattr(_current, "watch", None)
    if watch is not None:
        watch.attach(connection)


class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        _attach(self)
        super().connect()
        _attach(self)

    def getresponse(self) -> Any:  # a reused connection is attached here
        _attach(self)
        return super().getresponse()


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        _attach(self)
        super().connect()
        _attach(self)

    def getresponse(self) -> Any:
        _attach(self)
        return super().getresponse()


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOL_SETTINGS: dict[str, Any] = {
    "num_pools": 32,
    "block": False,
    "retries": False,
    "cert_reqs": ssl.CERT_REQUIRED,
}


class _Pool(urllib3.PoolManager):
    """Connections kept alive per host, and through the proxy the environment names for a URL
    (``https_proxy``, ``http_proxy``, ``all_proxy``, ``no_proxy``, as curl and pip read them)."""

    def __init__(self, jobs: int) -> None:
        super().__init__(maxsize=jobs, **_POOL_SETTINGS)
        self.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
        self._jobs = jobs
        self._proxies: dict[str, urllib3.ProxyManager] = {}
        self._proxies_lock = threading.Lock()

    def urlopen(  # type: ignore[override]
        self, method: str, url: str, redirect: bool = True, **kw: Any
    ) -> urllib3.BaseHTTPResponse:
        proxy = proxy_for(url)
        if proxy is None:
            return super().urlopen(method, url, redirect=redirect, **kw)
        return self._through(proxy).urlopen(method, url, redirect=redirect, **kw)

    def _through(self, proxy: str) -> urllib3.ProxyManager:
        with self._proxies_lock:
            manager = self._proxies.get(proxy)
            if manager is None:
                parts = urlsplit(proxy)
                headers = {}
                if parts.username is not None:
                    credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
                    headers = make_headers(proxy_basic_auth=credentials)
                    proxy = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))
                manager = urllib3.ProxyManager(
                    proxy, proxy_headers=headers, maxsize=self._jobs, **_POOL_SETTINGS
                )
                manager.pool_classes_by_scheme = self.pool_classes_by_scheme
                self._proxies[proxy] = manager
            return manager


def proxy_for(url: str) -> str | None:
    """The proxy the environment names for ``url``, or None for a direct connection."""
    proxies = urllib.request.getproxies_environment()
    parts = urlsplit(url)
    proxy = proxies.get(parts.scheme.lower()) or proxies.get("all")
    bypass = urllib.request.proxy_bypass_environment  # type: ignore[attr-defined]
    if not proxy or bypass(parts.netloc, proxies):
        return None
    if "://" not in proxy:
        proxy = f"http://{proxy}"
    if urlsplit(proxy).scheme.lower() not in ("http", "https"):
        raise UnsupportedUrlError(
            f"{redact(proxy)}: only http and https proxies are supported (set no_proxy, or "
            "unset the proxy variable, to connect directly)"
        )
    return proxy


def make_pool(options: ReadOptions | None = None) -> urllib3.PoolManager:
    """A connection pool for concurrent fetches (it is thread-safe), keeping up to
    ``fetch_jobs`` connections to each host alive between pages, and connecting through the
    proxy of the environment where one is set.

    Certificates are verified against the system's trust store; there is no way to turn that
    off. Redirects and retries are left to :func:`fetch`, which checks every hop.
    """
    return _Pool(max(1, (options or ReadOptions()).fetch_jobs))


_shared: urllib3.PoolManager | None = None
_shared_lock = threading.Lock()


def shared_pool() -> urllib3.PoolManager:
    """The pool of the process, made on first use: what :func:`fetch` uses unless given one,
    so that every reader of a run (pages, feeds, the pages feed entries link to) shares it."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = make_pool(ReadOptions(fetch_jobs=16))
        return _shared


# --- Fetching --------------------------------------------------------------------------------


def fetch(
    url: str,
    options: ReadOptions,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    pool: urllib3.PoolManager | None = None,
) -> Response:
    """GET ``url`` within the limits of ``options`` (see the module doc).

    ``etag`` and ``last_modified`` (from an earlier :class:`Response`) make the request
    conditional: an unchanged page is a response with ``not_modified`` and no body. ``pool``
    defaults to :func:`shared_pool`.
    """
    check_url(url)
    deadline = options.deadline if options.deadline and options.deadline > 0 else None
    watch = _Watch(deadline)
    _current.watch = watch
    try:
        return _follow(url, options, pool or shared_pool(), watch, etag, last_modified)
    finally:
        watch.stop()
        _current.watch = None


def _follow(
    url: str,
    options: ReadOptions,
    pool: urllib3.PoolManager,
    watch: _Watch,
    etag: str | None,
    last_modified: str | None,
) -> Response:
    """Follow redirects by hand, so that every hop is checked and the chain can be named."""
    start = time.monotonic()
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": ACCEPT,
        "Accept-Encoding": make_headers(accept_encoding=True)["accept-encoding"],
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    chain = [url]
    while True:
        response = _request(chain, options, pool, watch, headers, start)
        status = response.status
        if status not in _REDIRECTS:
            return _complete(chain, response, options, watch, start, etag, last_modified)
        location = response.headers.get("location")
        _discard(response)
        if not location:
            raise HttpStatusError(
                f"{_name(chain)}: {_status_line(response)} without a Location", status
            )
        target = urljoin(chain[-1], location.strip())
        if target in chain:
            loop = " -> ".join(redact(hop) for hop in [*chain[chain.index(target) :], target])
            raise NetworkError(f"{redact(chain[0])}: redirect loop: {loop}")
        if len(chain) > MAX_REDIRECTS:
            raise NetworkError(
                f"{redact(chain[0])}: too many redirects (more than {MAX_REDIRECTS}); "
                f"the last went to {redact(target)}"
            )
        try:
            check_url(target)
        except UnsupportedUrlError as error:
            raise UnsupportedUrlError(f"{redact(chain[0])}: redirected to {error}") from None
        chain.append(target)


def _name(chain: list[str]) -> str:
    """How a message names the page: the URL asked for, and where it ended if elsewhere."""
    if len(chain) == 1:
        return redact(chain[0])
    return f"{redact(chain[0])} (redirected to {redact(chain[-1])})"


def _remaining(start: float, options: ReadOptions) -> float | None:
    if not options.deadline or options.deadline <= 0:
        return None
    return options.deadline - (time.monotonic() - start)


def _request(
    chain: list[str],
    options: ReadOptions,
    pool: urllib3.PoolManager,
    watch: _Watch,
    headers: dict[str, str],
    start: float,
) -> urllib3.BaseHTTPResponse:
    url, name = chain[-1], _name(chain)
    remaining = _remaining(start, options)
    if remaining is not None and remaining <= 0:
        raise _deadline_error(name, options)
    connect = options.connect_timeout if options.connect_timeout > 0 else None
    if remaining is not None:
        connect = remaining if connect is None else min(connect, remaining)
    try:
        return pool.request(
            "GET",
            url,
            headers=headers,
            preload_content=False,
            decode_content=True,
            redirect=False,
            retries=False,
            timeout=urllib3.Timeout(connect=connect, read=remaining),
        )
    except Exception as error:
        left = _remaining(start, options)
        if _timed_out(error) and not watch.expired and (left is None or left > 0.25):
            # One socket operation of the connection (TCP or the TLS handshake) ran past the
            # connect timeout; reads are given the rest of the deadline.
            raise _connect_timeout(name, options) from None
        raise _network_error(name, error, options, watch, url) from None


def _timed_out(error: BaseException) -> bool:
    if isinstance(error, NewConnectionError):  # a ConnectTimeoutError in urllib3's tree
        return False
    return isinstance(error, (ConnectTimeoutError, ReadTimeoutError, TimeoutError))


def _connect_timeout(name: str, options: ReadOptions) -> FetchTimeoutError:
    return FetchTimeoutError(
        f"{redact(name)}: the server did not accept a connection within "
        f"{options.connect_timeout:g} s (raise it with --connect-timeout)"
    )


def _complete(
    chain: list[str],
    response: urllib3.BaseHTTPResponse,
    options: ReadOptions,
    watch: _Watch,
    start: float,
    etag: str | None,
    last_modified: str | None,
) -> Response:
    """Check the status and the type, then read the body within the limits."""
    name = _name(chain)
    status = response.status
    headers = {key.lower(): response.headers[key] for key in response.headers}
    content_type, charset = _parse_content_type(headers.get("content-type", ""))
    conditional = bool(etag or last_modified)
    body = b""
    try:
        if status == 304 and conditional:
            pass
        elif not 200 <= status < 300:
            raise HttpStatusError(f"{name}: {_status_line(response)}", status)
        else:
            _check_type(name, content_type)
            body = _read_body(name, response, options, watch, start)
    except BaseException:
        _discard(response)
        raise
    watch.stop()  # the whole body is read: the connection can be reused
    response.release_conn()
    return Response(
        url=chain[-1],
        status=status,
        reason=_reason(response),
        content_type=content_type,
        charset=charset,
        headers=headers,
        body=body,
        not_modified=status == 304,
        etag=headers.get("etag") or (etag if status == 304 else None),
        last_modified=headers.get("last-modified") or (last_modified if status == 304 else None),
    )


def _read_body(
    name: str,
    response: urllib3.BaseHTTPResponse,
    options: ReadOptions,
    watch: _Watch,
    start: float,
) -> bytes:
    cap = options.max_bytes if options.max_bytes > 0 else None
    length = response.headers.get("content-length", "").strip()
    if cap is not None and length.isdigit() and int(length) > cap:
        raise _too_large(name, cap, f" (it announces {_size(int(length))})")
    data = bytearray()
    try:
        while True:
            remaining = _remaining(start, options)
            if watch.expired or (remaining is not None and remaining <= 0):
                raise _deadline_error(name, options)
            want = _CHUNK if cap is None else min(_CHUNK, cap + 1 - len(data))
            chunk = response.read(want, decode_content=True)
            if not chunk:
                break
            data += chunk
            if cap is not None and len(data) > cap:
                raise _too_large(name, cap, "")
    except (InputTooLargeError, FetchTimeoutError):
        raise
    except Exception as error:
        raise _network_error(name, error, options, watch) from None
    if watch.expired:  # the watchdog's shutdown can look like the end of the body
        raise _deadline_error(name, options)
    return bytes(data)


def _discard(response: urllib3.BaseHTTPResponse) -> None:
    """Drop a response not read to its end: its connection cannot carry another request."""
    try:
        response.close()
    finally:
        response.release_conn()


def _check_type(name: str, content_type: str) -> None:
    """Refuse what summarize cannot read before reading it: images, archives, JSON, video."""
    if (
        content_type in _UNKNOWN_TYPES
        or content_type.startswith("text/")
        or content_type in _XML_TYPES
        or content_type.endswith("+xml")
        or content_type in _PDF_TYPES
    ):
        return
    raise NotTextError(f"{name}: not text: {content_type}")


def _parse_content_type(value: str) -> tuple[str, str | None]:
    message = email.message.Message()
    message["content-type"] = value
    media = message.get_content_type() if value.strip() else ""
    # email's default for a missing or malformed type is text/plain; an absent header is "".
    if value.strip() and "/" not in value.split(";", 1)[0]:
        media = ""
    charset = message.get_param("charset")
    return media.lower(), (charset.strip().lower() or None) if isinstance(charset, str) else None


def _reason(response: urllib3.BaseHTTPResponse) -> str:
    if response.reason:
        return response.reason
    try:
        return http.HTTPStatus(response.status).phrase
    except ValueError:
        return ""


def _status_line(response: urllib3.BaseHTTPResponse) -> str:
    return f"{response.status} {_reason(response)}".rstrip()


def _size(size: int) -> str:
    from summarize.sources import format_size

    return format_size(size)


def _too_large(name: str, cap: int, detail: str) -> InputTooLargeError:
    return InputTooLargeError(
        f"{name}: the page is larger than the limit of {_size(cap)}{detail}; "
        "raise it with --max-bytes (0 for no limit)"
    )


def _deadline_error(name: str, options: ReadOptions) -> FetchTimeoutError:
    return FetchTimeoutError(
        f"{redact(name)}: the page took longer than the deadline of {options.deadline:g} s "
        "(raise it with --deadline)"
    )


def _network_error(
    name: str,
    error: BaseException,
    options: ReadOptions,
    watch: _Watch,
    url: str | None = None,
) -> NetworkError:
    """One line for a failure of the network, whichever layer raised it; ``name`` is how the
    message names the page, ``url`` the hop that failed (after redirects)."""
    hop = url or name
    if isinstance(error, (NetworkError,)):
        return error
    if watch.expired:
        return _deadline_error(name, options)
    name = redact(name)
    if isinstance(error, NameResolutionError) or isinstance(
        getattr(error, "__cause__", None), socket.gaierror
    ):
        host = urlsplit(hop).hostname or hop
        return NetworkError(f"{name}: cannot find the host {host} (DNS lookup failed)")
    if isinstance(error, ProxyError):
        proxy = proxy_for(hop)
        inner = error.original_error if error.original_error is not None else error
        reason = _network_error(f"{proxy}", inner, options, watch)
        return NetworkError(f"{name}: through the proxy {reason}")
    # NewConnectionError is a ConnectTimeoutError in urllib3 (for compatibility): first.
    if isinstance(error, NewConnectionError):
        text = str(error).lower()
        if "refused" in text:
            return NetworkError(f"{name}: connection refused")
        if "unreachable" in text:
            return NetworkError(f"{name}: the network or the host is unreachable")
        return NetworkError(f"{name}: cannot connect ({_last_line(error)})")
    if isinstance(error, ConnectTimeoutError):
        return _connect_timeout(name, options)
    if isinstance(error, (ReadTimeoutError, TimeoutError, socket.timeout)):
        return _deadline_error(name, options)
    if isinstance(error, (SSLError, ssl.SSLError)):
        return NetworkError(f"{name}: TLS error: {_tls_reason(error)}")
    if isinstance(error, DecodeError):
        return NetworkError(f"{name}: the server sent a body it says is compressed but is not")
    if isinstance(error, ProtocolError):
        return NetworkError(f"{name}: {_broken(error)}")
    if isinstance(error, (HTTPError, OSError, http.client.HTTPException)):
        return NetworkError(f"{name}: cannot fetch ({_last_line(error)})")
    raise error


def _broken(error: ProtocolError) -> str:
    """Why a connection broke off in the middle of a response, in words."""
    causes = [cause for cause in error.args if isinstance(cause, BaseException)]
    for cause in causes:
        if isinstance(cause, (http.client.IncompleteRead, urllib3.exceptions.IncompleteRead)):
            got = cause.partial if isinstance(cause.partial, int) else len(cause.partial)
            more = f" of {got + cause.expected}" if isinstance(cause.expected, int) else ""
            return (
                "the server closed the connection before the end of the page "
                f"({got}{more} bytes came)"
            )
        if isinstance(cause, ConnectionResetError):
            return "the server reset the connection"
        if isinstance(cause, http.client.RemoteDisconnected):
            return "the server closed the connection without answering"
    return f"the connection broke off ({_last_line(causes[-1] if causes else error)})"


def _tls_reason(error: BaseException) -> str:
    """The innermost TLS reason: 'certificate verify failed: self-signed certificate'."""
    seen = error
    while True:
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        inner = inner or seen.__cause__ or seen.__context__
        if inner is None or inner is seen:
            break
        seen = inner
    if isinstance(seen, ssl.SSLCertVerificationError) and seen.verify_message:
        return f"certificate verify failed: {seen.verify_message}"
    if isinstance(seen, ssl.SSLError) and seen.reason:
        return str(seen.reason).lower().replace("_", " ")
    return _last_line(seen)


def _last_line(error: BaseException) -> str:
    """The useful end of urllib3's nested messages ("...: [Errno 104] Connection reset")."""
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[-1][-200:]
