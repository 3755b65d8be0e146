"""The IANA HTTP status-code and method registries, as data.

This module is the single source of truth of the package: the enums in
:mod:`httpi18n.enums`, the gettext catalogs (extracted from here by
``tools/babel_registry.py``), the CLI and the documentation are all built from
the two tables below.  It holds only data and tiny record types, no logic.

Registry snapshot: IANA "Hypertext Transfer Protocol (HTTP) Status Code
Registry" and "HTTP Method Registry", as of 2026-11.

How special registry entries are treated:

* **temporary** (104): kept in the registry and reachable through
  :func:`httpi18n.localized`, but not a member of :class:`~httpi18n.HTTPStatus`
  (CPython has no such member and its test compares the enums member by
  member).
* **unused** (306, 418): 306 lives only in the registry; 418 stays an enum
  member (``IM_A_TEAPOT``) because CPython 3.13 has it.
* **obsoleted** (510): still an enum member, as in CPython; the registry marks
  it obsoleted so tools can warn.

Each entry carries two English descriptions: ``description`` is our own,
complete sentence (the source text of every translation), while
``python_description`` is CPython 3.13's text, byte for byte, kept only so the
enum's ``description`` attribute stays compatible (it is empty for 14 codes).
"""

from __future__ import annotations

from collections import namedtuple

__all__ = [
    "Reference",
    "StatusEntry",
    "MethodEntry",
    "STATUSES",
    "METHODS",
    "CATEGORIES",
    "STATUS_BY_CODE",
    "METHOD_BY_TOKEN",
]


class Reference(namedtuple("Reference", "document section", defaults=("",))):
    """A pointer into a specification: ``Reference("RFC 9110", "15.5.5")``.

    ``document`` is ``"RFC 9110"`` or an Internet-Draft name; ``section`` may be empty.
    """

    __slots__ = ()
    document: str
    section: str

    @property
    def url(self) -> str:
        """A link to the document (and section) on the RFC Editor or IETF site."""
        doc = self.document
        if doc.startswith("RFC "):
            base = f"https://www.rfc-editor.org/rfc/rfc{doc[4:]}.html"
            return f"{base}#section-{self.section}" if self.section else base
        return f"https://datatracker.ietf.org/doc/{doc}/"

    def __str__(self) -> str:
        return f"{self.document}, Section {self.section}" if self.section else self.document


_StatusFields = namedtuple(
    "_StatusFields",
    "code name phrase description python_description references registration aliases",
    defaults=("permanent", ()),
)


class StatusEntry(_StatusFields):
    """One row of the status-code registry.

    ``code``; ``name``: the ``HTTPStatus`` member name, ``""`` when CPython has
    none; ``phrase``: English reason phrase (CPython 3.13's where it has the
    code); ``description``: our English description, the source text of every
    translation; ``python_description``: CPython 3.13's ``description`` text
    (compatibility only); ``references``: tuple of :class:`Reference`;
    ``registration``: ``"permanent"``, ``"temporary"``, ``"unused"`` or
    ``"obsoleted"``; ``aliases``: extra ``HTTPStatus`` member names.
    """

    __slots__ = ()
    code: int
    name: str
    phrase: str
    description: str
    python_description: str
    references: tuple[Reference, ...]
    registration: str
    aliases: tuple[str, ...]

    @property
    def category(self) -> str:
        """``informational``, ``success``, ``redirection``, ``client-error`` or ``server-error``."""
        return CATEGORY_OF_CLASS[self.code // 100]


class MethodEntry(namedtuple("MethodEntry", "token description python_description safe idempotent references")):
    """One row of the method registry.

    ``token``; ``description``: our English description (the source text of
    every translation); ``python_description``: CPython 3.13's text, ``""``
    when CPython lacks the method; ``safe`` and ``idempotent``: the registry's
    flags; ``references``: tuple of :class:`Reference`.
    """

    __slots__ = ()
    token: str
    description: str
    python_description: str
    safe: bool
    idempotent: bool
    references: tuple[Reference, ...]

    @property
    def name(self) -> str:
        """The ``HTTPMethod`` member name (``BASELINE-CONTROL`` → ``BASELINE_CONTROL``)."""
        return self.token.replace("-", "_")


#: Status classes (RFC 9110, Section 15): slug → (English label, English description).
CATEGORIES: dict[str, tuple[str, str]] = {
    "informational": ("Informational",
                      "An interim response: the request was received and work on it goes on."),
    "success": ("Successful",
                "The request was received, understood and accepted."),
    "redirection": ("Redirection",
                    "The client has to take further action to complete the request."),
    "client-error": ("Client Error",
                     "The request has an error that the client has to correct."),
    "server-error": ("Server Error",
                     "The server failed to fulfil a request that appears valid."),
}
CATEGORY_OF_CLASS: dict[int, str] = {
    1: "informational",
    2: "success",
    3: "redirection",
    4: "client-error",
    5: "server-error",
}


def _rfc(number: int, *sections: str) -> tuple[Reference, ...]:
    return tuple(Reference(f"RFC {number}", s) for s in sections) or (Reference(f"RFC {number}"),)


_S = StatusEntry

STATUSES: tuple[StatusEntry, ...] = (
    # 1xx informational
    _S(100, "CONTINUE", "Continue",
       "The server has received the start of the request and the client should go on sending the rest of it.",
       "Request received, please continue", _rfc(9110, "15.2.1")),
    _S(101, "SWITCHING_PROTOCOLS", "Switching Protocols",
       "The server agrees to switch to the protocol the client asked for in its Upgrade header field.",
       "Switching to new protocol; obey Upgrade header", _rfc(9110, "15.2.2")),
    _S(102, "PROCESSING", "Processing",
       "The server has accepted the request and is still working on it; no final response is available yet.",
       "", _rfc(2518, "10.1")),
    _S(103, "EARLY_HINTS", "Early Hints",
       "The server sends header fields, such as links to preload, before the final response is ready.",
       "", _rfc(8297, "2")),
    _S(104, "", "Upload Resumption Supported",
       "The server supports resumable uploads and tells the client where it can resume an interrupted upload.",
       "", (Reference("draft-ietf-httpbis-resumable-upload"),), registration="temporary"),
    # 2xx success
    _S(200, "OK", "OK",
       "The request succeeded; the content of the response depends on the request method.",
       "Request fulfilled, document follows", _rfc(9110, "15.3.1")),
    _S(201, "CREATED", "Created",
       "The request succeeded and created one or more new resources, usually named by the Location header field.",
       "Document created, URL follows", _rfc(9110, "15.3.2")),
    _S(202, "ACCEPTED", "Accepted",
       "The request has been accepted for processing, but the processing has not finished and may still fail.",
       "Request accepted, processing continues off-line", _rfc(9110, "15.3.3")),
    _S(203, "NON_AUTHORITATIVE_INFORMATION", "Non-Authoritative Information",
       "The request succeeded, but a transforming proxy has changed the content sent by the origin server.",
       "Request fulfilled from cache", _rfc(9110, "15.3.4")),
    _S(204, "NO_CONTENT", "No Content",
       "The request succeeded and there is no content to send in the response.",
       "Request fulfilled, nothing follows", _rfc(9110, "15.3.5")),
    _S(205, "RESET_CONTENT", "Reset Content",
       "The request succeeded and the client should reset the form or view that sent it.",
       "Clear input form for further input", _rfc(9110, "15.3.6")),
    _S(206, "PARTIAL_CONTENT", "Partial Content",
       "The server is sending only the parts of the resource that the Range header field asked for.",
       "Partial content follows", _rfc(9110, "15.3.7")),
    _S(207, "MULTI_STATUS", "Multi-Status",
       "The response holds separate status information for several resources (WebDAV).",
       "", _rfc(4918, "11.1")),
    _S(208, "ALREADY_REPORTED", "Already Reported",
       "The members of a bound collection were already listed earlier in the same multi-status response (WebDAV).",
       "", _rfc(5842, "7.1")),
    _S(226, "IM_USED", "IM Used",
       "The server fulfilled the request with the result of instance manipulations applied to the current instance.",
       "", _rfc(3229, "10.4.1")),
    # 3xx redirection
    _S(300, "MULTIPLE_CHOICES", "Multiple Choices",
       "The resource has several representations and the client may choose one of them.",
       "Object has several resources -- see URI list", _rfc(9110, "15.4.1")),
    _S(301, "MOVED_PERMANENTLY", "Moved Permanently",
       "The resource has moved permanently to the address given in the Location header field.",
       "Object moved permanently -- see URI list", _rfc(9110, "15.4.2")),
    _S(302, "FOUND", "Found",
       "The resource is temporarily at the address given in the Location header field.",
       "Object moved temporarily -- see URI list", _rfc(9110, "15.4.3")),
    _S(303, "SEE_OTHER", "See Other",
       "The response to the request can be found at another address, to be retrieved with GET.",
       "Object moved -- see Method and URL list", _rfc(9110, "15.4.4")),
    _S(304, "NOT_MODIFIED", "Not Modified",
       "The resource has not changed since the version the client already holds, so no content is sent.",
       "Document has not changed since given time", _rfc(9110, "15.4.5")),
    _S(305, "USE_PROXY", "Use Proxy",
       "Deprecated: the resource was to be reached through the proxy given in the Location header field.",
       "You must use proxy specified in Location to access this resource", _rfc(9110, "15.4.6")),
    _S(306, "", "Unused",
       "This code was used in an earlier draft of HTTP and is now reserved.",
       "", _rfc(9110, "15.4.7"), registration="unused"),
    _S(307, "TEMPORARY_REDIRECT", "Temporary Redirect",
       "The resource is temporarily at another address; repeat the request there without changing the method.",
       "Object moved temporarily -- see URI list", _rfc(9110, "15.4.8")),
    _S(308, "PERMANENT_REDIRECT", "Permanent Redirect",
       "The resource has moved permanently to another address; repeat the request there without changing the method.",
       "Object moved permanently -- see URI list", _rfc(9110, "15.4.9")),
    # 4xx client error
    _S(400, "BAD_REQUEST", "Bad Request",
       "The server cannot process the request because of something it sees as a client error, such as malformed syntax.",
       "Bad request syntax or unsupported method", _rfc(9110, "15.5.1")),
    _S(401, "UNAUTHORIZED", "Unauthorized",
       "The request lacks valid credentials for the resource; the WWW-Authenticate header field says how to authenticate.",
       "No permission -- see authorization schemes", _rfc(9110, "15.5.2")),
    _S(402, "PAYMENT_REQUIRED", "Payment Required",
       "This code is reserved for future use.",
       "No payment -- see charging schemes", _rfc(9110, "15.5.3")),
    _S(403, "FORBIDDEN", "Forbidden",
       "The server understood the request but refuses to fulfil it.",
       "Request forbidden -- authorization will not help", _rfc(9110, "15.5.4")),
    _S(404, "NOT_FOUND", "Not Found",
       "The server did not find anything at this address, or is not willing to say that something exists there.",
       "Nothing matches the given URI", _rfc(9110, "15.5.5")),
    _S(405, "METHOD_NOT_ALLOWED", "Method Not Allowed",
       "The resource does not support the request method; the Allow header field lists the methods it supports.",
       "Specified method is invalid for this resource", _rfc(9110, "15.5.6")),
    _S(406, "NOT_ACCEPTABLE", "Not Acceptable",
       "The resource has no representation that matches what the request said it would accept.",
       "URI not available in preferred format", _rfc(9110, "15.5.7")),
    _S(407, "PROXY_AUTHENTICATION_REQUIRED", "Proxy Authentication Required",
       "The client must first authenticate itself with the proxy.",
       "You must authenticate with this proxy before proceeding", _rfc(9110, "15.5.8")),
    _S(408, "REQUEST_TIMEOUT", "Request Timeout",
       "The server did not receive a complete request in the time it was prepared to wait.",
       "Request timed out; try again later", _rfc(9110, "15.5.9")),
    _S(409, "CONFLICT", "Conflict",
       "The request conflicts with the current state of the resource.",
       "Request conflict", _rfc(9110, "15.5.10")),
    _S(410, "GONE", "Gone",
       "The resource is no longer available here and this is likely to be permanent.",
       "URI no longer exists and has been permanently removed", _rfc(9110, "15.5.11")),
    _S(411, "LENGTH_REQUIRED", "Length Required",
       "The server refuses the request because it has no Content-Length header field.",
       "Client must specify Content-Length", _rfc(9110, "15.5.12")),
    _S(412, "PRECONDITION_FAILED", "Precondition Failed",
       "One or more conditions in the request header fields were false when tested on the server.",
       "Precondition in headers is false", _rfc(9110, "15.5.13")),
    _S(413, "CONTENT_TOO_LARGE", "Content Too Large",
       "The request content is larger than the server is willing or able to process.",
       "Content is too large", _rfc(9110, "15.5.14"), aliases=("REQUEST_ENTITY_TOO_LARGE",)),
    _S(414, "URI_TOO_LONG", "URI Too Long",
       "The target URI is longer than the server is willing to interpret.",
       "URI is too long", _rfc(9110, "15.5.15"), aliases=("REQUEST_URI_TOO_LONG",)),
    _S(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type",
       "The content is in a format, or uses an encoding, that the resource does not support for this method.",
       "Entity body in unsupported format", _rfc(9110, "15.5.16")),
    _S(416, "RANGE_NOT_SATISFIABLE", "Range Not Satisfiable",
       "None of the ranges in the Range header field overlap the current extent of the resource.",
       "Cannot satisfy request range", _rfc(9110, "15.5.17"), aliases=("REQUESTED_RANGE_NOT_SATISFIABLE",)),
    _S(417, "EXPECTATION_FAILED", "Expectation Failed",
       "The server cannot meet the expectation given in the Expect header field.",
       "Expect condition could not be satisfied", _rfc(9110, "15.5.18")),
    _S(418, "IM_A_TEAPOT", "I'm a Teapot",
       "Unused: an April Fools' joke from the Hyper Text Coffee Pot Control Protocol, reserved so that it is never given a real meaning.",
       "Server refuses to brew coffee because it is a teapot.", _rfc(9110, "15.5.19"), registration="unused"),
    _S(421, "MISDIRECTED_REQUEST", "Misdirected Request",
       "The request was sent to a server that cannot produce responses for this combination of scheme and authority.",
       "Server is not able to produce a response", _rfc(9110, "15.5.20")),
    _S(422, "UNPROCESSABLE_CONTENT", "Unprocessable Content",
       "The server understands the content type and the syntax is correct, but it cannot process the instructions in it.",
       "", _rfc(9110, "15.5.21"), aliases=("UNPROCESSABLE_ENTITY",)),
    _S(423, "LOCKED", "Locked",
       "The resource is locked (WebDAV).",
       "", _rfc(4918, "11.3")),
    _S(424, "FAILED_DEPENDENCY", "Failed Dependency",
       "The request could not be performed because another action it depended on failed (WebDAV).",
       "", _rfc(4918, "11.4")),
    _S(425, "TOO_EARLY", "Too Early",
       "The server will not risk processing a request that might be replayed, such as one sent in TLS early data.",
       "", _rfc(8470, "5.2")),
    _S(426, "UPGRADE_REQUIRED", "Upgrade Required",
       "The server refuses to process the request with the current protocol; the Upgrade header field names one it accepts.",
       "", _rfc(9110, "15.5.22")),
    _S(428, "PRECONDITION_REQUIRED", "Precondition Required",
       "The server requires the request to be conditional, to avoid lost updates.",
       "The origin server requires the request to be conditional", _rfc(6585, "3")),
    _S(429, "TOO_MANY_REQUESTS", "Too Many Requests",
       "The client has sent too many requests in a given amount of time; the Retry-After header field may say when to try again.",
       'The user has sent too many requests in a given amount of time ("rate limiting")', _rfc(6585, "4")),
    _S(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "Request Header Fields Too Large",
       "The server refuses the request because a header field, or the header section as a whole, is too large.",
       "The server is unwilling to process the request because its header fields are too large",
       _rfc(6585, "5")),
    _S(451, "UNAVAILABLE_FOR_LEGAL_REASONS", "Unavailable For Legal Reasons",
       "The server is denying access to the resource because of a legal demand.",
       "The server is denying access to the resource as a consequence of a legal demand", _rfc(7725, "3")),
    # 5xx server error
    _S(500, "INTERNAL_SERVER_ERROR", "Internal Server Error",
       "The server met an unexpected condition that prevented it from fulfilling the request.",
       "Server got itself in trouble", _rfc(9110, "15.6.1")),
    _S(501, "NOT_IMPLEMENTED", "Not Implemented",
       "The server does not support the functionality needed to fulfil the request.",
       "Server does not support this operation", _rfc(9110, "15.6.2")),
    _S(502, "BAD_GATEWAY", "Bad Gateway",
       "The server, acting as a gateway or proxy, received an invalid response from the server behind it.",
       "Invalid responses from another server/proxy", _rfc(9110, "15.6.3")),
    _S(503, "SERVICE_UNAVAILABLE", "Service Unavailable",
       "The server cannot handle the request right now, because of overload or maintenance; try again later.",
       "The server cannot process the request due to a high load", _rfc(9110, "15.6.4")),
    _S(504, "GATEWAY_TIMEOUT", "Gateway Timeout",
       "The server, acting as a gateway or proxy, did not get a response in time from the server behind it.",
       "The gateway server did not receive a timely response", _rfc(9110, "15.6.5")),
    _S(505, "HTTP_VERSION_NOT_SUPPORTED", "HTTP Version Not Supported",
       "The server does not support the major version of HTTP used in the request.",
       "Cannot fulfill request", _rfc(9110, "15.6.6")),
    _S(506, "VARIANT_ALSO_NEGOTIATES", "Variant Also Negotiates",
       "The server is misconfigured: the chosen variant is itself set up to negotiate, which would loop.",
       "", _rfc(2295, "8.1")),
    _S(507, "INSUFFICIENT_STORAGE", "Insufficient Storage",
       "The server cannot store what it needs to complete the request (WebDAV).",
       "", _rfc(4918, "11.5")),
    _S(508, "LOOP_DETECTED", "Loop Detected",
       "The server stopped the operation because it found an infinite loop (WebDAV).",
       "", _rfc(5842, "7.2")),
    _S(510, "NOT_EXTENDED", "Not Extended",
       "Obsolete: the request did not meet the policy of the HTTP Extension Framework, which is now historic.",
       "", _rfc(2774, "7"), registration="obsoleted"),
    _S(511, "NETWORK_AUTHENTICATION_REQUIRED", "Network Authentication Required",
       "The client must authenticate to get network access, for example on a captive portal.",
       "The client needs to authenticate to gain network access", _rfc(6585, "6")),
)

_M = MethodEntry

METHODS: tuple[MethodEntry, ...] = (
    _M("ACL", "Modify the access control list of a resource (WebDAV).",
       "", False, True, _rfc(3744, "8.1")),
    _M("BASELINE-CONTROL", "Place a collection under baseline control (WebDAV versioning).",
       "", False, True, _rfc(3253, "12.6")),
    _M("BIND", "Add a new binding to an existing resource in a collection (WebDAV).",
       "", False, True, _rfc(5842, "4")),
    _M("CHECKIN", "Create a new version from a checked-out resource (WebDAV versioning).",
       "", False, True, _rfc(3253, "4.4", "9.4")),
    _M("CHECKOUT", "Allow changes to a version-controlled resource (WebDAV versioning).",
       "", False, True, _rfc(3253, "4.3", "8.8")),
    _M("CONNECT", "Open a tunnel to the server named by the target, usually through a proxy.",
       "Establish a connection to the server.", False, False, _rfc(9110, "9.3.6")),
    _M("COPY", "Copy a resource to the address given in the Destination header field (WebDAV).",
       "", False, True, _rfc(4918, "9.8")),
    _M("DELETE", "Remove the association between the target resource and its current functionality.",
       "Remove the target.", False, True, _rfc(9110, "9.3.5")),
    _M("GET", "Transfer a current representation of the target resource.",
       "Retrieve the target.", True, True, _rfc(9110, "9.3.1")),
    _M("HEAD", "Like GET, but the server does not send the response content.",
       "Same as GET, but only retrieve the status line and header section.", True, True, _rfc(9110, "9.3.2")),
    _M("LABEL", "Add, set or remove a label on a version (WebDAV versioning).",
       "", False, True, _rfc(3253, "8.2")),
    _M("LINK", "Create relationships between the target and other resources (historic).",
       "", False, True, _rfc(2068, "19.6.1.2")),
    _M("LOCK", "Take out a lock on a resource, or refresh one (WebDAV).",
       "", False, False, _rfc(4918, "9.10")),
    _M("MERGE", "Merge changes from another version into a checked-out resource (WebDAV versioning).",
       "", False, True, _rfc(3253, "11.2")),
    _M("MKACTIVITY", "Create a new activity resource (WebDAV versioning).",
       "", False, True, _rfc(3253, "13.5")),
    _M("MKCALENDAR", "Create a new calendar collection (CalDAV).",
       "", False, True, _rfc(4791, "5.3.1") + _rfc(8144, "2.3")),
    _M("MKCOL", "Create a new collection at the target address (WebDAV).",
       "", False, True, _rfc(4918, "9.3") + _rfc(5689, "3") + _rfc(8144, "2.3")),
    _M("MKREDIRECTREF", "Create a redirect reference resource (WebDAV).",
       "", False, True, _rfc(4437, "6")),
    _M("MKWORKSPACE", "Create a new workspace resource (WebDAV versioning).",
       "", False, True, _rfc(3253, "6.3")),
    _M("MOVE", "Move a resource to the address given in the Destination header field (WebDAV).",
       "", False, True, _rfc(4918, "9.9")),
    _M("OPTIONS", "Describe the communication options available for the target resource.",
       "Describe the communication options for the target.", True, True, _rfc(9110, "9.3.7")),
    _M("ORDERPATCH", "Change the order of the members of an ordered collection (WebDAV).",
       "", False, True, _rfc(3648, "7")),
    _M("PATCH", "Apply a set of partial changes to the target resource.",
       "Apply partial modifications to a target.", False, False, _rfc(5789, "2")),
    _M("POST", "Let the target resource process the enclosed content according to its own rules.",
       "Perform target-specific processing with the request payload.", False, False, _rfc(9110, "9.3.3")),
    _M("PRI", "Reserved for the HTTP/2 connection preface; never a real request.",
       "", True, True, _rfc(9113, "3.4")),
    _M("PROPFIND", "Retrieve the properties of a resource (WebDAV).",
       "", True, True, _rfc(4918, "9.1") + _rfc(8144, "2.1")),
    _M("PROPPATCH", "Set or remove properties of a resource (WebDAV).",
       "", False, True, _rfc(4918, "9.2") + _rfc(8144, "2.2")),
    _M("PUT", "Create the target resource, or replace its content, with the enclosed representation.",
       "Replace the target with the request payload.", False, True, _rfc(9110, "9.3.4")),
    _M("QUERY", "Ask the target to process the enclosed query safely and return the result, like a GET with content.",
       "", True, True, _rfc(10008, "2")),
    _M("REBIND", "Move a binding to another collection, keeping the resource (WebDAV).",
       "", False, True, _rfc(5842, "6")),
    _M("REPORT", "Retrieve a report about a resource (WebDAV versioning).",
       "", True, True, _rfc(3253, "3.6") + _rfc(8144, "2.1")),
    _M("SEARCH", "Run a server-side search over a collection (WebDAV).",
       "", True, True, _rfc(5323, "2")),
    _M("TRACE", "Echo the received request back, as a loop-back test along the path to the target.",
       "Perform a message loop-back test along the path to the target.", True, True, _rfc(9110, "9.3.8")),
    _M("UNBIND", "Remove a binding from a collection (WebDAV).",
       "", False, True, _rfc(5842, "5")),
    _M("UNCHECKOUT", "Cancel a checkout and restore the previous version (WebDAV versioning).",
       "", False, True, _rfc(3253, "4.5")),
    _M("UNLINK", "Remove relationships between the target and other resources (historic).",
       "", False, True, _rfc(2068, "19.6.1.3")),
    _M("UNLOCK", "Remove a lock from a resource (WebDAV).",
       "", False, True, _rfc(4918, "9.11")),
    _M("UPDATE", "Update a version-controlled resource to the content of a given version (WebDAV versioning).",
       "", False, True, _rfc(3253, "7.1")),
    _M("UPDATEREDIRECTREF", "Change the target of a redirect reference resource (WebDAV).",
       "", False, True, _rfc(4437, "7")),
    _M("VERSION-CONTROL", "Put a resource under version control (WebDAV versioning).",
       "", False, True, _rfc(3253, "3.5")),
)

STATUS_BY_CODE: dict[int, StatusEntry] = {s.code: s for s in STATUSES}
METHOD_BY_TOKEN: dict[str, MethodEntry] = {m.token: m for m in METHODS}

del _S, _M
