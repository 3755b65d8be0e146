"""Constants and exceptions shared by the parts of :mod:`httpi18n.client`.

Everything here is re-exported by :mod:`httpi18n.client` under the same
name, as in CPython's ``http.client``; import it from there.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from . import _http11

HTTP_PORT = 80
HTTPS_PORT = 443

_UNKNOWN = "UNKNOWN"

# connection states
_CS_IDLE = "Idle"
_CS_REQ_STARTED = "Request-started"
_CS_REQ_SENT = "Request-sent"

#: Longest status/header/chunk-size/trailer line accepted.
_MAXLINE = _http11.MAXLINE
#: Most lines of a head after its status line, the blank line included (so
#: at most 99 fields, as CPython counts).
_MAXHEADERS = _http11.MAXHEADERS
#: Most trailer lines accepted after the last chunk.
_MAXTRAILERS = _http11.MAXTRAILERS
#: Most interim (1xx) responses skipped before the final one.
_MAXINTERIM = 32
#: Largest single read from the socket file while reading a body.
_READ_PIECE = 1 << 20

# Python 3.12 started recording the CONNECT Host header in ``_tunnel_headers``;
# before, it was not there (and the suites of those versions check that).
_TUNNEL_HOST_IN_HEADERS = sys.version_info >= (3, 12)

# Debug output (debuglevel > 0) as the running Python's http.client prints it.
_TUNNEL_DEBUG_BLANK = sys.version_info >= (3, 12)  # the proxy's blank line is printed too
_SENDING_READABLE = "sending a readable" if sys.version_info >= (3, 11) else "sendIng a read()able"
_READING_READABLE = "reading a readable" if sys.version_info >= (3, 11) else "sendIng a read()able"

# Methods that get "Content-Length: 0" when sent without a body.
_METHODS_EXPECTING_BODY = frozenset({"PATCH", "POST", "PUT"})

# Methods that are HTTP tokens (so need no check in _validate_method).
_COMMON_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT"})
_NO_NAMES: frozenset[str] = frozenset()

# Request-side checks, under CPython's names (the names and values CPython
# accepts, minus NUL).
_is_legal_header_name = re.compile(rb"[^:\s\x00][^:\r\n\x00]*").fullmatch
_is_illegal_header_value = re.compile(rb"\n(?![ \t])|\r(?![ \t\n])|\x00").search
_contains_disallowed_url_pchar_re = re.compile("[\x00-\x20\x7f]")
_contains_disallowed_method_pchar_re = re.compile("[\x00-\x1f]")
_legal_header_name = _is_legal_header_name
_illegal_header_value = _is_illegal_header_value
_bad_url_char = _contains_disallowed_url_pchar_re.search
_control_in_method = _contains_disallowed_method_pchar_re.search
_method_token = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+").fullmatch
_port_digits = re.compile(r"[0-9]{1,5}").fullmatch


class HTTPException(Exception):
    """Base class of every error this module raises on its own."""


class NotConnected(HTTPException):
    """``send()`` without a socket while ``auto_open`` is off."""


class InvalidURL(HTTPException):
    """A host, port or URL that cannot be used."""


class UnknownProtocol(HTTPException):
    """The server answered with an HTTP version we do not speak."""

    def __init__(self, version: str) -> None:
        self.args = (version,)
        self.version = version


class UnknownTransferEncoding(HTTPException):
    """Kept for compatibility; never raised (unknown codings read to close)."""


class UnimplementedFileMode(HTTPException):
    """``makefile()`` was asked for a mode other than ``r``/``rb``."""


class IncompleteRead(HTTPException):
    """The body ended early or broke its framing; ``partial`` holds what was read."""

    def __init__(self, partial: bytes, expected: int | None = None) -> None:
        self.args = (partial,)
        self.partial = partial
        self.expected = expected

    def __repr__(self) -> str:
        more = f", {self.expected} more expected" if self.expected is not None else ""
        return f"{type(self).__name__}({len(self.partial)} bytes read{more})"

    __str__ = object.__str__


class ImproperConnectionState(HTTPException):
    """A call made in the wrong connection state."""


class CannotSendRequest(ImproperConnectionState):
    """``putrequest()`` while a request is being sent or awaits its response."""


class CannotSendHeader(ImproperConnectionState):
    """``putheader()``/``endheaders()`` outside a request."""


class ResponseNotReady(ImproperConnectionState):
    """``getresponse()`` before a request was sent, or before the last response was read."""


class BadStatusLine(HTTPException):
    """The server's status line is not ``HTTP/x.y NNN reason``."""

    def __init__(self, line: str) -> None:
        if not line:
            line = repr(line)
        self.args = (line,)
        self.line = line


class LineTooLong(HTTPException):
    """A status, header, chunk-size or trailer line longer than ``_MAXLINE``."""

    def __init__(self, line_type: str) -> None:
        HTTPException.__init__(self, f"got more than {_MAXLINE} bytes when reading {line_type}")


class RemoteDisconnected(ConnectionResetError, BadStatusLine):
    """The server closed the connection before sending a status line."""

    def __init__(self, *pos: Any, **kw: Any) -> None:
        BadStatusLine.__init__(self, "")
        ConnectionResetError.__init__(self, *pos, **kw)


error = HTTPException
