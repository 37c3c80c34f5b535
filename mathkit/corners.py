"""Corners and jumps: where abs, sign, the step, max/min (so relu) and floor/ceiling break.

A *corner node* is a subexpression built with one of :data:`CORNER_FUNCTIONS`. Its *corner
arguments* are the smooth expressions whose zeros are its corners: the argument u of abs(u),
sign(u) and step(u), and the difference a − b of every pair of arguments of max/min (relu(z) =
max(0, z) has the corner z = 0). Between the corners each node is one smooth piece, its
:func:`branch`: what finite differences and piecewise comparisons need to know.

>>> x, y = sp.symbols("x y", real=True)
>>> corner_nodes((sp.Max(0, x - 2) + sp.Abs(y),))
(Abs(y), Max(0, x - 2))
>>> corner_arguments(sp.Max(0, x - 2)), zeros(x - 2, x)
([2 - x], [2])
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

import sympy as sp

#: Functions with a corner or a jump: not differentiable where their argument hits the corner.
CORNER_FUNCTIONS = (sp.Abs, sp.sign, sp.Heaviside, sp.Max, sp.Min, sp.floor, sp.ceiling)
CORNER_TOL = 1e-12
_MAX_DEGREE = 8  # real roots of numeric polynomial corner arguments up to this degree


@lru_cache(maxsize=256)
def corner_nodes(exprs: tuple) -> tuple:
    """The abs/sign/step/max/min/floor/ceiling subexpressions of exprs, in a fixed order."""
    nodes = (
        set().union(*(sp.sympify(e).atoms(*CORNER_FUNCTIONS) for e in exprs)) if exprs else set()
    )
    return tuple(sorted(nodes, key=sp.default_sort_key))


def corner_arguments(node: sp.Expr) -> list[sp.Expr]:
    """The expressions that are 0 at the node's corners (none for floor and ceiling)."""
    return list(_corner_arguments(node))


def _corner_arguments(node: sp.Expr) -> Iterator[sp.Expr]:
    if isinstance(node, (sp.Max, sp.Min)):
        return (a - b for a, b in combinations(node.args, 2))
    if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
        return iter([node.args[0]])
    return iter([])


@lru_cache(maxsize=256)
def all_corner_arguments(exprs: tuple, limit: int = 24) -> tuple[tuple, bool]:
    """The corner arguments of every corner node of exprs (at most ``limit``), and whether all.

    >>> x = sp.Symbol("x")
    >>> all_corner_arguments((sp.Max(0, x - 1) + sp.Abs(x),))
    ((x, 1 - x), True)
    """
    found: dict = {}
    for node in corner_nodes(exprs):
        for u in _corner_arguments(node):
            found.setdefault(u, None)
            if len(found) > limit:
                return tuple(found)[:limit], False
    return tuple(found), True


def value_at(expr, at: dict) -> float | None:
    """expr at the point as a float; None when it has no real value there."""
    try:
        return float(sp.sympify(expr).xreplace(at).evalf())
    except (TypeError, ValueError, ArithmeticError):
        return None


def branch(node: sp.Expr, at: dict):
    """Which smooth piece of the node is active at the point: a hashable label, None on a corner.

    max/min: the index of the largest/smallest argument; abs, sign, step: the sign of the argument;
    floor, ceiling: the whole number below. None on a corner (a tie, a zero, a whole number) or
    where the node has no real value.
    """
    several = isinstance(node, (sp.Max, sp.Min))
    values = [value_at(a, at) for a in (node.args if several else node.args[:1])]
    if not values or any(v is None for v in values):
        return None
    if isinstance(node, (sp.Max, sp.Min)):
        best = max(values) if isinstance(node, sp.Max) else min(values)
        tied = [k for k, v in enumerate(values) if abs(v - best) <= CORNER_TOL * max(1, abs(v))]
        return tied[0] if len(tied) == 1 else None
    (u,) = values
    if isinstance(node, (sp.floor, sp.ceiling)):
        return None if abs(u - round(u)) <= CORNER_TOL * max(1, abs(u)) else int(u // 1)
    return None if abs(u) <= CORNER_TOL else (u > 0)


def smooth_piece(expr: sp.Expr, at: dict) -> sp.Expr | None:
    """expr with every corner node replaced by its piece active at the point; None on a corner.

    >>> x = sp.Symbol("x", real=True)
    >>> smooth_piece(3 * x**2 + sp.Max(0, x - 2), {x: 3}), smooth_piece(sp.Abs(x), {x: -1})
    (3*x**2 + x - 2, -x)
    """
    on_corner = False
    at = {s: sp.sympify(v) for s, v in at.items()}

    def piece(node):
        nonlocal on_corner
        label = branch(node, at)
        if label is None:
            on_corner = True
            return node
        if isinstance(node, (sp.Max, sp.Min)):
            return node.args[label]
        u = node.args[0]
        if isinstance(node, sp.Abs):
            return u if label else -u
        if isinstance(node, sp.sign):
            return sp.S.One if label else sp.S.NegativeOne
        if isinstance(node, sp.Heaviside):
            return sp.S.One if label else sp.S.Zero
        return sp.Integer(label + (1 if isinstance(node, sp.ceiling) else 0))

    result = expr.replace(lambda e: isinstance(e, CORNER_FUNCTIONS), piece)
    return None if on_corner else result


def zeros(u: sp.Expr, s: sp.Symbol) -> list[sp.Expr] | None:
    """The real solutions of u = 0 for s (in terms of the other symbols), None if not solvable.

    Solved when the numerator of u is a polynomial in s: of degree at most 8 with numbers for
    coefficients (its real roots), or of degree 1 or 2 with other symbols in them (the formula).
    Anything else (sin(x) = 0, a quintic in x with y in it) is None: no corner found.
    """
    numerator = u if u.is_polynomial(s) else sp.numer(sp.together(u))
    try:
        poly = sp.Poly(numerator, s)
    except sp.PolynomialError:
        return None
    degree = poly.degree()
    if degree <= 0:
        return []
    if degree == 1:
        c1, c0 = poly.all_coeffs()
        return [-c0 / c1]
    if not (numerator.free_symbols - {s}):
        if degree > _MAX_DEGREE:
            return None
        if poly.domain.is_Exact:
            return [r if r.is_Rational else r.evalf(30) for r in poly.real_roots()]
        return [sp.Float(r) for r in sp.Poly(poly, domain="RR").nroots() if r.is_real]
    if degree > 2:
        return None
    a, b, c = poly.all_coeffs()
    root = sp.sqrt(b**2 - 4 * a * c)
    return [(-b - root) / (2 * a), (-b + root) / (2 * a)]
