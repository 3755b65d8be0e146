"""The words of the theme and of Sphinx's search page, in the page's language.

Furo marks some of its words for translation but ships no catalog for them,
and writes a few more (``aria-label`` of its toggles) in English; Sphinx's
own Japanese catalog has a blank search summary and a garbled search hint.
This module holds those strings, translated once here, and puts them

* into Sphinx's translator before the pages are written (templates' ``_()``
  and ``{% trans %}``), overriding what Sphinx's catalog says;
* into the search page's JavaScript messages (``Documentation.addTranslations``),
  overriding ``translations.js``;
* into the hard-coded ``aria-label``/``<title>`` attributes of the theme's
  markup, replaced in each written page (:data:`ATTRIBUTES`).

The tests read :data:`CHROME` too: a page must not contain another language's
version of any of these strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from httpi18n.languages import DOCS_LANGUAGES

#: msgid → translation per site language.  English pages use the msgid.
CHROME: dict[str, dict[str, str]] = {
    "Skip to content": {"zh_CN": "跳到正文", "fr": "Aller au contenu", "ja": "本文へ移動"},
    "Back to top": {"zh_CN": "回到顶部", "fr": "Haut de page", "ja": "ページの先頭へ"},
    "On this page": {"zh_CN": "本页内容", "fr": "Sur cette page", "ja": "このページの内容"},
    "Next": {"zh_CN": "下一页", "fr": "Suivant", "ja": "次へ"},
    "Previous": {"zh_CN": "上一页", "fr": "Précédent", "ja": "前へ"},
    "Home": {"zh_CN": "首页", "fr": "Accueil", "ja": "ホーム"},
    "Language": {"zh_CN": "语言", "fr": "Langue", "ja": "言語"},
    "Version": {"zh_CN": "版本", "fr": "Version", "ja": "バージョン"},
    "Page not found": {"zh_CN": "页面不存在", "fr": "Page introuvable", "ja": "ページが見つかりません"},
    # Sphinx's ja text reads "shows only matches that contain the following / all terms", split in two.
    "Searching for multiple words only shows matches that contain\n    all words.": {
        "zh_CN": "搜索多个词时，只显示包含所有这些词的页面。",
        "fr": "Une recherche de plusieurs mots ne montre que les pages qui les contiennent tous.",
        "ja": "複数の語で検索すると、すべての語を含むページだけが表示されます。",
    },
    "Please activate JavaScript to enable the search functionality.": {
        "zh_CN": "请启用 JavaScript 以使用搜索功能。",
        "fr": "Activez JavaScript pour utiliser la recherche.",
        "ja": "検索機能を使うには JavaScript を有効にしてください。",
    },
    # Hard-coded attributes of the theme's markup (see ATTRIBUTES).
    "Toggle site navigation sidebar": {"zh_CN": "显示或隐藏站点导航", "fr": "Afficher ou masquer la navigation du site",
                                       "ja": "サイトナビゲーションの表示を切り替え"},
    "Toggle table of contents sidebar": {"zh_CN": "显示或隐藏本页目录", "fr": "Afficher ou masquer la table des matières",
                                         "ja": "目次の表示を切り替え"},
    "Toggle Light / Dark / Auto color theme": {"zh_CN": "切换浅色、深色或自动配色",
                                               "fr": "Basculer entre thème clair, sombre et automatique",
                                               "ja": "ライト、ダーク、自動の配色を切り替え"},
    "Contents": {"zh_CN": "目录", "fr": "Sommaire", "ja": "目次"},
    "Menu": {"zh_CN": "菜单", "fr": "Menu", "ja": "メニュー"},
    "Expand": {"zh_CN": "展开", "fr": "Déplier", "ja": "展開"},
    "Light mode": {"zh_CN": "浅色模式", "fr": "Mode clair", "ja": "ライトモード"},
    "Dark mode": {"zh_CN": "深色模式", "fr": "Mode sombre", "ja": "ダークモード"},
    "Auto light/dark, in light mode": {"zh_CN": "自动浅色/深色（当前为浅色）", "fr": "Automatique (actuellement clair)",
                                       "ja": "自動（現在はライト）"},
    "Auto light/dark, in dark mode": {"zh_CN": "自动浅色/深色（当前为深色）", "fr": "Automatique (actuellement sombre)",
                                      "ja": "自動（現在はダーク）"},
}

#: Search messages of searchtools.js: msgid → every plural form of the language's
#: Sphinx catalog (a missing form stops the search page with an error).
#: Sphinx's ja catalog has an empty string here (the summary line stays blank).
SEARCH_PLURALS: dict[str, dict[str, tuple[str, ...]]] = {
    "Search finished, found one page matching the search query.": {
        "zh_CN": ("搜索完成，找到 ${resultCount} 个匹配的页面。", "搜索完成，找到 ${resultCount} 个匹配的页面。"),
        # Sphinx's fr catalog has three plural forms (one, millions, other): give all three.
        "fr": ("Recherche terminée\u00a0: une page correspond à la requête.",
               "Recherche terminée\u00a0: ${resultCount} pages correspondent à la requête.",
               "Recherche terminée\u00a0: ${resultCount} pages correspondent à la requête."),
        "ja": ("検索が完了しました。${resultCount} ページが見つかりました。",
               "検索が完了しました。${resultCount} ページが見つかりました。"),
    },
}
#: One-form JS messages overridden the same way.
SEARCH_MESSAGES = ("Searching for multiple words only shows matches that contain\n    all words.",)

#: Markup the theme writes in English, outside any translation call: (before, msgid) pairs;
#: ``before`` + msgid + ``after`` is replaced in each page.
ATTRIBUTES = [
    ('aria-label="', "Toggle site navigation sidebar", '"'),
    ('aria-label="', "Toggle table of contents sidebar", '"'),
    ('aria-label="', "Toggle Light / Dark / Auto color theme", '"'),
    ("<title>", "Contents", "</title>"),
    ("<title>", "Menu", "</title>"),
    ("<title>", "Expand", "</title>"),
    ("<title>", "Light mode", "</title>"),
    ("<title>", "Dark mode", "</title>"),
    ("<title>", "Auto light/dark, in light mode", "</title>"),
    ("<title>", "Auto light/dark, in dark mode", "</title>"),
]

#: The site's languages (the language table's rows marked ``docs``).
SITE_LANGUAGES = DOCS_LANGUAGES


def _lang(app: Sphinx) -> str:
    lang = (app.config.language or "en").replace("-", "_")
    return lang if lang in SITE_LANGUAGES else lang.split("_")[0]


def translate(msgid: str, lang: str) -> str:
    """The chrome string *msgid* in *lang* (the msgid itself for English)."""
    return CHROME.get(msgid, {}).get(lang, msgid)


def _gnu_catalogs(translator: Any) -> list[dict]:
    found = []
    while translator is not None:
        catalog = getattr(translator, "_catalog", None)
        if isinstance(catalog, dict):
            found.append(catalog)
        translator = getattr(translator, "_fallback", None)
    return found


def builder_inited(app: Sphinx) -> None:
    lang = _lang(app)
    if lang == "en" or app.builder.format != "html":
        return
    catalogs = _gnu_catalogs(app.translator)
    if catalogs:
        first = catalogs[0]
        for msgid, texts in CHROME.items():
            if lang in texts:
                first[msgid] = texts[lang]
    messages: dict[str, Any] = {}
    for msgid, forms in SEARCH_PLURALS.items():
        if lang in forms:
            messages[msgid] = list(forms[lang])
    for msgid in SEARCH_MESSAGES:
        if lang in CHROME.get(msgid, {}):
            messages[msgid] = CHROME[msgid][lang]
    if messages:
        # Merged into Documentation.TRANSLATIONS after translations.js (same plural rule and locale).
        body = ("(function(){var t=Documentation.TRANSLATIONS||{};Object.assign(t,%s);})();"
                % json.dumps(messages, ensure_ascii=False))
        app.add_js_file(None, body=body, priority=900)


def _rewrite(path: Path, lang: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = text
    for before, msgid, after in ATTRIBUTES:
        new = new.replace(f"{before}{msgid}{after}", f"{before}{translate(msgid, lang)}{after}")
    if new != text:
        path.write_text(new, encoding="utf-8")


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    lang = _lang(app)
    if exception is not None or lang == "en" or app.builder.format != "html":
        return
    for path in Path(app.outdir).rglob("*.html"):
        if "_static" not in path.parts:
            _rewrite(path, lang)


def translate_index_entries(doctree: Any) -> None:
    """Sphinx's Python domain files every module in the index as ``pair: module; name``
    with the word "module" in English; the general index then shows it on
    every site.  Give it the page's language (Sphinx's own translation of "module")."""
    from sphinx import addnodes
    from sphinx.locale import _

    word = str(_("module"))
    if word == "module":
        return
    for node in doctree.findall(addnodes.index):
        entries = []
        for entry in node["entries"]:
            kind, value, *rest = entry
            if kind == "pair" and value.startswith("module; "):
                value = f"{word}; {value[len('module; '):]}"
            entries.append((kind, value, *rest))
        node["entries"] = entries


class TranslatedIndexEntries(SphinxTransform):
    """Runs while the page is parsed: the index domain collects the entries right after."""

    default_priority = 800  # before SphinxDomains (850), which hands the entries to the index

    def apply(self, **kwargs: Any) -> None:
        translate_index_entries(self.document)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(TranslatedIndexEntries)
    app.connect("builder-inited", builder_inited)
    app.connect("build-finished", build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
