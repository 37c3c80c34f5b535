"""Notebook 05, the four shape cases: shapes in denominator layout, and which case is which."""

from __future__ import annotations

from ..model import Exercise
from . import DENOMINATOR

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="shapes.gradient_denominator",
        kind="shape",
        title="The shape of ∂f/∂x in denominator layout",
        prompt=r"$f(x, y) = 3x^2y$ is a scalar function of $\mathbf{x} = [x, y]^T$. What is the "
        rf"shape of $\dfrac{{\partial f}}{{\partial \mathbf{{x}}}}$ in {DENOMINATOR}?",
        example="paper_gradient",
        layout="denominator",
        hint="Denominator layout turns the gradient row into a column.",
    ),
    Exercise(
        key="shapes.circle_denominator",
        kind="shape",
        title="The shape of ∂f/∂t in denominator layout",
        prompt=r"$\mathbf{f}(t) = [\cos t,\ \sin t]^T$. What is the shape of "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial t}}$ in {DENOMINATOR}?",
        example="circle",
        layout="denominator",
        hint="Denominator layout: one row per variable, one column per function.",
    ),
    Exercise(
        key="shapes.case_circle",
        kind="case",
        title="Which case is f(t) = [cos t, sin t]?",
        prompt=r"Which of the four cases is $\dfrac{\partial \mathbf{f}}{\partial t}$ for "
        r"$\mathbf{f}(t) = [\cos t,\ \sin t]^T$? 1: scalar $f$, scalar $x$; 2: scalar $f$, vector "
        r"$\mathbf{x}$; 3: vector $\mathbf{f}$, scalar $x$; 4: vector $\mathbf{f}$, vector "
        r"$\mathbf{x}$. (The case does not depend on the layout.)",
        example="circle",
        hint="Is f one number or several? Is t one number or several?",
        x_name="t",
    ),
    Exercise(
        key="shapes.case_neuron",
        kind="case",
        title="Which case is the neuron's activation?",
        prompt=r"Which case is $\dfrac{\partial\, \mathrm{activation}}{\partial \mathbf{w}}$ for "
        r"$\mathrm{activation} = \max(0, \mathbf{w}\cdot\mathbf{x} + b) = \max(0, w_1x_1 + "
        r"w_2x_2 + b)$ with $\mathbf{w} = [w_1, w_2]^T$? Answer 1, 2, 3 or 4 (1: scalar/scalar, "
        "2: scalar of a vector, 3: vector of a scalar, 4: vector of a vector).",
        example="neuron",
        variables="w1 w2",  # w = [w1, w2], as the prompt says (the example also varies b)
        hint="Is the activation one number or several? And is w?",
        f_name="activation",
        x_name="w",
    ),
)
