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
        f_name="z",
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
        f_name="z",
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
        hint="Numerator layout: one row per function, one column per variable. How many of each?",
        f_name="z",
        x_name="w",
    ),
    Exercise(
        key="neuron.relu_at_minus1",
        kind="value",
        title="ReLU's slope at z = −1",
        prompt=r"The activation is $\mathrm{ReLU}(z) = \max(0, z)$. What is its derivative "
        r"$\dfrac{d}{dz}\max(0, z)$ at $z = -1$?",
        example="relu",
        hint="max(0, z) has two pieces, 0 and z: which one is active at z = −1?",
        wrt="z",
        at=(("z", -1),),
    ),
    Exercise(
        key="neuron.relu_at_2",
        kind="value",
        title="ReLU's slope at z = 2",
        prompt=r"What is the derivative of $\max(0, z)$ at $z = 2$?",
        example="relu",
        hint="Which of the two pieces of max(0, z) is active at z = 2, and what is its slope?",
        wrt="z",
        at=(("z", 2),),
    ),
    Exercise(
        key="neuron.relu_at_0",
        kind="value",
        title="ReLU's slope at the corner z = 0",
        prompt=r"At $z = 0$ the graph of $\max(0, z)$ has a corner, and the two pieces disagree "
        r"about the slope. What is $\dfrac{d}{dz}\max(0, z)$ at $z = 0$ under the paper's "
        "convention?",
        example="relu",
        hint="The paper sides with one of the two pieces at the corner: which one, and what is "
        "its slope?",
        wrt="z",
        at=(("z", 0),),
    ),
)
