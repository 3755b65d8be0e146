"""httpi18n.starlette against a real server: the documentation's FastAPI example under uvicorn."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from httpi18n import localized

from test_framework_common import (
    BROWSER, EXAMPLES, ZH_CATALOG, ZH_HEADER, Running, assert_page, fetch, serve,
)

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def api() -> Iterator[Running]:
    argv = ["-m", "uvicorn", "--host", "127.0.0.1", "--port", "0", "main:app"]
    with serve(argv, EXAMPLES / "fastapi") as running:
        yield running


@pytest.mark.parametrize(("header", "catalog"), [("ja", "ja"), ("fr-CA", "fr"), (ZH_HEADER, ZH_CATALOG),
                                                 ("sw", "en")])
def test_curl_gets_problem_json(api: Running, header: str, catalog: str) -> None:
    assert_page(fetch(api, "/items/7", headers={"Accept-Language": header, "Accept": "*/*"}), 404, catalog, "json")


def test_format_follows_accept(api: Running) -> None:
    assert_page(fetch(api, "/items/7", headers={"Accept-Language": "ja"}), 404, "ja", "json")  # no Accept
    assert_page(fetch(api, "/items/7", headers={"Accept-Language": "ja", "Accept": BROWSER}), 404, "ja", "html")
    assert_page(fetch(api, "/items/7", headers={"Accept-Language": "fr", "Accept": "text/plain"}), 404, "fr", "text")
    assert_page(fetch(api, "/nowhere", headers={"Accept-Language": "fr", "Accept": "*/*"}), 404, "fr", "json")


def test_custom_detail_kept(api: Running) -> None:
    reply = fetch(api, "/users/bob", headers={"Accept-Language": "fr", "Accept": "*/*"})
    assert_page(reply, 404, "fr", "json", message="There is no user with this name.")
    reply = fetch(api, "/users/bob", headers={"Accept-Language": "ja", "Accept": BROWSER})
    assert_page(reply, 404, "ja", "html", message="There is no user with this name.")


def test_validation_error_422(api: Running) -> None:
    body = json.dumps({"item": 1, "quantity": 0}).encode()
    for accept in ("*/*", BROWSER):  # problem+json even for a browser: the field errors are the point
        reply = fetch(api, "/orders", method="POST", body=body,
                      headers={"Content-Type": "application/json", "Accept-Language": ZH_HEADER, "Accept": accept})
        assert_page(reply, 422, ZH_CATALOG, "json")
        errors = reply.json()["errors"]
        assert isinstance(errors, list) and len(errors) == 1
        assert errors[0]["loc"] == ["body", "quantity"] and errors[0]["type"] == "greater_than"
    reply = fetch(api, "/items/abc", headers={"Accept-Language": "ja"})
    assert_page(reply, 422, "ja", "json")
    assert reply.json()["errors"][0]["loc"] == ["path", "number"]
    assert reply.json()["title"] == str(localized(422, "ja"))


def test_405_and_500_and_success(api: Running) -> None:
    reply = fetch(api, "/items/1", method="DELETE", headers={"Accept-Language": "fr"})
    assert_page(reply, 405, "fr", "json")
    assert reply.headers["Allow"] == "GET"
    reply = fetch(api, "/broken", headers={"Accept-Language": "ja", "Accept": "*/*"})
    assert_page(reply, 500, "ja", "json")
    deadline = time.monotonic() + 10
    while "RuntimeError: a bug" not in "".join(api.log) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "RuntimeError: a bug" in "".join(api.log)  # the exception still reaches uvicorn's log
    ok = fetch(api, "/items/1", headers={"Accept-Language": "ja"})
    assert ok.status == 200 and ok.json() == {"number": 1, "name": "teapot"}
    assert "Content-Language" not in ok.headers


# --- in-process: plain Starlette, options ------------------------------------------------


def test_plain_starlette_and_options() -> None:
    pytest.importorskip("httpx")
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import Request
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from httpi18n.errorpages import FORMATS
    from httpi18n.starlette import install

    async def gone(request: Request) -> None:
        raise HTTPException(410, headers={"Cache-Control": "no-store"})

    async def teapot(request: Request) -> None:
        raise HTTPException(418, detail="<b>short & stout</b>")

    app = Starlette(routes=[Route("/gone", gone), Route("/teapot", teapot)])
    install(app, formats=FORMATS, language=lambda request: request.query_params.get("lang"))
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/gone?lang=fr", headers={"Accept": "*/*", "Accept-Language": "ja"})
        assert r.status_code == 410 and r.headers["content-language"] == "fr"
        assert r.headers["content-type"] == "text/html; charset=utf-8"  # HTML first: */* → HTML
        assert r.headers["cache-control"] == "no-store"
        r = client.get("/teapot", headers={"Accept": "text/html", "Accept-Language": "ja"})
        assert r.status_code == 418 and "<p>&lt;b&gt;short &amp; stout&lt;/b&gt;</p>" in r.text
        assert r.headers["content-language"] == "ja"


def test_structured_detail_is_sent_as_fastapi_does() -> None:
    pytest.importorskip("httpx")
    from fastapi import FastAPI, HTTPException
    from fastapi.testclient import TestClient

    from httpi18n.starlette import install

    app = FastAPI()
    install(app)

    @app.get("/conflict")
    async def conflict() -> None:
        raise HTTPException(409, detail={"field": "name", "reason": "taken"})

    with TestClient(app) as client:
        r = client.get("/conflict", headers={"Accept-Language": "ja"})
        assert r.status_code == 409 and r.json() == {"detail": {"field": "name", "reason": "taken"}}
