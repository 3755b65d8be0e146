"""``HTTPStatus`` and ``HTTPMethod``, built from :mod:`httpi18n.registry`.

Both enums match CPython 3.13's ``http.HTTPStatus`` and ``http.HTTPMethod`` on
every Python from 3.10 on: same members, values, aliases, ``phrase`` and
``description`` text, ``str()``/``repr()``/``format()``.  CPython's own test
compares ``HTTPStatus`` key by key against a hand-written enum, so everything
we add (``localized()``, ``entry``, ``category``, ``references``) lives on a
mixin base class and never in the enum's own namespace.
"""

from __future__ import annotations

import sys
from enum import Enum, EnumMeta, IntEnum

from ._tables import TABLES as _TABLES
from .registry import METHOD_BY_TOKEN, METHODS, STATUS_BY_CODE, STATUSES, MethodEntry, Reference, StatusEntry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .localize import LocalizedText

__all__ = ["HTTPStatus", "HTTPMethod"]


def _localized(value: Any, lang: Any, strict: bool) -> LocalizedText:
    from .localize import localized  # imported on first use: keeps `import httpi18n` light

    return localized(value, lang, strict=strict)

_STATUS_DOC = """HTTP status codes and reason phrases

    Status codes from the following RFCs are all observed:

        * RFC 9110: HTTP Semantics, obsoletes 7231, which obsoleted 2616
        * RFC 6585: Additional HTTP Status Codes
        * RFC 3229: Delta encoding in HTTP
        * RFC 4918: HTTP Extensions for WebDAV, obsoletes 2518
        * RFC 5842: Binding Extensions to WebDAV
        * RFC 7238: Permanent Redirect
        * RFC 2295: Transparent Content Negotiation in HTTP
        * RFC 2774: An HTTP Extension Framework
        * RFC 7725: An HTTP Status Code to Report Legal Obstacles
        * RFC 7540: Hypertext Transfer Protocol Version 2 (HTTP/2)
        * RFC 2324: Hyper Text Coffee Pot Control Protocol (HTCPCP/1.0)
        * RFC 8297: An HTTP Status Code for Indicating Hints
        * RFC 8470: Using Early Data in HTTP
    """

_METHOD_DOC = """HTTP methods and descriptions

    Methods from the following RFCs are all observed:

        * RFC 9110: HTTP Semantics, obsoletes 7231, which obsoleted 2616
        * RFC 5789: PATCH Method for HTTP

    httpi18n adds every other method of the IANA HTTP Method Registry.
    """


class _StatusExtras:
    """What httpi18n adds to ``HTTPStatus`` (kept off the enum's own namespace)."""

    __slots__ = ()
    _value_: int

    @property
    def entry(self) -> StatusEntry:
        """The registry row for this status (references, registration, our description)."""
        return STATUS_BY_CODE[self._value_]

    @property
    def category(self) -> str:
        """``informational``, ``success``, ``redirection``, ``client-error`` or ``server-error``."""
        return STATUS_BY_CODE[self._value_].category

    @property
    def references(self) -> tuple[Reference, ...]:
        """Where the status is specified, e.g. ``(Reference('RFC 9110', '15.5.5'),)``."""
        return STATUS_BY_CODE[self._value_].references

    def localized(self, lang: Any = None, *, strict: bool = False) -> LocalizedText:
        """The localized phrase (a ``str``) with ``.description`` and ``.language``.

        ``lang`` is any language tag, ``Accept-Language``-style tag or Babel
        ``Locale``; ``None`` means the current default (see :func:`httpi18n.language`).
        """
        if lang is not None and not strict:
            try:
                return _TABLES[lang][self]  # warm path: two dict look-ups
            except (KeyError, TypeError):
                pass
        return _localized(self._value_, lang, strict)


class _MethodExtras:
    """What httpi18n adds to ``HTTPMethod``."""

    __slots__ = ()
    _value_: str

    @property
    def entry(self) -> MethodEntry:
        """The registry row for this method."""
        return METHOD_BY_TOKEN[self._value_]

    @property
    def is_safe(self) -> bool:
        """True when the registry marks the method *safe* (RFC 9110, Section 9.2.1)."""
        return self.entry.safe

    @property
    def is_idempotent(self) -> bool:
        """True when the registry marks the method *idempotent* (RFC 9110, Section 9.2.2)."""
        return self.entry.idempotent

    @property
    def references(self) -> tuple[Reference, ...]:
        """Where the method is specified."""
        return self.entry.references

    def localized(self, lang: Any = None, *, strict: bool = False) -> LocalizedText:
        """The method token (never translated) carrying a localized ``.description``."""
        return _localized(self._value_, lang, strict=strict)


def _status_new(cls: type, value: int, phrase: str, description: str = "") -> Any:
    obj = int.__new__(cls, value)
    obj._value_ = value
    obj.phrase = phrase
    obj.description = description
    return obj


def _build_status() -> type:
    ns = EnumMeta.__prepare__("HTTPStatus", (_StatusExtras, IntEnum))
    ns["__doc__"] = _STATUS_DOC
    ns["__new__"] = _status_new
    ns["is_informational"] = property(lambda self: 100 <= self <= 199, doc="1xx")
    ns["is_success"] = property(lambda self: 200 <= self <= 299, doc="2xx")
    ns["is_redirection"] = property(lambda self: 300 <= self <= 399, doc="3xx")
    ns["is_client_error"] = property(lambda self: 400 <= self <= 499, doc="4xx")
    ns["is_server_error"] = property(lambda self: 500 <= self <= 599, doc="5xx")
    if sys.version_info < (3, 11):
        # 3.11 made IntEnum's str() and format() those of int; do the same on 3.10.
        ns["__str__"] = int.__repr__
        ns["__format__"] = int.__format__
    for entry in STATUSES:
        if entry.name:
            value = (entry.code, entry.phrase, entry.python_description)
            ns[entry.name] = value
            for alias in entry.aliases:
                ns[alias] = value
    cls = EnumMeta("HTTPStatus", (_StatusExtras, IntEnum), ns)
    cls.__module__ = __name__.rpartition(".")[0]
    return cls


def _method_new(cls: type, value: str, description: str) -> Any:
    obj = str.__new__(cls, value)
    obj._value_ = value
    obj.description = description
    return obj


def _method_repr(self: Any) -> str:
    return f"<{self.__class__.__name__}.{self._name_}>"


def _build_method() -> type:
    if sys.version_info >= (3, 11):
        from enum import StrEnum

        bases: tuple[type, ...] = (_MethodExtras, StrEnum)
    else:
        bases = (_MethodExtras, str, Enum)
    ns = EnumMeta.__prepare__("HTTPMethod", bases)
    ns["__doc__"] = _METHOD_DOC
    ns["__new__"] = _method_new
    ns["__repr__"] = _method_repr
    if sys.version_info < (3, 11):
        ns["__str__"] = str.__str__
        ns["__format__"] = str.__format__
    for entry in METHODS:
        ns[entry.name] = (entry.token, entry.python_description or entry.description)
    cls = EnumMeta("HTTPMethod", bases, ns)
    cls.__module__ = __name__.rpartition(".")[0]
    return cls


# The members are made from the registry at import time; enums.pyi (generated by
# tools/gen_stubs.py) gives type checkers the same view.
HTTPStatus = _build_status()
HTTPMethod = _build_method()
