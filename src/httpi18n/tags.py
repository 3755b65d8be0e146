"""Language tags: parse BCP 47 and POSIX spellings, resolve them to a catalog.

Pure functions, no I/O.  Accepted spellings include ``ja``, ``ja-JP``,
``ja_JP.UTF-8``, ``JA``, ``fr_CA@euro``, ``zh-Hans``, ``zh-Hans-CN``,
``zh_CN``, ``zh-TW``, ``zh-SG`` and Babel ``Locale`` objects (anything with
``language``/``script``/``territory`` attributes).

Fallback rules (:func:`resolve`), in order; the languages and the tags that
reach them are the table of :mod:`httpi18n.languages`:

1. A tag whose exact catalog exists gets it (``zh_CN`` → ``zh_CN``,
   ``fr_CA`` → ``fr_CA`` when such a catalog is offered).
2. Region and script reach the language (``fr-CA`` → ``fr``, ``ja-JP`` → ``ja``).
3. Chinese: the script decides, then the region.  Traditional spellings
   (``zh-Hant``, ``zh-Hant-*``, ``zh-TW``, ``zh-HK``, ``zh-MO``) reach
   ``zh_TW``; Simplified ones (``zh-Hans``, ``zh-Hans-*``, ``zh-CN``,
   ``zh-SG``, ``zh-MY``) reach ``zh_CN``; an explicit script wins over the
   region (``zh-Hans-TW`` → ``zh_CN``).  A bare ``zh`` reaches ``zh_CN``
   (in ``Accept-Language`` it follows the script of a more specific Chinese
   range of the same header, see :mod:`httpi18n.negotiation`).  Fallback never
   crosses scripts: when only one of the two catalogs is offered, a reader of
   the other script gets the default (English), not a page in the wrong script.
4. Anything else, malformed tags included, gets the default (English), or
   raises :class:`UnknownLanguageError` in strict mode.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .languages import ALIASES, LANGUAGES, Language

__all__ = [
    "LanguageTag",
    "UnknownLanguageError",
    "parse_tag",
    "resolve",
    "variant",
    "MAX_TAG_LENGTH",
]

#: Longest tag we look at; RFC 5646 recommends supporting at least 35 characters.
MAX_TAG_LENGTH = 64

_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyz")
_ALNUM = _ALPHA | frozenset("0123456789")

#: language subtag → its rows in the table, in table order.
_ROWS: dict[str, tuple[Language, ...]] = {}
for _row in LANGUAGES:
    _ROWS[_row.language] = _ROWS.get(_row.language, ()) + (_row,)
del _row


class UnknownLanguageError(LookupError, ValueError):
    """Raised in strict mode for a tag that is malformed or has no catalog."""

    def __init__(self, tag: object, available: tuple[str, ...] = ()) -> None:
        self.tag = tag
        self.available = available
        msg = f"no catalog for language tag {tag!r}"
        if available:
            msg += f" (available: {', '.join(available)})"
        super().__init__(msg)


class LanguageTag(NamedTuple):
    """A parsed tag, lower-cased: ``LanguageTag('zh', 'hans', 'cn')``."""

    language: str
    script: str = ""
    region: str = ""

    @property
    def posix(self) -> str:
        """POSIX spelling used for catalog folders: ``zh_CN``, ``fr``."""
        return f"{self.language}_{self.region.upper()}" if self.region else self.language


def parse_tag(tag: Any) -> LanguageTag:
    """Parse a language tag; raise :class:`UnknownLanguageError` if it is malformed.

    Extensions, variants and private-use subtags are accepted and ignored.
    ``C`` and ``POSIX`` (the C locale) parse as English.
    """
    if not isinstance(tag, str):
        language = getattr(tag, "language", None)
        if isinstance(language, str):  # babel.Locale and look-alikes
            return LanguageTag(
                language.lower(),
                (getattr(tag, "script", None) or "").lower(),
                (getattr(tag, "territory", None) or "").lower(),
            )
        raise UnknownLanguageError(tag)
    if len(tag) > MAX_TAG_LENGTH:
        raise UnknownLanguageError(tag[:MAX_TAG_LENGTH] + "…")
    text = tag.strip()
    # POSIX: language[_territory][.codeset][@modifier]
    for sep in (".", "@"):
        text = text.partition(sep)[0]
    text = text.replace("_", "-").lower()
    if text in ("c", "posix"):
        return LanguageTag("en")
    parts = text.split("-")
    language = parts[0]
    if not (2 <= len(language) <= 8 and set(language) <= _ALPHA):
        raise UnknownLanguageError(tag)
    script = region = ""
    for part in parts[1:]:
        if not part or len(part) > 8 or not set(part) <= _ALNUM:
            raise UnknownLanguageError(tag)
        if len(part) == 1:  # extension or private use: the rest is not ours
            break
        if not script and not region and len(part) == 4 and part.isalpha():
            script = part
        elif not region and (len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit()):
            region = part
        # anything else is a variant: ignored
    return LanguageTag(language, script, region)


def variant(tag: LanguageTag) -> Language | None:
    """The row of :data:`~httpi18n.languages.LANGUAGES` a parsed tag designates, or ``None``.

    Availability is not considered here.  Among rows of the same language an
    explicit script decides first, then the region, else the ``default`` row;
    a language with a single row gets it whatever the script or region.
    """
    rows = _ROWS.get(ALIASES.get(tag.language, tag.language))
    if not rows:
        return None
    if len(rows) == 1:
        return rows[0]
    if tag.script:  # a script shared by several rows (pt-Latn) leaves the choice to region/default
        same = tuple(row for row in rows if row.script.lower() == tag.script)
        if len(same) == 1:
            return same[0]
        rows = same or rows
    if tag.region:
        for row in rows:
            if tag.region in row.regions:
                return row
    for row in rows:
        if row.default:
            return row
    return rows[0]


class _Available:
    """What :func:`resolve` needs to know about one *available* tuple, computed once."""

    __slots__ = ("by_lower", "names", "scripts")

    def __init__(self, available: tuple[str, ...]) -> None:
        self.by_lower: dict[str, str] = {}
        #: name → (language after aliases, script of its row or "" when not in the table)
        self.names: list[tuple[str, str, str]] = []
        self.scripts: dict[str, str] = {}
        for name in available:
            if not isinstance(name, str):
                continue
            self.by_lower.setdefault(name.lower().replace("-", "_"), name)
            try:
                t = parse_tag(name)
            except UnknownLanguageError:
                continue
            row = variant(t)
            self.names.append((name, ALIASES.get(t.language, t.language), row.script if row else ""))
            self.scripts.setdefault(name, row.script if row else "")


_available_cache: dict[tuple[str, ...], _Available] = {}


def _available(available: tuple[str, ...] | list[str]) -> _Available:
    key = tuple(available)
    try:
        return _available_cache[key]
    except (KeyError, TypeError):
        pass
    info = _Available(key)
    try:
        if len(_available_cache) < 64:
            _available_cache[key] = info
    except TypeError:  # unhashable entries: fine, just not cached
        pass
    return info


def resolve(tag: Any, available: tuple[str, ...] | list[str], *, like: Language | None = None) -> str | None:
    """Map *tag* to one of the *available* catalog names (``'fr'``, ``'zh_TW'``…).

    Returns ``None`` when nothing fits or the tag is malformed; the caller
    picks the default or raises.  The rules are those of the module docstring.
    *like*: for a tag that names only its language (``zh``), the row to use
    instead of the language's default row (``Accept-Language`` passes the
    variant an earlier, more specific range of the same header asked for).
    """
    try:
        t = parse_tag(tag)
    except UnknownLanguageError:
        return None
    return _resolve(t, _available(available), like)


def _resolve(t: LanguageTag, avail: _Available, like: Language | None = None) -> str | None:
    lang = ALIASES.get(t.language, t.language)
    if like is not None and like.language == lang and not t.script and not t.region:
        row: Language | None = like
    else:
        row = variant(t)
    script = row.script if row is not None else ""

    def fits(name: str | None) -> bool:
        if name is None:
            return False
        other = avail.scripts.get(name, "")
        return not script or not other or other == script

    by_lower = avail.by_lower
    # 1. an exact language_REGION (or language_Script) catalog of the same script
    for sub in (t.region, t.script):
        if sub:
            hit = by_lower.get(f"{lang}_{sub}")
            if fits(hit):
                return hit
    # 2. the row the tag designates
    if row is not None:
        hit = by_lower.get(row.code.lower())
        if hit is not None:
            return hit
    # 3. the bare language, then any catalog of that language, same script only
    hit = by_lower.get(lang)
    if fits(hit):
        return hit
    for name, name_lang, _ in avail.names:
        if name_lang == lang and fits(name):
            return name
    return None
