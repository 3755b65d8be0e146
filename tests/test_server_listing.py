"""Directory listings of httpi18n.server with the error pages' look (issue 12, section 5).

A visitor who names a language gets a styled listing in that language (the
error pages' style sheet, dark mode included, ``lang`` and ``dir``); a request
without ``Accept-Language`` keeps CPython's listing byte for byte.  Hostile
file names (markup, quotes, bytes the file system encoding cannot decode) are
escaped and still reachable.  The last tests look at a listing in Chromium.
"""

from __future__ import annotations

import html
import http.client
import http.server
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from httpi18n import server
from httpi18n.catalogs import translations
from httpi18n.errorpages import _STYLE

from test_server_support import running

#: File names that must come out escaped.
HOSTILE = ["<script>alert(1)<", 'say "hi".txt', "it's.txt", "x\"><img src=x onerror=alert(1)>", "a&b.txt"]
UNDECODABLE = b"caf\xe9.txt"  # Latin-1 bytes: not UTF-8


class Quiet:
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    for name in HOSTILE:
        (tmp_path / name).write_bytes(b"hostile")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_bytes(b"inner")
    (tmp_path / "empty").mkdir()
    (tmp_path / "résumé.txt").write_bytes(b"accents")
    if sys.platform != "win32" and sys.getfilesystemencoding() == "utf-8":
        with open(os.path.join(os.fsencode(tmp_path), UNDECODABLE), "wb") as f:
            f.write(b"undecodable")
    try:
        (tmp_path / "link").symlink_to("sub")
    except OSError:
        pass
    return tmp_path


def serve(directory: Path, base: Any = server.SimpleHTTPRequestHandler, httpd: Any = server.ThreadingHTTPServer) -> Any:
    class Files(Quiet, base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=os.fspath(directory), **kwargs)

    return running(httpd, Files)


def get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> tuple[Any, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        res = conn.getresponse()
        return res, res.read()
    finally:
        conn.close()


LANGS = [("en", "en"), ("fr-FR", "fr"), ("ja", "ja"), ("zh-CN", "zh_CN"), ("zh-TW", "zh_TW")]


@pytest.mark.parametrize("accept_language, lang", LANGS)
def test_styled_listing(tree: Path, accept_language: str, lang: str) -> None:
    tag = lang.replace("_", "-")
    with serve(tree) as httpd:
        res, body = get(httpd.server_address[1], "/", {"Accept-Language": accept_language})
    text = body.decode("utf-8")  # valid UTF-8 whatever the names
    assert res.status == 200
    assert res.getheader("Content-Type") == "text/html; charset=utf-8"
    assert res.getheader("Content-Language") == tag
    assert "Accept-Language" in res.getheader("Vary")
    assert int(res.getheader("Content-Length")) == len(body)
    assert text.startswith(f'<!DOCTYPE html>\n<html lang="{tag}" dir="ltr">\n')
    assert _STYLE in text  # the error pages' own style sheet, dark mode included
    assert "prefers-color-scheme:dark" in text
    title = translations(lang).gettext("Directory listing for %(path)s")
    assert f"<title>{html.escape(title % {'path': '/'})}</title>" in text
    assert f"<h1>{html.escape(title) % {'path': '<bdi>/</bdi>'}}</h1>" in text
    assert '<body class="listing">' in text and "<main>" in text
    assert '<li class="dir"><a href="sub/" dir="auto">sub/</a></li>' in text
    assert '<a href="r%C3%A9sum%C3%A9.txt" dir="auto">résumé.txt</a>' in text


def test_names_escaped(tree: Path) -> None:
    with serve(tree) as httpd:
        _, body = get(httpd.server_address[1], "/", {"Accept-Language": "fr"})
    text = body.decode("utf-8")
    links = re.findall(r'<li(?: class="dir")?><a href="([^"<>]*)" dir="auto">([^<>]*)</a></li>', text)
    shown = {html.unescape(name) for _, name in links}
    assert set(HOSTILE) <= shown  # every hostile name shown, as text
    for markup in ("<script", "<img", 'say "hi"', "it's"):
        assert markup not in text
    assert "&lt;script&gt;alert(1)&lt;" in text and "say &quot;hi&quot;.txt" in text and "it&#x27;s.txt" in text
    # every link is a relative path: no scheme, no quote or bracket to break out of the attribute
    for href, _ in links:
        assert ":" not in href and '"' not in href and "<" not in href


@pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8",
                    reason="needs a UTF-8 POSIX file system encoding to hold an undecodable name")
def test_undecodable_name(tree: Path) -> None:
    with serve(tree) as httpd:
        port = httpd.server_address[1]
        _, body = get(port, "/", {"Accept-Language": "ja"})
        text = body.decode("utf-8")  # the page stays valid UTF-8
        match = re.search(r'<a href="([^"]*)" dir="auto">caf\ufffd.txt</a>', text)
        assert match, "the name is shown with U+FFFD for the byte that cannot be decoded"
        res, content = get(port, "/" + match[1])
    assert (res.status, content) == (200, b"undecodable")  # and its link still reaches it


def test_links_reach_the_files(tree: Path) -> None:
    with serve(tree) as httpd:
        port = httpd.server_address[1]
        _, body = get(port, "/", {"Accept-Language": "fr"})
        for href, name in re.findall(r'<a href="([^"]*)" dir="auto">([^<]*)</a>', body.decode()):
            name = html.unescape(name)
            if name in HOSTILE:
                res, content = get(port, "/" + href)
                assert (res.status, content) == (200, b"hostile"), name


def test_symlink_and_subdirectory(tree: Path) -> None:
    if not (tree / "link").is_symlink():
        pytest.skip("no symlinks here")
    with serve(tree) as httpd:
        port = httpd.server_address[1]
        _, body = get(port, "/", {"Accept-Language": "ja"})
        _, inner = get(port, "/sub/", {"Accept-Language": "ja"})
    assert '<li class="dir"><a href="link/" dir="auto">link@</a></li>' in body.decode()
    title = translations("ja").gettext("Directory listing for %(path)s")
    assert f"<h1>{html.escape(title) % {'path': '<bdi>/sub/</bdi>'}}</h1>" in inner.decode()
    assert 'href="inner.txt"' in inner.decode()


def test_path_in_title_escaped(tree: Path) -> None:
    with serve(tree) as httpd:
        _, body = get(httpd.server_address[1], "/empty/?q=%3Cscript%3E%22", {"Accept-Language": "fr"})
    text = body.decode()
    assert "<script" not in text
    assert "<bdi>/empty/?q=&lt;script&gt;&quot;</bdi>" in text or "<bdi>/empty/?q=&lt;script&gt;\"</bdi>" in text


@pytest.mark.parametrize("lang", ["fr", "ja", "zh_CN", "zh_TW"])
def test_empty_directory(tree: Path, lang: str) -> None:
    with serve(tree) as httpd:
        _, body = get(httpd.server_address[1], "/empty/", {"Accept-Language": lang.replace("_", "-")})
    text = body.decode()
    assert "<ul>" not in text
    assert f"<p>{html.escape(translations(lang).gettext('This directory is empty.'))}</p>" in text


def test_head_listing(tree: Path) -> None:
    with serve(tree) as httpd:
        port = httpd.server_address[1]
        _, full = get(port, "/", {"Accept-Language": "fr"})
        res, body = get(port, "/", {"Accept-Language": "fr"}, method="HEAD")
    assert body == b"" and int(res.getheader("Content-Length")) == len(full)


@pytest.mark.filterwarnings("ignore::httpi18n.catalogs.CatalogWarning")  # no catalog for a planned language: English words
def test_right_to_left_page(tree: Path) -> None:
    """A right-to-left catalog (Arabic is planned) mirrors the page; the path stays in one piece."""
    handler = server.SimpleHTTPRequestHandler.__new__(server.SimpleHTTPRequestHandler)
    text = handler._listing_page(os.fspath(tree), sorted(os.listdir(tree)), "/sub/", "ar").decode("utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n')
    assert re.search("<title>[^<]*\u2068/sub/\u2069[^<]*</title>", text)  # isolated in the plain-text title
    assert "<bdi>/sub/</bdi>" in text and '<a href="sub/" dir="auto">sub/</a>' in text


@pytest.mark.skipif(sys.version_info < (3, 11), reason="3.10's http.server writes an HTML 4.01 listing")
def test_without_accept_language_cpython_listing_byte_for_byte(tree: Path) -> None:
    """Scripts, and CPython's own tests, get exactly http.server's listing, hostile names included."""
    with serve(tree, http.server.SimpleHTTPRequestHandler, http.server.ThreadingHTTPServer) as ref:
        want_res, want = get(ref.server_address[1], "/")
    with serve(tree) as httpd:
        res, got = get(httpd.server_address[1], "/")
    assert got == want
    assert res.getheader("Content-Type") == want_res.getheader("Content-Type")
    assert res.getheader("Content-Language") is None


# -- in a browser -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("accept_language, lang", [("fr-FR", "fr"), ("ja-JP", "ja")])
def test_listing_in_chromium(tree: Path, scheme: str, accept_language: str, lang: str) -> None:
    """Rendered in Chromium, light and dark: the error pages' colours, the title visible, escaped names as text."""
    from test_webapps_browser import ARGS, CHROMIUM, SHOTS, _require_browser, png_size

    _require_browser()
    from playwright.sync_api import sync_playwright

    with serve(tree) as httpd, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": 800, "height": 600}, device_scale_factor=1,
                                          color_scheme=scheme, extra_http_headers={"Accept-Language": accept_language})
            page = context.new_page()
            response = page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
            assert response is not None and response.status == 200
            assert page.evaluate("document.documentElement.lang") == lang
            assert page.evaluate("document.documentElement.dir") == "ltr"
            title = translations(lang).gettext("Directory listing for %(path)s") % {"path": "/"}
            assert page.title() == title
            h1 = page.locator("h1")
            assert h1.is_visible() and h1.inner_text() == title
            colours = page.evaluate(
                "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
            )
            # the error pages' --bg and --fg (errorpages._STYLE): #fafafa/#1b1b1f light, #15151a/#ececf1 dark
            want = (["rgb(250, 250, 250)", "rgb(27, 27, 31)"] if scheme == "light"
                    else ["rgb(21, 21, 26)", "rgb(236, 236, 241)"])
            assert colours == want
            names = page.locator("main li a").all_inner_texts()
            assert "<script>alert(1)<" in names and 'say "hi".txt' in names
            assert page.evaluate("document.querySelectorAll('script, img').length") == 0
            SHOTS.mkdir(parents=True, exist_ok=True)
            shot = SHOTS / f"listing-{lang}-{scheme}.png"
            data = page.screenshot(path=str(shot), full_page=True)
            assert len(data) > 8_000, "a blank page compresses to almost nothing"
            assert png_size(data)[0] == 800
            context.close()
        finally:
            browser.close()
