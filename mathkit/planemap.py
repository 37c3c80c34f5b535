"""A map F from the plane to the plane and its best local linear map q ↦ F(p) + J(p)(q − p).

The pictures of the linearization explorer in numbers: a small square around p, a grid, their
images under F and under the linear map, and the largest gap between the two, which shrinks like
the square's side squared with the right matrix J (numerator layout: row i is ∇F_i) and only
like the side with Jᵀ in its place (unless J is symmetric). numpy and sympy only.

>>> round(linearization_gap("[x^2, y]", "x y", (1.0, 0.0), 0.2), 6)
0.01
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp

from .calculus import FunctionLike, VariablesLike
from .numeric import DEFAULT_BOUNDS, Bounds, _columns, evaluate, values_at


def _plane_map(F: FunctionLike, wrt: VariablesLike) -> tuple[sp.Matrix, sp.Matrix]:
    Fc, x = _columns(F, wrt)
    if Fc.rows != 2 or x.rows != 2:
        raise ValueError(
            "the linearization picture needs a map from 2 variables to 2 functions, "
            f"such as [x + sin(y), y + sin(x)]; this one has {Fc.rows} function"
            f"{'s' if Fc.rows != 1 else ''} of {x.rows} variable{'s' if x.rows != 1 else ''}"
        )
    return Fc, x


def square(point: Sequence[float], size: float, samples: int = 16) -> np.ndarray:
    """The boundary of the square of side ``size`` centred at point: a closed 2 × k polyline.

    >>> square((0, 0), 2, samples=1).tolist()
    [[-1.0, 1.0, 1.0, -1.0, -1.0], [-1.0, -1.0, 1.0, 1.0, -1.0]]
    """
    px, py = (float(v) for v in point)
    half = size / 2
    corners = np.array([[-1, 1, 1, -1, -1], [-1, -1, 1, 1, -1]], dtype=float) * half
    t = np.linspace(0, 1, samples, endpoint=False)
    sides = [corners[:, [k]] + (corners[:, [k + 1]] - corners[:, [k]]) * t for k in range(4)]
    return np.hstack([*sides, corners[:, [0]]]) + np.array([[px], [py]])


def grid_lines(
    bounds: Bounds = DEFAULT_BOUNDS, lines: int = 9, samples: int = 40
) -> list[np.ndarray]:
    """``lines`` vertical, then ``lines`` horizontal lines across ``bounds``: 2 × samples arrays.

    >>> [a.shape for a in grid_lines((0, 1, 0, 1), lines=2, samples=5)]
    [(2, 5), (2, 5), (2, 5), (2, 5)]
    """
    xmin, xmax, ymin, ymax = bounds
    s = np.linspace(0, 1, samples)
    out = []
    for c in np.linspace(xmin, xmax, lines):
        out.append(np.vstack([np.full_like(s, c), ymin + (ymax - ymin) * s]))
    for c in np.linspace(ymin, ymax, lines):
        out.append(np.vstack([xmin + (xmax - xmin) * s, np.full_like(s, c)]))
    return out


def apply_map(F: FunctionLike, wrt: VariablesLike, points: np.ndarray) -> np.ndarray:
    """F applied to each column of a 2 × k array of points: the 2 × k array of images.

    >>> apply_map("[x + y, x*y]", "x y", np.array([[1.0, 2.0], [3.0, 4.0]])).tolist()
    [[4.0, 6.0], [3.0, 8.0]]
    """
    Fc, x = _plane_map(F, wrt)
    pts = np.asarray(points, dtype=float)
    return evaluate(Fc, x, pts[0], pts[1])[:, 0, :]


Matrix = str  # "jacobian" (the right matrix, J) or "transpose" (Jᵀ in J's place)
MATRICES = ("jacobian", "transpose")


def _local_matrix(J: np.ndarray, matrix: Matrix) -> np.ndarray:
    if matrix not in MATRICES:
        raise ValueError(f'matrix must be "jacobian" or "transpose", not {matrix!r}')
    return J if matrix == "jacobian" else J.T


def linear_map(
    F: FunctionLike,
    wrt: VariablesLike,
    point: Sequence[float],
    points: np.ndarray,
    matrix: Matrix = "jacobian",
) -> np.ndarray:
    """The best local linear map at p applied to points q: F(p) + J(p) (q − p), a 2 × k array.

    J(p) is the numerator-layout Jacobian at p (2 × 2): row i is the gradient of F_i, so that
    J (q − p) stacks the dot products ∇F_i · (q − p). ``matrix="transpose"`` puts J(p)ᵀ (the
    denominator-layout matrix) in its place instead, to show that it is the wrong map unless J
    is symmetric. Raises :class:`PointError` where F is not differentiable.

    >>> linear_map("[x^2, y]", "x y", (1.0, 0.0), np.array([[1.5], [2.0]])).tolist()
    [[2.0], [2.0]]
    >>> linear_map("[x*y, y]", "x y", (1.0, 1.0), np.array([[1.0], [2.0]]), "transpose").tolist()
    [[1.0], [2.0]]
    """
    Fc, x = _plane_map(F, wrt)
    v = values_at(Fc, x, point)
    p = np.asarray(point, dtype=float).reshape(2, 1)
    M = _local_matrix(v.jacobian, matrix)
    return v.f.reshape(2, 1) + M @ (np.asarray(points, dtype=float) - p)


def linearization_gap(
    F: FunctionLike,
    wrt: VariablesLike,
    point: Sequence[float],
    size: float,
    matrix: Matrix = "jacobian",
) -> float:
    """The largest distance between the images of the square's boundary under F and under the
    linear map (:func:`linear_map` with ``matrix``).

    With J, for a differentiable F, this shrinks like size² as the square shrinks: the Jacobian is
    the best local linear map. With Jᵀ in J's place (J not symmetric) the gap keeps a part
    (J − Jᵀ)(q − p) that shrinks only like size.

    >>> linearization_gap("[2*x + y, x - y]", "x y", (0.3, 0.1), 0.5) < 1e-12
    True
    >>> g1 = linearization_gap("[x^2, y]", "x y", (1.0, 0.0), 0.2)
    >>> g2 = linearization_gap("[x^2, y]", "x y", (1.0, 0.0), 0.1)
    >>> round(g1 / g2, 3)
    4.0
    """
    edge = square(point, size)
    curved = apply_map(F, wrt, edge)
    straight = linear_map(F, wrt, point, edge, matrix)
    return float(np.max(np.hypot(*(curved - straight))))


@dataclass(frozen=True)
class GapShrinkage:
    """How the linearization gap shrinks when the square's side is halved: ``gap`` at ``size``,
    ``half_gap`` at size / 2 and their ``ratio`` (≈ 4: quadratic, ≈ 2: only linear);
    ``symmetric`` says whether J(p) = J(p)ᵀ (then the transpose is no different)."""

    matrix: str
    size: float
    gap: float
    half_gap: float
    symmetric: bool

    @property
    def ratio(self) -> float:
        """gap / half_gap; inf when the half gap is 0 (F linear); nan when both are 0."""
        if self.half_gap == 0:
            return float("nan") if self.gap == 0 else float("inf")
        return self.gap / self.half_gap


def gap_shrinkage(
    F: FunctionLike,
    wrt: VariablesLike,
    point: Sequence[float],
    size: float,
    matrix: Matrix = "jacobian",
) -> GapShrinkage:
    """The gap of :func:`linearization_gap` at ``size`` and at ``size / 2``.

    >>> s = gap_shrinkage("[x + y^2, x^2 - y]", "x y", (1.0, 0.5), 0.2, "transpose")
    >>> s.symmetric, 1.8 < s.ratio < 2.2
    (False, True)
    >>> round(gap_shrinkage("[x + y^2, x^2 - y]", "x y", (1.0, 0.5), 0.2).ratio, 3)
    4.0
    """
    Fc, x = _plane_map(F, wrt)
    J = values_at(Fc, x, point).jacobian
    symmetric = bool(np.allclose(J, J.T, rtol=1e-9, atol=1e-12))
    return GapShrinkage(
        matrix=matrix,
        size=float(size),
        gap=linearization_gap(Fc, x, point, size, matrix),
        half_gap=linearization_gap(Fc, x, point, size / 2, matrix),
        symmetric=symmetric,
    )
