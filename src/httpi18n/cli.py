"""Command line: look up status codes and methods, list them, negotiate languages.

    python -m httpi18n 404 --lang ja        # also NOT_FOUND, not-found, GET, get
    python -m httpi18n list --lang fr --category client-error
    python -m httpi18n methods [--lang ja]
    python -m httpi18n negotiate "fr-CH, fr;q=0.9, en;q=0.8"

Every word printed comes from the catalogs, in the language of ``--lang``,
else of the environment (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
as :func:`httpi18n.context.environment_language` reads them), argparse's own
messages included (see :mod:`httpi18n._argparse_i18n`).  Protocol tokens,
names and ``--json`` keys stay as they are.

Every command takes ``--json``.  Unknown codes, methods, classes and
languages exit with status 2 and a one-line message on stderr (with a
suggestion when a close match exists).  Output cut short by a closed pipe
(``| head``) ends quietly with status 141 (128 + SIGPIPE), as Unix tools do.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from gettext import NullTranslations
from typing import Any, TextIO

from ._argparse_i18n import argparse, argparse_gettext, speaking
from .catalogs import SHIPPED, translations
from .context import environment_language, refresh_environment
from .languages import BY_CODE
from .localize import UnknownCodeError, localized
from .negotiation import negotiate
from .registry import CATEGORIES, METHOD_BY_TOKEN, METHODS, STATUS_BY_CODE, STATUSES, Reference
from .tags import resolve

__all__ = ["main"]

PROG = "httpi18n"
COMMANDS = ("list", "methods", "negotiate")
#: Options that take a value (so the value is not mistaken for the command).
_VALUED = ("--lang", "--category", "--available")
#: Exit status after a closed pipe: what a shell reports for a process killed by SIGPIPE.
EXIT_BROKEN_PIPE = 128 + 13
#: Longest piece of user input echoed in a message.
_ECHO_MAX = 64


class CLIError(Exception):
    """A user error, already localized: printed as one line, exit status 2."""


# --- language --------------------------------------------------------------


def _requested_tag(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` before ``--``, read before parsing (help needs it)."""
    tag = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            tag = argv[i + 1]
        elif arg.startswith("--lang="):
            tag = arg[len("--lang="):]
    return tag


def _echo(text: str) -> str:
    """User input made safe to print on one line: control characters escaped, length capped."""
    if len(text) > _ECHO_MAX:
        text = text[:_ECHO_MAX] + "…"
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _width(text: str) -> int:
    """Terminal columns *text* takes.

    East Asian wide and full-width characters take two; combining marks (Thai and Devanagari
    vowel and tone signs, Vietnamese decomposed accents) and format characters take none.
    """
    return sum(0 if unicodedata.category(ch) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


#: Characters a line must not start with (closing punctuation, small kana, long vowel mark).
_NO_LINE_START = frozenset("、。，．・：；！？）」』】〕〉》”’,.:;!?)]}ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー")
#: Characters a line must not end with (opening punctuation).
_NO_LINE_END = frozenset("（「『【〔〈《“‘([{")


#: Runs of ASCII white space only: str.split() would also break French no-break spaces.
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _wrap(text: str, width: int) -> list[str]:
    """Wrap *text* to *width* terminal columns.

    Latin text breaks at spaces (:mod:`textwrap`); text with wide (CJK)
    characters may also break between two of them, never before closing
    punctuation.
    """
    if not any(unicodedata.east_asian_width(ch) in "WF" for ch in text):
        return textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    tokens: list[str] = []  # words of narrow characters, single wide characters, single spaces
    for ch in text:
        if ch == " " or unicodedata.east_asian_width(ch) in "WF":
            tokens.append(ch)
        elif tokens and tokens[-1] != " " and unicodedata.east_asian_width(tokens[-1][-1]) not in "WF":
            tokens[-1] += ch
        else:
            tokens.append(ch)
    lines: list[str] = []
    line = ""
    for tok in tokens:
        if _width(line) + _width(tok) > width and line.strip() and tok != " " and tok[0] not in _NO_LINE_START:
            carry = ""
            while line and line[-1] in _NO_LINE_END:
                line, carry = line[:-1], line[-1] + carry
            lines.append(line.rstrip())
            line = carry
        if tok == " " and not line:
            continue
        line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


class _Words:
    """The translations of one run: ``words.tr.pgettext("command line", …)``."""

    def __init__(self, catalog: str) -> None:
        self.catalog = catalog
        self.tr: NullTranslations = translations(catalog)

    def error_line(self, message: str) -> str:
        # The same words argparse uses for its own errors (see _argparse_i18n).
        return self.tr.gettext("%(prog)s: error: %(message)s\n") % {"prog": PROG, "message": message}


def _unknown_language(w: _Words, tag: str) -> CLIError:
    choices = ", ".join(f"{code} ({BY_CODE[code].native})" for code in SHIPPED)
    # TRANSLATORS: command line error; %(tag)s is what the user typed after --lang, %(choices)s the
    # catalogs with their own names: "en (English), zh_CN (简体中文), …".
    msg = w.tr.pgettext("command line", "unknown language “%(tag)s”; choose one of: %(choices)s")
    return CLIError(msg % {"tag": _echo(tag), "choices": choices})


# --- lookups ---------------------------------------------------------------


def _references(refs: tuple[Reference, ...]) -> list[dict[str, str]]:
    return [{"document": r.document, "section": r.section, "url": r.url} for r in refs]


def _status_record(code: int, lang: str) -> dict[str, Any]:
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


def _method_record(token: str, lang: str) -> dict[str, Any]:
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


def _status_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for s in STATUSES:
        for name in (s.name, *s.aliases):
            if name:
                names[name] = s.code
    return names


_STATUS_NAMES = _status_names()
_METHODS_UPPER = {m.token.upper(): m.token for m in METHODS}


def _normal_name(word: str) -> str:
    """``not-found``, ``Not Found``, ``HTTPStatus.NOT_FOUND`` → ``NOT_FOUND``."""
    word = word.strip()
    for prefix in ("HTTPStatus.", "http.HTTPStatus.", "httpi18n.HTTPStatus."):
        if word.startswith(prefix):
            word = word[len(prefix):]
    return word.upper().replace("-", "_").replace(" ", "_")


def _find(word: str) -> int | str | None:
    """A status code or method token for what was typed, or ``None``."""
    if word.isdecimal():
        return int(word)
    if word in METHOD_BY_TOKEN:
        return word
    if word.startswith("HTTPMethod."):
        word = word[len("HTTPMethod."):].replace("_", "-")
        if word.upper() in _METHODS_UPPER:
            return _METHODS_UPPER[word.upper()]
    code = _STATUS_NAMES.get(_normal_name(word))
    if code is not None:
        return code
    return _METHODS_UPPER.get(word.upper())


def _suggestion(word: str) -> str | None:
    """The closest status name, method or command to a word nothing matched, for "Did you mean …?"."""
    candidates: dict[str, str] = {name: f"{name} ({code})" for name, code in _STATUS_NAMES.items()}
    candidates.update({token: token for token in METHOD_BY_TOKEN})
    candidates.update({cmd.upper(): cmd for cmd in COMMANDS})
    close = difflib.get_close_matches(_normal_name(word), list(candidates), n=1, cutoff=0.75)
    return candidates[close[0]] if close else None


def cmd_lookup(args: Any, out: TextIO, w: _Words) -> None:
    found = _find(args.code)
    if isinstance(found, int):
        code = found
        if code not in STATUS_BY_CODE:
            try:
                text = localized(code, w.catalog)
            except UnknownCodeError:
                # TRANSLATORS: command line error; %(code)s is a number the user typed.
                msg = w.tr.pgettext("command line", "%(code)s is not an HTTP status code: they go from 100 to 599")
                raise CLIError(msg % {"code": _echo(args.code)}) from None
            # TRANSLATORS: command line error; %(class)s is the localized class name ("Client Error").
            msg = w.tr.pgettext(
                "command line", "%(code)s is not in the IANA status code registry; its class is “%(class)s”"
            )
            raise CLIError(msg % {"code": code, "class": text})
        rec = _status_record(code, w.catalog)
        _write_record(rec, f"{code} {rec['phrase']}", args.json, out)
        return
    if found is None:
        hint = _suggestion(args.code)
        if hint is None:
            # TRANSLATORS: command line error; %(word)s is what the user typed.
            msg = w.tr.pgettext(
                "command line", "“%(word)s” is neither a status code, a status name nor a registered HTTP method"
            )
        else:
            # TRANSLATORS: command line error; %(word)s is what the user typed, %(suggestion)s a close
            # match such as NOT_FOUND (404), GET or list.
            msg = w.tr.pgettext(
                "command line",
                "“%(word)s” is neither a status code, a status name nor a registered HTTP method; "
                "did you mean %(suggestion)s?",
            )
        msg = msg % {"word": _echo(args.code), "suggestion": hint}
        raise CLIError(msg)
    _write_record(_method_record(found, w.catalog), found, args.json, out)


def _write_record(rec: dict[str, Any], title: str, as_json: bool, out: TextIO) -> None:
    """One looked-up status or method: JSON, or title, description and spec links."""
    if as_json:
        out.write(json.dumps(rec, ensure_ascii=False, indent=2) + "\n")
        return
    out.write(f"{title}\n{rec['description']}\n")
    for ref in rec["references"]:
        out.write(f"{ref['url']}\n")


def cmd_list(args: Any, out: TextIO, w: _Words) -> None:
    if args.category and args.category not in CATEGORIES:
        # TRANSLATORS: command line error; %(category)s is what the user typed after --category.
        msg = w.tr.pgettext("command line", "unknown status class “%(category)s”; choose one of: %(choices)s")
        raise CLIError(msg % {"category": _echo(args.category), "choices": ", ".join(CATEGORIES)})
    rows = [_status_record(s.code, w.catalog) for s in STATUSES if not args.category or s.category == args.category]
    if args.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for rec in rows:
        out.write(f"{rec['code']}  {rec['phrase']}\n")


def cmd_methods(args: Any, out: TextIO, w: _Words) -> None:
    rows = [_method_record(m.token, w.catalog) for m in METHODS]
    if args.json:
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    tr = w.tr
    # TRANSLATORS: command line, heading of the first column of the `methods` table.
    head_method = tr.pgettext("command line", "Method")
    # TRANSLATORS: command line, `methods` table column: ✓ when the method is safe (RFC 9110, 9.2.1).
    head_safe = tr.pgettext("command line", "Safe")
    # TRANSLATORS: command line, `methods` table column: ✓ when the method is idempotent (RFC 9110, 9.2.2).
    head_idem = tr.pgettext("command line", "Idempotent")
    # TRANSLATORS: command line, heading of the last column of the `methods` table.
    head_desc = tr.pgettext("command line", "Description")
    w1 = max(_width(head_method), *(len(m.token) for m in METHODS))
    w2, w3 = _width(head_safe), _width(head_idem)
    out.write(f"{_pad(head_method, w1)}  {head_safe}  {head_idem}  {head_desc}\n")
    for rec in rows:
        safe = _pad("✓" if rec["safe"] else "", w2)
        idem = _pad("✓" if rec["idempotent"] else "", w3)
        out.write(f"{rec['method']:<{w1}}  {safe}  {idem}  {rec['description']}\n")


def cmd_negotiate(args: Any, out: TextIO, w: _Words) -> None:
    if args.available is None:
        available = list(SHIPPED)
    else:
        available = [a.strip() for a in args.available.split(",") if a.strip()]
        if not available:
            # TRANSLATORS: command line error: --available was given an empty list.
            raise CLIError(w.tr.pgettext("command line", "--available lists no catalog"))
    best = negotiate(args.header, available, default=None)
    chosen = best if best is not None else available[0]
    if args.json:
        record = {"header": args.header, "language": chosen, "matched": best is not None}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.write(chosen + "\n")


# --- parser ----------------------------------------------------------------


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help laid out by terminal columns, so that CJK option lists line up and wrap.

    argparse measures with ``len()``, which counts a wide character as one
    column; the option list and its help texts are laid out here instead.
    """

    def start_section(self, heading: Any) -> None:
        self._headings = [*getattr(self, "_headings", []), heading]
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        # Python < 3.13 writes "<heading>:" itself; 3.13 words it through the catalog already.
        for heading in getattr(self, "_headings", []):
            if heading:
                worded = argparse_gettext("%(heading)s:") % {"heading": heading}
                text = text.replace(f"\n{heading}:\n", f"\n{worded}\n")
        return text

    def add_argument(self, action: Any) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            invocation = self._format_action_invocation(action)
            self._action_max_length = max(self._action_max_length, _width(invocation) + self._current_indent)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(_ASCII_SPACES.sub(" ", text).strip(), width)  # no-break spaces stay

    def _format_action(self, action: Any) -> str:
        help_position = min(self._action_max_length + 2, self._max_help_position)
        header = " " * self._current_indent + self._format_action_invocation(action)
        if not action.help:
            return header + "\n"
        lines = self._split_lines(self._expand_help(action), max(self._width - help_position, 11))
        if _width(header) + 2 <= help_position:
            out = [_pad(header, help_position) + lines[0]]
            lines = lines[1:]
        else:
            out = [header]
        out.extend(" " * help_position + line for line in lines)
        return "\n".join(out) + "\n"


class _Parser(argparse.ArgumentParser):
    """argparse (the private, localized copy) printing help to the CLI's output stream."""

    def __init__(self, *args: Any, out: TextIO, **kwargs: Any) -> None:
        self._out = out
        super().__init__(*args, **kwargs)

    def print_help(self, file: Any = None) -> None:
        super().print_help(file if file is not None else self._out)


def _command(argv: Sequence[str]) -> str | None:
    """The first positional argument (skipping option values), or ``None``."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--":
            return None
        if arg in _VALUED:
            skip = True
            continue
        if not arg.startswith("-") or arg == "-":
            return arg
    return None


def _esc(text: str) -> str:
    """Text for argparse, which %-formats help and usage."""
    return text.replace("%", "%%")


def _build(command: str | None, w: _Words, out: TextIO) -> tuple[Any, Callable[[Any, TextIO, _Words], None]]:
    tr = w.tr
    # TRANSLATORS: command line, placeholder names in the usage lines and --help (upper case in English).
    m_code = tr.pgettext("command line", "CODE")
    # TRANSLATORS: command line, placeholder name: an HTTP method token such as GET.
    m_method = tr.pgettext("command line", "METHOD")
    # TRANSLATORS: command line, placeholder name: a language tag such as ja.
    m_lang = tr.pgettext("command line", "LANGUAGE")
    # TRANSLATORS: command line, placeholder name: a status class such as client-error.
    m_class = tr.pgettext("command line", "CLASS")
    # TRANSLATORS: command line, placeholder name: an Accept-Language header value.
    m_header = tr.pgettext("command line", "HEADER")
    # TRANSLATORS: command line, placeholder name: a comma-separated list of catalogs.
    m_catalogs = tr.pgettext("command line", "CATALOGS")
    lines = {
        None: f"{PROG} [-h] [--lang {m_lang}] [--json] {m_code}|{m_method}",
        "list": f"{PROG} list [--category {m_class}] [--lang {m_lang}] [--json]",
        "methods": f"{PROG} methods [--lang {m_lang}] [--json]",
        "negotiate": f"{PROG} negotiate [--available {m_catalogs}] [--json] {m_header}",
        "pages": f"{PROG} pages build|serve ...",
    }
    shown = list(lines.values()) if command not in COMMANDS else [lines[command]]
    indent = " " * _width(tr.gettext("usage: "))
    usage = ("\n" + indent).join(shown)

    # TRANSLATORS: command line, first paragraph of --help.
    description = tr.pgettext(
        "command line",
        "HTTP status codes and methods in your language: look them up, list them, "
        "and see which catalog an Accept-Language value chooses.",
    )
    commands = [
        # TRANSLATORS: command line --help, what `httpi18n 404` does.
        (f"{m_code}|{m_method}", tr.pgettext(
            "command line", "a status code (404), its name (NOT_FOUND) or a method (GET): "
            "phrase, description and references")),
        # TRANSLATORS: command line --help, what `httpi18n list` does.
        ("list", tr.pgettext("command line", "every registered status code, or those of one class")),
        # TRANSLATORS: command line --help, what `httpi18n methods` does.
        ("methods", tr.pgettext("command line", "every registered method: safe, idempotent, description")),
        # TRANSLATORS: command line --help, what `httpi18n negotiate` does.
        (f"negotiate {m_header}", tr.pgettext("command line", "the catalog an Accept-Language value chooses")),
        # TRANSLATORS: command line --help, what `httpi18n pages build DIR` / `pages serve` do.
        ("pages build|serve", tr.pgettext(
            "command line", "error pages for reverse proxies: write them with their configuration, "
            "or serve them")),
    ]
    width = max(40, min(shutil.get_terminal_size().columns, 100) - 2)
    col = max(_width(name) for name, _ in commands) + 4
    # TRANSLATORS: command line, heading of the list of commands in --help.
    heading = tr.pgettext("command line", "commands")
    epilog = tr.gettext("%(heading)s:") % {"heading": heading}
    for name, text in commands:
        first, *rest = _wrap(text, max(20, width - col))
        epilog += f"\n  {_pad(name, col - 2)}{first}" + "".join(f"\n{' ' * col}{line}" for line in rest)
    description = "\n".join(_wrap(description, width))
    parser = _Parser(
        prog=PROG,
        usage=_esc(usage),
        description=_esc(description),
        epilog=_esc(epilog),
        formatter_class=_Formatter,
        allow_abbrev=False,
        out=out,
    )
    examples = ", ".join(SHIPPED)
    parser.add_argument(
        "--lang",
        metavar=m_lang,
        # TRANSLATORS: command line, help of --lang; %(languages)s lists the catalogs (en, zh_CN, …).
        help=_esc(tr.pgettext(
            "command line", "language of the output, as a tag such as ja, fr-CA or zh-Hant (catalogs: "
            "%(languages)s); default: from the environment") % {"languages": examples}),
    )
    # TRANSLATORS: command line, help of --json.
    parser.add_argument("--json", action="store_true", help=_esc(tr.pgettext("command line", "print JSON instead of text")))
    handler: Callable[[Any, TextIO, _Words], None]
    if command == "list":
        parser.add_argument("command", choices=["list"], help=argparse.SUPPRESS)
        parser.add_argument(
            "--category",
            metavar=m_class,
            # TRANSLATORS: command line, help of --category; %(classes)s lists client-error, ….
            help=_esc(tr.pgettext("command line", "only the codes of one status class: %(classes)s")
                      % {"classes": ", ".join(CATEGORIES)}),
        )
        handler = cmd_list
    elif command == "methods":
        parser.add_argument("command", choices=["methods"], help=argparse.SUPPRESS)
        handler = cmd_methods
    elif command == "negotiate":
        parser.add_argument("command", choices=["negotiate"], help=argparse.SUPPRESS)
        # TRANSLATORS: command line, help of the HEADER argument; %(example)s is "fr-CH, fr;q=0.9, en;q=0.8".
        parser.add_argument("header", metavar=m_header, help=_esc(tr.pgettext(
            "command line", "an Accept-Language value, e.g. “%(example)s”") % {"example": "fr-CH, fr;q=0.9, en;q=0.8"}))
        parser.add_argument(
            "--available",
            metavar=m_catalogs,
            # TRANSLATORS: command line, help of --available; %(languages)s lists the catalogs.
            help=_esc(tr.pgettext(
                "command line", "the catalogs to choose from, comma-separated, preferred first "
                "(default: %(languages)s)") % {"languages": examples}),
        )
        handler = cmd_negotiate
    else:
        # TRANSLATORS: command line, help of the CODE|METHOD argument.
        code_help = tr.pgettext("command line", "a status code (404), its name (NOT_FOUND) or a method (GET)")
        parser.add_argument("code", metavar=f"{m_code}|{m_method}", help=_esc(code_help))
        handler = cmd_lookup
    return parser, handler


# --- main ------------------------------------------------------------------


def _silence(out: TextIO) -> None:
    """After a closed pipe: point stdout at /dev/null so the interpreter's final flush stays quiet."""
    if out is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file: nothing to silence
        pass


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; returns the exit status."""
    out = out or sys.stdout
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["pages"]:  # the edge tools: python -m httpi18n pages build|serve
        from .edge.cli import main as pages_main

        return pages_main(args_list[1:])
    refresh_environment()
    catalog = environment_language()
    tag = _requested_tag(args_list)
    bad_tag = None
    if tag is not None:
        hit = resolve(tag, SHIPPED)
        if hit is None:
            bad_tag = tag
        else:
            catalog = hit
    w = _Words(catalog)
    try:
        with speaking(w.tr):
            try:
                if bad_tag is not None:
                    raise _unknown_language(w, bad_tag)
                parser, handler = _build(_command(args_list), w, out)
                try:
                    args = parser.parse_args(args_list)
                except SystemExit as exc:  # --help (0) or a usage error (2), already printed
                    out.flush()
                    return exc.code if isinstance(exc.code, int) else 2
                handler(args, out, w)
            except CLIError as exc:
                sys.stderr.write(w.error_line(str(exc)))
                return 2
        out.flush()
    except BrokenPipeError:
        _silence(out)
        return EXIT_BROKEN_PIPE
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
