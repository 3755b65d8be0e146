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
copyright = "2026 httpi18n"  # no English words: it is in every page's footer
release = httpi18n.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "httpi18n_registry",
    "httpi18n_languages",
    "httpi18n_chrome",
    "httpi18n_search",
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
# Furo: dark mode (automatic, with a toggle), a navigation drawer on phones,
# code blocks that scroll instead of being cut, previous/next links, and a
# small, well-kept code base (pip, urllib3 and attrs use it).  What it does
# not translate itself is translated by _ext/httpi18n_chrome.py.
html_theme = "furo"
html_short_title = "httpi18n"
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_last_updated_fmt = None
html_favicon = "_static/favicon.svg"
html_theme_options = {
    "top_of_page_buttons": [],
    "navigation_with_keys": True,
}
html_css_files = ["httpi18n.css"]
html_js_files = ["languages.js"]

# Published location of the site root (the folder holding en/, zh_CN/, fr/, ja/):
# the one setting behind canonical, hreflang, OpenGraph and sitemap addresses.
# tools/build_docs.py --base-url sets it.
docs_site_url = os.environ.get("HTTPI18N_DOCS_URL", "http://127.0.0.1:8000/").rstrip("/") + "/"

# Search: Sphinx picks its zh splitter (jieba) and its ja splitter
# (TinySegmenter) from `language`; _ext/httpi18n_search.py makes both keep
# whole terms (状态码, ステータス) in the index.
# For zh, Sphinx would load jieba's own default dictionary a second time as a
# "user dictionary" (about a second per build, same words); an empty path skips that.
html_search_options = {"dict": ""}  # read by the zh search only

# Every cross-reference must resolve (tools/build_docs.py also passes -n).
# Docstrings may name an object by its short or module-relative name
# (``current_language``, ``BaseHTTPRequestHandler.timeout``): _resolve_short_names
# finds the one documented object it means.  What stays unresolved fails the build.
nitpicky = True
nitpick_ignore_regex = [
    # The standard library: no intersphinx inventory (the build is offline).
    (r"py:.*", r"(http|socketserver|email|socket|ssl|io|os|enum|typing|collections|gettext|string|pathlib|"
     r"asyncio|re|json|contextvars|types|mimetypes|urllib|logging|threading|selectors|datetime|babel|sys|time|"
     r"functools|warnings|unittest|shutil|subprocess|codecs|base64|hashlib|html|zlib)(\..*)?"),
    (r"py:.*", r"(str|bytes|int|float|bool|object|type|tuple|list|dict|set|frozenset|None|NoneType|Exception|"
     r"BaseException|ValueError|LookupError|KeyError|TypeError|OSError|RuntimeWarning|Warning|"
     r"bytearray|memoryview|callable|Iterable|Iterator|Mapping|MutableMapping|Sequence|Callable|Any|"
     r"Awaitable|NamedTuple|TextIO|BinaryIO|IntEnum|StrEnum|Enum)(\[.*)?"),
    # Private names that public docstrings mention (not API, so not documented).
    (r"py:.*", r"(.*\.)?_[A-Za-z]\w*"),
    (r"py:.*", r"(.*\.)?__\w+__"),  # dunders (``__getattr__``): Python's, not ours
    # Babel's types in signatures (Babel is optional).
    (r"py:class", r"(babel\..*|Locale|PluralRule)"),
    # Set per instance or only on some Python versions: no documented attribute to link to.
    (r"py:attr", r"(directory|cgi_directories)"),
]

# -- autodoc ------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": False}
intersphinx_mapping: dict = {}


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


def _hide_private_bases(app, name, obj, options, bases):
    """``Bases: _StatusExtras, IntEnum`` → ``Bases: IntEnum``: private helpers are not API."""
    bases[:] = [b for b in bases if not getattr(b, "__name__", "").startswith("_")]


def _resolve_short_names(app, env, node, contnode):
    """A Python reference that did not resolve as written: try the one documented
    object whose full name ends with it (``current_language`` →
    ``httpi18n.current_language``, ``HTTPMessage`` → ``httpi18n.client.HTTPMessage``).
    Ambiguous or unknown names stay unresolved (and fail the nitpicky build)."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "").lstrip(".~")
    if not target:
        return None
    domain = env.get_domain("py")
    short = target.split(".")[-1]
    candidates = []
    for name in ("httpi18n." + short,):
        if name in domain.objects:
            candidates = [name]
    if not candidates:
        suffix = "." + target
        candidates = [name for name in domain.objects if name.endswith(suffix)]
    if not candidates and node.get("reftype") in ("attr", "meth") and "." in target:
        # An attribute without an entry of its own (set per instance, as
        # HTTPResponse.reason): link to the documented class that has it.
        owner = "." + target.rsplit(".", 1)[0]
        candidates = [name for name in domain.objects
                      if name.endswith(owner) and domain.objects[name].objtype in ("class", "exception")]
    from sphinx.util.nodes import make_refnode

    if not candidates and "." not in target and node.get("reftype") in ("data", "const", "obj"):
        # A module-level name without an entry of its own, named in its module's
        # docstring (``:data:`VIETNAMESE```): link to that module's section.
        module = domain.modules.get(node.get("py:module") or "")
        if module is not None:
            return make_refnode(app.builder, node["refdoc"], module.docname, module.node_id, contnode, target)
    if len(candidates) != 1:
        return None

    obj = domain.objects[candidates[0]]
    return make_refnode(app.builder, node["refdoc"], obj.docname, obj.node_id, contnode, candidates[0])


def setup(app):
    app.connect("missing-reference", _resolve_short_names)
    app.connect("autodoc-process-bases", _hide_private_bases)
    app.connect("autodoc-process-docstring", _drop_namedtuple_aliases)
    app.connect("builder-inited", _fix_sphinx_alias_message)
