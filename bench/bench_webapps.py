"""LocalizedErrors speed, side by side in one run (targets from issue #5).

1. Overhead on successful responses: the bare app against the same app wrapped
   in :class:`httpi18n.wsgi.LocalizedErrors` (target: at most 5 %), called
   in-process many times — a Flask app (a realistic app), a minimal WSGI app
   (the worst case: nothing to hide the wrapper behind), and a minimal ASGI
   app wrapped in :class:`httpi18n.asgi.LocalizedErrors`.
2. The cost of an error page: the middleware turning an empty 404 into a
   Japanese page (negotiation and rendering included) against Werkzeug's
   English ``NotFound().get_response(environ)`` and its body.

Run: ``python bench/bench_webapps.py``.  Timings are best-of-N per call, the
two sides interleaved so that machine noise hits both alike.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from typing import Any

from httpi18n import asgi, wsgi
from httpi18n.errorpages import render_error

ENVIRON: dict[str, Any] = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/hello", "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
    "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
    "HTTP_HOST": "127.0.0.1:8000", "HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8",
    "HTTP_ACCEPT_LANGUAGE": "ja,en-US;q=0.9,en;q=0.8", "wsgi.input": None, "wsgi.errors": sys.stderr,
    "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False, "wsgi.version": (1, 0),
}


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
    return None


def wsgi_caller(app: Any) -> Callable[[], None]:
    def one() -> None:
        result = app(ENVIRON.copy(), _start_response)
        for _ in result:
            pass
        close = getattr(result, "close", None)
        if close is not None:
            close()

    return one


def per_call(fn: Callable[[], None], number: int) -> float:
    t0 = time.perf_counter()
    for _ in range(number):
        fn()
    return (time.perf_counter() - t0) / number


def side_by_side(a: Callable[[], None], b: Callable[[], None], number: int, rounds: int = 15) -> tuple[float, float]:
    """Best seconds per call of *a* and *b*, measured alternately."""
    for _ in range(number // 10 + 1):
        a()
        b()
    best_a = best_b = float("inf")
    for _ in range(rounds):
        best_a = min(best_a, per_call(a, number))
        best_b = min(best_b, per_call(b, number))
    return best_a, best_b


def report(label: str, base: float, other: float, target: str = "") -> None:
    ratio = other / base
    print(f"  {label:<44} {base * 1e6:9.2f} µs -> {other * 1e6:9.2f} µs   "
          f"ratio {ratio:5.3f}  ({(ratio - 1) * 100:+5.1f} %, {(other - base) * 1e9:+6.0f} ns){target}")


def flask_app() -> Any:
    from flask import Flask

    app = Flask("bench")

    @app.get("/hello")
    def hello() -> str:
        return "Hello, world"

    return app.wsgi_app


def minimal_wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "12")])
    return [b"Hello, world"]


def empty_404(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("404 Not Found", [])
    return []


async def minimal_asgi(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain"), (b"content-length", b"12")]})
    await send({"type": "http.response.body", "body": b"Hello, world"})


def asgi_side_by_side(bare: Any, wrapped: Any, number: int, rounds: int = 15) -> tuple[float, float]:
    scope = {"type": "http", "method": "GET", "path": "/hello", "headers": [(b"accept-language", b"ja")]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Any) -> None:
        return None

    async def loop(app: Any) -> float:
        t0 = time.perf_counter()
        for _ in range(number):
            await app(scope, receive, send)
        return (time.perf_counter() - t0) / number

    async def main() -> tuple[float, float]:
        await loop(bare)
        await loop(wrapped)
        a = b = float("inf")
        for _ in range(rounds):
            a = min(a, await loop(bare))
            b = min(b, await loop(wrapped))
        return a, b

    return asyncio.run(main())


def main() -> None:
    print(f"Python {sys.version.split()[0]}")
    print("== overhead on successful responses (target: <= 5 %)")
    fl = flask_app()
    base, wrapped = side_by_side(wsgi_caller(fl), wsgi_caller(wsgi.LocalizedErrors(fl)), 4_000)
    report("Flask app, 200", base, wrapped, "   <- target" + ("  OK" if wrapped / base <= 1.05 else "  MISSED"))
    base, wrapped = side_by_side(wsgi_caller(minimal_wsgi), wsgi_caller(wsgi.LocalizedErrors(minimal_wsgi)), 50_000)
    report("minimal WSGI app, 200 (worst case)", base, wrapped)
    base, wrapped = asgi_side_by_side(minimal_asgi, asgi.LocalizedErrors(minimal_asgi), 30_000)
    report("minimal ASGI app, 200 (worst case)", base, wrapped)

    print("== an error page: ours (ja, negotiated, rendered) vs Werkzeug's English NotFound")
    from werkzeug.exceptions import NotFound

    def werkzeug_404() -> None:
        resp = NotFound().get_response(ENVIRON.copy())
        b"".join(resp.response)  # type: ignore[arg-type]

    ours = wsgi_caller(wsgi.LocalizedErrors(empty_404))
    base, mine = side_by_side(werkzeug_404, ours, 4_000)
    report("werkzeug NotFound -> LocalizedErrors 404", base, mine)
    render = lambda: render_error(404, "ja", "text/html") and None  # noqa: E731
    base, rnd = side_by_side(werkzeug_404, render, 4_000)
    report("werkzeug NotFound -> render_error() alone", base, rnd)
    fl_404 = dict(ENVIRON, PATH_INFO="/missing")

    def flask_404(app: Any) -> Callable[[], None]:
        def one() -> None:
            result = app(fl_404.copy(), _start_response)
            b"".join(result)
            getattr(result, "close", lambda: None)()

        return one

    base, mine = side_by_side(flask_404(fl), flask_404(wsgi.LocalizedErrors(fl)), 2_000)
    report("Flask 404: English page -> localized page", base, mine)


if __name__ == "__main__":
    main()
