"""One namespace for :mod:`httpi18n.server`, whose code lives in several files.

:mod:`http.server` is one module, and code written for it patches names on
that module (``mock.patch.object(server, "os")``, ``server.nobody_uid``,
``server.socket``...) and expects every function of the module to see the
patch.  :mod:`httpi18n.server` keeps its code in private modules
(``_server_base``, ``_server_io``, ``_server_static``, ``_server_cgi``,
``_server_cli``) of a readable size; :func:`adopt` then makes each of their
functions and methods look up its globals in :mod:`httpi18n.server`'s
namespace, as if all of it were written in that one file.

How: a function's globals cannot be changed, so each function is replaced by
a copy made from the same code object (so ``__code__`` identity still tells
our own methods from overridden ones) with the new globals; methods are
replaced in their class, module-level functions in the facade and in the
module that defined them, so every reference meets the same object.  The
facade must hold every global name the code uses, bound to the same object
as in the defining module: :func:`unresolved` lists what does not
(``tests/test_server_layout.py`` asserts that it is empty).
"""

from __future__ import annotations

import builtins
import dis
import types
from collections.abc import Iterator
from typing import Any

__all__ = ["rebind", "adopt", "global_names", "unresolved"]


def rebind(func: types.FunctionType, namespace: dict[str, Any]) -> types.FunctionType:
    """A copy of *func* (same code, defaults, closure, attributes) whose globals are *namespace*."""
    new = types.FunctionType(func.__code__, namespace, func.__name__, func.__defaults__, func.__closure__)
    new.__kwdefaults__ = func.__kwdefaults__
    new.__qualname__ = func.__qualname__
    new.__doc__ = func.__doc__
    new.__annotations__ = func.__annotations__
    new.__dict__.update(func.__dict__)
    return new


def _rebind_member(value: Any, namespace: dict[str, Any]) -> Any:
    """*value* from a class body with its functions re-bound (methods, static/class methods, properties)."""
    if isinstance(value, types.FunctionType):
        return rebind(value, namespace)
    if isinstance(value, (staticmethod, classmethod)) and isinstance(value.__func__, types.FunctionType):
        return type(value)(rebind(value.__func__, namespace))
    if isinstance(value, property):
        parts: list[Any] = [
            rebind(f, namespace) if isinstance(f, types.FunctionType) else f for f in (value.fget, value.fset, value.fdel)
        ]
        return property(parts[0], parts[1], parts[2], value.__doc__)
    return value


def adopt(namespace: dict[str, Any], modules: list[types.ModuleType]) -> None:
    """Make the code of *modules* look up its globals in *namespace* (see the module docstring).

    Every module-level name of *modules* (dunders aside) is copied into
    *namespace*; a name already there must be bound to the same object
    (else :exc:`RuntimeError`: two modules would disagree on its meaning).
    Classes and functions defined in *modules* get ``__module__`` set to
    ``namespace["__name__"]``.
    """
    names = {m.__name__ for m in modules}
    for module in modules:
        for name, value in vars(module).items():
            if name.startswith("__") and name.endswith("__"):
                continue
            if name in namespace and namespace[name] is not value:
                raise RuntimeError(f"{module.__name__}.{name} differs from {namespace.get('__name__')}.{name}")
            namespace[name] = value
    target = namespace["__name__"]
    copies: dict[int, types.FunctionType] = {}  # one copy per function, however many modules import it
    done: set[int] = set()
    for module in modules:
        for name, value in list(vars(module).items()):
            if isinstance(value, types.FunctionType) and value.__module__ in names | {target}:
                if value.__globals__ is namespace:
                    continue  # already adopted (imported from a module handled before)
                new = copies.get(id(value))
                if new is None:
                    new = copies[id(value)] = rebind(value, namespace)
                namespace[name] = new
                setattr(module, name, new)
            elif isinstance(value, type) and value.__module__ in names and id(value) not in done:
                done.add(id(value))
                for attr, member in list(vars(value).items()):
                    new_member = _rebind_member(member, namespace)
                    if new_member is not member:
                        setattr(value, attr, new_member)
                value.__module__ = target


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def global_names(func: types.FunctionType, ops: tuple[str, ...] = ("LOAD_GLOBAL", "LOAD_NAME")) -> set[str]:
    """The names *func* (and the functions nested in it) use as globals through *ops*.

    ``LOAD_NAME`` covers class bodies nested in functions; pass
    ``("STORE_GLOBAL",)`` for the names a function assigns with ``global``.
    """
    found: set[str] = set()
    for code in _code_objects(func.__code__):
        for ins in dis.get_instructions(code):
            if ins.opname in ops:
                found.add(ins.argval)
    return found


def _functions(obj: Any) -> Iterator[types.FunctionType]:
    if isinstance(obj, types.FunctionType):
        yield obj
    elif isinstance(obj, type):
        for member in vars(obj).values():
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if isinstance(member, property):
                yield from (f for f in (member.fget, member.fset, member.fdel) if isinstance(f, types.FunctionType))
            elif isinstance(member, types.FunctionType):
                yield member


def unresolved(namespace: dict[str, Any], modules: list[types.ModuleType]) -> list[str]:
    """``module.function: name`` for each global an adopted function looks up in vain.

    A name is resolved when *namespace* (or :mod:`builtins`) has it and, if
    the function's own module has it too, both are the same object, unless
    some adopted function assigns it (``global nobody``): such state lives in
    *namespace* alone, and the defining module keeps only its initial value.
    """
    names = {m.__name__ for m in modules} | {namespace["__name__"]}
    adopted = [
        (module, func)
        for module in modules
        for value in vars(module).values()
        if getattr(value, "__module__", None) in names
        for func in _functions(value)
    ]
    state = set().union(*(global_names(f, ("STORE_GLOBAL", "DELETE_GLOBAL")) for _, f in adopted))
    missing: list[str] = []
    for module, func in adopted:
        own = vars(module)
        if func.__globals__ is not namespace:
            missing.append(f"{module.__name__}.{func.__qualname__}: not adopted")
            continue
        for name in global_names(func):
            if name in namespace:
                if not name.startswith("__") and name not in state and name in own and own[name] is not namespace[name]:
                    missing.append(f"{module.__name__}.{func.__qualname__}: {name} differs")
            elif not hasattr(builtins, name):
                missing.append(f"{module.__name__}.{func.__qualname__}: {name}")
    return missing
