"""HTTPS for :mod:`httpi18n.client`: :class:`HTTPSConnection` (when :mod:`ssl` is available).

Part of :mod:`httpi18n.client` (which re-exports it).  The constructor has
the running Python's signature (3.12 removed ``key_file``, ``cert_file``
and ``check_hostname``).
"""

from __future__ import annotations

import socket
import sys
from typing import Any

from ._client_base import HTTPS_PORT
from ._client_connection import HTTPConnection

try:
    import ssl
except ImportError:  # pragma: no cover - Python without ssl
    pass
else:

    def _create_https_context(http_version: int) -> ssl.SSLContext:
        """The default client context: verified, ALPN ``http/1.1``, post-handshake auth on."""
        context = ssl._create_default_https_context()  # type: ignore[attr-defined]
        if http_version == 11:
            context.set_alpn_protocols(["http/1.1"])
        if context.post_handshake_auth is not None:
            context.post_handshake_auth = True
        return context

    class HTTPSConnection(HTTPConnection):
        """HTTP over TLS; certificates and host names are checked by default."""

        default_port = HTTPS_PORT

        if sys.version_info >= (3, 12):

            def __init__(
                self,
                host: str,
                port: int | None = None,
                *,
                timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
                source_address: tuple[str, int] | None = None,
                context: ssl.SSLContext | None = None,
                blocksize: int = 8192,
            ) -> None:
                super().__init__(host, port, timeout, source_address, blocksize=blocksize)
                if context is None:
                    context = _create_https_context(self._http_vsn)
                self._context = context

        else:  # the 3.10/3.11 signature, with the deprecated key_file/cert_file/check_hostname

            def __init__(  # type: ignore[misc]
                self,
                host: str,
                port: int | None = None,
                key_file: str | None = None,
                cert_file: str | None = None,
                timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
                source_address: tuple[str, int] | None = None,
                *,
                context: ssl.SSLContext | None = None,
                check_hostname: bool | None = None,
                blocksize: int = 8192,
            ) -> None:
                super().__init__(host, port, timeout, source_address, blocksize=blocksize)
                if key_file is not None or cert_file is not None or check_hostname is not None:
                    import warnings

                    warnings.warn(
                        "key_file, cert_file and check_hostname are deprecated, use a custom context instead.",
                        DeprecationWarning,
                        2,
                    )
                self.key_file = key_file
                self.cert_file = cert_file
                if context is None:
                    context = _create_https_context(self._http_vsn)
                if check_hostname is None:
                    check_hostname = context.check_hostname
                if check_hostname and context.verify_mode == ssl.CERT_NONE:
                    raise ValueError("check_hostname needs a SSL context with either CERT_OPTIONAL or CERT_REQUIRED")
                if key_file or cert_file:
                    context.load_cert_chain(cert_file, key_file)  # type: ignore[arg-type]
                    if context.post_handshake_auth is not None:
                        context.post_handshake_auth = True
                self._context = context
                context.check_hostname = check_hostname

        def connect(self) -> None:
            """Connect, then wrap the socket in TLS for the origin (or tunnel) host."""
            super().connect()
            server_hostname = self._tunnel_host or self.host
            self.sock = self._context.wrap_socket(self.sock, server_hostname=server_hostname)

