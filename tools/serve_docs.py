#!/usr/bin/env python3
"""Serve the built documentation site (``build/site/``) with :mod:`httpi18n.server`.

    python tools/serve_docs.py              # http://127.0.0.1:8000/
    python tools/serve_docs.py 8080         # or DOCS_PORT=8080
    python tools/serve_docs.py --bind 127.0.0.1 --directory build/site 0

A missing page gets the site's own 404 page (``<lang>/404.html``: the
site's navigation, search and language switcher) with status 404.  Its
language comes from the URL first (``/ja/missing.html`` → Japanese), then
from ``Accept-Language``.  Other errors, or a site without a 404 page, get
httpi18n's localized error page, negotiated the same way.  Build the site
first with ``python tools/build_docs.py``.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import threading
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from httpi18n.errorpages import bcp47  # noqa: E402
from httpi18n.languages import DOCS_LANGUAGES  # noqa: E402
from httpi18n.negotiation import negotiate  # noqa: E402
from httpi18n.server import SimpleHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402

SITE = ROOT / "build" / "site"
#: The site's languages (folders), in the switcher's order.
SITE_LANGUAGES = DOCS_LANGUAGES


def language_of_path(path: str) -> str | None:
    """The site language a URL path is under: ``/ja/x.html`` → ``'ja'``, else ``None``."""
    first = path.lstrip("/").split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return first if first in SITE_LANGUAGES else None


class DocsRequestHandler(SimpleHTTPRequestHandler):
    """Serves the site; error pages speak the language of the URL prefix."""

    def _not_found_page(self) -> tuple[str, bytes] | None:
        """``(language, body)`` of the site's own 404 page for this request, if the site has one."""
        headers = getattr(self, "headers", None)
        lang = language_of_path(getattr(self, "path", "") or "")
        if lang is None:
            accept = headers.get("Accept-Language") if headers is not None else None
            lang = negotiate(accept, SITE_LANGUAGES) or "en"
        page = Path(self.directory) / lang / "404.html"
        try:
            return lang, page.read_bytes()
        except OSError:
            return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404 and getattr(self, "command", None) in ("GET", "HEAD"):
            found = self._not_found_page()
            if found is not None:
                lang, body = found
                self.log_error("code %d, message %s", code, message)
                self.send_response(code, message)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Language", bcp47(lang))
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        lang = language_of_path(getattr(self, "path", "") or "")
        headers = getattr(self, "headers", None)
        if lang is not None and headers is not None:
            # The page's language wins over Accept-Language (which stays the fallback).
            self.languages = (lang,)
            original = headers.get("Accept-Language")
            try:
                del headers["Accept-Language"]
                headers["Accept-Language"] = f"{bcp47(lang)}, {original}" if original else bcp47(lang)
            except (TypeError, KeyError, AttributeError):
                pass
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


def make_server(host: str = "127.0.0.1", port: int = 8000, directory: Path | str = SITE,
                *, quiet: bool = False) -> ThreadingHTTPServer:
    """A ready (bound, not yet serving) server for *directory*; port 0 picks a free one."""
    handler = partial(DocsRequestHandler, directory=str(directory))
    httpd = ThreadingHTTPServer((host, port), handler)
    httpd.quiet = quiet  # type: ignore[attr-defined]
    return httpd


def serve_in_thread(host: str = "127.0.0.1", port: int = 0, directory: Path | str = SITE,
                    *, quiet: bool = True) -> tuple[ThreadingHTTPServer, str]:
    """Start serving in a daemon thread; return ``(server, base_url)``. Stop with ``server.shutdown()``."""
    httpd = make_server(host, port, directory, quiet=quiet)
    thread = threading.Thread(target=httpd.serve_forever, name="serve-docs", daemon=True)
    thread.start()
    real_host, real_port = httpd.server_address[:2]
    return httpd, f"http://{real_host}:{real_port}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve build/site/ with httpi18n.server.")
    parser.add_argument("port", nargs="?", type=int, default=int(os.environ.get("DOCS_PORT", "8000")),
                        help="port (default: $DOCS_PORT or 8000; 0 picks a free one)")
    parser.add_argument("-b", "--bind", default=os.environ.get("DOCS_HOST", "127.0.0.1"),
                        help="address (default: 127.0.0.1)")
    parser.add_argument("-d", "--directory", type=Path, default=SITE, help="site folder (default: build/site)")
    args = parser.parse_args(argv)
    if not (args.directory / "index.html").is_file():
        print(f"{args.directory} has no index.html; run: python tools/build_docs.py", file=sys.stderr)
        return 1
    try:
        httpd = make_server(args.bind, args.port, args.directory)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(f"port {args.port} is busy on {args.bind}: choose another, e.g. make serve PORT={args.port + 1}",
              file=sys.stderr)
        return 1
    with httpd:
        host, port = httpd.server_address[:2]
        print(f"Serving {args.directory} on http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
