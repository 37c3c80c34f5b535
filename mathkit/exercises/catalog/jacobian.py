"""Notebook 03, the Jacobian: the paper's f(x, y) = [3x²y, 2x + y⁸] in both layouts, and a warp."""

from __future__ import annotations

from ..model import Exercise
from . import DENOMINATOR, NUMERATOR

EXERCISES: tuple[Exercise, ...] = (
    Exercise(
        key="jacobian.paper",
        kind="matrix",
        title="The Jacobian of [3x²y, 2x + y⁸]",
        prompt=r"$\mathbf{f}(x, y) = [f_1, f_2]^T = [3x^2y,\ 2x + y^8]^T$. Type its Jacobian "
        rf"$J = \dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}, "
        "as `[[a, b], [c, d]]`.",
        example="paper_jacobian",
        hint=r"Row $i$ is the gradient of $f_i$: stack $\nabla f_1$ on top of $\nabla f_2$.",
    ),
    Exercise(
        key="jacobian.paper_denominator",
        kind="matrix",
        title="The same Jacobian, denominator layout",
        prompt=r"The same $\mathbf{f} = [3x^2y,\ 2x + y^8]^T$: type "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {DENOMINATOR}.",
        example="paper_jacobian",
        layout="denominator",
        hint="Denominator layout is the transpose: column i is the gradient of fᵢ.",
    ),
    Exercise(
        key="jacobian.warp",
        kind="matrix",
        title="The Jacobian of [x + sin y, y + sin x]",
        prompt=r"$\mathbf{f}(x, y) = [x + \sin y,\ y + \sin x]^T$. Type its Jacobian in "
        + NUMERATOR
        + ".",
        example="warp",
        hint=r"Row 1 is $\nabla f_1 = [\partial f_1/\partial x, \partial f_1/\partial y]$; "
        r"$\frac{d}{dy}\sin y = \cos y$.",
    ),
    Exercise(
        key="jacobian.tall",
        kind="matrix",
        title="A tall Jacobian: three functions of two variables",
        prompt=r"$\mathbf{f}(x, y) = [x + y,\ xy,\ y^2]^T$ with $\mathbf{x} = [x, y]^T$. Type its "
        r"Jacobian "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {NUMERATOR}, "
        "as a list of rows `[[a, b], ...]`.",
        functions="[x + y, x*y, y^2]",
        variables="x y",
        hint=r"One row per function, one column per variable: row $i$ is $\nabla f_i$.",
    ),
    Exercise(
        key="jacobian.wide_denominator",
        kind="matrix",
        title="Two functions of three variables, denominator layout",
        prompt=r"$\mathbf{f}(x, y, z) = [xy + z,\ x + yz]^T$ with $\mathbf{x} = [x, y, z]^T$. Type "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {DENOMINATOR}, "
        "as a list of rows `[[a, b], ...]`.",
        functions="[x*y + z, x + y*z]",
        variables="x y z",
        layout="denominator",
        hint=r"In denominator layout column $i$ is the gradient of $f_i$, written downwards.",
    ),
    Exercise(
        key="jacobian.gradient_column",
        kind="matrix",
        title="A gradient in denominator layout",
        prompt=r"$f(x, y) = x^2y + y$. Type $\dfrac{\partial f}{\partial \mathbf{x}}$ in "
        rf"{DENOMINATOR}. A column is typed as a list of one-entry rows, `[[a], [b]]`.",
        functions="x^2*y + y",
        variables="x y",
        layout="denominator",
        hint="The same partials as the gradient row, one per variable, stacked.",
    ),
)
