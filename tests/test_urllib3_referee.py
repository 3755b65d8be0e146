"""urllib3's own test suite as the referee of ``httpi18n.client`` as a drop-in.

urllib3 is built on :mod:`http.client` (its connections subclass
``http.client.HTTPConnection``, its responses wrap ``http.client.HTTPResponse``),
so its suite is a demanding second opinion on our compatibility.  This test

1. downloads the sdist of the urllib3 version installed next to the project
   (``pip download --no-binary :all: --no-deps``; cached in ``build/referee/``),
   because wheels ship no tests;
2. makes a dedicated virtual environment ``build/referee/venv-X.Y`` for it, so
   urllib3's test dependencies never enter the project's environment; the
   dependency names are read from the sdist (its ``test`` dependency group,
   plus the packages its ``dev`` group adds, because the suite's conftest
   imports ``trustme`` and ``cryptography``) and must equal
   ``requirements/referee.in``; installs use ``-c requirements/lock.txt``
   when the lock exists; httpi18n itself is put on the path with a ``.pth``
   file pointing at ``src/``;
3. runs :data:`TEST_FILES` twice, once as they are ("plain") and once with
   ``sys.modules["http.client"]`` (and ``http.client``) replaced by
   :mod:`httpi18n.client` before urllib3 is imported ("swapped"), by a small
   module (:data:`PLUGIN_SOURCE`) that a ``sitecustomize`` imports when the
   interpreter starts; it also keeps every connection on the loopback interface (see below);
4. compares the outcome of every test id (from ``--junitxml``).  A test id
   whose outcome differs and is not in :data:`ALLOWED` is run again in both
   modes; a difference that comes back is a failure, one that does not is
   timing noise of the machine and is printed, not counted.  An
   :data:`ALLOWED` entry that no longer differs is a failure too, so that the
   list (and the documentation that repeats it) stays true.

Network: loopback only.  urllib3's suite connects to a "tarpit" address
(240.0.0.0) for connect timeouts and binds documentation addresses
(192.0.2.255); the plugin makes every ``connect``/``connect_ex``/``sendto``
to an address outside 127.0.0.0/8 and ::1 fail at once with
``ENETUNREACH`` (no packet leaves), and every name lookup other than
``localhost`` or an IP literal fail with ``socket.gaierror``, in both modes
alike.  Tests that need such an address then fail (or skip, through
urllib3's own ``requires_network``) the same way in both runs.

Run as a script (``python tests/test_urllib3_referee.py``) it prints the
comparison without pytest's capture.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
REFEREE = ROOT / "build" / "referee"
REQUIREMENTS_IN = ROOT / "requirements" / "referee.in"
LOCK = ROOT / "requirements" / "lock.txt"
PYVER = f"{sys.version_info[0]}.{sys.version_info[1]}"

#: urllib3's test files that exercise ``http.client`` (relative to the sdist).
#: Unit tests: the connection subclass (``test_connection``), the response
#: wrapper that reads ``http.client.HTTPResponse`` (``test_response``), pool
#: and manager logic on top of them (``test_connectionpool``,
#: ``test_poolmanager``, ``test_proxymanager``).  With real loopback servers:
#: chunked requests and responses (``test_chunked_transfer``), connections
#: and pools end to end (``test_connection``, ``test_connectionpool``,
#: ``test_poolmanager``), HTTP and CONNECT-tunnel proxies
#: (``test_proxy_poolmanager``), and hand-written byte-level servers that
#: send malformed, truncated and unusual responses (``test_socketlevel``).
#: ``test_https`` is left out: it tests TLS settings of urllib3's own
#: ``HTTPSConnection`` (which replaces ``http.client``'s ``connect``), and
#: doubles the run time; the TLS path of ``http.client`` is still crossed
#: by the proxy and socket-level files.
TEST_FILES = [
    "test/test_connection.py",
    "test/test_response.py",
    "test/test_connectionpool.py",
    "test/test_poolmanager.py",
    "test/test_proxymanager.py",
    "test/with_dummyserver/test_chunked_transfer.py",
    "test/with_dummyserver/test_connection.py",
    "test/with_dummyserver/test_connectionpool.py",
    "test/with_dummyserver/test_poolmanager.py",
    "test/with_dummyserver/test_proxy_poolmanager.py",
    "test/with_dummyserver/test_socketlevel.py",
]


@dataclasses.dataclass(frozen=True)
class Allowed:
    """A difference between the plain and the swapped run that is kept on purpose."""

    plain: str
    swapped: str
    reason: str
    #: Whether it shows on the running Python.
    applies: bool = True


# urllib3 runs http.client's own _tunnel() only from 3.13 on (on 3.11 and
# 3.12 it brings a copy of its own), and expects 3.13 before 3.13.14 (and
# 3.14 before 3.14.5) to let control characters through.
_OLD_TUNNEL = (sys.version_info[:2] == (3, 13) and sys.version_info < (3, 13, 14)) or (
    sys.version_info[:2] == (3, 14) and sys.version_info < (3, 14, 5)
)
_TUNNEL_HEADERS = (
    "httpi18n.client refuses CR, LF and NUL in CONNECT tunnel header values and names that are "
    "not header names (lines injected into the request to the proxy), as CPython does from "
    "3.13.14 on; urllib3 expects this Python's http.client to let them through and marks the "
    "test xfail(strict=True), so ours shows as an unexpected pass"
)
_TUNNEL_HOST = (
    "httpi18n.client refuses control characters and spaces in the CONNECT tunnel host (a request "
    "line injected into the request to the proxy), as CPython does from 3.13.14 on; urllib3 "
    "marks the test xfail(strict=True) for this Python, so ours shows as an unexpected pass"
)
_HEADER_PARAMS = [
    r"Invalid\r\nName-ValidValue", r"Invalid\rName-ValidValue", r"Invalid\nName-ValidValue",
    r"\r\nInvalidName-ValidValue", r"\rInvalidName-ValidValue", r"\nInvalidName-ValidValue",
    " InvalidName-ValidValue", r"\tInvalidName-ValidValue", "Invalid:Name-ValidValue", ":InvalidName-ValidValue",
    r"ValidName-Invalid\r\nValue", r"ValidName-Invalid\rValue", r"ValidName-Invalid\nValue",
    r"ValidName-InvalidValue\r\n", r"ValidName-InvalidValue\r", r"ValidName-InvalidValue\n",
]
_HOST_PARAMS = [r"invalid\r.host", r"\ninvalid.host", r"invalid.host\r\n", r"invalid.host\x00", "invalid host"]
_CONNECTION = "test.with_dummyserver.test_connection::"

#: test id -> the difference kept, with its reason (docs/client.rst repeats them).
ALLOWED: dict[str, Allowed] = {
    **{
        f"{_CONNECTION}test_invalid_tunnel_headers[{p}]": Allowed("xfailed", "failed", _TUNNEL_HEADERS, _OLD_TUNNEL)
        for p in _HEADER_PARAMS
    },
    **{
        f"{_CONNECTION}test_invalid_tunnel_host[{p}]": Allowed("xfailed", "failed", _TUNNEL_HOST, _OLD_TUNNEL)
        for p in _HOST_PARAMS
    },
}


# --------------------------------------------------------------------------- plugin

#: The referee's module, written into ``build/referee/plugin/`` and imported
#: by that directory's ``sitecustomize`` when the interpreter starts (pytest
#: imports urllib3 while it reads its configuration, before any ``-p``
#: plugin).  It must not import urllib3.
PLUGIN_SOURCE = r'''
"""httpi18n's urllib3 referee, imported at start-up: loopback-only guard, optional swap, report."""
import atexit
import errno
import ipaddress
import json
import os
import socket
import sys

_SWAP = os.environ.get("HTTPI18N_REFEREE_SWAP") == "1"

if _SWAP:
    if "urllib3" in sys.modules:
        raise RuntimeError("urllib3 was imported before http.client could be swapped")
    import http
    import httpi18n.client

    sys.modules["http.client"] = httpi18n.client
    http.client = httpi18n.client


def _loopback(address):
    """Whether a connect/sendto address stays on this machine."""
    if isinstance(address, (str, bytes)):
        return True  # AF_UNIX path
    host = address[0]
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _refuse(address):
    return OSError(errno.ENETUNREACH, f"httpi18n referee: loopback only, refused {address!r}")


_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_sendto = socket.socket.sendto
_getaddrinfo = socket.getaddrinfo


def connect(self, address):
    if not _loopback(address):
        raise _refuse(address)
    return _connect(self, address)


def connect_ex(self, address):
    if not _loopback(address):
        return errno.ENETUNREACH
    return _connect_ex(self, address)


def sendto(self, data, *args):
    address = args[-1]
    if not _loopback(address):
        raise _refuse(address)
    return _sendto(self, data, *args)


def getaddrinfo(host, *args, **kwargs):
    if host is not None:
        name = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)
        if name not in ("localhost", "localhost.", ""):
            try:
                ipaddress.ip_address(name.split("%", 1)[0])
            except ValueError:
                raise socket.gaierror(socket.EAI_NONAME, f"httpi18n referee: no lookups, refused {name!r}") from None
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.getaddrinfo = getaddrinfo


def _report():
    """At exit: what ``http.client`` and urllib3's connection base really were."""
    report = os.environ.get("HTTPI18N_REFEREE_REPORT")
    urllib3_connection = sys.modules.get("urllib3.connection")
    if not report or urllib3_connection is None:
        return
    import urllib3

    base = urllib3_connection.HTTPConnection.__mro__[1]
    with open(report, "w", encoding="utf-8") as f:
        json.dump(
            {
                "swapped": _SWAP,
                "http_client": sys.modules["http.client"].__name__,
                "urllib3_base": f"{base.__module__}.{base.__qualname__}",
                "urllib3_version": urllib3.__version__,
                "urllib3_file": urllib3.__file__,
            },
            f,
        )


atexit.register(_report)
'''


# --------------------------------------------------------------------------- set-up


def urllib3_version() -> str:
    """The urllib3 version installed in the project's environment (the lock's)."""
    return importlib.metadata.version("urllib3")


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload]


def fetch_sdist(version: str) -> Path:
    """Download (once) and unpack urllib3's sdist; the unpacked directory."""
    REFEREE.mkdir(parents=True, exist_ok=True)
    archive = REFEREE / f"urllib3-{version}.tar.gz"
    if not archive.exists():
        with tempfile.TemporaryDirectory(dir=REFEREE) as tmp:
            _run([sys.executable, "-m", "pip", "download", "-q", "--no-binary", ":all:", "--no-deps",
                  "-d", tmp, f"urllib3=={version}"])
            (found,) = Path(tmp).glob("urllib3-*.tar.gz")
            found.replace(archive)
    unpacked = REFEREE / f"urllib3-{version}"
    if not (unpacked / "pyproject.toml").exists():
        with tarfile.open(archive) as tar, tempfile.TemporaryDirectory(dir=REFEREE) as tmp:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(tmp, filter="data")
            else:  # pragma: no cover - Pythons before the extraction filters
                tar.extractall(tmp)
            shutil.rmtree(unpacked, ignore_errors=True)
            (Path(tmp) / f"urllib3-{version}").replace(unpacked)
    return unpacked


def _requirement_name(spec: str) -> str:
    """``'anyio[trio]>=4.8.0 ; marker'`` -> ``'anyio[trio]'``."""
    spec = spec.split(";", 1)[0].strip()
    m = re.match(r"[A-Za-z0-9._-]+(\[[A-Za-z0-9._,-]+\])?", spec)
    assert m, spec
    return m.group(0)


def sdist_requirement_names(sdist: Path) -> list[str]:
    """The packages urllib3's suite needs, from the sdist's dependency groups.

    The ``test`` group, plus what the ``dev`` group adds beyond its included
    groups (``trustme``, ``cryptography``, ...: the suite's conftest and
    dummy servers import them).
    """
    try:
        import tomllib
    except ImportError:  # Python 3.10: the same parser, as the tomli package (pytest's dependency there)
        import tomli as tomllib  # type: ignore[no-redef]

    groups = tomllib.loads((sdist / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]
    names = [_requirement_name(s) for s in groups["test"]]
    names += [_requirement_name(s) for s in groups["dev"] if isinstance(s, str)]
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(re.sub(r"[-_.]+", "-", name).lower(), name)
    return sorted(seen.values(), key=str.lower)


def read_requirements_in() -> list[str]:
    """The names in ``requirements/referee.in`` (comments and blanks skipped)."""
    lines = REQUIREMENTS_IN.read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def make_venv(version: str) -> Path:
    """The referee's virtual environment for this Python (made or refreshed); its python."""
    venv = REFEREE / f"venv-{PYVER}"
    python = venv / "bin" / "python"
    inputs = REQUIREMENTS_IN.read_bytes() + version.encode() + (LOCK.read_bytes() if LOCK.exists() else b"")
    stamp_value = hashlib.sha256(inputs).hexdigest()
    stamp = venv / ".httpi18n-referee"
    if python.exists() and stamp.exists() and stamp.read_text() == stamp_value:
        return python
    base = getattr(sys, "_base_executable", sys.executable)
    shutil.rmtree(venv, ignore_errors=True)
    _run([base, "-m", "venv", str(venv)])
    constraints = ["-c", str(LOCK)] if LOCK.exists() else []
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
          "-r", str(REQUIREMENTS_IN), f"urllib3=={version}", *constraints])
    purelib = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    Path(purelib, "httpi18n-src.pth").write_text(str(ROOT / "src") + "\n", encoding="utf-8")
    stamp.write_text(stamp_value)
    return python


#: Imports the referee module at interpreter start-up: pytest imports urllib3
#: while it reads its configuration (``filterwarnings`` names
#: ``urllib3.exceptions`` classes), before any ``-p`` plugin.
SITECUSTOMIZE_SOURCE = "import httpi18n_referee  # noqa: F401  (swap and loopback guard)\n"


def write_plugin() -> Path:
    """Write the plugin module and its ``sitecustomize``; the directory to put on ``PYTHONPATH``."""
    plugin_dir = REFEREE / "plugin"
    plugin_dir.mkdir(parents=True, exist_ok=True)
    for name, text in (("httpi18n_referee.py", PLUGIN_SOURCE), ("sitecustomize.py", SITECUSTOMIZE_SOURCE)):
        target = plugin_dir / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return plugin_dir


# --------------------------------------------------------------------------- runs


def outcomes(junit: Path) -> dict[str, str]:
    """``{test id: passed|failed|error|skipped|xfailed}`` from a junit XML file."""
    result: dict[str, str] = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.get("name") is None:
            continue
        test_id = f"{case.get('classname')}::{case.get('name')}"
        outcome = "passed"
        for child in case:
            if child.tag == "failure":
                outcome = "failed"
            elif child.tag == "error":
                outcome = "error" if outcome == "passed" else outcome
            elif child.tag == "skipped":
                outcome = "xfailed" if child.get("type") == "pytest.xfail" else "skipped"
        if test_id in result and result[test_id] != "passed":
            continue  # a teardown error recorded as a second case keeps the first verdict
        result[test_id] = outcome
    return result


@dataclasses.dataclass
class Run:
    """One run of the chosen files in one mode."""

    swapped: bool
    outcomes: dict[str, str]
    info: dict[str, str]
    seconds: float

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes.values() if o == outcome)


def run_suite(python: Path, sdist: Path, swapped: bool, selection: list[str] | None = None, tag: str = "") -> Run:
    """Run urllib3's files (or the test ids in *selection*) in one mode.

    Each file runs in its own pytest process, so that a crash (a hang that
    pytest-timeout turns into an internal error, say) costs the tests of
    that file only: they then show as ``missing``.
    """
    import time

    plugin_dir = write_plugin()
    mode = "swapped" if swapped else "plain"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "HTTPI18N_REFEREE"))}
    env.update(PYTHONPATH=str(plugin_dir), HTTPI18N_REFEREE_SWAP="1" if swapped else "0", PYTHONDONTWRITEBYTECODE="1")
    batches = [[f] for f in TEST_FILES] if selection is None else [selection]
    results: dict[str, str] = {}
    info: dict[str, str] = {}
    start = time.monotonic()
    for n, targets in enumerate(batches):
        junit = REFEREE / f"junit-{PYVER}-{mode}{tag}-{n}.xml"
        report = REFEREE / f"info-{PYVER}-{mode}{tag}-{n}.json"
        for path in (junit, report):
            path.unlink(missing_ok=True)
        env["HTTPI18N_REFEREE_REPORT"] = str(report)
        cmd = [str(python), "-m", "pytest", "-p", "no:cacheprovider", "-q", "--timeout=120",
               f"--junitxml={junit}", "-o", "junit_family=xunit1", *targets]
        proc = subprocess.run(cmd, cwd=sdist, env=env, text=True, capture_output=True)
        if not junit.exists() or not report.exists():
            raise AssertionError(f"urllib3's suite did not run ({mode}, {targets[:3]}, exit {proc.returncode}):\n"
                                 f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
        for test_id, outcome in outcomes(junit).items():
            if test_id == "pytest::internal":  # pytest itself broke: the file's later tests are missing
                test_id = f"{' '.join(targets)[:200]}::(pytest internal error)"
            results[test_id] = outcome
        this = json.loads(report.read_text(encoding="utf-8"))
        if info and this != info:
            raise AssertionError(f"the runs of one mode disagree on what they ran: {info} != {this}")
        info = this
    return Run(swapped, results, info, time.monotonic() - start)


def _junit_id(test_id: str) -> str:
    """Turn a junit ``classname::name`` id back into a pytest node id."""
    classname, _, name = test_id.partition("::")
    parts = classname.split(".")
    # classname is "test.with_dummyserver.test_x.TestClass" or "test.test_x" for functions
    for i in range(len(parts), 0, -1):
        path = Path(*parts[:i]).with_suffix(".py")
        if path.as_posix() in TEST_FILES:
            return "::".join([path.as_posix(), *parts[i:], name])
    raise ValueError(test_id)


def differences(plain: dict[str, str], swapped: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Test ids whose outcome differs: ``{id: (plain, swapped)}`` (``missing`` when absent)."""
    ids = set(plain) | set(swapped)
    return {
        i: (plain.get(i, "missing"), swapped.get(i, "missing"))
        for i in sorted(ids)
        if plain.get(i, "missing") != swapped.get(i, "missing")
    }


def allowed_here() -> dict[str, Allowed]:
    """The :data:`ALLOWED` entries that apply to the running Python."""
    return {k: a for k, a in ALLOWED.items() if a.applies}


def referee(rerun: bool = True) -> dict[str, object]:
    """Set up, run both modes, compare; a summary dict (see :func:`test_urllib3_suite_swapped_equals_plain`)."""
    version = urllib3_version()
    sdist = fetch_sdist(version)
    python = make_venv(version)
    plain = run_suite(python, sdist, swapped=False)
    swapped = run_suite(python, sdist, swapped=True)
    diffs = differences(plain.outcomes, swapped.outcomes)
    allowed = allowed_here()
    unexplained = {i: d for i, d in diffs.items() if i not in allowed or (allowed[i].plain, allowed[i].swapped) != d}
    noise: dict[str, tuple[str, str]] = {}
    if rerun and unexplained:
        selection = [_junit_id(i) for i in unexplained]
        again_plain = run_suite(python, sdist, swapped=False, selection=selection, tag="-rerun")
        again_swapped = run_suite(python, sdist, swapped=True, selection=selection, tag="-rerun")
        for i in list(unexplained):
            if again_plain.outcomes.get(i) == again_swapped.outcomes.get(i):
                noise[i] = unexplained.pop(i)
    stale = {i: a for i, a in allowed.items() if diffs.get(i) != (a.plain, a.swapped)}
    return {
        "python": PYVER,
        "urllib3": version,
        "plain": plain,
        "swapped": swapped,
        "differences": diffs,
        "unexplained": unexplained,
        "noise": noise,
        "stale": stale,
    }


def _summary(result: dict[str, object]) -> str:
    plain: Run = result["plain"]  # type: ignore[assignment]
    swapped: Run = result["swapped"]  # type: ignore[assignment]
    lines = [f"urllib3 {result['urllib3']} on Python {result['python']}, {len(TEST_FILES)} files"]
    for run in (plain, swapped):
        counts = ", ".join(f"{o} {run.count(o)}" for o in ("passed", "failed", "error", "skipped", "xfailed"))
        lines.append(f"  {'swapped' if run.swapped else 'plain':8} {counts}  ({run.seconds:.0f} s)")
    for title, key in (("differences", "differences"), ("unexplained", "unexplained"), ("noise (did not repeat)", "noise")):
        items = result[key]  # type: ignore[index]
        lines.append(f"  {title}: {len(items)}")  # type: ignore[arg-type]
        if key != "differences":
            lines += [f"    {i}: plain {p}, swapped {s}" for i, (p, s) in items.items()]  # type: ignore[union-attr]
    stale = result["stale"]
    lines.append(f"  allowed but no longer different: {len(stale)}")  # type: ignore[arg-type]
    lines += [f"    {i}" for i in stale]  # type: ignore[union-attr]
    return "\n".join(lines)


# --------------------------------------------------------------------------- tests


def test_requirements_in_matches_sdist() -> None:
    """``requirements/referee.in`` lists exactly the names urllib3's sdist asks for."""
    sdist = fetch_sdist(urllib3_version())
    wanted = sdist_requirement_names(sdist)
    assert read_requirements_in() == wanted


def test_junit_ids_and_outcomes(tmp_path: Path) -> None:
    """junit XML is read per test id, and ids map back to the node ids a rerun selects."""
    junit = tmp_path / "junit.xml"
    junit.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="test.test_response.TestResponse" name="test_a"/>'
        '<testcase classname="test.test_response.TestResponse" name="test_b"><failure message="x"/></testcase>'
        '<testcase classname="test.with_dummyserver.test_connection" name="test_c[a\\r-b]">'
        '<skipped type="pytest.xfail" message="x"/></testcase>'
        '<testcase classname="test.test_connection" name="test_d"><skipped type="pytest.skip" message="x"/></testcase>'
        '<testcase classname="test.test_connection" name="test_e"><error message="x"/></testcase>'
        "</testsuite></testsuites>",
        encoding="utf-8",
    )
    assert outcomes(junit) == {
        "test.test_response.TestResponse::test_a": "passed",
        "test.test_response.TestResponse::test_b": "failed",
        "test.with_dummyserver.test_connection::test_c[a\\r-b]": "xfailed",
        "test.test_connection::test_d": "skipped",
        "test.test_connection::test_e": "error",
    }
    assert _junit_id("test.test_response.TestResponse::test_a") == "test/test_response.py::TestResponse::test_a"
    assert _junit_id("test.with_dummyserver.test_connection::test_c[a\\r-b]") == (
        "test/with_dummyserver/test_connection.py::test_c[a\\r-b]"
    )
    assert differences({"a": "passed", "b": "xfailed"}, {"a": "passed", "b": "failed", "c": "passed"}) == {
        "b": ("xfailed", "failed"),
        "c": ("missing", "passed"),
    }


def test_plugin_guard_is_loopback_only() -> None:
    """The referee plugin's guard lets loopback through and refuses everything else at once."""
    import errno
    import socket

    namespace: dict[str, object] = {}
    saved = (socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto, socket.getaddrinfo)
    try:
        os.environ.pop("HTTPI18N_REFEREE_SWAP", None)
        exec(compile(PLUGIN_SOURCE, "httpi18n_referee.py", "exec"), namespace)
        loopback = namespace["_loopback"]
        assert loopback(("127.0.0.1", 80)) and loopback(("127.9.8.7", 1)) and loopback(("::1", 80, 0, 0))
        assert loopback(("localhost", 80)) and loopback("/tmp/sock")
        assert not loopback(("240.0.0.0", 80)) and not loopback(("192.0.2.255", 0))
        assert not loopback(("example.com", 80)) and not loopback(("2001:db8::1", 80, 0, 0))
        with socket.socket() as s:
            with pytest.raises(OSError) as info:
                s.connect(("240.0.0.0", 80))
            assert info.value.errno == errno.ENETUNREACH
            assert s.connect_ex(("192.0.2.1", 80)) == errno.ENETUNREACH
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo("example.com", 80)
        assert socket.getaddrinfo("127.0.0.1", 80)
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            with socket.create_connection(server.getsockname(), timeout=5):
                pass
    finally:
        socket.socket.connect, socket.socket.connect_ex, socket.socket.sendto, socket.getaddrinfo = saved


def test_urllib3_suite_swapped_equals_plain() -> None:
    """urllib3's suite gives the same result per test with http.client swapped for ours."""
    result = referee()
    summary = _summary(result)
    print(summary)
    plain: Run = result["plain"]  # type: ignore[assignment]
    swapped: Run = result["swapped"]  # type: ignore[assignment]
    # The runs really were what they claim to be.
    assert plain.info["http_client"] == "http.client" and not plain.info["swapped"]
    assert plain.info["urllib3_base"] == "http.client.HTTPConnection"
    assert swapped.info["swapped"] and swapped.info["http_client"] == "httpi18n.client"
    assert swapped.info["urllib3_base"] == "httpi18n.client.HTTPConnection"
    assert plain.info["urllib3_version"] == result["urllib3"]
    assert plain.count("passed") > 900, summary  # the suite really ran
    assert not result["unexplained"], summary
    assert not result["stale"], summary


if __name__ == "__main__":
    print(_summary(referee(rerun="--no-rerun" not in sys.argv)))
