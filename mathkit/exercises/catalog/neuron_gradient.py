"""Notebook 10, the gradient of neuron activation (§5): ∂z/∂w = xᵀ, ∂z/∂b = 1, the three factors
of ∂activation/∂w when the sum and the bias are one step, and its shape."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR
from ._part2 import components, composed, vector_of

W = vector_of("w", 3)
# notebook 10's intermediates with y = sum(u) and z = y + b merged into one step, and
# a = activation (a step is named by one letter)
ACTIVATION = (("u", "w ⊗ x"), ("z", "sum(u) + b"), ("a", "max(0, z)"))

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="neuron_gradient.dz_dw",
        kind="closed_form",
        title="∂z/∂w for z = w · x + b",
        prompt=r"$z = \mathbf{w} \cdot \mathbf{x} + b$ with $\mathbf{w}, \mathbf{x}$ of size 3. "
        rf"Type $\dfrac{{\partial z}}{{\partial \mathbf{{w}}}}$ in {NUMERATOR}, in closed form "
        "or by its entries.",
        functions=components("w · x + b", w=3, x=3),
        variables=W,
        hint="z is a scalar and w a vector: how many rows and columns? Then ∂z/∂wᵢ for one i.",
        f_name="z",
        x_name="w",
    ),
    Exercise(
        key="neuron_gradient.dz_db",
        kind="expression",
        title="∂z/∂b for z = w · x + b",
        prompt=r"For the same $z = \mathbf{w} \cdot \mathbf{x} + b$, what is "
        r"$\dfrac{\partial z}{\partial b}$? (One expression: no layout to choose.)",
        functions=components("w · x + b", w=3, x=3),
        variables=f"{W} b",
        wrt="b",
        hint=r"When only b changes, $\mathbf{w} \cdot \mathbf{x}$ is a constant.",
        f_name="z",
    ),
    Exercise(
        key="neuron_gradient.activation_factors",
        kind="chain_factors",
        title="The three factors of ∂activation/∂w",
        prompt=r"Merge the sum and the bias of notebook 10's steps into one: "
        r"$\mathbf{u} = \mathbf{w} \otimes \mathbf{x}$, $z = \mathrm{sum}(\mathbf{u}) + b$, "
        r"$a = \mathrm{activation} = \max(0, z)$, with $\mathbf{w}, \mathbf{x}$ of size 3 (the "
        r"notebook splits $z$ into $y = \mathrm{sum}(\mathbf{u})$ and $z = y + b$). For a sample "
        r"where $z > 0$, type the three factors $\dfrac{\partial a}{\partial z} \cdot "
        r"\dfrac{\partial z}{\partial \mathbf{u}} \cdot "
        rf"\dfrac{{\partial \mathbf{{u}}}}{{\partial \mathbf{{w}}}}$ in {NUMERATOR}, separated by "
        "`·`, each in closed form or by its entries.",
        functions=composed(ACTIVATION, "w", w=3, x=3),
        variables=W,
        steps=ACTIVATION,
        at=(("z", 1),),
        hint="Name each factor's shape first (scalar, row or square?), then its entries: max(0, "
        "z) has slope 1 where z > 0; sum(u) adds the uᵢ; uᵢ = wᵢxᵢ.",
        f_name="a",
        x_name="w",
    ),
    Exercise(
        key="neuron_gradient.activation_shape",
        kind="shape",
        title="The shape of ∂activation/∂w",
        prompt=r"$\mathrm{activation} = \max(0, \mathbf{w} \cdot \mathbf{x} + b)$ with "
        r"$\mathbf{w} = [w_1, w_2, w_3]^T$. What is the shape of "
        rf"$\dfrac{{\partial\, \mathrm{{activation}}}}{{\partial \mathbf{{w}}}}$ in {NUMERATOR}? "
        "Type it like `2x3` (rows x columns).",
        functions=components("max(0, w · x + b)", w=3, x=3),
        variables=W,
        hint="Is the activation a scalar or a vector? And w?",
        f_name="activation",
        x_name="w",
    ),
)
