"""httpi18n.flask against real servers: the documentation's example apps under waitress
(without and with Flask-Babel), and under ``flask run --debug`` for the debugger."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from httpi18n import _middleware, retry

#: The hint the middleware's settings put on a page (its own, or the one of httpi18n.retry).
retry_hint = getattr(_middleware, "retry_hint", None) or retry.retry_hint

from test_framework_common import (
    BROWSER, EXAMPLES, ZH_CATALOG, ZH_HEADER, Running, assert_page, fetch, serve, vary,
)

pytest.importorskip("flask")
pytest.importorskip("waitress")
pytestmark = pytest.mark.slow

APP_DIR = EXAMPLES / "flask"
FOOTER = '<p><a href="/">⌂ example.org</a></p>'  # templates/errors/page.html, extending the shipped one


def waitress(target: str) -> list[str]:
    return ["-m", "waitress", "--host=127.0.0.1", "--port=0", target]


@pytest.fixture(scope="module")
def site() -> Iterator[Running]:
    with serve(waitress("app:app"), APP_DIR) as running:
        yield running


@pytest.fixture(scope="module")
def babel_site() -> Iterator[Running]:
    pytest.importorskip("flask_babel")
    with serve(waitress("babel_app:app"), APP_DIR) as running:
        yield running


@pytest.mark.parametrize(("header", "catalog"), [("ja", "ja"), ("fr-CH, fr;q=0.9", "fr"),
                                                 (ZH_HEADER, ZH_CATALOG), ("sw", "en")])
def test_app_description_kept_in_every_language(site: Running, header: str, catalog: str) -> None:
    reply = fetch(site, "/users/5", headers={"Accept-Language": header, "Accept": BROWSER})
    assert_page(reply, 404, catalog, message="There is no user with this number.")
    assert FOOTER in reply.text


def test_default_description_replaced(site: Running) -> None:
    from werkzeug.exceptions import Forbidden

    reply = fetch(site, "/private", headers={"Accept-Language": "fr", "Accept": BROWSER})
    assert_page(reply, 403, "fr")
    assert str(Forbidden.description)[:40] not in reply.text
    reply = fetch(site, "/nowhere", headers={"Accept-Language": "ja", "Accept": BROWSER})
    assert_page(reply, 404, "ja")
    assert reply.text.count("<p>") == 3  # code label, description, footer: no extra message


def test_json_and_text_when_asked(site: Running) -> None:
    assert_page(fetch(site, "/nowhere", headers={"Accept-Language": "fr", "Accept": "application/json"}),
                404, "fr", "json")
    reply = fetch(site, "/users/9", headers={"Accept-Language": "ja", "Accept": "application/problem+json"})
    assert_page(reply, 404, "ja", "json", message="There is no user with this number.")
    reply = fetch(site, "/maintenance", headers={"Accept-Language": "fr", "Accept": "text/plain"})
    assert_page(reply, 503, "fr", "text")
    assert reply.headers["Retry-After"] == "120"
    hint = retry_hint("120", "fr")
    assert hint and hint in reply.text


def test_405_keeps_allow_and_500(site: Running) -> None:
    reply = fetch(site, "/", method="POST", headers={"Accept-Language": ZH_HEADER, "Accept": BROWSER})
    assert_page(reply, 405, ZH_CATALOG)
    assert set(reply.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}
    assert_page(fetch(site, "/broken", headers={"Accept-Language": "ja", "Accept": BROWSER}), 500, "ja")
    ok = fetch(site, "/", headers={"Accept-Language": "ja"})
    assert ok.status == 200 and ok.body == b"Welcome" and "Content-Language" not in ok.headers


def test_debug_mode_keeps_the_debugger() -> None:
    argv = ["-m", "flask", "--app", "app", "run", "--debug", "--no-reload", "--host", "127.0.0.1", "--port", "0"]
    with serve(argv, APP_DIR) as running:
        reply = fetch(running, "/broken", headers={"Accept-Language": "fr", "Accept": BROWSER})
        assert reply.status == 500
        assert "Werkzeug Debugger" in reply.text and "RuntimeError: a bug" in reply.text
        assert "Content-Language" not in reply.headers
        # HTTP errors are still localized in debug mode: only crashes belong to the debugger.
        assert_page(fetch(running, "/nowhere", headers={"Accept-Language": "ja", "Accept": BROWSER}), 404, "ja")


# --- Flask-Babel decides ---------------------------------------------------------------


def test_babel_selector_decides(babel_site: Running) -> None:
    reply = fetch(babel_site, "/private?lang=ja", headers={"Accept-Language": "fr", "Accept": BROWSER})
    assert_page(reply, 403, "ja")
    assert "cookie" in vary(reply)
    reply = fetch(babel_site, "/private", headers={"Accept-Language": "fr", "Cookie": f"lang={ZH_CATALOG}",
                                                   "Accept": BROWSER})
    assert_page(reply, 403, ZH_CATALOG)
    reply = fetch(babel_site, "/nowhere", headers={"Accept-Language": "fr;q=0.9, ja;q=0.5", "Accept": "*/*"})
    assert_page(reply, 404, "fr")  # the selector's best_match, HTML for */*


def test_babel_locale_without_catalog_falls_back_to_accept_language(babel_site: Running) -> None:
    reply = fetch(babel_site, "/nowhere?lang=sw", headers={"Accept-Language": "ja", "Accept": BROWSER})
    assert_page(reply, 404, "ja")


# --- in-process: the extension's options -------------------------------------------------


def test_init_app_options_and_precedence() -> None:
    from flask import Flask, Response, abort

    from httpi18n.flask import LocalizedErrors

    ext = LocalizedErrors(locale=lambda: "ja", template=None, languages=("en", "ja"))
    app = Flask("factory")
    ext.init_app(app)
    ext.init_app(app)  # twice is harmless

    @app.get("/teapot")
    def teapot() -> str:
        abort(Response("my own body", status=418))

    @app.get("/gone")
    def gone() -> str:
        abort(410)

    @app.errorhandler(409)
    def conflict(error: Exception) -> tuple[str, int]:
        return "the app's own handler", 409

    @app.get("/conflict")
    def conflict_view() -> str:
        abort(409)

    client = app.test_client()
    r = client.get("/gone", headers={"Accept-Language": "fr"})
    assert r.status_code == 410 and r.headers["Content-Language"] == "ja"  # the locale hook wins
    assert '<html lang="ja">' in r.get_data(as_text=True)  # template=None: the renderer's own page
    r = client.get("/teapot")
    assert r.status_code == 418 and r.get_data() == b"my own body"
    r = client.get("/conflict")
    assert r.status_code == 409 and r.get_data() == b"the app's own handler"
    assert app.extensions["httpi18n"] is ext


def test_broken_template_falls_back_to_the_built_in_page(caplog: pytest.LogCaptureFixture) -> None:
    from flask import Flask
    from jinja2 import DictLoader

    from httpi18n.flask import LocalizedErrors

    app = Flask("broken_template")
    app.jinja_loader = DictLoader({"oops.html": "{{ phrase | no_such_filter }}"})  # type: ignore[assignment]
    LocalizedErrors(app, template="oops.html")
    with caplog.at_level("ERROR"):
        r = app.test_client().get("/nowhere", headers={"Accept-Language": "fr"})
    assert r.status_code == 404 and r.headers["Content-Language"] == "fr"
    from httpi18n import localized

    assert f"<h1>{localized(404, 'fr')}</h1>" in r.get_data(as_text=True)
    assert "oops.html" in caplog.text
