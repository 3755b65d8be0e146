"""Equivalence tests of the fast header access of :mod:`httpi18n.client`.

``HTTPMessage`` answers ``get``/``get_all``/``in``/``items``/``values`` from
a cached list of lower-case names (``_FieldList``), and a whole chunked body
is read by one loop (``HTTPResponse._read_chunked_whole``).  Both must be
invisible: these tests compare them with the code they shortcut.

A. Message layer: for any field list a parser can produce (Latin-1 strs,
   any case, duplicates, empty values, CR/LF inside values as email.parser
   keeps them for folds), our HTTPMessage answers every public method
   exactly as ``http.client.HTTPMessage`` with the same ``_headers``; also
   after random mutations (set, delete, replace, add_header with params,
   set_param, set_raw, direct list edits, a Header object, surrogates,
   another policy), and after copy, deepcopy and pickle (every protocol).
B. Parse layer: a lazily parsed message holds what
   ``_http11.parse_header_block`` gives (the project's rules) as a clean
   ``_FieldList``, with the same defects as an eager parse, for generated
   blocks of every line shape (folds, obs-fold, junk, empty names/values,
   whitespace, ": " inside values, NUL, bare CR/LF, non-ASCII).
C. End to end: ``httpi18n.client`` against the standard library's
   ``http.client`` on whole responses whose header lines both parse alike
   (token names, no whitespace around values, no folds), including
   non-ASCII values, repeats and chunked bodies; the bench's responses; the
   whole-body chunked loop against the general reader on valid and broken
   bodies (data or error, ``IncompleteRead.partial``, state afterwards).

``HTTPI18N_EXAMPLES`` sets hypothesis' examples per test (default 100).
"""

from __future__ import annotations

import copy
import email.errors
import email.header
import email.message
import email.policy
import http.client as std
import importlib.util
import io
import os
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import httpi18n.client as ours
from httpi18n import _http11
from httpi18n._client_message import _FieldList, _header_defects, _lazy_message, _message

SETTINGS = settings(max_examples=int(os.environ.get("HTTPI18N_EXAMPLES", "100")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

COMMON = ["Content-Type", "Content-Length", "Set-Cookie", "Transfer-Encoding", "Content-Disposition",
          "Date", "X-Thing", "content-type", "CONTENT-TYPE", "set-cookie", "MIME-Version", "Content-Transfer-Encoding",
          "\u0391\u03a3", "\u03a3", "X\u03a3\u03a3", "\u0130d", "stra\u00dfe", "A\nB"]
LATIN1 = st.characters(min_codepoint=0, max_codepoint=255)
TOKEN = st.text(alphabet="!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
                max_size=12)
NAME = st.one_of(st.sampled_from(COMMON), TOKEN)
VALUE = st.one_of(
    st.sampled_from(["text/html; charset=utf-8", 'multipart/mixed; boundary="xyz"', "text/plain; charset=latin-1",
                     'attachment; filename="caf\xe9.txt"', "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf",
                     "chunked", "42", "", " ", "a\r\n b", "a\r\n\tb", "caf\xc3\xa9", "text/html; charset=\"us-ascii\"",
                     "message/rfc822", "text/plain; charset=utf-8; format=flowed", "bad;;=;", "=?utf-8?q?x?="]),
    st.text(alphabet=LATIN1, max_size=30),
)
FIELDS = st.lists(st.tuples(NAME, VALUE), max_size=12)
PROBES = ["content-type", "Content-Length", "SET-COOKIE", "missing", "X-Thing", "", "date", "mime-version"]


def outcome(fn: Any) -> Any:
    try:
        return ("ok", fn())
    except Exception as exc:  # the same exception counts as the same answer
        return ("err", type(exc).__name__, str(exc))


def observe(msg: Any) -> list[Any]:
    """Everything public a caller can read from a message."""
    names = list(dict.fromkeys([*PROBES, *[k for k, _ in msg.raw_items() if isinstance(k, str)]]))
    variants = [v for n in names for v in (n, n.lower(), n.upper(), n.swapcase())]
    sentinel = object()
    seen: list[Any] = []
    for n in variants:
        seen.append(outcome(lambda: msg.get(n)))
        seen.append(outcome(lambda: msg.get(n, "FAIL")))
        seen.append(outcome(lambda: msg.get(n, sentinel) is sentinel))
        seen.append(outcome(lambda: msg.get_all(n)))
        seen.append(outcome(lambda: msg.get_all(n, [])))
        seen.append(outcome(lambda: msg[n]))
        seen.append(outcome(lambda: n in msg))
        seen.append(outcome(lambda: msg.get_params(header=n)))
        seen.append(outcome(lambda: msg.get_param("charset", header=n)))
    for fn in (
        msg.items, msg.keys, msg.values, lambda: len(msg), lambda: list(msg), lambda: list(msg.raw_items()),
        msg.as_string, lambda: msg.as_string(maxheaderlen=20), msg.as_bytes, lambda: str(msg), lambda: bytes(msg),
        msg.get_content_type, msg.get_content_maintype, msg.get_content_subtype, msg.get_default_type,
        msg.get_params, lambda: msg.get_params(unquote=False), msg.get_charsets, msg.get_content_charset,
        msg.get_filename, msg.get_boundary, msg.get_content_disposition, msg.is_multipart, msg.get_payload,
        lambda: msg.defects, lambda: msg.policy, msg.get_unixfrom, lambda: msg.get_param("boundary"),
        lambda: [type(v).__name__ for v in msg.values()], lambda: [type(v).__name__ for _, v in msg.items()],
        lambda: 1 in msg, lambda: msg.get(b"content-type"),
    ):
        seen.append(outcome(fn))
    return seen


def pair(fields: list[tuple[str, str]]) -> tuple[Any, Any]:
    ref = std.parse_headers(io.BytesIO(b"\r\n"))  # a message as http.client leaves it (payload "")
    ref._headers = list(fields)
    cand = _message(list(fields))
    assert isinstance(cand, email.message.Message) and isinstance(cand, ours.HTTPMessage)
    assert type(cand._headers) is _FieldList and cand._headers.clean  # the fast paths are the ones compared
    return ref, cand


MUTATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("set"), NAME, VALUE),
        st.tuples(st.just("del"), NAME),
        st.tuples(st.just("replace"), NAME, VALUE),
        st.tuples(st.just("add_header"), NAME, VALUE),
        st.tuples(st.just("set_param"), st.sampled_from(["charset", "boundary", "name"]),
                  st.sampled_from(["utf-8", "x y", "caf\xe9"])),
        st.tuples(st.just("del_param"), st.sampled_from(["charset", "boundary"])),
        st.tuples(st.just("set_raw"), NAME, VALUE),
        st.tuples(st.just("list_append"), NAME, VALUE),
        st.tuples(st.just("list_setitem"), st.integers(0, 20), NAME, VALUE),
        st.tuples(st.just("list_del"), st.integers(0, 20)),
        st.tuples(st.just("list_sort"),),
        st.tuples(st.just("list_assign"),),
        st.tuples(st.just("surrogate"), NAME),
        st.tuples(st.just("header_obj"), NAME),
        st.tuples(st.just("policy"),),
        st.tuples(st.just("set_type"), st.sampled_from(["text/plain", "multipart/mixed", "application/json"])),
        st.tuples(st.just("set_boundary"),),
    ),
    max_size=5,
)


def mutate(msg: Any, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "set":
        msg[op[1]] = op[2]
    elif kind == "del":
        del msg[op[1]]
    elif kind == "replace":
        msg.replace_header(op[1], op[2])
    elif kind == "add_header":
        msg.add_header(op[1], op[2], charset="utf-8", flag=None)
    elif kind == "set_param":
        msg.set_param(op[1], op[2])
    elif kind == "del_param":
        msg.del_param(op[1])
    elif kind == "set_raw":
        msg.set_raw(op[1], op[2])
    elif kind == "list_append":
        msg._headers.append((op[1], op[2]))
    elif kind == "list_setitem":
        if msg._headers:
            msg._headers[op[1] % len(msg._headers)] = (op[2], op[3])
    elif kind == "list_del":
        if msg._headers:
            del msg._headers[op[1] % len(msg._headers)]
    elif kind == "list_sort":
        msg._headers.sort()
    elif kind == "list_assign":
        msg._headers = list(reversed(msg._headers))
    elif kind == "surrogate":
        msg[op[1]] = "x\udcff-y"
    elif kind == "header_obj":
        msg[op[1]] = email.header.Header("h\xe9llo", "utf-8")
    elif kind == "policy":
        msg.policy = email.policy.default
    elif kind == "set_type":
        msg.set_type(op[1])
    elif kind == "set_boundary":
        msg.set_boundary("BOUNDARY")


# ------------------------------------------------------------------------------- A


@SETTINGS
@given(FIELDS)
def test_message_methods_equal(fields: list[tuple[str, str]]) -> None:
    ref, cand = pair(fields)
    assert observe(cand) == observe(ref)


@SETTINGS
@given(FIELDS, MUTATIONS)
def test_message_equal_after_mutations(fields: list[tuple[str, str]], ops: list[tuple[Any, ...]]) -> None:
    ref, cand = pair(fields)
    observe(cand)  # caches built before mutating
    for op in ops:
        a = outcome(lambda: mutate(ref, op))
        b = outcome(lambda: mutate(cand, op))
        assert a == b, op
        assert observe(cand) == observe(ref), op


@SETTINGS
@given(FIELDS)
def test_copy_and_pickle(fields: list[tuple[str, str]]) -> None:
    ref, cand = pair(fields)
    cand.get("content-type")  # with the name cache built
    clones = (copy.copy, copy.deepcopy,
              *((lambda m, p=protocol: pickle.loads(pickle.dumps(m, p)))
                for protocol in range(pickle.HIGHEST_PROTOCOL + 1)))
    for clone in clones:
        a, b = clone(ref), clone(cand)
        assert type(b) is type(cand)
        # a new Compat32 instance compares unequal to any other: compare its type
        assert [o if o[1:] != (a.policy,) else ("policy",) for o in observe(a)] == \
            [o if o[1:] != (b.policy,) else ("policy",) for o in observe(b)]


def test_lazy_message_equals_eager() -> None:
    block = (b"Content-Type: text/plain; charset=latin-1\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\n"
             b"X-Name: Ren\xe9e\r\nX-Folded: a\r\n  b\r\n")
    lazy = _lazy_message(block)
    assert "_headers" not in lazy.__dict__
    eager = _message(_http11.parse_header_block(block.decode("iso-8859-1")))
    assert observe(lazy) == observe(eager)
    with pytest.raises(AttributeError):
        lazy.no_such_attribute  # noqa: B018
    assert not hasattr(_lazy_message(b""), "nothing")


# ------------------------------------------------------------------------------- B

LINE = st.one_of(
    st.tuples(NAME, VALUE).map(lambda f: f"{f[0]}: {f[1]}"),
    st.tuples(NAME, VALUE).map(lambda f: f"{f[0]}:{f[1]}"),
    st.tuples(NAME, VALUE).map(lambda f: f"{f[0]}:  {f[1]}"),
    st.tuples(NAME, VALUE).map(lambda f: f"{f[0]}:\t{f[1]} "),
    st.tuples(NAME, VALUE).map(lambda f: f"{f[0]}: {f[1]}\t"),
    st.tuples(NAME, VALUE, VALUE).map(lambda f: f"{f[0]}: {f[1]}: {f[2]}"),
    VALUE.map(lambda v: " " + v),
    VALUE.map(lambda v: "\t" + v),
    st.text(alphabet=LATIN1, max_size=20),
    st.sampled_from(["junk", ": novalue", "Na me: v", "Name : v", "X-\xe9: v", "X\x7f: v", "X\x00: v", "X: a\x00b",
                     "X: a\rb", "X:", "X: ", "", "\r", ":", ": ", "X: :", "X: a: ", "X::b"]),
)


def blocks() -> Any:
    return st.lists(st.tuples(LINE, st.sampled_from(["\r\n"] * 6 + ["\n", "\r\n"])), max_size=14).map(
        lambda lines: "".join(text + end for text, end in lines)
    )


def _check_parse(block: str) -> None:
    """Eager and lazy messages hold ``parse_header_block``'s fields (clean) and its defects."""
    expected = _http11.parse_header_block(block)
    eager = _message(_http11.parse_header_block(block))
    assert type(eager._headers) is _FieldList and eager._headers.clean and eager._headers == expected
    assert all(type(f) is tuple and len(f) == 2 and type(f[0]) is str and type(f[1]) is str for f in expected)
    if max(block, default="") > "\xff":
        return  # not what a socket can carry (Latin-1 decoded bytes): no lazy message for it
    assert not any("\udc80" <= c <= "\udcff" for _, v in expected for c in v)
    defects = [(type(d), str(d)) for d in _header_defects(_dropped(block))]
    raw = block.encode("iso-8859-1")
    lazy = _lazy_message(raw)
    assert "_headers" not in lazy.__dict__ and "defects" not in lazy.__dict__
    got = lazy._headers
    assert type(got) is _FieldList and got.clean and got == expected
    assert [(type(d), str(d)) for d in lazy.defects] == defects
    assert lazy.items() == eager.items() and lazy.keys() == eager.keys() and lazy.values() == eager.values()
    for name in {k.lower() for k, _ in expected}:
        assert lazy.get(name) == eager.get(name) and lazy.get_all(name) == eager.get_all(name)
    defects_first = _lazy_message(raw)  # touched through .defects first
    assert [(type(d), str(d)) for d in defects_first.defects] == defects
    assert defects_first._headers == expected and "_pending" not in defects_first.__dict__


@SETTINGS
@given(blocks())
def test_parse_equals_project_rules(block: str) -> None:
    _check_parse(block)


def _dropped(block: str) -> list[tuple[str, str]]:
    dropped: list[tuple[str, str]] = []
    _http11.parse_header_block(block, dropped)
    return dropped


@pytest.mark.parametrize("block", [
    "", "A: b\r\n", "A: b\r\nC: d\r\n", "A:b\r\n", "A:  b\r\n", "A: b \r\n", "A: b\r\n c\r\n", "A: b\r\n\tc\r\n",
    " A: b\r\n", "junk\r\nA: b\r\n", "A: b\r\njunk\r\n", "A: b: c\r\n", "junk\r\nY: a: b\r\n", "garbage\r\nY: b\r\n",
    "A: b\nC: d\r\n", "A: b\rC: d\r\n", "A: \xe9\xff\r\n", ": b\r\n", "A b: c\r\n", "A: \r\n", "A:\r\n", "A: b\x00\r\n",
    "Date: Mon, 03 Mar 2025 10:15:42 GMT\r\n", "A: b\r\nA: c\r\na: d\r\n", "A: b", "A: b\r\n\r\n", "X::b\r\n",
    "A: b\r\n:\r\n", "A: b\r\nB:: c\r\n", "A\x7f: b\r\n", "A: b\t\r\n",
])
def test_parse_table(block: str) -> None:
    _check_parse(block)


# ------------------------------------------------------------------------------- C

CLEAN_VALUE = st.one_of(
    st.sampled_from(["text/html; charset=utf-8", "42", "chunked", "", 'attachment; filename="r\xc3\xa9sum\xc3\xa9.txt"',
                     "Ren\xe9e M\xfcller", "a=1; Path=/; HttpOnly", "Mon, 03 Mar 2025 10:15:42 GMT", "x: y"]),
    st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0xFF, blacklist_characters="\x7f"),
            max_size=25),
).filter(lambda v: v == v.strip(" \t"))
CLEAN_NAME = st.one_of(st.sampled_from(["Content-Type", "Set-Cookie", "set-cookie", "X-Name", "Vary", "ETag"]),
                       TOKEN).filter(lambda n: n.lower() not in ("content-length", "transfer-encoding", "connection",
                                                                "proxy-connection", "keep-alive"))


class _Sock:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def makefile(self, *args: Any) -> io.BufferedReader:
        return io.BufferedReader(io.BytesIO(self.data))


def read_all(mod: Any, raw: bytes) -> Any:
    r = mod.HTTPResponse(_Sock(raw), method="GET")
    r.begin()
    msg = r.msg
    names = [k for k, _ in r.getheaders()] + ["content-type", "missing", "SET-COOKIE"]
    seen = [r.status, r.reason, r.getheaders(), msg.items(), msg.keys(), msg.values(), len(msg),
            [(r.getheader(n), r.getheader(n, "d"), msg.get(n), msg.get_all(n), msg[n], n in msg) for n in names],
            msg.get_content_type(), outcome(msg.get_params), outcome(msg.get_charsets), outcome(msg.get_filename),
            outcome(msg.as_string), isinstance(msg, email.message.Message), isinstance(msg, mod.HTTPMessage),
            msg.defects, msg.policy]
    seen.append(r.read())
    return seen


@SETTINGS
@given(st.lists(st.tuples(CLEAN_NAME, CLEAN_VALUE), min_size=0, max_size=20), st.binary(max_size=3000),
       st.sampled_from(["length", "chunked"]), st.integers(1, 700))
def test_whole_response_equals_stdlib(fields: list[tuple[str, str]], body: bytes, framing: str, size: int) -> None:
    head = "".join(f"{k}: {v}\r\n" for k, v in fields).encode("iso-8859-1")
    if framing == "length":
        raw = b"HTTP/1.1 200 OK\r\n" + head + b"Content-Length: %d\r\n\r\n" % len(body) + body
    else:
        pieces = [body[i:i + size] for i in range(0, len(body), size)]
        framed = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
        raw = b"HTTP/1.1 200 OK\r\n" + head + b"Transfer-Encoding: chunked\r\n\r\n" + framed
    a, b = read_all(std, raw), read_all(ours, raw)
    assert a[:14] == b[:14] and a[15:] == b[15:]
    assert b[13] and b[14]


def test_bench_responses_equal_stdlib() -> None:
    """The four responses bench/bench_client.py times read the same as with http.client."""
    spec = importlib.util.spec_from_file_location(
        "_bench_client_for_tests", Path(__file__).resolve().parents[1] / "bench" / "bench_client.py"
    )
    assert spec is not None and spec.loader is not None
    bench_client = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_client)
    assert len(bench_client.RESPONSES) == 4
    for resp in bench_client.RESPONSES:
        a, b = read_all(std, resp.raw), read_all(ours, resp.raw)
        assert a[:14] == b[:14] and a[15:] == b[15:]


@pytest.mark.parametrize(("line", "kind"), [
    (b"junk\r\n", email.errors.MissingHeaderBodySeparatorDefect),
    (b"X: a\r\n: b\r\n", email.errors.InvalidHeaderDefect),
])
def test_dropped_line_defects_through_begin(line: bytes, kind: type) -> None:
    """A head whose lines are dropped still reports them in msg.defects, whichever path begin() took."""
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nA: 1\r\n" + line + b"\r\nok"
    r = ours.HTTPResponse(_Sock(raw), method="GET")
    r.begin()
    assert any(type(d) is kind for d in r.msg.defects)
    assert r.getheader("A") == "1" and r.read() == b"ok"
    r = ours.HTTPResponse(_Sock(raw), method="GET")
    r.begin()
    assert r.msg.get("a") == "1" and any(type(d) is kind for d in r.msg.defects)  # headers touched first


def test_headers_assigned_before_parse_win() -> None:
    """A list assigned to a lazy message's ``_headers`` is kept when its defects are parsed later."""
    msg = _lazy_message(b"A: 1\r\njunk\r\n")
    msg._headers = [("B", "2")]
    assert [type(d) for d in msg.defects] == [email.errors.MissingHeaderBodySeparatorDefect]
    assert msg.items() == [("B", "2")] and msg["a"] is None and msg["b"] == "2"


def test_lnames_follow_list_edits() -> None:
    """Every mutating list method makes the message forget its cached names."""
    msg = _message([("A", "1"), ("B", "2")])
    assert msg["a"] == "1" and "b" in msg
    fields = msg._headers
    assert fields.lnames == ["a", "b"]  # cached by the lookups
    edits = [
        lambda: fields.append(("C", "3")), lambda: fields.extend([("D", "4")]), lambda: fields.insert(0, ("E", "5")),
        lambda: fields.pop(), lambda: fields.remove(("A", "1")), lambda: fields.reverse(),
        lambda: fields.sort(), lambda: fields.__setitem__(0, ("F", "6")), lambda: fields.__delitem__(0),
        lambda: fields.__iadd__([("G", "7")]), lambda: fields.__imul__(2), lambda: fields.clear(),
    ]
    for edit in edits:
        assert fields.lnames is not None  # cached by the previous round's lookups
        edit()
        assert not fields.clean and fields.lnames is None
        ref = std.HTTPMessage()
        ref._headers = list(fields)
        for name in ("a", "b", "c", "d", "e", "f", "g"):
            assert (msg.get(name), msg.get_all(name), name in msg) == (ref.get(name), ref.get_all(name), name in ref)
        assert msg.items() == ref.items() and msg.values() == ref.values()


def _general_read(r: Any) -> bytes:
    """Reference: the general loop of ``HTTPResponse._read_chunked`` for a whole body, on its primitives."""
    parts: list[bytes] = []
    try:
        while (left := r._get_chunk_left()) is not None:
            parts.append(r._read_exact(left))
            r.chunk_left = 0
        return b"".join(parts)
    except ours.IncompleteRead as exc:
        raise ours.IncompleteRead(b"".join(parts)) from exc


def _by_byte_read(r: Any) -> bytes:
    """Reference: the general code through ``read(1)`` until the body ends (valid bodies only)."""
    parts = []
    while piece := r.read(1):
        parts.append(piece)
    return b"".join(parts)


def _chunked_outcomes(chunks: bytes) -> tuple[Any, Any]:
    """(fast read(), general loop): each as (data or error, chunk_left, closed, partial)."""
    raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks
    results = []
    for reader in (lambda r: r.read(), _general_read):
        r = ours.HTTPResponse(_Sock(raw), method="GET")
        r.begin()
        partial = None
        try:
            got: Any = ("ok", reader(r))
        except ours.IncompleteRead as exc:
            got, partial = ("err", "IncompleteRead", str(exc)), exc.partial
        except Exception as exc:
            got = ("err", type(exc).__name__, str(exc))
        results.append((got, r.chunk_left, r.fp is None, partial))
    return results[0], results[1]


@pytest.mark.parametrize("chunks", [
    b"5\r\nhello\r\n0\r\n\r\n",
    b"5;ext=1\r\nhello\r\n0\r\n\r\n",
    b"5 \r\nhello\r\n0\r\nTrailer: x\r\n\r\n",
    b"5\r\nhello\r\n0\r\n",  # EOF instead of the final CRLF
    b"5\r\nhello\r\n0",  # EOF inside the last chunk line
    b"5\r\nhel",  # short chunk
    b"5\r\nhelloXX0\r\n\r\n",  # no CRLF after the data
    b"zz\r\nhello\r\n",  # bad size
    b"+5\r\nhello\r\n0\r\n\r\n",
    b"0x5\r\nhello\r\n0\r\n\r\n",
    b"",  # EOF at once
    b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
    b"3\r\nabc\r\n" + b"1" * 70000 + b"\r\n",  # chunk-size line too long
    b"3\r\nabc\r\n0\r\n" + b"T: x\r\n" * 200 + b"\r\n",  # too many trailer lines
    b"1000\r\n" + b"a" * 4096 + b"\r\n" * 2 + b"0\r\n\r\n",
])
def test_chunked_fast_loop_same_as_general(chunks: bytes) -> None:
    """The whole-body loop and the general reader agree: data or error, partial data, state."""
    fast, general = _chunked_outcomes(chunks)
    assert fast == general
    if fast[0][0] == "ok":
        r = ours.HTTPResponse(_Sock(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks), method="GET")
        r.begin()
        assert _by_byte_read(r) == fast[0][1] and r.chunk_left is None and r.fp is None


def test_chunked_fast_loop_is_used() -> None:
    """read() of a whole plain chunked body does not go through the per-chunk helpers."""
    r = ours.HTTPResponse(_Sock(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"),
                          method="GET")
    r.begin()

    def refuse() -> None:
        raise AssertionError("general loop used")

    r._get_chunk_left = refuse  # type: ignore[method-assign]
    assert r.read() == b"abc" and r.fp is None and r.chunk_left is None


CHUNK_LINE = st.sampled_from(["%x", "%X", "%04x", "%x;ext=1", "%x ", "%x\t;a=b", "+%x", "0x%x", "%x_"])


@SETTINGS
@given(st.lists(st.tuples(st.binary(max_size=300), CHUNK_LINE, st.sampled_from([b"\r\n"] * 5 + [b"\n", b"XX", b""])),
                max_size=6),
       st.sampled_from([b"0\r\n\r\n", b"0\r\nT: x\r\n\r\n", b"0\r\n", b"0", b"", b"0;e\r\n\r\n"]),
       st.integers(0, 4000))
def test_chunked_fast_loop_generated(pieces: list[tuple[bytes, str, bytes]], last: bytes, cut: int) -> None:
    """Generated chunked bodies (odd size lines, bad data ends, truncation): fast loop = general reader."""
    body = b"".join((line % len(data)).encode() + b"\r\n" + data + end for data, line, end in pieces) + last
    fast, general = _chunked_outcomes(body)
    assert fast == general
    fast, general = _chunked_outcomes(body[:cut])
    assert fast == general


def test_subclass_chunk_reader_runs_for_every_chunk() -> None:
    """A subclass that overrides a per-chunk step sees every chunk, as with CPython's reader."""
    import io as _io

    from httpi18n import client as _client

    seen: list[int] = []

    class Counting(_client.HTTPResponse):
        def _read_next_chunk_size(self) -> int:
            size = super()._read_next_chunk_size()
            seen.append(size)
            return size

    class Sock:
        def makefile(self, mode: str) -> _io.BufferedReader:
            return _io.BufferedReader(_io.BytesIO(
                b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"))

    resp = Counting(Sock())
    resp.begin()
    assert resp.read() == b"abcde"
    assert seen == [3, 2, 0]
    assert _client.HTTPResponse._own_chunk_steps and not Counting._own_chunk_steps
