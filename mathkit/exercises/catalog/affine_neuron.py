"""Notebook 01, the affine neuron: z = w·x + b and the ReLU activation max(0, z)."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="neuron.dz_db",
        kind="expression",
        title="∂z/∂b for the affine neuron",
        prompt=r"A neuron with $n = 3$ inputs computes $z(\mathbf{x}) = \mathbf{w}\cdot\mathbf{x}"
        r" + b = w_1x_1 + w_2x_2 + w_3x_3 + b$. What is $\dfrac{\partial z}{\partial b}$?"
        " (A single number or expression: no layout to choose.)",
        example="affine",
        variables="w1 w2 w3 b",
        hint="When only b changes, every $w_ix_i$ term is a constant.",
        wrt="b",
    ),
    Exercise(
        key="neuron.dz_dw2",
        kind="expression",
        title="∂z/∂w₂ for the affine neuron",
        prompt=r"For the same $z = w_1x_1 + w_2x_2 + w_3x_3 + b$, what is "
        r"$\dfrac{\partial z}{\partial w_2}$? Type names as `x1` or `w3`.",
        example="affine",
        variables="w1 w2 w3 b",
        hint=r"Only one term contains $w_2$; the inputs $x_i$ are constants here.",
        wrt="w2",
    ),
    Exercise(
        key="neuron.grad_w_shape",
        kind="shape",
        title="The shape of ∂z/∂w",
        prompt=r"$z = \mathbf{w}\cdot\mathbf{x} + b$ is a scalar and "
        r"$\mathbf{w} = [w_1, w_2, w_3]^T$. What is the shape of "
        rf"$\dfrac{{\partial z}}{{\partial \mathbf{{w}}}}$ in {NUMERATOR}? "
        "Type it like `2x3` (rows x columns).",
        example="affine",
        variables="w1 w2 w3",
        hint="Numerator layout: one row per function (z is one function), one column per variable.",
    ),
    Exercise(
        key="neuron.relu_at_minus1",
        kind="expression",
        title="ReLU's slope at z = −1",
        prompt=r"The activation is $\mathrm{ReLU}(z) = \max(0, z)$. What is its derivative "
        r"$\dfrac{d}{dz}\max(0, z)$ at $z = -1$?",
        example="relu",
        hint="For z < 0, max(0, z) is the constant 0.",
        wrt="z",
        at=(("z", -1),),
    ),
    Exercise(
        key="neuron.relu_at_2",
        kind="expression",
        title="ReLU's slope at z = 2",
        prompt=r"What is the derivative of $\max(0, z)$ at $z = 2$?",
        example="relu",
        hint="For z > 0, max(0, z) is z itself.",
        wrt="z",
        at=(("z", 2),),
    ),
)
