"""Status-code and method reference pages, generated from the registry at build time.

Two directives::

    .. http-status-reference::

       :code: Code
       :phrase: Phrase
       ...

    .. http-method-reference::

       ...

The directive body is a field list of *labels* (column and field names).  It
is ordinary reST, so the labels are translated through the ``docs`` catalog.
Everything else (phrases, descriptions, status classes) comes from
:mod:`httpi18n.registry` and the *runtime* catalogs, via
``httpi18n.localized(code, app.config.language)``: the documentation and the
library can never disagree, and nothing is translated twice.

The directive leaves a placeholder; the tables and sections are built on
``doctree-read`` (after the i18n transform has translated the labels, before
the table of contents is collected).  Generated nodes carry no ``source``, so
Sphinx never treats them as translatable, and the gettext builder gets no
generated content at all: none of it reaches ``docs.pot``.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx

from httpi18n import localized
from httpi18n.catalogs import SHIPPED, translations
from httpi18n.registry import CATEGORIES, METHODS, STATUSES, Reference
from httpi18n.tags import resolve

STATUS_LABELS = (
    "code", "phrase", "category", "specification", "description",
    "registration", "member", "english",
    "permanent", "temporary", "unused", "obsoleted", "no-member",
)
METHOD_LABELS = (
    "method", "description", "specification", "safe", "idempotent", "member",
    "yes", "no", "new-member",
)


class registry_placeholder(nodes.General, nodes.Element):
    """Replaced on ``doctree-read`` by the generated reference."""


class _ReferenceDirective(Directive):
    has_content = True
    kind = ""
    labels: tuple[str, ...] = ()

    def run(self) -> list[nodes.Node]:
        node = registry_placeholder(kind=self.kind)
        self.state.nested_parse(self.content, self.content_offset, node)
        fields = list(node.findall(nodes.field))
        for field in fields:
            field[0]["translatable"] = False  # keys stay English; only labels are translated
        found = {f[0].astext().strip() for f in fields}
        missing = [k for k in self.labels if k not in found]
        if missing:
            raise self.error(f"{self.name}: labels missing: {', '.join(missing)}")
        return [node]


class StatusReference(_ReferenceDirective):
    kind = "status"
    labels = STATUS_LABELS


class MethodReference(_ReferenceDirective):
    kind = "method"
    labels = METHOD_LABELS


def _labels(node: registry_placeholder) -> dict[str, str]:
    return {f[0].astext().strip(): f[1].astext().strip() for f in node.findall(nodes.field)}


def _catalog(app: Sphinx) -> str:
    return resolve(app.config.language or "en", SHIPPED) or "en"


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


def _literal(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.literal(text=text))


def _link(text: str, anchor: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.reference("", text, refid=anchor, internal=True))


def _section(document: nodes.document, anchor: str, title: str) -> nodes.section:
    section = nodes.section(ids=[anchor], names=[anchor])
    section += nodes.title(text=title)
    document.note_implicit_target(section)
    return section


def _status_nodes(app: Sphinx, document: nodes.document, labels: dict[str, str]) -> list[nodes.Node]:
    lang = _catalog(app)
    tr = translations(lang)
    class_label = {slug: tr.pgettext("HTTP status class", CATEGORIES[slug][0]) for slug in CATEGORIES}
    rows = []
    sections = []
    for s in STATUSES:
        text = localized(s.code, lang)
        anchor = f"status-{s.code}"
        rows.append([
            _link(str(s.code), anchor),
            nodes.paragraph(text=str(text)),
            nodes.paragraph(text=class_label[s.category]),
            _refs(s.references),
        ])
        section = _section(document, anchor, f"{s.code} {text}")
        section += nodes.paragraph(text=text.description)
        items: list[tuple[str, nodes.Node]] = [
            (labels["category"], nodes.Text(f"{class_label[s.category]} ({s.code // 100}xx)")),
            (labels["specification"], _refs(s.references)),
            (labels["member"], _literal(f"HTTPStatus.{s.name}") if s.name else nodes.Text(labels["no-member"])),
            (labels["registration"], nodes.Text(labels[s.registration])),
        ]
        if lang != "en":
            # The phrase on the wire; class "wire-phrase" (English on purpose).
            items.append((labels["english"], nodes.paragraph(s.phrase, s.phrase, classes=["wire-phrase"])))
        if s.aliases:
            aliases = nodes.paragraph()
            for i, alias in enumerate(s.aliases):
                if i:
                    aliases += nodes.Text(", ")
                aliases += nodes.literal(text=f"HTTPStatus.{alias}")
            items[2] = (labels["member"], nodes.paragraph("", "", nodes.literal(text=f"HTTPStatus.{s.name}"),
                                                          nodes.Text(" = "), *aliases.children))
        section += _field_list(items)
        sections.append(section)
    headers = [labels["code"], labels["phrase"], labels["category"], labels["specification"]]
    return [_table(headers, rows, [8, 30, 18, 30], ["status-index"]), *sections]


def _method_nodes(app: Sphinx, document: nodes.document, labels: dict[str, str]) -> list[nodes.Node]:
    lang = _catalog(app)
    yes, no = labels["yes"], labels["no"]
    rows = []
    sections = []
    for m in METHODS:
        text = localized(m.token, lang)
        anchor = f"method-{m.token.lower()}"
        rows.append([
            _link(m.token, anchor),
            nodes.paragraph(text=yes if m.safe else no),
            nodes.paragraph(text=yes if m.idempotent else no),
            _refs(m.references),
        ])
        section = _section(document, anchor, m.token)
        section += nodes.paragraph(text=text.description)
        member = nodes.paragraph("", "", nodes.literal(text=f"HTTPMethod.{m.name}"))
        if not m.python_description:
            member += nodes.Text(f" ({labels['new-member']})")
        section += _field_list([
            (labels["safe"], nodes.Text(yes if m.safe else no)),
            (labels["idempotent"], nodes.Text(yes if m.idempotent else no)),
            (labels["specification"], _refs(m.references)),
            (labels["member"], member),
        ])
        sections.append(section)
    headers = [labels["method"], labels["safe"], labels["idempotent"], labels["specification"]]
    return [_table(headers, rows, [20, 10, 10, 40], ["method-index"]), *sections]


def generate(app: Sphinx, doctree: nodes.document) -> None:
    for node in list(doctree.findall(registry_placeholder)):
        if app.builder.name == "gettext":
            # Only the labels are translatable; keep them and generate nothing.
            node.replace_self(node.children)
            continue
        labels = _labels(node)
        build = _status_nodes if node["kind"] == "status" else _method_nodes
        node.replace_self(build(app, doctree, labels))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(registry_placeholder)
    app.add_directive("http-status-reference", StatusReference)
    app.add_directive("http-method-reference", MethodReference)
    # Before the environment collectors (priority 500) so the generated
    # sections reach the table of contents and the search index.
    app.connect("doctree-read", generate, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
