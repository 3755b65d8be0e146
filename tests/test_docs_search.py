"""The site's search finds every page that contains the words searched for.

The site's own ``search.html`` (Sphinx's ``searchtools.js``, our index) runs
in headless Chromium; for each query, the pages it lists are compared with
the pages whose text contains the term (read from the built HTML).  Every
such page must be found.  The terms are common words of each language's
pages, including the two that used to fail: ``状态码`` (jieba cut it in two
and the index kept half) and ``ステータス`` (TinySegmenter cut it at
varying places).  The result summary must be in the page's language
(Sphinx's Japanese one is blank: ours is not).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_docs_site import LANGS, base_url, browser, page, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow

#: Common words of each site, as readers type them (≥ 5 per language).
QUERIES = {
    "en": ["status", "language", "negotiate", "middleware", "catalog", "header"],
    "zh_CN": ["状态码", "语言", "中间件", "错误页面", "协商", "目录"],
    "fr": ["langue", "requête", "middleware", "réponse", "catalogue", "erreur"],
    "ja": ["ステータス", "ステータスコード", "言語", "ミドルウェア", "カタログ", "エラーページ"],
}
#: The summary line, in the page's language (start of Sphinx's or our text).
SUMMARY = {"en": "Search finished", "zh_CN": "搜索完成", "fr": "Recherche terminée\u00a0:", "ja": "検索が完了しました"}


class _Article(HTMLParser):
    """The text of ``<article>`` (what the index holds), without scripts and iframes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "article":
            self.depth += 1
        elif tag in ("script", "style", "iframe") and self.depth:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag in ("script", "style", "iframe") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(path: Path) -> str:
    parser = _Article()
    parser.feed(path.read_text(encoding="utf-8"))
    # Drop the language switcher's names (they are chrome, not content).
    return " ".join(" ".join(parser.parts).split())


def docnames(site: Path, lang: str) -> list[str]:
    index = (site / lang / "searchindex.js").read_text(encoding="utf-8")
    match = re.search(r'"docnames":\[(.*?)\]', index)
    assert match, "no docnames in searchindex.js"
    return re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))


def containing(site: Path, lang: str, term: str) -> set[str]:
    """Docnames whose text contains *term* (a whole word in Latin script)."""
    if re.fullmatch(r"[\w-]+", term, re.ASCII) or lang in ("en", "fr"):
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
    else:
        pattern = re.compile(re.escape(term))
    found = set()
    for doc in docnames(site, lang):
        if pattern.search(article_text(site / lang / f"{doc}.html")):
            found.add(doc)
    return found


def search(page, base_url: str, lang: str, term: str) -> tuple[set[str], str]:  # noqa: F811
    page.goto(f"{base_url}/{lang}/search.html?q={term}")
    page.wait_for_function(
        "() => { const p = document.querySelector('#search-results .search-summary, #search-results p');"
        " return p && p.textContent.trim().length > 0 && !document.querySelector('#search-progress:not(:empty)'); }",
        timeout=180_000)  # a common word lists every page, and each result fetches its page
    page.wait_for_timeout(200)
    hrefs = page.eval_on_selector_all("#search-results ul.search li > a:first-of-type",
                                      "as => as.map(a => a.getAttribute('href'))")
    summary = page.inner_text("#search-results p.search-summary") if page.locator(
        "#search-results p.search-summary").count() else page.inner_text("#search-results p")
    found = {re.sub(r"\.html.*$", "", re.sub(r"^(\./)+", "", h)) for h in hrefs}
    return found, summary


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_every_page_with_the_term(page, base_url: str, site: Path, lang: str) -> None:  # noqa: F811
    misses = []
    for term in QUERIES[lang]:
        expected = containing(site, lang, term)
        assert len(expected) >= 2, f"{lang}: {term!r} is on {len(expected)} page(s): not a common word"
        found, summary = search(page, base_url, lang, term)
        assert summary.startswith(SUMMARY[lang]), f"{lang} {term!r}: summary {summary!r}"
        missing = expected - found
        if missing:
            misses.append(f"{term!r}: {len(found & expected)} of {len(expected)} pages, missing {sorted(missing)[:8]}")
    assert not misses, f"{lang}:\n" + "\n".join(misses)


def test_chinese_and_japanese_index_keep_whole_terms() -> None:
    """The splitters add runs of consecutive words, so a compound is one index term."""
    import importlib.util

    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("httpi18n_search", root / "docs" / "_ext" / "httpi18n_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    zh = module.WholeTermChinese({"dict": ""}).split("服务器返回的状态码是 404。")
    assert "状态码" in zh and "服务器" in zh  # jieba alone gives 状态 + 码是
    ja = module.WholeTermJapanese({}).split("サーバーが返すステータスコードです。")
    assert "ステータスコード" in ja and "ステータス" in " ".join(ja) and "コード" in ja
