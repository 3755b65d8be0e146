#!/usr/bin/env python3
"""Check the documentation catalogs (``locale/<lang>/LC_MESSAGES/docs.po``).

    python tools/docs_catalogs.py            # every check, exit 1 on a problem
    python tools/docs_catalogs.py --list     # also print each untranslated msgid
    python tools/docs_catalogs.py --update   # regenerate the .pot, run sphinx-intl update

Checks:

* **fresh**: the msgids of each ``docs.po`` are exactly those the gettext
  builder extracts from ``docs/`` now (built into a temporary folder);
* **complete**: no untranslated and no fuzzy entry;
* **msgfmt**: ``msgfmt --check`` accepts the catalog;
* **lint**: ``sphinx-lint`` accepts ``docs/``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LOCALE = ROOT / "locale"
LANGUAGES = ("zh_CN", "fr", "ja")
DOMAIN = "docs"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _key(message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
    return (message.context, msgid)


def extract_pot(out_dir: Path) -> Path:
    """Run Sphinx's gettext builder into *out_dir*; return the ``docs.pot`` path."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-W", "-E",
           "-d", str(out_dir / ".doctrees"), str(DOCS), str(out_dir)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise RuntimeError(f"gettext builder failed:\n{proc.stdout}{proc.stderr}")
    return out_dir / f"{DOMAIN}.pot"


def msgids(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as f:
        catalog = read_po(f)
    return {_key(m) for m in catalog if m.id}


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    untranslated: dict[str, list[str]] = field(default_factory=dict)
    fuzzy: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, text: str) -> None:
        self.problems.append(text)


def check_fresh(pot: Path, languages: tuple[str, ...] = LANGUAGES, report: Report | None = None) -> Report:
    report = report or Report()
    wanted = msgids(pot)
    for lang in languages:
        path = po_path(lang)
        if not path.is_file():
            report.fail(f"{path.relative_to(ROOT)}: missing (run: python tools/docs_catalogs.py --update)")
            continue
        have = msgids(path)
        missing, extra = wanted - have, have - wanted
        if missing or extra:
            report.fail(f"{path.relative_to(ROOT)}: stale, {len(missing)} msgids missing and {len(extra)} obsolete "
                        "(run: python tools/docs_catalogs.py --update)")
    return report


def check_complete(languages: tuple[str, ...] = LANGUAGES, report: Report | None = None) -> Report:
    report = report or Report()
    for lang in languages:
        path = po_path(lang)
        if not path.is_file():
            continue
        with path.open("rb") as f:
            catalog = read_po(f)
        if catalog.fuzzy:
            report.fail(f"{path.relative_to(ROOT)}: the header is marked fuzzy")
        untranslated = [_key(m)[1] for m in catalog if m.id and not m.string]
        fuzzy = [_key(m)[1] for m in catalog if m.id and m.fuzzy]
        report.untranslated[lang] = untranslated
        report.fuzzy[lang] = fuzzy
        if untranslated:
            report.fail(f"{path.relative_to(ROOT)}: {len(untranslated)} untranslated entries")
        if fuzzy:
            report.fail(f"{path.relative_to(ROOT)}: {len(fuzzy)} fuzzy entries")
    return report


def check_msgfmt(languages: tuple[str, ...] = LANGUAGES, report: Report | None = None) -> Report:
    report = report or Report()
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        report.fail("msgfmt not found (apt-get install gettext)")
        return report
    for lang in languages:
        path = po_path(lang)
        if not path.is_file():
            continue
        proc = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        if proc.returncode:
            report.fail(f"{path.relative_to(ROOT)}: msgfmt --check failed:\n{proc.stderr.strip()}")
    return report


def check_lint(report: Report | None = None) -> Report:
    report = report or Report()
    proc = subprocess.run([sys.executable, "-m", "sphinxlint", str(DOCS)], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        report.fail(f"sphinx-lint docs/ failed:\n{(proc.stdout + proc.stderr).strip()}")
    return report


def update(languages: tuple[str, ...] = LANGUAGES) -> None:
    """Regenerate the template into ``build/gettext`` and merge it into every ``docs.po``."""
    out = ROOT / "build" / "gettext"
    shutil.rmtree(out, ignore_errors=True)
    extract_pot(out)
    # Only the documentation catalog: the gettext builder also writes sphinx.pot
    # (the templates' words), which the theme-chrome extension translates itself.
    for other in out.glob("*.pot"):
        if other.name != f"{DOMAIN}.pot":
            other.unlink()
    cmd = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(out), "-d", str(LOCALE)]
    for lang in languages:
        cmd += ["-l", lang]
    subprocess.run(cmd, cwd=ROOT, check=True)


def run_all(languages: tuple[str, ...] = LANGUAGES) -> Report:
    report = Report()
    with tempfile.TemporaryDirectory(prefix="docs-gettext-") as tmp:
        try:
            pot = extract_pot(Path(tmp))
        except RuntimeError as exc:
            report.fail(str(exc))
        else:
            check_fresh(pot, languages, report)
    check_complete(languages, report)
    check_msgfmt(languages, report)
    check_lint(report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the documentation catalogs.")
    parser.add_argument("--list", action="store_true", help="print every untranslated or fuzzy msgid")
    parser.add_argument("--update", action="store_true", help="regenerate the .pot and update every docs.po first")
    parser.add_argument("-l", "--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)")
    args = parser.parse_args(argv)
    languages = tuple(args.lang) if args.lang else LANGUAGES
    if args.update:
        update(languages)
    report = run_all(languages)
    if args.list:
        for lang in languages:
            for msgid in report.untranslated.get(lang, []):
                print(f"{lang}\tuntranslated\t{msgid}")
            for msgid in report.fuzzy.get(lang, []):
                print(f"{lang}\tfuzzy\t{msgid}")
    for problem in report.problems:
        print(f"FAIL {problem}", file=sys.stderr)
    if not report.problems:
        print("docs catalogs OK: fresh, complete, msgfmt --check, sphinx-lint")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
