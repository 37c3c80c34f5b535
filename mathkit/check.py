"""Numerical verification of a Jacobian by central finite differences.

For each point x and each variable j, the numerical column is

    (f(x + h e_j) − f(x − h e_j)) / (2h)        error O(h²)

and the check passes when every entry agrees with the analytic Jacobian within ``tol``, measured as
``|analytic − numeric| / max(1, |analytic|)`` (absolute near zero, relative for large entries).

>>> result = check_jacobian("[3*x^2*y, 2*x + y^8]", "x y")
>>> result.ok, result.max_error < 1e-6, len(result.points)
(True, True, 3)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .budget import within_budget
from .calculus import FunctionLike, VariablesLike, as_functions, as_variables, jacobian
from .corners import CORNER_TOL, corner_nodes
from .samples import box_points
from .text import wrapped_text_html

DEFAULT_STEP = 1e-6
DEFAULT_TOL = 1e-5


@dataclass(frozen=True)
class JacobianCheck:
    """What :func:`check_jacobian` found: numerator-layout values at each point, side by side."""

    ok: bool
    max_error: float
    points: list[tuple[float, ...]]
    analytic: list[np.ndarray] = field(repr=False)
    numeric: list[np.ndarray] = field(repr=False)
    variables: tuple[str, ...] = ()
    tol: float = DEFAULT_TOL
    constants: dict[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        verdict = "✓ agrees" if self.ok else "✗ disagrees"
        lines = [
            f"JacobianCheck({verdict}: max error {self.max_error:.1e}, tolerance {self.tol:.0e}, "
            f"{len(self.points)} point{'' if len(self.points) == 1 else 's'}, numerator layout)"
        ]
        if self.constants:
            held = ", ".join(f"{name}={value:.3g}" for name, value in self.constants.items())
            lines.append(f"  other symbols held constant: {held}")
        for point, a, n in zip(self.points, self.analytic, self.numeric, strict=True):
            at = ", ".join(f"{v}={p:.3g}" for v, p in zip(self.variables, point, strict=True))
            lines.append(f"  at {at}:")
            lines.append(f"    analytic {_fmt(a)}")
            lines.append(f"    numeric  {_fmt(n)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return wrapped_text_html(repr(self))


def _fmt(a: np.ndarray) -> str:
    return np.array2string(a, precision=5, suppress_small=True, separator=", ").replace("\n", "")


def central_differences(fn, point: np.ndarray, h: float = DEFAULT_STEP) -> np.ndarray:
    """Central differences: column j is (f(x + h e_j) − f(x − h e_j)) / 2h; shape (m, n).

    >>> central_differences(lambda x, y: np.array([x * y]), np.array([1.0, 2.0])).round(6)
    array([[2., 1.]])
    """
    columns = []
    for j in range(point.size):
        step = np.zeros_like(point)
        step[j] = h
        columns.append((fn(*(point + step)) - fn(*(point - step))) / (2 * h))
    return np.hstack([np.asarray(c, dtype=float).reshape(-1, 1) for c in columns])


def require_numerator_shape(J: sp.MatrixBase, F: sp.MatrixBase, x: sp.MatrixBase) -> None:
    """Raise ValueError unless J is m × n (numerator layout) for m functions F and n variables x."""
    if J.shape != (F.rows, x.rows):
        raise ValueError(
            f"J must be {F.rows} × {x.rows} (numerator layout), not {J.rows} × {J.cols}"
        )


def _candidate_points(n: int, count: int, seed: int) -> np.ndarray:
    """Random points (two decimals) in [-2, 2]^n, then in [0.1, 2]^n for ln, sqrt and the like."""
    rows = box_points(n, mixed=4 * count, positive=4 * count, seed=seed, decimals=2)
    return np.array(rows, dtype=float).reshape(len(rows), n)


def same_name_symbols(F: sp.Matrix, J: sp.Matrix, x: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    """F and J with every symbol named like a variable replaced by that variable.

    ``Symbol("x", real=True)`` and a plain ``x`` (from text) print alike, and a learner means one
    variable by them: the check differentiates in it instead of holding one of them "constant".
    Raises ValueError if two different variables share a name.
    """
    names = {}
    for v in x:
        if names.setdefault(v.name, v) != v:
            raise ValueError(f"two different variables are both named {v.name}: rename one")
    renamed = {
        s: names[s.name] for s in F.free_symbols | J.free_symbols if s.name in names and s not in x
    }
    return F.xreplace(renamed), J.xreplace(renamed)


@within_budget
def check_jacobian(
    f: FunctionLike,
    wrt: VariablesLike,
    J: sp.MatrixBase | None = None,
    points=None,
    tol: float = DEFAULT_TOL,
    n_points: int = 3,
    h: float = DEFAULT_STEP,
    seed: int = 0,
) -> JacobianCheck:
    """Compare a numerator-layout Jacobian with central finite differences at several points.

    ``J`` defaults to :func:`mathkit.jacobian` of f; pass your own (m × n, numerator layout) to
    check it. ``points`` is a list of points (each a sequence of n numbers); by default
    ``n_points`` random points where f and J are finite (so ln, sqrt and division are checked
    inside their domain) and off every corner of abs, max/min (relu), sign and the step: a
    point whose finite-difference stencil (the point ± h in each variable) touches a corner is
    never used, and a given one raises ValueError. A variable given as a Symbol with assumptions
    (``Symbol("x", real=True)``) is the same variable as a plain x in f or J. Answers within
    :data:`mathkit.budget.DEFAULT_BUDGET` (else :class:`mathkit.budget.TooSlow`, a ValueError).

    >>> check_jacobian("x^2", "x", J=sp.Matrix([[3*sp.Symbol("x")]])).ok
    False
    """
    F, _ = as_functions(f)
    x, _ = as_variables(wrt)
    F, J = same_name_symbols(F, sp.zeros(0, 0) if J is None else sp.Matrix(J), x)
    J = jacobian(F, x) if J.shape == (0, 0) else J
    require_numerator_shape(J, F, x)
    constants = _constant_values(F, J, x, seed)
    F, J = _as_floats(_without_constant_terms(F.subs(constants))), _as_floats(J.subs(constants))
    fn = sp.lambdify(list(x), F, modules="numpy")
    jn = sp.lambdify(list(x), J, modules="numpy")
    corners = _CornerTest(corner_nodes(tuple(F)) + corner_nodes(tuple(J)), x)  # f's first
    if points is None:
        chosen = _candidate_points(x.rows, n_points, seed)
    else:
        chosen = np.atleast_2d(np.asarray(points, dtype=float))
        _refuse_corners(corners, x, chosen, h)
    wanted = n_points if points is None else len(chosen)
    rows = _compare(fn, jn, chosen, h, wanted, corners)
    if not rows:
        raise ValueError(
            "could not find a point where the function and its Jacobian are finite"
            + (" and smooth (off every corner)" if corners.nodes else "")
        )
    errors = [relative_error(a, n) for _, a, n in rows]
    max_error = max(errors)
    return JacobianCheck(
        ok=bool(max_error <= tol),
        max_error=float(max_error),
        points=[tuple(float(v) for v in p) for p, _, _ in rows],
        analytic=[a for _, a, _ in rows],
        numeric=[n for _, _, n in rows],
        variables=tuple(str(s) for s in x),
        tol=tol,
        constants={str(s): float(v) for s, v in constants.items()},
    )


class _CornerTest:
    """Whether a corner of f or J lies on or within the finite-difference stencil of a point.

    The stencil is the point and the point ± h·e_j: if a corner (or a jump) of abs, sign, the step,
    max/min (so relu) or floor/ceiling lies on or between them, the central difference straddles
    it and sees an average of two slopes, not the slope. The pieces of every corner node are
    compared across the stencil with numpy (one compiled function for all their arguments).
    """

    def __init__(self, nodes: tuple, x: sp.Matrix):
        self.nodes = nodes
        self._args = [
            node.args if isinstance(node, (sp.Max, sp.Min)) else node.args[:1] for node in nodes
        ]
        flat = [a for args in self._args for a in args]
        self._fn = sp.lambdify(list(x), flat, modules="numpy") if flat else None

    def node_near(self, point: np.ndarray, h: float) -> sp.Expr | None:
        """The first corner node whose piece changes within the stencil (or is on a corner)."""
        if self._fn is None:
            return None
        steps = [side * h * e for e in np.eye(point.size) for side in (1, -1)]
        stencil = np.array([point, *(point + step for step in steps)])
        with np.errstate(all="ignore"):
            values = [np.broadcast_to(np.asarray(v), len(stencil)) for v in self._fn(*stencil.T)]
        if not all(np.all(np.isfinite(v)) and not np.iscomplexobj(v) for v in values):
            return None  # not a real number there: _compare leaves the point out anyway
        start = 0
        for node, args in zip(self.nodes, self._args, strict=True):
            block = np.array(values[start : start + len(args)], dtype=float)
            start += len(args)
            if not _one_piece(node, block):
                return node
        return None


def _one_piece(node: sp.Expr, block: np.ndarray) -> bool:
    """True if the node is on one smooth piece, off its corners, at every stencil column."""
    if isinstance(node, (sp.Max, sp.Min)):
        best = block.max(axis=0) if isinstance(node, sp.Max) else block.min(axis=0)
        close = np.abs(block - best) <= CORNER_TOL * np.maximum(1, np.abs(best))
        picked = np.argmax(close, axis=0)
        return bool(np.all(close.sum(axis=0) == 1) and np.all(picked == picked[0]))
    u = block[0]
    if isinstance(node, (sp.floor, sp.ceiling)):
        whole = np.abs(u - np.round(u)) <= CORNER_TOL * np.maximum(1, np.abs(u))
        return bool(not whole.any() and np.all(np.floor(u) == np.floor(u[0])))
    return bool(np.all(np.abs(u) > CORNER_TOL) and np.all((u > 0) == (u[0] > 0)))


def _refuse_corners(test: _CornerTest, x: sp.Matrix, points: np.ndarray, h: float) -> None:
    """Raise ValueError naming the corner if a given point is on (or within h of) a corner."""
    for point in points:
        node = test.node_near(point, h)
        if node is not None:
            at = ", ".join(f"{s} = {v:g}" for s, v in zip(x, point, strict=True))
            raise ValueError(
                f"{sp.sstr(node)} has a corner at {at} (or within {h:g} of it): no derivative "
                "there to check; pick a point away from it"
            )


def _constant_values(F: sp.Matrix, J: sp.Matrix, x: sp.Matrix, seed: int) -> dict:
    """A random value (two decimals, in [0.5, 2]) for every symbol of F or J that is not in x."""
    others = sorted((F.free_symbols | J.free_symbols) - set(x), key=sp.default_sort_key)
    values = np.round(np.random.default_rng(seed + 1).uniform(0.5, 2, size=len(others)), 2)
    return {s: sp.Float(v, 3) for s, v in zip(others, values, strict=True)}


def _without_constant_terms(F: sp.Matrix) -> sp.Matrix:
    """F without the terms of each sum that hold no variable: they do not change its slope, and
    a large one (``x + 9^70``) would swallow the finite differences' steps in float rounding.

    >>> x = sp.Symbol("x")
    >>> _without_constant_terms(sp.Matrix([x + 9**70, sp.sin(x) - 2]))
    Matrix([
    [     x],
    [sin(x)]])
    """
    return F.applyfunc(
        lambda f: sp.Add(*(t for t in sp.Add.make_args(f) if t.free_symbols)) if f.is_Add else f
    )


_FLOAT_EXACT = 2**53  # whole numbers beyond this are not exact as float64


def _as_floats(M: sp.Matrix) -> sp.Matrix:
    """M with every number numpy cannot take exactly as a float: a function of a huge whole
    number (``cos(9^80)``, which numpy refuses as an int) by its value, worked out by sympy, and a
    remaining huge whole number by the nearest float.

    >>> _as_floats(sp.Matrix([sp.Max(sp.sin(9**80), sp.cos(9**80), evaluate=False)]))[0].is_Float
    True
    """

    def huge(e: sp.Basic) -> bool:
        return any(abs(i) > _FLOAT_EXACT for i in e.atoms(sp.Integer))

    if not huge(M):
        return M
    M = M.replace(
        lambda e: isinstance(e, sp.Function) and not e.free_symbols and huge(e),
        lambda e: e.evalf(17),
    )
    return M.xreplace({i: sp.Float(i, 17) for i in M.atoms(sp.Integer) if abs(i) > _FLOAT_EXACT})


def _compare(fn, jn, points: np.ndarray, h: float, wanted: int, corners: _CornerTest):
    """(point, analytic, numeric) for the first ``wanted`` points off every corner where
    everything is finite."""
    rows = []
    with np.errstate(all="ignore"):
        for point in points:
            if corners.node_near(point, h) is not None:
                continue
            analytic = np.asarray(jn(*point), dtype=float)
            numeric = central_differences(fn, point, h)
            if np.all(np.isfinite(analytic)) and np.all(np.isfinite(numeric)):
                rows.append((point, analytic, numeric))
            if len(rows) == wanted:
                break
    return rows


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """max |analytic − numeric| / max(1, |analytic|): absolute near zero, relative when large."""
    return float(np.max(np.abs(analytic - numeric) / np.maximum(1.0, np.abs(analytic))))
