"""The development lock covers everything the project's commands install."""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements" / "lock.txt"


def _name(requirement: str) -> str:
    """The normalised project name of a requirement line (PEP 503)."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group(1)).lower()


def _pinned() -> dict[str, set[str]]:
    pins: dict[str, set[str]] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            m = re.fullmatch(r"([^=\s;]+)==([^\s;]+)(\s*;.*)?", line)
            assert m, f"not an exact pin: {line!r}"
            pins.setdefault(_name(m.group(1)), set()).add(m.group(2))
    return pins


def _wanted() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if tomllib is not None:
        data = tomllib.loads(text)
        reqs = [r for extra in ("test", "docs") for r in data["project"]["optional-dependencies"][extra]]
    else:  # 3.10: the extras' quoted strings
        block = text.split("[project.optional-dependencies]", 1)[1].split("\n[", 1)[0]
        reqs = re.findall(r'"([^"]+)"', block)
    for path in (ROOT / "requirements").glob("*.in"):
        reqs += [l.split("#", 1)[0] for l in path.read_text(encoding="utf-8").splitlines()]
    return {_name(r) for r in reqs if r.strip()}


def test_every_tool_is_pinned() -> None:
    pins = _pinned()
    missing = sorted(_wanted() - set(pins))
    assert missing == [], f"not in requirements/lock.txt (run `make lock`): {missing}"
    assert {"pip", "setuptools", "babel", "pytest", "sphinx"} <= set(pins)


def test_runtime_dependencies_stay_ranges() -> None:
    """Users get ranges; only the development tool-chain is pinned."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    deps = re.search(r"^dependencies = \[(.*?)\]", text, re.S | re.M)
    assert deps is not None
    assert "==" not in deps.group(1)


def test_commands_install_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [l for l in makefile.splitlines() if "pip install" in l or "$(PIP)" in l]
    assert installs and all("$(PIP)" in l or "-c $(LOCK)" in l for l in installs), installs
    assert re.search(r"^PIP := .*-c \$\(LOCK\)", makefile, re.M)
