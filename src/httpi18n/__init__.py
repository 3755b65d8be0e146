"""httpi18n: Python's ``http`` package, speaking English, Chinese, French and Japanese.

>>> from httpi18n import HTTPStatus, localized
>>> HTTPStatus.NOT_FOUND.phrase          # English, as in CPython 3.13
'Not Found'
>>> localized(404, "fr-CA").language     # fr-CA falls back to the French catalog
'fr'

Only the enums are imported eagerly; the localization runtime (gettext,
catalogs, negotiation) loads on first use, so ``import httpi18n`` stays
cheaper than ``import http.client``.
"""

from __future__ import annotations

from .enums import HTTPMethod, HTTPStatus

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .catalogs import CatalogWarning
    from .context import current_language, language, refresh_environment
    from .localize import LocalizedText, UnknownCodeError, available_languages, display_name, localized
    from .negotiation import negotiate, negotiate_media_type
    from .tags import UnknownLanguageError

__all__ = [
    "HTTPStatus",
    "HTTPMethod",
    "localized",
    "LocalizedText",
    "language",
    "current_language",
    "refresh_environment",
    "negotiate",
    "negotiate_media_type",
    "available_languages",
    "display_name",
    "UnknownLanguageError",
    "UnknownCodeError",
    "CatalogWarning",
]
__version__ = "0.1.0"

#: Public name → submodule that defines it (loaded on first access, PEP 562).
_LAZY = {
    "localized": "localize",
    "LocalizedText": "localize",
    "UnknownCodeError": "localize",
    "available_languages": "localize",
    "display_name": "localize",
    "language": "context",
    "current_language": "context",
    "refresh_environment": "context",
    "negotiate": "negotiation",
    "negotiate_media_type": "negotiation",
    "UnknownLanguageError": "tags",
    "CatalogWarning": "catalogs",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'httpi18n' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
