"""An "expression" answer: one partial derivative ∂f/∂v, e.g. ``3x^2`` for ∂/∂y of 3x²y."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

import sympy as sp

from ...calculus import jacobian
from ...equivalence import equivalent
from ...mistakes import Feedback, diagnose_partial
from ...parse import ParseError, parse, parse_matrix
from ...render import Formula
from ...text import of_text, shape_words, text, typed
from .base import AnswerKind, read_with_names, unknown_names

if TYPE_CHECKING:
    from ..model import Exercise


class ExpressionKind(AnswerKind):
    """∂f/∂v of a scalar f, compared with :func:`equivalent`; the variable is ``ex.wrt``."""

    name = "expression"
    reads_formulas = True
    placeholder = "e.g. 3*x^2*y"
    needs_wrt = True

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if ex.at and type(self) is ExpressionKind:
            raise ValueError('a value at a point is a number: use kind="value" with at')

    def read(self, ex: Exercise, raw: str):
        """One formula; ``[[a]]`` (a one-entry matrix) is read too, and judged by its shape."""
        try:
            return read_with_names(ex, raw, partial(parse, exact=True))
        except ParseError:
            if re.match(r"\s*\[\s*\[", raw):
                try:
                    return read_with_names(ex, raw, partial(parse_matrix, exact=True))
                except ParseError:
                    pass
            raise

    def f_name(self, ex: Exercise) -> str | None:
        """The function's name for feedback (∂z/∂w₂), or None to name it by its formula."""
        return None if ex.f_name == "f" else ex.f_name

    def expected(self, ex: Exercise):
        return jacobian(ex.F[0], ex.wrt_symbol)[0].subs(ex.point)

    def judge(self, ex: Exercise, value) -> Feedback:
        unknown = unknown_names(ex, value)
        if unknown:
            return unknown
        understood = sp.latex(value)
        if isinstance(value, sp.MatrixBase):
            if value.shape != (1, 1):
                message = f"One expression is asked for here, not {shape_words(value.shape)}."
                return Feedback(False, message, "wrong_shape", understood)
            value = value[0]
        value = sp.sympify(value, strict=True).subs(ex.point)
        if equivalent(value, ex.expected, ex.variables):
            return Feedback(True, f"{ex.solution.text}.", None, understood)
        code, message = diagnose_partial(
            value, ex.F[0], ex.wrt_symbol, list(ex.x), ex.point, self.f_name(ex)
        )
        return Feedback(False, message, code, understood)

    def _where(self, ex: Exercise) -> str:
        return ", ".join(f"{text(s)} = {text(val)}" for s, val in ex.point.items())

    def solution(self, ex: Exercise) -> Formula:
        f, v = ex.F[0], ex.wrt_symbol
        lhs = rf"\frac{{\partial}}{{\partial {sp.latex(v)}}}\left({sp.latex(f)}\right)"
        lhs_text = f"∂/∂{text(v)} of {of_text(f)}"
        if ex.point:
            at = ", ".join(f"{sp.latex(s)} = {sp.latex(val)}" for s, val in ex.point.items())
            lhs = rf"\left.{lhs}\right|_{{{at}}}"
            lhs_text += f" at {self._where(ex)}"
        e = ex.expected
        return Formula(f"{lhs} = {sp.latex(e)}", f"{lhs_text} is {text(e)}")

    def explanation(self, ex: Exercise) -> str:
        f, v = ex.F[0], ex.wrt_symbol
        others = [text(s) for s in ex.x if s != v and s in f.free_symbols]
        held = f" holding {', '.join(others)} constant" if others else ""
        out = f"Differentiate {of_text(f)} with respect to {text(v)}{held}"
        if not ex.point:
            return out + "."
        out += f", then put in {self._where(ex)}."
        if isinstance(f, sp.Max) and sp.S.Zero in f.args:
            u = text(next(a for a in f.args if a != 0))
            out += (
                f" max(0, {u}) is the constant 0 where {u} < 0 (slope 0) and {u} itself where "
                f"{u} > 0 (slope 1); at {u} = 0 the paper takes the slope 0."
            )
        return out

    def answer_text(self, ex: Exercise) -> str:
        return typed(ex.expected)
