"""Helpers for the Part-2 catalogs (07–12): a formula in the paper's vector notation, a
composition of steps, or a loss over a data set, turned into the component text an
:class:`~mathkit.exercises.model.Exercise` takes. Written once, derived by mathkit: the expected
answers are then derived from these by the answer kinds.

>>> components("w ⊗ x", w=2, x=2), vector_of("w", 2)
('[w_1*x_1, w_2*x_2]', 'w_1 w_2')
>>> composed([("u", "x^2"), ("y", "x + u")], "x")
'x^2 + x'
"""

from __future__ import annotations

import sympy as sp

from ...chain import chain
from ...neuron import expanded_loss
from ...text import typed
from ...vectors import parse_vectors, vector


def _text(value) -> str:
    """Component text the scalar parser reads back: a vector as a flat list, max in lower case."""
    if isinstance(value, sp.MatrixBase):
        value = sp.Matrix(value)
        if value.shape == (1, 1):
            value = value[0]
        else:
            return "[" + ", ".join(_text(v) for v in value) + "]"
    return typed(value).replace("Max(", "max(")


def components(formula: str, **sizes: int) -> str:
    """A vector-notation formula (``w ⊘ x``) with the vectors' sizes, as components."""
    return _text(parse_vectors(formula, vectors=sizes))


def vector_of(name: str, n: int) -> str:
    """The variables of a vector: ``w_1 w_2 w_3``."""
    return " ".join(s.name for s in vector(name, n))


def composed(steps, wrt: str, **sizes: int) -> str:
    """The output of a composition of steps, written in ``wrt`` alone."""
    c = chain(list(steps), wrt, sizes or None)
    output = c.steps[-1][1]
    output = output if isinstance(output, sp.MatrixBase) else sp.Matrix([output])
    return _text(c.substituted(output))


def loss_text(X, y) -> str:
    """C(w, b) = (1/N) Σ (yᵢ − max(0, w·xᵢ + b))² written out for the data (mathkit.neuron)."""
    return _text(expanded_loss(X, y))
