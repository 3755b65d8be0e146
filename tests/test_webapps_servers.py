"""LocalizedErrors behind real frameworks and servers: Flask + waitress, Starlette + uvicorn
over loopback, and Django (test client, WSGI and ASGI)."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from httpi18n import defaults, localized

httpx = pytest.importorskip("httpx")

LANGS = [  # Accept-Language → catalog, BCP 47 tag
    ("ja", "ja", "ja"),
    ("fr-CA", "fr", "fr"),
    ("zh-Hans-CN", "zh_CN", "zh-CN"),
    ("sw", "en", "en"),
    ("*;q=abc, fr-;;x, 12345,,;", "en", "en"),
    ("sw-KE, fr;q=0.5, ja;q=0.7", "ja", "ja"),
]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


def assert_page(resp: Any, status: int, catalog: str, tag: str, fmt: str = "html") -> None:
    """The response is the localized error page of *status* in *catalog* and *fmt*."""
    assert resp.status_code == status
    assert resp.headers["content-language"] == tag
    assert int(resp.headers["content-length"]) == len(resp.content)
    vary = [v.strip().lower() for v in resp.headers["vary"].split(",")]
    assert "accept" in vary and "accept-language" in vary
    phrase = str(localized(status, catalog))
    if fmt == "html":
        assert resp.headers["content-type"] == "text/html; charset=utf-8"
        assert f'<html lang="{tag}">' in resp.text and f"<h1>{phrase}</h1>" in resp.text
    elif fmt == "json":
        assert resp.headers["content-type"] == "application/problem+json"
        data = json.loads(resp.content)
        assert data["title"] == phrase and data["status"] == status and data["type"] == "about:blank"
    else:
        assert resp.headers["content-type"] == "text/plain; charset=utf-8"
        assert resp.text.startswith(f"{status} {phrase}\n")


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


# --- Flask behind waitress -----------------------------------------------------------


def flask_app() -> Any:
    from flask import Flask, Response, abort
    from werkzeug.exceptions import ServiceUnavailable, Unauthorized
    from werkzeug.datastructures import WWWAuthenticate

    from httpi18n.wsgi import LocalizedErrors

    app = Flask("webapps")

    @app.get("/ok")
    def ok() -> str:
        return "hello"

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("boom")

    @app.post("/only-post")
    def only_post() -> str:
        return "posted"

    @app.get("/maintenance")
    def maintenance() -> str:
        raise ServiceUnavailable(retry_after=120)

    @app.get("/login")
    def login() -> str:
        raise Unauthorized(www_authenticate=WWWAuthenticate("basic", {"realm": "staff"}))

    @app.get("/custom")
    def custom() -> str:
        abort(404, description="No such user")

    @app.get("/cookie")
    def cookie() -> Response:
        resp = Response(status=403)
        resp.set_cookie("seen", "1")
        return resp

    @app.get("/stream")
    def stream() -> Response:
        return Response((b"chunk%d\n" % i for i in range(3)), mimetype="text/plain")

    app.wsgi_app = LocalizedErrors(app.wsgi_app)  # type: ignore[method-assign]
    return app


@pytest.fixture(scope="module")
def flask_url() -> Iterator[str]:
    waitress = pytest.importorskip("waitress.server")
    server = waitress.create_server(flask_app(), host="127.0.0.1", port=0, threads=4,
                                    clear_untrusted_proxy_headers=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with httpx.Client(trust_env=False, timeout=10) as c:
        yield c


@pytest.mark.parametrize(("accept_language", "catalog", "tag"), LANGS)
def test_flask_404_languages(flask_url: str, client: Any, accept_language: str, catalog: str, tag: str) -> None:
    resp = client.get(flask_url + "/nowhere", headers={"Accept-Language": accept_language, "Accept": BROWSER_ACCEPT})
    assert_page(resp, 404, catalog, tag)


@pytest.mark.parametrize(("accept", "fmt"), [("application/problem+json", "json"), ("application/json", "json"),
                                             ("text/plain", "text"), ("*/*", "html"), ("", "html")])
def test_flask_formats(flask_url: str, client: Any, accept: str, fmt: str) -> None:
    resp = client.get(flask_url + "/nowhere", headers={"Accept-Language": "fr", "Accept": accept})
    assert_page(resp, 404, "fr", "fr", fmt)


def test_flask_exception_405_401_cookie(flask_url: str, client: Any) -> None:
    assert_page(client.get(flask_url + "/boom", headers={"Accept-Language": "ja"}), 500, "ja", "ja")
    resp = client.get(flask_url + "/only-post", headers={"Accept-Language": "zh-CN", "Accept": "text/plain"})
    assert_page(resp, 405, "zh_CN", "zh-CN", "text")
    assert {m.strip() for m in resp.headers["allow"].split(",")} == {"OPTIONS", "POST"}
    resp = client.get(flask_url + "/login", headers={"Accept-Language": "fr"})
    assert_page(resp, 401, "fr", "fr")
    assert resp.headers["www-authenticate"].replace('"', '') == "Basic realm=staff"
    resp = client.get(flask_url + "/cookie", headers={"Accept-Language": "ja"})
    assert_page(resp, 403, "ja", "ja")
    assert resp.cookies.get("seen") == "1"


def test_flask_retry_after(flask_url: str, client: Any) -> None:
    resp = client.get(flask_url + "/maintenance", headers={"Accept-Language": "fr-FR"})
    assert_page(resp, 503, "fr", "fr")
    assert resp.headers["retry-after"] == "120"
    assert "réessayer dans 2\u00a0minutes" in resp.text or "réessayer dans 2 minutes" in resp.text


def test_flask_untouched(flask_url: str, client: Any) -> None:
    resp = client.get(flask_url + "/ok", headers={"Accept-Language": "ja"})
    assert resp.status_code == 200 and resp.text == "hello" and "content-language" not in resp.headers
    assert "vary" not in resp.headers
    resp = client.get(flask_url + "/custom", headers={"Accept-Language": "ja"})
    assert resp.status_code == 404 and "No such user" in resp.text and "content-language" not in resp.headers
    resp = client.get(flask_url + "/stream")
    assert resp.text == "chunk0\nchunk1\nchunk2\n" and resp.headers.get("transfer-encoding") == "chunked"


def test_flask_head(flask_url: str, client: Any) -> None:
    get = client.get(flask_url + "/nowhere", headers={"Accept-Language": "ja"})
    head = client.head(flask_url + "/nowhere", headers={"Accept-Language": "ja"})
    assert head.status_code == 404 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert head.headers["content-language"] == "ja"


# --- Starlette behind uvicorn ----------------------------------------------------------

release_stream = threading.Event()


def starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
    from starlette.routing import Route

    from httpi18n.asgi import LocalizedErrors

    async def ok(request: Any) -> Any:
        return PlainTextResponse("hello")

    async def boom(request: Any) -> Any:
        raise RuntimeError("boom from starlette")

    async def maintenance(request: Any) -> Any:
        raise HTTPException(503, headers={"Retry-After": "120"})

    async def custom(request: Any) -> Any:
        raise HTTPException(404, detail="No such user")

    async def fastapi_style(request: Any) -> Any:
        return JSONResponse({"detail": "Not Found"}, status_code=404)

    async def slow_stream(request: Any) -> Any:
        async def gen() -> Any:
            yield b"first\n"
            for _ in range(100):  # wait for the client to have seen the first chunk
                if release_stream.is_set():
                    break
                await asyncio.sleep(0.05)
            yield b"second\n"

        return StreamingResponse(gen(), media_type="text/plain")

    routes = [
        Route("/ok", ok), Route("/boom", boom), Route("/maintenance", maintenance), Route("/custom", custom),
        Route("/fastapi", fastapi_style), Route("/stream", slow_stream), Route("/only-post", ok, methods=["POST"]),
    ]
    return LocalizedErrors(Starlette(routes=routes))


@pytest.fixture(scope="module")
def starlette_url() -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    sock = free_socket()
    config = uvicorn.Config(starlette_app(), log_config=None, lifespan="off", loop="asyncio", http="h11",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield "http://127.0.0.1:%d" % sock.getsockname()[1]
    server.should_exit = True
    thread.join(timeout=5)
    sock.close()


@pytest.mark.parametrize(("accept_language", "catalog", "tag"), LANGS)
def test_starlette_404_languages(starlette_url: str, client: Any, accept_language: str, catalog: str, tag: str) -> None:
    resp = client.get(starlette_url + "/nowhere", headers={"Accept-Language": accept_language})
    assert_page(resp, 404, catalog, tag)


@pytest.mark.parametrize(("accept", "fmt"), [("application/problem+json", "json"), ("text/plain", "text"),
                                             (BROWSER_ACCEPT, "html")])
def test_starlette_formats(starlette_url: str, client: Any, accept: str, fmt: str) -> None:
    resp = client.get(starlette_url + "/fastapi", headers={"Accept-Language": "ja-JP", "Accept": accept})
    assert_page(resp, 404, "ja", "ja", fmt)


def test_starlette_405_503(starlette_url: str, client: Any) -> None:
    resp = client.get(starlette_url + "/only-post", headers={"Accept-Language": "fr"})
    assert_page(resp, 405, "fr", "fr")
    assert resp.headers["allow"] == "POST"
    resp = client.get(starlette_url + "/maintenance", headers={"Accept-Language": "zh-Hans-CN", "Accept": "text/plain"})
    assert_page(resp, 503, "zh_CN", "zh-CN", "text")
    assert resp.headers["retry-after"] == "120" and "2分钟" in resp.text


def test_starlette_exception_page_and_server_log(starlette_url: str, client: Any,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        resp = client.get(starlette_url + "/boom", headers={"Accept-Language": "ja", "Accept": "application/problem+json"})
        assert_page(resp, 500, "ja", "ja", "json")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not any(
            r.exc_info and "boom from starlette" in str(r.exc_info[1]) for r in caplog.records
        ):
            time.sleep(0.02)
    assert any(r.name.startswith("uvicorn") and r.exc_info and "boom from starlette" in str(r.exc_info[1])
               for r in caplog.records), "the server did not log the exception"


def test_starlette_untouched_and_streaming(starlette_url: str, client: Any) -> None:
    resp = client.get(starlette_url + "/ok", headers={"Accept-Language": "ja"})
    assert resp.text == "hello" and "content-language" not in resp.headers
    resp = client.get(starlette_url + "/custom", headers={"Accept-Language": "ja"})
    assert resp.status_code == 404 and resp.text == "No such user"
    release_stream.clear()
    with client.stream("GET", starlette_url + "/stream") as resp:
        lines = resp.iter_lines()
        assert next(lines) == "first"  # arrived while the app still holds the second chunk
        release_stream.set()
        assert next(lines) == "second"


def test_starlette_head(starlette_url: str, client: Any) -> None:
    head = client.head(starlette_url + "/nowhere", headers={"Accept-Language": "fr"})
    get = client.get(starlette_url + "/nowhere", headers={"Accept-Language": "fr"})
    assert head.status_code == 404 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]


# --- Django ------------------------------------------------------------------------------


def _django_urls() -> list[Any]:
    from django.core.exceptions import PermissionDenied, SuspiciousOperation
    from django.http import HttpResponse, HttpResponseNotFound
    from django.urls import path
    from django.views.decorators.http import require_POST

    def ok(request: Any) -> Any:
        return HttpResponse("hi")

    def boom(request: Any) -> Any:
        raise RuntimeError("boom from django")

    def denied(request: Any) -> Any:
        raise PermissionDenied

    def bad(request: Any) -> Any:
        raise SuspiciousOperation("nope")

    def custom(request: Any) -> Any:
        return HttpResponseNotFound("<h1>No such user</h1>")

    return [
        path("ok/", ok), path("boom/", boom), path("denied/", denied), path("bad/", bad),
        path("custom/", custom), path("only-post/", require_POST(ok)),
    ]


urlpatterns: list[Any] = []


@pytest.fixture(scope="module")
def django_settings() -> Iterator[None]:
    pytest.importorskip("django")
    import django
    from django.conf import settings
    from django.test.utils import override_settings

    if not settings.configured:
        settings.configure(SECRET_KEY="webapps-test", INSTALLED_APPS=[], MIDDLEWARE=[], USE_I18N=False)
        django.setup()
    urlpatterns[:] = _django_urls()
    with override_settings(ROOT_URLCONF=__name__, DEBUG=False, ALLOWED_HOSTS=["testserver", "localhost"],
                           MIDDLEWARE=[], TEMPLATES=[]):
        yield


DJANGO_CASES = [("/nowhere/", 404), ("/boom/", 500), ("/denied/", 403), ("/bad/", 400), ("/only-post/", 405)]


def test_django_defaults_recognised_through_test_client(django_settings: None) -> None:
    from django.test import Client

    c = Client(raise_request_exception=False)
    logging.getLogger("django").setLevel(logging.CRITICAL)  # the 500/400/403 are expected here
    for path, status in DJANGO_CASES:
        resp = c.get(path)
        assert resp.status_code == status
        headers = [(k, v) for k, v in resp.items()]
        body = resp.content
        assert body == b"" or defaults.django_default(status, headers, body), (path, body)
        assert body == b"" or defaults.framework_default(status, headers, body)
    custom = c.get("/custom/")
    assert not defaults.framework_default(404, list(custom.items()), custom.content)


@pytest.mark.parametrize(("accept_language", "catalog", "tag"), LANGS[:4])
def test_django_wsgi(django_settings: None, accept_language: str, catalog: str, tag: str) -> None:
    from django.core.wsgi import get_wsgi_application
    from werkzeug.test import Client

    from httpi18n.wsgi import LocalizedErrors

    c = Client(LocalizedErrors(get_wsgi_application()))
    for path, status in DJANGO_CASES:
        resp = c.get(path, headers={"Accept-Language": accept_language})
        resp.status_code, resp.content = resp.status_code, resp.data
        assert_page(resp, status, catalog, tag)
        if status == 405:
            assert resp.headers["Allow"] == "POST"
    ok = c.get("/ok/", headers={"Accept-Language": accept_language})
    assert ok.data == b"hi" and "Content-Language" not in ok.headers
    custom = c.get("/custom/", headers={"Accept-Language": accept_language})
    assert custom.data == b"<h1>No such user</h1>"


def test_django_asgi(django_settings: None) -> None:
    from django.core.asgi import get_asgi_application

    from httpi18n.asgi import LocalizedErrors

    app = LocalizedErrors(get_asgi_application())

    async def go() -> list[Any]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            return [await c.get(p, headers={"Accept-Language": "ja", "Accept": "text/plain"}) for p, _ in DJANGO_CASES]

    for resp, (_, status) in zip(asyncio.run(go()), DJANGO_CASES):
        assert_page(resp, status, "ja", "ja", "text")
