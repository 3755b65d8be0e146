"""Language and publishing plumbing of the four-language site.

* ``html_baseurl`` becomes ``<site>/<lang>/`` so every page gets a canonical
  link; ``<site>`` is the one base-URL setting (``docs_site_url``);
* ``<html lang>`` gets the BCP 47 tag (``zh-CN``) instead of Sphinx's ``zh_CN``;
* every page gets ``languages`` (for the switcher and the ``hreflang``
  links), ``current_language``, and what the OpenGraph tags need
  (``og_url``, ``og_locale``, ``og_description``);
* the 404 page (``404.rst``) is served at any depth, so its links are made
  absolute with ``<base href>`` (see ``page_context``).

The site is laid out as ``<root>/en/``, ``<root>/zh_CN/``, ``<root>/fr/`` and
``<root>/ja/``; a page has the same name in every language.  These four are
the *site* languages; the runtime catalogs may be more (a per-code page
shows every runtime catalog, see ``httpi18n_registry``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from httpi18n import display_name
from httpi18n.errorpages import bcp47
from httpi18n.languages import DOCS_LANGUAGES
from httpi18n.tags import resolve

#: Site folders, in switcher order (the documentation's languages, not the runtime's).
LANGUAGES = DOCS_LANGUAGES
#: OpenGraph wants ll_CC.
OG_LOCALES = {"en": "en_US", "zh_CN": "zh_CN", "fr": "fr_FR", "ja": "ja_JP"}
VIEWPORT_META = re.compile(r'<meta name="viewport"[^>]*>\s*')
#: The page served for a missing address.
NOT_FOUND_PAGE = "404"


def _catalog(config: Config) -> str:
    return resolve(config.language or "en", LANGUAGES) or "en"


def _site(config: Config) -> str:
    return config.docs_site_url.rstrip("/") + "/"


def config_inited(app: Sphinx, config: Config) -> None:
    config.html_baseurl = f"{_site(config)}{_catalog(config)}/"


def _description(doctree: Any, limit: int = 200) -> str:
    """The first paragraph of the page, as plain text, for ``og:description``."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        text = " ".join(para.astext().split())
        if len(text) >= 20:
            return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    current = _catalog(app.config)
    site = _site(app.config)
    up = "../" * (pagename.count("/") + 1)
    suffix = app.builder.get_target_uri(pagename)
    langs = []
    for lang in LANGUAGES:
        langs.append({
            "code": lang,
            "tag": bcp47(lang),
            "name": display_name(lang),
            "url": f"{up}{lang}/{suffix}",
            "absolute": f"{site}{lang}/{suffix}",
            "current": lang == current,
        })
    # Sphinx puts a viewport <meta> into ``metatags`` and Furo writes its own: keep Furo's only.
    if isinstance(context.get("metatags"), str):
        context["metatags"] = VIEWPORT_META.sub("", context["metatags"])
    context["languages"] = langs
    context["current_language"] = current
    context["x_default_url"] = f"{site}en/{suffix}"
    context["language"] = bcp47(current)  # <html lang="zh-CN">
    context["og_url"] = f"{site}{current}/{suffix}"
    context["og_locale"] = OG_LOCALES.get(current, current)
    context["og_locale_alternates"] = [OG_LOCALES.get(x, x) for x in LANGUAGES if x != current]
    context["og_description"] = _description(doctree)
    context["not_found_page"] = pagename == NOT_FOUND_PAGE
    if pagename == NOT_FOUND_PAGE:
        # Served for any missing address (/ja/a/b/c.html): relative links would
        # point nowhere, so the page resolves them against its own folder.
        context["base_href"] = f"{urlsplit(site).path or '/'}{current}/"
        # The switcher leads to each language's home page (the missing page has no translation).
        for item in langs:
            item["url"] = f"../{item['code']}/index.html"


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("docs_site_url", "http://127.0.0.1:8000/", "html", str)
    app.connect("config-inited", config_inited)
    app.connect("html-page-context", page_context)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
