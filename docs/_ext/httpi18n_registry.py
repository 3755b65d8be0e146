"""Status-code and method reference, generated from the registry at build time.

Four directives::

    .. http-status-reference::      (statuses.rst: the overview table)

       :code: Code
       :phrase: Phrase
       ...

    .. http-method-reference::      (methods.rst: the overview table)

    .. http-status-page:: 404       (status/404.rst: one page per code)

    .. http-method-page:: GET       (method/get.rst: one page per method)

The body of the two overview directives is a field list of *labels* (column
and field names).  It is ordinary reST, so the labels reach ``docs.pot`` and
are translated through the ``docs`` catalog like any sentence; the per-code
pages look the same English labels up in that catalog (:func:`_labels`), so
each label is translated once.  Everything else (phrases, descriptions,
status classes, the error page preview) comes from :mod:`httpi18n.registry`
and the *runtime* catalogs, via ``httpi18n.localized()``: the documentation
and the library never disagree, and nothing is translated twice.  The table
"in every language" has a row per runtime catalog that the package ships
(:func:`httpi18n.available_languages`), so a new runtime catalog appears on
every per-code page with no change here.

The one-line source files ``status/<code>.rst`` and ``method/<token>.rst``
are written by :func:`write_stubs` when the build starts (they are not
committed: the registry is the source).

The directives leave a placeholder; the content is built on ``doctree-read``
(after the i18n transform has translated the labels, before the table of
contents and the search index are collected).  Generated nodes carry no
``source``, so Sphinx never treats them as translatable, and the gettext
builder gets no generated content at all: none of it reaches ``docs.pot``.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

from httpi18n import available_languages, display_name, localized
from httpi18n.catalogs import translations
from httpi18n.errorpages import bcp47, direction, render_error
from httpi18n.registry import CATEGORIES, METHOD_BY_TOKEN, METHODS, STATUS_BY_CODE, STATUSES, Reference
from httpi18n.tags import resolve

#: Label key → English text.  The English text must be the field body in
#: statuses.rst / methods.rst (checked), which is how it reaches docs.pot.
STATUS_LABELS = {
    "code": "Code",
    "phrase": "Phrase",
    "category": "Category",
    "specification": "Specification",
    "description": "Description",
    "registration": "Registration",
    "member": "Enum member",
    "aliases": "Aliases",
    "cpython": "In CPython",
    "english": "English phrase",
    "permanent": "Permanent",
    "temporary": "Temporary",
    "unused": "Unused",
    "obsoleted": "Obsoleted",
    "no-member": "None (registry only)",
    "not-in-cpython": "Not in CPython",
    "languages": "In every language",
    "language": "Language",
    "preview": "Error page",
    "preview-intro": "The page that the server and the middleware send for this status, in this language:",
}
METHOD_LABELS = {
    "method": "Method",
    "description": "Description",
    "specification": "Specification",
    "safe": "Safe",
    "idempotent": "Idempotent",
    "member": "Enum member",
    "yes": "Yes",
    "no": "No",
    "new-member": "not in CPython",
    "languages": "In every language",
    "language": "Language",
}

STATUS_DIR = "status"
METHOD_DIR = "method"


def status_docname(code: int) -> str:
    return f"{STATUS_DIR}/{code}"


def method_docname(token: str) -> str:
    return f"{METHOD_DIR}/{token.lower()}"


# -- generated sources --------------------------------------------------------------------------


def _write_if_changed(path: Path, text: str) -> None:
    """Write atomically, and only when the content differs (keeps mtimes for incremental builds;
    the four language builds run at once and write the same files)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".stub-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def write_stubs(srcdir: Path) -> None:
    """One ``status/<code>.rst`` per registry code and ``method/<token>.rst`` per method.

    Each holds a single directive: nothing in it is translatable, so the
    stubs add nothing to ``docs.pot``.  Stubs of entries no longer in the
    registry are removed.
    """
    wanted: dict[Path, str] = {}
    for s in STATUSES:
        wanted[srcdir / f"{status_docname(s.code)}.rst"] = f".. http-status-page:: {s.code}\n"
    for m in METHODS:
        wanted[srcdir / f"{method_docname(m.token)}.rst"] = f".. http-method-page:: {m.token}\n"
    for folder in (STATUS_DIR, METHOD_DIR):
        (srcdir / folder).mkdir(exist_ok=True)
        _write_if_changed(srcdir / folder / ".gitignore", "# Written by docs/_ext/httpi18n_registry.py at build time.\n*\n")
        for old in (srcdir / folder).glob("*.rst"):
            if old not in wanted:
                old.unlink(missing_ok=True)
    for path, text in wanted.items():
        _write_if_changed(path, text)


def config_inited(app: Sphinx, config: Config) -> None:
    write_stubs(Path(app.srcdir))


# -- labels ---------------------------------------------------------------------------------------


class registry_placeholder(nodes.General, nodes.Element):
    """Replaced on ``doctree-read`` by the generated reference."""


class lang_span(nodes.Inline, nodes.TextElement):
    """Inline text in another language: ``<span lang="ja">`` in HTML (fonts, screen readers).

    Text of a right-to-left language also carries ``dir="rtl"``: it reads right to left and is
    isolated from the left-to-right page around it.
    """


def _visit_lang_span(self: Any, node: lang_span) -> None:
    attributes = {"lang": node["lang"]}
    if node.get("dir"):
        attributes["dir"] = node["dir"]
    self.body.append(self.starttag(node, "span", "", **attributes))


def _depart_lang_span(self: Any, node: lang_span) -> None:
    self.body.append("</span>")


def _pass(self: Any, node: nodes.Node) -> None:
    pass


class _OverviewDirective(Directive):
    has_content = True
    kind = ""
    labels: dict[str, str] = {}

    def run(self) -> list[nodes.Node]:
        node = registry_placeholder(kind=self.kind)
        self.state.nested_parse(self.content, self.content_offset, node)
        fields = list(node.findall(nodes.field))
        for field in fields:
            field[0]["translatable"] = False  # keys stay English; only labels are translated
        found = {f[0].astext().strip(): f[1].astext().strip() for f in fields}
        missing = [k for k in self.labels if k not in found]
        if missing:
            raise self.error(f"{self.name}: labels missing: {', '.join(missing)}")
        wrong = [k for k, v in self.labels.items() if found[k] != v]
        if wrong:
            raise self.error(f"{self.name}: labels must read as in {__name__}: {', '.join(wrong)}")
        return [node]


class StatusReference(_OverviewDirective):
    kind = "status"
    labels = STATUS_LABELS


class MethodReference(_OverviewDirective):
    kind = "method"
    labels = METHOD_LABELS


class StatusPage(Directive):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        try:
            code = int(self.arguments[0])
            STATUS_BY_CODE[code]
        except (ValueError, KeyError):
            raise self.error(f"{self.name}: not a registered status code: {self.arguments[0]}") from None
        return [registry_placeholder(kind="status-page", key=str(code))]


class MethodPage(Directive):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        token = self.arguments[0]
        if token not in METHOD_BY_TOKEN:
            raise self.error(f"{self.name}: not a registered method: {token}")
        return [registry_placeholder(kind="method-page", key=token)]


class ErrorPreview(Directive):
    """``.. http-error-preview:: 404``: the error page of a status, in the page's language."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        try:
            code = int(self.arguments[0])
        except ValueError:
            raise self.error(f"{self.name}: not a status code: {self.arguments[0]}") from None
        if not 400 <= code <= 599:
            raise self.error(f"{self.name}: only error statuses (400-599) have an error page")
        return [registry_placeholder(kind="preview", key=str(code))]


def _catalog(app: Sphinx) -> str:
    return resolve(app.config.language or "en", available_languages()) or "en"


def _docs_gettext(app: Sphinx) -> Callable[[str], str]:
    """``gettext`` of the documentation catalog (``locale/<lang>/LC_MESSAGES/docs.mo``)."""
    from sphinx.locale import init

    if _catalog(app) == "en":
        return lambda text: text
    dirs = [str(Path(app.srcdir, d)) for d in app.config.locale_dirs]
    translator, _ = init(dirs, app.config.language, "docs", "httpi18n-registry")
    return translator.gettext


def _labels(app: Sphinx, english: dict[str, str]) -> dict[str, str]:
    gettext = _docs_gettext(app)
    return {key: gettext(text) for key, text in english.items()}


def _note_dependencies(app: Sphinx) -> None:
    """The generated pages change with the docs catalog and the runtime catalogs."""
    env = app.env
    lang = _catalog(app)
    for d in app.config.locale_dirs:
        mo = Path(app.srcdir, d, app.config.language or "en", "LC_MESSAGES", "docs.mo")
        if mo.is_file():
            env.note_dependency(str(mo))
    import httpi18n

    package = Path(httpi18n.__file__).parent
    env.note_dependency(str(package / "registry.py"))
    for mo in sorted((package / "locale").glob("*/LC_MESSAGES/*.mo")):
        env.note_dependency(str(mo))
    del lang


# -- node helpers ---------------------------------------------------------------------------------


def _refs(references: tuple[Reference, ...]) -> nodes.paragraph:
    para = nodes.paragraph()
    for i, ref in enumerate(references):
        if i:
            para += nodes.Text("; ")
        # "RFC 9110 §15.5.5": the same in every language, no English word.
        label = f"{ref.document} §{ref.section}" if ref.section else ref.document
        para += nodes.reference("", label, refuri=ref.url, internal=False)
    return para


def _table(headers: list[str], rows: list[list[nodes.Node]], widths: list[int], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=["registry-index", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", nodes.paragraph(text=h))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell if not isinstance(cell, nodes.Text) else nodes.paragraph("", "", cell)
            row += entry
        body += row
    return table


def _field_list(items: list[tuple[str, nodes.Node]]) -> nodes.field_list:
    fl = nodes.field_list(classes=["registry-fields"])
    for name, body in items:
        field = nodes.field()
        field += nodes.field_name(text=name)
        fb = nodes.field_body()
        fb += body if isinstance(body, nodes.Element) else nodes.paragraph("", "", body)
        field += fb
        fl += field
    return fl


def _code_ref(text: str, target: str, reftype: str = "attr") -> addnodes.pending_xref:
    """``HTTPStatus.NOT_FOUND`` linked to its entry in the API reference."""
    ref = addnodes.pending_xref("", refdomain="py", reftype=reftype, reftarget=target, refexplicit=True,
                                refwarn=True)
    ref += nodes.literal(text=text)
    return ref


def _doc_link(text: str, docname: str) -> nodes.paragraph:
    ref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{docname}", refexplicit=True,
                                refwarn=True)
    ref += nodes.inline(text=text)
    return nodes.paragraph("", "", ref)


def _section(document: nodes.document, anchor: str, title: str) -> nodes.section:
    section = nodes.section(ids=[anchor], names=[anchor])
    section += nodes.title(text=title)
    document.note_implicit_target(section)
    return section


def _in(lang: str, text: str) -> nodes.paragraph:
    span = lang_span(text, text, lang=bcp47(lang))
    if direction(lang) == "rtl":
        span["dir"] = "rtl"
    return nodes.paragraph("", "", span)


def _languages_table(labels: dict[str, str], rows: list[tuple[str, str, str]], with_phrase: bool) -> nodes.table:
    """One row per runtime catalog: language, (phrase,) description, each marked with its ``lang``."""
    body = []
    for lang, phrase, description in rows:
        cells: list[nodes.Node] = [_in(lang, display_name(lang))]
        if with_phrase:
            cells.append(_in(lang, phrase))
        cells.append(_in(lang, description))
        body.append(cells)
    if with_phrase:
        return _table([labels["language"], labels["phrase"], labels["description"]], body, [12, 22, 60],
                      ["languages-table"])
    return _table([labels["language"], labels["description"]], body, [12, 70], ["languages-table"])


def _error_preview(code: int, lang: str, labels: dict[str, str]) -> nodes.raw:
    """The server's real error page for *code* in *lang*, in a sandboxed ``<iframe srcdoc>``."""
    page = render_error(code, lang, "text/html").body.decode("utf-8")
    title = html.escape(f"{labels['preview']}: {code}", quote=True)
    # Not lazy: one small frame per page, and it must be there when the page is printed or captured.
    markup = (f'<iframe class="error-preview" title="{title}" sandbox="" '
              f'srcdoc="{html.escape(page, quote=True)}"></iframe>')
    return nodes.raw("", markup, format="html")


# -- the four generators --------------------------------------------------------------------------


def _class_labels(lang: str) -> dict[str, str]:
    tr = translations(lang)
    return {slug: tr.pgettext("HTTP status class", CATEGORIES[slug][0]) for slug in CATEGORIES}


def _status_overview(app: Sphinx, document: nodes.document, labels: dict[str, str]) -> list[nodes.Node]:
    lang = _catalog(app)
    class_label = _class_labels(lang)
    rows = []
    for s in STATUSES:
        rows.append([
            _doc_link(str(s.code), status_docname(s.code)),
            nodes.paragraph(text=str(localized(s.code, lang))),
            nodes.paragraph(text=class_label[s.category]),
            _refs(s.references),
        ])
    headers = [labels["code"], labels["phrase"], labels["category"], labels["specification"]]
    return [_table(headers, rows, [8, 30, 18, 30], ["status-index"])]


def _method_overview(app: Sphinx, document: nodes.document, labels: dict[str, str]) -> list[nodes.Node]:
    yes, no = labels["yes"], labels["no"]
    rows = []
    for m in METHODS:
        rows.append([
            _doc_link(m.token, method_docname(m.token)),
            nodes.paragraph(text=yes if m.safe else no),
            nodes.paragraph(text=yes if m.idempotent else no),
            _refs(m.references),
        ])
    headers = [labels["method"], labels["safe"], labels["idempotent"], labels["specification"]]
    return [_table(headers, rows, [20, 10, 10, 40], ["method-index"])]


def _status_page(app: Sphinx, document: nodes.document, code: int) -> list[nodes.Node]:
    lang = _catalog(app)
    labels = _labels(app, STATUS_LABELS)
    s = STATUS_BY_CODE[code]
    text = localized(code, lang)
    class_label = _class_labels(lang)
    section = _section(document, f"status-{code}", f"{code} {text}")
    section += nodes.paragraph(text=text.description)
    if s.name:
        member: nodes.Node = nodes.paragraph("", "", _code_ref(f"HTTPStatus.{s.name}", "httpi18n.HTTPStatus", "class"))
        cpython: nodes.Node = nodes.paragraph("", "", nodes.literal(text=f"http.HTTPStatus.{s.name}"))
    else:
        member = nodes.Text(labels["no-member"])
        cpython = nodes.Text(labels["not-in-cpython"])
    items: list[tuple[str, nodes.Node]] = [
        (labels["category"], nodes.Text(f"{class_label[s.category]} ({code // 100}xx)")),
        (labels["specification"], _refs(s.references)),
        (labels["member"], member),
    ]
    if s.aliases:
        aliases = nodes.paragraph()
        for i, alias in enumerate(s.aliases):
            if i:
                aliases += nodes.Text(", ")
            aliases += nodes.literal(text=f"HTTPStatus.{alias}")
        items.append((labels["aliases"], aliases))
    items.append((labels["cpython"], cpython))
    items.append((labels["registration"], nodes.Text(labels[s.registration])))
    if lang != "en":
        # The phrase on the wire; class "wire-phrase" (English on purpose).
        items.append((labels["english"], nodes.paragraph(s.phrase, s.phrase, classes=["wire-phrase"])))
    section += _field_list(items)

    every = _section(document, "in-every-language", labels["languages"])
    rows = []
    for other in available_languages():
        t = localized(code, other)
        rows.append((other, str(t), t.description))
    every += _languages_table(labels, rows, with_phrase=True)
    section += every

    if code >= 400:
        preview = _section(document, "error-page", labels["preview"])
        preview += nodes.paragraph(text=labels["preview-intro"])
        preview += _error_preview(code, lang, labels)
        section += preview
    return [section]


def _method_page(app: Sphinx, document: nodes.document, token: str) -> list[nodes.Node]:
    lang = _catalog(app)
    labels = _labels(app, METHOD_LABELS)
    m = METHOD_BY_TOKEN[token]
    yes, no = labels["yes"], labels["no"]
    section = _section(document, f"method-{token.lower()}", token)
    section += nodes.paragraph(text=localized(token, lang).description)
    member = nodes.paragraph("", "", _code_ref(f"HTTPMethod.{m.name}", "httpi18n.HTTPMethod", "class"))
    if not m.python_description:
        member += nodes.Text(f" ({labels['new-member']})")
    section += _field_list([
        (labels["safe"], nodes.Text(yes if m.safe else no)),
        (labels["idempotent"], nodes.Text(yes if m.idempotent else no)),
        (labels["specification"], _refs(m.references)),
        (labels["member"], member),
    ])
    every = _section(document, "in-every-language", labels["languages"])
    rows = [(other, token, localized(token, other).description) for other in available_languages()]
    every += _languages_table(labels, rows, with_phrase=False)
    section += every
    return [section]


def generate(app: Sphinx, doctree: nodes.document) -> None:
    placeholders = list(doctree.findall(registry_placeholder))
    if placeholders and app.builder.name != "gettext":
        _note_dependencies(app)
    for node in placeholders:
        if app.builder.name == "gettext":
            # Only the labels are translatable; keep them and generate nothing.
            node.replace_self(node.children)
            continue
        kind = node["kind"]
        if kind == "status":
            new = _status_overview(app, doctree, _labels(app, STATUS_LABELS))
        elif kind == "method":
            new = _method_overview(app, doctree, _labels(app, METHOD_LABELS))
        elif kind == "preview":
            new = [_error_preview(int(node["key"]), _catalog(app), _labels(app, STATUS_LABELS))]
        elif kind == "status-page":
            new = _status_page(app, doctree, int(node["key"]))
        else:
            new = _method_page(app, doctree, node["key"])
        node.replace_self(new)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(registry_placeholder)
    app.add_node(lang_span, html=(_visit_lang_span, _depart_lang_span), latex=(_pass, _pass),
                 text=(_pass, _pass), man=(_pass, _pass), texinfo=(_pass, _pass))
    app.add_directive("http-status-reference", StatusReference)
    app.add_directive("http-method-reference", MethodReference)
    app.add_directive("http-status-page", StatusPage)
    app.add_directive("http-method-page", MethodPage)
    app.add_directive("http-error-preview", ErrorPreview)
    app.connect("config-inited", config_inited)
    # Before the environment collectors (priority 500) so the generated
    # sections reach the table of contents and the search index.
    app.connect("doctree-read", generate, priority=100)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
