"""Typing: the enum stub matches the registry, and mypy accepts the package and typical use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import gen_stubs  # type: ignore[import-not-found]  # noqa: E402

import mypy  # noqa: E402,F401  (in the test extra: a missing mypy fails, never skips)

USE = '''
from httpi18n import HTTPMethod, HTTPStatus, localized, negotiate
from httpi18n.localize import LocalizedText

status: HTTPStatus = HTTPStatus.NOT_FOUND
alias: HTTPStatus = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
phrase: str = status.phrase
ok: bool = status.is_client_error and HTTPMethod.GET.is_safe
text: LocalizedText = status.localized("ja")
desc: str = localized(404, "fr").description
lang: str | None = negotiate("fr-CH, fr;q=0.9")
'''


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--ignore-missing-imports", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_enum_stub_is_current() -> None:
    assert gen_stubs.STUB.read_text(encoding="utf-8") == gen_stubs.render(), "run python tools/gen_stubs.py"


def test_typical_use_type_checks(tmp_path: Path) -> None:
    good = tmp_path / "good.py"
    good.write_text(USE, encoding="utf-8")
    out = _mypy(str(good))
    assert out.returncode == 0, out.stdout
    bad = tmp_path / "bad.py"
    bad.write_text("from httpi18n import HTTPStatus\nx: str = HTTPStatus.NOT_FOUNDD.phrase\n", encoding="utf-8")
    out = _mypy(str(bad))
    assert out.returncode == 1 and "NOT_FOUNDD" in out.stdout


def test_package_type_checks() -> None:
    out = _mypy("src/httpi18n")
    assert out.returncode == 0, out.stdout
