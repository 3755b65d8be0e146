"""The servers and the request handler base class of :mod:`httpi18n.server`.

Private; everything here is re-exported by :mod:`httpi18n.server`, and the
functions look up their globals there (see :mod:`httpi18n._server_ns`), so
patching a name on that module reaches this code too.  Described in that module's
docstring: :class:`HTTPServer`, :class:`ThreadingHTTPServer`,
:class:`BaseHTTPRequestHandler` (request line and connection handling,
localized :meth:`~BaseHTTPRequestHandler.send_error`, response heads).
"""

from __future__ import annotations

import email.utils
import http.client
import io
import itertools
import re
import socket
import socketserver
import sys
import time
from typing import Any

from . import _server_parse as _parse
from ._server_io import (
    _KERNEL_TIMEOUTS,
    _body_write_follows,
    _HeadDeadlineIO,
    _OpenConnections,
    _open_connections,
    _set_kernel_timeout,
    _SocketWriter,
)
from ._server_errors import DEFAULT_ERROR_CONTENT_TYPE, DEFAULT_ERROR_MESSAGE, _error_page, _Msg
from .catalogs import SHIPPED, N_
from .enums import HTTPStatus
from .negotiation import negotiate

__version__ = "0.6"

#: A plain request line (token method, target without controls or spaces, HTTP/1.0 or 1.1).
_REQUEST_LINE = re.compile(r"([!#$%&'*+\-.^_`|~0-9A-Za-z]+) ([\x21-\x7e\x80-\xff]+) (HTTP/1\.[01])\r?\n")
_FRAMING_FIELDS = frozenset(("connection", "expect", "content-length", "transfer-encoding", "host"))
#: send_response's cache: status + Server lines by everything they depend on.
_HEAD_CACHE: dict[tuple[Any, ...], bytes] = {}
_NO_BODY = frozenset((HTTPStatus.NO_CONTENT, HTTPStatus.RESET_CONTENT, HTTPStatus.NOT_MODIFIED))


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
    #: Answer 400 to an HTTP/1.1 request with no ``Host`` field or more than one
    #: (RFC 9112, Section 3.2); ``False`` accepts them, as :mod:`http.server` does.
    #: HTTP/1.0 requests need no ``Host`` either way.
    require_host = True

    _head_deadline: float | None = None
    #: Set only by this package's own code while it writes a head followed at once by its body.
    _hold_head = False
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
                    self._early_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request version (%r)"), version))
                    return False
            if number >= (1, 1) and self.protocol_version >= "HTTP/1.1":
                self.close_connection = False
            if number >= (2, 0):
                self.request_version = version  # answer with a status line, not a bare page
                self._early_error(
                    HTTPStatus.HTTP_VERSION_NOT_SUPPORTED,
                    _Msg(N_("Invalid HTTP version (%s)"), version.split("/", 1)[1]),
                )
                return False
            self.request_version = version

        if not 2 <= nwords <= 3:
            self._early_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request syntax (%r)"), requestline))
            return False
        bcommand, btarget = words[0], words[1]
        command = str(bcommand, "iso-8859-1")
        if nwords == 2:
            self.close_connection = True
            if command != "GET":
                self._early_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad HTTP/0.9 request type (%r)"), command))
                return False
        if not _parse.is_token(bcommand):
            self._early_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request method (%r)"), command))
            return False
        if len(bcommand) > self.max_method_length:
            self._early_error(HTTPStatus.NOT_IMPLEMENTED, _Msg(N_("Method too long (%d bytes)"), len(bcommand)))
            return False
        if len(btarget) > self.max_target_length:
            self._early_error(HTTPStatus.REQUEST_URI_TOO_LONG)
            return False
        if _parse.has_ctl(btarget):
            self._early_error(HTTPStatus.BAD_REQUEST, _Msg(N_("Bad request target")))
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
            self._early_error(err.status, _Msg(err.message), err.explain, err)
            return False
        self.headers = headers
        self._request_headers = headers

        # One pass over the fields for what the server itself needs.
        conntype = expect = None
        hosts = 0
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
                    elif lowered == "host":
                        hosts += 1
                    else:
                        codings.append(value)
        else:
            conntype, expect = headers.get("Connection"), headers.get("Expect")
            lengths = headers.get_all("Content-Length") or []
            codings = headers.get_all("Transfer-Encoding") or []
            hosts = len(headers.get_all("Host") or ())
        if (lengths or codings) and not self._check_framing(headers, lengths, codings):
            return False
        if hosts != 1 and self.require_host and self._needs_host():
            # RFC 9112, 3.2: exactly one Host field in an HTTP/1.1 request.
            self.send_error(
                HTTPStatus.BAD_REQUEST,
                _Msg(N_("Missing Host header") if hosts == 0 else N_("More than one Host header")),
            )
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

    def _needs_host(self) -> bool:
        """Whether the request's version is HTTP/1.1 or a later 1.x (which must carry one Host)."""
        version = self.request_version
        if version == "HTTP/1.1":
            return True
        if version in ("HTTP/1.0", "HTTP/0.9"):
            return False
        number = self._version_number(version)
        return number is not None and number[0] == 1 and number[1] >= 1

    def _early_error(
        self, code: int, message: str | None = None, explain: str | None = None, err: Any = None
    ) -> None:
        """``send_error`` for a rejected request line or header section (*err*: the parser's
        :class:`~httpi18n._server_parse.HeadError`), in the visitor's language when it can be read."""
        self._early_language(err)
        self.send_error(code, message, explain)

    def _early_language(self, err: Any = None) -> None:
        """Find ``Accept-Language`` in a head that was rejected before its headers were parsed.

        Error paths only.  Looks at the field lines the parser read before
        *err*, then at bytes that have already arrived (never reading them,
        never waiting), from where the head or the next line starts, within
        :attr:`max_line`, :attr:`max_headers` and :attr:`max_header_bytes`;
        a request line that was not read whole (too long) gives nothing.  A
        well-formed value becomes ``_request_headers`` (an
        :class:`~httpi18n._server_parse.EarlyHeaders`), so the error page is
        negotiated as usual; else the page stays English.
        """
        if self._request_headers is not None:
            return
        fields: Any = ()
        lines, size = self.max_headers, self.max_header_bytes
        if err is None:
            raw = getattr(self, "raw_requestline", b"")
            if raw[-1:] != b"\n" or len(raw) > self.max_line:
                return  # the request line was not read whole: where the head goes on is unknown
        else:
            fields = err.fields
            lines = lines - len(fields) - 1 if err.resumable else 0
            size -= err.total
        data = self._arrived(size) if lines > 0 and size > 0 else b""
        value = _parse.early_accept_language(fields, data, self.max_line, lines, size)
        if value is not None:
            self._request_headers = _parse.EarlyHeaders(value)

    def _arrived(self, limit: int) -> bytes:
        """Up to *limit* bytes the client has sent and the handler has not read, without
        consuming them or waiting: ``rfile``'s buffer, then the kernel's (``MSG_PEEK``).

        Only with this package's own reader under ``rfile`` (else ``b""``).
        """
        rfile = self.rfile
        if type(rfile) is not io.BufferedReader or not isinstance(getattr(rfile, "raw", None), _HeadDeadlineIO):
            return b""
        saved = self._head_deadline
        self._head_deadline = float("-inf")  # a read from the socket now fails at once: peek only buffers
        try:
            data = rfile.peek(limit)[:limit]
        except OSError:  # TimeoutError: the buffer was empty
            data = b""
        finally:
            self._head_deadline = saved
        conn = self.connection
        flags = getattr(socket, "MSG_DONTWAIT", 0)
        if len(data) < limit and flags and type(conn) is socket.socket and conn.gettimeout() is None:
            try:
                data += conn.recv(limit - len(data), socket.MSG_PEEK | flags)
            except OSError:  # nothing more has arrived (BlockingIOError), or the connection is gone
                pass
        return data

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
        """Read, parse and dispatch one request.

        The head must arrive within :attr:`timeout` seconds; a deadline a
        subclass has already set for this request (it began reading the head
        itself, then handed over) is kept, not extended.
        """
        try:
            timeout = self.timeout
            if timeout is not None and self._head_deadline is None:
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
            body, headers = _error_page(self, code, message, explain, given_message, given_explain, shortmsg, longmsg)
            for name, value in headers:
                self.send_header(name, value)
        held = self._hold_head
        if not held and body and self.command != "HEAD" and _runs_own(type(self), _HEAD_WRITERS):
            self._hold_head = True  # nothing but the body's write follows: one sendall for both
        try:
            self.end_headers()
        finally:
            self._hold_head = held

        if self.command != "HEAD" and body:
            self.wfile.write(body)

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
                self.send_header.__func__.__code__ is _SEND_HEADER_CODE  # type: ignore[attr-defined]
                and self.send_response_only.__func__.__code__ is _SEND_RESPONSE_ONLY_CODE  # type: ignore[attr-defined]
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
        """End the header section and send it in one write, before this method returns.

        One exception, invisible on the wire: when the caller's very next step
        is ``self.wfile.write(body)`` (see ``_body_write_follows``), the head
        leaves in that write's ``sendall``, so nothing can come between them.
        """
        if self.request_version != "HTTP/0.9":
            self._headers_buffer.append(b"\r\n")
            if (
                not self._hold_head
                and type(self.wfile) is _SocketWriter
                and _runs_own(type(self), ("flush_headers",))
                and _body_write_follows(self, sys._getframe(1))
            ):
                self._hold_head = True
                try:
                    self.flush_headers()
                finally:
                    self._hold_head = False
            else:
                self.flush_headers()

    def flush_headers(self) -> None:
        """Write the buffered head, if any, in one write.

        The head is on the wire when this returns, so whatever the handler
        does next (``self.connection.sendall``, :func:`os.sendfile`, a slow
        first chunk, a CONNECT tunnel) comes after it, as in
        :mod:`http.server`.  Only this package's own code, when it writes a
        body at once (``send_error``, ``SimpleHTTPRequestHandler.do_GET``,
        ``end_headers`` followed at once by ``self.wfile.write``), sets
        ``_hold_head`` so that head and body leave in one ``sendall``.
        """
        try:
            buffer = self._headers_buffer
        except AttributeError:
            return
        else:
            data = b"".join(buffer)
            self._headers_buffer = []
            wfile = self.wfile
            if type(wfile) is _SocketWriter:
                if self._hold_head:
                    wfile.hold(data)  # our own code writes the body next
                elif data:
                    wfile.write(data)
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




#: The code of this module's methods that write or buffer a response head: a method whose
#: ``__code__`` is not this one was overridden, patched or wrapped (code objects survive
#: ``httpi18n.server``'s re-binding of globals, function objects do not).
_OWN_CODE: dict[str, Any] = {
    name: vars(BaseHTTPRequestHandler)[name].__code__
    for name in ("send_header", "send_response_only", "send_error", "end_headers", "flush_headers")
}
_SEND_HEADER_CODE = _OWN_CODE["send_header"]
_SEND_RESPONSE_ONLY_CODE = _OWN_CODE["send_response_only"]
#: What runs between a held head and the body's write in send_error.
_HEAD_WRITERS = ("end_headers", "flush_headers")


def _runs_own(cls: type, names: tuple[str, ...]) -> bool:
    """Whether *cls*'s methods *names* are this package's own (see ``_OWN_CODE``)."""
    for name in names:
        if getattr(getattr(cls, name, None), "__code__", None) is not _OWN_CODE[name]:
            return False
    return True
