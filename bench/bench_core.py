"""Core speed, side by side in one run (targets from issue #2).

1. warm ``HTTPStatus.NOT_FOUND.localized('ja')`` and ``localized(404, 'ja-JP')``
   against the standard library's ``http.HTTPStatus.NOT_FOUND.phrase``
   (target: within 4x);
2. ``negotiate()`` against Werkzeug's ``LanguageAccept.best_match`` on the
   same headers (target: at least 3x faster), with our result cache on and off;
3. ``import httpi18n`` against ``import http.client`` in fresh interpreters
   (target: under half).

Run: ``python bench/bench_core.py``.
"""

from __future__ import annotations

import compileall
import http
import os
import statistics
import subprocess
import sys
import timeit

import httpi18n
from httpi18n import HTTPStatus, localized, negotiate
from httpi18n import negotiation

HEADERS = [
    "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5",
    "ja,en-US;q=0.9,en;q=0.8",
    "zh-CN,zh;q=0.9,en;q=0.8,en-GB;q=0.7,en-US;q=0.6",
    "de-DE,de;q=0.9",
    "en-US,en;q=0.5",
]


def best(stmt: str, g: dict, number: int = 200_000, repeat: int = 7) -> float:
    """Best time per call in nanoseconds."""
    return min(timeit.repeat(stmt, globals=g, number=number, repeat=repeat)) / number * 1e9


def main() -> None:
    g = {"HTTPStatus": HTTPStatus, "stdlib": http.HTTPStatus, "localized": localized}
    localized(404, "ja-JP")
    HTTPStatus.NOT_FOUND.localized("ja")
    base = best("stdlib.NOT_FOUND.phrase", g)
    meth = best("HTTPStatus.NOT_FOUND.localized('ja')", g)
    func = best("localized(404, 'ja-JP')", g)
    print("== localized() vs http.HTTPStatus.NOT_FOUND.phrase (target: within 4x)")
    print(f"  stdlib .phrase                          {base:8.1f} ns")
    print(f"  HTTPStatus.NOT_FOUND.localized('ja')    {meth:8.1f} ns   ratio {meth / base:5.2f}x")
    print(f"  localized(404, 'ja-JP')                 {func:8.1f} ns   ratio {func / base:5.2f}x")

    print("== negotiate() vs werkzeug LanguageAccept.best_match (target: >= 3x faster)")
    try:
        from werkzeug.datastructures import LanguageAccept
        from werkzeug.http import parse_accept_header
    except ImportError:  # pragma: no cover
        print("  werkzeug is not installed: pip install werkzeug")
        return
    langs = ["en", "zh-CN", "fr", "ja"]
    ours = list(httpi18n.available_languages())
    g2 = {"negotiate": negotiate, "H": HEADERS, "parse": parse_accept_header, "LA": LanguageAccept,
          "langs": langs, "ours": ours, "cache": negotiation._cache}
    wz = best("for h in H: parse(h, LA).best_match(langs, 'en')", g2, number=5_000) / len(HEADERS)
    warm = best("for h in H: negotiate(h, ours)", g2, number=50_000) / len(HEADERS)
    cold = best("for h in H:\n    cache.clear()\n    negotiate(h, ours)", g2, number=5_000) / len(HEADERS)
    print(f"  werkzeug parse + best_match             {wz:8.1f} ns per header")
    print(f"  negotiate (cold: no cached result)      {cold:8.1f} ns   {wz / cold:5.1f}x faster")
    print(f"  negotiate (warm: result cache hit)      {warm:8.1f} ns   {wz / warm:5.1f}x faster")

    print("== import time in a fresh interpreter (target: under half of http.client)")

    def import_ms(module: str) -> float:
        code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
        runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                     check=True).stdout) for _ in range(15)]
        return statistics.median(runs) * 1e3

    # Like an installed wheel (and like the standard library), run from byte-code.
    compileall.compile_dir(os.path.dirname(httpi18n.__file__), quiet=1)
    ours_ms, theirs_ms = import_ms("httpi18n"), import_ms("http.client")
    print(f"  import http.client                      {theirs_ms:8.2f} ms")
    print(f"  import httpi18n                         {ours_ms:8.2f} ms   ratio {ours_ms / theirs_ms:5.2f}")


if __name__ == "__main__":
    main()
