"""``httpi18n pages build DIR …`` and ``httpi18n pages serve [-b ADDRESS] [PORT]``.

Run as ``python -m httpi18n pages …`` or ``python -m httpi18n.edge …``.
Every word printed comes from the catalogs (context ``command line``), in the
language of ``--lang TAG`` (accepted before or after ``build``/``serve``), else
of the environment, argparse's own words included: the parser, help layout
and language handling are those of :mod:`httpi18n.cli`, reused by import.
``--lang`` is the language of the command's own messages; ``--languages`` is
the languages of the pages it writes or serves.

:func:`main` takes the argument list (without the program name) and returns
the exit status.  As with :mod:`argparse`, ``--help`` and errors in the
options (an unknown ``--lang`` included) raise :class:`SystemExit` (0 and 2),
after printing help, or the usage and one localized ``error:`` line on stderr.
Errors while building or serving print one localized ``error:`` line and
return 2; a closed pipe returns 141, as :mod:`httpi18n.cli` does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from gettext import NullTranslations
from pathlib import Path
from typing import Any

# Private helpers of the main command line, reused so both commands speak and lay out help alike.
from ..cli import (
    EXIT_BROKEN_PIPE,
    _echo,
    _esc,
    _Formatter,
    _Parser,
    _requested_tag,
    _silence,
    _unknown_language,
    _Words,
)
from .._argparse_i18n import argparse, speaking
from ..catalogs import SHIPPED, translations
from ..context import environment_language, refresh_environment
from ..errorpages import FORMATS
from ..tags import resolve
from .pages import FORMAT_BY_EXTENSION, parse_statuses
from .build import _normal_base, unsafe_for_config

__all__ = ["main", "parser", "PROG", "PROG_DIRECT"]

#: Program name in usage and errors when run as ``python -m httpi18n pages``.
PROG = "httpi18n pages"
#: Program name when run as ``python -m httpi18n.edge``.
PROG_DIRECT = "python -m httpi18n.edge"

class _PagesFormatter(_Formatter):
    """:class:`httpi18n.cli._Formatter`, also listing the commands (``build``, ``serve``) with their help."""

    def _format_action(self, action: Any) -> str:
        parts = [super()._format_action(action)]
        parts.extend(self._format_action(sub) for sub in self._iter_indented_subactions(action))
        return "".join(parts)


def _languages(tr: NullTranslations) -> Callable[[str], tuple[str, ...]]:
    """The ``--languages`` type: catalog codes, first one the fallback; errors worded with *tr*."""

    def parse(spec: str) -> tuple[str, ...]:
        out: list[str] = []
        for tag in spec.split(","):
            tag = tag.strip()
            if not tag:
                continue
            code = resolve(tag, SHIPPED)
            if code is None:
                # TRANSLATORS: command line (pages) error; %(tag)s is one tag typed after --languages,
                # %(choices)s the catalogs: "en, zh_CN, …".
                msg = tr.pgettext("command line", "unknown language “%(tag)s”; available: %(choices)s")
                raise argparse.ArgumentTypeError(msg % {"tag": _echo(tag), "choices": ", ".join(SHIPPED)})
            if code not in out:
                out.append(code)
        if not out:
            # TRANSLATORS: command line (pages) error: --languages was given an empty list.
            raise argparse.ArgumentTypeError(tr.pgettext("command line", "no language given"))
        return tuple(out)

    return parse


def _formats(tr: NullTranslations) -> Callable[[str], tuple[str, ...]]:
    """The ``--formats`` type: html/json/txt (or their extensions), preferred first."""

    def parse(spec: str) -> tuple[str, ...]:
        out: list[str] = []
        for item in spec.split(","):
            item = item.strip().lower()
            fmt = FORMAT_BY_EXTENSION.get(item, item)
            if fmt not in FORMATS:
                # TRANSLATORS: command line (pages) error; %(format)s is what was typed after --formats,
                # %(choices)s is "html, json, txt" (file formats, not translated).
                msg = tr.pgettext("command line", "unknown format “%(format)s”; one of %(choices)s")
                raise argparse.ArgumentTypeError(msg % {"format": _echo(item), "choices": "html, json, txt"})
            if fmt not in out:
                out.append(fmt)
        return tuple(out)

    return parse


def _statuses(tr: NullTranslations) -> Callable[[str], tuple[int, ...]]:
    """The ``--statuses`` type: codes and ranges within 400–599."""

    def parse(spec: str) -> tuple[int, ...]:
        try:
            return parse_statuses(spec)
        except ValueError:
            # TRANSLATORS: command line (pages) error; %(value)s is what was typed after --statuses.
            msg = tr.pgettext("command line", "invalid status list “%(value)s”: "
                                              "give codes or ranges within 400-599, e.g. 404,500-504")
            raise argparse.ArgumentTypeError(msg % {"value": _echo(spec)}) from None

    return parse


def _base_path(tr: NullTranslations) -> Callable[[str], str]:
    """The ``--base-path`` type of ``pages build``: a URL path the configs can hold."""

    def parse(value: str) -> str:
        try:
            _normal_base(value)
        except ValueError:
            # TRANSLATORS: command line (pages) error; %(value)s is what was typed after --base-path.
            msg = tr.pgettext("command line", "invalid base path “%(value)s”: give a URL path other than / "
                                              "made of letters, digits and -._~")
            raise argparse.ArgumentTypeError(msg % {"value": _echo(value)}) from None
        return value

    return parse


def _config_value(tr: NullTranslations) -> Callable[[str], str]:
    """The type of values written into proxy configs (``--root``, ``--service``, ``--haproxy-backend``)."""

    def parse(value: str) -> str:
        if unsafe_for_config(value):
            # TRANSLATORS: command line (pages) error; %(value)s is an option's value, to be written
            # into nginx/Apache/Caddy/HAProxy configuration files.
            msg = tr.pgettext("command line", "“%(value)s” cannot go into a proxy configuration: "
                                              "no spaces, quotes, ;, {, } or #")
            raise argparse.ArgumentTypeError(msg % {"value": _echo(value)})
        return value

    return parse


def parser(tr: NullTranslations | None = None, prog: str = PROG, out: Any = None) -> argparse.ArgumentParser:
    """The argument parser, worded with *tr* (default: English); help goes to *out* (default: stdout)."""
    tr = tr if tr is not None else NullTranslations()
    out = out if out is not None else sys.stdout

    def t(worded: str, **values: str) -> str:
        """A help text already worded by the catalog, %-placeholders filled, escaped for argparse."""
        return _esc(worded % values if values else worded)

    # TRANSLATORS: command line, placeholder name: a language tag such as ja.
    m_lang = tr.pgettext("command line", "LANGUAGE")
    # TRANSLATORS: command line (pages), placeholder name: a comma-separated list.
    m_list = tr.pgettext("command line", "LIST")
    # TRANSLATORS: command line (pages), placeholder name: a directory.
    m_dir = tr.pgettext("command line", "DIR")
    # TRANSLATORS: command line (pages), placeholder name: a file.
    m_file = tr.pgettext("command line", "FILE")
    # TRANSLATORS: command line (pages), placeholder name: a URL path such as /_httpi18n.
    m_path = tr.pgettext("command line", "PATH")
    # TRANSLATORS: command line (pages), placeholder name: a URL.
    m_url = tr.pgettext("command line", "URL")
    # TRANSLATORS: command line (pages), placeholder name: a name in the HAProxy configuration.
    m_name = tr.pgettext("command line", "NAME")
    # TRANSLATORS: command line (pages), placeholder name: an IP address or host name.
    m_address = tr.pgettext("command line", "ADDRESS")
    # TRANSLATORS: command line (pages), placeholder name: an HTTP version such as HTTP/1.1.
    m_version = tr.pgettext("command line", "VERSION")
    # TRANSLATORS: command line (pages), placeholder name: a TCP port number.
    m_port = tr.pgettext("command line", "PORT")

    def lang_option(p: argparse.ArgumentParser, default: Any) -> None:
        # Read before parsing (see main); declared so that help lists it and parsing accepts it.
        p.add_argument("--lang", metavar=m_lang, default=default, help=t(
            # TRANSLATORS: command line (pages), help of --lang; %(languages)s lists the catalogs.
            tr.pgettext("command line", "language of the messages, as a tag such as ja, fr-CA or zh-Hant "
                        "(catalogs: %(languages)s); default: from the environment"), languages=", ".join(SHIPPED)))

    top = _Parser(prog=prog, formatter_class=_PagesFormatter, allow_abbrev=False, out=out,
                  # TRANSLATORS: command line (pages), first paragraph of --help.
                  description=t(tr.pgettext("command line", "Localized error pages for reverse proxies.")))
    lang_option(top, None)
    sub = top.add_subparsers(dest="command", required=True, metavar="build|serve",
                             # TRANSLATORS: command line (pages), heading of the list of commands in --help.
                             title=tr.pgettext("command line", "commands"))

    def common(p: argparse.ArgumentParser) -> None:
        lang_option(p, argparse.SUPPRESS)  # after the command: does not reset one given before it
        p.add_argument("--statuses", type=_statuses(tr), default=None, metavar=m_list, help=t(
            # TRANSLATORS: command line (pages), help of --statuses.
            tr.pgettext("command line", "statuses, e.g. 404,500-504 (default: every registered 4xx/5xx)")))
        p.add_argument("--languages", type=_languages(tr), default=None, metavar=m_list, help=t(
            # TRANSLATORS: command line (pages), help of --languages; %(languages)s lists the catalogs.
            tr.pgettext("command line", "languages of the pages, the first is the fallback (default: %(languages)s)"),
            languages=", ".join(SHIPPED)))
        p.add_argument("--formats", type=_formats(tr), default=FORMATS, metavar=m_list, help=t(
            # TRANSLATORS: command line (pages), help of --formats (file formats, not translated).
            tr.pgettext("command line", "formats among html,json,txt, preferred first (default: html,json,txt)")))
        p.add_argument("--template", type=Path, default=None, metavar=m_file, help=t(
            # TRANSLATORS: command line (pages), help of --template.
            tr.pgettext("command line", "HTML template with $-placeholders (see httpi18n.errorpages)")))

    b = sub.add_parser("build", formatter_class=_PagesFormatter, allow_abbrev=False, out=out, help=t(
        # TRANSLATORS: command line (pages), what `pages build` does.
        tr.pgettext("command line", "write static pages and nginx/Apache/Caddy/HAProxy configuration")))
    b.add_argument("directory", metavar=m_dir, help=t(
        # TRANSLATORS: command line (pages), help of the DIR argument of `pages build`.
        tr.pgettext("command line", "where to write the pages and the configuration")))
    common(b)
    b.add_argument("--base-path", type=_base_path(tr), default="/_httpi18n", metavar=m_path, help=t(
        # TRANSLATORS: command line (pages), help of --base-path; %(default)s is /_httpi18n.
        tr.pgettext("command line", "URL prefix of the pages (default: %(default)s)"), default="/_httpi18n"))
    b.add_argument("--root", type=_config_value(tr), default=None, metavar=m_dir, help=t(
        # TRANSLATORS: command line (pages), help of --root; %(dir)s is the DIR placeholder.
        tr.pgettext("command line", "the pages' directory on the proxy host (default: %(dir)s/pages, absolute)"),
        dir=m_dir))
    b.add_argument("--service", type=_config_value(tr), default="http://127.0.0.1:8080", metavar=m_url, help=t(
        # TRANSLATORS: command line (pages), help of --service; %(default)s is a URL.
        tr.pgettext("command line", "URL of the error-page service for the configs (default: %(default)s)"),
        default="http://127.0.0.1:8080"))
    b.add_argument("--haproxy-backend", type=_config_value(tr), default="app", metavar=m_name, help=t(
        # TRANSLATORS: command line (pages), help of --haproxy-backend; %(default)s is a backend name.
        tr.pgettext("command line", "HAProxy backend to watch (default: %(default)s)"), default="app"))

    s = sub.add_parser("serve", formatter_class=_PagesFormatter, allow_abbrev=False, out=out, help=t(
        # TRANSLATORS: command line (pages), what `pages serve` does.
        tr.pgettext("command line", "run the error-page service")))
    s.add_argument("-b", "--bind", metavar=m_address, help=t(
        # TRANSLATORS: command line (pages), help of --bind.
        tr.pgettext("command line", "bind to this address (default: all interfaces)")))
    s.add_argument("-p", "--protocol", metavar=m_version, default="HTTP/1.1", help=t(
        # TRANSLATORS: command line (pages), help of --protocol; %(default)s is HTTP/1.1.
        tr.pgettext("command line", "conform to this HTTP version (default: %(default)s)"), default="HTTP/1.1"))
    s.add_argument("port", default=8080, type=int, nargs="?", metavar=m_port, help=t(
        # TRANSLATORS: command line (pages), help of the PORT argument; %(default)s is 8080.
        tr.pgettext("command line", "bind to this port (default: %(default)s)"), default="8080"))
    common(s)
    s.add_argument("--base-path", default="", metavar=m_path, help=t(
        # TRANSLATORS: command line (pages), help of --base-path of `pages serve`.
        tr.pgettext("command line", "also answer under this URL prefix")))
    s.add_argument("--show-request-id", action="store_true", help=t(
        # TRANSLATORS: command line (pages), help of --show-request-id (X-Request-ID is a header name).
        tr.pgettext("command line", "show X-Request-ID on pages (escaped)")))
    s.add_argument("--show-original-uri", action="store_true", help=t(
        # TRANSLATORS: command line (pages), help of --show-original-uri (X-Original-URI is a header name).
        tr.pgettext("command line", "show X-Original-URI on pages (escaped)")))
    s.add_argument("-q", "--quiet", action="store_true", help=t(
        # TRANSLATORS: command line (pages), help of --quiet.
        tr.pgettext("command line", "do not log requests")))
    return top


def _serve(args: Any, tr: NullTranslations) -> None:
    """Serve until interrupted, announcing the address as ``python -m http.server`` does, localized."""
    from .serve import make_server
    from .service import ErrorPageService

    service = ErrorPageService(statuses=args.statuses, languages=args.languages, formats=args.formats,
                               template=args.template, base_path=args.base_path,
                               show_request_id=args.show_request_id, show_original_uri=args.show_original_uri)
    with make_server(service, args.bind, args.port, protocol=args.protocol, quiet=args.quiet) as httpd:
        host, port = httpd.socket.getsockname()[:2]
        url = f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
        # TRANSLATORS: command line (pages serve), printed once listening; keep the address and URL as they are.
        line = tr.pgettext("command line", "Serving HTTP on %(host)s port %(port)s (%(url)s) ...")
        print(line % {"host": host, "port": port, "url": url}, flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            # TRANSLATORS: command line (pages serve), printed after Ctrl+C.
            print("\n" + tr.pgettext("command line", "Keyboard interrupt received, exiting."), flush=True)


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    """Run ``build`` or ``serve`` with *argv* (default: ``sys.argv[1:]``); return the exit status.

    *prog* names the program in usage and error lines.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    refresh_environment()
    catalog = environment_language()
    tag = _requested_tag(args_list)
    hit = resolve(tag, SHIPPED) if tag is not None else None
    w = _Words(hit or catalog)
    tr = w.tr
    out = sys.stdout
    command = "?"
    try:
        with speaking(tr):
            p = parser(tr, prog, out)
            if tag is not None and hit is None:
                p.error(str(_unknown_language(w, tag)))  # SystemExit(2), as other option errors
            args = p.parse_args(args_list)
            command = args.command
            try:
                if command == "build":
                    from .build import build

                    files = build(args.directory, statuses=args.statuses, languages=args.languages,
                                  formats=args.formats, template=args.template, base_path=args.base_path,
                                  root=args.root, service=args.service, haproxy_backend=args.haproxy_backend)
                    # TRANSLATORS: command line (pages build), the summary; %(directory)s is a path.
                    done = tr.npgettext("command line", "%(count)d file written under %(directory)s",
                                        "%(count)d files written under %(directory)s", len(files))
                    out.write(done % {"count": len(files), "directory": args.directory} + "\n")
                else:
                    _serve(args, tr)
            except (ValueError, OSError) as exc:
                if isinstance(exc, BrokenPipeError):
                    raise
                sys.stderr.write(tr.gettext("%(prog)s: error: %(message)s\n")
                                 % {"prog": f"{prog} {command}", "message": exc})
                return 2
            out.flush()
    except BrokenPipeError:
        _silence(out)
        return EXIT_BROKEN_PIPE
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(prog=PROG_DIRECT))
