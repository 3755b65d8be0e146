"""CGI for :mod:`httpi18n.server`: ``CGIHTTPRequestHandler`` and its module-level helpers.

Private; re-exported by :mod:`httpi18n.server`, whose globals the code looks
up (see :mod:`httpi18n._server_ns`), so patching ``server.nobody_uid``,
``server.os`` or ``server._url_collapse_path`` reaches it, as on
:mod:`http.server`.

The handler exists where the running Python's :mod:`http.server` has one
(3.10 to 3.14; removed in 3.15).  It is the standard library's own: the
methods of :class:`http.server.CGIHTTPRequestHandler` are re-bound to this
module's globals, where ``SimpleHTTPRequestHandler`` and ``HTTPStatus`` are
httpi18n's, so the CGI code runs on httpi18n's handler (its parser, limits,
timeouts and localized error pages) with no copy of it kept here.  From
Python 3.13 on, creating one warns exactly as the standard library does
(the same :exc:`DeprecationWarning`, naming
``http.server.CGIHTTPRequestHandler``, so that warning filters written for
it apply).

:func:`_url_collapse_path`, :func:`nobody_uid` (with its cache
:data:`nobody`) and :func:`executable` have :mod:`http.server`'s meaning.
"""

from __future__ import annotations

import copy
import http.server as _stdlib
import os
import select
import sys
import types
import urllib.parse
import warnings
from typing import Any

from ._server_ns import rebind as _rebind
from ._server_static import SimpleHTTPRequestHandler
from .enums import HTTPStatus

#: The uid of user ``nobody``, once :func:`nobody_uid` has looked it up.
nobody: int | None = None


def _url_collapse_path(path: str) -> str:
    """Normalize a URL path for ``is_cgi``: ``.``, ``..`` and empty segments resolved.

    The query (after the first ``?``) is kept as is; the path is
    percent-decoded first, so an encoded ``..`` counts too.  The result
    always starts with ``/``; the last segment follows a ``/`` of its own
    (``'/foo'`` gives ``'//foo'``, as in :mod:`http.server`).  Raises
    :exc:`IndexError` when ``..`` climbs above the root.
    """
    path, _, query = path.partition("?")
    segments = urllib.parse.unquote(path).split("/")
    last = segments.pop()
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            kept.pop()  # IndexError above the root
        elif segment not in ("", "."):
            kept.append(segment)
    if last == "..":
        kept.pop()
        last = ""
    elif last == ".":
        last = ""
    if query:
        last = last + "?" + query
    return "/" + "/".join(kept) + "/" + last


def nobody_uid() -> int:
    """The uid CGI scripts run as: user ``nobody``'s (cached in :data:`nobody`).

    ``-1`` where there is no :mod:`pwd`; one above the highest known uid when
    there is no user ``nobody``.
    """
    global nobody
    if nobody:
        return nobody
    try:
        import pwd
    except ImportError:
        return -1
    try:
        nobody = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        nobody = 1 + max(entry.pw_uid for entry in pwd.getpwall())
    return nobody


def executable(path: str | os.PathLike[str]) -> bool:
    """Whether *path* may be executed by this process."""
    return os.access(path, os.X_OK)


_STDLIB_CGI: type | None = getattr(_stdlib, "CGIHTTPRequestHandler", None)
#: Names the standard library's CGI methods look up as globals: all present here.
_CGI_GLOBALS = (copy, os, select, sys, urllib, HTTPStatus, SimpleHTTPRequestHandler)


def _borrowed(cls: type) -> dict[str, Any]:
    """*cls*'s own attributes, its functions re-bound to this module's globals.

    ``__init__`` is left out (it calls ``super()`` bound to *cls*); lists are
    copied, so changing ours leaves the standard library's alone.
    """
    skip = {"__init__", "__dict__", "__weakref__", "__module__", "__qualname__", "__doc__"}
    found: dict[str, Any] = {}
    for name, value in vars(cls).items():
        if name in skip:
            continue
        if isinstance(value, types.FunctionType):
            if value.__closure__:
                raise RuntimeError(f"http.server.CGIHTTPRequestHandler.{name} has a closure: cannot re-bind it")
            value = _rebind(value, globals())
            # Our own words, not the standard library's (whose docstring stays one click away).
            value.__doc__ = f"The standard library's :meth:`http.server.CGIHTTPRequestHandler.{name}`."
        elif isinstance(value, list):
            value = list(value)
        found[name] = value
    return found


if _STDLIB_CGI is not None:

    class CGIHTTPRequestHandler(SimpleHTTPRequestHandler):
        """:class:`http.server.CGIHTTPRequestHandler` on httpi18n's handler: GET and HEAD
        serve files or run CGI scripts (under :attr:`cgi_directories`), POST runs scripts.

        Deprecated from Python 3.13 on, like the standard library's.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            if sys.version_info >= (3, 13):
                # The standard library's own warning, word for word (filters written for it apply).
                warnings._deprecated("http.server.CGIHTTPRequestHandler", remove=(3, 15))  # type: ignore[attr-defined]
            super().__init__(*args, **kwargs)

    for _name, _value in _borrowed(_STDLIB_CGI).items():
        setattr(CGIHTTPRequestHandler, _name, _value)
    del _name, _value
