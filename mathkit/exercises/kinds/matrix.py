"""A "matrix" answer: a gradient or a Jacobian in the exercise's layout.

Numerator layout (the paper's): ``J[i, j] = ∂f_i/∂x_j``, m × n; denominator layout: the transpose,
n × m. A flat list ``[a, b]`` is read as a row, as the paper writes ∇f = [a, b] and a column as
[a, b]ᵀ; a column is typed ``[[a], [b]]``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sympy as sp

from ...calculus import jacobian
from ...equivalence import equivalent
from ...mistakes import Feedback, diagnose
from ...parse import ParseError, parse_matrix
from ...render import Formula, shape_text, show_jacobian
from ...text import capitalized, layout_reason, shape_words, text, typed
from .base import AnswerKind, read_with_names, unknown_names

if TYPE_CHECKING:
    from ..model import Exercise


class MatrixKind(AnswerKind):
    """∂f/∂x as a matrix in ``ex.layout``, compared entry by entry with :func:`equivalent`."""

    name = "matrix"
    reads_formulas = True
    placeholder = "e.g. [a, b] for a row, [[a, b], [c, d]] for a matrix"

    def read(self, ex: Exercise, raw: str) -> sp.Matrix:
        """``[[a, b], [c, d]]`` as typed, a flat ``[a, b]`` as a row, one expression as 1 × 1."""
        M = read_with_names(ex, raw, parse_matrix)
        if M.cols == 1 and M.rows > 1:
            try:
                read_with_names(ex, raw)  # succeeds for a flat list, refuses a list of lists
            except ParseError:
                return M
            return M.T
        return M

    def expected(self, ex: Exercise) -> sp.Matrix:
        return jacobian(ex.F, ex.x, ex.layout)

    def judge(self, ex: Exercise, value: sp.Matrix) -> Feedback:
        identity = _identity(ex, value)
        if isinstance(identity, Feedback):
            return identity
        value = value if identity is None else identity
        unknown = unknown_names(ex, value)
        if unknown:
            return unknown
        understood = sp.latex(value)
        E = ex.expected
        if value.shape == E.shape and all(
            equivalent(a, e, ex.variables) for a, e in zip(value, E, strict=True)
        ):
            message = (
                f"∂{ex.f_name}/∂{ex.x_label} = {text(E)}, {shape_words(E.shape)} in {ex.layout} "
                "layout."
            )
            return Feedback(True, message, None, understood)
        code, message = diagnose(
            value, E, ex.F, ex.x, ex.layout, f_name=ex.f_name, x_name=ex.x_label
        )
        if code is None:  # the numbers agree but simplify and the points could not confirm it
            code, message = "entries", "Mathkit could not confirm every entry: try a simpler form."
        return Feedback(False, message, code, understood)

    def solution(self, ex: Exercise) -> Formula:
        x_name = ex.x_name or None
        return show_jacobian(ex.functions, ex.variables, ex.layout, ex.f_name, x_name)

    def explanation(self, ex: Exercise) -> str:
        along = "Row" if ex.layout == "numerator" else "Column"
        rows = f" {along} i is the gradient of {ex.f_name}ᵢ." if ex.F.rows > 1 else ""
        reason = capitalized(layout_reason(ex.layout, ex.F.rows, ex.x.rows))
        return f"{reason}: {shape_text(ex.expected.shape)}.{rows}"

    def answer_text(self, ex: Exercise) -> str:
        return typed(ex.expected)


def _identity(ex: Exercise, value: sp.Matrix) -> sp.Matrix | Feedback | None:
    """``I``, ``-I``, ``2I`` (or ``I3``, the 3 × 3 identity): c·I as c times the identity of the
    expected size. None if the answer is not c·I or the name is one of the exercise's; a Feedback
    if ∂f/∂x is not square or I's size is not its size."""
    if value.shape != (1, 1) or len(value[0].free_symbols) != 1:
        return None
    (eye,) = value[0].free_symbols
    size = re.fullmatch(r"I(?:_(\d+))?", eye.name)
    if size is None or eye in ex.allowed_symbols:
        return None
    c = value[0].coeff(eye)
    if c.free_symbols or sp.expand(value[0] - c * eye) != 0:
        return None
    E = ex.expected
    lhs = f"∂{ex.f_name}/∂{ex.x_label}"
    if E.rows != E.cols or (size.group(1) and int(size.group(1)) != E.rows):
        n = size.group(1)
        what = f"the {n} × {n} identity" if n else "the identity"
        message = (
            f"{text(eye)} is {what}, a square matrix; here {lhs} is {shape_text(E.shape)} in "
            f"{ex.layout} layout."
        )
        return Feedback(False, message, "wrong_shape", sp.latex(value[0]))
    return c * sp.eye(E.rows)
