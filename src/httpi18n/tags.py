"""Language tags: parse BCP 47 and POSIX spellings, resolve them to a catalog.

Pure functions, no I/O.  Accepted spellings include ``ja``, ``ja-JP``,
``ja_JP.UTF-8``, ``JA``, ``fr_CA@euro``, ``zh-Hans``, ``zh-Hans-CN``,
``zh_CN``, ``zh-SG`` and Babel ``Locale`` objects (anything with
``language``/``script``/``territory`` attributes).

Fallback rules (:func:`resolve`), in order:

1. A tag whose exact catalog exists gets it (``zh_CN`` → ``zh_CN``).
2. Region and script reach the language (``fr-CA`` → ``fr``, ``ja-JP`` → ``ja``).
3. Chinese: Simplified spellings (``zh``, ``zh-Hans``, ``zh-Hans-*``,
   ``zh-CN``, ``zh-SG``, ``zh-MY``) reach ``zh_CN``.  Traditional spellings
   (``zh-Hant``, ``zh-Hant-*``, ``zh-TW``, ``zh-HK``, ``zh-MO``) do **not**:
   with no Traditional catalog they get English, because a reader of
   Traditional Chinese is better served by an honest fallback than by a page in
   the other script (add a ``zh_TW`` catalog and they reach it).
4. Anything else, malformed tags included, gets the default (English), or
   raises :class:`UnknownLanguageError` in strict mode.
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = [
    "LanguageTag",
    "UnknownLanguageError",
    "parse_tag",
    "resolve",
    "MAX_TAG_LENGTH",
]

#: Longest tag we look at; RFC 5646 recommends supporting at least 35 characters.
MAX_TAG_LENGTH = 64

_TRADITIONAL_REGIONS = frozenset({"tw", "hk", "mo"})
_ALPHA = frozenset("abcdefghijklmnopqrstuvwxyz")
_ALNUM = _ALPHA | frozenset("0123456789")


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


def _is_traditional_chinese(t: LanguageTag) -> bool:
    if t.script:
        return t.script == "hant"
    return t.region in _TRADITIONAL_REGIONS


def resolve(tag: Any, available: tuple[str, ...] | list[str]) -> str | None:
    """Map *tag* to one of the *available* catalog names (``'fr'``, ``'zh_CN'``…).

    Returns ``None`` when nothing fits or the tag is malformed; the caller
    picks the default or raises.  The rules are those of the module docstring.
    """
    try:
        t = parse_tag(tag)
    except UnknownLanguageError:
        return None
    by_lower = {a.lower().replace("-", "_"): a for a in available}
    if t.language == "zh":  # the script decides, before any region
        if _is_traditional_chinese(t):
            for key in ("zh_tw", "zh_hant", "zh_hk"):
                if key in by_lower:
                    return by_lower[key]
            return None
        for key in ("zh_cn", "zh_hans", "zh_sg", "zh"):
            if key in by_lower:
                return by_lower[key]
        return None
    # 1. exact language_REGION catalog, 2. the bare language, then any regional one
    if t.region:
        hit = by_lower.get(f"{t.language}_{t.region}")
        if hit is not None:
            return hit
    hit = by_lower.get(t.language)
    if hit is not None:
        return hit
    prefix = t.language + "_"
    for key, name in by_lower.items():
        if key.startswith(prefix):
            return name
    return None
