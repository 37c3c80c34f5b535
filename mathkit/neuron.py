"""The ReLU neuron of the paper (§5–§6): its activation, its loss over N samples, their gradients.

One neuron with weights **w** (n of them) and a bias b, on an input **x** (n features):

    z = w·x + b,        activation(x) = max(0, z)

and, over N samples x_i (the rows of X) with targets y_i, the mean squared error

    C(w, b) = (1/N) Σ_i (y_i − max(0, w·x_i + b))²

Gradients are in numerator layout (the paper's): ∂act/∂**w** is a 1 × n row, ∂C/∂**w** too.
The derivative of max(0, z) is taken as 0 at z = 0 (the paper's convention), so a sample with
z_i ≤ 0 is *inactive* and adds nothing:

    ∂C/∂w = (2/N) Σ_{i active} e_i x_iᵀ,   ∂C/∂b = (2/N) Σ_{i active} e_i,   e_i = w·x_i + b − y_i

The case "active or not" stays inside the sum, sample by sample.

Symbolic underneath: :func:`formulas` derives the per-sample loss and its gradient once with
:func:`mathkit.jacobian` (the loss is a sum over samples, so its gradient is the sum of these);
:func:`expanded_loss` writes the whole sum out for given data. Numbers go in afterwards:
integers and fractions give exact fractions (a learner can check them by hand), floats give floats
(evaluated with numpy, fast enough for 200 samples and 200 training steps).

>>> g = loss_gradient([[2, 1], [-1, 3]], [1, 0], [1, -1], Fraction(1, 2))
>>> g.dw, g.db, g.active
(Matrix([[1, 1/2]]), 1/2, (True, False))
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction  # noqa: F401 (the doctests write exact inputs with it)
from functools import lru_cache
from typing import NamedTuple

try:  # floats are evaluated with numpy; exact data needs sympy only (Pyodide offline has no numpy)
    import numpy as np
except ImportError:  # pragma: no cover - exercised in the Pyodide tests
    np = None
import sympy as sp

from .calculus import jacobian
from .parse import symbol

__all__ = [
    "Formulas",
    "LossGradient",
    "activation",
    "activation_gradient",
    "expanded_loss",
    "formulas",
    "loss",
    "loss_gradient",
    "loss_gradient_case_outside",
    "train",
]

MAX_FEATURES = 20  # n: the symbolic gradient has one entry per feature


# ---------------------------------------------------------------------------------------------
# The formulas, derived once per number of features n


class Formulas(NamedTuple):
    """The neuron with n inputs, symbolically (numerator layout throughout).

    ``z = w·x + b``; ``activation = max(0, z)``; ``d_act_dw`` (1 × n) and ``d_act_db`` (1 × 1) are
    its partials; ``sample_loss = (y − max(0, z))²`` is one term of C (before the 1/N), and
    ``d_loss_dw`` (1 × n), ``d_loss_db`` (1 × 1) its partials.
    """

    w: sp.Matrix  # n × 1 column of w_1 ... w_n
    x: sp.Matrix  # n × 1 column of x_1 ... x_n
    b: sp.Symbol
    y: sp.Symbol
    z: sp.Expr
    activation: sp.Expr
    d_act_dw: sp.Matrix
    d_act_db: sp.Matrix
    sample_loss: sp.Expr
    d_loss_dw: sp.Matrix
    d_loss_db: sp.Matrix


@lru_cache(maxsize=MAX_FEATURES)
def formulas(n: int) -> Formulas:
    """The neuron's activation, one sample's loss, and their gradients, by :func:`jacobian`.

    >>> f = formulas(2)
    >>> f.activation
    Max(0, b + w_1*x_1 + w_2*x_2)
    >>> f.d_act_dw
    Matrix([[x_1*Heaviside(b + w_1*x_1 + w_2*x_2, 0), x_2*Heaviside(b + w_1*x_1 + w_2*x_2, 0)]])
    >>> f.d_loss_db
    Matrix([[-2*(y - Max(0, b + w_1*x_1 + w_2*x_2))*Heaviside(b + w_1*x_1 + w_2*x_2, 0)]])
    """
    n = _features(n)
    w = sp.Matrix([symbol(f"w{j}") for j in range(1, n + 1)])
    x = sp.Matrix([symbol(f"x{j}") for j in range(1, n + 1)])
    b, y = symbol("b"), symbol("y")
    z = (w.T * x)[0] + b
    act = sp.Max(0, z)
    sample_loss = (y - act) ** 2
    return Formulas(
        w, x, b, y, z, act,
        jacobian(act, w), jacobian(act, b),
        sample_loss, jacobian(sample_loss, w), jacobian(sample_loss, b),
    )  # fmt: skip


def _features(n) -> int:
    if not isinstance(n, numbers.Integral) or not 1 <= n <= MAX_FEATURES:
        raise ValueError(f"a neuron has 1 to {MAX_FEATURES} inputs, not {n!r}")
    return int(n)


def expanded_loss(X, y) -> sp.Expr:
    """C(w, b) = (1/N) Σ_i (y_i − max(0, w·x_i + b))² written out for the data X (N × n), y.

    Its :func:`jacobian` with respect to ``w1 ... wn b`` is the loss gradient as a formula.

    >>> expanded_loss([[2, 1], [-1, 3]], [1, 0])
    (1 - Max(0, b + 2*w_1 + w_2))**2/2 + Max(0, b - w_1 + 3*w_2)**2/2
    """
    data = _Data.read(X, y, None, 0)
    if not data.exact:
        raise ValueError("write the data with integers or fractions to see the loss as a formula")
    f = formulas(data.n)
    terms = [
        f.sample_loss.xreplace({**dict(zip(f.x, row, strict=True)), f.y: target})
        for row, target in zip(data.X, data.y, strict=True)
    ]
    return sp.Add(*terms) / data.N


# ---------------------------------------------------------------------------------------------
# Reading numbers: exact (int, Fraction, sympy Rational) or float


def _number(value, exact: bool):
    if isinstance(value, (sp.Rational, sp.Float)):
        return value if exact else float(value)
    if isinstance(value, numbers.Rational):  # int, bool, Fraction, numpy integers
        return sp.Rational(value.numerator, value.denominator) if exact else float(value)
    if isinstance(value, numbers.Real):
        return float(value)
    raise TypeError(f"expected a number, not {type(value).__name__}")


def _is_exact(value) -> bool:
    if isinstance(value, sp.Basic):
        return isinstance(value, sp.Rational)
    return isinstance(value, numbers.Rational)


def _flat(values) -> list:
    if np is not None:
        return list(np.asarray(values, dtype=object).ravel())
    if isinstance(values, (list, tuple)):
        return [v for item in values for v in _flat(item)]
    return [values]


@dataclass(frozen=True)
class _Data:
    """Samples X (N rows of n features), targets y, and parameters w, b, all exact or all float."""

    X: list | np.ndarray
    y: list | np.ndarray
    w: list | np.ndarray
    b: object
    exact: bool

    @property
    def N(self) -> int:
        return len(self.y)

    @property
    def n(self) -> int:
        return len(self.X[0])

    @classmethod
    def read(cls, X, y, w, b) -> _Data:
        sequences = (Sequence,) if np is None else (Sequence, np.ndarray)
        rows = [list(row) if isinstance(row, sequences) else [row] for row in X]
        if not rows or not rows[0]:
            raise ValueError("X needs at least one sample with at least one feature")
        if len({len(row) for row in rows}) != 1:
            raise ValueError("every sample (row of X) needs the same number of features")
        n = _features(len(rows[0]))
        targets = _flat(y)
        if len(targets) != len(rows):
            raise ValueError(f"X has {len(rows)} samples but y has {len(targets)} targets")
        weights = None if w is None else _flat(w)
        if weights is not None and len(weights) != n:
            raise ValueError(f"w needs one weight per feature: {n}, not {len(weights)}")
        everything = [v for row in rows for v in row] + targets + (weights or []) + [b]
        exact = all(_is_exact(v) for v in everything)
        if exact:
            return cls(
                [[_number(v, True) for v in row] for row in rows],
                [_number(v, True) for v in targets],
                None if weights is None else [_number(v, True) for v in weights],
                _number(b, True),
                True,
            )
        if np is None:
            raise ModuleNotFoundError("floats are evaluated with numpy: give integers or fractions",
                                      name="numpy")  # fmt: skip
        floats = np.array([[_number(v, False) for v in row] for row in rows], dtype=float)
        return cls(
            floats,
            np.array([_number(v, False) for v in targets], dtype=float),
            None if weights is None else np.array([_number(v, False) for v in weights]),
            _number(b, False),
            False,
        )


# ---------------------------------------------------------------------------------------------
# Evaluating a formula: sympy for exact numbers, a small numpy interpreter for floats


def _numpy_value(expr: sp.Expr, values: dict):
    """The value of ``expr`` with numpy arrays for its symbols: Add, Mul, Pow, Max, Heaviside."""
    if expr in values:
        return values[expr]
    if expr.is_Number:
        return float(expr)
    args = [_numpy_value(a, values) for a in expr.args]
    if isinstance(expr, sp.Add):
        return sum(args[1:], args[0])
    if isinstance(expr, sp.Mul):
        product = args[0]
        for a in args[1:]:
            product = product * a
        return product
    if isinstance(expr, sp.Pow):
        return args[0] ** args[1]
    if isinstance(expr, sp.Max):
        return np.maximum.reduce(np.broadcast_arrays(*args))
    if isinstance(expr, sp.Heaviside):
        return np.where(args[0] > 0, 1.0, np.where(args[0] < 0, 0.0, args[1]))
    raise TypeError(f"cannot evaluate {type(expr).__name__} numerically here")


def _sample_values(f: Formulas, data: _Data, w, b) -> dict:
    return {
        **{s: data.X[:, j] for j, s in enumerate(f.x)},
        **{s: float(v) for s, v in zip(f.w, w, strict=True)},
        f.b: float(b),
        f.y: data.y,
    }


def _exact_value(expr: sp.Basic, values: dict):
    return expr.xreplace(values)


# ---------------------------------------------------------------------------------------------
# Public functions


def activation(w, b, x):
    """max(0, w·x + b) for one input x: exact for integers and fractions, else a float.

    >>> activation([2, -1], Fraction(1, 2), [1, 1]), activation([2, -1], 0.5, [1, 3])
    (3/2, 0.0)
    """
    data = _Data.read([x], [0], w, b)
    f = formulas(data.n)
    if data.exact:
        values = {**dict(zip(f.x, data.X[0], strict=True)), **dict(zip(f.w, data.w, strict=True))}
        return _exact_value(f.activation, {**values, f.b: data.b})
    return float(_numpy_value(f.activation, _sample_values(f, data, data.w, data.b))[0])


def activation_gradient(w, b, x):
    """``(∂act/∂w, ∂act/∂b)``: a 1 × n row (numerator layout) and a number.

    xᵀ and 1 where z = w·x + b > 0; 0ᵀ and 0 where z ≤ 0 (slope 0 at z = 0, as in the paper).

    >>> activation_gradient([2, -1], Fraction(1, 2), [1, 1])
    (Matrix([[1, 1]]), 1)
    >>> activation_gradient([1, 1], 0, [1, -1])
    (Matrix([[0, 0]]), 0)
    >>> dw, db = activation_gradient([2.0, -1.0], 0.5, [1.0, 1.0]); dw.tolist(), db
    ([[1.0, 1.0]], 1.0)
    """
    data = _Data.read([x], [0], w, b)
    f = formulas(data.n)
    if data.exact:
        values = {**dict(zip(f.x, data.X[0], strict=True)), **dict(zip(f.w, data.w, strict=True))}
        values[f.b] = data.b
        return _exact_value(f.d_act_dw, values), _exact_value(f.d_act_db, values)[0]
    values = _sample_values(f, data, data.w, data.b)
    dw = np.array([[float(_numpy_value(e, values)[0]) for e in f.d_act_dw]])
    return dw, float(_numpy_value(f.d_act_db[0], values)[0])


def loss(X, y, w, b):
    """C = (1/N) Σ_i (y_i − max(0, w·x_i + b))² over the rows x_i of X.

    >>> loss([[2, 1], [-1, 3]], [1, 0], [1, -1], Fraction(1, 2))
    1/8
    >>> loss([[2.0, 1.0], [-1.0, 3.0]], [1.0, 0.0], [1.0, -1.0], 0.5)
    0.125
    """
    return _loss(_Data.read(X, y, w, b))


def _loss(data: _Data):
    f = formulas(data.n)
    if data.exact:
        return sum(_exact_terms(f, data, f.sample_loss), sp.S.Zero) / data.N
    values = _sample_values(f, data, data.w, data.b)
    return float(np.mean(_numpy_value(f.sample_loss, values)))


def _exact_terms(f: Formulas, data: _Data, expr):
    parameters = {**dict(zip(f.w, data.w, strict=True)), f.b: data.b}
    for row, target in zip(data.X, data.y, strict=True):
        yield _exact_value(expr, {**parameters, **dict(zip(f.x, row, strict=True)), f.y: target})


@dataclass(frozen=True)
class LossGradient:
    """∂C/∂w (``dw``, a 1 × n row in numerator layout) and ∂C/∂b (``db``), with each sample's
    error ``e_i = w·x_i + b − y_i`` and whether it is active (z_i > 0: it counts in the sums).

    Exact inputs give a sympy Matrix and Rationals (tuples per sample); floats give numpy arrays.
    """

    dw: sp.Matrix | np.ndarray
    db: object
    errors: tuple | np.ndarray
    active: tuple | np.ndarray


def loss_gradient(X, y, w, b) -> LossGradient:
    """∂C/∂w = (2/N) Σ_{i active} e_i x_iᵀ (1 × n) and ∂C/∂b = (2/N) Σ_{i active} e_i.

    Each sample's case stays inside the sum: an inactive sample (z_i ≤ 0) adds nothing.

    >>> g = loss_gradient([[2, 1], [-1, 3]], [1, 0], [1, -1], Fraction(1, 2))
    >>> g.dw, g.db, g.errors, g.active
    (Matrix([[1, 1/2]]), 1/2, (1/2, -7/2), (True, False))
    >>> g = loss_gradient([[2.0, 1.0], [-1.0, 3.0]], [1.0, 0.0], [1.0, -1.0], 0.5)
    >>> g.dw.tolist(), g.db, g.active.tolist()
    ([[1.0, 0.5]], 0.5, [True, False])
    """
    return _gradient(_Data.read(X, y, w, b))


def loss_gradient_case_outside(X, y, w, b) -> LossGradient:
    """The WRONG gradient some printings of the paper give, for comparison only.

    They pull the ReLU's case outside the sum: ∂C/∂w = 0ᵀ if z ≤ 0, else
    (2/N) Σ_i e_i x_iᵀ over *every* sample. Its "else" branch (computed here, 1 × n, numerator
    layout) counts the inactive samples too, as if each were on the ReLU's slope-1 side, so it
    differs from :func:`loss_gradient` whenever some samples are active and others are not.
    ``active`` still says which samples really are active (z_i > 0).

    >>> g = loss_gradient_case_outside([[2, 1], [-1, 3]], [1, 0], [1, -1], Fraction(1, 2))
    >>> g.dw, g.db, g.active
    (Matrix([[9/2, -10]]), -3, (True, False))
    """
    data = _Data.read(X, y, w, b)
    return _gradient(data, _every_sample_counted(data.n))


@lru_cache(maxsize=MAX_FEATURES)
def _every_sample_counted(n: int) -> tuple[sp.Matrix, sp.Matrix]:
    """∂/∂w and ∂/∂b of (y − z)²: one sample's loss with max(0, z) replaced by z."""
    f = formulas(n)
    linear = (f.y - f.z) ** 2
    return jacobian(linear, f.w), jacobian(linear, f.b)


def _gradient(data: _Data, partials: tuple[sp.Matrix, sp.Matrix] | None = None) -> LossGradient:
    f = formulas(data.n)
    d_loss_dw, d_loss_db = partials or (f.d_loss_dw, f.d_loss_db)
    z_minus_y = f.z - f.y
    if data.exact:
        dw = sum(_exact_terms(f, data, d_loss_dw), sp.zeros(1, data.n)) / data.N
        db = sum(_exact_terms(f, data, d_loss_db[0]), sp.S.Zero) / data.N
        zs = tuple(_exact_terms(f, data, f.z))
        errors = tuple(_exact_terms(f, data, z_minus_y))
        return LossGradient(dw, db, errors, tuple(bool(z > 0) for z in zs))
    values = _sample_values(f, data, data.w, data.b)
    per_sample_dw = [_numpy_value(e, values) for e in d_loss_dw]
    dw = np.array([[float(np.mean(np.broadcast_to(g, (data.N,)))) for g in per_sample_dw]])
    db = float(np.mean(np.broadcast_to(_numpy_value(d_loss_db[0], values), (data.N,))))
    z = np.broadcast_to(_numpy_value(f.z, values), (data.N,))
    return LossGradient(dw, db, z - data.y, z > 0)


def train(X, y, w, b, rate=0.01, steps: int = 100) -> list[tuple]:
    """Gradient descent on C: ``w ← w − rate·(∂C/∂w)ᵀ``, ``b ← b − rate·∂C/∂b``, ``steps`` times.

    Returns one ``(w, b, loss)`` per step, after that step's update: w as a tuple. Exact when the
    data, the start and the rate are all integers or fractions (``rate=Fraction(1, 10)``), else
    floats.

    >>> train([[1], [2]], [2, 4], [0], 1, rate=Fraction(1, 10), steps=2)
    [((7/10,), 7/5, 29/40), ((93/100,), 151/100, 1181/4000)]
    """
    if not isinstance(steps, numbers.Integral) or not 0 <= steps <= 100_000:
        raise ValueError(f"steps must be a whole number from 0 to 100000, not {steps!r}")
    data = _Data.read(X, y, w, b)
    exact = data.exact and _is_exact(rate)
    if data.exact and not exact:
        data = _Data.read(X, y, [float(v) for v in data.w], float(data.b))
    rate = _number(rate, exact)
    history = []
    for _ in range(steps):
        g = _gradient(data)
        if exact:
            w = [wj - rate * gj for wj, gj in zip(data.w, g.dw, strict=True)]
        else:
            w = data.w - rate * g.dw[0]
        data = replace(data, w=w, b=data.b - rate * g.db)
        history.append((tuple(data.w), data.b, _loss(data)))
    return history
