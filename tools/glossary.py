"""Fill one language's column of ``locale/glossary.tsv`` from a two-column file.

    python tools/glossary.py show de            # the terms, one "en<TAB>term" line each
    python tools/glossary.py set de terms.tsv   # terms.tsv: "en<TAB>term" lines, any order

``set`` replaces the cells of that column for the English terms the file names
(every term of the glossary must be named: a column is complete or not set),
keeps every other column byte for byte, and holds an exclusive lock on the
glossary while it reads and writes it, so translators working on different
languages at the same time never lose each other's columns.
"""

from __future__ import annotations

import csv
import fcntl
import io
import sys
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parent.parent / "locale" / "glossary.tsv"


def _read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    return list(reader.fieldnames or ()), rows


def _write(columns: list[str], rows: list[dict[str, str]]) -> str:
    lines = ["\t".join(columns)] + ["\t".join(row[c] for c in columns) for row in rows]
    return "".join(line + "\n" for line in lines)


def parse_terms(text: str) -> dict[str, str]:
    """``en<TAB>term`` lines → {en: term}; blank lines and ``#`` comments are skipped."""
    terms: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[1].strip() or "\n" in parts[1]:
            raise ValueError(f"line {number}: want 'english<TAB>term', got {line!r}")
        terms[parts[0].strip()] = parts[1].strip()
    return terms


def set_column(lang: str, terms: dict[str, str], path: Path = GLOSSARY) -> None:
    """Write *terms* into *lang*'s column of the glossary at *path*, under a lock."""
    with open(path, "r+", encoding="utf-8", newline="") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        columns, rows = _read(fh.read())
        if lang not in columns[2:]:
            raise ValueError(f"{lang!r} is not a language column of {path.name}: {', '.join(columns[2:])}")
        known = [row["en"] for row in rows]
        unknown = sorted(set(terms) - set(known))
        missing = [en for en in known if en not in terms]
        if unknown or missing:
            raise ValueError(f"unknown terms: {unknown}; missing terms: {missing}")
        for row in rows:
            row[lang] = terms[row["en"]]
        fh.seek(0)
        fh.write(_write(columns, rows))
        fh.truncate()


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "show":
        columns, rows = _read(GLOSSARY.read_text(encoding="utf-8"))
        if argv[2] not in columns[2:]:
            print(f"unknown language column {argv[2]!r}", file=sys.stderr)
            return 2
        for row in rows:
            print(f"{row['en']}\t{row[argv[2]]}")
        return 0
    if len(argv) == 4 and argv[1] == "set":
        try:
            set_column(argv[2], parse_terms(Path(argv[3]).read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            print(f"glossary: {exc}", file=sys.stderr)
            return 2
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
