"""System checks (``manage.py check``) for set-ups where the error views cannot do their job.

======================  ===========================================================
``httpi18n.E001``       a handler or ``CSRF_FAILURE_VIEW`` names these views but the
                        app is not in ``INSTALLED_APPS`` (its template is not found)
``httpi18n.E002``       no template engine finds ``httpi18n/error.html``
``httpi18n.W001``       ``USE_I18N`` is on but ``LocaleMiddleware`` is missing: every
                        page is in ``LANGUAGE_CODE``, whatever the visitor asks
``httpi18n.W002``       ``LocaleMiddleware`` comes before ``SessionMiddleware`` or
                        after ``CommonMiddleware`` (Django's documented order)
``httpi18n.W003``       none of ``LANGUAGES`` has an httpi18n catalog: pages in English
``httpi18n.W004``       the app is installed but no handler and no
                        ``CSRF_FAILURE_VIEW`` uses its views
======================  ===========================================================

The checks are registered when :mod:`httpi18n.django` is imported: always
when the app is installed, and when it is not, as soon as anything imports
it (a ``urls.py`` doing ``from httpi18n.django import handler404``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import checks

from ..catalogs import SHIPPED
from ..tags import resolve

__all__ = ["check_setup"]

APP = "httpi18n.django"
_HANDLERS = ("handler400", "handler403", "handler404", "handler500")


def _dotted(view: Any) -> str:
    if isinstance(view, str):
        return view
    return f"{getattr(view, '__module__', '')}.{getattr(view, '__qualname__', '')}"


def _ours(view: Any) -> bool:
    return view is not None and _dotted(view).startswith(APP + ".")


def _views_in_use() -> list[str]:
    """Which of the handlers and ``CSRF_FAILURE_VIEW`` point at this package."""
    used = []
    if _ours(getattr(settings, "CSRF_FAILURE_VIEW", None)):
        used.append("CSRF_FAILURE_VIEW")
    try:
        from django.urls import get_resolver

        module = get_resolver().urlconf_module
    except Exception:  # a broken URLconf: Django's own checks say so
        return used
    used.extend(name for name in _HANDLERS if _ours(getattr(module, name, None)))
    return used


def _installed() -> bool:
    from django.apps import apps

    return any(cfg.name == APP for cfg in apps.get_app_configs())


def _index(middleware: Sequence[str], suffix: str) -> int | None:
    for i, path in enumerate(middleware):
        if path.endswith(suffix):
            return i
    return None


@checks.register(checks.Tags.templates, checks.Tags.translation, checks.Tags.urls)
def check_setup(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """The checks of the module docstring."""
    out: list[checks.CheckMessage] = []
    used = _views_in_use()
    installed = _installed()
    if used and not installed:
        out.append(checks.Error(
            f"{', '.join(used)} use(s) httpi18n's views but {APP!r} is not in INSTALLED_APPS.",
            hint=f"Add {APP!r} to INSTALLED_APPS so that its template httpi18n/error.html is found.",
            id="httpi18n.E001",
        ))
    if installed or used:
        from django.template import TemplateDoesNotExist, loader

        try:
            loader.get_template("httpi18n/error.html")
        except TemplateDoesNotExist:
            out.append(checks.Error(
                "No template engine finds httpi18n/error.html.",
                hint="Use the DjangoTemplates backend with APP_DIRS = True (or the app directories "
                     "loader), or put your own httpi18n/error.html in a template directory.",
                id="httpi18n.E002",
            ))
        except Exception:  # a template that exists but does not compile: Django reports it when used
            pass
    if not (installed or used):
        return out
    middleware = list(getattr(settings, "MIDDLEWARE", None) or ())
    locale = _index(middleware, ".LocaleMiddleware")
    if settings.USE_I18N and locale is None:
        out.append(checks.Warning(
            "USE_I18N is on but LocaleMiddleware is not in MIDDLEWARE: every error page is in "
            "LANGUAGE_CODE, whatever the visitor's language.",
            hint="Add 'django.middleware.locale.LocaleMiddleware' to MIDDLEWARE, or set USE_I18N = False "
                 "to let httpi18n negotiate Accept-Language itself.",
            id="httpi18n.W001",
        ))
    if locale is not None:
        session = _index(middleware, ".SessionMiddleware")
        common = _index(middleware, ".CommonMiddleware")
        if (session is not None and locale < session) or (common is not None and locale > common):
            out.append(checks.Warning(
                "LocaleMiddleware must come after SessionMiddleware and before CommonMiddleware.",
                hint="Reorder MIDDLEWARE; otherwise the language of a page can differ from the visitor's.",
                id="httpi18n.W002",
            ))
    if settings.USE_I18N:
        languages = getattr(settings, "HTTPI18N_LANGUAGES", None) or SHIPPED
        codes = [code for code, _name in getattr(settings, "LANGUAGES", ())]
        if codes and not any(resolve(code, tuple(languages)) for code in codes):
            out.append(checks.Warning(
                "None of LANGUAGES has an httpi18n catalog: error pages will be in "
                f"{languages[0]!r} unless Accept-Language names one of {', '.join(languages)}.",
                id="httpi18n.W003",
            ))
    if installed and not used:
        out.append(checks.Warning(
            f"{APP!r} is installed but neither handler400/403/404/500 in ROOT_URLCONF nor "
            "CSRF_FAILURE_VIEW uses its views.",
            hint="In the root urls.py: handler404 = 'httpi18n.django.handler404' (and 400, 403, 500); "
                 "in settings: CSRF_FAILURE_VIEW = 'httpi18n.django.csrf_failure'.",
            id="httpi18n.W004",
        ))
    return out
