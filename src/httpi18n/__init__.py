"""httpi18n: Python's ``http`` package, speaking English, Chinese, French and Japanese.

>>> from httpi18n import HTTPStatus, localized
>>> HTTPStatus.NOT_FOUND.phrase          # English, as in CPython 3.13
'Not Found'
>>> localized(404, "fr-CA").language     # fr-CA falls back to the French catalog
'fr'
"""

from __future__ import annotations

from .catalogs import CatalogWarning
from .context import current_language, language, refresh_environment
from .enums import HTTPMethod, HTTPStatus
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
