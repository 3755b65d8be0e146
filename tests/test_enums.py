"""HTTPStatus/HTTPMethod behave as CPython 3.13's, on every supported Python."""

from __future__ import annotations

import enum
import inspect
import json
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from httpi18n import HTTPMethod, HTTPStatus
from httpi18n.registry import METHODS

ROOT = Path(__file__).resolve().parent.parent

_DUMP = r"""
import json
from http import HTTPStatus, HTTPMethod
print(json.dumps({
    "status": [[n, m.value, m.phrase, m.description] for n, m in HTTPStatus.__members__.items()],
    "method": [[n, m.value, m.description] for n, m in HTTPMethod.__members__.items()],
    "repr": [repr(HTTPStatus.OK), str(HTTPStatus.OK), format(HTTPStatus.OK), f"{HTTPStatus.OK:>5}",
             repr(HTTPMethod.GET), str(HTTPMethod.GET), format(HTTPMethod.GET)],
}))
"""


def _python313() -> str:
    if sys.version_info[:2] == (3, 13):
        return sys.executable
    out = subprocess.run([str(ROOT / "tools" / "find-python"), "3.13"], capture_output=True, text=True)
    if out.returncode:
        pytest.fail("CPython 3.13 is needed as the reference interpreter (tools/find-python 3.13)")
    return out.stdout.strip()


@pytest.fixture(scope="module")
def cpython313() -> dict:
    out = subprocess.run([_python313(), "-I", "-c", _DUMP], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_status_members_match_cpython_313(cpython313) -> None:
    ours = [[n, m.value, m.phrase, m.description] for n, m in HTTPStatus.__members__.items()]
    assert ours == cpython313["status"]


def test_method_members_include_cpython_313(cpython313) -> None:
    for name, value, description in cpython313["method"]:
        member = HTTPMethod[name]
        assert member.value == value
        assert member.description == description


def test_str_repr_format_match_cpython_313(cpython313) -> None:
    ours = [repr(HTTPStatus.OK), str(HTTPStatus.OK), format(HTTPStatus.OK), f"{HTTPStatus.OK:>5}",
            repr(HTTPMethod.GET), str(HTTPMethod.GET), format(HTTPMethod.GET)]
    assert ours == cpython313["repr"]


def test_cpython_simple_enum_check_passes() -> None:
    """Run CPython's own ``test_simple_httpstatus`` body against our enum (3.13 only)."""
    if sys.version_info[:2] != (3, 13):
        pytest.skip("the test body pins 3.13's phrases; run on 3.13 (CI does)")
    import test.test_httplib as th

    for obj in vars(th).values():
        if isinstance(obj, type) and hasattr(obj, "test_simple_httpstatus"):
            src = textwrap.dedent(inspect.getsource(obj.test_simple_httpstatus))
            break
    else:  # pragma: no cover
        pytest.fail("test_simple_httpstatus not found")
    ns: dict = {"enum": enum, "HTTPStatus": HTTPStatus}
    exec(src, ns)
    ns["test_simple_httpstatus"](None)


def test_aliases() -> None:
    assert HTTPStatus.REQUEST_ENTITY_TOO_LARGE is HTTPStatus.CONTENT_TOO_LARGE
    assert HTTPStatus.REQUEST_URI_TOO_LONG is HTTPStatus.URI_TOO_LONG
    assert HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE is HTTPStatus.RANGE_NOT_SATISFIABLE
    assert HTTPStatus.UNPROCESSABLE_ENTITY is HTTPStatus.UNPROCESSABLE_CONTENT


def test_class_predicates() -> None:
    assert HTTPStatus.CONTINUE.is_informational and not HTTPStatus.CONTINUE.is_success
    assert HTTPStatus.OK.is_success
    assert HTTPStatus.FOUND.is_redirection
    assert HTTPStatus.NOT_FOUND.is_client_error
    assert HTTPStatus.BAD_GATEWAY.is_server_error
    assert HTTPStatus.NOT_FOUND.category == "client-error"


def test_extras_are_not_in_the_enum_namespace() -> None:
    # CPython's test compares class __dict__ keys; our additions live on a base class.
    for name in ("localized", "entry", "category", "references"):
        assert name not in HTTPStatus.__dict__
    assert "phrase" in HTTPStatus.OK.__dict__ and "description" in HTTPStatus.OK.__dict__
    assert set(HTTPStatus.OK.__dict__) == {"_value_", "phrase", "description", "_name_", "__objclass__",
                                           "_sort_order_"} - ({"_sort_order_"} if sys.version_info < (3, 11) else set())


def test_is_int_and_pickles() -> None:
    assert HTTPStatus(404) == 404 and isinstance(HTTPStatus.NOT_FOUND, int)
    assert pickle.loads(pickle.dumps(HTTPStatus.NOT_FOUND)) is HTTPStatus.NOT_FOUND
    assert pickle.loads(pickle.dumps(HTTPMethod.QUERY)) is HTTPMethod.QUERY
    assert {HTTPStatus.NOT_FOUND: 1}[404] == 1


def test_no_extra_status_members() -> None:
    assert 104 not in HTTPStatus._value2member_map_
    assert 306 not in HTTPStatus._value2member_map_
    with pytest.raises(ValueError):
        HTTPStatus(104)


def test_every_registry_method_is_a_member() -> None:
    assert [m.value for m in HTTPMethod] == [m.token for m in METHODS]
    assert HTTPMethod.BASELINE_CONTROL == "BASELINE-CONTROL"
    assert HTTPMethod("VERSION-CONTROL") is HTTPMethod.VERSION_CONTROL
    assert HTTPMethod.GET.is_safe and HTTPMethod.GET.is_idempotent
    assert not HTTPMethod.POST.is_safe and not HTTPMethod.POST.is_idempotent
    assert HTTPMethod.DELETE.is_idempotent and not HTTPMethod.DELETE.is_safe
    assert HTTPMethod.QUERY.is_safe and HTTPMethod.QUERY.is_idempotent
    assert isinstance(HTTPMethod.GET, str) and HTTPMethod.GET == "GET"
    assert HTTPMethod.PROPFIND.description.endswith("(WebDAV).")
