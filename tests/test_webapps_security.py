"""LocalizedErrors and hostile input: reflected text is escaped, big headers cost bounded time."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from httpi18n import negotiation, wsgi
from httpi18n import asgi as asgi_mw

EVIL = "/<script>alert('x')</script>\"&\u2028\n</p><img src=x onerror=alert(1)>"


def reflect_path(status: int, environ: dict[str, Any], lang: str) -> str:
    """A message hook that echoes the (attacker-controlled) path, as apps like to do."""
    path = environ["PATH_INFO"] if "PATH_INFO" in environ else environ["path"]
    return f"Nothing at {path}"


def not_found(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("404 Not Found", [])
    return []


def wsgi_get(app: Any, path: str = "/", **headers: str) -> tuple[str, list[tuple[str, str]], bytes]:
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "t", "SERVER_PORT": "80",
           "wsgi.url_scheme": "http"}
    env.update({"HTTP_" + k.upper(): v for k, v in headers.items()})
    got: dict[str, Any] = {}

    def start_response(status: str, hdrs: list[tuple[str, str]], exc_info: Any = None) -> Any:
        got["status"], got["headers"] = status, hdrs
        return lambda b: None

    body = b"".join(app(env, start_response))
    return got["status"], got["headers"], body


def test_reflected_path_escaped_in_html() -> None:
    app = wsgi.LocalizedErrors(not_found, message=reflect_path)
    for lang in ("en", "ja", "fr", "zh-CN"):
        _, headers, body = wsgi_get(app, EVIL, Accept_Language=lang)
        html = body.decode()
        assert "<script>" not in html and "<img" not in html and "'x'" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        assert ("X-Content-Type-Options", "nosniff") in headers


def test_reflected_path_valid_json_and_plain_text() -> None:
    app = wsgi.LocalizedErrors(not_found, message=reflect_path)
    _, headers, body = wsgi_get(app, EVIL, Accept="application/problem+json", Accept_Language="ja")
    data = json.loads(body)
    assert EVIL in data["detail"] and data["title"] and data["status"] == 404
    _, headers, body = wsgi_get(app, EVIL, Accept="text/plain")
    assert dict(headers)["Content-Type"] == "text/plain; charset=utf-8"
    assert EVIL in body.decode()  # plain text is not markup; nosniff keeps browsers from guessing


def test_reflected_path_through_flask() -> None:
    flask = pytest.importorskip("flask")
    from werkzeug.test import Client

    app = flask.Flask("security")
    app.wsgi_app = wsgi.LocalizedErrors(app.wsgi_app, message=reflect_path)  # type: ignore[method-assign]
    resp = Client(app).get("/%3Cscript%3Ealert(1)%3C/script%3E", headers={"Accept-Language": "fr"})
    assert resp.status_code == 404
    assert b"<script>" not in resp.data and b"&lt;script&gt;alert(1)&lt;/script&gt;" in resp.data


def test_reflected_path_through_asgi() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": EVIL,
             "headers": [(b"accept", b"application/problem+json")]}
    asyncio.run(asgi_mw.LocalizedErrors(app, message=reflect_path)(scope, None, send))  # type: ignore[arg-type]
    assert EVIL in json.loads(sent[1]["body"])["detail"]


HOSTILE = {
    "commas": "," * 100_000,
    "ranges": ("fr-ch-x-" + "a" * 8 + ";q=0.5,") * 5_000,
    "q-params": "fr" + ";q=0.5" * 16_000,
    "one-long-tag": "x" * 100_000,
    "media-ranges": "text/html;level=1;q=0.1," * 4_000,
    "wildcards": "*/*;q=0.001," * 8_000 + "*;q=0",
    "binary-ish": ("\x7f\x00\u00e9" * 34_000),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_huge_hostile_headers_bounded_time(kind: str) -> None:
    value = HOSTILE[kind]
    assert len(value) >= 95_000
    app = wsgi.LocalizedErrors(not_found)
    wsgi_get(app, "/", Accept_Language="ja", Accept="text/html")  # warm the catalogs
    start = time.perf_counter()
    for i in range(5):  # distinct values: no memo can help
        status, headers, body = wsgi_get(app, "/", Accept_Language=value + "," * i, Accept=value + ";" * i)
    elapsed = time.perf_counter() - start
    assert status.startswith("404") and body
    assert elapsed < 2.5, f"{kind}: 5 requests with 100 kB headers took {elapsed:.2f}s"


def test_negotiation_memo_does_not_keep_huge_headers() -> None:
    app = wsgi.LocalizedErrors(not_found)
    negotiation._cache.clear()
    for i in range(20):
        wsgi_get(app, "/", Accept_Language="fr," * 30_000 + str(i))
    assert all(len(k[0]) <= negotiation.MAX_HEADER_LENGTH + 1 for k in negotiation._cache)


def test_hostile_retry_after_from_the_app() -> None:
    for value in ("9" * 100_000, "Mon, 01 Jan 99999999 00:00:00 GMT", "-1", "1e9", "\x00"):
        def app(environ: Any, start_response: Any, value: str = value) -> list[bytes]:
            start_response("503 Service Unavailable", [("Retry-After", value)])
            return []

        start = time.perf_counter()
        _, headers, body = wsgi_get(wsgi.LocalizedErrors(app), "/", Accept="text/plain")
        assert time.perf_counter() - start < 1.0
        assert "try again in" not in body.decode()
