"""The fast header access of :mod:`httpi18n.client` where users meet it: lazy messages and odd policies.

``tests/test_client_message_equivalence.py`` compares every public method
of an eagerly filled :class:`~httpi18n.client.HTTPMessage` with
``http.client``'s, after random mutations, copies and pickles.  This file
covers what that one leaves out, with its helpers (``observe``, ``mutate``
and the strategies, imported so that both files compare the same things):

- the message ``begin()`` really returns is *lazy*: its fields are parsed
  inside whatever first touches ``_headers``, which may be one of
  ``email``'s mutators (``__setitem__``, ``__delitem__``, ``set_param``,
  ``replace_header``...), or ``defects``, or a policy change.  Mutated
  before the first read, it must still answer exactly as the standard
  library's message parsed from the same head;
- a policy other than the ``compat32`` object (``email.policy.default``, a
  clone of ``compat32``, a new ``Compat32()``) must take ``email``'s own
  code: its results are not the stored strings (header objects, refolded
  values), so answering from the field list would differ;
- values that are not plain ASCII: Latin-1 text from the wire, surrogates
  and :class:`email.header.Header` objects put in by the caller;
- ``parse_headers(fp, _class=...)`` with a subclass, and ``getheader``'s
  defaults of every kind, against ``http.client``.

``HTTPI18N_EXAMPLES`` sets hypothesis' examples per test (default 100).
"""

from __future__ import annotations

import copy
import email.header
import email.policy
import http.client as std
import io
import pickle
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_client_message_equivalence import (
    CLEAN_NAME,
    CLEAN_VALUE,
    MUTATIONS,
    SETTINGS,
    _Sock,
    mutate,
    observe,
    outcome,
)

import httpi18n.client as ours
from httpi18n._client_message import _FieldList, _lazy_message

# email's header objects (policy.default) make each observation slow: fewer examples there.
FEWER = settings(SETTINGS, max_examples=max(1, SETTINGS.max_examples // 10))
CLEAN_FIELDS = st.lists(st.tuples(CLEAN_NAME, CLEAN_VALUE), max_size=14)


def _head(fields: list[tuple[str, str]]) -> bytes:
    """Header lines (no status line, no blank line) that both parsers read alike."""
    return "".join(f"{k}: {v}\r\n" for k, v in fields).encode("iso-8859-1")


def _std_message(block: bytes) -> Any:
    return std.parse_headers(io.BytesIO(block + b"\r\n"))


def _begun(block: bytes) -> Any:
    """The message of a response read by ``httpi18n.client`` (lazy, as users get it).

    A ``Content-Length: 0`` field ends the head: compare with a reference
    parsed from ``block + b"Content-Length: 0\\r\\n"``.
    """
    r = ours.HTTPResponse(_Sock(b"HTTP/1.1 200 OK\r\n" + block + b"Content-Length: 0\r\n\r\n"), method="GET")
    r.begin()
    msg = r.msg
    assert "_headers" not in msg.__dict__  # begin()'s fast path: nothing parsed yet
    return msg


@SETTINGS
@given(CLEAN_FIELDS, MUTATIONS)
def test_lazy_message_mutated_before_first_read(fields: list[tuple[str, str]], ops: list[tuple[Any, ...]]) -> None:
    """The first mutation parses the head inside ``email``'s own code; every answer stays the stdlib's."""
    block = _head(fields)
    ref = _std_message(block + b"Content-Length: 0\r\n")
    cand = _begun(block)
    for op in ops:
        a = outcome(lambda: mutate(ref, op))
        b = outcome(lambda: mutate(cand, op))
        assert a == b, op
        assert observe(cand) == observe(ref), op
    assert observe(cand) == observe(ref)


@pytest.mark.parametrize("first", ["defects", "policy", "copy", "pickle", "setitem", "delitem", "set_param"])
def test_lazy_message_first_touch(first: str) -> None:
    """Whatever touches a lazy message first, it ends up equal to the stdlib's."""
    block = (b"Content-Type: text/plain; charset=latin-1\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n"
             b"X-Name: Ren\xe9e M\xfcller\r\nContent-Disposition: attachment; filename=\"caf\xe9.txt\"\r\n")
    ref = _std_message(block + b"Content-Length: 0\r\n")
    msg = _begun(block)
    if first == "defects":
        assert msg.defects == [] and ref.defects == []
    elif first == "policy":
        msg.policy = ref.policy = email.policy.default
        assert observe(msg) == observe(ref)
        return
    elif first == "copy":
        msg, ref = copy.deepcopy(msg), copy.deepcopy(ref)
    elif first == "pickle":
        msg, ref = pickle.loads(pickle.dumps(msg)), pickle.loads(pickle.dumps(ref))
    elif first == "setitem":
        msg["X-New"] = ref["X-New"] = "v"
    elif first == "delitem":
        del msg["set-cookie"]
        del ref["set-cookie"]
        assert type(msg._headers) is list  # email assigned a new plain list: its code from now on
    elif first == "set_param":
        msg.set_param("charset", "utf-8")
        ref.set_param("charset", "utf-8")
    assert _same_policy(observe(msg), msg) == _same_policy(observe(ref), ref)


def _same_policy(seen: list[Any], msg: Any) -> list[Any]:
    """*seen* with the message's own policy object named, not compared (a copied Compat32 equals no other)."""
    return [o if o[1:] != (msg.policy,) else ("policy", type(msg.policy)) for o in seen]


POLICIES = [
    pytest.param(lambda: email.policy.default, id="default"),
    pytest.param(lambda: email.policy.HTTP, id="HTTP"),
    pytest.param(lambda: email.policy.compat32.clone(max_line_length=20), id="compat32-clone"),
    pytest.param(lambda: email.policy.Compat32(), id="Compat32-new"),
]


@pytest.mark.parametrize("make_policy", POLICIES)
@FEWER
@given(fields=CLEAN_FIELDS)
def test_other_policy_takes_email_code(make_policy: Any, fields: list[tuple[str, str]]) -> None:
    """Under any policy object but ``compat32`` itself, answers are ``email``'s (header objects and all)."""
    policy = make_policy()
    block = _head(fields)
    ref = _std_message(block + b"Content-Length: 0\r\n")
    cand = _begun(block)
    ref.policy = cand.policy = policy
    assert observe(cand) == observe(ref)
    # (email.policy.default makes a new header class per value: compare class names)
    for name in {k for k, _ in fields}:
        got, want = cand.get(name), ref.get(name)
        assert type(got).__name__ == type(want).__name__ and got == want
        assert [type(v).__name__ for v in cand.get_all(name)] == [type(v).__name__ for v in ref.get_all(name)]


def test_other_policy_answers_are_not_the_stored_strings() -> None:
    """Why the policy check exists: ``email.policy.default`` returns header objects, not the stored str."""
    block = b"Content-Type: text/html; charset=utf-8\r\nX-Name: Ren\xe9e\r\n"
    cand = _begun(block)
    cand.policy = email.policy.default
    value = cand.get("content-type")
    stored = cand._headers[0][1]
    assert stored == "text/html; charset=utf-8" and type(stored) is str
    assert type(value) is not str and dict(value.params) == {"charset": "utf-8"}
    assert value == 'text/html; charset="utf-8"'  # refolded by the policy: not the stored string
    assert type(cand._headers) is _FieldList  # the list is still ours: only the policy decided


@pytest.mark.parametrize("value", [
    "x\udce9y",  # a surrogate (bytes that were not text): compat32 makes a Header of it
    email.header.Header("h\xe9llo", "utf-8"),
    "Ren\xe9e M\xfcller",  # Latin-1 text as the wire gives it
    "\u65e5\u672c",  # not Latin-1: only a caller can put this in
    "",
])
@pytest.mark.parametrize("how", ["setitem", "list_append", "list_setitem", "add_header"])
def test_values_that_are_not_ascii(value: Any, how: str) -> None:
    """Non-ASCII, surrogate and Header values, however they got in, read as ``email`` reads them."""
    block = b"Content-Type: text/plain\r\nX-Name: Ren\xe9e\r\nX-Name: second\r\n"
    ref = _std_message(block + b"Content-Length: 0\r\n")
    cand = _begun(block)
    def put(msg: Any) -> None:
        if how == "setitem":
            msg["X-Name"] = value
        elif how == "list_append":
            msg._headers.append(("X-Name", value))
        elif how == "list_setitem":
            msg._headers[1] = ("X-Name", value)
        else:
            msg.add_header("X-Name", value)  # a Header here is a TypeError in email itself

    assert outcome(lambda: put(ref)) == outcome(lambda: put(cand))
    assert type(cand._headers) is _FieldList
    assert observe(cand) == observe(ref)
    for name in ("x-name", "X-NAME"):
        got, want = cand.get_all(name), ref.get_all(name)
        assert [type(v) for v in got] == [type(v) for v in want]
        assert [str(v) for v in got] == [str(v) for v in want]


class _StdSub(std.HTTPMessage):
    def extra(self) -> str:
        return "std"


class _OurSub(ours.HTTPMessage):
    def extra(self) -> str:
        return "ours"


@SETTINGS
@given(CLEAN_FIELDS, MUTATIONS)
def test_parse_headers_with_a_subclass(fields: list[tuple[str, str]], ops: list[tuple[Any, ...]]) -> None:
    """``parse_headers(fp, _class=...)`` with a subclass: the fast paths still hold, and mutations."""
    block = _head(fields) + b"\r\n"
    ref = std.parse_headers(io.BytesIO(block), _class=_StdSub)
    cand = ours.parse_headers(io.BytesIO(block), _class=_OurSub)
    assert type(cand) is _OurSub and type(cand._headers) is _FieldList and cand._headers.clean
    assert cand.extra() == "ours"
    assert observe(cand) == observe(ref)
    for op in ops:
        assert outcome(lambda: mutate(ref, op)) == outcome(lambda: mutate(cand, op)), op
        assert observe(cand) == observe(ref), op


def test_parse_headers_default_class_is_the_fast_one() -> None:
    """``parse_headers`` binds its ``_class`` default at definition: it must be the class with the fast paths."""
    msg = ours.parse_headers(io.BytesIO(b"A: 1\r\n\r\n"))
    assert type(msg) is ours.HTTPMessage and type(msg._headers) is _FieldList
    lazy = _lazy_message(b"A: 1\r\n")
    assert type(lazy) is ours.HTTPMessage


DEFAULTS = [None, "dflt", "", 0, 7, 1.5, ["a", "b"], [], ("x",), (), b"bytes", {"k": "v"}]


@pytest.mark.parametrize("default", DEFAULTS, ids=repr)
@pytest.mark.parametrize("name", ["Set-Cookie", "content-type", "X-Name", "Missing", "X-Empty"])
def test_getheader_matches_stdlib(name: str, default: Any) -> None:
    """``getheader(name, default)``: joined values, or the default as ``http.client`` returns it."""
    raw = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n"
           b"X-Name: Ren\xe9e\r\nX-Empty:\r\nContent-Length: 2\r\n\r\nok")
    got = []
    for mod in (std, ours):
        r = mod.HTTPResponse(_Sock(raw), method="GET")
        r.begin()
        got.append((outcome(lambda: r.getheader(name, default)), outcome(lambda: r.getheader(name)), r.read()))
    assert got[0] == got[1]
