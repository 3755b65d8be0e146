"""Right-to-left error pages: the Arabic, Hebrew and Persian catalogs.

The pages are checked as markup, as text and JSON, and in headless Chromium
(screenshots in ``build/screenshots/rtl-*.png``): ``lang`` and ``dir``, the
title against the right edge, and a supplied path that stays one
left-to-right run inside the right-to-left sentence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from httpi18n import catalogs, errorpages, localized
from httpi18n.errorpages import FSI, PDI, direction, isolate, render_error
from httpi18n.languages import ALL_BY_CODE, BY_CODE, RTL

RTL_LANGS = ("ar", "he", "fa")
PATH = "/a/b?c=1"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _address(lang: str, value: str) -> str:
    """The edge service's sentence, with the supplied value isolated as callers should."""
    return catalogs.translations(lang).pgettext("error page", "Address: %(uri)s") % {"uri": isolate(value)}


# --- the table and the markup -----------------------------------------------------------


def test_the_rtl_rows_are_shipped() -> None:
    assert {c for c, row in ALL_BY_CODE.items() if row.direction == "rtl"} == set(RTL_LANGS) == RTL
    assert set(RTL_LANGS) <= set(BY_CODE)
    assert [direction(c) for c in ("ar", "he", "fa", "en", "ja", "xx")] == ["rtl"] * 3 + ["ltr"] * 3


@pytest.mark.parametrize("lang", RTL_LANGS)
@pytest.mark.parametrize("status", [404, 503])
def test_rtl_page_carries_lang_and_dir(lang: str, status: int) -> None:
    page = render_error(status, lang)
    assert page.language == lang and dict(page.headers)["Content-Language"] == lang
    html = page.body.decode()
    parser = _Tags()
    parser.feed(html)
    assert parser.tags[0] == ("html", {"lang": lang, "dir": "rtl"})
    title = localized(status, lang)
    assert title.language == lang and str(title) != str(localized(status, "en"))
    assert f"<h1>{escape(str(title), quote=False)}</h1>" in html


@pytest.mark.parametrize("lang", [code for code in BY_CODE if code not in RTL])
def test_ltr_pages_are_unchanged(lang: str) -> None:
    html = render_error(404, lang).body.decode()
    assert f'<html lang="{errorpages.bcp47(lang)}">' in html and "dir=" not in html


def test_supplied_value_is_a_bdi_and_stays_escaped() -> None:
    label = catalogs.translations("he").pgettext("error page", "Address: %(uri)s").replace("%(uri)s", "")
    assert label.strip() and label != "Address: "  # the Hebrew sentence, not English
    html = render_error(404, "he", message=_address("he", PATH)).body.decode()
    assert f"<p>{escape(label, quote=False)}<bdi>{PATH}</bdi></p>" in html
    hostile = '/x"><script>alert(1)</script>\u202e'
    html = render_error(404, "he", message=_address("he", hostile)).body.decode()
    assert "<script>" not in html and "\u202e" not in html
    assert "<bdi>/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</bdi>" in html


def test_isolate_drops_bidi_controls_of_the_value() -> None:
    assert isolate(PATH) == FSI + PATH + PDI
    assert isolate("a\u202eb\u2069c\u2066d") == FSI + "abcd" + PDI  # cannot close its isolate early
    assert isolate(404) == FSI + "404" + PDI


@pytest.mark.parametrize("message", [
    "x" + PDI + "y",            # a stray PDI
    FSI + "open",               # never closed
    PDI + FSI + FSI + "z" + PDI,  # mixed
])
def test_unbalanced_isolates_give_balanced_output(message: str) -> None:
    html = render_error(404, "he", message=message).body.decode()
    assert html.count("<bdi>") == html.count("</bdi>")
    for lang in ("he", "fr"):
        text = render_error(404, lang, "text/plain", message=message).body.decode()
        opened = 0
        for ch in text:
            opened += (ch == FSI) - (ch == PDI)
            assert opened >= 0
        assert opened == 0


def test_text_and_json_isolate_only_in_rtl() -> None:
    text = render_error(404, "he", "text/plain", message=_address("he", PATH)).body.decode()
    assert f"{_address('he', PATH)}\n" in text and f"{FSI}{PATH}{PDI}" in text
    data = json.loads(render_error(404, "ar", "application/problem+json", message=_address("ar", PATH),
                                   instance=PATH).body)
    assert f"{FSI}{PATH}{PDI}" in data["detail"] and data["instance"] == PATH
    for fmt in ("text/plain", "application/problem+json"):  # left to right: plain text, nothing invisible
        body = render_error(404, "fr", fmt, message="Adresse\u00a0: " + isolate(PATH), instance=PATH).body
        assert FSI.encode() not in body and PDI.encode() not in body and PATH.encode() in body


def test_custom_templates_get_the_direction() -> None:
    page = render_error(404, "fa", template="<html lang=$lang dir=$dir>$message</html>",
                        message=_address("fa", PATH))
    # custom templates receive the isolate characters themselves (they survive template engines)
    assert page.body.decode() == f"<html lang=fa dir=rtl>{_address('fa', PATH)}</html>"
    assert f"{FSI}{PATH}{PDI}" in _address("fa", PATH)
    assert render_error(404, "ja", template="$dir|$dir_attr").body == b"ltr|"


def test_stylesheet_uses_logical_properties_only() -> None:
    style = errorpages._STYLE
    physical = re.findall(r"(?:margin|padding|border|inset)-(?:left|right)|text-align:\s*(?:left|right)|"
                          r"(?<![-\w])(?:left|right)\s*:|float:\s*(?:left|right)", style)
    assert physical == []
    for prop in ("margin-inline", "padding-inline", "text-align:start", "max-inline-size"):
        assert prop in style, prop
    # a four-value shorthand (top right bottom left) would not mirror: none left
    for value in re.findall(r"(?<![-\w])(?:margin|padding):([^;}]*)", style):
        assert len(value.split()) < 4, value


# --- Chromium -------------------------------------------------------------------------------

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"

#: Per character of the first text node of *el*: the left edge of its box, in text order.
_CHAR_LEFTS = """(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const lefts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      lefts.push([node.data[i], r.getBoundingClientRect().left]);
    }
  }
  return lefts;
}"""


def _path_in_one_piece(lefts: list[list[Any]]) -> bool:
    """The characters of PATH, read in text order, are drawn left to right without a jump back."""
    text = "".join(ch for ch, _ in lefts)
    start = text.find(PATH)
    assert start >= 0, text
    xs = [x for _, x in lefts[start:start + len(PATH)]]
    return all(a < b for a, b in zip(xs, xs[1:]))


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from test_webapps_browser import ARGS, CHROMIUM, _require_browser

    _require_browser()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-rtl")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 800, "height": 600}, device_scale_factor=1)
        try:
            yield context
        finally:
            context.close()


@pytest.mark.slow
@pytest.mark.parametrize("lang", RTL_LANGS)
@pytest.mark.parametrize("status", [404, 503])
def test_rtl_page_in_chromium(chromium: Any, lang: str, status: int) -> None:
    from test_webapps_browser import png_size

    page = chromium.new_page()
    try:
        body = render_error(status, lang, message=_address(lang, PATH)).body.decode()
        page.set_content(body)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        h1 = page.locator("h1")
        assert h1.inner_text() == str(localized(status, lang))
        # a right-to-left page reads from the right: the title hugs the right edge of <main>
        main_box, h1_range = page.locator("main").bounding_box(), page.evaluate(
            "(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));"
            " const b = r.getBoundingClientRect(); return [b.left, b.right]; })()")
        assert main_box is not None
        assert abs(h1_range[1] - (main_box["x"] + main_box["width"] - 24)) < 2  # padding-inline 1.5rem
        assert h1_range[0] > main_box["x"] + 24 + 1  # and leaves room on the left
        # the supplied path: one left-to-right run, left of the localized label
        address = page.locator("bdi")
        assert address.count() == 1 and address.inner_text() == PATH
        paragraph = address.locator("xpath=..")
        assert _path_in_one_piece(paragraph.evaluate(_CHAR_LEFTS))
        bdi_box = address.bounding_box()
        label_x = paragraph.evaluate(
            "(p) => { const r = document.createRange(); r.setStart(p.firstChild, 0); r.setEnd(p.firstChild, 1);"
            " return r.getBoundingClientRect().left; }")
        assert bdi_box is not None and bdi_box["x"] + bdi_box["width"] <= label_x
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"rtl-{status}-{lang}.png"
        data = page.screenshot(path=str(shot), full_page=True)
        assert png_size(data)[0] == 800 and len(data) > 8_000
    finally:
        page.close()


@pytest.mark.slow
def test_without_isolation_the_path_breaks(chromium: Any) -> None:
    """The check above can fail: the same sentence without the isolate shows the path reordered."""
    page = chromium.new_page()
    try:
        sentence = catalogs.translations("he").pgettext("error page", "Address: %(uri)s") % {"uri": PATH}
        page.set_content(render_error(404, "he", message=sentence).body.decode())
        paragraph = page.locator("p", has_text=PATH)
        assert not _path_in_one_piece(paragraph.evaluate(_CHAR_LEFTS))
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "rtl-404-he-not-isolated.png"), full_page=True)
    finally:
        page.close()
