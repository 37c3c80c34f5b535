"""Notebook 12, the matrix-calculus reference (§8): a mixed self-test across Part 2."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR
from ._part2 import components, composed, loss_text, vector_of

PRODUCT = (("u", "sin(x)"), ("y", "x u"))
SQUARES = (("u", "x ⊗ x"), ("y", "sum(u)"))
# Three samples at w = [2, 1], b = −1: the second (z = −2) is inactive.
X3, Y3 = ((1, 1), (-1, 1), (2, 0)), (1, 0, 1)

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="reference.divide_dw",
        kind="closed_form",
        title="∂(w ⊘ x)/∂w",
        prompt=r"$\mathbf{y} = \mathbf{w} \oslash \mathbf{x}$ with vectors of size 3. Type "
        rf"$\dfrac{{\partial \mathbf{{y}}}}{{\partial \mathbf{{w}}}}$ in {NUMERATOR}, in closed "
        "form or by its entries.",
        functions=components("w ⊘ x", w=3, x=3),
        variables=vector_of("w", 3),
        hint="yᵢ = wᵢ / xᵢ: which wⱼ does yᵢ use, and what is the slope in it?",
        f_name="y",
        x_name="w",
    ),
    Exercise(
        key="reference.sum_xz_dx",
        kind="closed_form",
        title="∂sum(x z)/∂x",
        prompt=r"$y = \mathrm{sum}(\mathbf{x} z)$ with $\mathbf{x}$ of size 3 and $z$ a scalar. "
        rf"Type $\dfrac{{\partial y}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}, in closed form "
        "or by its entries.",
        functions=components("sum(x z)", x=3),
        variables=vector_of("x", 3),
        hint="A scalar of a vector is a row; each term xᵢz has one slope in xᵢ.",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="reference.rule_product",
        kind="chain_rule",
        title="Which chain rule for y = x sin(x)?",
        prompt=r"$y = x \sin x$ with $u = \sin x$, $y = x u$. Which of the paper's chain rules "
        "applies (the simplest that does): single-variable, total-derivative or vector?",
        functions=composed(PRODUCT, "x"),
        variables="x",
        steps=PRODUCT,
        hint="Does the last step use one earlier variable or two?",
        f_name="y",
    ),
    Exercise(
        key="reference.sum_of_squares_factors",
        kind="chain_factors",
        title="The factors of ∂sum(x ⊗ x)/∂x, in order",
        prompt=r"$\mathbf{u} = \mathbf{x} \otimes \mathbf{x}$, $y = \mathrm{sum}(\mathbf{u})$, "
        r"with $\mathbf{x}$ of size 3. Type the two factors of "
        r"$\dfrac{\partial y}{\partial \mathbf{x}}$ by the vector chain rule in "
        rf"{NUMERATOR}, separated by `·`, in the rule's order.",
        functions=composed(SQUARES, "x", x=3),
        variables=vector_of("x", 3),
        steps=SQUARES,
        hint="Outermost first: y in u, then u in x. Name each factor's shape before its entries.",
        f_name="y",
        x_name="x",
    ),
    Exercise(
        key="reference.loss_dw",
        kind="loss_gradient",
        title="∂C/∂w on three samples",
        prompt=r"$C(\mathbf{w}, b) = \frac1N \sum_i \big(y_i - \max(0, \mathbf{w} \cdot "
        r"\mathbf{x}_i + b)\big)^2$ on $\mathbf{x}_1 = [1, 1]^T,\ y_1 = 1$; "
        r"$\mathbf{x}_2 = [-1, 1]^T,\ y_2 = 0$; $\mathbf{x}_3 = [2, 0]^T,\ y_3 = 1$, at "
        r"$\mathbf{w} = [2, 1]^T$, $b = -1$. Compute $\dfrac{\partial C}{\partial \mathbf{w}}$ "
        "in **numerator layout** (the paper's: a row), with exact fractions.",
        functions=loss_text(X3, Y3),
        variables=vector_of("w", 2),
        at=(("w_1", 2), ("w_2", 1), ("b", -1)),
        hint="Which samples have z = w·x + b > 0? Only those enter the sum.",
        f_name="C",
        x_name="w",
    ),
)
