"""httpi18n.server polls briefly for the next request on its only connection, and only then."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from typing import Any
from unittest import mock

import pytest

from httpi18n import server

from test_server_support import running as _running


class Hello(server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def running(handler: type = Hello) -> Any:
    return _running(server.ThreadingHTTPServer, handler)


def _get(s: socket.socket, path: str) -> bytes:
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    data = b""
    while not data.endswith(path.encode()):
        chunk = s.recv(4096)
        assert chunk, data
        data += chunk
    return data


def _wait_for(predicate: Any, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def _open_count(httpd: Any) -> int:
    counter = httpd.__dict__.get("_httpi18n_open")
    return -1 if counter is None else counter.count


def test_open_connections_are_counted_and_released() -> None:
    with running() as httpd:
        with socket.create_connection(httpd.server_address, timeout=5) as a:
            assert _get(a, "/a").startswith(b"HTTP/1.1 200 OK\r\n")
            assert _open_count(httpd) == 1
            with socket.create_connection(httpd.server_address, timeout=5) as b:
                assert _get(b, "/b").endswith(b"/b")
                assert _open_count(httpd) == 2
            assert _wait_for(lambda: _open_count(httpd) == 1)
            assert _get(a, "/again").endswith(b"/again")  # the first connection still works
        assert _wait_for(lambda: _open_count(httpd) == 0)


@pytest.mark.parametrize("timeout", [60.0, None])
def test_back_to_back_requests_on_one_connection_use_the_poll(timeout: float | None) -> None:
    """With the default timeout (kernel timeouts) and without any (a plain blocking socket)."""

    class Handler(Hello):
        pass

    Handler.timeout = timeout
    polled = []
    original = server._HeadDeadlineIO._polled_recv_into

    def spy(self: Any, sock: Any, b: Any) -> int:
        polled.append(self._hot)
        return original(self, sock, b)

    with mock.patch.object(server, "_CAN_POLL", True), \
            mock.patch.object(server._HeadDeadlineIO, "_polled_recv_into", spy), running(Handler) as httpd:
        with socket.create_connection(httpd.server_address, timeout=5) as s:
            for i in range(200):
                assert _get(s, f"/{i}").endswith(f"/{i}".encode())
    assert len(polled) >= 200  # every wait for a request went through the poll
    assert polled.count(True) >= 150  # and the client, answering at once, stayed "hot"


def test_no_poll_with_two_connections() -> None:
    polled = []
    original = server._HeadDeadlineIO._polled_recv_into

    def spy(self: Any, sock: Any, b: Any) -> int:
        polled.append(1)
        return original(self, sock, b)

    with mock.patch.object(server, "_CAN_POLL", True), running() as httpd:
        with socket.create_connection(httpd.server_address, timeout=5) as a, \
                socket.create_connection(httpd.server_address, timeout=5) as b:
            _get(a, "/warm")
            _get(b, "/warm")
            assert _wait_for(lambda: _open_count(httpd) == 2)
            with mock.patch.object(server._HeadDeadlineIO, "_polled_recv_into", spy):
                for i in range(20):
                    _get(a, f"/a{i}")
                    _get(b, f"/b{i}")
    assert polled == []


class _FakeHandler:
    _head_deadline = None
    wfile = None


def _reader(sock: socket.socket, busy_poll: float, count: int = 1) -> server._HeadDeadlineIO:
    counter = server._OpenConnections()
    counter.add(count)
    return server._HeadDeadlineIO(sock, _FakeHandler(), 5.0, busy_poll, counter)  # type: ignore[arg-type]


def _send_later(sock: socket.socket, delay: float, data: bytes) -> threading.Thread:
    thread = threading.Timer(delay, sock.sendall, args=(data,))
    thread.start()
    return thread


def test_slow_client_turns_polling_off_and_a_quick_one_back_on() -> None:
    window = 0.05  # long, so the test does not depend on the machine's speed
    a, b = socket.socketpair()
    with a, b, mock.patch.object(server, "_CAN_POLL", True):
        reader = _reader(a, window)
        buf = bytearray(64)
        b.sendall(b"first")
        assert reader.readinto(buf) == 5 and reader._hot
        # A client slower than the window: the poll gives up, the read sleeps, polling stops.
        timer = _send_later(b, 4 * window, b"slow")
        assert reader.readinto(buf) == 4 and bytes(buf[:4]) == b"slow"
        timer.join()
        assert not reader._hot
        # Cold: the next read sleeps at once; its quick answer makes the connection hot again.
        timer = _send_later(b, window / 10, b"quick")
        assert reader.readinto(buf) == 5
        timer.join()
        assert reader._hot
        # Slow again while hot: the read waits, but burns CPU for about the window only.
        timer = _send_later(b, 0.5, b"late")
        start, cpu = time.monotonic(), time.thread_time()
        assert reader.readinto(buf) == 4
        assert time.monotonic() - start >= 0.45
        assert time.thread_time() - cpu < 0.3
        timer.join()
        assert not reader._hot


def test_a_hot_read_returns_data_already_there_without_sleeping() -> None:
    a, b = socket.socketpair()
    with a, b, mock.patch.object(server, "_CAN_POLL", True):
        reader = _reader(a, 10.0)  # a huge window: only returning at once keeps this fast
        buf = bytearray(8)
        b.sendall(b"12345678abc")
        start = time.monotonic()
        assert reader.readinto(buf) == 8 and bytes(buf) == b"12345678"
        assert reader.readinto(buf) == 3 and bytes(buf[:3]) == b"abc"
        assert time.monotonic() - start < 1.0
        b.close()
        assert reader.readinto(buf) == 0  # end of stream is returned, not polled past


@pytest.mark.parametrize(
    "can_poll, busy_poll, kind, expected",
    [(True, 0.001, "blocking", 0.001), (False, 0.001, "blocking", 0.0), (True, 0.0, "blocking", 0.0),
     (True, 0.001, "timeout", 0.0), (True, 0.001, "subclass", 0.0)],
)
def test_polling_only_where_it_can_pay(can_poll: bool, busy_poll: float, kind: str, expected: float) -> None:
    """Off on one CPU or off Linux, when disabled, on sockets with a Python timeout, on socket subclasses (TLS)."""
    a, b = socket.socketpair()
    with a, b, mock.patch.object(server, "_CAN_POLL", can_poll):
        if kind == "timeout":
            a.settimeout(5.0)
        sock = a
        if kind == "subclass":
            sock = type("Wrapped", (socket.socket,), {})(fileno=a.fileno())
            sock.setblocking(True)
        try:
            assert _reader(sock, busy_poll)._busy_poll == expected
        finally:
            if sock is not a:
                sock.detach()


def test_handler_without_busy_poll_makes_no_counter() -> None:
    class Off(Hello):
        busy_poll = 0

    with running(Off) as httpd:
        with socket.create_connection(httpd.server_address, timeout=5) as s:
            assert _get(s, "/x").endswith(b"/x")
        assert _open_count(httpd) == -1


def test_timeouts_still_hold_while_polling() -> None:
    class Short(Hello):
        timeout = 0.5

    with mock.patch.object(server, "_CAN_POLL", True), running(Short) as httpd:
        with socket.create_connection(httpd.server_address, timeout=5) as s:
            assert _get(s, "/x").endswith(b"/x")
            start = time.monotonic()
            assert s.recv(10) == b""  # the idle keep-alive connection is closed by the server
            assert time.monotonic() - start < 3
        assert _wait_for(lambda: _open_count(httpd) == 0)


def test_forking_servers_do_not_poll() -> None:
    """A forked child would see only its own connection and poll whatever the load."""
    forking = type("Forking", (socketserver.ForkingMixIn, server.HTTPServer), {})
    httpd = forking(("127.0.0.1", 0), Hello, bind_and_activate=False)
    try:
        assert server._open_connections(httpd) is None
        assert server._open_connections(object()) is None
        plain = server.ThreadingHTTPServer(("127.0.0.1", 0), Hello, bind_and_activate=False)
        assert isinstance(server._open_connections(plain), server._OpenConnections)
        plain.server_close()
    finally:
        httpd.server_close()
