"""Hypothesis fuzz of httpi18n.client's response parser.

Properties, for any input bytes:

* ``begin()`` + ``read()`` either give a response or raise an
  :class:`httpi18n.client.HTTPException` subclass: never another exception,
  never a hang (all inputs are finite and every loop is bounded);
* the outcome does not depend on how the bytes arrive: whole, split at
  arbitrary points (the buffered fast path sees partial heads and falls
  back), or through a plain ``BytesIO`` (the line-by-line path only).
"""

from __future__ import annotations

import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from httpi18n import client

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Pieces(io.RawIOBase):
    """A raw stream handing out *data* in the given pieces (like TCP segments)."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = [p for p in pieces if p]

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if not self.pieces:
            return 0
        piece = self.pieces[0]
        n = min(len(b), len(piece))
        b[:n] = piece[:n]
        if n < len(piece):
            self.pieces[0] = piece[n:]
        else:
            self.pieces.pop(0)
        return n


class _Sock:
    def __init__(self, fp: Any) -> None:
        self.fp = fp

    def makefile(self, mode: str, bufsize: int | None = None) -> Any:
        return self.fp


def _outcome(fp: Any, method: str = "GET") -> tuple[Any, ...]:
    resp = client.HTTPResponse(_Sock(fp), method=method)
    try:
        resp.begin()
        framing = (resp.status, resp.reason, resp.version, resp.length, resp.chunked, resp.will_close)
        headers = resp.getheaders()
        body = resp.read()
        return ("ok", framing, headers, body)
    except client.HTTPException as exc:
        return ("error", type(exc).__name__)


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    out, last = [], 0
    for p in points:
        out.append(data[last:p])
        last = p
    out.append(data[last:])
    return out


# ---- structured responses: mostly well-formed, with hostile bits mixed in

_names = st.sampled_from(
    [b"Content-Length", b"content-length", b"Transfer-Encoding", b"Connection", b"Keep-Alive",
     b"Proxy-Connection", b"X-A", b"Set-Cookie", b"Bad Name", b"", b" folded", b"\tx"]
)
_values = st.one_of(
    st.sampled_from([b"0", b"5", b"12", b"-1", b"+5", b"5, 5", b"5, 6", b"chunked", b"gzip, chunked",
                     b"close", b"keep-alive", b"identity", b"1_0", b"0x5", b" 7 ", b"a\rb", b"\x00"]),
    st.binary(max_size=12),
)
_header = st.builds(lambda n, v, sep: n + sep + v, _names, _values, st.sampled_from([b": ", b":", b" : ", b""]))
_status = st.one_of(
    st.sampled_from([b"HTTP/1.1 200 OK", b"HTTP/1.0 200 OK", b"HTTP/1.1 204 No Content", b"HTTP/1.1 304 x",
                     b"HTTP/1.1 100 Continue", b"HTTP/1.1 103 Early", b"HTTP/1.1 101 Up", b"HTTP/2.0 200 OK",
                     b"HTTP/1.1 2000 OK", b"HTTP/1.1 099 x", b"HTTP/1.1 \xb2\xb2\xb2 x", b"HTTP/1.1", b"ICY 200 OK"]),
    st.binary(max_size=20),
)
_chunk = st.one_of(
    st.binary(max_size=20).map(lambda b: b"%x\r\n%s\r\n" % (len(b), b)),
    st.sampled_from([b"0\r\n\r\n", b"0\r\nX-T: 1\r\n\r\n", b"zz\r\n", b"0x3\r\nabc\r\n", b"3 ;ext\r\nabc\r\n",
                     b"3\r\nabcXX", b"-1\r\n", b"\r\n"]),
)
_eol = st.sampled_from([b"\r\n", b"\n", b"\r\n", b"\r\n"])


@st.composite
def responses(draw: Any) -> bytes:
    parts = [draw(_status), draw(_eol)]
    for h in draw(st.lists(_header, max_size=8)):
        parts += [h, draw(_eol)]
    parts.append(draw(_eol))
    parts += draw(st.lists(_chunk, max_size=5))
    parts.append(draw(st.binary(max_size=30)))
    return b"".join(parts)


inputs = st.one_of(responses(), st.binary(max_size=300))


@SETTINGS
@given(data=inputs, method=st.sampled_from(["GET", "HEAD"]))
def test_any_bytes_give_response_or_http_exception(data: bytes, method: str) -> None:
    _outcome(io.BufferedReader(io.BytesIO(data)), method)
    _outcome(io.BytesIO(data), method)


@SETTINGS
@given(data=inputs, cuts=st.lists(st.integers(min_value=0, max_value=10_000), max_size=6))
def test_split_anywhere_parses_like_whole(data: bytes, cuts: list[int]) -> None:
    whole = _outcome(io.BufferedReader(io.BytesIO(data)))
    split = _outcome(io.BufferedReader(_Pieces(_split(data, cuts))))
    lines = _outcome(io.BytesIO(data))
    assert split == whole
    assert lines == whole


def test_framing_headers_back_to_back() -> None:
    """Consecutive framing fields are all seen by the one-scan path."""
    data = b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"
    r = client.HTTPResponse(_Sock(io.BufferedReader(io.BytesIO(data))))
    r.begin()
    assert (r.length, r.will_close) == (3, True)
    assert r.read() == b"abc"
