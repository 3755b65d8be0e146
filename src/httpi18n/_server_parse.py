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
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

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
    """A request head that cannot be accepted; carries the status to send."""

    status: int = 400
    message: str = N_("Bad request")

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
            raise LineTooLong(f"got more than {max_line} bytes when reading header line")
        if line == b"\r\n" or line == b"\n" or not line:
            break
        if len(fields) >= max_headers:
            raise TooManyHeaders(f"got more than {max_headers} headers")
        total += len(line)
        if total > max_bytes:
            raise HeaderSectionTooLarge(f"got more than {max_bytes} bytes of header section")
        if line[-1:] != b"\n":
            raise BadHeader("header line cut short by end of input")
        line = line[:-2] if line[-2:] == b"\r\n" else line[:-1]
        if line[:1] in (b" ", b"\t"):
            # obs-fold (RFC 9112, 5.2): replace with a single SP.
            if not fields:
                raise BadHeader("continuation line before the first header")
            cont = line.strip(b" \t")
            if cont.translate(None, _VALUE_OK):
                raise BadHeader("control character in header value")
            prev = fields[-1]
            prev[1] = prev[1] + b" " + cont if prev[1] else cont
            continue
        name, colon, value = line.partition(b":")
        if not colon or not name or name.translate(None, _TCHAR):
            raise BadHeader(f"malformed header line {line[:80]!r}")
        value = value.strip(b" \t")
        if value.translate(None, _VALUE_OK):
            raise BadHeader(f"control character in header {name[:80].decode('ascii')!r}")
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
