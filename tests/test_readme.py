"""The README's examples run as written."""

from __future__ import annotations

import doctest
from pathlib import Path

import httpi18n

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples() -> None:
    with httpi18n.language("en"):
        result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 6
    assert result.failed == 0


def test_package_docstring_examples() -> None:
    result = doctest.testmod(httpi18n)
    assert result.failed == 0
