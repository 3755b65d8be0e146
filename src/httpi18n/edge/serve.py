"""The error-page service on :mod:`httpi18n.server` (``python -m httpi18n.edge serve``).

:class:`ErrorPageHandler` answers every method with
:meth:`ErrorPageService.respond <httpi18n.edge.service.ErrorPageService.respond>`,
writing the status line, the cached ``Server``/``Date`` lines, the page's
pre-built header lines and the body in one ``sendall``: a keep-alive
request costs a dictionary look-up, not a render.  The server is
:class:`httpi18n.server.ThreadingHTTPServer` (a thread per connection, the
handler's busy polling on a lone keep-alive connection, ``431`` for
oversized heads).

Lean path: this service needs only the method, the target and a few header
fields, so :meth:`ErrorPageHandler.handle_one_request` answers a plain
request whose whole head has already arrived straight from the read
buffer (one regular expression over the head, no
:class:`~email.message.Message`, a cached status line), and hands
everything else — a head not yet all there, a malformed or oversized one,
a body, ``Expect``, repeated fields, a missing ``Host``, any other method —
to the generic :class:`~httpi18n.server.BaseHTTPRequestHandler` code,
untouched and with the same head deadline.  Both paths send the same bytes
(``tests/test_edge_service.py`` compares them on a table of requests).
"""

from __future__ import annotations

import contextlib
import io
import re
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from .._server_io import _SocketWriter
from ..server import BaseHTTPRequestHandler, ThreadingHTTPServer
from .service import ErrorPageService, Response

__all__ = ["ErrorPageHandler", "make_server", "serve"]

#: Methods answered with a page (anything else gets the server's localized 501).
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


class ErrorPageHandler(BaseHTTPRequestHandler):
    """Request handler of the error-page service; set :attr:`service` (see :func:`make_server`)."""

    protocol_version = "HTTP/1.1"
    server_version = "httpi18n-edge"
    #: The service answering requests.
    service: ErrorPageService
    #: Log nothing (the default logs every request to stderr, as :mod:`http.server`).
    quiet = False

    #: Method names the lean path answers on this connection (see :meth:`setup`).
    _lean: frozenset[str] = frozenset()
    #: The lean path's request header fields, until :attr:`headers` is first read.
    _lean_fields: list[tuple[str, str]] | None = None
    _message: Any = None

    @property
    def headers(self) -> Any:
        """The request's header fields (a :attr:`MessageClass`), as on any handler.

        The lean path does not build the message; it is made from the fields
        it parsed when first asked for.
        """
        fields = self._lean_fields
        if fields is not None:
            message = self.MessageClass()
            for name, value in fields:
                message.set_raw(name, value)
            self._message, self._lean_fields = message, None
            return message
        message = self._message
        if message is None:
            raise AttributeError("headers")  # no request parsed yet, as on BaseHTTPRequestHandler
        return message

    @headers.setter
    def headers(self, value: Any) -> None:
        self._message, self._lean_fields = value, None

    def setup(self) -> None:
        """Prepare ``rfile``/``wfile``; decide once per connection whether the lean path may run."""
        super().setup()
        if type(self.rfile) is io.BufferedReader and type(self.wfile) is _SocketWriter:
            self._lean = _lean_methods(type(self))

    def handle_one_request(self) -> None:
        """Answer one request: from the read buffer when it is plain (see the module docstring),
        else with :meth:`BaseHTTPRequestHandler.handle_one_request`, which then keeps the head
        deadline set here."""
        if self._lean:
            try:
                if self._lean_request():
                    return
            except TimeoutError as e:  # as BaseHTTPRequestHandler.handle_one_request
                self.log_error("Request timed out: %r", e)
                self.close_connection = True
                return
            except ConnectionError:
                self.close_connection = True
                return
        super().handle_one_request()

    def _lean_request(self) -> bool:
        """Answer a plain request whose whole head is buffered; ``False``: hand it over, unread."""
        timeout = self.timeout
        if timeout is not None:
            self._head_deadline = time.monotonic() + timeout
        try:  # what is buffered, else one read (as readline would: busy polling, the deadline)
            buf = self.rfile.peek(1)  # type: ignore[attr-defined]  # (a BufferedReader: see setup)
        except BaseException:
            self._head_deadline = None
            raise
        if not buf:
            self._head_deadline = None
            self.raw_requestline = b""
            self.close_connection = True
            return True
        end = buf.find(b"\r\n\r\n")
        if end < 0 or end + 4 > self.max_line or end + 4 > self.max_header_bytes:
            return False
        text = buf[: end + 2].decode("latin-1")
        m = _REQUEST_LINE.match(text)
        if m is None:
            return False
        command, path, version = m.groups()
        line_end = m.end()
        if command not in self._lean or len(command) > self.max_method_length or len(path) > self.max_target_length:
            return False
        fields: list[tuple[str, str]] = _FIELD_LINE.findall(text, line_end)
        if (len(fields) != text.count("\n") - 1 or len(fields) > self.max_headers
                or " \r\n" in text or "\t\r\n" in text):
            return False  # a line the generic parser must judge, or trailing whitespace to strip
        found = {name.lower(): value for name, value in fields}
        if len(found) != len(fields) or "transfer-encoding" in found or "expect" in found:
            return False  # repeated fields, chunked bodies, 100-continue
        length = found.get("content-length")
        if length is not None and length != "0":
            return False  # a body (or a bad length)
        if "host" not in found and version == "HTTP/1.1" and self.require_host:
            return False  # the generic 400
        protocol = self.protocol_version
        close = version == "HTTP/1.0" or protocol < "HTTP/1.1"
        conntype = found.get("connection")
        if conntype:
            tokens = {t.strip().lower() for t in conntype.split(",")}
            if "close" in tokens:
                close = True
            elif "keep-alive" in tokens and protocol >= "HTTP/1.1":
                close = False

        # Accepted: the same state as the generic parser leaves, then the same answer as _answer.
        self._head_deadline = None
        self.raw_requestline = buf[:line_end]
        self.rfile.read(end + 4)
        self.command, self.request_version, self.requestline = command, version, text[: line_end - 2]
        if path[:2] == "//":  # gh-87389, as BaseHTTPRequestHandler.parse_request
            path = "/" + path.lstrip("/")
        self.path = path
        self.close_connection = close
        self._request_headers = None
        self._lean_fields = fields
        r = self.service.respond(command, path, found.get if text.isascii() else _utf8_values(found))
        self.log_request(r.status)
        status_lines = _STATUS_LINES.get(
            (r.status, r.reason, protocol, self.server_version, self.sys_version, self.allow_header_line_breaks))
        if status_lines is None:
            status_lines = self._status_lines(r)
        date = _DATE
        if date[0] != int(time.time()):
            date = _date_line(self)
        self.wfile.write(b"".join((status_lines, date[1], r.head,
                                   b"Connection: close\r\n\r\n" if close else b"\r\n", r.body)))
        return True

    def _status_lines(self, r: Response) -> bytes:
        """The status line and ``Server`` field line, as ``send_response(status, reason)`` buffers them."""
        key = (r.status, r.reason, self.protocol_version, self.server_version, self.sys_version,
               self.allow_header_line_breaks)
        try:
            return _STATUS_LINES[key]
        except KeyError:
            pass
        saved = self.__dict__.get("_headers_buffer")
        self._headers_buffer = []
        try:
            self.send_response_only(r.status, r.reason)
            self.send_header("Server", self.version_string())
            lines = b"".join(self._headers_buffer)
        finally:
            if saved is None:
                del self._headers_buffer
            else:
                self._headers_buffer = saved
        if len(_STATUS_LINES) >= 1024:
            _STATUS_LINES.clear()
        _STATUS_LINES[key] = lines
        return lines

    def _answer(self) -> None:
        fields = _fields(self.headers)
        r = self.service.respond(self.command or "GET", self.path, _utf8_values(fields))
        if fields.get("content-length", "0") not in ("", "0") or "transfer-encoding" in fields:
            self.close_connection = True  # a body we do not read: do not parse it as a request
        self.send_response(r.status, r.reason)
        buffer = self._headers_buffer
        buffer.append(r.head)
        if self.close_connection:
            buffer.append(b"Connection: close\r\n")
        buffer.append(b"\r\n")
        if r.body:
            buffer.append(r.body)
        data = b"".join(buffer)
        self._headers_buffer = []
        self.wfile.write(data)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log the request line and status, unless :attr:`quiet`."""
        if not self.quiet:
            super().log_request(code, size)

    def log_message(self, format: str, *args: Any) -> None:
        """Log as :mod:`http.server` does, unless :attr:`quiet`."""
        if not self.quiet:
            super().log_message(format, *args)


for _method in METHODS:
    setattr(ErrorPageHandler, f"do_{_method}", ErrorPageHandler._answer)


#: What the lean path accepts as a request line (a subset of the generic parser's fast path).
_REQUEST_LINE = re.compile(r"([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([\x21-\x7e\x80-\xff]+) (HTTP/1\.[01])\r\n")
#: One plain field line, no trailing whitespace checked here (as the generic parser's fast path).
_FIELD_LINE = re.compile(r"^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([\t\x20-\x7e\x80-\xff]*)\r\n", re.MULTILINE)
#: Methods of BaseHTTPRequestHandler the lean path stands in for: overriding any turns it off.
_STOOD_IN_FOR = ("parse_request", "_parse_request_line", "_parse_headers", "send_response",
                 "send_response_only", "send_header", "end_headers", "flush_headers", "version_string",
                 "date_time_string", "handle_expect_100", "MessageClass")
#: Status + ``Server`` lines by everything they depend on (see ErrorPageHandler._status_lines).
_STATUS_LINES: dict[tuple[Any, ...], bytes] = {}
#: (the second, its ``Date`` field line): the last one sent.
_DATE: tuple[int, bytes] = (-1, b"")


def _lean_methods(cls: type) -> frozenset[str]:
    """The methods *cls* answers with :meth:`ErrorPageHandler._answer` through the lean path
    (none if *cls* overrides anything the lean path stands in for)."""
    for name in _STOOD_IN_FOR:
        if getattr(cls, name, None) is not getattr(ErrorPageHandler, name):
            return frozenset()
    answer = ErrorPageHandler.__dict__["_answer"]
    return frozenset(m for m in METHODS if getattr(cls, f"do_{m}", None) is answer)


def _date_line(handler: BaseHTTPRequestHandler) -> tuple[int, bytes]:
    """``(second, Date line)`` for now, the line as ``send_header("Date", handler.date_time_string())``
    buffers it (both cache the value for the current second)."""
    global _DATE
    now = int(time.time())
    _DATE = date = (now, f"Date: {handler.date_time_string()}\r\n".encode("latin-1"))
    return date


def _utf8_values(fields: dict[str, str]) -> Callable[[str], str | None]:
    """A field's value by lower-case name, non-ASCII values read as UTF-8 (the head was read as latin-1)."""
    def header(name: str) -> str | None:
        value = fields.get(name)
        if value is not None and not value.isascii():
            with contextlib.suppress(UnicodeError):
                value = value.encode("latin-1").decode("utf-8")
        return value

    return header


def _fields(headers: Any) -> dict[str, str]:
    """Lower-case name → first value of a request's header fields, in one pass.

    Reads the message's field list (``email.message.Message._headers``, as
    :meth:`~email.message.Message.items` does) rather than calling ``get()``
    for each name, which lower-cases every field each time.
    """
    raw = getattr(headers, "_headers", None)
    if raw is None:
        raw = headers.items()
    out: dict[str, str] = {}
    for name, value in raw:
        out.setdefault(name.lower(), value)
    return out


class _DualStackServer(ThreadingHTTPServer):
    """Accept IPv4 too on an IPv6 socket, as ``python -m http.server`` does."""

    def server_bind(self) -> None:
        if self.address_family == socket.AF_INET6:
            with contextlib.suppress(Exception):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def make_server(
    service: ErrorPageService,
    host: str | None = "127.0.0.1",
    port: int = 0,
    *,
    protocol: str = "HTTP/1.1",
    quiet: bool = False,
) -> ThreadingHTTPServer:
    """A bound (not yet serving) server for *service*: call ``serve_forever()`` on it."""
    handler = type("BoundErrorPageHandler", (ErrorPageHandler,),
                   {"service": service, "quiet": quiet, "protocol_version": protocol})
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _type, _proto, _name, address = infos[0]
    server_class = type("ErrorPageServer", (_DualStackServer,), {"address_family": family})
    return server_class(address, handler)


def serve(
    service: ErrorPageService,
    port: int = 8000,
    bind: str | None = None,
    *,
    protocol: str = "HTTP/1.1",
    quiet: bool = False,
) -> None:
    """Serve *service* until interrupted, announcing the address as ``python -m http.server`` does."""
    with make_server(service, bind, port, protocol=protocol, quiet=quiet) as httpd:
        host, real_port = httpd.socket.getsockname()[:2]
        url_host = f"[{host}]" if ":" in host else host
        print(f"Serving HTTP on {host} port {real_port} (http://{url_host}:{real_port}/) ...", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            print("\nKeyboard interrupt received, exiting.")
            sys.exit(0)
