"""Benchmark: httpi18n.server against http.server, side by side, on 127.0.0.1.

    python bench/bench_server.py                 # throughput (1 and 32 clients) + parsing time
    python bench/bench_server.py --duration 10   # longer runs
    python bench/bench_server.py --rounds 3      # 3 interleaved rounds, medians reported
    python bench/bench_server.py --soak          # also the 20 s, 64-connection soak of httpi18n.server

The same trivial keep-alive handler (``GET`` → ``hello``, no logging) runs on

* ``http.server.ThreadingHTTPServer`` as shipped (Nagle on: ~40 ms per
  response with delayed ACKs, gh-108736),
* the same with ``disable_nagle_algorithm = True`` (and httpi18n's listen
  backlog, so that no connection of the 32 waits for a SYN retransmit),
* ``httpi18n.server.ThreadingHTTPServer``,

each in its own process, loaded by ``wrk`` (Debian package ``wrk``) or, if
absent, by a small Python client in another process.  Ratios are printed
against the Nagle-off CPython figure.

With one client, each request is a full round trip: two wake-ups of
sleeping processes and a loopback ``send`` that runs the receiver's TCP
path, none of it Python.  On a virtual machine with idle CPUs those costs
dominate and compress every ratio toward 1; ``--floor`` adds a reference
"server" that only does ``recv_into`` + ``sendall`` of a fixed response (no
parsing at all): with one client, the ceiling for any thread-per-connection
Python server that sleeps between requests.  httpi18n.server gets past it by
not sleeping: its handler polls for the next request for up to
``busy_poll`` seconds while it holds the server's only connection
(``--busy-poll 0`` measures it without).
"""

from __future__ import annotations

import argparse
import io
import os
import re
import selectors
import shutil
import socket
import subprocess
import sys
import time
import timeit
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

KINDS = ("cpython", "cpython-nodelay", "httpi18n")
BODY = b"hello\n"
REQUEST = (
    b"GET / HTTP/1.1\r\n"
    b"Host: 127.0.0.1:8000\r\n"
    b"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
    b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    b"Accept-Language: fr-CA,fr;q=0.8,en-US;q=0.5,en;q=0.3\r\n"
    b"Accept-Encoding: gzip, deflate, br, zstd\r\n"
    b"Connection: keep-alive\r\n"
    b"Upgrade-Insecure-Requests: 1\r\n"
    b"Sec-Fetch-Dest: document\r\n"
    b"Sec-Fetch-Mode: navigate\r\n"
    b"\r\n"
)


def handler_class(kind: str) -> Any:
    """The trivial handler on the base class of *kind*."""
    base: Any
    if kind == "httpi18n":
        from httpi18n.server import BaseHTTPRequestHandler as base
    else:
        from http.server import BaseHTTPRequestHandler as base

    class Hello(base):  # type: ignore[misc,valid-type]
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)

    if kind == "cpython-nodelay":
        Hello.disable_nagle_algorithm = True
    if kind == "httpi18n" and os.environ.get("BENCH_NO_TIMEOUT"):
        Hello.timeout = None
    if kind == "httpi18n" and os.environ.get("BENCH_BUSY_POLL"):
        Hello.busy_poll = float(os.environ["BENCH_BUSY_POLL"])  # set by --busy-poll
    return Hello


FLOOR_RESPONSE = (
    b"HTTP/1.1 200 OK\r\nServer: floor\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\n"
    b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s" % (len(BODY), BODY)
)


def serve_floor() -> None:
    """Child process: one thread per connection, ``recv_into`` + ``sendall`` of a fixed response."""
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    print(listener.getsockname()[1], flush=True)

    def answer(conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = bytearray(8192)
        with conn:
            while conn.recv_into(buf):  # one request per read: fine for one-in-flight clients
                conn.sendall(FLOOR_RESPONSE)

    while True:
        conn, _ = listener.accept()
        threading.Thread(target=answer, args=(conn,), daemon=True).start()


def serve(kind: str) -> None:
    """Child process: serve *kind* on an ephemeral port, print the port, run until killed."""
    if kind == "floor":
        serve_floor()
        return
    server_class: Any
    if kind == "httpi18n":
        from httpi18n.server import ThreadingHTTPServer as server_class
    else:
        from http.server import ThreadingHTTPServer as server_class
    if kind == "cpython-nodelay":
        # The same listen backlog as httpi18n's: 32 simultaneous connects into socketserver's
        # 5 would stall some in SYN retransmits, and that is not per-request speed.
        server_class = type("ThreadingHTTPServer", (server_class,), {"request_queue_size": socket.SOMAXCONN})
    httpd = server_class(("127.0.0.1", 0), handler_class(kind))
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()


# -- load generators -------------------------------------------------------------


def run_wrk(port: int, clients: int, duration: float) -> tuple[float, int]:
    """``(requests per second, errors)`` measured by wrk."""
    threads = min(clients, 2)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{clients}", f"-d{max(1, round(duration))}s", "--timeout", "10s",
         f"http://127.0.0.1:{port}/"],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s*([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    return rps, errors


def python_client(port: int, clients: int, duration: float) -> None:
    """Child process: *clients* keep-alive connections, one request in flight each; print count."""
    sel = selectors.DefaultSelector()
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    count = 0
    for _ in range(clients):
        s = socket.create_connection(("127.0.0.1", port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.sendall(request)
        sel.register(s, selectors.EVENT_READ, bytearray())
    end = time.monotonic() + duration
    while time.monotonic() < end:
        for key, _ in sel.select(timeout=0.5):
            buf = key.data
            buf += key.fileobj.recv(65536)  # type: ignore[union-attr]
            head, sep, body = bytes(buf).partition(b"\r\n\r\n")
            if sep and len(body) >= len(BODY):
                count += 1
                buf.clear()
                key.fileobj.sendall(request)  # type: ignore[union-attr]
    print(count / duration, flush=True)


def run_python_client(port: int, clients: int, duration: float) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, __file__, "--client", str(port), str(clients), str(duration)],
        capture_output=True, text=True, check=True,
    ).stdout
    return float(out.strip()), 0


def measure(kind: str, clients: int, duration: float) -> tuple[float, int]:
    """Start a server process of *kind*, load it, stop it."""
    proc = subprocess.Popen([sys.executable, __file__, "--serve", kind], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(proc.stdout.readline())  # type: ignore[union-attr]
        load = run_wrk if shutil.which("wrk") else run_python_client
        return load(port, clients, duration)
    finally:
        proc.kill()
        proc.wait()


# -- request parsing ---------------------------------------------------------------


def parse_time(kind: str, number: int = 20000) -> float:
    """Microseconds to parse :data:`REQUEST` (request line and headers) with *kind*'s parse_request."""
    cls = handler_class(kind)
    handler = cls.__new__(cls)
    handler.wfile = io.BytesIO()
    handler.client_address = ("127.0.0.1", 0)

    def once() -> None:
        handler.rfile = rfile = io.BufferedReader(io.BytesIO(REQUEST))
        handler.raw_requestline = rfile.readline(65537)
        if not handler.parse_request():
            raise RuntimeError("parse failed")

    once()
    best = min(timeit.repeat(once, number=number, repeat=5))
    return best / number * 1e6


def soak(duration: float = 20.0) -> int:
    """64 connections for *duration* s on httpi18n.server: errors, fds, memory of the server process."""
    proc = subprocess.Popen([sys.executable, __file__, "--serve", "httpi18n"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(proc.stdout.readline())  # type: ignore[union-attr]

        def fds() -> int:
            return len(os.listdir(f"/proc/{proc.pid}/fd"))

        def rss() -> int:
            with open(f"/proc/{proc.pid}/status") as fh:
                return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS:"))

        run_wrk(port, 64, 2)  # warm-up
        time.sleep(0.5)
        fd0, rss0 = fds(), rss()
        rps, errors = run_wrk(port, 64, duration)
        time.sleep(1.0)
        fd1, rss1 = fds(), rss()
    finally:
        proc.kill()
        proc.wait()
    print(f"\nsoak: 64 connections, {duration:.0f} s: {rps:,.0f} req/s, {errors} errors, "
          f"fds {fd0} -> {fd1}, RSS {rss0/1024:.1f} -> {rss1/1024:.1f} MiB")
    return 0 if errors == 0 and fd1 <= fd0 and rss1 - rss0 < 20 * 1024 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=3.0, help="seconds per measurement (default 3)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds; medians are reported (default 1)")
    parser.add_argument("--floor", action="store_true",
                        help="also measure a recv+sendall-only Python 'server' (the per-request floor)")
    parser.add_argument("--soak", action="store_true", help="also run the 20 s, 64-connection soak")
    parser.add_argument("--busy-poll", type=float, metavar="SECONDS",
                        help="httpi18n handler's busy_poll (default: the class default)")
    parser.add_argument("--serve", choices=(*KINDS, "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--client", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    if args.client:
        python_client(int(args.client[0]), int(args.client[1]), float(args.client[2]))
        return 0

    if args.busy_poll is not None:
        os.environ["BENCH_BUSY_POLL"] = repr(args.busy_poll) if args.busy_poll else "0.0"
    tool = "wrk" if shutil.which("wrk") else "python client"
    rounds = max(1, args.rounds)
    kinds = (*KINDS, "floor") if args.floor else KINDS
    print(f"keep-alive GET, {args.duration:g} s each, load from {tool}, Python {sys.version.split()[0]}"
          + (f", {rounds} rounds (medians)" if rounds > 1 else ""))
    samples: dict[tuple[str, int], list[float]] = {}
    failures: dict[tuple[str, int], int] = {}
    for r in range(rounds):
        for clients in (1, 32):
            for kind in kinds:
                rps, errors = measure(kind, clients, args.duration)
                samples.setdefault((kind, clients), []).append(rps)
                failures[kind, clients] = failures.get((kind, clients), 0) + errors
        if rounds > 1:
            print(f"round {r + 1}: " + ", ".join(
                f"{kind}/{clients} {samples[kind, clients][-1]:,.0f}" for clients in (1, 32) for kind in kinds
            ), flush=True)
    results = {key: sorted(values)[len(values) // 2] for key, values in samples.items()}
    print(f"{'server':<18}{'clients':>8}{'req/s':>12}{'errors':>8}")
    for clients in (1, 32):
        for kind in kinds:
            print(f"{kind:<18}{clients:>8}{results[kind, clients]:>12,.0f}{failures[kind, clients]:>8}")
    print()
    for clients in (1, 32):
        ref = results["cpython-nodelay", clients]
        ours = results["httpi18n", clients]
        shipped = results["cpython", clients]
        print(f"{clients:>2} client(s): httpi18n / cpython-nodelay = {ours / ref:.2f}x; "
              f"httpi18n / cpython as shipped = {ours / shipped:.0f}x")
        if args.floor:
            floor = results["floor", clients]
            print(f"            floor / cpython-nodelay = {floor / ref:.2f}x; httpi18n / floor = {ours / floor:.2f}")
    cp = parse_time("cpython")
    ours_us = parse_time("httpi18n")
    print(f"\nrequest parsing ({len(REQUEST)} bytes, 10 headers): cpython {cp:.2f} us, "
          f"httpi18n {ours_us:.2f} us, ratio {cp / ours_us:.2f}x")
    if args.soak:
        return soak()
    return 0


if __name__ == "__main__":
    sys.exit(main())
