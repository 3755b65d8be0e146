"""Response heads: :class:`HTTPMessage`, header reading and parsing, and body framing.

Part of :mod:`httpi18n.client` (which re-exports every name): the header
block is parsed by :mod:`httpi18n._http11`, never by :mod:`email.parser`,
and the result is an :class:`email.message.Message` filled directly, parsed
lazily when the head scanned cleanly.  Dropped lines are reported as
``email`` defects.  The framing helpers work out Content-Length,
Transfer-Encoding and Connection from the fields or from one scan of the
raw head.
"""

from __future__ import annotations

import email.errors
import email.message
import re
from email import policy as _email_policy
from operator import itemgetter
from typing import Any

from . import _http11
from ._client_base import _MAXHEADERS, _MAXLINE, HTTPException, LineTooLong, UnknownProtocol

def _header_defects(dropped: list[tuple[str, str]]) -> list[email.errors.MessageDefect]:
    """The ``email`` defects for header lines our parser dropped.

    The classes are the ones CPython's ``email`` parser records for such
    lines, so that code which inspects ``msg.defects`` (urllib3 logs "Failed
    to parse headers") sees them; the message names the line (escaped).
    """
    defects: list[email.errors.MessageDefect] = []
    for kind, line in dropped:
        if kind == _http11.DROPPED_NO_NAME:
            defects.append(email.errors.InvalidHeaderDefect(f"Missing header name: {line!r}"))
        elif kind == _http11.DROPPED_FOLD:
            defects.append(email.errors.FirstHeaderLineIsContinuationDefect(f"continuation line dropped: {line!r}"))
        else:
            defects.append(email.errors.MissingHeaderBodySeparatorDefect(f"header line dropped: {line!r}"))
    return defects


_COMPAT32 = _email_policy.compat32
_new_object = object.__new__
_first = itemgetter(0)


class _FieldList(list):  # type: ignore[type-arg]
    """An :class:`HTTPMessage`'s ``_headers``: a list that remembers lower-case names.

    Two facts live in the instance ``__dict__`` (so copy and every pickle
    protocol keep them without extra code): ``lnames``, the lower-case
    names, built on the first lookup; ``clean``, true when the list came
    from our parser, i.e. every element is a ``(str, str)`` tuple whose
    value has no surrogates (Latin-1 decoded), so that compat32's
    ``header_fetch_parse`` would return each value itself.  Every mutating
    list method (which ``email``'s own mutators use) forgets both facts; a
    list ``email`` assigns anew is a plain ``list`` and the message then
    uses ``email``'s code.
    """

    lnames: list[str] | None = None
    clean = False

    def _index(self) -> list[str]:
        """The lower-case names, with C-level calls (``TypeError`` if a name is not a ``str``)."""
        lnames = "\n".join(map(_first, self)).lower().split("\n") if self else []
        if len(lnames) != len(self):  # a name holding LF (only after edits)
            lnames = [k.lower() for k, _ in self]
        self.lnames = lnames
        return lnames

    def _dirty(self) -> None:
        state = self.__dict__
        state.pop("lnames", None)
        state.pop("clean", None)


def _mutator(name: str) -> Any:
    """A *name* method for :class:`_FieldList`: forget the cached facts, then ``list``'s."""
    base = getattr(list, name)

    def method(self: _FieldList, *args: Any) -> Any:
        self._dirty()
        return base(self, *args)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = base.__doc__
    return method


for _name in (
    "append", "extend", "insert", "pop", "remove", "clear", "reverse",
    "__setitem__", "__delitem__", "__iadd__", "__imul__",
):  # fmt: skip
    setattr(_FieldList, _name, _mutator(_name))


def _sort(self: _FieldList, *, key: Any = None, reverse: bool = False) -> None:
    self._dirty()
    list.sort(self, key=key, reverse=reverse)


_FieldList.sort = _sort  # type: ignore[method-assign,assignment]


def _clean_list(fields: Any) -> _FieldList:
    """*fields* (``(str, str)`` pairs from our parser) as a clean :class:`_FieldList`."""
    out = _FieldList(fields)
    out.clean = True
    return out


class HTTPMessage(email.message.Message):
    """Response (or request) headers: an :class:`email.message.Message` (compat32).

    Filled directly from our parser, so ``get``/``get_all``/``items``/
    ``keys``/``in`` behave as with :mod:`http.client`.  Header lines the
    parser drops are listed in ``defects`` (see :func:`_header_defects`).

    A response head that scanned cleanly keeps its raw bytes until someone
    looks at ``_headers`` or ``defects`` (:meth:`__getattr__`); after that
    both are plain instance attributes.  ``get``, ``get_all``, ``in``,
    ``items`` and ``values`` answer from the cached lower-case names of
    the field list (:class:`_FieldList`) with the results ``email``'s code
    gives; under another policy, or once ``email`` replaced the list, they
    are ``email``'s code.
    """

    def __getattr__(self, name: str) -> Any:
        # Only reached when the normal lookup fails: "_headers" or "defects"
        # of a lazy message before first use.
        if name == "_headers" or name == "defects":
            state = self.__dict__
            if "_pending" in state:
                self._parse_pending()
                return state[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _parse_pending(self) -> list[tuple[str, str]]:
        state = self.__dict__
        dropped: list[tuple[str, str]] = []
        fields = _clean_list(_http11.parse_header_block(state.pop("_pending", b"").decode("iso-8859-1"), dropped))
        fields = state.setdefault("_headers", fields)  # a list assigned meanwhile wins
        defects = state.setdefault("defects", [])
        if dropped:
            defects.extend(_header_defects(dropped))
        return fields

    def get(self, name: Any, failobj: Any = None) -> Any:
        """The first value of field *name* (any case), or *failobj*."""
        headers = self._headers
        if self.policy is _COMPAT32 and type(headers) is _FieldList:
            try:
                lnames = headers.lnames or headers._index()
            except TypeError:
                return super().get(name, failobj)
            name = name.lower()
            if name in lnames:
                k, v = headers[lnames.index(name)]
                if headers.clean or (type(v) is str and v.isascii()):
                    return v  # what compat32's header_fetch_parse returns for it
                return _COMPAT32.header_fetch_parse(k, v)
            return failobj
        return super().get(name, failobj)

    def get_all(self, name: Any, failobj: Any = None) -> Any:
        """Every value of field *name* (any case) in order, or *failobj* when there is none."""
        headers = self._headers
        if self.policy is _COMPAT32 and type(headers) is _FieldList:
            try:
                lnames = headers.lnames or headers._index()
            except TypeError:
                return super().get_all(name, failobj)
            name = name.lower()
            count = lnames.count(name)
            if not count:
                return failobj
            if count == 1:
                found = [headers[lnames.index(name)]]
            else:
                found = [field for field, lname in zip(headers, lnames) if lname == name]
            if headers.clean:
                return [v for _, v in found]
            fetch = _COMPAT32.header_fetch_parse
            return [v if type(v) is str and v.isascii() else fetch(k, v) for k, v in found]
        return super().get_all(name, failobj)

    def __contains__(self, name: Any) -> bool:
        headers = self._headers
        if type(headers) is _FieldList:
            try:
                lnames = headers.lnames or headers._index()
            except TypeError:
                return super().__contains__(name)
            return name.lower() in lnames
        return super().__contains__(name)

    def items(self) -> list[tuple[Any, Any]]:  # type: ignore[override]
        """``[(name, value), ...]`` in order."""
        headers = self._headers
        if type(headers) is _FieldList and headers.clean and self.policy is _COMPAT32:
            return list(headers)  # equal to the tuples email would build
        return super().items()

    def values(self) -> list[Any]:  # type: ignore[override]
        """Every field value in order."""
        headers = self._headers
        if type(headers) is _FieldList and headers.clean and self.policy is _COMPAT32:
            return [v for _, v in headers]
        return super().values()

    def getallmatchingheaders(self, name: str) -> list[str]:
        """Every ``'Name: value'`` line (CRLF-terminated) whose name is *name*, any case."""
        wanted = name.lower()
        return [f"{k}: {v}\r\n" for k, v in self._headers if k.lower() == wanted]


_MESSAGE_STATE: dict[str, Any] = {
    "policy": _COMPAT32,
    "_headers": None,
    "_unixfrom": None,
    "_payload": "",
    "_charset": None,
    "preamble": None,
    "epilogue": None,
    "defects": None,
    "_default_type": "text/plain",
}


def _message(
    fields: list[tuple[str, str]], cls: type = HTTPMessage, defects: list[email.errors.MessageDefect] | None = None
) -> Any:
    """An *cls* instance holding *fields* (and *defects*), without running ``email.parser``."""
    if cls is HTTPMessage:
        msg = _new_object(HTTPMessage)
        state = _MESSAGE_STATE.copy()
        state["_headers"] = _clean_list(fields)
        state["defects"] = defects or []
        msg.__dict__ = state
        return msg
    msg = cls()
    msg._headers = _clean_list(fields) if isinstance(msg, HTTPMessage) else fields
    if defects:
        msg.defects.extend(defects)
    if getattr(msg, "_payload", "") is None:
        msg._payload = ""
    return msg


# Lazy: neither "_headers" nor "defects" until the block is parsed.
_LAZY_MESSAGE_STATE: dict[str, Any] = {
    **{k: v for k, v in _MESSAGE_STATE.items() if k not in ("_headers", "defects")},
    "_pending": b"",
}


def _lazy_message(block: bytes) -> HTTPMessage:
    """An :class:`HTTPMessage` whose fields (and defects) are parsed from *block* on first use."""
    msg = _new_object(HTTPMessage)
    state = _LAZY_MESSAGE_STATE.copy()
    state["_pending"] = block
    msg.__dict__ = state
    return msg


_END_OF_HEAD = (b"\r\n", b"\n", b"")


def _read_headers(fp: Any) -> list[bytes]:
    """Read a head's raw lines from *fp*, up to and including the blank line (or EOF).

    As CPython's: each line is checked against ``_MAXLINE``, and the
    terminating line counts toward ``_MAXHEADERS`` (so 100 fields and the
    blank line are one too many).
    """
    lines: list[bytes] = []
    readline = fp.readline
    while True:
        line = readline(_MAXLINE + 1)
        if len(line) > _MAXLINE:
            raise LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAXHEADERS:
            raise HTTPException(f"got more than {_MAXHEADERS} headers")
        if line in _END_OF_HEAD:
            return lines


def _fields_of(lines: list[bytes]) -> tuple[list[tuple[str, str]], list[email.errors.MessageDefect]]:
    """Parse raw header lines (with terminators; a final blank line is ignored): fields and defects."""
    if lines and lines[-1] in _END_OF_HEAD:
        lines = lines[:-1]
    dropped: list[tuple[str, str]] = []
    fields = _http11.parse_header_block(b"".join(lines).decode("iso-8859-1"), dropped)
    return fields, _header_defects(dropped) if dropped else []


def _parse_header_lines(header_lines: list[bytes], _class: type = HTTPMessage) -> Any:
    """A *_class* message from raw header lines as :func:`_read_headers` returns them.

    Lines after a blank line are not headers: as with CPython's parser they
    become the message's payload.
    """
    for i, line in enumerate(header_lines):
        if line in (b"\r\n", b"\n"):
            rest = b"".join(header_lines[i + 1 :])
            header_lines = header_lines[:i]
            break
    else:
        rest = b""
    fields, defects = _fields_of(header_lines)
    msg = _message(fields, _class, defects)
    if rest:
        msg.set_payload(rest.decode("iso-8859-1"))
    return msg


def parse_headers(fp: Any, _class: type = HTTPMessage) -> Any:
    """Read a header block from *fp* up to the blank line and return an :class:`HTTPMessage`."""
    return _parse_header_lines(_read_headers(fp), _class)


_status_cache: dict[bytes, tuple[int, int, str]] = {}
_status_cache_get = _status_cache.get


def _has_token(values: list[str], token: str) -> bool:
    """Whether comma-separated *values* contain *token* (lower-case), any case."""
    for value in values:
        for item in value.split(","):
            if item.strip(" \t").lower() == token:
                return True
    return False


def _version_number(version: str) -> int:
    """10 or 11 for an ``HTTP/x.y`` version string, else :class:`UnknownProtocol`."""
    if version in ("HTTP/1.0", "HTTP/0.9"):
        return 10
    if version.startswith("HTTP/1."):
        return 11
    raise UnknownProtocol(version)


_FRAMING_NAMES = frozenset({"content-length", "transfer-encoding", "connection", "proxy-connection", "keep-alive"})


def _framing_from_fields(fields: list[tuple[str, str]]) -> tuple[list[str], list[str], list[str], bool]:
    """Content-Length, Transfer-Encoding, Connection values and Keep-Alive presence."""
    cl: list[str] = []
    te: list[str] = []
    conn: list[str] = []
    keep_alive = False
    for name, value in fields:
        lname = name.lower()
        if lname not in _FRAMING_NAMES:
            continue
        if lname == "content-length":
            cl.append(value)
        elif lname == "transfer-encoding":
            te.append(value)
        elif lname == "keep-alive":
            keep_alive = True
        else:
            conn.append(value)
    return cl, te, conn, keep_alive


# A framing field at a line start, its raw value, and (looked at, not
# consumed) what follows the value's CR: b"\n" for a plain line end, b"\n"
# + SP/HTAB when an obs-fold follows, another byte for a bare CR inside it.
_FRAMING_FIELD = re.compile(
    rb"\n(content-length|transfer-encoding|connection|proxy-connection|keep-alive):([^\r\n]*)\r(?=(\n[ \t]?|[^\n]))",
    re.IGNORECASE,
)


# One scan of the lower-cased head (CRLF line ends expected) for what the
# fast path of HTTPResponse.begin() cannot handle, and for the simple framing
# it can.  A match of at most two bytes is trouble: a bare LF, an obs-fold
# anywhere (it may join a framing field even across a dropped line), or a
# framing field of a kind that needs the general rules (any
# Transfer-Encoding but a lone "chunked", Proxy-Connection, a Content-Length
# that is not plain digits, a Connection that mentions "close" or holds
# NUL/CR; more than 18 digits).  A longer match is the whole
# "\ncontent-length: <digits>" or "\ntransfer-encoding: chunked" of a plain
# field.  A plain Connection field (no "close") does not match at all.  (Branches start with a literal where
# possible: the regex engine rejects those on their first byte.)
_SIMPLE_FRAMING = re.compile(
    rb"\n(?:(?<!\r\n)|[ \t]"
    rb"|content-length:[ \t]*[0-9]{1,18}[ \t]*(?=\r\n)"
    rb"|transfer-encoding:[ \t]*chunked[ \t]*(?=\r\n)"
    rb"|c(?=ontent-length:|onnection:(?:[^\r\n]*close|(?![^\r\n\x00]*\r\n)))"
    rb"|t(?=ransfer-encoding:)|p(?=roxy-connection:))"
).findall


def _framing_from_head(head: bytes) -> tuple[list[str], list[str], list[str], bool] | None:
    """As :func:`_framing_from_fields`, with one C-speed scan of the raw *head*.

    *head* is the whole head (status line included) with CRLF line ends
    only.  Returns ``None`` when the head has an obs-fold or a framing field
    holds CR or NUL, where the field rules would rewrite the value: the
    caller then parses all fields.
    """
    if b"\n " in head or b"\n\t" in head:
        return None  # an obs-fold can join a framing field even across a dropped line
    cl: list[str] = []
    te: list[str] = []
    conn: list[str] = []
    keep_alive = False
    for name, value, after in _FRAMING_FIELD.findall(head):
        if after != b"\n" or b"\x00" in value:
            return None
        name = name.lower()
        if name == b"content-length":
            cl.append(value.strip(b" \t").decode("iso-8859-1"))
        elif name == b"transfer-encoding":
            te.append(value.strip(b" \t").decode("iso-8859-1"))
        elif name == b"keep-alive":
            keep_alive = True
        else:
            conn.append(value.strip(b" \t").decode("iso-8859-1"))
    return cl, te, conn, keep_alive
