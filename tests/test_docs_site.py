"""The four-language documentation site, in headless Debian Chromium.

The site is built once per session (``tools/build_docs.py``) when
``build/site`` is missing or older than its sources, then served by
``tools/serve_docs.py`` (httpi18n.server) on a free port of 127.0.0.1.
Screenshots go to ``build/screenshots/``.  Without Chromium the tests are
skipped, except in CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import importlib.util
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


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_language_and_title(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/{lang}/index.html")
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]
    title = page.title()
    assert "httpi18n" in title and TITLE_WORD[lang] in title, title
    hreflangs = page.eval_on_selector_all("link[rel=alternate]", "ls => ls.map(l => l.hreflang)")
    assert sorted(hreflangs) == sorted([*HTML_LANG.values(), "x-default"])
    assert page.get_attribute("link[rel=canonical]", "href").endswith(f"/{lang}/index.html")
    _shot(page, f"home-{lang}")


def test_switcher_keeps_page_and_anchor(page, base_url: str) -> None:
    page.goto(f"{base_url}/ja/languages.html#fallback-rules")
    page.click("nav.language-switcher a[data-language=fr]")
    page.wait_for_url(re.compile(r"/fr/languages\.html#fallback-rules$"))
    assert page.get_attribute("html", "lang") == "fr"
    page.click("nav.language-switcher a[data-language=zh_CN]")
    page.wait_for_url(re.compile(r"/zh_CN/languages\.html#fallback-rules$"))
    assert page.get_attribute("html", "lang") == "zh-CN"
    _shot(page, "switcher-zh_CN")
    # The root page now remembers the last choice.
    page.goto(f"{base_url}/")
    page.wait_for_url(re.compile(r"/zh_CN/index\.html$"))


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


def _search_word(lang: str) -> str:
    """A word in *lang* that the site must contain: the 404 phrase of the runtime catalog."""
    from httpi18n import localized

    return {"en": "Found", "zh_CN": str(localized(404, "zh_CN")), "fr": "trouvé",
            "ja": str(localized(404, "ja"))}[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_words_in_every_language(page, base_url: str, lang: str) -> None:
    word = _search_word(lang)
    page.goto(f"{base_url}/{lang}/search.html?q={word}")
    page.wait_for_selector("#search-results ul.search li", timeout=20_000)
    hits = page.locator("#search-results ul.search li").count()
    assert hits >= 1
    _shot(page, f"search-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_missing_page_gets_localized_404(page, base_url: str, lang: str) -> None:
    from httpi18n import localized

    response = page.goto(f"{base_url}/{lang}/no-such-page.html")
    assert response is not None and response.status == 404
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]
    assert str(localized(404, lang)) in page.title()
    _shot(page, f"404-{lang}")
