"""Build hook: compile ``locale/<lang>/LC_MESSAGES/*.po`` into the package.

The ``.po`` files under the top-level ``locale/`` are the sources; the ``.mo``
files are build output.  They are written into ``build_lib`` for wheels and,
for editable installs, next to the sources in ``src/httpi18n/locale``.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DOMAINS = ("httpi18n",)


def compile_catalogs(target_pkg_dir: Path) -> list[str]:
    """Compile every runtime catalog under ``locale/`` into *target_pkg_dir*."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for domain in DOMAINS:
        for po_path in sorted((ROOT / "locale").glob(f"*/LC_MESSAGES/{domain}.po")):
            lang = po_path.parent.parent.name
            with po_path.open("rb") as fh:
                catalog = read_po(fh, locale=lang, domain=domain)
            out = target_pkg_dir / "locale" / lang / "LC_MESSAGES" / f"{domain}.mo"
            out.parent.mkdir(parents=True, exist_ok=True)
            with out.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=False)
            written.append(str(out))
    return written


class BuildPyWithCatalogs(build_py):
    """``build_py`` that also compiles the gettext catalogs."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            target = ROOT / "src" / "httpi18n"
        else:
            target = Path(self.build_lib) / "httpi18n"
        compile_catalogs(target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            base = Path(self.build_lib) / "httpi18n" / "locale"
            for domain in DOMAINS:
                for po_path in (ROOT / "locale").glob(f"*/LC_MESSAGES/{domain}.po"):
                    lang = po_path.parent.parent.name
                    outputs.append(os.fspath(base / lang / "LC_MESSAGES" / f"{domain}.mo"))
        return outputs


setup(cmdclass={"build_py": BuildPyWithCatalogs})
