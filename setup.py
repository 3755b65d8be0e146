"""Build hook: compile ``locale/<lang>/LC_MESSAGES/*.po`` into the package.

The ``.po`` files under the top-level ``locale/`` are the sources; the ``.mo``
files are build output.  They are written into ``build_lib`` for wheels and,
for editable installs, next to the sources in ``src/httpi18n/locale``.  Only the
catalogs the language table ships are compiled (a draft being written is not).

Project-URLs: the published site's address is one setting, ``HTTPI18N_DOCS_URL``
(the same one ``tools/build_docs.py`` uses for canonical URLs); set it when
building a release and the wheel names the documentation and the changelog; the
source repository is ``HTTPI18N_SOURCE_URL``.  Unset, the wheel names none
rather than an address that does not exist.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DOMAINS = ("httpi18n",)


def shipped_codes() -> tuple[str, ...]:
    """The catalog codes of ``src/httpi18n/languages.py`` (loaded by path: pure data)."""
    spec = importlib.util.spec_from_file_location("_httpi18n_languages", ROOT / "src" / "httpi18n" / "languages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.CODES)


def catalog_sources(domain: str) -> list[Path]:
    """The ``.po`` files of *domain* for the shipped languages, in table order."""
    paths = (ROOT / "locale" / code / "LC_MESSAGES" / f"{domain}.po" for code in shipped_codes())
    return [path for path in paths if path.is_file()]


def project_urls() -> dict[str, str]:
    """Project-URLs from ``HTTPI18N_DOCS_URL`` / ``HTTPI18N_SOURCE_URL`` (none when unset)."""
    urls = {}
    docs = os.environ.get("HTTPI18N_DOCS_URL", "").strip()
    if docs:
        docs = docs.rstrip("/") + "/"
        urls["Documentation"] = docs + "en/"
        urls["Changelog"] = docs + "en/changelog.html"
    source = os.environ.get("HTTPI18N_SOURCE_URL", "").strip()
    if source:
        urls["Source"] = source
    return urls


def compile_catalogs(target_pkg_dir: Path) -> list[str]:
    """Compile every runtime catalog under ``locale/`` into *target_pkg_dir*."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for domain in DOMAINS:
        for po_path in catalog_sources(domain):
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
                for po_path in catalog_sources(domain):
                    lang = po_path.parent.parent.name
                    outputs.append(os.fspath(base / lang / "LC_MESSAGES" / f"{domain}.mo"))
        return outputs


if __name__ == "__main__":  # setuptools runs this file as __main__; tests import its helpers
    setup(cmdclass={"build_py": BuildPyWithCatalogs}, project_urls=project_urls())
