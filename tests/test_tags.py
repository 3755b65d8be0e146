"""Language tags: parsing and the documented fallback rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpi18n.catalogs import SHIPPED
from httpi18n.tags import MAX_TAG_LENGTH, LanguageTag, UnknownLanguageError, parse_tag, resolve, variant

RESOLUTION = [
    # tag, expected catalog (None: no catalog, English with a fallback)
    ("ja", "ja"),
    ("ja-JP", "ja"),
    ("ja_JP.UTF-8", "ja"),
    ("ja_JP.eucJP@mod", "ja"),
    ("JA", "ja"),
    ("Ja-jp", "ja"),
    ("fr", "fr"),
    ("fr-CA", "fr"),
    ("fr_BE", "fr"),
    ("fr-Latn-CH", "fr"),
    ("fr_FR@euro", "fr"),
    ("en", "en"),
    ("en-GB", "en"),
    ("en-US-x-private", "en"),
    ("C", "en"),
    ("POSIX", "en"),
    ("C.UTF-8", "en"),
    ("zh", "zh_CN"),
    ("zh-CN", "zh_CN"),
    ("zh_CN", "zh_CN"),
    ("zh_CN.UTF-8", "zh_CN"),
    ("zh-Hans", "zh_CN"),
    ("zh-Hans-CN", "zh_CN"),
    ("zh-Hans-TW", "zh_CN"),  # explicit script wins over region
    ("zh-SG", "zh_CN"),
    ("zh-MY", "zh_CN"),
    ("zh-Hans-HK", "zh_CN"),
    ("zh-Hans-SG", "zh_CN"),
    ("zh-Latn", "zh_CN"),  # a script with no catalog is ignored: the language's default
    ("cmn", "zh_CN"),  # Mandarin: written Chinese
    ("cmn-Hans-CN", "zh_CN"),
    ("zh-TW", "zh_TW"),
    ("zh_TW", "zh_TW"),
    ("zh-HK", "zh_TW"),
    ("zh-MO", "zh_TW"),
    ("zh-Hant", "zh_TW"),
    ("zh-Hant-TW", "zh_TW"),
    ("zh-Hant-HK", "zh_TW"),
    ("zh-Hant-CN", "zh_TW"),  # explicit script wins over region
    ("zh-Hant-SG", "zh_TW"),
    ("zh_TW.Big5", "zh_TW"),
    ("zh_HK.UTF-8", "zh_TW"),
    ("cmn-Hant-TW", "zh_TW"),
    ("ZH-hant", "zh_TW"),
    ("sw", None),
    ("sw-KE", None),
    ("", None),
    ("-", None),
    ("e", None),
    ("12", None),
    ("ja--JP", None),
    ("x" * 200, None),
]


@pytest.mark.parametrize(("tag", "expected"), RESOLUTION)
def test_resolution_table(tag: str, expected: str | None) -> None:
    assert resolve(tag, SHIPPED) == expected


#: Chinese with only one script offered: fallback never crosses scripts.
ONE_SCRIPT = [
    # tag, available, expected
    ("zh-TW", ("en", "zh_CN"), None),
    ("zh-HK", ("en", "zh_CN"), None),
    ("zh-Hant", ("en", "zh_CN"), None),
    ("zh", ("en", "zh_CN"), "zh_CN"),
    ("zh-CN", ("en", "zh_TW"), None),
    ("zh-Hans", ("en", "zh_TW"), None),
    ("zh", ("en", "zh_TW"), None),  # a bare zh is Simplified
    ("zh-HK", ("en", "zh_HK", "zh_TW"), "zh_HK"),  # an exact regional catalog first
    ("zh-MO", ("en", "zh_HK"), "zh_HK"),  # same script: a sibling catalog fits
    ("zh-Hant", ("en", "zh_Hant"), "zh_Hant"),
    ("zh-TW", ("en", "zh_Hant", "zh_CN"), "zh_Hant"),
    ("zh-SG", ("en", "zh_SG"), "zh_SG"),
    ("zh-CN", ("en", "zh", "zh_TW"), "zh"),
    ("zh-Hans-TW", ("en", "zh_CN", "zh_TW"), "zh_CN"),
]


@pytest.mark.parametrize(("tag", "available", "expected"), ONE_SCRIPT)
def test_chinese_fallback_stays_in_its_script(tag: str, available: tuple[str, ...], expected: str | None) -> None:
    assert resolve(tag, available) == expected


def test_every_row_of_the_language_table_is_reached_by_its_own_tags() -> None:
    from httpi18n.languages import LANGUAGES

    for row in LANGUAGES:
        assert resolve(row.code, SHIPPED) == row.code
        assert resolve(row.tag, SHIPPED) == row.code
        same_script = [r for r in LANGUAGES if r.language == row.language and r.script == row.script]
        by_script = row.code if len(same_script) == 1 else next(r.code for r in same_script if r.default)
        assert resolve(f"{row.language}-{row.script}", SHIPPED) == by_script  # pt-Latn: the default, pt
        for region in row.regions:
            assert resolve(f"{row.language}-{region.upper()}", SHIPPED) == row.code
        assert variant(parse_tag(row.tag)) == row


def test_like_makes_a_bare_language_follow_a_variant() -> None:
    from httpi18n.languages import BY_CODE

    assert resolve("zh", SHIPPED, like=BY_CODE["zh_TW"]) == "zh_TW"
    assert resolve("zh", ("en", "zh_CN"), like=BY_CODE["zh_TW"]) is None
    assert resolve("zh-CN", SHIPPED, like=BY_CODE["zh_TW"]) == "zh_CN"  # only a bare tag follows
    assert resolve("fr", SHIPPED, like=BY_CODE["zh_TW"]) == "fr"  # another language: ignored


def test_regional_catalog_is_preferred_then_language() -> None:
    assert resolve("pt-BR", ("en", "pt", "pt_BR")) == "pt_BR"
    assert resolve("pt-PT", ("en", "pt", "pt_BR")) == "pt"
    assert resolve("pt", ("en", "pt_BR")) == "pt_BR"


def test_parse_tag_fields() -> None:
    assert parse_tag("zh-Hans-CN") == LanguageTag("zh", "hans", "cn")
    assert parse_tag("es-419") == LanguageTag("es", "", "419")
    assert parse_tag("sr_RS@latin") == LanguageTag("sr", "", "rs")
    assert parse_tag("fr-CA").posix == "fr_CA"


def test_babel_locale_objects() -> None:
    babel = pytest.importorskip("babel")
    assert resolve(babel.Locale.parse("ja_JP"), SHIPPED) == "ja"
    assert resolve(babel.Locale.parse("zh_Hant_TW"), SHIPPED) == "zh_TW"
    assert resolve(babel.Locale.parse("zh_Hant_TW"), ("en", "zh_CN")) is None
    assert resolve(babel.Locale.parse("zh_Hans_CN"), SHIPPED) == "zh_CN"
    assert resolve(babel.Locale("fr", "CA"), SHIPPED) == "fr"


@pytest.mark.parametrize("bad", ["", "日本語", "ja JP", "a", "toolonglanguage", None, 42, b"ja", ["ja"]])
def test_malformed_tags_raise_the_documented_error(bad) -> None:
    with pytest.raises(UnknownLanguageError):
        parse_tag(bad)
    assert resolve(bad, SHIPPED) is None


def test_error_is_lookup_and_value_error() -> None:
    err = UnknownLanguageError("xx", SHIPPED)
    assert isinstance(err, LookupError) and isinstance(err, ValueError)
    assert "xx" in str(err) and "zh_CN" in str(err)


def test_overlong_tag_is_refused_without_echoing_it_all() -> None:
    with pytest.raises(UnknownLanguageError) as info:
        parse_tag("a" * 100_000)
    assert len(str(info.value)) < MAX_TAG_LENGTH + 200


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), st.from_regex(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8}){0,4}", fullmatch=True)))
def test_parser_only_raises_the_documented_error(tag: str) -> None:
    try:
        parsed = parse_tag(tag)
    except UnknownLanguageError:
        pass
    else:
        assert parsed.language.isalpha() and parsed.language.islower()
    result = resolve(tag, SHIPPED)
    assert result is None or result in SHIPPED
