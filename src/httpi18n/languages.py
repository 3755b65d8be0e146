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

Plural forms: every row carries its :class:`PluralRule`, the gettext
``Plural-Forms`` header value its catalog must declare (a test compares them)
and the CLDR category each gettext form stands for.  The expressions follow
CLDR's cardinal rules for whole numbers (what ``ngettext`` receives).  A rule
may *fold* a CLDR category into ``other`` on purpose (``PluralRule.folded``):
the ``many`` of French, Spanish, Italian and Portuguese (only exact millions,
"1 million de": two forms, as GNU gettext and the shipped French catalog have
them) and the recent Vietnamese ``one`` (see :data:`VIETNAMESE`).  The
fraction-only categories (Czech ``many``, Russian ``other``…) never occur.

Languages being written (:data:`PLANNED`) have their rows here already, with
their names, script, direction, plural rule and the tags that reach them, but
they are *not* shipped: nothing offers them (:data:`LANGUAGES`, :data:`CODES`,
:data:`BY_CODE` and :data:`RTL` are the shipped rows only); :data:`ALL_BY_CODE`
serves the tools and tests that prepare a catalog, and the writing direction
of a catalog offered by an application itself (:func:`httpi18n.errorpages.direction`).
A language lands with its reviewed catalog by leaving ``_BEING_WRITTEN``.

Decisions for regional and legacy tags (tested for every row with all thirty
catalogs offered): ``pt-BR`` reaches ``pt_BR``; a bare ``pt`` and every other
region of Portuguese reach ``pt`` (European Portuguese), because a catalog name
given back must reach that catalog (``available_languages()`` lists ``pt``) and
``pt`` names European Portuguese where catalogs are kept (GNU gettext locale
folders, Apache httpd's error documents, Django); CLDR calls ``pt`` Brazilian,
but Brazilian browsers send ``pt-BR``.  ``no`` and ``nn`` reach ``nb``
(Norwegian readers read Bokmål); ``iw`` → ``he``, ``in`` → ``id`` (legacy
codes); ``sr-Latn`` reaches the Cyrillic ``sr`` catalog, the one Serbian catalog
(every Serbian reader reads both scripts, unlike Simplified and Traditional
Chinese); ``es-419``, ``es-MX`` and every other Spanish region reach ``es``.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "Language", "PluralRule", "LANGUAGES", "PLANNED", "ALL_LANGUAGES", "BY_CODE", "ALL_BY_CODE",
    "CODES", "DOCS_LANGUAGES", "ALIASES", "RTL",
]


class PluralRule(NamedTuple):
    """How a catalog chooses among plural forms: gettext's expression and CLDR's names."""

    #: The ``Plural-Forms`` header value, exactly: ``'nplurals=2; plural=(n != 1);'``.
    forms: str
    #: The CLDR category of each gettext form, in form order: ``('one', 'other')``.
    categories: tuple[str, ...]
    #: CLDR categories of whole numbers this expression deliberately merges into
    #: ``other`` (see the module docstring): ``('many',)`` for French.
    folded: tuple[str, ...] = ()

    @property
    def nplurals(self) -> int:
        """The number of forms each plural entry of the catalog has."""
        return len(self.categories)


# The expressions are written as Babel (2.19) writes them for a new catalog where
# Babel's expression has the same forms, so ``Catalog(locale=...)`` headers pass the
# gate as they are; they differ for fr, es, it, pt and pt_BR (Babel: 3 forms with
# the millions) and for pt (Babel gives every ``pt`` the Brazilian rule).

#: One form: Chinese, Japanese, Korean, Indonesian, Thai.
OTHER_ONLY = PluralRule("nplurals=1; plural=0;", ("other",))
#: Vietnamese: one form.  Recent CLDR (Babel 2.19's data) calls 0 and 1 ``one`` for
#: pronoun agreement ("mua nó" / "mua chúng"); a noun after a number never changes and
#: the catalog's counted phrases have no such pronoun, so ``one`` is folded.
VIETNAMESE = PluralRule("nplurals=1; plural=0;", ("other",), folded=("one",))
#: 1 is singular, everything else (0 included) plural: English, German, Dutch, Turkish…
ONE_IS_SINGULAR = PluralRule("nplurals=2; plural=(n != 1);", ("one", "other"))
#: The same for Spanish, Italian, European Portuguese, whose CLDR ``many`` (exact
#: millions, "1 millón de") is folded into ``other``.
ONE_IS_SINGULAR_MILLIONS = PluralRule(ONE_IS_SINGULAR.forms, ONE_IS_SINGULAR.categories, ("many",))
#: 0 and 1 are singular: Persian, Hindi.
ZERO_AND_ONE_SINGULAR = PluralRule("nplurals=2; plural=(n > 1);", ("one", "other"))
#: The same for French and Brazilian Portuguese, CLDR ``many`` (millions) folded.
ZERO_AND_ONE_SINGULAR_MILLIONS = PluralRule(ZERO_AND_ONE_SINGULAR.forms, ZERO_AND_ONE_SINGULAR.categories,
                                            ("many",))
#: Russian and Ukrainian: 1, 21, 31… / 2–4, 22–24… / the rest (0, 5–20, 11–14…).
EAST_SLAVIC = PluralRule(
    "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : "
    "n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;",
    ("one", "few", "many"))
#: Serbian: the same numbers as Russian, but CLDR calls the third form ``other``.
SERBIAN = PluralRule(EAST_SLAVIC.forms, ("one", "few", "other"))
#: Polish: 1 / 2–4, 22–24… (not 12–14) / the rest.
POLISH = PluralRule(
    "nplurals=3; plural=n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;",
    ("one", "few", "many"))
#: Czech: 1 / 2–4 / the rest (CLDR's ``many`` is for fractions only).
CZECH = PluralRule("nplurals=3; plural=(n == 1 ? 0 : n >= 2 && n <= 4 ? 1 : 2);", ("one", "few", "other"))
#: Romanian: 1 / 0, 2–19, 101–119… / the rest ("20 de minute").
ROMANIAN = PluralRule(
    "nplurals=3; plural=(n == 1 ? 0 : n == 0 || n != 1 && n % 100 >= 1 && n % 100 <= 19 ? 1 : 2);",
    ("one", "few", "other"))
#: Irish: 1 / 2 / 3–6 / 7–10 / the rest.
IRISH = PluralRule(
    "nplurals=5; plural=(n == 1 ? 0 : n == 2 ? 1 : n >= 3 && n <= 6 ? 2 : n >= 7 && n <= 10 ? 3 : 4);",
    ("one", "two", "few", "many", "other"))
#: Hebrew (CLDR 42 and later): 1 / 2 / the rest.
HEBREW = PluralRule("nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);", ("one", "two", "other"))
#: Arabic: 0 / 1 / 2 / 3–10, 103–110… / 11–99, 111–199… / 100–102, 200–202…
ARABIC = PluralRule(
    "nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : "
    "n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5);",
    ("zero", "one", "two", "few", "many", "other"))


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
    #: Plural rule of the catalog (its ``Plural-Forms`` header must be ``plural.forms``).
    plural: PluralRule = ONE_IS_SINGULAR

    @property
    def tag(self) -> str:
        """BCP 47 tag for ``lang=`` and ``Content-Language``: ``'zh-TW'``."""
        return self.code.replace("_", "-")


#: Every row, in the project's order: the thirty languages (shipped and planned).  Order is
#: the server's preference for ``Accept-Language: *`` and the switcher order; English (the
#: source text) first.
ALL_LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "en", "Latn", docs=True, plural=ONE_IS_SINGULAR),
    Language("zh_CN", "Chinese (Simplified)", "简体中文", "zh", "Hans",
             regions=("cn", "sg", "my"), docs=True, plural=OTHER_ONLY),
    Language("fr", "French", "Français", "fr", "Latn", docs=True, plural=ZERO_AND_ONE_SINGULAR_MILLIONS),
    Language("ja", "Japanese", "日本語", "ja", "Jpan", docs=True, plural=OTHER_ONLY),
    Language("zh_TW", "Chinese (Traditional)", "繁體中文", "zh", "Hant",
             regions=("tw", "hk", "mo"), default=False, plural=OTHER_ONLY),
    Language("de", "German", "Deutsch", "de", "Latn", plural=ONE_IS_SINGULAR),
    Language("es", "Spanish", "Español", "es", "Latn", plural=ONE_IS_SINGULAR_MILLIONS),
    Language("it", "Italian", "Italiano", "it", "Latn", plural=ONE_IS_SINGULAR_MILLIONS),
    Language("pt_BR", "Portuguese (Brazil)", "Português (Brasil)", "pt", "Latn",
             regions=("br",), default=False, plural=ZERO_AND_ONE_SINGULAR_MILLIONS),
    Language("pt", "Portuguese (Portugal)", "Português (Portugal)", "pt", "Latn",
             regions=("pt", "ao", "mz", "cv", "gw", "st", "tl", "mo", "gq", "ch", "lu"),
             plural=ONE_IS_SINGULAR_MILLIONS),
    Language("nl", "Dutch", "Nederlands", "nl", "Latn", plural=ONE_IS_SINGULAR),
    Language("sv", "Swedish", "Svenska", "sv", "Latn", plural=ONE_IS_SINGULAR),
    Language("nb", "Norwegian Bokmål", "Norsk bokmål", "nb", "Latn", plural=ONE_IS_SINGULAR),
    Language("cs", "Czech", "Čeština", "cs", "Latn", plural=CZECH),
    Language("pl", "Polish", "Polski", "pl", "Latn", plural=POLISH),
    Language("ro", "Romanian", "Română", "ro", "Latn", plural=ROMANIAN),
    Language("ru", "Russian", "Русский", "ru", "Cyrl", plural=EAST_SLAVIC),
    Language("sr", "Serbian (Cyrillic)", "Српски", "sr", "Cyrl", plural=SERBIAN),
    Language("tr", "Turkish", "Türkçe", "tr", "Latn", plural=ONE_IS_SINGULAR),
    Language("ko", "Korean", "한국어", "ko", "Kore", plural=OTHER_ONLY),
    Language("ga", "Irish", "Gaeilge", "ga", "Latn", plural=IRISH),
    Language("hu", "Hungarian", "Magyar", "hu", "Latn", plural=ONE_IS_SINGULAR),
    Language("id", "Indonesian", "Bahasa Indonesia", "id", "Latn", plural=OTHER_ONLY),
    Language("uk", "Ukrainian", "Українська", "uk", "Cyrl", plural=EAST_SLAVIC),
    Language("ar", "Arabic", "العربية", "ar", "Arab", "rtl", plural=ARABIC),
    Language("he", "Hebrew", "עברית", "he", "Hebr", "rtl", plural=HEBREW),
    Language("fa", "Persian", "فارسی", "fa", "Arab", "rtl", plural=ZERO_AND_ONE_SINGULAR),
    Language("hi", "Hindi", "हिन्दी", "hi", "Deva", plural=ZERO_AND_ONE_SINGULAR),
    Language("vi", "Vietnamese", "Tiếng Việt", "vi", "Latn", plural=VIETNAMESE),
    Language("th", "Thai", "ไทย", "th", "Thai", plural=OTHER_ONLY),
)

#: Languages whose catalogs are being written: data only, never offered (see the module
#: docstring).  Landing one = its reviewed catalog + removing its code here.
_BEING_WRITTEN: frozenset[str] = frozenset({
})

#: The shipped languages, in table order.
LANGUAGES: tuple[Language, ...] = tuple(row for row in ALL_LANGUAGES if row.code not in _BEING_WRITTEN)
#: The planned rows, in table order (the codes of ``_BEING_WRITTEN``).
PLANNED: tuple[Language, ...] = tuple(row for row in ALL_LANGUAGES if row.code in _BEING_WRITTEN)

#: Other primary language subtags that mean a shipped language (legacy or
#: macrolanguage codes): ``cmn`` (Mandarin) is written Chinese here.
ALIASES: dict[str, str] = {
    "cmn": "zh",
    "iw": "he", "in": "id",  # codes withdrawn from ISO 639 in 1989, still sent by old systems
    "no": "nb", "nn": "nb",  # Norwegian (macrolanguage) and Nynorsk: the Bokmål catalog
}

#: Catalog code → row (shipped catalogs only).
BY_CODE: dict[str, Language] = {row.code: row for row in LANGUAGES}
#: Catalog code → row, planned languages included (names and rules for tools and tests).
ALL_BY_CODE: dict[str, Language] = {row.code: row for row in ALL_LANGUAGES}
#: Every shipped catalog code, in table order: ``('en', 'zh_CN', 'fr', 'ja', 'zh_TW', 'de', …)``.
CODES: tuple[str, ...] = tuple(row.code for row in LANGUAGES)
#: The languages of the documentation site (a subset of :data:`CODES`).
DOCS_LANGUAGES: tuple[str, ...] = tuple(row.code for row in LANGUAGES if row.docs)
#: Catalogs written right to left.
RTL: frozenset[str] = frozenset(row.code for row in LANGUAGES if row.direction == "rtl")
