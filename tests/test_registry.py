"""The registry is complete, consistent and matches CPython where it must."""

from __future__ import annotations

import http

import pytest

from httpi18n.registry import (
    CATEGORIES,
    METHOD_BY_TOKEN,
    METHODS,
    STATUS_BY_CODE,
    STATUSES,
    Reference,
)

EXPECTED_CODES = {
    100, 101, 102, 103, 104,
    200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
    300, 301, 302, 303, 304, 305, 306, 307, 308,
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
    416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
    500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
}

EXPECTED_METHODS = {
    "ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "CONNECT", "COPY", "DELETE",
    "GET", "HEAD", "LABEL", "LINK", "LOCK", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL",
    "MKREDIRECTREF", "MKWORKSPACE", "MOVE", "OPTIONS", "ORDERPATCH", "PATCH", "POST", "PRI",
    "PROPFIND", "PROPPATCH", "PUT", "QUERY", "REBIND", "REPORT", "SEARCH", "TRACE", "UNBIND",
    "UNCHECKOUT", "UNLINK", "UNLOCK", "UPDATE", "UPDATEREDIRECTREF", "VERSION-CONTROL",
}


def test_every_iana_status_code_is_registered_once() -> None:
    codes = [s.code for s in STATUSES]
    assert len(codes) == len(set(codes))
    assert set(codes) == EXPECTED_CODES
    assert codes == sorted(codes)


def test_every_iana_method_is_registered_once() -> None:
    tokens = [m.token for m in METHODS]
    assert len(tokens) == len(set(tokens))
    assert set(tokens) == EXPECTED_METHODS


@pytest.mark.parametrize("entry", STATUSES, ids=lambda e: str(e.code))
def test_status_entries_are_complete(entry) -> None:
    assert entry.phrase.strip() == entry.phrase and entry.phrase
    assert entry.description.endswith(".") and len(entry.description) > 20
    assert entry.references and all(isinstance(r, Reference) for r in entry.references)
    assert all(r.url.startswith("https://") for r in entry.references)
    assert entry.registration in {"permanent", "temporary", "unused", "obsoleted"}
    assert entry.category in CATEGORIES


@pytest.mark.parametrize("entry", METHODS, ids=lambda e: e.token)
def test_method_entries_are_complete(entry) -> None:
    assert entry.description.endswith(".") and len(entry.description) > 20
    assert entry.references
    assert not (entry.safe and not entry.idempotent), "every safe method is idempotent"


def test_special_registrations() -> None:
    assert STATUS_BY_CODE[104].registration == "temporary"
    assert STATUS_BY_CODE[306].registration == "unused"
    assert STATUS_BY_CODE[418].registration == "unused"
    assert STATUS_BY_CODE[510].registration == "obsoleted"
    # Entries CPython lacks have no enum name.
    assert STATUS_BY_CODE[104].name == "" and STATUS_BY_CODE[306].name == ""


def test_rfc9110_references() -> None:
    assert STATUS_BY_CODE[404].references == (Reference("RFC 9110", "15.5.5"),)
    assert STATUS_BY_CODE[404].references[0].url == "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5"
    assert str(STATUS_BY_CODE[404].references[0]) == "RFC 9110, Section 15.5.5"
    assert METHOD_BY_TOKEN["QUERY"].references[0].document == "RFC 10008"
    assert METHOD_BY_TOKEN["GET"].safe and METHOD_BY_TOKEN["GET"].idempotent
    assert not METHOD_BY_TOKEN["POST"].safe and not METHOD_BY_TOKEN["POST"].idempotent
    assert not METHOD_BY_TOKEN["PUT"].safe and METHOD_BY_TOKEN["PUT"].idempotent


def test_our_descriptions_cover_what_cpython_leaves_empty() -> None:
    empty_in_cpython = [s for s in STATUSES if s.name and not s.python_description]
    assert len(empty_in_cpython) == 14
    assert all(s.description for s in empty_in_cpython)


def test_stdlib_members_all_present() -> None:
    for member in http.HTTPStatus:
        assert member.value in STATUS_BY_CODE
