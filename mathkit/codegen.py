"""numpy source for sympy expressions, compiled once: the one ``eval`` in the package.

:func:`compiled` turns a tuple of expressions and their variables into a numpy function of the
variables returning the list of their values: what :func:`sympy.lambdify` with
``modules="numpy"`` returns (the same numpy functions, in lambdify's namespace), several times
faster to build for a small Jacobian. The source is written here from the expression tree
(:func:`numpy_source`), never from text: the only names in it are the variables, numpy's
functions and numbers. A variable whose name is not a plain Python identifier is refused with
:class:`ValueError` before anything is compiled (a ``sympy.Symbol`` can be given any name
through the API; learner text cannot make one). Expressions outside the parser's allow-list go
through lambdify itself.

>>> import sympy as sp
>>> x, y = sp.symbols("x y")
>>> [float(v) for v in compiled((x * y, sp.Max(0, x)), (x, y))(2.0, 3.0)]
[6.0, 2.0]
>>> numpy_source(sp.Heaviside(x, 0) + sp.sin(y))
'(heaviside(x, 0.0) + sin(y))'
>>> compiled((x,), (sp.Symbol("__import__('os')"),))
Traceback (most recent call last):
...
ValueError: a variable's name must be a plain identifier such as x or w_1, not "__import__('os')"
"""

from __future__ import annotations

import keyword
import sys
import unicodedata
from functools import lru_cache

import sympy as sp
from sympy.printing.numpy import NumPyPrinter

_PRINTER_SETTINGS = {
    "fully_qualified_modules": False,
    "inline": True,
    "allow_unknown_functions": True,
    "user_functions": {},
    "order": "none",  # terms as stored, not sorted: a third faster
}

# numpy names for the functions the parser allows (and their derivatives produce)
_NUMPY_NAMES = {
    sp.sin: "sin",
    sp.cos: "cos",
    sp.tan: "tan",
    sp.sinh: "sinh",
    sp.cosh: "cosh",
    sp.tanh: "tanh",
    sp.exp: "exp",
    sp.log: "log",
    sp.Abs: "absolute",
    sp.sign: "sign",
    sp.floor: "floor",
    sp.ceiling: "ceil",
}


class Unsupported(Exception):
    """An expression :func:`numpy_source` does not write; sympy's printer will."""


def _complete_lambdify_namespace() -> None:
    """Build sympy's numpy namespace for lambdify completely, now.

    sympy builds it on first use and never again once it has started: a first use stopped half
    way by a time budget (:mod:`mathkit.budget`) would leave it without some names for good, and
    every later compiled function would raise NameError. So it is built here, at import, outside
    any budget (and again, whole, if this import itself was stopped and is retried).
    """
    lambdify_module = sys.modules[sp.lambdify.__module__]
    lambdify_module._import("numpy", reload=True)


@lru_cache(maxsize=1)
def _namespace() -> dict:
    """The globals lambdify gives a "numpy" function: numpy's names and sympy's few extras."""
    return dict(sp.lambdify([], 0, modules="numpy").__globals__)


_complete_lambdify_namespace()
_namespace()


def is_plain_name(name: str) -> bool:
    """True for a name that is a Python identifier and not a keyword (``x``, ``w_1``, ``x₁``).

    >>> is_plain_name("w_1"), is_plain_name("lambda"), is_plain_name("a.b")
    (True, False, False)
    """
    return isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)


def _require_plain(variables: tuple[sp.Symbol, ...]) -> None:
    for s in variables:
        if not isinstance(s, sp.Symbol) or not is_plain_name(s.name):
            name = getattr(s, "name", str(s))
            raise ValueError(
                f'a variable\'s name must be a plain identifier such as x or w_1, not "{name}"'
            )


def numpy_source(e: sp.Basic) -> str:
    """numpy source for an expression built from the parser's allow-list, or :class:`Unsupported`.

    The same numpy functions lambdify uses (``Max`` is ``maximum``, ``Heaviside(z, h)`` is
    ``heaviside(z, h)``), written without sympy's general printer: for a new function text that
    is five times faster, and printing is most of the time it takes to compile.
    """
    if e.is_Symbol:
        if not is_plain_name(e.name):
            raise ValueError(f'not a plain variable name: "{e.name}"')
        return e.name
    if e.is_Number or e in (sp.pi, sp.E):
        return repr(float(e))
    args = e.args
    if e.is_Add:
        return "(" + " + ".join(numpy_source(a) for a in args) + ")"
    if e.is_Mul:
        return "(" + "*".join(numpy_source(a) for a in args) + ")"
    if e.is_Pow:
        return f"({numpy_source(args[0])}**{numpy_source(args[1])})"
    if isinstance(e, (sp.Max, sp.Min)):
        name = "maximum" if isinstance(e, sp.Max) else "minimum"
        out = numpy_source(args[0])
        for a in args[1:]:
            out = f"{name}({out}, {numpy_source(a)})"
        return out
    if isinstance(e, sp.Heaviside):
        return f"heaviside({numpy_source(args[0])}, {numpy_source(args[1])})"
    name = _NUMPY_NAMES.get(e.func)
    if name is None or len(args) != 1:
        raise Unsupported(e.func)
    return f"{name}({numpy_source(args[0])})"


@lru_cache(maxsize=512)
def compiled(exprs: tuple[sp.Expr, ...], variables: tuple[sp.Symbol, ...]):
    """A numpy function of the variables returning the list of the expressions' values.

    Raises ValueError for a variable whose name is not a plain identifier. Variable names that
    numpy uses (``e``, ``pi``, ``sin``...), repeated names and expressions outside the parser's
    allow-list go through :func:`sympy.lambdify`, with fresh names for the arguments.
    """
    _require_plain(variables)
    # Python reads identifiers in NFKC form: "ｓｉｎ" is the name sin, "x₁" is x1.
    names = [unicodedata.normalize("NFKC", s.name) for s in variables]
    namespace = _namespace()
    if len(set(names)) == len(names) and not any(n in namespace for n in names):
        try:
            body = ", ".join(numpy_source(e) for e in exprs)
        except Unsupported:
            pass
        else:
            source = f"lambda {', '.join(names)}: [{body}]"
            return eval(compile(source, "<mathkit>", "eval"), namespace)
    printer = NumPyPrinter(_PRINTER_SETTINGS)
    return sp.lambdify(
        variables,
        list(exprs),
        modules="numpy",
        printer=printer,
        docstring_limit=0,
        dummify=True,  # arguments get fresh names: none can shadow a numpy function
    )
