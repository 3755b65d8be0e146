"""The error-page service (httpi18n.edge.service) as WSGI, ASGI and on httpi18n.server."""

from __future__ import annotations

import asyncio
import http.client
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from httpi18n._middleware import Settings
from httpi18n.edge import ErrorPageService, PageSet, asgi_app, wsgi_app
from httpi18n.edge.pages import ERROR_STATUSES, parse_statuses
from httpi18n.edge.serve import make_server
from httpi18n.errorpages import render_error
from httpi18n.languages import CODES
from httpi18n.localize import localized

SERVICE = ErrorPageService()
SHOWING = ErrorPageService(show_request_id=True, show_original_uri=True)


def ask(service: ErrorPageService, path: str = "/", method: str = "GET", **headers: str) -> Any:
    lowered = {k.replace("_", "-").lower(): v for k, v in headers.items()}
    return service.respond(method, path, lowered.get)


# -- routing and the ingress-nginx / Traefik contracts ------------------------------------------


def test_ingress_contract_status_format_language() -> None:
    r = ask(SERVICE, x_code="503", x_format="application/json", accept_language="ja",
            x_namespace="shop", x_ingress_name="web", x_service_name="svc", x_service_port="80")
    assert r.status == 503 and r.reason == "Service Unavailable"
    body = json.loads(r.body)
    assert body["status"] == 503 and body["title"] == str(localized(503, "ja"))
    assert dict(r.headers)["Content-Type"] == "application/problem+json"
    assert dict(r.headers)["Content-Language"] == "ja"
    assert dict(r.headers)["Vary"] == "Accept, Accept-Language"
    assert dict(r.headers)["X-Content-Type-Options"] == "nosniff"
    assert b"shop" not in r.body and b"svc" not in r.body


def test_x_format_wins_over_accept_and_default_backend_is_404() -> None:
    r = ask(SERVICE, x_code="502", x_format="text/plain", accept="application/json")
    assert r.status == 502 and r.body.startswith(b"502 Bad Gateway\n")
    r = ask(SERVICE)  # no X-Code: a request no ingress rule matched
    assert r.status == 404 and dict(r.headers)["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("path", "status", "ctype"), [
    ("/404", 404, "text/html"), ("/404.json", 404, "application/problem+json"),
    ("/503.txt", 503, "text/plain"), ("/500.html", 500, "text/html"), ("/429?x=1", 429, "text/html"),
    ("/499", 499, "text/html"),  # unregistered 4xx: its class ("Client Error")
    ("/200", 404, "text/html"), ("/999", 404, "text/html"), ("/x", 404, "text/html"),
    ("/404.exe", 404, "text/html"), ("/../503", 404, "text/html"),
])
def test_traefik_and_plain_paths(path: str, status: int, ctype: str) -> None:
    r = ask(SERVICE, path)
    assert r.status == status and dict(r.headers)["Content-Type"].startswith(ctype)


@pytest.mark.parametrize("code", ["abc", "200", "302", "600", "4040", "", " ", "40", "٤٠٤", "404x", "+404"])
def test_bad_x_code_is_a_clear_400(code: str) -> None:
    r = ask(SERVICE, "/503", x_code=code)
    assert r.status == 400 and b"400" in r.body
    assert code.strip().encode() not in r.body or code.strip() in ("", "40")


def test_healthz_is_the_only_success() -> None:
    r = ask(SERVICE, "/healthz")
    assert (r.status, r.body) == (200, b"ok\n")
    assert ask(SERVICE, "/healthz", "HEAD").body == b""
    base = ErrorPageService(base_path="/errors/", statuses=[404, 503])
    assert ask(base, "/errors/healthz").status == 200
    assert ask(base, "/errors/503.json").status == 503
    assert ask(base, "/503").status == 503


@pytest.mark.parametrize("path", ["/", "/healthz/", "/404", "/.json", "/%34%30%34", "//404", "/404/", "/4xx"])
@pytest.mark.parametrize("code", [None, "200", "404", "x"])
def test_never_2xx_or_3xx_except_healthz(path: str, code: str | None) -> None:
    headers = {} if code is None else {"x_code": code}
    assert 400 <= ask(SERVICE, path, **headers).status <= 599


def test_head_has_headers_without_body() -> None:
    get, head = ask(SERVICE, "/404", accept_language="fr"), ask(SERVICE, "/404", "HEAD", accept_language="fr")
    assert head.body == b"" and head.headers == get.headers and head.status == 404


# -- the same decisions and bytes as the middleware --------------------------------------------


@pytest.mark.parametrize(("accept", "accept_language"), [
    (None, None), ("application/json", "fr-CA"), ("text/plain", "zh-TW"), ("text/html", "zh-Hans-CN,ja;q=0.5"),
    ("*/*", "ar"), ("application/json;q=0.1, text/plain", "fr;q=0.1, ja;q=0.9"), ("image/png", "*"),
])
def test_same_page_and_headers_as_the_middleware(accept: str | None, accept_language: str | None) -> None:
    settings = Settings(is_default=None)
    page, headers = settings.render(404, [], None, accept, accept_language)
    extra = {k: v for k, v in (("accept", accept), ("accept_language", accept_language)) if v is not None}
    r = ask(SERVICE, "/", x_code="404", **extra)
    assert r.body == page.body and r.headers == headers


def test_template_and_subsets() -> None:
    service = ErrorPageService(statuses=[404], languages=["fr", "en"], formats=["text/plain", "text/html"],
                               template="<p lang=$lang>$code $title</p>")
    r = ask(service, "/404", accept="text/html", accept_language="ja")  # ja not offered: fr, the first
    assert r.body == f"<p lang=fr>404 {localized(404, 'fr')}</p>".encode()
    assert ask(service, "/404").body.startswith(f"404 {localized(404, 'fr')}".encode())  # */*: first format
    assert ask(service, "/404.json").headers[0] == ("Content-Type", "text/plain; charset=utf-8")  # not offered
    assert ask(service, "/502", accept="text/html").status == 502  # rendered on first use


def test_memo_is_bounded_and_skipped_when_showing_request_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from httpi18n.edge import service as module

    monkeypatch.setattr(module, "MEMO_SIZE", 3)
    svc = ErrorPageService(statuses=[404])
    first = ask(svc, "/404", accept_language="ja")
    assert ask(svc, "/404", accept_language="ja") is first  # served from the memo
    for lang in ("fr", "en", "zh", "ja-JP"):
        ask(svc, "/404", accept_language=lang)
    assert len(svc._memo) <= 3
    svc._memo.clear()
    ask(svc, "/404", accept_language="ja;q=0.5, " * 200)  # long: answered, not kept
    assert not svc._memo
    showing = ErrorPageService(statuses=[404], show_request_id=True)
    assert b"r-1" in ask(showing, "/404", x_request_id="r-1").body
    assert b"r-2" in ask(showing, "/404", x_request_id="r-2").body and not showing._memo


def test_pages_are_rendered_once() -> None:
    pages = PageSet(statuses=[404, 503])
    assert len(pages.keys()) == 2 * len(CODES) * 3
    assert pages.get(404, "ja", "text/html") is pages.get(404, "ja", "text/html")
    assert pages.get(404, "ja", "text/html").page == render_error(404, "ja", "text/html")
    with pytest.raises(ValueError):
        pages.get(200, "en", "text/html")
    with pytest.raises(ValueError):
        PageSet(languages=["sw"])
    with pytest.raises(ValueError):
        PageSet(formats=["application/xml"])


def test_parse_statuses() -> None:
    assert parse_statuses(None) == ERROR_STATUSES and 404 in ERROR_STATUSES and 200 not in ERROR_STATUSES
    assert parse_statuses("404, 500-504") == (404, 500, 501, 502, 503, 504)
    assert parse_statuses([503, "499"]) == (499, 503)
    for bad in ("200", "abc", "500-400", "", "404-700"):
        with pytest.raises(ValueError):
            parse_statuses(bad)


# -- what a request may put on the page ----------------------------------------------------------

EVIL = '<script>alert("x")</script>\r\nSet-Cookie: a=b\x00\x1b[31m'


def test_request_id_and_uri_hidden_unless_enabled() -> None:
    r = ask(SERVICE, x_code="404", x_request_id="abc123", x_original_uri="/secret")
    assert b"abc123" not in r.body and b"/secret" not in r.body


@pytest.mark.parametrize("fmt", ["text/html", "application/json", "text/plain"])
def test_reflected_values_are_escaped(fmt: str) -> None:
    r = ask(SHOWING, x_code="404", accept=fmt, accept_language="fr", x_request_id=EVIL, x_original_uri="/a?" + EVIL)
    assert r.status == 404 and ("X-Content-Type-Options", "nosniff") in r.headers
    for control in (b"\r", b"\x00", b"\x1b"):  # control characters are dropped in every format
        assert control not in r.body
    cleaned = '<script>alert("x")</script>Set-Cookie: a=b[31m'
    if fmt == "text/html":
        assert b"<script>" not in r.body
        assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in r.body
    elif fmt == "application/json":
        problem = json.loads(r.body)  # escaped by the JSON encoder, sent as problem+json
        assert problem["instance"] == "/a?" + cleaned and cleaned in problem["detail"]
    else:  # text/plain: no line of its own for an injected "header"
        assert dict(r.headers)["Content-Type"] == "text/plain; charset=utf-8"
        assert not any(line.startswith(b"Set-Cookie") for line in r.body.split(b"\n"))


def test_huge_headers_are_bounded() -> None:
    big = "x" * 10_000
    r = ask(SHOWING, x_code="404", x_request_id=big, x_original_uri="/" + big,
            accept_language="ja;q=0.9, " * 1000, accept="text/plain;q=0.5, " * 1000)
    assert r.status == 404
    assert big.encode() not in r.body  # the id is dropped, the URI cut
    assert "…".encode() in r.body and len(r.body) < 4000


# -- WSGI, ASGI ---------------------------------------------------------------------------------------


def test_wsgi() -> None:
    app = wsgi_app(statuses=[404, 503])
    seen: list[Any] = []
    body = app({"REQUEST_METHOD": "GET", "PATH_INFO": "/", "HTTP_X_CODE": "503", "HTTP_ACCEPT_LANGUAGE": "zh-TW",
                "HTTP_ACCEPT": "text/plain"}, lambda status, headers: seen.append((status, headers)))
    assert seen[0][0] == "503 Service Unavailable" and ("Content-Language", "zh-TW") in seen[0][1]
    assert b"".join(body).startswith(b"503 ")
    body = app({"REQUEST_METHOD": "HEAD", "SCRIPT_NAME": "", "PATH_INFO": "/404.json"},
               lambda status, headers: seen.append((status, headers)))
    assert list(body) == [] and seen[1][0] == "404 Not Found"


def test_asgi() -> None:
    app = asgi_app()
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "lifespan.startup"} if not sent else {"type": "lifespan.shutdown"}

    scope = {"type": "http", "method": "GET", "path": "/502.json",
             "headers": [(b"accept-language", b"fr-CA"), (b"x-request-id", b"r1")]}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 502 and (b"content-language", b"fr") in sent[0]["headers"]
    assert json.loads(sent[1]["body"])["title"] == str(localized(502, "fr"))
    sent.clear()
    asyncio.run(app({"type": "lifespan"}, receive, send))
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


# -- on httpi18n.server ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    httpd = make_server(ErrorPageService(show_request_id=True), "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_server_keep_alive(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/", headers={"X-Code": "504", "Accept-Language": "ja", "X-Request-ID": "<b>"})
    r = conn.getresponse()
    body = r.read()
    assert r.status == 504 and r.getheader("Content-Language") == "ja" and b"&lt;b&gt;" in body
    assert r.getheader("Vary") == "Accept, Accept-Language" and str(r.getheader("Server")).startswith("httpi18n-edge")
    sock = conn.sock
    conn.request("GET", "/healthz")
    r = conn.getresponse()
    assert (r.status, r.read()) == (200, b"ok\n") and conn.sock is sock
    conn.request("HEAD", "/404.json")
    r = conn.getresponse()
    assert r.status == 404 and r.read() == b"" and r.getheader("Content-Type") == "application/problem+json"
    conn.request("POST", "/", body=b"data", headers={"X-Code": "413"})
    r = conn.getresponse()
    assert r.status == 413 and r.getheader("Connection") == "close"
    r.read()
    conn.close()


def test_server_bad_input(port: int) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/", headers={"X-Code": "abc"})
    r = conn.getresponse()
    assert r.status == 400 and b"abc" not in r.read()
    conn.request("GET", "/", headers={"X-Code": "200", "Accept-Language": "fr", "X-Original-URI": "x" * 10_000})
    r = conn.getresponse()
    assert r.status == 400 and r.getheader("Content-Language") == "fr"
    r.read()
    conn.request("GET", "/", headers={"X-Code": "404", "X-Request-ID": "\u65e5".encode().decode("latin-1")})
    r = conn.getresponse()
    assert "\u65e5".encode() in r.read()  # UTF-8 bytes in a header shown as UTF-8
    conn.request("BREW", "/")
    r = conn.getresponse()
    assert r.status == 501
    conn.close()


def test_cli_serve_flags_as_http_server() -> None:
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "httpi18n.edge", "serve", "-b", "127.0.0.1", "--languages", "ja,en",
         "--statuses", "404,503", "--base-path", "/errors", str(free)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert line == f"Serving HTTP on 127.0.0.1 port {free} (http://127.0.0.1:{free}/) ...\n"
        deadline = time.monotonic() + 10
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", free, timeout=10)
                conn.request("GET", "/errors/503.txt", headers={"Accept-Language": "fr"})
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        r = conn.getresponse()
        assert r.status == 503 and r.getheader("Content-Language") == "ja"  # fr not offered: the first
        assert r.read().startswith(b"503 ")
        conn.close()
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert b'"GET /errors/503.txt HTTP/1.1" 503' in err  # logged as http.server logs


@pytest.mark.parametrize("argv", [["serve", "--languages", "xx"], ["serve", "notaport"], ["serve", "--formats", "x"]])
def test_cli_serve_bad_options(argv: list[str]) -> None:
    from httpi18n.edge.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_shown_address_and_request_id_are_bidi_isolated() -> None:
    """Supplied values cannot reorder the sentence around them on a right-to-left page."""
    r = ask(SHOWING, x_code="404", accept="text/html", x_request_id="req-1", x_original_uri="/a/b?c=1")
    assert b"<bdi>/a/b?c=1</bdi>" in r.body and b"<bdi>req-1</bdi>" in r.body
    r = ask(SHOWING, x_code="404", accept="text/plain", x_request_id="req-1", x_original_uri="/a/b?c=1")
    assert "\u2068".encode() not in r.body  # isolate marks only where the catalog is RTL


# -- the lean request path of ErrorPageHandler: the same bytes as the generic path -------------------

_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
_WRK = f"GET / HTTP/1.1\r\nHost: h\r\nAccept-Language: fr-CA,fr;q=0.8\r\nAccept: {_HTML}\r\nX-Code: 404\r\n\r\n"
_UTF8_ID = "\u65e5\u672c".encode().decode("latin-1")

#: (request bytes as latin-1 text, or a list of pieces sent 50 ms apart; whether the lean path answers:
#: True for every request sent, False for the first, None: either).
_REQUESTS: list[tuple[str | list[str], bool | None]] = [
    (_WRK, True),
    (_WRK.replace(_HTML, "application/json"), True),
    (_WRK * 3, True),  # pipelined
    ("HEAD /404.json HTTP/1.1\r\nHost: h\r\n\r\n", True),
    ("GET /healthz HTTP/1.1\r\nHost: h\r\n\r\n", True),
    ("HEAD /healthz HTTP/1.1\r\nHost: h\r\n\r\n", True),
    ("GET /errors/503.txt?x=1 HTTP/1.1\r\nHost: h\r\naccept-language: ja\r\n\r\n", True),
    ("GET //evil/404 HTTP/1.1\r\nHost: h\r\n\r\n", True),
    ("GET /503.txt HTTP/1.0\r\n\r\n", True),  # HTTP/1.0 needs no Host, and closes
    ("GET /503.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n" + _WRK, True),
    ("GET /503 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n" + _WRK, True),
    ("GET /503 HTTP/1.1\r\nHost: h\r\nConnection: Keep-Alive, Upgrade\r\n\r\n", True),
    ("POST / HTTP/1.1\r\nHost: h\r\nX-Code: 413\r\nContent-Length: 0\r\n\r\n" + _WRK, True),
    ("OPTIONS / HTTP/1.1\r\nHost: h\r\n\r\nDELETE / HTTP/1.1\r\nHost: h\r\n\r\nPUT / HTTP/1.1\r\nHost: h\r\n\r\n"
     "PATCH / HTTP/1.1\r\nHost: h\r\n\r\n", True),
    ("GET / HTTP/1.1\r\nHost: h\r\nX-Code: abc\r\n\r\n", True),
    ("GET / HTTP/1.1\r\nHost: h\r\nX-Code:\t502\r\nX-Format: application/json\r\nAccept-Language: ar\r\n\r\n", True),
    (f"GET / HTTP/1.1\r\nHost: h\r\nX-Code: 404\r\nX-Request-ID: {_UTF8_ID}\r\n\r\n", True),  # UTF-8 bytes
    ("GET / HTTP/1.1\r\nHost: h\r\nX-Code: 404\r\nX-Request-ID: caf\xe9\r\n\r\n", True),  # latin-1 bytes
    ("GET / HTTP/1.1\r\nHost: h\r\nX-Code: 404\r\nX-Original-URI: /a?<b>\r\nX-Request-ID: <i>\r\n\r\n", True),
    ("GET /\xe9 HTTP/1.1\r\nHost: h\r\n\r\n", True),
    # handed to the generic path
    ("POST / HTTP/1.1\r\nHost: h\r\nX-Code: 413\r\nContent-Length: 4\r\n\r\ndata" + _WRK, False),
    ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 00\r\n\r\n", False),
    ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: x\r\n\r\n", False),
    ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\ndata\r\n0\r\n\r\n", False),
    ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\ndata", False),
    ("GET / HTTP/1.1\r\nX-Code: 404\r\n\r\n", False),  # no Host: 400
    ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", False),
    ("GET / HTTP/1.1\r\nHost: h\r\nAccept-Language: ja\r\nAccept-Language: fr\r\n\r\n", False),
    ("GET / HTTP/1.1\r\nHost: h\r\nX-Code: 404 \r\nAccept-Language: fr \r\n\r\n", False),  # trailing OWS
    ("GET / HTTP/1.1\r\nHost: h\r\nAccept-Language: fr,\r\n ja\r\n\r\n", False),  # obs-fold
    ("GET / HTTP/1.1\nHost: h\nX-Code: 503\n\n", False),  # bare LF
    ("GET / HTTP/1.1\r\nHost: h\r\nX Code: 503\r\nAccept-Language: fr\r\n\r\n", False),  # bad field: 400
    ("GET / HTTP/1.1\r\nHost: h\r\nX-Code: 5\x0103\r\n\r\n", False),
    ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", False),
    ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", False),
    ("GET /\r\n", False),  # HTTP/0.9
    ("BREW / HTTP/1.1\r\nHost: h\r\nAccept-Language: ja\r\n\r\n", False),  # 501
    ("GET / HTTP/1.1\r\nHost: h\r\nAccept-Language: ja\r\nX-Original-URI: " + "x" * 10_000 + "\r\n\r\n", False),
    ("GET / HTTP/1.1\r\nHost: h\r\nAccept-Language: fr\r\nX-Big: " + "x" * 70_000 + "\r\n\r\n", False),  # 431
    ("GET / HTTP/1.1\r\nHost: h\r\nAccept-Language: fr\r\n" + "X-A: b\r\n" * 101 + "\r\n", False),  # 431
    ("GET /" + "x" * 70_000 + " HTTP/1.1\r\nHost: h\r\n\r\n", False),  # 414
    # the head not all there at first: handed over (unless the machine was too slow to look in between)
    (["GET / HTTP/1.1\r\nHost: h\r\n", "X-Code: 503\r\n\r\n"], None),
    (["GET / HTTP/1.1\r\nHo", "st: h\r\n\r\n" + _WRK], None),
    ("", False),
]


@pytest.fixture(scope="module")
def twin_servers() -> Iterator[dict[str, Any]]:
    """Two servers of one service: the lean path, and the generic path only (parse_request overridden)."""
    from httpi18n.server import BaseHTTPRequestHandler

    service = ErrorPageService(languages=["en", "fr", "ja", "ar"], base_path="/errors",
                               show_request_id=True, show_original_uri=True)
    servers: dict[str, Any] = {}
    for name in ("lean", "generic"):
        httpd = make_server(service, "127.0.0.1", 0)
        log: list[tuple[bool, str]] = []

        def log_message(self: Any, format: str, *args: Any, log: list[tuple[bool, str]] = log) -> None:
            log.append((self._lean_fields is not None, format % args))

        attrs: dict[str, Any] = {"log_message": log_message}
        if name == "generic":
            attrs["parse_request"] = lambda self: BaseHTTPRequestHandler.parse_request(self)
        httpd.RequestHandlerClass = type(name, (httpd.RequestHandlerClass,), attrs)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers[name] = (httpd, log)
    yield servers
    for httpd, _log in servers.values():
        httpd.shutdown()
        httpd.server_close()


def _exchange(port: int, request: str | list[str]) -> bytes:
    """Send *request* (pieces 50 ms apart), end the sending side, read everything until the server closes."""
    import re
    import socket
    import time

    pieces = [request] if isinstance(request, str) else request
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        for n, piece in enumerate(pieces):
            if n:
                time.sleep(0.05)
            sock.sendall(piece.encode("latin-1"))
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:  # the server closed with our unread bytes in its buffer
                break
            if not chunk:
                break
            chunks.append(chunk)
    return re.sub(rb"\r\nDate: [^\r]*\r\n", b"\r\nDate: -\r\n", b"".join(chunks))


@pytest.mark.parametrize(("request_text", "lean"), _REQUESTS, ids=range(len(_REQUESTS)))
def test_lean_path_sends_the_same_bytes_and_logs_the_same(
    twin_servers: dict[str, Any], request_text: str | list[str], lean: bool | None
) -> None:
    answers = {}
    logs = {}
    for name, (httpd, log) in twin_servers.items():
        log.clear()
        answers[name] = _exchange(httpd.server_address[1], request_text)
        logs[name] = list(log)
    assert answers["lean"] == answers["generic"]
    assert [text for _, text in logs["lean"]] == [text for _, text in logs["generic"]]
    assert not any(was_lean for was_lean, _ in logs["generic"])
    ways = [was_lean for was_lean, text in logs["lean"] if text.startswith('"')]  # one per request line
    if lean:
        assert ways and all(ways)  # every request of the exchange went the lean way
    elif lean is False:
        assert not ways or not ways[0]  # the first went the generic way (what follows may be lean)


def test_lean_path_answers_the_benchmark_request_in_one_write() -> None:
    """One sendall per answer, headers left unparsed until asked for, and the same page as the service."""
    import socket

    from httpi18n.edge.serve import ErrorPageHandler

    service = ErrorPageService(languages=["en", "fr"])
    handler_class = type("H", (ErrorPageHandler,), {"service": service, "quiet": True})
    a, b = socket.socketpair()
    sent: list[bytes] = []
    with a, b:
        a.sendall((_WRK * 2).encode())
        a.shutdown(socket.SHUT_WR)

        class Spy(handler_class):  # type: ignore[misc,valid-type]
            def finish(self) -> None:
                self.seen_headers = self.headers
                super().finish()

        original = socket.socket.sendall

        def sendall(sock: socket.socket, data: bytes, *args: Any) -> None:
            if sock is b:
                sent.append(bytes(data))
            original(sock, data, *args)

        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(socket.socket, "sendall", sendall)
            handler = Spy(b, ("127.0.0.1", 1), object())
    assert len(sent) == 2 and sent[0] == sent[1]
    page = service.pages.get(404, "fr", "html")
    assert sent[0].startswith(b"HTTP/1.1 404 Not Found\r\nServer: httpi18n-edge Python/")
    assert sent[0].endswith(b"\r\n" + page.head + b"\r\n" + page.page.body)
    assert handler.seen_headers["x-code"] == "404" and handler.seen_headers["Accept"] == _HTML
    assert handler.command == "GET" and handler.path == "/" and handler.requestline == "GET / HTTP/1.1"


def test_overriding_what_the_lean_path_stands_in_for_turns_it_off() -> None:
    from httpi18n.edge.serve import ErrorPageHandler, _lean_methods

    assert _lean_methods(ErrorPageHandler) == frozenset(("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"))
    assert _lean_methods(type("A", (ErrorPageHandler,), {"send_header": lambda self, k, v: None})) == frozenset()
    assert _lean_methods(type("B", (ErrorPageHandler,), {"do_GET": lambda self: None})) == frozenset(
        ("HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"))


def test_generic_path_keeps_a_head_deadline_already_set() -> None:
    """The lean path starts the head's deadline; when it hands over, the generic code must not restart it."""
    import socket
    import time

    from httpi18n.edge.serve import ErrorPageHandler
    from httpi18n.server import BaseHTTPRequestHandler

    errors: list[str] = []

    class H(ErrorPageHandler):
        service = ErrorPageService(languages=["en"])
        quiet = True

        def handle(self) -> None:
            self._head_deadline = time.monotonic() - 1  # already past: the next read must fail at once
            BaseHTTPRequestHandler.handle_one_request(self)

        def log_error(self, format: str, *args: Any) -> None:
            errors.append(format % args)

    a, b = socket.socketpair()
    with a, b:
        start = time.monotonic()
        handler = H(b, ("127.0.0.1", 1), object())  # nothing sent: without the deadline it would wait 60 s
        assert time.monotonic() - start < 5
    assert handler.close_connection and errors and errors[0].startswith("Request timed out")
