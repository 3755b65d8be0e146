"""The Django app configuration of :mod:`httpi18n.django`."""

from __future__ import annotations

from django.apps import AppConfig


class Httpi18nConfig(AppConfig):
    """``INSTALLED_APPS += ["httpi18n.django"]``: ships ``httpi18n/error.html`` and the system checks."""

    name = "httpi18n.django"
    label = "httpi18n"
    verbose_name = "httpi18n localized error pages"
    default = True

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the checks)
