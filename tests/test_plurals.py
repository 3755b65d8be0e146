"""Plural rules of the thirty languages: each gettext expression against CLDR.

The rules of :mod:`httpi18n.languages` (shipped and planned rows) are checked
three ways: the ``Plural-Forms`` expression is evaluated by the standard
library's gettext (``gettext.c2py``, the evaluator the runtime uses), the CLDR
category it picks is compared with an independent implementation of CLDR's
cardinal rules written below from the CLDR operands (``n``, ``i``, ``v``), and,
when Babel is installed, with Babel's copy of the CLDR data.  Shipped catalogs
are then driven through ``ngettext`` (the catalog header equals the row: see
``test_catalogs.py``).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable

import pytest

from httpi18n.catalogs import translations
from httpi18n.languages import ALL_LANGUAGES, BY_CODE, CODES, PluralRule

NUMBERS = (0, 1, 2, 3, 5, 11, 21, 100, 101)
#: More numbers for the CLDR comparison: every teen, every ending, the Arabic hundreds.
MORE = tuple(range(0, 230)) + (1000, 1001, 1002, 1011, 1_000_000, 2_000_000, 1_000_001)


# Independent CLDR cardinal rules, for whole numbers (v = 0, so i = n), written from
# CLDR's plurals.xml rule text, one function per rule set.  "many" of exact millions
# (fr, es, it, pt) is CLDR's; the table folds it into "other" (PluralRule.folded).

def _one_other(n: int) -> str:
    return "one" if n == 1 else "other"


def _zero_one(n: int) -> str:  # fr, pt (= pt_BR in CLDR): i = 0,1; fa, hi: i = 0 or n = 1
    return "one" if n in (0, 1) else "other"


def _romance_millions(base: Callable[[int], str]) -> Callable[[int], str]:
    def rule(n: int) -> str:
        if n != 0 and n % 1_000_000 == 0:
            return "many"
        return base(n)
    return rule


def _other(n: int) -> str:
    return "other"


def _east_slavic(n: int) -> str:  # ru, uk
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _serbian(n: int) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "other"


def _polish(n: int) -> str:
    if n == 1:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _czech(n: int) -> str:
    return "one" if n == 1 else "few" if 2 <= n <= 4 else "other"


def _romanian(n: int) -> str:
    if n == 1:
        return "one"
    if n == 0 or 1 <= n % 100 <= 19:
        return "few"
    return "other"


def _irish(n: int) -> str:
    return {1: "one", 2: "two"}.get(n) or ("few" if 3 <= n <= 6 else "many" if 7 <= n <= 10 else "other")


def _hebrew(n: int) -> str:
    return {1: "one", 2: "two"}.get(n, "other")


def _arabic(n: int) -> str:
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


CLDR: dict[str, Callable[[int], str]] = {
    "en": _one_other, "de": _one_other, "nl": _one_other, "sv": _one_other, "nb": _one_other,
    "tr": _one_other, "hu": _one_other,
    "es": _romance_millions(_one_other), "it": _romance_millions(_one_other),
    "pt": _romance_millions(_one_other),  # CLDR pt_PT: i = 1 and v = 0
    "fr": _romance_millions(_zero_one), "pt_BR": _romance_millions(_zero_one),  # CLDR pt: i = 0..1
    "fa": _zero_one, "hi": _zero_one,
    "zh_CN": _other, "zh_TW": _other, "ja": _other, "ko": _other, "id": _other, "th": _other,
    "vi": _zero_one,  # CLDR 4x: i = 0 or n = 1 (folded by the table, see httpi18n.languages.VIETNAMESE)
    "ru": _east_slavic, "uk": _east_slavic, "sr": _serbian, "pl": _polish, "cs": _czech, "ro": _romanian,
    "ga": _irish, "he": _hebrew, "ar": _arabic,
}
#: Babel's locale names for our catalog codes (CLDR's pt is Brazilian, pt_PT European).
BABEL_LOCALE = {"pt_BR": "pt", "pt": "pt_PT", "zh_CN": "zh_Hans", "zh_TW": "zh_Hant", "sr": "sr_Cyrl"}


def _evaluator(rule: PluralRule) -> tuple[int, Callable[[int], int]]:
    match = re.fullmatch(r"nplurals=(\d+); plural=(.+);", rule.forms)
    assert match, rule.forms
    return int(match.group(1)), gettext.c2py(match.group(2))


def test_the_thirty_languages() -> None:
    assert len(ALL_LANGUAGES) == 30 and set(CLDR) == {row.code for row in ALL_LANGUAGES}
    assert len({row.code for row in ALL_LANGUAGES}) == 30


@pytest.mark.parametrize("row", ALL_LANGUAGES, ids=lambda r: r.code)
def test_expression_picks_the_cldr_category(row) -> None:
    nplurals, plural = _evaluator(row.plural)
    assert nplurals == row.plural.nplurals == len(row.plural.categories)
    assert len(set(row.plural.categories)) == nplurals
    assert not set(row.plural.folded) & set(row.plural.categories)
    folded_used = {CLDR[row.code](n) for n in MORE} - set(row.plural.categories)
    assert folded_used == set(row.plural.folded), row.code  # a fold is declared exactly when used
    cldr = CLDR[row.code]
    for n in NUMBERS + MORE:
        index = plural(n)
        assert 0 <= index < nplurals, (row.code, n)
        expected = cldr(n)
        if expected in row.plural.folded:
            expected = "other"
        assert row.plural.categories[index] == expected, (row.code, n, row.plural.categories[index], expected)
    # every form is reachable by some whole number
    assert {plural(n) for n in MORE} == set(range(nplurals)), row.code


def test_issue_facts() -> None:
    by = {row.code: row.plural for row in ALL_LANGUAGES}
    assert by["ar"].nplurals == 6 and by["ga"].nplurals == 5
    assert all(3 <= by[c].nplurals <= 4 for c in ("ru", "uk", "sr", "pl", "cs"))
    assert all(by[c].nplurals == 1 for c in ("ja", "zh_CN", "zh_TW", "ko", "th", "vi", "id"))
    assert all(by[c].nplurals == 2 for c in ("en", "de", "fr", "pt", "pt_BR"))
    _, fr = _evaluator(by["fr"])
    assert fr(0) == fr(1) == 0 and fr(2) == 1
    _, br = _evaluator(by["pt_BR"])
    _, pt = _evaluator(by["pt"])
    assert br(0) == 0 and pt(0) == 1  # "0 arquivo" in Brazil, "0 ficheiros" in Portugal


@pytest.mark.parametrize("row", ALL_LANGUAGES, ids=lambda r: r.code)
def test_independent_rules_agree_with_babels_cldr(row) -> None:
    babel_core = pytest.importorskip("babel.core")
    locale = babel_core.Locale.parse(BABEL_LOCALE.get(row.code, row.code))
    for n in NUMBERS + MORE:
        assert locale.plural_form(n) == CLDR[row.code](n), (row.code, n)


def test_a_wrong_expression_is_caught() -> None:
    """The comparison is not vacuous: the Russian expression is wrong for Polish and Serbian."""
    from httpi18n.languages import EAST_SLAVIC

    _, plural = _evaluator(EAST_SLAVIC)
    assert any(EAST_SLAVIC.categories[plural(n)] != _polish(n) for n in NUMBERS)  # 21: one vs many
    assert any(EAST_SLAVIC.categories[plural(n)] != _serbian(n) for n in NUMBERS)  # 5: many vs other


@pytest.mark.parametrize("lang", CODES)
def test_shipped_catalogs_pick_the_cldr_form(lang: str) -> None:
    """``ngettext`` through the compiled catalog chooses the form CLDR names, for the issue's numbers."""
    tr = translations(lang)
    assert isinstance(tr, gettext.GNUTranslations), lang
    rule = BY_CODE[lang].plural
    context, singular, plural_id = "error page", "%(num)d minute", "%(num)d minutes"
    forms = []
    _, row_plural = _evaluator(rule)
    for index in range(rule.nplurals):  # the catalog's own strings, by form index of the row's rule
        n = next(n for n in MORE if row_plural(n) == index)
        forms.append(tr.npgettext(context, singular, plural_id, n))
    # the catalog is in use: its forms are not all the English ones (Romanian "minute" is a word of both)
    assert lang == "en" or not all(f in (singular, plural_id) for f in forms), (lang, forms)
    for n in NUMBERS:
        expected = CLDR[lang](n)
        if expected in rule.folded:
            expected = "other"
        chosen = tr.npgettext(context, singular, plural_id, n)
        assert chosen == forms[rule.categories.index(expected)], (lang, n, chosen)
