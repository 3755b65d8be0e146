"""httpi18n.server driven by real clients: curl (Debian), httpx and urllib3; and a short wrk load test."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import threading
import time
from typing import Any

import pytest

from httpi18n import server
from httpi18n.localize import localized

from test_server_support import running


class App(server.BaseHTTPRequestHandler):
    """Keep-alive handler: ``/`` says hello, everything else is a 404 page."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path != "/":
            self.send_error(404)
            return
        body = b"hello\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base_url() -> Any:
    with running(server.ThreadingHTTPServer, App) as httpd:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"


#: Under CI a missing curl or wrk fails the tests (the CI script installs them); elsewhere they skip.
IN_CI = os.environ.get("CI") == "true"
CURL = shutil.which("curl")
WRK = shutil.which("wrk")


def curl(url: str, *headers: str) -> tuple[str, dict[str, str], bytes]:
    """``(status line, headers, body)`` of ``curl -si``."""
    args = [CURL, "-sS", "-i", "--max-time", "10"]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run([*args, url], capture_output=True, check=True, timeout=20).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return lines[0], fields, body


@pytest.mark.skipif(CURL is None and not IN_CI, reason="curl is not installed (apt-get install curl)")
@pytest.mark.parametrize(
    "accept_language, lang",
    [("ja", "ja"), ("fr-CA", "fr"), ("zh-Hans-CN", "zh_CN"), ("*", "en")],
)
def test_curl_accept_language(base_url: str, accept_language: str, lang: str) -> None:
    status, fields, body = curl(base_url + "/missing", f"Accept-Language: {accept_language}")
    assert status == "HTTP/1.1 404 Not Found"
    assert fields["content-language"] == lang.replace("_", "-")
    assert localized(404, lang) in body.decode("utf-8")
    assert int(fields["content-length"]) == len(body)


@pytest.mark.skipif(CURL is None and not IN_CI, reason="curl is not installed (apt-get install curl)")
def test_curl_problem_json(base_url: str) -> None:
    status, fields, body = curl(
        base_url + "/missing", "Accept: application/problem+json", "Accept-Language: ja"
    )
    assert fields["content-type"] == "application/problem+json"
    doc = json.loads(body)
    assert doc == {**doc, "type": "about:blank", "status": 404, "title": str(localized(404, "ja"))}


@pytest.mark.skipif(CURL is None and not IN_CI, reason="curl is not installed (apt-get install curl)")
def test_curl_keep_alive_reuses_connection(base_url: str) -> None:
    proc = subprocess.run(
        [CURL, "-sS", "-v", "--max-time", "10", base_url + "/", base_url + "/"],
        capture_output=True, check=True, timeout=20,
    )
    assert proc.stdout == b"hello\nhello\n"
    assert re.search(rb"Re-?using existing connection", proc.stderr), proc.stderr[-500:]


class Upload(App):
    """Echoes the length of a POST body."""

    def do_POST(self) -> None:
        data = self.rfile.read(int(self.headers["Content-Length"]))
        body = str(len(data)).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.skipif(CURL is None and not IN_CI, reason="curl is not installed (apt-get install curl)")
def test_curl_expect_100_continue_is_answered_at_once() -> None:
    """The held-back ``100 Continue`` head goes out before the server waits for the body."""
    with running(server.ThreadingHTTPServer, Upload) as httpd:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        start = time.monotonic()
        proc = subprocess.run(
            [CURL, "-sS", "-v", "--max-time", "10", "--expect100-timeout", "5", "-H", "Expect: 100-continue",
             "--data-binary", "@-", url],
            input=b"x" * 200000, capture_output=True, check=True, timeout=20,
        )
        elapsed = time.monotonic() - start
    assert proc.stdout == b"200000"
    assert b"100 Continue" in proc.stderr
    assert elapsed < 2.0, elapsed


def test_httpx(base_url: str) -> None:
    httpx = pytest.importorskip("httpx")
    with httpx.Client(timeout=10) as client:
        for _ in range(3):  # keep-alive
            assert client.get(base_url + "/").text == "hello\n"
        res = client.get(base_url + "/missing", headers={"Accept-Language": "fr-CA, en;q=0.5"})
        assert res.status_code == 404
        assert res.headers["content-language"] == "fr"
        assert str(localized(404, "fr")) in res.text
        res = client.get(base_url + "/missing", headers={"Accept": "application/problem+json"})
        assert res.json()["title"] == "Not Found"


def test_urllib3(base_url: str) -> None:
    urllib3 = pytest.importorskip("urllib3")
    with urllib3.PoolManager() as pool:
        res = pool.request("GET", base_url + "/missing", headers={"Accept-Language": "zh-Hans-CN"})
        assert res.status == 404
        assert res.headers["Content-Language"] == "zh-CN"
        assert str(localized(404, "zh_CN")) in res.data.decode("utf-8")
        res = pool.request("GET", base_url + "/")
        assert res.data == b"hello\n"


def _fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


def _rss_kib() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


@pytest.mark.slow
@pytest.mark.skipif((WRK is None or not os.path.isdir("/proc/self/fd")) and not IN_CI, reason="needs wrk and /proc")
def test_wrk_64_connections() -> None:
    """64 busy keep-alive connections for 20 s: no errors, no fd leak, flat memory."""
    threads_before = threading.active_count()
    fds_before = _fd_count()
    with running(server.ThreadingHTTPServer, App) as httpd:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        # Warm-up round, so that one-time allocations don't count as growth.
        subprocess.run([WRK, "-t2", "-c64", "-d1s", url], capture_output=True, check=True, timeout=30)
        rss_before = _rss_kib()
        load = subprocess.Popen([WRK, "-t2", "-c64", "-d20s", "--timeout", "5s", url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        samples = []  # RSS every second while loaded: flat means no growth along the way either
        while load.poll() is None and len(samples) < 60:
            time.sleep(1.0)
            samples.append(_rss_kib())
        out, err = load.communicate(timeout=30)
        rss_after = _rss_kib()
    assert load.returncode == 0, err
    assert "Socket errors" not in out, out
    assert "Non-2xx" not in out, out
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    assert requests > 1000, out
    deadline = time.monotonic() + 10
    while threading.active_count() > threads_before and time.monotonic() < deadline:
        time.sleep(0.05)
    gc.collect()
    assert threading.active_count() <= threads_before
    assert _fd_count() <= fds_before
    assert rss_after - rss_before < 20 * 1024, (rss_before, rss_after)
    assert len(samples) >= 18 and max(samples) - rss_before < 20 * 1024, (rss_before, samples)
