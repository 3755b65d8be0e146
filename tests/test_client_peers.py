"""httpi18n.client against real servers nobody here wrote, over 127.0.0.1.

* uvicorn (h11) serving a small ASGI app, in a thread;
* nginx (Debian nginx-light) with a temporary config on a free port, when the
  ``nginx`` binary is installed (CI installs it);
* the standard library's ``http.server`` (HTTP/1.1 mode), in a thread.

GET, HEAD, POST with bodies (bytes, file, iterable → chunked request),
chunked responses, keep-alive reuse of one socket, 204/304 without bodies.
"""

from __future__ import annotations

import http.server
import io
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from httpi18n import client

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


# --------------------------------------------------------------------------- uvicorn


async def _asgi_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    assert scope["type"] == "http"
    body = b""
    while True:
        event = await receive()
        body += event.get("body", b"")
        if not event.get("more_body"):
            break
    path = scope["path"]
    if path == "/chunked":
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        for part in (b"hello ", b"chunked ", b"world"):
            await send({"type": "http.response.body", "body": part, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
        return
    if path == "/204":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    if path == "/304":
        await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", b'"x"')]})
        await send({"type": "http.response.body", "body": b""})
        return
    out = b"%s %s %d:%s" % (scope["method"].encode(), path.encode(), len(body), body)
    headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(out)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": out})


@pytest.fixture(scope="module")
def uvicorn_port() -> Iterator[int]:
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    config = uvicorn.Config(_asgi_app, host="127.0.0.1", port=port, http="h11", log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    _wait_port(port)
    yield port
    server.should_exit = True
    thread.join(10)


def test_uvicorn_get_head_post_keepalive(uvicorn_port: int) -> None:
    conn = client.HTTPConnection("127.0.0.1", uvicorn_port, timeout=10)
    conn.request("GET", "/a")
    r = conn.getresponse()
    assert (r.status, r.reason, r.version) == (200, "OK", 11)
    assert r.getheader("content-type") == "text/plain"
    assert r.read() == b"GET /a 0:"
    sock = conn.sock
    assert sock is not None

    conn.request("HEAD", "/a")
    r = conn.getresponse()
    assert r.status == 200 and r.read() == b"" and r.getheader("content-length") == "10"  # len(b"HEAD /a 0:")

    conn.request("POST", "/p", body=b"x" * 1000)
    assert conn.getresponse().read() == b"POST /p 1000:" + b"x" * 1000
    conn.request("POST", "/p", body=io.BytesIO(b"filebody"))  # file: sent chunked
    assert conn.getresponse().read() == b"POST /p 8:filebody"
    conn.request("PUT", "/p", body=iter([b"it", b"er", b"able"]))  # iterable: sent chunked
    assert conn.getresponse().read() == b"PUT /p 8:iterable"
    conn.request("POST", "/p", body="str body")
    assert conn.getresponse().read() == b"POST /p 8:str body"
    assert conn.sock is sock  # one socket for all of it
    conn.close()


def test_uvicorn_chunked_204_304(uvicorn_port: int) -> None:
    conn = client.HTTPConnection(f"127.0.0.1:{uvicorn_port}", timeout=10)
    conn.request("GET", "/chunked")
    r = conn.getresponse()
    assert r.chunked and r.read() == b"hello chunked world"
    conn.request("GET", "/chunked")
    r = conn.getresponse()
    assert b"".join(iter(lambda: r.read(4), b"")) == b"hello chunked world"
    for path, status in (("/204", 204), ("/304", 304)):
        conn.request("GET", path)
        r = conn.getresponse()
        assert r.status == status and r.read() == b"" and r.isclosed()
    conn.request("GET", "/after")
    assert conn.getresponse().read() == b"GET /after 0:"
    assert conn.getresponse is not None
    conn.close()


def test_uvicorn_expect_100_continue(uvicorn_port: int) -> None:
    conn = client.HTTPConnection("127.0.0.1", uvicorn_port, timeout=10)
    conn.putrequest("POST", "/e")
    conn.putheader("Content-Length", "5")
    conn.putheader("Expect", "100-continue")
    conn.endheaders()
    conn.send(b"hello")
    r = conn.getresponse()
    assert r.status == 200 and r.read() == b"POST /e 5:hello"
    assert r.localized("fr").phrase
    conn.close()


# --------------------------------------------------------------------------- nginx


def _nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def _nginx_or_skip() -> str:
    """The nginx binary; without one, skip -- but fail under CI (``CI=true``), which installs it."""
    nginx = _nginx_binary()
    if nginx is None:
        why = "nginx binary not installed (apt-get install nginx-light)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}, and CI=true: the nginx tests must run in CI", pytrace=False)
        pytest.skip(why)
    return nginx


def test_missing_nginx_fails_in_ci_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os.path, "exists", lambda path: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _nginx_or_skip()
    for value in ("false", "", "1"):
        monkeypatch.setenv("CI", value)
        with pytest.raises(pytest.skip.Exception):
            _nginx_or_skip()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        _nginx_or_skip()


@pytest.fixture(scope="module")
def nginx_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    nginx = _nginx_or_skip()
    tmp = tmp_path_factory.mktemp("nginx")
    (tmp / "index.html").write_bytes(b"<h1>nginx</h1>\n")
    (tmp / "big.bin").write_bytes(bytes(range(256)) * 4096)
    port = _free_port()
    (tmp / "nginx.conf").write_text(
        f"""
        daemon off; master_process off; worker_processes 1; pid {tmp}/nginx.pid;
        error_log {tmp}/error.log warn;
        events {{ worker_connections 64; }}
        http {{
          access_log off;
          client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};
          uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
          server {{
            listen 127.0.0.1:{port};
            root {tmp};
            location = /nc {{ return 204; }}
            location = /echo {{ return 200 "$request_method $content_length\\n"; }}
            location = /chunked {{ chunked_transfer_encoding on; gzip off; return 200 "x"; }}
          }}
        }}
        """
    )
    proc = subprocess.Popen([nginx, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)], stderr=subprocess.PIPE)
    try:
        _wait_port(port)
    except RuntimeError:
        proc.kill()
        raise RuntimeError(f"nginx did not start: {proc.communicate()[1]!r}") from None
    yield port
    proc.terminate()
    proc.wait(10)


def test_nginx_static_keepalive_head_304_204(nginx_port: int) -> None:
    conn = client.HTTPConnection("127.0.0.1", nginx_port, timeout=10)
    conn.request("GET", "/index.html")
    r = conn.getresponse()
    assert r.status == 200 and r.getheader("Server", "").startswith("nginx")
    etag = r.getheader("ETag")
    assert r.read() == b"<h1>nginx</h1>\n"
    sock = conn.sock

    conn.request("GET", "/big.bin")
    r = conn.getresponse()
    data = bytearray()
    buf = bytearray(7000)
    while n := r.readinto(buf):
        data += buf[:n]
    assert bytes(data) == bytes(range(256)) * 4096

    conn.request("HEAD", "/index.html")
    r = conn.getresponse()
    assert r.status == 200 and r.read() == b"" and r.length == 0

    conn.request("GET", "/index.html", headers={"If-None-Match": etag})
    r = conn.getresponse()
    assert r.status == 304 and r.read() == b""

    conn.request("GET", "/nc")
    r = conn.getresponse()
    assert r.status == 204 and r.read() == b""

    conn.request("GET", "/missing")
    r = conn.getresponse()
    assert r.status == 404 and b"404" in r.read()
    assert r.localized("ja").language == "ja"
    assert conn.sock is sock
    conn.close()


def test_nginx_post_bodies(nginx_port: int) -> None:
    conn = client.HTTPConnection("127.0.0.1", nginx_port, timeout=10)
    conn.request("POST", "/echo", body=b"abc")
    assert conn.getresponse().read() == b"POST 3\n"
    conn.request("POST", "/echo", body=iter([b"chunk", b"ed"]))  # chunked request body
    r = conn.getresponse()
    assert r.status == 200 and r.read().startswith(b"POST ")  # nginx's $content_length varies here
    conn.request("GET", "/index.html")  # the connection is still in sync
    assert conn.getresponse().read() == b"<h1>nginx</h1>\n"
    conn.close()


# --------------------------------------------------------------------------- http.server


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in (b"stdlib ", b"chunks"):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")
            return
        body = f"path={self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(201)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def stdlib_port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_stdlib_server(stdlib_port: int) -> None:
    conn = client.HTTPConnection("127.0.0.1", stdlib_port, timeout=10)
    conn.request("GET", "/x")
    r = conn.getresponse()
    assert r.status == 200 and r.read() == b"path=/x"
    sock = conn.sock
    conn.request("GET", "/chunked")
    r = conn.getresponse()
    assert r.chunked and r.read() == b"stdlib chunks"
    conn.request("POST", "/p", body="héllo".encode())
    r = conn.getresponse()
    assert (r.status, r.reason) == (201, "Created") and r.read() == "héllo".encode()
    assert conn.sock is sock
    conn.close()
