"""Language plumbing of the four-language site.

* ``html_baseurl`` becomes ``<site>/<lang>/`` so every page gets a canonical link;
* ``<html lang>`` gets the BCP 47 tag (``zh-CN``) instead of Sphinx's ``zh_CN``;
* every page gets ``languages`` (for the switcher and the ``hreflang`` links)
  and ``current_language``.

The site is laid out as ``<root>/en/``, ``<root>/zh_CN/``, ``<root>/fr/`` and
``<root>/ja/``; a page has the same name in every language.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from httpi18n import display_name
from httpi18n.catalogs import SHIPPED
from httpi18n.errorpages import bcp47
from httpi18n.tags import resolve

#: Site folders, in switcher order.
LANGUAGES = SHIPPED  # ('en', 'zh_CN', 'fr', 'ja')


def _catalog(config: Config) -> str:
    return resolve(config.language or "en", SHIPPED) or "en"


def config_inited(app: Sphinx, config: Config) -> None:
    lang = _catalog(config)
    site = config.docs_site_url.rstrip("/") + "/"
    config.html_baseurl = f"{site}{lang}/"
    # French text uses « » and no-break spaces; docutils' smartquotes handles
    # the quotes, Chinese and Japanese are excluded in conf.py.


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    current = _catalog(app.config)
    site = app.config.docs_site_url.rstrip("/") + "/"
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
    context["languages"] = langs
    context["current_language"] = current
    context["x_default_url"] = f"{site}en/{suffix}"
    context["language"] = bcp47(current)  # <html lang="zh-CN">


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("docs_site_url", "http://127.0.0.1:8000/", "html", str)
    app.connect("config-inited", config_inited)
    app.connect("html-page-context", page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
