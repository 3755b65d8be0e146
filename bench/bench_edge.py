"""Benchmark: the httpi18n error-page service against nginx serving the same page, on 127.0.0.1.

    python bench/bench_edge.py                  # 5 s per run, 1 round
    python bench/bench_edge.py --duration 10
    python bench/bench_edge.py --duration 3 --rounds 5        # interleaved, medians
    python bench/bench_edge.py --rounds 5 --baseline-src /tmp/old/src   # A/B against another tree

Three servers answer a French (``Accept-Language: fr-CA,fr;q=0.8``) 404
page, HTML or problem+json:

* ``nginx file``: nginx (one worker, access log off) sending the built file
  ``404.fr.html`` / ``404.fr.json`` as a plain static file: the floor;
* ``nginx map``: nginx with the generated ``httpi18n-static.conf``: a 404,
  ``error_page``, the ``Accept-Language``/``Accept`` maps, ``try_files``;
* ``service``: ``python -m httpi18n.edge serve`` (httpi18n.server), asked
  the ingress-nginx way (``X-Code: 404``): negotiation and a cached page.

Each is loaded by ``wrk`` (Debian ``wrk``) with 1 and 32 keep-alive
connections; printed: requests/s, p50 and p99 latency, and the ratio of the
service's requests/s to ``nginx file``'s.  Then the service's resident
memory with every status × language × format rendered.  The numbers are
noisy on a shared machine: compare rows of one run, not runs.

With ``--rounds N`` every row is measured N times, the rows interleaved
(round after round, the servers' order rotating), and the medians are
printed: req/s, p50 and p99 are the medians of the runs, the ratio is the
median of each round's ratio (each service run against the ``nginx file``
run next to it).  ``--baseline-src DIR`` adds a ``baseline`` row: the same
service started from another source tree (e.g. an older checkout's
``src``), measured in the same rounds, so that a change is compared side by
side under the same load.  The load average is printed with the results.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))

ACCEPT = {
    "html": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "json": "application/json",
}
LANGUAGE = "fr-CA,fr;q=0.8,en-US;q=0.5,en;q=0.3"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port}")


def start_nginx(tmp: Path, built: Path) -> tuple[subprocess.Popen[bytes], int]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
daemon off; master_process off; worker_processes 1; pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {tmp}; proxy_temp_path {tmp}; fastcgi_temp_path {tmp};
  uwsgi_temp_path {tmp}; scgi_temp_path {tmp};
  include {built}/nginx/httpi18n-http.conf;
  server {{
    listen 127.0.0.1:{port};
    location /file/ {{
      alias {built}/pages/;
      types {{ text/html html; application/problem+json json; }}
      charset utf-8; charset_types text/html;
      add_header Content-Language fr; add_header Vary "Accept, Accept-Language";
      add_header X-Content-Type-Options nosniff;
    }}
    include {built}/nginx/httpi18n-static.conf;
    location /map/ {{ return 404; }}
  }}
}}
""")
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc, port


def start_service(src: Path = SRC) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.Popen([sys.executable, "-m", "httpi18n.edge", "serve", "-q", "-b", "127.0.0.1", str(port)],
                            env=env, stdout=subprocess.DEVNULL)
    wait_port(port)
    return proc, port


_UNIT = {"us": 1.0, "ms": 1000.0, "s": 1e6}


def _micros(text: str) -> float:
    m = re.fullmatch(r"([0-9.]+)(us|ms|s)", text)
    if m is None:
        raise ValueError(f"wrk latency {text!r}")
    return float(m[1]) * _UNIT[m[2]]


def wrk(url: str, connections: int, duration: int, headers: list[str]) -> tuple[float, float, float]:
    """(requests/s, p50 µs, p99 µs) from one wrk run."""
    args = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for h in headers:
        args += ["-H", h]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out)[1])  # type: ignore[index]
    p50 = _micros(re.search(r"\s50%\s+(\S+)", out)[1])  # type: ignore[index]
    p99 = _micros(re.search(r"\s99%\s+(\S+)", out)[1])  # type: ignore[index]
    return rps, p50, p99


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default: %(default)s)")
    ap.add_argument("--rounds", type=int, default=1, help="interleaved rounds; medians are printed (default: %(default)s)")
    ap.add_argument("--baseline-src", type=Path, metavar="DIR",
                    help="also run the service from this source tree (row 'baseline'), in the same rounds")
    args = ap.parse_args()
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    if args.baseline_src is not None and not (args.baseline_src / "httpi18n" / "edge").is_dir():
        ap.error(f"--baseline-src {args.baseline_src}: no httpi18n/edge package there")
    if shutil.which("wrk") is None:
        sys.exit("bench_edge: needs wrk (apt-get install wrk) and nginx (nginx-light)")

    from httpi18n.edge import build

    with tempfile.TemporaryDirectory(prefix="httpi18n-bench-edge-") as name:
        tmp = Path(name)
        build(tmp / "out", base_path="/_httpi18n")
        nginx, nport = start_nginx(tmp, tmp / "out")
        service, sport = start_service()
        procs = [nginx, service]
        try:
            services = [("service", sport, service)]
            if args.baseline_src is not None:
                baseline, bport = start_service(args.baseline_src.resolve())
                procs.append(baseline)
                services.append(("baseline", bport, baseline))
            idle = rss_kib(service.pid)
            # check the servers serve the same bytes before timing them
            import http.client

            bodies = []
            for port, path, extra in ((nport, "/file/404.fr.html", {}), (nport, "/map/x", {}),
                                      *((p, "/", {"X-Code": "404"}) for _, p, _ in services)):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                conn.request("GET", path, headers={"Accept-Language": LANGUAGE, "Accept": ACCEPT["html"], **extra})
                bodies.append(conn.getresponse().read())
                conn.close()
            assert all(body == bodies[0] for body in bodies), "the servers do not send the same page"

            cases = []
            for fmt in ("html", "json"):
                headers = [f"Accept-Language: {LANGUAGE}", f"Accept: {ACCEPT[fmt]}"]
                for conns in (1, 32):
                    rows = [
                        ("nginx file", f"http://127.0.0.1:{nport}/file/404.fr.{fmt}", headers),
                        ("nginx map", f"http://127.0.0.1:{nport}/map/x", headers),
                        *((label, f"http://127.0.0.1:{p}/", [*headers, "X-Code: 404"]) for label, p, _ in services),
                    ]
                    cases.append((fmt, conns, rows))
            # results[(fmt, conns, label)] = [(rps, p50, p99), ...], one per round
            results: dict[tuple[str, int, str], list[tuple[float, float, float]]] = {}
            loads = []
            for round_no in range(args.rounds):
                loads.append(os.getloadavg()[0])
                for fmt, conns, rows in cases:
                    shift = round_no % len(rows)
                    for label, url, hdrs in rows[shift:] + rows[:shift]:  # rotate who runs first
                        results.setdefault((fmt, conns, label), []).append(wrk(url, conns, args.duration, hdrs))
                if args.rounds > 1:
                    print(f"round {round_no + 1}/{args.rounds} done", file=sys.stderr, flush=True)
            loads.append(os.getloadavg()[0])

            what = "median of %d rounds, " % args.rounds if args.rounds > 1 else ""
            print(f"({what}{args.duration} s per run; load average (1 min) "
                  f"{min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs)")
            print(f"{'format':6} {'conns':>5}  {'server':12} {'req/s':>9} {'p50 µs':>8} {'p99 µs':>8}  vs nginx file")
            for fmt, conns, rows in cases:
                floor = results[(fmt, conns, "nginx file")]
                for label, _url, _hdrs in rows:
                    runs = results[(fmt, conns, label)]
                    rps = statistics.median(r[0] for r in runs)
                    p50 = statistics.median(r[1] for r in runs)
                    p99 = statistics.median(r[2] for r in runs)
                    ratio = statistics.median(r[0] / f[0] for r, f in zip(runs, floor))
                    print(f"{fmt:6} {conns:>5}  {label:12} {rps:>9.0f} {p50:>8.0f} {p99:>8.0f}  {ratio:.2f}x",
                          flush=True)
            print(f"\nservice RSS: {idle / 1024:.1f} MiB at start (every page rendered), "
                  f"{rss_kib(service.pid) / 1024:.1f} MiB after the runs")
        finally:
            for proc in procs:
                proc.terminate()
                proc.wait(10)


if __name__ == "__main__":
    main()
