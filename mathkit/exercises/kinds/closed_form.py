"""A "closed_form" answer: a Jacobian typed by the paper's name for it, ``diag(x)``, ``xᵀ``, ``I``.

The paper names a numerator-layout Jacobian (``J[i, j] = ∂f_i/∂x_j``, m × n) once its entries are
known: ∂(w ⊗ x)/∂w = diag(x), ∂(w · x)/∂w = xᵀ (:mod:`mathkit.closed_form`). The answer may be that
name or the entries; it is read by :func:`mathkit.closed_form.read_closed_form` at the expected
size and judged entry by entry like a matrix. A vector is named by its letter: the components
x₁ … xₙ of the exercise make ``x`` a vector of n.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sympy as sp

from ...closed_form import closed_form, read_closed_form
from ...parse import parse_matrix
from ...render import Formula
from .base import read_with_names
from .matrix import MatrixKind

if TYPE_CHECKING:
    from ..model import Exercise


class ClosedFormKind(MatrixKind):
    """∂f/∂x in numerator layout, typed as the paper names it (or as its entries)."""

    name = "closed_form"
    placeholder = "e.g. diag(x), xᵀ, 2I, or the entries [[a, b], [c, d]]"

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if ex.layout != "numerator":
            raise ValueError("the paper names Jacobians in numerator layout only")

    def read(self, ex: Exercise, raw: str) -> sp.Matrix:
        if raw.strip().startswith("["):  # the entries, read with the exercise's names
            return read_with_names(ex, raw.strip(), parse_matrix)
        return read_closed_form(raw, ex.expected.shape, _vectors(ex))

    def solution(self, ex: Exercise) -> Formula:
        named = closed_form(ex.expected, _vectors(ex))
        shown = super().solution(ex)
        return Formula(f"{named.latex} = {shown.latex}", f"{named.text}: {shown.text}")

    def explanation(self, ex: Exercise) -> str:
        named = closed_form(ex.expected, _vectors(ex))
        return f"{super().explanation(ex)} The paper's name for this matrix: {named.text}."

    def answer_text(self, ex: Exercise) -> str:
        return closed_form(ex.expected, _vectors(ex)).text


def _vectors(ex: Exercise) -> dict[str, int]:
    """The vectors the exercise's symbols spell: x_1, x_2, x_3 make ``{"x": 3}``."""
    sizes: dict[str, int] = {}
    for s in ex.allowed_symbols:
        m = re.fullmatch(r"([A-Za-z])_?(\d+)", s.name)
        if m:
            sizes[m.group(1)] = max(sizes.get(m.group(1), 0), int(m.group(2)))
    return sizes
