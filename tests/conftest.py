"""Shared test set-up: make sure the compiled catalogs match the .po sources."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _compile_if_stale() -> None:
    """Compile locale/*.po into the package when a .mo is missing or older (editable installs)."""
    pkg = ROOT / "src" / "httpi18n"
    import httpi18n

    if Path(httpi18n.__file__).resolve().parent != pkg:
        return  # testing an installed wheel: its catalogs were compiled at build time
    sys.path.insert(0, str(ROOT / "tools"))
    import catalogs  # type: ignore[import-not-found]

    stale = False
    for lang in catalogs.LANGS:  # shipped catalogs only: a draft being written is not compiled
        po = catalogs.po_path(lang)
        mo = pkg / "locale" / lang / "LC_MESSAGES" / "httpi18n.mo"
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale = True
    if stale:
        catalogs.compile_all()


_compile_if_stale()
