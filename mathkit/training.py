"""Training one ReLU neuron by gradient descent on small built-in data sets (§6 of the paper).

Everything here is :mod:`mathkit.neuron`: the loss and its gradient (:func:`neuron.loss`,
:func:`neuron.loss_gradient`), one step of gradient descent (:func:`neuron.train` with
``steps=1``) and the loss written out as a formula (:func:`neuron.expanded_loss`) that a
contour plot evaluates on a grid. This module only picks the data and keeps the history.

Two data sets (:data:`DATA_SETS`), exact so the loss can be written out, each with a start
where some samples leave the ReLU inactive (z_i = w·x_i + b ≤ 0: they add nothing to the
gradient, the case inside the sum):

- ``"1d"``: six points x_i on a line, targets from max(0, 1.5x + 0.5); start w = 0.5, b = −0.5
  (three samples inactive, one of them exactly at the corner z = 0);
- ``"2d"``: seven points in the plane, targets from max(0, x₁ − x₂ + 1); start w = (0.5, 0.5),
  b = −0.5 (four samples inactive).

Gradients are in numerator layout: ∂C/∂w is a 1 × n row, so the update transposes it:
w ← w − η (∂C/∂w)ᵀ, b ← b − η ∂C/∂b.

>>> s = state("1d", (0.5,), -0.5)
>>> round(s.loss, 4), s.gradient.active.tolist()
(4.875, [False, False, False, False, True, True])
>>> after = step("1d", (0.5,), -0.5, 0.05)
>>> after.loss < s.loss
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from . import neuron
from .parse import symbol

__all__ = [
    "DATA_SETS",
    "DataSet",
    "TrainingState",
    "data_set",
    "loss_surface",
    "prepare",
    "state",
    "step",
]


@dataclass(frozen=True)
class DataSet:
    """Samples ``X`` (N × n, exact), targets ``y``, a start ``w0``, ``b0`` and a description."""

    name: str
    X: tuple[tuple[Fraction, ...], ...]
    y: tuple[Fraction, ...]
    w0: tuple[float, ...]
    b0: float
    description: str

    @property
    def n(self) -> int:
        return len(self.X[0])

    @property
    def N(self) -> int:
        return len(self.y)

    def floats(self) -> tuple[np.ndarray, np.ndarray]:
        return np.array(self.X, dtype=float), np.array(self.y, dtype=float)


def _f(*values) -> tuple[Fraction, ...]:
    return tuple(Fraction(v) for v in values)


DATA_SETS: dict[str, DataSet] = {
    "1d": DataSet(
        "1d",
        tuple(_f(v) for v in (-2, -1, 0, 1, 2, 3)),
        _f(0, 0, Fraction(1, 2), 2, Fraction(7, 2), 5),
        (0.5,),
        -0.5,
        "six points x on a line with targets max(0, 1.5x + 0.5)",
    ),
    "2d": DataSet(
        "2d",
        tuple(_f(*p) for p in ((0, 0), (1, 0), (0, 1), (2, 1), (-1, 1), (1, 2), (2, 0))),
        _f(1, 2, 0, 2, 0, 0, 3),
        (0.5, 0.5),
        -0.5,
        "seven points x = (x₁, x₂) with targets max(0, x₁ − x₂ + 1)",
    ),
}


def data_set(name: str) -> DataSet:
    """The built-in data set ``"1d"`` or ``"2d"``."""
    if name not in DATA_SETS:
        raise ValueError(f'the data set is "1d" or "2d", not {name!r}')
    return DATA_SETS[name]


@dataclass(frozen=True)
class TrainingState:
    """Where training is: parameters ``w`` (tuple), ``b``, the loss C there and its gradient
    (:class:`mathkit.neuron.LossGradient`: ``dw`` 1 × n, ``db``, per-sample ``errors`` and
    ``active``), and the neuron's output on every sample (``outputs``)."""

    data: str
    w: tuple[float, ...]
    b: float
    loss: float
    gradient: neuron.LossGradient
    outputs: np.ndarray


def state(name: str, w, b) -> TrainingState:
    """The loss, its gradient and the outputs at (w, b), by :mod:`mathkit.neuron`."""
    data = data_set(name)
    X, y = data.floats()
    w = tuple(float(v) for v in w)
    if len(w) != data.n:
        raise ValueError(f"the {name} data needs {data.n} weight(s), not {len(w)}")
    b = float(b)
    g = neuron.loss_gradient(X, y, w, b)
    outputs = np.maximum(0.0, np.asarray(g.errors) + y)  # e_i + y_i = z_i; output max(0, z_i)
    return TrainingState(name, w, b, float(neuron.loss(X, y, w, b)), g, outputs)


def step(name: str, w, b, rate: float) -> TrainingState:
    """One step of gradient descent from (w, b) (:func:`mathkit.neuron.train`, ``steps=1``):
    w ← w − rate·(∂C/∂w)ᵀ, b ← b − rate·∂C/∂b; the state after it."""
    data = data_set(name)
    X, y = data.floats()
    rate = float(rate)
    if not 0 < rate <= 10:
        raise ValueError(f"the learning rate must be above 0 and at most 10, not {rate}")
    ((new_w, new_b, _),) = neuron.train(X, y, [float(v) for v in w], float(b), rate=rate, steps=1)
    if not (np.all(np.isfinite(new_w)) and np.isfinite(new_b)):
        raise ValueError("the step overshot to infinity: use a smaller learning rate")
    return state(name, tuple(float(v) for v in new_w), float(new_b))


def prepare(name: str) -> None:
    """Derive and compile what every step of ``name`` reuses (the neuron's formulas, the loss
    written out, its numpy function): once, so that no step pays for it."""
    data = data_set(name)
    neuron.formulas(data.n)
    loss_surface(name, data.b0, n=3)


@lru_cache(maxsize=4)
def _loss_formula(name: str) -> sp.Expr:
    data = data_set(name)
    return neuron.expanded_loss([list(r) for r in data.X], list(data.y))


def loss_surface(name: str, b: float = 0.0, bounds=(-3.0, 3.0, -3.0, 3.0), n: int = 61):
    """The loss on a grid, for a contour plot: ``(P, Q, C)`` with C the loss at each (P, Q).

    1-D data: over (w, b) (all the parameters); 2-D data: over (w₁, w₂) with b held at ``b``.
    Evaluated from :func:`mathkit.neuron.expanded_loss` (the loss written out for the data).

    >>> P, Q, C = loss_surface("1d", n=5)
    >>> C.shape, bool(abs(C[2, 2] - state("1d", (0.0,), 0.0).loss) < 1e-12)
    ((5, 5), True)
    """
    from .numeric import evaluate

    data = data_set(name)
    lo1, hi1, lo2, hi2 = bounds
    P, Q = np.meshgrid(np.linspace(lo1, hi1, n), np.linspace(lo2, hi2, n))
    C = _loss_formula(name)
    if data.n == 1:
        return P, Q, evaluate(C, [symbol("w1"), symbol("b")], P, Q)
    variables = [symbol("w1"), symbol("w2"), symbol("b")]
    return P, Q, evaluate(C, variables, P, Q, np.full_like(P, float(b)))
