"""Localized error pages for Flask: ``LocalizedErrors(app)`` or ``init_app(app)``.

::

    from flask import Flask
    from httpi18n.flask import LocalizedErrors

    app = Flask(__name__)
    LocalizedErrors(app)

What it does: an error handler for Werkzeug's ``HTTPException`` (every
``abort()``, routing 404/405, and the 500 Flask makes of an unhandled
exception outside debug mode) answers with httpi18n's page in the reader's
language and in the format of ``Accept`` (HTML; ``application/problem+json``
for clients asking for JSON; ``text/plain``).  What it keeps:

* a ``description`` the application supplied (``abort(404, description=…)``)
  is shown on the page — only Werkzeug's default English text is replaced;
* the exception's headers (``Allow``, ``WWW-Authenticate``, ``Retry-After``,
  shown to the reader as a localized hint too);
* ``abort(response)`` and your own ``@app.errorhandler(404)`` handlers (Flask
  prefers a handler registered for the code over this class-wide one);
* the debugger: in debug mode Flask re-raises unhandled exceptions before
  any error handler runs, so the Werkzeug debugger shows them as usual.

The language: the ``locale`` callable if given; else Flask-Babel's locale
when Flask-Babel is set up on the app with a locale selector; else
``Accept-Language``.  A language without a catalog falls back to
``Accept-Language``, then to the first of *languages* (English).

HTML goes through Jinja: ``render_template("httpi18n/error.html", ...)``.
The shipped template is found last (after the app's and blueprints'
template folders), so a file ``templates/httpi18n/error.html`` in the app
replaces it.  To change only a block, write a template of another name that
does ``{% extends "httpi18n/error.html" %}`` and pass its name as
``template=``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from flask import Blueprint, Flask, Response, current_app, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from ._integrations import TEMPLATE_DIR, TEMPLATE_NAME, body_headers, template_context
from ._middleware import Settings
from .errorpages import FORMATS, _fill

__all__ = ["LocalizedErrors"]

#: ``locale() -> tag, babel.Locale or None``, called inside the request context.
LocaleHook = Callable[[], Any]


class _Call(NamedTuple):
    """What the language and message hooks see of one error."""

    error: HTTPException
    message: str | None


class LocalizedErrors:
    """Flask extension: localized pages for every ``HTTPException``.

    :param app: the application (or call :meth:`init_app` later).
    :param languages: catalogs offered (default: all shipped); the first is the fallback.
    :param locale: ``locale() -> tag or None``; default: Flask-Babel's selector if any.
    :param formats: formats offered to ``Accept``, preferred first (HTML by default).
    :param template: Jinja template for HTML pages; ``None`` uses httpi18n's
        built-in page without Jinja.
    :param vary: extra ``Vary`` tokens, e.g. ``("Cookie",)`` when the locale comes from a cookie.
    """

    def __init__(
        self,
        app: Flask | None = None,
        *,
        languages: Iterable[str] | None = None,
        locale: LocaleHook | None = None,
        formats: Iterable[str] = FORMATS,
        template: str | None = TEMPLATE_NAME,
        vary: Iterable[str] = (),
    ) -> None:
        self.locale = locale
        self.template = template
        self.settings = Settings(
            languages=languages, language=self._language, message=self._message,
            template=self._render_html, formats=formats, vary=vary,
        )
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        """Register the error handler and the template folder on *app*."""
        app.register_error_handler(HTTPException, self.handle)
        if "httpi18n" not in app.blueprints:  # the shipped template, searched after the app's own
            app.register_blueprint(Blueprint("httpi18n", __name__, template_folder=str(TEMPLATE_DIR)))
        app.extensions["httpi18n"] = self

    # -- the handler -----------------------------------------------------------

    def handle(self, error: HTTPException) -> Response | HTTPException:
        """The error handler: the localized page, or *error* itself when it is not ours to render."""
        code = error.code
        if code is None or not 400 <= code <= 599 or error.response is not None:
            return error  # a redirect, an abort(response): Flask sends it as it is
        description = error.description
        message = None if description is None or description == type(error).description else str(description)
        page, headers = self.settings.render(
            code, error.get_headers(request.environ), _Call(error, message),
            request.headers.get("Accept"), request.headers.get("Accept-Language"),
        )
        return Response(page.body, status=code, headers=body_headers(headers), content_type=page.content_type)

    # -- hooks of the settings -------------------------------------------------------

    def _language(self, call: _Call) -> Any:
        if self.locale is not None:
            return self.locale()
        babel = current_app.extensions.get("babel")
        if babel is not None and getattr(babel, "locale_selector", None) is not None:
            # Flask-Babel is optional (and untyped): imported only when the app uses it.
            return importlib.import_module("flask_babel").get_locale()
        return None

    @staticmethod
    def _message(status: int, call: _Call, catalog: str) -> str | None:
        return call.message

    def _render_html(self, values: Mapping[str, str]) -> str:
        if self.template is None:
            return _fill(None, values)
        context = template_context(values)
        context["style"] = Markup(values["style"])  # the renderer's own stylesheet: a constant
        try:
            return render_template(self.template, **context)
        except Exception:  # a broken template must not turn an error page into a second error
            current_app.logger.exception("httpi18n: template %r failed; using the built-in page", self.template)
            return _fill(None, values)
