"""A "closed_form" answer: a Jacobian typed by the paper's name for it, ``diag(x)``, ``xᵀ``, ``I``.

The paper names a numerator-layout Jacobian (``J[i, j] = ∂f_i/∂x_j``, m × n) once its entries are
known: ∂(w ⊗ x)/∂w = diag(x), ∂(w · x)/∂w = xᵀ (:mod:`mathkit.closed_form`). The answer may be that
name or the entries; it is read by :func:`mathkit.closed_form.read_closed_form` at the expected
size and judged entry by entry like a matrix. A vector is named by its letter: the components
x₁ … xₙ of the exercise make ``x`` a vector of n. A bracketed list is read as the matrix kind
reads it: a flat ``[a, b]`` is a row, ``[a, b]ᵀ`` a column.

Part-2 diagnoses (:func:`vector_shape_mistake`, also used by the chain-factor and loss kinds):
``x`` where ``diag(x)`` is meant (the diagonal's entries as a vector), and a column (``x``) where
the paper has a row (``xᵀ``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sympy as sp

from ...closed_form import closed_form, read_closed_form
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...parse import ParseError, parse, parse_matrix
from ...render import Formula
from ...text import shortened, text
from .matrix import MatrixKind

if TYPE_CHECKING:
    from ..model import Exercise


class ClosedFormKind(MatrixKind):
    """∂f/∂x in numerator layout, typed as the paper names it (or as its entries)."""

    name = "closed_form"
    placeholder = "a closed form like c I, diag(v), vᵀ, or the entries [[a, b], [c, d]]"

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if ex.layout != "numerator":
            raise ValueError("the paper names Jacobians in numerator layout only")

    mistakes = {
        "vector_for_diagonal": "a vector typed where a diagonal matrix is meant (x for diag(x))",
        "column_for_row": "a column typed where the paper has a row (x for xᵀ)",
    }

    def read(self, ex: Exercise, raw: str) -> sp.Matrix:
        return read_matrix(raw, ex.expected.shape, _vectors(ex))

    def judge(self, ex: Exercise, value: sp.Matrix) -> Feedback:
        verdict = super().judge(ex, value)
        if verdict.correct or verdict.mistake == "unknown_variable":
            return verdict
        found = vector_shape_mistake(value, ex.expected, ex.f_name, ex.x_label, ex.variables)
        return verdict if found is None else Feedback(False, found[1], found[0], verdict.understood)

    def solution(self, ex: Exercise) -> Formula:
        named = closed_form(ex.expected, _vectors(ex))
        shown = super().solution(ex)
        return Formula(f"{named.latex} = {shown.latex}", f"{named.text}: {shown.text}")

    def explanation(self, ex: Exercise) -> str:
        named = closed_form(ex.expected, _vectors(ex))
        return f"{super().explanation(ex)} The paper's name for this matrix: {named.text}."

    def answer_text(self, ex: Exercise) -> str:
        return closed_form(ex.expected, _vectors(ex)).text


_TRANSPOSE_MARK = re.compile(r"(?:ᵀ|\^\s*T|\^\s*\{\s*T\s*\}|\^\s*\(\s*T\s*\))\s*$")


def read_matrix(raw: str, shape: tuple[int, int], vectors: dict[str, int]) -> sp.Matrix:
    """A closed form (:func:`read_closed_form` at ``shape``), or a bracketed list read as the
    matrix kind reads it: ``[a, b]`` a row, ``[[a], [b]]`` a column, ``[a, b]ᵀ`` (or ``^T``) a
    column.

    >>> read_matrix("[x1, x2]", (1, 2), {"x": 2}), read_matrix("[2, 3]^T", (2, 1), {})
    (Matrix([[x_1, x_2]]), Matrix([
    [2],
    [3]]))
    """
    stripped = _unwrapped(raw.strip())
    identity_first = _IDENTITY_FIRST.fullmatch(stripped)
    if identity_first:  # I z, I*z: the paper writes z I
        stripped = f"{identity_first['c']} I"
    mark = _TRANSPOSE_MARK.search(stripped)
    body = _unwrapped(stripped[: mark.start()].strip()) if mark else stripped
    if not (body.startswith("[") and body.endswith("]")):
        try:
            return read_closed_form(stripped, shape, vectors)
        except ParseError:
            if mark:  # diag(x)ᵀ, (z I)ᵀ: the transpose of a closed form
                try:
                    return read_closed_form(body, (shape[1], shape[0]), vectors).T
                except ParseError:
                    pass
            value = _element_wise(stripped, vectors)  # -w/x^2: one formula per component
            if value is None:
                raise
            return value
    M = parse_matrix(body)
    if M.cols == 1 and M.rows > 1 and _flat(body):
        M = M.T
    return M.T if mark else M


_IDENTITY_FIRST = re.compile(r"I\s*[*·]?\s*(?P<c>[^\s+\-−*·^/].*)", re.DOTALL)


def _unwrapped(text: str) -> str:
    """``(xᵀ)`` -> ``xᵀ``: brackets around the whole answer removed."""
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, char in enumerate(text):
            depth += char == "("
            depth -= char == ")"
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def _element_wise(text: str, vectors: dict[str, int]) -> sp.Matrix | None:
    """``-w/x^2`` as the column [-wᵢ/xᵢ²] when it names vectors of one size, else None."""
    from ...closed_form import _vector_formula

    try:
        value = _vector_formula(text, {"vectors": vectors} if vectors else {})
    except ParseError:
        return None
    return sp.Matrix(value) if isinstance(value, sp.MatrixBase) else None


def _flat(body: str) -> bool:
    """Whether ``[...]`` is a flat list (a row), not a list of lists."""
    try:
        parse(body)
    except ParseError:  # a list of lists is refused by the scalar parser
        return False
    return True


def vector_shape_mistake(
    A, E, f_name: str, x_name: str, variables=(), quoted: str | None = None
) -> tuple[str, str] | None:
    """The Part-2 shape slips, ``(code, message)`` in the exercise's symbols, else None.

    ``vector_for_diagonal``: E is a diagonal n × n Jacobian and A holds its diagonal as a vector
    (``x`` for diag(x)); ``column_for_row``: E is a 1 × n row and A the same entries as an
    n × 1 column (``x`` for xᵀ). ``quoted`` is how to show A (default: A itself, shortened).

    >>> x1, x2 = sp.symbols("x_1 x_2")
    >>> vector_shape_mistake(sp.Matrix([x1, x2]), sp.Matrix([[x1, x2]]), "z", "w")[0]
    'column_for_row'
    >>> vector_shape_mistake(sp.Matrix([x1, x2]), sp.diag(x1, x2), "y", "w")[0]
    'vector_for_diagonal'
    """
    A, E = sp.Matrix(A), sp.Matrix(E)
    lhs = f"∂{f_name}/∂{x_name}"
    quoted = quoted or shortened(text(A[0] if A.shape == (1, 1) else A))

    def same(P, Q) -> bool:
        return P.shape == Q.shape and all(
            equivalent(a, e, variables) for a, e in zip(P, Q, strict=True)
        )

    n = E.rows
    diagonal = n > 1 and E.is_square and E.is_diagonal() and 1 in A.shape and len(A) == n
    if diagonal and same(A.reshape(n, 1), E.diagonal().T):
        return "vector_for_diagonal", (
            f"{quoted} is a vector of {n} entries, but {lhs} is a matrix, {n} × {n} in "
            f"numerator layout (one row per {f_name}ᵢ, one column per {x_name}ⱼ): each "
            f"{f_name}ᵢ depends on {x_name}ᵢ alone, so ∂{f_name}ᵢ/∂{x_name}ᵢ sits on the "
            "diagonal and every other entry is 0."
        )
    if E.rows == 1 and E.cols > 1 and A.shape == (E.cols, 1) and same(A.T, E):
        return "column_for_row", (
            f"{quoted} is a column ({E.cols} × 1), the shape of {lhs} in denominator layout; in "
            f"numerator layout (the paper's) {lhs} of the scalar {f_name} is a row, "
            f"1 × {E.cols}: one column per {x_name}ⱼ."
        )
    return None


def _vectors(ex: Exercise) -> dict[str, int]:
    """The vectors the exercise's symbols spell: x_1, x_2, x_3 make ``{"x": 3}``."""
    sizes: dict[str, int] = {}
    for s in ex.allowed_symbols:
        m = re.fullmatch(r"([A-Za-z])_?(\d+)", s.name)
        if m:
            sizes[m.group(1)] = max(sizes.get(m.group(1), 0), int(m.group(2)))
    return sizes
