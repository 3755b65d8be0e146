"""Localized error pages at the edge: reverse proxies and Kubernetes ingress.

The middleware speaks for a running application; the errors people meet
most (``502``/``503``/``504`` while the app is down, a ``404`` for a host no
app serves, a ``413`` the proxy refuses) come from the proxy in front of
it.  This package puts the same pages there:

* :func:`~httpi18n.edge.build.build` (``python -m httpi18n.edge build DIR``):
  every status × language × format as static files, Apache httpd type
  maps, nginx, Caddy and HAProxy configuration (:mod:`.configs`);
* :class:`~httpi18n.edge.service.ErrorPageService`
  (``python -m httpi18n.edge serve [-b ADDRESS] [PORT]``, or as a WSGI/ASGI
  app): the ingress-nginx custom default backend, Traefik's ``errors``
  middleware, ``GET /404.json``, ``/healthz``.

Pages come from :func:`httpi18n.errorpages.render_error`; language and
format are decided as the middleware decides them.
"""

from __future__ import annotations

from .build import build
from .cli import main
from .pages import ERROR_STATUSES, PageSet
from .service import ErrorPageService, asgi_app, wsgi_app

__all__ = ["build", "main", "ErrorPageService", "PageSet", "ERROR_STATUSES", "wsgi_app", "asgi_app"]
