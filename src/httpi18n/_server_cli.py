"""``python -m httpi18n.server`` and :func:`test`, as :mod:`http.server`'s command line.

Private; re-exported by :mod:`httpi18n.server`, whose globals these
functions look up (see :mod:`httpi18n._server_ns`).
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterable
from typing import Any

from ._server_base import BaseHTTPRequestHandler, ThreadingHTTPServer
from ._server_static import SimpleHTTPRequestHandler

def _get_best_family(host: str | None, port: int) -> tuple[Any, Any]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _type, _proto, _canonname, sockaddr = next(iter(infos))
    return family, sockaddr


def test(
    HandlerClass: type[BaseHTTPRequestHandler] = BaseHTTPRequestHandler,
    ServerClass: Any = ThreadingHTTPServer,
    protocol: str = "HTTP/1.0",
    port: int = 8000,
    bind: str | None = None,
) -> None:
    """Serve with *HandlerClass* on *port* until interrupted (as ``http.server.test``)."""
    ServerClass.address_family, addr = _get_best_family(bind, port)
    HandlerClass.protocol_version = protocol
    with ServerClass(addr, HandlerClass) as httpd:
        host, port = httpd.socket.getsockname()[:2]
        url_host = f"[{host}]" if ":" in host else host
        print(f"Serving HTTP on {host} port {port} (http://{url_host}:{port}/) ...")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            print("\nKeyboard interrupt received, exiting.")
            sys.exit(0)


def _main(argv: Iterable[str] | None = None) -> None:
    """``python -m httpi18n.server``: the flags of the running Python's ``python -m http.server``.

    ``--cgi`` (serve with ``CGIHTTPRequestHandler``) exists where that
    handler does (Python 3.10 to 3.14).
    """
    import argparse
    import contextlib

    parser = argparse.ArgumentParser(prog="python -m httpi18n.server")
    cgi_handler = _cgi_handler()
    if cgi_handler is not None:
        parser.add_argument("--cgi", action="store_true", help="run as CGI server")
    parser.add_argument("-b", "--bind", metavar="ADDRESS", help="bind to this address (default: all interfaces)")
    parser.add_argument("-d", "--directory", default=os.getcwd(),
                        help="serve this directory (default: current directory)")
    parser.add_argument("-p", "--protocol", metavar="VERSION", default="HTTP/1.0",
                        help="conform to this HTTP version (default: %(default)s)")
    parser.add_argument("port", default=8000, type=int, nargs="?", help="bind to this port (default: %(default)s)")
    args = parser.parse_args(None if argv is None else list(argv))

    class DualStackServer(ThreadingHTTPServer):
        """Accept IPv4 too on an IPv6 socket (bpo-38907)."""

        def server_bind(self) -> None:
            with contextlib.suppress(Exception):
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            super().server_bind()

        def finish_request(self, request: Any, client_address: Any) -> None:
            handler: Any = self.RequestHandlerClass
            handler(request, client_address, self, directory=args.directory)

    handler_class = cgi_handler if cgi_handler is not None and args.cgi else SimpleHTTPRequestHandler
    test(HandlerClass=handler_class, ServerClass=DualStackServer, port=args.port,
         bind=args.bind, protocol=args.protocol)


def _cgi_handler() -> type[SimpleHTTPRequestHandler] | None:
    """``CGIHTTPRequestHandler``, where this Python has one."""
    from . import _server_cgi

    return getattr(_server_cgi, "CGIHTTPRequestHandler", None)
