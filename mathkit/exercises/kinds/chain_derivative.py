"""A "chain_derivative" answer: dy/dx of a composition written as steps, one expression.

Judged like an "expression" answer (:func:`equivalent`), with the chain-rule diagnoses first:
the total-derivative term left out (``2x`` for d(x + x²)/dx: only the path through u = x²,
not the direct one), and a single path's product where the total-derivative rule adds several.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations
from typing import TYPE_CHECKING

import sympy as sp

from ...chain_marking import written
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...parse import ParseError, parse, symbol
from ...text import shortened
from .base import unknown_names
from .chain_factors import composition
from .expression import ExpressionKind

if TYPE_CHECKING:
    from ..model import Exercise


class ChainDerivativeKind(ExpressionKind):
    """dy/dx (``ex.wrt``) of the composition ``ex.steps``; ``ex.functions`` is the composed y."""

    name = "chain_derivative"
    placeholder = "e.g. 3*cos(3x)"
    mistakes = {
        "total_term_missing": "a term of the total-derivative rule left out (2x for d(x + x²)/dx)",
        "not_substituted": "the derivative left in the intermediates (the rule's last step, "
        "substituting back, not done)",
    }

    def read(self, ex: Exercise, raw: str):
        """One formula in x, or in the intermediates too (judged: substitute them back); a
        leading ``dy/dx =`` is read as the question's own left-hand side."""
        y, x = ex.steps[-1][0], ex.wrt
        lhs = re.fullmatch(rf"\s*d\s*{re.escape(y)}\s*/\s*d\s*{re.escape(x)}\s*=(.*)", raw)
        raw = lhs[1] if lhs else raw
        try:
            return super().read(ex, raw)
        except ParseError:
            return parse(raw)

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.steps:
            raise ValueError("a chain_derivative exercise writes its function as steps")

    def judge(self, ex: Exercise, value) -> Feedback:
        c = composition(ex)
        y, x = c.steps[-1][0], c.wrt_label
        left_in = _intermediates_in(c, value)
        if left_in:
            return self._not_substituted(ex, value, left_in)
        verdict = super().judge(ex, value)
        if verdict.correct:
            message = f"Right: d{y}/d{x} = {written(ex.expected)}. {self.explanation(ex)}"
            return replace(verdict, message=message)
        if unknown_names(ex, value) or isinstance(value, sp.MatrixBase):
            return verdict
        verdict = replace(verdict, message=verdict.message.replace(f"∂{y}/∂{x}", f"d{y}/d{x}"))
        if c.rule != "total-derivative" or len(c.terms) < 2:
            return verdict
        answer = sp.sympify(value, strict=True)
        terms = [(label, c.substituted(M)[0]) for label, M in c.terms]
        for size in range(1, len(terms)):
            for kept in combinations(terms, size):
                if equivalent(answer, sum((t for _, t in kept), sp.S.Zero), ex.variables):
                    left = [label for label, _ in terms if all(label != k for k, _ in kept)]
                    quoted = shortened(written(answer))
                    message = (
                        f"{quoted} keeps only {' + '.join(k for k, _ in kept)}: with "
                        f"{_steps(ex)}, {y} depends on {x} along more than one path, and the "
                        f"total-derivative rule adds them all; you left out {', '.join(left)}."
                    )
                    return Feedback(False, message, "total_term_missing", verdict.understood)
        return verdict

    def _not_substituted(self, ex: Exercise, value, left_in) -> Feedback:
        c = composition(ex)
        y, x = c.steps[-1][0], c.wrt_label
        where = ", ".join(f"{written(u)} = {written(c.substitutions[u])}" for u in left_in)
        written_in_x = c.substituted(sp.Matrix([value]))[0]
        understood = sp.latex(value)
        if equivalent(written_in_x, ex.expected, ex.variables):
            message = (
                f"Right, but the last step of the chain rule writes d{y}/d{x} in {x} alone: "
                f"substitute {where}."
            )
        else:
            message = (
                f"{shortened(written(value))} uses the intermediate {where}: d{y}/d{x} is written "
                f"in {x} alone, and with it substituted it is not d{y}/d{x} yet."
            )
        return Feedback(False, message, "not_substituted", understood)

    def explanation(self, ex: Exercise) -> str:
        c = composition(ex)
        labels = " + ".join(label for label, _ in c.terms)
        steps = _steps(ex)
        y, x = c.steps[-1][0], c.wrt_label
        return f"With {steps}, the {c.rule} chain rule gives d{y}/d{x} = {labels}."


def _steps(ex: Exercise) -> str:
    """The steps as the exercise writes them: ``u = x^2, y = x + u``."""
    return ", ".join(f"{name} = {text}" for name, text in ex.steps)


def _intermediates_in(c, value) -> list:
    """The intermediates (not x, not the output) a typed answer still uses."""
    if isinstance(value, sp.MatrixBase):
        return []
    names = set(c.substitutions) - {symbol(c.steps[-1][0])}
    found = sp.sympify(value, strict=True).free_symbols & names
    return sorted(found, key=lambda u: u.name)
