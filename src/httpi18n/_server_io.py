"""Socket I/O of :mod:`httpi18n.server`: head deadline, busy polling, held response heads.

Private; the classes and functions here are re-exported by, and look up
their globals in, :mod:`httpi18n.server` (see :mod:`httpi18n._server_ns`), so patching a
name on that module reaches this code too.

* :class:`_HeadDeadlineIO`: the raw reader under ``rfile``.  It enforces the
  deadline for a whole request head (slow-client protection) and, on the
  server's only open connection, may poll for the client's next bytes
  before sleeping (``busy_poll``).
* :class:`_SocketWriter`: ``wfile`` when ``wbufsize == 0`` (the default): one
  ``sendall`` per write; it can keep a response head for the next write, which
  the server's own code paths use when a body follows at once.
* Kernel timeouts (``SO_RCVTIMEO``/``SO_SNDTIMEO``) on Linux, so that a
  blocking socket needs no ``poll()`` per read or write.
* :func:`_body_write_follows`: whether the code that called ``end_headers()``
  does nothing but ``self.wfile.write(body)`` next, so that head and body may
  leave in one ``sendall`` with the same bytes in the same order.
"""

from __future__ import annotations

import dis
import io
import os
import socket
import socketserver
import struct
import sys
import threading
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._server_base import BaseHTTPRequestHandler


class _OpenConnections:
    """How many connections a server's handlers hold open (a lock-protected counter)."""

    __slots__ = ("count", "_lock")

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def add(self, delta: int) -> None:
        with self._lock:
            self.count += delta


_OPEN_COUNTERS_LOCK = threading.Lock()
_FORKING: tuple[type, ...] = (socketserver.ForkingMixIn,) if hasattr(socketserver, "ForkingMixIn") else ()


def _open_connections(server: Any) -> _OpenConnections | None:
    """The open-connection counter of *server* (made on first use).

    ``None`` for non-servers, and for forking servers: each child process
    would count only its own connection.
    """
    if not isinstance(server, socketserver.BaseServer) or isinstance(server, _FORKING):
        return None
    counter = server.__dict__.get("_httpi18n_open")
    if counter is None:
        with _OPEN_COUNTERS_LOCK:
            counter = server.__dict__.setdefault("_httpi18n_open", _OpenConnections())
    return counter


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


#: Busy polling (``MSG_DONTWAIT`` reads) is done on Linux, and pays only when the client
#: can run while the server polls.
_CAN_POLL = sys.platform.startswith("linux") and _usable_cpus() > 1


class _HeadDeadlineIO(io.RawIOBase):
    """Raw socket reader that enforces the handler's deadline for a request head.

    While ``handler._head_deadline`` is set, no read may wait past it: a
    client that trickles its request line or headers byte by byte is cut off
    after :attr:`BaseHTTPRequestHandler.timeout` seconds in all.  Given
    *busy_poll* seconds and the server's open-connection *counter*, a read on
    the only open connection may poll first (see
    :attr:`BaseHTTPRequestHandler.busy_poll`).
    """

    def __init__(
        self,
        sock: socket.socket,
        handler: BaseHTTPRequestHandler,
        kernel_timeout: float | None = None,
        busy_poll: float = 0.0,
        counter: _OpenConnections | None = None,
    ) -> None:
        super().__init__()
        self._sock = sock
        self._handler = handler
        #: With *kernel_timeout*, the socket stays blocking and the kernel's SO_RCVTIMEO
        #: bounds each wait (no extra poll() per read); else Python's socket timeout does.
        self._kernel = kernel_timeout is not None
        self._base = kernel_timeout if self._kernel else sock.gettimeout()
        self._current = self._base
        # MSG_DONTWAIT polls only on a plain blocking socket: with a Python timeout, recv
        # would poll() first; an SSLSocket refuses flags.
        poll_ok = (busy_poll > 0 and counter is not None and _CAN_POLL
                   and type(sock) is socket.socket and sock.gettimeout() is None)
        self._busy_poll = float(busy_poll) if poll_ok else 0.0
        self._open = counter
        #: Whether the client's last bytes came within the poll window (so poll for the next).
        self._hot = True

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._sock.fileno()

    def readinto(self, b: Any) -> int:
        """Receive into *b*, never waiting past the head deadline."""
        deadline = self._handler._head_deadline
        want = self._base
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("request head not received in time")
            if want is None or remaining < want - 1.0:
                want = remaining
        if want != self._current:
            if self._kernel:
                _set_kernel_timeout(self._sock, socket.SO_RCVTIMEO, want)
            else:
                self._sock.settimeout(want)
            self._current = want
        writer = getattr(self._handler, "wfile", None)
        if type(writer) is _SocketWriter and writer._pending:
            writer.flush()  # never wait for the client while holding its answer
        sock = self._sock
        try:
            if self._busy_poll and self._open.count == 1:  # type: ignore[union-attr]
                return self._polled_recv_into(sock, b)
            return sock.recv_into(b)
        except BlockingIOError as exc:  # SO_RCVTIMEO expired
            raise TimeoutError("timed out") from exc

    def _polled_recv_into(self, sock: socket.socket, b: Any) -> int:
        """Receive, polling first while the client has lately answered within the poll window.

        On the server's only connection no other handler needs this CPU: polling
        saves a sleep and a wake-up per request to a client that sends its next
        request at once, and a client that took longer than the window last time
        is waited for by sleeping straight away (so an idle one costs nothing).
        """
        window = self._busy_poll
        start = time.monotonic()
        if self._hot:
            end = start + window
            while True:
                try:
                    return sock.recv_into(b, 0, socket.MSG_DONTWAIT)
                except BlockingIOError:
                    if time.monotonic() >= end:
                        break
            self._hot = False
            return sock.recv_into(b)
        n = sock.recv_into(b)
        self._hot = time.monotonic() - start <= window
        return n


_KERNEL_TIMEOUTS = sys.platform.startswith("linux") and hasattr(socket, "SO_RCVTIMEO")


def _set_kernel_timeout(sock: socket.socket, option: int, seconds: float | None) -> None:
    """Set SO_RCVTIMEO / SO_SNDTIMEO (``None``: wait forever) on a blocking socket."""
    seconds = max(seconds, 0.001) if seconds is not None else 0.0
    whole = int(seconds)
    sock.setsockopt(socket.SOL_SOCKET, option, struct.pack("@ll", whole, int((seconds - whole) * 1e6)))


class _SocketWriter(io.BufferedIOBase):
    """Unbuffered writer (one ``sendall`` per ``write``) that can hold back a response head.

    A head given to :meth:`hold` goes out with the next ``write`` (one
    segment for head and a small body), at :meth:`flush`, or before the
    handler next reads from the client; the handler flushes after each
    request, so nothing waits longer than the ``do_*`` method.  Only the
    package's own code holds a head, and only when its very next step is the
    body's ``write`` (see ``BaseHTTPRequestHandler.flush_headers``): a handler
    that writes any other way finds its head already sent.
    """

    #: Bodies up to this size are sent in the same ``sendall`` as a held head.
    COALESCE = 16384

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._pending = b""

    def writable(self) -> bool:
        return True

    def hold(self, head: bytes) -> None:
        """Keep *head* until the next write or flush."""
        self._pending += head

    def write(self, b: Any) -> int:
        if type(b) is bytes:
            n = len(b)
        else:
            with memoryview(b) as view:
                n = view.nbytes
        pending = self._pending
        try:
            if pending:
                self._pending = b""
                if n <= self.COALESCE:
                    self._sock.sendall(pending + bytes(b))
                    return n
                self._sock.sendall(pending)
            self._sock.sendall(b)
        except BlockingIOError as exc:  # SO_SNDTIMEO expired: the client stopped reading
            raise TimeoutError("timed out") from exc
        return n

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, b""
            try:
                self._sock.sendall(pending)
            except BlockingIOError as exc:
                raise TimeoutError("timed out") from exc

    def fileno(self) -> int:
        return self._sock.fileno()


#: Instructions that push a local, a constant or a global onto the stack: no code of the
#: program runs (globals and builtins must be plain dicts: checked at run time).
_PLAIN_LOADS = frozenset(("LOAD_FAST", "LOAD_FAST_CHECK", "LOAD_CONST", "LOAD_GLOBAL", "LOAD_DEREF"))
_CALLS = frozenset(("CALL", "CALL_METHOD"))
#: (id of a code object, offset of a call to end_headers) → (that code object, name of the
#: local whose ``.wfile.write(x)`` comes next, or None).  Keyed by id (hashing a code object
#: hashes its contents); the code object kept in the value makes a reused id harmless.
#: Bounded: code objects are few, and an unbounded cache would pin them.
_NEXT_WRITE: dict[tuple[int, int], tuple[Any, str | None]] = {}
_NEXT_WRITE_MAX = 4096
#: Handler classes whose attribute lookup runs no program code for ``wfile`` (see below).
_PLAIN_CLASSES: dict[type, bool] = {}


def _next_write_receiver(code: Any, lasti: int) -> str | None:
    """The local ``x`` if the instructions right after the call at *lasti* in *code* are
    exactly ``x.wfile.write(<local, constant or global>)`` (result discarded), else ``None``."""
    instructions = list(dis.get_instructions(code))
    at = [n for n, ins in enumerate(instructions) if ins.offset <= lasti]
    if not at or instructions[at[-1]].opname not in _CALLS:
        return None
    following = [ins for ins in instructions[at[-1] + 1 : at[-1] + 9] if ins.opname != "PRECALL"][:6]
    if len(following) < 6:
        return None
    pop, receiver, wfile, write, arg, call = following
    if (
        pop.opname == "POP_TOP"
        and receiver.opname in ("LOAD_FAST", "LOAD_FAST_CHECK")
        and wfile.opname == "LOAD_ATTR" and wfile.argval == "wfile" and "NULL" not in wfile.argrepr
        and write.opname in ("LOAD_METHOD", "LOAD_ATTR") and write.argval == "write"
        and arg.opname in _PLAIN_LOADS and "NULL" not in arg.argrepr
        and call.opname in _CALLS and call.arg == 1
    ):
        return str(receiver.argval)
    return None


def _body_write_follows(handler: Any, frame: Any) -> bool:
    """Whether the code of *frame* (which just called ``handler.end_headers()``) does
    nothing before ``handler.wfile.write(x)``, *x* a local, constant or global.

    Then a head held back until that write leaves in the same ``sendall``, the
    same bytes in the same order as two writes: between the two calls only
    bytecode that runs no program code is executed (read from *frame*'s code
    object and cached), the receiver is *handler* itself, whose class has
    neither ``__getattribute__`` nor a ``wfile`` descriptor (decided once per
    class: both are class-level facts), and no tracer (a debugger could stop
    between the two) is set.  Anything else answers ``False``: the head goes
    out at once.  (Only another thread or a signal handler writing to the same
    socket, unsynchronized, could tell the difference; such a write races with
    the handler's own under CPython too.)
    """
    if sys.gettrace() is not None:
        return False
    code = frame.f_code
    entry = _NEXT_WRITE.get((id(code), frame.f_lasti))
    if entry is None or entry[0] is not code:
        lasti = frame.f_lasti
        entry = (code, _next_write_receiver(code, lasti))
        if len(_NEXT_WRITE) < _NEXT_WRITE_MAX:
            _NEXT_WRITE[id(code), lasti] = entry
    name = entry[1]
    if name is None or frame.f_locals.get(name) is not handler:
        return False
    cls = type(handler)
    plain = _PLAIN_CLASSES.get(cls)
    if plain is None:
        plain = _PLAIN_CLASSES[cls] = (
            cls.__getattribute__ is object.__getattribute__  # type: ignore[comparison-overlap]
            and getattr(cls, "wfile", None) is None
        )
    return plain and type(frame.f_globals) is dict and type(frame.f_builtins) is dict
