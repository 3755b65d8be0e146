"""Localized error pages for any WSGI application, in one line.

:class:`LocalizedErrors` wraps a WSGI app.  When the app answers 4xx/5xx
with an empty body or with a framework's default English body (see
:mod:`httpi18n.defaults`), or raises before its response has started, the
body is replaced by an error page in the reader's language (English,
简体中文, français, 日本語) and format (HTML, ``application/problem+json``
or ``text/plain``, from ``Accept``).  Everything else passes through
untouched and unbuffered.

What is sent with a replaced page:

* ``Content-Type``, ``Content-Length`` and ``Content-Language`` of the new
  page; the old body's ``Content-Type``, ``Content-Length``,
  ``Content-Encoding``, ``ETag``… are dropped;
* every other header of the app (``Allow``, ``WWW-Authenticate``,
  ``Location``, ``Set-Cookie``, ``Retry-After``…), the status line as the app
  wrote it, ``Vary: Accept, Accept-Language`` merged into the app's ``Vary``,
  and ``X-Content-Type-Options: nosniff``;
* ``Retry-After`` (seconds or HTTP-date) is also shown to the reader, e.g.
  « Veuillez réessayer dans 2 minutes. » (worded by Babel when installed);
* ``HEAD`` gets the headers only.

Responses with status 1xx/2xx/3xx are never touched, and a 4xx/5xx body is
held only up to ``max_body`` bytes (64 KiB): a declared larger
``Content-Length`` passes through at once, an undeclared larger body passes
through as soon as it exceeds the cap.

Exceptions.  If the app raises before the server has sent the headers, the
exception is logged on the ``httpi18n.middleware`` logger (level ERROR, with
the traceback), ``start_response`` is called with ``exc_info`` and the 500
page is sent; it is *not* re-raised, since the server could do nothing more
with it than write a second, English 500.  If the body had started (the
response was passing through), the exception propagates to the server, which
is the only one able to cut the connection.  ``catch=False`` lets every
exception propagate untouched (e.g. for Werkzeug's debugger).

Recipes
-------

Flask::

    from flask import Flask
    from httpi18n.wsgi import LocalizedErrors

    app = Flask(__name__)
    app.wsgi_app = LocalizedErrors(app.wsgi_app)   # keeps `app` a Flask object

    # The language from a cookie first, then Accept-Language:
    app.wsgi_app = LocalizedErrors(
        app.wsgi_app,
        language=lambda environ: parse_cookie(environ.get("HTTP_COOKIE", "")).get("lang"),
        vary=("Cookie",),
    )

Flask's own pages (``abort(404)``, unhandled exceptions → 500, 405 with
``Allow``) are recognised; ``abort(404, description="…")`` and your own
``@app.errorhandler`` bodies are kept.

Django (``wsgi.py``)::

    from django.core.wsgi import get_wsgi_application
    from httpi18n.wsgi import LocalizedErrors

    application = LocalizedErrors(get_wsgi_application())

Django's built-in 400/403/404/500 pages (used when no ``404.html``…
template exists and ``DEBUG = False``) and empty bodies (e.g.
``HttpResponseNotAllowed``) are replaced; your templates are kept.

Any WSGI app, with options::

    application = LocalizedErrors(
        app,
        languages=("en", "fr"),            # catalogs offered, the first is the fallback
        template=Path("error.html"),       # see httpi18n.errorpages for $placeholders
        is_default=httpi18n.defaults.never,  # replace empty bodies only
    )
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Optional

from ._middleware import DEFAULT_MAX_BODY, LanguageHook, MessageHook, Settings
from .defaults import Predicate, framework_default
from .errorpages import FORMATS, TemplateLike

__all__ = ["LocalizedErrors"]

ExcInfo = tuple[type[BaseException], BaseException, Optional[TracebackType]]
StartResponse = Callable[..., Callable[[bytes], Any]]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_PENDING, _PASS, _CAPTURE, _FLUSHED = range(4)
_END: Any = object()


class LocalizedErrors:
    """WSGI middleware: localized error pages for *app*.

    :param app: the WSGI application to wrap.
    :param languages: catalogs offered (default: all shipped); the first is
        the fallback when ``Accept-Language`` matches none.
    :param language: ``language(environ) -> tag or None``, consulted before
        ``Accept-Language`` (a user setting, a cookie, a URL prefix…).
    :param is_default: predicate marking a non-empty body as replaceable (see
        :mod:`httpi18n.defaults`); ``None`` replaces empty bodies only.
    :param template: HTML template: a string, a :class:`pathlib.Path` (read
        once) or a callable; see :mod:`httpi18n.errorpages`.
    :param formats: formats offered to ``Accept``, preferred first.
    :param max_body: largest error body held for inspection.
    :param message: ``message(status, environ, catalog) -> str or None``, a
        text shown on the page (escaped for the format).
    :param vary: extra ``Vary`` tokens, e.g. ``("Cookie",)`` with a cookie hook.
    :param catch: turn exceptions into the 500 page (see the module docs).
    """

    def __init__(
        self,
        app: WSGIApp,
        *,
        languages: Iterable[str] | None = None,
        language: LanguageHook | None = None,
        is_default: Predicate | None = framework_default,
        template: TemplateLike = None,
        formats: Iterable[str] = FORMATS,
        max_body: int = DEFAULT_MAX_BODY,
        message: MessageHook | None = None,
        vary: Iterable[str] = (),
        catch: bool = True,
    ) -> None:
        self.app = app
        self.settings = Settings(
            languages=languages, language=language, is_default=is_default, template=template,
            formats=formats, max_body=max_body, message=message, vary=vary,
        )
        self.catch = catch

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        # The fast path (a non-error status) costs one closure; _Call is made for errors only.
        call: _Call | None = None
        passed = False

        def sr(status: str, headers: list[tuple[str, str]], exc_info: ExcInfo | None = None) -> Callable[[bytes], Any]:
            nonlocal call, passed
            if call is not None:
                return call.start_response(status, headers, exc_info)
            if passed or status[:1] not in ("4", "5"):
                passed = True
                return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)
            call = _Call(self, environ, start_response)
            return call.start_response(status, headers, exc_info)

        try:
            result = self.app(environ, sr)
        except Exception:
            if call is None:
                call = _Call(self, environ, start_response)
                call.mode = _PASS if passed else _PENDING
            return call.crashed()
        if passed or (call is not None and call.mode == _PASS):
            return result  # untouched: a non-error response, or an error too big to hold
        if call is None:  # start_response not called yet: a generator app
            call = _Call(self, environ, start_response)
        return call.finish(result)


class _Call:
    """The state of one request through :class:`LocalizedErrors`."""

    __slots__ = ("mw", "environ", "server_start", "mode", "status", "headers", "exc_info",
                 "chunks", "size", "server_write")

    def __init__(self, mw: LocalizedErrors, environ: dict[str, Any], start_response: StartResponse) -> None:
        # Only what the fast path needs; the rest is set when an error is captured.
        self.mw = mw
        self.environ = environ
        self.server_start = start_response
        self.mode = _PENDING
        self.exc_info: ExcInfo | None = None
        self.server_write: Callable[[bytes], Any] | None = None

    # -- what the app sees -------------------------------------------------

    def start_response(
        self, status: str, headers: list[tuple[str, str]], exc_info: ExcInfo | None = None
    ) -> Callable[[bytes], Any]:
        if self.mode in (_PASS, _FLUSHED):
            # Already handed to the server: it decides (and re-raises exc_info if it must).
            return self.server_start(status, headers, exc_info) if exc_info else self.server_start(status, headers)
        try:
            code = int(status[:3])
        except ValueError:
            code = 0
        if code < 400 or code > 599 or not self.mw.settings.candidate(code, headers):
            self.mode = _PASS
            if exc_info:
                return self.server_start(status, headers, exc_info)
            return self.server_start(status, headers)
        self.mode = _CAPTURE
        self.status, self.headers, self.exc_info = status, list(headers), exc_info
        self.chunks, self.size = [], 0
        return self.write

    def write(self, data: bytes) -> None:
        """The ``write()`` callable of a captured response: buffer, or flush past the cap."""
        if self.mode == _FLUSHED:
            if self.server_write is not None:  # None: a page replaced the body
                self.server_write(data)
            return
        self.chunks.append(data)
        self.size += len(data)
        if self.size > self.mw.settings.max_body:
            write = self.flush()
            for chunk in self.chunks:
                write(chunk)
            self.chunks = []

    # -- what the server sees ----------------------------------------------

    def flush(self) -> Callable[[bytes], Any]:
        """Give up on replacing: send the app's own status and headers."""
        self.mode = _FLUSHED
        if self.exc_info:
            write = self.server_start(self.status, self.headers, self.exc_info)
        else:
            write = self.server_start(self.status, self.headers)
        self.server_write = write  # for the app's later write() calls: no second start_response
        return write

    def finish(self, result: Iterable[bytes]) -> Iterable[bytes]:
        """Handle a response whose status was not known or is an error."""
        if self.mode == _PASS:
            return result
        it = iter(result)
        try:
            first: Any = None  # None: nothing pulled yet
            if self.mode == _PENDING:  # a generator app: start_response comes with the first chunk
                first = next(it, _END)
                if self.mode == _PASS:
                    return _Chain([] if first is _END else [first], it, result)
                if self.mode == _PENDING:
                    raise RuntimeError("WSGI application did not call start_response")
            if self.mode == _FLUSHED:  # write() overflowed while the app ran
                return _Chain([] if first is _END or first is None else [first], it, result)
            chunk = next(it, _END) if first is None else first
            cap = self.mw.settings.max_body
            while chunk is not _END:
                self.chunks.append(chunk)
                self.size += len(chunk)
                if self.size > cap:  # too big to hold: hand it over as it is
                    self.flush()
                    pending, self.chunks = self.chunks, []
                    return _Chain(pending, it, result)
                chunk = next(it, _END)
        except Exception:
            _close(result)
            return self.crashed()
        _close(result)
        body = b"".join(self.chunks)
        code = int(self.status[:3])
        if not self.mw.settings.replace(code, self.headers, body):
            self.flush()
            return [body]
        return self.send_page(code, self.status, self.headers)

    def send_page(self, code: int, status: str, app_headers: list[tuple[str, str]]) -> list[bytes]:
        env = self.environ
        page, headers = self.mw.settings.render(
            code, app_headers, env, env.get("HTTP_ACCEPT"), env.get("HTTP_ACCEPT_LANGUAGE")
        )
        if self.exc_info:
            self.server_start(status, headers, self.exc_info)
        else:
            self.server_start(status, headers)
        self.mode = _FLUSHED
        return [] if env.get("REQUEST_METHOD") == "HEAD" else [page.body]

    status: str
    headers: list[tuple[str, str]]
    chunks: list[bytes]
    size: int

    def crashed(self) -> list[bytes]:
        """The app raised: 500 page if the server has not sent headers, else re-raise."""
        if not self.mw.catch or self.mode == _FLUSHED:
            raise  # noqa: PLE0704 - re-raises the exception being handled
        exc_info = sys.exc_info()
        self.mw.settings.logger.error(
            "httpi18n: exception in WSGI application %s %s",
            self.environ.get("REQUEST_METHOD"), self.environ.get("PATH_INFO"), exc_info=exc_info,
        )
        # In _PASS mode the server got start_response but maybe sent nothing yet:
        # calling it again with exc_info is how PEP 3333 asks; it re-raises if too late.
        self.exc_info = exc_info  # type: ignore[assignment]
        return self.send_page(500, "500 Internal Server Error", [])


def _close(result: Iterable[bytes]) -> None:
    close = getattr(result, "close", None)
    if close is not None:
        close()


class _Chain:
    """An iterable of some already-read chunks, then the rest of the app's iterator.

    ``close()`` closes the app's own result, as PEP 3333 requires.
    """

    __slots__ = ("head", "it", "result")

    def __init__(self, head: list[bytes], it: Iterator[bytes], result: Iterable[bytes]) -> None:
        self.head, self.it, self.result = head, it, result

    def __iter__(self) -> Iterator[bytes]:
        yield from self.head
        self.head = []
        yield from self.it

    def close(self) -> None:
        _close(self.result)
