"""``localized()``: status codes and methods in the reader's language.

Each catalog is turned once into a table ``{code or token: LocalizedText}``;
a warm call is then two dictionary look-ups.  Tables are cached per language
tag as given (bounded), so ``'ja-JP'`` resolves only once.
"""

from __future__ import annotations

import threading
from gettext import GNUTranslations
from typing import Any

from ._tables import TABLES
from .catalogs import SHIPPED, translations
from .context import current_language
from .languages import BY_CODE
from .registry import CATEGORIES, CATEGORY_OF_CLASS, METHODS, STATUSES
from .tags import UnknownLanguageError, resolve

__all__ = ["LocalizedText", "UnknownCodeError", "localized", "available_languages", "display_name"]

#: Tags remembered by the tag → table cache before it stops growing.
_TAG_CACHE_SIZE = 512


class UnknownCodeError(LookupError, ValueError):
    """Raised for a status code outside 100–599 or a method token not in the registry."""


class LocalizedText(str):
    """A localized phrase: a ``str`` that also carries its context.

    ``str(t)`` / ``t.phrase``: the phrase (for a method, its token, never
    translated); ``t.description``: the localized description; ``t.language``:
    the catalog actually used after fallback; ``t.value``: the status code or
    method token.
    """

    phrase: str
    description: str
    language: str
    value: int | str

    def __new__(cls, phrase: str, description: str, language: str, value: int | str) -> LocalizedText:
        self = super().__new__(cls, phrase)
        self.phrase = phrase
        self.description = description
        self.language = language
        self.value = value
        return self

    def __repr__(self) -> str:
        return f"LocalizedText({str(self)!r}, language={self.language!r}, value={self.value!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalizedText, (self.phrase, self.description, self.language, self.value))


def _build_table(lang: str) -> dict[Any, LocalizedText]:
    t = translations(lang)
    if lang != "en" and not isinstance(t, GNUTranslations):
        lang = "en"  # the catalog is missing or unreadable: say what is really used
    pg = t.pgettext
    table: dict[Any, LocalizedText] = {}
    for s in STATUSES:
        table[s.code] = LocalizedText(
            pg(f"HTTP status {s.code}", s.phrase),
            pg(f"HTTP status {s.code} description", s.description),
            lang,
            s.code,
        )
    for m in METHODS:
        table[m.token] = LocalizedText(m.token, pg(f"HTTP method {m.token}", m.description), lang, m.token)
    for digit, slug in CATEGORY_OF_CLASS.items():
        label, desc = CATEGORIES[slug]
        text = LocalizedText(pg("HTTP status class", label), pg("HTTP status class description", desc), lang, 0)
        table[("class", digit)] = text
    return table


_lock = threading.Lock()
_by_catalog: dict[str, dict[Any, LocalizedText]] = {}
#: language tag (as given) → table; the fast path of every call.
_TABLES: dict[Any, dict[Any, LocalizedText]] = TABLES
#: language tag (as given) → catalog, or None when it fell back to English.
_RESOLVED: dict[Any, str | None] = {}


def _table_for_catalog(catalog: str) -> dict[Any, LocalizedText]:
    try:
        return _by_catalog[catalog]
    except KeyError:
        with _lock:
            if catalog not in _by_catalog:
                _by_catalog[catalog] = _build_table(catalog)
            return _by_catalog[catalog]


def _table(lang: Any, strict: bool) -> dict[Any, LocalizedText]:
    try:
        catalog = _RESOLVED[lang]
    except (KeyError, TypeError):
        catalog = resolve(lang, SHIPPED)
        try:
            if len(_RESOLVED) < _TAG_CACHE_SIZE:
                _RESOLVED[lang] = catalog
        except TypeError:  # unhashable: fine, just not cached
            pass
    if catalog is None:
        if strict:
            raise UnknownLanguageError(lang, SHIPPED)
        catalog = "en"
    table = _table_for_catalog(catalog)
    try:
        if len(_TABLES) < _TAG_CACHE_SIZE:
            _TABLES[lang] = table
    except TypeError:
        pass
    return table


def localized(value: Any, lang: Any = None, *, strict: bool = False) -> LocalizedText:
    """The localized phrase of a status or method, as a :class:`LocalizedText`.

    *value*: an ``HTTPStatus`` (ours or the standard library's), an ``int``,
    an ``HTTPMethod`` or a method token.  *lang*: any language tag, POSIX
    locale name or Babel ``Locale``; ``None`` means :func:`current_language`.
    Unknown tags fall back to English (``.language`` says so), or raise
    :class:`UnknownLanguageError` when *strict*.  A code in 100–599 that is not
    registered gets its class's phrase, e.g. "Client Error" for 499.
    """
    if lang is None:
        lang = current_language()
    if not strict:
        try:
            return _TABLES[lang][value]
        except (KeyError, TypeError):
            pass
    table = _table(lang, strict)
    try:
        return table[value]
    except KeyError:
        pass
    except TypeError:
        raise TypeError(f"localized() takes a status code or method, not {type(value).__name__}") from None
    return _unregistered(value, table)


def _unregistered(value: Any, table: dict[Any, LocalizedText]) -> LocalizedText:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"localized() takes a status code or method, not {type(value).__name__}")
    if isinstance(value, str):
        if value.isdigit() and len(value) == 3:
            return _unregistered(int(value), table) if int(value) not in table else table[int(value)]
        raise UnknownCodeError(f"{value!r} is not a method in the IANA HTTP Method Registry")
    if not 100 <= value <= 599:
        raise UnknownCodeError(f"{value!r} is not an HTTP status code (100-599)")
    cls = table[("class", value // 100)]
    return LocalizedText(cls.phrase, cls.description, cls.language, int(value))


def available_languages() -> tuple[str, ...]:
    """The shipped catalogs, English first: ``('en', 'zh_CN', 'fr', 'ja', 'zh_TW', 'de', …)``.

    The table is :data:`httpi18n.languages.LANGUAGES`.  A language whose
    compiled catalog is missing is still listed: using it gives English and a
    :class:`~httpi18n.CatalogWarning`.
    """
    return SHIPPED


def display_name(lang: Any) -> str:
    """A language's own name, for language switchers: ``display_name('zh-Hant') == '繁體中文'``.

    *lang* is any tag :func:`localized` accepts; a tag with no shipped catalog
    raises :class:`~httpi18n.UnknownLanguageError`.
    """
    catalog = resolve(lang, SHIPPED)
    if catalog is None:
        raise UnknownLanguageError(lang, SHIPPED)
    return BY_CODE[catalog].native
