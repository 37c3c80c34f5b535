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

from .parse import parse, parse_variables

Layout = Literal["numerator", "denominator"]
LAYOUTS: tuple[str, ...] = ("numerator", "denominator")
FunctionLike = str | sp.Expr | sp.MatrixBase | Iterable
VariablesLike = str | sp.Symbol | sp.MatrixBase | Iterable

# Non-smooth functions whose derivatives sympy only simplifies for real arguments.
_NON_SMOOTH = (sp.Abs, sp.Max, sp.Min, sp.sign)


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
    (``"x y"`` or ``"x, y"``), a list or a Matrix of Symbols is a vector variable.

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
        is_vector = not isinstance(wrt, str) or len(symbols) > 1
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


def _numerator_jacobian(F: sp.Matrix, x: sp.Matrix) -> sp.Matrix:
    """J[i, j] = ∂F_i/∂x_j, differentiating non-smooth functions as functions of real variables."""
    if not F.has(*_NON_SMOOTH):
        return F.jacobian(x)
    real = {s: sp.Symbol(s.name, real=True) for s in F.free_symbols | x.free_symbols}
    back = {r: s for s, r in real.items()}
    J = F.xreplace(real).jacobian(x.xreplace(real))
    return paper_relu_derivative(J).xreplace(back)


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
        raise ValueError(
            f"the gradient is defined for a scalar function; this one has {F.rows} outputs, "
            "so you want its Jacobian: use jacobian(f, wrt)"
        )
    return jacobian(F[0], wrt, layout)


def with_vectors(f: FunctionLike, wrt: VariablesLike, vectors) -> tuple:
    """``(f, wrt)`` with the paper's vector notation read (issue 10): see :mod:`mathkit.vectors`."""
    if vectors is None:
        return f, wrt
    from .vectors import expand

    return expand(f, wrt, vectors)
