"""Name a Jacobian the way the paper does: I, −I, z I, diag(x), xᵀ, 1ᵀ, x, 1, 0.

The paper's method (§4.1): reduce a vector expression to its components, take the partials,
reassemble them into a matrix (numerator layout: J[i, j] = ∂f_i/∂x_j, m × n), then *name* that
matrix. :func:`closed_form` does the last step:

================== ============================================ ============================
kind               J (numerator layout)                         text
================== ============================================ ============================
"zero"             every entry 0                                ``0``
"identity"         n × n, 1 on the diagonal, 0 elsewhere        ``I``
"scaled identity"  c on the diagonal (n ≥ 2)                    ``-I``, ``z I``, ``(1/z) I``
"diagonal"         f(x_i) on the diagonal, one f for every i     ``diag(x)``, ``diag(1/x)``
"row"              1 × n row [f(x_1) ... f(x_n)], or all c       ``xᵀ``, ``1ᵀ``, ``z 1ᵀ``
"column"           m × 1 column [f(x_1) ... f(x_m)], or all c    ``x``, ``1``, ``-1``
"full"             anything else, and any 1 × 1 J               the entries, ``sum(x)``
================== ============================================ ============================

A named vector is one of ``vectors`` (``{"x": 3, "w": 3}``); with ``vectors=None`` every letter
whose numbered components x_1 ... x_n appear in J is a candidate. A 1 × 1 J is named by its
entry: at n = 1, I, 1ᵀ and 1 are the same matrix, so no name would be right for every reader.

>>> from mathkit import jacobian
>>> closed_form(jacobian("w ⊗ x", "w", vectors={"w": 3, "x": 3})).text
'diag(x)'
>>> closed_form(jacobian("w · x", "w", vectors={"w": 3, "x": 3})).text
'xᵀ'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from .text import typed

__all__ = ["ClosedForm", "closed_form", "read_closed_form", "read_closed_form_with_reading"]

_COMPONENT = re.compile(r"(?P<name>[A-Za-z]|[a-z]+)_(?P<index>[0-9]{1,3})")


@dataclass(frozen=True)
class ClosedForm:
    """A Jacobian with the paper's name for it: ``kind``, ``text`` (plain), ``latex``."""

    kind: str
    text: str
    latex: str
    matrix: sp.Matrix

    def __str__(self) -> str:
        return self.text

    def _repr_latex_(self) -> str:
        return f"${self.latex}$"


def closed_form(J, vectors: dict[str, int] | None = None) -> ClosedForm:
    """The paper's name for the numerator-layout Jacobian J (see the module's table).

    >>> closed_form(sp.eye(3)).text, closed_form(-sp.eye(2)).text, closed_form(sp.zeros(2, 3)).text
    ('I', '-I', '0')
    >>> z = sp.Symbol("z")
    >>> closed_form(z * sp.eye(3)).text, closed_form(sp.ones(1, 3)).text
    ('z I', '1ᵀ')
    >>> x = sp.symbols("x_1:4")
    >>> closed_form(sp.Matrix(x)).text, closed_form(sp.diag(*[1 / c for c in x])).text
    ('x', 'diag(1/x)')
    >>> closed_form(sp.Matrix([[x[0], 2]])).kind
    'full'
    """
    J = sp.Matrix(J)
    m, n = J.shape
    names = _Names(J, vectors)
    if J.is_zero_matrix:
        return ClosedForm("zero", "0", r"\mathbf{0}", J)
    if (m, n) == (1, 1):
        return _single(J, names)
    if m == n and J.is_diagonal():
        return _diagonal(J, names)
    if m == 1:
        return _line(J, names, "row")
    if n == 1:
        return _line(J, names, "column")
    return _full(J)


class _Names:
    """The vectors J may be written in: name -> size, given or read from J's components."""

    def __init__(self, J: sp.Matrix, vectors: dict[str, int] | None):
        if vectors is None:
            vectors = {}
            for s in J.free_symbols:
                match = _COMPONENT.fullmatch(s.name)
                if match:
                    name, index = match["name"], int(match["index"])
                    vectors[name] = max(vectors.get(name, 0), index)
        self.sizes = dict(vectors)
        self.stand_ins = {name: sp.Dummy(name) for name in self.sizes}

    def template(self, entries: list) -> sp.Expr | None:
        """f such that entry i is f(x_i) for the named vectors of size len(entries), or None."""
        n = len(entries)
        names = [name for name, size in self.sizes.items() if size == n]
        components = {sp.Symbol(f"{name}_{i}") for name in names for i in range(1, n + 1)}
        found = None
        for i, entry in enumerate(entries, start=1):
            if entry.free_symbols & (components - {sp.Symbol(f"{n}_{i}") for n in names}):
                return None  # another index's component: no f(x_i) (and no costly xreplace)
            f = entry.xreplace({sp.Symbol(f"{name}_{i}"): self.stand_ins[name] for name in names})
            if f.free_symbols & components or (found is not None and f != found):
                return None
            found = f
        stand_ins = {self.stand_ins[name] for name in names}
        return found if found is not None and found.free_symbols & stand_ins else None

    def text(self, f: sp.Expr) -> str:
        plain = f.xreplace({d: sp.Symbol(name) for name, d in self.stand_ins.items()})
        return typed(plain)

    def latex(self, f: sp.Expr) -> str:
        bold = {d: rf"\mathbf{{{name}}}" for name, d in self.stand_ins.items()}
        return sp.latex(f, symbol_names=bold)


def _scalar_text(c: sp.Expr) -> str:
    text = typed(c)
    return text if c.is_Atom else f"({text})"


def _scaled(c: sp.Expr, plain: str, latex: str) -> tuple[str, str]:
    """``c`` times the named matrix: ``I``, ``-I``, ``z I``, ``(1/z) I``."""
    if c == 1:
        return plain, latex
    if c == -1:
        return f"-{plain}", f"-{latex}"
    c_latex = sp.latex(c)
    c_latex = c_latex if c.is_Atom else rf"\left({c_latex}\right)"
    return f"{_scalar_text(c)} {plain}", f"{c_latex} {latex}"


def _diagonal(J: sp.Matrix, names: _Names) -> ClosedForm:
    entries = [J[i, i] for i in range(J.rows)]
    if all(e == entries[0] for e in entries):
        kind = "identity" if entries[0] == 1 else "scaled identity"
        return ClosedForm(kind, *_scaled(entries[0], "I", r"\mathbf{I}"), J)
    f = names.template(entries)
    if f is None:
        shown = ", ".join(typed(e) for e in entries)
        return ClosedForm("diagonal", f"diag({shown})", sp.latex(J), J)
    latex = rf"\operatorname{{diag}}\left({names.latex(f)}\right)"
    return ClosedForm("diagonal", f"diag({names.text(f)})", latex, J)


def _line(J: sp.Matrix, names: _Names, kind: str) -> ClosedForm:
    """A row (``xᵀ``, ``1ᵀ``) or a column (``x``, ``1``) named by a vector."""
    entries = list(J)
    mark, mark_latex = ("ᵀ", "^T") if kind == "row" else ("", "")
    if all(e == entries[0] for e in entries):
        plain, latex = _scaled(entries[0], f"1{mark}", rf"\mathbf{{1}}{mark_latex}")
        return ClosedForm(kind, plain, latex, J)
    f = names.template(entries)
    if f is None:
        return _full(J)
    coefficient, vector = f.as_independent(*names.stand_ins.values(), as_Add=False)
    if vector in names.stand_ins.values():
        plain, latex = _scaled(
            coefficient, f"{names.text(vector)}{mark}", names.latex(vector) + mark_latex
        )
        return ClosedForm(kind, plain, latex, J)
    text = names.text(f)
    return ClosedForm(kind, f"({text}){mark}", rf"\left({names.latex(f)}\right){mark_latex}", J)


def _single(J: sp.Matrix, names: _Names) -> ClosedForm:
    """A 1 × 1 J: its entry, with a sum of all components of a vector written sum(x)."""
    for name, size in names.sizes.items():
        components = [sp.Symbol(f"{name}_{i}") for i in range(1, size + 1)]
        if size > 1 and sp.expand(J[0] - sp.Add(*components)) == 0:
            return ClosedForm(
                "full", f"sum({name})", rf"\operatorname{{sum}}(\mathbf{{{name}}})", J
            )
    return _full(J)


def _full(J: sp.Matrix) -> ClosedForm:
    if J.shape == (1, 1):
        return ClosedForm("full", typed(J[0]), sp.latex(J[0]), J)
    return ClosedForm("full", typed(J), sp.latex(J), J)


# ---------------------------------------------------------------------------------------------
# Reading an answer typed in the paper's closed forms


def read_closed_form(
    text: str, shape: tuple[int, int], vectors: dict[str, int] | None = None, names=()
) -> sp.Matrix:
    """A matrix typed in the paper's closed forms, read for a Jacobian of the given shape.

    ``shape`` (rows, columns) gives the size of ``I``, ``0`` and ``1`` (the vector of ones)
    where nothing else does; ``vectors`` (``{"x": 3}``) the vectors that ``diag(x)``, ``xᵀ`` and
    ``x`` name; ``names`` the exercise's other one-letter names (``z``), which may be written
    next to each other (``zI``). Read as matrix algebra (:mod:`mathkit.matrix_algebra`, which
    lists what is accepted and refused): ``0``, ``I``, ``-I``, ``z I``, ``diag(x)``, ``xᵀ``
    (``x^T``, ``x'``, ``x.T``), ``1ᵀ``, ``z 1ᵀ``, ``x``, ``1``, ``1ᵀ diag(x)``, ``xᵀ 1``,
    ``-diag(w) diag(x)^-2``, any vector formula (``w ⊗ x``), or the entries (``[[a, b], [c, d]]``).
    The result may have another shape than ``shape`` (a column typed where a row is expected):
    judging that is the exercise's job.

    >>> read_closed_form("diag(x)", (2, 2), {"x": 2})
    Matrix([
    [x_1,   0],
    [  0, x_2]])
    >>> read_closed_form("z I", (2, 2)), read_closed_form("x^T", (1, 2), {"x": 2})
    (Matrix([
    [z, 0],
    [0, z]]), Matrix([[x_1, x_2]]))
    >>> read_closed_form("1ᵀ", (1, 3))
    Matrix([[1, 1, 1]])
    """
    return read_closed_form_with_reading(text, shape, vectors, names)[0]


def read_closed_form_with_reading(
    text: str, shape: tuple[int, int], vectors: dict[str, int] | None = None, names=()
) -> tuple[sp.Matrix, str | None]:
    """``(matrix, reading)``: :func:`read_closed_form`, and how the text was read (``z·I``) when
    a run of names was read as a product, else None.

    >>> read_closed_form_with_reading("z1ᵀ", (1, 2), {"x": 2}, ["z"])
    (Matrix([[z, z]]), 'z·1ᵀ')
    """
    from .matrix_algebra import read_algebra_with_reading
    from .parse import MAX_LENGTH, ParseError, parse_matrix

    if not isinstance(text, str):
        raise TypeError(f"expected the answer as text (a str), not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the answer is too long: at most {MAX_LENGTH} characters", MAX_LENGTH)
    stripped = text.strip()
    if stripped.startswith("[") and stripped.endswith("]"):
        try:
            return parse_matrix(stripped, [*_component_names(vectors), *names] or None), None
        except ParseError:
            return parse_matrix(stripped), None
    return read_algebra_with_reading(stripped, shape, vectors, names)


def _component_names(vectors: dict[str, int] | None) -> list[str]:
    return [f"{name}_{i}" for name, n in (vectors or {}).items() for i in range(1, n + 1)]
