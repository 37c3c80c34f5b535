"""The four shape cases: is f a scalar or a vector, and is x a scalar or a vector?

In numerator layout (the paper's) the Jacobian ∂f/∂x has shape (m, n): one row per function and one
column per variable. A scalar counts as m = 1 or n = 1. Denominator layout is the transpose, (n, m).

==== ======== ======== ===================== =======================
case f        x        numerator shape       denominator shape
==== ======== ======== ===================== =======================
1    scalar   scalar   1 × 1                 1 × 1
2    scalar   vector   1 × n (a row)         n × 1 (a column)
3    vector   scalar   m × 1 (a column)      1 × m (a row)
4    vector   vector   m × n                 n × m
==== ======== ======== ===================== =======================

>>> case = shape_case("[x*y, x + y, y^2]", "x y")
>>> case.number, case.f_kind, case.x_kind, case.jacobian_shape("numerator")
(4, 'vector', 'vector', (3, 2))
"""

from __future__ import annotations

from dataclasses import dataclass

from .calculus import FunctionLike, Layout, VariablesLike, as_functions, as_variables, check_layout

_NAMES = {
    ("scalar", "scalar"): "scalar function of a scalar",
    ("scalar", "vector"): "scalar function of a vector",
    ("vector", "scalar"): "vector function of a scalar",
    ("vector", "vector"): "vector function of a vector",
}

_RULES = {
    1: "an ordinary derivative: a single number (1 × 1) in either layout.",
    2: "the gradient: a 1 × n row in numerator layout, an n × 1 column in denominator layout.",
    3: "a column of ordinary derivatives: m × 1 in numerator layout, 1 × m in denominator layout.",
    4: "the full Jacobian: m × n in numerator layout (row i is ∇f_i), n × m in denominator layout.",
}


@dataclass(frozen=True)
class ShapeCase:
    """Which of the four cases ∂f/∂x is, with the sizes m (functions) and n (variables)."""

    f_kind: str
    x_kind: str
    m: int
    n: int

    @property
    def number(self) -> int:
        """1: scalar/scalar, 2: scalar f of vector x, 3: vector f of scalar x, 4: vector/vector."""
        return 1 + (self.x_kind == "vector") + 2 * (self.f_kind == "vector")

    @property
    def name(self) -> str:
        """The case in words, e.g. "scalar function of a vector"."""
        return _NAMES[(self.f_kind, self.x_kind)]

    @property
    def rule(self) -> str:
        """A one-line rule for this case's Jacobian shape."""
        return _RULES[self.number]

    def jacobian_shape(self, layout: Layout = "numerator") -> tuple[int, int]:
        """(rows, cols) of ∂f/∂x: (m, n) in numerator layout, (n, m) in denominator layout."""
        return (self.m, self.n) if check_layout(layout) == "numerator" else (self.n, self.m)

    @property
    def explanation(self) -> str:
        """One paragraph: the case, the shapes of f, x and the Jacobian in both layouts, and why."""
        m, n = self.m, self.n
        rows, cols = self.jacobian_shape("numerator")
        return (
            f"Case {self.number}: a {self.name}. "
            f"f has {m} output{'s' if m != 1 else ''} (m = {m}) and x has {n} "
            f"component{'s' if n != 1 else ''} (n = {n}). In numerator layout, as in the paper, "
            f"the Jacobian has one row per function and one column per variable: {rows} × {cols}. "
            f"In denominator layout it is the transpose: {cols} × {rows}. This case is {self.rule}"
        )

    def __str__(self) -> str:
        return self.explanation


def shape_case(f: FunctionLike, wrt: VariablesLike, vectors=None) -> ShapeCase:
    """Classify ∂f/∂x into the four shape cases of the paper.

    A single expression is a scalar f; a list or Matrix is a vector f (even with one entry).
    A single name or Symbol is a scalar x; several names, a list or a Matrix is a vector x.

    >>> shape_case("3x^2 y", "x y").number
    2
    >>> shape_case(["sin(t)", "cos(t)"], "t").jacobian_shape("denominator")
    (1, 2)
    """
    from .calculus import with_vectors  # issue 10 hook: vector names are vector variables

    f, wrt = with_vectors(f, wrt, vectors)
    F, f_is_vector = as_functions(f)
    x, x_is_vector = as_variables(wrt)
    return case_of(f_is_vector, x_is_vector, m=F.rows, n=x.rows)


def case_of(f_is_vector: bool, x_is_vector: bool, m: int, n: int) -> ShapeCase:
    """The ShapeCase for f and x already known to be scalar or vector, with m and n.

    >>> case_of(True, False, m=2, n=1).number
    3
    """
    return ShapeCase(
        f_kind="vector" if f_is_vector else "scalar",
        x_kind="vector" if x_is_vector else "scalar",
        m=m,
        n=n,
    )
