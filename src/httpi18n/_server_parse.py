"""Private request-head parser of :mod:`httpi18n.server` (no :mod:`email.parser`).

The header section is read line by line from a buffered binary file and
stored, already split into ``(name, value)`` pairs, in an
:class:`email.message.Message`-compatible object (by default
:class:`http.client.HTTPMessage`) through its public ``set_raw`` method, so
handlers see exactly the API they know.

Rules (RFC 9112, Section 5): a field line is ``token ":" OWS value OWS``;
whitespace before the colon, a missing colon, an empty or non-token name, or
control characters in a value (other than HTAB) are rejected; obsolete line
folding is replaced by a single space; bare ``LF`` line endings are accepted
(as CPython does).  The work is bounded by :data:`MAX_LINE` bytes per line,
:data:`MAX_HEADERS` lines and :data:`MAX_HEADER_BYTES` bytes in all.

Early errors: when the request line or the header section is rejected, the
handler has no headers, yet the error page should speak the visitor's
language.  A :class:`HeadError` keeps the field lines read before the bad one
(``fields``), and :func:`early_accept_language` finds a syntactically valid
``Accept-Language`` value in them or in bytes that have already arrived,
within the same limits; :class:`EarlyHeaders` carries it to the error page.
Only the error paths do this work.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from ._server_errors import _Msg
from .catalogs import N_

__all__ = [
    "MAX_LINE",
    "MAX_HEADERS",
    "MAX_HEADER_BYTES",
    "HeadError",
    "LineTooLong",
    "TooManyHeaders",
    "HeaderSectionTooLarge",
    "BadHeader",
    "read_headers",
    "read_head",
    "is_token",
    "has_ctl",
    "parse_content_length",
    "MAX_EARLY_ACCEPT_LANGUAGE",
    "EarlyHeaders",
    "valid_accept_language",
    "early_accept_language",
]

#: Longest request line or field line, in bytes (as CPython's ``_MAXLINE``).
MAX_LINE = 65536
#: Most field lines in one header section (as CPython's ``_MAXHEADERS``).
MAX_HEADERS = 100
#: Most bytes in one header section, all lines together.
MAX_HEADER_BYTES = 256 * 1024

# tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
_TCHAR = b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# field-vchar / obs-text / SP / HTAB: everything but the other controls and DEL.
_VALUE_OK = bytes([9]) + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
# What may appear in a request target: no controls, no space, no DEL.
_TARGET_OK = bytes(range(0x21, 0x7F)) + bytes(range(0x80, 0x100))


class HeadError(Exception):
    """A request head that cannot be accepted; carries the status to send.

    ``fields`` holds the ``[name, value]`` byte pairs of the well-formed field
    lines read before the error (in order; for :func:`early_accept_language`),
    ``total`` the bytes of field lines read, the bad one included, and
    ``resumable`` whether the next unread byte starts a new line within the
    limits (a malformed line read whole), so that later lines may be looked at.
    """

    status: int = 400
    message: str = N_("Bad request")
    fields: list[list[bytes]] | tuple[()] = ()
    total: int = 0
    resumable: bool = False

    def __init__(self, explain: str = "") -> None:
        super().__init__(explain)
        self.explain = explain


class LineTooLong(HeadError):
    """A field line longer than :data:`MAX_LINE` (431)."""

    status = 431
    message = N_("Line too long")


class TooManyHeaders(HeadError):
    """More than :data:`MAX_HEADERS` field lines (431)."""

    status = 431
    message = N_("Too many headers")


class HeaderSectionTooLarge(HeadError):
    """More than :data:`MAX_HEADER_BYTES` bytes of header section (431)."""

    status = 431
    message = N_("Header section too large")


class BadHeader(HeadError):
    """A malformed field line (400)."""

    status = 400
    message = N_("Bad header")


def is_token(data: bytes) -> bool:
    """Whether *data* is a non-empty RFC 9110 token."""
    return bool(data) and not data.translate(None, _TCHAR)


def has_ctl(data: bytes) -> bool:
    """Whether *data* holds bytes not allowed in a request target (CTL, SP, DEL)."""
    return bool(data.translate(None, _TARGET_OK))


# One whole, well-formed field line (CRLF-terminated, no obs-fold), on a latin-1 string.
_FIELD_LINE = re.compile(
    r"^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*((?:[^ \t\r\n](?:[^\r\n]*[^ \t\r\n])?)?)[ \t]*\r\n", re.MULTILINE
)
_BLOCK_OK = _VALUE_OK + b"\r\n"
# The same without the whitespace handling, faster: values with trailing SP/HTAB must be checked apart.
_PLAIN_FIELD_LINE = re.compile(r"^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*([\t\x20-\x7e\x80-\xff]*)\r\n", re.MULTILINE)


def read_headers(
    rfile: Any,
    message_class: Any,
    max_line: int = MAX_LINE,
    max_headers: int = MAX_HEADERS,
    max_bytes: int = MAX_HEADER_BYTES,
) -> Any:
    """Read a header section from *rfile* up to its empty line into a new *message_class*.

    See :func:`read_head`, which also returns the ``(name, value)`` pairs.
    """
    return read_head(rfile, message_class, max_line, max_headers, max_bytes)[0]


def read_head(
    rfile: Any,
    message_class: Any,
    max_line: int = MAX_LINE,
    max_headers: int = MAX_HEADERS,
    max_bytes: int = MAX_HEADER_BYTES,
) -> tuple[Any, list[tuple[str, str]] | None]:
    """Read a header section from *rfile* up to its empty line: ``(message, fields)``.

    *message* is a new *message_class* holding the fields; *fields* is the
    list of ``(name, value)`` pairs stored in it, in order (do not modify),
    or ``None`` when *message_class* does not keep them as given.

    Raises a :class:`HeadError` subclass on any violation; never reads past
    the empty line.  End of file ends the section (like CPython) only at a
    line boundary; a line cut short by end of file is a :class:`BadHeader`.

    Fast path: when the whole section is already in *rfile*'s buffer and is
    plainly well-formed, it is checked and split by one regular expression
    (in C); anything unusual goes through the line-by-line reader, which
    gives the precise error.
    """
    peek = getattr(rfile, "peek", None)
    if peek is not None:
        buf = peek(0)
        if buf[:2] == b"\r\n":
            rfile.read(2)
            return _fill(message_class(), [])
        end = buf.find(b"\r\n\r\n")
        if 0 <= end and end + 4 <= max_line and end + 4 <= max_bytes:
            text = buf[: end + 2].decode("latin-1")
            lines = text.count("\n")
            # Usual case: every line "name: value" with allowed bytes and no trailing whitespace.
            plain: list[tuple[str, str]] = _PLAIN_FIELD_LINE.findall(text)
            fields: list[tuple[str, str]] | None = plain
            if len(plain) != lines or " \r\n" in text or "\t\r\n" in text:
                fields = None
                if not text.encode("latin-1").translate(None, _BLOCK_OK):
                    fields = _FIELD_LINE.findall(text)  # strips trailing whitespace
                    if len(fields) != lines:
                        fields = None
            if fields is not None and len(fields) <= max_headers:
                rfile.read(end + 4)
                return _fill(message_class(), fields)
    return _read_lines(rfile, message_class, max_line, max_headers, max_bytes)


def _fill(msg: Any, fields: list[tuple[str, str]]) -> tuple[Any, list[tuple[str, str]] | None]:
    """Store *fields* in *msg*: straight into an email Message's header list, else via the mapping API."""
    store = getattr(msg, "_headers", None)
    if type(store) is list and hasattr(msg, "set_raw"):
        if store:
            store.extend(fields)  # exactly what set_raw() does, one call for all
        else:
            msg._headers = store = fields
        return msg, fields if store is fields else None
    if hasattr(msg, "set_raw"):
        for name, value in fields:
            msg.set_raw(name, value)
    else:
        for name, value in fields:
            msg[name] = value
    return msg, None


def _read_lines(
    rfile: BinaryIO, message_class: Any, max_line: int, max_headers: int, max_bytes: int
) -> Any:
    """The line-by-line reader: any input, precise errors."""
    readline = rfile.readline
    fields: list[list[bytes]] = []
    total = 0
    while True:
        line = readline(max_line + 1)
        if len(line) > max_line:
            # TRANSLATORS: explanation on a 431 error page; %d is a number of bytes (65536).
            raise _seen(LineTooLong(_Msg(N_("got more than %d bytes when reading header line"), max_line)), fields, total)
        if line == b"\r\n" or line == b"\n" or not line:
            break
        if len(fields) >= max_headers:
            # TRANSLATORS: explanation on a 431 error page; %d is the most header fields allowed (100).
            raise _seen(TooManyHeaders(_Msg(N_("got more than %d headers"), max_headers)), fields, total)
        total += len(line)
        if total > max_bytes:
            raise _seen(
                # TRANSLATORS: explanation on a 431 error page; %d is a number of bytes.
                HeaderSectionTooLarge(_Msg(N_("got more than %d bytes of header section"), max_bytes)), fields, total
            )
        if line[-1:] != b"\n":
            raise _seen(BadHeader(_Msg(N_("header line cut short by end of input"))), fields, total)
        line = line[:-2] if line[-2:] == b"\r\n" else line[:-1]
        if line[:1] in (b" ", b"\t"):
            # obs-fold (RFC 9112, 5.2): replace with a single SP.
            if not fields:
                raise _seen(BadHeader(_Msg(N_("continuation line before the first header"))), fields, total, True)
            cont = line.strip(b" \t")
            if cont.translate(None, _VALUE_OK):
                raise _seen(BadHeader(_Msg(N_("control character in header value"))), fields, total, True)
            prev = fields[-1]
            prev[1] = prev[1] + b" " + cont if prev[1] else cont
            continue
        name, colon, value = line.partition(b":")
        if not colon or not name or name.translate(None, _TCHAR):
            # TRANSLATORS: explanation on a 400 error page; %r is the start of the line as received (b'...').
            raise _seen(BadHeader(_Msg(N_("malformed header line %r"), line[:80])), fields, total, True)
        value = value.strip(b" \t")
        if value.translate(None, _VALUE_OK):
            raise _seen(
                # TRANSLATORS: explanation on a 400 error page; %r is the header field's name, quoted ('X-Foo').
                BadHeader(_Msg(N_("control character in header %r"), name[:80].decode("ascii"))), fields, total, True
            )
        fields.append([name, value])
    return _fill(message_class(), [(name.decode("ascii"), value.decode("latin-1")) for name, value in fields])


def parse_content_length(values: list[str]) -> int | None:
    """The body length given by every ``Content-Length`` value, or ``None`` if invalid.

    Each field may hold a comma-separated list (RFC 9110, 8.6); all members
    must be the same run of at most 18 ASCII digits.
    """
    found: str | None = None
    for field in values:
        for member in field.split(","):
            member = member.strip(" \t")
            if not member or len(member) > 18 or not member.isascii() or not member.isdigit():
                return None
            if found is None:
                found = member
            elif int(member) != int(found):
                return None
    return None if found is None else int(found)


# -- early errors: Accept-Language before the headers are parsed ------------------------

#: Longest ``Accept-Language`` value read for an early error page; a longer one is ignored
#: (English page).  Browsers send well under 200 bytes.
MAX_EARLY_ACCEPT_LANGUAGE = 1024

# RFC 9110, 12.5.4 and 12.4.2: language-range [ OWS ";" OWS "q=" qvalue ], one list member.
_LANGUAGE_MEMBER = re.compile(
    rb"(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:[ \t]*;[ \t]*[qQ]=(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?"
)


def _seen(err: HeadError, fields: list[list[bytes]], total: int, resumable: bool = False) -> HeadError:
    """*err* with what the line reader had read before it (see :class:`HeadError`)."""
    err.fields = fields
    err.total = total
    err.resumable = resumable
    return err


def valid_accept_language(value: bytes) -> str | None:
    """*value* as a ``str`` if it is a well-formed ``Accept-Language`` list (RFC 9110), else ``None``.

    At most :data:`MAX_EARLY_ACCEPT_LANGUAGE` bytes and at least one member;
    empty list members are allowed, as the list syntax requires.
    """
    if len(value) > MAX_EARLY_ACCEPT_LANGUAGE:
        return None
    members = 0
    for member in value.split(b","):
        member = member.strip(b" \t")
        if not member:
            continue
        if _LANGUAGE_MEMBER.fullmatch(member) is None:
            return None
        members += 1
    return value.decode("ascii") if members else None


def early_accept_language(
    fields: Any,
    data: bytes,
    max_line: int = MAX_LINE,
    max_lines: int = MAX_HEADERS,
    max_bytes: int = MAX_HEADER_BYTES,
) -> str | None:
    """The ``Accept-Language`` value of a request head that was rejected, or ``None``.

    *fields* are the ``[name, value]`` pairs already read and checked (a
    :class:`HeadError`'s ``fields``); *data* is what has arrived after the
    point where reading stopped, which must be the start of a line (``b""``
    when nothing may be looked at).  The first ``Accept-Language`` field
    decides: its value is returned only when it is a well-formed list
    (:func:`valid_accept_language`), else ``None`` (an English page).

    Lines of *data* are read only while they are whole (end with LF), within
    *max_line* bytes each, *max_lines* lines and *max_bytes* bytes in all,
    and up to the empty line that ends the head; lines that are not
    well-formed field lines are skipped.  A value folded onto the next line
    (obs-fold) is not trusted.
    """
    for name, value in fields:
        if name.lower() == b"accept-language":
            return valid_accept_language(value)
    start = lines = 0
    end = min(len(data), max_bytes)
    while lines < max_lines:
        stop = data.find(b"\n", start, min(end, start + max_line))
        if stop < 0:
            return None  # no more whole lines within the limits
        line = data[start:stop].rstrip(b"\r")
        if not line:
            return None  # end of the head
        lines += 1
        start = stop + 1
        name, colon, value = line.partition(b":")
        if colon and name.lower() == b"accept-language":
            value = value.strip(b" \t")
            if value.translate(None, _VALUE_OK) or data[start : start + 1] in (b" ", b"\t"):
                return None  # control characters, or folded onto the next line
            return valid_accept_language(value)
    return None


class EarlyHeaders:
    """Stand-in for a rejected request's headers that knows only its ``Accept-Language``.

    Set as the handler's ``_request_headers`` before an early ``send_error``,
    so that the error page is negotiated as usual; ``self.headers`` is left
    alone (unset, as in :mod:`http.server`).
    """

    __slots__ = ("accept_language",)

    def __init__(self, accept_language: str) -> None:
        self.accept_language = accept_language

    def get(self, name: str, default: Any = None) -> Any:
        """The value for ``Accept-Language``, *default* for any other name."""
        return self.accept_language if name.lower() == "accept-language" else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() == "accept-language"
