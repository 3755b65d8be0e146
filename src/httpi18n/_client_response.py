"""The response side of :mod:`httpi18n.client`: :class:`HTTPResponse`.

Part of :mod:`httpi18n.client` (which re-exports it): the status line and
head (with the one-shot fast path of :meth:`HTTPResponse.begin`), body
framing per RFC 9112, bounded reads, chunked decoding.
"""

from __future__ import annotations

import io
import re
import sys
from typing import Any, Iterator

from . import _http11
from ._client_base import (
    _MAXHEADERS,
    _MAXINTERIM,
    _MAXLINE,
    _MAXTRAILERS,
    _READ_PIECE,
    _UNKNOWN,
    BadStatusLine,
    HTTPException,
    IncompleteRead,
    LineTooLong,
    RemoteDisconnected,
    ResponseNotReady,
    UnknownProtocol,
)
from ._client_message import (
    _END_OF_HEAD,
    _SIMPLE_FRAMING,
    HTTPMessage,
    _fields_of,
    _framing_from_fields,
    _framing_from_head,
    _has_token,
    _header_defects,
    _lazy_message,
    _message,
    _parse_header_lines,
    _read_headers,
    _status_cache,
    _status_cache_get,
    _version_number,
)
from .localize import LocalizedText, localized as _localized

# A chunk-size line of plain hex digits and CRLF (what servers send); any
# other line goes through _http11.parse_chunk_size.
#: The methods the general chunked reader calls per chunk: a subclass that overrides one
#: of them keeps the general reader (see ``HTTPResponse.__init_subclass__``).
_CHUNK_STEPS = ("_get_chunk_left", "_read_next_chunk_size", "_read_and_discard_trailer", "_safe_read")
_PLAIN_CHUNK_LINE = re.compile(rb"[0-9A-Fa-f]{1,15}\r\n").fullmatch


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
    # True while _close_conn() is ours (subclasses that override it, and
    # instances that replace it, get it called where CPython calls it, and
    # their reader is never taken back by the connection).
    _own_close_conn = True
    # True while the per-chunk steps (_CHUNK_STEPS) are ours: then a whole chunked
    # body may be read by one loop that does not call them.
    _own_chunk_steps = True

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
        if cls._close_conn is not HTTPResponse._close_conn:
            cls._own_close_conn = False
        if any(getattr(cls, name) is not getattr(HTTPResponse, name) for name in _CHUNK_STEPS):
            cls._own_chunk_steps = False  # a subclass's chunk reader runs for every chunk, as in CPython

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
                # Status line + fields + the blank line: at most _MAXHEADERS
                # lines after the status line, as CPython counts them.
                if head.count(b"\n") <= _MAXHEADERS:
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

        Interim (1xx) responses other than 101 are skipped, but when the
        server closes the connection right after one other than 100, that
        interim response is the answer (as CPython, which returns every 1xx
        but 100; after a lone 100, :class:`RemoteDisconnected` as there).
        """
        fp = self.fp
        peek = getattr(fp, "peek", None) if self.debuglevel <= 0 else None
        # The last interim response skipped: (version number, status, reason, message).
        interim: tuple[int, int, str, Any] | None = None
        for _ in range(_MAXINTERIM + 1):
            if head is None:
                buf = peek(_MAXLINE) if peek is not None else b""
                if not buf and interim is not None and peek is not None:
                    return self._end_at_interim(*interim)
                end = buf.find(b"\r\n\r\n")
                if 0 <= end <= _MAXLINE and buf[:5] == b"HTTP/":
                    candidate = buf[: end + 2]
                    lines = candidate.count(b"\n")
                    if lines == candidate.count(b"\r\n"):  # no bare LF: this is exactly the head
                        if lines > _MAXHEADERS:  # status line + fields + blank line > _MAXHEADERS + 1
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
                    if vnum and status != 100:
                        interim = (vnum, status, reason, _lazy_message(head[nl + 2 :]))
                    head = None
                    continue  # interim response: skip it
                if vnum == 0:
                    raise UnknownProtocol(reason)  # see _parse_status
                self.version = vnum
                framing = _framing_from_head(head)
                block = head[nl + 2 :]
                if framing is None:
                    dropped: list[tuple[str, str]] = []
                    fields = _http11.parse_header_block(block.decode("iso-8859-1"), dropped)
                    msg = _message(fields, HTTPMessage, _header_defects(dropped) if dropped else None)
                    framing = _framing_from_fields(fields)
                else:
                    msg = _lazy_message(block)
                break
            try:
                version, status, reason = self._read_status()
            except RemoteDisconnected:
                if interim is None:
                    raise
                return self._end_at_interim(*interim)
            if 100 <= status < 200 and status != 101:
                skipped = _read_headers(fp)
                if self.debuglevel > 0:
                    print("headers:", skipped)
                if status != 100:
                    try:
                        interim = (_version_number(version), status, reason, _parse_header_lines(skipped))
                    except UnknownProtocol:
                        pass
                continue
            self.version = _version_number(version)
            fields, defects = _fields_of(_read_headers(fp))
            msg = _message(fields, HTTPMessage, defects)
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

    def _end_at_interim(self, vnum: int, status: int, reason: str, msg: Any) -> None:
        """The server closed after an interim response: that response is the answer, without a body."""
        self.version = vnum
        self.code = self.status = status
        self.reason = reason
        self.headers = self.msg = msg
        if self.debuglevel > 0:
            for name, value in msg.items():
                print("header:", name + ":", value)
        self.chunked = False
        self.chunk_left = None
        self.length = 0
        self.will_close = True

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

    def _safe_read(self, amt: int) -> bytes:
        """Read exactly *amt* bytes, or raise :class:`IncompleteRead` (CPython's name; urllib3 uses it)."""
        return self._read_exact(amt)

    def _safe_readinto(self, b: Any) -> int:
        """Fill *b* completely, or raise :class:`IncompleteRead` (CPython's name)."""
        view = memoryview(b)
        if view.nbytes <= _READ_PIECE:
            return self._readinto_exact(view.cast("B"))
        view = view.cast("B")
        got = 0
        while got < len(view):
            n = self.fp.readinto(view[got : got + _READ_PIECE])
            if not n:
                raise IncompleteRead(bytes(view[:got]), len(view) - got)
            got += n
        return got

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
                if self._spare_ok and not self.will_close and self._own_close_conn and "_close_conn" not in self.__dict__:
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
            self._close_conn()  # the body ended (subclasses and instrumentation hook this)
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
        if amt is None and self.chunk_left is None and self._own_chunk_steps:
            return self._read_chunked_whole()
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

    def _read_chunked_whole(self) -> bytes:
        """The whole chunked body, none of it read yet: one loop, no helper call per plain chunk.

        The same data, the same error and the same state afterwards
        (``chunk_left``, whether the connection was closed,
        ``IncompleteRead.partial``) as the general loop of
        :meth:`_read_chunked`: a chunk-size line that is not plain hex
        digits + CRLF (extensions, BWS, EOF, junk) goes through the same
        :func:`_http11.parse_chunk_size`.
        """
        fp = self.fp
        readline = fp.readline
        read = fp.read
        maxline = _MAXLINE
        parts: list[bytes] = []
        while True:
            line = readline(maxline + 1)
            if len(line) > maxline:
                raise LineTooLong("chunk size")
            if _PLAIN_CHUNK_LINE(line):
                size = int(line[:-2], 16)
            else:
                try:
                    size = _http11.parse_chunk_size(line)
                except _http11.ParseError:
                    self._close_conn()  # framing lost: never reuse this connection
                    raise IncompleteRead(b"".join(parts)) from None
            if size == 0:
                self._read_and_discard_trailer()
                self._close_conn()
                self.chunk_left = None
                return b"".join(parts)
            self.chunk_left = size
            data = read(size) if size <= _READ_PIECE else self._read_upto(size)
            if len(data) < size:
                raise IncompleteRead(b"".join(parts))
            parts.append(data)
            self.chunk_left = 0
            if read(2) != b"\r\n":
                self._close_conn()
                raise IncompleteRead(b"".join(parts))

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
