"""Notebook 11, the gradient of the loss (§6): ∂C/∂w and ∂C/∂b by hand on small data sets, with
each sample's case (active or not) inside the sum."""

from __future__ import annotations

from ..model import Exercise
from ._part2 import loss_text, vector_of

# Three samples xᵢ = [xᵢ₁, xᵢ₂] with targets yᵢ; at w = [1, −1], b = 1/2 the second is inactive.
X3, Y3 = ((2, 1), (1, 3), (3, 1)), (1, 2, 2)
AT3 = (("w_1", 1), ("w_2", -1), ("b", 0.5))
DATA3 = (
    r"three samples $\mathbf{x}_1 = [2, 1]^T,\ y_1 = 1$; $\mathbf{x}_2 = [1, 3]^T,\ y_2 = 2$; "
    r"$\mathbf{x}_3 = [3, 1]^T,\ y_3 = 2$, at $\mathbf{w} = [1, -1]^T$, $b = \tfrac12$"
)
LOSS = (
    r"$C(\mathbf{w}, b) = \frac1N \sum_{i=1}^N \big(y_i - \max(0, \mathbf{w} \cdot "
    r"\mathbf{x}_i + b)\big)^2$"
)
# Two samples of one feature, both active at w = 1, b = 1.
X2, Y2 = ((1,), (2,)), (3, 1)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="loss.dw",
        kind="loss_gradient",
        title="∂C/∂w on three samples, one inactive, by hand",
        prompt=f"The loss {LOSS} on {DATA3}. Compute "
        r"$\dfrac{\partial C}{\partial \mathbf{w}}$ by hand in **numerator layout** (the "
        "paper's: a row, one column per wⱼ), with exact fractions like `7/4`.",
        functions=loss_text(X3, Y3),
        variables=vector_of("w", 2),
        at=AT3,
        hint="First find zᵢ = w·xᵢ + b for each sample: which ones are active (zᵢ > 0)? Only "
        "they contribute, each with its error times its xᵢᵀ.",
        f_name="C",
        x_name="w",
    ),
    Exercise(
        key="loss.db",
        kind="loss_gradient",
        title="∂C/∂b on the same three samples",
        prompt=f"The same loss and data ({DATA3}). Compute "
        r"$\dfrac{\partial C}{\partial b}$, one number, as an exact fraction.",
        functions=loss_text(X3, Y3),
        variables="b",
        at=AT3,
        hint="Like ∂C/∂w, with the input xᵢ replaced by 1: ∂zᵢ/∂b = 1.",
        f_name="C",
        x_name="b",
    ),
    Exercise(
        key="loss.error_b",
        kind="loss_gradient",
        title="∂C/∂b on two active samples: the sign of the error",
        prompt=f"The loss {LOSS} with one feature on two samples, $x_1 = 1,\\ y_1 = 3$ and "
        r"$x_2 = 2,\ y_2 = 1$, at $w = 1$, $b = 1$. Compute $\dfrac{\partial C}{\partial b}$, "
        "one number.",
        functions=loss_text(X2, Y2),
        variables="b",
        at=(("w_1", 1), ("b", 1)),
        hint="Both samples are active here. Write each error as prediction minus target, or "
        "check which way the minus sign goes when you differentiate (yᵢ − activationᵢ)².",
        f_name="C",
        x_name="b",
    ),
)
