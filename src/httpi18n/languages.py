"""The languages httpi18n ships: one table, read by everything else.

Each row is one runtime catalog (``locale/<code>/LC_MESSAGES/httpi18n.po``):
its code, its names, its script and writing direction, and the language tags
that reach it.  :mod:`httpi18n.catalogs`, :mod:`httpi18n.tags` (fallback),
:mod:`httpi18n.negotiation`, :func:`httpi18n.display_name`, the CLI and the
catalog tools (``tools/catalogs.py``) all read this table, so adding a
language is one row here plus its ``.po`` file.

This module is pure data with no imports from the package: the build tools
load it by path, without importing :mod:`httpi18n`.

How a tag reaches a row (see :func:`httpi18n.tags.resolve`): the primary
language subtag, after :data:`ALIASES` (legacy codes such as ``iw`` → ``he``),
selects the rows of that language.  When a language has several rows (``zh``:
``zh_CN`` and ``zh_TW``), an explicit script subtag decides first
(``zh-Hant-CN`` → ``zh_TW``), then the region (``zh-HK`` → ``zh_TW``), else
the row marked ``default`` (a bare ``zh`` → ``zh_CN``).  A row whose catalog
is not available falls back only to a row of the same language *and script*:
a reader of Traditional Chinese never gets Simplified text by fallback.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Language", "LANGUAGES", "BY_CODE", "CODES", "DOCS_LANGUAGES", "ALIASES", "RTL"]


class Language(NamedTuple):
    """One shipped catalog and how language tags reach it."""

    #: Catalog name, POSIX style: ``'zh_TW'`` (folder under ``locale/``).
    code: str
    #: English name, for English text and logs: ``'Chinese (Traditional)'``.
    english: str
    #: The language's own name, for language switchers: ``'繁體中文'``.
    native: str
    #: BCP 47 primary language subtag, lower case: ``'zh'``.
    language: str
    #: ISO 15924 script code: ``'Hant'``.
    script: str
    #: Writing direction of the script: ``'ltr'`` or ``'rtl'`` (HTML ``dir``).
    direction: str = "ltr"
    #: Region subtags (lower case) that select this row among rows of the same language.
    regions: tuple[str, ...] = ()
    #: Whether a tag naming only the language (``'zh'``, ``'pt'``) reaches this row.
    default: bool = True
    #: Whether the documentation site is built in this language.
    docs: bool = False

    @property
    def tag(self) -> str:
        """BCP 47 tag for ``lang=`` and ``Content-Language``: ``'zh-TW'``."""
        return self.code.replace("_", "-")


#: The shipped languages, English (the source text) first.  Order is the
#: server's preference for ``Accept-Language: *`` and the switcher order.
LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "en", "Latn", docs=True),
    Language("zh_CN", "Chinese (Simplified)", "简体中文", "zh", "Hans",
             regions=("cn", "sg", "my"), docs=True),
    Language("fr", "French", "Français", "fr", "Latn", docs=True),
    Language("ja", "Japanese", "日本語", "ja", "Jpan", docs=True),
    Language("zh_TW", "Chinese (Traditional)", "繁體中文", "zh", "Hant",
             regions=("tw", "hk", "mo"), default=False),
)

#: Other primary language subtags that mean a shipped language (legacy or
#: macrolanguage codes): ``cmn`` (Mandarin) is written Chinese here.
ALIASES: dict[str, str] = {"cmn": "zh"}

#: Catalog code → row.
BY_CODE: dict[str, Language] = {row.code: row for row in LANGUAGES}
#: Every shipped catalog code, in table order: ``('en', 'zh_CN', 'fr', 'ja', 'zh_TW')``.
CODES: tuple[str, ...] = tuple(row.code for row in LANGUAGES)
#: The languages of the documentation site (a subset of :data:`CODES`).
DOCS_LANGUAGES: tuple[str, ...] = tuple(row.code for row in LANGUAGES if row.docs)
#: Catalogs written right to left.
RTL: frozenset[str] = frozenset(row.code for row in LANGUAGES if row.direction == "rtl")
