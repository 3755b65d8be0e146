#!/usr/bin/env python3
"""Documentation build times: four languages against one, and a no-change rebuild.

    python bench/bench_docs.py [--repeat N]

Builds into ``build/bench/`` (never touches ``build/site``):

* ``one``: English only, fresh (empty doctree cache);
* ``four``: en, zh_CN, fr and ja, fresh, as ``tools/build_docs.py`` builds
  them: one ``sphinx-build`` process per language (never two languages in
  one process: Sphinx's labels leak between them), as many at once as CPUs;
* ``rebuild``: the four again with nothing changed.

Target: ``four`` ≤ 2.5 × ``one``.  Exits 1 when the target is missed.  The
load average is printed with the result: on a machine shared with other
work the numbers are noisy (run it on an idle machine to compare runs).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_docs", ROOT / "tools" / "build_docs.py")
build_docs = importlib.util.module_from_spec(_spec)
sys.modules["build_docs"] = build_docs
_spec.loader.exec_module(build_docs)

OUT = ROOT / "build" / "bench"
TARGET = 2.5


def timed(languages: tuple[str, ...], *, clean: bool) -> float:
    site, doctrees = OUT / "site", OUT / "doctrees"
    if clean:
        shutil.rmtree(OUT, ignore_errors=True)
    start = time.perf_counter()
    build_docs.build(languages, site, doctrees, verbose=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs per measure; the best is kept (default 2)")
    args = parser.parse_args(argv)
    timed(("en",), clean=True)  # warm-up: bytecode, jieba cache, OS file cache
    one = min(timed(("en",), clean=True) for _ in range(args.repeat))
    four = min(timed(build_docs.LANGUAGES, clean=True) for _ in range(args.repeat))
    rebuild = min(timed(build_docs.LANGUAGES, clean=False) for _ in range(args.repeat))
    shutil.rmtree(OUT, ignore_errors=True)
    ratio = four / one
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"CPUs: {os.cpu_count()}, sphinx-build processes at once: {min(4, os.cpu_count() or 1)} "
          f"(one per language), load average {load:.1f}")
    print(f"one language (en), fresh:     {one:6.2f} s")
    print(f"four languages, fresh:        {four:6.2f} s   ratio four/one = {ratio:.2f} (target <= {TARGET})")
    print(f"four languages, no change:    {rebuild:6.2f} s   ratio rebuild/four = {rebuild / four:.2f}")
    if ratio > TARGET:
        print(f"FAIL: four languages take {ratio:.2f}x one language (target {TARGET}x)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
