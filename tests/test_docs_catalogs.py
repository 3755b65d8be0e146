"""The documentation catalogs are fresh, complete, valid and the sources lint-clean."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("sphinx")
pytest.importorskip("babel")

_spec = importlib.util.spec_from_file_location("docs_catalogs", ROOT / "tools" / "docs_catalogs.py")
docs_catalogs = importlib.util.module_from_spec(_spec)
sys.modules["docs_catalogs"] = docs_catalogs
_spec.loader.exec_module(docs_catalogs)

LANGS = docs_catalogs.LANGUAGES


@pytest.fixture(scope="module")
def pot() -> Path:
    with tempfile.TemporaryDirectory(prefix="docs-gettext-") as tmp:
        path = docs_catalogs.extract_pot(Path(tmp))
        copy = Path(tmp).parent / f"{Path(tmp).name}.pot"
        copy.write_bytes(path.read_bytes())
    yield copy
    copy.unlink(missing_ok=True)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_fresh(pot: Path, lang: str) -> None:
    report = docs_catalogs.check_fresh(pot, (lang,))
    assert not report.problems, "\n".join(report.problems)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete(lang: str) -> None:
    report = docs_catalogs.check_complete((lang,))
    missing = report.untranslated.get(lang, []) + report.fuzzy.get(lang, [])
    assert not report.problems, "\n".join(report.problems + [f"  {m[:100]}" for m in missing[:20]])


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_passes_msgfmt_check(lang: str) -> None:
    report = docs_catalogs.check_msgfmt((lang,))
    assert not report.problems, "\n".join(report.problems)


def test_docs_pass_sphinx_lint() -> None:
    report = docs_catalogs.check_lint()
    assert not report.problems, "\n".join(report.problems)


def test_generated_reference_stays_out_of_the_catalog(pot: Path) -> None:
    """Phrases and descriptions come from the runtime catalogs, never from docs.pot."""
    from httpi18n.registry import STATUSES

    ids = {msgid for _, msgid in docs_catalogs.msgids(pot)}
    assert "Not Found" not in ids
    assert not any(s.description in ids for s in STATUSES)
