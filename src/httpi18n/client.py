"""An HTTP/1.1 client with the API of CPython 3.13's :mod:`http.client`.

Drop-in: the same classes, functions, exceptions, constants, audit events
(``http.client.connect``, ``http.client.send``) and behaviour, checked by
running CPython's own ``test.test_httplib`` against this module.  English
stays on the wire and in :data:`responses`; :meth:`HTTPResponse.localized`
gives the status in the reader's language.

How it differs from :mod:`http.client`:

* **Faster.**  Status line and header block are parsed by our own sans-I/O
  code (:mod:`httpi18n._http11`), never by :mod:`email.parser`: when the
  whole head is already buffered (the usual case on a socket) it is taken
  with one ``peek``/``read`` and one regular-expression scan, and
  :class:`HTTPMessage` is filled directly.  Small request bodies go out in
  the same ``sendall`` as the head; the automatic ``Host`` and
  ``Accept-Encoding`` lines are kept ready-made (while ``putheader`` and
  ``_output`` are not overridden).  On a keep-alive socket the buffered
  reader of a response whose body was read in one ``read()`` and left its
  buffer empty is taken by the next response instead of a new
  ``makefile("rb")``; a reader holding bytes past its response is closed
  (those bytes dropped) as with :mod:`http.client`.
* **Stricter** (RFC 9110/9112), while keeping every CPython limit
  (``_MAXLINE``, ``_MAXHEADERS``, header/URL/method injection checks):

  - ``Content-Length`` must be ASCII digits (CPython's ``int()`` takes
    ``+5``, ``5_0``, ``٥``); an invalid value makes the body run to
    connection close and the connection is never reused (as CPython does for
    ``-1``); several values that disagree raise :class:`HTTPException`;
  - ``Transfer-Encoding`` wins over ``Content-Length`` (RFC 9112 §6.3) and
    then the connection is not reused; the body is chunked when ``chunked``
    is the *final* coding, otherwise it runs to connection close;
  - a chunk size is hex digits only, each chunk must end in CRLF, and at
    most ``_MAXTRAILERS`` trailer lines are read; violations raise
    :class:`IncompleteRead`;
  - 204, 304, 1xx and HEAD responses never have a body, even when they
    announce one; interim 1xx responses other than 101 are skipped (at most
    ``_MAXINTERIM`` of them), unless the server closes the connection right
    after one (other than 100): then it is the answer, as with CPython;
  - a hostile ``Content-Length`` or chunk size never makes us allocate
    it: bodies are read in pieces of at most ``_READ_PIECE`` bytes;
  - header values and the reason phrase have CR/NUL replaced by a space
    (obs-fold in values is joined with a space); malformed header lines are
    dropped, not allowed to swallow the following headers, and each leaves
    an ``email`` defect in ``msg.defects`` as with CPython; ``Connection``
    is compared token by token;
  - request methods must be HTTP tokens (or empty, as CPython allows),
    header names/values and CONNECT tunnel headers may not contain NUL, CR
    or LF, the tunnel host no control character; ports must be decimal
    digits up to 65535;
  - the CONNECT tunnel succeeds on any 2xx answer.
* :meth:`HTTPMessage.getallmatchingheaders` works (CPython's always returns
  ``[]``).

Layout (one job per module, every name re-exported here, where CPython
has it): ``httpi18n._client_base`` (constants, exceptions),
``httpi18n._client_message`` (:class:`HTTPMessage`, header reading and
parsing, framing), ``httpi18n._client_response`` (:class:`HTTPResponse`),
``httpi18n._client_connection`` (:class:`HTTPConnection`),
``httpi18n._client_https`` (:class:`HTTPSConnection`).  Setting a name
on this module (``mock.patch.object(client, "socket", ...)``,
``client._MAXHEADERS = 200``) sets it in the part that uses it too, as it
would in CPython's single module.
"""

from __future__ import annotations

# The standard modules CPython's http.client has as attributes (code reaches
# for client.socket, client.ssl, ...); the parts use these same objects.
import collections  # noqa: F401
import collections.abc  # noqa: F401
import email  # noqa: F401
import email.message  # noqa: F401
import email.parser  # noqa: F401
import errno  # noqa: F401
import http  # noqa: F401
import io  # noqa: F401
import re  # noqa: F401
import socket  # noqa: F401
import sys
import types
from typing import Any
from urllib.parse import urlsplit  # noqa: F401

from .enums import HTTPStatus
from .localize import LocalizedText  # noqa: F401

from ._client_base import (  # noqa: F401
    BadStatusLine,
    CannotSendHeader,
    CannotSendRequest,
    HTTPException,
    HTTPS_PORT,
    HTTP_PORT,
    ImproperConnectionState,
    IncompleteRead,
    InvalidURL,
    LineTooLong,
    NotConnected,
    RemoteDisconnected,
    ResponseNotReady,
    UnimplementedFileMode,
    UnknownProtocol,
    UnknownTransferEncoding,
    _COMMON_METHODS,
    _CS_IDLE,
    _CS_REQ_SENT,
    _CS_REQ_STARTED,
    _MAXHEADERS,
    _MAXINTERIM,
    _MAXLINE,
    _MAXTRAILERS,
    _METHODS_EXPECTING_BODY,
    _NO_NAMES,
    _READING_READABLE,
    _READ_PIECE,
    _SENDING_READABLE,
    _TUNNEL_DEBUG_BLANK,
    _TUNNEL_HOST_IN_HEADERS,
    _UNKNOWN,
    _bad_url_char,
    _contains_disallowed_method_pchar_re,
    _contains_disallowed_url_pchar_re,
    _control_in_method,
    _illegal_header_value,
    _is_illegal_header_value,
    _is_legal_header_name,
    _legal_header_name,
    _method_token,
    _port_digits,
    error,
)
from ._client_message import (  # noqa: F401
    HTTPMessage,
    _COMPAT32,
    _END_OF_HEAD,
    _FRAMING_FIELD,
    _FRAMING_NAMES,
    _LAZY_MESSAGE_STATE,
    _MESSAGE_STATE,
    _SIMPLE_FRAMING,
    _fields_of,
    _framing_from_fields,
    _framing_from_head,
    _has_token,
    _header_defects,
    _lazy_message,
    _message,
    _new_object,
    _parse_header_lines,
    _read_headers,
    _status_cache,
    _status_cache_get,
    _version_number,
    parse_headers,
)
from ._client_response import (  # noqa: F401
    HTTPResponse,
)
from ._client_connection import (  # noqa: F401
    HTTPConnection,
    _OUTPUT,
    _PUTHEADER,
    _check_header,
    _encode,
    _encode_latin1,
    _new_response,
    _strip_ipv6_iface,
)

__all__ = [
    "HTTPResponse",
    "HTTPConnection",
    "HTTPException",
    "NotConnected",
    "UnknownProtocol",
    "UnknownTransferEncoding",
    "UnimplementedFileMode",
    "IncompleteRead",
    "InvalidURL",
    "ImproperConnectionState",
    "CannotSendRequest",
    "CannotSendHeader",
    "ResponseNotReady",
    "BadStatusLine",
    "LineTooLong",
    "RemoteDisconnected",
    "error",
    "responses",
]

# Every status name (OK, NOT_FOUND, ...) is a module constant, as in CPython.
globals().update(HTTPStatus.__members__)

#: Status code -> English reason phrase (the wire language).
responses: dict[int, str] = {member: member.phrase for member in HTTPStatus.__members__.values()}

try:
    import ssl
except ImportError:  # pragma: no cover - Python without ssl
    pass
else:
    from ._client_https import HTTPSConnection, _create_https_context  # noqa: F401

    __all__.append("HTTPSConnection")


# --------------------------------------------------------------------------- one module, several files

_PARTS = tuple(
    sys.modules[f"{__package__}.{name}"]
    for name in ("_client_base", "_client_message", "_client_response", "_client_connection", "_client_https")
    if f"{__package__}.{name}" in sys.modules
)

# Classes and functions defined in the parts say they come from here (as
# they did before the split): reprs, pickling, documentation, and CPython's
# test_all, which checks __all__ against the names whose __module__ is this one.
for _value in list(globals().values()):
    if isinstance(_value, (type, types.FunctionType)) and getattr(_value, "__module__", "").startswith(
        f"{__package__}._client_"
    ):
        _value.__module__ = __name__
del _value

_MISSING = object()


class _ClientModule(types.ModuleType):
    """The type of this module: a name set or deleted here is set or deleted in the parts too.

    CPython's ``http.client`` is one module, so patching a global there
    (``socket``, ``_MAXHEADERS``, ``HTTPResponse``...) changes what its code
    sees.  Our code lives in several modules; each part that holds the same
    object under the same name gets the change as well.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        old = self.__dict__.get(name, _MISSING)
        super().__setattr__(name, value)
        if old is not _MISSING:
            for part in _PARTS:
                if part.__dict__.get(name, _MISSING) is old:
                    setattr(part, name, value)

    def __delattr__(self, name: str) -> None:
        old = self.__dict__.get(name, _MISSING)
        super().__delattr__(name)
        if old is not _MISSING:
            for part in _PARTS:
                if part.__dict__.get(name, _MISSING) is old:
                    delattr(part, name)


sys.modules[__name__].__class__ = _ClientModule
