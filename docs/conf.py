"""Sphinx configuration: one source tree, four languages (en, zh_CN, fr, ja).

Build one language with ``sphinx-build -b html -D language=ja docs build/site/ja``;
``tools/build_docs.py`` builds all four.  Translations of the prose live in
``../locale/<lang>/LC_MESSAGES/docs.po``; the status and method reference
pages are generated from :mod:`httpi18n.registry` and localized by the runtime
catalogs (see ``_ext/httpi18n_registry.py``), so they never enter ``docs.pot``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(HERE.parent / "src"))

import httpi18n  # noqa: E402

project = "httpi18n"
author = "The httpi18n developers"
copyright = "2026, The httpi18n developers"
release = httpi18n.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "httpi18n_registry",
    "httpi18n_languages",
]

root_doc = "index"
exclude_patterns = ["_build"]
templates_path = ["_templates"]
html_static_path = ["_static"]

# -- Translation --------------------------------------------------------------
language = "en"  # overridden on the command line: -D language=zh_CN
locale_dirs = ["../locale/"]
gettext_compact = "docs"  # one catalog: locale/<lang>/LC_MESSAGES/docs.po
gettext_uuid = False
gettext_location = True
gettext_additional_targets: list[str] = []

# Typography: docutils gives French « » (with no-break spaces) and English “ ”;
# Chinese and Japanese text keeps the punctuation the translator typed.
smartquotes = True
smartquotes_excludes = {"languages": ["ja", "zh_CN", "zh"], "builders": ["man", "text"]}

# -- HTML ---------------------------------------------------------------------
html_theme = "alabaster"
html_short_title = "httpi18n"
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
html_theme_options = {
    "description": "",
    "show_powered_by": False,
    "fixed_sidebar": False,
}
html_sidebars = {
    "**": ["about.html", "navigation.html", "searchbox.html"],
}
html_css_files = ["httpi18n.css"]
html_js_files = ["languages.js"]

# Published location of the site root (the folder holding en/, zh_CN/, fr/, ja/).
# Canonical and hreflang links need absolute addresses.
docs_site_url = os.environ.get("HTTPI18N_DOCS_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"

# Search: Sphinx picks its zh splitter (jieba when installed) and its ja
# splitter (TinySegmenter) from `language`; fr and en use their stemmers.
# For zh, Sphinx would load jieba's own default dictionary a second time as a
# "user dictionary" (about a second per build, same words); an empty path skips that.
html_search_options = {"dict": ""}  # read by the zh search only

# -- autodoc ------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": False}
intersphinx_mapping = {}


def _drop_namedtuple_aliases(app, what, name, obj, options, lines):
    """namedtuple fields say "Alias for field number 3": nothing worth translating."""
    text = [line for line in lines if line.strip()]
    if len(text) == 1 and text[0].startswith("Alias for field number"):
        lines.clear()


def _fix_sphinx_alias_message(app):
    """Sphinx's Japanese "alias of %s" is "%sの別名です": the role's closing
    backquote is then followed by a letter, which is not reST.  Add an escaped
    (invisible) space after the placeholder."""
    from sphinx import locale

    translator = locale.translators.get(("general", "sphinx"))
    while translator is not None:
        catalog = getattr(translator, "_catalog", None) or {}
        text = catalog.get("alias of %s")
        if isinstance(text, str) and "%s" in text and not text.split("%s", 1)[1][:1].isspace():
            catalog["alias of %s"] = text.replace("%s", "%s\\ ", 1)
        translator = getattr(translator, "_fallback", None)


def _working_chinese_search(app):
    """Sphinx before 9.1 writes ``window.Stemmer = ChineseStemmer;`` into the zh
    search data, but the stemmer file it ships for zh defines ``EnglishStemmer``:
    the page's script stops and search finds nothing.  On those versions,
    register the same zh search under a class whose JS name is right."""
    import sphinx
    from sphinx.search.zh import SearchChinese

    if sphinx.version_info >= (9, 1) or SearchChinese.js_stemmer_rawcode != "english-stemmer.js":
        return

    class _SearchChinese(SearchChinese):
        language_name = "English"  # only used to name the JS stemmer class

    app.add_search_language(_SearchChinese)


def setup(app):
    _working_chinese_search(app)
    app.connect("autodoc-process-docstring", _drop_namedtuple_aliases)
    app.connect("builder-inited", _fix_sphinx_alias_message)
