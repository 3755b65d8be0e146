"""Static files and directory listings of :mod:`httpi18n.server`: :class:`SimpleHTTPRequestHandler`.

Private; re-exported by :mod:`httpi18n.server`, whose globals the methods
look up (see :mod:`httpi18n._server_ns`), so patching a name on that module (``os``,
``shutil``, ...) reaches this code too.

Directory listings follow the error pages' policy: a request without
``Accept-Language`` gets CPython's listing byte for byte (scripts and
CPython's own tests rely on it); a visitor who names a language (every
browser does) gets the listing in that language with the error pages' look:
their style sheet (light and dark), ``lang`` and ``dir`` on ``<html>``, UTF-8,
every file name escaped, names the file system encoding cannot decode shown
with U+FFFD (their links still reach them), and names and the path isolated
from the sentence around them (``<bdi>``, ``dir="auto"``) so that a
right-to-left page keeps ``sub/`` in one piece.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import io
import mimetypes
import os
import posixpath
import shutil
import sys
import urllib.parse
from typing import Any, BinaryIO

from ._server_base import _OWN_CODE, BaseHTTPRequestHandler, _runs_own, __version__
from ._server_errors import _Msg
from ._server_io import _SocketWriter
from .catalogs import N_, translations
from .enums import HTTPStatus

_LISTING_TITLE = N_("Directory listing for %(path)s")
# TRANSLATORS: shown in a directory listing instead of the list when the directory has no entries.
_LISTING_EMPTY = N_("This directory is empty.")

#: What a listing adds to the error pages' style sheet (which it reuses whole): a list
#: that starts at the top of the page, one row per entry, links in the text colours.
_LISTING_STYLE = """\
body.listing{align-items:flex-start}
.listing ul{list-style:none;margin-block:1rem;margin-inline:0;padding:0}
.listing li{padding-block:.4rem;border-block-end:1px solid color-mix(in srgb,var(--muted) 30%,transparent);
overflow-wrap:anywhere}
.listing a{color:var(--fg);text-decoration-color:color-mix(in srgb,var(--fg) 35%,transparent);
text-underline-offset:.2em}
.listing a:hover,.listing a:focus-visible{color:var(--accent);text-decoration-color:currentColor}
.listing li.dir a{font-weight:600}
"""


class SimpleHTTPRequestHandler(BaseHTTPRequestHandler):
    """Serve files from :attr:`directory` (GET and HEAD), with localized listings and errors."""

    server_version = "SimpleHTTP/" + __version__
    index_pages = ("index.html", "index.htm")
    extensions_map = _encodings_map_default = {
        ".gz": "application/gzip",
        ".Z": "application/octet-stream",
        ".bz2": "application/x-bzip2",
        ".xz": "application/x-xz",
    }

    def __init__(self, *args: Any, directory: str | os.PathLike[str] | None = None, **kwargs: Any) -> None:
        if directory is None:
            directory = os.getcwd()
        self.directory = os.fspath(directory)
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """Serve a GET request.

        When every method between the head and the body is this class's own
        (none overridden), the head is held back and leaves in the same
        ``sendall`` as the body's first block: the same bytes, in the same
        order, as writing it at once.
        """
        self._close_if_body_unread()
        wfile = self.wfile
        hold = not self._hold_head and type(wfile) is _SocketWriter and _runs_own(type(self), _STATIC_WRITERS)
        if hold:
            self._hold_head = True
            try:
                f = self.send_head()
            finally:
                self._hold_head = False
        else:
            f = self.send_head()
        try:
            if f:
                try:
                    self.copyfile(f, self.wfile)
                finally:
                    f.close()
        finally:
            if hold:
                wfile.flush()  # a head without a body (a redirect, 304, an empty file)

    def do_HEAD(self) -> None:
        """Serve a HEAD request."""
        self._close_if_body_unread()
        f = self.send_head()
        if f:
            f.close()

    def _close_if_body_unread(self) -> None:
        """GET and HEAD never read a request body: end the connection after the response
        rather than parse that body as the next request (request smuggling)."""
        headers = self._request_headers
        if headers is not None and (
            "Transfer-Encoding" in headers or headers.get("Content-Length", "0") != "0"
        ):
            self.close_connection = True

    def send_head(self) -> BinaryIO | None:
        """Send the status and headers for GET/HEAD; return a file to copy, or ``None``."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            parts = urllib.parse.urlsplit(self.path)
            if not parts.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                new_url = urllib.parse.urlunsplit((parts[0], parts[1], parts[2] + "/", parts[3], parts[4]))
                self.send_header("Location", new_url)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            for index in self.index_pages:
                index = os.path.join(path, index)
                if os.path.isfile(index):
                    path = index
                    break
            else:
                return self.list_directory(path)
        ctype = self.guess_type(path)
        # A trailing "/" names a directory: a file with one is not found (gh-61521).
        if path.endswith("/"):
            self.send_error(HTTPStatus.NOT_FOUND, _Msg(N_("File not found")))
            return None
        try:
            f = open(path, "rb")
        except (OSError, ValueError):  # ValueError: a NUL or a lone surrogate from %-decoding
            self.send_error(HTTPStatus.NOT_FOUND, _Msg(N_("File not found")))
            return None
        try:
            fs = os.fstat(f.fileno())
            if "If-Modified-Since" in self.headers and "If-None-Match" not in self.headers:
                if self._not_modified_since(self.headers["If-Modified-Since"], fs.st_mtime):
                    self.send_response(HTTPStatus.NOT_MODIFIED)
                    self.end_headers()
                    f.close()
                    return None
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-type", ctype)
            self.send_header("Content-Length", str(fs[6]))
            self.send_header("Last-Modified", self.date_time_string(fs.st_mtime))
            self.end_headers()
            return f
        except BaseException:
            f.close()
            raise

    @staticmethod
    def _not_modified_since(header: str, mtime: float) -> bool:
        """Whether a file modified at *mtime* is unchanged since the ``If-Modified-Since`` date."""
        try:
            ims = email.utils.parsedate_to_datetime(header)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False  # ill-formed: ignore
        if ims.tzinfo is None:
            ims = ims.replace(tzinfo=datetime.timezone.utc)  # obsolete format without a zone
        if ims.tzinfo is not datetime.timezone.utc:
            return False
        last_modif = datetime.datetime.fromtimestamp(mtime, datetime.timezone.utc).replace(microsecond=0)
        return last_modif <= ims

    def list_directory(self, path: str | os.PathLike[str]) -> BinaryIO | None:
        """Send the headers of a directory listing (localized) and return its body as a file."""
        try:
            names = os.listdir(path)
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, _Msg(N_("No permission to list directory")))
            return None
        names.sort(key=lambda a: a.lower())
        try:
            displaypath = urllib.parse.unquote(self.path, errors="surrogatepass")
        except UnicodeDecodeError:
            displaypath = urllib.parse.unquote(self.path)
        displaypath = html.escape(displaypath, quote=False)
        enc = sys.getfilesystemencoding()
        lang = self._negotiated_language()
        if lang is not None:
            encoded = self._listing_page(path, names, displaypath, lang)
            ctype = "text/html; charset=utf-8"
        else:  # CPython's listing, byte for byte
            title = _LISTING_TITLE % {"path": displaypath}
            r = [
                "<!DOCTYPE HTML>",
                '<html lang="en">',
                "<head>",
                f'<meta charset="{enc}">',
                f"<title>{title}</title>\n</head>",
                f"<body>\n<h1>{title}</h1>",
                "<hr>\n<ul>",
            ]
            for name in names:
                fullname = os.path.join(path, name)
                displayname = linkname = name
                if os.path.isdir(fullname):
                    displayname = linkname = name + "/"
                if os.path.islink(fullname):
                    displayname = name + "@"  # a link to a directory shows @ and links with /
                r.append(
                    '<li><a href="%s">%s</a></li>'
                    % (urllib.parse.quote(linkname, errors="surrogatepass"), html.escape(displayname, quote=False))
                )
            r.append("</ul>\n<hr>\n</body>\n</html>\n")
            encoded = "\n".join(r).encode(enc, "surrogateescape")
            ctype = "text/html; charset=%s" % enc
        f = io.BytesIO(encoded)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-type", ctype)
        self.send_header("Content-Length", str(len(encoded)))
        if lang is not None:
            self.send_header("Content-Language", lang.replace("_", "-"))
        self.send_header("Vary", "Accept-Language")
        self.end_headers()
        return f

    def _listing_page(self, path: str | os.PathLike[str], names: list[str], displaypath: str, lang: str) -> bytes:
        """A directory listing in catalog *lang* with the error pages' look, as UTF-8.

        *displaypath* is already HTML-escaped (as in CPython's listing).
        """
        from .errorpages import _STYLE, bcp47, direction

        tr = translations(lang)
        dir_ = direction(lang)
        shown_path = _readable(displaypath)
        heading = html.escape(tr.gettext(_LISTING_TITLE))
        # The path is the visitor's: isolated, so that a right-to-left sentence keeps it whole.
        title = heading % {"path": "\u2068" + shown_path + "\u2069" if dir_ == "rtl" else shown_path}
        h1 = heading % {"path": "<bdi>" + shown_path + "</bdi>"}
        rows = []
        for name in names:
            fullname = os.path.join(path, name)
            linkname = displayname = name
            kind = ""
            if os.path.isdir(fullname):
                linkname = displayname = name + "/"
                kind = ' class="dir"'
            if os.path.islink(fullname):
                displayname = name + "@"  # as CPython's listing: @ shown, the link keeps its /
            rows.append(
                '<li%s><a href="%s" dir="auto">%s</a></li>'
                % (kind, urllib.parse.quote(linkname, errors="surrogatepass"), html.escape(_readable(displayname)))
            )
        listing = "<ul>\n%s\n</ul>" % "\n".join(rows) if rows else "<p>%s</p>" % html.escape(tr.gettext(_LISTING_EMPTY))
        page = (
            "<!DOCTYPE html>\n"
            f'<html lang="{bcp47(lang)}" dir="{dir_}">\n'
            "<head>\n"
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n"
            f"<style>\n{_STYLE}{_LISTING_STYLE}</style>\n"
            "</head>\n"
            '<body class="listing">\n'
            "<main>\n"
            f"<h1>{h1}</h1>\n"
            f"{listing}\n"
            "</main>\n"
            "</body>\n"
            "</html>\n"
        )
        return page.encode("utf-8")

    def translate_path(self, path: str) -> str:
        """Map a URL path to a file under :attr:`directory`; ``..``, drives and the like are dropped."""
        path = path.split("?", 1)[0]
        path = path.split("#", 1)[0]
        trailing_slash = path.rstrip().endswith("/")
        try:
            path = urllib.parse.unquote(path, errors="surrogatepass")
        except UnicodeDecodeError:
            path = urllib.parse.unquote(path)
        path = posixpath.normpath(path)
        words = filter(None, path.split("/"))
        path = self.directory
        for word in words:
            if os.path.dirname(word) or word in (os.curdir, os.pardir):
                continue  # not a simple file or directory name
            path = os.path.join(path, word)
        if trailing_slash:
            path += "/"
        return path

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """Copy all of *source* to *outputfile*."""
        shutil.copyfileobj(source, outputfile)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """The MIME type of *path*: :attr:`extensions_map` first, then :mod:`mimetypes`."""
        base, ext = posixpath.splitext(os.fspath(path))
        if ext in self.extensions_map:
            return self.extensions_map[ext]
        ext = ext.lower()
        if ext in self.extensions_map:
            return self.extensions_map[ext]
        if hasattr(mimetypes, "guess_file_type"):
            guess, _ = mimetypes.guess_file_type(path)
        else:
            guess, _ = mimetypes.guess_type(os.fspath(path))
        return guess or "application/octet-stream"



def _readable(text: str) -> str:
    """*text* with what could not be decoded (lone surrogates from the file system or a
    %-escape) shown as U+FFFD: a listing page is valid UTF-8 whatever the names."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


_OWN_CODE.update(
    (name, vars(SimpleHTTPRequestHandler)[name].__code__) for name in ("send_head", "list_directory", "copyfile")
)
#: What runs while do_GET holds a head back: none may write to the socket but through wfile.
_STATIC_WRITERS = ("send_head", "list_directory", "copyfile", "send_error", "end_headers", "flush_headers")
