"""Accept-Language (RFC 9110 §12.5.4, RFC 4647 lookup) and Accept negotiation."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpi18n import negotiate, negotiate_media_type
from httpi18n.catalogs import SHIPPED
from httpi18n.negotiation import MAX_RANGES, _cache, parse_accept_language

HEADERS = [
    # header, expected catalog among the shipped ones
    ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
    ("ja", "ja"),
    ("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja"),
    ("zh-Hans-CN,zh;q=0.9", "zh_CN"),
    ("zh-CN", "zh_CN"),
    ("zh-TW, en;q=0.5", "zh_TW"),
    ("zh-TW, ja;q=0.5", "zh_TW"),
    ("sw-KE, sw;q=0.9", "en"),  # nothing fits: default
    ("sw, fr;q=0.1", "fr"),
    ("en;q=0.1, ja;q=0.2", "ja"),
    ("ja;q=0.5, fr;q=0.5", "ja"),  # ties keep header order
    ("fr;q=0.5, ja;q=0.5", "fr"),
    ("*", "en"),
    ("*;q=0.5, en;q=0", "zh_CN"),  # * = any language not excluded, server order
    ("en;q=0, *", "zh_CN"),
    ("ja;q=0, fr;q=0, en;q=0, *", "zh_CN"),
    ("ja;q=0", "en"),
    ("sw, *;q=0.1", "en"),
    ("en, *;q=0", "en"),
    ("fr;q=0, fr-CA", "en"),  # fr excluded outright
    ("fr-CA;q=0, fr", "fr"),  # a more specific exclusion does not rule out fr
    ("", "en"),
    (",,,", "en"),
    ("ja;q=2, fr", "fr"),  # q out of range: element dropped
    ("ja;q=abc, fr;q=0.4", "fr"),
    ("ja;q=0.12345, fr;q=0.4", "fr"),  # more than three decimals
    ("ja; q=0.8 , fr;q=0.9", "fr"),  # whitespace around parameters
    ("JA-jp", "ja"),
    ("ja_JP", "ja"),
    ("日本語, fr", "fr"),
    ("ja;level=1;q=0.3, fr;q=0.2", "fr"),  # Accept-Language has no other parameters
    ("ja ; q=0.3, fr;q=0.2", "ja"),
    ("ja;q=1.000, fr", "ja"),
    ("ja;q=0.000, fr;q=0.1", "fr"),
    ("x-klingon, fr", "fr"),
    ("i-default, ja", "ja"),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS)
def test_accept_language_table(header: str, expected: str) -> None:
    assert negotiate(header) == expected


#: Both Chinese scripts: header, expected with every catalog, expected when only
#: ("en", "zh_CN", "fr", "ja") is offered (the script is never crossed).
CHINESE = [
    ("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", "zh_TW", "en"),  # what browsers in Taiwan send
    ("zh-HK,zh;q=0.9,en;q=0.8", "zh_TW", "en"),
    ("zh-MO,zh;q=0.9", "zh_TW", "en"),
    ("zh-Hant,zh;q=0.9", "zh_TW", "en"),
    ("zh-Hant-TW,zh-Hant;q=0.9,zh;q=0.8", "zh_TW", "en"),
    ("zh-Hant-HK", "zh_TW", "en"),
    ("zh-Hant-CN", "zh_TW", "en"),  # the script wins over the region
    ("zh-TW, ja;q=0.5", "zh_TW", "ja"),
    ("zh-TW;q=0.5, zh;q=0.9", "zh_TW", "en"),  # bare zh follows the header's only variant
    ("zh,zh-TW;q=0.9", "zh_TW", "en"),
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh_CN", "zh_CN"),  # what browsers in mainland China send
    ("zh-SG,zh;q=0.9", "zh_CN", "zh_CN"),
    ("zh-MY", "zh_CN", "zh_CN"),
    ("zh-Hans", "zh_CN", "zh_CN"),
    ("zh-Hans-CN,zh;q=0.9", "zh_CN", "zh_CN"),
    ("zh-Hans-TW", "zh_CN", "zh_CN"),
    ("zh", "zh_CN", "zh_CN"),  # a bare zh alone is Simplified (documented)
    ("zh, en;q=0.5", "zh_CN", "zh_CN"),
    ("zh-CN, zh-TW;q=0.8, zh;q=0.5", "zh_CN", "zh_CN"),  # the most preferred variant leads zh
    ("zh-TW, zh-CN;q=0.8, zh;q=0.5", "zh_TW", "zh_CN"),
    ("zh-Hant;q=0, zh", "zh_CN", "zh_CN"),  # Traditional excluded outright
    ("zh-Hant;q=0, zh-TW", "en", "en"),
    ("zh-HK;q=0, zh-TW", "zh_TW", "en"),  # a narrower exclusion does not rule out zh_TW
    ("zh;q=0, zh-TW", "en", "en"),
    ("cmn-Hant-TW", "zh_TW", "en"),
    ("zh-yue-HK", "zh_TW", "en"),  # extlang ignored, the region decides
    ("zh-Hant;q=0, *", "en", "en"),
    ("en;q=0, zh-Hant;q=0, *", "zh_CN", "zh_CN"),
]


@pytest.mark.parametrize(("header", "expected", "without_zh_tw"), CHINESE)
def test_chinese_scripts(header: str, expected: str, without_zh_tw: str) -> None:
    assert negotiate(header) == expected
    assert negotiate(header, ["en", "zh_CN", "fr", "ja"]) == without_zh_tw


def test_none_and_non_string_headers() -> None:
    assert negotiate(None) == "en"
    assert negotiate(b"ja") == "en"  # type: ignore[arg-type]


def test_custom_available_and_default() -> None:
    assert negotiate("pt-BR, es;q=0.5", ["en", "es", "pt_BR"]) == "pt_BR"
    assert negotiate("pt-PT, es;q=0.5", ["en", "es", "pt_BR"]) == "pt_BR"
    assert negotiate("sw", ["fr", "ja"]) == "fr"  # default: first available
    assert negotiate("sw", ["fr", "ja"], default=None) is None
    assert negotiate("sw", ["fr", "ja"], default="ja") == "ja"
    assert negotiate("ja", []) is None


def test_parse_keeps_order_and_drops_malformed() -> None:
    ranges = parse_accept_language("fr;q=0.5, bad range, ja, en;q=0.5, ;q=1, sw;q=, it;q=1.5")
    assert [(r.range, r.q) for r in ranges] == [("ja", 1.0), ("fr", 0.5), ("en", 0.5)]


def test_range_count_is_bounded() -> None:
    header = ",".join("q" + chr(97 + i % 26) + chr(97 + i // 26 % 26) for i in range(1000)) + ",ja"
    assert len(parse_accept_language(header)) == MAX_RANGES
    assert negotiate(header) == "en"  # ja is past the bound


def test_huge_headers_cost_bounded_time() -> None:
    hostile = [
        "a" * 100_000,
        "ja;q=0.5," * 12_000,
        "-" * 100_000,
        ";" * 100_000,
        "zh-" * 33_000 + "CN",
        "ja;" + "q=1;" * 25_000,
    ]
    start = time.perf_counter()
    for header in hostile:
        negotiate(header)
        negotiate_media_type(header)
    assert time.perf_counter() - start < 0.5


def test_cache_is_bounded() -> None:
    from httpi18n.negotiation import _parsed

    for i in range(5000):
        negotiate(f"x{i}, ja")
    assert len(_cache) <= 1024 and len(_parsed) <= 1024


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=300))
def test_negotiate_never_raises(header: str) -> None:
    assert negotiate(header) in SHIPPED
    assert negotiate_media_type(header) in ("text/html", "application/problem+json", "text/plain")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ja", "fr", "en", "zh-CN", "sw", "*", "fr-CA", "zh", "zh-TW", "zh-Hant", "zh-HK"]),
                          st.sampled_from(["", ";q=0", ";q=0.5", ";q=1", ";q=0.9"])), max_size=8))
def test_negotiated_language_is_acceptable(elements) -> None:
    header = ", ".join(r + q for r, q in elements)
    result = negotiate(header, default=None)
    if result is not None:
        ranges = parse_accept_language(header)
        excluded = [r.range for r in ranges if r.q == 0]
        tag = result.lower().replace("_", "-")
        assert not any(tag == z or tag.startswith(z + "-") for z in excluded)


MEDIA = [
    (None, "text/html"),
    ("", "text/html"),
    ("*/*", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/problem+json", "application/problem+json"),
    ("application/json", "application/problem+json"),
    ("application/*", "application/problem+json"),
    ("text/plain", "text/plain"),
    ("text/*", "text/html"),
    ("text/plain, text/html", "text/plain"),
    ("text/html;q=0.5, text/plain", "text/plain"),
    ("image/png", "text/html"),
    ("text/html;q=0, */*", "application/problem+json"),
    ("garbage", "text/html"),
]


@pytest.mark.parametrize(("accept", "expected"), MEDIA)
def test_accept_table(accept, expected) -> None:
    assert negotiate_media_type(accept) == expected


def test_media_type_nothing_acceptable() -> None:
    assert negotiate_media_type("image/png", default=None) is None


def test_memo_keys_stay_small() -> None:
    from httpi18n.negotiation import MAX_HEADER_LENGTH, _media_cache

    huge = "ja, " + "x" * 200_000
    assert negotiate(huge) == "ja"
    negotiate_media_type("text/plain, " + "y" * 200_000)
    assert all(len(k[0]) <= MAX_HEADER_LENGTH + 1 for k in _cache)
    assert all(len(k[0]) <= MAX_HEADER_LENGTH + 1 for k in _media_cache)
