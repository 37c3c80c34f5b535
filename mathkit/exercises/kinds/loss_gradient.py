"""A "loss_gradient" answer: ∂C/∂w (a row) or ∂C/∂b (a number) of a neuron's loss, by hand.

The exercise's function is the loss written out for its data, C(w, b) = (1/N) Σᵢ (yᵢ −
max(0, w·xᵢ + b))² (:func:`mathkit.neuron.expanded_loss`), its variables ``w_1 … w_n`` or ``b``,
and ``at`` the parameters (exact numbers). The expected answer is the gradient there, in
numerator layout (∂C/∂w is 1 × n): (2/N) Σ over the *active* samples (zᵢ > 0) of eᵢ xᵢᵀ, with
eᵢ = w·xᵢ + b − yᵢ; an inactive sample adds nothing.

Diagnosed: the sign of the error term (yᵢ − ŷᵢ for ŷᵢ − yᵢ: every entry negated); the case
condition pulled outside the sum (every sample counted as active, the version some printings of
the paper give; computed here by replacing each max(0, zᵢ) by zᵢ); both at once; a column where
the paper has a row; the 2/N left out (or only one of 2 and 1/N); an answer that still has a
variable in it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import sympy as sp

from ...calculus import jacobian
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...render import Formula
from ...text import shape_words, text, typed
from .closed_form import vector_shape_mistake
from .matrix import MatrixKind

if TYPE_CHECKING:
    from ..model import Exercise


def _all_active(F: sp.Expr) -> sp.Expr:
    """The loss with every max(0, zᵢ) replaced by zᵢ: each sample counted as active."""
    return F.replace(lambda e: isinstance(e, sp.Max) and sp.S.Zero in e.args, _inner)


def _inner(e: sp.Max) -> sp.Expr:
    (z,) = [a for a in e.args if a != 0]
    return z


@lru_cache(maxsize=64)
def _case_outside(ex: Exercise) -> sp.Matrix:
    return jacobian(_all_active(ex.F[0]), ex.x).subs(ex.point)


def _samples(F: sp.Expr) -> int:
    return len(sp.Add.make_args(F))


class LossGradientKind(MatrixKind):
    """The loss gradient at the point ``ex.at``: numbers, compared entry by entry."""

    name = "loss_gradient"
    placeholder = "numbers, e.g. [1/2, -3/4] for a row, or 5/6"
    mistakes = {
        "error_sign": "the error term's sign flipped (yᵢ − ŷᵢ for ŷᵢ − yᵢ)",
        "case_outside_sum": "the ReLU case pulled outside the sum: inactive samples counted",
    }

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.at:
            raise ValueError("a loss_gradient exercise names the parameters: at=(('w_1', 1), ...)")

    def expected(self, ex: Exercise) -> sp.Matrix:
        return jacobian(ex.F, ex.x).subs(ex.point)

    def wrong_case_outside(self, ex: Exercise) -> sp.Matrix:
        """∂C/∂w as if every sample were active (the case pulled outside the sum)."""
        return _case_outside(ex)

    def judge(self, ex: Exercise, value: sp.Matrix) -> Feedback:
        understood = sp.latex(value)
        if value.free_symbols:
            names = ", ".join(text(s) for s in sorted(value.free_symbols, key=sp.default_sort_key))
            message = (
                f"Put in the numbers: ∂{ex.f_name}/∂{ex.x_label} here is "
                f"{shape_words(ex.expected.shape)} of numbers, and the answer still has {names}."
            )
            return Feedback(False, message, "not_a_number", understood)
        E = ex.expected
        lhs = f"∂{ex.f_name}/∂{ex.x_label}"
        if self._same(value, E):
            return Feedback(
                True, f"{lhs} = {text(E[0] if E.shape == (1, 1) else E)}.", None, understood
            )
        found = vector_shape_mistake(value, E, ex.f_name, ex.x_label)
        if found is not None:
            return Feedback(False, found[1], found[0], understood)
        if value.shape != E.shape:
            message = (
                f"You typed {shape_words(value.shape)}; {lhs} is {shape_words(E.shape)} in "
                f"numerator layout (one column per {ex.x_label}ⱼ)."
            )
            return Feedback(False, message, "wrong_shape", understood)
        wrong = self.wrong_case_outside(ex)
        sign = (
            "Check the sign of the error term: C = (1/N) Σ (yᵢ − activationᵢ)², and "
            "differentiating −activationᵢ brings a minus sign, so a sample adds "
            "(activationᵢ − yᵢ), not (yᵢ − activationᵢ)."
        )
        outside = (
            f"That counts every sample in the sum, including one with zᵢ = w·xᵢ + b ≤ 0 at "
            f"these parameters: the case (active or not) belongs inside the sum, sample by "
            f"sample, and an inactive sample adds nothing to {lhs}. (Printings of the paper that "
            "pull the case outside the sum are wrong here.)"
        )
        if not self._same(wrong, E) and self._same(value, wrong):
            return Feedback(False, outside, "case_outside_sum", understood)
        if not self._same(wrong, E) and self._same(value, -wrong):
            return Feedback(False, f"{outside} {sign}", "case_outside_sum", understood)
        if any(e != 0 for e in E) and self._same(value, -E):
            return Feedback(False, sign, "error_sign", understood)
        N = _samples(ex.F[0])
        for c, what in (
            (sp.Rational(N, 2), "the 2/N"),
            (N, "the 1/N"),
            (sp.Rational(1, 2), "the 2"),
        ):
            if any(e != 0 for e in E) and self._same(value, c * E):
                message = (
                    f"Each active sample's term is right, but {what} in front of the sum is "
                    f"missing: C averages over all N = {N} samples, and the square brings a 2."
                )
                return Feedback(False, message, "factor", understood)
        message = (
            f"Not yet: for each sample find zᵢ = w·xᵢ + b; skip the samples with zᵢ ≤ 0; add "
            f"eᵢ xᵢᵀ (eᵢ = zᵢ − yᵢ) over the others, then multiply by 2/N (N = {N})."
            if ex.x.rows > 1 or ex.x[0].name != "b"
            else f"Not yet: add the errors eᵢ = zᵢ − yᵢ of the samples with zᵢ > 0, then multiply "
            f"by 2/N (N = {N})."
        )
        code = "entry" if len(E) == 1 else "entries"
        return Feedback(False, message, code, understood)

    @staticmethod
    def _same(A: sp.Matrix, E: sp.Matrix) -> bool:
        return A.shape == E.shape and all(equivalent(a, e) for a, e in zip(A, E, strict=True))

    def solution(self, ex: Exercise) -> Formula:
        E = ex.expected
        shown = E[0] if E.shape == (1, 1) else E
        lhs = rf"\frac{{\partial {ex.f_name}}}{{\partial {ex.x_label}}}"
        return Formula(
            rf"{lhs} = {sp.latex(shown)}",
            f"∂{ex.f_name}/∂{ex.x_label} = {text(shown)} ({shape_words(E.shape)}, numerator "
            "layout)",
        )

    def explanation(self, ex: Exercise) -> str:
        return (
            "Only the samples with zᵢ = w·xᵢ + b > 0 count: each adds (2/N) eᵢ xᵢᵀ to ∂C/∂w and "
            "(2/N) eᵢ to ∂C/∂b, with eᵢ = zᵢ − yᵢ; the case stays inside the sum."
        )

    def answer_text(self, ex: Exercise) -> str:
        E = ex.expected
        if E.shape == (1, 1):
            return typed(E[0])
        return "[" + ", ".join(typed(e) for e in E) + "]"
