"""The four-language documentation site, in headless Debian Chromium.

The site is built once per session (``tools/build_docs.py``) when
``build/site`` is missing or older than its sources, then served by
``tools/serve_docs.py`` (httpi18n.server) on a free port of 127.0.0.1.
Screenshots go to ``build/screenshots/``.  Without Chromium the tests are
skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
LANGS = ("en", "zh_CN", "fr", "ja")
HTML_LANG = {"en": "en", "zh_CN": "zh-CN", "fr": "fr", "ja": "ja"}
#: Sphinx's translated "<project> <release> documentation" in each title.
TITLE_WORD = {"en": "documentation", "zh_CN": "文档", "fr": "Documentation", "ja": "ドキュメント"}

pytestmark = pytest.mark.slow


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build_docs = _load("build_docs")
serve_docs = _load("serve_docs")


def _need_chromium() -> None:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        message = f"Debian Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if IN_CI:
            pytest.fail("the playwright package is not installed")
        pytest.skip("the playwright package is not installed")


@pytest.fixture(scope="session")
def site() -> Path:
    if build_docs.is_stale():
        build_docs.build(verbose=False)
    return build_docs.SITE


@pytest.fixture(scope="session")
def base_url(site: Path):
    httpd, url = serve_docs.serve_in_thread("127.0.0.1", 0, site)
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: Playwright's sync API keeps an event loop marked
    # running in this thread while it is open, which would break asyncio.run()
    # in every later test module.
    _need_chromium()
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="docs-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            locale="en-US",
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser):
    page = browser.new_page()
    # Only our own server: anything else is refused.
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:)"), lambda route: route.abort())
    yield page
    page.close()


def _shot(page, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


#: (name, width, height): a desktop browser and a 390 px phone.
VIEWPORTS = (("desktop", 1280, 900), ("phone", 390, 844))


def _layout(page) -> dict:
    """What the layout assertions need, measured in the page."""
    return page.evaluate("""() => {
        const doc = document.documentElement;
        const nav = document.querySelector("nav.language-switcher summary");
        const r = nav ? nav.getBoundingClientRect() : null;
        const wide = [...document.querySelectorAll("article pre, article table")].filter(
            e => e.getBoundingClientRect().right > window.innerWidth + 1 &&
                 !(e.closest(".highlight, .table-wrapper") && getComputedStyle(e.closest(".highlight, .table-wrapper")).overflowX !== "visible"));
        return {
            scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth,
            lang: doc.lang, dir: getComputedStyle(doc).direction, dirAttr: doc.getAttribute("dir"),
            switcher: r ? {x: r.x, y: r.y, w: r.width, h: r.height} : null,
            viewports: document.querySelectorAll('meta[name=viewport]').length,
            height: document.body.scrollHeight,
            background: getComputedStyle(document.body).backgroundColor,
            font: getComputedStyle(document.body).fontFamily,
            cutCode: wide.length,
        };
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[v[0] for v in VIEWPORTS])
@pytest.mark.parametrize("lang", LANGS)
def test_layout_in_every_language(browser, base_url: str, lang: str, viewport, scheme: str) -> None:
    """Screenshots (build/screenshots/) and the assertions behind them."""
    name, width, height = viewport
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.emulate_media(color_scheme=scheme)
    page.route(re.compile(r"^(?!http://127\.0\.0\.1:)"), lambda route: route.abort())
    try:
        for path in ("index.html", "middleware.html", "status/404.html"):
            page.goto(f"{base_url}/{lang}/{path}")
            m = _layout(page)
            where = f"{lang}/{path} at {width}px, {scheme}"
            assert m["lang"] == HTML_LANG[lang], where
            assert m["dir"] == "ltr" and m["dirAttr"] in (None, "ltr"), where
            assert m["scrollWidth"] <= m["innerWidth"], f"{where}: the page is wider than the screen ({m})"
            assert m["cutCode"] == 0, f"{where}: a code block or table runs off the screen"
            assert m["viewports"] == 1, where
            sw = m["switcher"]
            assert sw and sw["w"] > 0 and sw["h"] > 0 and 0 <= sw["x"] and sw["x"] + sw["w"] <= width, where
            assert sw["y"] < height, f"{where}: the language switcher is not on the first screen"
            dark = scheme == "dark"
            rgb = [int(v) for v in re.findall(r"\d+", m["background"])[:3]]
            assert (sum(rgb) < 150) == dark, f"{where}: background {m['background']}"
            if lang in ("zh_CN", "ja"):
                face = {"zh_CN": "Noto Sans CJK SC", "ja": "Noto Sans CJK JP"}[lang]
                assert face in m["font"], where
            else:
                assert "CJK" not in m["font"], where
            if path == "index.html":
                assert m["height"] < 2600, f"{where}: the home page is {m['height']} px tall"
                _shot(page, f"{lang}-{name}-{scheme}-home")
            elif path == "status/404.html" and name == "desktop":
                _shot(page, f"{lang}-{name}-{scheme}-status-404", full_page=True)
        if name == "phone" and scheme == "light":
            page.goto(f"{base_url}/{lang}/index.html")
            page.click("label.nav-overlay-icon")  # the navigation drawer opens on a phone
            page.wait_for_timeout(400)
            assert page.locator(".sidebar-drawer a.reference").first.is_visible()
            _shot(page, f"{lang}-phone-navigation")
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_language_and_title(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/{lang}/index.html")
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]
    title = page.title()
    assert "httpi18n" in title and TITLE_WORD[lang] in title, title
    hreflangs = page.eval_on_selector_all("link[rel=alternate]", "ls => ls.map(l => l.hreflang)")
    assert sorted(hreflangs) == sorted([*HTML_LANG.values(), "x-default"])
    assert page.get_attribute("link[rel=canonical]", "href").endswith(f"/{lang}/index.html")
    og = dict(page.eval_on_selector_all("meta[property^='og:']", "ms => ms.map(m => [m.getAttribute('property'), m.content])"))
    assert og["og:url"].endswith(f"/{lang}/index.html") and og["og:title"] and og["og:description"]
    assert og["og:locale"] == {"en": "en_US", "zh_CN": "zh_CN", "fr": "fr_FR", "ja": "ja_JP"}[lang]
    # The version is on the page, not only in <title>.
    from httpi18n import __version__
    assert __version__ in page.inner_text(".sidebar-brand") and __version__ in page.inner_text("footer")
    assert page.locator("link[rel~=icon]").count() == 1


def _switch(page, lang: str) -> None:
    page.click("nav.language-switcher summary")
    page.click(f"nav.language-switcher a[data-language={lang}]")


def test_switcher_keeps_page_and_anchor(page, base_url: str) -> None:
    page.goto(f"{base_url}/ja/languages.html#fallback-rules")
    _switch(page, "fr")
    page.wait_for_url(re.compile(r"/fr/languages\.html#fallback-rules$"))
    assert page.get_attribute("html", "lang") == "fr"
    _switch(page, "zh_CN")
    page.wait_for_url(re.compile(r"/zh_CN/languages\.html#fallback-rules$"))
    assert page.get_attribute("html", "lang") == "zh-CN"
    _shot(page, "switcher-zh_CN")
    # The root page now remembers the last choice.
    page.goto(f"{base_url}/")
    page.wait_for_url(re.compile(r"/zh_CN/index\.html$"))


def test_switcher_keeps_the_search_query(page, base_url: str) -> None:
    page.goto(f"{base_url}/en/search.html?q=negotiate")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    _switch(page, "ja")
    page.wait_for_url(re.compile(r"/ja/search\.html\?q=negotiate$"))
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    assert page.get_attribute("html", "lang") == "ja"


def test_root_page_follows_browser_language(browser, base_url: str) -> None:
    context = browser  # persistent context: use a fresh page with storage cleared
    page = context.new_page()
    try:
        page.goto(f"{base_url}/?choose")
        page.evaluate("() => localStorage.clear()")
        links = page.eval_on_selector_all("a[data-language]", "ls => ls.map(l => l.getAttribute('href'))")
        assert links == [f"{lang}/index.html" for lang in LANGS]
        page.goto(f"{base_url}/")
        page.wait_for_url(re.compile(r"/en/index\.html$"))  # the browser says en-US
    finally:
        page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_gets_the_sites_404_page(page, base_url: str, lang: str) -> None:
    response = page.goto(f"{base_url}/{lang}/no/such/page.html")
    assert response is not None and response.status == 404
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]
    # Navigation, search and the switcher, with working links at any depth.
    assert page.locator(".sidebar-tree a.reference").count() >= 5
    assert page.locator("nav.language-switcher summary").is_visible()
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily") != ""
    css_ok = page.evaluate("() => [...document.styleSheets].some(s => { try { return s.cssRules.length > 50 } catch (e) { return false } })")
    assert css_ok, "the theme's stylesheet did not load on a deep 404 address"
    _shot(page, f"404-{lang}")
    page.click(".sidebar-tree a.reference >> nth=0")
    page.wait_for_load_state()
    assert re.search(rf"/{lang}/[a-z]+\.html$", page.url), page.url


def test_publishing_files(site: Path) -> None:
    """sitemap.xml with hreflang alternates, robots.txt pointing at it, from one base URL."""
    import xml.etree.ElementTree as ET

    base = json.loads((site / build_docs.STAMP).read_text(encoding="utf-8"))["base_url"]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    locs = [u.find("s:loc", ns).text for u in urls]
    for lang in LANGS:
        assert f"{base}{lang}/index.html" in locs and f"{base}{lang}/status/404.html" in locs
    unlisted = re.compile(r"/(en|zh_CN|fr|ja)/(search|404|genindex)\.html$")  # status/404.html is listed
    assert not any(unlisted.search(loc) for loc in locs)
    first = urls[0]
    alternates = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert alternates == {*HTML_LANG.values(), "x-default"}
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "fr" / "methods.html").read_text("utf-8"))
    assert canonical and canonical.group(1) == f"{base}fr/methods.html"


def test_status_pages_list_every_runtime_language(site: Path) -> None:
    """Each per-code page shows the phrase in all thirty runtime languages, right-to-left ones marked."""
    from httpi18n import available_languages, localized
    from httpi18n.errorpages import bcp47

    for lang in LANGS:
        page = (site / lang / "status" / "404.html").read_text(encoding="utf-8")
        for code in available_languages():
            rtl = 'dir="rtl" ' if code in ("ar", "he", "fa") else ""  # docutils sorts attributes
            assert f'<span {rtl}lang="{bcp47(code)}">{localized(404, code)}</span>' in page, (lang, code)


def test_a_source_edited_during_a_build_makes_the_site_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamp carries the build's start time, so an edit made while Sphinx ran is not lost."""
    source = tmp_path / "page.rst"
    source.write_text("x", encoding="utf-8")
    monkeypatch.setattr(build_docs, "sources", lambda: [source])

    def fake_build_one(lang: str, out: Path, doctrees: Path, **_: object) -> float:
        (out / lang).mkdir(parents=True, exist_ok=True)
        (out / lang / "index.html").write_text("<html></html>", encoding="utf-8")
        source.write_text("edited while building", encoding="utf-8")  # mtime: now, after the start
        return 0.0

    monkeypatch.setattr(build_docs, "build_one", fake_build_one)
    monkeypatch.setattr(build_docs, "sitemap", lambda *a: "")
    out = tmp_path / "site"
    build_docs.build(("en",), out, tmp_path / "doctrees", verbose=False)
    assert build_docs.is_stale(out, ("en",))
    monkeypatch.setattr(build_docs, "build_one", lambda lang, out, doctrees, **_: 0.0)
    build_docs.build(("en",), out, tmp_path / "doctrees", verbose=False)
    assert not build_docs.is_stale(out, ("en",))
