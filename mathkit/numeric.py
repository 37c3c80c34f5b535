"""Numbers from symbolic results: values at a point, fields on a grid, a neuron, local linear maps.

The explorers and plots need numbers: a Jacobian evaluated at a point, the gradient of f(x, y)
on a grid, the partial derivatives of a ReLU neuron, the image of a small square under a map and
under its Jacobian. Every function here takes the core's inputs (text, sympy expressions or
matrices; variables as ``"x y"`` or symbols), gets the symbolic result from
:mod:`mathkit.calculus`, and only evaluates it. numpy and sympy only: nothing here draws,
displays or imports a widget.

Compiled (lambdified) expressions are cached, so moving a point re-evaluates without re-compiling.

>>> jacobian_at("[3*x^2*y, 2*x + y^8]", "x y", (1, 2))
array([[  12.,    3.],
       [   2., 1024.]])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from . import neuron
from .calculus import (
    FunctionLike,
    Layout,
    VariablesLike,
    as_functions,
    as_variables,
    check_layout,
    jacobian,
)
from .check import (
    DEFAULT_STEP,
    DEFAULT_TOL,
    JacobianCheck,
    central_differences,
    relative_error,
    require_numerator_shape,
)
from .codegen import compiled
from .corners import CORNER_TOL as _CORNER_TOL
from .corners import corner_nodes as _corner_nodes
from .corners import value_at as _arg_value
from .neuron import formulas
from .text import number, typed

Bounds = tuple[float, float, float, float]
DEFAULT_BOUNDS: Bounds = (-2.0, 2.0, -2.0, 2.0)


class PointError(ValueError):
    """f or its Jacobian has no finite value at the point: outside the domain, or on a corner."""


# ---------------------------------------------------------------------------------------------
# Evaluating symbolic results


def _columns(f: FunctionLike, wrt: VariablesLike) -> tuple[sp.MatrixBase, sp.MatrixBase]:
    """f as an m × 1 column and the variables as an n × 1 column (see :func:`as_functions`).

    Columns given as matrices are used as they are (building a sympy Matrix is not cheap).
    """
    is_column = isinstance(f, sp.MatrixBase) and f.cols == 1
    F = f if is_column else as_functions(f)[0]
    symbols = isinstance(wrt, sp.MatrixBase) and all(isinstance(s, sp.Symbol) for s in wrt)
    return F, wrt if symbols and wrt.cols == 1 else as_variables(wrt)[0]


def _as_real(value, shape: tuple[int, ...]) -> np.ndarray:
    """One lambdified value as a float array of ``shape``: nan where undefined or not real."""
    a = np.asarray(value)
    if np.iscomplexobj(a):
        a = np.where(np.abs(a.imag) <= 1e-12 * np.maximum(1.0, np.abs(a.real)), a.real, np.nan)
    try:
        a = a.astype(float)
    except (TypeError, ValueError):  # an expression numpy could not evaluate
        a = np.full(np.shape(a), np.nan)
    return np.broadcast_to(a, shape)


def evaluate(M, wrt: VariablesLike, *coords) -> np.ndarray:
    """The entries of M (a sympy Matrix or expression) at the given coordinates, as floats.

    ``coords`` holds one number or array per variable (arrays broadcast, e.g. a meshgrid). The
    result has shape ``M.shape + broadcast shape`` for a Matrix and the broadcast shape for an
    expression; nan marks values that are undefined or not real (ln of a negative, 0/0, ...).

    >>> evaluate(sp.Matrix([[sp.Symbol("x") ** 2]]), "x", 3.0)
    array([[9.]])
    >>> evaluate(sp.log(sp.Symbol("x")), "x", np.array([1.0, -1.0]))
    array([ 0., nan])
    """
    x = tuple(as_variables(wrt)[0])
    is_matrix = isinstance(M, sp.MatrixBase)
    exprs = tuple(sp.sympify(e) for e in (M if is_matrix else [M]))
    out = _evaluate(exprs, x, coords)
    return out.reshape(M.shape + out.shape[1:]) if is_matrix else out[0]


def _evaluate(exprs: tuple, x: tuple, coords) -> np.ndarray:
    """The k expressions at the coordinates: a float array of shape (k,) + broadcast shape."""
    if len(coords) != len(x):
        raise ValueError(f"need {len(x)} coordinates (one per variable), not {len(coords)}")
    args = [np.asarray(c, dtype=float) for c in coords]
    shape = np.broadcast(*args).shape if args else ()
    with np.errstate(all="ignore"):
        raw = compiled(exprs, x)(*args)
        return np.stack([_as_real(v, shape) for v in raw]) if raw else np.empty((0,) + shape)


def _at(exprs: tuple, x: tuple, point: Sequence[float]) -> np.ndarray:
    """The k expressions at one point: shape (k,); nan where undefined or not real, inf where
    infinite. A faster path than :func:`_evaluate` for the common case of real numbers."""
    with np.errstate(all="ignore"):
        raw = compiled(exprs, x)(*(np.float64(v) for v in point))
    if all(isinstance(v, (float, int, np.floating, np.integer)) for v in raw):
        return np.array(raw, dtype=float)
    return _evaluate(exprs, x, tuple(point))


def point_text(wrt: VariablesLike, point: Sequence[float]) -> str:
    """``"(x, y) = (1, 2.5)"``: a point with its variables, numbers to 4 significant digits.

    >>> point_text("x y", (1.0, 2.5))
    '(x, y) = (1, 2.5)'
    >>> point_text("x", (0.25,))
    'x = 0.25'
    """
    names = [s.name for s in _columns(0, wrt)[1]]
    values = [number(v) for v in point]
    if len(names) == 1:
        return f"{names[0]} = {values[0]}"
    return f"({', '.join(names)}) = ({', '.join(values)})"


def _plain(expr) -> str:
    """An expression as a learner would type it: ``3*x^2*y``."""
    return typed(expr)


def corner_at(f: FunctionLike, wrt: VariablesLike, point: Sequence[float]) -> str | None:
    """A message if f is not differentiable at the point because of a corner or a jump, else None.

    abs, sign, the step function, max/min (so relu) and floor/ceiling have a corner or a jump where
    their argument is 0 (or where two arguments of max/min tie, or at an integer): no derivative
    there. The paper's convention gives max(0, z) the derivative 0 at z = 0; this function still
    reports that corner, because a finite-difference check would see the average slope 1/2.

    >>> corner_at("abs(x) + y", "x y", (0.0, 1.0))
    'abs(x) has a corner where x = 0, and x = 0 at (x, y) = (0, 1): f is not differentiable there; \
move the point away from it'
    >>> corner_at("abs(x) + y", "x y", (0.5, 1.0)) is None
    True
    """
    F, x = _columns(f, wrt)
    nodes = _corner_nodes(tuple(F))
    if not nodes:
        return None
    at = {s: sp.Float(float(v)) for s, v in zip(x, point, strict=True)}
    where = point_text(x, point)
    for node in nodes:
        message = _corner_message(node, at, where)
        if message:
            return message
    return None


def _corner_message(node, at: dict, where: str) -> str | None:
    """The message for one abs/sign/step/max/min/floor node sitting on its corner, else None."""
    tail = f"at {where}: f is not differentiable there; move the point away from it"
    if isinstance(node, (sp.Max, sp.Min)):
        values = [_arg_value(a, at) for a in node.args]
        if any(v is None for v in values):
            return None
        best = max(values) if isinstance(node, sp.Max) else min(values)
        tied = [a for a, v in zip(node.args, values, strict=True) if abs(v - best) <= _CORNER_TOL]
        if len(tied) < 2 or not any(a.free_symbols & set(at) for a in tied):
            return None
        if isinstance(node, sp.Max) and len(node.args) == 2 and sp.S.Zero in node.args:
            z = _plain(next(a for a in node.args if a != 0))
            return (
                f"relu({z}) = max(0, {z}) has a corner where {z} = 0, and {z} = 0 {tail} "
                "(the paper takes the slope 0 at the corner)"
            )
        name = "max" if isinstance(node, sp.Max) else "min"
        args = ", ".join(_plain(a) for a in node.args)
        terms = " and ".join(_plain(a) for a in tied)
        return f"{name}({args}) has a corner where {terms} are equal, and they are equal {tail}"
    u = node.args[0]
    v = _arg_value(u, at)
    if v is None or not u.free_symbols & set(at):
        return None
    if isinstance(node, (sp.floor, sp.ceiling)):
        if abs(v - round(v)) > 1e-12:
            return None
        return f"{node.func.__name__}({_plain(u)}) jumps where {_plain(u)} is a whole number {tail}"
    if abs(v) > _CORNER_TOL:
        return None
    kind = {sp.Abs: "has a corner", sp.sign: "jumps", sp.Heaviside: "jumps"}[node.func]
    name = {sp.Abs: "abs", sp.sign: "sign", sp.Heaviside: "step"}[node.func]
    return f"{name}({_plain(u)}) {kind} where {_plain(u)} = 0, and {_plain(u)} = 0 {tail}"


def _undefined(value: float) -> str:
    return "infinite" if np.isinf(value) else "undefined (not a real number)"


@dataclass(frozen=True)
class PointValues:
    """f and its Jacobian at a point: ``f`` of shape (m,), ``jacobian`` (m, n), numerator layout."""

    point: tuple[float, ...]
    f: np.ndarray
    jacobian: np.ndarray


def values_at(
    f: FunctionLike, wrt: VariablesLike, point: Sequence[float], J: sp.MatrixBase | None = None
) -> PointValues:
    """f and its numerator-layout Jacobian (``J``, default :func:`mathkit.jacobian`) at the point.

    Raises :class:`PointError`, with a message saying what to try, when the point is on a corner of
    f (see :func:`corner_at`), or f or J is not finite there (outside the domain of ln or sqrt, a
    division by zero, an infinite slope).

    >>> values_at("1/x", "x", (0.0,))
    Traceback (most recent call last):
    ...
    mathkit.numeric.PointError: f is not defined at x = 0: f = 1/x is infinite there; move the \
point into the function's domain
    """
    F, x = _columns(f, wrt)
    J = jacobian(F, x) if J is None else J
    point = tuple(float(v) for v in point)
    if len(point) != x.rows:
        raise ValueError(
            f"the point needs {x.rows} coordinates (one per variable), not {len(point)}"
        )
    both = _at((*F, *J), tuple(x), point)  # one compiled function for f and J
    f_values, j_values = both[: F.rows], both[F.rows :].reshape(J.shape)
    bad = np.flatnonzero(~np.isfinite(f_values))
    if bad.size:
        where = point_text(x, point)
        i = bad[0]
        name = f"f_{i + 1}" if F.rows > 1 else "f"
        raise PointError(
            f"f is not defined at {where}: {name} = {_plain(F[i])} is {_undefined(f_values[i])} "
            "there; move the point into the function's domain"
        )
    corner = corner_at(F, x, point)
    if corner:
        raise PointError(corner)
    bad = np.argwhere(~np.isfinite(j_values))
    if bad.size:
        where = point_text(x, point)
        i, j = bad[0]
        name = f"∂f_{i + 1}/∂{x[j]}" if F.rows > 1 else f"∂f/∂{x[j]}"
        raise PointError(
            f"the derivative is not finite at {where}: {name} = {_plain(J[i, j])} is "
            f"{_undefined(j_values[i, j])} there; move the point"
        )
    return PointValues(point, f_values, j_values)


def jacobian_at(
    f: FunctionLike, wrt: VariablesLike, point: Sequence[float], layout: Layout = "numerator"
) -> np.ndarray:
    """The Jacobian evaluated at the point: shape (m, n) in numerator layout, (n, m) in denominator.

    Raises :class:`PointError` where f is not differentiable (see :func:`values_at`).

    >>> jacobian_at("x^2 + y", "x y", (3, 0), layout="denominator")
    array([[6.],
           [1.]])
    """
    J = values_at(f, wrt, point).jacobian
    return J if check_layout(layout) == "numerator" else J.T


def check_at(
    f: FunctionLike,
    wrt: VariablesLike,
    point: Sequence[float],
    J: sp.MatrixBase | None = None,
    h: float = DEFAULT_STEP,
    tol: float = DEFAULT_TOL,
) -> JacobianCheck:
    """:func:`mathkit.check_jacobian` at one point, reusing the compiled f and J (fast to repeat).

    Column j of the numerical Jacobian is (f(x + h e_j) − f(x − h e_j)) / 2h, as in
    :mod:`mathkit.check`; the error is ``max |analytic − numeric| / max(1, |analytic|)``.

    >>> check_at("[x*y, x + y]", "x y", (1.0, 2.0)).ok
    True
    >>> round(check_at("x^2", "x", (1.0,), J=sp.Matrix([[3 * sp.Symbol("x")]])).max_error, 3)
    0.333
    """
    F, x = _columns(f, wrt)
    J = jacobian(F, x) if J is None else J
    require_numerator_shape(J, F, x)
    p = np.asarray(point, dtype=float)
    exprs, xs, m = (*F, *J), tuple(x), F.rows  # the same compiled function as values_at uses
    analytic = _at(exprs, xs, p)[m:].reshape(J.shape)
    numeric = central_differences(lambda *q: _at(exprs, xs, q)[:m], p, h)
    error = relative_error(analytic, numeric)
    return JacobianCheck(
        ok=bool(error <= tol),
        max_error=float(error),
        points=[tuple(float(v) for v in p)],
        analytic=[analytic],
        numeric=[numeric],
        variables=tuple(s.name for s in x),
        tol=tol,
    )


# ---------------------------------------------------------------------------------------------
# Scalar functions of two variables on a grid


def _two_variables(wrt: VariablesLike) -> sp.Matrix:
    x = as_variables(wrt)[0]
    if x.rows != 2:
        raise ValueError(f"this picture needs exactly 2 variables, such as x y; got {x.rows}")
    return x


def grid(bounds: Bounds = DEFAULT_BOUNDS, n: int = 41) -> tuple[np.ndarray, np.ndarray]:
    """An n × n meshgrid ``(X, Y)`` over ``bounds = (xmin, xmax, ymin, ymax)``; X varies by column.

    >>> X, Y = grid((0, 1, 0, 2), 3)
    >>> X[0].tolist(), Y[:, 0].tolist()
    ([0.0, 0.5, 1.0], [0.0, 1.0, 2.0])
    """
    xmin, xmax, ymin, ymax = bounds
    return np.meshgrid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n))


def _scalar(f: FunctionLike, wrt: VariablesLike) -> tuple[sp.Expr, sp.Matrix]:
    F, is_vector = as_functions(f)
    if is_vector or F.rows != 1:
        raise ValueError(
            "this picture is for a scalar function f(x, y), one expression without brackets; "
            f"this one has {F.rows} output{'s' if F.rows != 1 else ''}"
        )
    return F[0], _two_variables(wrt)


def function_on_grid(
    f: FunctionLike, wrt: VariablesLike, X: np.ndarray, Y: np.ndarray
) -> np.ndarray:
    """Z[i, j] = f(X[i, j], Y[i, j]) for a scalar f of two variables; nan where f is undefined.

    >>> X, Y = grid((0, 1, 0, 1), 2)
    >>> function_on_grid("x + 10*y", "x y", X, Y).tolist()
    [[0.0, 1.0], [10.0, 11.0]]
    """
    expr, x = _scalar(f, wrt)
    return evaluate(expr, x, X, Y)


def gradient_on_grid(
    f: FunctionLike, wrt: VariablesLike, X: np.ndarray, Y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``(U, V) = (∂f/∂x, ∂f/∂y)`` on the grid: the gradient field of a scalar f(x, y).

    >>> X, Y = grid((1, 2, 1, 2), 2)
    >>> U, V = gradient_on_grid("x^2 + 3*y", "x y", X, Y)
    >>> U.tolist(), V.tolist()
    ([[2.0, 4.0], [2.0, 4.0]], [[3.0, 3.0], [3.0, 3.0]])
    """
    expr, x = _scalar(f, wrt)
    G = evaluate(jacobian(expr, x), x, X, Y)  # shape (1, 2) + grid
    return G[0, 0], G[0, 1]


def level_tangent(grad: Sequence[float]) -> np.ndarray | None:
    """The unit tangent to the level curve, (−∂f/∂y, ∂f/∂x) / |∇f|; None where ∇f = 0.

    The tangent t satisfies ∇f · t = 0: the gradient is perpendicular to the level curve.

    >>> level_tangent((3.0, 4.0)).tolist()
    [-0.8, 0.6]
    >>> level_tangent((0.0, 0.0)) is None
    True
    """
    g = np.asarray(grad, dtype=float).ravel()[:2]
    scale = float(np.max(np.abs(g)))
    if not np.isfinite(scale) or scale == 0.0:
        return None
    g = g / scale  # first to order 1, so tiny (subnormal) gradients keep their direction
    return np.array([-g[1], g[0]]) / float(np.hypot(g[0], g[1]))


# ---------------------------------------------------------------------------------------------
# The neuron: activation(x) = max(0, w·x + b)


@dataclass(frozen=True)
class NeuronPoint:
    """A ReLU neuron at one input x, with the paper's partial derivatives.

    ``z = w·x + b``, ``activation = max(0, z)``; ``d_w`` is ∂act/∂w, a 1 × n row (numerator layout:
    0ᵀ if z ≤ 0, else xᵀ) and ``d_b`` is ∂act/∂b (0 if z ≤ 0, else 1).
    """

    w: tuple[float, ...]
    b: float
    x: tuple[float, ...]
    z: float
    activation: float
    d_w: np.ndarray
    d_b: float

    @property
    def active(self) -> bool:
        """True when z > 0 (decided exactly, see :func:`neuron_point`): the ReLU passes z
        through and the gradients are xᵀ and 1; at z = 0 the paper's slope is 0."""
        return self.d_b == 1.0


def neuron_symbols(n: int):
    """``(w, x, b, activation, d_w, d_b)`` for an n-input neuron, symbolically: the formulas of
    :func:`mathkit.neuron.formulas` (activation = max(0, w·x + b); d_w = ∂act/∂w, 1 × n in
    numerator layout; d_b = ∂act/∂b, 1 × 1; both by :func:`mathkit.jacobian`, slope 0 at z = 0).

    >>> w, x, b, act, d_w, d_b = neuron_symbols(2)
    >>> act, d_w.shape, d_b.shape
    (Max(0, b + w_1*x_1 + w_2*x_2), (1, 2), (1, 1))
    """
    f = formulas(n)
    return f.w, f.x, f.b, f.activation, f.d_act_dw, f.d_act_db


def exact_decimal(v: float) -> Fraction:
    """The decimal a float shows (its shortest repr) as an exact rational: 2.55 is 51/20, not
    the binary 2.54999999999999982236431605997495353221893310546875.

    Slider values are decimals; sums of their floats are not exact (−2.55·1.6 + 2.15·2.2 − 0.65
    is 3.3e-16 in floats and 0 in decimals), so a decision such as z > 0 is taken on these.

    >>> exact_decimal(2.55), exact_decimal(-0.65) + exact_decimal(0.65)
    (Fraction(51, 20), Fraction(0, 1))
    """
    return Fraction(repr(float(v)))


def neuron_point(w: Sequence[float], b: float, x: Sequence[float]) -> NeuronPoint:
    """The neuron max(0, w·x + b) and its partials ∂act/∂w, ∂act/∂b at input x.

    z = w·x + b is computed exactly from the decimals given (see :func:`exact_decimal`), and
    active (z > 0) is decided once from it; every output follows that one decision, with the
    paper's convention at z = 0: inactive, slope 0. The symbolic derivative (via
    :func:`neuron_symbols`) is Heaviside(z, 0) · x, the same rule.

    >>> p = neuron_point((2.0, -1.0), 0.5, (1.0, 3.0))
    >>> p.z, p.activation, p.d_w.tolist(), p.d_b
    (-0.5, 0.0, [[0.0, 0.0]], 0.0)
    >>> p = neuron_point((2.0, -1.0), 0.5, (1.0, 1.0))
    >>> p.z, p.activation, p.d_w.tolist(), p.d_b
    (1.5, 1.5, [[1.0, 1.0]], 1.0)
    >>> p = neuron_point((-2.55, 2.15), -0.65, (1.6, 2.2))  # z = 0 exactly
    >>> p.z, p.active, p.d_w.tolist(), p.d_b
    (0.0, False, [[0.0, 0.0]], 0.0)
    """
    w, x = tuple(float(v) for v in w), tuple(float(v) for v in x)
    if len(w) != len(x) or not w:
        raise ValueError(f"w and x need the same length (n ≥ 1), not {len(w)} and {len(x)}")
    exact_w, exact_x = [exact_decimal(v) for v in w], [exact_decimal(v) for v in x]
    exact_b = exact_decimal(b)
    z = sum(wi * xi for wi, xi in zip(exact_w, exact_x, strict=True)) + exact_b
    # The one decision, taken exactly by mathkit.neuron (the paper's slope 0 at z = 0).
    d_w, d_b = neuron.activation_gradient(exact_w, exact_b, exact_x)
    return NeuronPoint(
        w=w,
        b=float(b),
        x=x,
        z=float(z),
        activation=float(neuron.activation(exact_w, exact_b, exact_x)),
        d_w=np.array([[float(v) for v in d_w]], dtype=float),
        d_b=float(d_b),
    )


def neuron_on_grid(w: Sequence[float], b: float, *coords) -> np.ndarray:
    """activation = max(0, w·x + b) for inputs x given as one array per coordinate (broadcast).

    >>> neuron_on_grid((1.0,), -1.0, np.array([0.0, 1.0, 3.0])).tolist()
    [0.0, 0.0, 2.0]
    """
    ws, xs, bs, act, _, _ = neuron_symbols(len(w))
    if len(coords) != len(w):
        raise ValueError(f"need {len(w)} coordinate arrays, one per input, not {len(coords)}")
    return evaluate(act, sp.Matrix([*ws, *xs, bs]), *map(float, w), *coords, float(b))


# ---------------------------------------------------------------------------------------------
# A map from the plane to the plane: in mathkit.planemap (still reachable as numeric.<name>)

_PLANEMAP = {
    "square",
    "grid_lines",
    "apply_map",
    "linear_map",
    "linearization_gap",
    "gap_shrinkage",
    "GapShrinkage",
    "MATRICES",
}


def __getattr__(name: str):
    if name in _PLANEMAP:
        from . import planemap

        return getattr(planemap, name)
    raise AttributeError(f"module 'mathkit.numeric' has no attribute {name!r}")
