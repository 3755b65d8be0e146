"""``build DIR``: pages, Apache type maps, nginx/Caddy/HAProxy configuration, reproducibility, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from httpi18n.edge import build
from httpi18n.edge.cli import main
from httpi18n.edge.configs import APACHE_REFUSED, nginx_http_conf
from httpi18n.edge.pages import ERROR_STATUSES
from httpi18n.errorpages import render_error
from httpi18n.languages import CODES
from httpi18n.localize import localized
from httpi18n.negotiation import negotiate, negotiate_media_type


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_status_language_format_and_config(tmp_path: Path) -> None:
    files = build(tmp_path)
    n = len(ERROR_STATUSES)
    assert len(files) == n * len(CODES) * 3 + n + 6
    pages = tmp_path / "pages"
    assert (pages / "404.zh-TW.html").read_bytes() == render_error(404, "zh_TW", "text/html").body
    assert json.loads((pages / "503.ja.json").read_bytes())["status"] == 503
    assert (pages / "500.fr.txt").read_bytes() == render_error(500, "fr", "text/plain").body
    var = (pages / "404.var").read_text()
    assert var.startswith("URI: 404\n")
    assert "URI: 404.ja.html\nContent-Type: text/html; charset=utf-8; qs=1.0\nContent-Language: ja\n" in var
    assert var.count("Content-Language: zh-TW") == 4  # html, problem+json, json alias, txt
    apache = (tmp_path / "apache" / "httpi18n.conf").read_text()
    for code in ERROR_STATUSES:
        line = f"ErrorDocument {code} /_httpi18n/{code}.var"
        assert (f"# (httpd 2.4 refuses this code) {line}" in apache) == (code in APACHE_REFUSED)
        assert line in apache
    assert f'Alias "/_httpi18n/" "{pages.resolve()}/"' in apache
    assert "LanguagePriority en zh-CN fr ja zh-TW" in apache
    static = (tmp_path / "nginx" / "httpi18n-static.conf").read_text()
    assert "error_page 502 /_httpi18n/502;" in static and f"root {pages.resolve()};" in static
    service = (tmp_path / "nginx" / "httpi18n-service.conf").read_text()
    assert "error_page 502 = @httpi18n_502;" in service and "proxy_set_header X-Code 502;" in service
    assert "proxy_pass http://127.0.0.1:8080;" in service
    caddy = (tmp_path / "caddy" / "httpi18n.caddy").read_text()
    assert "header_up X-Code {err.status_code}" in caddy and "\t@httpi18n_503 status 503\n" in caddy
    assert "server httpi18n 127.0.0.1:8080" in (tmp_path / "haproxy" / "httpi18n.cfg").read_text()


def test_same_input_same_bytes(tmp_path: Path) -> None:
    template = tmp_path / "t.html"
    template.write_text("<html lang=$lang><h1>$code $title</h1>$retry</html>", encoding="utf-8")
    options: dict[str, Any] = {"statuses": [404, 502, 503], "languages": ["ja", "en"], "template": template,
               "root": "/srv/errors", "service": "http://errors:8080", "base_path": "/errors/"}
    build(tmp_path / "a", **options)
    build(tmp_path / "b", **options)
    first = tree(tmp_path / "a")
    assert first == tree(tmp_path / "b")
    build(tmp_path / "a", **options)  # again, in place
    assert tree(tmp_path / "a") == first
    assert first["pages/404.ja.html"] == f"<html lang=ja><h1>404 {localized(404, 'ja')}</h1></html>".encode()
    assert not any("/a/" in name or str(tmp_path) in data.decode("utf-8", "replace") for name, data in first.items())
    assert "ErrorDocument 404 /errors/404.var" in first["apache/httpi18n.conf"].decode()
    assert b"location ~ ^/errors/(?<httpi18n_status>" in first["nginx/httpi18n-static.conf"]
    assert b"proxy_pass http://errors:8080;" in first["nginx/httpi18n-service.conf"]
    assert sorted(n for n in first if n.startswith("pages/404.")) == [
        "pages/404.en.html", "pages/404.en.json", "pages/404.en.txt",
        "pages/404.ja.html", "pages/404.ja.json", "pages/404.ja.txt", "pages/404.var"]


@pytest.mark.parametrize("options", [
    {"base_path": "/"}, {"base_path": "/a b"}, {"base_path": "/x(y)"}, {"base_path": "/../x"}, {"base_path": '/x";'}, {"root": "/srv/x; evil"},
    {"service": "http://x:1 }"}, {"languages": ["sw"]}, {"formats": ["image/png"]}, {"statuses": [200]},
])
def test_bad_options_are_refused(tmp_path: Path, options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        build(tmp_path, **options)
    assert not (tmp_path / "pages").exists()


def test_cli_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path), "--statuses", "404,500-502", "--languages", "fr-CA,zh-Hant",
                 "--formats", "json,html", "--base-path", "/e"]) == 0
    names = {p.name for p in (tmp_path / "pages").iterdir()}
    assert "501.zh-TW.json" in names and "404.fr.html" in names and "404.fr.txt" not in names
    assert len(names) == 4 * 2 * 2 + 4
    assert capsys.readouterr().out == f"26 files written under {tmp_path}\n"  # 16 pages, 4 maps, 6 configs
    for argv in (["build", str(tmp_path), "--languages", "xx"], ["build", str(tmp_path), "--formats", "pdf"],
                 ["build", str(tmp_path), "--statuses", "200"], ["nope"], ["build", str(tmp_path), "--base-path", "/"],
                 ["build", str(tmp_path), "--root", "/srv/x; evil"], ["build", str(tmp_path), "--service", "http://x/{y}"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "base path" in err and "proxy configuration" in err


# -- the nginx maps, emulated (PCRE syntax used here is also Python's) ---------------------------


def nginx_maps(conf: str) -> dict[str, tuple[str, list[tuple[re.Pattern[str], str]]]]:
    """map name → (default, [(regex, value)]) from the generated http {} include."""
    maps = {}
    for m in re.finditer(r"map \$(\S+) \$(\S+) \{\n(.*?)\n\}", conf, re.S):
        default, rules = "", []
        for line in m[3].splitlines():
            key, _, value = line.strip().rstrip(";").rpartition(" ")
            key = key.strip('"')
            if key == "default":
                default = value.strip('"')
            else:
                assert key.startswith("~*")
                rules.append((re.compile(key[2:], re.I), value))
        maps[m[2]] = (default, rules)
    return maps


def nginx_pick(maps: dict[str, tuple[str, list[tuple[re.Pattern[str], str]]]], first: str, second: str,
               header: str) -> str:
    default, rules = maps[first]
    value = next((m.expand(v.replace("$1", r"\1")) for r, v in rules if (m := r.search(header))), default)
    default, rules = maps[second]
    return next((v for r, v in rules if r.search(value)), default)


MAPS = nginx_maps(nginx_http_conf(CODES, ("text/html", "application/problem+json", "text/plain")))

#: Headers as browsers send them (descending q): nginx agrees with negotiate().
SAME = ["ja", "ja-JP", "fr-CA,fr;q=0.9,en;q=0.8", "en-US,en;q=0.9", "zh-TW,zh;q=0.9,en;q=0.8", "zh-CN,zh;q=0.9",
        "zh-HK", "zh-Hant", "zh-Hant-CN", "zh-Hans-TW", "zh-SG", "zh", "cmn-Hant-TW", "ar", "ar,ja;q=0.9",
        "sw-KE,de;q=0.9,fr;q=0.8", "", "EN", "ja_JP", "fr;q=0,ja", "english, ja", "x-klingon, zh-mo",
        "ja;q=0.8,fr;q=0.5", "pt-BR, es;q=0.5", "*;q=0.5", "zh-Latn-TW"]
#: Where they differ, as documented in httpi18n.edge.configs: (header, nginx, negotiate).
DIFFER = [("fr;q=0.1, ja;q=0.9", "fr", "ja"), ("zh, zh-TW", "zh-CN", "zh-TW"), ("sw, *", "en", "en"),
          ("*, ja;q=0.5", "ja", "en"), ("fr;q=0.000, ja", "ja", "ja")]


@pytest.mark.parametrize("header", SAME)
def test_nginx_language_map_agrees_with_negotiate(header: str) -> None:
    expected = str(negotiate(header)).replace("_", "-")
    assert nginx_pick(MAPS, "httpi18n_range", "httpi18n_lang", header) == expected


@pytest.mark.parametrize(("header", "nginx", "negotiated"), DIFFER)
def test_nginx_language_map_documented_differences(header: str, nginx: str, negotiated: str) -> None:
    assert nginx_pick(MAPS, "httpi18n_range", "httpi18n_lang", header) == nginx
    assert str(negotiate(header)).replace("_", "-") == negotiated


EXT = {"text/html": "html", "application/problem+json": "json", "text/plain": "txt"}


@pytest.mark.parametrize(("accept", "same"), [
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", True), ("application/json", True),
    ("*/*", True), ("", True), ("text/plain", True), ("application/problem+json, text/html;q=0.1", True),
    ("image/png", True), ("text/plain;q=0, application/json", True), ("*/*;q=0.1, application/json", False),
    ("application/*", True), ("image/*, text/*;q=0.9", True),
    ("text/html;q=0.1, application/json", False), ("text/*, application/json;q=0.5", True),
])
def test_nginx_accept_map(accept: str, same: bool) -> None:
    nginx = nginx_pick(MAPS, "httpi18n_type", "httpi18n_ext", accept)
    offers = tuple(EXT)
    assert (nginx == EXT[negotiate_media_type(accept, offers) or offers[0]]) == same


def test_nginx_map_for_a_subset_of_languages() -> None:
    maps = nginx_maps(nginx_http_conf(("fr", "zh_CN"), ("text/html",)))
    assert nginx_pick(maps, "httpi18n_range", "httpi18n_lang", "ja, zh-CN") == "zh-CN"
    assert nginx_pick(maps, "httpi18n_range", "httpi18n_lang", "zh-TW") == "fr"  # not built: the fallback
    assert negotiate("zh-TW", ("fr", "zh_CN")) == "fr"
    assert nginx_pick(maps, "httpi18n_type", "httpi18n_ext", "application/json") == "html"


def test_same_bytes_across_processes(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "httpi18n.edge", "build", str(tmp_path / seed), "--root", "/srv/e",
                        "--statuses", "400-404,503"], check=True, env=env, capture_output=True)
    assert tree(tmp_path / "1") == tree(tmp_path / "2") != {}
