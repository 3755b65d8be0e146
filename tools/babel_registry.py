"""Babel extractor for ``src/httpi18n/registry.py``.

The registry is plain data, so instead of wrapping every string in a gettext
call we read the table with :mod:`ast` and emit one ``pgettext`` entry per
status phrase, status description, method description and status class, each
with a msgctxt (so "Found" or "Gone" are never ambiguous) and a translator
comment saying what the entry means and where it is specified.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

Entry = tuple[int, str, tuple[str, str], list[str]]


def _const(node: ast.AST) -> Any:
    return ast.literal_eval(node)


def _refs(node: ast.AST) -> str:
    """Render the references argument (``_rfc(9110, "15.5.5")`` calls, tuples, sums)."""
    if isinstance(node, ast.BinOp):
        return f"{_refs(node.left)}; {_refs(node.right)}"
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_rfc":
        number = _const(node.args[0])
        sections = [_const(a) for a in node.args[1:]]
        return "; ".join(f"RFC {number}, Section {s}" for s in sections) or f"RFC {number}"
    if isinstance(node, ast.Tuple):
        parts = []
        for elt in node.elts:
            if isinstance(elt, ast.Call):
                parts.append(" ".join(str(_const(a)) for a in elt.args))
        return "; ".join(parts)
    return ""


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Entry]:
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "CATEGORIES" for t in node.targets):
            pass
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "CATEGORIES":
            for key, value in zip(node.value.keys, node.value.values):  # type: ignore[union-attr]
                slug = _const(key)
                label, desc = _const(value)
                note = f"Name of the class of HTTP status codes '{slug}' (RFC 9110, Section 15)."
                yield (key.lineno, "pgettext", ("HTTP status class", label), [note])
                yield (key.lineno, "pgettext", ("HTTP status class description", desc),
                       [f"Description of the class of HTTP status codes '{slug}' (RFC 9110, Section 15)."])
        if not isinstance(node, ast.Call) or getattr(node.func, "id", "") not in ("_S", "_M"):
            continue
        args = node.args
        kwargs = {k.arg: _const(k.value) for k in node.keywords}
        if node.func.id == "_S":
            code, name, phrase, description = (_const(a) for a in args[:4])
            refs = _refs(args[5])
            registration = kwargs.get("registration", "permanent")
            extra = "" if registration == "permanent" else f" Registration: {registration}."
            yield (node.lineno, "pgettext", (f"HTTP status {code}", phrase),
                   [f"Reason phrase of HTTP status code {code} ({refs}).{extra} "
                    "Short, title-like; shown as a page title."])
            yield (node.lineno, "pgettext", (f"HTTP status {code} description", description),
                   [f"What HTTP status code {code} '{phrase}' means ({refs}). One or two sentences."])
        else:
            token, description = _const(args[0]), _const(args[1])
            safe, idem = _const(args[3]), _const(args[4])
            refs = _refs(args[5])
            flags = ", ".join(f for f, on in (("safe", safe), ("idempotent", idem)) if on) or "neither safe nor idempotent"
            yield (node.lineno, "pgettext", (f"HTTP method {token}", description),
                   [f"What the HTTP request method {token} does ({refs}; {flags}). "
                    "The method name itself is never translated."])
