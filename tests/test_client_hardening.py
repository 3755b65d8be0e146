"""Where httpi18n.client is stricter than http.client (RFC 9110/9112), and its extras."""

from __future__ import annotations

import io
import sys
import time
from typing import Any

import pytest

from httpi18n import client


class _Sock:
    def __init__(self, data: bytes, buffered: bool = True) -> None:
        self.data = data
        self.buffered = buffered
        self.sent = b""

    def makefile(self, mode: str, bufsize: int | None = None) -> Any:
        raw = io.BytesIO(self.data)
        return io.BufferedReader(raw) if self.buffered else raw

    def sendall(self, data: bytes) -> None:
        self.sent += bytes(data)

    def close(self) -> None:
        pass

    def setsockopt(self, *args: Any) -> None:
        pass


def _resp(data: bytes, method: str = "GET", buffered: bool = True) -> client.HTTPResponse:
    r = client.HTTPResponse(_Sock(data, buffered), method=method)
    r.begin()
    return r


both = pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "lines"])


@both
@pytest.mark.parametrize("value", [b"+5", b"5_0", b" 5x", b"\xd9\xa5", b"-1", b"0x5"])
def test_invalid_content_length_reads_to_close(value: bytes, buffered: bool) -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nContent-Length: " + value + b"\r\n\r\nhello", buffered=buffered)
    assert r.length is None and r.will_close
    assert r.read() == b"hello"


@both
@pytest.mark.parametrize("te", [b"", b"Transfer-Encoding: gzip\r\n"])
def test_fold_across_a_dropped_line_joins_the_framing_field(te: bytes, buffered: bool) -> None:
    # The junk line is dropped, so the fold continues Content-Length: "0 5" is invalid.
    data = b"HTTP/1.1 200 OK\r\n" + te + b"Content-Length: 0\r\nBad Line\r\n 5\r\n\r\nhello"
    r = _resp(data, buffered=buffered)
    assert r.getheader("Content-Length") == "0 5"
    assert r.length is None and r.will_close
    assert r.read() == b"hello"


@both
@pytest.mark.parametrize("digits", [18, 19, 5000])
def test_long_content_length(digits: int, buffered: bool) -> None:
    # 5000 digits: more than int() converts; read to close, as CPython does.
    value = b"0" * (digits - 1) + b"5"
    r = _resp(b"HTTP/1.1 200 OK\r\nContent-Length: " + value + b"\r\n\r\nhello!", buffered=buffered)
    if digits == 5000:
        assert r.length is None and r.will_close and r.read() == b"hello!"
    else:
        assert r.length == 5 and not r.will_close and r.read() == b"hello"


@both
def test_content_length_lists_and_conflicts(buffered: bool) -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabcdef", buffered=buffered)
    assert r.length == 3 and r.read() == b"abc"
    with pytest.raises(client.HTTPException, match="conflicting"):
        _resp(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcdef", buffered=buffered)


@both
def test_transfer_encoding_beats_content_length(buffered: bool) -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
              b"3\r\nabc\r\n0\r\n\r\n", buffered=buffered)
    assert r.chunked and r.will_close  # never reuse a connection after such a response
    assert r.read() == b"abc"
    r = _resp(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nraw bytes", buffered=buffered)
    assert not r.chunked and r.length is None and r.read() == b"raw bytes"


@pytest.mark.parametrize("size_line", [b"0x3", b"+3", b" 3", b"3_0", b"\xd9\xa3", b""])
def test_chunk_size_grammar(size_line: bytes) -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + size_line + b"\r\nabc\r\n0\r\n\r\n")
    with pytest.raises(client.IncompleteRead):
        r.read()


def test_chunk_extensions_and_bws_accepted() -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 ;a=b\r\nabc\r\n0;x\r\n\r\n")
    assert r.read() == b"abc"


def test_chunk_must_end_in_crlf() -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY0\r\n\r\n")
    with pytest.raises(client.IncompleteRead) as info:
        r.read()
    assert info.value.partial == b"abc"


def test_trailer_lines_bounded() -> None:
    trailers = b"".join(b"X-T%d: v\r\n" % i for i in range(client._MAXTRAILERS + 1))
    r = _resp(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + trailers + b"\r\n")
    with pytest.raises(client.HTTPException, match="trailer"):
        r.read()


def test_hostile_lengths_do_not_allocate() -> None:
    t0 = time.monotonic()
    r = _resp(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000000000\r\n\r\nshort")
    with pytest.raises(client.IncompleteRead) as info:
        r.read()
    assert info.value.partial == b"short"
    r = _resp(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffff\r\nshort")
    with pytest.raises(client.IncompleteRead):
        r.read()
    r = _resp(b"HTTP/1.1 200 OK\r\n\r\nshort")
    assert r.read(10**15) == b"short"
    assert time.monotonic() - t0 < 5


@both
def test_no_body_statuses_and_interim_responses(buffered: bool) -> None:
    r = _resp(b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1",
              buffered=buffered)
    assert r.length == 0 and not r.chunked and r.read() == b""
    r = _resp(b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"
              b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", buffered=buffered)
    assert r.status == 200 and r.read() == b"ok"
    with pytest.raises(client.HTTPException, match="interim"):
        _resp(b"HTTP/1.1 100 Continue\r\n\r\n" * 40, buffered=buffered)


@both
def test_header_field_rules(buffered: bool) -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nA: 1\r\nno colon line\r\nBad Name: x\r\nFold: a\r\n  b\r\n\tc\r\n"
              b"B: x\x00y\r\nA: 2  \r\nContent-Length: 0\r\n\r\n", buffered=buffered)
    assert r.getheader("A") == "1, 2"
    assert r.getheader("Fold") == "a b c"
    assert r.getheader("B") == "x y"
    assert "Bad Name" not in r.msg
    assert r.msg.getallmatchingheaders("a") == ["A: 1\r\n", "A: 2\r\n"]
    assert isinstance(r.msg, client.HTTPMessage) and r.msg.get_content_type() == "text/plain"


def test_connection_tokens_not_substrings() -> None:
    r = _resp(b"HTTP/1.1 200 OK\r\nConnection: x-not-close\r\nContent-Length: 0\r\n\r\n")
    assert not r.will_close
    r = _resp(b"HTTP/1.1 200 OK\r\nConnection: upgrade, Close\r\nContent-Length: 0\r\n\r\n")
    assert r.will_close


def test_request_side_checks() -> None:
    conn = client.HTTPConnection("example.com")
    conn.sock = _Sock(b"")
    with pytest.raises(ValueError, match="token"):
        conn.request("GET /x", "/")
    conn = client.HTTPConnection("example.com")
    conn.sock = _Sock(b"")
    conn.putrequest("GET", "/")
    with pytest.raises(ValueError, match="Invalid header"):
        conn.putheader("X", "a\x00b")
    for hp in ("example.com:+80", "example.com:8_0", "example.com:99999", "example.com: 80"):
        with pytest.raises(client.InvalidURL):
            client.HTTPConnection(hp)
    conn = client.HTTPConnection("proxy.example")
    conn.set_tunnel("dest.example", headers={"X-Evil": "a\r\nInjected: 1"})
    conn._create_connection = lambda *a, **k: _Sock(b"HTTP/1.1 200 OK\r\n\r\n")  # type: ignore[assignment]
    with pytest.raises(ValueError, match="Invalid header"):
        conn.connect()


def test_small_body_sent_with_head_and_audit_events() -> None:
    events: list[str] = []
    sys.addaudithook(lambda name, args: events.append(name) if name.startswith("http.client.") else None)
    conn = client.HTTPConnection("example.com")
    conn._create_connection = lambda *a, **k: _Sock(b"")  # type: ignore[assignment]
    conn.request("POST", "/", body=b"payload")
    assert conn.sock.sent.endswith(b"\r\n\r\npayload")
    assert events[:2] == ["http.client.connect", "http.client.send"]


def test_responses_and_localized() -> None:
    assert client.responses[404] == "Not Found"  # English on the wire
    r = _resp(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
    text = r.localized("fr")
    assert text.language == "fr" and text.value == 404 and str(text) != ""
    assert client.NOT_FOUND == 404 and client.HTTPS_PORT == 443


def test_garbage_collected_response_closes_like_iobase() -> None:
    import gc

    # Unread: the finalizer closes the socket file (as io.IOBase's does).
    r = _resp(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
    fp = r.fp
    del r
    gc.collect()
    assert fp.closed

    # A subclass's own close() still runs at finalization, read or not.
    calls: list[str] = []

    class Mine(client.HTTPResponse):
        def close(self) -> None:
            calls.append("close")
            super().close()

    for read in (False, True):
        m = Mine(_Sock(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"))
        m.begin()
        if read:
            assert m.read() == b"hello"
        del m
        gc.collect()
    assert calls == ["close", "close"]

    # Closed explicitly: not closed again.
    m = Mine(_Sock(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
    m.begin()
    m.close()
    del m
    gc.collect()
    assert calls == ["close", "close", "close"]


def _sent_head(conn: client.HTTPConnection, url: str = "/") -> bytes:
    sock = _Sock(b"")
    conn.sock = sock
    conn.request("GET", url)
    conn._HTTPConnection__state = "Idle"  # type: ignore[attr-defined]
    return sock.sent


def test_automatic_headers_follow_host_changes() -> None:
    # The Host line is kept between requests; it must follow host, port and tunnel changes.
    conn = client.HTTPConnection("example.com", 8080)
    assert _sent_head(conn) == b"GET / HTTP/1.1\r\nHost: example.com:8080\r\nAccept-Encoding: identity\r\n\r\n"
    assert _sent_head(conn) == b"GET / HTTP/1.1\r\nHost: example.com:8080\r\nAccept-Encoding: identity\r\n\r\n"
    conn.port = 80
    assert _sent_head(conn) == b"GET / HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: identity\r\n\r\n"
    conn.host = "fe80::1%eth0"
    assert _sent_head(conn) == b"GET / HTTP/1.1\r\nHost: [fe80::1]\r\nAccept-Encoding: identity\r\n\r\n"
    conn.host = "bücher.example"
    assert b"\r\nHost: xn--bcher-kva.example\r\n" in _sent_head(conn)
    assert b"\r\nHost: other.example:81\r\n" in _sent_head(conn, "http://other.example:81/")
    conn.host = "bad\r\nX: 1"
    with pytest.raises(ValueError, match="Invalid header value"):
        _sent_head(conn)
    conn = client.HTTPConnection("proxy.example")
    conn.set_tunnel("dest.example", 8443)
    conn._tunnel_host = "dest.example"  # as after connect()
    assert b"\r\nHost: dest.example:8443\r\n" in _sent_head(conn)


def test_automatic_headers_go_through_overridden_putheader() -> None:
    seen: list[tuple[Any, ...]] = []

    class Logged(client.HTTPConnection):
        def putheader(self, header: Any, *values: Any) -> None:
            seen.append((header, *values))
            super().putheader(header, *values)

    conn = Logged("example.com")
    for _ in range(2):
        _sent_head(conn)
    assert seen == [("Host", b"example.com"), ("Accept-Encoding", "identity")] * 2
    seen.clear()
    conn2 = client.HTTPConnection("example.com")
    _sent_head(conn2)
    orig = conn2.putheader

    def logged(h: Any, *v: Any) -> None:
        seen.append((h, *v))
        orig(h, *v)

    conn2.putheader = logged  # type: ignore[method-assign,assignment]
    head = _sent_head(conn2)
    assert seen == [("Host", b"example.com"), ("Accept-Encoding", "identity")]
    assert head == b"GET / HTTP/1.1\r\nHost: example.com\r\nAccept-Encoding: identity\r\n\r\n"


def _pair_conn(mod: Any = client) -> tuple[Any, Any, Any]:
    import socket

    a, b = socket.socketpair()
    conn = mod.HTTPConnection("example.com")
    conn.sock = a
    return conn, a, b


def test_socket_reader_reused_only_when_its_buffer_is_empty() -> None:
    ok = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    conn, a, b = _pair_conn()
    fps = []
    for _ in range(3):
        b.sendall(ok)
        conn.request("GET", "/")
        r = conn.getresponse()
        fps.append(r.fp)
        assert r.read() == b"ok" and r.isclosed() and r.fp is None
        b.recv(65536)
    assert fps[1] is fps[0] and fps[2] is fps[0]  # one reader, kept by the connection
    assert not fps[0].closed
    conn.close()
    assert fps[0].closed and a.fileno() == -1  # close() releases it and the socket
    b.close()


def test_bytes_past_a_response_are_dropped_as_http_client_does() -> None:
    # A lax server sends more than the response (a HEAD body, a short
    # Content-Length).  http.client drops what its reader has buffered past
    # the response; a reused reader must not turn it into the next response.
    import http.client as std

    for mod in (std, client):
        for method, first in (
            ("GET", b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 666 SMUGGLED\r\nContent-Length: 0\r\n\r\n"),
            ("HEAD", b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 666 SMUGGLED\r\n\r\n"),
        ):
            conn, a, b = _pair_conn(mod)
            b.sendall(first)
            conn.request(method, "/")
            r = conn.getresponse()
            r.read()
            b.recv(65536)
            b.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")
            conn.request("GET", "/")
            assert conn.getresponse().status == 204, (mod.__name__, method)
            conn.close()
            b.close()


def test_reader_not_reused_after_a_partial_or_failed_read() -> None:
    conn, a, b = _pair_conn()
    b.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd")
    conn.request("GET", "/")
    r = conn.getresponse()
    fp = r.fp
    assert r.read(2) == b"ab" and r.read(2) == b"cd" and r.isclosed()
    assert fp.closed  # read in pieces: closed as http.client does, not kept
    b.recv(65536)
    b.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx")
    conn.request("GET", "/")
    r = conn.getresponse()
    spare = r.fp
    assert spare is not fp and r.read() == b"x" and not spare.closed
    conn.sock, b2 = __import__("socket").socketpair()  # a new socket: the old one's reader is dropped
    b2.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\ny")
    conn.request("GET", "/")
    r = conn.getresponse()
    assert r.fp is not spare and spare.closed and r.read() == b"y"
    conn.close()
    for s in (a, b, b2):
        s.close()
