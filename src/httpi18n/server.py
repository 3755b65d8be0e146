"""HTTP servers whose error pages speak the visitor's language.

A drop-in for CPython 3.13's :mod:`http.server`: :class:`HTTPServer`,
:class:`ThreadingHTTPServer`, :class:`BaseHTTPRequestHandler`,
:class:`SimpleHTTPRequestHandler` and ``python -m httpi18n.server [-b ADDRESS]
[-d DIRECTORY] [-p VERSION] [port]``, with the same attributes and hooks.

What differs:

* **Localized error pages.**  :meth:`~BaseHTTPRequestHandler.send_error`
  negotiates the language from ``Accept-Language`` among the handler's
  :attr:`~BaseHTTPRequestHandler.languages` (default: every shipped catalog)
  and the format from ``Accept`` (HTML, ``application/problem+json`` per
  RFC 9457, or ``text/plain``), and sets ``Content-Language`` and ``Vary``.
  The status line stays English.  A request without ``Accept-Language`` (and
  without a non-HTML ``Accept``) gets CPython's page byte for byte, from
  :attr:`~BaseHTTPRequestHandler.error_message_format`.  Directory listings
  are localized the same way.
* **Own request parser** (:mod:`httpi18n._server_parse`), not
  :mod:`email.parser`: stricter (RFC 9112) and faster; ``self.headers`` is
  still a :attr:`~BaseHTTPRequestHandler.MessageClass` instance.
* **Hardening**: bounded method (:attr:`~BaseHTTPRequestHandler.max_method_length`)
  and target (:attr:`~BaseHTTPRequestHandler.max_target_length`), strict
  ``Content-Length`` / ``Transfer-Encoding`` checks, a
  :meth:`~BaseHTTPRequestHandler.send_header` that refuses CR/LF unless
  :attr:`~BaseHTTPRequestHandler.allow_header_line_breaks` is set, and a
  default :attr:`~BaseHTTPRequestHandler.timeout` that also bounds the time
  to receive a whole request head (slow-client protection), and a listen
  backlog of ``socket.SOMAXCONN`` (:attr:`HTTPServer.request_queue_size`)
  rather than 5, so that a burst of connections is not left waiting in SYN
  retransmits for seconds.  CPython's own
  protections are kept: 414/431 limits, the ``//`` open-redirect fix,
  control characters escaped in the log, no path traversal.
* **Speed**: ``TCP_NODELAY`` by default; a response head is held back and
  sent in the same ``sendall`` as a small body (it goes out at the latest
  when the ``do_*`` method returns, or before the server reads from the
  client again; call ``self.wfile.flush()`` to push it earlier); on Linux
  the timeouts are the kernel's ``SO_RCVTIMEO``/``SO_SNDTIMEO`` on a
  blocking socket (no ``poll()`` per read or write); on the server's only
  open connection, a client that sends its next request at once finds the
  handler still polling for it (:attr:`~BaseHTTPRequestHandler.busy_poll`)
  rather than asleep, which saves a wake-up per request; regex fast paths for
  the usual request line and header section (anything unusual goes through
  the general, stricter-erroring code); the status, ``Server`` and ``Date``
  lines of :meth:`~BaseHTTPRequestHandler.send_response` cached (unless
  ``send_header`` or ``send_response_only`` is overridden); cached log
  timestamps.

``CGIHTTPRequestHandler`` is left out on purpose: it is deprecated since
Python 3.13 and removed in 3.15 (and so is the ``--cgi`` flag).
"""

from __future__ import annotations

import datetime
import email.utils
import html
import http.client
import io
import itertools
import mimetypes
import os
import posixpath
import re
import shutil
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable
from typing import Any, BinaryIO

from . import _server_parse as _parse
from .catalogs import SHIPPED, N_, translations
from .enums import HTTPStatus
from .negotiation import negotiate

__version__ = "0.6"

__all__ = [
    "HTTPServer",
    "ThreadingHTTPServer",
    "BaseHTTPRequestHandler",
    "SimpleHTTPRequestHandler",
]

#: CPython's error page, unchanged: used when the client sends no ``Accept-Language``.
DEFAULT_ERROR_MESSAGE = """\
<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %(code)d</p>
        <p>Message: %(message)s.</p>
        <p>Error code explanation: %(code)s - %(explain)s.</p>
    </body>
</html>
"""

DEFAULT_ERROR_CONTENT_TYPE = "text/html;charset=utf-8"

#: A plain request line (token method, target without controls or spaces, HTTP/1.0 or 1.1).
_REQUEST_LINE = re.compile(r"([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([\x21-\x7e\x80-\xff]+) (HTTP/1\.[01])\r?\n")
_FRAMING_FIELDS = frozenset(("connection", "expect", "content-length", "transfer-encoding"))
#: send_response's cache: status + Server lines by everything they depend on.
_HEAD_CACHE: dict[tuple[Any, ...], bytes] = {}
_NO_BODY = frozenset((HTTPStatus.NO_CONTENT, HTTPStatus.RESET_CONTENT, HTTPStatus.NOT_MODIFIED))


class _Msg(str):
    """An English message (a ``str``) that remembers its catalog *msgid* and arguments.

    ``send_error`` puts the English text in the status line and the log, and
    the translated text in a localized page.
    """

    msgid: str
    args: tuple[Any, ...]

    def __new__(cls, msgid: str, *args: Any) -> _Msg:
        self = super().__new__(cls, msgid % args if args else msgid)
        self.msgid = msgid
        self.args = args
        return self

    def translate_to(self, lang: str) -> str:
        """The message in catalog *lang*."""
        text = translations(lang).gettext(self.msgid)
        return text % self.args if self.args else text


class HTTPServer(socketserver.TCPServer):
    """A TCP server that remembers its name and port (as :class:`http.server.HTTPServer`)."""

    allow_reuse_address = True
    #: Listen backlog: the kernel's maximum, not socketserver's 5, so that a burst of new
    #: connections waits in the queue instead of in SYN retransmits (1 s, 3 s, 7 s, ...).
    request_queue_size = socket.SOMAXCONN

    def server_bind(self) -> None:
        """Bind, then store ``server_name`` and ``server_port``."""
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = socket.getfqdn(host if isinstance(host, str) else bytes(host).decode())
        self.server_port = port

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is not an error worth a traceback; anything else is."""
        exc = sys.exception() if hasattr(sys, "exception") else sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class ThreadingHTTPServer(socketserver.ThreadingMixIn, HTTPServer):
    """One thread per connection (daemon threads)."""

    daemon_threads = True


class _OpenConnections:
    """How many connections a server's handlers hold open (a lock-protected counter)."""

    __slots__ = ("count", "_lock")

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def add(self, delta: int) -> None:
        with self._lock:
            self.count += delta


_OPEN_COUNTERS_LOCK = threading.Lock()
_FORKING: tuple[type, ...] = (socketserver.ForkingMixIn,) if hasattr(socketserver, "ForkingMixIn") else ()


def _open_connections(server: Any) -> _OpenConnections | None:
    """The open-connection counter of *server* (made on first use).

    ``None`` for non-servers, and for forking servers: each child process
    would count only its own connection.
    """
    if not isinstance(server, socketserver.BaseServer) or isinstance(server, _FORKING):
        return None
    counter = server.__dict__.get("_httpi18n_open")
    if counter is None:
        with _OPEN_COUNTERS_LOCK:
            counter = server.__dict__.setdefault("_httpi18n_open", _OpenConnections())
    return counter


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


#: Busy polling (``MSG_DONTWAIT`` reads) is done on Linux, and pays only when the client
#: can run while the server polls.
_CAN_POLL = sys.platform.startswith("linux") and _usable_cpus() > 1


class _HeadDeadlineIO(io.RawIOBase):
    """Raw socket reader that enforces the handler's deadline for a request head.

    While ``handler._head_deadline`` is set, no read may wait past it: a
    client that trickles its request line or headers byte by byte is cut off
    after :attr:`BaseHTTPRequestHandler.timeout` seconds in all.  Given
    *busy_poll* seconds and the server's open-connection *counter*, a read on
    the only open connection may poll first (see
    :attr:`BaseHTTPRequestHandler.busy_poll`).
    """

    def __init__(
        self,
        sock: socket.socket,
        handler: BaseHTTPRequestHandler,
        kernel_timeout: float | None = None,
        busy_poll: float = 0.0,
        counter: _OpenConnections | None = None,
    ) -> None:
        super().__init__()
        self._sock = sock
        self._handler = handler
        #: With *kernel_timeout*, the socket stays blocking and the kernel's SO_RCVTIMEO
        #: bounds each wait (no extra poll() per read); else Python's socket timeout does.
        self._kernel = kernel_timeout is not None
        self._base = kernel_timeout if self._kernel else sock.gettimeout()
        self._current = self._base
        # MSG_DONTWAIT polls only on a plain blocking socket: with a Python timeout, recv
        # would poll() first; an SSLSocket refuses flags.
        poll_ok = (busy_poll > 0 and counter is not None and _CAN_POLL
                   and type(sock) is socket.socket and sock.gettimeout() is None)
        self._busy_poll = float(busy_poll) if poll_ok else 0.0
        self._open = counter
        #: Whether the client's last bytes came within the poll window (so poll for the next).
        self._hot = True

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._sock.fileno()

    def readinto(self, b: Any) -> int:
        """Receive into *b*, never waiting past the head deadline."""
        deadline = self._handler._head_deadline
        want = self._base
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("request head not received in time")
            if want is None or remaining < want - 1.0:
                want = remaining
        if want != self._current:
            if self._kernel:
                _set_kernel_timeout(self._sock, socket.SO_RCVTIMEO, want)
            else:
                self._sock.settimeout(want)
            self._current = want
        writer = getattr(self._handler, "wfile", None)
        if type(writer) is _SocketWriter and writer._pending:
            writer.flush()  # never wait for the client while holding its answer
        sock = self._sock
        try:
            if self._busy_poll and self._open.count == 1:  # type: ignore[union-attr]
                return self._polled_recv_into(sock, b)
            return sock.recv_into(b)
        except BlockingIOError as exc:  # SO_RCVTIMEO expired
            raise TimeoutError("timed out") from exc

    def _polled_recv_into(self, sock: socket.socket, b: Any) -> int:
        """Receive, polling first while the client has lately answered within the poll window.

        On the server's only connection no other handler needs this CPU: polling
        saves a sleep and a wake-up per request to a client that sends its next
        request at once, and a client that took longer than the window last time
        is waited for by sleeping straight away (so an idle one costs nothing).
        """
        window = self._busy_poll
        start = time.monotonic()
        if self._hot:
            end = start + window
            while True:
                try:
                    return sock.recv_into(b, 0, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    if time.monotonic() >= end:
                        break
            self._hot = False
            return sock.recv_into(b)
        n = sock.recv_into(b)
        self._hot = time.monotonic() - start <= window
        return n


_KERNEL_TIMEOUTS = sys.platform.startswith("linux") and hasattr(socket, "SO_RCVTIMEO")


def _set_kernel_timeout(sock: socket.socket, option: int, seconds: float | None) -> None:
    """Set SO_RCVTIMEO / SO_SNDTIMEO (``None``: wait forever) on a blocking socket."""
    seconds = max(seconds, 0.001) if seconds is not None else 0.0
    whole = int(seconds)
    sock.setsockopt(socket.SOL_SOCKET, option, struct.pack("@ll", whole, int((seconds - whole) * 1e6)))


class _SocketWriter(io.BufferedIOBase):
    """Unbuffered writer (one ``sendall`` per ``write``) that can hold back a response head.

    A head given to :meth:`hold` goes out with the next ``write`` (one
    segment for head and a small body), at :meth:`flush`, or before the
    handler next reads from the client; the handler flushes after each
    request, so nothing waits longer than the ``do_*`` method.
    """

    #: Bodies up to this size are sent in the same ``sendall`` as a held head.
    COALESCE = 16384

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._pending = b""

    def writable(self) -> bool:
        return True

    def hold(self, head: bytes) -> None:
        """Keep *head* until the next write or flush."""
        self._pending += head

    def write(self, b: Any) -> int:
        if type(b) is bytes:
            n = len(b)
        else:
            with memoryview(b) as view:
                n = view.nbytes
        pending = self._pending
        try:
            if pending:
                self._pending = b""
                if n <= self.COALESCE:
                    self._sock.sendall(pending + bytes(b))
                    return n
                self._sock.sendall(pending)
            self._sock.sendall(b)
        except BlockingIOError as exc:  # SO_SNDTIMEO expired: the client stopped reading
            raise TimeoutError("timed out") from exc
        return n

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, b""
            try:
                self._sock.sendall(pending)
            except BlockingIOError as exc:
                raise TimeoutError("timed out") from exc

    def fileno(self) -> int:
        return self._sock.fileno()


class BaseHTTPRequestHandler(socketserver.StreamRequestHandler):
    """HTTP request handler base class, API-compatible with :class:`http.server.BaseHTTPRequestHandler`.

    A request ``SPAM`` calls ``do_SPAM()``; the request is in ``command``,
    ``path``, ``request_version``, ``headers`` (a :attr:`MessageClass`),
    ``rfile`` and ``wfile``.  See the module docstring for what is added.
    """

    sys_version = "Python/" + sys.version.split()[0]
    server_version = "BaseHTTP/" + __version__
    error_message_format = DEFAULT_ERROR_MESSAGE
    error_content_type = DEFAULT_ERROR_CONTENT_TYPE
    default_request_version = "HTTP/0.9"
    protocol_version = "HTTP/1.0"
    MessageClass: type = http.client.HTTPMessage

    #: Catalogs error pages and listings may use, in the server's order of preference
    #: (``None``: every shipped catalog, English first).
    languages: tuple[str, ...] | None = None
    #: Seconds a socket operation may wait, and the most a request head may take to arrive.
    timeout = 60.0
    #: Send small responses at once (no Nagle + delayed-ACK stalls, gh-108736).
    disable_nagle_algorithm = True
    #: Longest method accepted; longer ones get 501 (RFC 9112, Section 3).
    max_method_length = 64
    #: Longest request target accepted; longer ones get 414.
    max_target_length = 16384
    #: Longest request line or header field line, in bytes; longer ones get 414 or 431.
    max_line = _parse.MAX_LINE
    #: Most header field lines in one request; more get 431.
    max_headers = _parse.MAX_HEADERS
    #: Most bytes in one request's header section; more get 431.
    max_header_bytes = _parse.MAX_HEADER_BYTES
    #: Let :meth:`send_header` write CR or LF (header injection!): off by default.
    allow_header_line_breaks = False
    #: Seconds a handler keeps polling for the client's next bytes before it sleeps, while
    #: this is the server's only open connection and the client's last bytes came within
    #: that time: saves a wake-up per request, costs at most this much CPU per wait
    #: (Linux, plain sockets, more than one CPU; 0: never poll).
    busy_poll = 250e-6

    _head_deadline: float | None = None
    _open: _OpenConnections | None = None
    #: The last ``Date`` line sent (by value and allow_header_line_breaks): see send_response.
    _date_line: tuple[Any, bytes] = (None, b"")
    _request_headers: Any = None
    _headers_buffer: list[bytes]  # created by the first status or header line (no class default)

    weekdayname = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    monthname = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    responses: dict[int, tuple[str, str]] = {v: (v.phrase, v.description) for v in HTTPStatus.__members__.values()}

    # -- connection set-up -------------------------------------------------

    def setup(self) -> None:
        """Prepare ``rfile``/``wfile``; on a real socket, enforce the head deadline."""
        self.connection = conn = self.request
        kernel_timeout = None
        if self.timeout is not None:
            if _KERNEL_TIMEOUTS and type(conn) is socket.socket and conn.gettimeout() is None:
                # Blocking socket + kernel timeouts: no poll() before every recv/send.  Plain
                # sockets only: an SSLSocket answers EAGAIN by polling with no time limit.
                kernel_timeout = float(self.timeout)
                _set_kernel_timeout(conn, socket.SO_RCVTIMEO, kernel_timeout)
                _set_kernel_timeout(conn, socket.SO_SNDTIMEO, kernel_timeout)
            else:
                conn.settimeout(self.timeout)
        if self.disable_nagle_algorithm:
            try:
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
            except (OSError, AttributeError):  # not TCP (e.g. a UNIX socket)
                pass
        counter = None
        if isinstance(conn, socket.socket) and self.rbufsize != 0:
            size = self.rbufsize if self.rbufsize > 0 else io.DEFAULT_BUFFER_SIZE
            if self.busy_poll:
                counter = _open_connections(self.server)
            reader = _HeadDeadlineIO(conn, self, kernel_timeout, self.busy_poll, counter)
            self.rfile = io.BufferedReader(reader, size)
        else:
            self.rfile = conn.makefile("rb", self.rbufsize)
        if self.wbufsize == 0:
            self.wfile = _SocketWriter(conn)
        else:
            self.wfile = conn.makefile("wb", self.wbufsize)
        if counter is not None:
            counter.add(1)  # last: finish() undoes it, and runs only if setup() returned
        self._open = counter

    def finish(self) -> None:
        """Flush and close ``wfile`` and ``rfile``; the connection no longer counts as open."""
        try:
            super().finish()
        finally:
            if self._open is not None:
                self._open.add(-1)
                self._open = None

    # -- parsing -----------------------------------------------------------

    def parse_request(self) -> bool:
        """Parse ``raw_requestline`` and the header section; send an error and return False on failure."""
        self.command = None
        self._request_headers = None
        line = str(self.raw_requestline, "iso-8859-1")
        # Fast path: the usual "METHOD /target HTTP/1.x" with single spaces, within the limits.
        m = _REQUEST_LINE.fullmatch(line)
        if m is not None and len(m[1]) <= self.max_method_length and len(m[2]) <= self.max_target_length:
            command, path, version = m.groups()
            self.requestline = line[: m.end(3)]
            self.request_version = version
            self.close_connection = version == "HTTP/1.0" or self.protocol_version < "HTTP/1.1"
            self.command, self.path = command, path
            if path[:2] == "//":  # gh-87389, as below
                self.path = "/" + path.lstrip("/")
        elif not self._parse_request_line(line):
            return False
        return self._parse_headers()

    def _parse_request_line(self, line: str) -> bool:
        """The general request-line parser: any input, precise errors."""
        self.request_version = version = self.default_request_version
        self.close_connection = True
        raw = self.raw_requestline
        requestline = line.rstrip("\r\n")
        self.requestline = requestline
        words = raw.rstrip(b"\r\n").split()
        nwords = len(words)
        if nwords == 0:
            return False

        if nwords >= 3:
            version = str(words[-1], "iso-8859-1")
            number: tuple[int, int] | None
            if version == "HTTP/1.1":
                number = (1, 1)
            elif version == "HTTP/1.0":
                number = (1, 0)
            else:
                number = self._version_number(version)
                if number is None:
                    self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request version (%r)"), version))
                    return False
            if number >= (1, 1) and self.protocol_version >= "HTTP/1.1":
                self.close_connection = False
            if number >= (2, 0):
                self.request_version = version  # answer with a status line, not a bare page
                self.send_error(
                    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED,
                    _Msg(N_("Invalid HTTP version (%s)"), version.split("/", 1)[1]),
                )
                return False
            self.request_version = version

        if not 2 <= nwords <= 3:
            self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request syntax (%r)"), requestline))
            return False
        bcommand, btarget = words[0], words[1]
        command = str(bcommand, "iso-8859-1")
        if nwords == 2:
            self.close_connection = True
            if command != "GET":
                self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad HTTP/0.9 request type (%r)"), command))
                return False
        if not _parse.is_token(bcommand):
            self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request method (%r)"), command))
            return False
        if len(bcommand) > self.max_method_length:
            self.send_error(HTTPStatus.NOT_IMPLEMENTED, _Msg(N_("Method too long (%d bytes)"), len(bcommand)))
            return False
        if len(btarget) > self.max_target_length:
            self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        if _parse.has_ctl(btarget):
            self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request target")))
            return False
        path = str(btarget, "iso-8859-1")
        self.command, self.path = command, path

        # gh-87389: '//host/...' would be a scheme-relative URI in a Location: collapse it.
        if path.startswith("//"):
            self.path = "/" + path.lstrip("/")
        return True

    def _parse_headers(self) -> bool:
        """Read the header section and check what the server itself needs (framing, Connection, Expect)."""
        try:
            headers, fields = _parse.read_head(
                self.rfile, self.MessageClass, self.max_line, self.max_headers, self.max_header_bytes
            )
        except _parse.HeadError as err:
            self.send_error(err.status, _Msg(err.message), err.explain)
            return False
        self.headers = headers
        self._request_headers = headers

        # One pass over the fields for what the server itself needs.
        conntype = expect = None
        lengths: list[str] = []
        codings: list[str] = []
        if fields is None and hasattr(headers, "raw_items"):
            fields = headers.raw_items()
        if fields is not None:
            for name, value in fields:
                lowered = name.lower()
                if lowered in _FRAMING_FIELDS:
                    if lowered == "connection":
                        conntype = value if conntype is None else conntype
                    elif lowered == "expect":
                        expect = value if expect is None else expect
                    elif lowered == "content-length":
                        lengths.append(value)
                    else:
                        codings.append(value)
        else:
            conntype, expect = headers.get("Connection"), headers.get("Expect")
            lengths = headers.get_all("Content-Length") or []
            codings = headers.get_all("Transfer-Encoding") or []
        if (lengths or codings) and not self._check_framing(headers, lengths, codings):
            return False

        if conntype:
            tokens = {t.strip().lower() for t in conntype.split(",")}
            if "close" in tokens:
                self.close_connection = True
            elif "keep-alive" in tokens and self.protocol_version >= "HTTP/1.1":
                self.close_connection = False
        if (
            expect
            and expect.lower() == "100-continue"
            and self.protocol_version >= "HTTP/1.1"
            and self.request_version >= "HTTP/1.1"
        ):
            if not self.handle_expect_100():
                return False
        return True

    @staticmethod
    def _version_number(version: str) -> tuple[int, int] | None:
        """``'HTTP/1.1'`` → ``(1, 1)``; ``None`` unless ``HTTP/<digits>.<digits>`` (≤ 10 digits each)."""
        if not version.startswith("HTTP/"):
            return None
        parts = version[5:].split(".")
        if len(parts) != 2:
            return None
        for part in parts:
            if not part or len(part) > 10 or not part.isascii() or not part.isdigit():
                return None
        return int(parts[0]), int(parts[1])

    def _check_framing(self, headers: Any, lengths: list[str], codings: list[str]) -> bool:
        """Strict ``Content-Length`` and ``Transfer-Encoding`` rules (request smuggling)."""
        if codings:
            if lengths:
                self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Both Content-Length and Transfer-Encoding")))
                return False
            if self.request_version < "HTTP/1.1":
                self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Transfer-Encoding in an HTTP/1.0 request")))
                return False
            last = ",".join(codings).rsplit(",", 1)[-1].strip().lower()
            if last != "chunked":
                self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Unsupported Transfer-Encoding")))
                return False
        elif lengths:
            length = _parse.parse_content_length(lengths)
            if length is None:
                self.send_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad Content-Length")))
                return False
            if len(lengths) > 1 or lengths[0] != str(length):
                # "3, 3" or repeated fields: keep one plain value (RFC 9110, 8.6).
                del headers["Content-Length"]
                headers["Content-Length"] = str(length)
        return True

    def handle_expect_100(self) -> bool:
        """Answer ``Expect: 100-continue``; override to refuse (send an error, return False)."""
        self.send_response_only(HTTPStatus.CONTINUE)
        self.end_headers()
        return True

    def handle_one_request(self) -> None:
        """Read, parse and dispatch one request."""
        try:
            timeout = self.timeout
            if timeout is not None:
                self._head_deadline = time.monotonic() + timeout
            try:
                self.raw_requestline = raw = self.rfile.readline(self.max_line + 1)
                if not raw:
                    self.close_connection = True
                    return
                if len(raw) > self.max_line:
                    self.requestline = ""
                    self.request_version = ""
                    self.command = ""
                    self._request_headers = None
                    self.send_error(HTTPStatus.REQUEST_URI_TOO_LONG)
                    ok = False
                else:
                    ok = self.parse_request()
            finally:
                self._head_deadline = None
            if ok:
                try:
                    method = getattr(self, "do_" + str(self.command))
                except AttributeError:
                    self.send_error(HTTPStatus.NOT_IMPLEMENTED, _Msg(N_("Unsupported method (%r)"), self.command))
                else:
                    method()
                    wfile = self.wfile
                    if type(wfile) is not _SocketWriter:
                        wfile.flush()  # actually send the response if not already done
            wfile = self.wfile
            if type(wfile) is _SocketWriter and wfile._pending:
                wfile.flush()  # a head not followed by a body write
        except TimeoutError as e:
            self.log_error("Request timed out: %r", e)
            self.close_connection = True
        except ConnectionError:
            self.close_connection = True

    def handle(self) -> None:
        """Handle requests until the connection is to be closed."""
        self.close_connection = True
        self.handle_one_request()
        while not self.close_connection:
            self.handle_one_request()

    # -- responses ---------------------------------------------------------

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Send and log an error reply whose page speaks the client's language.

        *message* (the short text, also used in the English status line) and
        *explain* default to the status's phrase and description.
        """
        try:
            shortmsg, longmsg = self.responses[code]
        except KeyError:
            shortmsg, longmsg = "???", "???"
        given_message, given_explain = message, explain
        if message is None:
            message = shortmsg
        if explain is None:
            explain = longmsg
        self.log_error("code %d, message %s", code, message)
        self.send_response(code, message)
        self.send_header("Connection", "close")

        # No body for 1xx, 204, 205 and 304 (RFC 9110, 6.4.1 and 15.3.6).
        body = None
        if code >= 200 and code not in _NO_BODY:
            body, headers = self._error_page(code, message, explain, given_message, given_explain, shortmsg, longmsg)
            for name, value in headers:
                self.send_header(name, value)
        self.end_headers()

        if self.command != "HEAD" and body:
            self.wfile.write(body)

    def _error_page(
        self,
        code: int,
        message: str,
        explain: str,
        given_message: str | None,
        given_explain: str | None,
        shortmsg: str,
        longmsg: str,
    ) -> tuple[bytes, list[tuple[str, str]]]:
        """Body and headers of an error page: CPython's, or localized when the client asks."""
        request_headers = self._request_headers
        accept_language = accept = None
        if request_headers is not None:
            accept_language = request_headers.get("Accept-Language")
            accept = request_headers.get("Accept")
        vary = ("Vary", "Accept-Language, Accept")
        if accept_language or accept:
            page = self._localized_error_page(code, accept, accept_language, given_message, given_explain,
                                              shortmsg, longmsg)
            if page is not None:
                return page.body, [*page.headers, vary]
        content = self.error_message_format % {
            "code": code,
            "message": html.escape(message, quote=False),
            "explain": html.escape(explain, quote=False),
        }
        body = content.encode("UTF-8", "replace")
        return body, [("Content-Type", self.error_content_type), ("Content-Length", str(len(body))), vary]

    def _localized_error_page(
        self,
        code: int,
        accept: str | None,
        accept_language: str | None,
        given_message: str | None,
        given_explain: str | None,
        shortmsg: str,
        longmsg: str,
    ) -> Any:
        """The :class:`~httpi18n.errorpages.ErrorPage`, or ``None`` to fall back to CPython's page."""
        from .errorpages import choose, render_error

        lang, fmt = choose(accept, accept_language, self._languages())
        if not accept_language and fmt == "text/html":
            return None  # no language asked for: CPython's page, byte for byte
        message = None
        if given_message is not None and given_message != shortmsg:
            message = given_message.translate_to(lang) if isinstance(given_message, _Msg) else given_message
        explain = None
        if given_explain is not None and given_explain != longmsg:
            explain = given_explain
        template = None
        if fmt == "text/html" and self.error_message_format != DEFAULT_ERROR_MESSAGE:
            fmt_string = self.error_message_format

            def template(values: Any) -> str:
                return fmt_string % {
                    "code": code,
                    "message": values["message"] or values["title"],
                    "explain": values["explain"],
                }

        try:
            page = render_error(code, lang, fmt, message=message, explain=explain, template=template)
        except (LookupError, ValueError):  # e.g. a status outside 100-599
            return None
        if template is not None:  # the handler's own format: its own Content-Type
            ctype = self.error_content_type
            page = page._replace(
                content_type=ctype,
                headers=[(n, ctype if n == "Content-Type" else v) for n, v in page.headers],
            )
        return page

    def _languages(self) -> tuple[str, ...]:
        langs = self.languages
        return SHIPPED if langs is None else tuple(langs)

    def _negotiated_language(self) -> str | None:
        """The catalog ``Accept-Language`` asks for, or ``None`` when the client sent none."""
        request_headers = self._request_headers
        if request_headers is None:
            return None
        accept_language = request_headers.get("Accept-Language")
        if not accept_language:
            return None
        return negotiate(accept_language, self._languages())

    def send_response(self, code: int, message: str | None = None) -> None:
        """Buffer the status line, ``Server`` and ``Date``; log the request."""
        self.log_request(code)
        if message is None and self.request_version != "HTTP/0.9" and self._plain_head():
            # Same bytes as the calls below, from caches keyed on everything they depend on.
            entry = self.responses.get(code)
            allow = self.allow_header_line_breaks
            key = (code, entry[0] if entry else "", self.protocol_version, self.version_string(), allow)
            start = _HEAD_CACHE.get(key)
            date = self.date_time_string()
            date_key, date_line = BaseHTTPRequestHandler._date_line
            if start is not None and date_key == (date, allow):
                try:
                    self._headers_buffer += (start, date_line)
                except AttributeError:
                    self._headers_buffer = [start, date_line]
                return
            try:
                buffer = self._headers_buffer
            except AttributeError:
                buffer = self._headers_buffer = []
            mark = len(buffer)
            self.send_response_only(code)
            self.send_header("Server", key[3])
            if len(_HEAD_CACHE) < 256 and len(buffer) == mark + 2:
                _HEAD_CACHE[key] = b"".join(buffer[mark:])
            self.send_header("Date", date)
            if len(buffer) == mark + 3:
                BaseHTTPRequestHandler._date_line = ((date, allow), buffer[-1])
            return
        self.send_response_only(code, message)
        self.send_header("Server", self.version_string())
        self.send_header("Date", self.date_time_string())

    def _plain_head(self) -> bool:
        """Whether send_response_only and send_header are this module's (not overridden or patched)."""
        try:
            return (
                self.send_header.__func__ is _BaseSendHeader  # type: ignore[attr-defined]
                and self.send_response_only.__func__ is _BaseSendResponseOnly  # type: ignore[attr-defined]
            )
        except AttributeError:  # e.g. a mock
            return False

    def send_response_only(self, code: int, message: str | None = None) -> None:
        """Buffer the status line only (English, Latin-1; line breaks become spaces)."""
        if self.request_version != "HTTP/0.9":
            if message is None:
                entry = self.responses.get(code)
                message = entry[0] if entry else ""
            elif "\r" in message or "\n" in message:
                message = message.replace("\r", " ").replace("\n", " ")
            line = ("%s %d %s\r\n" % (self.protocol_version, code, message)).encode("latin-1", "strict")
            try:
                self._headers_buffer.append(line)
            except AttributeError:
                self._headers_buffer = [line]

    def send_header(self, keyword: str, value: Any) -> None:
        """Buffer a header line; CR or LF in it raise :exc:`ValueError` unless allowed."""
        if not isinstance(value, str):
            value = str(value)
        if not self.allow_header_line_breaks and (
            "\n" in value or "\r" in value or "\n" in keyword or "\r" in keyword
        ):
            raise ValueError(f"line break in header {keyword!r}: refused (see allow_header_line_breaks)")
        if self.request_version != "HTTP/0.9":
            line = ("%s: %s\r\n" % (keyword, value)).encode("latin-1", "strict")
            try:
                self._headers_buffer.append(line)
            except AttributeError:
                self._headers_buffer = [line]

        if len(keyword) == 10 and keyword.lower() == "connection":
            lowered_value = value.lower()
            if lowered_value == "close":
                self.close_connection = True
            elif lowered_value == "keep-alive":
                self.close_connection = False

    def end_headers(self) -> None:
        """End the header section and send it in one write."""
        if self.request_version != "HTTP/0.9":
            self._headers_buffer.append(b"\r\n")
            self.flush_headers()

    def flush_headers(self) -> None:
        """Write the buffered head, if any, in one write."""
        try:
            buffer = self._headers_buffer
        except AttributeError:
            return
        else:
            data = b"".join(buffer)
            self._headers_buffer = []
            wfile = self.wfile
            if type(wfile) is _SocketWriter:
                wfile.hold(data)  # sent with the body's first write, or at flush
            else:
                wfile.write(data)

    # -- logging -----------------------------------------------------------

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log an accepted request (called by :meth:`send_response`)."""
        if isinstance(code, HTTPStatus):
            code = code.value
        self.log_message('"%s" %s %s', self.requestline, str(code), str(size))

    def log_error(self, format: str, *args: Any) -> None:
        """Log an error (passed on to :meth:`log_message`)."""
        self.log_message(format, *args)

    _control_char_table = str.maketrans(
        {c: rf"\x{c:02x}" for c in itertools.chain(range(0x20), range(0x7F, 0xA0))}
    )
    _control_char_table[ord("\\")] = r"\\"

    def log_message(self, format: str, *args: Any) -> None:
        """Write ``address - - [date] message`` to stderr, control characters escaped."""
        message = format % args
        sys.stderr.write(
            "%s - - [%s] %s\n"
            % (self.address_string(), self.log_date_time_string(), message.translate(self._control_char_table))
        )

    def version_string(self) -> str:
        """The ``Server`` header value."""
        return self.server_version + " " + self.sys_version

    _date_cache: tuple[int, str] = (-1, "")

    def date_time_string(self, timestamp: float | None = None) -> str:
        """An IMF-fixdate for *timestamp* (default: now; cached for the current second)."""
        if timestamp is None:
            now = int(time.time())
            cached = BaseHTTPRequestHandler._date_cache
            if cached[0] == now:
                return cached[1]
            value = email.utils.formatdate(now, usegmt=True)
            BaseHTTPRequestHandler._date_cache = (now, value)
            return value
        return email.utils.formatdate(timestamp, usegmt=True)

    _log_date_cache: tuple[int, str] = (-1, "")

    def log_date_time_string(self) -> str:
        """The current local time for the log, e.g. ``21/Nov/2025 20:37:01``."""
        now = int(time.time())
        cached = BaseHTTPRequestHandler._log_date_cache
        if cached[0] == now:
            return cached[1]
        year, month, day, hh, mm, ss, _, _, _ = time.localtime(now)
        value = "%02d/%3s/%04d %02d:%02d:%02d" % (day, self.monthname[month], year, hh, mm, ss)
        BaseHTTPRequestHandler._log_date_cache = (now, value)
        return value

    def address_string(self) -> str:
        """The client's address, for the log."""
        return self.client_address[0]


_BaseSendHeader = BaseHTTPRequestHandler.send_header
_BaseSendResponseOnly = BaseHTTPRequestHandler.send_response_only

_LISTING_TITLE = N_("Directory listing for %(path)s")


class SimpleHTTPRequestHandler(BaseHTTPRequestHandler):
    """Serve files from :attr:`directory` (GET and HEAD), with localized listings and errors."""

    server_version = "SimpleHTTP/" + __version__
    index_pages = ("index.html", "index.htm")
    extensions_map = _encodings_map_default = {
        ".gz": "application/gzip",
        ".Z": "application/octet-stream",
        ".bz2": "application/x-bzip2",
        ".xz": "application/x-xz",
    }

    def __init__(self, *args: Any, directory: str | os.PathLike[str] | None = None, **kwargs: Any) -> None:
        if directory is None:
            directory = os.getcwd()
        self.directory = os.fspath(directory)
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """Serve a GET request."""
        self._close_if_body_unread()
        f = self.send_head()
        if f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()

    def do_HEAD(self) -> None:
        """Serve a HEAD request."""
        self._close_if_body_unread()
        f = self.send_head()
        if f:
            f.close()

    def _close_if_body_unread(self) -> None:
        """GET and HEAD never read a request body: end the connection after the response
        rather than parse that body as the next request (request smuggling)."""
        headers = self._request_headers
        if headers is not None and (
            "Transfer-Encoding" in headers or headers.get("Content-Length", "0") != "0"
        ):
            self.close_connection = True

    def send_head(self) -> BinaryIO | None:
        """Send the status and headers for GET/HEAD; return a file to copy, or ``None``."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            parts = urllib.parse.urlsplit(self.path)
            if not parts.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                new_url = urllib.parse.urlunsplit((parts[0], parts[1], parts[2] + "/", parts[3], parts[4]))
                self.send_header("Location", new_url)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            for index in self.index_pages:
                index = os.path.join(path, index)
                if os.path.isfile(index):
                    path = index
                    break
            else:
                return self.list_directory(path)
        ctype = self.guess_type(path)
        # A trailing "/" names a directory: a file with one is not found (gh-61521).
        if path.endswith("/"):
            self.send_error(HTTPStatus.NOT_FOUND, _Msg(N_("File not found")))
            return None
        try:
            f = open(path, "rb")
        except (OSError, ValueError):  # ValueError: a NUL or a lone surrogate from %-decoding
            self.send_error(HTTPStatus.NOT_FOUND, _Msg(N_("File not found")))
            return None
        try:
            fs = os.fstat(f.fileno())
            if "If-Modified-Since" in self.headers and "If-None-Match" not in self.headers:
                if self._not_modified_since(self.headers["If-Modified-Since"], fs.st_mtime):
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    f.close()
                    return None
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-type", ctype)
            self.send_header("Content-Length", str(fs[6]))
            self.send_header("Last-Modified", self.date_time_string(fs.st_mtime))
            self.end_headers()
            return f
        except BaseException:
            f.close()
            raise

    @staticmethod
    def _not_modified_since(header: str, mtime: float) -> bool:
        """Whether a file modified at *mtime* is unchanged since the ``If-Modified-Since`` date."""
        try:
            ims = email.utils.parsedate_to_datetime(header)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False  # ill-formed: ignore
        if ims.tzinfo is None:
            ims = ims.replace(tzinfo=datetime.timezone.utc)  # obsolete format without a zone
        if ims.tzinfo is not datetime.timezone.utc:
            return False
        last_modif = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).replace(microsecond=0)
        return last_modif <= ims

    def list_directory(self, path: str | os.PathLike[str]) -> BinaryIO | None:
        """Send the headers of a directory listing (localized) and return its body as a file."""
        try:
            names = os.listdir(path)
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, _Msg(N_("No permission to list directory")))
            return None
        names.sort(key=lambda a: a.lower())
        try:
            displaypath = urllib.parse.unquote(self.path, errors="surrogatepass")
        except UnicodeDecodeError:
            displaypath = urllib.parse.unquote(self.path)
        displaypath = html.escape(displaypath, quote=False)
        enc = sys.getfilesystemencoding()
        lang = self._negotiated_language()
        if lang is None:
            title = _LISTING_TITLE % {"path": displaypath}
            tag = "en"
        else:
            title = translations(lang).gettext(_LISTING_TITLE) % {"path": displaypath}
            tag = lang.replace("_", "-")
        r = [
            "<!DOCTYPE HTML>",
            f'<html lang="{tag}">',
            "<head>",
            f'<meta charset="{enc}">',
            f"<title>{title}</title>\n</head>",
            f"<body>\n<h1>{title}</h1>",
            "<hr>\n<ul>",
        ]
        for name in names:
            fullname = os.path.join(path, name)
            displayname = linkname = name
            if os.path.isdir(fullname):
                displayname = linkname = name + "/"
            if os.path.islink(fullname):
                displayname = name + "@"  # a link to a directory shows @ and links with /
            r.append(
                '<li><a href="%s">%s</a></li>'
                % (urllib.parse.quote(linkname, errors="surrogatepass"), html.escape(displayname, quote=False))
            )
        r.append("</ul>\n<hr>\n</body>\n</html>\n")
        # A title in Japanese cannot be written in a Latin-1 file system encoding: fall back.
        encoded = "\n".join(r).encode(enc, "surrogateescape" if lang is None else "xmlcharrefreplace")
        f = io.BytesIO(encoded)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-type", "text/html; charset=%s" % enc)
        self.send_header("Content-Length", str(len(encoded)))
        if lang is not None:
            self.send_header("Content-Language", tag)
        self.send_header("Vary", "Accept-Language")
        self.end_headers()
        return f

    def translate_path(self, path: str) -> str:
        """Map a URL path to a file under :attr:`directory`; ``..``, drives and the like are dropped."""
        path = path.split("?", 1)[0]
        path = path.split("#", 1)[0]
        trailing_slash = path.rstrip().endswith("/")
        try:
            path = urllib.parse.unquote(path, errors="surrogatepass")
        except UnicodeDecodeError:
            path = urllib.parse.unquote(path)
        path = posixpath.normpath(path)
        words = filter(None, path.split("/"))
        path = self.directory
        for word in words:
            if os.path.dirname(word) or word in (os.curdir, os.pardir):
                continue  # not a simple file or directory name
            path = os.path.join(path, word)
        if trailing_slash:
            path += "/"
        return path

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Copy all of *source* to *outputfile*."""
        shutil.copyfileobj(source, outputfile)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """The MIME type of *path*: :attr:`extensions_map` first, then :mod:`mimetypes`."""
        base, ext = posixpath.splitext(os.fspath(path))
        if ext in self.extensions_map:
            return self.extensions_map[ext]
        ext = ext.lower()
        if ext in self.extensions_map:
            return self.extensions_map[ext]
        if hasattr(mimetypes, "guess_file_type"):
            guess, _ = mimetypes.guess_file_type(path)
        else:
            guess, _ = mimetypes.guess_type(os.fspath(path))
        return guess or "application/octet-stream"


def _get_best_family(host: str | None, port: int) -> tuple[Any, Any]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _type, _proto, _canonname, sockaddr = next(iter(infos))
    return family, sockaddr


def test(
    HandlerClass: type[BaseHTTPRequestHandler] = BaseHTTPRequestHandler,
    ServerClass: Any = ThreadingHTTPServer,
    protocol: str = "HTTP/1.0",
    port: int = 8000,
    bind: str | None = None,
) -> None:
    """Serve with *HandlerClass* on *port* until interrupted (as ``http.server.test``)."""
    ServerClass.address_family, addr = _get_best_family(bind, port)
    HandlerClass.protocol_version = protocol
    with ServerClass(addr, HandlerClass) as httpd:
        host, port = httpd.socket.getsockname()[:2]
        url_host = f"[{host}]" if ":" in host else host
        print(f"Serving HTTP on {host} port {port} (http://{url_host}:{port}/) ...")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            print("\nKeyboard interrupt received, exiting.")
            sys.exit(0)


def _main(argv: Iterable[str] | None = None) -> None:
    """``python -m httpi18n.server``: the flags of ``python -m http.server`` (no ``--cgi``)."""
    import argparse
    import contextlib

    parser = argparse.ArgumentParser(prog="python -m httpi18n.server")
    parser.add_argument("-b", "--bind", metavar="ADDRESS", help="bind to this address (default: all interfaces)")
    parser.add_argument("-d", "--directory", default=os.getcwd(),
                        help="serve this directory (default: current directory)")
    parser.add_argument("-p", "--protocol", metavar="VERSION", default="HTTP/1.0",
                        help="conform to this HTTP version (default: %(default)s)")
    parser.add_argument("port", default=8000, type=int, nargs="?", help="bind to this port (default: %(default)s)")
    args = parser.parse_args(None if argv is None else list(argv))

    class DualStackServer(ThreadingHTTPServer):
        """Accept IPv4 too on an IPv6 socket (bpo-38907)."""

        def server_bind(self) -> None:
            with contextlib.suppress(Exception):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            super().server_bind()

        def finish_request(self, request: Any, client_address: Any) -> None:
            handler: Any = self.RequestHandlerClass
            handler(request, client_address, self, directory=args.directory)

    test(HandlerClass=SimpleHTTPRequestHandler, ServerClass=DualStackServer, port=args.port,
         bind=args.bind, protocol=args.protocol)


if __name__ == "__main__":
    _main()
