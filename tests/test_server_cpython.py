"""CPython's own ``test.test_httpservers``, run against :mod:`httpi18n.server`.

The interpreter's installed test module is read as SOURCE at run time (never
copied into this repository), its imports of ``http.server`` are rebound to
``httpi18n.server`` (and ``HTTPStatus`` to ``httpi18n.HTTPStatus``) with an
AST rewrite, and its test classes are handed to pytest.

Left out, on purpose:

* ``CGIHTTPServerTestCase`` (and the ``CGIHTTPRequestHandler`` import):
  httpi18n.server has no CGI handler, since it is deprecated in 3.13 and
  removed from CPython in 3.15.

Expected to fail on Python 3.10-3.12 only (see ``KNOWN_OLD_PHRASES``): tests
that pin that version's older status phrases; httpi18n.HTTPStatus has
3.13's phrases on every version.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
import types
import unittest
import warnings

import pytest

pytestmark = pytest.mark.slow

EXCLUDED_CLASSES = {
    "CGIHTTPServerTestCase": "CGIHTTPRequestHandler is not provided (deprecated in 3.13, removed in 3.15)",
}

#: (class, test) → reason; expected failures on Python < 3.13.
KNOWN_OLD_PHRASES = {
    ("BaseHTTPRequestHandlerTestCase", "test_request_length"): (
        "pins 'HTTP/1.1 414 Request-URI Too Long' (the 3.10-3.12 phrase); "
        "httpi18n.HTTPStatus uses 3.13's 'URI Too Long'"
    ),
}


class _Rebind(ast.NodeTransformer):
    """Point the test module at httpi18n.server instead of http.server."""

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        if node.module == "http.server":
            node.module = "httpi18n.server"
            node.names = [a for a in node.names if a.name != "CGIHTTPRequestHandler"]
        elif node.module == "http":
            names = [a for a in node.names if a.name in ("server", "HTTPStatus")]
            rest = [a for a in node.names if a.name not in ("server", "HTTPStatus")]
            new: list[ast.stmt] = [ast.ImportFrom(module="httpi18n", names=names, level=0)]
            if rest:
                new.append(ast.ImportFrom(module="http", names=rest, level=0))
            return new  # type: ignore[return-value]
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST | None:
        if node.name in EXCLUDED_CLASSES:
            return None
        self.generic_visit(node)
        return node

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        # MiscTestCase.test_all compares objects' __module__ with the module name.
        if node.value == "http.server":
            return ast.copy_location(ast.Constant("httpi18n.server"), node)
        return node


def _load() -> types.ModuleType | None:
    spec = importlib.util.find_spec("test.test_httpservers")
    if spec is None or spec.origin is None:
        return None
    with open(spec.origin, encoding="utf-8") as fh:
        source = fh.read()
    with warnings.catch_warnings():  # e.g. 3.10's own invalid escape sequences
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        tree = ast.fix_missing_locations(_Rebind().visit(ast.parse(source, spec.origin)))
        code = compile(tree, spec.origin, "exec")
    module = types.ModuleType("cpython_test_httpservers")
    module.__file__ = spec.origin
    sys.modules[module.__name__] = module
    exec(code, module.__dict__)
    return module


try:
    _cpython = _load()
except Exception as exc:  # e.g. no test package, or test.support without sockets
    _cpython = None
    _LOAD_ERROR = repr(exc)
else:
    _LOAD_ERROR = "test.test_httpservers is not installed"

if _cpython is None:
    if os.environ.get("CI") == "true":  # the referee must run in CI, never skip quietly
        raise RuntimeError(f"CPython's test suite is unavailable: {_LOAD_ERROR}")
    pytest.skip(f"CPython's test suite is unavailable: {_LOAD_ERROR}", allow_module_level=True)

for _name, _obj in list(vars(_cpython).items()):
    if isinstance(_obj, type) and issubclass(_obj, unittest.TestCase) and _name.endswith("TestCase"):
        if _obj.__module__ != _cpython.__name__:
            continue
        for (_cls, _test), _reason in KNOWN_OLD_PHRASES.items():
            if _cls == _name and sys.version_info < (3, 13) and hasattr(_obj, _test):
                setattr(_obj, _test, unittest.expectedFailure(getattr(_obj, _test)))
        globals()["CPython" + _name] = _obj
del _name, _obj


def setup_module() -> None:
    """CPython's setUpModule: restore the working directory afterwards."""
    import os

    _cwd = os.getcwd()
    setup_module.cwd = _cwd  # type: ignore[attr-defined]


def teardown_module() -> None:
    import os

    os.chdir(setup_module.cwd)  # type: ignore[attr-defined]


def test_excluded_classes_exist_upstream() -> None:
    """The exclusions name real upstream classes, so the list stays honest."""
    spec = importlib.util.find_spec("test.test_httpservers")
    assert spec is not None and spec.origin is not None
    with open(spec.origin, encoding="utf-8") as fh, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = ast.parse(fh.read())
    names = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    for cls in EXCLUDED_CLASSES:
        assert cls in names
    for cls, _test in KNOWN_OLD_PHRASES:
        assert cls in names
