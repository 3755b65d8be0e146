"""Benchmark httpi18n.client against the standard library's http.client.

    python bench/bench_client.py              # everything, a few minutes at most
    python bench/bench_client.py --quick      # fewer and shorter rounds (a smoke run)
    python bench/bench_client.py --each       # also the in-memory figures per response
    python bench/bench_client.py --rounds 31  # more interleaved rounds (medians reported)

Every figure is measured side by side in one run: the two clients take
turns, round after round (the order alternating), so that drift and other
load on the machine hit both alike; medians are reported, with the spread
of the per-round ratios (stdlib time / httpi18n time: higher is better for
httpi18n).

The responses are four realistic ones, each 16-20 header lines with one
non-ASCII value (UTF-8 or Latin-1 bytes) and repeated ``Set-Cookie``
fields: an HTML page (2 KiB, ``Content-Length``), a JSON answer (1 KiB,
chunked), an image (64 KiB, ``Content-Length``) and a CSV export (64 KiB
in 4 KiB chunks).

1. In memory, no network: ``HTTPResponse.begin()``, the header reads every
   client does (``getheader('content-type')``, ``msg.get('content-length')``,
   ``getheaders()``) and ``read()``, on each response in turn, served from
   an ``io.BufferedReader`` exactly like ``socket.makefile('rb')`` gives.
   This is the headline.  The second line is ``begin()`` + ``read()``
   without touching a header (the figure this bench used to print).  Both
   are timed in CPU time of this process (``time.process_time``), so that
   other processes on a shared machine do not count.
2. Sequential keep-alive GETs (the same header reads, then ``read()``)
   over one warm loopback connection per client, to a canned-response
   server this script starts in a subprocess (so it does not compete for
   our GIL; it answers each path with its response), and to nginx when it
   is installed (one worker, ``access_log off``): where the OS schedules
   it, and pinned to the client's CPU (no cross-CPU wakeups, which on a VM
   add tens of microseconds per request to both clients).
3. urllib3: a keep-alive ``PoolManager().request('GET', url)`` (body
   preloaded, ``content-type`` and ``content-length`` read from
   ``response.headers``), in two client subprocesses against the same
   canned server: one with the stock ``http.client``, one with
   ``sys.modules['http.client'] = httpi18n.client`` set before urllib3 is
   imported; skipped when urllib3 is not installed.

Each keep-alive figure is printed twice: wall clock, then the client's own
CPU time (the server runs in another process).  On a busy machine the wall
clock mostly measures waiting for a CPU; the CPU line is the steadier one.

Targets (issue 10): the headline at least 5x; urllib3 with the swap at
least 1.25x.  The machine this runs on is often shared: read the per-round
spread before trusting a single figure.
"""

from __future__ import annotations

import argparse
import http.client as std
import io
import os
import pickle
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from typing import Any, Callable, NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

import httpi18n.client as ours  # noqa: E402  (after the path set-up: measure this tree)

# -- the responses -------------------------------------------------------------------

DATE = b"Mon, 03 Mar 2025 10:15:42 GMT"


def _head(fields: list[tuple[bytes, bytes]]) -> bytes:
    return b"HTTP/1.1 200 OK\r\n" + b"".join(n + b": " + v + b"\r\n" for n, v in fields) + b"\r\n"


def _chunked(body: bytes, size: int) -> bytes:
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


def _page() -> tuple[bytes, bytes]:
    body = b"<!doctype html><html lang=fr><head><title>CV</title></head><body>" + b"x" * 1950 + b"</body></html>\n"
    fields = [
        (b"Date", DATE),
        (b"Server", b"nginx/1.22.1"),
        (b"Content-Type", b"text/html; charset=utf-8"),
        (b"Content-Length", str(len(body)).encode()),
        (b"Connection", b"keep-alive"),
        (b"Vary", b"Accept-Encoding, Cookie"),
        (b"Cache-Control", b"private, max-age=0, must-revalidate"),
        (b"Last-Modified", b"Sun, 02 Mar 2025 09:58:06 GMT"),
        (b"Content-Language", b"fr"),
        (b"Content-Disposition", b'inline; filename="r\xc3\xa9sum\xc3\xa9.html"'),  # UTF-8 bytes
        (b"Set-Cookie", b"sessionid=3f9a1c0e8b7d4e2a; Path=/; HttpOnly; Secure; SameSite=Lax"),
        (b"Set-Cookie", b"csrftoken=Zk3q9XbW1mP0aYc7; Path=/; Secure; SameSite=Strict"),
        (b"X-Content-Type-Options", b"nosniff"),
        (b"X-Frame-Options", b"SAMEORIGIN"),
        (b"Strict-Transport-Security", b"max-age=63072000; includeSubDomains"),
        (b"Referrer-Policy", b"strict-origin-when-cross-origin"),
        (b"X-Request-Id", b"7c0a5e1f-2b8d-4e7a-9d61-0f3c2a9b8e41"),
    ]
    return _head(fields) + body, body


def _api() -> tuple[bytes, bytes]:
    item = b'{"id": 1234, "name": "Ren\\u00e9e M\\u00fcller", "roles": ["editor", "reviewer"], "active": true}'
    body = b'{"count": 10, "results": [' + b", ".join([item] * 10) + b"]}"
    fields = [
        (b"Date", DATE),
        (b"Server", b"gunicorn"),
        (b"Content-Type", b"application/json"),
        (b"Transfer-Encoding", b"chunked"),
        (b"Connection", b"keep-alive"),
        (b"Cache-Control", b"no-store"),
        (b"Vary", b"Accept, Origin"),
        (b"Access-Control-Allow-Origin", b"https://app.example.com"),
        (b"Access-Control-Expose-Headers", b"X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"),
        (b"X-RateLimit-Limit", b"5000"),
        (b"X-RateLimit-Remaining", b"4987"),
        (b"X-RateLimit-Reset", b"1741000000"),
        (b"X-Author", b"Ren\xe9e M\xfcller"),  # Latin-1 bytes
        (b"Set-Cookie", b"__Host-session=ab12cd34ef56; Path=/; Secure; HttpOnly"),
        (b"Set-Cookie", b"theme=dark; Path=/; Max-Age=31536000"),
        (b"Strict-Transport-Security", b"max-age=31536000"),
        (b"X-Request-Id", b"01HQ7Z3K5X9V2B8N4M6P0R1T3W"),
    ]
    return _head(fields) + _chunked(body, 400), body


def _image() -> tuple[bytes, bytes]:
    body = bytes(range(256)) * 256  # 64 KiB
    fields = [
        (b"Date", DATE),
        (b"Server", b"cloudflare"),
        (b"Content-Type", b"image/jpeg"),
        (b"Content-Length", str(len(body)).encode()),
        (b"Connection", b"keep-alive"),
        (b"Accept-Ranges", b"bytes"),
        (b"Age", b"8342"),
        (b"Cache-Control", b"public, max-age=31536000, immutable"),
        (b"ETag", b'"5f3c2a9b8e41-10000"'),
        (b"Last-Modified", b"Tue, 14 Jan 2025 08:00:00 GMT"),
        (b"Expires", b"Tue, 03 Mar 2026 10:15:42 GMT"),
        (b"Content-Disposition", b'inline; filename="\xe5\x86\x99\xe7\x9c\x9f.jpg"'),  # UTF-8 bytes
        (b"CF-Cache-Status", b"HIT"),
        (b"CF-Ray", b"8a1b2c3d4e5f6a7b-CDG"),
        (b"Set-Cookie", b"__cf_bm=Qx7.Lm2Nb9; path=/; expires=Mon, 03-Mar-25 10:45:42 GMT; domain=.example.com; HttpOnly; Secure; SameSite=None"),
        (b"Set-Cookie", b"_cfuvid=Ab3De5Gh7; path=/; domain=.example.com; HttpOnly; Secure; SameSite=None"),
        (b"Set-Cookie", b"cdn_region=eu-west; path=/; Secure"),
        (b"Alt-Svc", b'h3=":443"; ma=86400'),
        (b"X-Content-Type-Options", b"nosniff"),
    ]
    return _head(fields) + body, body


def _export() -> tuple[bytes, bytes]:
    row = b"2025-03-03,Caf\xc3\xa9 cr\xc3\xa8me,4.50,EUR,Montr\xc3\xa9al\n"
    body = (row * (65536 // len(row) + 1))[:65536]
    fields = [
        (b"Date", DATE),
        (b"Server", b"Apache/2.4.62 (Debian)"),
        (b"Content-Type", b"text/csv; charset=utf-8"),
        (b"Transfer-Encoding", b"chunked"),
        (b"Connection", b"keep-alive"),
        (b"Content-Disposition", b'attachment; filename="donn\xe9es-mars.csv"'),  # Latin-1 bytes
        (b"Cache-Control", b"no-cache, no-store, must-revalidate"),
        (b"Pragma", b"no-cache"),
        (b"Expires", b"0"),
        (b"Vary", b"Accept-Encoding"),
        (b"X-Frame-Options", b"DENY"),
        (b"X-Content-Type-Options", b"nosniff"),
        (b"X-XSS-Protection", b"0"),
        (b"Referrer-Policy", b"no-referrer"),
        (b"Permissions-Policy", b"geolocation=(), camera=()"),
        (b"Content-Security-Policy", b"default-src 'none'; frame-ancestors 'none'"),
        (b"Set-Cookie", b"PHPSESSID=9k2j3h4g5f6d; path=/; secure; HttpOnly"),
        (b"Set-Cookie", b"export_token=deleted; expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/"),
        (b"X-Request-Id", b"req-5e1f2b8d"),
        (b"X-Runtime", b"0.184213"),
    ]
    return _head(fields) + _chunked(body, 4096), body


class Response(NamedTuple):
    path: str
    label: str
    raw: bytes  # head + framed body, as on the wire
    body: bytes  # what read() returns


RESPONSES = [
    Response("/page", "HTML page, 2 KiB, Content-Length", *_page()),
    Response("/api", "JSON, 1 KiB, chunked", *_api()),
    Response("/image", "image, 64 KiB, Content-Length", *_image()),
    Response("/export", "CSV export, 64 KiB, chunked", *_export()),
]


def read_headers(r: Any) -> None:
    """The header reads a client does after ``begin()``: type, length, all headers."""
    r.getheader("content-type")
    r.msg.get("content-length")
    r.getheaders()


# -- measuring -----------------------------------------------------------------------


class Result(NamedTuple):
    std: float  # median seconds per unit, stdlib
    ours: float  # median seconds per unit, httpi18n
    ratios: list[float]  # per-round std/ours

    def line(self, label: str) -> str:
        r = sorted(self.ratios)
        spread = f"per round: median {statistics.median(r):.2f}x, {r[0]:.2f}..{r[-1]:.2f}x"
        return (f"{label:<48} {self.std * 1e6:9.2f} µs {self.ours * 1e6:9.2f} µs "
                f"{self.std / self.ours:7.2f}x   ({spread})")


def interleaved(run_std: Callable[[], float], run_ours: Callable[[], float], rounds: int) -> Result:
    """Call the two timers in turn, *rounds* times, alternating which goes first."""
    return interleaved2(lambda: (run_std(),), lambda: (run_ours(),), rounds)[0]


def interleaved2(
    run_std: Callable[[], tuple[float, ...]], run_ours: Callable[[], tuple[float, ...]], rounds: int
) -> list[Result]:
    """As :func:`interleaved` for timers that return several figures (wall, CPU): one Result each."""
    times: dict[str, list[tuple[float, ...]]] = {"std": [], "ours": []}
    for i in range(rounds):
        order = (("std", run_std), ("ours", run_ours))
        for name, run in order if i % 2 == 0 else order[::-1]:
            times[name].append(run())
    results = []
    for k in range(len(times["std"][0])):
        s = [t[k] for t in times["std"]]
        o = [t[k] for t in times["ours"]]
        results.append(Result(statistics.median(s), statistics.median(o), [a / b for a, b in zip(s, o)]))
    return results


class _FakeSock:
    """Just enough socket for HTTPResponse: makefile() over fixed bytes."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def makefile(self, mode: str, bufsize: int | None = None) -> io.BufferedReader:
        return io.BufferedReader(io.BytesIO(self.data))


def _parse_loop(mod: Any, socks: list[_FakeSock], headers: bool) -> Callable[[], None]:
    cls = mod.HTTPResponse
    if headers:
        def once() -> None:  # read_headers() inlined (one call less per response, for both clients)
            for sock in socks:
                r = cls(sock, method="GET")
                r.begin()
                r.getheader("content-type")
                r.msg.get("content-length")
                r.getheaders()
                r.read()
    else:
        def once() -> None:
            for sock in socks:
                r = cls(sock, method="GET")
                r.begin()
                r.read()
    return once


def check_same(responses: list[Response]) -> None:
    """Both clients read the same status, headers and body from every response."""
    for resp in responses:
        got = []
        for mod in (std, ours):
            r = mod.HTTPResponse(_FakeSock(resp.raw), method="GET")
            r.begin()
            got.append((r.status, r.getheader("content-type"), r.msg.get("content-length"), r.getheaders(), r.read()))
        assert got[0] == got[1], f"{resp.path}: http.client and httpi18n disagree"
        assert got[0][4] == resp.body and 16 <= len(got[0][3]) <= 20, resp.path


def bench_parse(responses: list[Response], headers: bool, rounds: int, sample: float) -> Result:
    """Seconds per response (mean over *responses*), in memory."""
    socks = [_FakeSock(r.raw) for r in responses]
    loops = {name: _parse_loop(mod, socks, headers) for name, mod in (("std", std), ("ours", ours))}
    timers = {}
    for name, fn in loops.items():
        fn()
        one = min(timeit.repeat(fn, number=1, repeat=5, timer=time.process_time))
        number = max(1, round(sample / one))  # each timed sample lasts about *sample* seconds
        # CPU time of this process, not wall time: on a shared machine a
        # wall-clock sample also counts the time other processes held the CPU.
        # (timeit turns the garbage collector off while timing.)
        timer = timeit.Timer(fn, timer=time.process_time)
        timers[name] = (lambda t=timer, n=number: t.timeit(n) / n / len(socks))
    return interleaved(timers["std"], timers["ours"], rounds)


# -- servers -------------------------------------------------------------------------

_CANNED_SERVER = textwrap.dedent(
    """
    import pickle, socket, sys, threading
    responses = pickle.loads(sys.stdin.buffer.read())  # request path -> response bytes
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
                head, _, buf = buf.partition(b"\\r\\n\\r\\n")
                conn.sendall(responses[head.split(b" ", 2)[1]])
        conn.close()

    while True:  # a thread per connection (the clients take turns, so no GIL contention)
        threading.Thread(target=serve, args=(srv.accept()[0],), daemon=True).start()
    """
)


def start_canned(responses: list[Response]) -> tuple[subprocess.Popen[bytes], int]:
    """A server subprocess answering each response's path with its bytes; its port."""
    proc = subprocess.Popen([sys.executable, "-c", _CANNED_SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(pickle.dumps({r.path.encode(): r.raw for r in responses}))
    proc.stdin.close()
    return proc, int(proc.stdout.readline())


def start_nginx(tmp: str, responses: list[Response]) -> tuple[subprocess.Popen[bytes], int] | None:
    """nginx serving each response's body as a static file (its own headers), or None."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        return None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for resp in responses:
        with open(os.path.join(tmp, resp.path.lstrip("/")), "wb") as f:
            f.write(resp.body)
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


def _stop(proc: subprocess.Popen[Any]) -> None:
    proc.kill()
    proc.wait()


# -- keep-alive over loopback ----------------------------------------------------------


def bench_keepalive(port: int, responses: list[Response], n: int, rounds: int) -> list[Result]:
    """Wall-clock and CPU seconds per GET on one warm connection per client.

    The requests cycle through the paths; both clients send the same request
    bytes (Host and ``Accept-Encoding: identity``) and do the same header
    reads.  CPU is this process's (the client's) only: the server runs in
    another process.
    """
    paths = [r.path for r in responses]
    bodies = {r.path: r.body for r in responses}
    conns = {}
    for name, mod in (("std", std), ("ours", ours)):
        conn = mod.HTTPConnection("127.0.0.1", port)
        for i in range(200):  # warm up: connection, caches, the server
            conn.request("GET", paths[i % len(paths)])
            r = conn.getresponse()
            assert r.read() == bodies[paths[i % len(paths)]] and not r.will_close, name
        conns[name] = conn

    def timer(conn: Any) -> Callable[[], tuple[float, float]]:
        def once() -> tuple[float, float]:
            t0, c0 = time.perf_counter(), time.process_time()
            for i in range(n):
                conn.request("GET", paths[i % len(paths)])
                r = conn.getresponse()
                read_headers(r)
                r.read()
            return (time.perf_counter() - t0) / n, (time.process_time() - c0) / n

        return once

    try:
        return interleaved2(timer(conns["std"]), timer(conns["ours"]), rounds)
    finally:
        for conn in conns.values():
            conn.close()


# -- urllib3 ---------------------------------------------------------------------------


def urllib3_child(mode: str, port: int, paths: list[str]) -> None:
    """Child process: time keep-alive GETs through urllib3's PoolManager, on demand.

    *mode* ``swap`` puts ``httpi18n.client`` in ``sys.modules['http.client']``
    before urllib3 is imported.  Prints ``ready``, then for each *n* read
    from stdin prints the wall-clock and CPU seconds per request of *n*
    requests.
    """
    if mode == "swap":
        sys.modules["http.client"] = ours
    import urllib3
    import urllib3.connection

    base = urllib3.connection.HTTPConnection.__mro__
    assert (ours.HTTPConnection in base) == (mode == "swap") and (std.HTTPConnection in base) == (mode == "plain")
    pool = urllib3.PoolManager()
    urls = [f"http://127.0.0.1:{port}{path}" for path in paths]
    for i in range(200):  # warm up
        r = pool.request("GET", urls[i % len(urls)])
        assert r.status == 200 and r.headers["content-type"] and r.data
    print("ready", flush=True)
    for line in sys.stdin:
        n = int(line)
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(n):
            r = pool.request("GET", urls[i % len(urls)])
            r.headers.get("content-type")
            r.headers.get("content-length")
            r.data
        print((time.perf_counter() - t0) / n, (time.process_time() - c0) / n, flush=True)


def bench_urllib3(port: int, responses: list[Response], n: int, rounds: int) -> list[Result] | str:
    """Wall-clock and client-CPU seconds per GET through urllib3, stock vs swapped, or why it was skipped."""
    try:
        import urllib3  # noqa: F401  (only whether it is there: the children import it)
    except ImportError:
        return "skipped (urllib3 is not installed)"
    paths = ",".join(r.path for r in responses)
    children = {}
    try:
        for mode in ("plain", "swap"):
            proc = subprocess.Popen(
                [sys.executable, __file__, "--urllib3-child", mode, str(port), paths],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )
            children[mode] = proc
            assert proc.stdout is not None
            if proc.stdout.readline().strip() != "ready":
                return f"skipped (the {mode} urllib3 client failed; run it alone to see why)"

        def timer(proc: subprocess.Popen[str]) -> Callable[[], tuple[float, ...]]:
            def once() -> tuple[float, ...]:
                assert proc.stdin is not None and proc.stdout is not None
                proc.stdin.write(f"{n}\n")
                proc.stdin.flush()
                return tuple(map(float, proc.stdout.readline().split()))

            return once

        return interleaved2(timer(children["plain"]), timer(children["swap"]), rounds)
    finally:
        for proc in children.values():
            _stop(proc)


# -- main ------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer and shorter rounds")
    parser.add_argument("--rounds", type=int, help="interleaved rounds per figure (default 15, 7 with --quick)")
    parser.add_argument("--each", action="store_true", help="also the in-memory figures of each response")
    parser.add_argument("--urllib3-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.urllib3_child:
        mode, port, paths = args.urllib3_child
        urllib3_child(mode, int(port), paths.split(","))
        return 0

    scale = 0.2 if args.quick else 1.0
    rounds = args.rounds or (7 if args.quick else 15)
    sample = 0.05 * scale  # seconds per in-memory sample
    n = int(1200 * scale) or 1  # GETs per keep-alive sample
    check_same(RESPONSES)
    heads = [r.raw.index(b"\r\n\r\n") + 4 for r in RESPONSES]
    print(f"Python {sys.version.split()[0]}; {len(RESPONSES)} responses: heads {min(heads)}-{max(heads)} B, "
          f"16-20 header lines, bodies 1-64 KiB; {rounds} interleaved rounds per figure, medians")
    print(f"{'':<48} {'http.client':>12} {'httpi18n':>12} {'ratio':>8}")

    print("in memory, per response (mean of the 4):")
    headline = bench_parse(RESPONSES, True, rounds, sample)
    print(headline.line("  begin() + header reads + read()   [headline]"))
    print(bench_parse(RESPONSES, False, rounds, sample).line("  begin() + read(), no header touched"))
    if args.each:
        for resp in RESPONSES:
            print(f"  {resp.label}:")
            print(bench_parse([resp], True, rounds, sample).line("    with header reads"))
            print(bench_parse([resp], False, rounds, sample).line("    no header touched"))

    print(f"keep-alive GETs over loopback, per request ({n} GETs a round, cycling through the 4 responses);")
    print("wall clock, then the client's CPU time (what the client itself costs, whatever the load):")

    def pair(label: str, results: list[Result]) -> None:
        print(results[0].line(f"  {label}"))
        print(results[1].line("    client CPU time"))

    proc, port = start_canned(RESPONSES)
    try:
        pair("http.client API, canned Python server", bench_keepalive(port, RESPONSES, n, rounds))
        u3 = bench_urllib3(port, RESPONSES, max(1, n // 2), rounds)
    finally:
        _stop(proc)
    if isinstance(u3, str):
        print(f"  urllib3 PoolManager: {u3}")
    else:
        import urllib3

        pair(f"urllib3 {urllib3.__version__} PoolManager, stock vs swap", u3)
    with tempfile.TemporaryDirectory() as tmp:
        started = start_nginx(tmp, RESPONSES)
        if started is None:
            print("  nginx: skipped (nginx not installed)")
        else:
            proc, port = started
            try:
                pair("http.client API, nginx", bench_keepalive(port, RESPONSES, n, rounds))
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
                        pair("http.client API, nginx, same CPU", bench_keepalive(port, RESPONSES, n, rounds))
                    finally:
                        os.sched_setaffinity(0, mask)
            finally:
                _stop(proc)
    print("ratio = median http.client time / median httpi18n time (higher is better); "
          "targets: headline >= 5x, urllib3 >= 1.25x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
