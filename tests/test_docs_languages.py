"""Every page of the site speaks its own language: no label of another language.

Sphinx and the theme write words of their own into every page: field labels
("Parameters"), index titles ("Python Module Index"), the search page, the
theme's chrome ("On this page", "Back to top"), the search messages of
``translations.js``.  A page of language L must contain none of these words
as another language writes them: not Sphinx's translation for another
language, not ``docs/_ext/httpi18n_chrome.py``'s, and not the English
original when L has its own.

The four languages are built into a temporary folder exactly as
``tools/build_docs.py`` builds them, checked, then rebuilt incrementally
(one source touched) and checked again: an older build script that built
two languages in one process left ``参数`` on English pages, and a cached
doctree kept it on the next incremental build.
"""

from __future__ import annotations

import gettext
import importlib.util
import os
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
pytest.importorskip("sphinx")
pytest.importorskip("furo")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


build_docs = _load("build_docs", ROOT / "tools" / "build_docs.py")
chrome = _load("httpi18n_chrome", ROOT / "docs" / "_ext" / "httpi18n_chrome.py")

LANGS = build_docs.LANGUAGES
HTML_LANG = {"en": "en", "zh_CN": "zh-CN", "fr": "fr", "ja": "ja"}
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def _sphinx_catalog(lang: str) -> dict[str, list[str]]:
    """msgid → translations (every plural form) of Sphinx's own catalog for *lang*."""
    import sphinx

    mo = Path(sphinx.__file__).parent / "locale" / lang / "LC_MESSAGES" / "sphinx.mo"
    with mo.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 - the whole table is what we want
    out: dict[str, list[str]] = {}
    for key, text in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and text:
            out.setdefault(msgid, []).append(text)
    return out


def _usable(text: str) -> bool:
    """A string that can be looked for as a whole text: letters, no placeholders."""
    return len(text) >= 2 and LETTER.search(text) is not None and not re.search(r"[%{}$<>&]", text)


def own_words(lang: str) -> set[str]:
    """What the chrome of a *lang* page may say (its own catalog and chrome strings)."""
    words: set[str] = set()
    if lang == "en":
        for other in LANGS:
            if other != "en":
                words.update(_sphinx_catalog(other))
        words.update(chrome.CHROME)
    else:
        for texts in _sphinx_catalog(lang).values():
            words.update(" ".join(t.split()) for t in texts)
        words.update(chrome.translate(msgid, lang) for msgid in chrome.CHROME)
    return {" ".join(w.split()) for w in words}


def foreign_words(lang: str) -> set[str]:
    """The chrome strings of every other language, minus those *lang* writes the same way."""
    found: set[str] = set()
    for other in LANGS:
        if other == lang:
            continue
        if other == "en":
            # The English originals that *lang* translates.
            for msgid, texts in _sphinx_catalog(lang).items():
                if all(t != msgid for t in texts):
                    found.add(msgid)
            found.update(m for m in chrome.CHROME if chrome.translate(m, lang) != m)
        else:
            for texts in _sphinx_catalog(other).values():
                found.update(texts)
            found.update(chrome.translate(m, other) for m in chrome.CHROME)
    found = {" ".join(w.split()) for w in found}
    return {w for w in found - own_words(lang) if _usable(w)}


class _Texts(HTMLParser):
    """Labels of a page: the text of each element that holds one text of its own
    (a child may add punctuation, as Sphinx's ``<span class="colon">:</span>``),
    and labelling attributes; outside code, signatures and elements that
    declare another language (the per-code tables).  A word inside a sentence
    is not a label (untranslated prose is test_docs_coverage's business)."""

    SKIP = {"script", "style", "code", "pre", "kbd", "samp", "iframe"}
    SKIP_CLASSES = {"wire-phrase", "language-switcher", "sig", "pre", "property"}
    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "base", "wbr", "col", "use"}
    ATTRS = ("aria-label", "title", "placeholder", "alt")

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        # One frame per open element: [skipped, own texts, a child had letters]
        self.stack: list[list] = []
        self.texts: list[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack and self.stack[-1][0])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        other_lang = a.get("lang") not in (None, self.lang) and tag != "html"
        # Signatures are code (``class``, ``property``, ``Language`` are Python there).
        skip = (self._skipping() or tag in self.SKIP or other_lang
                or any(c in self.SKIP_CLASSES for c in classes))
        if not skip:
            for name in self.ATTRS:
                if a.get(name):
                    self.texts.append(" ".join(a[name].split()))
        if tag not in self.VOID:
            self.stack.append([skip, [], False])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not self.stack:
            return
        skip, own, child_letters = self.stack.pop()
        text = " ".join(" ".join(own).split())
        has_letters = LETTER.search(text) is not None
        if not skip and has_letters and not child_letters and len(own) == 1:
            self.texts.append(text)
        if self.stack and (has_letters or child_letters):
            self.stack[-1][2] = True

    def handle_data(self, data: str) -> None:
        if self.stack and data.strip():
            self.stack[-1][1].append(data)


def page_texts(path: Path, lang: str) -> list[str]:
    parser = _Texts(HTML_LANG[lang])
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.texts


def wrong_words(site: Path, lang: str) -> list[str]:
    foreign = foreign_words(lang)
    problems = []
    for page in sorted((site / lang).rglob("*.html")):
        if "_static" in page.parts:
            continue
        for text in page_texts(page, lang):
            candidate = text.rstrip(":：").strip()
            if candidate in foreign:
                problems.append(f"{page.relative_to(site)}: {candidate!r}")
    js = (site / lang / "_static" / "translations.js")
    if lang == "en":
        if js.is_file():
            problems.append(f"{lang}/_static/translations.js exists on the English site")
    else:
        text = js.read_text(encoding="utf-8")
        locale = re.search(r'"locale": "([^"]+)"', text)
        expected = {"zh_CN": "zh_Hans_CN"}.get(lang, lang)  # Sphinx's own name of its catalog
        if not locale or locale.group(1) not in (lang, expected):
            problems.append(f"{lang}/_static/translations.js is not the {lang} catalog: {locale and locale.group(1)}")
    return problems


def test_foreign_words_are_found() -> None:
    """The check itself: the labels the old build leaked are in the lists."""
    assert "参数" in foreign_words("en")
    assert "パラメータ" in foreign_words("fr")
    assert "Python 模块索引" in foreign_words("en")
    assert "Parameters" in foreign_words("ja")
    assert "このページの内容" in foreign_words("zh_CN")
    assert "Sur cette page" in foreign_words("en")
    assert "On this page" in foreign_words("fr")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    doctrees = tmp_path_factory.mktemp("doctrees")
    build_docs.build(LANGS, out, doctrees, verbose=False, fresh=True)
    yield out, doctrees


@pytest.mark.parametrize("lang", LANGS)
def test_fresh_build_has_no_foreign_labels(built, lang: str) -> None:
    site, _ = built
    problems = wrong_words(site, lang)
    assert not problems, f"{len(problems)} foreign words on the {lang} site:\n" + "\n".join(problems[:40])


def test_incremental_build_has_no_foreign_labels(built) -> None:
    site, doctrees = built
    api = ROOT / "docs" / "api.rst"
    stamp = time.time()
    os.utime(api, (stamp, stamp))  # content unchanged; Sphinx re-reads the page
    build_docs.build(LANGS, site, doctrees, verbose=False)
    problems = [p for lang in LANGS for p in wrong_words(site, lang)]
    assert not problems, "\n".join(problems[:40])


def test_each_language_builds_in_its_own_process() -> None:
    """The root cause: one sphinx-build process per language, never two languages in one."""
    import inspect

    source = inspect.getsource(build_docs.build_one)
    assert '"-m", "sphinx"' in source
    assert build_docs.sphinx_args("ja", Path("/o"), Path("/d")).count("language=ja") == 1


def test_nitpicky_build_is_clean(built) -> None:
    """The fresh build above ran ``sphinx-build -W -n`` per language: any warning or
    unresolved cross-reference would have failed it.  Each language left its site."""
    site, _ = built
    for lang in LANGS:
        assert (site / lang / "index.html").is_file()
        assert (site / lang / "status" / "404.html").is_file() and (site / lang / "method" / "get.html").is_file()
