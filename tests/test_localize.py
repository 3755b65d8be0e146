"""localized(): every status and method in every language, fallback, context, safety."""

from __future__ import annotations

import asyncio
import gettext
import http
import json
import pickle
import threading
import warnings

import pytest

import httpi18n
from httpi18n import (
    CatalogWarning,
    HTTPMethod,
    HTTPStatus,
    LocalizedText,
    UnknownCodeError,
    UnknownLanguageError,
    available_languages,
    display_name,
    language,
    localized,
)
from httpi18n import catalogs, context, localize
from httpi18n.languages import BY_CODE
from httpi18n.registry import METHODS, STATUSES

LANGS = tuple(code for code in catalogs.SHIPPED if code != "en")
#: Phrases that may legitimately read the same as English in a language.
SAME_AS_ENGLISH = {
    "fr": {"OK", "Redirection", "Information"},
    "zh_CN": {"OK"},
    "zh_TW": {"OK"},
    "ja": {"OK"},
    "nl": {"OK", "Conflict"},  # the Dutch word
    "ro": {"OK", "Conflict"},  # the Romanian word
}


def _has_cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


#: Unicode blocks of the scripts other than Latin: a description is written in its script.
_SCRIPT_RANGES = {
    "Cyrl": ("\u0400", "\u04ff"), "Arab": ("\u0600", "\u06ff"), "Hebr": ("\u0590", "\u05ff"),
    "Deva": ("\u0900", "\u097f"), "Thai": ("\u0e00", "\u0e7f"), "Kore": ("\uac00", "\ud7a3"),
}
#: How a status description ends, where it is not a full stop.
_DESCRIPTION_END = {"zh_CN": "。", "zh_TW": "。", "ja": "。", "hi": "।", "th": ""}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("entry", STATUSES, ids=lambda e: str(e.code))
def test_every_status_is_translated(entry, lang) -> None:
    text = localized(entry.code, lang)
    assert text.language == lang
    assert text and text.description
    if str(text) not in SAME_AS_ENGLISH.get(lang, {"OK"}):
        assert str(text) != entry.phrase
    assert text.description != entry.description
    if lang in ("zh_CN", "zh_TW", "ja"):
        assert _has_cjk(text.description)
    script = BY_CODE[lang].script
    if script in _SCRIPT_RANGES:
        low, high = _SCRIPT_RANGES[script]
        assert any(low <= ch <= high for ch in text.description), (lang, text.description)
    end = _DESCRIPTION_END.get(lang, ".")
    assert text.description.endswith(end) and not text.description.endswith(" ")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("entry", METHODS, ids=lambda e: e.token)
def test_every_method_description_is_translated_and_token_is_not(entry, lang) -> None:
    text = localized(entry.token, lang)
    assert str(text) == entry.token == text.phrase
    assert text.description and text.description != entry.description


def test_english_is_the_source_text() -> None:
    for entry in STATUSES:
        text = localized(entry.code, "en")
        assert (str(text), text.description, text.language) == (entry.phrase, entry.description, "en")


def test_localized_text_behaves_as_a_string() -> None:
    text = HTTPStatus.NOT_FOUND.localized("ja")
    assert isinstance(text, str) and isinstance(text, LocalizedText)
    assert text == text.phrase and f"{text}" == text.phrase
    assert json.loads(json.dumps({"t": text})) == {"t": text.phrase}
    assert text.value == 404
    assert pickle.loads(pickle.dumps(text)).description == text.description
    assert "ja" in repr(text)


def test_all_spellings_of_a_status() -> None:
    expected = localized(404, "ja")
    assert localized(HTTPStatus.NOT_FOUND, "ja") is expected
    assert localized(http.HTTPStatus.NOT_FOUND, "ja") is expected
    assert localized("404", "ja") is expected
    assert HTTPStatus.NOT_FOUND.localized("ja-JP") is expected
    assert localized(404, "ja_JP.UTF-8") is expected


def test_methods_from_either_enum() -> None:
    text = HTTPMethod.GET.localized("fr")
    assert text == "GET" and text.language == "fr"
    if hasattr(http, "HTTPMethod"):
        assert localized(http.HTTPMethod.GET, "fr") is text
    assert localized("GET", "fr") is text


def test_registry_only_entries_are_localized() -> None:
    assert localized(104, "fr").language == "fr"
    assert localized(306, "ja").description


def test_unregistered_codes_get_their_class() -> None:
    text = localized(499, "fr")
    assert text == localized(400, "fr").__class__(str(text), "", "fr", 499)
    assert str(text) == str(localized(("class", 4), "fr")) if False else str(text)
    assert text.value == 499 and text.language == "fr"
    assert str(localized(599, "en")) == "Server Error"
    assert str(localized(299, "en")) == "Successful"


@pytest.mark.parametrize("bad", [99, 600, -1, 0, 1000, "GETT", "get", "abc", "4040"])
def test_unknown_codes_raise(bad) -> None:
    with pytest.raises(UnknownCodeError):
        localized(bad, "en")


@pytest.mark.parametrize("bad", [None, 4.04, b"GET", True, [404], object()])
def test_wrong_types_raise_type_error(bad) -> None:
    with pytest.raises((TypeError, UnknownCodeError)):
        localized(bad, "en")


def test_fallback_and_strict_mode() -> None:
    assert localized(404, "sw").language == "en"
    assert localized(404, "fi-FI").language == "en"
    assert localized(404, "zh-TW").language == "zh_TW"
    assert localized(404, "fr-CA").language == "fr"
    assert localized(404, "zh-Hans").language == "zh_CN"
    with pytest.raises(UnknownLanguageError):
        localized(404, "sw", strict=True)
    with pytest.raises(UnknownLanguageError):
        HTTPStatus.NOT_FOUND.localized("sw", strict=True)
    assert HTTPStatus.NOT_FOUND.localized("zh-Hant", strict=True).language == "zh_TW"
    assert localized(404, "fr-CA", strict=True).language == "fr"
    # A cached non-strict fallback must not hide the strict error.
    localized(404, "xx")
    with pytest.raises(UnknownLanguageError):
        localized(404, "xx", strict=True)


def test_babel_locale_is_accepted() -> None:
    babel = pytest.importorskip("babel")
    assert localized(404, babel.Locale.parse("ja_JP")).language == "ja"


def test_unhashable_language_is_refused_cleanly() -> None:
    assert localized(404, ["ja"]).language == "en"  # type: ignore[arg-type]
    with pytest.raises(UnknownLanguageError):
        localized(404, ["ja"], strict=True)  # type: ignore[arg-type]


def test_tag_cache_is_bounded() -> None:
    for i in range(3000):
        localized(404, f"x{i}")
    assert len(localize._TABLES) <= localize._TAG_CACHE_SIZE
    assert len(localize._RESOLVED) <= localize._TAG_CACHE_SIZE


def test_language_context_manager() -> None:
    with language("ja-JP") as chosen:
        assert chosen == "ja"
        assert localized(404).language == "ja"
        with language("fr"):
            assert HTTPStatus.NOT_FOUND.localized().language == "fr"
        assert localized(404).language == "ja"
    with language("sw") as chosen:
        assert chosen == "en"
    with pytest.raises(UnknownLanguageError):
        with language("sw", strict=True):
            pass


def test_language_is_thread_local() -> None:
    results: dict[str, list[str]] = {}
    barrier = threading.Barrier(4)

    def worker(tag: str) -> None:
        with language(tag):
            barrier.wait()
            results[tag] = [localized(404).language for _ in range(200)]

    threads = [threading.Thread(target=worker, args=(t,)) for t in ("ja", "fr", "zh-CN", "en")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {"ja": ["ja"] * 200, "fr": ["fr"] * 200, "zh-CN": ["zh_CN"] * 200, "en": ["en"] * 200}


def test_language_is_task_local() -> None:
    async def handler(tag: str) -> str:
        with language(tag):
            await asyncio.sleep(0.01)
            return localized(404).language

    async def main() -> list[str]:
        return list(await asyncio.gather(handler("ja"), handler("fr"), handler("zh-Hans")))

    assert asyncio.run(main()) == ["ja", "fr", "zh_CN"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANGUAGE": "fr_CA:en"}, "fr"),
        ({"LANGUAGE": "sw:ja"}, "ja"),
        ({"LC_ALL": "ja_JP.UTF-8"}, "ja"),
        ({"LC_MESSAGES": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "C"}, "en"),
        ({"LANG": "sw_KE.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "fr_FR.UTF-8"}, "ja"),
    ],
)
def test_environment_default(monkeypatch, env, expected) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    httpi18n.refresh_environment()
    try:
        assert httpi18n.current_language() == expected
        assert localized(404).language == expected
    finally:
        httpi18n.refresh_environment()


def test_thread_safe_first_load(monkeypatch) -> None:
    catalogs._forget()
    localize._by_catalog.clear()
    localize._TABLES.clear()
    localize._RESOLVED.clear()
    loads = []
    real = catalogs._load

    def counting(lang: str):
        loads.append(lang)
        return real(lang)

    monkeypatch.setattr(catalogs, "_load", counting)
    barrier = threading.Barrier(8)
    out: list[str] = []

    def worker() -> None:
        barrier.wait()
        out.append(str(localized(404, "ja")))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert loads.count("ja") == 1
    assert len(set(out)) == 1


@pytest.fixture()
def fresh_catalogs(monkeypatch, tmp_path):
    monkeypatch.setattr(catalogs, "LOCALE_DIR", tmp_path)
    catalogs._forget()
    for d in (localize._by_catalog, localize._TABLES, localize._RESOLVED):
        d.clear()
    yield tmp_path
    catalogs._forget()
    for d in (localize._by_catalog, localize._TABLES, localize._RESOLVED):
        d.clear()


def test_missing_catalog_gives_english_and_a_warning(fresh_catalogs) -> None:
    with pytest.warns(CatalogWarning, match="no compiled catalog"):
        text = localized(404, "ja")
    assert str(text) == "Not Found" and text.language == "en"


def test_corrupt_catalog_gives_english_and_a_warning(fresh_catalogs) -> None:
    mo = fresh_catalogs / "fr" / "LC_MESSAGES" / "httpi18n.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"\xde\x12\x04\x95 definitely not a catalog")
    with pytest.warns(CatalogWarning, match="unreadable"):
        text = localized(404, "fr")
    assert str(text) == "Not Found" and text.language == "en"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        localized(410, "fr")  # warned once per language only


def test_english_needs_no_catalog(fresh_catalogs) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert str(localized(404, "en")) == "Not Found"


def test_compiled_catalogs_are_real_gettext_catalogs() -> None:
    for lang in available_languages():
        assert isinstance(catalogs.translations(lang), gettext.GNUTranslations)


def test_available_languages_and_display_names() -> None:
    assert available_languages()[:5] == ("en", "zh_CN", "fr", "ja", "zh_TW")
    assert [display_name(x) for x in available_languages()][:5] == ["English", "简体中文", "Français", "日本語", "繁體中文"]
    assert [display_name(x) for x in available_languages()] == [BY_CODE[x].native for x in available_languages()]
    assert display_name("ja-JP") == "日本語"
    assert display_name("zh-HK") == display_name("zh-Hant") == "繁體中文"
    assert display_name("zh-SG") == "简体中文"
    with pytest.raises(UnknownLanguageError):
        display_name("sw")


def test_one_language_table() -> None:
    """Every list of languages in the package is the table of httpi18n.languages."""
    from httpi18n import negotiation
    from httpi18n.languages import BY_CODE, CODES, DOCS_LANGUAGES, LANGUAGES

    assert catalogs.SHIPPED == CODES == available_languages() == tuple(row.code for row in LANGUAGES)
    assert CODES[0] == "en" and len(set(CODES)) == len(CODES)
    assert DOCS_LANGUAGES == ("en", "zh_CN", "fr", "ja")  # the site stays in four languages
    assert negotiation.negotiate("*") == "en"
    for row in LANGUAGES:
        assert row.direction in ("ltr", "rtl") and len(row.script) == 4 and row.script.istitle()
        assert BY_CODE[row.code] is row and row.tag == row.code.replace("_", "-")
    by_language: dict[str, list] = {}
    for row in LANGUAGES:
        by_language.setdefault(row.language, []).append(row)
    for rows in by_language.values():  # at most one default row per language, regions never shared
        assert sum(r.default for r in rows) <= 1
        regions = [reg for r in rows for reg in r.regions]
        assert len(regions) == len(set(regions))


@pytest.mark.parametrize("tag", ["zh-TW", "zh-HK", "zh-MO", "zh-Hant", "zh-Hant-CN", "zh_TW.UTF-8"])
def test_traditional_chinese_is_localized(tag: str) -> None:
    text = localized(404, tag)
    assert text.language == "zh_TW"
    assert str(text) != str(localized(404, "zh_CN"))  # not the Simplified text


def test_a_shipped_language_without_its_catalog_falls_back_to_english(fresh_catalogs) -> None:
    """A row of the table whose .mo is missing (a catalog not compiled yet) breaks nothing."""
    with pytest.warns(CatalogWarning, match="zh_TW"):
        text = localized(404, "zh-TW")
    assert str(text) == "Not Found" and text.language == "en"
    assert display_name("zh-TW") == "繁體中文"


def test_catalogs_load_lazily_one_file_per_language_used() -> None:
    """A process that serves only Japanese opens the Japanese catalog and no other .mo file."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open'"
        " and str(args[0]).endswith('.mo') else None)\n"
        "import httpi18n\n"
        "from httpi18n.errorpages import render_error\n"
        "assert httpi18n.localized(404, 'ja').language == 'ja'\n"
        "render_error(503, 'ja', retry='120')\n"
        "print('\\n'.join(sorted({p.replace('\\\\', '/').split('/locale/')[-1] for p in opened})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["ja/LC_MESSAGES/httpi18n.mo"]
