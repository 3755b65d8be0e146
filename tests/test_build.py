"""The build compiles the catalogs into the package (wheel and sdist)."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("en", "zh_CN", "fr", "ja")


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True)
    return out


def test_wheel_ships_compiled_catalogs_and_py_typed(dist: Path, tmp_path: Path) -> None:
    wheel = next(dist.glob("httpi18n-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for lang in LANGS:
        assert f"httpi18n/locale/{lang}/LC_MESSAGES/httpi18n.mo" in names
    assert "httpi18n/py.typed" in names
    assert "httpi18n/django/templates/httpi18n/error.html" in names  # the Django app's template
    assert not any(n.endswith(".po") for n in names)
    # Installed from the wheel alone, the package speaks Japanese.
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = "import httpi18n, sys; t = httpi18n.localized(404, 'ja'); print(t.language, t != 'Not Found')"
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {code}"],
                         capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.split() == ["ja", "True"]


def test_sdist_carries_the_catalog_sources(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, text=True)
    names = tarfile.open(next(tmp_path.glob("httpi18n-*.tar.gz"))).getnames()
    for lang in LANGS:
        assert any(n.endswith(f"locale/{lang}/LC_MESSAGES/httpi18n.po") for n in names)
    assert any(n.endswith("/babel.cfg") for n in names)
    assert not any(n.endswith(".mo") for n in names)
