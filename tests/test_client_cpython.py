"""CPython's own ``test.test_httplib``, run against :mod:`httpi18n.client`.

The test module shipped with the running interpreter is read at run time
(never copied into this repository), its imports are rebound in memory so
that ``client`` is :mod:`httpi18n.client` and ``HTTPStatus`` is
:class:`httpi18n.HTTPStatus`, and its ``TestCase`` classes are exposed here
for pytest to collect.  Only the tests listed in :data:`SKIPS` are skipped.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
import unittest

import pytest

pytestmark = pytest.mark.slow

#: Tests that need the internet (pythontest.net / python.org): every version.
_NETWORK = "needs the internet (support.requires('network'))"
_NETWORK_TESTS = [
    "HTTPSTest.test_networked",
    "HTTPSTest.test_networked_noverification",
    "HTTPSTest.test_networked_trusted_by_default_cert",
    "HTTPSTest.test_networked_good_cert",
    "HTTPSTest.test_networked_bad_cert",
]

#: (major, minor) -> {"Class.test": reason}.  Anything not here must pass.
SKIPS: dict[tuple[int, int], dict[str, str]] = {
    (3, 10): {t: _NETWORK for t in _NETWORK_TESTS},
    (3, 11): {
        **{t: _NETWORK for t in _NETWORK_TESTS},
        "BasicTest.test_simple_httpstatus": "pins 3.11's HTTPStatus: old canonical names and phrases "
        "(REQUEST_ENTITY_TOO_LARGE 'Request Entity Too Large', REQUEST_URI_TOO_LONG, "
        "REQUESTED_RANGE_NOT_SATISFIABLE, UNPROCESSABLE_ENTITY) and no is_success/... properties; "
        "httpi18n.HTTPStatus follows 3.13 on every version",
    },
    (3, 12): {
        **{t: _NETWORK for t in _NETWORK_TESTS},
        "BasicTest.test_simple_httpstatus": "pins 3.12's HTTPStatus: old canonical names and phrases "
        "(REQUEST_ENTITY_TOO_LARGE 'Request Entity Too Large', REQUEST_URI_TOO_LONG, "
        "REQUESTED_RANGE_NOT_SATISFIABLE, UNPROCESSABLE_ENTITY); "
        "httpi18n.HTTPStatus follows 3.13 on every version",
    },
    (3, 13): {t: _NETWORK for t in _NETWORK_TESTS},
}

# (old, new) rewrites applied to the source in memory; each must match.
_REWRITES = [
    ("from http import client, HTTPStatus", "from httpi18n import client, HTTPStatus"),
    ('getattr(module_object, "__module__", None) == "http.client"',
     'getattr(module_object, "__module__", None) == "httpi18n.client"'),
]


def _load() -> types.ModuleType | None:
    spec = importlib.util.find_spec("test.test_httplib")
    if spec is None or spec.origin is None:
        return None
    with open(spec.origin, encoding="utf-8") as f:
        source = f.read()
    for old, new in _REWRITES:
        if old not in source:
            raise RuntimeError(f"test.test_httplib changed: {old!r} not found")
        source = source.replace(old, new)
    module = types.ModuleType("httpi18n_cpython_test_httplib")
    module.__file__ = spec.origin
    sys.modules[module.__name__] = module
    exec(compile(source, spec.origin, "exec"), module.__dict__)
    skips = SKIPS.get(sys.version_info[:2], {t: _NETWORK for t in _NETWORK_TESTS})
    for target, reason in skips.items():
        cls_name, _, meth = target.partition(".")
        cls = module.__dict__.get(cls_name)
        if cls is not None and hasattr(cls, meth):
            setattr(cls, meth, unittest.skip(reason)(getattr(cls, meth)))
    return module


_module = _load()
if _module is None:  # pragma: no cover - interpreter without its test package
    if os.environ.get("CI") == "true":  # the referee must run in CI, never skip quietly
        raise RuntimeError("this interpreter ships no test.test_httplib: CPython's suite cannot referee")
    pytest.skip("this interpreter ships no test.test_httplib", allow_module_level=True)

for _name, _obj in list(vars(_module).items()):
    if isinstance(_obj, type) and issubclass(_obj, unittest.TestCase) and _obj.__module__ == _module.__name__:
        globals()[f"CPython_{_name}"] = _obj
del _name, _obj


def test_suite_targets_httpi18n() -> None:
    """The loaded suite really exercises httpi18n.client, not http.client."""
    import httpi18n
    import httpi18n.client

    assert _module.client is httpi18n.client
    assert _module.HTTPStatus is httpi18n.HTTPStatus
