"""``httpi18n pages``/``python -m httpi18n.edge`` speak the language of ``--lang``, else of the environment.

Expected texts are read from the catalogs (so the tests hold before and after
the new strings are translated); argparse's own words, already translated,
must differ from English.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from httpi18n import cli as main_cli
from httpi18n.catalogs import translations
from httpi18n.edge.cli import main

LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``python -m httpi18n <argv>`` in process: (exit status, stdout, stderr)."""
    try:
        code = main_cli.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _error_line(lang: str, prog: str, message: str) -> str:
    return translations(lang).gettext("%(prog)s: error: %(message)s\n") % {"prog": prog, "message": message}


@pytest.mark.parametrize("lang", ["ja", "fr"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_help_in_the_language_of_lang(lang: str, where: str, capsys: pytest.CaptureFixture[str]) -> None:
    tr = translations(lang)
    code, top, _ = _run(["pages", "--lang", lang, "--help"], capsys)
    assert code == 0
    usage = tr.gettext("usage: ")
    assert usage != "usage: "  # argparse's own words are translated already
    assert top.startswith(f"{usage}httpi18n pages [-h] [--lang {tr.pgettext('command line', 'LANGUAGE')}]")
    assert tr.gettext("show this help message and exit") in top
    assert tr.pgettext("command line", "Localized error pages for reverse proxies.") in top
    assert "\n  build|serve\n    build " in top and "\n    serve " in top
    english = _run(["pages", "--help"], capsys)[1]
    assert english.startswith("usage: httpi18n pages ") and english != top

    before, after = ["pages", "--lang", lang, "build", "--help"], ["pages", "build", "--help", "--lang", lang]
    argv = before if where == "before" else after
    code, build_help, _ = _run(argv, capsys)
    assert code == 0
    assert build_help.startswith(f"{usage}httpi18n pages build [-h]")
    assert tr.gettext("show this help message and exit") in build_help
    assert f"  {tr.pgettext('command line', 'DIR')} " in build_help
    assert "usage:" not in build_help and "options:" not in build_help


@pytest.mark.parametrize("lang", ["ja", "fr"])
def test_bad_option_is_a_localized_error(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    tr = translations(lang)
    code, out, err = _run(["pages", "--lang", lang, "build", "d", "--bogus"], capsys)
    assert code == 2 and out == ""
    message = tr.gettext("unrecognized arguments: %s") % "--bogus"
    assert err.endswith(_error_line(lang, "httpi18n pages", message))
    assert err.startswith(tr.gettext("usage: ")) and not err.startswith("usage: ")
    assert "error:" not in err  # the prefix is the catalog's, not English

    code, _, err = _run(["pages", "build", "d", "--formats", "pdf", "--lang", lang], capsys)
    assert code == 2
    detail = tr.pgettext("command line", "unknown format “%(format)s”; one of %(choices)s") % {
        "format": "pdf", "choices": "html, json, txt"}
    message = tr.gettext("argument %(argument_name)s: %(message)s") % {
        "argument_name": "--formats", "message": detail}
    assert err.endswith(_error_line(lang, "httpi18n pages build", message))


def test_english_by_default_and_unknown_lang(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["pages", "serve", "--bogus"], capsys)
    assert code == 2 and err.endswith("httpi18n pages: error: unrecognized arguments: --bogus\n")
    code, _, err = _run(["pages", "--lang", "xx", "serve"], capsys)
    assert code == 2 and "httpi18n pages: error: unknown language “xx”; choose one of: en (English)" in err


def test_environment_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    tr = translations("fr")
    code, out, _ = _run(["pages", "--help"], capsys)
    assert code == 0 and out.startswith(tr.gettext("usage: ") + "httpi18n pages ")
    code, _, err = _run(["pages", "serve", "notaport"], capsys)
    assert code == 2
    message = tr.gettext("argument %(argument_name)s: %(message)s") % {
        "argument_name": tr.pgettext("command line", "PORT"),
        "message": tr.gettext("invalid %(type)s value: %(value)r") % {"type": "int", "value": "notaport"}}
    assert err.endswith(_error_line("fr", "httpi18n pages serve", message))
    # --lang wins over the environment
    assert _run(["pages", "--lang", "ja", "--help"], capsys)[1].startswith(translations("ja").gettext("usage: "))

    assert main(["build", str(tmp_path), "--statuses", "404", "--languages", "en", "--formats", "txt"]) == 0
    done = tr.npgettext("command line", "%(count)d file written under %(directory)s",
                        "%(count)d files written under %(directory)s", 8)
    assert capsys.readouterr().out == done % {"count": 8, "directory": tmp_path} + "\n"  # page, map, 6 configs
    with pytest.raises(SystemExit) as exc:  # a bad option value: usage, then the localized error line
        main(["build", str(tmp_path), "--base-path", "/"])
    assert exc.value.code == 2
    detail = tr.pgettext("command line", "invalid base path “%(value)s”: give a URL path other than / "
                                         "made of letters, digits and -._~") % {"value": "/"}
    assert detail in capsys.readouterr().err


def test_python_m_edge_names_itself_and_reads_lang() -> None:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    env["LANG"] = "fr_FR.UTF-8"
    proc = subprocess.run([sys.executable, "-m", "httpi18n.edge", "build", "d", "--nope"],
                          capture_output=True, text=True, env=env, timeout=60)
    tr = translations("fr")
    assert proc.returncode == 2
    assert proc.stderr.startswith(tr.gettext("usage: ") + "python -m httpi18n.edge ")
    assert proc.stderr.endswith(_error_line("fr", "python -m httpi18n.edge",
                                            tr.gettext("unrecognized arguments: %s") % "--nope"))
    proc = subprocess.run([sys.executable, "-m", "httpi18n", "pages", "--lang", "ja", "--help"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.startswith(translations("ja").gettext("usage: ") + "httpi18n pages ")


def test_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", Closed())
    argv = ["build", str(tmp_path), "--statuses", "404", "--languages", "en", "--formats", "txt"]
    assert main(argv) == main_cli.EXIT_BROKEN_PIPE  # the summary line met a closed pipe


@pytest.mark.parametrize("lang", ["en", "vi", "ru", "de"])
def test_help_lists_every_language_without_breaking_a_code(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The --languages default names the thirty catalogs; the help wraps between codes, never inside one."""
    import re

    from httpi18n.catalogs import SHIPPED

    with pytest.raises(SystemExit):
        main(["build", "--help", "--lang", lang])
    text = capsys.readouterr().out
    default = text[text.index("(", text.index("\n  --languages")):]  # the option's help, not the usage line
    assert len(SHIPPED) == 30
    for code in SHIPPED:
        assert re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", default), code
