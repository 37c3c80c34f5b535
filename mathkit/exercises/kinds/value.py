"""A "value" answer: a derivative at a point, which is a number (ReLU's slope at z = −1 is 0).

The answer is never evaluated at the point for the learner: an answer that still contains a
variable is not a value, even where it happens to be worth the right number (``z + 1`` at
z = −1). The function itself is diagnosed as not differentiated; the derivative as a function of
the variable is told to put in the point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sympy as sp

from ...calculus import jacobian
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...text import shortened, text
from .base import unknown_names
from .expression import ExpressionKind

if TYPE_CHECKING:
    from ..model import Exercise


class ValueKind(ExpressionKind):
    """∂f/∂v at the point ``ex.at``: a number, compared with :func:`equivalent`."""

    name = "value"
    placeholder = "a number, e.g. 0.5"
    mistakes = {"not_a_number": "a value at a point was asked for; the answer still has a variable"}

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.at:
            raise ValueError("a value exercise names the point: at=(('z', -1),)")

    def judge(self, ex: Exercise, value) -> Feedback:
        unknown = unknown_names(ex, value)
        if unknown or isinstance(value, sp.MatrixBase):
            return unknown or super().judge(ex, value)
        value = sp.sympify(value, strict=True)
        if not value.free_symbols:
            return super().judge(ex, value)
        understood = sp.latex(value)
        f, v = ex.F[0], ex.wrt_symbol
        quoted, where = shortened(text(value)), self._where(ex)
        if equivalent(value, f, ex.variables):
            message = (
                f"{quoted} is the function itself, not its slope: differentiate it, then put in "
                f"{where}."
            )
            return Feedback(False, message, "undifferentiated", understood)
        if equivalent(value, jacobian(f, v)[0], ex.variables):
            message = f"{quoted} is the slope for every {text(v)}: put in {where} to get a number."
        else:
            message = (
                f"The slope at {where} is one number, and your answer {quoted} still contains "
                f"{', '.join(text(s) for s in sorted(value.free_symbols, key=sp.default_sort_key))}"
                ": find the slope there and type that number."
            )
        return Feedback(False, message, "not_a_number", understood)
