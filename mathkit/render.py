"""LaTeX for results, with the layout and the shape always named.

A :class:`Formula` displays as typeset math in Jupyter and as readable plain text elsewhere, so a
notebook cell can show it and nbval can compare it. Its HTML (``_repr_html_``, what JupyterLab and
Voilà show for a trusted output) puts the displayed formula in its own box that scrolls sideways
when the formula is wider than the output and that the keyboard can reach (:func:`math_region`); its
``_repr_latex_`` is the fallback for untrusted outputs and LaTeX-only front ends.

>>> print(jacobian_latex(sp.Matrix([[1, 2]]), "numerator"))
\\frac{\\partial f}{\\partial \\mathbf{x}} = \\left[\\begin{matrix}1 & 2\\end{matrix}\\right] \
\\quad \\text{(1 × 2, numerator layout)}
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import sympy as sp

from .calculus import FunctionLike, Layout, VariablesLike, as_functions, as_variables, jacobian


@dataclass(frozen=True)
class Formula:
    """Math to show: ``latex`` for Jupyter (typeset by MathJax), ``text`` for plain output."""

    latex: str
    text: str

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex}$"

    def _repr_html_(self) -> str:
        return math_region(self.latex, self.text)

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


MATH_REGION_CLASS = "mathkit-math-region"
_REGION_STYLE = "overflow-x:auto;overflow-y:hidden;max-width:100%;padding:2px 0"
_LABEL_CHARS = 80


def math_region(latex: str, text: str) -> str:
    r"""Displayed math (``$$latex$$``) in a box the keyboard can reach and scroll.

    ``tabindex="0"``, ``role="region"`` and an ``aria-label`` from the formula's plain ``text``
    (first line, at most 80 characters); the styles are inline, so the box scrolls a wide formula
    sideways on any page, without mathkit's widget stylesheet. LaTeX and text are HTML-escaped.

    >>> math_region(r"a < b", "a < b")  # doctest: +NORMALIZE_WHITESPACE
    '<div class="mathkit-math-region" tabindex="0" role="region" aria-label="formula: a &lt; b"
    style="overflow-x:auto;overflow-y:hidden;max-width:100%;padding:2px 0">$$a &lt; b$$</div>'
    """
    label = text.strip().splitlines()[0] if text.strip() else "formula"
    if len(label) > _LABEL_CHARS:
        label = label[: _LABEL_CHARS - 1].rstrip() + "…"
    return (
        f'<div class="{MATH_REGION_CLASS}" tabindex="0" role="region" '
        f'aria-label="formula: {html.escape(label)}" style="{_REGION_STYLE}">'
        f"$${html.escape(latex, quote=False)}$$</div>"
    )


def shape_text(shape: tuple[int, int]) -> str:
    """``(2, 3)`` -> ``"2 × 3"``."""
    return f"{shape[0]} × {shape[1]}"


def matrix_latex(M: sp.MatrixBase) -> str:
    """LaTeX of a matrix (or a sympy expression) in square brackets."""
    return sp.latex(M)


def derivative_symbol(
    f_is_vector: bool, x_is_vector: bool, f_name: str = "f", x_name: str = "x"
) -> str:
    r"""∂f/∂x with bold letters for vectors, e.g. ``\frac{\partial \mathbf{f}}{\partial x}``.

    ``f_name`` and ``x_name`` are LaTeX, such as ``"z"`` or ``"w"``; vectors are set in bold.
    """
    f = rf"\mathbf{{{f_name}}}" if f_is_vector else f_name
    x = rf"\mathbf{{{x_name}}}" if x_is_vector else x_name
    return rf"\frac{{\partial {f}}}{{\partial {x}}}"


def layout_note(shape: tuple[int, int], layout: Layout) -> str:
    r"""``\text{(2 × 3, numerator layout)}``."""
    return rf"\text{{({shape_text(shape)}, {layout} layout)}}"


def jacobian_latex(J: sp.MatrixBase, layout: Layout, lhs: str | None = None) -> str:
    """``∂f/∂x = [J]  (rows × cols, layout)``: the matrix with its shape and layout named."""
    lhs = derivative_symbol(False, True) if lhs is None else lhs
    return rf"{lhs} = {matrix_latex(J)} \quad {layout_note(J.shape, layout)}"


def show_jacobian(
    f: FunctionLike,
    wrt: VariablesLike,
    layout: Layout = "numerator",
    f_name: str = "f",
    x_name: str | None = None,
) -> Formula:
    """The Jacobian of f as a :class:`Formula`, shape and layout named.

    The left-hand side is ∂f/∂x, bold for vectors; a single variable is named as itself (∂f/∂z),
    and ``f_name`` / ``x_name`` rename either side (e.g. ``f_name="z", x_name="w"`` for ∂z/∂w).

    >>> show_jacobian("[3x^2 y, 2x + y^8]", "x y")
    ∂f/∂x = [[6*x*y, 3*x**2], [2, 8*y**7]]   (2 × 2, numerator layout)
    >>> show_jacobian("max(0, z)", "z", f_name="a")
    ∂a/∂z = [[Heaviside(z, 0)]]   (1 × 1, numerator layout)
    """
    F, f_is_vector = as_functions(f)
    x, x_is_vector = as_variables(wrt)
    if x_name is None:
        x_name = "x" if x_is_vector else sp.latex(x[0])
    J = jacobian(F if f_is_vector else F[0], x if x_is_vector else x[0], layout)
    plain_x = str(x[0]) if not x_is_vector and x_name == sp.latex(x[0]) else x_name
    text = (
        f"∂{f_name}/∂{plain_x} = {sp.sstr(J.tolist())}   ({shape_text(J.shape)}, {layout} layout)"
    )
    lhs = derivative_symbol(f_is_vector, x_is_vector, f_name, x_name)
    return Formula(jacobian_latex(J, layout, lhs), text)


def show_gradients(f: FunctionLike, wrt: VariablesLike) -> Formula:
    r"""Each row of the numerator-layout Jacobian as the gradient of one function: ∇f_i = [...].

    >>> show_gradients("[x*y, x + y]", "x y")
    ∇f_1 = [y, x]   (1 × 2, numerator layout)
    ∇f_2 = [1, 1]   (1 × 2, numerator layout)
    """
    F, _ = as_functions(f)
    x, _ = as_variables(wrt)
    J = jacobian(F, x)
    rows = [J.row(i) for i in range(J.rows)]
    latex = r" \\ ".join(
        rf"\nabla f_{{{i + 1}}} &= {matrix_latex(r)} \quad {layout_note(r.shape, 'numerator')}"
        for i, r in enumerate(rows)
    )
    text = "\n".join(
        f"∇f_{i + 1} = {sp.sstr(list(r))}   ({shape_text(r.shape)}, numerator layout)"
        for i, r in enumerate(rows)
    )
    return Formula(rf"\begin{{aligned}} {latex} \end{{aligned}}", text)


def show_value(name: str, M: sp.MatrixBase, layout: Layout | None = None) -> Formula:
    """A named matrix, e.g. a Jacobian evaluated at a point, with its shape (and layout if any)."""
    note = layout_note(M.shape, layout) if layout else rf"\text{{({shape_text(M.shape)})}}"
    tail = f"{shape_text(M.shape)}, {layout} layout" if layout else shape_text(M.shape)
    text = f"{name} = {sp.sstr(M.tolist())}   ({tail})"
    return Formula(rf"{name} = {matrix_latex(M)} \quad {note}", text)
