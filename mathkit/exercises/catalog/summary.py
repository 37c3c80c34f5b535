"""Notebook 06, summary and self-test: one exercise of each kind, mixing the notebooks."""

from __future__ import annotations

from ..model import Exercise
from . import DENOMINATOR

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="summary.bowl_dy",
        kind="expression",
        title="∂/∂y of 10x²y²",
        prompt=r"$f(x, y) = 10x^2y^2$. What is $\dfrac{\partial f}{\partial y}$?",
        example="bowl",
        hint=r"Hold $x$ constant: $10x^2$ is a coefficient.",
        wrt="y",
    ),
    Exercise(
        key="summary.warp_denominator",
        kind="matrix",
        title="A Jacobian in denominator layout",
        prompt=r"$\mathbf{f}(x, y) = [x + \sin y,\ y + \sin x]^T$. Type "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {DENOMINATOR}.",
        example="warp",
        layout="denominator",
        hint="Find the numerator-layout Jacobian first, then transpose it.",
    ),
    Exercise(
        key="summary.neuron_shape",
        kind="shape",
        title="The shape of the neuron's gradient, denominator layout",
        prompt=r"$\mathrm{activation} = \max(0, \mathbf{w}\cdot\mathbf{x} + b)$ with "
        r"$\mathbf{w} = [w_1, w_2]^T$ and $\mathbf{x} = [x_1, x_2]^T$. What is the shape of "
        r"$\dfrac{\partial\, \mathrm{activation}}{\partial \mathbf{w}}$ in "
        rf"{DENOMINATOR}?",
        example="neuron",
        variables="w1 w2",  # w = [w1, w2], as the prompt says (the example also varies b)
        layout="denominator",
        hint="Count the functions and the variables in w; then ask which of them gives the rows "
        "in denominator layout.",
        f_name="activation",
        x_name="w",
    ),
    Exercise(
        key="summary.case_jacobian",
        kind="case",
        title="Which case is f(x, y) = [3x²y, 2x + y⁸]?",
        prompt=r"Which of the four cases (1 to 4) is $\dfrac{\partial \mathbf{f}}{\partial "
        r"\mathbf{x}}$ for $\mathbf{f}(x, y) = [3x^2y,\ 2x + y^8]^T$?",
        example="paper_jacobian",
        hint="Count f's outputs and the variables: one or several?",
    ),
)
