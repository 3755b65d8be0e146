"""Command line: look up status codes and methods, list them, negotiate languages.

    python -m httpi18n 404 --lang ja
    python -m httpi18n list --lang fr --category client-error
    python -m httpi18n methods [--lang ja]
    python -m httpi18n negotiate "fr-CH, fr;q=0.9, en;q=0.8"

Every command takes ``--json``.  Unknown codes, methods, categories and
languages exit with status 2 and a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .catalogs import SHIPPED
from .localize import UnknownCodeError, localized
from .negotiation import negotiate
from .registry import CATEGORIES, METHOD_BY_TOKEN, METHODS, STATUS_BY_CODE, STATUSES, Reference
from .tags import UnknownLanguageError, resolve

__all__ = ["main"]

COMMANDS = ("list", "methods", "negotiate")


class CLIError(Exception):
    """A user error: printed as one line, exit status 2."""


def _lang(tag: str | None) -> str | None:
    if tag is None:
        return None
    if resolve(tag, SHIPPED) is None:
        raise CLIError(f"unknown language {tag!r}; available: {', '.join(SHIPPED)}")
    return tag


def _status_record(code: int, lang: str | None) -> dict[str, Any]:
    entry = STATUS_BY_CODE[code]
    text = localized(code, lang)
    return {
        "code": code,
        "name": entry.name or None,
        "phrase": str(text),
        "english": entry.phrase,
        "description": text.description,
        "category": entry.category,
        "registration": entry.registration,
        "references": _references(entry.references),
        "language": text.language,
    }


def _references(refs: tuple[Reference, ...]) -> list[dict[str, str]]:
    return [{"document": r.document, "section": r.section, "url": r.url} for r in refs]


def _method_record(token: str, lang: str | None) -> dict[str, Any]:
    entry = METHOD_BY_TOKEN[token]
    text = localized(token, lang)
    return {
        "method": token,
        "description": text.description,
        "safe": entry.safe,
        "idempotent": entry.idempotent,
        "references": _references(entry.references),
        "language": text.language,
    }


def cmd_lookup(args: argparse.Namespace, out: TextIO) -> None:
    raw = args.code
    lang = _lang(args.lang)
    if raw.isdigit():
        code = int(raw)
        if code not in STATUS_BY_CODE:
            try:
                text = localized(code, lang)
            except UnknownCodeError as exc:
                raise CLIError(str(exc)) from None
            raise CLIError(f"{code} is not in the IANA status code registry (class: {text})")
        rec = _status_record(code, lang)
        _write_record(rec, f"{code} {rec['phrase']}", args.json, out)
        return
    token = raw
    if token not in METHOD_BY_TOKEN:
        raise CLIError(f"{raw!r} is neither a status code nor a registered HTTP method")
    _write_record(_method_record(token, lang), token, args.json, out)


def _write_record(rec: dict[str, Any], title: str, as_json: bool, out: TextIO) -> None:
    """One looked-up status or method: JSON, or title, description and spec links."""
    if as_json:
        out.write(json.dumps(rec, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(f"{title}\n{rec['description']}\n")
    for ref in rec["references"]:
        out.write(f"{ref['url']}\n")


def cmd_list(args: argparse.Namespace, out: TextIO) -> None:
    lang = _lang(args.lang)
    if args.category and args.category not in CATEGORIES:
        raise CLIError(f"unknown category {args.category!r}; one of: {', '.join(CATEGORIES)}")
    rows = [_status_record(s.code, lang) for s in STATUSES if not args.category or s.category == args.category]
    if args.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for rec in rows:
        out.write(f"{rec['code']}  {rec['phrase']}\n")


def cmd_methods(args: argparse.Namespace, out: TextIO) -> None:
    lang = _lang(args.lang)
    rows = [_method_record(m.token, lang) for m in METHODS]
    if args.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    width = max(len(m.token) for m in METHODS)
    for rec in rows:
        flags = ("S" if rec["safe"] else "-") + ("I" if rec["idempotent"] else "-")
        out.write(f"{rec['method']:<{width}}  {flags}  {rec['description']}\n")


def cmd_negotiate(args: argparse.Namespace, out: TextIO) -> None:
    available = [a.strip() for a in args.available.split(",") if a.strip()] if args.available else list(SHIPPED)
    best = negotiate(args.header, available, default=None)
    chosen = best if best is not None else available[0]
    if args.json:
        record = {"header": args.header, "language": chosen, "matched": best is not None}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.write(chosen + "\n")


def _parser(prog: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog,
        description="HTTP status codes and methods in English, Chinese, French and Japanese.",
        epilog="commands: CODE|METHOD, list, methods, negotiate HEADER",
    )
    p.add_argument("--lang", help="language tag (ja, fr-CA, zh-Hans, ...); default: from the environment")
    p.add_argument("--json", action="store_true", help="print JSON")
    return p


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status."""
    out = out or sys.stdout
    args_list = list(sys.argv[1:] if argv is None else argv)
    prog = "httpi18n"
    command = next((a for a in args_list if not a.startswith("-")), None)
    p = _parser(prog)
    if command == "list":
        p.add_argument("command", choices=["list"])
        p.add_argument("--category", help=f"one of: {', '.join(CATEGORIES)}")
        handler = cmd_list
    elif command == "methods":
        p.add_argument("command", choices=["methods"])
        handler = cmd_methods
    elif command == "negotiate":
        p.add_argument("command", choices=["negotiate"])
        p.add_argument("header", help="an Accept-Language value")
        p.add_argument("--available", help="comma-separated catalogs, preferred first (default: all shipped)")
        handler = cmd_negotiate
    else:
        p.add_argument("code", help="a status code (404) or method (GET)")
        handler = cmd_lookup
    args = p.parse_args(args_list)
    try:
        handler(args, out)
    except (CLIError, UnknownLanguageError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
