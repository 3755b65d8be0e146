"""The per-language lookup tables shared by :mod:`~httpi18n.enums` and :mod:`~httpi18n.localize`.

``TABLES[tag][code_or_token]`` is the warm path of every ``localized()``
call; it lives in this dependency-free module so that ``import httpi18n``
does not have to load gettext and the catalogs until they are first used.
"""

from __future__ import annotations

TABLES: dict = {}
