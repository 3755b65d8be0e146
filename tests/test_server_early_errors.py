"""Errors found before the headers are parsed, in the visitor's language (issue 12, section 3).

A bad request line or header used to give CPython's English page whatever the
visitor asked for; now the ``Accept-Language`` line is read from what has
already arrived (bounded by the parser's own limits, never waiting), and the
page speaks that language; when it cannot be read, English as before.  Tested
with curl (a real client) and raw sockets (requests curl will not send).
"""

from __future__ import annotations

import html
import io
import shutil
import socket
import subprocess
import time
from typing import Any

import pytest

from httpi18n import _server_parse as parse
from httpi18n import server
from httpi18n.catalogs import translations
from httpi18n.localize import localized

from test_server_support import raw_exchange, running, split_response

CURL = shutil.which("curl")
needs_curl = pytest.mark.skipif(CURL is None, reason="curl is not installed")


class Handler(server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.send_error(404)


@pytest.fixture(scope="module")
def port() -> Any:
    with running(server.ThreadingHTTPServer, Handler) as httpd:
        yield httpd.server_address[1]


def curl(port: int, path: str, *headers: str) -> tuple[int, dict[str, str], str]:
    """``(status, {lower-cased name: value}, body)`` of a curl request with *headers*."""
    args = [CURL, "-sS", "--max-time", "10", "-D", "-", "-o", "-"]
    for header in headers:
        args += ["-H", header]
    done = subprocess.run([*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, timeout=30, check=True)
    status, fields, body = split_response(done.stdout)
    return int(status.split()[1]), fields, body.decode("utf-8")


def exchange(port: int, data: bytes) -> tuple[bytes, dict[str, str], str]:
    status, fields, body = split_response(raw_exchange(port, data))
    return status, fields, body.decode("utf-8")


def assert_page(fields: dict[str, str], body: str, code: int, lang: str) -> None:
    """A localized HTML page for *code* in catalog *lang*."""
    tag = lang.replace("_", "-")
    assert fields["content-language"] == tag
    assert fields["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{tag}"' in body
    assert f"<h1>{html.escape(localized(code, lang))}</h1>" in body


def assert_english_cpython_page(fields: dict[str, str], body: str) -> None:
    assert "content-language" not in fields
    assert body.startswith("<!DOCTYPE HTML>\n<html lang=\"en\">") and "Error response" in body


# -- with curl -----------------------------------------------------------------


@needs_curl
def test_curl_bad_header_french(port: int) -> None:
    """A French visitor whose client sends a malformed header line gets the French 400 page."""
    status, fields, body = curl(port, "/", "Accept-Language: fr-FR,fr;q=0.9,en;q=0.5", "Bad Name: x")
    assert status == 400
    assert_page(fields, body, 400, "fr")
    assert f"<p>{html.escape(translations('fr').gettext('Bad header'))}</p>" in body


@needs_curl
def test_curl_bad_header_before_accept_language(port: int) -> None:
    """Accept-Language after the bad line is read from what has already arrived."""
    status, fields, body = curl(port, "/", "Bad Name: x", "Accept-Language: fr")
    assert status == 400
    assert_page(fields, body, 400, "fr")


@needs_curl
def test_curl_414_japanese(port: int) -> None:
    status, fields, body = curl(port, "/" + "a" * 20000, "Accept-Language: ja")
    assert status == 414
    assert_page(fields, body, 414, "ja")
    assert html.escape(localized(414, "ja").description) in body


@needs_curl
def test_curl_garbage_accept_language_is_english(port: int) -> None:
    status, fields, body = curl(port, "/", "Accept-Language: fr<script>", "Bad Name: x")
    assert status == 400
    assert_english_cpython_page(fields, body)
    assert "<script>" not in body


@needs_curl
def test_curl_good_request_unchanged(port: int) -> None:
    """The good path still negotiates from the parsed headers."""
    status, fields, body = curl(port, "/", "Accept-Language: zh-TW")
    assert status == 404
    assert_page(fields, body, 404, "zh_TW")


# -- with raw sockets -------------------------------------------------------------


@pytest.mark.parametrize(
    "request_line, code, message",
    [
        (b"GET / HTTP/2.0", 505, None),
        (b"GET / / HTTP/1.1", 400, "Bad request syntax (%r)"),
        (b"G(T / HTTP/1.1", 400, "Bad request method (%r)"),
        (b"GET /a\x01b HTTP/1.1", 400, "Bad request target"),
        (b"GET /" + b"a" * 20000 + b" HTTP/1.1", 414, None),
        (b"M" * 100 + b" / HTTP/1.1", 501, "Method too long (%d bytes)"),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "ja", "zh_CN"])
def test_request_line_errors_localized(port: int, request_line: bytes, code: int, message: str | None,
                                       lang: str) -> None:
    tag = lang.replace("_", "-").encode()
    status, fields, body = exchange(port, request_line + b"\r\nHost: x\r\nAccept-Language: " + tag + b"\r\n\r\n")
    assert int(status.split()[1]) == code
    assert_page(fields, body, code, lang)
    if message is not None and "%" not in message:
        assert html.escape(translations(lang).gettext(message)) in body


@pytest.mark.parametrize("lang", ["fr", "ja"])
def test_bad_version_localized(port: int, lang: str) -> None:
    """A version that cannot be read is answered as HTTP/0.9 (a bare page, as in CPython), localized too."""
    data = raw_exchange(port, b"GET / HTTP/1.x\r\nAccept-Language: " + lang.encode() + b"\r\n\r\n").decode()
    assert data.startswith(f'<!DOCTYPE html>\n<html lang="{lang}"')
    assert html.escape(translations(lang).gettext("Bad request version (%r)") % "HTTP/1.x") in data


@pytest.mark.parametrize(
    "header_section, code, message",
    [
        (b"Host: x\r\nAccept-Language: ja\r\nBad Name: x\r\n", 400, "Bad header"),
        (b"Host: x\r\nBad Name: x\r\nAccept-Language: ja\r\n", 400, "Bad header"),
        (b"Host: x\r\nAccept-Language: ja\r\nX: a\x01b\r\n", 400, "Bad header"),
        (b"Accept-Language: ja\r\nX: " + b"a" * 70000 + b"\r\n", 431, "Line too long"),
        (b"Accept-Language: ja\r\n" + b"X: a\r\n" * 100, 431, "Too many headers"),
    ],
)
def test_header_errors_localized(port: int, header_section: bytes, code: int, message: str) -> None:
    status, fields, body = exchange(port, b"GET / HTTP/1.1\r\n" + header_section + b"\r\n")
    assert int(status.split()[1]) == code
    assert_page(fields, body, code, "ja")
    assert html.escape(translations("ja").gettext(message)) in body


def test_header_section_too_large_localized() -> None:
    class Small(Handler):
        max_header_bytes = 2000

    with running(server.ThreadingHTTPServer, Small) as httpd:
        data = b"GET / HTTP/1.1\r\nAccept-Language: fr\r\n" + b"X: " + b"a" * 100 + b"\r\n" * 1 + (
            b"Y: " + b"b" * 100 + b"\r\n") * 30 + b"\r\n"
        status, fields, body = exchange(httpd.server_address[1], data)
    assert int(status.split()[1]) == 431
    assert_page(fields, body, 431, "fr")


@pytest.mark.parametrize(
    "value",
    [b"fr<script>", b"fr;q=2", b"*;q=0.5x", b"fr-\xe9", b"", b"fr," * 400 + b"fr", b"toolonglanguage", b"fr ja"],
)
def test_garbage_accept_language_is_english(port: int, value: bytes) -> None:
    status, fields, body = exchange(port, b"GET / HTTP/9.9\r\nAccept-Language: " + value + b"\r\n\r\n")
    assert int(status.split()[1]) == 505
    assert_english_cpython_page(fields, body)


def test_first_accept_language_decides(port: int) -> None:
    """A second, valid line does not rescue a malformed first one (headers.get would take the first)."""
    _, fields, body = exchange(port, b"GET / HTTP/9.9\r\nAccept-Language: f?r\r\nAccept-Language: ja\r\n\r\n")
    assert_english_cpython_page(fields, body)


def test_malformed_accept_language_line_not_trusted(port: int) -> None:
    for line in (b"Accept-Language : fr", b"Accept-Language fr", b" Accept-Language: fr"):
        _, fields, body = exchange(port, b"GET / HTTP/9.9\r\n" + line + b"\r\n\r\n")
        assert_english_cpython_page(fields, body)


def test_folded_accept_language_not_trusted(port: int) -> None:
    _, fields, body = exchange(port, b"GET / HTTP/9.9\r\nAccept-Language: fr,\r\n ja\r\n\r\n")
    assert_english_cpython_page(fields, body)


def test_nothing_reflected_unescaped(port: int) -> None:
    """What the visitor sent appears escaped, in the localized page as in the English one."""
    for lang in (b"fr", b""):
        extra = b"Accept-Language: " + lang + b"\r\n" if lang else b""
        for request in (
            b"<script>alert(1)</script> / HTTP/1.1\r\n" + extra + b"\r\n",
            b"GET / HTTP/<b>1.1\r\n" + extra + b"\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\n" + extra + b"<img src=x onerror=alert(1)>: y\r\n\r\n",
        ):
            data = raw_exchange(port, request).decode()
            # the page only (a bad version gets a bare, HTTP/0.9 page; a status line is not HTML)
            body = data if data.startswith("<!DOCTYPE") else data.partition("\r\n\r\n")[2]
            assert "<script>" not in body and "<b>" not in body and "<img" not in body, request
            assert "&lt;" in body
            assert ('<html lang="fr"' in body) == bool(lang), request


def test_line_too_long_stays_english(port: int) -> None:
    """A request line over max_line is not read whole: where the headers start is unknown."""
    status, fields, body = exchange(port, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nAccept-Language: fr\r\n\r\n")
    assert int(status.split()[1]) == 414
    assert_english_cpython_page(fields, body)


def test_headers_beyond_limits_not_read() -> None:
    """The look-ahead stops at the parser's limits: a line count, a byte count."""

    class Few(Handler):
        max_headers = 3

    with running(server.ThreadingHTTPServer, Few) as httpd:
        port = httpd.server_address[1]
        far = b"GET / HTTP/9.9\r\nA: 1\r\nB: 2\r\nC: 3\r\nAccept-Language: fr\r\n\r\n"
        near = b"GET / HTTP/9.9\r\nA: 1\r\nB: 2\r\nAccept-Language: fr\r\n\r\n"
        assert_english_cpython_page(*exchange(port, far)[1:])
        assert_page(*exchange(port, near)[1:], 505, "fr")


def test_never_waits_for_more_bytes(port: int) -> None:
    """The error is sent at once even when the rest of the head never comes (no half-close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        start = time.monotonic()
        s.sendall(b"GET / HTTP/9.9\r\nAccept-Language: ja\r\nX-Slow: still coming")
        data = b""
        while b"</html>" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        elapsed = time.monotonic() - start
    _, fields, body = split_response(data)
    assert elapsed < 2.0
    assert_page(fields, body.decode(), 505, "ja")  # the whole Accept-Language line had arrived


def test_incomplete_accept_language_line_ignored(port: int) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET / HTTP/9.9\r\nAccept-Language: ja")
        data = b""
        while b"</html>" not in data:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    _, fields, body = split_response(data)
    assert_english_cpython_page(fields, body.decode())


def test_problem_json_not_assumed(port: int) -> None:
    """Only the language is read ahead: the early page is HTML."""
    _, fields, _ = exchange(port, b"GET / HTTP/9.9\r\nAccept: application/problem+json\r\nAccept-Language: fr\r\n\r\n")
    assert fields["content-type"] == "text/html; charset=utf-8"


# -- the parser's pieces ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, ok",
    [
        (b"fr", True), (b"fr-CH, fr;q=0.9, en;q=0.8, sw;q=0.7, *;q=0.5", True), (b"zh-Hant-TW", True),
        (b"ja;Q=1.000", True), (b", ,fr", True), (b"*", True),
        (b"", False), (b" , ", False), (b"fr;q=1.5", False), (b"fr;q=0.1234", False), (b"fr_FR", False),
        (b"x" * 9, False), (b"fr;level=1", False), (b"\xe9", False), (b"fr," * 400, False),
    ],
)
def test_valid_accept_language(value: bytes, ok: bool) -> None:
    assert (parse.valid_accept_language(value) is not None) is ok


def test_early_accept_language_uses_fields_first() -> None:
    fields = [[b"Host", b"x"], [b"ACCEPT-LANGUAGE", b"ja"]]
    assert parse.early_accept_language(fields, b"Accept-Language: fr\r\n\r\n") == "ja"
    assert parse.early_accept_language([], b"X: 1\r\nnot a field\r\nAccept-Language: fr\r\n\r\n") == "fr"
    assert parse.early_accept_language([], b"X: 1\r\n\r\nAccept-Language: fr\r\n") is None  # after the head
    assert parse.early_accept_language([], b"Accept-Language: fr\r\n", max_line=10) is None
    assert parse.early_accept_language([], b"X: 1\r\nAccept-Language: fr\r\n", max_bytes=10) is None


def test_head_error_keeps_what_was_read() -> None:
    data = b"Host: x\r\nAccept-Language: fr\r\nBad Name: 1\r\nAccept: */*\r\n\r\n"
    with pytest.raises(parse.BadHeader) as info:
        parse.read_head(io.BufferedReader(io.BytesIO(data)), dict)
    err = info.value
    assert [bytes(n) for n, _ in err.fields] == [b"Host", b"Accept-Language"]
    assert err.resumable and err.total == len(b"Host: x\r\nAccept-Language: fr\r\nBad Name: 1\r\n")
    assert str(err.explain) == "malformed header line b'Bad Name: 1'"
