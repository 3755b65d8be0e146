"""Chinese and Japanese search that finds whole terms.

Sphinx's search page splits the *query* only at spaces and punctuation, so
``状态码`` is looked up as one term; it finds a page when the index holds that
term, or (for three characters or more) a longer term containing it.  The
*index*, though, holds what the word segmenter made of the text: jieba cuts
``状态码`` into ``状态`` + ``码`` and Sphinx drops one-character words, so the
term was in no index entry at all, and TinySegmenter cuts katakana words
such as ``ステータス`` at varying places.

The segmenter also glues words across boundaries a reader would not:
jieba cuts ``状态码是`` into ``状态`` + ``码是``.  Both splitters here keep
the segmenter's words and add, for each CJK stretch of the text,

* every run of two or three consecutive words (``状态码是``, ``ステータスコード``),
  so a query of three characters or more is found inside a run by the page's
  partial matching, whatever the segmenter did;
* every sequence of two to six characters (``状态码``, ``协商``, ``ステータス``),
  so a short query is an index term of *every* page that contains it.  This
  matters because the search page tries partial matches only for a word that
  is no index term at all: once ``ステータス`` is a term of one page, a page
  that has it only inside ``ステータスクラス`` would be missed.

Nothing changes for the Latin-script languages.
"""

from __future__ import annotations

import re
from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.search.ja import SearchJapanese
from sphinx.search.zh import SearchChinese

#: A stretch of Han, kana or the prolonged sound mark (no Latin, digits or spaces).
CJK = re.compile(r"[\u3005\u3041-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]+")
#: Longest run of consecutive segmenter words joined into one index term.
MAX_RUN = 3
#: Character sequences of these lengths are index terms too.
NGRAMS = (2, 3, 4, 5, 6)


def runs(words: list[str], longest: int = MAX_RUN) -> list[str]:
    """Every concatenation of 2..*longest* consecutive *words*: ``['状态', '码'] → ['状态码']``."""
    out = []
    for size in range(2, longest + 1):
        for i in range(len(words) - size + 1):
            out.append("".join(words[i:i + size]))
    return out


def ngrams(stretch: str, sizes: tuple[int, ...] = NGRAMS) -> list[str]:
    """Every sequence of *sizes* characters of *stretch*: ``'状态码' → ['状态', '态码', '状态码']``."""
    return [stretch[i:i + n] for n in sizes for i in range(len(stretch) - n + 1)]


def compounds(text: str, segment: Any) -> list[str]:
    """Runs of consecutive words and short character sequences of each CJK stretch of *text*."""
    out: list[str] = []
    for stretch in CJK.findall(text):
        words = [w for w in segment(stretch) if w.strip()]
        out.extend(runs(words))
        out.extend(ngrams(stretch))
    return out


class WholeTermChinese(SearchChinese):
    """jieba's search-mode words, plus runs of its exact-mode words."""

    def split(self, input: str) -> list[str]:
        from jieba import cut

        return super().split(input) + compounds(input, lambda s: list(cut(s)))


class WholeTermJapanese(SearchJapanese):
    """TinySegmenter's words, plus runs of them."""

    def split(self, input: str) -> list[str]:
        words = super().split(input)
        return words + compounds(input, self.splitter.split)


def setup(app: Sphinx) -> dict[str, Any]:
    chinese = WholeTermChinese
    if sphinx.version_info < (9, 1) and SearchChinese.js_stemmer_rawcode == "english-stemmer.js":
        # Before 9.1 Sphinx wrote ``window.Stemmer = ChineseStemmer;`` for zh while its
        # stemmer file defines EnglishStemmer: the search page stopped.  Name it right.
        class _Chinese(WholeTermChinese):
            language_name = "English"

        chinese = _Chinese
    app.add_search_language(chinese)
    app.add_search_language(WholeTermJapanese)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
