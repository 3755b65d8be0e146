#!/usr/bin/env python3
"""Build the documentation in every language into ``build/site/<lang>/``.

    python tools/build_docs.py                 # all four languages, -W
    python tools/build_docs.py --lang ja       # one language
    python tools/build_docs.py --out /tmp/site --jobs 4

Each language is one Sphinx build (``-b html -W -n -D language=<lang>``, warnings
and unresolved references are errors) in its OWN process, with its own
doctree cache (``build/doctrees/<lang>``), so a rebuild only reads what
changed.  One process per language is deliberate: Sphinx keeps its
translators in process globals, and two languages built in one process
mixed their labels (English pages said ``参数``).  ``--jobs`` processes
run at once (default: the number of CPUs), dearest language first.

Then, at the root of the site: ``index.html`` sends the visitor to the
remembered language (``localStorage``), else the first of
``navigator.languages`` we have, else English, and is a plain list of links
without JavaScript; ``sitemap.xml`` lists every page with its ``hreflang``
alternates; ``robots.txt`` points at the sitemap.

``--base-url`` (or ``$HTTPI18N_DOCS_URL``) is the published address of the
site root: the one setting behind every canonical, ``hreflang``, OpenGraph
and sitemap address (default ``http://127.0.0.1:8000/``).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = ROOT / "build" / "site"
DOCTREES = ROOT / "build" / "doctrees"
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))
from httpi18n.languages import BY_CODE, DOCS_LANGUAGES  # noqa: E402  (the one language table)

#: The site's languages, in switcher order (the rows of the table marked ``docs``).
LANGUAGES = DOCS_LANGUAGES
#: BCP 47 tag and own name of each site language.
TAGS = {code: BY_CODE[code].tag for code in LANGUAGES}
NAMES = {code: BY_CODE[code].native for code in LANGUAGES}
STAMP = ".build-stamp"
STORAGE_KEY = "httpi18n-docs-language"  # same key as docs/_static/languages.js
#: The one setting for absolute links; docs/conf.py reads the same variable.
BASE_URL_ENV = "HTTPI18N_DOCS_URL"
DEFAULT_BASE_URL = "http://127.0.0.1:8000/"


def sources() -> list[Path]:
    """Every file a build depends on (for :func:`is_stale`)."""
    files = [p for p in DOCS.rglob("*") if p.is_file() and "_build" not in p.parts]
    files += list((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    files += list((ROOT / "src" / "httpi18n").rglob("*.py"))
    files += list((ROOT / "src" / "httpi18n" / "locale").rglob("*.mo"))
    files.append(Path(__file__))
    return files


def is_stale(out: Path = SITE, languages: tuple[str, ...] = LANGUAGES, *, base_url: str | None = None) -> bool:
    """True when the site in *out* is missing, was built for another base URL,
    or is older than one of its sources."""
    stamp = out / STAMP
    if not stamp.is_file() or not (out / "index.html").is_file():
        return True
    if any(not (out / lang / "index.html").is_file() for lang in languages):
        return True
    try:
        if json.loads(stamp.read_text(encoding="utf-8")).get("base_url") != site_url(base_url):
            return True
    except ValueError:
        return True
    built = stamp.stat().st_mtime
    return any(p.stat().st_mtime > built for p in sources())


def sphinx_args(lang: str, out: Path, doctrees: Path, *, fresh: bool = False) -> list[str]:
    """``sphinx-build`` arguments for one language, warnings as errors."""
    flags = ["-W", "-n", "--keep-going", "-q"] + (["-E"] if fresh else [])
    return ["-b", "html", *flags, "-D", f"language={lang}", "-d", str(doctrees / lang), str(DOCS), str(out / lang)]


#: Relative cost of a fresh build, measured (jieba and TinySegmenter make zh_CN and ja dearer):
#: the dearest languages start first, so the last process to finish is a cheap one.
COST = {"en": 2, "fr": 3, "ja": 4, "zh_CN": 5}

#: Bumped when a cached doctree of an older build scheme may be wrong: an older
#: tools/build_docs.py built several languages in one process, and Sphinx's
#: translated labels ("Parameters", "Python Module Index") leaked from one
#: language into the next and stayed in the cache.  A doctree folder without
#: this mark is thrown away once (the next build of that language is fresh).
SCHEME = "one-language-per-process-2"
SCHEME_FILE = ".httpi18n-scheme"


def order(languages: tuple[str, ...]) -> list[str]:
    """*languages*, dearest first."""
    return sorted(languages, key=lambda x: -COST.get(x, 3))


def _scheme() -> str:
    """:data:`SCHEME` plus a digest of the extensions: Sphinx does not notice when
    ``docs/_ext`` changes what a page is made of, so a new digest means a fresh build."""
    digest = hashlib.sha256()
    for path in sorted((DOCS / "_ext").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{SCHEME} {digest.hexdigest()[:16]}"


def _doctrees_ok(lang: str, doctrees: Path) -> bool:
    mark = doctrees / lang / SCHEME_FILE
    return mark.is_file() and mark.read_text(encoding="utf-8").strip() == _scheme()


def build_one(lang: str, out: Path, doctrees: Path, *, fresh: bool = False, base_url: str | None = None) -> float:
    """Build one language in its OWN ``sphinx-build`` process; return the seconds taken.

    One process per language is what keeps every page in its language: Sphinx
    keeps its translators (field labels, index titles, search text, theme
    chrome) in module globals, so a second language built in the same
    process can inherit strings of the first.
    """
    fresh = fresh or not _doctrees_ok(lang, doctrees)
    if fresh:
        shutil.rmtree(doctrees / lang, ignore_errors=True)
    cmd = [sys.executable, "-m", "sphinx", *sphinx_args(lang, out, doctrees, fresh=fresh)]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    if base_url:
        env[BASE_URL_ENV] = base_url
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise RuntimeError(f"sphinx-build failed for {lang} (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    (doctrees / lang).mkdir(parents=True, exist_ok=True)
    (doctrees / lang / SCHEME_FILE).write_text(_scheme() + "\n", encoding="utf-8")
    return seconds


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


def site_url(base_url: str | None = None) -> str:
    """The published address of the site root, always ending in ``/``.

    One setting for every absolute link (canonical, ``hreflang``, OpenGraph,
    ``sitemap.xml``, ``robots.txt``): ``--base-url``, else ``$HTTPI18N_DOCS_URL``,
    else ``http://127.0.0.1:8000/`` (what ``make serve`` serves).
    """
    url = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    return url.rstrip("/") + "/"


#: Pages that are no use in a search engine: they get no sitemap entry.
UNLISTED = {"search.html", "genindex.html", "404.html"}


def pages(out: Path, lang: str = "en") -> list[str]:
    """Every page of the *lang* site in *out*, as paths relative to ``<out>/<lang>/``."""
    root = out / lang
    found = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel.split("/", 1)[0].startswith("_") or rel in UNLISTED:
            continue
        found.append(rel)
    return found


def sitemap(out: Path, languages: tuple[str, ...], base: str) -> str:
    """``sitemap.xml``: every page of every language, each with its ``hreflang`` alternates."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
             '        xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    first = "en" if "en" in languages else languages[0]
    for rel in pages(out, first):
        present = [lang for lang in languages if (out / lang / rel).is_file()]
        for lang in present:
            lines.append("  <url>")
            lines.append(f"    <loc>{html.escape(base + lang + '/' + rel)}</loc>")
            for other in present:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{TAGS[other]}" '
                             f'href="{html.escape(base + other + "/" + rel)}"/>')
            if first in present:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" '
                             f'href="{html.escape(base + first + "/" + rel)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(languages: tuple[str, ...], base: str) -> str:
    """``robots.txt``: everything may be crawled but the search pages; where the sitemap is.

    A crawler only reads ``robots.txt`` at the root of a host: when the site is
    published under a sub-path, copy this file's lines into the host's own.
    """
    prefix = urlsplit(base).path or "/"
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}{lang}/search.html" for lang in languages]
    lines += ["Allow: " + prefix, "", f"Sitemap: {base}sitemap.xml", ""]
    return "\n".join(lines)


def build(languages: tuple[str, ...] = LANGUAGES, out: Path = SITE, doctrees: Path = DOCTREES,
          jobs: int | None = None, *, fresh: bool = False, verbose: bool = True,
          base_url: str | None = None) -> dict[str, float]:
    """Build *languages* into *out*, one process per language, *jobs* at a time.

    Then write the root page, ``sitemap.xml`` and ``robots.txt``; return the
    seconds each language took.
    """
    out.mkdir(parents=True, exist_ok=True)
    started = time.time()  # the stamp carries this time: a source edited during the build is newer
    base = site_url(base_url)
    jobs = jobs or max(1, min(len(languages), os.cpu_count() or 1))
    times: dict[str, float] = {}
    errors: list[str] = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {lang: pool.submit(build_one, lang, out, doctrees, fresh=fresh, base_url=base)
                   for lang in order(languages)}
        for lang, future in futures.items():
            try:
                times[lang] = future.result()
            except RuntimeError as exc:
                errors.append(str(exc))
                continue
            if verbose:
                print(f"{lang:6} {times[lang]:6.2f}s  {out / lang}", flush=True)
    if errors:
        raise RuntimeError("\n\n".join(errors))
    # The root files list every language the site has, not only those just rebuilt.
    present = tuple(lang for lang in LANGUAGES if (out / lang / "index.html").is_file()) or languages
    (out / "index.html").write_text(root_index(present), encoding="utf-8")
    (out / "sitemap.xml").write_text(sitemap(out, present, base), encoding="utf-8")
    (out / "robots.txt").write_text(robots(present, base), encoding="utf-8")
    (out / STAMP).write_text(json.dumps({"languages": list(languages), "seconds": times, "base_url": base}),
                             encoding="utf-8")
    os.utime(out / STAMP, (started, started))
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="build only this language (repeatable)")
    parser.add_argument("--out", type=Path, default=SITE, help="site folder (default: build/site)")
    parser.add_argument("--jobs", type=int, default=None, help="sphinx-build processes at once (default: CPUs)")
    parser.add_argument("--fresh", action="store_true", help="ignore the saved environment (-E)")
    parser.add_argument("--if-stale", action="store_true", help="do nothing when the site is up to date")
    parser.add_argument("--base-url", default=None,
                        help=f"published address of the site root (default: ${BASE_URL_ENV} or {DEFAULT_BASE_URL})")
    args = parser.parse_args(argv)
    languages = tuple(args.lang) if args.lang else LANGUAGES
    if args.if_stale and not is_stale(args.out, languages, base_url=args.base_url):
        print(f"{args.out} is up to date")
        return 0
    start = time.perf_counter()
    try:
        build(languages, args.out, jobs=args.jobs, fresh=args.fresh, base_url=args.base_url)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"built {', '.join(languages)} in {time.perf_counter() - start:.2f}s -> {args.out}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
