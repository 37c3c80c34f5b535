"""A "chain_derivative" answer: dy/dx of a composition written as steps, one expression.

Judged like an "expression" answer (:func:`equivalent`), with the chain-rule diagnoses first:
the total-derivative term left out (``2x`` for d(x + x²)/dx: only the path through u = x²,
not the direct one), and a single path's product where the total-derivative rule adds several.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import sympy as sp

from ...equivalence import equivalent
from ...mistakes import Feedback
from ...text import shortened, text
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
    }

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.steps:
            raise ValueError("a chain_derivative exercise writes its function as steps")

    def judge(self, ex: Exercise, value) -> Feedback:
        verdict = super().judge(ex, value)
        if verdict.correct or unknown_names(ex, value) or isinstance(value, sp.MatrixBase):
            return verdict
        c = composition(ex)
        if c.rule != "total-derivative" or len(c.terms) < 2:
            return verdict
        answer = sp.sympify(value, strict=True)
        terms = [(label, c.substituted(M)[0]) for label, M in c.terms]
        for size in range(1, len(terms)):
            for kept in combinations(terms, size):
                if equivalent(answer, sum((t for _, t in kept), sp.S.Zero), ex.variables):
                    left = [label for label, _ in terms if all(label != k for k, _ in kept)]
                    y, x = c.steps[-1][0], c.wrt_label
                    quoted = shortened(text(answer))
                    message = (
                        f"{quoted} keeps only {' + '.join(k for k, _ in kept)}: {y} = "
                        f"{text(ex.F[0])} depends on {x} along more than one path, and the "
                        f"total-derivative rule adds them all; you left out {', '.join(left)}."
                    )
                    return Feedback(False, message, "total_term_missing", verdict.understood)
        return verdict

    def explanation(self, ex: Exercise) -> str:
        c = composition(ex)
        labels = " + ".join(label for label, _ in c.terms)
        steps = ", ".join(f"{name} = {text(e)}" for name, e in c.steps)
        y, x = c.steps[-1][0], c.wrt_label
        return f"With {steps}, the {c.rule} chain rule gives d{y}/d{x} = {labels}."
