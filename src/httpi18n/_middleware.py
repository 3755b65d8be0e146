"""Decisions shared by the WSGI and ASGI error-page middleware (pure, no I/O).

Which responses to touch, how to merge headers, how to read ``Retry-After``
and how to render the replacement page.  Headers are handled as
``(str, str)`` pairs; the ASGI side converts from and to latin-1 bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .catalogs import SHIPPED
from .defaults import Predicate, framework_default
from .errorpages import FORMATS, ErrorPage, TemplateLike, render_error
from .negotiation import MAX_HEADER_LENGTH, negotiate, negotiate_media_type
from .retry import retry_after_seconds, retry_hint
from .tags import resolve

__all__ = [
    "Settings",
    "DEFAULT_MAX_BODY",
    "retry_after_seconds",
    "retry_hint",
    "merge_headers",
    "header",
]

log = logging.getLogger("httpi18n.middleware")

#: Largest error body held in memory to be inspected; a bigger one passes through.
DEFAULT_MAX_BODY = 64 * 1024

#: Entries kept in each per-middleware memo (formats, rendered pages) before it is emptied.
_MEMO_SIZE = 256

#: Headers that describe the old body: dropped when the body is replaced.
_OLD_BODY_HEADERS = frozenset(
    {
        "content-type",
        "content-length",
        "content-encoding",
        "content-language",
        "content-location",
        "content-disposition",
        "content-md5",
        "content-digest",
        "repr-digest",
        "digest",
        "etag",
        "last-modified",
        "transfer-encoding",
    }
)

Headers = list[tuple[str, str]]
#: ``language(environ_or_scope) -> tag or None``.
LanguageHook = Callable[[Any], "str | None"]
#: ``message(status, environ_or_scope, catalog) -> text or None`` (plain text, escaped for you).
MessageHook = Callable[[int, Any, str], "str | None"]


def header(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    """The value of header *name* (lower-case), several lines joined by ``, ``; else ``None``."""
    values = [v for k, v in headers if k.lower() == name]
    return ", ".join(values) if values else None


def merge_headers(app_headers: Iterable[tuple[str, str]], page: ErrorPage, vary: Sequence[str]) -> Headers:
    """The app's headers minus those describing its old body, plus the page's, plus ``Vary``."""
    out: Headers = []
    vary_tokens: list[str] = []
    nosniff = False
    for name, value in app_headers:
        low = name.lower()
        if low in _OLD_BODY_HEADERS:
            continue
        if low == "vary":
            vary_tokens.extend(t.strip() for t in value.split(",") if t.strip())
            continue
        if low == "x-content-type-options":
            nosniff = True
        out.append((name, value))
    out.extend(page.headers)
    if not any(t == "*" for t in vary_tokens):
        seen = {t.lower() for t in vary_tokens}
        for token in vary:
            if token.lower() not in seen:
                seen.add(token.lower())
                vary_tokens.append(token)
    else:
        vary_tokens = ["*"]
    out.append(("Vary", ", ".join(vary_tokens)))
    if not nosniff:
        out.append(("X-Content-Type-Options", "nosniff"))
    return out


class Settings:
    """The configuration of one middleware instance, and the decisions made from it."""

    __slots__ = ("languages", "language", "is_default", "template", "formats", "max_body",
                 "message", "vary", "logger", "_formats_memo", "_pages")

    def __init__(
        self,
        *,
        languages: Iterable[str] | None = None,
        language: LanguageHook | None = None,
        is_default: Predicate | None = framework_default,
        template: TemplateLike = None,
        formats: Iterable[str] = FORMATS,
        max_body: int = DEFAULT_MAX_BODY,
        message: MessageHook | None = None,
        vary: Iterable[str] = (),
        logger: logging.Logger | None = None,
    ) -> None:
        self.languages: tuple[str, ...] = SHIPPED if languages is None else tuple(languages)
        if not self.languages:
            raise ValueError("languages must not be empty")
        self.language = language
        self.is_default = is_default
        if isinstance(template, Path):  # read once, not per error
            template = template.read_text(encoding="utf-8")
        self.template = template
        self.formats: tuple[str, ...] = tuple(formats)
        if not self.formats:
            raise ValueError("formats must not be empty")
        self.max_body = int(max_body)
        self.message = message
        self.vary: tuple[str, ...] = ("Accept", "Accept-Language", *vary)
        self.logger = logger or log
        self._formats_memo: dict[str | None, str] = {}
        self._pages: dict[tuple[int, str, str, str | None], ErrorPage] = {}

    # -- deciding ----------------------------------------------------------

    def candidate(self, status: int, headers: Iterable[tuple[str, str]]) -> bool:
        """Whether a response may be replaced, from status and headers only (before any body).

        Only 4xx/5xx, and only when a declared ``Content-Length`` is within ``max_body``.
        """
        if not 400 <= status <= 599:
            return False
        for name, value in headers:
            if name.lower() == "content-length":
                try:
                    if int(value) > self.max_body:
                        return False
                except ValueError:
                    return False
        return True

    def replace(self, status: int, headers: Sequence[tuple[str, str]], body: bytes) -> bool:
        """Whether the complete *body* of a candidate response is to be replaced."""
        if not body:
            return True
        if self.is_default is None:
            return False
        encoding = header(headers, "content-encoding")
        if encoding and encoding.strip().lower() != "identity":
            return False  # compressed: cannot be a default we recognise
        try:
            return bool(self.is_default(status, headers, body))
        except Exception:
            self.logger.warning("httpi18n: is_default predicate failed; keeping the body", exc_info=True)
            return False

    # -- rendering -----------------------------------------------------------

    def pick_language(self, request: Any, accept_language: str | None) -> str:
        """The catalog for this request: the ``language`` hook, else ``Accept-Language``."""
        if self.language is not None:
            try:
                tag = self.language(request)
            except Exception:
                self.logger.warning("httpi18n: language hook failed; negotiating", exc_info=True)
                tag = None
            if tag:
                hit = resolve(tag, self.languages)
                if hit is not None:
                    return hit
        return negotiate(accept_language, self.languages) or self.languages[0]

    def render(
        self,
        status: int,
        app_headers: Iterable[tuple[str, str]],
        request: Any,
        accept: str | None,
        accept_language: str | None,
    ) -> tuple[ErrorPage, Headers]:
        """The replacement page for *status* and the headers to send with it."""
        app_headers = list(app_headers)
        # negotiation reads MAX_HEADER_LENGTH characters and drops a cut element; one more keeps
        # that result identical while bounding what its cache holds on to.
        if accept_language and len(accept_language) > MAX_HEADER_LENGTH + 1:
            accept_language = accept_language[: MAX_HEADER_LENGTH + 1]
        if accept and len(accept) > MAX_HEADER_LENGTH + 1:
            accept = accept[: MAX_HEADER_LENGTH + 1]
        lang = self.pick_language(request, accept_language)
        fmt = self.pick_format(accept)
        retry = retry_hint(header(app_headers, "retry-after"), lang)
        message = None
        if self.message is not None:
            try:
                message = self.message(status, request, lang)
            except Exception:
                self.logger.warning("httpi18n: message hook failed", exc_info=True)
        if message is None and not callable(self.template):  # depends on these four only: render once
            key = (status, lang, fmt, retry)
            page = self._pages.get(key)
            if page is None:
                page = render_error(status, lang, fmt, template=self.template, retry=retry)
                if len(self._pages) >= _MEMO_SIZE:
                    self._pages.clear()
                self._pages[key] = page
        else:
            page = render_error(status, lang, fmt, message=message, template=self.template, retry=retry)
        return page, merge_headers(app_headers, page, self.vary)

    def pick_format(self, accept: str | None) -> str:
        """The format for an ``Accept`` value (memoized: browsers send a handful of values)."""
        try:
            return self._formats_memo[accept]
        except KeyError:
            pass
        fmt = negotiate_media_type(accept, self.formats) or self.formats[0]
        if len(self._formats_memo) >= _MEMO_SIZE:
            self._formats_memo.clear()
        self._formats_memo[accept] = fmt
        return fmt
