"""LocalizedErrors (WSGI and ASGI) and its helpers, in-process, without a server."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from email.utils import formatdate
from pathlib import Path
from typing import Any

import pytest

from httpi18n import _middleware, asgi, defaults, localized, wsgi
from httpi18n._middleware import merge_headers, retry_after_seconds, retry_hint
from httpi18n.errorpages import render_error

# --- a tiny WSGI driver -----------------------------------------------------------


def environ(method: str = "GET", path: str = "/", **headers: str) -> dict[str, Any]:
    env: dict[str, Any] = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "t", "SERVER_PORT": "80",
        "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1",
    }
    for k, v in headers.items():
        env["HTTP_" + k.upper()] = v
    return env


class Server:
    """Records what a WSGI server would receive."""

    def __init__(self) -> None:
        self.status: str | None = None
        self.headers: list[tuple[str, str]] = []
        self.written: list[bytes] = []
        self.calls = 0

    def start_response(self, status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        self.calls += 1
        self.status, self.headers = status, list(headers)
        return self.written.append

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


def call(app: Any, env: dict[str, Any]) -> tuple[Server, bytes]:
    srv = Server()
    result = app(env, srv.start_response)
    try:
        body = b"".join(srv.written) + b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return srv, body


def simple(status: str, headers: list[tuple[str, str]] | None = None, body: bytes = b"") -> Any:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response(status, list(headers or []))
        return [body] if body else []

    return app


class Closing:
    """An app result that records close()."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks, self.closed = chunks, False

    def __iter__(self) -> Any:
        return iter(self.chunks)

    def close(self) -> None:
        self.closed = True


WERKZEUG_404 = (
    b"<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    b"<p>The requested URL was not found on the server. If you entered the URL manually please "
    b"check your spelling and try again.</p>\n"
)

# --- pass-through -----------------------------------------------------------------


def test_success_is_the_apps_own_iterable() -> None:
    body = [b"hello"]

    def app(environ: Any, start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        return body

    srv = Server()
    assert wsgi.LocalizedErrors(app)(environ(), srv.start_response) is body
    assert srv.headers == [("Content-Type", "text/plain")]


@pytest.mark.parametrize("status", ["204 No Content", "304 Not Modified", "301 Moved Permanently", "103 Early Hints"])
def test_non_errors_untouched(status: str) -> None:
    srv, body = call(wsgi.LocalizedErrors(simple(status, [("X-A", "1")])), environ(Accept_Language="ja"))
    assert srv.status == status and srv.headers == [("X-A", "1")] and body == b""


def test_streaming_generator_not_consumed_ahead() -> None:
    produced = []

    def app(environ: Any, start_response: Any) -> Any:
        start_response("200 OK", [])
        for i in range(5):
            produced.append(i)
            yield b"x%d" % i

    result = wsgi.LocalizedErrors(app)(environ(), Server().start_response)
    assert produced == [0]  # only the chunk needed to learn the status
    assert b"".join(result) == b"x0x1x2x3x4"


def test_custom_error_body_kept_and_closed() -> None:
    res = Closing([b"<p>No such user</p>"])

    def app(environ: Any, start_response: Any) -> Any:
        start_response("404 Not Found", [("Content-Type", "text/html")])
        return res

    srv, body = call(wsgi.LocalizedErrors(app), environ(Accept_Language="ja"))
    assert body == b"<p>No such user</p>" and srv.status == "404 Not Found"
    assert srv.header("Content-Language") is None and res.closed


def test_declared_large_error_body_passes_through_unbuffered() -> None:
    res = Closing([b"a" * 100, b"b" * 100])

    def app(environ: Any, start_response: Any) -> Any:
        start_response("500 Oops", [("Content-Length", "200")])
        return res

    srv = Server()
    out = wsgi.LocalizedErrors(app, max_body=50)(environ(), srv.start_response)
    assert out is res and srv.status == "500 Oops"


def test_undeclared_large_error_body_passes_through_after_cap() -> None:
    produced = []

    def app(environ: Any, start_response: Any) -> Any:
        start_response("502 Bad Gateway", [])
        for i in range(100):
            produced.append(i)
            yield b"%03d" % i

    srv = Server()
    out = wsgi.LocalizedErrors(app, max_body=30)(environ(), srv.start_response)
    assert len(produced) < 20  # held no more than the cap
    assert b"".join(out) == b"".join(b"%03d" % i for i in range(100))
    assert srv.status == "502 Bad Gateway"


def test_write_callable_apps() -> None:
    def app(environ: Any, start_response: Any) -> list[bytes]:
        write = start_response("404 Not Found", [("Content-Type", "text/html")])
        write(WERKZEUG_404)
        return []

    srv, body = call(wsgi.LocalizedErrors(app), environ(Accept_Language="fr"))
    assert srv.header("Content-Language") == "fr"
    assert str(localized(404, "fr")).encode() in body

    def big(environ: Any, start_response: Any) -> list[bytes]:
        write = start_response("404 Not Found", [])
        for _ in range(10):
            write(b"0123456789")
        return [b"end"]

    srv, body = call(wsgi.LocalizedErrors(big, max_body=25), environ())
    assert body == b"0123456789" * 10 + b"end" and srv.calls == 1


def test_write_during_iteration_after_the_cap_is_not_lost() -> None:
    """write() from inside the iterable, once an error body has overflowed, goes to the server in order
    without a second start_response."""

    def app(environ: Any, start_response: Any) -> Any:
        write = start_response("404 Not Found", [("Content-Type", "text/plain")])
        yield b"x" * 40
        write(b"written")
        yield b"end"

    srv = Server()
    result = wsgi.LocalizedErrors(app, max_body=25)(environ(), srv.start_response)
    for chunk in result:
        srv.written.append(chunk)
    result.close()
    assert srv.written == [b"x" * 40, b"written", b"end"] and srv.status == "404 Not Found"
    assert srv.calls == 1  # start_response once (PEP 3333; wsgiref: "Headers already set!")


# --- replacement ----------------------------------------------------------------


def test_empty_404_becomes_localized_html() -> None:
    srv, body = call(wsgi.LocalizedErrors(simple("404 Not Found")), environ(Accept_Language="ja"))
    assert srv.status == "404 Not Found"
    assert srv.header("Content-Type") == "text/html; charset=utf-8"
    assert srv.header("Content-Language") == "ja"
    assert srv.header("Content-Length") == str(len(body))
    assert srv.header("Vary") == "Accept, Accept-Language"
    assert '<html lang="ja">' in body.decode() and str(localized(404, "ja")) in body.decode()


def test_headers_kept_dropped_and_vary_merged() -> None:
    app_headers = [
        ("Content-Type", "text/html"), ("Content-Length", str(len(WERKZEUG_404))), ("ETag", '"x"'),
        ("WWW-Authenticate", 'Basic realm="a"'), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
        ("Vary", "Cookie, accept"), ("Location", "/login"), ("Cache-Control", "no-store"),
    ]
    srv, body = call(wsgi.LocalizedErrors(simple("401 Unauthorized", app_headers)), environ(Accept_Language="fr"))
    names = [k.lower() for k, _ in srv.headers]
    assert "etag" not in names and names.count("content-type") == 1
    assert [v for k, v in srv.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert srv.header("WWW-Authenticate") == 'Basic realm="a"' and srv.header("Location") == "/login"
    assert srv.header("Cache-Control") == "no-store"
    assert srv.header("Vary") == "Cookie, accept, Accept-Language"
    assert srv.header("Content-Length") == str(len(body))


def test_vary_star_and_extra_vary() -> None:
    srv, _ = call(wsgi.LocalizedErrors(simple("404 Not Found", [("Vary", "*")])), environ())
    assert srv.header("Vary") == "*"
    srv, _ = call(wsgi.LocalizedErrors(simple("404 Not Found"), vary=("Cookie",)), environ())
    assert srv.header("Vary") == "Accept, Accept-Language, Cookie"


def test_compressed_body_is_kept() -> None:
    app = simple("404 Not Found", [("Content-Encoding", "gzip")], b"\x1f\x8b\x08garbage")
    srv, body = call(wsgi.LocalizedErrors(app), environ())
    assert body == b"\x1f\x8b\x08garbage" and srv.header("Content-Encoding") == "gzip"


def test_head_gets_headers_only() -> None:
    mw = wsgi.LocalizedErrors(simple("404 Not Found"))
    get_srv, get_body = call(mw, environ(Accept_Language="zh-CN"))
    head_srv, head_body = call(mw, environ("HEAD", Accept_Language="zh-CN"))
    assert head_body == b"" and head_srv.header("Content-Length") == str(len(get_body))
    assert head_srv.headers == get_srv.headers


@pytest.mark.parametrize(
    ("accept", "ctype"),
    [
        ("application/problem+json", "application/problem+json"),
        ("application/json", "application/problem+json"),
        ("text/plain", "text/plain; charset=utf-8"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html; charset=utf-8"),
        ("image/png", "text/html; charset=utf-8"),
        ("\x00;;;,,,", "text/html; charset=utf-8"),
    ],
)
def test_format_from_accept(accept: str, ctype: str) -> None:
    srv, body = call(wsgi.LocalizedErrors(simple("429 Too Many Requests")), environ(Accept=accept, Accept_Language="zh-Hans"))
    assert srv.header("Content-Type") == ctype
    if ctype == "application/problem+json":
        data = json.loads(body)
        assert data["type"] == "about:blank" and data["status"] == 429
        assert data["title"] == str(localized(429, "zh_CN"))


def test_exception_gives_500_logged_not_reraised(caplog: pytest.LogCaptureFixture) -> None:
    def app(environ: Any, start_response: Any) -> Any:
        raise ValueError("kaboom")

    with caplog.at_level(logging.ERROR, logger="httpi18n.middleware"):
        srv, body = call(wsgi.LocalizedErrors(app), environ(Accept_Language="fr"))
    assert srv.status == "500 Internal Server Error" and srv.header("Content-Language") == "fr"
    assert str(localized(500, "fr")) in body.decode()
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records)


def test_exception_while_buffering_an_error_gives_500() -> None:
    res_closed = []

    def app(environ: Any, start_response: Any) -> Any:
        start_response("404 Not Found", [("X-Keep", "no")])
        try:
            yield b""
            raise KeyError("x")
        finally:
            res_closed.append(True)

    srv, body = call(wsgi.LocalizedErrors(app), environ())
    assert srv.status.startswith("500") and srv.header("X-Keep") is None and res_closed


def test_exception_after_body_started_propagates() -> None:
    def app(environ: Any, start_response: Any) -> Any:
        start_response("200 OK", [])
        yield b"partial"
        raise RuntimeError("late")

    result = wsgi.LocalizedErrors(app)(environ(), Server().start_response)
    with pytest.raises(RuntimeError, match="late"):
        b"".join(result)


def test_catch_false_propagates() -> None:
    def app(environ: Any, start_response: Any) -> Any:
        raise ValueError("x")

    with pytest.raises(ValueError):
        wsgi.LocalizedErrors(app, catch=False)(environ(), Server().start_response)


def test_language_hook_and_fallbacks() -> None:
    def from_cookie(env: dict[str, Any]) -> str | None:
        cookie = env.get("HTTP_COOKIE", "")
        return cookie.partition("lang=")[2] or None

    mw = wsgi.LocalizedErrors(simple("404 Not Found"), language=from_cookie)
    assert call(mw, environ(Cookie="lang=ja", Accept_Language="fr"))[0].header("Content-Language") == "ja"
    assert call(mw, environ(Cookie="lang=xx-!!", Accept_Language="fr"))[0].header("Content-Language") == "fr"
    assert call(mw, environ(Accept_Language="sw"))[0].header("Content-Language") == "en"

    def broken(env: Any) -> str:
        raise LookupError

    mw = wsgi.LocalizedErrors(simple("404 Not Found"), language=broken, languages=("fr", "en"))
    assert call(mw, environ(Accept_Language="sw"))[0].header("Content-Language") == "fr"


def test_templates(tmp_path: Path) -> None:
    tpl = "<html lang=$lang><h1>$code · $title</h1>$retry</html>"
    srv, body = call(wsgi.LocalizedErrors(simple("404 Not Found"), template=tpl), environ(Accept_Language="ja"))
    assert body.decode() == f"<html lang=ja><h1>404 · {localized(404, 'ja')}</h1></html>"
    path = tmp_path / "t.html"
    path.write_text("[$lang]", encoding="utf-8")
    assert call(wsgi.LocalizedErrors(simple("404 Not Found"), template=path), environ())[1] == b"[en]"
    fn = lambda values: f"{values['code']}/{values['lang']}"  # noqa: E731
    assert call(wsgi.LocalizedErrors(simple("410 Gone"), template=fn), environ(Accept_Language="fr"))[1] == b"410/fr"


def test_retry_after_shown_in_the_readers_language() -> None:
    app = simple("503 Service Unavailable", [("Retry-After", "120")])
    srv, body = call(wsgi.LocalizedErrors(app), environ(Accept_Language="fr", Accept="text/plain"))
    assert srv.header("Retry-After") == "120"
    assert "réessayer dans 2\u00a0minutes" in body.decode()
    date = formatdate(time.time() + 3 * 3600 + 30, usegmt=True)
    app = simple("429 Too Many Requests", [("Retry-After", date)])
    text = call(wsgi.LocalizedErrors(app), environ(Accept_Language="ja", Accept="text/plain"))[1].decode()
    assert "3 時間" in text
    problem = json.loads(call(wsgi.LocalizedErrors(app), environ(Accept_Language="zh-CN", Accept="application/problem+json"))[1])
    assert "3小时" in problem["retry"]


# --- helpers ------------------------------------------------------------------------


def test_retry_after_parsing() -> None:
    now = 1_000_000_000.0
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds(" 0 ", now) == 0
    assert retry_after_seconds(formatdate(now + 90, usegmt=True), now) == 90
    assert retry_after_seconds(formatdate(now - 90, usegmt=True), now) == 0
    for bad in (None, "", "-5", "1.5", "soon", "9" * 30, "x" * 10000, "Fri, 99 Foo 2020 99:99:99 GMT", "١٢٣"):
        assert retry_after_seconds(bad, now) is None
    assert retry_hint(formatdate(now - 5, usegmt=True), "en", now) == "Please try again in a moment."


def test_middleware_words_retry_hints_with_the_shared_module() -> None:
    """The middleware reuses httpi18n.retry (catalog plural forms); no second implementation."""
    from httpi18n import retry

    assert retry_hint is retry.retry_hint and retry_after_seconds is retry.retry_after_seconds
    assert retry_hint("1", "en") == "Please try again in 1 second."
    assert retry_hint("120", "en") == "Please try again in 2 minutes."
    assert retry_hint("120", "fr") == "Veuillez réessayer dans 2\u00a0minutes."


def test_merge_headers_directly() -> None:
    page = render_error(404, "en", "text/plain")
    out = merge_headers([("content-type", "x"), ("Allow", "GET"), ("X-Content-Type-Options", "nosniff")], page,
                        ("Accept",))
    assert out[0] == ("Allow", "GET") and ("Content-Type", "text/plain; charset=utf-8") in out
    assert [k for k, _ in out].count("X-Content-Type-Options") == 1


def test_werkzeug_table_matches_installed_werkzeug() -> None:
    exceptions = pytest.importorskip("werkzeug.exceptions")
    for code, cls in exceptions.default_exceptions.items():
        exc = cls()
        body = exc.get_body().encode()
        headers = exc.get_headers()
        assert defaults.werkzeug_default(code, headers, body), code
        assert defaults.framework_default(code, headers, body), code
        assert not defaults.werkzeug_default(code, headers, cls(description="Custom").get_body().encode())
        assert not defaults.werkzeug_default(code + 1 if code != 499 else 400, headers, body)


def test_other_predicates() -> None:
    plain = [("content-type", "text/plain; charset=utf-8")]
    js = [("content-type", "application/json")]
    assert defaults.starlette_default(404, plain, b"Not Found")
    assert defaults.starlette_default(500, plain, b"Internal Server Error")
    assert defaults.starlette_default(413, plain, b"Request Entity Too Large")
    assert not defaults.starlette_default(404, plain, b"No such user")
    assert not defaults.starlette_default(404, plain, b"Internal Server Error")
    assert defaults.starlette_default(404, js, b'{"detail":"Not Found"}')
    assert not defaults.starlette_default(404, js, b'{"detail":"Not Found","x":1}')
    assert not defaults.starlette_default(422, js, b'{"detail":[{"loc":["q"]}]}')
    assert not defaults.starlette_default(404, js, b"{not json")
    assert not defaults.django_default(404, [], b"<h1>Not Found</h1>")
    assert not defaults.never(404, [], b"Not Found")
    either = defaults.any_of(defaults.never, defaults.starlette_default)
    assert either(404, plain, b"Not Found")


def test_predicate_failure_keeps_body(caplog: pytest.LogCaptureFixture) -> None:
    def bad(status: int, headers: Any, body: bytes) -> bool:
        raise ValueError

    srv, body = call(wsgi.LocalizedErrors(simple("404 Not Found", [], b"Not Found"), is_default=bad), environ())
    assert body == b"Not Found"


# --- ASGI, driven directly ------------------------------------------------------------


def run_asgi(app: Any, method: str = "GET", headers: dict[str, str] | None = None,
             scope_type: str = "http") -> tuple[list[dict[str, Any]], BaseException | None]:
    sent: list[dict[str, Any]] = []
    scope = {"type": scope_type, "method": method, "path": "/x", "headers":
             [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    error: BaseException | None = None
    try:
        asyncio.run(app(scope, receive, send))
    except Exception as exc:
        error = exc
    return sent, error


def asgi_app(status: int, headers: list[tuple[bytes, bytes]], *chunks: bytes, trace: list[str] | None = None) -> Any:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        for i, chunk in enumerate(chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(chunks) - 1})
            if trace is not None:
                trace.append(f"after {i}")

    return app


def asgi_header(message: dict[str, Any], name: bytes) -> bytes | None:
    return next((v for k, v in message["headers"] if k == name), None)


def test_asgi_success_streams_unbuffered() -> None:
    trace: list[str] = []
    inner = asgi_app(200, [(b"content-type", b"text/plain")], b"a", b"b", b"c", trace=trace)

    sent, err = run_asgi(asgi.LocalizedErrors(inner))
    assert err is None
    assert [m.get("body") for m in sent[1:]] == [b"a", b"b", b"c"]
    assert sent[0]["headers"] == [(b"content-type", b"text/plain")]

    # each chunk reaches the server before the app produces the next one
    order: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        order.append("app: start")
        await send({"type": "http.response.body", "body": b"1", "more_body": True})
        order.append("app: 1")
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def go() -> None:
        async def send(message: dict[str, Any]) -> None:
            order.append("server: " + message["type"])

        await asgi.LocalizedErrors(app)({"type": "http", "method": "GET", "headers": []}, None, send)  # type: ignore[arg-type]

    asyncio.run(go())
    assert order[:4] == ["server: http.response.start", "app: start", "server: http.response.body", "app: 1"]


def test_asgi_default_body_replaced_with_headers() -> None:
    inner = asgi_app(405, [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET"),
                           (b"content-length", b"18")], b"Method ", b"Not Allowed")
    sent, err = run_asgi(asgi.LocalizedErrors(inner), headers={"Accept-Language": "ja", "Accept": "text/plain"})
    assert err is None and sent[0]["status"] == 405
    assert asgi_header(sent[0], b"allow") == b"GET"
    assert asgi_header(sent[0], b"content-language") == b"ja"
    assert asgi_header(sent[0], b"content-length") == str(len(sent[1]["body"])).encode()
    assert str(localized(405, "ja")) in sent[1]["body"].decode()
    assert sent[1]["more_body"] is False and len(sent) == 2


def test_asgi_custom_and_large_bodies_kept() -> None:
    sent, _ = run_asgi(asgi.LocalizedErrors(asgi_app(404, [], b"No such user")))
    assert sent[0]["headers"] == [] and b"".join(m.get("body", b"") for m in sent[1:]) == b"No such user"
    inner = asgi_app(500, [], *[b"x" * 10] * 10)
    sent, _ = run_asgi(asgi.LocalizedErrors(inner, max_body=25))
    assert sent[0]["status"] == 500 and b"".join(m.get("body", b"") for m in sent[1:]) == b"x" * 100
    assert sent[-1]["more_body"] is False


def test_asgi_exception_sends_500_then_reraises() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise ZeroDivisionError

    sent, err = run_asgi(asgi.LocalizedErrors(app), headers={"Accept-Language": "zh-Hans-CN"})
    assert isinstance(err, ZeroDivisionError)
    assert sent[0]["status"] == 500 and asgi_header(sent[0], b"content-language") == b"zh-CN"

    async def late(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise ZeroDivisionError

    sent, err = run_asgi(asgi.LocalizedErrors(late))
    assert isinstance(err, ZeroDivisionError) and len(sent) == 1 and sent[0]["status"] == 200


def test_asgi_head_and_other_scopes() -> None:
    sent, _ = run_asgi(asgi.LocalizedErrors(asgi_app(404, [], b"")), method="HEAD")
    assert sent[1]["body"] == b"" and int(asgi_header(sent[0], b"content-length") or 0) > 100

    seen = []

    async def ws(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])
        await send({"type": "websocket.close"})

    sent, _ = run_asgi(asgi.LocalizedErrors(ws), scope_type="websocket")
    assert seen == ["websocket"] and sent == [{"type": "websocket.close"}]


def test_callable_template_called_per_response_and_pages_memo() -> None:
    calls = []

    def tpl(values: Any) -> str:
        calls.append(values["lang"])
        return f"<p>{len(calls)}</p>"

    mw = wsgi.LocalizedErrors(simple("404 Not Found"), template=tpl)
    assert call(mw, environ())[1] == b"<p>1</p>" and call(mw, environ())[1] == b"<p>2</p>"
    mw = wsgi.LocalizedErrors(simple("503 Service Unavailable", [("Retry-After", "60")]))
    first = call(mw, environ(Accept_Language="fr", Accept="text/plain"))[1]
    assert first == call(mw, environ(Accept_Language="fr", Accept="text/plain"))[1]
    assert call(mw, environ(Accept_Language="ja", Accept="text/plain"))[1] != first


def test_starlette_add_middleware_in_process() -> None:
    pytest.importorskip("starlette")
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.responses import PlainTextResponse

    httpx = pytest.importorskip("httpx")

    async def boom(request: Any) -> Any:
        raise RuntimeError("x")

    async def ok(request: Any) -> Any:
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/boom", boom), Route("/ok", ok)])
    app.add_middleware(asgi.LocalizedErrors, languages=("en", "fr"))

    async def go() -> list[Any]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            return [await c.get("/boom", headers={"Accept-Language": "fr", "Accept": "text/plain"}),
                    await c.get("/nowhere", headers={"Accept-Language": "ja"}), await c.get("/ok")]

    boom_resp, missing, ok_resp = asyncio.run(go())
    assert boom_resp.status_code == 500 and boom_resp.headers["content-language"] == "fr"
    assert boom_resp.text.startswith("500 " + str(localized(500, "fr")))
    assert missing.headers["content-language"] == "en" and ok_resp.text == "ok"
