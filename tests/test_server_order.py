"""Bytes leave httpi18n.server in the order the handler wrote them (issue 10, section 2).

After ``end_headers()`` the head is on the wire before anything else the
handler does: a body sent with ``self.connection.sendall`` or
``os.sendfile``, a first chunk that comes seconds later, a CONNECT tunnel.
The one-``sendall`` head + body is kept only in the package's own code paths
(``send_error``, ``SimpleHTTPRequestHandler``), checked here by counting the
socket's ``sendall`` calls.
"""

from __future__ import annotations

import http.client
import io
import os
import select
import shutil
import socket
import socketserver
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from httpi18n import server

from test_server_support import running

BODY = b"body after the head\n"


class Quiet(server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass


def _read_response(sock: socket.socket, length: int) -> bytes:
    """Read one response head plus *length* body bytes."""
    data = b""
    while b"\r\n\r\n" not in data or len(data.partition(b"\r\n\r\n")[2]) < length:
        chunk = sock.recv(65536)
        assert chunk, data
        data += chunk
    return data


class SendallAfterHead(Quiet):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.connection.sendall(BODY)


def test_connection_sendall_after_end_headers_comes_after_the_head() -> None:
    with running(server.ThreadingHTTPServer, SendallAfterHead) as httpd:
        with socket.create_connection(httpd.server_address[:2], timeout=5) as s:
            for _ in range(3):  # keep-alive: every response in order
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                data = _read_response(s, len(BODY))
                assert data.startswith(b"HTTP/1.1 200 OK\r\n")
                assert data.endswith(b"\r\n\r\n" + BODY)


@pytest.mark.skipif(not hasattr(os, "sendfile"), reason="os.sendfile is not available here")
def test_os_sendfile_after_end_headers_comes_after_the_head(tmp_path: Path) -> None:
    payload = tmp_path / "payload.bin"
    payload.write_bytes(bytes(range(256)) * 40)

    class SendFile(Quiet):
        def do_GET(self) -> None:
            size = payload.stat().st_size
            self.send_response(200)
            self.send_header("Content-Length", str(size))
            self.end_headers()
            with open(payload, "rb") as f:
                offset = 0
                while offset < size:
                    offset += os.sendfile(self.wfile.fileno(), f.fileno(), offset, size - offset)

    with running(server.ThreadingHTTPServer, SendFile) as httpd:
        with socket.create_connection(httpd.server_address[:2], timeout=5) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            data = _read_response(s, 10240)
    head, _, body = data.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Content-Length: 10240" in head
    assert body == payload.read_bytes()


@pytest.mark.parametrize("delay", [0.0, 1.5])
def test_streaming_head_arrives_before_a_slow_first_chunk(delay: float) -> None:
    """Server-sent events: the head must reach the client while the handler waits for its first event."""
    go = threading.Event()

    class Events(Quiet):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            go.wait(10)  # the test releases the first event only once it has the head
            time.sleep(delay)
            self.wfile.write(b"data: first\n\n")

    with running(server.ThreadingHTTPServer, Events) as httpd:
        with socket.create_connection(httpd.server_address[:2], timeout=5) as s:
            start = time.monotonic()
            s.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = s.recv(4096)
                assert chunk, head
                head += chunk
            waited = time.monotonic() - start
            go.set()
            rest = b""
            while not rest.endswith(b"\n\n"):
                chunk = s.recv(4096)
                assert chunk, rest
                rest += chunk
    assert head.startswith(b"HTTP/1.1 200 OK\r\n") and head.endswith(b"\r\n\r\n")
    assert b"text/event-stream" in head
    assert waited < 1.0  # the head did not wait for the event (the handler blocks until we set go)
    assert rest == b"data: first\n\n"


class Echo(socketserver.BaseRequestHandler):
    """The tunnel's far end: echoes whatever it gets."""

    def handle(self) -> None:
        while True:
            data = self.request.recv(65536)
            if not data:
                return
            self.request.sendall(data)


class ConnectProxy(Quiet):
    """A CONNECT-only proxy built on BaseHTTPRequestHandler, restricted to 127.0.0.1."""

    def do_CONNECT(self) -> None:
        host, _, port = self.path.rpartition(":")
        if host != "127.0.0.1":
            self.send_error(403)
            return
        upstream = socket.create_connection((host, int(port)), timeout=5)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        self._relay(self.connection, upstream)

    @staticmethod
    def _relay(client: socket.socket, upstream: socket.socket) -> None:
        with upstream:
            ends = {client: upstream, upstream: client}
            while True:
                readable, _, _ = select.select(list(ends), [], [], 5)
                if not readable:
                    return
                for end in readable:
                    data = end.recv(65536)
                    if not data:
                        return
                    ends[end].sendall(data)


def test_connect_tunnel_raw() -> None:
    with running(socketserver.ThreadingTCPServer, Echo) as far, running(server.ThreadingHTTPServer, ConnectProxy) as proxy:
        target = f"127.0.0.1:{far.server_address[1]}"
        with socket.create_connection(proxy.server_address[:2], timeout=5) as s:
            s.sendall(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode())
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = s.recv(4096)
                assert chunk, head
                head += chunk
            assert head.startswith(b"HTTP/1.1 200 Connection established\r\n")
            assert head.endswith(b"\r\n\r\n")  # nothing after the head: the tunnel starts clean
            for message in (b"ping", b"pong" * 1000):
                s.sendall(message)
                got = b""
                while len(got) < len(message):
                    got += s.recv(65536)
                assert got == message


class Hello(Quiet):
    def do_GET(self) -> None:
        body = b"hello through the tunnel\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_connect_tunnel_with_http_client() -> None:
    """The standard library's HTTPConnection.set_tunnel through our proxy to our server."""
    with running(server.ThreadingHTTPServer, Hello) as origin, running(server.ThreadingHTTPServer, ConnectProxy) as proxy:
        conn = http.client.HTTPConnection("127.0.0.1", proxy.server_address[1], timeout=5)
        conn.set_tunnel("127.0.0.1", origin.server_address[1])
        try:
            for _ in range(2):  # keep-alive inside the tunnel
                conn.request("GET", "/")
                response = conn.getresponse()
                assert response.status == 200
                assert response.read() == b"hello through the tunnel\n"
        finally:
            conn.close()


CURL = shutil.which("curl")


@pytest.mark.skipif(CURL is None and os.environ.get("CI") != "true", reason="curl is not installed")
def test_connect_tunnel_with_curl() -> None:
    with running(server.ThreadingHTTPServer, Hello) as origin, running(server.ThreadingHTTPServer, ConnectProxy) as proxy:
        out = subprocess.run(
            [CURL or "curl", "-sS", "--max-time", "10", "--proxytunnel", "-x",
             f"http://127.0.0.1:{proxy.server_address[1]}", f"http://127.0.0.1:{origin.server_address[1]}/"],
            capture_output=True, timeout=20, check=True,
        )
    assert out.stdout == b"hello through the tunnel\n"


# -- where head and body still share one sendall ----------------------------------------------


class _RecordingSocket:
    """Stands in for the connection under a _SocketWriter: records each sendall."""

    def __init__(self) -> None:
        self.calls: list[bytes] = []

    def sendall(self, data: Any) -> None:
        self.calls.append(bytes(data))

    def fileno(self) -> int:
        return -1


def _handler(cls: type, request: bytes, **attrs: Any) -> Any:
    """An instance of *cls* on in-memory input and a recording socket writer (no real socket)."""
    handler = cls.__new__(cls)
    handler.rfile = io.BufferedReader(io.BytesIO(request))  # type: ignore[arg-type]
    handler.sock = _RecordingSocket()
    handler.wfile = server._SocketWriter(handler.sock)  # type: ignore[arg-type]
    handler.client_address = ("127.0.0.1", 0)
    handler.server = None
    handler.close_connection = True
    for name, value in attrs.items():
        setattr(handler, name, value)
    handler.log_message = lambda *args: None
    return handler


def test_end_headers_sends_at_once() -> None:
    seen: list[int] = []

    class Probe(Quiet):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            seen.append(len(self.sock.calls))  # what reached the socket before the body
            self.wfile.write(b"ok")

    h = _handler(Probe, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    h.handle_one_request()
    assert seen == [1]
    assert h.sock.calls[0].startswith(b"HTTP/1.1 200 OK\r\n") and h.sock.calls[0].endswith(b"\r\n\r\n")
    assert h.sock.calls[1] == b"ok"


@pytest.mark.parametrize("method, body_expected", [("GET", True), ("HEAD", False)])
def test_send_error_is_one_sendall(method: str, body_expected: bool) -> None:
    h = _handler(Quiet, f"{method} /missing HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    h.handle_one_request()
    assert len(h.sock.calls) == 1
    head, _, body = h.sock.calls[0].partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 501 ")
    assert bool(body) is body_expected


def test_send_error_with_an_overridden_end_headers_sends_the_head_first() -> None:
    order: list[str] = []

    class Custom(Quiet):
        def end_headers(self) -> None:
            super().end_headers()
            order.append(f"end_headers: {len(self.sock.calls)} sendall")

    h = _handler(Custom, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    h.handle_one_request()
    assert order == ["end_headers: 1 sendall"]  # not held: the override could write anything next
    assert len(h.sock.calls) == 2


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "small.txt").write_bytes(b"small file\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    return tmp_path


@pytest.mark.parametrize("path, status, calls", [
    ("/small.txt", b"200", 1),  # head + file in one sendall
    ("/empty.txt", b"200", 1),  # head alone, flushed by do_GET
    ("/sub", b"301", 1),
    ("/sub/", b"200", 1),  # listing
    ("/nothing", b"404", 1),
])
def test_static_files_one_sendall(files: Path, path: str, status: bytes, calls: int) -> None:
    h = _handler(server.SimpleHTTPRequestHandler, f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode(),
                 directory=str(files))
    h.handle_one_request()
    assert len(h.sock.calls) == calls
    assert h.sock.calls[0].split(b" ", 2)[1] == status


def test_static_with_overridden_copyfile_sends_the_head_first(files: Path) -> None:
    """A copyfile override (say, os.sendfile on wfile.fileno()) runs after the head is on the wire."""
    seen: list[int] = []

    class SendfileLike(server.SimpleHTTPRequestHandler):
        def copyfile(self, source: Any, outputfile: Any) -> None:
            seen.append(len(self.sock.calls))
            self.sock.sendall(source.read())  # bypasses wfile, as os.sendfile would

    h = _handler(SendfileLike, b"GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n", directory=str(files))
    h.handle_one_request()
    assert seen == [1]
    assert h.sock.calls[0].startswith(b"HTTP/1.0 200 OK") and h.sock.calls[1] == b"small file\n"


def test_static_over_a_real_socket_is_whole_and_in_order(files: Path) -> None:
    class Static(server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(files), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    with running(server.ThreadingHTTPServer, Static) as httpd:
        with socket.create_connection(httpd.server_address[:2], timeout=5) as s:
            for _ in range(3):
                s.sendall(b"GET /small.txt HTTP/1.1\r\nHost: x\r\n\r\n")
                data = _read_response(s, len(b"small file\n"))
                assert data.startswith(b"HTTP/1.1 200 OK\r\n") and data.endswith(b"\r\n\r\nsmall file\n")


# -- end_headers() followed at once by self.wfile.write(body): one sendall ----------------------

PAYLOAD = b"global body\n"


class Patterns(Quiet):
    """Handlers whose next step after end_headers() is, or is not, ``self.wfile.write(x)``."""

    def _head(self, length: int) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(length))

    def do_GLOBAL(self) -> None:  # the bench's handler
        self._head(len(PAYLOAD))
        self.end_headers()
        self.wfile.write(PAYLOAD)

    def do_LOCAL(self) -> None:
        body = b"local body\n"
        self._head(len(body))
        self.end_headers()
        self.wfile.write(body)

    def do_CONSTANT(self) -> None:
        self._head(3)
        self.end_headers()
        self.wfile.write(b"abc")

    def do_BETWEEN(self) -> None:
        self._head(3)
        self.end_headers()
        self.seen = len(self.sock.calls)
        self.wfile.write(b"abc")

    def do_SENDALL(self) -> None:
        self._head(3)
        self.end_headers()
        self.sock.sendall(b"abc")

    def do_ATTRIBUTE(self) -> None:
        self.body = b"abc"
        self._head(3)
        self.end_headers()
        self.wfile.write(self.body)  # self.body could be a property: not trusted

    def do_OTHER_WRITER(self) -> None:
        out = self.wfile
        self._head(3)
        self.end_headers()
        out.write(b"abc")

    def do_CALL_ARGUMENT(self) -> None:
        self._head(3)
        self.end_headers()
        self.wfile.write(bytes(b"abc"))


@pytest.mark.parametrize("method, sendalls", [
    ("GLOBAL", 1), ("LOCAL", 1), ("CONSTANT", 1),
    ("BETWEEN", 2), ("SENDALL", 2), ("ATTRIBUTE", 2), ("OTHER_WRITER", 2), ("CALL_ARGUMENT", 2),
])
def test_head_and_body_share_a_sendall_only_when_nothing_comes_between(method: str, sendalls: int) -> None:
    h = _handler(Patterns, f"{method} / HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    h.handle_one_request()
    assert len(h.sock.calls) == sendalls
    data = b"".join(h.sock.calls)
    assert data.startswith(b"HTTP/1.1 200 OK\r\n")
    head, _, body = data.partition(b"\r\n\r\n")
    assert len(body) == int(dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:])["Content-Length"])
    if sendalls == 2:
        assert h.sock.calls[0].endswith(b"\r\n\r\n")  # the head alone, first
    if method == "BETWEEN":
        assert h.seen == 1  # the head was on the wire before the handler's next statement


def test_a_tracer_turns_the_shortcut_off() -> None:
    """A debugger could stop between end_headers() and the write: then the head goes at once."""
    import sys

    h = _handler(Patterns, b"GLOBAL / HTTP/1.1\r\nHost: x\r\n\r\n")
    previous = sys.gettrace()
    sys.settrace(lambda *args: None)
    try:
        h.handle_one_request()
    finally:
        sys.settrace(previous)
    assert len(h.sock.calls) == 2


def test_a_class_with_getattribute_is_not_trusted() -> None:
    class Strange(Patterns):
        def __getattribute__(self, name: str) -> Any:
            return super().__getattribute__(name)

    h = _handler(Strange, b"GLOBAL / HTTP/1.1\r\nHost: x\r\n\r\n")
    h.handle_one_request()
    assert len(h.sock.calls) == 2
