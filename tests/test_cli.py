"""The command line: lookups, lists, methods, negotiation, errors, console script."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from httpi18n.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_lookup_status_localized() -> None:
    code, out = run("404", "--lang", "ja")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("404 ") and lines[0] != "404 Not Found"
    assert lines[-1] == "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5"


def test_lookup_json() -> None:
    code, out = run("503", "--lang", "fr-CA", "--json")
    data = json.loads(out)
    assert code == 0 and data["code"] == 503 and data["language"] == "fr"
    assert data["english"] == "Service Unavailable" and data["category"] == "server-error"
    assert data["references"][0]["section"] == "15.6.4"


def test_lookup_registry_only_code() -> None:
    code, out = run("104", "--json")
    assert code == 0 and json.loads(out)["registration"] == "temporary"


def test_lookup_method() -> None:
    code, out = run("QUERY", "--lang", "zh-Hans")
    assert code == 0 and out.startswith("QUERY\n") and "rfc10008" in out


def test_list_with_category() -> None:
    code, out = run("list", "--lang", "fr", "--category", "client-error")
    codes = [int(line.split()[0]) for line in out.splitlines()]
    assert code == 0 and codes[0] == 400 and codes[-1] == 451 and all(400 <= c < 500 for c in codes)
    code, out = run("list", "--json")
    assert len(json.loads(out)) == 64


def test_methods() -> None:
    code, out = run("methods", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) == 40
    get = next(d for d in data if d["method"] == "GET")
    assert get["safe"] and get["idempotent"]
    code, out = run("methods", "--lang", "ja")
    assert "GET     " in out or "GET " in out


def test_negotiate() -> None:
    assert run("negotiate", "fr-CH, fr;q=0.9, en;q=0.8") == (0, "fr\n")
    code, out = run("negotiate", "de", "--json")
    assert json.loads(out) == {"header": "de", "language": "en", "matched": False}
    assert run("negotiate", "pt-BR", "--available", "en,pt_BR") == (0, "pt_BR\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["999"], "not an HTTP status code"),
        (["499"], "not in the IANA status code registry"),
        (["FOO"], "neither a status code nor a registered HTTP method"),
        (["404", "--lang", "xx-YY"], "unknown language"),
        (["404", "--lang", "de"], "unknown language"),
        (["list", "--category", "nope"], "unknown category"),
        (["negotiate", "de", "--available", "fr"], None),
    ],
)
def test_errors_exit_2_with_one_line(capsys, argv, message) -> None:
    code, _ = run(*argv)
    if message is None:  # negotiate falls back to the first available: not an error
        assert code == 0
        return
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_module_and_console_script() -> None:
    out = subprocess.run([sys.executable, "-m", "httpi18n", "404", "--lang", "fr"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.startswith("404 ")
    script = shutil.which("httpi18n", path=str(Path(sys.executable).parent))
    assert script, "the httpi18n console script is installed"
    out = subprocess.run([script, "negotiate", "ja-JP"], capture_output=True, text=True, check=True)
    assert out.stdout == "ja\n"
    bad = subprocess.run([script, "12345"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
