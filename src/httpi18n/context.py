"""The current language: a context-local override, then the environment.

``lang=None`` everywhere in httpi18n means :func:`current_language`: the value
set by the innermost ``with language(...)`` block of the running thread or
asyncio task, else the process environment read the way :mod:`gettext` reads
it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .catalogs import SHIPPED
from .tags import UnknownLanguageError, resolve

__all__ = ["language", "current_language", "environment_language", "refresh_environment"]

_override: ContextVar[str | None] = ContextVar("httpi18n_language", default=None)
_env_cache: list[str] = []


def environment_language() -> str:
    """The catalog the process environment asks for, as gettext would read it.

    Read once and remembered; call :func:`refresh_environment` after changing
    ``os.environ``.
    """
    if _env_cache:
        return _env_cache[0]
    found = "en"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if not value:
            continue
        # LANGUAGE may hold a colon-separated priority list; the others one locale.
        for candidate in value.split(":"):
            hit = resolve(candidate, SHIPPED)
            if hit is not None:
                found = hit
                break
        break  # gettext stops at the first variable that is set
    _env_cache[:] = [found]
    return found


def refresh_environment() -> None:
    """Forget the remembered environment language (after changing ``os.environ``)."""
    _env_cache.clear()


def current_language() -> str:
    """The catalog that ``lang=None`` stands for right now."""
    return _override.get() or (_env_cache[0] if _env_cache else environment_language())


@contextmanager
def language(lang: Any, *, strict: bool = False) -> Iterator[str]:
    """Make *lang* the default for ``lang=None`` inside the block (thread- and task-local).

    Yields the catalog actually chosen.  Unknown tags fall back to English, or
    raise :class:`~httpi18n.UnknownLanguageError` with ``strict=True``.

    ``with httpi18n.language("ja-JP"): page = render(...)`` renders in Japanese.
    """
    hit = resolve(lang, SHIPPED)
    if hit is None:
        if strict:
            raise UnknownLanguageError(lang, SHIPPED)
        hit = "en"
    token = _override.set(hit)
    try:
        yield hit
    finally:
        _override.reset(token)
