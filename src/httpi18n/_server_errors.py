"""Error pages of :mod:`httpi18n.server`: CPython's page, or a localized one when the client asks.

Private; re-exported by :mod:`httpi18n.server`, whose globals these
functions look up (see :mod:`httpi18n._server_ns`).  ``send_error`` calls
:func:`_error_page`; :class:`_Msg` carries a built-in message's catalog
*msgid*, so that the status line and log stay English while a localized page
shows the translation (the parser's *explain* texts are :class:`_Msg` too).

Errors found before the headers are parsed (request line, header section)
are localized as well when the visitor's ``Accept-Language`` could be read
from what had arrived: ``BaseHTTPRequestHandler._early_language`` then sets
``_request_headers`` to an :class:`~httpi18n._server_parse.EarlyHeaders`.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from .catalogs import translations

if TYPE_CHECKING:
    from ._server_base import BaseHTTPRequestHandler

#: CPython's error page, unchanged: used when the client sends no ``Accept-Language``.
DEFAULT_ERROR_MESSAGE = """\
<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %(code)d</p>
        <p>Message: %(message)s.</p>
        <p>Error code explanation: %(code)s - %(explain)s.</p>
    </body>
</html>
"""

DEFAULT_ERROR_CONTENT_TYPE = "text/html;charset=utf-8"


class _Msg(str):
    """An English message (a ``str``) that remembers its catalog *msgid* and arguments.

    ``send_error`` puts the English text in the status line and the log, and
    the translated text in a localized page.
    """

    msgid: str
    args: tuple[Any, ...]

    def __new__(cls, msgid: str, *args: Any) -> _Msg:
        self = super().__new__(cls, msgid % args if args else msgid)
        self.msgid = msgid
        self.args = args
        return self

    def translate_to(self, lang: str) -> str:
        """The message in catalog *lang*."""
        text = translations(lang).gettext(self.msgid)
        return text % self.args if self.args else text


def _error_page(
    handler: BaseHTTPRequestHandler,
    code: int,
    message: str,
    explain: str,
    given_message: str | None,
    given_explain: str | None,
    shortmsg: str,
    longmsg: str,
) -> tuple[bytes, list[tuple[str, str]]]:
    """Body and headers of an error page: CPython's, or localized when the client asks."""
    request_headers = handler._request_headers
    accept_language = accept = None
    if request_headers is not None:
        accept_language = request_headers.get("Accept-Language")
        accept = request_headers.get("Accept")
    vary = ("Vary", "Accept-Language, Accept")
    if accept_language or accept:
        page = _localized_error_page(handler, code, accept, accept_language, given_message, given_explain,
                                     shortmsg, longmsg)
        if page is not None:
            return page.body, [*page.headers, vary]
    content = handler.error_message_format % {
        "code": code,
        "message": html.escape(message, quote=False),
        "explain": html.escape(explain, quote=False),
    }
    body = content.encode("UTF-8", "replace")
    return body, [("Content-Type", handler.error_content_type), ("Content-Length", str(len(body))), vary]


def _localized_error_page(
    handler: BaseHTTPRequestHandler,
    code: int,
    accept: str | None,
    accept_language: str | None,
    given_message: str | None,
    given_explain: str | None,
    shortmsg: str,
    longmsg: str,
) -> Any:
    """The :class:`~httpi18n.errorpages.ErrorPage`, or ``None`` to fall back to CPython's page."""
    from .errorpages import choose, render_error

    lang, fmt = choose(accept, accept_language, handler._languages())
    if not accept_language and fmt == "text/html":
        return None  # no language asked for: CPython's page, byte for byte
    message = None
    if given_message is not None and given_message != shortmsg:
        message = given_message.translate_to(lang) if isinstance(given_message, _Msg) else given_message
    explain = None
    if given_explain is not None and given_explain != longmsg:
        explain = given_explain.translate_to(lang) if isinstance(given_explain, _Msg) else given_explain
    template = None
    if fmt == "text/html" and handler.error_message_format != DEFAULT_ERROR_MESSAGE:
        fmt_string = handler.error_message_format

        def template(values: Any) -> str:
            return fmt_string % {
                "code": code,
                "message": values["message"] or values["title"],
                "explain": values["explain"],
            }

    try:
        page = render_error(code, lang, fmt, message=message, explain=explain, template=template)
    except (LookupError, ValueError):  # e.g. a status outside 100-599
        return None
    if template is not None:  # the handler's own format: its own Content-Type
        ctype = handler.error_content_type
        page = page._replace(
            content_type=ctype,
            headers=[(n, ctype if n == "Content-Type" else v) for n, v in page.headers],
        )
    return page
