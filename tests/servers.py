"""A real HTTP server on 127.0.0.1 for tests: a routing table of path -> handler, in a thread.

>>> with LocalServer({"/page": text_page("Hello.")}) as server:
...     fetch(server.url("/page"), ...)

A handler is a function of the request handler (``BaseHTTPRequestHandler``): it writes the
status, the headers and the body itself, so that it can misbehave (hang, drip, lie about the
length). The helpers below build the usual ones. Every handler that could run forever waits on
:attr:`LocalServer.stopping`, so closing the server ends it; and no handler runs for more than
:data:`HANDLER_LIMIT` seconds whatever the client does.
"""

from __future__ import annotations

import functools
import gzip
import ssl
import struct
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

Handler = Callable[[BaseHTTPRequestHandler], None]

HANDLER_LIMIT = 30.0  # seconds: the longest any endless handler runs


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: Mapping[str, Handler]
    stopping: threading.Event
    log: list[tuple[str, dict[str, str]]]
    clients: list[int]

    def handle_error(self, request: object, client_address: object) -> None:
        # Hostile tests end connections abruptly on purpose; only other errors are news.
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, ssl.SSLError, TimeoutError)):
            super().handle_error(request, client_address)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stall
    server: _Server

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.server.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        self.server.clients.append(self.client_address[1])
        handler = self.server.routes.get(path)
        if handler is None:
            send(self, 404, b"no such page\n")
            return
        try:
            handler(self)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            self.close_connection = True  # the client went away, as hostile tests expect

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1, a free port, serving ``routes`` until closed."""

    def __init__(self, routes: Mapping[str, Handler], *, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Handler] = dict(routes)
        self._server = _Server(("127.0.0.1", 0), _RequestHandler)
        self._server.routes = self.routes
        self._server.stopping = self.stopping = threading.Event()
        self._server.log = self.log = []
        self._server.clients = self.clients = []  # the client's port, request by request
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        """The paths requested so far, in order."""
        return [path for path, _ in self.log]

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


# --- Handlers --------------------------------------------------------------------------------


def send(
    request: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "text/plain; charset=utf-8",
    headers: Mapping[str, str] | None = None,
) -> None:
    """A complete response with a Content-Length."""
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


def send_chunked(
    request: BaseHTTPRequestHandler,
    chunks: Iterable[bytes],
    content_type: str = "text/plain; charset=utf-8",
    headers: Mapping[str, str] | None = None,
) -> None:
    """A response in chunked transfer encoding, so without a length."""
    request.send_response(200)
    request.send_header("Content-Type", content_type)
    request.send_header("Transfer-Encoding", "chunked")
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    for chunk in chunks:
        if chunk:
            request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    request.wfile.write(b"0\r\n\r\n")


def page(body: bytes | str, content_type: str = "text/plain; charset=utf-8") -> Handler:
    """A page that is always the same."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handler(request: BaseHTTPRequestHandler) -> None:
        send(request, 200, data, content_type)

    return handler


def status(code: int) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        send(request, code, f"status {code}\n".encode())

    return handler


def redirect(location: str, code: int = 302) -> Handler:
    def handler(request: BaseHTTPRequestHandler) -> None:
        send(request, code, b"", headers={"Location": location})

    return handler


def slow(handler: Handler, seconds: float) -> Handler:
    """``handler`` after a pause: latency for the ordering tests and the benchmark."""

    def delayed(request: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler(request)

    return delayed


def _stopping(request: BaseHTTPRequestHandler) -> threading.Event:
    server: _Server = request.server  # type: ignore[assignment]
    return server.stopping


def hang(request: BaseHTTPRequestHandler) -> None:
    """Accept the request and never answer (until the server closes)."""
    _stopping(request).wait(HANDLER_LIMIT)
    request.close_connection = True


def drip_body(request: BaseHTTPRequestHandler) -> None:
    """Headers at once, then one byte of body every 0.1 s, forever (no length: until closed)."""
    request.send_response(200)
    request.send_header("Content-Type", "text/plain")
    request.send_header("Connection", "close")
    request.end_headers()
    _drip(request, b"a")


def drip_headers(request: BaseHTTPRequestHandler) -> None:
    """The status line, then endless header bytes, one every 0.1 s."""
    request.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    _drip(request, b"x")


def _drip(request: BaseHTTPRequestHandler, byte: bytes) -> None:
    stop = _stopping(request)
    end = time.monotonic() + HANDLER_LIMIT
    while not stop.is_set() and time.monotonic() < end:
        request.wfile.write(byte)
        request.wfile.flush()
        stop.wait(0.1)
    request.close_connection = True


_BLOCK = 1024 * 1024


@functools.cache
def _segments(wbits: int) -> tuple[bytes, bytes, bytes]:
    """The pieces of a stream of zeros: the first block (with the header), any later block,
    and the end (with a checksum to fix). Each block ends in a full flush, which resets the
    compressor, so every later block compresses to the same bytes and none need compressing.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(_BLOCK)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    later = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH) == later
    return first, later, compressor.flush(zlib.Z_FINISH)


def _zeros(total: int, wbits: int) -> Iterator[bytes]:
    """``total`` zero bytes (a whole number of MiB) deflated, in chunks of about 64 KiB."""
    first, later, end = _segments(wbits)
    blocks = total // _BLOCK
    yield first
    sent = 1
    while sent < blocks:
        count = min(64, blocks - sent)
        yield later * count
        sent += count
    block, check, crc = bytes(_BLOCK), 1, 0
    for _ in range(blocks):  # only a client that reads it all gets here
        check, crc = zlib.adler32(block, check), zlib.crc32(block, crc)
    if wbits > zlib.MAX_WBITS:  # gzip: CRC-32 and length, little-endian
        yield end[:-8] + struct.pack("<II", crc, total & 0xFFFFFFFF)
    else:  # zlib: Adler-32, big-endian
        yield end[:-4] + struct.pack(">I", check)


def gzip_bomb(size: int = 1024**3) -> Handler:
    """``size`` zero bytes as one gzip stream (1 GiB is about 1 MiB on the wire)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        chunks = _zeros(size, 16 + zlib.MAX_WBITS)
        send_chunked(request, chunks, headers={"Content-Encoding": "gzip"})

    return handler


def deflate_bomb(size: int = 1024**3) -> Handler:
    """``size`` zero bytes in zlib-framed deflate, as Content-Encoding: deflate."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        chunks = _zeros(size, zlib.MAX_WBITS)
        send_chunked(request, chunks, headers={"Content-Encoding": "deflate"})

    return handler


def gzipped(body: str, content_type: str = "text/plain; charset=utf-8") -> Handler:
    """An honest gzip-encoded page."""
    data = gzip.compress(body.encode("utf-8"))

    def handler(request: BaseHTTPRequestHandler) -> None:
        send(request, 200, data, content_type, {"Content-Encoding": "gzip"})

    return handler


def endless_chunks(request: BaseHTTPRequestHandler) -> None:
    """A chunked text body without end (until the client leaves or the limit passes)."""
    stop = _stopping(request)
    end = time.monotonic() + HANDLER_LIMIT

    def chunks() -> Iterator[bytes]:
        line = b"All work and no play makes a dull page. " * 1600
        while not stop.is_set() and time.monotonic() < end:
            yield line

    send_chunked(request, chunks())


def announces(length: int) -> Handler:
    """Headers announcing ``length`` bytes, then a little text and a hang."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", str(length))
        request.end_headers()
        request.wfile.write(b"The start of a very long page. ")
        request.wfile.flush()
        _stopping(request).wait(HANDLER_LIMIT)
        request.close_connection = True

    return handler


def conditional(body: str, etag: str, last_modified: str) -> Handler:
    """A page that answers 304 when the client already has this version."""
    data = body.encode("utf-8")

    def handler(request: BaseHTTPRequestHandler) -> None:
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if (
            request.headers.get("If-None-Match") == etag
            or request.headers.get("If-Modified-Since") == last_modified
        ):
            request.send_response(304)
            for name, value in validators.items():
                request.send_header(name, value)
            request.end_headers()
            return
        send(request, 200, data, headers=validators)

    return handler
