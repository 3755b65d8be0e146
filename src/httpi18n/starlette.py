"""Localized error pages for Starlette and FastAPI: ``install(app)``.

::

    from fastapi import FastAPI
    from httpi18n.starlette import install

    app = FastAPI()
    install(app)

:func:`install` adds exception handlers to the application (the framework's
own way in, so that what the framework knows reaches the page):

* ``HTTPException`` (Starlette's and FastAPI's, the router's 404 and 405
  included): the localized page of the status.  A custom ``detail`` string
  is kept and shown; only the default English phrase is replaced.  The
  exception's headers (``Allow``, ``WWW-Authenticate``, ``Retry-After``…)
  are kept.  A ``detail`` that is not a string (a dict, a list) is sent as
  FastAPI sends it, ``{"detail": ...}``.
* FastAPI's ``RequestValidationError``: ``422`` as ``application/problem+json``
  whatever ``Accept`` says, with the localized ``title`` and the field
  errors as the ``errors`` extension member (as FastAPI lists them).
* Unhandled exceptions (``500``), unless the app registered its own ``500``
  or ``Exception`` handler.  With ``debug=True`` Starlette's traceback page
  is kept, and the exception still reaches the server's log either way.

The format: an API answers JSON by default, so ``problem+json`` is the
first format offered: ``curl`` (``Accept: */*``) or no ``Accept`` get JSON,
a browser (``Accept: text/html,…``) gets the HTML page, ``text/plain`` is
given when asked.  Pass ``formats=FORMATS`` from :mod:`httpi18n.errorpages`
for an HTML-first site.  The language: the ``language(request)`` hook if
given and it names a catalog, else ``Accept-Language``, else English.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ._integrations import body_headers
from ._middleware import Settings
from .defaults import _PHRASES
from .errorpages import ErrorPage, TemplateLike

__all__ = ["install", "LocalizedHandlers", "API_FORMATS"]

#: Formats offered to ``Accept`` by default: JSON first (``*/*`` → JSON), HTML for browsers.
API_FORMATS: tuple[str, ...] = ("application/problem+json", "text/html", "text/plain")

#: ``language(request) -> tag or None``.
RequestLanguage = Callable[[Request], Any]


class _Call(NamedTuple):
    """What the language and message hooks see of one error."""

    request: Request
    message: str | None


class LocalizedHandlers:
    """The exception handlers :func:`install` registers; parameters as for :func:`install`."""

    def __init__(
        self,
        *,
        languages: Iterable[str] | None = None,
        language: RequestLanguage | None = None,
        formats: Iterable[str] = API_FORMATS,
        template: TemplateLike = None,
        vary: Iterable[str] = (),
    ) -> None:
        self.language = language
        options: dict[str, Any] = {"languages": languages, "language": self._language,
                                   "message": self._message, "template": template, "vary": vary}
        self.settings = Settings(formats=formats, **options)
        #: For validation errors: problem+json only, whatever the Accept header.
        self.json_settings = Settings(formats=("application/problem+json",), **options)

    def _language(self, call: _Call) -> Any:
        return self.language(call.request) if self.language is not None else None

    @staticmethod
    def _message(status: int, call: _Call, catalog: str) -> str | None:
        return call.message

    def _page(self, settings: Settings, status: int, request: Request, headers: Sequence[tuple[str, str]],
              message: str | None = None) -> tuple[ErrorPage, list[tuple[str, str]]]:
        h = request.headers
        page, out = settings.render(status, headers, _Call(request, message), h.get("accept"), h.get("accept-language"))
        return page, body_headers(out)

    @staticmethod
    def _response(body: bytes, status: int, content_type: str, headers: list[tuple[str, str]]) -> Response:
        response = Response(body, status_code=status, media_type=content_type)
        for name, value in headers:
            response.headers.append(name, value)
        return response

    async def http_exception(self, request: Request, exc: Exception) -> Response:
        """Handler for ``HTTPException``: the localized page, a custom ``detail`` kept."""
        if not isinstance(exc, HTTPException):  # pragma: no cover - registered for HTTPException only
            raise exc
        status = exc.status_code
        if not 400 <= status <= 599:  # not an error: no page (Starlette sends these bodiless too)
            return Response(status_code=status, headers=exc.headers)
        detail: Any = exc.detail
        if not isinstance(detail, str):  # structured detail: the application's JSON, kept as FastAPI sends it
            return JSONResponse({"detail": detail}, status_code=status, headers=exc.headers)
        message = None if not detail or detail in _PHRASES.get(status, ()) else detail
        page, headers = self._page(self.settings, status, request, list((exc.headers or {}).items()), message)
        return self._response(page.body, status, page.content_type, headers)

    async def validation_error(self, request: Request, exc: Exception) -> Response:
        """Handler for FastAPI's ``RequestValidationError``: 422 problem+json with ``errors``."""
        from fastapi.encoders import jsonable_encoder

        errors = getattr(exc, "errors", None)
        page, headers = self._page(self.json_settings, 422, request, [])
        problem = json.loads(page.body)
        problem["errors"] = jsonable_encoder(errors() if callable(errors) else [])
        body = json.dumps(problem, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self._response(body, 422, page.content_type, headers)

    async def server_error(self, request: Request, exc: Exception) -> Response:
        """Handler for unhandled exceptions (Starlette's ``ServerErrorMiddleware``): the 500 page."""
        page, headers = self._page(self.settings, 500, request, [])
        return self._response(page.body, 500, page.content_type, headers)


def install(
    app: Starlette,
    *,
    languages: Iterable[str] | None = None,
    language: RequestLanguage | None = None,
    formats: Iterable[str] = API_FORMATS,
    template: TemplateLike = None,
    vary: Iterable[str] = (),
) -> LocalizedHandlers:
    """Add httpi18n's exception handlers to a Starlette or FastAPI *app*; returns them.

    :param languages: catalogs offered (default: all shipped); the first is the fallback.
    :param language: ``language(request) -> tag or None``, consulted before ``Accept-Language``.
    :param formats: formats offered to ``Accept``, preferred first (:data:`API_FORMATS`).
    :param template: HTML template for the renderer (see :mod:`httpi18n.errorpages`).
    :param vary: extra ``Vary`` tokens, e.g. ``("Cookie",)`` with a cookie-reading *language*.
    """
    handlers = LocalizedHandlers(languages=languages, language=language, formats=formats,
                                 template=template, vary=vary)
    app.add_exception_handler(HTTPException, handlers.http_exception)
    try:
        from fastapi.exceptions import RequestValidationError
    except ImportError:  # plain Starlette: no validation errors of this kind
        pass
    else:
        app.add_exception_handler(RequestValidationError, handlers.validation_error)
    if 500 not in app.exception_handlers and Exception not in app.exception_handlers:
        app.add_exception_handler(500, handlers.server_error)
    return handlers
