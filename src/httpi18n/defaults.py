"""Recognise the plain English error bodies web frameworks send by default.

:class:`httpi18n.wsgi.LocalizedErrors` and :class:`httpi18n.asgi.LocalizedErrors`
replace an error response's body only when it is empty or when a *predicate*
says it is a framework default.  A predicate is any callable::

    predicate(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool

called with the response's status, its headers (names as sent, values as
``str``) and its complete, not content-encoded body (at most the middleware's
``max_body`` bytes).  It must be cheap and must not raise.

The predicates here recognise bodies by their content, without importing the
frameworks:

* :func:`werkzeug_default` — Werkzeug/Flask ``HTTPException`` pages, e.g.
  ``<!doctype html>\\n<html lang=en>\\n<title>404 Not Found</title>…``, only
  with Werkzeug's own description.  ``abort(404, description="No such user")``
  is the application talking: that page is kept.
* :func:`starlette_default` — Starlette's ``text/plain`` bodies that are just
  the status phrase (``Not Found``, ``Internal Server Error``…) and FastAPI's
  ``{"detail": "Not Found"}``.  A custom ``detail`` is kept.
* :func:`django_default` — Django's built-in ``page_not_found``,
  ``server_error``, ``bad_request`` and ``permission_denied`` pages (used when
  no ``404.html``… template exists).  Django's ``DEBUG`` pages are kept.
* :func:`framework_default` — any of the three (the middleware's default).

Combine or extend them with :func:`any_of`::

    LocalizedErrors(app, is_default=any_of(werkzeug_default, my_predicate))
"""

from __future__ import annotations

import http
import json
import re
from collections.abc import Callable, Sequence
from html import unescape

from .registry import STATUSES

__all__ = [
    "Predicate",
    "werkzeug_default",
    "starlette_default",
    "django_default",
    "framework_default",
    "any_of",
    "never",
    "WERKZEUG_DESCRIPTIONS",
]

Predicate = Callable[[int, Sequence[tuple[str, str]], bytes], bool]

#: Werkzeug's default ``description`` of each ``HTTPException`` (Werkzeug 2.x–3.x),
#: unescaped.  A test checks this table against the installed Werkzeug.
WERKZEUG_DESCRIPTIONS: dict[int, str] = {
    400: "The browser (or proxy) sent a request that this server could not understand.",
    401: "The server could not verify that you are authorized to access the URL requested. "
    "You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't "
    "understand how to supply the credentials required.",
    403: "You don't have the permission to access the requested resource. It is either "
    "read-protected or not readable by the server.",
    404: "The requested URL was not found on the server. If you entered the URL manually please "
    "check your spelling and try again.",
    405: "The method is not allowed for the requested URL.",
    406: "The resource identified by the request is only capable of generating response entities "
    "which have content characteristics not acceptable according to the accept headers sent in "
    "the request.",
    408: "The server closed the network connection because the browser didn't finish the request "
    "within the specified time.",
    409: "A conflict happened while processing the request. The resource might have been modified "
    "while the request was being processed.",
    410: "The requested URL is no longer available on this server and there is no forwarding "
    "address. If you followed a link from a foreign page, please contact the author of this page.",
    411: "A request with this method requires a valid <code>Content-Length</code> header.",
    412: "The precondition on the request for the URL failed positive evaluation.",
    413: "The data value transmitted exceeds the capacity limit.",
    414: "The length of the requested URL exceeds the capacity limit for this server. The request "
    "cannot be processed.",
    415: "The server does not support the media type transmitted in the request.",
    416: "The server cannot provide the requested range.",
    417: "The server could not meet the requirements of the Expect header",
    418: "This server is a teapot, not a coffee machine",
    421: "The server is not able to produce a response.",
    422: "The request was well-formed but was unable to be followed due to semantic errors.",
    423: "The resource that is being accessed is locked.",
    424: "The method could not be performed on the resource because the requested action depended "
    "on another action and that action failed.",
    428: 'This request is required to be conditional; try using "If-Match" or "If-Unmodified-Since".',
    429: "This user has exceeded an allotted request count. Try again later.",
    431: "One or more header fields exceeds the maximum size.",
    451: "Unavailable for legal reasons.",
    500: "The server encountered an internal error and was unable to complete your request. Either "
    "the server is overloaded or there is an error in the application.",
    501: "The server does not support the action requested by the browser.",
    502: "The proxy server received an invalid response from an upstream server.",
    503: "The server is temporarily unable to service your request due to maintenance downtime or "
    "capacity problems. Please try again later.",
    504: "The connection to an upstream server timed out.",
    505: "The server does not support the HTTP protocol version used in the request.",
}

_WERKZEUG_PREFIX = b"<!doctype html>\n<html lang=en>\n<title>"
_WERKZEUG_RE = re.compile(
    rb"<!doctype html>\n<html lang=en>\n<title>(\d{3}) ([^<\n]{1,80})</title>\n"
    rb"<h1>\2</h1>\n<p>([^\n]{1,600})</p>\n?"
)


def _content_type(headers: Sequence[tuple[str, str]]) -> str:
    for name, value in headers:
        if name.lower() == "content-type":
            return value.partition(";")[0].strip().lower()
    return ""


def werkzeug_default(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
    """Whether *body* is Werkzeug's (Flask's) own page for *status*, with its own description."""
    if not body.startswith(_WERKZEUG_PREFIX) or len(body) > 2048:
        return False
    m = _WERKZEUG_RE.fullmatch(body)
    if m is None or int(m.group(1)) != status:
        return False
    expected = WERKZEUG_DESCRIPTIONS.get(status)
    if expected is None:  # a status Werkzeug has no class for: no description to compare
        return False
    return unescape(m.group(3).decode("utf-8", "replace")) == expected


def _phrases() -> dict[int, frozenset[str]]:
    """English phrases a framework may use as a default body: CPython's and the registry's."""
    out: dict[int, set[str]] = {}
    for s in http.HTTPStatus:
        out.setdefault(int(s), set()).add(s.phrase)
    for st in STATUSES:
        out.setdefault(st.code, set()).add(st.phrase)
    # Phrases renamed by RFC 9110 that older Pythons (and so Starlette there) still use.
    for code, old in ((413, "Request Entity Too Large"), (414, "Request-URI Too Long"),
                      (416, "Requested Range Not Satisfiable"), (422, "Unprocessable Entity")):
        out.setdefault(code, set()).add(old)
    return {code: frozenset(p) for code, p in out.items()}


_PHRASES = _phrases()


def starlette_default(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
    """Whether *body* is Starlette's plain-text phrase or FastAPI's ``{"detail": phrase}``."""
    if len(body) > 128:
        return False
    phrases = _PHRASES.get(status)
    if not phrases:
        return False
    ctype = _content_type(headers)
    if ctype == "text/plain" or ctype == "":
        return body.decode("utf-8", "replace").strip() in phrases
    if ctype == "application/json":
        try:
            data = json.loads(body)
        except ValueError:
            return False
        if not isinstance(data, dict) or len(data) != 1:
            return False
        detail = data.get("detail")
        return isinstance(detail, str) and detail in phrases
    return False


_DJANGO_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head>\n  <title>{title}</title>\n</head>\n<body>\n'
    "  <h1>{title}</h1><p>{details}</p>\n</body>\n</html>"
)
_DJANGO_DEFAULTS: dict[int, bytes] = {
    status: _DJANGO_PAGE.format(title=title, details=details).encode()
    for status, title, details in (
        (404, "Not Found", "The requested resource was not found on this server."),
        (500, "Server Error (500)", ""),
        (400, "Bad Request (400)", ""),
        (403, "403 Forbidden", ""),
    )
}


def django_default(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
    """Whether *body* is one of Django's built-in ``django.views.defaults`` pages."""
    expected = _DJANGO_DEFAULTS.get(status)
    return expected is not None and len(body) < 512 and body.strip() == expected


def any_of(*predicates: Predicate) -> Predicate:
    """A predicate true when any of *predicates* is."""

    def predicate(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
        return any(p(status, headers, body) for p in predicates)

    predicate.__doc__ = "Any of: " + ", ".join(getattr(p, "__name__", repr(p)) for p in predicates)
    return predicate


def never(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
    """Replace empty bodies only: every non-empty body is the application's."""
    return False


def framework_default(status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
    """Werkzeug/Flask, Starlette/FastAPI or Django default body (the middleware's default)."""
    return (
        werkzeug_default(status, headers, body)
        or starlette_default(status, headers, body)
        or django_default(status, headers, body)
    )
