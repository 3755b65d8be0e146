"""An HTTP/1.1 client with the API of CPython 3.13's :mod:`http.client`.

Drop-in: the same classes, functions, exceptions, constants, audit events
(``http.client.connect``, ``http.client.send``) and behaviour, checked by
running CPython's own ``test.test_httplib`` against this module.  English
stays on the wire and in :data:`responses`; :meth:`HTTPResponse.localized`
gives the status in the reader's language.

How it differs from :mod:`http.client`:

* **Faster.**  Status line and header block are parsed by our own sans-I/O
  code (:mod:`httpi18n._http11`), never by :mod:`email.parser`: when the
  whole head is already buffered (the usual case on a socket) it is taken
  with one ``peek``/``read`` and one regular-expression scan, and
  :class:`HTTPMessage` is filled directly.  Small request bodies go out in
  the same ``sendall`` as the head; the automatic ``Host`` and
  ``Accept-Encoding`` lines are kept ready-made (while ``putheader`` and
  ``_output`` are not overridden).  On a keep-alive socket the buffered
  reader of a response whose body was read in one ``read()`` and left its
  buffer empty is taken by the next response instead of a new
  ``makefile("rb")``; a reader holding bytes past its response is closed
  (those bytes dropped) as with :mod:`http.client`.
* **Stricter** (RFC 9110/9112), while keeping every CPython limit
  (``_MAXLINE``, ``_MAXHEADERS``, header/URL/method injection checks):

  - ``Content-Length`` must be ASCII digits (CPython's ``int()`` takes
    ``+5``, ``5_0``, ``٥``); an invalid value makes the body run to
    connection close and the connection is never reused (as CPython does for
    ``-1``); several values that disagree raise :class:`HTTPException`;
  - ``Transfer-Encoding`` wins over ``Content-Length`` (RFC 9112 §6.3) and
    then the connection is not reused; the body is chunked when ``chunked``
    is the *final* coding, otherwise it runs to connection close;
  - a chunk size is hex digits only, each chunk must end in CRLF, and at
    most ``_MAXTRAILERS`` trailer lines are read; violations raise
    :class:`IncompleteRead`;
  - 204, 304, 1xx and HEAD responses never have a body, even when they
    announce one; interim 1xx responses other than 101 are skipped (at most
    ``_MAXINTERIM`` of them);
  - a hostile ``Content-Length`` or chunk size never makes us allocate
    it: bodies are read in pieces of at most ``_READ_PIECE`` bytes;
  - header values have obs-fold joined with a space and CR/NUL replaced by
    a space; malformed header lines are dropped, not allowed to swallow the
    following headers; ``Connection`` is compared token by token;
  - request methods must be HTTP tokens, header names/values and CONNECT
    tunnel headers may not contain NUL, CR or LF (tunnel headers are
    checked too), ports must be decimal digits up to 65535;
  - the CONNECT tunnel succeeds on any 2xx answer.
* :meth:`HTTPMessage.getallmatchingheaders` works (CPython's always returns
  ``[]``).
"""

from __future__ import annotations

import collections.abc
import email.message
import errno
import io
import re
import socket
import sys
from email import policy as _email_policy
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from . import _http11
from .enums import HTTPStatus
from .localize import LocalizedText, localized as _localized

__all__ = [
    "HTTPResponse",
    "HTTPConnection",
    "HTTPException",
    "NotConnected",
    "UnknownProtocol",
    "UnknownTransferEncoding",
    "UnimplementedFileMode",
    "IncompleteRead",
    "InvalidURL",
    "ImproperConnectionState",
    "CannotSendRequest",
    "CannotSendHeader",
    "ResponseNotReady",
    "BadStatusLine",
    "LineTooLong",
    "RemoteDisconnected",
    "error",
    "responses",
]

HTTP_PORT = 80
HTTPS_PORT = 443

_UNKNOWN = "UNKNOWN"

# connection states
_CS_IDLE = "Idle"
_CS_REQ_STARTED = "Request-started"
_CS_REQ_SENT = "Request-sent"

# Every status name (OK, NOT_FOUND, ...) is a module constant, as in CPython.
globals().update(HTTPStatus.__members__)

#: Status code -> English reason phrase (the wire language).
responses: dict[int, str] = {member: member.phrase for member in HTTPStatus.__members__.values()}

#: Longest status/header/chunk-size/trailer line accepted.
_MAXLINE = _http11.MAXLINE
#: Most header lines accepted in a response head.
_MAXHEADERS = _http11.MAXHEADERS
#: Most trailer lines accepted after the last chunk.
_MAXTRAILERS = _http11.MAXTRAILERS
#: Most interim (1xx) responses skipped before the final one.
_MAXINTERIM = 32
#: Largest single read from the socket file while reading a body.
_READ_PIECE = 1 << 20

# Python 3.12 started recording the CONNECT Host header in ``_tunnel_headers``;
# before, it was not there (and the suites of those versions check that).
_TUNNEL_HOST_IN_HEADERS = sys.version_info >= (3, 12)

# Methods that get "Content-Length: 0" when sent without a body.
_METHODS_EXPECTING_BODY = frozenset({"PATCH", "POST", "PUT"})

# Methods that are HTTP tokens (so need no check in _validate_method).
_COMMON_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"})
_NO_NAMES: frozenset[str] = frozenset()

# Request-side checks (the names and values CPython accepts, minus NUL).
_legal_header_name = re.compile(rb"[^:\s\x00][^:\r\n\x00]*").fullmatch
_illegal_header_value = re.compile(rb"\n(?![ \t])|\r(?![ \t\n])|\x00").search
_bad_url_char = re.compile("[\x00-\x20\x7f]").search
_control_in_method = re.compile("[\x00-\x1f]").search
_method_token = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+").fullmatch
_port_digits = re.compile(r"[0-9]{1,5}").fullmatch


# --------------------------------------------------------------------------- exceptions


class HTTPException(Exception):
    """Base class of every error this module raises on its own."""


class NotConnected(HTTPException):
    """``send()`` without a socket while ``auto_open`` is off."""


class InvalidURL(HTTPException):
    """A host, port or URL that cannot be used."""


class UnknownProtocol(HTTPException):
    """The server answered with an HTTP version we do not speak."""

    def __init__(self, version: str) -> None:
        self.args = (version,)
        self.version = version


class UnknownTransferEncoding(HTTPException):
    """Kept for compatibility; never raised (unknown codings read to close)."""


class UnimplementedFileMode(HTTPException):
    """``makefile()`` was asked for a mode other than ``r``/``rb``."""


class IncompleteRead(HTTPException):
    """The body ended early or broke its framing; ``partial`` holds what was read."""

    def __init__(self, partial: bytes, expected: int | None = None) -> None:
        self.args = (partial,)
        self.partial = partial
        self.expected = expected

    def __repr__(self) -> str:
        more = f", {self.expected} more expected" if self.expected is not None else ""
        return f"{type(self).__name__}({len(self.partial)} bytes read{more})"

    __str__ = object.__str__


class ImproperConnectionState(HTTPException):
    """A call made in the wrong connection state."""


class CannotSendRequest(ImproperConnectionState):
    """``putrequest()`` while a request is being sent or awaits its response."""


class CannotSendHeader(ImproperConnectionState):
    """``putheader()``/``endheaders()`` outside a request."""


class ResponseNotReady(ImproperConnectionState):
    """``getresponse()`` before a request was sent, or before the last response was read."""


class BadStatusLine(HTTPException):
    """The server's status line is not ``HTTP/x.y NNN reason``."""

    def __init__(self, line: str) -> None:
        if not line:
            line = repr(line)
        self.args = (line,)
        self.line = line


class LineTooLong(HTTPException):
    """A status, header, chunk-size or trailer line longer than ``_MAXLINE``."""

    def __init__(self, line_type: str) -> None:
        HTTPException.__init__(self, f"got more than {_MAXLINE} bytes when reading {line_type}")


class RemoteDisconnected(ConnectionResetError, BadStatusLine):
    """The server closed the connection before sending a status line."""

    def __init__(self, *pos: Any, **kw: Any) -> None:
        BadStatusLine.__init__(self, "")
        ConnectionResetError.__init__(self, *pos, **kw)


error = HTTPException


# --------------------------------------------------------------------------- headers


class HTTPMessage(email.message.Message):
    """Response (or request) headers: an :class:`email.message.Message` (compat32).

    Filled directly from our parser, so ``get``/``get_all``/``items``/
    ``keys``/``in`` behave as with :mod:`http.client`.
    """

    @property
    def _headers(self) -> list[tuple[str, str]]:
        # Lazily parsed: a response head that scanned cleanly keeps its raw
        # text until someone looks at the headers.
        state = self.__dict__
        try:
            return state["_headers"]
        except KeyError:
            fields = _http11.parse_header_block(state.pop("_pending", b"").decode("iso-8859-1"))
            state["_headers"] = fields
            return fields

    @_headers.setter
    def _headers(self, fields: list[tuple[str, str]]) -> None:
        self.__dict__.pop("_pending", None)
        self.__dict__["_headers"] = fields

    def getallmatchingheaders(self, name: str) -> list[str]:
        """Every ``'Name: value'`` line (CRLF-terminated) whose name is *name*, any case."""
        wanted = name.lower()
        return [f"{k}: {v}\r\n" for k, v in self._headers if k.lower() == wanted]  # type: ignore[attr-defined]


_COMPAT32 = _email_policy.compat32
_new_object = object.__new__


_MESSAGE_STATE: dict[str, Any] = {
    "policy": _COMPAT32,
    "_headers": None,
    "_unixfrom": None,
    "_payload": "",
    "_charset": None,
    "preamble": None,
    "epilogue": None,
    "defects": None,
    "_default_type": "text/plain",
}


def _message(fields: list[tuple[str, str]], cls: type = HTTPMessage) -> Any:
    """An *cls* instance holding *fields*, without running ``email.parser``."""
    if cls is HTTPMessage:
        msg = _new_object(HTTPMessage)
        state = _MESSAGE_STATE.copy()
        state["_headers"] = fields
        state["defects"] = []
        msg.__dict__ = state
        return msg
    msg = cls()
    msg._headers = fields
    if getattr(msg, "_payload", "") is None:
        msg._payload = ""
    return msg


_LAZY_MESSAGE_STATE: dict[str, Any] = {**{k: v for k, v in _MESSAGE_STATE.items() if k != "_headers"}, "_pending": b""}


def _lazy_message(block: bytes) -> HTTPMessage:
    """An :class:`HTTPMessage` whose fields are parsed from *block* on first use."""
    msg = _new_object(HTTPMessage)
    state = _LAZY_MESSAGE_STATE.copy()
    state["_pending"] = block
    state["defects"] = []
    msg.__dict__ = state
    return msg


def _read_header_lines(fp: Any) -> list[bytes]:
    """Read raw header lines up to and excluding the blank line (or EOF)."""
    lines: list[bytes] = []
    readline = fp.readline
    while True:
        line = readline(_MAXLINE + 1)
        if len(line) > _MAXLINE:
            raise LineTooLong("header line")
        if line in (b"\r\n", b"\n", b""):
            return lines
        lines.append(line)
        if len(lines) > _MAXHEADERS:
            raise HTTPException(f"got more than {_MAXHEADERS} headers")


def _fields_of(lines: list[bytes]) -> list[tuple[str, str]]:
    """Parse raw header lines (with terminators) into ``(name, value)`` pairs."""
    text = b"".join(lines).decode("iso-8859-1")
    return _http11.parse_header_block(text)


def parse_headers(fp: Any, _class: type = HTTPMessage) -> Any:
    """Read a header block from *fp* up to the blank line and return an :class:`HTTPMessage`."""
    return _message(_fields_of(_read_header_lines(fp)), _class)


# --------------------------------------------------------------------------- response

_status_cache: dict[bytes, tuple[int, int, str]] = {}
_status_cache_get = _status_cache.get


def _has_token(values: list[str], token: str) -> bool:
    """Whether comma-separated *values* contain *token* (lower-case), any case."""
    for value in values:
        for item in value.split(","):
            if item.strip(" \t").lower() == token:
                return True
    return False


def _version_number(version: str) -> int:
    """10 or 11 for an ``HTTP/x.y`` version string, else :class:`UnknownProtocol`."""
    if version in ("HTTP/1.0", "HTTP/0.9"):
        return 10
    if version.startswith("HTTP/1."):
        return 11
    raise UnknownProtocol(version)


_FRAMING_NAMES = frozenset({"content-length", "transfer-encoding", "connection", "proxy-connection", "keep-alive"})


def _framing_from_fields(fields: list[tuple[str, str]]) -> tuple[list[str], list[str], list[str], bool]:
    """Content-Length, Transfer-Encoding, Connection values and Keep-Alive presence."""
    cl: list[str] = []
    te: list[str] = []
    conn: list[str] = []
    keep_alive = False
    for name, value in fields:
        lname = name.lower()
        if lname not in _FRAMING_NAMES:
            continue
        if lname == "content-length":
            cl.append(value)
        elif lname == "transfer-encoding":
            te.append(value)
        elif lname == "keep-alive":
            keep_alive = True
        else:
            conn.append(value)
    return cl, te, conn, keep_alive


# A framing field at a line start, its raw value, and (looked at, not
# consumed) what follows the value's CR: b"\n" for a plain line end, b"\n"
# + SP/HTAB when an obs-fold follows, another byte for a bare CR inside it.
_FRAMING_FIELD = re.compile(
    rb"\n(content-length|transfer-encoding|connection|proxy-connection|keep-alive):([^\r\n]*)\r(?=(\n[ \t]?|[^\n]))",
    re.IGNORECASE,
)


# One scan of the lower-cased head (CRLF line ends expected) for what the
# fast path of HTTPResponse.begin() cannot handle, and for the simple framing
# it can.  A match of at most two bytes is trouble: a bare LF, an obs-fold
# anywhere (it may join a framing field even across a dropped line), or a
# framing field of a kind that needs the general rules (any
# Transfer-Encoding but a lone "chunked", Proxy-Connection, a Content-Length
# that is not plain digits, a Connection that mentions "close" or holds
# NUL/CR; more than 18 digits).  A longer match is the whole
# "\ncontent-length: <digits>" or "\ntransfer-encoding: chunked" of a plain
# field.  A plain Connection field (no "close") does not match at all.  (Branches start with a literal where
# possible: the regex engine rejects those on their first byte.)
_SIMPLE_FRAMING = re.compile(
    rb"\n(?:(?<!\r\n)|[ \t]"
    rb"|content-length:[ \t]*[0-9]{1,18}[ \t]*(?=\r\n)"
    rb"|transfer-encoding:[ \t]*chunked[ \t]*(?=\r\n)"
    rb"|c(?=ontent-length:|onnection:(?:[^\r\n]*close|(?![^\r\n\x00]*\r\n)))"
    rb"|t(?=ransfer-encoding:)|p(?=roxy-connection:))"
).findall


def _framing_from_head(head: bytes) -> tuple[list[str], list[str], list[str], bool] | None:
    """As :func:`_framing_from_fields`, with one C-speed scan of the raw *head*.

    *head* is the whole head (status line included) with CRLF line ends
    only.  Returns ``None`` when the head has an obs-fold or a framing field
    holds CR or NUL, where the field rules would rewrite the value: the
    caller then parses all fields.
    """
    if b"\n " in head or b"\n\t" in head:
        return None  # an obs-fold can join a framing field even across a dropped line
    cl: list[str] = []
    te: list[str] = []
    conn: list[str] = []
    keep_alive = False
    for name, value, after in _FRAMING_FIELD.findall(head):
        if after != b"\n" or b"\x00" in value:
            return None
        name = name.lower()
        if name == b"content-length":
            cl.append(value.strip(b" \t").decode("iso-8859-1"))
        elif name == b"transfer-encoding":
            te.append(value.strip(b" \t").decode("iso-8859-1"))
        elif name == b"keep-alive":
            keep_alive = True
        else:
            conn.append(value.strip(b" \t").decode("iso-8859-1"))
    return cl, te, conn, keep_alive


class HTTPResponse(io.BufferedIOBase):
    """The response to one request: status, headers, and the body as a stream."""

    # Before begin(): class-level defaults (cheaper than setting each one).
    headers: Any = None
    msg: Any = None
    version: Any = _UNKNOWN
    status: Any = _UNKNOWN
    reason: Any = _UNKNOWN
    chunked: Any = _UNKNOWN
    chunk_left: Any = _UNKNOWN
    length: Any = _UNKNOWN
    will_close: Any = _UNKNOWN

    debuglevel: int = 0
    url: str | None = None
    # Set by HTTPConnection.getresponse() on a reader it may take back (a
    # plain BufferedReader over a real socket): the connection's list of
    # spare readers.  _spare_ok: after the head, the reader's buffer held
    # exactly the body and nothing more.
    _pool: list[Any] | None = None
    _spare_ok = False
    # True while close() and flush() are ours: then a response whose socket
    # file is already gone has nothing left for the finalizer to do.
    _plain_close = True

    def __init__(self, sock: Any, debuglevel: int = 0, method: str | None = None, url: str | None = None) -> None:
        self.fp: Any = sock.makefile("rb")
        self._method = method
        if debuglevel:
            self.debuglevel = debuglevel
        if url is not None:
            self.url = url

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.close is not HTTPResponse.close or cls.flush is not HTTPResponse.flush:
            cls._plain_close = False

    def __del__(self) -> None:
        # io.IOBase's finalizer calls close() unless closed; that is a chain
        # of four Python calls, paid by every response.  Skip it when it can
        # have no effect (the body was read or the response closed).
        if self.fp is None and self._plain_close:
            return
        if not self.closed:
            self._finalizing = True
            try:
                self.close()
            except Exception:
                if sys.flags.dev_mode:
                    raise  # reported as unraisable, as io.IOBase does in dev mode

    # ---- head

    def _read_status(self) -> tuple[str, int, str]:
        """Read and check the status line; ``(version, status, reason)``."""
        line = str(self.fp.readline(_MAXLINE + 1), "iso-8859-1")
        if len(line) > _MAXLINE:
            raise LineTooLong("status line")
        if self.debuglevel > 0:
            print("reply:", repr(line))
        if not line:
            raise RemoteDisconnected("Remote end closed connection without response")
        try:
            return _http11.parse_status_line(line)
        except _http11.ParseError:
            self._close_conn()
            raise BadStatusLine(line) from None

    def begin(self) -> None:
        """Read the status line and headers and work out how the body is framed.

        Fast path: when the reader's buffer already holds the whole head of a
        final HTTP/1.1 response with CRLF line ends and plain framing (one
        ``Content-Length`` of digits, or ``Transfer-Encoding: chunked``, or
        neither; no ``close``), it is consumed with one ``read``, framing
        comes from one scan, and the fields are parsed only when someone
        looks at them.  Anything else takes :meth:`_begin`, which gives the
        same result.
        """
        if self.headers is not None:
            return  # already begun
        if self.debuglevel <= 0:
            fp = self.fp
            try:
                peek = fp.peek
            except AttributeError:
                return self._begin()
            buf = peek(_MAXLINE)
            end = buf.find(b"\r\n\r\n")
            if 0 <= end <= _MAXLINE and buf[:5] == b"HTTP/":
                head = buf[: end + 2]
                if head.count(b"\n") <= _MAXHEADERS + 1:
                    found = _SIMPLE_FRAMING(head.lower())
                    if not found:
                        chunked = False
                        length = None
                    elif len(found) == 1 and len(field := found[0]) > 2:
                        if field[1] == 0x63:  # "\ncontent-length: <digits>"
                            chunked = False
                            length = int(field[16:])
                        else:  # "\ntransfer-encoding: chunked"
                            chunked = True
                            length = None
                    else:
                        return self._begin()
                    # No bare LF, so the first CRLF ends the status line.
                    nl = head.find(b"\r\n")
                    status_line = head[:nl]
                    parsed = _status_cache_get(status_line)
                    if parsed is None:
                        fp.read(end + 4)  # as _begin() would, before the status line is checked
                        parsed = self._parse_status(status_line)
                        fp = None
                    vnum, status, reason = parsed
                    if vnum == 11 and (status >= 200 or status == 101):
                        if fp is not None:
                            fp.read(end + 4)
                            if self._pool is not None and length is not None:
                                self._spare_ok = len(buf) - end - 4 == length
                        self.version = 11
                        self.code = self.status = status
                        self.reason = reason
                        self.headers = self.msg = _lazy_message(head[nl + 2 :])
                        if status == 204 or status == 304 or status < 200 or self._method == "HEAD":
                            length = 0
                            chunked = False
                        self.chunked = chunked
                        self.chunk_left = None
                        self.length = length
                        self.will_close = length is None and not chunked
                        return
                    if fp is None:  # consumed: the general rules take it from here
                        return self._begin(head, nl, parsed)
        return self._begin()

    def _begin(self, head: bytes | None = None, nl: int = 0, parsed: tuple[int, int, str] | None = None) -> None:
        """The general :meth:`begin`: interim responses, HTTP/1.0, any framing, bare LF, debugging.

        *head* (with its status line at ``head[:nl]`` parsed as *parsed*)
        is a head :meth:`begin` has already consumed from the reader.
        """
        fp = self.fp
        peek = getattr(fp, "peek", None) if self.debuglevel <= 0 else None
        for _ in range(_MAXINTERIM + 1):
            if head is None:
                buf = peek(_MAXLINE) if peek is not None else b""
                end = buf.find(b"\r\n\r\n")
                if 0 <= end <= _MAXLINE and buf[:5] == b"HTTP/":
                    candidate = buf[: end + 2]
                    lines = candidate.count(b"\n")
                    if lines == candidate.count(b"\r\n"):  # no bare LF: this is exactly the head
                        if lines > _MAXHEADERS + 1:
                            raise HTTPException(f"got more than {_MAXHEADERS} headers")
                        fp.read(end + 4)
                        head = candidate
                        nl = head.find(b"\r\n")
                        status_line = head[:nl]
                        parsed = _status_cache_get(status_line)
                        if parsed is None:
                            parsed = self._parse_status(status_line)
            if head is not None:
                assert parsed is not None
                vnum, status, reason = parsed
                if 100 <= status < 200 and status != 101:
                    head = None
                    continue  # interim response: skip it
                if vnum == 0:
                    raise UnknownProtocol(reason)  # see _parse_status
                self.version = vnum
                framing = _framing_from_head(head)
                block = head[nl + 2 :]
                if framing is None:
                    fields = _http11.parse_header_block(block.decode("iso-8859-1"))
                    msg = _message(fields)
                    framing = _framing_from_fields(fields)
                else:
                    msg = _lazy_message(block)
                break
            version, status, reason = self._read_status()
            if 100 <= status < 200 and status != 101:
                skipped = _read_header_lines(fp)
                if self.debuglevel > 0:
                    print("headers:", skipped)
                continue
            self.version = _version_number(version)
            fields = _fields_of(_read_header_lines(fp))
            msg = _message(fields)
            framing = _framing_from_fields(fields)
            break
        else:
            raise HTTPException(f"got more than {_MAXINTERIM} interim responses")

        self.code = self.status = status
        self.reason = reason
        self.headers = self.msg = msg
        if self.debuglevel > 0:
            for name, value in msg.items():
                print("header:", name + ":", value)
        self._set_framing(*framing)

    def _parse_status(self, line: bytes) -> tuple[int, int, str]:
        """``(version number, status, reason)`` of a CRLF-less status line; cached.

        An unknown version gives version number 0 and the version text in
        place of the reason, so that 1xx responses are skipped before
        :class:`UnknownProtocol` is raised (as the line-by-line path does).
        """
        text = line.decode("iso-8859-1")
        try:
            version, status, reason = _http11.parse_status_line(text)
        except _http11.ParseError:
            self._close_conn()
            raise BadStatusLine(text + "\r\n") from None
        try:
            parsed = (_version_number(version), status, reason)
        except UnknownProtocol:
            return 0, status, version
        if len(_status_cache) < 256:
            _status_cache[line] = parsed
        return parsed

    def _set_framing(self, cl: list[str], te: list[str], conn: list[str], keep_alive: bool) -> None:
        """Set ``chunked``, ``length`` and ``will_close`` per RFC 9112 §6.3.

        *cl*, *te*, *conn*: the Content-Length, Transfer-Encoding and
        Connection (+ Proxy-Connection) values; *keep_alive*: a Keep-Alive
        field was present.
        """
        if self.version == 11:
            will_close = _has_token(conn, "close") if conn else False
        else:
            will_close = not (keep_alive or (_has_token(conn, "keep-alive") if conn else False))
        chunked = False
        length: int | None = None
        if te:
            codings = _http11.transfer_codings(te)
            chunked = bool(codings) and codings[-1] == "chunked"
            if cl or self.version == 10 or not chunked:
                will_close = True
        elif cl:
            try:
                if len(cl) == 1 and cl[0].isdigit() and cl[0].isascii():
                    length = int(cl[0])
                else:
                    length = _http11.parse_content_length(cl)
            except _http11.ConflictError as exc:
                self._close_conn()
                raise HTTPException(str(exc)) from None
            except ValueError:  # ParseError, or more digits than int() converts
                will_close = True  # as CPython for "-1": read to close, never reuse
        status = self.status
        if status == 204 or status == 304 or status < 200 or self._method == "HEAD":
            length = 0
            chunked = False
        if not chunked and length is None:
            will_close = True
        self.chunked = chunked
        self.chunk_left = None
        self.length = length
        self.will_close = will_close

    def _check_close(self) -> bool:
        """Whether the server will close the connection after this response."""
        return bool(self.will_close)

    # ---- state

    def _close_conn(self) -> None:
        fp = self.fp
        self.fp = None
        fp.close()

    def close(self) -> None:
        """Close the response (and its reference to the socket)."""
        try:
            super().close()
        finally:
            if self.fp:
                self._close_conn()

    def flush(self) -> None:
        """Flush the underlying file, if any."""
        super().flush()
        if self.fp:
            self.fp.flush()

    def readable(self) -> bool:
        """Always True."""
        return True

    def isclosed(self) -> bool:
        """True once the body has been read completely (or the response closed)."""
        return self.fp is None

    # ---- body: bounded low-level reads

    def _read_exact(self, amt: int) -> bytes:
        """Read exactly *amt* bytes or raise :class:`IncompleteRead`; bounded pieces."""
        read = self.fp.read
        if amt <= _READ_PIECE:
            data = read(amt)
            if len(data) < amt:
                raise IncompleteRead(data, amt - len(data))
            return data
        parts: list[bytes] = []
        got = 0
        while got < amt:
            piece = read(min(amt - got, _READ_PIECE))
            if not piece:
                data = b"".join(parts)
                raise IncompleteRead(data, amt - got)
            parts.append(piece)
            got += len(piece)
        return b"".join(parts)

    def _read_upto(self, amt: int) -> bytes:
        """Read up to *amt* bytes (fewer only at EOF); bounded pieces."""
        if amt <= _READ_PIECE:
            return self.fp.read(amt)
        parts: list[bytes] = []
        got = 0
        while got < amt:
            piece = self.fp.read(min(amt - got, _READ_PIECE))
            if not piece:
                break
            parts.append(piece)
            got += len(piece)
        return b"".join(parts)

    def _readinto_exact(self, b: memoryview) -> int:
        amt = len(b)
        n = self.fp.readinto(b)
        if n < amt:
            raise IncompleteRead(bytes(b[:n]), amt - n)
        return n

    # ---- body: public reads

    def read(self, amt: int | None = None) -> bytes:
        """Read the body, or up to *amt* bytes of it."""
        if self.fp is None:
            return b""
        if self._method == "HEAD":
            self._close_conn()
            return b""
        if amt is not None and amt < 0:
            amt = None
        if self.chunked:
            return self._read_chunked(amt)
        length = self.length
        if amt is None:
            fp = self.fp
            if length is None:
                data = fp.read()
            elif length <= _READ_PIECE and len(data := fp.read(length)) == length:
                self.length = 0
                if self._spare_ok and not self.will_close:
                    # Buffer now empty, socket alive: indistinguishable from a
                    # new makefile(), so the connection may use it next time.
                    self.fp = None
                    self._pool.append(fp)  # type: ignore[union-attr]
                    return data
            else:
                if length <= _READ_PIECE:
                    self._close_conn()
                    raise IncompleteRead(data, length - len(data))
                try:
                    data = self._read_exact(length)
                except IncompleteRead:
                    self._close_conn()
                    raise
                self.length = 0
            self.fp = None
            fp.close()
            return data
        if length is not None and amt > length:
            amt = length
        data = self._read_upto(amt)
        if not data and amt:
            self._close_conn()
        elif length is not None:
            self.length = length - len(data)
            if not self.length:
                self._close_conn()
        return data

    def readinto(self, b: Any) -> int:
        """Read up to ``len(b)`` body bytes into *b*; the number read."""
        if self.fp is None:
            return 0
        if self._method == "HEAD":
            self._close_conn()
            return 0
        if self.chunked:
            return self._readinto_chunked(b)
        if self.length is not None and len(b) > self.length:
            b = memoryview(b)[: self.length]
        n = self.fp.readinto(b)
        if not n and b:
            self._close_conn()
        elif self.length is not None:
            self.length -= n
            if not self.length:
                self._close_conn()
        return n

    # ---- chunked

    def _read_next_chunk_size(self) -> int:
        line = self.fp.readline(_MAXLINE + 1)
        if len(line) > _MAXLINE:
            raise LineTooLong("chunk size")
        try:
            return _http11.parse_chunk_size(line)
        except _http11.ParseError:
            self._close_conn()  # framing lost: never reuse this connection
            raise IncompleteRead(b"") from None

    def _read_and_discard_trailer(self) -> None:
        readline = self.fp.readline
        for _ in range(_MAXTRAILERS + 1):
            line = readline(_MAXLINE + 1)
            if len(line) > _MAXLINE:
                raise LineTooLong("trailer line")
            if line in (b"\r\n", b"\n", b""):
                return
        raise HTTPException(f"got more than {_MAXTRAILERS} trailer lines")

    def _get_chunk_left(self) -> int | None:
        """Bytes left in the current chunk, reading the next chunk head if needed; None at the end."""
        left = self.chunk_left
        if left:
            return left
        if left is not None:  # 0: the current chunk is done, its CRLF follows
            if self.fp.read(2) != b"\r\n":
                self._close_conn()
                raise IncompleteRead(b"")
        left = self._read_next_chunk_size()
        if left == 0:
            self._read_and_discard_trailer()
            self._close_conn()
            left = None
        self.chunk_left = left
        return left

    def _read_chunked(self, amt: int | None = None) -> bytes:
        parts: list[bytes] = []
        try:
            while (left := self._get_chunk_left()) is not None:
                if amt is not None and amt <= left:
                    parts.append(self._read_exact(amt))
                    self.chunk_left = left - amt
                    break
                parts.append(self._read_exact(left))
                if amt is not None:
                    amt -= left
                self.chunk_left = 0
            return b"".join(parts)
        except IncompleteRead as exc:
            raise IncompleteRead(b"".join(parts)) from exc

    def _readinto_chunked(self, b: Any) -> int:
        total = 0
        view = memoryview(b)
        try:
            while True:
                left = self._get_chunk_left()
                if left is None:
                    return total
                if len(view) <= left:
                    n = self._readinto_exact(view)
                    self.chunk_left = left - n
                    return total + n
                n = self._readinto_exact(view[:left])
                view = view[n:]
                total += n
                self.chunk_left = 0
        except IncompleteRead:
            raise IncompleteRead(bytes(b[0:total])) from None

    def _read1_chunked(self, n: int) -> bytes:
        left = self._get_chunk_left()
        if left is None or n == 0:
            return b""
        if not 0 <= n <= left:
            n = left
        data = self.fp.read1(min(n, _READ_PIECE))
        self.chunk_left -= len(data)
        if not data:
            raise IncompleteRead(b"")
        return data

    def _peek_chunked(self, n: int) -> bytes:
        try:
            left = self._get_chunk_left()
        except IncompleteRead:
            return b""
        if left is None:
            return b""
        return self.fp.peek(left)[:left]

    def read1(self, n: int = -1) -> bytes:
        """Read with at most one underlying read; buffered bytes come first."""
        if self.fp is None or self._method == "HEAD":
            return b""
        if self.chunked:
            return self._read1_chunked(n)
        if self.length is not None and (n < 0 or n > self.length):
            n = self.length
        if n < 0 or n > _READ_PIECE:
            n = _READ_PIECE
        return self._counted(self.fp.read1(n), n)

    def peek(self, n: int = -1) -> bytes:
        """Buffered body bytes, without consuming them."""
        if self.fp is None or self._method == "HEAD":
            return b""
        if self.chunked:
            return self._peek_chunked(n)
        data = self.fp.peek(n)
        if self.length is not None:
            data = data[: self.length]
        return data

    def readline(self, limit: int | None = -1) -> bytes:  # type: ignore[override]
        """Read one line of the body (at most *limit* bytes)."""
        if self.fp is None or self._method == "HEAD":
            return b""
        if limit is None:
            limit = -1
        if self.chunked:
            return super().readline(limit)
        if self.length is not None and (limit < 0 or limit > self.length):
            limit = self.length
        return self._counted(self.fp.readline(limit), limit)

    def _counted(self, data: bytes, asked: int) -> bytes:
        """Account for *data* read from a length-delimited or read-to-close body."""
        if not data and asked:
            self._close_conn()
        elif self.length is not None:
            self.length -= len(data)
            if not self.length:
                self._close_conn()
        return data

    # ---- metadata

    def fileno(self) -> int:
        """The socket's file descriptor."""
        return self.fp.fileno()

    def getheader(self, name: str, default: Any = None) -> Any:
        """All values of header *name* joined with ``', '``, or *default*."""
        if self.headers is None:
            raise ResponseNotReady()
        values = self.headers.get_all(name) or default
        if isinstance(values, str) or not hasattr(values, "__iter__"):
            return values
        return ", ".join(values)

    def getheaders(self) -> list[tuple[str, str]]:
        """``[(name, value), ...]`` in the order received."""
        if self.headers is None:
            raise ResponseNotReady()
        return list(self.headers.items())

    def __iter__(self) -> Iterator[bytes]:
        return self

    def info(self) -> Any:
        """The headers (urllib's ``addinfourl`` interface)."""
        return self.headers

    def geturl(self) -> str | None:
        """The URL this response came from, if known."""
        return self.url

    def getcode(self) -> int:
        """The status code."""
        return self.status

    def localized(self, lang: str | None = None) -> LocalizedText:
        """The status phrase in *lang* (default: the current language)."""
        return _localized(self.status, lang)


# --------------------------------------------------------------------------- connection


def _encode_latin1(data: str, name: str = "data") -> bytes:
    """``data.encode('latin-1')`` with an error that suggests UTF-8."""
    try:
        return data.encode("latin-1")
    except UnicodeEncodeError as err:
        raise UnicodeEncodeError(
            err.encoding,
            err.object,
            err.start,
            err.end,
            f"{name.title()} ({data[err.start:err.end]!r:.20}) is not valid Latin-1. "
            f"Use {name}.encode('utf-8') if you want to send it encoded in UTF-8.",
        ) from None


def _strip_ipv6_iface(enc_name: bytes) -> bytes:
    """Drop an IPv6 zone (``%eth0``) from a bracketed host."""
    addr, percent, _ = enc_name.partition(b"%")
    if percent:
        return addr + b"]"
    return enc_name


def _check_header(name: bytes, value: bytes) -> None:
    if not _legal_header_name(name):
        raise ValueError(f"Invalid header name {name!r}")
    if _illegal_header_value(value):
        raise ValueError(f"Invalid header value {value!r}")


class HTTPConnection:
    """One HTTP/1.1 connection to *host*:*port* (kept alive between requests)."""

    _http_vsn = 11
    _http_vsn_str = "HTTP/1.1"

    response_class: type = HTTPResponse
    default_port = HTTP_PORT
    auto_open = 1
    debuglevel = 0
    # ((host, port, default_port), b"Host: ...") of the last automatic Host line.
    _host_line: tuple[tuple[Any, ...], bytes] | None = None

    @staticmethod
    def _is_textIO(stream: Any) -> bool:
        """Whether *stream* is a text (not binary) file."""
        return isinstance(stream, io.TextIOBase)

    @staticmethod
    def _get_content_length(body: Any, method: str) -> int | None:
        """The Content-Length to send for *body*, or None to send it chunked (or not at all)."""
        if body is None:
            return 0 if method.upper() in _METHODS_EXPECTING_BODY else None
        if hasattr(body, "read"):
            return None
        try:
            return memoryview(body).nbytes
        except TypeError:
            pass
        if isinstance(body, str):
            return len(body)
        return None

    def __init__(
        self,
        host: str,
        port: int | None = None,
        timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
        source_address: tuple[str, int] | None = None,
        blocksize: int = 8192,
    ) -> None:
        self.timeout = timeout
        self.source_address = source_address
        self.blocksize = blocksize
        self.sock: Any = None
        self._buffer: list[bytes] = []
        self.__response: HTTPResponse | None = None
        self.__state = _CS_IDLE
        self._method: str | None = None
        self._tunnel_host: str | None = None
        self._tunnel_port: int | None = None
        self._tunnel_headers: dict[str, str] = {}
        self._raw_proxy_headers: list[tuple[str, str]] | None = None
        self.host, self.port = self._get_hostport(host, port)
        self._validate_host(self.host)
        self._readers: list[Any] = []  # spare socket reader (see getresponse)
        self._readers_sock: Any = None
        self._create_connection = socket.create_connection

    # ---- addresses and tunnels

    def _get_hostport(self, host: str, port: int | None) -> tuple[str, int]:
        if port is None:
            colon = host.rfind(":")
            bracket = host.rfind("]")
            if colon > bracket:
                text = host[colon + 1 :]
                host = host[:colon]
                if not text:
                    port = self.default_port
                elif _port_digits(text) and int(text) <= 65535:
                    port = int(text)
                else:
                    raise InvalidURL(f"nonnumeric port: '{text}'")
            else:
                port = self.default_port
        if host[:1] == "[" and host[-1:] == "]":
            host = host[1:-1]
        return host, port

    def set_tunnel(self, host: str, port: int | None = None, headers: dict[str, str] | None = None) -> None:
        """Go through this connection's host as a CONNECT proxy to *host*:*port*."""
        if self.sock:
            raise RuntimeError("Can't set up tunnel for established connection")
        self._tunnel_host, self._tunnel_port = self._get_hostport(host, port)
        if headers:
            self._tunnel_headers = headers.copy()
        else:
            self._tunnel_headers.clear()
        if _TUNNEL_HOST_IN_HEADERS:
            self._tunnel_headers.update(self._tunnel_host_header())

    def _tunnel_host_header(self) -> dict[str, str]:
        """``{"Host": "host:port"}`` for the CONNECT request, unless the caller gave one."""
        if any(name.lower() == "host" for name in self._tunnel_headers):
            return {}
        assert self._tunnel_host is not None
        idna = self._tunnel_host.encode("idna").decode("ascii")
        return {"Host": f"{self._wrap_ipv6(idna.encode('ascii')).decode('ascii')}:{self._tunnel_port}"}

    def set_debuglevel(self, level: int) -> None:
        """Print requests and responses to stdout when *level* > 0."""
        self.debuglevel = level

    def _wrap_ipv6(self, ip: bytes) -> bytes:
        if b":" in ip and ip[:1] != b"[":
            return b"[" + ip + b"]"
        return ip

    def _tunnel(self) -> None:
        assert self._tunnel_host is not None and self._tunnel_port is not None
        lines = [
            b"CONNECT %s:%d %s\r\n"
            % (self._wrap_ipv6(self._tunnel_host.encode("idna")), self._tunnel_port, self._http_vsn_str.encode("ascii"))
        ]
        for name, value in {**self._tunnel_headers, **self._tunnel_host_header()}.items():
            bname, bvalue = _encode_latin1(str(name), "header"), _encode_latin1(str(value), "header")
            _check_header(bname, bvalue)
            if b"\n" in bvalue or b"\r" in bvalue:
                raise ValueError(f"Invalid header value {bvalue!r}")
            lines.append(b"%s: %s\r\n" % (bname, bvalue))
        lines.append(b"\r\n")
        self.send(b"".join(lines))

        response = self.response_class(self.sock, method=self._method)
        try:
            version, code, message = response._read_status()
            self._raw_proxy_headers = _fields_of(_read_header_lines(response.fp))
            if self.debuglevel > 0:
                for name, value in self._raw_proxy_headers:
                    print("header:", f"{name}: {value}")
            if not 200 <= code < 300:
                self.close()
                raise OSError(f"Tunnel connection failed: {code} {message.strip()}")
        finally:
            response.close()

    def get_proxy_response_headers(self) -> HTTPMessage | None:
        """The proxy's headers from the CONNECT answer, or None without a tunnel."""
        if self._raw_proxy_headers is None:
            return None
        return _message(list(self._raw_proxy_headers))

    # ---- socket

    def connect(self) -> None:
        """Open the socket (and the tunnel, if one is set)."""
        sys.audit("http.client.connect", self, self.host, self.port)
        self.sock = self._create_connection((self.host, self.port), self.timeout, self.source_address)
        try:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as e:
            if e.errno != errno.ENOPROTOOPT:
                raise
        if self._tunnel_host:
            self._tunnel()

    def close(self) -> None:
        """Close the connection (and forget any unfinished response)."""
        self.__state = _CS_IDLE
        readers = self.__dict__.get("_readers")
        while readers:
            readers.pop().close()
        try:
            sock = self.sock
            if sock:
                self.sock = None
                sock.close()
        finally:
            response = self.__response
            if response:
                self.__response = None
                response.close()

    def send(self, data: Any) -> None:
        """Send bytes, a bytes-like object, a file (read in ``blocksize`` blocks) or an iterable."""
        if self.sock is None:
            if self.auto_open:
                self.connect()
            else:
                raise NotConnected()
        if self.debuglevel > 0:
            print("send:", repr(data))
        if hasattr(data, "read"):
            if self.debuglevel > 0:
                print("sending a readable")
            for block in self._blocks(data):
                sys.audit("http.client.send", self, block)
                self.sock.sendall(block)
            return
        sys.audit("http.client.send", self, data)
        try:
            self.sock.sendall(data)
        except TypeError:
            if not isinstance(data, collections.abc.Iterable):
                raise TypeError(f"data should be a bytes-like object or an iterable, got {type(data)!r}") from None
            for piece in data:
                self.sock.sendall(piece)

    def _output(self, s: bytes) -> None:
        """Queue one request line (without CRLF)."""
        self._buffer.append(s)

    def _read_readable(self, readable: Any) -> Iterator[bytes]:
        if self.debuglevel > 0:
            print("reading a readable")
        yield from self._blocks(readable)

    def _blocks(self, readable: Any) -> Iterator[bytes]:
        """*readable* in ``blocksize`` pieces, text files encoded as ISO-8859-1."""
        encode = self._is_textIO(readable)
        if encode and self.debuglevel > 0:
            print("encoding file using iso-8859-1")
        while block := readable.read(self.blocksize):
            if encode:
                block = block.encode("iso-8859-1")
            yield block

    def _send_output(self, message_body: Any = None, encode_chunked: bool = False) -> None:
        """Send the queued head, then *message_body* (chunk-encoded if asked)."""
        self._buffer.extend((b"", b""))
        head = b"\r\n".join(self._buffer)
        del self._buffer[:]
        if message_body is None:
            self.send(head)
            return
        chunked = encode_chunked and self._http_vsn == 11
        if isinstance(message_body, bytes) and not chunked and len(message_body) <= self.blocksize:
            if message_body:
                head += message_body
            self.send(head)  # one write for small bodies
            return
        self.send(head)
        chunks: Iterable[Any]
        if hasattr(message_body, "read"):
            chunks = self._read_readable(message_body)
        else:
            try:
                memoryview(message_body)
            except TypeError:
                try:
                    chunks = iter(message_body)
                except TypeError:
                    raise TypeError(
                        f"message_body should be a bytes-like object or an iterable, got {type(message_body)!r}"
                    ) from None
            else:
                chunks = (message_body,)
        for chunk in chunks:
            if not chunk:
                if self.debuglevel > 0:
                    print("Zero length chunk ignored")
                continue
            if chunked:
                chunk = b"%X\r\n%s\r\n" % (len(chunk), chunk)
            self.send(chunk)
        if chunked:
            self.send(b"0\r\n\r\n")

    # ---- request

    def putrequest(self, method: str, url: str, skip_host: bool = False, skip_accept_encoding: bool = False) -> None:
        """Start a request: queue the request line and the automatic Host/Accept-Encoding headers."""
        if self.__response and self.__response.isclosed():
            self.__response = None
        if self.__state != _CS_IDLE:
            raise CannotSendRequest(self.__state)
        self.__state = _CS_REQ_STARTED
        self._validate_method(method)
        self._method = method
        url = url or "/"
        self._validate_path(url)
        self._output(self._encode_request(f"{method} {url} {self._http_vsn_str}"))
        if self._http_vsn != 11:
            return
        # While putheader and _output are ours (not overridden on the class
        # or the instance), the automatic headers are queued as ready lines:
        # the Host line is built and checked once per (host, port) and kept.
        plain = (
            getattr(self.putheader, "__func__", None) is _PUTHEADER
            and getattr(self._output, "__func__", None) is _OUTPUT
        )
        if not skip_host:
            netloc = urlsplit(url).netloc if url.startswith("http") else ""
            if netloc:
                try:
                    netloc_enc = netloc.encode("ascii")
                except UnicodeEncodeError:
                    netloc_enc = netloc.encode("idna")
                self.putheader("Host", _strip_ipv6_iface(netloc_enc))
            else:
                if self._tunnel_host:
                    host, port = self._tunnel_host, self._tunnel_port
                else:
                    host, port = self.host, self.port
                key = (host, port, self.default_port)
                cached = self._host_line
                if plain and cached is not None and cached[0] == key:
                    self._buffer.append(cached[1])
                else:
                    try:
                        host_enc = host.encode("ascii")
                    except UnicodeEncodeError:
                        host_enc = host.encode("idna")
                    host_enc = self._wrap_ipv6(host_enc)
                    if ":" in host:
                        host_enc = _strip_ipv6_iface(host_enc)
                    if port == self.default_port:
                        self.putheader("Host", host_enc)
                    else:
                        self.putheader("Host", f"{host_enc.decode('ascii')}:{port}")
                    if plain and type(host) is str and type(port) is int:
                        self._host_line = (key, self._buffer[-1])
        if not skip_accept_encoding:
            if plain:
                self._buffer.append(b"Accept-Encoding: identity")
            else:
                self.putheader("Accept-Encoding", "identity")

    def _encode_request(self, request: str) -> bytes:
        return request.encode("ascii")

    def _validate_method(self, method: str) -> None:
        """Refuse methods that could inject into the request line."""
        if method in _COMMON_METHODS:
            return
        match = _control_in_method(method)
        if match:
            raise ValueError(f"method can't contain control characters. {method!r} (found at least {match.group()!r})")
        if not _method_token(method):
            raise ValueError(f"method must be an HTTP token: {method!r}")

    def _validate_path(self, url: str) -> None:
        """Refuse URLs with control characters or spaces (CVE-2019-9740)."""
        match = _bad_url_char(url)
        if match:
            raise InvalidURL(f"URL can't contain control characters. {url!r} (found at least {match.group()!r})")

    def _validate_host(self, host: str) -> None:
        """Refuse hosts with control characters or spaces (CVE-2019-18348)."""
        match = _bad_url_char(host)
        if match:
            raise InvalidURL(f"URL can't contain control characters. {host!r} (found at least {match.group()!r})")

    def putheader(self, header: str | bytes, *values: Any) -> None:
        """Queue a header; several values become obs-fold continuation lines."""
        if self.__state != _CS_REQ_STARTED:
            raise CannotSendHeader()
        if hasattr(header, "encode"):
            header = header.encode("ascii")
        if not _legal_header_name(header):
            raise ValueError(f"Invalid header name {header!r}")
        if len(values) == 1 and type(value := values[0]) is str:  # the usual call
            value = value.encode("latin-1")
            if _illegal_header_value(value):
                raise ValueError(f"Invalid header value {value!r}")
            self._output(header + b": " + value)
            return
        encoded = []
        for value in values:
            if hasattr(value, "encode"):
                value = value.encode("latin-1")
            elif isinstance(value, int):
                value = str(value).encode("ascii")
            if _illegal_header_value(value):
                raise ValueError(f"Invalid header value {value!r}")
            encoded.append(value)
        self._output(header + b": " + b"\r\n\t".join(encoded))

    def endheaders(self, message_body: Any = None, *, encode_chunked: bool = False) -> None:
        """Finish the head and send it, with *message_body* if given."""
        if self.__state != _CS_REQ_STARTED:
            raise CannotSendHeader()
        self.__state = _CS_REQ_SENT
        self._send_output(message_body, encode_chunked=encode_chunked)

    def request(
        self, method: str, url: str, body: Any = None, headers: Any = {}, *, encode_chunked: bool = False
    ) -> None:
        """Send a whole request: line, headers (Host, Accept-Encoding, length added) and body."""
        self._send_request(method, url, body, headers, encode_chunked)

    def _send_request(self, method: str, url: str, body: Any, headers: Any, encode_chunked: bool) -> None:
        names = frozenset(k.lower() for k in headers) if headers else _NO_NAMES
        self.putrequest(
            method, url, skip_host="host" in names, skip_accept_encoding="accept-encoding" in names
        )
        if "content-length" in names:
            encode_chunked = False
        elif "transfer-encoding" not in names:
            encode_chunked = False
            length = self._get_content_length(body, method)
            if length is None:
                if body is not None:
                    if self.debuglevel > 0:
                        print(f"Unable to determine size of {body!r}")
                    encode_chunked = True
                    self.putheader("Transfer-Encoding", "chunked")
            else:
                self.putheader("Content-Length", str(length))
        for name, value in headers.items():
            self.putheader(name, value)
        if isinstance(body, str):
            body = _encode_latin1(body, "body")
        self.endheaders(body, encode_chunked=encode_chunked)

    def getresponse(self) -> HTTPResponse:
        """Read the response to the request just sent."""
        if self.__response and self.__response.isclosed():
            self.__response = None
        if self.__state != _CS_REQ_SENT or self.__response:
            raise ResponseNotReady(self.__state)
        if self.debuglevel > 0:
            response = self.response_class(self.sock, self.debuglevel, method=self._method)
        elif self.response_class is HTTPResponse and (readers := self.__dict__.get("_readers")) is not None:
            # Reuse the reader the last response gave back (its buffer was
            # left empty) instead of a new sock.makefile("rb").
            sock = self.sock
            if readers and self._readers_sock is sock:
                response = _new_response(HTTPResponse)
                response.fp = readers.pop()
                response._method = self._method
            else:
                while readers:
                    readers.pop().close()
                response = HTTPResponse(sock, method=self._method)
            fp = response.fp
            if type(fp) is io.BufferedReader and type(fp.raw) is socket.SocketIO:
                self._readers_sock = sock
                response._pool = readers
        else:
            response = self.response_class(self.sock, method=self._method)
        try:
            try:
                response.begin()
            except ConnectionError:
                self.close()
                raise
            assert response.will_close != _UNKNOWN
            self.__state = _CS_IDLE
            if response.will_close:
                self.close()  # the response now owns the socket
            else:
                self.__response = response
            return response
        except:
            response.close()
            raise


_PUTHEADER = HTTPConnection.putheader
_new_response = HTTPResponse.__new__
_OUTPUT = HTTPConnection._output


try:
    import ssl
except ImportError:  # pragma: no cover - Python without ssl
    pass
else:

    def _create_https_context(http_version: int) -> ssl.SSLContext:
        """The default client context: verified, ALPN ``http/1.1``, post-handshake auth on."""
        context = ssl._create_default_https_context()  # type: ignore[attr-defined]
        if http_version == 11:
            context.set_alpn_protocols(["http/1.1"])
        if context.post_handshake_auth is not None:
            context.post_handshake_auth = True
        return context

    class HTTPSConnection(HTTPConnection):
        """HTTP over TLS; certificates and host names are checked by default."""

        default_port = HTTPS_PORT

        if sys.version_info >= (3, 12):

            def __init__(
                self,
                host: str,
                port: int | None = None,
                *,
                timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
                source_address: tuple[str, int] | None = None,
                context: ssl.SSLContext | None = None,
                blocksize: int = 8192,
            ) -> None:
                super().__init__(host, port, timeout, source_address, blocksize=blocksize)
                if context is None:
                    context = _create_https_context(self._http_vsn)
                self._context = context

        else:  # the 3.10/3.11 signature, with the deprecated key_file/cert_file/check_hostname

            def __init__(  # type: ignore[misc]
                self,
                host: str,
                port: int | None = None,
                key_file: str | None = None,
                cert_file: str | None = None,
                timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
                source_address: tuple[str, int] | None = None,
                *,
                context: ssl.SSLContext | None = None,
                check_hostname: bool | None = None,
                blocksize: int = 8192,
            ) -> None:
                super().__init__(host, port, timeout, source_address, blocksize=blocksize)
                if key_file is not None or cert_file is not None or check_hostname is not None:
                    import warnings

                    warnings.warn(
                        "key_file, cert_file and check_hostname are deprecated, use a custom context instead.",
                        DeprecationWarning,
                        2,
                    )
                self.key_file = key_file
                self.cert_file = cert_file
                if context is None:
                    context = _create_https_context(self._http_vsn)
                if check_hostname is None:
                    check_hostname = context.check_hostname
                if check_hostname and context.verify_mode == ssl.CERT_NONE:
                    raise ValueError("check_hostname needs a SSL context with either CERT_OPTIONAL or CERT_REQUIRED")
                if key_file or cert_file:
                    context.load_cert_chain(cert_file, key_file)  # type: ignore[arg-type]
                    if context.post_handshake_auth is not None:
                        context.post_handshake_auth = True
                self._context = context
                context.check_hostname = check_hostname

        def connect(self) -> None:
            """Connect, then wrap the socket in TLS for the origin (or tunnel) host."""
            super().connect()
            server_hostname = self._tunnel_host or self.host
            self.sock = self._context.wrap_socket(self.sock, server_hostname=server_hostname)

    __all__.append("HTTPSConnection")
