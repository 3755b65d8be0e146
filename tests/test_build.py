"""The build compiles the catalogs into the package (wheel and sdist)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from httpi18n.languages import CODES

ROOT = Path(__file__).resolve().parent.parent
LANGS = CODES
DOCS_URL, SOURCE_URL = "https://docs.example.test/httpi18n", "https://src.example.test/httpi18n"


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    env = {**os.environ, "HTTPI18N_DOCS_URL": DOCS_URL, "HTTPI18N_SOURCE_URL": SOURCE_URL}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, text=True, env=env)
    return out


def test_wheel_names_the_site_from_the_one_base_url(dist: Path) -> None:
    wheel = next(dist.glob("httpi18n-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        metadata = zf.read(next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    urls = [line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Project-URL: ")]
    assert urls == [f"Documentation, {DOCS_URL}/en/", f"Changelog, {DOCS_URL}/en/changelog.html",
                    f"Source, {SOURCE_URL}"]


def test_project_urls_are_absent_without_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        import setup as build_hook  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT))
    monkeypatch.delenv("HTTPI18N_DOCS_URL", raising=False)
    monkeypatch.delenv("HTTPI18N_SOURCE_URL", raising=False)
    assert build_hook.project_urls() == {}
    monkeypatch.setenv("HTTPI18N_DOCS_URL", "https://x.test/docs")  # a trailing slash or not: one form
    assert build_hook.project_urls()["Documentation"] == "https://x.test/docs/en/"


def test_wheel_ships_compiled_catalogs_and_py_typed(dist: Path, tmp_path: Path) -> None:
    wheel = next(dist.glob("httpi18n-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    catalogs = sorted(n.split("/")[2] for n in names if n.endswith("/LC_MESSAGES/httpi18n.mo"))
    assert catalogs == sorted(LANGS)  # every shipped catalog, and no draft being written
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
