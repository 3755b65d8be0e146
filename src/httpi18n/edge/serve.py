"""The error-page service on :mod:`httpi18n.server` (``python -m httpi18n.edge serve``).

:class:`ErrorPageHandler` answers every method with
:meth:`ErrorPageService.respond <httpi18n.edge.service.ErrorPageService.respond>`,
writing the status line, the cached ``Server``/``Date`` lines, the page's
pre-built header lines and the body in one ``sendall``: a keep-alive
request costs a dictionary look-up, not a render.  The server is
:class:`httpi18n.server.ThreadingHTTPServer` (a thread per connection, the
handler's busy polling on a lone keep-alive connection, ``431`` for
oversized heads).
"""

from __future__ import annotations

import contextlib
import socket
import sys
from typing import Any

from ..server import BaseHTTPRequestHandler, ThreadingHTTPServer
from .service import ErrorPageService

__all__ = ["ErrorPageHandler", "make_server", "serve"]

#: Methods answered with a page (anything else gets the server's localized 501).
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")


class ErrorPageHandler(BaseHTTPRequestHandler):
    """Request handler of the error-page service; set :attr:`service` (see :func:`make_server`)."""

    protocol_version = "HTTP/1.1"
    server_version = "httpi18n-edge"
    #: The service answering requests.
    service: ErrorPageService
    #: Log nothing (the default logs every request to stderr, as :mod:`http.server`).
    quiet = False

    def _answer(self) -> None:
        fields = _fields(self.headers)

        def header(name: str) -> str | None:
            value = fields.get(name)
            if value is not None and not value.isascii():
                with contextlib.suppress(UnicodeError):  # the head was read as latin-1
                    value = value.encode("latin-1").decode("utf-8")
            return value

        r = self.service.respond(self.command or "GET", self.path, header)
        if fields.get("content-length", "0") not in ("", "0") or "transfer-encoding" in fields:
            self.close_connection = True  # a body we do not read: do not parse it as a request
        self.send_response(r.status, r.reason)
        buffer = self._headers_buffer
        buffer.append(r.head)
        if self.close_connection:
            buffer.append(b"Connection: close\r\n")
        buffer.append(b"\r\n")
        if r.body:
            buffer.append(r.body)
        data = b"".join(buffer)
        self._headers_buffer = []
        self.wfile.write(data)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Log the request line and status, unless :attr:`quiet`."""
        if not self.quiet:
            super().log_request(code, size)

    def log_message(self, format: str, *args: Any) -> None:
        """Log as :mod:`http.server` does, unless :attr:`quiet`."""
        if not self.quiet:
            super().log_message(format, *args)


for _method in METHODS:
    setattr(ErrorPageHandler, f"do_{_method}", ErrorPageHandler._answer)


def _fields(headers: Any) -> dict[str, str]:
    """Lower-case name → first value of a request's header fields, in one pass.

    Reads the message's field list (``email.message.Message._headers``, as
    :meth:`~email.message.Message.items` does) rather than calling ``get()``
    for each name, which lower-cases every field each time.
    """
    raw = getattr(headers, "_headers", None)
    if raw is None:
        raw = headers.items()
    out: dict[str, str] = {}
    for name, value in raw:
        out.setdefault(name.lower(), value)
    return out


class _DualStackServer(ThreadingHTTPServer):
    """Accept IPv4 too on an IPv6 socket, as ``python -m http.server`` does."""

    def server_bind(self) -> None:
        if self.address_family == socket.AF_INET6:
            with contextlib.suppress(Exception):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        super().server_bind()


def make_server(
    service: ErrorPageService,
    host: str | None = "127.0.0.1",
    port: int = 0,
    *,
    protocol: str = "HTTP/1.1",
    quiet: bool = False,
) -> ThreadingHTTPServer:
    """A bound (not yet serving) server for *service*: call ``serve_forever()`` on it."""
    handler = type("BoundErrorPageHandler", (ErrorPageHandler,),
                   {"service": service, "quiet": quiet, "protocol_version": protocol})
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _type, _proto, _name, address = infos[0]
    server_class = type("ErrorPageServer", (_DualStackServer,), {"address_family": family})
    return server_class(address, handler)


def serve(
    service: ErrorPageService,
    port: int = 8000,
    bind: str | None = None,
    *,
    protocol: str = "HTTP/1.1",
    quiet: bool = False,
) -> None:
    """Serve *service* until interrupted, announcing the address as ``python -m http.server`` does."""
    with make_server(service, bind, port, protocol=protocol, quiet=quiet) as httpd:
        host, real_port = httpd.socket.getsockname()[:2]
        url_host = f"[{host}]" if ":" in host else host
        print(f"Serving HTTP on {host} port {real_port} (http://{url_host}:{real_port}/) ...", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            print("\nKeyboard interrupt received, exiting.")
            sys.exit(0)
