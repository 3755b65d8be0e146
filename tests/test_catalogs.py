"""Catalog gates: fresh .pot, complete catalogs, valid formats, plural forms, typography, glossary.

Every gate runs for every shipped language of ``src/httpi18n/languages.py``
(``LANGUAGES``); the glossary and typography rules are the data files
``locale/glossary.tsv`` and ``locale/typography.tsv`` (see ``locale/GLOSSARY.md``).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import catalogs as tool  # type: ignore[import-not-found]  # noqa: E402

#: Every runtime catalog: the package's language table (src/httpi18n/languages.py), plus the
#: drafts of planned languages named in HTTPI18N_DRAFTS (see tools/catalogs.py).
LANGS = tool.LANGS + tool.DRAFTS
TRANSLATED = tuple(lang for lang in LANGS if lang != "en")
#: translate-toolkit checks that must report nothing (the others are advisory).
POFILTER_CHECKS = (
    "escapes", "newlines", "tabs", "printf", "pythonbraceformat", "xmltags", "endwhitespace",
    "startwhitespace", "doublespacing", "variables", "urls", "emails", "numbers", "blank",
    "untranslated", "purepunc", "validchars",
)


def _tool(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    if path is None:
        pytest.fail(f"{name} is required for the catalog gates (make test installs it)")
    return path


class _Msg:
    """One translation unit; plural forms are flattened to one id/string per form."""

    def __init__(self, context: str | None, id: str, string: str) -> None:
        self.context, self.id, self.string = context, id, string


def _messages(lang: str) -> list[_Msg]:
    with open(tool.po_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    out = []
    for m in catalog:
        if not m.id:
            continue
        if isinstance(m.id, (tuple, list)):  # ngettext: every form against the plural msgid
            for form in m.string:
                out.append(_Msg(m.context, m.id[-1], form))
        else:
            out.append(_Msg(m.context, m.id, m.string))
    return out


def test_pot_is_fresh_and_catalogs_complete() -> None:
    assert tool.problems() == []


def test_staleness_ignores_tool_headers_but_not_messages(tmp_path: Path) -> None:
    """A new Babel release (``Generated-By``) or year is not a stale template; a changed message is."""
    text = tool.POT.read_text(encoding="utf-8")
    committed = tool._entries(tool._read(tool.POT))
    headers = re.sub(r"Generated-By: Babel [^\\]+", "Generated-By: Babel 99.0", text)
    headers = re.sub(r"Copyright \(C\) \d+", "Copyright (C) 2999", headers)
    assert headers != text
    (tmp_path / "a.pot").write_text(headers, encoding="utf-8")
    assert tool._entries(tool._read(tmp_path / "a.pot")) == committed
    changed = text.replace('msgid "Not Found"', 'msgid "Not found"', 1)
    assert changed != text
    (tmp_path / "b.pot").write_text(changed, encoding="utf-8")
    assert tool._entries(tool._read(tmp_path / "b.pot")) != committed


@pytest.mark.parametrize("lang", LANGS)
def test_msgfmt_check(lang: str) -> None:
    out = subprocess.run([_tool("msgfmt"), "--check", "--statistics", "-o", "/dev/null",
                          str(tool.po_path(lang))], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "untranslated" not in out.stderr and "fuzzy" not in out.stderr, out.stderr


@pytest.mark.parametrize("lang", TRANSLATED)
def test_pofilter_curated_checks(lang: str, tmp_path: Path) -> None:
    report = tmp_path / "report.po"
    args = [_tool("pofilter"), f"--language={lang}"]
    for check in POFILTER_CHECKS:
        args += ["-t", check]
    subprocess.run(args + [str(tool.po_path(lang)), str(report)], check=True, capture_output=True)
    flagged = re.findall(r"# \(pofilter\) (.*)", report.read_text(encoding="utf-8")) if report.exists() else []
    assert flagged == []


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_agree(lang: str) -> None:
    for m in _messages(lang):
        assert sorted(_PLACEHOLDER.findall(m.id)) == sorted(_PLACEHOLDER.findall(m.string)), (m.context, m.id)


_PROTOCOL_TOKENS = re.compile(r"\b(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)+|GET|HEAD|POST|PUT|DELETE|HTTP|TLS|WebDAV|CalDAV)\b")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_protocol_tokens_are_kept(lang: str) -> None:
    """Header field names and method tokens in the English stay untranslated."""
    for m in _messages(lang):
        for token in set(_PROTOCOL_TOKENS.findall(m.id)):
            if token in {"Hyper-Text", "Non-Authoritative", "Multi-Status"}:
                continue
            assert token in m.string, (lang, m.context, token)


# --- the language table, loaded by path like the tools do ------------------------------

TABLE = tool._TABLE  # the table as the catalog tool loads it (by path, no package import)
#: Every language of the project, in table order (the columns of the TSV files).
ALL_CODES: tuple[str, ...] = tuple(row.code for row in TABLE.ALL_LANGUAGES)


def test_shipped_languages_are_the_table() -> None:
    assert tool.LANGS == TABLE.CODES
    for code in ALL_CODES:  # shipped = a catalog exists, nothing more, nothing less
        if not tool.DRAFTS or code in tool.LANGS:  # drafts being written: other drafts may exist too
            assert tool.po_path(code).exists() == (code in tool.LANGS), code


def _header_plural_forms(lang: str) -> str:
    """The ``Plural-Forms`` value as written in the header (a long rule is wrapped over lines)."""
    text = tool.po_path(lang).read_text(encoding="utf-8")
    header = text[: text.index("\n\n")]  # the header entry: up to the first blank line
    joined = "".join(re.findall(r'^"(.*)"$', header, re.MULTILINE))
    found = re.findall(r"Plural-Forms: *(.*?)\\n", joined)
    assert len(found) == 1, (lang, found)
    return found[0].strip()


@pytest.mark.parametrize("lang", LANGS)
def test_plural_forms_header_is_the_tables(lang: str) -> None:
    """The catalog's Plural-Forms header is exactly its row's expression (checked against CLDR in test_plurals)."""
    assert _header_plural_forms(lang) == TABLE.ALL_BY_CODE[lang].plural.forms


@pytest.mark.parametrize("lang", LANGS)
def test_plural_entries_have_every_form(lang: str) -> None:
    nplurals = TABLE.ALL_BY_CODE[lang].plural.nplurals
    with open(tool.po_path(lang), "rb") as fh:
        catalog = read_po(fh, locale=lang)
    plural_entries = [m for m in catalog if m.id and isinstance(m.id, (tuple, list))]
    assert plural_entries, lang
    for m in plural_entries:
        strings = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
        assert len(strings) == nplurals and all(strings), (lang, m.context, m.id)


# --- typography (locale/typography.tsv) -------------------------------------------------

TYPOGRAPHY = ROOT / "locale" / "typography.tsv"
_KINDS = {"forbid", "pair", "description_end", "note"}


def _typography() -> list[dict[str, str]]:
    with open(TYPOGRAPHY, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_typography_file_is_well_formed() -> None:
    covered: set[str] = set()
    for row in _typography():
        assert set(row) == {"lang", "kind", "pattern", "rule"} and None not in row.values(), row
        langs = row["lang"].split()
        assert langs and set(langs) <= set(ALL_CODES), row
        assert row["kind"] in _KINDS and row["rule"], row
        if row["kind"] == "forbid":
            re.compile(row["pattern"])
        elif row["kind"] == "pair":
            assert len(row["pattern"]) == 2, row
        elif row["kind"] == "description_end":
            assert row["pattern"], row
        covered.update(langs)
    assert covered == set(ALL_CODES), sorted(set(ALL_CODES) - covered)  # a rule (or a note) for every language


def _rules(lang: str) -> list[dict[str, str]]:
    return [r for r in _typography() if lang in r["lang"].split() and r["kind"] != "note"]


@pytest.mark.parametrize("lang", LANGS)
def test_typography(lang: str) -> None:
    rules = _rules(lang)
    for m in _messages(lang):
        s = m.string
        for rule in rules:
            kind, pattern = rule["kind"], rule["pattern"]
            if kind == "forbid":
                assert not re.search(pattern, s), (lang, rule["rule"], m.context, s)
            elif kind == "pair":
                assert s.count(pattern[0]) == s.count(pattern[1]), (lang, rule["rule"], m.context, s)
            elif m.context and m.context.endswith("description"):
                assert s.endswith(pattern), (lang, rule["rule"], m.context, s)


@pytest.mark.parametrize(("lang", "bad"), [
    ("fr", "Introuvable: la page"),           # no no-break space before ':'
    ("fr", "Vraiment ?"),                      # a plain space before '?'
    ("fr", "l'adresse"),                       # straight apostrophe
    ("ja", "見つかりません."),                  # ASCII full stop after Japanese
    ("zh_TW", "找不到“頁面”"),                  # “” in Taiwanese text
    ("es", "Qué pasó?"),                       # no opening ¿
    ("de", 'Die "Seite"'),                     # straight quotes
    ("ru", "Страница “x”"),                    # English quotes in Russian
    ("ar", "الصفحة, غير موجودة"),              # ASCII comma after Arabic
    ("fa", "صفحه يافت نشد"),                   # Arabic yeh in Persian
    ("ro", "Pagina nu există ş"),              # cedilla instead of comma below
    ("he", "הדף\u200f לא נמצא"),                # a directional mark in the catalog
])
def test_typography_rules_catch(lang: str, bad: str) -> None:
    """Each family of rules rejects a typical mistake (the gates are not vacuous)."""
    caught = False
    for rule in _rules(lang):
        if rule["kind"] == "forbid" and re.search(rule["pattern"], bad):
            caught = True
        elif rule["kind"] == "pair" and bad.count(rule["pattern"][0]) != bad.count(rule["pattern"][1]):
            caught = True
    assert caught, (lang, bad)


# --- glossary (locale/glossary.tsv) ------------------------------------------------------

GLOSSARY = ROOT / "locale" / "glossary.tsv"
SECTIONS = ("core", "protocol", "docs", "cli")


def _glossary_rows() -> tuple[list[str], list[dict[str, str]]]:
    with open(GLOSSARY, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        return list(reader.fieldnames or ()), rows


def _glossary() -> dict[str, dict[str, str]]:
    """English term → {catalog: term} for every language column (empty: not written yet)."""
    _, rows = _glossary_rows()
    return {row["en"]: {c: row[c] for c in ALL_CODES if c != "en"} for row in rows}


def test_glossary_columns_are_the_languages() -> None:
    columns, rows = _glossary_rows()
    assert columns == ["en", "section", *[c for c in ALL_CODES if c != "en"]]
    terms = [row["en"] for row in rows]
    assert len(terms) == len(set(terms)) >= 116  # GLOSSARY.md's four tables had 116 terms
    for row in rows:
        assert None not in row and None not in row.values(), row  # no ragged line
        assert row["section"] in SECTIONS, row["en"]
        assert all(v == v.strip() for v in row.values()), row["en"]
    assert {row["section"] for row in rows} == set(SECTIONS)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_glossary_is_complete_for_shipped_languages(lang: str) -> None:
    assert [term for term, langs in _glossary().items() if not langs[lang]] == []


def test_glossary_kept_the_markdown_tables() -> None:
    """Spot checks from each former table of GLOSSARY.md, in each language column."""
    g = _glossary()
    assert g["status code"]["zh_CN"] == "状态码" and g["status code"]["fr"] == "code d’état"
    assert g["proxy"]["zh_TW"] == "代理伺服器" and g["proxy"]["ja"] == "プロキシ"
    assert g["captive portal"]["fr"] == "portail captif"
    assert g["status class (1xx…5xx)"]["ja"] == "ステータスクラス"
    assert g["usage (usage line)"]["zh_TW"] == "用法"
    assert g["delay units (retry hints)"]["fr"] == "seconde / minute / heure / jour"


#: Glossary terms checked mechanically: English pattern → glossary key.
CHECKED_TERMS = {
    r"\bheader field\b": "header field",
    r"\bproxy\b": "proxy",
    r"\bgateway\b": "gateway",
    r"\bcredentials\b": "credentials",
}


#: Scripts written without inflection in the glossary's terms: matched exactly.
_EXACT_SCRIPTS = {"Hans", "Hant", "Jpan", "Kore", "Thai"}


def _term_pattern(term: str, lang: str) -> str:
    """Glossary term (its citation form) → regex that also finds its inflected forms.

    French words may take a plural -s; CJK and Thai terms match exactly; in the other
    languages each word of the term matches by its stem (the word less its last one or two
    letters), so German "Headerfeldern", Polish "serwera proxy" or Russian "полей заголовка"
    follow "Headerfeld", "serwer proxy" and "поле заголовка".
    """
    if " | " in term:  # alternatives a grammar requires (Irish lenition: freastalaí | fhreastalaí)
        return "|".join(f"(?:{_term_pattern(t, lang)})" for t in term.split(" | "))
    term = term.split(" (")[0].split("（")[0]
    if lang == "fr":
        return " ".join(re.escape(w) + "s?" for w in term.split(" "))
    if TABLE.ALL_BY_CODE[lang].script in _EXACT_SCRIPTS:
        return re.escape(term)

    def stem(word: str) -> str:
        cut = 2 if len(word) >= 6 else 1 if len(word) >= 4 else 0
        return re.escape(word[:len(word) - cut]) + r"\w*"
    return r"[\s\-]+".join(stem(w) for w in re.split(r"[\s\-]+", term))


def test_term_patterns_follow_inflection() -> None:
    assert re.search(_term_pattern("serwer proxy", "pl"), "serwera proxy")
    assert re.search(_term_pattern("поле заголовка", "ru"), "полей заголовка")
    assert not re.search(_term_pattern("поле заголовка", "ru"), "заголовок")
    assert re.search(_term_pattern("代理服务器", "zh_CN"), "经由代理服务器")
    assert not re.search(_term_pattern("代理服务器", "zh_CN"), "代理")
    assert re.search(_term_pattern("freastalaí | fhreastalaí", "ga"), "an fhreastalaí")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_glossary_terms_are_followed(lang: str) -> None:
    glossary = _glossary()
    assert len(glossary) >= 30
    for m in _messages(lang):
        for pattern, key in CHECKED_TERMS.items():
            if re.search(pattern, m.id):
                wanted = _term_pattern(glossary[key][lang], lang)
                assert re.search(wanted, m.string, re.IGNORECASE), (lang, m.context, key, m.string)


def test_new_catalogs_get_the_tables_plural_forms() -> None:
    """``tools/catalogs.py update`` starts a new language with its row's rule, not Babel's."""
    import io

    from babel.messages.pofile import write_po

    from httpi18n.languages import ALL_LANGUAGES

    for row in ALL_LANGUAGES:
        buf = io.BytesIO()
        write_po(buf, tool.new_catalog(row.code))
        buf.seek(0)
        assert read_po(buf).plural_forms == row.plural.forms, row.code
