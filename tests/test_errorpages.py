"""The pure error-page renderer: formats, languages, escaping, templates."""

from __future__ import annotations

import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpi18n import localized
from httpi18n.errorpages import FORMATS, choose, render_error


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize(("lang", "tag"), [("en", "en"), ("ja", "ja"), ("fr", "fr"), ("zh_CN", "zh-CN")])
def test_html_page_in_each_language(lang: str, tag: str) -> None:
    page = render_error(404, lang)
    html = page.body.decode()
    parsed = _Collect()
    parsed.feed(html)
    assert ("html", {"lang": tag}) in parsed.tags
    assert page.language == lang
    assert dict(page.headers)["Content-Language"] == tag
    assert int(dict(page.headers)["Content-Length"]) == len(page.body)
    assert f"<h1>{localized(404, lang)}</h1>" in html
    assert localized(404, lang).description in html
    assert '<meta name="viewport"' in html


def test_problem_json() -> None:
    page = render_error(429, "fr", "application/problem+json", retry="Réessayez dans 2 minutes.")
    data = json.loads(page.body)
    assert data["type"] == "about:blank" and data["status"] == 429
    assert data["title"] == str(localized(429, "fr"))
    # next to a retry hint, the description without its own "when to try again" advice
    assert data["detail"] == "Le client a envoyé trop de requêtes dans un laps de temps donné."
    assert data["retry"] == "Réessayez dans 2 minutes."
    assert page.content_type == "application/problem+json"
    plain = json.loads(render_error(429, "fr", "application/problem+json").body)
    assert plain["detail"] == localized(429, "fr").description and "retry" not in plain


def test_plain_text() -> None:
    page = render_error(500, "ja", "text/plain", message="db down")
    text = page.body.decode()
    assert text.startswith(f"500 {localized(500, 'ja')}\n") and "db down" in text
    assert page.content_type == "text/plain; charset=utf-8"


def test_unknown_language_and_format_fall_back() -> None:
    page = render_error(404, "sw", "image/png")
    assert page.language == "en" and page.content_type.startswith("text/html")


def test_unregistered_code_renders_its_class() -> None:
    data = json.loads(render_error(499, "fr", "application/problem+json").body)
    assert data["title"] == str(localized(499, "fr")) and data["status"] == 499


#: The tag sequence of the default page: reflected text must never add a tag.
DEFAULT_TAGS = ["html", "head", "meta", "meta", "title", "style", "body", "main", "p", "h1", "p", "p", "p"]

HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "</p></main>", "\u2028\u2029", '\\"', "&amp;"]


@pytest.mark.parametrize("evil", HOSTILE)
def test_reflected_text_is_escaped(evil: str) -> None:
    html = render_error(404, "en", message=evil, explain=evil).body.decode()
    assert html.count(escape(evil)) == 2
    if escape(evil) != evil:
        assert evil not in html.replace(escape(evil), "")
    problem = json.loads(render_error(404, "en", "application/problem+json", message=evil, explain=evil).body)
    assert evil in problem["detail"]


#: Text with the characters that matter here: markup, quotes, bidi isolates and overrides.
_TRICKY = st.text(alphabet=st.sampled_from(list("<>&\"'/ab?=1 \u2068\u2069\u202e\u2066")) | st.characters(),
                  max_size=200)


@settings(max_examples=200, deadline=None)
@given(_TRICKY, st.sampled_from(FORMATS), st.sampled_from(["en", "ja", "fr", "zh_CN", "xx"]))
def test_any_message_renders_safely(message: str, fmt: str, lang: str) -> None:
    page = render_error(400, lang, fmt, message=message)
    if fmt == "application/problem+json":
        json.loads(page.body)
    elif fmt == "text/html":
        parsed = _Collect()
        parsed.feed(page.body.decode())
        tags = [t for t, _ in parsed.tags if t != "bdi"]  # isolated values: the only tag reflected text may add
        assert tags == DEFAULT_TAGS[: len(tags)] and len(tags) >= 9
        assert all(attrs == {} for t, attrs in parsed.tags if t == "bdi")
        html = page.body.decode()
        assert html.count("<bdi>") == html.count("</bdi>") and "\u2068" not in html and "\u2069" not in html
    else:  # left-to-right catalogs: no isolate characters in plain text
        assert "\u2068" not in page.body.decode() and "\u2069" not in page.body.decode()


def test_isolated_values_are_bdi_in_every_language() -> None:
    from httpi18n.errorpages import isolate

    html = render_error(404, "ja", message="アドレス：" + isolate("/a/b?c=1")).body.decode()
    assert "<p>アドレス：<bdi>/a/b?c=1</bdi></p>" in html
    assert '<html lang="ja">' in html  # left to right: no dir attribute, the page is as before


def test_custom_templates(tmp_path: Path) -> None:
    page = render_error(404, "ja", template="<p lang=$lang>$code $title</p>")
    assert page.body.decode() == f"<p lang=ja>404 {localized(404, 'ja')}</p>"
    path = tmp_path / "t.html"
    path.write_text("[$code_label]", encoding="utf-8")
    assert "404" in render_error(404, "fr", template=path).body.decode()
    page = render_error(410, "fr", template=lambda v: f"{v['code']}|{v['lang']}")
    assert page.body == b"410|fr"


def test_choose() -> None:
    assert choose("application/json", "fr-CA") == ("fr", "application/problem+json")
    assert choose(None, None) == ("en", "text/html")
    assert choose("image/png", "ja") == ("ja", "text/html")
    assert choose("text/plain", "ja", languages=["en", "fr"]) == ("en", "text/plain")


# --- retry hints (Retry-After) ------------------------------------------------

from email.utils import formatdate  # noqa: E402

from httpi18n import errorpages, retry  # noqa: E402
from httpi18n.retry import format_delay, retry_after_seconds, retry_hint, split_delay  # noqa: E402

NOW = 1_800_000_000.25
NB = "\u00a0"

SPLITS = [
    # seconds, parts (rounded up, at most two units)
    (0, ()),
    (1, (("second", 1),)),
    (59, (("second", 59),)),
    (60, (("minute", 1),)),
    (61, (("minute", 2),)),
    (90, (("minute", 2),)),
    (3540, (("minute", 59),)),
    (3541, (("hour", 1),)),
    (3600, (("hour", 1),)),
    (3601, (("hour", 1), ("minute", 1))),
    (5400, (("hour", 1), ("minute", 30))),
    (7200, (("hour", 2),)),
    (86340, (("hour", 23), ("minute", 59))),
    (86341, (("day", 1),)),
    (86400, (("day", 1),)),
    (90000, (("day", 1), ("hour", 1))),
    (172800, (("day", 2),)),
    (999 * 86400, (("day", 999),)),
]


@pytest.mark.parametrize(("seconds", "parts"), SPLITS)
def test_delays_are_split_and_rounded_up(seconds: int, parts: tuple) -> None:
    assert split_delay(seconds) == parts
    total = sum(n * {"second": 1, "minute": 60, "hour": 3600, "day": 86400}[u] for u, n in parts)
    assert total >= seconds  # never invites a retry before the server's time


HINTS = [
    # Retry-After, language, hint
    ("1", "en", "Please try again in 1 second."),
    ("120", "en", "Please try again in 2 minutes."),
    ("3600", "en", "Please try again in 1 hour."),
    ("5400", "en", "Please try again in 1 hour and 30 minutes."),
    ("90000", "en", "Please try again in 1 day and 1 hour."),
    ("0", "en", "Please try again in a moment."),
    ("1", "fr", f"Veuillez réessayer dans 1{NB}seconde."),
    ("3600", "fr", f"Veuillez réessayer dans 1{NB}heure."),
    ("5400", "fr", f"Veuillez réessayer dans 1{NB}heure et 30{NB}minutes."),
    ("120", "fr", f"Veuillez réessayer dans 2{NB}minutes."),
    ("172800", "fr", f"Veuillez réessayer dans 2{NB}jours."),
    ("0", "fr", "Veuillez réessayer dans un instant."),
    ("5400", "ja", "1 時間 30 分後にもう一度お試しください。"),
    ("86400", "ja", "1 日後にもう一度お試しください。"),
    ("45", "ja", "45 秒後にもう一度お試しください。"),
    ("5400", "zh_CN", "请在1小时30分钟后重试。"),
    ("120", "zh_CN", "请在2分钟后重试。"),
    ("90000", "zh_CN", "请在1天1小时后重试。"),
]


@pytest.mark.parametrize(("value", "lang", "hint"), HINTS)
def test_retry_hints_use_the_catalogs_plural_forms(value: str, lang: str, hint: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "_babel", [None])  # as without Babel
    assert retry_hint(value, lang, NOW) == hint


@pytest.mark.parametrize("lang", ["en", "fr", "ja", "zh_CN"])
def test_babel_installed_or_not_gives_the_same_hints(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("babel")
    with_babel = [retry_hint(str(s), lang, NOW) for s, _ in SPLITS]
    monkeypatch.setattr(retry, "_babel", [None])
    assert [retry_hint(str(s), lang, NOW) for s, _ in SPLITS] == with_babel


@pytest.mark.parametrize("lang", ["en", "fr", "ja", "zh_CN", "zh_TW"])
def test_babel_words_a_missing_unit_with_the_same_number(lang: str) -> None:
    """The Babel path (a unit the catalog lacks) names the same count and unit as the catalog path."""
    pytest.importorskip("babel")
    for unit in ("second", "minute", "hour", "day"):
        for count in (1, 2, 30):
            worded = retry._babel_unit(unit, count, lang)
            assert worded is not None and re.sub(r"\D", "", worded) == str(count), (lang, unit, count, worded)
    assert retry._babel_unit("hour", 2, "en") == retry._unit_text("hour", 2, "en") == "2 hours"


def test_retry_after_values(monkeypatch: pytest.MonkeyPatch) -> None:
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds(" 0 ", NOW) == 0
    assert retry_after_seconds(formatdate(NOW + 90.75, usegmt=True), NOW) == 91  # rounded up, never early
    assert retry_after_seconds(formatdate(NOW - 90, usegmt=True), NOW) == 0
    assert retry_hint(formatdate(NOW - 5, usegmt=True), "en", NOW) == "Please try again in a moment."
    assert retry_hint(formatdate(NOW + 7200, usegmt=True), "en", NOW) == "Please try again in 2 hours."
    for bad in (None, "", "soon", "-5", "1.5", "1e3", "12345678901", "Wed, 99 Foo 2025", "x" * 10_000,
                "\u0661\u0662", 120, b"120"):
        assert retry_after_seconds(bad, NOW) is None, bad
        assert retry_hint(bad, "fr", NOW) is None
    assert retry_hint(str(1000 * 86400), "en", NOW) is None  # beyond MAX_DAYS: nothing worth saying
    assert format_delay(0, "en") == ""


TRY_LATER = {"en": "try again later", "fr": "réessayez plus tard", "ja": "しばらくしてから", "zh_CN": "请稍后重试"}


@pytest.mark.parametrize("lang", ["en", "fr", "ja", "zh_CN"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_503_with_a_hint_reads_as_one_text(lang: str, fmt: str) -> None:
    full = localized(503, lang).description
    assert TRY_LATER[lang] in full
    hint = retry_hint("120", lang, NOW)
    assert hint
    body = render_error(503, lang, fmt, retry=hint).body.decode()
    if fmt == "application/problem+json":
        body = json.dumps(json.loads(body), ensure_ascii=False)
    assert hint in body
    assert TRY_LATER[lang] not in body and full not in body
    # without a hint the full description stays
    assert full in render_error(503, lang, "text/plain").body.decode()


@pytest.mark.parametrize("status", [408, 429, 503])
@pytest.mark.parametrize("lang", ["en", "fr", "ja", "zh_CN"])
def test_shorter_descriptions_are_translated(status: int, lang: str) -> None:
    page = render_error(status, lang, "text/plain", retry="R").body.decode()
    shorter = page.split("\n")[2]
    assert shorter and shorter != localized(status, lang).description
    if lang != "en":
        assert shorter not in render_error(status, "en", "text/plain", retry="R").body.decode()


def test_untranslated_shorter_description_keeps_the_full_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(errorpages._SHORTER_DESCRIPTIONS, 500, "Not in any catalog.")
    page = render_error(500, "fr", "text/plain", retry="R").body.decode()
    assert localized(500, "fr").description in page and "Not in any catalog." not in page
    assert "Not in any catalog." in render_error(500, "en", "text/plain", retry="R").body.decode()


def test_retry_zero_reads_naturally() -> None:
    page = render_error(503, "en", "text/plain", retry=retry_hint("0", "en", NOW)).body.decode()
    assert "now" not in page.lower().replace("right now", "")
    assert page.rstrip().endswith("Please try again in a moment.")
    assert "try again later" not in page


def test_lone_surrogates_become_replacement_characters() -> None:
    """A message decoded with surrogateescape (an odd file name) renders, never raises."""
    for fmt in FORMATS:
        page = render_error(404, "fr", fmt, message="/caf\udce9", explain="x\ud800y", instance="/\udce9")
        assert "\ufffd" in page.body.decode("utf-8")


def test_traditional_chinese_pages_ask_for_traditional_fonts() -> None:
    html = render_error(404, "zh_TW").body.decode()
    assert '<html lang="zh-TW">' in html and ':lang(zh-TW) body' in html and '"Noto Sans CJK TC"' in html
