"""What the Django, Flask and Starlette integrations share (no framework imported here).

The integrations decide and render through the middleware's
:class:`httpi18n._middleware.Settings` (language, format, ``Vary``,
``Content-Language``, ``Retry-After`` hint) and the one renderer of
:mod:`httpi18n.errorpages`.  What is added here is the bridge from the
renderer's placeholder mapping to a framework template engine: the
placeholders arrive HTML-escaped, the engines escape again, so the text is
handed over unescaped (``html.unescape`` exactly undoes ``html.escape``) and
the engine's autoescaping is the only escaping left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import unescape
from pathlib import Path

from .languages import BY_CODE

__all__ = ["TEMPLATE_NAME", "TEMPLATE_DIR", "template_context", "body_headers"]

#: The template name both engines look up; a project overrides it with its own file of that name.
TEMPLATE_NAME = "httpi18n/error.html"
#: The folder holding the shipped ``httpi18n/error.html`` (valid Django and Jinja syntax alike).
TEMPLATE_DIR = Path(__file__).resolve().parent / "django" / "templates"

#: Headers the frameworks compute themselves from the body they send.
_FRAMEWORK_HEADERS = frozenset({"content-type", "content-length"})


def template_context(values: Mapping[str, str]) -> dict[str, object]:
    """The template context for one page, from the renderer's (escaped) placeholder mapping.

    Keys: ``code`` (int), ``phrase`` (localized), ``description`` (localized),
    ``message`` (the application's own text or ``""``), ``code_label``
    ("Error code: 404", localized), ``retry`` (a localized ``Retry-After``
    hint or ``""``), ``language`` (BCP 47 tag: ``zh-TW``), ``catalog``
    (``zh_TW``), ``direction`` (``ltr`` or ``rtl``) and ``style`` (the
    default stylesheet; the caller marks it safe for its engine).
    """
    tag = values["lang"]
    catalog = tag.replace("-", "_")
    row = BY_CODE.get(catalog)
    retry = values.get("retry", "")
    if retry.startswith("<p>") and retry.rstrip().endswith("</p>"):
        retry = retry.rstrip()[3:-4]
    return {
        "code": int(values["code"]),
        "phrase": unescape(values["title"]),
        "description": unescape(values["explain"]),
        "message": unescape(values["message"]),
        "code_label": unescape(values["code_label"]),
        "retry": unescape(retry),
        "language": tag,
        "catalog": catalog,
        "direction": row.direction if row is not None else "ltr",
        "style": values["style"],
    }


def body_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """*headers* without ``Content-Type``/``Content-Length`` (set by the framework's response)."""
    return [(k, v) for k, v in headers if k.lower() not in _FRAMEWORK_HEADERS]
