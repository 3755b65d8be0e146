"""Localized error pages and directory listings of httpi18n.server."""

from __future__ import annotations

import html
import http.client
import http.server
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from httpi18n import server
from httpi18n.localize import localized

from test_server_support import running, split_response, raw_exchange


class Quiet:
    """Mix-in: no log on stderr."""

    def log_message(self, *args: Any) -> None:
        pass


class Handler(Quiet, server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        if self.path == "/custom":
            self.send_error(404, "<b>Gone & lost</b>", "Explained <script>x</script>")
        elif self.path == "/teapot":
            self.send_error(418)
        elif self.path == "/999":
            self.send_error(999)
        else:
            self.send_error(404)


class CPythonHandler(Quiet, http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    do_GET = Handler.do_GET


@pytest.fixture(scope="module")
def port() -> Any:
    with running(server.ThreadingHTTPServer, Handler) as httpd:
        yield httpd.server_address[1]


def get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> Any:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(method, path, headers=headers or {})
    res = conn.getresponse()
    body = res.read()
    conn.close()
    return res, body


#: Python 3.10's http.server still writes HTML 4.01 pages (doctype, no lang); httpi18n.server
#: writes the page of 3.11 and later on every Python.
OLD_HTML = pytest.mark.xfail(sys.version_info < (3, 11), strict=True,
                             reason="3.10's http.server writes HTML 4.01 pages; httpi18n writes 3.11+'s everywhere")


@OLD_HTML
@pytest.mark.parametrize("path", ["/", "/custom", "/teapot", "/999"])
def test_without_accept_language_matches_cpython(port: int, path: str) -> None:
    with running(http.server.ThreadingHTTPServer, CPythonHandler) as ref:
        want, want_body = get(ref.server_address[1], path)
    got, got_body = get(port, path)
    assert got_body == want_body
    assert (got.status, got.reason) == (want.status, want.reason)
    for name in ("Content-Type", "Content-Length", "Connection"):
        assert got.getheader(name) == want.getheader(name)
    assert got.getheader("Content-Language") is None


@pytest.mark.parametrize(
    "accept_language, lang, tag",
    [("ja", "ja", "ja"), ("fr-CA", "fr", "fr"), ("zh-Hans-CN", "zh_CN", "zh-CN"), ("sw, fr;q=0.5", "fr", "fr")],
)
def test_localized_html(port: int, accept_language: str, lang: str, tag: str) -> None:
    res, body = get(port, "/", {"Accept-Language": accept_language})
    assert res.status == 404
    assert res.reason == "Not Found"  # the status line stays English
    assert res.getheader("Content-Language") == tag
    assert "Accept-Language" in res.getheader("Vary")
    assert res.getheader("Content-Type") == "text/html; charset=utf-8"
    assert int(res.getheader("Content-Length")) == len(body)
    text = body.decode("utf-8")
    assert f'<html lang="{tag}">' in text
    phrase = localized(404, lang)
    assert phrase in text
    assert html.escape(phrase.description) in text


def test_wildcard_language_is_server_preference(port: int) -> None:
    res, _ = get(port, "/", {"Accept-Language": "*"})
    assert res.getheader("Content-Language") == "en"


def test_languages_attribute_limits_choice() -> None:
    class Limited(Handler):
        languages = ("en", "fr")

    with running(server.ThreadingHTTPServer, Limited) as httpd:
        res, _ = get(httpd.server_address[1], "/", {"Accept-Language": "ja, fr;q=0.1"})
    assert res.getheader("Content-Language") == "fr"


def test_problem_json(port: int) -> None:
    res, body = get(port, "/", {"Accept-Language": "fr", "Accept": "application/problem+json"})
    assert res.getheader("Content-Type") == "application/problem+json"
    doc = json.loads(body)
    assert doc["status"] == 404
    assert doc["title"] == localized(404, "fr")
    assert "Accept" in res.getheader("Vary")


def test_problem_json_without_accept_language_is_english(port: int) -> None:
    res, body = get(port, "/", {"Accept": "application/problem+json"})
    assert json.loads(body)["title"] == "Not Found"
    assert res.getheader("Content-Language") == "en"


def test_text_plain(port: int) -> None:
    res, body = get(port, "/teapot", {"Accept-Language": "ja", "Accept": "text/plain"})
    assert res.status == 418
    assert res.getheader("Content-Type").startswith("text/plain")
    assert body.decode().startswith("418 ")


def test_messages_escaped(port: int) -> None:
    for accept_language in ("ja", "fr", "zh-CN", "en"):
        _, body = get(port, "/custom", {"Accept-Language": accept_language})
        assert b"<script>" not in body and b"<b>" not in body
        assert b"&lt;b&gt;Gone &amp; lost&lt;/b&gt;" in body
    _, body = get(port, "/custom")
    assert b"<script>" not in body


def test_unknown_code_falls_back_to_cpython_page(port: int) -> None:
    res, body = get(port, "/999", {"Accept-Language": "ja"})
    assert res.status == 999
    assert b"Error code: 999" in body


def test_head_has_no_body(port: int) -> None:
    class H(Handler):
        do_HEAD = Handler.do_GET

    with running(server.ThreadingHTTPServer, H) as httpd:
        res, body = get(httpd.server_address[1], "/", {"Accept-Language": "ja"}, method="HEAD")
    assert body == b""
    assert int(res.getheader("Content-Length")) > 0


def test_builtin_messages_translated() -> None:
    """Our own call sites' messages (e.g. 'Unsupported method') follow the page language."""
    with running(server.ThreadingHTTPServer, Handler) as httpd:
        port = httpd.server_address[1]
        data = raw_exchange(port, b"BREW / HTTP/1.1\r\nHost: x\r\nAccept-Language: fr\r\n\r\n")
    status, headers, body = split_response(data)
    assert status == b"HTTP/1.1 501 Unsupported method ('BREW')"
    assert headers["content-language"] == "fr"
    from httpi18n.catalogs import translations

    expected = translations("fr").gettext("Unsupported method (%r)") % "BREW"
    assert expected.replace("'", "&#x27;").encode() in body


def test_custom_error_message_format_is_used_localized() -> None:
    class Custom(Handler):
        error_message_format = "<p lang=x>%(code)s|%(message)s|%(explain)s</p>"

    with running(server.ThreadingHTTPServer, Custom) as httpd:
        res, body = get(httpd.server_address[1], "/", {"Accept-Language": "fr"})
    text = localized(404, "fr")
    assert body.decode() == f"<p lang=x>404|{html.escape(text)}|{html.escape(text.description)}</p>"
    assert res.getheader("Content-Language") == "fr"


# -- directory listings ------------------------------------------------------


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    (tmp_path / "a<b>.txt").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    return tmp_path


def _listing_server(directory: Path) -> Any:
    class Files(Quiet, server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=os.fspath(directory), **kwargs)

    return running(server.ThreadingHTTPServer, Files)


@OLD_HTML
def test_listing_english_matches_cpython(tree: Path) -> None:
    class Ref(Quiet, http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=os.fspath(tree), **kwargs)

    with running(http.server.ThreadingHTTPServer, Ref) as ref:
        _, want = get(ref.server_address[1], "/")
    with _listing_server(tree) as httpd:
        res, got = get(httpd.server_address[1], "/")
    assert got == want
    assert res.getheader("Content-Language") is None


@pytest.mark.parametrize("accept_language, tag", [("ja", "ja"), ("fr-CA", "fr"), ("zh-Hans-CN", "zh-CN")])
def test_listing_localized(tree: Path, accept_language: str, tag: str) -> None:
    from httpi18n.catalogs import translations

    lang = tag.replace("-", "_")
    with _listing_server(tree) as httpd:
        res, body = get(httpd.server_address[1], "/", {"Accept-Language": accept_language})
    text = body.decode("utf-8")
    assert res.getheader("Content-Language") == tag
    assert f'<html lang="{tag}" dir="ltr">' in text
    title = translations(lang).gettext("Directory listing for %(path)s")
    assert f"<title>{title % {'path': '/'}}</title>" in text
    assert f"<h1>{title % {'path': '<bdi>/</bdi>'}}</h1>" in text
    assert "a&lt;b&gt;.txt" in text and "<b>" not in text
    assert re.search(r'href="sub/"', text)


def test_custom_error_content_type_kept_with_custom_format_localized() -> None:
    """A handler's own error format keeps its own error_content_type when the page is localized."""

    class JSONErrors(Handler):
        error_message_format = '{"code": %(code)d, "message": "%(message)s"}'
        error_content_type = "application/json"

    with running(server.ThreadingHTTPServer, JSONErrors) as httpd:
        port = httpd.server_address[1]
        plain, _ = get(port, "/")
        res, body = get(port, "/", {"Accept-Language": "fr"})
    assert plain.getheader("Content-Type") == "application/json"
    assert res.getheader("Content-Type") == "application/json"
    assert res.getheader("Content-Language") == "fr"
    assert json.loads(body)["message"] == html.escape(localized(404, "fr"))
