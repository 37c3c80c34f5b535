"""A "value" answer: a derivative at a point, which is a number (ReLU's slope at z = −1 is 0).

The answer is never evaluated at the point for the learner: an answer that still contains a
variable is not a value, even where it happens to be worth the right number (``z + 1`` at
z = −1). The function itself is diagnosed as not differentiated; the derivative as a function of
the variable is told to put in the point.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import sympy as sp

from ... import rounding
from ...calculus import jacobian
from ...equivalence import equivalent
from ...mistakes import Feedback, corner_slopes
from ...parse import Entries, ParseError, read_entries
from ...text import shortened, text
from .base import read_with_names, unknown_names
from .expression import ExpressionKind
from .matrix import refuse_decimal_commas

if TYPE_CHECKING:
    from ..model import Exercise

# Number words a learner may type for a whole-number slope, read as the number.
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NUMBER_WORDS = {w: str(i) for i, w in enumerate(_WORDS)}
NUMBER_WORDS |= {"minus one": "-1", "negative one": "-1", "one half": "1/2", "a half": "1/2"}
# Words that say the slope does not exist (true at a corner without a convention).
NO_SLOPE = {
    "undefined", "not defined", "does not exist", "doesn't exist", "dne", "none", "nan",
    "no slope", "no derivative", "not differentiable", "infinity", "inf", "?",
}  # fmt: skip


class ValueKind(ExpressionKind):
    """∂f/∂v at the point ``ex.at``: a number, compared with :func:`equivalent`."""

    name = "value"
    placeholder = "a number, e.g. 0.5"
    mistakes = {"not_a_number": "a value at a point was asked for; the answer still has a variable"}

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.at:
            raise ValueError("a value exercise names the point: at=(('z', -1),)")

    def read(self, ex: Exercise, raw: str) -> Entries:
        """One number (a formula is read too, and judged); a decimal keeps its digits as typed.
        A number word (``zero``, ``minus one``) is its number; "undefined" and its kind get an
        answer about the point (a corner or not) and what to type instead."""
        words = " ".join(raw.lower().replace("’", "'").split()).strip(" .!")
        if words in NO_SLOPE:
            raise ParseError(self._no_slope(ex))
        raw = NUMBER_WORDS.get(words, raw)
        entries = read_with_names(ex, raw, partial(read_entries, flat="row"))
        refuse_decimal_commas(ex, raw, entries, 1)
        return entries

    def _no_slope(self, ex: Exercise) -> str:
        """What to say to "undefined": true at a corner, without the convention; false elsewhere."""
        where = self._where(ex)
        corner = corner_slopes(ex.F[0], ex.wrt_symbol, ex.point)
        if corner is None:
            return (
                f"The slope at {where} exists: the function is smooth there. Type it as a "
                "number, like 0.5 or 1/2."
            )
        return (
            f"Without a convention, yes: at the corner {where} the one-sided slopes "
            f"({text(corner[0])} and {text(corner[1])}) disagree, so the derivative does not "
            "exist there. The question asks for the number the convention gives: type it."
        )

    def judge(self, ex: Exercise, value) -> Feedback:
        typed = None
        if isinstance(value, Entries):
            value, typed = value.matrix, value.decimals[0]
            value = value[0] if value.shape == (1, 1) else value
        unknown = unknown_names(ex, value)
        if unknown or isinstance(value, sp.MatrixBase):
            return unknown or super().judge(ex, value)
        value = sp.sympify(value, strict=True)
        if not value.free_symbols:
            return self._judge_number(ex, value, typed)
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

    def _judge_number(self, ex: Exercise, value: sp.Expr, typed: str | None) -> Feedback:
        """A number, by :mod:`mathkit.rounding`'s rule: exact, or a decimal rounded right."""
        found = rounding.verdict(typed, value, ex.expected)
        if found == "rounded":
            message = f"{ex.solution.text}{rounding.exactly([ex.expected])}."
            return Feedback(True, message, None, typed)
        if found in ("few_digits", "last_digit") and typed is not None:
            return Feedback(False, rounding.close_message(typed, found), "rounding", typed)
        return super().judge(ex, value)
