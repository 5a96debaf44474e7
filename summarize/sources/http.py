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

The pool and its watchdog are in :mod:`~summarize.sources.http_pool`, the one-line messages of
failures in :mod:`~summarize.sources.http_errors`, which URLs are fetched in
:mod:`~summarize.sources.http_urls`, which media types are read in
:mod:`~summarize.sources.http_types`. urllib3 costs about 75 ms to import: import this module only
when a URL is read.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

import urllib3
from urllib3.util import make_headers

from summarize import __version__
from summarize.errors import (
    FetchTimeoutError,
    HttpStatusError,
    InputTooLargeError,
    NetworkError,
    UnsupportedUrlError,
)
from summarize.sources.base import ReadOptions
from summarize.sources.http_errors import (
    connect_timeout_error,
    deadline_error,
    network_error,
    reason_phrase,
    size_text,
    status_line,
    timed_out,
    too_large,
)
from summarize.sources.http_pool import Watch, current_fetch, make_pool, proxy_for, shared_pool
from summarize.sources.http_types import check_type, parse_content_type
from summarize.sources.http_urls import check_url, redact

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
    watch = Watch(deadline)
    current_fetch.watch = watch
    try:
        return _follow(url, options, pool or shared_pool(), watch, etag, last_modified)
    finally:
        watch.stop()
        current_fetch.watch = None


def _follow(
    url: str,
    options: ReadOptions,
    pool: urllib3.PoolManager,
    watch: Watch,
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
                f"{_name(chain)}: {status_line(response)} without a Location", status
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
    watch: Watch,
    headers: dict[str, str],
    start: float,
) -> urllib3.BaseHTTPResponse:
    url, name = chain[-1], _name(chain)
    remaining = _remaining(start, options)
    if remaining is not None and remaining <= 0:
        raise deadline_error(name, options)
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
        if timed_out(error) and not watch.expired and (left is None or left > 0.25):
            # One socket operation of the connection (TCP or the TLS handshake) ran past the
            # connect timeout; reads are given the rest of the deadline.
            raise connect_timeout_error(name, options) from None
        raise network_error(name, error, options, watch, url) from None


def _complete(
    chain: list[str],
    response: urllib3.BaseHTTPResponse,
    options: ReadOptions,
    watch: Watch,
    start: float,
    etag: str | None,
    last_modified: str | None,
) -> Response:
    """Check the status and the type, then read the body within the limits."""
    name = _name(chain)
    status = response.status
    headers = {key.lower(): response.headers[key] for key in response.headers}
    content_type, charset = parse_content_type(headers.get("content-type", ""))
    conditional = bool(etag or last_modified)
    body = b""
    try:
        if status == 304 and conditional:
            pass
        elif not 200 <= status < 300:
            raise HttpStatusError(f"{name}: {status_line(response)}", status)
        else:
            check_type(name, content_type)
            body = _read_body(name, response, options, watch, start)
    except BaseException:
        _discard(response)
        raise
    watch.stop()  # the whole body is read: the connection can be reused
    response.release_conn()
    return Response(
        url=chain[-1],
        status=status,
        reason=reason_phrase(response),
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
    watch: Watch,
    start: float,
) -> bytes:
    cap = options.max_bytes if options.max_bytes > 0 else None
    length = response.headers.get("content-length", "").strip()
    if cap is not None and length.isdigit() and int(length) > cap:
        raise too_large(name, cap, f" (it announces {size_text(int(length))})")
    data = bytearray()
    try:
        while True:
            remaining = _remaining(start, options)
            if watch.expired or (remaining is not None and remaining <= 0):
                raise deadline_error(name, options)
            want = _CHUNK if cap is None else min(_CHUNK, cap + 1 - len(data))
            chunk = response.read(want, decode_content=True)
            if not chunk:
                break
            data += chunk
            if cap is not None and len(data) > cap:
                raise too_large(name, cap, "")
    except (InputTooLargeError, FetchTimeoutError):
        raise
    except Exception as error:
        raise network_error(name, error, options, watch) from None
    if watch.expired:  # the watchdog's shutdown can look like the end of the body
        raise deadline_error(name, options)
    return bytes(data)


def _discard(response: urllib3.BaseHTTPResponse) -> None:
    """Drop a response not read to its end: its connection cannot carry another request."""
    try:
        response.close()
    finally:
        response.release_conn()
