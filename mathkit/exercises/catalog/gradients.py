"""Notebook 02, gradients: partial derivatives and ∇f of the paper's f(x, y) = 3x²y and friends."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="gradients.scalar_rules",
        kind="expression",
        title="d/dx of 9(x + x²)",
        prompt=r"The scalar rules first (the paper's §2): what is "
        r"$\dfrac{d}{dx}\,9(x + x^2)$?",
        functions="9*(x + x^2)",
        variables="x",
        hint="A constant factor stays outside (d/dx of c·f is c·df/dx), and the derivative of a "
        "sum is the sum of the derivatives.",
        wrt="x",
    ),
    Exercise(
        key="gradients.3x2y_dy",
        kind="expression",
        title="∂/∂y of 3x²y",
        prompt=r"$f(x, y) = 3x^2y$. What is the partial derivative "
        r"$\dfrac{\partial f}{\partial y}$?",
        example="paper_gradient",
        hint=r"Treat $x$ as a constant: what is $\frac{d}{dy}$ of $c\,y$ for a constant $c$?",
        wrt="y",
    ),
    Exercise(
        key="gradients.3x2y",
        kind="matrix",
        title="∇ of 3x²y",
        prompt=r"$f(x, y) = 3x^2y$. Type its gradient $\nabla f = \left[\dfrac{\partial f}"
        r"{\partial x}, \dfrac{\partial f}{\partial y}\right]$ as a row, in "
        rf"{NUMERATOR}: `[a, b]`.",
        example="paper_gradient",
        hint=r"One partial at a time: for $\partial f/\partial x$ hold $y$ constant, and "
        "vice versa.",
    ),
    Exercise(
        key="gradients.10x2y2",
        kind="matrix",
        title="∇ of 10x²y²",
        prompt=rf"$f(x, y) = 10x^2y^2$. Type $\nabla f$ as a row, in {NUMERATOR}.",
        example="bowl",
        hint=r"$\partial/\partial x$ of $x^2$ is $2x$; $10y^2$ is a constant when $x$ varies.",
    ),
    Exercise(
        key="gradients.g",
        kind="matrix",
        title="∇ of 2x + y⁸",
        prompt=rf"$g(x, y) = 2x + y^8$. Type $\nabla g$ as a row, in {NUMERATOR}.",
        example="paper_g",
        hint=r"Each term depends on one variable only; the other term's slope is 0.",
        f_name="g",
    ),
)
