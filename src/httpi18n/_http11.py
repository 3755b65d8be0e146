"""Sans-I/O pieces of HTTP/1.1 message parsing (RFC 9112), shared by client and server.

Nothing here touches a socket or a file: every function takes bytes or str
that the caller has already read and returns plain Python values, raising
:class:`ParseError` (a ``ValueError``) for input that breaks the grammar.
The I/O layers (``httpi18n.client``, later the server) map ``ParseError`` to
their own exceptions.

Conventions:

* header text is decoded as ISO-8859-1, so every byte maps to one character
  and nothing is ever lost or raises ``UnicodeDecodeError``;
* "lines" are given without their terminator (``\\r\\n`` or ``\\n``);
* a *header block* is ``"line\\r\\n" * n`` as a single str (no blank line).

Field parsing rules (applied identically by the one-shot fast path and the
line-by-line path, so both always agree):

* ``name ":" OWS value OWS``: ``name`` is 1+ visible ASCII characters other
  than ``:`` (what ``email.parser`` accepts); leading and trailing SP/HTAB
  around the value are removed (RFC 9110 §5.5);
* obsolete line folding (a line starting with SP/HTAB) is joined to the
  previous value with one SP (RFC 9112 §5.2); a fold before any field is
  dropped;
* lines without a colon, with an empty name, or with whitespace / control /
  non-ASCII characters in the name are dropped (RFC 9112 §5.1 forbids
  whitespace before the colon);
* CR and NUL inside a value are replaced by SP (RFC 9110 §5.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "ParseError",
    "ConflictError",
    "MAXLINE",
    "MAXHEADERS",
    "MAXTRAILERS",
    "parse_status_line",
    "parse_header_lines",
    "parse_header_block",
    "scan_header_block",
    "framing_values",
    "parse_chunk_size",
    "parse_content_length",
    "transfer_codings",
    "header_tokens",
]

#: Longest status, header, chunk-size or trailer line accepted (as in CPython).
MAXLINE = 65536
#: Most header lines accepted in one header block (as in CPython).
MAXHEADERS = 100
#: Most trailer lines accepted after the last chunk (CPython has no bound).
MAXTRAILERS = 100


class ParseError(ValueError):
    """The input does not follow the HTTP/1.1 grammar."""


class ConflictError(ParseError):
    """Well-formed fields that contradict each other (e.g. two Content-Lengths)."""


# One complete, well-formed field line (ending in CRLF); anchored at a line start.
# (Greedy value: a value with trailing SP/HTAB is caught by the caller's check.)
_FIELD_LINE = re.compile(r"^([!-9;-~]+):[ \t]*([^\r\n\x00]*)\r\n", re.M)
_NAME_OK = re.compile(r"[!-9;-~]+").fullmatch
_VALUE_BAD = re.compile(r"[\r\x00]")
_STATUS_VERSION = re.compile(r"HTTP/[0-9]\.[0-9]").fullmatch
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]+)[ \t]*(?:;[^\r\n]*)?(?:\r?\n)?").fullmatch
_DIGITS = re.compile(r"[0-9]+").fullmatch


def parse_status_line(line: str) -> tuple[str, int, str]:
    """Split ``'HTTP/1.1 200 OK\\r\\n'`` into ``('HTTP/1.1', 200, 'OK')``.

    Raises :class:`ParseError` unless the version is ``HTTP/d.d`` and the
    status is exactly three ASCII digits in 100–999.  The reason phrase may be
    absent; it is returned stripped, with CR and NUL replaced by SP as in a
    field value.  Runs of whitespace between the parts are tolerated, as by
    CPython.
    """
    parts = line.split(None, 2)
    if len(parts) < 2:
        raise ParseError("status line needs a version and a status code")
    version, status = parts[0], parts[1]
    reason = parts[2].strip() if len(parts) == 3 else ""
    if "\r" in reason or "\x00" in reason:
        # As inside a field value: a bare CR (which some parsers take for a
        # line end: "OK\rSet-Cookie: x") or a NUL becomes a space.
        reason = _VALUE_BAD.sub(" ", reason)
    if not _STATUS_VERSION(version):
        raise ParseError("status line does not start with HTTP/d.d")
    if len(status) != 3 or not (status.isascii() and status.isdigit()):
        raise ParseError("status code is not three digits")
    code = int(status)
    if code < 100:
        raise ParseError("status code below 100")
    return version, code, reason


def _field(line: str) -> tuple[str, str] | None:
    colon = line.find(":")
    if colon <= 0:
        return None
    name = line[:colon]
    if not _NAME_OK(name):
        return None
    value = line[colon + 1 :]
    if "\r" in value or "\x00" in value:
        value = _VALUE_BAD.sub(" ", value)
    return name, value.strip(" \t")


#: Kinds of dropped lines reported by :func:`parse_header_lines`.
DROPPED_FOLD = "fold"  # a continuation line before any field
DROPPED_NO_NAME = "no-name"  # a line starting with ":"
DROPPED_LINE = "line"  # no colon, or a name with whitespace/control/non-ASCII characters


def parse_header_lines(
    lines: Iterable[str], dropped: list[tuple[str, str]] | None = None
) -> list[tuple[str, str]]:
    """Turn header lines (no terminators) into ``[(name, value), ...]``.

    Applies the module's field rules; the names keep their case.  Each line
    the rules drop is appended to *dropped* (when given) as ``(kind, line)``
    with *kind* one of :data:`DROPPED_FOLD`, :data:`DROPPED_NO_NAME`,
    :data:`DROPPED_LINE`, so that callers can report it.
    """
    fields: list[tuple[str, str]] = []
    for line in lines:
        if not line:
            continue
        if line[0] in " \t":
            if fields:
                name, value = fields[-1]
                more = line.strip(" \t")
                if "\r" in more or "\x00" in more:
                    more = _VALUE_BAD.sub(" ", more).strip(" \t")
                if more:
                    fields[-1] = (name, f"{value} {more}" if value else more)
            elif dropped is not None:
                dropped.append((DROPPED_FOLD, line))
            continue
        field = _field(line)
        if field is not None:
            fields.append(field)
        elif dropped is not None:
            dropped.append((DROPPED_NO_NAME if line[0] == ":" else DROPPED_LINE, line))
    return fields


def parse_header_block(block: str, dropped: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Parse ``"name: value\\r\\n" * n`` in one pass.

    Equivalent to parsing each LF-terminated line (one CR before the LF
    dropped) with :func:`parse_header_lines` (*dropped* as there): a
    single regular-expression scan handles the common case where every line
    is a plain well-formed field; anything else (folds, junk lines, bare CR
    or LF, NUL) takes the line-by-line path.
    """
    fields = scan_header_block(block)
    if fields is not None:
        return fields
    return parse_header_lines((_strip_cr(line) for line in block.split("\n")[:-1]), dropped)


def scan_header_block(block: str) -> list[tuple[str, str]] | None:
    """The one-pass parse of :func:`parse_header_block`, or ``None`` if it does not apply.

    Applies when every line is ``name ":" OWS value CRLF`` with a valid name,
    no CR/LF/NUL in the value and no whitespace before the CRLF; then the
    result equals the line-by-line parse.
    """
    fields = _FIELD_LINE.findall(block)
    if (
        len(fields) == block.count("\n") == block.count("\r")
        and " \r\n" not in block
        and "\t\r\n" not in block
    ):
        return fields
    return None


def framing_values(block: str, lowered: str, name: str) -> list[str]:
    """Values of every *name* field (lower-case) in a block accepted by :func:`scan_header_block`.

    *lowered* is ``block.lower()``; a C-speed search instead of a Python
    loop over all fields.
    """
    key = name + ":"
    values: list[str] = []
    pos = lowered.find(key)
    while pos >= 0:
        if pos == 0 or lowered[pos - 1] == "\n":
            start = pos + len(key)
            values.append(block[start : block.index("\r\n", start)].strip(" \t"))
        pos = lowered.find(key, pos + 1)
    return values


def _strip_cr(line: str) -> str:
    return line[:-1] if line.endswith("\r") else line


def parse_chunk_size(line: bytes) -> int:
    """Parse a chunk-size line (``1*HEXDIG [ chunk-ext ] CRLF``) into an int.

    Stricter than CPython's ``int(line, 16)``: no sign, no ``0x`` prefix, no
    underscores, no leading whitespace.  Whitespace before ``;`` or the end
    (RFC 9112's BWS) is tolerated; the terminator may be missing at EOF.
    """
    m = _CHUNK_SIZE(line)
    if m is None:
        raise ParseError(f"invalid chunk size line {line[:40]!r}")
    return int(m.group(1), 16)


def parse_content_length(values: list[str]) -> int | None:
    """The message body length given by all ``Content-Length`` field values.

    ``None`` when there are none.  Every value may be a comma-separated list
    (RFC 9110 §8.6); every element must be 1+ ASCII digits and all elements
    must agree: :class:`ParseError` for a malformed element,
    :class:`ConflictError` for elements that disagree.
    """
    if not values:
        return None
    found: int | None = None
    for value in values:
        for item in value.split(","):
            item = item.strip(" \t")
            if not _DIGITS(item):
                raise ParseError(f"invalid Content-Length {value[:40]!r}")
            try:
                n = int(item)
            except ValueError:  # more digits than int() converts (sys.set_int_max_str_digits)
                raise ParseError(f"Content-Length too long {value[:40]!r}") from None
            if found is not None and n != found:
                raise ConflictError("conflicting Content-Length values")
            found = n
    return found


def header_tokens(values: list[str]) -> list[str]:
    """Lower-cased, stripped, comma-separated tokens of one field's values."""
    return [t for v in values for t in (s.strip(" \t").lower() for s in v.split(",")) if t]


def transfer_codings(values: list[str]) -> list[str]:
    """The transfer codings of ``Transfer-Encoding`` values, parameters dropped."""
    return [t.split(";", 1)[0].strip(" \t") for t in header_tokens(values)]
