"""Content negotiation: ``Accept-Language`` and ``Accept`` (pure functions).

:func:`negotiate` implements RFC 9110, Section 12.5.4 with RFC 4647 *lookup*:
ranges are tried by descending q-value (ties keep header order), each range is
truncated subtag by subtag until a catalog fits, ``*`` stands for any
language not otherwise named, and ``q=0`` excludes.  Each range reaches a
catalog by the fallback rules of :mod:`httpi18n.tags`; a range naming only
its language (``zh``) follows the variant of the most preferred range of the
same language that names a script or region (``zh-TW,zh;q=0.9`` is Traditional
twice; a bare ``zh`` alone is Simplified).  Malformed parts are
skipped, never raised.  The work is bounded: only the first
:data:`MAX_HEADER_LENGTH` characters and :data:`MAX_RANGES` ranges are read,
and the result cache holds at most :data:`CACHE_SIZE` entries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from .languages import ALIASES, BY_CODE, CODES, Language
from .tags import LanguageTag, UnknownLanguageError, _available, _resolve, parse_tag, variant

__all__ = [
    "negotiate",
    "parse_accept_language",
    "parse_accept",
    "negotiate_media_type",
    "LanguageRange",
    "MAX_HEADER_LENGTH",
    "MAX_RANGES",
]

#: Characters of a header that are read; the rest is ignored.
MAX_HEADER_LENGTH = 4096
#: Ranges of a header that are considered; the rest are ignored.
MAX_RANGES = 64
#: Entries kept in each memo of negotiation results.
CACHE_SIZE = 1024

#: One Accept-Language element: a language range and an optional weight (RFC 9110 §12.4.2).
_ELEMENT = re.compile(
    r"[ \t]*(\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*)[ \t]*"
    r"(?:;[ \t]*[qQ][ \t]*=[ \t]*(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?))?[ \t]*"
)


class LanguageRange(NamedTuple):
    """One parsed element of ``Accept-Language``: ``LanguageRange('fr-ch', 1.0)``."""

    range: str
    q: float


def _parse_q(params: str) -> float | None:
    """The q-value in ``;q=0.8;x=y`` (media-type parameters), 1.0 if absent, ``None`` if malformed."""
    q = 1.0
    for param in params.split(";"):
        name, eq, value = param.partition("=")
        if name.strip().lower() != "q":
            continue
        value = value.strip()
        if not eq or not value or len(value) > 5 or value[0] not in "01":
            return None
        try:
            q = float(value)
        except ValueError:
            return None
        if not 0.0 <= q <= 1.0:
            return None
    return q


def _bounded_elements(header: str) -> list[str]:
    if len(header) > MAX_HEADER_LENGTH:
        # Keep whole elements only: drop whatever the cut left half-read.
        header = header[:MAX_HEADER_LENGTH].rpartition(",")[0]
    return header.split(",", MAX_RANGES)[:MAX_RANGES]


def parse_accept_language(header: str | None) -> list[LanguageRange]:
    """Parse ``Accept-Language`` into ranges sorted by q (stable, so ties keep header order).

    Ranges are lower-cased and ``_`` becomes ``-``; elements that are not a
    language range with an optional ``q`` weight are dropped.
    """
    if not header or not isinstance(header, str):
        return []
    out: list[LanguageRange] = []
    match = _ELEMENT.fullmatch
    for element in _bounded_elements(header):
        m = match(element)
        if m is None:
            continue
        rng, q = m.groups()
        out.append(LanguageRange(rng.lower().replace("_", "-"), 1.0 if q is None else float(q)))
    out.sort(key=_by_q)
    return out


def _by_q(r: LanguageRange) -> float:
    return -r.q


def _excluded(rng: str, name: str) -> bool:
    """Whether a ``q=0`` range *rng* rules out catalog *name* (basic filtering, RFC 4647 §3.3.1).

    A shipped catalog is matched under its own tag and under its full tag with
    the script (``zh_TW`` is ``zh-tw`` and ``zh-hant-tw``), so ``zh-Hant;q=0``
    rules out ``zh_TW`` while ``zh-HK;q=0``, a narrower range, does not.
    """
    tag = name.lower().replace("_", "-")
    tags = [tag]
    row = BY_CODE.get(name)
    if row is not None:
        region = tag.partition("-")[2]
        tags.append(f"{row.language}-{row.script.lower()}" + (f"-{region}" if region else ""))
    return any(t == rng or t.startswith(rng + "-") for t in tags)


_cache: dict[tuple[str, tuple[str, ...]], str | None] = {}


_parsed: dict[str, LanguageTag | None] = {}


def _parse(rng: str) -> LanguageTag | None:
    """A language range parsed as a tag (``None`` if it is not one), through a bounded memo."""
    try:
        return _parsed[rng]
    except KeyError:
        pass
    try:
        tag: LanguageTag | None = parse_tag(rng)
    except UnknownLanguageError:
        tag = None
    if len(_parsed) >= CACHE_SIZE:
        _parsed.clear()
    _parsed[rng] = tag
    return tag


def negotiate(
    accept_language: str | None,
    available: Iterable[str] | None = None,
    default: str | None = "",
) -> str | None:
    """Pick the best of *available* catalogs for an ``Accept-Language`` value.

    *available* defaults to the shipped catalogs (:data:`httpi18n.languages.CODES`);
    its order is the server's preference, used for ``*``.  When
    nothing is acceptable the result is *default*, which by default is the
    first available language (English for the shipped set); pass
    ``default=None`` to learn that nothing matched.

    >>> negotiate("fr-CH, fr;q=0.9, en;q=0.8")
    'fr'
    >>> negotiate("zh-Hans-CN,ja;q=0.5")
    'zh_CN'
    >>> negotiate("zh-TW,zh;q=0.9,en-US;q=0.8")
    'zh_TW'
    """
    avail = CODES if available is None else tuple(available)
    if default == "":
        default = avail[0] if avail else None
    if not accept_language or not isinstance(accept_language, str):
        return default
    hit = _memoized(_cache, _negotiate, accept_language, avail)
    return default if hit is None else hit


def _memoized(
    memo: dict[tuple[str, tuple[str, ...]], str | None],
    compute: Callable[[str, tuple[str, ...]], str | None],
    header: str,
    choices: tuple[str, ...],
) -> str | None:
    """``compute(header, choices)`` through a bounded memo keyed by the part of the header read."""
    if len(header) > MAX_HEADER_LENGTH:
        header = header[: MAX_HEADER_LENGTH + 1]  # only this much is parsed: keep the key that small
    key = (header, choices)
    try:
        return memo[key]
    except KeyError:
        pass
    hit = compute(header, choices)
    if len(memo) >= CACHE_SIZE:
        memo.clear()
    memo[key] = hit
    return hit


def _negotiate(header: str, avail: tuple[str, ...]) -> str | None:
    ranges = parse_accept_language(header)
    if not ranges or not avail:
        return None
    allowed = avail
    if ranges[-1].q == 0.0:  # sorted by q: exclusions are at the end
        zero = [r.range for r in ranges if r.q == 0.0]
        allowed = tuple(a for a in avail if not any(_excluded(z, a) for z in zero))
        if not allowed:
            return None
    parsed = [(r, _parse(r.range) if r.range != "*" else None) for r in ranges]
    like = _variants_named(parsed)
    info = _available(allowed)
    for r, tag in parsed:
        if r.q == 0.0:
            break
        if r.range == "*":
            named = [n.range for n in ranges if n.range != "*"]
            for a in allowed:
                if not any(_excluded(n, a) for n in named):
                    return a
            continue
        if tag is None:
            continue
        hit = _resolve(tag, info, like.get(ALIASES.get(tag.language, tag.language)))
        if hit is not None:
            return hit
    return None


def _variants_named(parsed: list[tuple[LanguageRange, LanguageTag | None]]) -> dict[str, Language]:
    """language → the row its most preferred specific range names (``zh-TW`` → ``zh_TW``).

    A bare ``zh`` in the same header then means that variant:
    ``zh-TW,zh;q=0.9`` asks for Traditional Chinese twice, never for
    Simplified.  Only ranges that name a script or a region count.
    """
    found: dict[str, Language] = {}
    for r, tag in parsed:
        if r.q == 0.0:
            break
        if tag is None or not (tag.script or tag.region):
            continue
        lang = ALIASES.get(tag.language, tag.language)
        if lang not in found:
            row = variant(tag)
            if row is not None:
                found[lang] = row
    return found


# --- Accept (media types) ---------------------------------------------------


class MediaRange(NamedTuple):
    """One parsed element of ``Accept``: type, subtype, q, position in the header."""

    type: str
    subtype: str
    q: float
    position: int


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an ``Accept`` header; malformed elements are dropped (bounded like above)."""
    if not header or not isinstance(header, str):
        return []
    out = []
    for i, element in enumerate(_bounded_elements(header)):
        mt, _, params = element.partition(";")
        typ, slash, sub = mt.strip().lower().partition("/")
        typ, sub = typ.strip(), sub.strip()
        if not slash or not typ or not sub or (typ == "*" and sub != "*"):
            continue
        q = _parse_q(params) if params else 1.0
        if q is None:
            continue
        out.append(MediaRange(typ, sub, q, i))
    return out


def _suffix(subtype: str) -> str:
    """``problem+json`` → ``json`` (RFC 6838 structured syntax suffix)."""
    return subtype.rpartition("+")[2]


def negotiate_media_type(
    accept: str | None,
    offers: Iterable[str] = ("text/html", "application/problem+json", "text/plain"),
    default: str | None = "",
) -> str | None:
    """Pick the best of *offers* for an ``Accept`` value.

    The most specific matching range gives an offer its q-value
    (``type/subtype`` > ``type/*`` > ``*/*``); a range like
    ``application/json`` also matches ``application/problem+json``.  Ties go
    to the range that comes first in the header, then to the offer order.
    No header, or nothing acceptable, gives *default* (the first offer).
    """
    offer_list = tuple(offers)
    if default == "":
        default = offer_list[0] if offer_list else None
    if not accept or not isinstance(accept, str):
        return default
    hit = _memoized(_media_cache, _negotiate_media_type, accept, offer_list)
    return default if hit is None else hit


_media_cache: dict[tuple[str, tuple[str, ...]], str | None] = {}


def _negotiate_media_type(accept: str, offer_list: tuple[str, ...]) -> str | None:
    ranges = parse_accept(accept)
    if not ranges:
        return None
    best: tuple[float, int, int] | None = None
    best_offer = None
    for pos, offer in enumerate(offer_list):
        otype, _, osub = offer.lower().partition("/")
        match: tuple[int, float, int] | None = None  # (specificity, q, index)
        for r in ranges:
            if r.type == otype and r.subtype == osub:
                spec = 3
            elif r.type == otype and r.subtype == _suffix(osub) and "+" in osub:
                spec = 2
            elif r.type == otype and r.subtype == "*":
                spec = 1
            elif r.type == "*":
                spec = 0
            else:
                continue
            if match is None or spec > match[0]:
                match = (spec, r.q, r.position)
        if match is None or match[1] == 0.0:
            continue
        score = (match[1], -match[2], -pos)
        if best is None or score > best:
            best, best_offer = score, offer
    return best_offer
