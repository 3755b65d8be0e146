"""httpi18n.client against the running Python's http.client: names, private helpers, debug output.

Libraries reach into ``http.client`` beyond its documented API (urllib3
calls ``_read_headers`` and ``HTTPResponse._safe_read``, CPython's own suites
hook ``_close_conn``), so every module-level name of the running Python's
``http.client`` must exist in ours with the same meaning; these tests check
the names, then the behaviour of each private helper side by side with the
standard library's.
"""

from __future__ import annotations

import contextlib
import email.errors
import http.client as std
import io
import re
import sys
import types
from typing import Any

import pytest

from httpi18n import client


class FakeSocket:
    """Just enough socket for both clients: a canned reply, the bytes sent."""

    def __init__(self, reply: bytes, buffered: bool = True) -> None:
        self.reply = reply
        self.buffered = buffered
        self.sent = b""

    def makefile(self, mode: str, *args: Any) -> Any:
        raw = io.BytesIO(self.reply)
        return io.BufferedReader(raw) if self.buffered else raw

    def sendall(self, data: bytes) -> None:
        self.sent += bytes(data)

    def setsockopt(self, *args: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _response(module: types.ModuleType, reply: bytes, method: str = "GET", debuglevel: int = 0,
              buffered: bool = True) -> Any:
    response = module.HTTPResponse(FakeSocket(reply, buffered), debuglevel=debuglevel, method=method)
    response.begin()
    return response


# --------------------------------------------------------------------------- names


def _std_names() -> list[str]:
    return [n for n in dir(std) if not (n.startswith("__") and n.endswith("__"))]


def test_every_module_name_of_http_client_exists() -> None:
    missing = [n for n in _std_names() if not hasattr(client, n)]
    assert missing == []


@pytest.mark.parametrize("name", _std_names())
def test_module_name_has_the_same_meaning(name: str) -> None:
    theirs, ours = getattr(std, name), getattr(client, name)
    if isinstance(theirs, types.ModuleType):
        assert ours is theirs  # the same standard module (socket, ssl, email, http, ...)
    elif isinstance(theirs, type):
        assert isinstance(ours, type)
        for base_name in ("HTTPException", "ImproperConnectionState", "BadStatusLine", "HTTPConnection"):
            if issubclass(theirs, getattr(std, base_name)):
                assert issubclass(ours, getattr(client, base_name)), base_name
        for builtin in (Exception, ConnectionError, io.BufferedIOBase, email.message.Message):
            assert issubclass(ours, builtin) == issubclass(theirs, builtin), builtin
    elif isinstance(theirs, re.Pattern):
        assert isinstance(ours, re.Pattern) and ours.pattern == theirs.pattern
    elif name == "responses":
        assert set(ours) == set(theirs)  # phrases follow 3.13 on every Python
    elif isinstance(theirs, (set, frozenset)):
        assert set(ours) == set(theirs)
    elif isinstance(theirs, (int, str, bytes)):
        assert ours == theirs
    else:
        assert callable(theirs) and callable(ours)


@pytest.mark.parametrize("cls", ["HTTPResponse", "HTTPConnection", "HTTPSConnection", "HTTPMessage"])
def test_every_class_attribute_exists(cls: str) -> None:
    names = [n for n in dir(getattr(std, cls)) if not (n.startswith("__") and n.endswith("__"))]
    missing = [n for n in names if not hasattr(getattr(client, cls), n)]
    assert missing == []


def test_header_checks_are_as_strict_or_stricter() -> None:
    for name in (b"X-Ok", b"Content-Type", b"a"):
        assert client._is_legal_header_name(name) and std._is_legal_header_name(name)
    for name in (b"", b" lead", b"a:b", b"\r\nX", b"a\r\nb"):
        assert not client._is_legal_header_name(name) and not std._is_legal_header_name(name)
    assert not client._is_legal_header_name(b"a\x00b")  # NUL: refused by us only
    for value in (b"ok", b"folded\r\n\tline", b""):
        assert not client._is_illegal_header_value(value) and not std._is_illegal_header_value(value)
    for value in (b"a\r\nX-Injected: 1", b"a\rb", b"a\nb"):
        assert client._is_illegal_header_value(value) and std._is_illegal_header_value(value)
    assert client._is_illegal_header_value(b"a\x00b")


def test_encode_is_cpythons() -> None:
    assert client._encode("abc") == std._encode("abc") == b"abc"
    for module in (client, std):
        with pytest.raises(UnicodeEncodeError) as info:
            module._encode("日本", "body")
        assert "Body ('日本') is not valid Latin-1" in str(info.value)


# --------------------------------------------------------------------------- _read_headers


@pytest.mark.parametrize("count", [0, 1, 98, 99, 100, 101])
def test_read_headers_counts_the_blank_line(count: int) -> None:
    head = b"".join(b"X-H%d: v\r\n" % i for i in range(count)) + b"\r\nbody"
    results = []
    for module in (std, client):
        fp = io.BytesIO(head)
        try:
            results.append(module._read_headers(fp))
        except module.HTTPException as exc:
            results.append(str(exc))
    assert results[0] == results[1]
    assert (count < 100) == isinstance(results[1], list)


@pytest.mark.parametrize("count", [99, 100])
def test_response_header_limit_as_cpython(count: int) -> None:
    """Both the one-shot path (buffered reader) and the line path stop where CPython stops."""
    reply = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(count - 1))
    reply += b"Content-Length: 2\r\n\r\nhi"
    for buffered in (True, False):
        outcomes = []
        for module in (std, client):
            try:
                outcomes.append(_response(module, reply, buffered=buffered).read())
            except module.HTTPException as exc:
                outcomes.append(str(exc))
        assert outcomes[0] == outcomes[1], buffered
    assert outcomes[1] == (b"hi" if count < 100 else "got more than 100 headers")


def test_parse_header_lines() -> None:
    lines = [b"Content-Type: text/html\r\n", b"X-A: 1\r\n", b"x-a: 2\r\n", b"\r\n"]
    ours = client._parse_header_lines(lines)
    assert isinstance(ours, client.HTTPMessage)
    assert ours.items() == [("Content-Type", "text/html"), ("X-A", "1"), ("x-a", "2")]
    assert ours.get_all("x-a") == ["1", "2"] and ours.get_content_type() == "text/html"
    if hasattr(std, "_parse_header_lines"):
        assert std._parse_header_lines(lines).items() == ours.items()
    fp = io.BytesIO(b"A: 1\r\nB: 2\r\n\r\nrest")
    msg = client.parse_headers(fp)
    assert msg.items() == [("A", "1"), ("B", "2")] and fp.read() == b"rest"


# --------------------------------------------------------------------------- defects


@pytest.mark.parametrize(
    "line, defect",
    [
        (b": Value", email.errors.InvalidHeaderDefect),
        (b":", email.errors.InvalidHeaderDefect),
        (b"Broken Header", email.errors.MissingHeaderBodySeparatorDefect),
        (b"Bad Name: x", email.errors.MissingHeaderBodySeparatorDefect),
    ],
)
@pytest.mark.parametrize("buffered", [True, False])
def test_malformed_header_lines_leave_a_defect(line: bytes, defect: type, buffered: bool) -> None:
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + line + b"\r\nAnother: Header\r\n\r\n"
    theirs = _response(std, reply, buffered=buffered)
    ours = _response(client, reply, buffered=buffered)
    assert [type(d) for d in theirs.msg.defects] == [defect]
    assert [type(d) for d in ours.msg.defects] == [defect]
    assert repr(line.decode())[1:-1] in str(ours.msg.defects[0])  # the line is named, escaped
    # Unlike CPython (whose parser makes the rest of the head the payload),
    # the fields after the bad line are kept.
    assert ours.getheader("Another") == "Header" and ours.msg.get_payload() == ""


def test_defects_of_a_lazy_message_come_on_first_look() -> None:
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nno colon here\r\n\r\nok"
    response = _response(client, reply)
    assert "_pending" in response.msg.__dict__  # the one-shot path kept the raw head
    assert [type(d) for d in response.msg.defects] == [email.errors.MissingHeaderBodySeparatorDefect]
    assert response.read() == b"ok"
    clean = _response(client, b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    assert clean.msg.defects == []


# --------------------------------------------------------------------------- responses


def test_safe_read_and_readinto() -> None:
    for module in (std, client):
        response = _response(module, b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789")
        assert response._safe_read(4) == b"0123"
        buf = bytearray(3)
        assert response._safe_readinto(buf) == 3 and buf == b"456"
        with pytest.raises(module.IncompleteRead) as info:
            response._safe_read(5)
        assert info.value.partial == b"789"


def test_read_calls_close_conn_when_the_body_ends() -> None:
    """An instance or subclass override of _close_conn runs (CPython's test_httpservers relies on it)."""
    calls: list[str] = []
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    response = _response(client, reply)

    def close_conn() -> None:
        calls.append("instance")
        response.fp = None

    response._close_conn = close_conn  # type: ignore[method-assign]
    assert response.read() == b"hello" and calls == ["instance"]

    class Counting(client.HTTPResponse):
        def _close_conn(self) -> None:
            calls.append("subclass")
            super()._close_conn()

    for reply in (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        b"HTTP/1.0 200 OK\r\n\r\nhello",
    ):
        calls.clear()
        counted = Counting(FakeSocket(reply), method="GET")
        counted.begin()
        assert counted.read() == b"hello" and calls == ["subclass"] and counted.isclosed()


@pytest.mark.parametrize("buffered", [True, False])
def test_lone_interim_response_then_close(buffered: bool) -> None:
    for status in (b"102 Processing", b"103 Early Hints"):
        reply = b"HTTP/1.1 " + status + b"\r\nX-Hint: 1\r\n\r\n"
        for module in (std, client):
            response = _response(module, reply, buffered=buffered)
            assert (response.status, response.getheader("X-Hint"), response.read()) == (int(status[:3]), "1", b"")
    for module in (std, client):  # a lone 100: the final response is missing
        with pytest.raises(module.RemoteDisconnected):
            _response(module, b"HTTP/1.1 100 Continue\r\n\r\n", buffered=buffered)


def test_interim_response_followed_by_the_final_one() -> None:
    """Kept difference: a 1xx (not 100/101) followed by the answer gives the answer (RFC 9110 §15.2)."""
    reply = b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
    assert _response(std, reply).status == 103  # CPython stops at the hint
    response = _response(client, reply)
    assert (response.status, response.read()) == (200, b"ok")


@pytest.mark.parametrize("buffered", [True, False])
def test_bare_cr_in_reason_phrase_is_a_space(buffered: bool) -> None:
    """As a CR inside a field value: replaced by a space, never a line end."""
    reply = b"HTTP/1.1 200 OK\rSet-Cookie: x=1\r\nContent-Length: 2\r\n\r\nok"
    response = _response(client, reply, buffered=buffered)
    assert response.status == 200
    assert response.reason == "OK Set-Cookie: x=1"
    assert response.getheader("Set-Cookie") is None and response.getheaders() == [("Content-Length", "2")]
    assert response.read() == b"ok"
    nul = _response(client, b"HTTP/1.1 404 Not\x00Found\r\nContent-Length: 0\r\n\r\n", buffered=buffered)
    assert nul.reason == "Not Found"


# --------------------------------------------------------------------------- requests


def _sent(module: types.ModuleType, calls: Any) -> bytes:
    conn = module.HTTPConnection("example.invalid")
    conn.sock = FakeSocket(b"")
    calls(conn)
    return conn.sock.sent


def test_putrequest_blank_as_cpython() -> None:
    def blank(conn: Any) -> None:
        conn._http_vsn_str = ""
        conn.putrequest("", "")
        conn.endheaders()

    assert _sent(client, blank) == _sent(std, blank)


def test_methods_must_still_be_tokens() -> None:
    conn = client.HTTPConnection("example.invalid")
    for method in ("GET /x", "G(ET", "GET\r\n"):
        with pytest.raises(ValueError):
            conn.putrequest(method, "/")
        conn._HTTPConnection__state = client._CS_IDLE


# --------------------------------------------------------------------------- debug output


def _debug_output(module: types.ModuleType, reply: bytes, body: Any = None, buffered: bool = True) -> str:
    out = io.StringIO()
    conn = module.HTTPConnection("example.invalid")
    conn.set_debuglevel(1)
    sock = FakeSocket(reply, buffered)
    conn.sock = sock
    with contextlib.redirect_stdout(out):
        conn.request("POST" if body is not None else "GET", "/x", body=body, headers={"X-Test": "1"})
        response = conn.getresponse()
        response.read()
    return out.getvalue()


@pytest.mark.parametrize(
    "reply",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nX-Two: a\r\n\r\nok",
        b"HTTP/1.1 100 Continue\r\nX-Interim: 1\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
        b"HTTP/1.0 404 Not Found\r\nServer: x\r\n\r\nnothing",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
    ],
)
@pytest.mark.parametrize("body", [None, b"data", io.BytesIO(b"file body"), [b"it", b"", b"er"]])
def test_debuglevel_output_is_cpythons(reply: bytes, body: Any) -> None:
    if isinstance(body, io.BytesIO):
        theirs = _debug_output(std, reply, io.BytesIO(body.getvalue()))
        ours = _debug_output(client, reply, io.BytesIO(body.getvalue()))
    else:
        theirs = _debug_output(std, reply, body)
        ours = _debug_output(client, reply, body)
    address = re.compile(r" at 0x[0-9a-f]+>")  # "Unable to determine size of <_io.BytesIO object at 0x...>"
    assert address.sub(">", ours) == address.sub(">", theirs)
    assert "reply:" in ours and "header:" in ours and "send:" in ours


def test_tunnel_debug_output_and_proxy_headers_are_cpythons() -> None:
    reply = b"HTTP/1.1 200 Connection established\r\nProxy-Agent: test\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"
    outputs, proxy_headers = [], []
    for module in (std, client):
        out = io.StringIO()
        conn = module.HTTPConnection("proxy.invalid", 3128)
        conn.set_tunnel("origin.invalid", 443)
        sock = FakeSocket(reply)
        conn._create_connection = lambda *args, **kwargs: sock  # type: ignore[attr-defined]
        with contextlib.redirect_stdout(out):
            conn.connect()
        outputs.append(out.getvalue())
        if hasattr(std.HTTPConnection, "get_proxy_response_headers"):
            proxy_headers.append(conn.get_proxy_response_headers().items())
        assert sock.sent.startswith(b"CONNECT origin.invalid:443 HTTP/1.")
    assert outputs[0] == outputs[1]
    assert proxy_headers[:1] == proxy_headers[1:]
    if sys.version_info >= (3, 12):
        assert proxy_headers[1] == [("Proxy-Agent", "test")]


# --------------------------------------------------------------------------- patching


def test_patching_socket_on_the_module_takes_effect() -> None:
    """``mock.patch.object(client, "socket")`` reaches the code, though it lives in a part module."""
    from unittest import mock

    from httpi18n import _client_connection

    with mock.patch.object(client, "socket") as fake:
        conn = client.HTTPConnection("example.invalid", 8080, timeout=3)
        conn.connect()
        fake.create_connection.assert_called_once_with(("example.invalid", 8080), 3, None)
        assert conn.sock is fake.create_connection.return_value
        assert _client_connection.socket is fake
    assert client.socket is _client_connection.socket is __import__("socket")


@pytest.mark.parametrize("buffered", [True, False])
def test_patching_maxheaders_takes_effect(buffered: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    reply = b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(150)) + b"Content-Length: 0\r\n\r\n"
    with pytest.raises(client.HTTPException, match="got more than 100 headers"):
        _response(client, reply, buffered=buffered)
    monkeypatch.setattr(client, "_MAXHEADERS", 200)
    assert _response(client, reply, buffered=buffered).getheader("X-H149") == "v"
    monkeypatch.undo()
    with pytest.raises(client.HTTPException):
        _response(client, reply, buffered=buffered)


def test_patching_https_context_factory_takes_effect() -> None:
    from unittest import mock

    pytest.importorskip("ssl")
    context = mock.Mock(check_hostname=True, verify_mode=2)  # what 3.10/3.11's constructor reads
    with mock.patch.object(client, "_create_https_context", return_value=context) as factory:
        conn = client.HTTPSConnection("example.invalid")
    factory.assert_called_once_with(11)
    assert conn._context is context


def test_names_come_from_the_client_module() -> None:
    """The parts' classes and functions say they are httpi18n.client's (reprs, pickling, CPython's test_all)."""
    import pickle

    for name in client.__all__:
        value = getattr(client, name)
        if isinstance(value, type):
            assert value.__module__ == "httpi18n.client", name
    err = pickle.loads(pickle.dumps(client.IncompleteRead(b"ab", 3)))
    assert type(err) is client.IncompleteRead and err.partial == b"ab"
    for module in ("_client_base", "_client_message", "_client_response", "_client_connection", "_client_https"):
        path = __import__("pathlib").Path(client.__file__).with_name(module + ".py")
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 800, module
