"""``python -m httpi18n.edge build DIR …`` and ``python -m httpi18n.edge serve [-b ADDRESS] [PORT]``.

:func:`main` takes the argument list (without the program name) and
returns the exit status; errors in the options exit with status 2 and one
line on stderr, as :mod:`argparse` does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..catalogs import SHIPPED
from ..errorpages import FORMATS
from ..tags import resolve
from .pages import FORMAT_BY_EXTENSION, parse_statuses

__all__ = ["main"]


def _languages(spec: str | None) -> tuple[str, ...] | None:
    if spec is None:
        return None
    out: list[str] = []
    for tag in spec.split(","):
        tag = tag.strip()
        if not tag:
            continue
        code = resolve(tag, SHIPPED)
        if code is None:
            raise argparse.ArgumentTypeError(f"unknown language {tag!r}; available: {', '.join(SHIPPED)}")
        if code not in out:
            out.append(code)
    if not out:
        raise argparse.ArgumentTypeError("no language given")
    return tuple(out)


def _formats(spec: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in spec.split(","):
        item = item.strip().lower()
        fmt = FORMAT_BY_EXTENSION.get(item, item)
        if fmt not in FORMATS:
            raise argparse.ArgumentTypeError(f"unknown format {item!r}; one of html, json, txt")
        if fmt not in out:
            out.append(fmt)
    return tuple(out)


def _statuses(spec: str) -> tuple[int, ...]:
    try:
        return parse_statuses(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--statuses", type=_statuses, default=None, metavar="LIST",
                   help="statuses, e.g. 404,500-504 (default: every registered 4xx/5xx)")
    p.add_argument("--languages", type=_languages, default=None, metavar="LIST",
                   help=f"languages, the first is the fallback (default: {','.join(SHIPPED)})")
    p.add_argument("--formats", type=_formats, default=FORMATS, metavar="LIST",
                   help="formats among html,json,txt, preferred first (default: html,json,txt)")
    p.add_argument("--template", type=Path, default=None, metavar="FILE",
                   help="HTML template with $-placeholders (see httpi18n.errorpages)")


def parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m httpi18n.edge``."""
    top = argparse.ArgumentParser(prog="python -m httpi18n.edge",
                                  description="Localized error pages for reverse proxies.")
    sub = top.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write static pages and nginx/Apache/Caddy/HAProxy configuration")
    b.add_argument("directory", metavar="DIR")
    _common(b)
    b.add_argument("--base-path", default="/_httpi18n", help="URL prefix of the pages (default: %(default)s)")
    b.add_argument("--root", default=None,
                   help="the pages' directory on the proxy host (default: DIR/pages, absolute)")
    b.add_argument("--service", default="http://127.0.0.1:8080",
                   help="URL of the error-page service for the configs (default: %(default)s)")
    b.add_argument("--haproxy-backend", default="app", help="HAProxy backend to watch (default: %(default)s)")
    s = sub.add_parser("serve", help="run the error-page service")
    s.add_argument("-b", "--bind", metavar="ADDRESS", help="bind to this address (default: all interfaces)")
    s.add_argument("-p", "--protocol", metavar="VERSION", default="HTTP/1.1",
                   help="conform to this HTTP version (default: %(default)s)")
    s.add_argument("port", default=8080, type=int, nargs="?", help="bind to this port (default: %(default)s)")
    _common(s)
    s.add_argument("--base-path", default="", help="also answer under this URL prefix")
    s.add_argument("--show-request-id", action="store_true", help="show X-Request-ID on pages (escaped)")
    s.add_argument("--show-original-uri", action="store_true", help="show X-Original-URI on pages (escaped)")
    s.add_argument("-q", "--quiet", action="store_true", help="do not log requests")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``build`` or ``serve`` with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    p = parser()
    args = p.parse_args(None if argv is None else list(argv))
    try:
        if args.command == "build":
            from .build import build

            files = build(args.directory, statuses=args.statuses, languages=args.languages,
                          formats=args.formats, template=args.template, base_path=args.base_path,
                          root=args.root, service=args.service, haproxy_backend=args.haproxy_backend)
            print(f"{len(files)} files written under {args.directory}")
            return 0
        from .serve import serve
        from .service import ErrorPageService

        service = ErrorPageService(statuses=args.statuses, languages=args.languages, formats=args.formats,
                                   template=args.template, base_path=args.base_path,
                                   show_request_id=args.show_request_id,
                                   show_original_uri=args.show_original_uri)
        serve(service, args.port, args.bind, protocol=args.protocol, quiet=args.quiet)
        return 0
    except (ValueError, OSError) as exc:
        print(f"{p.prog} {args.command}: error: {exc}", file=sys.stderr)
        return 2
