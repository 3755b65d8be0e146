"""Catalog workflow: extract, update, compile and check the runtime catalogs.

    python tools/catalogs.py extract   # locale/httpi18n.pot from the sources (babel.cfg)
    python tools/catalogs.py update    # merge the .pot into every locale/<lang>/.../httpi18n.po
    python tools/catalogs.py update fr ja   # ... into these languages only
    python tools/catalogs.py compile   # .po -> src/httpi18n/locale/<lang>/LC_MESSAGES/httpi18n.mo
    python tools/catalogs.py check     # stale .pot, untranslated/fuzzy entries: non-zero exit
    python tools/catalogs.py check de  # ... of these catalogs only (a planned language's draft too)

A language being written (a row of ``PLANNED`` in ``src/httpi18n/languages.py``)
is started with ``update <code>``; its draft is not shipped until the row moves
to ``LANGUAGES``.  To run the catalog gates on drafts before that, name them in
``HTTPI18N_DRAFTS`` (``HTTPI18N_DRAFTS=de,es pytest tests/test_catalogs.py -k de``).

``extract`` is Babel's extraction with ``babel.cfg``, the same as

    PYTHONPATH=. pybabel extract -F babel.cfg -k NP_:1c,2 -k N_ \
        --add-comments=TRANSLATORS: --no-location -w 100 -o locale/httpi18n.pot .

with the project's header and no creation date.  ``check`` calls the template
stale only when its messages differ (ids, contexts, comments, flags, order), never
for a header such as ``Generated-By`` that changes with the Babel release.

The English catalog is kept complete by ``update`` (msgstr = msgid), so every
language, English included, is a real catalog the runtime can load.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.frontend import parse_mapping_cfg  # noqa: E402
from babel.messages.mofile import write_mo  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

DOMAIN = "httpi18n"


def _languages_table() -> Any:
    """``src/httpi18n/languages.py``, loaded by path (no package import)."""
    path = ROOT / "src" / "httpi18n" / "languages.py"
    spec = importlib.util.spec_from_file_location("_httpi18n_languages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TABLE = _languages_table()
#: Every runtime catalog, from the package's one language table.
LANGS: tuple[str, ...] = tuple(_TABLE.CODES)
#: Drafts of planned languages the gates should check too (``HTTPI18N_DRAFTS=de,es``).
DRAFTS: tuple[str, ...] = tuple(
    code for code in re.split(r"[\s,]+", os.environ.get("HTTPI18N_DRAFTS", "")) if code
    and code in _TABLE.ALL_BY_CODE and code not in LANGS)


def new_catalog(lang: str) -> Catalog:
    """An empty catalog for *lang* whose ``Plural-Forms`` is the language table's, not Babel's.

    (Babel's CLDR-derived expression has three forms for fr, es, it, pt and pt_BR, and the
    Brazilian rule for European pt; the table's rule is what the catalog gates check.)
    """
    catalog = Catalog(locale=lang, domain=DOMAIN, project="httpi18n", version="0.1",
                      copyright_holder="The httpi18n developers", charset="utf-8", fuzzy=False)
    forms = _TABLE.ALL_BY_CODE[lang].plural.forms  # 'nplurals=2; plural=(n > 1);'
    nplurals, expr = (part.split("=", 1)[1].strip() for part in forms.rstrip(";").split(";", 1))
    catalog._num_plurals, catalog._plural_expr = int(nplurals), expr  # Babel keeps a read header here too
    return catalog
POT = ROOT / "locale" / f"{DOMAIN}.pot"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "N_": None,
    "NP_": ((1, "c"), 2),
}


def po_path(lang: str) -> Path:
    return ROOT / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def build_template() -> Catalog:
    """Extract every message of the runtime into a fresh catalog."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    catalog = Catalog(project="httpi18n", version="0.1", copyright_holder="The httpi18n developers",
                      msgid_bugs_address="", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def _dump(catalog: Catalog, **kw: object) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, omit_header=False, no_location=True, sort_output=False,
             include_previous=False, **kw)
    return b"\n".join(l for l in buf.getvalue().split(b"\n") if not l.startswith(b'"POT-Creation-Date'))


def extract() -> None:
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(_dump(build_template()))
    print(f"wrote {POT.relative_to(ROOT)}")


def update(langs: tuple[str, ...] = LANGS) -> None:
    for lang in langs:
        with open(POT, "rb") as fh:  # fresh per language: Catalog.update shares Message objects
            template = read_po(fh)
        path = po_path(lang)
        if path.exists():
            with open(path, "rb") as fh:
                catalog = read_po(fh, locale=lang)
        else:
            catalog = new_catalog(lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        for msg in catalog:  # keep translator comments in step with the sources
            src = template.get(msg.id, msg.context) if msg.id else None
            if src is not None:
                msg.auto_comments = list(src.auto_comments)
        catalog.obsolete.clear()
        if lang == "en":  # the source text is the English translation; plurals: one form each
            for msg in catalog:
                if not msg.id:
                    continue
                if isinstance(msg.id, (tuple, list)):
                    if not all(msg.string):
                        msg.string = tuple(msg.id)
                elif not msg.string:
                    msg.string = msg.id
        catalog.fuzzy = False
        catalog.last_translator = "The httpi18n translators"
        catalog.language_team = f"{lang} (httpi18n)"
        if catalog.revision_date is None or isinstance(catalog.revision_date, str):
            catalog.revision_date = catalog.creation_date
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_dump(catalog))
        print(f"updated {path.relative_to(ROOT)}")


def compile_all(target: Path = ROOT / "src" / "httpi18n") -> None:
    for lang in LANGS:
        path = po_path(lang)
        if not path.exists():
            continue
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=lang, domain=DOMAIN)
        out = target / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=False)
        partial = out.with_name(f".{out.name}.{os.getpid()}")  # a reader never sees half a file
        partial.write_bytes(buf.getvalue())
        os.replace(partial, out)


def _read(path: Path) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh)


def _entries(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a template says, in order: ids, contexts, comments and flags.

    Tool-version and date headers (``Generated-By``, the copyright year) are left out, so a
    new Babel release or a new year does not make a fresh template differ from the committed one.
    """
    def words(comments: list[str]) -> list[str]:  # a written .pot wraps long comments
        return " ".join(comments).split()

    return [(m.context, m.id, words(m.auto_comments), words(m.user_comments), sorted(m.flags))
            for m in catalog if m.id]


def problems(langs: tuple[str, ...] = LANGS) -> list[str]:
    """Everything that makes the catalogs *langs* unfit to ship (empty list: all good)."""
    found = []
    if not POT.exists() or _entries(_read(POT)) != _entries(build_template()):
        found.append(f"{POT.relative_to(ROOT)} is stale: run `make extract update`")
    with open(POT, "rb") as fh:
        template = read_po(fh)
    wanted = {(m.id, m.context) for m in template if m.id}
    for lang in langs:
        path = po_path(lang)
        if not path.exists():
            found.append(f"{lang}: no catalog at {path.relative_to(ROOT)}")
            continue
        with open(path, "rb") as fh:
            catalog = read_po(fh, locale=lang)
        have = {(m.id, m.context) for m in catalog if m.id}
        for key in sorted(wanted - have, key=str):
            found.append(f"{lang}: missing entry {key!r}")
        for m in catalog:
            if not m.id:
                continue
            if not m.string:
                found.append(f"{lang}: untranslated {m.context!r} {m.id!r}")
            if m.fuzzy:
                found.append(f"{lang}: fuzzy {m.context!r} {m.id!r}")
        if catalog.obsolete:
            found.append(f"{lang}: {len(catalog.obsolete)} obsolete entries")
    return found


def main(argv: list[str]) -> int:
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "extract":
        extract()
    elif cmd == "update":
        unknown = [lang for lang in argv[2:] if lang not in _TABLE.ALL_BY_CODE]
        if unknown:
            print(f"unknown catalog(s): {', '.join(unknown)}; one of: {', '.join(_TABLE.ALL_BY_CODE)}")
            return 2
        update(tuple(argv[2:]) or LANGS)
    elif cmd == "compile":
        compile_all()
    elif cmd == "check":
        unknown = [lang for lang in argv[2:] if lang not in _TABLE.ALL_BY_CODE]
        if unknown:
            print(f"unknown catalog(s): {', '.join(unknown)}; one of: {', '.join(_TABLE.ALL_BY_CODE)}")
            return 2
        issues = problems(tuple(argv[2:]) or LANGS)
        for line in issues:
            print(line)
        return 1 if issues else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
