"""One line for every way a fetch can fail, whichever layer (socket, TLS, urllib3, http.client)
raised it, each naming the page."""

from __future__ import annotations

import http
import http.client
import socket
import ssl
from urllib.parse import urlsplit

import urllib3
import urllib3.exceptions
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

from summarize.errors import FetchTimeoutError, InputTooLargeError, NetworkError
from summarize.sources.base import ReadOptions
from summarize.sources.http_pool import Watch, proxy_for
from summarize.sources.http_urls import redact


def timed_out(error: BaseException) -> bool:
    """Whether ``error`` is a timeout of one socket operation (not a refused connection)."""
    if isinstance(error, NewConnectionError):  # a ConnectTimeoutError in urllib3's tree
        return False
    return isinstance(error, (ConnectTimeoutError, ReadTimeoutError, TimeoutError))


def connect_timeout_error(name: str, options: ReadOptions) -> FetchTimeoutError:
    """The page named ``name`` did not get a connection within the connect timeout."""
    return FetchTimeoutError(
        f"{redact(name)}: the server did not accept a connection within "
        f"{options.connect_timeout:g} s (raise it with --connect-timeout)"
    )


def reason_phrase(response: urllib3.BaseHTTPResponse) -> str:
    """The server's reason phrase, or the standard one for its status when it sent none."""
    if response.reason:
        return response.reason
    try:
        return http.HTTPStatus(response.status).phrase
    except ValueError:
        return ""


def status_line(response: urllib3.BaseHTTPResponse) -> str:
    """``404 Not Found``: the status and its reason, as a message shows them."""
    return f"{response.status} {reason_phrase(response)}".rstrip()


def size_text(size: int) -> str:
    """A size in bytes as a message shows it (``32 MiB``, ``17 bytes``)."""
    from summarize.sources import format_size

    return format_size(size)


def too_large(name: str, cap: int, detail: str) -> InputTooLargeError:
    """The page is larger than ``--max-bytes``; ``detail`` says what it announced, if it did."""
    return InputTooLargeError(
        f"{name}: the page is larger than the limit of {size_text(cap)}{detail}; "
        "raise it with --max-bytes (0 for no limit)"
    )


def deadline_error(name: str, options: ReadOptions) -> FetchTimeoutError:
    """The page took longer than the whole deadline of ``--deadline``."""
    return FetchTimeoutError(
        f"{redact(name)}: the page took longer than the deadline of {options.deadline:g} s "
        "(raise it with --deadline)"
    )


def network_error(
    name: str,
    error: BaseException,
    options: ReadOptions,
    watch: Watch,
    url: str | None = None,
) -> NetworkError:
    """One line for a failure of the network, whichever layer raised it; ``name`` is how the
    message names the page, ``url`` the hop that failed (after redirects)."""
    hop = url or name
    if isinstance(error, (NetworkError,)):
        return error
    if watch.expired:
        return deadline_error(name, options)
    name = redact(name)
    if isinstance(error, NameResolutionError) or isinstance(
        getattr(error, "__cause__", None), socket.gaierror
    ):
        host = urlsplit(hop).hostname or hop
        return NetworkError(f"{name}: cannot find the host {host} (DNS lookup failed)")
    if isinstance(error, ProxyError):
        proxy = proxy_for(hop)
        inner = error.original_error if error.original_error is not None else error
        reason = network_error(f"{proxy}", inner, options, watch)
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
        return connect_timeout_error(name, options)
    if isinstance(error, (ReadTimeoutError, TimeoutError, socket.timeout)):
        return deadline_error(name, options)
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
