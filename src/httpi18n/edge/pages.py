"""The set of error pages served at the edge: statuses × languages × formats, rendered once.

Both the static build (:mod:`httpi18n.edge.build`) and the error-page
service (:mod:`httpi18n.edge.service`) read the same :class:`PageSet`, and
every page in it comes from the one renderer,
:func:`httpi18n.errorpages.render_error`, with the headers the middleware
sends (:func:`httpi18n._middleware.merge_headers`: ``Content-Type``,
``Content-Language``, ``Content-Length``, ``Vary``,
``X-Content-Type-Options``).  Rendering happens once per
``(status, language, format)``; serving a page is a dictionary look-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .._middleware import merge_headers
from ..catalogs import SHIPPED
from ..errorpages import FORMATS, ErrorPage, TemplateLike, bcp47, render_error
from ..registry import STATUSES

__all__ = [
    "ERROR_STATUSES",
    "EXTENSIONS",
    "FORMAT_BY_EXTENSION",
    "VARY",
    "Page",
    "PageSet",
    "filename",
    "parse_statuses",
]

#: Every registered 4xx and 5xx status, in numeric order (the default set).
ERROR_STATUSES: tuple[int, ...] = tuple(s.code for s in STATUSES if 400 <= s.code <= 599)
#: File name extension of each format.
EXTENSIONS: dict[str, str] = {
    "text/html": "html",
    "application/problem+json": "json",
    "text/plain": "txt",
}
#: Extension → format (``/404.json`` asks for problem+json).
FORMAT_BY_EXTENSION: dict[str, str] = {ext: fmt for fmt, ext in EXTENSIONS.items()}
#: The ``Vary`` tokens of every negotiated page (as the middleware sends).
VARY: tuple[str, ...] = ("Accept", "Accept-Language")


class Page(NamedTuple):
    """One rendered page and the complete header list it is sent with."""

    page: ErrorPage
    #: ``Content-Type``, ``Content-Language``, ``Content-Length``, ``Vary``, ``X-Content-Type-Options``.
    headers: list[tuple[str, str]]
    #: The same headers as HTTP/1.1 field lines (``Name: value\r\n`` each), latin-1.
    head: bytes


def filename(status: int, lang: str, fmt: str) -> str:
    """The file of one page in a build: ``404.zh-TW.html`` (BCP 47 tag, format extension)."""
    return f"{int(status)}.{bcp47(lang)}.{EXTENSIONS[fmt]}"


def parse_statuses(spec: str | Iterable[int | str] | None) -> tuple[int, ...]:
    """Statuses from ``"404,500-504"``, an iterable of codes, or ``None`` (every 4xx/5xx).

    Ranges include registered codes only; single codes may be any 400–599.
    Raises :class:`ValueError` for anything else.
    """
    if spec is None:
        return ERROR_STATUSES
    parts: list[str] = spec.split(",") if isinstance(spec, str) else [str(p) for p in spec]
    out: list[int] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        low, dash, high = part.partition("-")
        try:
            first = int(low)
            last = int(high) if dash else first
        except ValueError:
            raise ValueError(f"not a status or a range of statuses: {part!r}") from None
        if not (400 <= first <= 599 and 400 <= last <= 599 and first <= last):
            raise ValueError(f"statuses must be within 400-599: {part!r}")
        codes = [first] if not dash else [c for c in ERROR_STATUSES if first <= c <= last]
        out.extend(c for c in codes if c not in out)
    if not out:
        raise ValueError("no status selected")
    return tuple(sorted(out))


class PageSet:
    """Every page of *statuses* × *languages* × *formats*, rendered with *template*.

    :param statuses: codes 400–599 (default: every registered 4xx/5xx);
        any other 4xx/5xx asked for later is rendered on first use (its
        class name, e.g. "Client Error", and description) and kept.
    :param languages: catalogs (default: every shipped one); the first is the
        fallback for readers whose languages are not offered.
    :param formats: media types among :data:`httpi18n.errorpages.FORMATS`,
        preferred first (the first is also sent for ``*/*`` or no ``Accept``).
    :param template: the HTML template, exactly as the middleware's
        ``template=`` (string, :class:`pathlib.Path` read once, or callable).
    :param preload: render everything now (the service does, so that the
        first visitor waits no longer than the next).
    """

    def __init__(
        self,
        statuses: Iterable[int] | None = None,
        languages: Iterable[str] | None = None,
        formats: Iterable[str] = FORMATS,
        template: TemplateLike = None,
        *,
        preload: bool = True,
    ) -> None:
        self.statuses: tuple[int, ...] = ERROR_STATUSES if statuses is None else parse_statuses(statuses)
        self.languages: tuple[str, ...] = SHIPPED if languages is None else tuple(languages)
        unknown = [lang for lang in self.languages if lang not in SHIPPED]
        if unknown or not self.languages:
            raise ValueError(f"languages must be among {', '.join(SHIPPED)}: got {unknown or 'none'}")
        self.formats: tuple[str, ...] = tuple(formats)
        bad = [f for f in self.formats if f not in EXTENSIONS]
        if bad or not self.formats:
            raise ValueError(f"formats must be among {', '.join(FORMATS)}: got {bad or 'none'}")
        if template is not None and not callable(template) and not isinstance(template, str):
            template = template.read_text(encoding="utf-8")  # a Path: read once, as the middleware does
        self.template: TemplateLike = template
        self._pages: dict[tuple[int, str, str], Page] = {}
        if preload:
            for key in self.keys():
                self.get(*key)

    def keys(self) -> list[tuple[int, str, str]]:
        """Every ``(status, language, format)`` of the set, in a fixed order."""
        return [(s, lang, f) for s in self.statuses for lang in self.languages for f in self.formats]

    def get(self, status: int, lang: str, fmt: str) -> Page:
        """The page of one status, language and format (rendered on first use, then kept).

        *status* must be 400–599 and *lang*/*fmt* among the set's; statuses
        outside :attr:`statuses` are kept too (at most 200 codes exist).
        """
        key = (status, lang, fmt)
        try:
            return self._pages[key]
        except KeyError:
            pass
        if not 400 <= status <= 599:
            raise ValueError(f"not an error status: {status!r}")
        page = render_error(status, lang, fmt, template=self.template)
        headers = merge_headers([], page, VARY)
        head = b"".join(f"{name}: {value}\r\n".encode("latin-1") for name, value in headers)
        entry = Page(page, headers, head)
        self._pages[key] = entry
        return entry

    def size(self) -> int:
        """Bytes of page bodies held."""
        return sum(len(p.page.body) for p in self._pages.values())
