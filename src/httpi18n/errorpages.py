"""Localized error pages: status, language, format → headers and bytes.

A pure renderer shared by :mod:`httpi18n.server` and the WSGI/ASGI
middleware.  Three formats: HTML (default), ``application/problem+json``
(RFC 9457; for ``about:blank`` the ``title`` is the localized phrase) and
``text/plain``.  Every piece of caller-supplied text is escaped for the
format chosen.

The HTML template can be replaced: pass ``template=`` a string (or a
:class:`pathlib.Path` to a file) using the ``$``-placeholders below, or a
callable taking the placeholder mapping and returning the page as ``str``.

Placeholders (all already HTML-escaped): ``$lang`` (BCP 47 tag, e.g.
``zh-CN``), ``$dir`` (``ltr`` or ``rtl``, the catalog's writing direction),
``$dir_attr`` (``dir="rtl"``, space first, on a right-to-left page, else empty: the default
template's ``<html lang="$lang"$dir_attr>``), ``$code``, ``$title`` (localized
phrase), ``$message``, ``$explain``, ``$code_label`` (e.g. "Error code: 404",
localized), ``$style`` (the default stylesheet), ``$retry`` (a localized retry
hint or empty).

Right-to-left catalogs (Arabic, Hebrew, Persian: the ``direction`` of their
row in :mod:`httpi18n.languages`) get ``dir="rtl"``, and the stylesheet uses
logical properties only (``margin-inline``, ``padding-inline``,
``text-align: start``), so the same page mirrors itself.  What the visitor or
the app supplies (a path, a method, a URL, a header value, a request id)
must not reorder the sentence around it: a caller that puts such a value into
a localized *message* or *explain* wraps it with :func:`isolate` (U+2068 FIRST
STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE) before formatting, e.g.
``tr.pgettext("error page", "Address: %(uri)s") % {"uri": isolate(uri)}``.
The renderer then writes each isolated value as:

* the default HTML page: ``<bdi>…</bdi>`` (in every language: markup, never
  visible).  Custom templates (and the framework integrations, which unescape
  the values for their own template engines) receive the two characters
  themselves in ``$message``/``$explain``: browsers honour them, and they
  survive a template engine's escaping, where ``<bdi>`` markup would not;
* ``text/plain`` and the ``title``/``detail`` of ``application/problem+json``:
  the two isolate characters themselves, but only when the catalog is
  right-to-left, where they keep ``/a/b?c=1`` in one piece in any Unicode
  bidi-aware viewer; in left-to-right catalogs they are removed, so those
  bodies stay plain (nothing invisible for ``grep`` or a copy-paste to trip
  on).  ``instance`` (a URI) never carries them.

The status number needs no isolation: alone on its line, or after the colon
of the localized "Error code: 404" (digits are weak characters and stay in
one piece at the end of a right-to-left sentence).

Retry hints come from :func:`httpi18n.retry.retry_hint` (re-exported here).
A page that shows one reads as one text: the descriptions that end by
advising a later retry (408, 429, 503) are then replaced by a shorter
sentence without that advice, so the page never says "try again later" and
"try again in 2 minutes" together.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from html import escape
from pathlib import Path
from string import Template
from typing import NamedTuple, Union

from .catalogs import NP_, SHIPPED, translations
from .languages import ALL_BY_CODE
from .localize import localized
from .negotiation import negotiate, negotiate_media_type
from .retry import retry_after_seconds, retry_hint

__all__ = [
    "ErrorPage",
    "FORMATS",
    "DEFAULT_TEMPLATE",
    "render_error",
    "choose",
    "bcp47",
    "direction",
    "isolate",
    "FSI",
    "PDI",
    "retry_hint",
    "retry_after_seconds",
]

#: Formats :func:`render_error` can produce, in the order of preference for ``*/*``.
FORMATS: tuple[str, ...] = ("text/html", "application/problem+json", "text/plain")

_CONTENT_TYPES = {
    "text/html": "text/html; charset=utf-8",
    "application/problem+json": "application/problem+json",
    "text/plain": "text/plain; charset=utf-8",
}

TemplateLike = Union[str, Path, Callable[[Mapping[str, str]], str], None]


class ErrorPage(NamedTuple):
    """A rendered error page, ready to send."""

    body: bytes
    content_type: str
    #: The catalog used (``'ja'``, ``'zh_CN'``…), after fallback.
    language: str
    #: ``Content-Type``, ``Content-Language`` and ``Content-Length``.
    headers: list[tuple[str, str]]


def bcp47(catalog: str) -> str:
    """Catalog name → BCP 47 tag for ``lang=`` and ``Content-Language``: ``zh_CN`` → ``zh-CN``."""
    return catalog.replace("_", "-")


#: U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE (Unicode bidi isolates).
FSI, PDI = "\u2068", "\u2069"
#: Every bidi embedding, override and isolate control: never taken from supplied text.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def direction(catalog: str) -> str:
    """Writing direction of a catalog, from its row: ``'rtl'`` for ``ar``, ``he``, ``fa``, else ``'ltr'``."""
    row = ALL_BY_CODE.get(catalog)
    return row.direction if row is not None else "ltr"


def isolate(value: object) -> str:
    """*value* as a bidi-isolated run, to be formatted into a localized sentence.

    ``isolate("/a/b?c=1") == "\\u2068/a/b?c=1\\u2069"``.  Bidi controls inside
    *value* are dropped first, so a supplied value can neither escape its
    isolate nor reorder what follows it.  :func:`render_error` turns the pair
    into ``<bdi>`` in HTML and keeps or removes it in text and JSON (see the
    module docstring).
    """
    return FSI + str(value).translate(_BIDI_CONTROLS) + PDI


_SURROGATES = re.compile("[\ud800-\udfff]")


def _unicode(text: str) -> str:
    """*text* with lone surrogates (from ``surrogateescape``-decoded paths, say) as U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


#: Placeholders whose values may carry isolated (supplied) values.
_ISOLATED = frozenset({"message", "explain", "retry"})


def _isolates_to_html(escaped: str) -> str:
    """HTML-escaped text with FSI…PDI pairs → ``<bdi>…</bdi>``; unpaired controls are dropped."""
    if FSI not in escaped and PDI not in escaped:
        return escaped
    out: list[str] = []
    depth = 0
    for part in _split_isolates(escaped):
        if part == FSI:
            out.append("<bdi>")
            depth += 1
        elif part == PDI:
            if depth:
                out.append("</bdi>")
                depth -= 1
        else:
            out.append(part)
    out.extend("</bdi>" * depth)
    # an FSI never closed is closed at the end: the text after it stays isolated, markup stays balanced
    return "".join(out)


def _split_isolates(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in (FSI, PDI):
            if start < i:
                parts.append(text[start:i])
            parts.append(ch)
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return parts


def _isolates_for_text(text: str, rtl: bool) -> str:
    """Text for ``text/plain`` and JSON: balanced isolates kept on RTL pages, removed otherwise."""
    if FSI not in text and PDI not in text:
        return text
    if not rtl:
        return text.replace(FSI, "").replace(PDI, "")
    out: list[str] = []
    depth = 0
    for part in _split_isolates(text):
        if part == PDI:
            if not depth:
                continue
            depth -= 1
        elif part == FSI:
            depth += 1
        out.append(part)
    out.append(PDI * depth)
    return "".join(out)


_STYLE = """\
:root{color-scheme:light dark;--fg:#1b1b1f;--muted:#4a4a55;--bg:#fafafa;--accent:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#ececf1;--muted:#b8b8c4;--bg:#15151a;--accent:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;min-block-size:100vh;display:flex;align-items:center;justify-content:center;
background:var(--bg);color:var(--fg);line-height:1.6;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
:lang(ja) body,body:lang(ja){font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP","Noto Sans JP","Yu Gothic",Meiryo,sans-serif;line-height:1.8}
:lang(zh) body,body:lang(zh){font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;line-height:1.8}
:lang(zh-TW) body,body:lang(zh-TW){font-family:system-ui,"PingFang TC","Noto Sans CJK TC","Noto Sans TC","Microsoft JhengHei",sans-serif}
:lang(ar) body,body:lang(ar),:lang(fa) body,body:lang(fa){font-family:system-ui,"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,sans-serif;line-height:1.9}
:lang(he) body,body:lang(he){font-family:system-ui,"Noto Sans Hebrew",Arial,sans-serif}
main{max-inline-size:40rem;inline-size:100%;padding-block:2rem;padding-inline:1.5rem;text-align:start}
.code{font-size:clamp(3rem,12vw,6rem);font-weight:700;line-height:1;margin:0;color:var(--accent);
font-variant-numeric:tabular-nums}
h1{font-size:clamp(1.5rem,5vw,2.25rem);margin-block:.5rem 1rem;margin-inline:0;overflow-wrap:anywhere}
p{margin-block:.5rem;margin-inline:0;color:var(--muted);overflow-wrap:anywhere}
bdi{unicode-bidi:isolate}
"""

#: The default HTML page (``string.Template`` syntax).
DEFAULT_TEMPLATE = """\
<!DOCTYPE html>
<html lang="$lang"$dir_attr>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$code $title</title>
<style>
$style</style>
</head>
<body>
<main>
<p class="code" aria-hidden="true">$code</p>
<h1>$title</h1>
<p>$code_label</p>
<p>$message</p>
<p>$explain</p>
$retry</main>
</body>
</html>
"""


#: Status → English description without "try again later", used next to a retry hint;
#: its message context is ``HTTP status <code> shorter description``.
_SHORTER_DESCRIPTIONS: dict[int, str] = {
    # TRANSLATORS: replaces the 408 description on a page that also says when to retry.
    408: NP_("HTTP status 408 shorter description", "The request took too long to arrive."),
    # TRANSLATORS: replaces the 429 description on a page that also says when to retry.
    429: NP_("HTTP status 429 shorter description", "The client has sent too many requests in a given amount of time."),
    # TRANSLATORS: replaces the 503 description on a page that also says when to retry.
    503: NP_("HTTP status 503 shorter description",
             "The server cannot handle the request right now, because of overload or maintenance."),
}


def _description_next_to_hint(status: int, catalog: str, full: str) -> str:
    """The description of *status* for a page that also shows a retry hint."""
    english = _SHORTER_DESCRIPTIONS.get(status)
    if english is None:
        return full
    lookup = translations(catalog).pgettext  # the entries are marked with NP_ above
    text = lookup(f"HTTP status {status} shorter description", english)
    if text == english and catalog != "en":  # not translated yet: the full text, in the right language
        return full
    return text


def choose(
    accept: str | None,
    accept_language: str | None,
    languages: Iterable[str] | None = None,
    formats: Iterable[str] = FORMATS,
) -> tuple[str, str]:
    """Negotiate ``(language, format)`` from ``Accept-Language`` and ``Accept``.

    A client that accepts none of the formats still gets the first (HTML):
    an error page in the wrong format beats a second error.
    """
    langs = SHIPPED if languages is None else tuple(languages)
    lang = negotiate(accept_language, langs) or (langs[0] if langs else "en")
    fmts = tuple(formats)
    fmt = negotiate_media_type(accept, fmts) or fmts[0]
    return lang, fmt


def render_error(
    status: int,
    lang: str | None = None,
    fmt: str = "text/html",
    *,
    message: str | None = None,
    explain: str | None = None,
    template: TemplateLike = None,
    retry: str | None = None,
    problem_type: str = "about:blank",
    instance: str | None = None,
) -> ErrorPage:
    """Render the error page of *status* in catalog *lang* and format *fmt*.

    *message* defaults to the localized phrase and *explain* to the localized
    description; both are escaped for the format.  *retry* is an already
    localized hint (e.g. from :func:`retry_hint`) shown under the text; with
    it, a default description that advises a later retry is shortened.
    Unknown formats render as HTML; unknown languages as English.
    """
    text = localized(int(status), lang)
    catalog = text.language
    tr = translations(catalog)
    phrase = str(text)
    msg = phrase if message is None else _unicode(str(message))
    if explain is not None:
        exp = _unicode(str(explain))
    elif retry:
        exp = _description_next_to_hint(int(status), catalog, text.description)
    else:
        exp = text.description
    if fmt not in _CONTENT_TYPES:
        fmt = "text/html"
    code = str(int(status))
    dir_ = direction(catalog)
    rtl = dir_ == "rtl"

    if fmt == "application/problem+json":
        problem: dict[str, object] = {"type": problem_type, "title": phrase, "status": int(status)}
        detail = exp if msg == phrase else f"{msg} — {exp}" if exp else msg
        if detail:
            problem["detail"] = _isolates_for_text(detail, rtl)
        if instance:
            problem["instance"] = _unicode(instance)
        if retry:
            problem["retry"] = retry
        body = json.dumps(problem, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    elif fmt == "text/plain":
        lines = [f"{code} {phrase}", ""]
        if msg != phrase:
            lines.append(_isolates_for_text(msg, rtl))
        if exp:
            lines.append(_isolates_for_text(exp, rtl))
        if retry:
            lines.append(retry)
        body = ("\n".join(lines) + "\n").encode("utf-8")
    else:
        # TRANSLATORS: line under the title of an HTTP error page; %(code)s is the status number (404).
        label = tr.pgettext("error page", "Error code: %(code)s")
        values = {
            "lang": bcp47(catalog),
            "dir": dir_,
            "dir_attr": ' dir="rtl"' if rtl else "",
            "code": code,
            "title": escape(phrase),
            "message": escape(msg) if msg != phrase else "",
            "explain": escape(exp),
            "code_label": escape(label % {"code": code}),
            "style": _STYLE,
            "retry": f"<p>{escape(retry)}</p>\n" if retry else "",
        }
        body = _fill(template, values).encode("utf-8")
        body = body.replace(b"<p></p>\n", b"")

    ctype = _CONTENT_TYPES[fmt]
    headers = [
        ("Content-Type", ctype),
        ("Content-Language", bcp47(catalog)),
        ("Content-Length", str(len(body))),
    ]
    return ErrorPage(body, ctype, catalog, headers)


def _fill(template: TemplateLike, values: Mapping[str, str]) -> str:
    if template is None:  # the default page writes isolated values as <bdi> elements
        values = {k: _isolates_to_html(v) if k in _ISOLATED else v for k, v in values.items()}
        return Template(DEFAULT_TEMPLATE).substitute(values)
    if callable(template):
        return str(template(values))
    if isinstance(template, Path):
        template = template.read_text(encoding="utf-8")
    return Template(template).safe_substitute(values)
