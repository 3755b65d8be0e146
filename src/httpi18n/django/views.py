"""Django error views rendering httpi18n's localized pages.

``handler400``, ``handler403``, ``handler404``, ``handler500`` (for the root
URLconf) and ``csrf_failure`` (for ``CSRF_FAILURE_VIEW``).  Each view:

* picks the language Django is using for the request — whatever
  ``LocaleMiddleware`` chose from the ``i18n_patterns`` prefix, the language
  cookie or ``Accept-Language`` — mapped to a catalog (``zh-hans`` →
  ``zh_CN``, ``zh-hant`` → ``zh_TW``, ``pt-br`` → ``pt`` when shipped); with
  ``USE_I18N = False`` it negotiates ``Accept-Language`` itself; a language
  without a catalog falls back to ``Accept-Language``, then English;
* answers in the format of ``Accept`` (HTML, ``application/problem+json``,
  ``text/plain``) with ``Content-Language`` and ``Vary`` set;
* renders HTML through Django's template engine with
  ``httpi18n/error.html``, which a project overrides like any app template;
* leaves ``DEBUG = True`` to Django: its technical pages (and its own
  ``403``/CSRF pages, which explain the failure) are returned instead.

All the decisions are those of the WSGI/ASGI middleware
(:class:`httpi18n._middleware.Settings`); only the language hook and the
template differ.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, NamedTuple

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import TemplateDoesNotExist, loader
from django.utils import translation
from django.utils.safestring import mark_safe

from .._integrations import TEMPLATE_NAME, body_headers, template_context
from .._middleware import Settings
from ..catalogs import SHIPPED, translations
from ..errorpages import _fill

__all__ = ["handler400", "handler403", "handler404", "handler500", "csrf_failure", "error_response"]

log = logging.getLogger("httpi18n.django")

LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"


class _Call(NamedTuple):
    """What the language and message hooks see of one error."""

    request: HttpRequest
    csrf: bool


#: The request being rendered, for the template callable (which only receives the placeholders).
_current: ContextVar[_Call | None] = ContextVar("httpi18n_django_call", default=None)
_settings_cache: dict[tuple[tuple[str, ...], bool], Settings] = {}
_warned: list[bool] = []


def _language(call: _Call) -> str | None:
    """Django's active language when it chose one per request; ``None`` → ``Accept-Language``."""
    if not settings.USE_I18N:
        return None
    return translation.get_language()


def _message(status: int, call: _Call, catalog: str) -> str | None:
    if not call.csrf:
        return None
    tr = translations(catalog)
    # TRANSLATORS: on the 403 page of a form whose CSRF token failed the check (Django integration).
    return tr.pgettext("error page", "The form could not be accepted: it has expired or it was sent "
                                     "from another site. Go back, reload the page and send it again.")


def _render_html(values: Mapping[str, str]) -> str:
    """The ``template=`` callable of the settings: Django's ``httpi18n/error.html``."""
    call = _current.get()
    context = template_context(values)
    context["style"] = mark_safe(values["style"])  # the renderer's own stylesheet: a constant
    # As Django's own server_error(): no request (and no context processors) for a 500.
    request = call.request if call is not None and context["code"] != 500 else None
    try:
        return str(loader.get_template(TEMPLATE_NAME).render(context, request))
    except TemplateDoesNotExist:
        if not _warned:
            _warned.append(True)
            log.warning("httpi18n: no template engine finds %r (is 'httpi18n.django' in INSTALLED_APPS, "
                        "with APP_DIRS?); using the built-in page", TEMPLATE_NAME)
    except Exception:  # a broken override must not turn an error page into a second error
        log.exception("httpi18n: %r failed to render; using the built-in page", TEMPLATE_NAME)
    return _fill(None, values)


def _settings() -> Settings:
    languages = tuple(getattr(settings, "HTTPI18N_LANGUAGES", None) or SHIPPED)
    cookie = bool(settings.USE_I18N) and LOCALE_MIDDLEWARE in getattr(settings, "MIDDLEWARE", ())
    key = (languages, cookie)
    found = _settings_cache.get(key)
    if found is None:
        found = Settings(languages=languages, language=_language, message=_message, template=_render_html,
                         vary=("Cookie",) if cookie else (), logger=log)
        _settings_cache[key] = found
    return found


def error_response(request: HttpRequest, status: int, *, csrf: bool = False) -> HttpResponse:
    """The localized error page of *status* for *request*, as a Django response.

    Usable from any view (``return error_response(request, 410)``); the
    handlers below call it.  No ``DEBUG`` special case here.
    """
    call = _Call(request, csrf)
    token = _current.set(call)
    try:
        page, headers = _settings().render(
            status, [], call, request.META.get("HTTP_ACCEPT"), request.META.get("HTTP_ACCEPT_LANGUAGE")
        )
    finally:
        _current.reset(token)
    response = HttpResponse(page.body, status=status, content_type=page.content_type)
    for name, value in body_headers(headers):
        response[name] = value
    return response


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler400``: the localized 400 page (``SuspiciousOperation``, ``BadRequest``…)."""
    if settings.DEBUG:
        from django.views.defaults import bad_request

        return bad_request(request, exception)
    return error_response(request, 400)


def handler403(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler403``: the localized 403 page (``PermissionDenied``).

    Django calls it in ``DEBUG`` too; it then gives Django's own page.
    """
    if settings.DEBUG:
        from django.views.defaults import permission_denied

        return permission_denied(request, exception)
    return error_response(request, 403)


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: the localized 404 page.  The exception's text is never shown (as Django)."""
    if settings.DEBUG:
        from django.views.defaults import page_not_found

        return page_not_found(request, exception)
    return error_response(request, 404)


def handler500(request: HttpRequest) -> HttpResponse:
    """``handler500``: the localized 500 page, rendered without context processors."""
    if settings.DEBUG:
        from django.views.defaults import server_error

        return server_error(request)
    return error_response(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "", template_name: Any = None) -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a localized 403 telling the visitor to reload the form and resend it.

    The *reason* is logged by Django's CSRF middleware, never shown; in
    ``DEBUG`` Django's own page (which explains the reason) is returned.
    """
    if settings.DEBUG:
        from django.views.csrf import csrf_failure as django_csrf_failure

        if template_name is None:
            return django_csrf_failure(request, reason)
        return django_csrf_failure(request, reason, template_name)
    return error_response(request, 403, csrf=True)
