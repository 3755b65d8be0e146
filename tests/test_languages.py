"""The language table: thirty rows, shipped or planned, and the tags that reach each one.

Planned rows (:data:`httpi18n.languages.PLANNED`, the languages whose catalogs
are still being written) carry names, scripts, directions, plural rules and the
tags that reach them, but are not offered.  The negotiation rows of the issue
are tested with every row in the resolver's table and all thirty catalogs
offered, so they hold whichever rows have landed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from httpi18n import available_languages, display_name, negotiation, tags
from httpi18n.catalogs import SHIPPED
from httpi18n.languages import ALIASES, ALL_BY_CODE, ALL_LANGUAGES, BY_CODE, CODES, LANGUAGES, PLANNED
from httpi18n.negotiation import negotiate
from httpi18n.tags import UnknownLanguageError, resolve

NATIVE = {
    "en": "English", "zh_CN": "简体中文", "zh_TW": "繁體中文", "fr": "Français", "ja": "日本語",
    "de": "Deutsch", "es": "Español", "it": "Italiano", "pt_BR": "Português (Brasil)",
    "pt": "Português (Portugal)", "nl": "Nederlands", "sv": "Svenska", "nb": "Norsk bokmål",
    "cs": "Čeština", "pl": "Polski", "ro": "Română", "ru": "Русский", "sr": "Српски", "tr": "Türkçe",
    "ko": "한국어", "ga": "Gaeilge", "hu": "Magyar", "id": "Bahasa Indonesia", "uk": "Українська",
    "ar": "العربية", "he": "עברית", "fa": "فارسی", "hi": "हिन्दी", "vi": "Tiếng Việt", "th": "ไทย",
}


def test_thirty_rows_shipped_or_planned() -> None:
    assert len(ALL_LANGUAGES) == len(ALL_BY_CODE) == 30
    assert CODES == SHIPPED == available_languages() == tuple(row.code for row in LANGUAGES)
    assert CODES[:5] == ("en", "zh_CN", "fr", "ja", "zh_TW")  # the first five keep their order
    assert not {row.code for row in PLANNED} & set(BY_CODE)
    assert {row.code for row in ALL_LANGUAGES} == set(NATIVE)


@pytest.mark.parametrize("row", ALL_LANGUAGES, ids=lambda r: r.code)
def test_rows_are_well_formed(row) -> None:
    assert row.native == NATIVE[row.code]
    assert row.native == row.native.strip() and row.english
    assert row.language == row.code.split("_")[0].lower() and len(row.script) == 4
    assert row.direction == ("rtl" if row.code in ("ar", "he", "fa") else "ltr")
    assert all(r == r.lower() for r in row.regions)
    assert row.tag == row.code.replace("_", "-")


def test_each_language_has_exactly_one_default_row() -> None:
    by_language: dict[str, list[bool]] = {}
    for row in ALL_LANGUAGES:
        by_language.setdefault(row.language, []).append(row.default)
    assert all(defaults.count(True) == 1 for defaults in by_language.values()), by_language


@pytest.mark.parametrize("code", [row.code for row in LANGUAGES])
def test_display_name_of_shipped_languages(code: str) -> None:
    assert display_name(code) == NATIVE[code]


def test_languages_outside_the_shipped_rows_are_not_offered() -> None:
    shipped_languages = {row.language for row in LANGUAGES}  # pt while only pt_BR has landed: reaches pt_BR
    unshipped = [row.code for row in PLANNED if row.language not in shipped_languages]
    for code in ("sw", "fi", *unshipped):  # Swahili, Finnish: not in the table
        with pytest.raises(UnknownLanguageError):
            display_name(code)
        assert resolve(code, SHIPPED) is None
    assert negotiate("sw-KE, fi;q=0.9") == "en"  # the default


@pytest.fixture
def planned_rows_land(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The resolver's table as it will be once every planned row has moved into LANGUAGES."""
    rows: dict[str, tuple] = {}
    for row in ALL_LANGUAGES:
        rows[row.language] = rows.get(row.language, ()) + (row,)
    monkeypatch.setattr(tags, "_ROWS", rows)
    monkeypatch.setattr(tags, "_available_cache", {})
    monkeypatch.setattr(negotiation, "_cache", {})
    yield


#: What a site offering all thirty catalogs would pass as *available*.
ALL = tuple(row.code for row in ALL_LANGUAGES)

TAGS = [
    # tag, available, catalog
    ("pt-BR", ALL, "pt_BR"),
    ("pt_BR", ALL, "pt_BR"),
    ("pt-PT", ALL, "pt"),
    ("pt-AO", ALL, "pt"),
    ("pt-MZ", ALL, "pt"),
    ("pt", ALL, "pt"),               # decided: the catalog named pt (European), as its name says
    ("pt-Latn", ALL, "pt"),
    ("pt-PT", ("en", "pt_BR"), "pt_BR"),  # same language and script: better than English
    ("pt-BR", ("en", "pt"), "pt"),
    ("no", ALL, "nb"),
    ("nb-NO", ALL, "nb"),
    ("nn", ALL, "nb"),
    ("nn-NO", ALL, "nb"),
    ("no-NO", ALL, "nb"),
    ("iw", ALL, "he"),
    ("iw-IL", ALL, "he"),
    ("he-IL", ALL, "he"),
    ("in", ALL, "id"),
    ("in-ID", ALL, "id"),
    ("sr-Latn", ALL, "sr"),          # decided: the one Serbian catalog, Cyrillic
    ("sr-Latn-RS", ALL, "sr"),
    ("sr-Cyrl-RS", ALL, "sr"),
    ("es-419", ALL, "es"),
    ("es-MX", ALL, "es"),
    ("es-ES", ALL, "es"),
    ("ar-EG", ALL, "ar"),
    ("fa-IR", ALL, "fa"),
    ("ko-KR", ALL, "ko"),
    ("uk-UA", ALL, "uk"),
    ("zh-TW", ALL, "zh_TW"),         # the Chinese rows keep their rules
    ("zh-Hans-TW", ALL, "zh_CN"),
    ("de-CH", ("en", "fr"), None),   # not offered: the caller's default
    ("sw-KE", ALL, None),            # not one of the thirty
]


@pytest.mark.parametrize(("tag", "available", "catalog"), TAGS)
def test_tags_reach_the_planned_catalogs(planned_rows_land: None, tag: str, available: tuple[str, ...],
                                         catalog: str | None) -> None:
    assert resolve(tag, available) == catalog


HEADERS = [
    ("pt-PT, pt;q=0.9", "pt"),
    ("pt-BR, pt;q=0.9", "pt_BR"),        # the region decides before the bare pt
    ("pt-BR, pt;q=0.9, en;q=0.5", "pt_BR"),
    ("pt, en;q=0.5", "pt"),
    ("nn-NO, nb;q=0.9, no;q=0.8", "nb"),
    ("iw, en;q=0.1", "he"),
    ("es-419, es;q=0.9", "es"),
    ("sr-Latn-RS, en;q=0.5", "sr"),
    ("de-AT, de;q=0.9, en;q=0.8", "de"),
]


@pytest.mark.parametrize(("header", "catalog"), HEADERS)
def test_accept_language_reaches_the_planned_catalogs(planned_rows_land: None, header: str, catalog: str) -> None:
    assert negotiate(header, ALL) == catalog


def test_aliases_point_at_rows() -> None:
    assert {"iw": "he", "in": "id", "no": "nb", "nn": "nb", "cmn": "zh"}.items() <= ALIASES.items()
    languages = {row.language for row in ALL_LANGUAGES}
    assert all(target in languages for target in ALIASES.values())
    assert not set(ALIASES) & languages
