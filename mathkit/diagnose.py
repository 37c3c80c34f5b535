"""Equivalence of two answers: symbolic, with a numeric fallback (and the sample points).

Two expressions are :func:`equivalent` when ``simplify`` of their difference is 0, or, when
simplify cannot decide (Max, Heaviside), when they agree at several random points; never by
comparing strings. Learner-facing text now lives in :mod:`mathkit.text` and the diagnosis of
mistakes in :mod:`mathkit.mistakes`.

>>> x, y = sp.symbols("x y")
>>> equivalent(sp.sin(x)**2 + sp.cos(x)**2, 1, [x])
True
"""

from __future__ import annotations

import cmath

import numpy as np
import sympy as sp

from .calculus import as_variables

# ---------------------------------------------------------------------------------------------
# Equivalence: symbolic, with a numeric fallback

_SEED = 1802_01528
_TOL = 1e-9


def _sample_points(symbols: list[sp.Symbol], count: int, seed: int) -> list[dict]:
    """``count`` points: half in [-2, 2]^n, half in (0.1, 2]^n (inside the domain of ln, sqrt)."""
    rng = np.random.default_rng(seed)
    half = max(1, count // 2)
    values = np.vstack(
        [
            rng.uniform(-2, 2, (count - half, len(symbols))),
            rng.uniform(0.1, 2, (half, len(symbols))),
        ]
    )
    return [
        {s: sp.Float(float(v), 15) for s, v in zip(symbols, row, strict=True)} for row in values
    ]


def _value(expr: sp.Expr, point: dict) -> complex | None:
    """expr at the point as a complex number, or None where it is undefined or not finite."""
    try:
        v = complex(expr.xreplace(point).evalf(15))
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError):
        return None
    return v if cmath.isfinite(v) else None


def _close(a: complex, b: complex) -> bool:
    return abs(a - b) <= _TOL * max(1.0, abs(a), abs(b))


def _numeric_verdict(a: sp.Expr, b: sp.Expr, points: list[dict]) -> bool | None:
    """False if a and b differ at some point, True if they agree at 3 or more, else None."""
    agree = 0
    for point in points:
        va, vb = _value(a, point), _value(b, point)
        if va is None or vb is None:
            continue
        if not _close(va, vb):
            return False
        agree += 1
    return True if agree >= 3 else None


def _simplifies_to_zero(diff: sp.Expr) -> bool:
    """simplify(diff) == 0, with the symbols taken as real (so Abs, Max and Heaviside simplify)."""
    if sp.count_ops(diff) > 400:  # too big to simplify in a moment: leave it to the numbers
        return False
    real = {s: sp.Symbol(s.name, real=True) for s in diff.free_symbols}
    try:
        return sp.simplify(diff.xreplace(real)) == 0
    except Exception:  # sympy gave up on an odd expression: simplify cannot decide
        return False


def equivalent(a, b, variables=(), *, points: int = 10, seed: int = _SEED) -> bool:
    """Whether two scalar expressions are equal as functions: never a comparison of strings.

    1. At ``points`` random real points (half of them positive): a point where both are defined
       and they differ (relative tolerance 1e-9) settles "no".
    2. Otherwise ``simplify(a − b) == 0`` (symbols taken as real) settles "yes".
    3. If simplify cannot decide (Heaviside, Max, Piecewise), agreement at every point where both
       are defined, at least 3 of them, counts as "yes": the numeric fallback.

    ``variables`` (text or symbols) are sampled too, even if neither expression contains them.

    >>> x, z = sp.symbols("x z")
    >>> equivalent(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1), equivalent(6 * x, 6 * x + 1e-3)
    (True, False)
    >>> equivalent(sp.Max(0, z), z * sp.Heaviside(z))  # simplify leaves this; the numbers agree
    True
    """
    a, b = sp.sympify(a, strict=True), sp.sympify(b, strict=True)
    diff = a - b
    if diff == 0:
        return True
    extra = list(as_variables(variables)[0]) if variables not in ((), "", None) else []
    symbols = sorted(diff.free_symbols | set(extra), key=sp.default_sort_key)
    verdict = _numeric_verdict(a, b, _sample_points(symbols, points, seed))
    if verdict is False:
        return False
    return _simplifies_to_zero(diff) or verdict is True


class _Fingerprints:
    """Values of expressions at a fixed set of random points, to match entries quickly.

    The diagnosis compares many pairs (every answer entry with every expected entry, negated,
    scaled, ...): it uses these values only. Whether the answer is right uses :func:`equivalent`.
    """

    def __init__(self, symbols, count: int = 6, seed: int = _SEED + 1):
        self.points = _sample_points(sorted(symbols, key=sp.default_sort_key), count, seed)
        self._cache: dict = {}

    def __call__(self, expr) -> tuple:
        expr = sp.sympify(expr, strict=True)
        if expr not in self._cache:
            self._cache[expr] = tuple(_value(expr, p) for p in self.points)
        return self._cache[expr]

    def _pairs(self, a, b) -> list[tuple[complex, complex]]:
        """The values of a and b at the points where both are defined."""
        both = zip(self(a), self(b), strict=True)
        return [(u, v) for u, v in both if u is not None and v is not None]

    def same(self, a, b) -> bool:
        pairs = self._pairs(a, b)
        return len(pairs) >= 2 and all(_close(u, v) for u, v in pairs)

    def ratio(self, a, b) -> sp.Expr | None:
        """The constant c with a = c·b (b not identically 0), as a simple number, else None."""
        pairs = [(u, v) for u, v in self._pairs(a, b) if abs(v) > 1e-12]
        if len(pairs) < 2:
            return None
        c = pairs[0][0] / pairs[0][1]
        if not all(_close(u, c * v) for u, v in pairs) or abs(c.imag) > 1e-9:
            return None
        return sp.nsimplify(round(c.real, 9), rational=True)

    def matrices_same(self, A: sp.Matrix, B: sp.Matrix) -> bool:
        return A.shape == B.shape and all(self.same(a, b) for a, b in zip(A, B, strict=True))
