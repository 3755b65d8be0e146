"""The edge pages behind real proxies: nginx, Apache httpd, Caddy, HAProxy (Debian packages).

Each fixture builds the pages into a temporary directory, starts its own
server on a free 127.0.0.1 port under a temporary prefix, and stops it.
Requests are made with ``curl``.  Without a proxy's binary the tests of that
proxy skip, except under CI (``CI=true``), where they fail: the CI machine
installs ``nginx-light apache2 caddy haproxy curl``.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from httpi18n.edge import ErrorPageService, build
from httpi18n.edge.serve import make_server

pytestmark = pytest.mark.slow

BINARIES = {
    "nginx": ("nginx", "/usr/sbin/nginx"),
    "apache2": ("apache2", "/usr/sbin/apache2"),
    "caddy": ("caddy", "/usr/bin/caddy"),
    "haproxy": ("haproxy", "/usr/sbin/haproxy"),
    "curl": ("curl", "/usr/bin/curl"),
}


def binary(name: str) -> str:
    """The path of a server binary; skip without it, but fail under CI, which installs it."""
    command, fallback = BINARIES[name]
    found = shutil.which(command) or (fallback if os.path.exists(fallback) else None)
    if found is None:
        why = f"{name} not installed (apt-get install nginx-light apache2 caddy haproxy curl)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}, and CI=true: the proxy tests must run in CI", pytrace=False)
        pytest.skip(why)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[bytes] | None = None, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.communicate()[1]!r}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


class Reply(NamedTuple):
    status: int
    headers: dict[str, str]
    body: bytes


def curl(port: int, path: str, *headers: str, method: str = "GET") -> Reply:
    """One request with curl; the last response's status, headers (lower-case names) and body."""
    args = [binary("curl"), "-sS", "--max-time", "10", "--path-as-is"]
    args += ["-I"] if method == "HEAD" else ["-D", "-", "-X", method]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run([*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, check=True).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        fields[key] = f"{fields[key]}, {value.strip()}" if key in fields else value.strip()
    return Reply(int(lines[0].split()[1]), fields, body)


def start(args: list[str], port: int, tmp: Path) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp)
    try:
        wait_port(port, proc)
    except RuntimeError:
        proc.kill()
        raise
    return proc


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


# -- the upstream application and the service ----------------------------------------------


class Upstream(BaseHTTPRequestHandler):
    """An application: /ok → 200, /missing → 404 (its own English body), /boom → 500."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        status, body = {"/ok": (200, b"fine\n"), "/missing": (404, b"upstream: Not Found\n")}.get(
            self.path, (500, b"upstream: Internal Server Error\n"))
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_HEAD = do_GET

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def upstream() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def service() -> Iterator[int]:
    httpd = make_server(ErrorPageService(show_request_id=True), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def dead_port() -> int:
    return free_port()  # nothing listens there: connections are refused (502)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, service: int) -> Path:
    out = tmp_path_factory.mktemp("edge-build")
    build(out, service=f"http://127.0.0.1:{service}")
    return out


# -- checks shared by every proxy ----------------------------------------------------------------


def page_of(r: Reply, status: int, tag: str, ctype: str) -> None:
    """*r* is our page of *status* in language *tag* and type *ctype*."""
    assert r.status == status, r
    assert r.headers.get("content-language") == tag, r.headers
    assert r.headers["content-type"].startswith(ctype), r.headers
    if ctype == "text/html":
        rtl = tag.split("-")[0] in ("ar", "he", "fa")  # right-to-left pages carry dir="rtl"
        opening = f'<html lang="{tag}" dir="rtl">' if rtl else f'<html lang="{tag}">'
        assert opening.encode() in r.body, r.body[:200]
        assert f"<p class=\"code\" aria-hidden=\"true\">{status}</p>".encode() in r.body
    elif "json" in ctype:
        import json

        assert json.loads(r.body)["status"] == status
    else:
        assert r.body.startswith(f"{status} ".encode())
    assert b"upstream:" not in r.body


def vary_has(r: Reply, *tokens: str) -> None:
    vary = {t.strip().lower() for t in r.headers.get("vary", "").split(",")}
    assert {t.lower() for t in tokens} <= vary, r.headers.get("vary")


# -- nginx ------------------------------------------------------------------------------------------


def nginx_conf(tmp: Path, port: int, server_block: str, http_extra: str = "") -> Path:
    conf = tmp / f"nginx-{port}.conf"
    conf.write_text(f"""
daemon off; master_process off; worker_processes 1; pid {tmp}/nginx-{port}.pid;
error_log {tmp}/error-{port}.log warn;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};
  uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
  {http_extra}
  server {{
    listen 127.0.0.1:{port};
    {server_block}
  }}
}}
""")
    return conf


def run_nginx(tmp: Path, server_block: str, http_extra: str = "") -> Iterator[int]:
    port = free_port()
    conf = nginx_conf(tmp, port, server_block, http_extra)
    proc = start([binary("nginx"), "-c", str(conf), "-p", str(tmp)], port, tmp)
    yield port
    stop(proc)


def _app_locations(upstream: int, dead: int) -> str:
    return f"""
    location / {{ proxy_pass http://127.0.0.1:{upstream}; }}
    location /dead/ {{ proxy_pass http://127.0.0.1:{dead}; }}
    """


@pytest.fixture(scope="module")
def nginx_static(built: Path, upstream: int, dead_port: int) -> Iterator[int]:
    yield from run_nginx(built, f"include {built}/nginx/httpi18n-static.conf;" + _app_locations(upstream, dead_port),
                         f"include {built}/nginx/httpi18n-http.conf;")


@pytest.fixture(scope="module")
def nginx_service(built: Path, upstream: int, dead_port: int) -> Iterator[int]:
    yield from run_nginx(built, f"include {built}/nginx/httpi18n-service.conf;" + _app_locations(upstream, dead_port))


@pytest.fixture(scope="module")
def nginx_ingress(tmp_path_factory: pytest.TempPathFactory, service: int, upstream: int) -> Iterator[int]:
    """nginx configured as ingress-nginx configures itself for ``custom-http-errors: 404,500,503``."""
    tmp = tmp_path_factory.mktemp("ingress")
    codes = (404, 500, 503)
    block = [
        'set $namespace "shop"; set $ingress_name "web"; set $service_name "web-svc"; set $service_port "80";',
        "proxy_intercept_errors on;",
        *[f"error_page {c} = @custom_upstream-default-backend_{c};" for c in codes],
        f"location / {{ proxy_pass http://127.0.0.1:{upstream}; }}",
        "location = /nothing-here { return 503; }",
    ]
    for c in codes:
        block.append(f"""
    location @custom_upstream-default-backend_{c} {{
        internal;
        proxy_intercept_errors off;
        proxy_set_header X-Code {c};
        proxy_set_header X-Format $http_accept;
        proxy_set_header X-Original-URI $request_uri;
        proxy_set_header X-Namespace $namespace;
        proxy_set_header X-Ingress-Name $ingress_name;
        proxy_set_header X-Service-Name $service_name;
        proxy_set_header X-Service-Port $service_port;
        proxy_set_header X-Request-ID $request_id;
        proxy_set_header Host $host;
        rewrite (.*) / break;
        proxy_pass http://127.0.0.1:{service};
    }}""")
    yield from run_nginx(tmp, "\n".join(block))


LANGUAGE_CASES = [("ja", "ja"), ("fr-CA", "fr"), ("zh-TW", "zh-TW"), ("ar", "ar"), ("sw", "en"),
                  ("zh-Hans-CN,ja;q=0.5", "zh-CN")]


@pytest.mark.parametrize("kind", ["nginx_static", "nginx_service"])
@pytest.mark.parametrize(("accept_language", "tag"), LANGUAGE_CASES)
@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/boom", 500), ("/dead/x", 502)])
def test_nginx_pages(request: pytest.FixtureRequest, kind: str, accept_language: str, tag: str,
                     path: str, status: int) -> None:
    port = request.getfixturevalue(kind)
    r = curl(port, path, f"Accept-Language: {accept_language}",
             "Accept: text/html,application/xhtml+xml,*/*;q=0.8")
    page_of(r, status, tag, "text/html")
    vary_has(r, "Accept", "Accept-Language")
    assert r.headers.get("x-content-type-options") == "nosniff"


@pytest.mark.parametrize("kind", ["nginx_static", "nginx_service"])
def test_nginx_json_and_text(request: pytest.FixtureRequest, kind: str) -> None:
    port = request.getfixturevalue(kind)
    r = curl(port, "/dead/api", "Accept-Language: ja", "Accept: application/json")
    page_of(r, 502, "ja", "application/problem+json")
    r = curl(port, "/missing", "Accept-Language: fr", "Accept: text/plain")
    page_of(r, 404, "fr", "text/plain")
    r = curl(port, "/ok", "Accept-Language: ja")
    assert r.status == 200 and r.body == b"fine\n"
    r = curl(port, "/missing", "Accept-Language: ja", method="POST")
    page_of(r, 404, "ja", "text/html")
    r = curl(port, "/missing", "Accept-Language: ja", method="HEAD")
    assert r.status == 404 and r.headers["content-language"] == "ja" and r.body == b""


# Where the nginx map (header order) differs from negotiate() (q-values), documented in configs.
@pytest.mark.parametrize(("accept_language", "nginx_tag", "service_tag"), [
    ("fr;q=0.1, ja;q=0.9", "fr", "ja"),
    ("zh, zh-TW", "zh-CN", "zh-TW"),
    ("*", "en", "en"),
    ("ar, ja;q=0.8", "ar", "ar"),
    ("sw, ja;q=0.8", "ja", "ja"),
    ("fr;q=0, ja", "ja", "ja"),
    ("english, ja", "ja", "ja"),
    ("zh-Hant-CN", "zh-TW", "zh-TW"),
    ("zh-HK", "zh-TW", "zh-TW"),
])
def test_nginx_map_versus_negotiate(nginx_static: int, nginx_service: int, accept_language: str,
                                    nginx_tag: str, service_tag: str) -> None:
    assert curl(nginx_static, "/missing", f"Accept-Language: {accept_language}").headers["content-language"] == nginx_tag
    assert curl(nginx_service, "/missing", f"Accept-Language: {accept_language}").headers["content-language"] == service_tag


def test_nginx_accept_map_versus_negotiate(nginx_static: int, nginx_service: int) -> None:
    accept = "Accept: text/html;q=0.1, application/json"
    assert curl(nginx_static, "/missing", accept).headers["content-type"].startswith("text/html")
    assert curl(nginx_service, "/missing", accept).headers["content-type"] == "application/problem+json"
    for port in (nginx_static, nginx_service):
        assert curl(port, "/missing", "Accept: */*").headers["content-type"].startswith("text/html")
        assert curl(port, "/missing", "Accept: text/plain;q=0, application/json").headers[
            "content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(("accept_language", "tag"), LANGUAGE_CASES)
def test_nginx_ingress_contract(nginx_ingress: int, accept_language: str, tag: str) -> None:
    r = curl(nginx_ingress, "/missing", f"Accept-Language: {accept_language}")
    page_of(r, 404, tag, "text/html")
    assert re.search(rb"<bdi>[0-9a-f]{32}</bdi></p>", r.body), r.body  # nginx's $request_id, shown by the service
    r = curl(nginx_ingress, "/boom", f"Accept-Language: {accept_language}", "Accept: application/json")
    page_of(r, 500, tag, "application/problem+json")
    r = curl(nginx_ingress, "/nothing-here", f"Accept-Language: {accept_language}", "Accept: text/plain")
    page_of(r, 503, tag, "text/plain")
    vary_has(r, "Accept", "Accept-Language")


# -- Apache httpd ----------------------------------------------------------------------------------

APACHE_MODULES = ("mpm_event", "authz_core", "mime", "alias", "negotiation", "headers", "proxy", "proxy_http")


@pytest.fixture(scope="module")
def apache(upstream: int, dead_port: int) -> Iterator[int]:
    apache2 = binary("apache2")
    modules = Path("/usr/lib/apache2/modules")
    # Apache's workers drop root for `User`: the tree must be world-readable (pytest's tmp is not).
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="httpi18n-apache-"))
    try:
        tmp.chmod(0o755)
        build(tmp / "out", root=str(tmp / "out" / "pages"))
        (tmp / "docroot").mkdir()
        port = free_port()
        loads = "\n".join(f"LoadModule {m}_module {modules}/mod_{m}.so" for m in APACHE_MODULES)
        user = "User www-data\nGroup www-data" if os.geteuid() == 0 else ""
        (tmp / "httpd.conf").write_text(f"""
ServerRoot "{tmp}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{tmp}/httpd.pid"
DefaultRuntimeDir "{tmp}"
ErrorLog "{tmp}/error.log"
{user}
{loads}
TypesConfig /etc/mime.types
DocumentRoot "{tmp}/docroot"
<Directory "{tmp}/docroot">
    Require all granted
</Directory>
Include "{tmp}/out/apache/httpi18n.conf"
ProxyPass /app/ http://127.0.0.1:{upstream}/
ProxyPass /dead/ http://127.0.0.1:{dead_port}/
""")
        proc = start([apache2, "-f", str(tmp / "httpd.conf"), "-DFOREGROUND"], port, tmp)
        yield port
        stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.parametrize(("accept_language", "tag"), [
    ("fr;q=0.1, ja;q=0.9", "ja"),
    ("ja", "ja"),
    ("fr-CA, fr;q=0.8", "fr"),
    ("zh-TW", "zh-TW"),
    ("ar", "ar"),
    ("sw", "en"),
    ("sw, fi;q=0.5", "en"),
    ("", "en"),
])
def test_apache_type_maps(apache: int, accept_language: str, tag: str) -> None:
    headers = [f"Accept-Language: {accept_language}"] if accept_language else []
    r = curl(apache, "/nowhere", *headers, "Accept: text/html,application/xhtml+xml,*/*;q=0.8")
    page_of(r, 404, tag, "text/html")
    vary_has(r, "accept", "accept-language")
    assert r.headers.get("x-content-type-options") == "nosniff"
    assert r.headers["content-type"] == "text/html; charset=utf-8"


def test_apache_formats_and_proxy_errors(apache: int) -> None:
    r = curl(apache, "/nowhere", "Accept-Language: ja", "Accept: application/json")
    page_of(r, 404, "ja", "application/problem+json")
    assert r.headers["content-type"] == "application/problem+json"
    r = curl(apache, "/nowhere", "Accept-Language: ja", "Accept: application/problem+json")
    page_of(r, 404, "ja", "application/problem+json")
    r = curl(apache, "/nowhere", "Accept-Language: fr", "Accept: text/html;q=0.1, text/plain")
    page_of(r, 404, "fr", "text/plain")
    r = curl(apache, "/nowhere", "Accept: */*")
    page_of(r, 404, "en", "text/html")
    r = curl(apache, "/app/boom", "Accept-Language: ja")
    page_of(r, 500, "ja", "text/html")
    r = curl(apache, "/app/missing", "Accept-Language: zh-TW")
    page_of(r, 404, "zh-TW", "text/html")
    r = curl(apache, "/dead/x", "Accept-Language: fr-CA, fr;q=0.8")
    page_of(r, 503, "fr", "text/html")  # Apache answers a refused connection with 503
    r = curl(apache, "/app/ok", "Accept-Language: ja")
    assert r.status == 200 and r.body == b"fine\n"


# -- Caddy --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def caddy(built: Path, upstream: int, dead_port: int) -> Iterator[int]:
    exe = binary("caddy")
    tmp = built / "caddy-run"
    (tmp / "site").mkdir(parents=True)
    (tmp / "site" / "index.html").write_text("home\n")
    port = free_port()
    (tmp / "Caddyfile").write_text(f"""
{{
\tadmin off
\tauto_https off
}}
import {built}/caddy/httpi18n.caddy
http://127.0.0.1:{port} {{
\timport httpi18n
\thandle_path /app/* {{
\t\treverse_proxy 127.0.0.1:{upstream} {{
\t\t\timport httpi18n_upstream
\t\t}}
\t}}
\thandle /dead/* {{
\t\treverse_proxy 127.0.0.1:{dead_port}
\t}}
\thandle {{
\t\troot * {tmp}/site
\t\tfile_server
\t}}
}}
""")
    env = {**os.environ, "HOME": str(tmp), "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "cfg")}
    proc = subprocess.Popen([exe, "run", "--config", str(tmp / "Caddyfile"), "--adapter", "caddyfile"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp, env=env)
    try:
        wait_port(port, proc)
    except RuntimeError:
        proc.kill()
        raise
    yield port
    stop(proc)


@pytest.mark.parametrize(("accept_language", "tag"), LANGUAGE_CASES)
def test_caddy_handle_errors(caddy: int, accept_language: str, tag: str) -> None:
    r = curl(caddy, "/no-such-file", f"Accept-Language: {accept_language}")
    page_of(r, 404, tag, "text/html")
    vary_has(r, "Accept", "Accept-Language")
    r = curl(caddy, "/dead/x", f"Accept-Language: {accept_language}", "Accept: application/json")
    page_of(r, 502, tag, "application/problem+json")
    r = curl(caddy, "/app/boom", f"Accept-Language: {accept_language}", "Accept: text/plain")
    page_of(r, 500, tag, "text/plain")
    r = curl(caddy, "/app/missing", f"Accept-Language: {accept_language}")
    page_of(r, 404, tag, "text/html")


def test_caddy_passes_success(caddy: int) -> None:
    assert curl(caddy, "/", "Accept-Language: ja").body == b"home\n"
    r = curl(caddy, "/app/ok", "Accept-Language: ja")
    assert r.status == 200 and r.body == b"fine\n"


# -- HAProxy ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def haproxy(built: Path, dead_port: int) -> Iterator[int]:
    exe = binary("haproxy")
    snippet = (built / "haproxy" / "httpi18n.cfg").read_text()
    # The frontend lines the generated file documents as comments, used as they are.
    frontend = [line[4:] for line in snippet.splitlines() if line.startswith("#   ")]
    assert any("use_backend httpi18n" in line for line in frontend)
    port = free_port()
    tmp = built / "haproxy-run"
    tmp.mkdir()
    (tmp / "main.cfg").write_text(
        f"global\n    pidfile {tmp}/haproxy.pid\n"
        "defaults\n    mode http\n    timeout connect 1s\n    timeout client 10s\n    timeout server 10s\n"
        f"frontend web\n    bind 127.0.0.1:{port}\n"
        + "".join(f"    {line}\n" for line in frontend)
        + "    default_backend app\n"
        f"backend app\n    server a1 127.0.0.1:{dead_port} check inter 100ms fall 1 rise 1\n"
    )
    proc = start([exe, "-db", "-f", str(tmp / "main.cfg"), "-f", str(built / "haproxy" / "httpi18n.cfg")], port, tmp)
    deadline = time.monotonic() + 10
    while curl(port, "/", "Accept-Language: ja").headers.get("content-language") != "ja":
        assert time.monotonic() < deadline, "the health check never marked the backend down"
        time.sleep(0.1)
    yield port
    stop(proc)


@pytest.mark.parametrize(("accept_language", "tag"), LANGUAGE_CASES)
def test_haproxy_backend_down(haproxy: int, accept_language: str, tag: str) -> None:
    r = curl(haproxy, "/shop/cart?x=1", f"Accept-Language: {accept_language}")
    page_of(r, 503, tag, "text/html")
    vary_has(r, "Accept", "Accept-Language")
    r = curl(haproxy, "/api", f"Accept-Language: {accept_language}", "Accept: application/json", method="POST")
    page_of(r, 503, tag, "application/problem+json")
