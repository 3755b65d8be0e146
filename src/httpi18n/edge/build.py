"""``build DIR``: the static error pages and ready proxy configuration, byte for byte reproducible.

Layout written under *DIR* (nothing else is touched; existing files with
the same names are replaced)::

    pages/404.ja.html  404.ja.json  404.ja.txt  …   every status × language × format
    pages/404.var                                   Apache type map, one per status
    apache/httpi18n.conf                            Alias, <Directory>, ErrorDocument
    nginx/httpi18n-http.conf                        maps (http {} context)
    nginx/httpi18n-static.conf                      error_page + location (server {})
    nginx/httpi18n-service.conf                     error_page … = @httpi18n_<code> (server {})
    caddy/httpi18n.caddy                            handle_errors snippet (to the service)
    haproxy/httpi18n.cfg                            backend + frontend lines (to the service)

Same options → same bytes: files are written in a fixed order, with ``\\n``
line ends, no dates and no absolute path except the ``root`` given (which
defaults to ``DIR/pages`` made absolute: pass ``root=`` the path the pages
will have on the server when the output is committed or baked into an
image).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..errorpages import FORMATS, TemplateLike
from . import configs
from .pages import PageSet, filename

__all__ = ["build", "DEFAULT_BASE_PATH", "DEFAULT_SERVICE"]

#: URL prefix of the pages inside the proxy (internal locations).
DEFAULT_BASE_PATH = "/_httpi18n"
#: Where the proxy configs expect the service.
DEFAULT_SERVICE = "http://127.0.0.1:8080"


#: Characters that would break out of a value written into an nginx/Apache/Caddy/HAProxy config.
UNSAFE_CONFIG_CHARS = frozenset(" \t\r\n;{}\"'#\\")


def unsafe_for_config(value: str) -> bool:
    """Whether *value* holds a character that cannot be written into a proxy configuration."""
    return not UNSAFE_CONFIG_CHARS.isdisjoint(value)


def _normal_base(base_path: str) -> str:
    base = "/" + base_path.strip("/")
    if base == "/" or not re.fullmatch(r"(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+", base):
        raise ValueError(f"base path must be a URL path other than / made of letters, digits and "
                         f"'-._~' (it is written into regexes and configs): {base_path!r}")
    return base


def build(
    directory: str | os.PathLike[str],
    *,
    statuses: Iterable[int] | None = None,
    languages: Iterable[str] | None = None,
    formats: Iterable[str] = FORMATS,
    template: TemplateLike = None,
    base_path: str = DEFAULT_BASE_PATH,
    root: str | None = None,
    service: str = DEFAULT_SERVICE,
    haproxy_backend: str = "app",
) -> list[Path]:
    """Write pages and configs under *directory*; return the files written, in order.

    :param statuses: codes to build (default: every registered 4xx/5xx).
    :param languages: catalogs (default: all shipped); the first is the fallback.
    :param formats: any of ``text/html``, ``application/problem+json``, ``text/plain``.
    :param template: the HTML template, as the middleware's ``template=``.
    :param base_path: URL prefix of the pages inside the proxy.
    :param root: the pages' directory as the proxy will see it (default:
        ``directory/pages``, absolute).
    :param service: URL of the error-page service, for the configs that use it.
    :param haproxy_backend: the HAProxy backend whose outage routes to the service.
    """
    out = Path(directory)
    pages = PageSet(statuses, languages, formats, template)
    base = _normal_base(base_path)
    pages_dir = out / "pages"
    root_path = root if root is not None else str(pages_dir.resolve())
    root_path = root_path.rstrip("/") or "/"
    for name, value in (("root", root_path), ("service", service), ("haproxy_backend", haproxy_backend)):
        if unsafe_for_config(value):
            raise ValueError(f"{name} must not contain spaces, quotes, ';', '{{', '}}' or '#': {value!r}")

    files: list[tuple[Path, bytes]] = []
    for status, lang, fmt in pages.keys():
        files.append((pages_dir / filename(status, lang, fmt), pages.get(status, lang, fmt).page.body))
    for status in pages.statuses:
        files.append((pages_dir / f"{status}.var",
                      configs.apache_type_map(status, pages.languages, pages.formats).encode()))
    text = {
        "apache/httpi18n.conf": configs.apache_conf(root_path, base, pages.statuses, pages.languages),
        "nginx/httpi18n-http.conf": configs.nginx_http_conf(pages.languages, pages.formats),
        "nginx/httpi18n-static.conf": configs.nginx_static_conf(root_path, base, pages.statuses),
        "nginx/httpi18n-service.conf": configs.nginx_service_conf(service, pages.statuses),
        "caddy/httpi18n.caddy": configs.caddy_conf(service, pages.statuses),
        "haproxy/httpi18n.cfg": configs.haproxy_conf(service, haproxy_backend),
    }
    files += [(out / name, body.encode("utf-8")) for name, body in text.items()]

    written = []
    for path, data in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:  # unchanged files keep their mtime
            path.write_bytes(data)
        written.append(path)
    return written
