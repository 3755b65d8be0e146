"""Catalog gates: fresh .pot, complete catalogs, valid formats, typography, glossary."""

from __future__ import annotations

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

#: Every runtime catalog: the package's language table (src/httpi18n/languages.py).
LANGS = tool.LANGS
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


def test_french_typography() -> None:
    for m in _messages("fr"):
        s = m.string
        assert "'" not in s, ("straight apostrophe", m.context, s)
        assert '"' not in s, ("straight quotes", m.context, s)
        assert not re.search(r"[^\u00a0\u202f]:(?!//)", s.replace("%(code)s", "")), ("space before ':'", m.context, s)
        assert not re.search(r"[^\u202f\u00a0][;!?]", s), ("narrow no-break space before ; ! ?", m.context, s)
        assert not re.search(r"«[^\u00a0]|[^\u00a0]»", s), ("no-break spaces inside « »", m.context, s)


@pytest.mark.parametrize("lang", ("zh_CN", "zh_TW", "ja"))
def test_cjk_typography(lang: str) -> None:
    cjk = "\u3040-\u30ff\u4e00-\u9fff"
    for m in _messages(lang):
        s = m.string
        # ASCII punctuation right after a CJK character should be full-width.
        assert not re.search(f"[{cjk}][,.:;!?()]", s), (m.context, s)
        assert not re.search(f"[,.:;!?(][{cjk}]", s), (m.context, s)
        if m.context and m.context.endswith("description"):
            assert s.endswith("。"), (m.context, s)


GLOSSARY = ROOT / "locale" / "GLOSSARY.md"


def _glossary() -> dict[str, dict[str, str]]:
    """English term → {catalog: term}, from every table of GLOSSARY.md (columns named by their header)."""
    rows: dict[str, dict[str, str]] = {}
    columns: list[str] = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            columns = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "English":  # "简体中文 (zh_CN)" → "zh_CN"
            columns = [re.sub(r".*\((\w+)\)$", r"\1", c) for c in cells[1:]]
        elif columns and not cells[0].startswith("---") and len(cells) == len(columns) + 1:
            rows[cells[0]] = dict(zip(columns, cells[1:]))
    return rows


def test_glossary_has_every_language_in_every_table() -> None:
    glossary = _glossary()
    assert len(glossary) >= 100
    for term, langs in glossary.items():
        assert set(langs) == set(TRANSLATED), term
        assert all(langs.values()), term


#: Glossary terms checked mechanically: English pattern → glossary key.
CHECKED_TERMS = {
    r"\bheader field\b": "header field",
    r"\bproxy\b": "proxy",
    r"\bgateway\b": "gateway",
    r"\bcredentials\b": "credentials",
}


def _term_pattern(term: str, lang: str) -> str:
    """Glossary term → regex; French words may take a plural -s."""
    term = term.split(" (")[0].split("（")[0]
    if lang != "fr":
        return re.escape(term)
    return " ".join(re.escape(w) + "s?" for w in term.split(" "))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_glossary_terms_are_followed(lang: str) -> None:
    glossary = _glossary()
    assert len(glossary) >= 30
    for m in _messages(lang):
        for pattern, key in CHECKED_TERMS.items():
            if re.search(pattern, m.id):
                wanted = _term_pattern(glossary[key][lang], lang)
                assert re.search(wanted, m.string, re.IGNORECASE), (lang, m.context, key, m.string)
