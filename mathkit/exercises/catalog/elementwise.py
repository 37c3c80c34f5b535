"""Notebook 07, element-wise operations (§4.2): Jacobians of w ⊗ x, w − x, w ⊘ x, named in
closed form, and a function whose Jacobian is not diagonal."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR
from ._part2 import components, vector_of

W, X = vector_of("w", 3), vector_of("x", 3)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="elementwise.product_dw",
        kind="closed_form",
        title="∂(w ⊗ x)/∂w",
        prompt=r"$\mathbf{y} = \mathbf{w} \otimes \mathbf{x}$ with $\mathbf{w}, \mathbf{x}$ of "
        r"size 3. Type $\dfrac{\partial \mathbf{y}}{\partial \mathbf{w}}$ in "
        rf"{NUMERATOR}, in closed form or by its entries.",
        functions=components("w ⊗ x", w=3, x=3),
        variables=W,
        hint=r"Expand: $y_i = w_i x_i$. Which $w_j$ does $y_i$ depend on, and what is the "
        r"slope?",
        f_name="y",
        x_name="w",
    ),
    Exercise(
        key="elementwise.minus_dx",
        kind="closed_form",
        title="∂(w − x)/∂x",
        prompt=r"$\mathbf{y} = \mathbf{w} - \mathbf{x}$ with vectors of size 3. Type "
        rf"$\dfrac{{\partial \mathbf{{y}}}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}, in closed "
        "form or by its entries.",
        functions=components("w - x", w=3, x=3),
        variables=X,
        hint=r"$y_i = w_i - x_i$: the slope in $x_i$ is the same for every $i$, and $y_i$ ignores "
        r"$x_j$ for $j \ne i$.",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="elementwise.divide_dx",
        kind="closed_form",
        title="The Jacobian of w ⊘ x with respect to x",
        prompt=r"$\mathbf{y} = \mathbf{w} \oslash \mathbf{x}$ (element-wise division, size 3). "
        rf"Type $\dfrac{{\partial \mathbf{{y}}}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}, in "
        "closed form or by its entries.",
        functions=components("w ⊘ x", w=3, x=3),
        variables=X,
        hint=r"$y_i = w_i / x_i$. Which $x_j$ does $y_i$ contain? Differentiate it with "
        r"$w_i$ held constant (quotient or power rule).",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="elementwise.not_diagonal",
        kind="matrix",
        title="When the Jacobian is not diagonal",
        prompt=r"$\mathbf{y} = [w_2 x_1,\ w_1 x_2]^T$: here $y_i$ uses another $w_j$ than $w_i$. "
        rf"Type $\dfrac{{\partial \mathbf{{y}}}}{{\partial \mathbf{{w}}}}$ in {NUMERATOR}, "
        "as `[[a, b], [c, d]]`.",
        functions="[w_2*x_1, w_1*x_2]",
        variables=vector_of("w", 2),
        hint="Row i is the gradient of yᵢ; in each row, find the only w that yᵢ contains.",
        f_name="y",
        x_name="w",
    ),
)
