"""Notebook 08, scalar expansion and sum reduction (§4.3–§4.4): x + z, x z, sum(x), sum(x z),
and the dot product as sum(w ⊗ x)."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR
from ._part2 import components, vector_of

X = vector_of("x", 3)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="reductions.scalar_times_dx",
        kind="closed_form",
        title="∂(x z)/∂x",
        prompt=r"$\mathbf{y} = \mathbf{x} z$: the scalar $z$ times every component of "
        rf"$\mathbf{{x}}$ (size 3). Type $\dfrac{{\partial \mathbf{{y}}}}{{\partial "
        rf"\mathbf{{x}}}}$ in {NUMERATOR}, in closed form or by its entries.",
        functions=components("x z", x=3),
        variables=X,
        hint=r"Expand: $y_i = x_i z$. Which $x_j$ does $y_i$ use, and with what slope?",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="reductions.scalar_plus_dz",
        kind="closed_form",
        title="∂(x + z)/∂z",
        prompt=r"$\mathbf{y} = \mathbf{x} + z$: $z$ is added to every component of "
        r"$\mathbf{x}$ (size 3). Type $\dfrac{\partial \mathbf{y}}{\partial z}$ in "
        rf"{NUMERATOR}, in closed form or by its entries.",
        functions=components("x + z", x=3),
        variables="z",
        hint="A vector function of one scalar: one row per yᵢ, one column. What is ∂yᵢ/∂z?",
        f_name="y",
        x_name="z",
    ),
    Exercise(
        key="reductions.sum_dx",
        kind="closed_form",
        title="∂sum(x)/∂x",
        prompt=r"$y = \mathrm{sum}(\mathbf{x}) = \sum_i x_i$ with $\mathbf{x}$ of size 3. Type "
        rf"$\dfrac{{\partial y}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}, in closed form or by "
        "its entries.",
        functions=components("sum(x)", x=3),
        variables=X,
        hint="A scalar of a vector: one row. How much does y change when one xᵢ changes?",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="reductions.sum_xz_dz",
        kind="closed_form",
        title="∂sum(x z)/∂z",
        prompt=r"$y = \mathrm{sum}(\mathbf{x} z) = \sum_i x_i z$ with $\mathbf{x}$ of size 3 and "
        rf"$z$ a scalar. Type $\dfrac{{\partial y}}{{\partial z}}$ ({NUMERATOR}: a scalar of a "
        "scalar, so one entry), in closed form or written out.",
        functions=components("sum(x z)", x=3),
        variables="z",
        hint="Every term of the sum contains z once: differentiate term by term.",
        f_name="y",
        x_name="z",
    ),
    Exercise(
        key="reductions.dot_dw",
        kind="closed_form",
        title="∂(w · x)/∂w",
        prompt=r"$y = \mathbf{w} \cdot \mathbf{x} = \mathrm{sum}(\mathbf{w} \otimes \mathbf{x})$ "
        rf"with vectors of size 3. Type $\dfrac{{\partial y}}{{\partial \mathbf{{w}}}}$ in "
        f"{NUMERATOR}, in closed form or by its entries.",
        functions=components("w · x", w=3, x=3),
        variables=vector_of("w", 3),
        hint="Chain the two pieces: ∂sum(u)/∂u times ∂(w ⊗ x)/∂w, or expand Σ wᵢxᵢ directly.",
        f_name="y",
        x_name="w",
    ),
)
