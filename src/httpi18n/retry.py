"""Retry hints: a ``Retry-After`` value as one localized sentence, no dependency needed.

``retry_hint("5400", "fr") == "Veuillez réessayer dans 1\u00a0heure et 30\u00a0minutes."``

The delay is worded by the catalogs' own plural forms (``npgettext``), so it
reads right in every shipped language without Babel.  Rounding, decided once
for every language (a hint must never invite a retry *before* the server's
time, so parts are rounded up, and at most two units are named):

* 0 (``Retry-After: 0`` or a date already past): "Please try again in a moment."
* 1–59 seconds: the seconds, exactly ("45 seconds");
* up to an hour: whole minutes, rounded up (61 s → "2 minutes", 3600 s → "1 hour");
* up to a day: hours and minutes, minutes rounded up ("1 hour and 30 minutes");
* from a day: days and hours, hours rounded up ("1 day and 2 hours");
* more than :data:`MAX_DAYS` days, or a value that is not a delay or an
  HTTP-date (RFC 9110, Section 10.2.3): no hint at all (``None``).

Babel is not needed.  When Babel is installed and a catalog has the sentence
translated but not a unit (a catalog being written), Babel's CLDR data words
that unit instead of English; the decomposition and the sentence stay ours,
so both paths give the same numbers and units.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timezone
from email.utils import parsedate_to_datetime
from typing import Any

from .catalogs import translations

__all__ = ["retry_after_seconds", "split_delay", "format_delay", "retry_hint", "MAX_DAYS"]

log = logging.getLogger("httpi18n.retry")

#: Longest delay worded, in days; a longer ``Retry-After`` gets no hint.
MAX_DAYS = 999
#: Longest ``Retry-After`` value read (an HTTP-date is 29 characters).
_MAX_VALUE_LENGTH = 64

_MINUTE, _HOUR, _DAY = 60, 3600, 86400


def retry_after_seconds(value: object, now: float | None = None) -> int | None:
    """``Retry-After`` (delay-seconds or HTTP-date) → whole seconds from *now* (``time.time()``).

    A date in the past gives 0; anything else (``None``, garbage, a negative
    or fractional number, an overlong value, a non-string) gives ``None``.
    """
    if not isinstance(value, str) or not value or len(value) > _MAX_VALUE_LENGTH:
        return None
    value = value.strip()
    if value.isdigit() and value.isascii():
        return int(value) if len(value) <= 10 else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:  # pragma: no cover - Python < 3.10 returned None for garbage
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; "-0000" parses as naive
        when = when.replace(tzinfo=timezone.utc)
    try:
        delay = when.timestamp() - (time.time() if now is None else now)
    except (OverflowError, OSError, ValueError):
        return None
    return max(0, math.ceil(delay))


def split_delay(seconds: int) -> tuple[tuple[str, int], ...]:
    """A delay as at most two ``(unit, count)`` parts, largest first, rounded up.

    Units are ``'day'``, ``'hour'``, ``'minute'`` and ``'second'``.
    ``split_delay(5400) == (('hour', 1), ('minute', 30))``; ``split_delay(0) == ()``.
    """
    if seconds <= 0:
        return ()
    if seconds < _MINUTE:
        return (("second", seconds),)
    minutes = math.ceil(seconds / _MINUTE)
    if minutes < 60:
        return (("minute", minutes),)
    if minutes < 24 * 60:
        hours, minutes = divmod(minutes, 60)
        return (("hour", hours), ("minute", minutes)) if minutes else (("hour", hours),)
    days, hours = divmod(math.ceil(seconds / _HOUR), 24)
    return (("day", days), ("hour", hours)) if hours else (("day", days),)


def _unit_text(unit: str, count: int, lang: str) -> str:
    """``count`` ``unit`` in catalog *lang*: the catalog's plural form, else Babel's, else English."""
    tr = translations(lang)
    if unit == "second":
        english = "%(num)d second" if count == 1 else "%(num)d seconds"
        # TRANSLATORS: a part of a delay in a "try again in …" hint on an error page ("45 seconds").
        # French: a no-break space between the number and the word.
        text = tr.npgettext("error page", "%(num)d second", "%(num)d seconds", count)
    elif unit == "minute":
        english = "%(num)d minute" if count == 1 else "%(num)d minutes"
        # TRANSLATORS: a part of a delay in a "try again in …" hint ("2 minutes", "1 hour and 30 minutes").
        text = tr.npgettext("error page", "%(num)d minute", "%(num)d minutes", count)
    elif unit == "hour":
        english = "%(num)d hour" if count == 1 else "%(num)d hours"
        # TRANSLATORS: a part of a delay in a "try again in …" hint ("1 hour", "1 hour and 30 minutes").
        text = tr.npgettext("error page", "%(num)d hour", "%(num)d hours", count)
    else:
        english = "%(num)d day" if count == 1 else "%(num)d days"
        # TRANSLATORS: a part of a delay in a "try again in …" hint ("1 day", "2 days and 3 hours").
        text = tr.npgettext("error page", "%(num)d day", "%(num)d days", count)
    if text == english and lang != "en":
        worded = _babel_unit(unit, count, lang)
        if worded is not None:
            return worded
    return text % {"num": count}


_babel: list[Any] = []  # [babel.units.format_unit] or [None], looked up once


def _babel_unit(unit: str, count: int, lang: str) -> str | None:
    """*count* *unit* worded by Babel's CLDR data, or ``None`` (no Babel, no data)."""
    if not _babel:
        found: Any = None
        try:
            from babel.units import format_unit as found
        except ImportError:  # Babel is optional
            pass
        _babel.append(found)
    format_unit = _babel[0]
    if format_unit is None:
        return None
    try:
        return str(format_unit(count, f"duration-{unit}", length="long", locale=lang))
    except Exception:  # unknown locale or unit data: the catalog's (English) text stays
        log.debug("babel could not word %r %s for %r", count, unit, lang, exc_info=True)
        return None


def format_delay(seconds: int, lang: str) -> str:
    """A delay in words in catalog *lang*: ``format_delay(5400, 'en') == '1 hour and 30 minutes'``.

    Rounded as the module docstring says; 0 gives ``''``.
    """
    # The unit words are those the "try again in …" sentence needs: in a language with cases
    # they take the case that follows its preposition (German "in 2 Tagen").
    parts = [_unit_text(unit, count, lang) for unit, count in split_delay(seconds)]
    if len(parts) < 2:
        return "".join(parts)
    tr = translations(lang)
    # TRANSLATORS: two parts of a delay, the larger first: "1 hour and 30 minutes", "2 days and 3 hours".
    pattern = tr.pgettext("error page", "%(larger)s and %(smaller)s")
    return pattern % {"larger": parts[0], "smaller": parts[1]}


def retry_hint(value: object, lang: str, now: float | None = None) -> str | None:
    """A localized sentence for a ``Retry-After`` value, or ``None`` when there is nothing to say.

    ``retry_hint("120", "fr") == 'Veuillez réessayer dans 2\\xa0minutes.'``; *lang*
    is a catalog name (``'ja'``, ``'zh_CN'``…); *now* defaults to ``time.time()``.
    """
    seconds = retry_after_seconds(value, now)
    if seconds is None or seconds > MAX_DAYS * _DAY:
        return None
    tr = translations(lang)
    if seconds == 0:
        # TRANSLATORS: on an error page when Retry-After is 0 or its date has already passed;
        # it follows the page's description as the next sentence.
        return tr.pgettext("error page", "Please try again in a moment.")
    # TRANSLATORS: on an error page, from the Retry-After header; %(delay)s is a duration worded by
    # the "%(num)d seconds", "%(num)d minutes"… entries ("2 minutes", "1 hour and 30 minutes").
    hint = tr.pgettext("error page", "Please try again in %(delay)s.")
    return hint % {"delay": format_delay(seconds, lang)}
