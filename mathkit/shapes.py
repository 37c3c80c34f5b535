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
from functools import lru_cache

from .budget import within_budget
from .calculus import FunctionLike, Layout, VariablesLike, as_functions, as_variables, check_layout
from .text import counted, per_axis, wrapped_text_html

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
            f"f has {counted(m, 'output')} (m = {m}) and x has {counted(n, 'component')} "
            f"(n = {n}). In numerator layout, as in the paper, "
            f"the Jacobian has {per_axis('numerator')}: {rows} × {cols}. "
            f"In denominator layout it is the transpose: {cols} × {rows}. This case is {self.rule}"
        )

    def __str__(self) -> str:
        return self.explanation

    def _repr_html_(self) -> str:
        return wrapped_text_html(self.explanation)


@within_budget
def shape_case(f: FunctionLike, wrt: VariablesLike, vectors=None) -> ShapeCase:
    """Classify ∂f/∂x into the four shape cases of the paper.

    A single expression is a scalar f; a list or Matrix is a vector f (even with one entry).
    A single name or Symbol is a scalar x; several names, a list, a Matrix or a name in brackets
    (``"[x]"``) is a vector x.

    >>> shape_case("3x^2 y", "x y").number
    2
    >>> shape_case(["sin(t)", "cos(t)"], "t").jacobian_shape("denominator")
    (1, 2)
    >>> shape_case("x^2", "[x]").number, shape_case("[x^2]", "x").number
    (2, 3)
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


def example_of(case: ShapeCase) -> tuple[str, str]:
    """An example ``(functions, variables)`` as text with this case's kinds and sizes: the
    example catalog's when one has them, else one made up (x1 … xn; f_i = i·x_a² + x_b).

    The text's own kinds can differ from the case's where text cannot say them (one variable
    typed without brackets reads as a scalar): take the kinds from ``case``, not from the text.

    >>> example_of(case_of(True, True, m=2, n=2))
    ('[3*x^2*y, 2*x + y^8]', 'x y')
    >>> example_of(case_of(False, True, m=1, n=3))
    ('max(0, w1*x1 + w2*x2 + b)', 'w1 w2 b')
    >>> example_of(case_of(True, True, m=2, n=1))  # a vector x with one component
    ('[1*x1^2, 2*x1^2]', 'x1')
    """
    found = _catalog_by_shape().get((case.number, case.m, case.n))
    if found:
        return found
    m, n = case.m, case.n
    if case.x_kind == "scalar":
        items, variables = [f"x^{i + 2}" for i in range(m)], "x"
    else:
        names = [f"x{j + 1}" for j in range(n)]
        variables = " ".join(names)
        if case.f_kind == "scalar":
            items = [" + ".join(f"{name}^2" for name in names)]
        else:
            items = [
                f"{i + 1}*{names[i % n]}^2" + (f" + {names[(i + 1) % n]}" if n > 1 else "")
                for i in range(m)
            ]
    functions = f"[{', '.join(items)}]" if case.f_kind == "vector" else items[0]
    return functions, variables


@lru_cache(maxsize=1)
def _catalog_by_shape() -> dict[tuple[int, int, int], tuple[str, str]]:
    """The example catalog by (case number, m, n), first example first: parsed once."""
    from .examples import CATALOG

    out: dict[tuple[int, int, int], tuple[str, str]] = {}
    for e in CATALOG:
        key = (e.case, len(as_functions(e.functions)[0]), len(as_variables(e.variables)[0]))
        out.setdefault(key, (e.functions, e.variables))
    return out
