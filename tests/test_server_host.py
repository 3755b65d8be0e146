"""RFC 9112, Section 3.2: an HTTP/1.1 request needs exactly one Host field (400 otherwise)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from typing import Any

import pytest

from httpi18n import server
from httpi18n.localize import localized

from test_server_support import raw_exchange, running, split_response


class Hello(server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = b"host=" + self.headers.get("Host", "<none>").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Lenient(Hello):
    require_host = False


@pytest.fixture(scope="module")
def port() -> Any:
    with running(server.ThreadingHTTPServer, Hello) as httpd:
        yield httpd.server_address[1]


@pytest.fixture(scope="module")
def lenient_port() -> Any:
    with running(server.ThreadingHTTPServer, Lenient) as httpd:
        yield httpd.server_address[1]


@pytest.mark.parametrize("request_bytes, status, body", [
    (b"GET / HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n", b"200", b"host=example.org"),
    (b"GET / HTTP/1.1\r\nhOsT: a\r\nConnection: close\r\n\r\n", b"200", b"host=a"),
    (b"GET / HTTP/1.1\r\nHost:\r\nConnection: close\r\n\r\n", b"200", b"host="),  # empty is allowed
    (b"GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n", b"200", None),
    (b"GET / HTTP/1.0\r\n\r\n", b"200", b"host=<none>"),  # HTTP/1.0 needs no Host
    (b"GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", b"200", None),
    (b"GET / HTTP/1.1\r\n\r\n", b"400", None),
    (b"GET / HTTP/1.1\r\nX-Host: a\r\n\r\n", b"400", None),
    (b"GET http://example.org/ HTTP/1.1\r\n\r\n", b"400", None),  # absolute form still needs Host
    (b"GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", b"400", None),
    (b"GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", b"400", None),
    (b"GET / HTTP/1.1\r\nHost: a\r\nX: y\r\n  folded\r\nHost: b\r\n\r\n", b"400", None),  # general parser too
])
def test_host_rule_on_raw_sockets(port: int, request_bytes: bytes, status: bytes, body: bytes | None) -> None:
    status_line, headers, got = split_response(raw_exchange(port, request_bytes))
    assert status_line.split(b" ")[1] == status
    if body is not None:
        assert got == body
    if status == b"400":
        assert headers["connection"] == "close"


def test_missing_and_repeated_host_are_told_apart(port: int) -> None:
    missing = split_response(raw_exchange(port, b"GET / HTTP/1.1\r\n\r\n"))
    repeated = split_response(raw_exchange(port, b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"))
    assert missing[0] == b"HTTP/1.1 400 Missing Host header"
    assert repeated[0] == b"HTTP/1.1 400 More than one Host header"
    assert b"Missing Host header" in missing[2] and b"More than one Host header" in repeated[2]


def test_the_handler_is_not_called(port: int) -> None:
    calls: list[str] = []

    class Counting(Hello):
        def do_GET(self) -> None:
            calls.append(self.path)
            super().do_GET()

    with running(server.ThreadingHTTPServer, Counting) as httpd:
        raw_exchange(httpd.server_address[1], b"GET /x HTTP/1.1\r\n\r\n")
        raw_exchange(httpd.server_address[1], b"GET /y HTTP/1.1\r\nHost: h\r\n\r\n")
    assert calls == ["/y"]


def test_expect_100_is_not_answered_without_host(port: int) -> None:
    data = raw_exchange(port, b"POST / HTTP/1.1\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
    assert data.startswith(b"HTTP/1.1 400 ")
    assert b"100 Continue" not in data


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
])
def test_require_host_false_is_cpythons_leniency(lenient_port: int, request_bytes: bytes) -> None:
    status_line, _, _ = split_response(raw_exchange(lenient_port, request_bytes))
    assert status_line == b"HTTP/1.1 200 OK"


@pytest.mark.parametrize("lang", ["fr", "ja", "zh_CN"])
def test_the_400_page_is_localized(port: int, lang: str) -> None:
    tag = lang.replace("_", "-")
    status_line, headers, body = split_response(
        raw_exchange(port, f"GET / HTTP/1.1\r\nAccept-Language: {tag}\r\n\r\n".encode()))
    assert status_line == b"HTTP/1.1 400 Missing Host header"  # the status line stays English
    assert headers["content-language"] == tag
    assert str(localized(400, lang)) in body.decode()


def test_the_400_problem_json(port: int) -> None:
    _, headers, body = split_response(raw_exchange(
        port, b"GET / HTTP/1.1\r\nAccept: application/problem+json\r\nAccept-Language: fr\r\n\r\n"))
    assert headers["content-type"].startswith("application/problem+json")
    problem = json.loads(body)
    assert problem["status"] == 400 and problem["title"] == str(localized(400, "fr"))


def test_socketless_handler_uses_the_same_rule() -> None:
    """The in-memory style of CPython's own tests (rfile/wfile as BytesIO)."""

    class Memory(Hello):
        def __init__(self) -> None:  # noqa: D107 - no socket
            self.client_address = ("127.0.0.1", 0)

    for data, lenient, expected in [
        (b"GET / HTTP/1.1\r\n\r\n", False, b"HTTP/1.1 400"),
        (b"GET / HTTP/1.1\r\n\r\n", True, b"HTTP/1.1 200"),
        (b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", False, b"HTTP/1.1 200"),
    ]:
        handler = Memory()
        handler.require_host = not lenient
        handler.rfile = io.BufferedReader(io.BytesIO(data))  # type: ignore[assignment]
        handler.wfile = out = io.BytesIO()  # type: ignore[assignment]
        handler.handle_one_request()
        assert out.getvalue().startswith(expected)


CURL = shutil.which("curl")
needs_curl = pytest.mark.skipif(CURL is None and os.environ.get("CI") != "true", reason="curl is not installed")


def _curl(*args: str) -> str:
    out = subprocess.run([CURL or "curl", "-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", *args],
                         capture_output=True, text=True, timeout=20, check=True)
    return out.stdout


@needs_curl
def test_curl(port: int) -> None:
    url = f"http://127.0.0.1:{port}/"
    assert _curl(url) == "200"  # curl sends Host
    assert _curl("-H", "Host:", url) == "400"  # "Host:" with no value makes curl leave it out
    assert _curl("--http1.0", "-H", "Host:", url) == "200"
