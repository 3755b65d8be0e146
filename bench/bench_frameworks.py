"""What an error page costs through the framework integrations (issue #15), in-process.

For each framework, three ways to answer a request for a missing page
(``GET /missing``, ``Accept-Language: ja``, a browser's ``Accept``), timed
side by side through the whole framework stack:

* ``own``: the framework's own English page (Django ``page_not_found``,
  Werkzeug's ``NotFound``, FastAPI's ``{"detail": "Not Found"}``);
* ``integration``: :mod:`httpi18n.django`, :mod:`httpi18n.flask`,
  :mod:`httpi18n.starlette` (localized, rendered by the framework's template
  engine for Django and Flask);
* ``middleware``: the framework's own page replaced by
  :class:`httpi18n.wsgi.LocalizedErrors` / :class:`httpi18n.asgi.LocalizedErrors`.

Plus the integration's cost on a successful response (it has none by design:
error handlers run only for errors), measured to show it.

Run: ``python bench/bench_frameworks.py``.  Best-of-N microseconds per request,
the variants interleaved so that machine noise hits them alike; on a shared
machine, compare ratios rather than absolute numbers.
"""

from __future__ import annotations

import asyncio
import sys
import time
import types
from collections.abc import Callable
from typing import Any

from httpi18n import asgi, wsgi

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
ENVIRON: dict[str, Any] = {
    "REQUEST_METHOD": "GET", "PATH_INFO": "/missing", "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
    "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
    "HTTP_HOST": "127.0.0.1:8000", "HTTP_ACCEPT": BROWSER, "HTTP_ACCEPT_LANGUAGE": "ja,en-US;q=0.9,en;q=0.8",
    "wsgi.input": None, "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": False,
    "wsgi.run_once": False, "wsgi.version": (1, 0),
}

Call = Callable[[], Any]


def _start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
    return None


def wsgi_call(app: Any, **extra: Any) -> Call:
    environ = dict(ENVIRON, **extra)

    def one() -> bytes:
        env = environ.copy()
        if env.get("wsgi.input") is None:
            import io

            env["wsgi.input"] = io.BytesIO()
        result = app(env, _start_response)
        body = b"".join(result)
        getattr(result, "close", lambda: None)()
        return body

    return one


def best(calls: dict[str, Call], number: int, rounds: int = 9) -> dict[str, float]:
    """Best seconds per call of each, measured round-robin."""
    for fn in calls.values():
        for _ in range(number // 10 + 1):
            fn()
    out = {name: float("inf") for name in calls}
    for _ in range(rounds):
        for name, fn in calls.items():
            t0 = time.perf_counter()
            for _ in range(number):
                fn()
            out[name] = min(out[name], (time.perf_counter() - t0) / number)
    return out


def show(title: str, times: dict[str, float]) -> None:
    base = next(iter(times.values()))
    print(f"  {title}")
    for name, t in times.items():
        print(f"    {name:<40} {t * 1e6:9.1f} µs   x{t / base:5.2f}")


# --- Django ------------------------------------------------------------------------------


def django_calls() -> dict[str, Call]:
    import django
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import path

    def home(request: Any) -> HttpResponse:
        return HttpResponse("Welcome")

    default_urls = types.ModuleType("bench_default_urls")
    default_urls.urlpatterns = [path("", home)]  # type: ignore[attr-defined]
    ours_urls = types.ModuleType("bench_httpi18n_urls")
    ours_urls.urlpatterns = [path("", home)]  # type: ignore[attr-defined]
    ours_urls.handler404 = "httpi18n.django.handler404"  # type: ignore[attr-defined]
    sys.modules[default_urls.__name__] = default_urls
    sys.modules[ours_urls.__name__] = ours_urls

    def choose_urlconf(get_response: Any) -> Any:  # per-request ROOT_URLCONF: both variants in one process
        def middleware(request: Any) -> Any:
            request.urlconf = request.META["bench.urlconf"]
            return get_response(request)

        return middleware

    sys.modules["bench_frameworks_mw"] = types.ModuleType("bench_frameworks_mw")
    sys.modules["bench_frameworks_mw"].choose_urlconf = choose_urlconf  # type: ignore[attr-defined]
    settings.configure(
        DEBUG=False, SECRET_KEY="bench", ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF=default_urls.__name__,
        INSTALLED_APPS=["httpi18n.django"], USE_I18N=True, LANGUAGE_CODE="en",
        LANGUAGES=[("en", "English"), ("fr", "Français"), ("ja", "日本語")],
        MIDDLEWARE=["bench_frameworks_mw.choose_urlconf", "django.middleware.locale.LocaleMiddleware",
                    "django.middleware.common.CommonMiddleware"],
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
    )
    django.setup()
    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    own = wsgi_call(app, **{"bench.urlconf": default_urls.__name__})
    ours = wsgi_call(app, **{"bench.urlconf": ours_urls.__name__})
    assert b"\xe6\x9c\xaa\xe6\xa4\x9c\xe5\x87\xba" in ours(), "not the Japanese page"  # 未検出
    return {
        "own page (Django page_not_found)": own,
        "httpi18n.django handler404": ours,
        "own page + wsgi.LocalizedErrors": wsgi_call(wsgi.LocalizedErrors(app),
                                                     **{"bench.urlconf": default_urls.__name__}),
        "200 page, handler404 configured": wsgi_call(app, PATH_INFO="/",
                                                     **{"bench.urlconf": ours_urls.__name__}),
    }


# --- Flask ----------------------------------------------------------------------------------


def flask_calls() -> dict[str, Call]:
    from flask import Flask

    from httpi18n.flask import LocalizedErrors

    def make(ext: bool) -> Flask:
        app = Flask("bench_ext" if ext else "bench_own")

        @app.get("/")
        def home() -> str:
            return "Welcome"

        if ext:
            LocalizedErrors(app)
        return app

    own, ours = make(False), make(True)
    assert "未検出".encode() in wsgi_call(ours)()
    return {
        "own page (Werkzeug NotFound)": wsgi_call(own),
        "httpi18n.flask LocalizedErrors": wsgi_call(ours),
        "own page + wsgi.LocalizedErrors": wsgi_call(wsgi.LocalizedErrors(own.wsgi_app)),
        "200 page, own app": wsgi_call(own, PATH_INFO="/"),
        "200 page, with the extension": wsgi_call(ours, PATH_INFO="/"),
    }


# --- FastAPI --------------------------------------------------------------------------------


def fastapi_times(number: int, rounds: int = 9) -> dict[str, float]:
    from fastapi import FastAPI

    from httpi18n.starlette import install

    def make(ext: bool) -> FastAPI:
        app = FastAPI()

        @app.get("/")
        async def home() -> dict[str, str]:
            return {"hello": "world"}

        if ext:
            install(app)
        return app

    own, ours = make(False), make(True)
    headers = [(b"host", b"127.0.0.1"), (b"accept", BROWSER.encode()), (b"accept-language", b"ja")]

    def scope(path: str) -> dict[str, Any]:
        return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
                "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    sent: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            sent.append(message.get("body", b""))

    variants: dict[str, tuple[Any, str]] = {
        "own page (FastAPI {\"detail\"})": (own, "/missing"),
        "httpi18n.starlette install()": (ours, "/missing"),
        "own page + asgi.LocalizedErrors": (asgi.LocalizedErrors(own), "/missing"),
        "200 page, own app": (own, "/"),
        "200 page, with install()": (ours, "/"),
    }

    async def loop(app: Any, path: str) -> float:
        sc = scope(path)
        t0 = time.perf_counter()
        for _ in range(number):
            await app(dict(sc), receive, send)
        return (time.perf_counter() - t0) / number

    async def main() -> dict[str, float]:
        # lifespan is not needed by these apps; warm up, then round-robin
        for app, path in variants.values():
            await loop(app, path)
        sent.clear()
        await ours(scope("/missing"), receive, send)
        assert "未検出".encode() in b"".join(sent)
        out = {name: float("inf") for name in variants}
        for _ in range(rounds):
            for name, (app, path) in variants.items():
                out[name] = min(out[name], await loop(app, path))
        return out

    return asyncio.run(main())


def main() -> None:
    from importlib.metadata import version

    print(f"Python {sys.version.split()[0]}, Django {version('django')}, Flask {version('flask')}, "
          f"FastAPI {version('fastapi')}")
    print("== an error page (404, Accept-Language: ja) through each framework, per request")
    print("   (timings on a shared machine are noisy; the ratios to the first line matter)")
    show("Django", best(django_calls(), 1_000))
    show("Flask", best(flask_calls(), 1_000))
    show("FastAPI", fastapi_times(1_000))


if __name__ == "__main__":
    main()
