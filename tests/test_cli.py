"""The command line: lookups, lists, methods, negotiation, errors, its language, pipes."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from httpi18n import context
from httpi18n.catalogs import SHIPPED
from httpi18n.cli import EXIT_BROKEN_PIPE, main
from httpi18n.languages import ALL_LANGUAGES
from httpi18n.registry import CATEGORIES, METHODS, STATUSES

ROOT = Path(__file__).resolve().parent.parent
LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch):
    """Every test starts from an environment that asks for no language (English)."""
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    context.refresh_environment()
    yield monkeypatch
    monkeypatch.undo()
    context.refresh_environment()


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def run_all(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """Exit status and everything printed (stdout and stderr)."""
    code, out = run(*argv)
    captured = capsys.readouterr()
    return code, out + captured.out + captured.err


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


@pytest.mark.parametrize("spelling", ["404", "NOT_FOUND", "not-found", "not_found", "Not Found",
                                      "HTTPStatus.NOT_FOUND", "４０４"])
def test_status_spellings(spelling: str) -> None:
    assert run(spelling, "--lang", "fr") == run("404", "--lang", "fr")


def test_status_alias_names() -> None:
    # CPython's old member name for 413 is an alias of CONTENT_TOO_LARGE.
    assert run("REQUEST_ENTITY_TOO_LARGE", "--json")[1] == run("413", "--json")[1]


@pytest.mark.parametrize("spelling", ["GET", "get", "Get", "HTTPMethod.GET"])
def test_method_spellings(spelling: str) -> None:
    assert run(spelling, "--lang", "ja") == run("GET", "--lang", "ja")
    assert run("version-control")[1].startswith("VERSION-CONTROL\n")


def test_traditional_chinese() -> None:
    code, out = run("404", "--lang", "zh-TW", "--json")
    data = json.loads(out)
    assert code == 0 and data["language"] == "zh_TW"
    assert data["phrase"] != json.loads(run("404", "--lang", "zh-CN", "--json")[1])["phrase"]
    for tag in ("zh-HK", "zh-Hant", "zh_TW.UTF-8"):
        assert json.loads(run("404", "--lang", tag, "--json")[1])["language"] == "zh_TW"


def test_list_with_category() -> None:
    code, out = run("list", "--lang", "fr", "--category", "client-error")
    codes = [int(line.split()[0]) for line in out.splitlines()]
    assert code == 0 and codes[0] == 400 and codes[-1] == 451 and all(400 <= c < 500 for c in codes)
    code, out = run("list", "--json")
    assert len(json.loads(out)) == len(STATUSES)


def test_options_before_the_command() -> None:
    assert run("--lang", "fr", "list", "--category", "success")[1] == run("list", "--lang", "fr", "--category",
                                                                          "success")[1]
    assert run("--json", "--lang", "ja", "methods")[0] == 0


def test_methods() -> None:
    code, out = run("methods", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) == len(METHODS)
    get = next(d for d in data if d["method"] == "GET")
    assert get["safe"] and get["idempotent"]


def test_methods_table_has_localized_headers_and_marks() -> None:
    code, out = run("methods", "--lang", "fr")
    header, *rows = out.splitlines()
    assert code == 0 and header.split()[:3] == ["Méthode", "Sûre", "Idempotente"]
    assert len(rows) == len(METHODS)
    safe_col, idem_col = header.index("Sûre"), header.index("Idempotente")
    by_token = {row.split()[0]: row for row in rows}
    for m in METHODS:
        row = by_token[m.token]
        assert (row[safe_col] == "✓") is m.safe, m.token
        assert (row[idem_col] == "✓") is m.idempotent, m.token


def test_methods_table_lines_up_in_cjk() -> None:
    """Columns are aligned by terminal width (a CJK character takes two columns)."""
    from httpi18n.cli import _width

    header, *rows = run("methods", "--lang", "ja")[1].splitlines()
    safe = "安全"
    col = _width(header[: header.index(safe)])
    for row in rows:
        token = row.split()[0]
        assert row.startswith(token) and _width(row[: row.index(" " * 2, len(token))]) <= col


def test_negotiate() -> None:
    assert run("negotiate", "fr-CH, fr;q=0.9, en;q=0.8") == (0, "fr\n")
    code, out = run("negotiate", "sw", "--json")
    assert json.loads(out) == {"header": "sw", "language": "en", "matched": False}
    assert run("negotiate", "pt-BR", "--available", "en,pt_BR") == (0, "pt_BR\n")
    assert run("negotiate", "zh-TW,zh;q=0.9,en-US;q=0.8") == (0, "zh_TW\n")
    assert run("negotiate", "zh-TW,zh;q=0.9,en-US;q=0.8", "--available", "en,zh_CN") == (0, "en\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["999"], "not an HTTP status code"),
        (["499"], "not in the IANA status code registry"),
        (["FOO"], "neither a status code, a status name nor a registered HTTP method"),
        (["NOT_FOUN"], "did you mean NOT_FOUND (404)?"),
        (["lst"], "did you mean list?"),
        (["GETT"], "did you mean GET?"),
        (["404", "--lang", "xx-YY"], "unknown language"),
        (["404", "--lang", "sw"], "unknown language"),
        (["list", "--category", "nope"], "unknown status class"),
        (["negotiate", "sw", "--available", " , "], "--available lists no catalog"),
        (["negotiate", "sw", "--available", "fr"], None),
    ],
)
def test_errors_exit_2_with_one_line(capsys, argv, message) -> None:
    code, _ = run(*argv)
    if message is None:  # negotiate falls back to the first available: not an error
        assert code == 0
        return
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("httpi18n: error: ")
    assert message in err and err.count("\n") == 1


def test_unknown_language_lists_the_choices_by_their_own_names(capsys) -> None:
    assert run("404", "--lang", "klingon")[0] == 2
    err = capsys.readouterr().err
    for code in SHIPPED:
        assert code in err
    assert "日本語" in err and "繁體中文" in err and "Français" in err


def test_user_input_is_echoed_safely(capsys) -> None:
    assert run("\x1b[31mred\x07" + "x" * 500)[0] == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and len(err) < 400


def test_help_shows_every_command(capsys) -> None:
    code, out = run("--help")
    assert code == 0
    usage = out.split("\n\n")[0]
    for command in ("list", "methods", "negotiate"):
        assert f"httpi18n {command}" in usage
    assert "CODE|METHOD" in usage and "--lang" in usage


def test_usage_errors_are_argparse_errors_in_the_language(capsys) -> None:
    code, text = run_all(capsys, "negotiate", "--lang", "fr")
    assert code == 2
    assert "utilisation\u00a0: httpi18n negotiate" in text
    assert "les arguments suivants sont obligatoires\u00a0: EN-TÊTE" in text
    code, text = run_all(capsys, "404", "--bogus", "--lang", "ja")
    assert code == 2 and "認識できない引数です：--bogus" in text


def test_lang_value_is_not_taken_for_the_command(capsys) -> None:
    assert run("--lang", "ja", "404")[1] == run("404", "--lang", "ja")[1]


# --- the reader's language, everywhere -------------------------------------

#: Words that are names or tokens, the same in every language.
TOKENS = (
    {"httpi18n", "h", "help", "lang", "json", "category", "available", "list", "methods", "negotiate",
     "pages", "build", "serve",
     "HTTP", "IANA", "JSON", "URI", "RFC", "q"}
    | set(CATEGORIES)
    | {m.token for m in METHODS}
    | {s.name for s in STATUSES if s.name}
    | {"fr-CA", "fr-CH", "zh-Hant", "NOT_FOUND", "NOT_FOUN", "nope", "bogus"}
    # the language list: codes, tags and every word of each language's own name
    | {name for row in ALL_LANGUAGES for name in (row.code, row.tag, *row.native.split(), *row.english.split())}
)
_WORD = re.compile(r"[A-Za-zÀ-ÿŒœ][A-Za-z0-9_À-ÿŒœ]*(?:[-’'][A-Za-z0-9_À-ÿŒœ]+)*")
_URL = re.compile(r"https?://\S+")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]")


def _catalog_words(lang: str) -> set[str]:
    """Every Latin-script word of the translations of catalog *lang*."""
    with open(ROOT / "locale" / lang / "LC_MESSAGES" / "httpi18n.po", "rb") as fh:
        catalog = read_po(fh, locale=lang)
    words: set[str] = set()
    for m in catalog:
        if m.id:
            for s in [m.string] if isinstance(m.string, str) else m.string:
                words.update(_WORD.findall(_PLACEHOLDER.sub(" ", s)))
    return words


def _foreign_words(text: str, lang: str) -> list[str]:
    """Latin-script words in *text* that are neither tokens/names nor words of catalog *lang*."""
    allowed = TOKENS | _catalog_words(lang)
    return sorted({w for w in _WORD.findall(_URL.sub(" ", text)) if w not in allowed})


def _session(capsys: pytest.CaptureFixture[str], *lang_args: str) -> str:
    """Everything the CLI prints for a tour of its commands, help and errors."""
    commands = [
        ["--help"], ["list", "--help"], ["methods", "--help"], ["negotiate", "--help"],
        ["404"], ["NOT_FOUND"], ["get"], ["methods"], ["list", "--category", "client-error"],
        ["499"], ["999"], ["NOT_FOUN"], ["list", "--category", "nope"], ["negotiate"],
        ["404", "--bogus"], ["negotiate", "ja", "--available", ","], ["503"],
    ]
    text = []
    for argv in commands:
        text.append(run_all(capsys, *argv, *lang_args)[1])
    return "\n".join(text)


def test_word_check_has_teeth(capsys) -> None:
    """English output is caught by the check the two tests below rely on."""
    english = _session(capsys, "--lang", "en")
    found = _foreign_words(english, "ja")
    for word in ("usage", "error", "options", "show", "Description", "registry"):
        assert word in found


def test_cli_speaks_japanese_with_lang(capsys) -> None:
    text = _session(capsys, "--lang", "ja")
    assert "使い方" in text and "エラー" in text and "オプション" in text and "説明" in text
    assert _foreign_words(text, "ja") == []


def test_cli_speaks_french_from_the_environment(capsys, english_environment) -> None:
    english_environment.setenv("LANG", "fr_FR.UTF-8")
    text = _session(capsys)
    assert "utilisation\u00a0:" in text and "erreur\u00a0:" in text and "usage:" not in text
    assert _foreign_words(text, "fr") == []


def test_environment_order_is_gettext_order(english_environment) -> None:
    english_environment.setenv("LANG", "fr_FR.UTF-8")
    english_environment.setenv("LC_MESSAGES", "ja_JP.UTF-8")
    assert json.loads(run("404", "--json")[1])["language"] == "ja"
    english_environment.setenv("LANGUAGE", "xx:zh_TW:fr")
    assert json.loads(run("404", "--json")[1])["language"] == "zh_TW"
    assert json.loads(run("404", "--json", "--lang", "fr")[1])["language"] == "fr"  # --lang wins


# --- the real entry points --------------------------------------------------


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env.update(extra)
    return env


def test_module_and_console_script() -> None:
    out = subprocess.run([sys.executable, "-m", "httpi18n", "404", "--lang", "fr"],
                         capture_output=True, text=True, check=True, env=_env())
    assert out.stdout.startswith("404 ")
    script = shutil.which("httpi18n", path=str(Path(sys.executable).parent))
    assert script, "the httpi18n console script is installed"
    out = subprocess.run([script, "negotiate", "ja-JP"], capture_output=True, text=True, check=True, env=_env())
    assert out.stdout == "ja\n"
    bad = subprocess.run([script, "12345"], capture_output=True, text=True, env=_env())
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    zh = subprocess.run([sys.executable, "-m", "httpi18n", "404", "--lang", "zh-TW"],
                        capture_output=True, text=True, check=True, env=_env())
    assert zh.stdout.startswith("404 ") and zh.stderr == ""


def test_process_in_french_environment() -> None:
    out = subprocess.run([sys.executable, "-m", "httpi18n", "--help"], capture_output=True, text=True,
                         env=_env(LANG="fr_FR.UTF-8", PYTHONIOENCODING="utf-8"))
    assert out.returncode == 0 and out.stdout.startswith("utilisation\u00a0: httpi18n")
    assert _foreign_words(out.stdout, "fr") == []


@pytest.mark.parametrize("argv", [["list"], ["methods", "--lang", "ja"], ["--help"], ["list", "--json"]])
def test_closed_pipe_ends_quietly(argv: list[str]) -> None:
    """``httpi18n list | head -1``: no traceback, the exit status of a process killed by SIGPIPE."""
    proc = subprocess.Popen([sys.executable, "-m", "httpi18n", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first write
    err = proc.stderr.read()
    status = proc.wait()
    assert err == b""
    assert status in (0, EXIT_BROKEN_PIPE)  # argparse swallows a failed --help write itself
    if argv != ["--help"]:
        assert status == EXIT_BROKEN_PIPE


def test_head_in_a_shell() -> None:
    sh = shutil.which("sh")
    if sh is None:  # pragma: no cover
        pytest.fail("a POSIX shell is needed for this test")
    cmd = f'"{sys.executable}" -m httpi18n list --json | head -n 1'
    out = subprocess.run([sh, "-c", cmd], capture_output=True, text=True, env=_env())
    assert out.stdout == "[\n" and out.stderr == ""


def test_the_real_argparse_is_left_alone(capsys) -> None:
    """Only the CLI's private copy of argparse speaks our catalogs; other parsers stay English."""
    import argparse
    import gettext

    run_all(capsys, "--help", "--lang", "ja")
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="other")
    assert parser.format_usage().startswith("usage: other")
    from httpi18n._argparse_i18n import argparse as private

    assert private is not argparse and private.ArgumentParser is not argparse.ArgumentParser


def test_pages_subcommand_runs_the_edge_tools(tmp_path) -> None:
    """``httpi18n pages build DIR`` is ``python -m httpi18n.edge build DIR``: same files, same bytes."""
    import subprocess
    import sys

    for prefix, out in ((["-m", "httpi18n", "pages"], tmp_path / "a"), (["-m", "httpi18n.edge"], tmp_path / "b")):
        subprocess.run([sys.executable, *prefix, "build", str(out), "--statuses", "404,503", "--languages", "ja,fr",
                        "--root", "/srv/pages"], check=True, capture_output=True)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and any(p.name.startswith("404.ja") for p in files_a)
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in files_a)


@pytest.mark.parametrize("columns", ["42", "56", "72", "80"])
def test_help_keeps_french_no_break_spaces(monkeypatch, columns: str) -> None:
    """Help text is wrapped at ordinary spaces only: « ; » and « : » never start a line."""
    monkeypatch.setenv("COLUMNS", columns)
    code, out = run("list", "--help", "--lang", "fr")
    assert code == 0 and "\u00a0:" in out
    assert not any(line.lstrip().startswith((";", ":", "»", "\u00a0")) for line in out.splitlines())


def test_width_counts_terminal_columns() -> None:
    from httpi18n.cli import _width

    assert _width("abc") == 3 and _width("日本語") == 6 and _width("ＡＢ") == 4
    assert _width("ที่") == 1  # Thai: a consonant with a vowel sign and a tone mark above it
    assert _width("न्") == 1  # Devanagari: the virama is a non-spacing mark
    assert _width("e\u0301") == 1 and _width("a\u200bb") == 2  # a combining accent, a zero-width space
