"""The request side of :mod:`httpi18n.client`: :class:`HTTPConnection`.

Part of :mod:`httpi18n.client` (which re-exports it): addresses, CONNECT
tunnels, the socket, request lines and headers (with their injection
checks), bodies (bytes, files, iterables, chunked), and handing the socket
to the response.
"""

from __future__ import annotations

import collections.abc
import errno
import io
import socket
import sys
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from ._client_base import (
    _COMMON_METHODS,
    _CS_IDLE,
    _CS_REQ_SENT,
    _CS_REQ_STARTED,
    _METHODS_EXPECTING_BODY,
    _NO_NAMES,
    _READING_READABLE,
    _SENDING_READABLE,
    _TUNNEL_DEBUG_BLANK,
    _TUNNEL_HOST_IN_HEADERS,
    _UNKNOWN,
    HTTP_PORT,
    CannotSendHeader,
    CannotSendRequest,
    InvalidURL,
    NotConnected,
    ResponseNotReady,
    _bad_url_char,
    _control_in_method,
    _illegal_header_value,
    _legal_header_name,
    _method_token,
    _port_digits,
)
from ._client_message import _END_OF_HEAD, HTTPMessage, _parse_header_lines, _read_headers
from ._client_response import HTTPResponse


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


#: CPython's name for it.
_encode = _encode_latin1


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
        self._raw_proxy_headers: list[bytes] | None = None
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
        match = _bad_url_char(self._tunnel_host)
        if match:  # CONNECT-line injection (refused by CPython from 3.13.14 on, too)
            raise ValueError(f"Tunnel host can't contain control characters {self._tunnel_host!r}")
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
            # Raw lines, blank line included, as CPython keeps them (urllib3's
            # own _tunnel on 3.12 fills this attribute with _read_headers()).
            self._raw_proxy_headers = _read_headers(response.fp)
            if self.debuglevel > 0:
                for line in self._raw_proxy_headers:
                    if _TUNNEL_DEBUG_BLANK or line not in _END_OF_HEAD:
                        print("header:", line.decode("iso-8859-1"))
            if not 200 <= code < 300:
                self.close()
                raise OSError(f"Tunnel connection failed: {code} {message.strip()}")
        finally:
            response.close()

    def get_proxy_response_headers(self) -> HTTPMessage | None:
        """The proxy's headers from the CONNECT answer, or None without a tunnel."""
        if self._raw_proxy_headers is None:
            return None
        return _parse_header_lines(self._raw_proxy_headers)

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
                print(_SENDING_READABLE)
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
            print(_READING_READABLE)
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
        if (
            isinstance(message_body, bytes)
            and not chunked
            and len(message_body) <= self.blocksize
            and self.debuglevel <= 0  # debug output shows the two sends, as CPython's
        ):
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
        if method and not _method_token(method):  # "" is let through, as by CPython (its suite sends it)
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
