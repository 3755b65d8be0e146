"""The referee: CPython's own ``test.test_httpservers`` and ``test.test_wsgiref``, run on httpi18n.

The interpreter's installed test modules are read as SOURCE at run time
(never copied into this repository) and rewritten with the AST so that both
``http.server`` and ``http.client`` are httpi18n's:

* ``from http.server import ...`` / ``from http.client import ...`` and
  ``from http import server`` come from ``httpi18n.server`` /
  ``httpi18n.client`` (and ``HTTPStatus`` from ``httpi18n``);
* attribute uses ``http.client.X`` / ``http.server.X`` go to httpi18n's
  modules;
* ``wsgiref.simple_server`` (whose ``WSGIServer`` and ``WSGIRequestHandler``
  are built on ``http.server``) is loaded again from the interpreter's source
  with the same rewrite, so ``test_wsgiref`` runs on httpi18n.server too;
* the string ``"http.server"`` becomes ``"httpi18n.server"`` (``MiscTestCase.
  test_all`` compares ``__module__`` with it).

Every test class is handed to pytest, CGI tests included.  One adaptation:
as root CPython skips ``CGIHTTPServerTestCase`` ("can't be run reliably as
root", issue 13308: the scripts would run as ``nobody``, who cannot reach the
test's private temporary directory).  Here, as root, the skip is lifted and
``httpi18n.server.nobody_uid`` is patched to the current uid for those tests,
so the scripts run as root and the whole class runs; elsewhere it runs as
CPython runs it.

Expected failures, each with its reason, are in :data:`KNOWN`; anything
else failing is a regression.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
import types
import unittest
import warnings
from typing import Any
from unittest import mock

import pytest

import httpi18n.server

pytestmark = pytest.mark.slow

#: Modules swapped in the rewritten sources.  ``HTTPI18N_REFEREE_SWAP=server`` keeps the
#: standard library's client (to tell a server's failure from a client's; not the referee).
SWAPS = {"http.server": "httpi18n.server", "http.client": "httpi18n.client"}
if os.environ.get("HTTPI18N_REFEREE_SWAP") == "server":
    del SWAPS["http.client"]
#: Name of the rewritten copy of wsgiref.simple_server.
SIMPLE_SERVER = "cpython_swapped_wsgiref_simple_server"

_HOST = (
    "RFC 9112, 3.2: httpi18n.server answers 400 to an HTTP/1.1 request without Host "
    "(require_host = True); this test sends 'GET / HTTP/1.1' with no Host and expects CPython's 200"
)
_OLD_414 = (
    "pins 'HTTP/1.1 414 Request-URI Too Long' (the 3.10-3.12 phrase); httpi18n.HTTPStatus "
    "uses 3.13's 'URI Too Long' on every Python"
)

#: (module, class, test) → (reason, Python versions where it is expected to fail, or None for all).
KNOWN: dict[tuple[str, str, str], tuple[str, tuple[tuple[int, int], ...] | None]] = {
    ("test_httpservers", "BaseHTTPRequestHandlerTestCase", "test_http_1_1"): (_HOST, None),
    ("test_httpservers", "BaseHTTPRequestHandlerTestCase", "test_header_unbuffered_when_continue"): (_HOST, None),
    ("test_httpservers", "BaseHTTPRequestHandlerTestCase", "test_with_continue_rejected"): (_HOST, None),
    ("test_httpservers", "BaseHTTPRequestHandlerTestCase", "test_with_continue_1_1"): (_HOST, None),
    ("test_httpservers", "BaseHTTPServerTestCase", "test_request_line_trimming"): (
        "RFC 9112, 3.2: the request line ends in a bare LF, so the empty line that follows ends the "
        "header section and the client's Host line is left out of it; httpi18n.server answers 400 "
        "(no Host) where CPython gets as far as 501 for the unknown method", None),
    ("test_httpservers", "BaseHTTPRequestHandlerTestCase", "test_request_length"): (
        _OLD_414, ((3, 10), (3, 11), (3, 12))),
    ("test_wsgiref", "IntegrationTests", "test_request_length"): (
        _OLD_414.replace("HTTP/1.1", "HTTP/1.0"), ((3, 10), (3, 11), (3, 12))),
}


class _Swap(ast.NodeTransformer):
    """Rewrite a test module (or wsgiref.simple_server) onto httpi18n's client and server."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def visit_ImportFrom(self, node: ast.ImportFrom) -> Any:
        if node.module in SWAPS:
            node.module = SWAPS[node.module]
        elif node.module == "wsgiref.simple_server":
            node.module = SIMPLE_SERVER
        elif node.module == "http":
            ours = [a for a in node.names if a.name in ("server", "client", "HTTPStatus")]
            rest = [a for a in node.names if a.name not in ("server", "client", "HTTPStatus")]
            new: list[ast.stmt] = []
            if ours:
                new.append(ast.ImportFrom(module="httpi18n", names=ours, level=0))
            if rest:
                new.append(ast.ImportFrom(module="http", names=rest, level=0))
            return [ast.copy_location(n, node) for n in new]
        return node

    def visit_Attribute(self, node: ast.Attribute) -> Any:
        self.generic_visit(node)
        if isinstance(node.value, ast.Name) and node.value.id == "http" and f"http.{node.attr}" in SWAPS:
            alias = "_swapped_http_" + node.attr
            self.used.add(f"http.{node.attr}")
            return ast.copy_location(ast.Name(id=alias, ctx=node.ctx), node)
        return node

    def visit_Constant(self, node: ast.Constant) -> Any:
        if node.value in SWAPS:
            return ast.copy_location(ast.Constant(SWAPS[node.value]), node)
        return node

    def rewrite(self, tree: ast.Module) -> ast.Module:
        tree = self.visit(tree)
        imports = [
            ast.Import(names=[ast.alias(name=SWAPS[m], asname="_swapped_http_" + m.split(".")[1])])
            for m in sorted(self.used)
        ]
        first = 1 if tree.body and isinstance(tree.body[0], ast.Expr) and isinstance(
            getattr(tree.body[0], "value", None), ast.Constant) else 0
        tree.body[first:first] = imports
        return ast.fix_missing_locations(tree)


def _source(module: str) -> tuple[str, str] | None:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        return None
    with open(spec.origin, encoding="utf-8") as fh:
        return fh.read(), spec.origin


def _load(module: str, name: str) -> types.ModuleType:
    """Run the interpreter's *module*, rewritten, as a new module *name*."""
    found = _source(module)
    if found is None:
        raise ImportError(f"{module} is not installed")
    source, origin = found
    with warnings.catch_warnings():  # e.g. 3.10's own invalid escape sequences
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        code = compile(_Swap().rewrite(ast.parse(source, origin)), origin, "exec")
    new = types.ModuleType(name)
    new.__file__ = origin
    sys.modules[name] = new
    with warnings.catch_warnings():  # e.g. 3.10's test_wsgiref importing test_httpservers as is
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        exec(code, new.__dict__)
    return new


def _load_all() -> dict[str, types.ModuleType]:
    _load("wsgiref.simple_server", SIMPLE_SERVER)
    return {
        "test_httpservers": _load("test.test_httpservers", "cpython_swapped_test_httpservers"),
        "test_wsgiref": _load("test.test_wsgiref", "cpython_swapped_test_wsgiref"),
    }


try:
    _modules = _load_all()
except unittest.SkipTest as exc:  # e.g. test.support: no working sockets here
    _modules = {}
    _LOAD_ERROR = f"skipped by test.support: {exc}"
except Exception as exc:  # e.g. no test package installed
    _modules = {}
    _LOAD_ERROR = repr(exc)

if not _modules:
    if os.environ.get("CI") == "true":  # the referee must run in CI, never skip quietly
        raise RuntimeError(f"CPython's test suite is unavailable: {_LOAD_ERROR}")
    pytest.skip(f"CPython's test suite is unavailable: {_LOAD_ERROR}", allow_module_level=True)


def _as_this_user(cls: type) -> None:
    """As root: lift CPython's root skip of the CGI tests and run the scripts as this user."""
    cls.__unittest_skip__ = False
    cls.__unittest_skip_why__ = ""
    set_up, tear_down = cls.setUp, cls.tearDown

    def setUp(self: Any) -> None:
        self._httpi18n_nobody = mock.patch.object(httpi18n.server, "nobody_uid", os.getuid)
        self._httpi18n_nobody.start()
        set_up(self)

    def tearDown(self: Any) -> None:
        try:
            tear_down(self)
        finally:
            self._httpi18n_nobody.stop()

    cls.setUp, cls.tearDown = setUp, tearDown  # type: ignore[method-assign]


_PREFIX = {"test_httpservers": "CPython", "test_wsgiref": "CPythonWsgiref"}
_version = sys.version_info[:2]

for _short, _module in _modules.items():
    for _name, _obj in list(vars(_module).items()):
        if not (isinstance(_obj, type) and issubclass(_obj, unittest.TestCase)) or _obj.__module__ != _module.__name__:
            continue
        if not any(n.startswith("test") for n in dir(_obj)):
            continue  # a base class without tests
        for (_mod, _cls, _test), (_reason, _versions) in KNOWN.items():
            if _mod == _short and _cls == _name and hasattr(_obj, _test):
                if _versions is None or _version in _versions:
                    setattr(_obj, _test, unittest.expectedFailure(getattr(_obj, _test)))
        if _name == "CGIHTTPServerTestCase" and hasattr(os, "geteuid") and os.geteuid() == 0:
            _as_this_user(_obj)
        globals()[_PREFIX[_short] + _name] = _obj
del _short, _module, _name, _obj


def setup_module() -> None:
    """CPython's setUpModule: restore the working directory afterwards."""
    setup_module.cwd = os.getcwd()  # type: ignore[attr-defined]


def teardown_module() -> None:
    os.chdir(setup_module.cwd)  # type: ignore[attr-defined]


def test_known_failures_name_real_upstream_tests() -> None:
    """Every expected failure names a test that exists in this Python's suite, so the list stays honest."""
    for (mod, cls, test), (_reason, versions) in KNOWN.items():
        if versions is not None and _version not in versions:
            continue
        found = _source(f"test.{mod}")
        assert found is not None
        with warnings.catch_warnings():  # 3.10's own invalid escape sequences
            warnings.simplefilter("ignore")
            tree = ast.parse(found[0])
        classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
        assert cls in classes, (mod, cls)
        assert test in {n.name for n in classes[cls].body if isinstance(n, ast.FunctionDef)}, (mod, cls, test)


def test_the_swap_took() -> None:
    """The rewritten modules really use httpi18n's client and server."""
    import httpi18n.client

    servers = _modules["test_httpservers"]
    assert servers.BaseHTTPRequestHandler is httpi18n.server.BaseHTTPRequestHandler
    assert servers.server is httpi18n.server
    if "http.client" in SWAPS:
        assert vars(servers)["_swapped_http_client"] is httpi18n.client
    simple = sys.modules[SIMPLE_SERVER]
    assert issubclass(simple.WSGIServer, httpi18n.server.HTTPServer)
    assert issubclass(simple.WSGIRequestHandler, httpi18n.server.BaseHTTPRequestHandler)
    if "http.client" in SWAPS:
        assert _modules["test_wsgiref"].HTTPConnection is httpi18n.client.HTTPConnection
