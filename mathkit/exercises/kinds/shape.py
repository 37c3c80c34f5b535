"""A "shape" answer: the shape of ∂f/∂x in the exercise's layout, typed like ``2x3``.

Numerator layout: (m, n), one row per function and one column per variable; denominator layout:
the transpose, (n, m).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ...mistakes import Feedback
from ...parse import parse_shape
from ...render import Formula, derivative_symbol, layout_note, shape_text
from ...text import axis_meaning, counted, layout_reason, other_layout, per_axis
from .base import AnswerKind

if TYPE_CHECKING:
    from ..model import Exercise


class ShapeKind(AnswerKind):
    """(rows, cols) of ∂f/∂x in ``ex.layout``, compared as a pair."""

    name = "shape"
    placeholder = "e.g. 2x3"

    def read(self, ex: Exercise, raw: str) -> tuple[int, int]:
        return parse_shape(raw)

    def expected(self, ex: Exercise) -> tuple[int, int]:
        return ex.shape_case.jacobian_shape(ex.layout)

    def judge(self, ex: Exercise, shape: tuple[int, int]) -> Feedback:
        E = ex.expected
        typed = shape_text(shape)
        understood = rf"{shape[0]} \times {shape[1]}"
        if tuple(shape) == E:
            reason = layout_reason(ex.layout, ex.F.rows, ex.x.rows)
            return Feedback(True, f"{typed}: {reason}.", None, understood)
        rows, cols = axis_meaning(ex.layout)
        per = per_axis(ex.layout)
        if tuple(shape) == (E[1], E[0]):
            return Feedback(
                False,
                f"{typed} is the shape in {other_layout(ex.layout)} layout (the transpose): this "
                f"question asks for {ex.layout} layout, {per}.",
                "transpose",
                understood,
            )
        if shape[0] == E[0]:
            detail = f"the number of rows is right; count the columns again: one per {cols}"
        elif shape[1] == E[1]:
            detail = f"the number of columns is right; count the rows again: one per {rows}"
        else:
            detail = f"{ex.layout} layout has {per}: count the functions (m) and the variables (n)"
        return Feedback(False, f"Not {typed}: {detail}.", "wrong_shape", understood)

    def solution(self, ex: Exercise) -> Formula:
        case = ex.shape_case
        shape = case.jacobian_shape(ex.layout)
        vector_x = case.x_kind == "vector"
        x_latex = ex.x_name or ("x" if vector_x else sp.latex(ex.x[0]))
        lhs = derivative_symbol(case.f_kind == "vector", vector_x, ex.f_name, x_latex)
        return Formula(
            rf"{lhs}: {layout_note(shape, ex.layout)}",
            f"∂{ex.f_name}/∂{ex.x_label} is {shape_text(shape)} in {ex.layout} layout "
            f"(m = {counted(case.m, 'function')}, n = {counted(case.n, 'variable')})",
        )

    def explanation(self, ex: Exercise) -> str:
        return ex.shape_case.explanation

    def answer_text(self, ex: Exercise) -> str:
        rows, cols = ex.expected
        return f"{rows}x{cols}"
