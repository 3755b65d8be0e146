"""Localized error pages for Django: an installable app and its error views.

::

    # settings.py
    INSTALLED_APPS = [..., "httpi18n.django"]
    CSRF_FAILURE_VIEW = "httpi18n.django.csrf_failure"

    # the root urls.py
    handler400 = "httpi18n.django.handler400"
    handler403 = "httpi18n.django.handler403"
    handler404 = "httpi18n.django.handler404"
    handler500 = "httpi18n.django.handler500"

The pages are in Django's active language (``LocaleMiddleware``,
``i18n_patterns``, the language cookie), or ``Accept-Language`` when
``USE_I18N = False``; see :mod:`httpi18n.django.views`.  The template
``httpi18n/error.html`` can be overridden; ``manage.py check`` reports
set-ups that cannot work (:mod:`httpi18n.django.checks`).
"""

from __future__ import annotations

from . import checks  # noqa: F401  (registers the system checks, installed app or not)
from .views import csrf_failure, error_response, handler400, handler403, handler404, handler500

__all__ = ["handler400", "handler403", "handler404", "handler500", "csrf_failure", "error_response"]
