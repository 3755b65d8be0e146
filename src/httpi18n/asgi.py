"""Localized error pages for any ASGI application, in one line.

:class:`LocalizedErrors` wraps an ASGI app and behaves like
:class:`httpi18n.wsgi.LocalizedErrors` (see there for what is replaced and
which headers are kept): a 4xx/5xx response with an empty body or a
framework's default English body (:mod:`httpi18n.defaults`) gets a page in
the reader's language and format; everything else — successful responses,
streams, ``websocket`` and ``lifespan`` scopes — passes through untouched
and unbuffered.

Exceptions.  If the app raises before ``http.response.start`` went out, the
500 page is sent, then the exception is re-raised so that the server logs it
(uvicorn: "Exception in ASGI application"); the client has its complete page
by then.  If the response had started, the exception is re-raised
untouched.  Starlette's own ``ServerErrorMiddleware`` sends a plain
"Internal Server Error" and re-raises: that body is recognised and replaced,
and the exception still reaches the server.

Recipes
-------

Starlette::

    from starlette.applications import Starlette
    from httpi18n.asgi import LocalizedErrors

    app = Starlette(routes=[...])
    app = LocalizedErrors(app)                 # serve this one: uvicorn mod:app

or, keeping the ``Starlette`` object, as a middleware (it then runs inside
Starlette's ``ServerErrorMiddleware``: an exception gets this middleware's 500
page, and ``ServerErrorMiddleware``, seeing the response started, only
re-raises it)::

    app = Starlette(routes=[...])
    app.add_middleware(LocalizedErrors, languages=("en", "fr"))

FastAPI (``HTTPException`` with the default detail → ``{"detail": "Not Found"}``
is recognised; a custom ``detail`` and validation errors are kept)::

    from fastapi import FastAPI
    from httpi18n.asgi import LocalizedErrors

    api = FastAPI()
    app = LocalizedErrors(api, languages=("en", "ja"))

The language from a URL prefix (``/fr/...``), then ``Accept-Language``::

    app = LocalizedErrors(app, language=lambda scope: scope["path"].split("/")[1] or None)

Django (``asgi.py``)::

    from django.core.asgi import get_asgi_application
    application = LocalizedErrors(get_asgi_application())
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from ._middleware import DEFAULT_MAX_BODY, LanguageHook, MessageHook, Settings
from .defaults import Predicate, framework_default
from .errorpages import FORMATS, TemplateLike

__all__ = ["LocalizedErrors"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _str_headers(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]


def _raw_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]


def _request_header(scope: Scope, name: bytes) -> str | None:
    values = [v for k, v in scope.get("headers", ()) if k.lower() == name]
    return b", ".join(values).decode("latin-1") if values else None


class LocalizedErrors:
    """ASGI middleware: localized error pages for *app*.

    Parameters as for :class:`httpi18n.wsgi.LocalizedErrors`, except that
    the ``language`` and ``message`` hooks receive the ASGI ``scope``, and
    exceptions are always re-raised after the 500 page is sent.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        languages: Iterable[str] | None = None,
        language: LanguageHook | None = None,
        is_default: Predicate | None = framework_default,
        template: TemplateLike = None,
        formats: Iterable[str] = FORMATS,
        max_body: int = DEFAULT_MAX_BODY,
        message: MessageHook | None = None,
        vary: Iterable[str] = (),
    ) -> None:
        self.app = app
        self.settings = Settings(
            languages=languages, language=language, is_default=is_default, template=template,
            formats=formats, max_body=max_body, message=message, vary=vary,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = _Response(self.settings, scope, send)
        try:
            await self.app(scope, receive, response.send)
        except Exception:
            if not response.started:
                response.settings.logger.debug("httpi18n: exception before the response started; sending 500")
                await response.send_page(500, [])
            raise
        if response.held is not None:  # the app returned without ending its body: judge what came
            await response.send({"type": "http.response.body", "body": b"", "more_body": False})


class _Response:
    """One response through :class:`LocalizedErrors`: passed on, or held and judged."""

    __slots__ = ("settings", "scope", "server_send", "started", "held", "held_headers", "chunks", "size")

    def __init__(self, settings: Settings, scope: Scope, send: Send) -> None:
        self.settings = settings
        self.scope = scope
        self.server_send = send
        #: ``http.response.start`` went to the server: everything else follows it.
        self.started = False
        #: The ``http.response.start`` of an error, held here until its body is judged.
        self.held: Message | None = None

    async def send(self, message: Message) -> None:
        """The ``send`` the app sees."""
        if self.started:
            await self.server_send(message)
            return
        mtype = message["type"]
        if mtype == "http.response.start" and self.held is None:
            status = int(message["status"])
            if status < 400 or status > 599 or message.get("trailers"):
                self.started = True
                await self.server_send(message)
                return
            headers = _str_headers(message.get("headers", ()))
            if not self.settings.candidate(status, headers):
                self.started = True
                await self.server_send(message)
                return
            self.held, self.held_headers, self.chunks, self.size = message, headers, [], 0
            return
        if self.held is None:  # not a response we hold: nothing to decide
            await self.server_send(message)
            return
        if mtype != "http.response.body":  # pathsend, zerocopysend, trailers…: not ours to judge
            await self.release()
            await self.server_send(message)
            return
        body = message.get("body", b"")
        if body:
            self.chunks.append(body)
            self.size += len(body)
        more = message.get("more_body", False)
        if self.size > self.settings.max_body:
            await self.release()
            if not more:
                await self.server_send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        if more:
            return
        status = int(self.held["status"])
        full = b"".join(self.chunks)
        if self.settings.replace(status, self.held_headers, full):
            await self.send_page(status, self.held_headers)
        else:
            self.chunks = []
            await self.release()
            await self.server_send({"type": "http.response.body", "body": full, "more_body": False})

    async def release(self) -> None:
        """Give up on replacing: send the held start and the body so far."""
        start, self.held, self.started = self.held, None, True
        assert start is not None
        await self.server_send(start)
        if self.chunks:
            body, self.chunks = b"".join(self.chunks), []
            await self.server_send({"type": "http.response.body", "body": body, "more_body": True})

    async def send_page(self, status: int, app_headers: list[tuple[str, str]]) -> None:
        """Send the localized page of *status* in place of the app's response."""
        scope = self.scope
        page, headers = self.settings.render(
            status, app_headers, scope,
            _request_header(scope, b"accept"), _request_header(scope, b"accept-language"),
        )
        self.held, self.started = None, True
        await self.server_send({"type": "http.response.start", "status": status, "headers": _raw_headers(headers)})
        body = b"" if scope.get("method") == "HEAD" else page.body
        await self.server_send({"type": "http.response.body", "body": body, "more_body": False})
