"""Helpers shared by the framework integration tests (real servers over loopback), and their
own tests: the template context handed to the engines, and the shared template in Jinja.

The servers run the example files of the documentation (``docs/examples/<framework>``), as
subprocesses: Django's settings are per process, and a subprocess is what a reader runs.
"""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from httpi18n import localized
from httpi18n.errorpages import bcp47

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
_ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)")

#: Traditional Chinese when its catalog has landed, else Simplified (the issue's fallback).
ZH_TW = localized(404, "zh-TW").language == "zh_TW"
ZH_HEADER, ZH_CATALOG = ("zh-TW", "zh_TW") if ZH_TW else ("zh-CN", "zh_CN")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@dataclass
class Running:
    """A server started by :func:`serve`: its base URL and what it printed so far."""

    url: str
    port: int
    log: list[str] = field(default_factory=list)


@contextmanager
def serve(argv: list[str], cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 60) -> Iterator[Running]:
    """Run ``python <argv>`` in *cwd*, listening on 127.0.0.1 and a port the server picks (0).

    The address is read from the server's own start-up line (waitress, uvicorn, Werkzeug all
    print it), so no port is guessed.
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FLASK_"))}
    environ["PYTHONUNBUFFERED"] = "1"
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [environ.get("PYTHONPATH")])])
    environ.update(env or {})
    proc = subprocess.Popen([sys.executable, *argv], cwd=cwd, env=environ, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                            errors="replace")
    log: list[str] = []
    found = threading.Event()
    port: list[int] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            log.append(line)
            m = _ADDRESS.search(line)
            if m and not port:
                port.append(int(m.group(1)))
                found.set()
        found.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + timeout
        while not found.wait(0.1):
            if time.monotonic() > deadline:
                break
        if not port:
            raise AssertionError(f"{argv} did not start:\n{''.join(log)}")
        yield Running(f"http://127.0.0.1:{port[0]}", port[0], log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        reader.join(timeout=5)


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> dict[str, object]:
        data = json.loads(self.body)
        assert isinstance(data, dict)
        return data


def fetch(base: Running, path: str, *, method: str = "GET", headers: Mapping[str, str] | None = None,
          body: bytes | None = None) -> Reply:
    """One request over a fresh loopback connection, as curl would send it."""
    conn = http.client.HTTPConnection("127.0.0.1", base.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=dict(headers or {}))
        resp = conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


def vary(reply: Reply) -> set[str]:
    return {t.strip().lower() for v in reply.headers.get_all("Vary") or [] for t in v.split(",")}


def assert_page(reply: Reply, status: int, catalog: str, fmt: str = "html", message: str | None = None) -> None:
    """*reply* is httpi18n's page of *status* in *catalog* and *fmt* (``html``, ``json``, ``text``)."""
    assert reply.status == status, reply.body[:300]
    assert reply.headers["Content-Language"] == bcp47(catalog)
    assert {"accept", "accept-language"} <= vary(reply)
    text = localized(status, catalog)
    phrase, description = str(text), text.description
    if fmt == "html":
        assert reply.headers["Content-Type"] == "text/html; charset=utf-8"
        page = reply.text
        assert f'<html lang="{bcp47(catalog)}"' in page
        assert f"<h1>{html.escape(phrase)}</h1>" in page
        assert html.escape(description) in page
        if message is not None:
            assert f"<p>{html.escape(message)}</p>" in page
    elif fmt == "json":
        assert reply.headers["Content-Type"] == "application/problem+json"
        data = reply.json()
        assert data["title"] == phrase and data["status"] == status and data["type"] == "about:blank"
        assert description in str(data["detail"])
        if message is not None:
            assert str(data["detail"]).startswith(message)
    else:
        assert reply.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert reply.text.startswith(f"{status} {phrase}\n")
        if message is not None:
            assert message in reply.text


# --- the helpers' own subjects ---------------------------------------------------------


def test_template_context_unescapes_exactly() -> None:
    from httpi18n._integrations import template_context

    raw = "<b>Tom & \"Jerry\"</b> &amp; 'x'"
    values = {"lang": "zh-TW", "code": "404", "title": html.escape("a<b"), "explain": html.escape(raw),
              "message": html.escape(raw), "code_label": "Error code: 404",
              "retry": f"<p>{html.escape(raw)}</p>\n", "style": "p{}"}
    ctx = template_context(values)
    assert ctx["message"] == raw and ctx["description"] == raw and ctx["retry"] == raw
    assert ctx["phrase"] == "a<b" and ctx["code"] == 404
    assert ctx["language"] == "zh-TW" and ctx["catalog"] == "zh_TW" and ctx["direction"] == "ltr"


def test_shared_template_renders_in_jinja_escaped() -> None:
    """The shipped template is valid Jinja; app text is escaped once, the stylesheet not at all."""
    jinja2 = pytest.importorskip("jinja2")
    from markupsafe import Markup

    from httpi18n._integrations import TEMPLATE_DIR, TEMPLATE_NAME

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True)
    page = env.get_template(TEMPLATE_NAME).render(
        code=404, phrase="未検出", description="d", message="<script>x</script>", code_label="c",
        retry="", language="ja", catalog="ja", direction="ltr", style=Markup("a>b{}"),
    )
    assert '<html lang="ja" dir="ltr">' in page and "<h1>未検出</h1>" in page
    assert "<p>&lt;script&gt;x&lt;/script&gt;</p>" in page and "a>b{}" in page
    assert "<p></p>" not in page


def test_examples_exist_for_every_framework() -> None:
    for name in ("django/mysite/settings.py", "django/mysite/urls.py", "django/mysite/wsgi.py",
                 "flask/app.py", "flask/babel_app.py", "fastapi/main.py"):
        assert (EXAMPLES / name).is_file(), name
