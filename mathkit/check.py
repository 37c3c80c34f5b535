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
            f"{len(self.points)} points, numerator layout)"
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
    rng = np.random.default_rng(seed)
    mixed = rng.uniform(-2, 2, size=(4 * count, n))
    positive = rng.uniform(0.1, 2, size=(4 * count, n))
    return np.round(np.vstack([mixed, positive]), 2)


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
    inside their domain).

    >>> check_jacobian("x^2", "x", J=sp.Matrix([[3*sp.Symbol("x")]])).ok
    False
    """
    F, _ = as_functions(f)
    x, _ = as_variables(wrt)
    J = jacobian(F, x) if J is None else sp.Matrix(J)
    require_numerator_shape(J, F, x)
    constants = _constant_values(F, J, x, seed)
    F, J = F.subs(constants), J.subs(constants)
    fn = sp.lambdify(list(x), F, modules="numpy")
    jn = sp.lambdify(list(x), J, modules="numpy")
    chosen = _candidate_points(x.rows, n_points, seed) if points is None else points
    wanted = n_points if points is None else len(chosen)
    rows = _compare(fn, jn, np.atleast_2d(np.asarray(chosen, dtype=float)), h, wanted)
    if not rows:
        raise ValueError("could not find a point where the function and its Jacobian are finite")
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


def _constant_values(F: sp.Matrix, J: sp.Matrix, x: sp.Matrix, seed: int) -> dict:
    """A random value (two decimals, in [0.5, 2]) for every symbol of F or J that is not in x."""
    others = sorted((F.free_symbols | J.free_symbols) - set(x), key=sp.default_sort_key)
    values = np.round(np.random.default_rng(seed + 1).uniform(0.5, 2, size=len(others)), 2)
    return {s: sp.Float(v, 3) for s, v in zip(others, values, strict=True)}


def _compare(fn, jn, points: np.ndarray, h: float, wanted: int):
    """(point, analytic, numeric) for the first ``wanted`` points where everything is finite."""
    rows = []
    with np.errstate(all="ignore"):
        for point in points:
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
