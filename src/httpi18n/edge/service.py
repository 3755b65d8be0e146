"""The error-page service: one app for ingress-nginx, Traefik, nginx, Caddy and HAProxy.

A proxy that meets an error (its own ``502``/``503``/``504``, or an
upstream's ``404``/``500``) hands the request to this app, which answers
with the page of that status in the reader's language and format and with
that status — never ``200``.  What it understands:

* **ingress-nginx custom default backend**: ``X-Code`` (the status),
  ``X-Format`` (the client's ``Accept``), ``X-Original-URI``,
  ``X-Request-ID``, ``X-Namespace``, ``X-Ingress-Name``, ``X-Service-Name``,
  ``X-Service-Port`` (accepted, not shown), and the client's own
  ``Accept-Language``, which the controller passes on.  A request without
  ``X-Code`` is a request no ingress rule matched: it gets ``404``.
* **Traefik errors middleware** and plain requests: ``GET /404`` (format
  from ``Accept``), ``/404.html``, ``/404.json``, ``/503.txt`` (format
  forced), optionally under a base path (``/errors/404``).
* ``/healthz``: ``200 ok`` for liveness and readiness probes (the only
  ``2xx`` the service sends).

Language and format are decided exactly as the middleware decides them
(:class:`httpi18n._middleware.Settings`: :func:`httpi18n.negotiate` over
``Accept-Language``, :func:`httpi18n.negotiate_media_type` over ``Accept``),
and the pages are the renderer's (:mod:`httpi18n.edge.pages`), rendered
once at start-up.

Bad input gets a clear, safe answer: an ``X-Code`` that is not a
400–599 status (``abc``, ``200``, ``4040``) gets ``400 Bad Request``; a path
naming no error status (``/200``, ``/x``) gets ``404``; overlong headers are
bounded by negotiation (and refused with ``431`` by :mod:`httpi18n.server`).
``X-Request-ID`` and ``X-Original-URI`` are shown only when enabled
(``show_request_id``, ``show_original_uri``), cut to a bounded length, with
control characters removed, and escaped for the format by the renderer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any, NamedTuple

from .._middleware import Settings, merge_headers
from ..catalogs import translations
from ..errorpages import FORMATS, TemplateLike, isolate, render_error
from ..localize import localized
from .pages import FORMAT_BY_EXTENSION, VARY, PageSet

__all__ = ["ErrorPageService", "Response", "wsgi_app", "asgi_app", "MAX_REQUEST_ID", "MAX_ORIGINAL_URI", "MEMO_SIZE"]

log = logging.getLogger("httpi18n.edge")

#: Responses kept by :meth:`ErrorPageService.respond` before its memo is emptied.
MEMO_SIZE = 4096
#: Longest request (path and the headers above, in characters) whose response is memoized.
MEMO_KEY_LENGTH = 1024
#: Longest ``X-Request-ID`` shown; a longer one is not shown at all.
MAX_REQUEST_ID = 128
#: Longest ``X-Original-URI`` shown; a longer one is cut and ends with ``…``.
MAX_ORIGINAL_URI = 1024

_PAGE_PATH = re.compile(r"/([0-9]{3})(?:\.(html|json|txt))?")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_HEALTH_BODY = b"ok\n"
_HEALTH_HEADERS = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Content-Length", str(len(_HEALTH_BODY))),
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
]

Header = Callable[[str], "str | None"]


class Response(NamedTuple):
    """What the service answers: status, English reason, headers, body (empty for ``HEAD``)."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    #: *headers* as field lines (``Name: value\r\n``), for servers that write raw bytes.
    head: bytes


class ErrorPageService:
    """Answers error-page requests; use :meth:`wsgi` / :meth:`asgi`, or :meth:`respond` directly.

    :param statuses: pages rendered at start-up (default: every registered
        4xx/5xx); other 400–599 codes are rendered on first use.
    :param languages: catalogs offered, the first being the fallback.
    :param formats: formats offered to ``Accept``/``X-Format``, preferred first.
    :param template: the HTML template, as the middleware's ``template=``.
    :param base_path: a URL prefix the pages also answer under (``/errors``
        → ``/errors/404``); ``/healthz`` answers with and without it.
    :param show_request_id: show ``X-Request-ID`` on the page (escaped).
    :param show_original_uri: show ``X-Original-URI`` on the page (escaped;
        in problem+json as ``instance``).
    """

    def __init__(
        self,
        *,
        statuses: Iterable[int] | None = None,
        languages: Iterable[str] | None = None,
        formats: Iterable[str] = FORMATS,
        template: TemplateLike = None,
        base_path: str = "",
        show_request_id: bool = False,
        show_original_uri: bool = False,
    ) -> None:
        self.pages = PageSet(statuses, languages, formats, template)
        self.settings = Settings(languages=self.pages.languages, formats=self.pages.formats,
                                 template=self.pages.template, is_default=None)
        self.base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.show_request_id = show_request_id
        self.show_original_uri = show_original_uri
        self._reasons: dict[int, str] = {}
        self._memo: dict[tuple[object, ...], Response] = {}
        self._health = Response(200, "OK", _HEALTH_HEADERS, _HEALTH_BODY, _field_lines(_HEALTH_HEADERS))

    # -- deciding --------------------------------------------------------------

    def route(self, path: str, x_code: str | None) -> tuple[int, str | None] | None:
        """``(status, forced format or None)`` for a request, or ``None`` for ``/healthz``."""
        path = path.partition("?")[0]
        if self.base_path and (path == self.base_path or path.startswith(self.base_path + "/")):
            path = path[len(self.base_path):] or "/"
        if path == "/healthz":
            return None
        forced = None
        status = 404
        m = _PAGE_PATH.fullmatch(path)
        if m is not None:
            code = int(m[1])
            if 400 <= code <= 599:
                status = code
                forced = FORMAT_BY_EXTENSION[m[2]] if m[2] else None
                if forced is not None and forced not in self.pages.formats:
                    forced = None
        if x_code is not None:
            value = x_code.strip()
            if len(value) == 3 and value.isascii() and value.isdigit() and 400 <= int(value) <= 599:
                status = int(value)
            else:
                log.info("httpi18n.edge: X-Code %r is not an error status; answering 400", value[:16])
                status = 400
        return status, forced

    def respond(self, method: str, path: str, header: Header) -> Response:
        """The response to one request; *header* gives a request header's value by lower-case name.

        Responses are memoized by everything they depend on (method is
        ``HEAD``, path, ``X-Code``, ``Accept-Language``, ``X-Format``,
        ``Accept``), unless request ids or URIs are shown or the request is
        longer than :data:`MEMO_KEY_LENGTH`; the memo is emptied when it
        holds :data:`MEMO_SIZE` entries, so it stays within a few MiB.
        """
        x_code = header("x-code")
        if self.show_request_id or self.show_original_uri:
            return self._respond(method, path, x_code, header)
        accept_language, x_format, accept = header("accept-language"), header("x-format"), header("accept")
        key = (method == "HEAD", path, x_code, accept_language, x_format, accept)
        size = len(path)
        for part in (x_code, accept_language, x_format, accept):
            if part:
                size += len(part)
        if size > MEMO_KEY_LENGTH:
            return self._respond(method, path, x_code, header)  # odd requests do not fill the memo
        try:
            return self._memo[key]
        except KeyError:
            pass
        response = self._respond(method, path, x_code, header)
        memo = self._memo
        if len(memo) >= MEMO_SIZE:
            memo.clear()
        memo[key] = response
        return response

    def _respond(self, method: str, path: str, x_code: str | None, header: Header) -> Response:
        routed = self.route(path, x_code)
        if routed is None:
            health = self._health
            return health if method != "HEAD" else health._replace(body=b"")
        status, forced = routed
        settings = self.settings
        lang = settings.pick_language(None, _bounded(header("accept-language")))
        if forced is None:
            accept = header("x-format")
            if not accept:
                accept = header("accept")
            fmt = settings.pick_format(_bounded(accept))
        else:
            fmt = forced
        request_id = header("x-request-id") if self.show_request_id else None
        uri = header("x-original-uri") if self.show_original_uri else None
        if request_id or uri:
            headers, body = self._personal(status, lang, fmt, request_id, uri)
            head = _field_lines(headers)
        else:
            entry = self.pages.get(status, lang, fmt)
            headers, body, head = entry.headers, entry.page.body, entry.head
        return Response(status, self.reason(status), headers, b"" if method == "HEAD" else body, head)

    def reason(self, status: int) -> str:
        """The English reason phrase for the status line (``Not Found``; ``Client Error`` if unregistered)."""
        try:
            return self._reasons[status]
        except KeyError:
            reason = self._reasons[status] = str(localized(status, "en"))
            return reason

    def _personal(
        self, status: int, lang: str, fmt: str, request_id: str | None, uri: str | None
    ) -> tuple[list[tuple[str, str]], bytes]:
        """A page showing the request id and/or original URI (rendered per request, not cached)."""
        tr = translations(lang)
        lines = []
        request_id = _clean(request_id, MAX_REQUEST_ID, cut=False)
        uri = _clean(uri, MAX_ORIGINAL_URI, cut=True)
        if uri:
            # TRANSLATORS: on an error page served by a proxy; %(uri)s is the address the reader asked for.
            lines.append(tr.pgettext("error page", "Address: %(uri)s") % {"uri": isolate(uri)})
        if request_id:
            # TRANSLATORS: on an error page served by a proxy; %(id)s identifies the request for support staff.
            lines.append(tr.pgettext("error page", "Request ID: %(id)s") % {"id": isolate(request_id)})
        message = " · ".join(lines) or None
        page = render_error(status, lang, fmt, message=message, template=self.pages.template,
                            instance=uri or None)
        return merge_headers([], page, VARY), page.body

    # -- WSGI ----------------------------------------------------------------------

    def wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        """The service as a WSGI application."""
        def header(name: str) -> str | None:
            key = "HTTP_" + name.upper().replace("-", "_")
            value = environ.get(key)
            if value is not None:
                # PEP 3333 strings are latin-1 code points of the raw bytes; page text wants UTF-8.
                try:
                    value = value.encode("latin-1").decode("utf-8")
                except UnicodeError:
                    pass
            return value

        path = environ.get("PATH_INFO", "/") or "/"
        r = self.respond(environ.get("REQUEST_METHOD", "GET"), environ.get("SCRIPT_NAME", "") + path, header)
        start_response(f"{r.status} {r.reason}", list(r.headers))
        return [r.body] if r.body else []

    __call__ = wsgi

    # -- ASGI ----------------------------------------------------------------------

    async def asgi(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[MutableMapping[str, Any]]],
        send: Callable[[MutableMapping[str, Any]], Awaitable[None]],
    ) -> None:
        """The service as an ASGI 3 application (``http`` and ``lifespan`` scopes)."""
        kind = scope["type"]
        if kind == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if kind != "http":
            return  # websocket: refused by returning without accepting
        raw = scope.get("headers", ())

        def header(name: str) -> str | None:
            wanted = name.encode("ascii")
            values = [v for k, v in raw if k.lower() == wanted]
            if not values:
                return None
            value = b", ".join(values)
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                return value.decode("latin-1")

        path = scope.get("root_path", "") + scope.get("path", "/")
        r = self.respond(scope.get("method", "GET"), path, header)
        await send({
            "type": "http.response.start",
            "status": r.status,
            "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in r.headers],
        })
        await send({"type": "http.response.body", "body": r.body, "more_body": False})


def _bounded(value: str | None) -> str | None:
    """A header value cut to what negotiation reads (it reads 4096 characters, plus one)."""
    if value is not None and len(value) > 4097:
        return value[:4097]
    return value


def _clean(value: str | None, limit: int, *, cut: bool) -> str | None:
    """*value* without control characters, within *limit* characters (cut, or dropped)."""
    if not value:
        return None
    value = _CONTROLS.sub("", value).strip()
    if len(value) > limit:
        if not cut:
            return None
        value = value[: limit - 1] + "…"
    return value or None


def _field_lines(headers: Iterable[tuple[str, str]]) -> bytes:
    return b"".join(f"{name}: {value}\r\n".encode("latin-1") for name, value in headers)


def wsgi_app(**options: Any) -> Callable[..., Any]:
    """A WSGI application with *options* (see :class:`ErrorPageService`).

    For servers that take a factory: ``gunicorn 'httpi18n.edge.service:wsgi_app()'``.
    """
    return ErrorPageService(**options).wsgi


def asgi_app(**options: Any) -> Callable[..., Any]:
    """An ASGI application with *options*: ``uvicorn --factory httpi18n.edge.service:asgi_app``."""
    return ErrorPageService(**options).asgi
