"""httpi18n.server's fast paths give exactly what the general code gives."""

from __future__ import annotations

import io
import re
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from httpi18n import server


class _Handler(server.BaseHTTPRequestHandler):
    """Keep-alive handler on in-memory files; log kept on the instance."""

    protocol_version = "HTTP/1.1"

    def __init__(self, data: bytes) -> None:  # noqa: D107 - no socket
        self.rfile = io.BufferedReader(io.BytesIO(data))  # type: ignore[assignment]
        self.wfile = self.out = io.BytesIO()
        self.client_address = ("127.0.0.1", 0)
        self.requestline = ""
        self.lines: list[str] = []

    def log_message(self, format: str, *args: Any) -> None:
        self.lines.append(format % args)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "3")
        self.end_headers()
        self.wfile.write(b"ok\n")


def _parse(data: bytes) -> tuple[Any, ...]:
    handler = _Handler(data)
    handler.raw_requestline = handler.rfile.readline(65537)
    ok = handler.parse_request()
    return (ok, handler.command, getattr(handler, "path", None), handler.request_version,
            handler.requestline, handler.close_connection, handler.out.getvalue(), handler.lines)


_LINE_PARTS = st.sampled_from(
    [b"GET", b"POST", b"BREW", b"G\xe9T", b" ", b"  ", b"\t", b"/", b"//evil", b"/a?b=c", b"*", b"/\xff",
     b"/\x7f", b"HTTP/1.1", b"HTTP/1.0", b"HTTP/1.2", b"HTTP/0.9", b"HTTP/2.0", b"http/1.1", b"\r", b"\n"]
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE_PARTS, max_size=8).map(b"".join))
def test_request_line_fast_path_matches_general_parser(line: bytes) -> None:
    data = line + b"\r\nHost: x\r\n\r\n"
    fast = _parse(data)
    with mock.patch.object(server, "_REQUEST_LINE", re.compile(r"(?!)")):
        general = _parse(data)
    assert fast == general


@pytest.mark.parametrize("line", [
    b"GET / HTTP/1.1", b"GET / HTTP/1.0", b"GET //evil.example/x HTTP/1.1", b"G" * 65 + b" / HTTP/1.1",
    b"GET /" + b"a" * 20000 + b" HTTP/1.1", b"GET / HTTP/1.1\r",
])
def test_request_line_fast_path_examples(line: bytes) -> None:
    data = line + b"\r\nHost: x\r\n\r\n"
    fast = _parse(data)
    with mock.patch.object(server, "_REQUEST_LINE", re.compile(r"(?!)")):
        assert fast == _parse(data)


def _response_head(handler_class: type[_Handler]) -> bytes:
    handler = handler_class(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    handler.handle_one_request()
    return handler.out.getvalue()


class _OwnSendHeader(_Handler):
    """Overrides send_header: send_response must go through it (the general path)."""

    seen: list[str]

    def send_header(self, keyword: str, value: Any) -> None:
        self.__dict__.setdefault("seen", []).append(keyword)
        super().send_header(keyword, value)


def test_send_response_cache_gives_the_same_bytes() -> None:
    first = _response_head(_Handler)
    assert _response_head(_Handler) == first  # now from the cache
    assert _response_head(_OwnSendHeader) == first


def test_send_response_goes_through_overridden_and_patched_send_header() -> None:
    own = _OwnSendHeader(b"")
    own.request_version = "HTTP/1.1"
    own.send_response(200)
    assert own.seen == ["Server", "Date"]

    handler = _Handler(b"")
    handler.request_version = "HTTP/1.1"
    handler.send_response(200)  # fill the caches
    with mock.patch.object(handler, "send_header") as patched:
        handler.send_response(200)
    assert [c.args[0] for c in patched.call_args_list] == ["Server", "Date"]


def test_send_response_cache_keeps_line_break_refusal() -> None:
    class Allowed(_Handler):
        server_version = "Evil\r\nSet-Cookie: x=y"
        allow_header_line_breaks = True

    class Refused(_Handler):
        server_version = "Evil\r\nSet-Cookie: x=y"

    for _ in range(2):  # the second time from the cache
        handler = Allowed(b"")
        handler.request_version = "HTTP/1.1"
        handler.send_response(200)
        assert b"Server: Evil\r\nSet-Cookie: x=y Python/" in b"".join(handler._headers_buffer)
    refused = Refused(b"")
    refused.request_version = "HTTP/1.1"
    with pytest.raises(ValueError):
        refused.send_response(200)


def test_send_response_follows_protocol_version_and_responses() -> None:
    class Old(_Handler):
        protocol_version = "HTTP/1.0"
        responses = {**server.BaseHTTPRequestHandler.responses, 200: ("Fine", "fine")}

    assert _response_head(_Handler).startswith(b"HTTP/1.1 200 OK\r\n")
    assert _response_head(Old).startswith(b"HTTP/1.0 200 Fine\r\n")
    assert _response_head(_Handler).startswith(b"HTTP/1.1 200 OK\r\n")


def test_send_response_date_follows_the_clock() -> None:
    _response_head(_Handler)  # caches filled
    for date in ("Mon, 01 Jan 2024 00:00:00 GMT", "Mon, 01 Jan 2024 00:00:01 GMT"):
        with mock.patch.object(_Handler, "date_time_string", return_value=date):
            assert f"\r\nDate: {date}\r\n".encode() in _response_head(_Handler)


_FIELD_PARTS = st.sampled_from(
    [b"Host", b"X-A", b"content-length", b":", b": ", b" ", b"\t", b"value", b"v\xe9", b"\x7f", b"\x00", b"\x0b",
     b"\r", b"\n", b"\r\n", b"\r\n ", b"\r\n\t", b"a b", b"(x)", b"@", b"1"]
)


def _read(reader: Any, data: bytes) -> Any:
    import http.client

    from httpi18n import _server_parse

    rfile = io.BufferedReader(io.BytesIO(data))
    try:
        msg = reader(rfile, http.client.HTTPMessage, _server_parse.MAX_LINE, _server_parse.MAX_HEADERS,
                     _server_parse.MAX_HEADER_BYTES)
    except _server_parse.HeadError as err:
        return type(err)
    if isinstance(msg, tuple):
        msg = msg[0]
    return msg.raw_items() and list(msg.raw_items()), rfile.read()


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_FIELD_PARTS, max_size=6).map(b"".join), max_size=5))
def test_header_fast_path_matches_line_reader(lines: list[bytes]) -> None:
    from httpi18n import _server_parse

    data = b"".join(line + b"\r\n" for line in lines) + b"\r\nNEXT"
    assert _read(_server_parse.read_head, data) == _read(_server_parse._read_lines, data)
