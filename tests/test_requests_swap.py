"""``requests`` on top of ``httpi18n.client``, as a user who swaps ``http.client`` would run it.

A child interpreter replaces ``http.client`` with :mod:`httpi18n.client`
(``sys.modules`` and the ``http`` package attribute) before it imports
``requests``, then drives a ``requests.Session`` against a real HTTP/1.1
server on 127.0.0.1 that runs here, in the parent (the standard library's
``http.server``, unswapped).  The child prints what it received as JSON; the
tests compare it with what the server sent: keep-alive reuse, chunked and
gzip bodies, redirects, ``stream=True`` with ``iter_content``, and POST
bodies (bytes and a chunked generator).
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.slow

requests = pytest.importorskip("requests")

#: A body big enough to need many reads (and many chunks), deterministic.
BIG = b"".join(hashlib.sha256(str(i).encode()).hexdigest().encode() + b"\n" for i in range(20000))
TEXT = "Ünïcode body: 你好, こんにちは, ça va\n" * 50


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    #: Client ports seen per path, to count connections.
    seen: list[tuple[str, int]] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_chunked(self, pieces: Iterator[bytes], headers: dict[str, str] | None = None) -> None:
        self.send_response(200)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for piece in pieces:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.wfile.write(b"0\r\nX-Trailer: yes\r\n\r\n")

    def do_GET(self) -> None:
        type(self).seen.append((self.path, self.client_address[1]))
        if self.path == "/plain":
            self._send(200, TEXT.encode("utf-8"), {"Content-Type": "text/plain; charset=utf-8"})
        elif self.path == "/chunked":
            data = TEXT.encode("utf-8")
            self._send_chunked((data[i : i + 97] for i in range(0, len(data), 97)),
                               {"Content-Type": "text/plain; charset=utf-8"})
        elif self.path == "/big-chunked":
            self._send_chunked(BIG[i : i + 8191] for i in range(0, len(BIG), 8191))
        elif self.path == "/gzip":
            self._send(200, gzip.compress(BIG), {"Content-Encoding": "gzip", "Content-Type": "text/plain"})
        elif self.path == "/gzip-chunked":
            packed = gzip.compress(TEXT.encode("utf-8"))
            self._send_chunked((packed[i : i + 50] for i in range(0, len(packed), 50)),
                               {"Content-Encoding": "gzip", "Content-Type": "text/plain; charset=utf-8"})
        elif self.path == "/redirect":
            self._send(302, b"", {"Location": "/redirect2"})
        elif self.path == "/redirect2":
            self._send(301, b"moved", {"Location": "/plain"})
        elif self.path == "/headers":
            self._send(200, b"{}", {"Content-Type": "application/json", "Set-Cookie": "a=1; Path=/",
                                    "X-Many": "one", "x-many": "two"})
        elif self.path == "/cookie":
            self._send(200, (self.headers.get("Cookie") or "").encode("ascii"))
        else:
            self._send(404, b"not here")

    def do_POST(self) -> None:
        type(self).seen.append((self.path, self.client_address[1]))
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                body += self.rfile.read(size)
                self.rfile.readline()
            framing = "chunked"
        else:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            framing = "length"
        digest = hashlib.sha256(body).hexdigest()
        reply = json.dumps({"length": len(body), "sha256": digest, "framing": framing,
                            "type": self.headers.get("Content-Type")}).encode()
        self._send(200, reply, {"Content-Type": "application/json"})


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


#: The child: swap first, then import requests; print JSON results.
CHILD = textwrap.dedent(
    '''
    import sys, http, json, hashlib
    assert "requests" not in sys.modules and "urllib3" not in sys.modules
    if sys.argv[2] == "swap":
        import httpi18n.client
        sys.modules["http.client"] = httpi18n.client
        http.client = httpi18n.client
    import requests, urllib3.connection, urllib3.response

    base = sys.argv[1]
    out = {
        "urllib3_base": urllib3.connection.HTTPConnection.__mro__[1].__module__,
        "urllib3_response_base": urllib3.response._HttplibHTTPResponse.__module__,
    }
    with requests.Session() as s:
        s.trust_env = False  # no proxies from the environment: loopback only
        r = s.get(base + "/plain")
        out["plain"] = [r.status_code, r.text, r.headers["Content-Type"], r.encoding]
        r = s.get(base + "/chunked")
        out["chunked"] = [r.status_code, r.text, r.headers.get("Transfer-Encoding")]
        r = s.get(base + "/big-chunked")
        out["big_chunked"] = [len(r.content), hashlib.sha256(r.content).hexdigest()]
        r = s.get(base + "/gzip")
        out["gzip"] = [len(r.content), hashlib.sha256(r.content).hexdigest(), r.headers["Content-Encoding"]]
        r = s.get(base + "/gzip-chunked")
        out["gzip_chunked"] = r.text
        r = s.get(base + "/redirect")
        out["redirect"] = [r.status_code, r.url, [h.status_code for h in r.history], r.text[:20]]
        r = s.get(base + "/headers")
        out["headers"] = [r.json(), r.headers["x-many"], r.cookies.get("a")]
        r = s.get(base + "/cookie")
        out["cookie"] = r.text
        with s.get(base + "/big-chunked", stream=True) as r:
            pieces = list(r.iter_content(chunk_size=1000))
            out["stream_chunked"] = [len(pieces), max(map(len, pieces)), hashlib.sha256(b"".join(pieces)).hexdigest()]
        with s.get(base + "/gzip", stream=True) as r:
            data = b"".join(r.iter_content(chunk_size=4096))
            out["stream_gzip"] = [len(data), hashlib.sha256(data).hexdigest()]
        with s.get(base + "/plain", stream=True) as r:
            out["stream_lines"] = [line.decode("utf-8") for line in r.iter_lines()][:3]
        body = bytes(range(256)) * 1000
        r = s.post(base + "/echo", data=body, headers={"Content-Type": "application/octet-stream"})
        out["post"] = r.json()
        r = s.post(base + "/echo", data=(bytes([i]) * 1000 for i in range(100)))
        out["post_chunked"] = r.json()
        r = s.post(base + "/echo", json={"lang": "ja", "text": "こんにちは"})
        out["post_json"] = r.json()
        r = s.get(base + "/missing")
        out["missing"] = [r.status_code, r.text, r.ok]
        with s.get(base + "/chunked", stream=True) as r:  # left unread: the connection is dropped
            out["raw_read"] = r.raw.read(10).decode("utf-8", "replace")
        r = s.get(base + "/plain")
        out["after_partial"] = r.text == (r.content.decode("utf-8"))
    print(json.dumps(out))
    '''
)


def _run_child(server: str, mode: str) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    _Handler.seen.clear()
    proc = subprocess.run([sys.executable, "-c", CHILD, server, mode], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout), list(_Handler.seen)


@pytest.fixture(scope="module")
def runs(server: str) -> dict[str, tuple[dict[str, Any], list[tuple[str, int]]]]:
    """The child's results and the server's (path, client port) log, swapped and plain."""
    return {mode: _run_child(server, mode) for mode in ("swap", "plain")}


@pytest.fixture(scope="module")
def result(runs: dict[str, tuple[dict[str, Any], list[tuple[str, int]]]]) -> dict[str, Any]:
    return runs["swap"][0]


def _connections(seen: list[tuple[str, int]]) -> list[list[str]]:
    """The paths requested, grouped by connection (client port), in order."""
    groups: dict[int, list[str]] = {}
    for path, port in seen:
        groups.setdefault(port, []).append(path)
    return list(groups.values())


def test_same_as_plain_http_client(runs: dict[str, tuple[dict[str, Any], list[tuple[str, int]]]]) -> None:
    """Everything requests saw, and every connection it opened, is as with the standard http.client."""
    swapped, swapped_seen = runs["swap"]
    plain, plain_seen = runs["plain"]
    assert plain["urllib3_base"] == "http.client"
    swapped = {k: v for k, v in swapped.items() if not k.startswith("urllib3_")}
    assert swapped == {k: v for k, v in plain.items() if not k.startswith("urllib3_")}
    assert _connections(swapped_seen) == _connections(plain_seen)


def test_swap_took_effect(result: dict[str, Any]) -> None:
    assert result["urllib3_base"] == "httpi18n.client"
    assert result["urllib3_response_base"] == "httpi18n.client"


def test_plain_and_chunked_text(result: dict[str, Any]) -> None:
    assert result["plain"] == [200, TEXT, "text/plain; charset=utf-8", "utf-8"]
    assert result["chunked"] == [200, TEXT, "chunked"]
    assert result["big_chunked"] == [len(BIG), hashlib.sha256(BIG).hexdigest()]


def test_gzip(result: dict[str, Any]) -> None:
    assert result["gzip"] == [len(BIG), hashlib.sha256(BIG).hexdigest(), "gzip"]
    assert result["gzip_chunked"] == TEXT


def test_redirects_and_headers(result: dict[str, Any]) -> None:
    status, url, history, start = result["redirect"]
    assert (status, history, start) == (200, [302, 301], TEXT[:20])
    assert url.endswith("/plain")
    assert result["headers"] == [{}, "one, two", "1"]
    assert result["cookie"] == "a=1"  # the session kept the cookie and sent it back


def test_streaming(result: dict[str, Any]) -> None:
    count, largest, digest = result["stream_chunked"]
    assert digest == hashlib.sha256(BIG).hexdigest()
    assert largest <= 1000 and count >= len(BIG) // 1000
    assert result["stream_gzip"] == [len(BIG), hashlib.sha256(BIG).hexdigest()]
    assert result["stream_lines"] == TEXT.splitlines()[:3]
    assert result["raw_read"] == TEXT.encode("utf-8")[:10].decode("utf-8", "replace")


def test_posts(result: dict[str, Any]) -> None:
    body = bytes(range(256)) * 1000
    assert result["post"] == {"length": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                              "framing": "length", "type": "application/octet-stream"}
    chunked = b"".join(bytes([i]) * 1000 for i in range(100))
    assert result["post_chunked"] == {"length": len(chunked), "sha256": hashlib.sha256(chunked).hexdigest(),
                                      "framing": "chunked", "type": None}
    sent = json.dumps({"lang": "ja", "text": "こんにちは"}).encode()
    assert result["post_json"]["sha256"] == hashlib.sha256(sent).hexdigest()
    assert result["post_json"]["type"] == "application/json"
    assert result["missing"] == [404, "not here", False]


def test_keep_alive(runs: dict[str, tuple[dict[str, Any], list[tuple[str, int]]]]) -> None:
    """One connection for the whole session, until a response is dropped unread."""
    result, seen = runs["swap"]
    connections = _connections(seen)
    assert len(seen) == 19
    assert len(connections) == 2, connections
    assert connections[0][-1] == "/chunked" and connections[1] == ["/plain"]  # the unread one, then anew
    assert result["after_partial"] is True
