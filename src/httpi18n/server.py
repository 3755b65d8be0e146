"""HTTP servers whose error pages speak the visitor's language.

A drop-in for the running Python's :mod:`http.server`: :class:`HTTPServer`,
:class:`ThreadingHTTPServer`, :class:`BaseHTTPRequestHandler`,
:class:`SimpleHTTPRequestHandler`, ``CGIHTTPRequestHandler`` (where the
running Python has it: 3.10 to 3.14, deprecated from 3.13 on with the
standard library's own warning) and ``python -m httpi18n.server [--cgi]
[-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]``, with the same attributes,
hooks and module-level names (``test``, ``nobody_uid``, ``executable``,
``_url_collapse_path``, ``DEFAULT_ERROR_MESSAGE``...).

What differs:

* **Localized error pages.**  :meth:`~BaseHTTPRequestHandler.send_error`
  negotiates the language from ``Accept-Language`` among the handler's
  :attr:`~BaseHTTPRequestHandler.languages` (default: every shipped catalog)
  and the format from ``Accept`` (HTML, ``application/problem+json`` per
  RFC 9457, or ``text/plain``), and sets ``Content-Language`` and ``Vary``.
  The status line stays English.  A request without ``Accept-Language`` (and
  without a non-HTML ``Accept``) gets CPython's page byte for byte, from
  :attr:`~BaseHTTPRequestHandler.error_message_format`.  Directory listings
  are localized the same way.
* **Own request parser** (:mod:`httpi18n._server_parse`), not
  :mod:`email.parser`: stricter (RFC 9112) and faster; ``self.headers`` is
  still a :attr:`~BaseHTTPRequestHandler.MessageClass` instance.
* **Hardening**: bounded method (:attr:`~BaseHTTPRequestHandler.max_method_length`)
  and target (:attr:`~BaseHTTPRequestHandler.max_target_length`), strict
  ``Content-Length`` / ``Transfer-Encoding`` checks, a
  :meth:`~BaseHTTPRequestHandler.send_header` that refuses CR/LF unless
  :attr:`~BaseHTTPRequestHandler.allow_header_line_breaks` is set, and a
  default :attr:`~BaseHTTPRequestHandler.timeout` that also bounds the time
  to receive a whole request head (slow-client protection), and a listen
  backlog of ``socket.SOMAXCONN`` (:attr:`HTTPServer.request_queue_size`)
  rather than 5, so that a burst of connections is not left waiting in SYN
  retransmits for seconds.  An HTTP/1.1 request without exactly one
  ``Host`` field gets 400 (RFC 9112, Section 3.2;
  :attr:`~BaseHTTPRequestHandler.require_host` turns this off; HTTP/1.0
  needs no ``Host``).  CPython's own protections are kept: 414/431 limits,
  the ``//`` open-redirect fix, control characters escaped in the log, no
  path traversal.
* **Speed**: ``TCP_NODELAY`` by default; ``end_headers()`` sends the head
  at once, as CPython does, so bytes leave in the order the handler wrote
  them whatever it does next (``self.connection.sendall``,
  :func:`os.sendfile`, a slow first chunk, a ``CONNECT`` tunnel); only the
  package's own code that writes a body right after the head
  (``send_error``, :class:`SimpleHTTPRequestHandler` while none of its
  methods between head and body is overridden, and ``end_headers()`` when
  the calling code's next step is ``self.wfile.write(x)``, read from its
  bytecode) sends head and a small body in one ``sendall``, the same bytes
  in the same order; on Linux the
  timeouts are the kernel's ``SO_RCVTIMEO``/``SO_SNDTIMEO`` on a
  blocking socket (no ``poll()`` per read or write); on the server's only
  open connection, a client that sends its next request at once finds the
  handler still polling for it (:attr:`~BaseHTTPRequestHandler.busy_poll`)
  rather than asleep, which saves a wake-up per request; regex fast paths for
  the usual request line and header section (anything unusual goes through
  the general, stricter-erroring code); the status, ``Server`` and ``Date``
  lines of :meth:`~BaseHTTPRequestHandler.send_response` cached (unless
  ``send_header`` or ``send_response_only`` is overridden); cached log
  timestamps.

The code lives in private modules (``_server_base``: servers and the base
handler; ``_server_parse``: the header parser; ``_server_io``: socket I/O,
busy polling, the head deadline and when a head may wait for its body;
``_server_errors``: error pages; ``_server_static``: files and listings;
``_server_cgi``; ``_server_cli``), all of it re-exported here and made to
look up its globals in this module (:mod:`httpi18n._server_ns`): patching a
name on ``httpi18n.server`` (``mock.patch.object(server, "os")``) reaches
every function, as with :mod:`http.server`.
"""

from __future__ import annotations

# The modules http.server has as globals (code written for it patches some of
# them here), and those the code of the private modules below looks up.
import copy
import dis
import datetime
import email.utils
import html
import http.client
import io
import itertools
import mimetypes
import os
import posixpath
import re
import select
import shutil
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse
import warnings

from . import _server_base, _server_cgi, _server_cli, _server_errors, _server_io, _server_static
from ._server_base import (
    DEFAULT_ERROR_CONTENT_TYPE,
    DEFAULT_ERROR_MESSAGE,
    BaseHTTPRequestHandler,
    HTTPServer,
    ThreadingHTTPServer,
    __version__,
)
from ._server_cgi import _url_collapse_path, executable, nobody, nobody_uid
from ._server_cli import _get_best_family, _main, test
from ._server_ns import adopt as _adopt
from ._server_static import SimpleHTTPRequestHandler
from .enums import HTTPStatus

__all__ = [
    "HTTPServer",
    "ThreadingHTTPServer",
    "BaseHTTPRequestHandler",
    "SimpleHTTPRequestHandler",
]

if hasattr(_server_cgi, "CGIHTTPRequestHandler"):
    from ._server_cgi import CGIHTTPRequestHandler

    __all__.append("CGIHTTPRequestHandler")

#: The private modules whose code runs in this module's namespace (see ``_server_ns``).
_PARTS = [_server_io, _server_errors, _server_base, _server_static, _server_cgi, _server_cli]
if __name__ == "__main__":
    # ``python -m httpi18n.server``: serve with the real module (this copy runs as __main__).
    from httpi18n.server import _main as _real_main

    _real_main()
else:
    _adopt(globals(), _PARTS)
