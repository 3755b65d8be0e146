#!/usr/bin/env python3
"""Build the documentation in every language into ``build/site/<lang>/``.

    python tools/build_docs.py                 # all four languages, -W
    python tools/build_docs.py --lang ja       # one language
    python tools/build_docs.py --out /tmp/site --jobs 4

Each language is one ``sphinx-build -b html -W -D language=<lang>`` process
with its own doctree cache (``build/doctrees/<lang>``), so a rebuild only
reads what changed.  As many processes run at once as there are CPUs (at
least one, at most one per language).  Then ``build/site/index.html`` is
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


def sphinx_command(lang: str, out: Path, doctrees: Path, *, fresh: bool = False) -> list[str]:
    """``sphinx-build`` for one language, warnings as errors."""
    flags = ["-W", "--keep-going", "-q"] + (["-E"] if fresh else [])
    return [sys.executable, "-m", "sphinx", "-b", "html", *flags, "-D", f"language={lang}",
            "-d", str(doctrees / lang), str(DOCS), str(out / lang)]


def build_language(lang: str, out: Path = SITE, doctrees: Path = DOCTREES, *, fresh: bool = False) -> tuple[str, float, str]:
    """Build one language; return ``(lang, seconds, output)``, raise on failure."""
    cmd = sphinx_command(lang, out, doctrees, fresh=fresh)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    output = proc.stdout + proc.stderr
    if proc.returncode:
        raise RuntimeError(f"sphinx-build failed for {lang} (exit {proc.returncode}):\n{output}")
    return lang, seconds, output


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
        futures = [pool.submit(build_language, lang, out, doctrees, fresh=fresh) for lang in languages]
        for future in futures:
            try:
                lang, seconds, output = future.result()
            except RuntimeError as exc:
                errors.append(str(exc))
                continue
            times[lang] = seconds
            if verbose:
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
    args = parser.parse_args(argv)
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
