"""No paragraph of the built zh_CN, fr and ja sites is left in English.

Each page of a translated build is compared with the same page of the
English build, paragraph by paragraph (``<p>`` in the page body).  A
paragraph counts as untranslated when it is identical to a paragraph of the
English page and still has English words once code (``<code>``, ``<pre>``)
is removed.  (Paragraphs are matched as a set, not by position, because the
translated reference pages carry one more field: the English wire phrase.)
"""

from __future__ import annotations

import importlib.util
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("build_docs", ROOT / "tools" / "build_docs.py")
build_docs = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("build_docs", build_docs)
_spec.loader.exec_module(build_docs)

#: Two or more letters and nothing else: an English word (identifiers are inside <code>).
WORD = re.compile(r"[A-Za-z]{2,}")
#: Words that are the same in every language (names, not prose).
NEUTRAL = {"httpi18n", "Python", "CPython", "HTTP", "HTTPS", "IANA", "RFC", "WSGI", "ASGI", "Flask", "Django",
           "FastAPI", "Starlette", "Babel", "JSON", "HTML", "UTF", "URL", "URI", "gettext", "Unicode", "IETF",
           "Section", "BCP", "POSIX", "CLI", "API", "CSS", "JavaScript"}


class _Paragraphs(HTMLParser):
    """Text of each <p> inside the page's main text (Furo's ``<article role="main">``), without code.

    Text that declares another language (``lang="…"``: the per-code tables of
    every runtime language) is not this page's prose and is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._body_depth = 0
        self._div_depth = 0
        self._in_p = 0
        self._code = 0
        self._skip = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._div_depth += 1
            if dict(attrs).get("role") == "main" and not self._body_depth:
                self._body_depth = self._div_depth
        elif tag == "span" and self._in_p and dict(attrs).get("lang"):
            self._skip = True
        elif tag == "p" and self._body_depth:
            self._in_p += 1
            self._text = []
            self._skip = "wire-phrase" in (dict(attrs).get("class") or "").split()
        elif tag in {"code", "pre", "kbd", "samp"} and self._in_p:
            self._code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            if self._div_depth == self._body_depth:
                self._body_depth = 0
            self._div_depth -= 1
        elif tag == "p" and self._in_p:
            self._in_p -= 1
            if not self._skip:  # the English wire phrase is English on purpose
                self.paragraphs.append(" ".join("".join(self._text).split()))
        elif tag in {"code", "pre", "kbd", "samp"} and self._code:
            self._code -= 1

    def handle_data(self, data: str) -> None:
        if self._in_p and not self._code:
            self._text.append(data)


def paragraphs(path: Path) -> list[str]:
    parser = _Paragraphs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.paragraphs


#: Specification titles ("RFC 9110: HTTP Semantics") may stay in English.
SPEC_TITLE = re.compile(r"^RFC \d+: ")


def _english_word(token: str) -> bool:
    """A lower-case word of letters; not a token (GET), a code (1xx) or an id (draft-ietf-x)."""
    word = token.strip(".,;:!?()[]{}\"'«»“”‘’")
    return (WORD.fullmatch(word) is not None and not word.isupper() and word not in NEUTRAL)


def is_prose(text: str, same: frozenset[str] = frozenset()) -> bool:
    """Has an English word that the translation did not knowingly keep (see :func:`kept_words`)."""
    if SPEC_TITLE.match(text):
        return False
    return any(_english_word(token) and token.strip(".,;:()") not in same for token in text.split())


def kept_words(lang: str) -> frozenset[str]:
    """Words a translator kept on purpose: French "Code", "Redirection", "Description"…

    From docs.po entries whose msgstr equals the msgid, and from runtime
    phrases and class labels that are the same as the English ones.
    """
    from babel.messages.pofile import read_po

    from httpi18n import localized
    from httpi18n.catalogs import translations
    from httpi18n.registry import CATEGORIES, METHODS, STATUSES

    same: set[str] = set()
    po = ROOT / "locale" / lang / "LC_MESSAGES" / "docs.po"
    if po.is_file():
        with po.open("rb") as f:
            for m in read_po(f):
                if m.id and m.string and m.string == m.id:
                    same.update(m.id.split())
    for s in STATUSES:
        t = localized(s.code, lang)
        if str(t) == s.phrase:
            same.update(s.phrase.split())
        if t.description == s.description:
            same.update(s.description.split())
    for m in METHODS:
        if localized(m.token, lang).description == m.description:
            same.update(m.description.split())
    tr = translations(lang)
    for label, _ in CATEGORIES.values():
        if tr.pgettext("HTTP status class", label) == label:
            same.add(label)
    return frozenset(w.strip(".,;:()") for w in same)


@pytest.fixture(scope="module")
def site() -> Path:
    if build_docs.is_stale():
        build_docs.build(verbose=False)
    return build_docs.SITE


def untranslated(site: Path, lang: str) -> list[str]:
    same = kept_words(lang)
    found = []
    for english in sorted((site / "en").glob("**/*.html")):
        rel = english.relative_to(site / "en")
        if rel.parts[0].startswith("_") or rel.name in {"genindex.html", "py-modindex.html", "search.html"}:
            continue
        other = site / lang / rel
        if not other.is_file():
            found.append(f"{rel}: missing")
            continue
        english_ps = set(paragraphs(english))
        for text in paragraphs(other):
            if text in english_ps and is_prose(text, same):
                found.append(f"{rel}: {text[:90]}")
    return found


@pytest.mark.parametrize("lang", ["zh_CN", "fr", "ja"])
def test_no_untranslated_paragraphs(site: Path, lang: str) -> None:
    left = untranslated(site, lang)
    assert not left, f"{len(left)} untranslated paragraphs in {lang}:\n" + "\n".join(left[:30])


if __name__ == "__main__":  # python tests/test_docs_coverage.py: print the counts
    for lang in ("zh_CN", "fr", "ja"):
        left = untranslated(build_docs.SITE, lang)
        print(f"{lang}: {len(left)} untranslated paragraphs")
