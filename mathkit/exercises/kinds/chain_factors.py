"""A "chain_factors" answer: the factors of ∂y/∂x by the chain rule, in the product's order.

The exercise writes its function as ``steps`` (:func:`mathkit.chain`); the factors are the
Jacobians the rule multiplies, outermost first, each in numerator layout (``J[i, j] =
∂f_i/∂x_j``) and in the intermediates' own symbols: for u = w ⊗ x, z = sum(u) + b,
a = max(0, z) they are ∂a/∂z (1 × 1), ∂z/∂u = 1ᵀ (1 × n) and ∂u/∂w = diag(x) (n × n). The
exercise's point ``at`` (``z = 1``) picks a piece of a piecewise factor.

Marked by :class:`mathkit.chain_typing.ListMarker`: the chain stepper's marker (so both give
the same verdict and message for the same factors) reading one text: how it is split into
factors (``·``, ``;``, ``*`` ...), each factor in closed form (``1ᵀ``, ``diag(x)``) or by its
entries, in the intermediates (``cos(u)``) or with them replaced (``cos(x^2)``), and the slips
it names (the order, a transposed factor, the wrong variable, the whole derivative ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import sympy as sp

from ...chain import Chain, chain
from ...chain_typing import ListMarker, split_factors
from ...mistakes import Feedback
from ...parse import MAX_LENGTH, ParseError
from ...render import Formula
from ...text import text
from .base import AnswerKind
from .closed_form import _vectors

if TYPE_CHECKING:
    from ..model import Exercise


@lru_cache(maxsize=256)
def composition(ex: Exercise) -> Chain:
    """The exercise's steps through :func:`mathkit.chain`, with respect to its variables (a vector
    named by its letter when they are all its components: w_1, w_2, w_3 -> w)."""
    vectors = _vectors(ex)
    names = {re.sub(r"_?\d+$", "", s.name) for s in ex.x}
    wrt = ex.variables
    if len(ex.x) > 1 and len(names) == 1:
        (name,) = names
        if vectors.get(name) == len(ex.x):
            wrt = name
    return chain(list(ex.steps), wrt, vectors or None)


@lru_cache(maxsize=256)
def marker(ex: Exercise) -> ListMarker:
    """The marker of the exercise's factors, at its point."""
    return ListMarker(composition(ex), dict(ex.point), dict(ex.steps))


class ChainFactorsKind(AnswerKind):
    """The chain rule's factors of ∂y/∂x in product order, each a numerator-layout Jacobian."""

    name = "chain_factors"
    placeholder = "the factors separated by · or ;, e.g. A · B"
    mistakes = {
        "chain_order": "the chain rule's factors in the wrong order (outermost first)",
        "factor_count": "another number of factors than the chain rule multiplies here",
        "product_not_factors": "the whole derivative typed where its factors are asked for",
        "factor_split": "one factor typed in pieces separated by · (2 · x for 2x)",
        "wrong_variable": "a factor differentiated with respect to another variable, or "
        "evaluated at x where it is evaluated at the intermediate (cos(x) for cos(u))",
        "total_term_missing": "a term of the total-derivative rule left out",
    }

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.steps:
            raise ValueError("a chain_factors exercise writes its function as steps")

    def factors(self, ex: Exercise) -> list[tuple[str, sp.Matrix]]:
        return marker(ex).factors

    def read(self, ex: Exercise, raw: str) -> str:
        if len(raw) > MAX_LENGTH:
            raise ParseError(f"the answer is too long: at most {MAX_LENGTH} characters")
        return raw.strip()

    def expected(self, ex: Exercise) -> list[sp.Matrix]:
        return [M for _, M in self.factors(ex)]

    def judge(self, ex: Exercise, raw: str) -> Feedback:
        """The factors marked by :class:`mathkit.chain_typing.ListMarker`, as the stepper marks
        them: the same verdict and message for the same factors."""
        marking = marker(ex).mark_text(raw)
        understood = r" \cdot ".join(sp.latex(M) for M in marking.read)
        return Feedback(marking.ok, marking.message, marking.code, understood)

    def solution(self, ex: Exercise) -> Formula:
        factors = self.factors(ex)
        names = [_named(ex, M) for _, M in factors]
        latex = r"\,".join(
            rf"\underbrace{{{n.latex}}}_{{{M.rows} \times {M.cols}}}"
            for n, (_, M) in zip(names, factors, strict=True)
        )
        labels = r"\,".join(_fraction(label) for label, _ in factors)
        shown = " · ".join(
            f"{label} = {n.text} ({M.rows} × {M.cols})"
            for n, (label, M) in zip(names, factors, strict=True)
        )
        return Formula(f"{labels} = {latex}", f"{shown}, numerator layout")

    def explanation(self, ex: Exercise) -> str:
        c = composition(ex)
        steps = ", ".join(f"{n} = {text(e)}" for n, e in c.steps)
        return (
            f"With {steps}, the {c.rule} chain rule multiplies one Jacobian per step, outermost "
            "first, each in numerator layout; the shapes chain: (m × k)(k × n) is m × n."
        )

    def answer_text(self, ex: Exercise) -> str:
        return " · ".join(_named(ex, M).text for M in self.expected(ex))


def _named(ex: Exercise, M: sp.Matrix):
    from ...closed_form import closed_form

    return closed_form(M, {**_vectors(ex), **_step_vectors(ex)})


def _step_vectors(ex: Exercise) -> dict[str, int]:
    """The vector intermediates of the steps, by size: u = w ⊗ x gives ``{"u": 3}``."""
    c = composition(ex)
    sizes: dict[str, int] = {}
    for name, value in c.steps:
        if isinstance(value, sp.MatrixBase) and value.rows > 1:
            sizes[name] = value.rows
    return sizes


def _fraction(label: str) -> str:
    top, bottom = label.replace("∂", "\\partial ").split("/", 1)
    return rf"\frac{{{top}}}{{{bottom}}}"


__all__ = ["ChainFactorsKind", "composition", "marker", "split_factors"]
