"""Gradients and Jacobians, in numerator and denominator layout.

Everything is built from one primitive, the Jacobian in numerator layout (the paper's convention):

    J[i, j] = ∂f_i / ∂x_j        shape (m, n): m functions (rows), n variables (columns)

The denominator layout is its transpose, shape (n, m), and the gradient of a scalar function is the
Jacobian of a one-function vector: a 1 × n row (numerator) or an n × 1 column (denominator).

>>> jacobian("[3*x^2*y, 2*x + y^8]", "x y")
Matrix([
[6*x*y, 3*x**2],
[    2, 8*y**7]])
>>> gradient("3x^2 y", "x y", layout="denominator")
Matrix([
[ 6*x*y],
[3*x**2]])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import sympy as sp

from .budget import within_budget
from .parse import parse, parse_variables, symbol

Layout = Literal["numerator", "denominator"]
LAYOUTS: tuple[str, ...] = ("numerator", "denominator")
FunctionLike = str | sp.Expr | sp.MatrixBase | Iterable
VariablesLike = str | sp.Symbol | sp.MatrixBase | Iterable

# Functions differentiated with real variables: non-smooth ones, whose derivatives sympy only
# simplifies for real arguments, and the hyperbolic ones, whose derivatives sympy builds by asking
# whether the argument is real (for a complex one it factors polynomials: minutes).
_REAL_ONLY = (sp.Abs, sp.Max, sp.Min, sp.sign, sp.sinh, sp.cosh, sp.tanh)


def as_functions(f: FunctionLike, variables: VariablesLike | None = None) -> tuple[sp.Matrix, bool]:
    """Return ``(F, is_vector)``: the function(s) as an m × 1 column, and whether f is a vector.

    A string is parsed with :func:`mathkit.parse`; a single expression is a scalar function; a list,
    tuple or Matrix (row or column) is a vector function.

    >>> as_functions("x + y")
    (Matrix([[x + y]]), False)
    >>> as_functions(["x", "y^2"])
    (Matrix([
    [   x],
    [y**2]]), True)
    """
    if isinstance(f, str):
        f = parse(f, variables)
    if isinstance(f, sp.MatrixBase):
        return sp.Matrix(list(f)), True
    if isinstance(f, (list, tuple)):
        items = [
            parse(g, variables) if isinstance(g, str) else sp.sympify(g, strict=True) for g in f
        ]
        if not items or any(isinstance(g, sp.MatrixBase) for g in items):
            raise ValueError("a vector function is a flat list of one or more scalar functions")
        return sp.Matrix(items), True
    return sp.Matrix([sp.sympify(f, strict=True)]), False


def as_variables(wrt: VariablesLike) -> tuple[sp.Matrix, bool]:
    """Return ``(x, is_vector)``: the variables as an n × 1 column, and whether x is a vector.

    A string with one name or a single Symbol is a scalar variable; a string with several names
    (``"x y"`` or ``"x, y"``), in brackets (``"[x]"``), a list or a Matrix of Symbols is a vector
    variable (brackets make x a vector as ``[x^2]`` makes f one).

    >>> as_variables("x y")
    (Matrix([
    [x],
    [y]]), True)
    >>> as_variables("x")
    (Matrix([[x]]), False)
    """
    if isinstance(wrt, sp.Symbol):
        return sp.Matrix([wrt]), False
    if isinstance(wrt, sp.MatrixBase):
        symbols = list(wrt)
        is_vector = True
    else:
        symbols = parse_variables(wrt)
        is_vector = not isinstance(wrt, str) or len(symbols) > 1 or wrt.strip().startswith("[")
    if not all(isinstance(s, sp.Symbol) for s in symbols):
        raise ValueError("differentiate with respect to variables (symbols) only, such as x or x_1")
    return sp.Matrix(symbols), is_vector


def check_layout(layout: str) -> str:
    """Return ``layout`` if it is "numerator" or "denominator", else raise ValueError."""
    if layout not in LAYOUTS:
        raise ValueError(f'layout must be "numerator" or "denominator", not {layout!r}')
    return layout


def in_layout(J: sp.Matrix, layout: Layout) -> sp.Matrix:
    """A numerator-layout ``J`` in ``layout``: itself, or its transpose for denominator layout."""
    return J if check_layout(layout) == "numerator" else J.T


def paper_relu_derivative(expr):
    """Use the paper's ReLU convention: the derivative of max(0, z) is 0 at z = 0 (not 1/2).

    sympy writes d/dz max(0, z) as ``Heaviside(z)``, whose value at 0 is 1/2; the paper takes 0.

    >>> z = sp.Symbol("z", real=True)
    >>> paper_relu_derivative(sp.Max(0, z).diff(z)).subs(z, 0)
    0
    """
    return expr.replace(
        lambda e: isinstance(e, sp.Heaviside) and e.args[1] != 0,
        lambda e: sp.Heaviside(e.args[0], 0),
    )


def match_variables(F: sp.Matrix, x: sp.Matrix) -> sp.Matrix:
    """F with each of its symbols named like a variable of x replaced by that variable.

    A variable is matched by the name a learner types (``x1`` is ``x_1``), not by its sympy
    assumptions: ``jacobian("x^2", Symbol("x", real=True))`` differentiates with respect to the
    real x given, not a plain x of the same name that it would hold constant.

    >>> xr = sp.Symbol("x", real=True)
    >>> F, _ = as_functions("x^2 + y")
    >>> match_variables(F, sp.Matrix([xr])).free_symbols == {xr, sp.Symbol("y")}
    True
    """
    wanted = {_typed_name(s): s for s in x}
    same_name = {
        s: wanted[_typed_name(s)]
        for s in F.free_symbols
        if isinstance(s, sp.Symbol) and _typed_name(s) in wanted and s != wanted[_typed_name(s)]
    }
    return F.xreplace(same_name) if same_name else F


def _typed_name(s: sp.Symbol) -> str:
    """The canonical name of a symbol a learner can type (x1 -> x_1), else its own name."""
    try:
        return symbol(s.name).name
    except ValueError:
        return s.name


def _numerator_jacobian(F: sp.Matrix, x: sp.Matrix) -> sp.Matrix:
    """J[i, j] = ∂F_i/∂x_j; non-smooth and hyperbolic functions as functions of real variables."""
    F = match_variables(F, x)
    if not F.has(*_REAL_ONLY):
        return F.jacobian(x)
    symbols = F.free_symbols | x.free_symbols
    real = {s: sp.Symbol(s.name, real=True) for s in symbols if not s.is_real}
    back = {r: s for s, r in real.items()}
    with sp.evaluate(False):  # the same expression in other symbols: nothing to work out again
        F, x = F.xreplace(real), x.xreplace(real)
    J = paper_relu_derivative(F.jacobian(x))
    with sp.evaluate(False):
        return J.xreplace(back)


@within_budget
def jacobian(
    f: FunctionLike, wrt: VariablesLike, layout: Layout = "numerator", vectors=None
) -> sp.Matrix:
    """The Jacobian of f with respect to x.

    Numerator layout (the paper's): ``J[i, j] = ∂f_i/∂x_j``, shape (m, n) for m functions and
    n variables; row i is the gradient of f_i. Denominator layout is the transpose, shape (n, m).

    >>> jacobian("[3*x^2*y, 2*x + y^8]", "x y")
    Matrix([
    [6*x*y, 3*x**2],
    [    2, 8*y**7]])
    >>> jacobian("[3*x^2*y, 2*x + y^8]", "x y", layout="denominator")
    Matrix([
    [ 6*x*y,      2],
    [3*x**2, 8*y**7]])

    ``vectors`` (``{"w": 3, "x": 3}``): f may use the paper's vector notation and wrt may name
    vectors (``"w"``, ``"w b"``), see :mod:`mathkit.vectors`.
    """
    check_layout(layout)
    f, wrt = with_vectors(f, wrt, vectors)  # issue 10 hook
    F, _ = as_functions(f)
    x, _ = as_variables(wrt)
    return in_layout(_numerator_jacobian(F, x), layout)


@within_budget
def gradient(
    f: FunctionLike, wrt: VariablesLike, layout: Layout = "numerator", vectors=None
) -> sp.Matrix:
    """The gradient of a scalar function f: the Jacobian of the one-function vector [f].

    Numerator layout: the row ``[∂f/∂x_1, ..., ∂f/∂x_n]``, shape (1, n).
    Denominator layout: the same partials as a column, shape (n, 1).

    >>> gradient("3x^2 y", "x y")
    Matrix([[6*x*y, 3*x**2]])
    """
    f, wrt = with_vectors(f, wrt, vectors)  # issue 10 hook
    F, is_vector = as_functions(f)
    if is_vector:
        outputs = "1 output in brackets" if F.rows == 1 else f"{F.rows} outputs"
        raise ValueError(
            f"the gradient is defined for a scalar function; this one is a vector ({outputs}), "
            "so its derivative is a Jacobian (one gradient per row)"
        )
    return jacobian(F[0], wrt, layout)


def with_vectors(f: FunctionLike, wrt: VariablesLike, vectors) -> tuple:
    """``(f, wrt)`` with the paper's vector notation read (issue 10): see :mod:`mathkit.vectors`."""
    if vectors is None:
        return f, wrt
    from .vectors import expand

    return expand(f, wrt, vectors)
