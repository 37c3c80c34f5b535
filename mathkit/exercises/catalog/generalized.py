"""Notebook 04, generalizing the Jacobian: the identity, a 3 × 3 example and a curve f(t)."""

from __future__ import annotations

from ..model import Exercise
from . import NUMERATOR

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="generalized.identity",
        kind="matrix",
        title="The Jacobian of the identity",
        prompt=r"$\mathbf{y} = \mathbf{f}(\mathbf{x}) = \mathbf{x}$ with "
        r"$\mathbf{x} = [x_1, x_2, x_3]^T$ ($m = n = 3$), so $f_i(\mathbf{x}) = x_i$. Type "
        rf"$\dfrac{{\partial \mathbf{{y}}}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}.",
        example="identity",
        hint=r"Each $f_i = x_i$ contains one variable only: what is its slope in that variable, "
        "and in the others?",
    ),
    Exercise(
        key="generalized.three_by_three",
        kind="matrix",
        title="A 3 × 3 Jacobian",
        prompt=r"$\mathbf{f}(\mathbf{x}) = [x_1^2,\ x_1x_2x_3,\ \sin x_3]^T$ with "
        r"$\mathbf{x} = [x_1, x_2, x_3]^T$. Type its Jacobian in " + NUMERATOR + ".",
        example="three_by_three",
        hint=r"Row 2 is $\nabla(x_1x_2x_3)$: for each partial, hold the other two variables "
        "constant.",
    ),
    Exercise(
        key="generalized.circle_shape",
        kind="shape",
        title="The shape of ∂f/∂t for f(t) = [cos t, sin t]",
        prompt=r"$\mathbf{f}(t) = [\cos t,\ \sin t]^T$. "
        rf"What is the shape of $\dfrac{{\partial \mathbf{{f}}}}{{\partial t}}$ in {NUMERATOR}? "
        "Type it like `2x3`.",
        example="circle",
        hint="In numerator layout the Jacobian is m × n: count the functions (m) and the "
        "variables (n).",
    ),
)
