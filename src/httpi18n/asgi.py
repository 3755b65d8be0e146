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
        settings = self.settings
        # started: http.response.start went to the server; held: it is held here.
        started = False
        held: Message | None = None
        held_headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []
        size = 0

        async def release() -> None:
            """Give up on replacing: send the held start and body so far."""
            nonlocal held, started, chunks
            assert held is not None
            start, held, started = held, None, True
            await send(start)
            if chunks:
                body, chunks = b"".join(chunks), []
                await send({"type": "http.response.body", "body": body, "more_body": True})

        async def send_page(status: int, app_headers: list[tuple[str, str]]) -> None:
            nonlocal held, started
            page, headers = settings.render(
                status, app_headers, scope,
                _request_header(scope, b"accept"), _request_header(scope, b"accept-language"),
            )
            held, started = None, True
            await send({"type": "http.response.start", "status": status, "headers": _raw_headers(headers)})
            body = b"" if scope.get("method") == "HEAD" else page.body
            await send({"type": "http.response.body", "body": body, "more_body": False})

        async def wrapped_send(message: Message) -> None:
            nonlocal held, held_headers, size
            if started:
                await send(message)
                return
            mtype = message["type"]
            if mtype == "http.response.start" and held is None:
                headers = _str_headers(message.get("headers", ()))
                if message.get("trailers") or not settings.candidate(int(message["status"]), headers):
                    await pass_start(message)
                    return
                held, held_headers = message, headers
                return
            if held is None:  # not a start we hold: nothing to decide
                await send(message)
                return
            if mtype == "http.response.body":
                body = message.get("body", b"")
                if body:
                    chunks.append(body)
                    size += len(body)
                if size > settings.max_body:
                    await release()
                    if not message.get("more_body", False):
                        await send({"type": "http.response.body", "body": b"", "more_body": False})
                    return
                if message.get("more_body", False):
                    return
                status = int(held["status"])
                full = b"".join(chunks)
                if settings.replace(status, held_headers, full):
                    await send_page(status, held_headers)
                else:
                    chunks.clear()
                    start = held
                    await pass_start(start)
                    await send({"type": "http.response.body", "body": full, "more_body": False})
                return
            # http.response.pathsend, zerocopysend, trailers…: not ours to judge.
            await release()
            await send(message)

        async def pass_start(message: Message) -> None:
            nonlocal held, started
            held, started = None, True
            await send(message)

        try:
            await self.app(scope, receive, wrapped_send)
        except Exception:
            if not started:
                settings.logger.debug("httpi18n: exception before the response started; sending 500")
                await send_page(500, [])
            raise
        if held is not None:  # the app returned without ending its body: judge what came
            await wrapped_send({"type": "http.response.body", "body": b"", "more_body": False})
