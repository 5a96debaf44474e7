"""The connection pool of the HTTP client, and the watchdog that holds every fetch to its
deadline.

urllib3's read timeout applies to one socket operation, so a server that sends a byte a second
never trips it; the watchdog shuts the socket down when the deadline passes, which wakes a read
blocked anywhere (status line, headers, TLS, body).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import urllib.request
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util import make_headers

from summarize.errors import UnsupportedUrlError
from summarize.sources.base import ReadOptions
from summarize.sources.http_urls import redact


class Watch:
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


current_fetch = threading.local()


def _attach(connection: HTTPConnection) -> None:
    watch: Watch | None = getattr(current_fetch, "watch", None)
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
