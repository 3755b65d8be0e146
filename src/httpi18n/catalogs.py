"""Loading the compiled gettext catalogs shipped in ``httpi18n/locale``.

Catalogs load lazily, once per language, under a lock.  A missing or corrupt
catalog never crashes a caller: it gives the English source text and a
:class:`CatalogWarning`, once per language.
"""

from __future__ import annotations

import gettext
import os
import threading
import warnings

from .languages import CODES

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "SHIPPED",
    "CatalogWarning",
    "translations",
    "N_",
    "NP_",
]

DOMAIN = "httpi18n"
#: Where the compiled ``.mo`` files live (built from the top-level ``locale/``).
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
#: The languages httpi18n ships catalogs for, English (the source) first
#: (the codes of :data:`httpi18n.languages.LANGUAGES`).
SHIPPED: tuple[str, ...] = CODES


class CatalogWarning(RuntimeWarning):
    """A catalog is missing or unreadable; English is used instead."""


_lock = threading.Lock()
_loaded: dict[str, gettext.NullTranslations] = {}


def translations(lang: str) -> gettext.NullTranslations:
    """The translations object of catalog *lang* (``'ja'``, ``'zh_CN'``…), loaded once."""
    try:
        return _loaded[lang]
    except KeyError:
        pass
    with _lock:
        if lang not in _loaded:
            _loaded[lang] = _load(lang)
        return _loaded[lang]


def _load(lang: str) -> gettext.NullTranslations:
    path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    try:
        with open(path, "rb") as fh:
            return gettext.GNUTranslations(fh)
    except FileNotFoundError:
        if lang != "en":  # English is the source text: no catalog needed
            warnings.warn(
                f"httpi18n: no compiled catalog for {lang!r} at {os.fspath(path)}; "
                "using English (build the package, or run `make compile`)",
                CatalogWarning,
                stacklevel=3,
            )
    except Exception as exc:  # corrupt file: OSError, struct.error, UnicodeDecodeError...
        warnings.warn(
            f"httpi18n: catalog {os.fspath(path)} is unreadable ({exc!r}); using English",
            CatalogWarning,
            stacklevel=3,
        )
    return gettext.NullTranslations()


def _forget() -> None:
    """Drop loaded catalogs (tests and catalog reloads)."""
    with _lock:
        _loaded.clear()


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it now."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark *message* with a context for extraction without translating it now."""
    return message
