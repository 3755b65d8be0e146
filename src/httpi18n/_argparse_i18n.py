"""``argparse`` that speaks the command line's language, without touching the real module.

The standard ``argparse`` words its own messages ("usage: ", "error:",
"show this help message and exit"…) through a module-level ``_`` bound to
:func:`gettext.gettext` and the process-wide ``messages`` domain, which our
catalogs are not.  Rebinding ``argparse._`` would change the messages of every
other parser in the process, from every thread.  Instead this module loads a
*private copy* of ``argparse`` (same source, its own globals, not in
``sys.modules``) whose ``_`` and ``ngettext`` read the translations of the
running command from a :class:`~contextvars.ContextVar`.  Other code keeps
the real ``argparse`` untouched.

The messages are listed below with :func:`~httpi18n.catalogs.N_` so that they
are extracted into our catalog with the same msgids argparse uses (Python
3.10–3.13).
"""

from __future__ import annotations

import gettext
import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType

from .catalogs import N_

__all__ = ["argparse", "argparse_gettext", "speaking"]

_current: ContextVar[gettext.NullTranslations] = ContextVar(
    "httpi18n_argparse_translations", default=gettext.NullTranslations()
)


def argparse_gettext(message: str) -> str:
    """*message* (one of argparse's msgids) in the language of the running command."""
    return _current.get().gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _current.get().ngettext(singular, plural, n)


def _private_argparse() -> ModuleType:
    spec = importlib.util.find_spec("argparse")
    if spec is None or spec.loader is None:  # pragma: no cover - argparse is in the stdlib
        raise ImportError("argparse not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    setattr(module, "_", argparse_gettext)  # noqa: B010  (the module reads these globals)
    setattr(module, "ngettext", _ngettext)  # noqa: B010
    module.ArgumentError.__str__ = _argument_error_str  # 3.10 words this message without _()
    return module


def _argument_error_str(self: Exception) -> str:
    """``ArgumentError`` as 3.11+ words it ("argument --x: …" through the catalog), on 3.10 too."""
    name, message = getattr(self, "argument_name", None), getattr(self, "message", "")
    if name is None:
        return str(message)
    return argparse_gettext("argument %(argument_name)s: %(message)s") % {
        "message": message, "argument_name": name}


TYPE_CHECKING = False
if TYPE_CHECKING:  # the copy has the standard module's types
    import argparse
else:
    #: The private ``argparse`` copy; use it exactly like the standard module.
    argparse = _private_argparse()


@contextmanager
def speaking(translations: gettext.NullTranslations) -> Iterator[None]:
    """Inside the block, the private ``argparse`` words its messages with *translations*."""
    token = _current.set(translations)
    try:
        yield
    finally:
        _current.reset(token)


# The messages argparse can show a user of our command line (programming errors left out).
# TRANSLATORS: argparse, the start of the usage line ("usage: httpi18n [-h] …"); keep the trailing space.
N_("usage: ")
# TRANSLATORS: argparse, heading of the list of options in --help.
N_("options")
# TRANSLATORS: argparse, heading of the list of positional arguments in --help.
N_("positional arguments")
# TRANSLATORS: argparse, a heading in --help (Python 3.13): %(heading)s is "options" or another heading.
N_("%(heading)s:")
# TRANSLATORS: argparse, the help of -h/--help.
N_("show this help message and exit")
# TRANSLATORS: argparse, an error line: "httpi18n: error: <message>"; keep the final line break.
N_("%(prog)s: error: %(message)s\n")
# TRANSLATORS: argparse, error: %(argument_name)s is an option such as --lang.
N_("argument %(argument_name)s: %(message)s")
# TRANSLATORS: argparse, error: %s lists the missing arguments.
N_("the following arguments are required: %s")
# TRANSLATORS: argparse, error: %s lists the arguments that were not understood.
N_("unrecognized arguments: %s")
# TRANSLATORS: argparse, error: an option such as --lang was given without its value.
N_("expected one argument")
# TRANSLATORS: argparse, error.
N_("expected at least one argument")
# TRANSLATORS: argparse, error.
N_("expected at most one argument")
# TRANSLATORS: argparse, error: %(option)s is what was typed, %(matches)s the options it could mean.
N_("ambiguous option: %(option)s could match %(matches)s")
# TRANSLATORS: argparse, error: %(value)r is what was typed, %(choices)s the accepted values.
N_("invalid choice: %(value)r (choose from %(choices)s)")
# TRANSLATORS: argparse, error: %(type)s is a type name such as int, %(value)r what was typed.
N_("invalid %(type)s value: %(value)r")
# TRANSLATORS: argparse, error: %s is another option.
N_("not allowed with argument %s")
# TRANSLATORS: argparse, error: %r is the value given to an option that takes none.
N_("ignored explicit argument %r")
# TRANSLATORS: argparse, error: %s lists options of which one is required.
N_("one of the arguments %s is required")
