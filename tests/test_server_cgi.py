"""CGIHTTPRequestHandler and ``--cgi`` in httpi18n.server, wherever the running Python's http.server has them."""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpi18n import server

from test_server_support import raw_exchange, running, split_response

HAS_CGI = hasattr(http.server, "CGIHTTPRequestHandler")
needs_cgi = pytest.mark.skipif(not HAS_CGI, reason="this Python's http.server has no CGIHTTPRequestHandler")
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="CGI scripts run with fork() in these tests")

SCRIPT = """#!{python}
import os, sys
body = sys.stdin.read(int(os.environ.get("CONTENT_LENGTH") or 0))
print("Content-Type: text/plain")
print()
print("method=" + os.environ["REQUEST_METHOD"])
print("query=" + os.environ["QUERY_STRING"])
print("path_info=" + os.environ["PATH_INFO"])
print("body=" + body)
print("server=" + os.environ["SERVER_SOFTWARE"])
"""


def test_cgi_handler_exists_where_the_stdlib_has_it() -> None:
    assert hasattr(server, "CGIHTTPRequestHandler") is HAS_CGI
    assert ("CGIHTTPRequestHandler" in server.__all__) is HAS_CGI


@needs_cgi
def test_cgi_handler_is_built_on_ours() -> None:
    cls = server.CGIHTTPRequestHandler
    assert issubclass(cls, server.SimpleHTTPRequestHandler)
    assert cls.__module__ == "httpi18n.server"
    assert cls.cgi_directories == http.server.CGIHTTPRequestHandler.cgi_directories
    assert cls.cgi_directories is not http.server.CGIHTTPRequestHandler.cgi_directories
    assert cls.rbufsize == 0 and cls.have_fork == hasattr(os, "fork")
    # The standard library's code, running with our globals.
    assert cls.run_cgi.__code__ is http.server.CGIHTTPRequestHandler.run_cgi.__code__
    assert cls.run_cgi.__globals__ is vars(server)


class _Cgi(server.CGIHTTPRequestHandler if HAS_CGI else server.SimpleHTTPRequestHandler):  # type: ignore[misc]
    def log_message(self, *args: Any) -> None:
        pass


def _build(root: Path) -> None:
    cgi_bin = root / "cgi-bin"
    cgi_bin.mkdir()
    script = cgi_bin / "echo.py"
    script.write_text(SCRIPT.format(python=sys.executable), encoding="utf-8")
    script.chmod(0o755)
    plain = cgi_bin / "plain.txt"
    plain.write_text("not executable\n", encoding="utf-8")
    plain.chmod(0o644)
    (root / "index.txt").write_text("a plain file\n", encoding="utf-8")


def _cgi_response(data: bytes) -> tuple[str, str, str]:
    """``(status line, the script's own header lines, the script's body)``: the server writes
    the status, ``Server`` and ``Date`` lines (CRLF), the script the rest (its own line ends)."""
    text = data.decode()
    status, _, rest = text.partition("\r\n")
    script_head, _, body = rest.partition("\n\n")
    return status, script_head, body


@pytest.fixture
def cgi_server(tmp_path: Path) -> Any:
    _build(tmp_path)

    class Handler(_Cgi):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # the deprecation, and fork() in threads
                super().__init__(*args, directory=str(tmp_path), **kwargs)

    # Scripts run as the current user: as root, CPython's CGI would switch to nobody, who
    # cannot reach a private temporary directory (why CPython's own CGI tests skip as root).
    # Patching the name on httpi18n.server must reach the CGI code, as on http.server.
    with mock.patch.object(server, "nobody_uid", os.getuid), running(server.HTTPServer, Handler) as httpd:
        yield httpd.server_address[1]


@needs_cgi
@needs_fork
def test_cgi_get_with_query_and_path_info(cgi_server: int) -> None:
    data = raw_exchange(cgi_server, b"GET /cgi-bin/echo.py/extra/path?a=1&b=2 HTTP/1.0\r\n\r\n")
    status, _, text = _cgi_response(data)
    assert status == "HTTP/1.0 200 Script output follows"
    assert "method=GET" in text and "query=a=1&b=2" in text and "path_info=/extra/path" in text
    assert "server=SimpleHTTP/" in text


@needs_cgi
@needs_fork
def test_cgi_post_body_reaches_the_script(cgi_server: int) -> None:
    payload = b"x=hello+world"
    request = (b"POST /cgi-bin/echo.py HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(payload), payload))
    status, script_head, text = _cgi_response(raw_exchange(cgi_server, request, half_close=False))
    assert status == "HTTP/1.0 200 Script output follows"
    assert "Content-Type: text/plain" in script_head
    assert "method=POST" in text and "body=x=hello+world" in text


@needs_cgi
def test_cgi_errors_and_plain_files(cgi_server: int) -> None:
    status, headers, body = split_response(
        raw_exchange(cgi_server, b"GET /cgi-bin/nothing.py HTTP/1.0\r\nAccept-Language: fr\r\n\r\n"))
    assert status.startswith(b"HTTP/1.0 404")
    assert headers["content-language"] == "fr"  # our localized page, with the stdlib's message
    assert b"No such CGI script" in body
    status, _, _ = split_response(raw_exchange(cgi_server, b"GET /cgi-bin/plain.txt HTTP/1.0\r\n\r\n"))
    assert status.startswith(b"HTTP/1.0 403")
    status, _, body = split_response(raw_exchange(cgi_server, b"GET /index.txt HTTP/1.0\r\n\r\n"))
    assert status == b"HTTP/1.0 200 OK" and body == b"a plain file\n"
    status, _, _ = split_response(raw_exchange(cgi_server, b"POST /index.txt HTTP/1.0\r\nContent-Length: 0\r\n\r\n"))
    assert status.startswith(b"HTTP/1.0 501")


@needs_cgi
@pytest.mark.skipif(sys.version_info < (3, 13), reason="deprecated from Python 3.13 on")
def test_deprecation_warning_is_the_stdlib_one() -> None:
    def make(cls: type) -> warnings.WarningMessage:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                cls(None, ("127.0.0.1", 0), None)
            except Exception:
                pass  # no socket: only the warning matters
        deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
        assert deprecations
        return deprecations[0]

    ours, theirs = make(server.CGIHTTPRequestHandler), make(http.server.CGIHTTPRequestHandler)
    assert str(ours.message) == str(theirs.message)
    assert "http.server.CGIHTTPRequestHandler" in str(ours.message)


@needs_cgi
@pytest.mark.skipif(sys.version_info >= (3, 13), reason="deprecated from Python 3.13 on")
def test_no_deprecation_before_3_13() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        try:
            server.CGIHTTPRequestHandler(None, ("127.0.0.1", 0), None)
        except DeprecationWarning:  # pragma: no cover - the failure this test exists for
            raise
        except Exception:
            pass


_SEGMENTS = st.sampled_from(["", ".", "..", "a", "b", "cgi-bin", "%2e%2e", "%2F", "x y", "?", "?q=1", "/"])


@needs_cgi
@settings(max_examples=400, deadline=None)
@given(st.lists(_SEGMENTS, max_size=8).map("/".join))
def test_url_collapse_path_matches_the_stdlib(path: str) -> None:
    def outcome(func: Any) -> Any:
        try:
            return func(path)
        except Exception as exc:
            return type(exc)

    assert outcome(server._url_collapse_path) == outcome(http.server._url_collapse_path)  # type: ignore[attr-defined]


@needs_cgi
def test_helpers_match_the_stdlib(tmp_path: Path) -> None:
    assert server.nobody_uid() == http.server.nobody_uid()  # type: ignore[attr-defined]
    assert server.nobody == server.nobody_uid()
    script = tmp_path / "s"
    script.write_text("")
    for mode in (0o644, 0o755):
        script.chmod(mode)
        assert server.executable(str(script)) == http.server.executable(str(script))  # type: ignore[attr-defined]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_help_lists_cgi_where_available() -> None:
    out = subprocess.run([sys.executable, "-m", "httpi18n.server", "--help"], capture_output=True, text=True,
                         timeout=30, check=True).stdout
    assert ("--cgi" in out) is HAS_CGI


@needs_cgi
@needs_fork
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="as root the CLI's CGI scripts run as nobody, who cannot reach the test's files")
def test_cli_cgi_runs_scripts(tmp_path: Path) -> None:  # pragma: no cover - not as root
    _run_cli_cgi(tmp_path)


@needs_cgi
@needs_fork
def test_cli_cgi_runs_scripts_as_this_user(tmp_path: Path) -> None:
    """``--cgi`` as the command line runs it; scripts stay with this user (see the fixture's comment)."""
    _run_cli_cgi(tmp_path, stay_this_user=True)


def _run_cli_cgi(root: Path, stay_this_user: bool = False) -> None:
    _build(root)
    port = _free_port()
    args = ["--cgi", "-b", "127.0.0.1", "-d", str(root), str(port)]
    if stay_this_user:
        code = "import os, sys, httpi18n.server as s\ns.nobody_uid = os.getuid\ns._main(sys.argv[1:])\n"
        command = [sys.executable, "-c", code, *args]
    else:
        command = [sys.executable, "-m", "httpi18n.server", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                data = raw_exchange(port, b"GET /cgi-bin/echo.py?via=cli HTTP/1.0\r\n\r\n")
                break
            except OSError:
                assert time.monotonic() < deadline, proc.stderr.read() if proc.poll() is not None else "no answer"
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    status, _, text = _cgi_response(data)
    assert status == "HTTP/1.0 200 Script output follows"
    assert "query=via=cli" in text
