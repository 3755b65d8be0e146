#!/usr/bin/env python3
"""Build the documentation in every language into ``build/site/<lang>/``.

    python tools/build_docs.py                 # all four languages, -W
    python tools/build_docs.py --lang ja       # one language
    python tools/build_docs.py --out /tmp/site --jobs 4

Each language is one Sphinx build (``-b html -W -D language=<lang>``) with
its own doctree cache (``build/doctrees/<lang>``), so a rebuild only reads
what changed.  The languages are split into as many groups as there are CPUs,
balanced by cost; each group is one process that builds its languages one
after the other, so Python, Sphinx and the extensions are loaded once per
process rather than once per language.  Then ``build/site/index.html`` is
written: it sends the visitor to the remembered language (``localStorage``),
else the first of ``navigator.languages`` we have, else English, and is a
plain list of links without JavaScript.

Set ``HTTPI18N_DOCS_URL`` to the published address of the site root to get
the right canonical and ``hreflang`` links (default ``http://127.0.0.1:8000/``).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = ROOT / "build" / "site"
DOCTREES = ROOT / "build" / "doctrees"
LANGUAGES = ("en", "zh_CN", "fr", "ja")
#: BCP 47 tag and own name of each site language.
TAGS = {"en": "en", "zh_CN": "zh-CN", "fr": "fr", "ja": "ja"}
NAMES = {"en": "English", "zh_CN": "简体中文", "fr": "Français", "ja": "日本語"}
STAMP = ".build-stamp"
STORAGE_KEY = "httpi18n-docs-language"  # same key as docs/_static/languages.js


def sources() -> list[Path]:
    """Every file a build depends on (for :func:`is_stale`)."""
    files = [p for p in DOCS.rglob("*") if p.is_file() and "_build" not in p.parts]
    files += list((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    files += list((ROOT / "src" / "httpi18n").rglob("*.py"))
    files += list((ROOT / "src" / "httpi18n" / "locale").rglob("*.mo"))
    files.append(Path(__file__))
    return files


def is_stale(out: Path = SITE, languages: tuple[str, ...] = LANGUAGES) -> bool:
    """True when the site in *out* is missing or older than one of its sources."""
    stamp = out / STAMP
    if not stamp.is_file() or not (out / "index.html").is_file():
        return True
    if any(not (out / lang / "index.html").is_file() for lang in languages):
        return True
    built = stamp.stat().st_mtime
    return any(p.stat().st_mtime > built for p in sources())


def sphinx_args(lang: str, out: Path, doctrees: Path, *, fresh: bool = False) -> list[str]:
    """``sphinx-build`` arguments for one language, warnings as errors."""
    flags = ["-W", "--keep-going", "-q"] + (["-E"] if fresh else [])
    return ["-b", "html", *flags, "-D", f"language={lang}", "-d", str(doctrees / lang), str(DOCS), str(out / lang)]


#: Relative cost of a fresh build, measured (jieba and TinySegmenter make zh_CN and ja dearer).
COST = {"en": 2, "fr": 3, "ja": 4, "zh_CN": 5}


def plan(languages: tuple[str, ...], jobs: int) -> list[list[str]]:
    """Split *languages* into *jobs* groups of about equal cost (longest first)."""
    groups: list[list[str]] = [[] for _ in range(max(1, min(jobs, len(languages))))]
    load = [0] * len(groups)
    for lang in sorted(languages, key=lambda x: -COST.get(x, 3)):
        i = load.index(min(load))
        groups[i].append(lang)
        load[i] += COST.get(lang, 3)
    return [g for g in groups if g]


def build_group(langs: list[str], out: Path, doctrees: Path, *, fresh: bool = False) -> tuple[dict[str, float], str]:
    """Build *langs* one after the other in ONE process (imports paid once); raise on failure."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--out", str(out),
           "--doctrees", str(doctrees), *(["--fresh"] if fresh else []), *langs]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    times = {}
    for line in proc.stdout.splitlines():
        if line.startswith("built-language "):
            _, lang, seconds = line.split()
            times[lang] = float(seconds)
    if proc.returncode:
        raise RuntimeError(f"sphinx-build failed for {', '.join(langs)} (exit {proc.returncode}):\n"
                           f"{proc.stdout}{proc.stderr}")
    return times, proc.stderr


def worker(langs: list[str], out: Path, doctrees: Path, *, fresh: bool) -> int:
    """Run in a child process: build each language with Sphinx in this process."""
    import sphinx.locale
    from sphinx.cmd.build import build_main

    for lang in langs:
        sphinx.locale.translators.clear()  # Sphinx's own labels are cached per process, not per language
        start = time.perf_counter()
        rc = build_main(sphinx_args(lang, out, doctrees, fresh=fresh))
        if rc:
            return rc
        print(f"built-language {lang} {time.perf_counter() - start:.3f}", flush=True)
    return 0


def root_index(languages: tuple[str, ...] = LANGUAGES) -> str:
    """The site's root page: a remembered or negotiated redirect, and plain links."""
    items = "\n".join(
        f'    <li><a href="{lang}/index.html" hreflang="{TAGS[lang]}" lang="{TAGS[lang]}" '
        f'data-language="{lang}">{html.escape(NAMES[lang])}</a></li>'
        for lang in languages
    )
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{TAGS[lang]}" href="{lang}/index.html">' for lang in languages
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>httpi18n</title>
{alternates}
  <link rel="alternate" hreflang="x-default" href="en/index.html">
  <script>
  (function () {{
    "use strict";
    var available = {json.dumps(list(languages))};
    var KEY = {json.dumps(STORAGE_KEY)};
    function fromTag(tag) {{
      // The fallback rules of httpi18n.tags: Traditional Chinese does not
      // reach zh_CN; region and script reach the language.
      var t = String(tag).toLowerCase().replace(/_/g, "-");
      var lang = t.split("-")[0];
      if (lang === "zh") {{
        if (/^zh-(hant|tw|hk|mo)(-|$)/.test(t)) {{ return null; }}
        return available.indexOf("zh_CN") >= 0 ? "zh_CN" : null;
      }}
      return available.indexOf(lang) >= 0 ? lang : null;
    }}
    function pick() {{
      try {{
        var stored = window.localStorage.getItem(KEY);
        if (stored && available.indexOf(stored) >= 0) {{ return stored; }}
      }} catch (e) {{ /* storage disabled */ }}
      var prefs = navigator.languages || [navigator.language || ""];
      for (var i = 0; i < prefs.length; i++) {{
        var hit = fromTag(prefs[i]);
        if (hit) {{ return hit; }}
      }}
      return "en";
    }}
    document.addEventListener("click", function (event) {{
      var a = event.target.closest ? event.target.closest("a[data-language]") : null;
      if (a) {{ try {{ window.localStorage.setItem(KEY, a.getAttribute("data-language")); }} catch (e) {{}} }}
    }});
    if (!/[?&]choose\\b/.test(window.location.search)) {{
      window.location.replace(pick() + "/index.html" + window.location.hash);
    }}
  }})();
  </script>
  <style>body {{ font-family: sans-serif; margin: 3em auto; max-width: 30em; }} li {{ margin: .4em 0; }}</style>
</head>
<body>
  <h1>httpi18n</h1>
  <ul>
{items}
  </ul>
</body>
</html>
"""


def build(languages: tuple[str, ...] = LANGUAGES, out: Path = SITE, doctrees: Path = DOCTREES,
          jobs: int | None = None, *, fresh: bool = False, verbose: bool = True) -> dict[str, float]:
    """Build *languages* into *out*, *jobs* at a time; return seconds per language."""
    out.mkdir(parents=True, exist_ok=True)
    jobs = jobs or max(1, min(len(languages), os.cpu_count() or 1))
    times: dict[str, float] = {}
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build_group, group, out, doctrees, fresh=fresh) for group in plan(languages, jobs)]
        for future in futures:
            try:
                group_times, _ = future.result()
            except RuntimeError as exc:
                errors.append(str(exc))
                continue
            times.update(group_times)
            if verbose:
                for lang, seconds in group_times.items():
                    print(f"{lang:6} {seconds:6.2f}s  {out / lang}", flush=True)
    if errors:
        raise RuntimeError("\n\n".join(errors))
    (out / "index.html").write_text(root_index(languages), encoding="utf-8")
    (out / STAMP).write_text(json.dumps({"languages": list(languages), "seconds": times}), encoding="utf-8")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="build only this language (repeatable)")
    parser.add_argument("--out", type=Path, default=SITE, help="site folder (default: build/site)")
    parser.add_argument("--jobs", type=int, default=None, help="sphinx-build processes at once (default: CPUs)")
    parser.add_argument("--fresh", action="store_true", help="ignore the saved environment (-E)")
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the site is up to date")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--doctrees", type=Path, default=DOCTREES, help=argparse.SUPPRESS)
    parser.add_argument("worker_languages", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker_languages, args.out, args.doctrees, fresh=args.fresh)
    languages = tuple(args.lang) if args.lang else LANGUAGES
    if args.if_stale and not is_stale(args.out, languages):
        print(f"{args.out} is up to date")
        return 0
    start = time.perf_counter()
    try:
        build(languages, args.out, jobs=args.jobs, fresh=args.fresh)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"built {', '.join(languages)} in {time.perf_counter() - start:.2f}s -> {args.out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
