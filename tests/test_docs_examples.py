"""The example files of the middleware guide run as written.

Each ``.. code-block:: python`` with a ``:caption:`` in ``docs/middleware.rst``
is a file; the ``console`` block after a group of files names the server
command (``waitress-serve …`` or ``uvicorn …``).  The test writes the files
into a temporary folder, starts that command on a free port of 127.0.0.1,
and asks for pages: the application's own page, then an error page in
French or Japanese, which must be the localized page.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from httpi18n import localized

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "middleware.rst"

pytestmark = pytest.mark.slow


@dataclass
class Example:
    files: dict[str, str] = field(default_factory=dict)
    command: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Every ``code-block``: (language, options, dedented body)."""
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        m = re.match(r"^\.\. code-block:: (\w+)\s*$", lines[i])
        if not m:
            i += 1
            continue
        i += 1
        options = {}
        while i < len(lines) and re.match(r"^   :(\w+):\s*(.*)$", lines[i]):
            key, value = re.match(r"^   :(\w+):\s*(.*)$", lines[i]).groups()
            options[key] = value
            i += 1
        body = []
        while i < len(lines) and (not lines[i].strip() or lines[i].startswith("   ")):
            body.append(lines[i][3:])
            i += 1
        found.append((m.group(1), options, "\n".join(body).strip("\n") + "\n"))
    return found


def examples() -> list[Example]:
    """The guide's examples: files grouped up to the console block that runs them."""
    result = []
    current = Example()
    for lang, options, body in _blocks(GUIDE.read_text(encoding="utf-8")):
        if lang == "python" and "caption" in options:
            current.files[options["caption"]] = body
        elif lang == "console" and current.files:
            for line in body.splitlines():
                if line.startswith("$ ") and ("waitress-serve" in line or "uvicorn" in line):
                    current.command = shlex.split(line[2:])
            assert current.command, f"no server command after {sorted(current.files)}"
            result.append(current)
            current = Example()
    return result


EXAMPLES = {next(iter(e.files)): e for e in examples()}


def test_guide_has_an_example_per_framework() -> None:
    assert set(EXAMPLES) == {"flask_app.py", "mysite/wsgi.py", "fastapi_app.py", "starlette_app.py",
                             "wsgi_app.py", "asgi_app.py"}
    django = EXAMPLES["mysite/wsgi.py"]
    assert "DJANGO_SETTINGS_MODULE" in django.files["mysite/wsgi.py"]
    assert {"mysite/settings.py", "mysite/urls.py"} <= set(django.files)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _argv(command: list[str], port: int) -> list[str]:
    """The documented command, on *port*, with this interpreter's copy of the server."""
    args = [a.replace("8000", str(port)) for a in command]
    if args[0] == "waitress-serve":
        return [sys.executable, "-m", "waitress", *args[1:]]
    if args[0] == "uvicorn":
        return [sys.executable, "-m", "uvicorn", *args[1:], "--log-level", "warning"]
    raise AssertionError(f"unexpected server command {command}")


def _get(url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture
def run_example(tmp_path: Path):
    procs = []

    def start(name: str) -> str:
        example = EXAMPLES[name]
        for rel, text in example.files.items():
            path = tmp_path / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if path.parent != tmp_path:
                (path.parent / "__init__.py").touch()  # "and an empty mysite/__init__.py"
        port = _free_port()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT / "src")]))
        env.pop("DJANGO_SETTINGS_MODULE", None)
        proc = subprocess.Popen(_argv(example.command, port), cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        procs.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise AssertionError(f"{name}: the server exited:\n{proc.stdout.read().decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"{name}: the server did not start in 30 s")

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _assert_localized_html(status: int, headers: dict[str, str], body: bytes, code: int, lang: str) -> None:
    assert status == code
    assert headers.get("content-type", "").startswith("text/html")
    assert headers.get("content-language") == lang
    assert str(localized(code, lang)) in body.decode("utf-8")


@pytest.mark.parametrize("name, ok_path", [
    ("flask_app.py", "/"), ("mysite/wsgi.py", "/"), ("starlette_app.py", "/"),
    ("wsgi_app.py", "/"), ("asgi_app.py", "/"),
])
def test_example_serves_localized_404(run_example, name: str, ok_path: str) -> None:
    base = run_example(name)
    status, _, body = _get(base + ok_path, {})
    assert (status, body) == (200, b"Hello")
    _assert_localized_html(*_get(base + "/missing", {"Accept-Language": "fr", "Accept": "text/html"}), 404, "fr")
    _assert_localized_html(*_get(base + "/missing", {"Accept-Language": "ja-JP,ja;q=0.9"}), 404, "ja")


def test_flask_example_localizes_abort(run_example) -> None:
    base = run_example("flask_app.py")
    _assert_localized_html(*_get(base + "/admin", {"Accept-Language": "zh-CN"}), 403, "zh-CN")


def test_fastapi_example_answers_json(run_example) -> None:
    base = run_example("fastapi_app.py")
    status, _, body = _get(base + "/items/1", {})
    assert status == 200 and json.loads(body) == {"id": 1}
    # No Accept header at all: a JSON API still answers JSON, in the reader's language.
    status, headers, body = _get(base + "/items/2", {"Accept-Language": "ja"})
    assert status == 404
    assert headers.get("content-type", "").startswith("application/problem+json")
    problem = json.loads(body)
    assert problem["status"] == 404 and problem["title"] == str(localized(404, "ja"))
