"""Benchmark httpi18n.client against the standard library's http.client.

Two measurements, same machine, same bytes, one run:

1. ``HTTPResponse.begin()`` + ``read()`` on a realistic 16-header response,
   served from an ``io.BufferedReader`` exactly like ``socket.makefile('rb')``
   gives (no network involved);
2. sequential keep-alive GETs over one warm loopback connection per client
   to a server this script starts itself: a tiny canned-response server in a
   subprocess (so it does not compete for our GIL), and nginx too when
   ``nginx`` is installed (one worker, ``access_log off``, unlimited
   ``keepalive_requests``).  Both clients send the same request bytes; the
   medians of several interleaved rounds are reported, with the spread of
   the per-round ratios.  nginx is measured twice: where the OS schedules
   it, and pinned to the client's CPU (no cross-CPU wakeups, which on a VM
   add tens of µs per request to both clients and vary from run to run).

Usage: ``python bench/bench_client.py [--quick]``.  Prints per-call times and
the stdlib/httpi18n ratio (higher is better for httpi18n).
"""

from __future__ import annotations

import argparse
import http.client as std
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from typing import Any, Callable

import httpi18n.client as ours

BODY = (b"<!doctype html><html><head><title>ok</title></head><body>" + b"x" * 1900 + b"</body></html>\n")

RESPONSE = (
    b"HTTP/1.1 200 OK\r\n"
    b"Date: Mon, 03 Mar 2025 10:15:42 GMT\r\n"
    b"Server: nginx/1.22.1\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n"
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n"
    b"Connection: keep-alive\r\n"
    b"Vary: Accept-Encoding\r\n"
    b"Cache-Control: public, max-age=3600\r\n"
    b"ETag: \"65e44a2e-7c4\"\r\n"
    b"Last-Modified: Sun, 03 Mar 2025 09:58:06 GMT\r\n"
    b"Accept-Ranges: bytes\r\n"
    b"X-Content-Type-Options: nosniff\r\n"
    b"X-Frame-Options: SAMEORIGIN\r\n"
    b"Strict-Transport-Security: max-age=63072000; includeSubDomains\r\n"
    b"Set-Cookie: session=3f9a1c0e8b7d; Path=/; HttpOnly; SameSite=Lax\r\n"
    b"Content-Language: en\r\n"
    b"X-Request-Id: 7c0a5e1f-2b8d-4e7a-9d61-0f3c2a9b8e41\r\n"
    b"\r\n" + BODY
)


class _FakeSock:
    """Just enough socket for HTTPResponse: makefile() over fixed bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def makefile(self, mode: str, bufsize: int | None = None) -> io.BufferedReader:
        return io.BufferedReader(io.BytesIO(self.data))


def _best(fn: Callable[[], Any], number: int, repeat: int) -> float:
    """Best per-call time in seconds over *repeat* runs of *number* calls."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def bench_parse(number: int, repeat: int) -> tuple[float, float]:
    sock = _FakeSock(RESPONSE)

    def run(mod: Any) -> Callable[[], Any]:
        cls = mod.HTTPResponse

        def once() -> None:
            r = cls(sock, method="GET")
            r.begin()
            r.read()

        return once

    for mod in (std, ours):  # both parse the same bytes the same way
        r = mod.HTTPResponse(sock, method="GET")
        r.begin()
        assert r.status == 200 and len(r.getheaders()) == 16 and r.read() == BODY, mod
    return _best(run(std), number, repeat), _best(run(ours), number, repeat)


_CANNED_SERVER = textwrap.dedent(
    """
    import socket, sys, threading
    response = sys.stdin.buffer.read()
    srv = socket.create_server(("127.0.0.1", 0))
    print(srv.getsockname()[1], flush=True)

    def serve(conn):
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = b""
        while True:
            data = conn.recv(65536)
            if not data:
                break
            buf += data
            while b"\\r\\n\\r\\n" in buf:
                _, _, buf = buf.partition(b"\\r\\n\\r\\n")
                conn.sendall(response)
        conn.close()

    while True:  # a thread per connection (the clients take turns, so no GIL contention)
        threading.Thread(target=serve, args=(srv.accept()[0],), daemon=True).start()
    """
)


def start_canned() -> tuple[subprocess.Popen[bytes], int]:
    proc = subprocess.Popen([sys.executable, "-c", _CANNED_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(RESPONSE)
    proc.stdin.close()
    return proc, int(proc.stdout.readline())


def start_nginx(tmp: str) -> tuple[subprocess.Popen[bytes], int] | None:
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open(os.path.join(tmp, "index.html"), "wb") as f:
        f.write(BODY)
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(
            f"""
            daemon off; master_process off; worker_processes 1; pid {tmp}/nginx.pid;
            error_log {tmp}/error.log crit;
            events {{ worker_connections 64; }}
            http {{
              access_log off;
              client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};
              uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
              keepalive_requests 1000000;
              server {{ listen 127.0.0.1:{port}; root {tmp}; }}
            }}
            """
        )
    proc = subprocess.Popen([nginx, "-c", conf, "-p", tmp], stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc, port
        except OSError:
            time.sleep(0.02)
    proc.kill()
    return None


def bench_keepalive(port: int, n: int, rounds: int) -> tuple[float, float, list[float]]:
    """Median per-request time of each client, and the per-round std/ours ratios.

    Each client keeps one warm connection (same request, same headers: Host
    and ``Accept-Encoding: identity``).  A round times *n* requests on each,
    in alternating order, so drift and other load hit both alike; the
    medians over *rounds* rounds are reported.
    """
    conns = {}
    for name, mod in (("std", std), ("ours", ours)):
        conn = mod.HTTPConnection("127.0.0.1", port)
        for _ in range(200):  # warm up: connection, caches, nginx worker
            conn.request("GET", "/index.html")
            conn.getresponse().read()
        conns[name] = conn

    def once(conn: Any) -> float:
        t0 = time.perf_counter()
        for _ in range(n):
            conn.request("GET", "/index.html")
            r = conn.getresponse()
            r.read()
        t = (time.perf_counter() - t0) / n
        assert r.status == 200 and not r.will_close
        return t

    times: dict[str, list[float]] = {"std": [], "ours": []}
    ratios = []
    for i in range(rounds):
        order = ("std", "ours") if i % 2 == 0 else ("ours", "std")
        got = {name: once(conns[name]) for name in order}
        for name, t in got.items():
            times[name].append(t)
        ratios.append(got["std"] / got["ours"])
    for conn in conns.values():
        conn.close()
    return statistics.median(times["std"]), statistics.median(times["ours"]), ratios


def _line(label: str, std_t: float, our_t: float) -> str:
    return f"{label:<44} {std_t * 1e6:9.2f} µs {our_t * 1e6:9.2f} µs {std_t / our_t:8.2f}x"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer iterations")
    args = ap.parse_args()
    scale = 0.2 if args.quick else 1.0
    head = RESPONSE.index(b"\r\n\r\n") + 4
    print(f"Python {sys.version.split()[0]}; response head {head} B, 16 headers, body {len(BODY)} B")
    print(f"{'':<44} {'http.client':>12} {'httpi18n':>12} {'ratio':>9}")
    s, o = bench_parse(int(1000 * scale) or 1, int(150 * scale))
    print(_line("HTTPResponse.begin() + read()", s, o))
    rounds = 15
    n = int(1500 * scale) or 1

    def keepalive(label: str, port: int) -> None:
        s, o, ratios = bench_keepalive(port, n, rounds)
        ratios.sort()
        spread = f"per round: median {statistics.median(ratios):.2f}x, {ratios[0]:.2f}..{ratios[-1]:.2f}x"
        print(f"{_line(label, s, o)}   ({spread})")

    proc, port = start_canned()
    try:
        keepalive("keep-alive GET, canned Python server", port)
    finally:
        proc.kill()
        proc.wait()
    with tempfile.TemporaryDirectory() as tmp:
        started = start_nginx(tmp)
        if started is None:
            print("keep-alive GET, nginx: skipped (nginx not installed)")
        else:
            proc, port = started
            try:
                keepalive("keep-alive GET, nginx", port)
                if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 1:
                    # Where the OS puts nginx varies from run to run; on a VM
                    # a wakeup across vCPUs can cost tens of µs each way,
                    # the same for both clients.  With client and nginx on
                    # one CPU that latency is gone (the requests are
                    # sequential, so no parallelism is lost either).
                    mask = os.sched_getaffinity(0)
                    cpu = {max(mask)}
                    os.sched_setaffinity(proc.pid, cpu)
                    os.sched_setaffinity(0, cpu)
                    try:
                        keepalive("keep-alive GET, nginx, same CPU as client", port)
                    finally:
                        os.sched_setaffinity(0, mask)
            finally:
                proc.kill()
                proc.wait()
    print(f"keep-alive: median of {rounds} interleaved rounds of {n} GETs each; ratio = median std / median ours")


if __name__ == "__main__":
    main()
