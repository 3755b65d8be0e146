"""httpi18n.server has http.server's module-level names, and is one namespace though split in files.

* every name of the running Python's ``http.server`` (public and private:
  functions, classes, constants, imported modules) exists in ours, with the
  same kind and meaning;
* the code of the private ``_server_*`` modules looks up its globals in
  ``httpi18n.server``, so ``mock.patch.object(server, name)`` reaches it;
* no module of the server is longer than about 800 lines.
"""

from __future__ import annotations

import http.server
import io
import os
import re
import socket
import types
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from httpi18n import _server_ns, server

from test_server_support import raw_exchange, running, split_response

SRC = Path(server.__file__).parent


def _stdlib_names() -> list[str]:
    return [n for n in dir(http.server) if not (n.startswith("__") and n.endswith("__"))]


@pytest.mark.parametrize("name", _stdlib_names())
def test_every_stdlib_name_exists_with_the_same_kind(name: str) -> None:
    theirs = getattr(http.server, name)
    assert hasattr(server, name), f"httpi18n.server lacks http.server.{name}"
    ours = getattr(server, name)
    if isinstance(theirs, types.ModuleType):
        assert ours is theirs  # the same module, so patching server.os patches what the code uses
    elif isinstance(theirs, type):
        assert isinstance(ours, type)
        if name != "HTTPStatus":  # ours is httpi18n.HTTPStatus, with the same members
            assert ours.__module__ == "httpi18n.server"
            # Same meaning: ours is a subclass of the same standard library bases.
            for base in theirs.__mro__:
                if base.__module__ not in ("http.server", "builtins"):
                    assert issubclass(ours, base), (name, base)
    elif callable(theirs):
        assert callable(ours)
        assert ours.__module__ == "httpi18n.server"
    elif name == "nobody":
        assert ours is None or isinstance(ours, int)
    else:
        assert type(ours) is type(theirs)


def test_constants_have_the_same_meaning() -> None:
    assert server.DEFAULT_ERROR_CONTENT_TYPE == http.server.DEFAULT_ERROR_CONTENT_TYPE
    placeholders = re.compile(r"%\((\w+)\)[sd]")
    assert set(placeholders.findall(server.DEFAULT_ERROR_MESSAGE)) == set(
        placeholders.findall(http.server.DEFAULT_ERROR_MESSAGE))
    assert {v.value for v in server.HTTPStatus} >= {v.value for v in http.server.HTTPStatus}


def test_all_follows_cpythons_rule() -> None:
    """Public names defined by the module are exactly ``__all__`` (CPython's MiscTestCase.test_all)."""
    expected = [
        name for name in dir(server)
        if not name.startswith("_") and name not in {"executable", "nobody_uid", "test"}
        and getattr(getattr(server, name), "__module__", None) == "httpi18n.server"
    ]
    assert sorted(server.__all__) == sorted(expected)
    assert sorted(server.__all__) == sorted(http.server.__all__)


def test_all_code_looks_up_its_globals_in_httpi18n_server() -> None:
    assert _server_ns.unresolved(vars(server), server._PARTS) == []


def test_split_modules_are_small() -> None:
    for path in [SRC / "server.py", *SRC.glob("_server_*.py")]:
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 800, f"{path.name}: {lines} lines"


# -- patching a name on httpi18n.server reaches the code of every part --------------------------


class Hello(server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


def test_patching_sys_reaches_the_log() -> None:
    import sys

    fake = types.SimpleNamespace(**{**vars(sys), "stderr": io.StringIO()})  # sys, but its own stderr
    with mock.patch.object(server, "sys", fake), running(server.HTTPServer, Hello) as httpd:
        raw_exchange(httpd.server_address[1], b"GET /logged HTTP/1.0\r\n\r\n")
    assert '"GET /logged HTTP/1.0" 200' in fake.stderr.getvalue()


def test_patching_socket_reaches_server_bind() -> None:
    fake = types.SimpleNamespace(getfqdn=lambda host: "patched.example")
    with mock.patch.object(server, "socket", fake):
        httpd = server.HTTPServer(("127.0.0.1", 0), Hello)
    httpd.server_close()
    assert httpd.server_name == "patched.example"


def test_patching_shutil_reaches_static_files(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes(b"file body")
    copies: list[Any] = []

    def copyfileobj(source: Any, target: Any) -> None:
        copies.append(source)
        target.write(source.read())

    class Static(server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    fake = types.SimpleNamespace(copyfileobj=copyfileobj)
    with mock.patch.object(server, "shutil", fake), running(server.HTTPServer, Static) as httpd:
        _, _, body = split_response(raw_exchange(httpd.server_address[1], b"GET /f.txt HTTP/1.0\r\n\r\n"))
    assert body == b"file body" and len(copies) == 1


def test_patching_os_reaches_translate_path_and_listings(tmp_path: Path) -> None:
    class Static(server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    # SimpleHTTPRequestHandler() takes the current directory from server.os.getcwd().
    with mock.patch.object(server.os, "getcwd", return_value=str(tmp_path)) as getcwd:
        (tmp_path / "seen.txt").write_bytes(b"seen")
        with running(server.HTTPServer, Static) as httpd:
            _, _, body = split_response(raw_exchange(httpd.server_address[1], b"GET /seen.txt HTTP/1.0\r\n\r\n"))
    assert body == b"seen" and getcwd.called


def test_patching_a_private_function_reaches_its_callers() -> None:
    """``_HeadDeadlineIO`` (in _server_io) calls ``_set_kernel_timeout`` through httpi18n.server."""
    calls: list[Any] = []
    real = server._set_kernel_timeout

    def spy(sock: socket.socket, option: int, seconds: float | None) -> None:
        calls.append(option)
        real(sock, option, seconds)

    with mock.patch.object(server, "_set_kernel_timeout", spy), running(server.HTTPServer, Hello) as httpd:
        raw_exchange(httpd.server_address[1], b"GET / HTTP/1.0\r\n\r\n")
    if server._KERNEL_TIMEOUTS:
        assert socket.SO_RCVTIMEO in calls and socket.SO_SNDTIMEO in calls


@pytest.mark.skipif(not hasattr(http.server, "CGIHTTPRequestHandler"), reason="no CGI in this Python")
def test_patching_url_collapse_path_reaches_is_cgi() -> None:
    handler = server.CGIHTTPRequestHandler.__new__(server.CGIHTTPRequestHandler)
    handler.path = "/anything/at/all"
    with mock.patch.object(server, "_url_collapse_path", return_value="/cgi-bin/x.py") as collapse:
        assert handler.is_cgi()
    collapse.assert_called_once_with("/anything/at/all")
    assert handler.cgi_info == ("/cgi-bin", "x.py")


def test_adopt_refuses_two_meanings_for_one_name() -> None:
    first = types.ModuleType("first")
    first.helper = lambda: 1
    second = types.ModuleType("second")
    second.helper = lambda: 2
    with pytest.raises(RuntimeError, match="helper"):
        _server_ns.adopt({"__name__": "target"}, [first, second])


def test_python_dash_m_serves_with_the_real_module(tmp_path: Path) -> None:
    """``python -m httpi18n.server`` runs this file as __main__: it serves with httpi18n.server itself."""
    import subprocess
    import sys

    code = ("import sys, runpy\nsys.argv = ['x', '--help']\n"
            "try:\n    runpy.run_module('httpi18n.server', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "import httpi18n.server as s\n"
            "print(s.BaseHTTPRequestHandler.__module__, s.BaseHTTPRequestHandler.end_headers.__globals__ is vars(s))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True,
                         cwd=os.fspath(tmp_path))
    assert out.stdout.strip().endswith("httpi18n.server True")
    assert "--directory" in out.stdout


def test_unresolved_finds_what_is_missing_or_different() -> None:
    """The check above is not vacuous: a missing name, and a name bound to something else, are found."""
    part = types.ModuleType("part")
    exec("import os\ndef uses_missing():\n    return not_defined_anywhere\n"
         "def uses_os():\n    return os.sep\n", part.__dict__)
    namespace: dict[str, Any] = {"__name__": "facade"}
    _server_ns.adopt(namespace, [part])
    assert namespace["uses_os"].__globals__ is namespace and part.uses_os is namespace["uses_os"]
    assert _server_ns.unresolved(namespace, [part]) == ["part.uses_missing: not_defined_anywhere"]
    namespace["os"] = types.SimpleNamespace(sep="!")  # rebinding behind adopt's back
    assert "part.uses_os: os differs" in _server_ns.unresolved(namespace, [part])
