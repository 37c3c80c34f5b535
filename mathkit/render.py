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
import re
from dataclasses import dataclass

import sympy as sp
from sympy.printing.latex import LatexPrinter

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


class _LatexPrinter(LatexPrinter):
    """sympy's LaTeX with the slope of ReLU, ``Heaviside(z, 0)``, written ``step(z)``."""

    def _print_Heaviside(self, expr, exp=None) -> str:
        z, at_zero = expr.args
        if at_zero != 0:
            return super()._print_Heaviside(expr, exp)
        shown = rf"\operatorname{{step}}\left({self._print(z)}\right)"
        return f"{shown}^{{{exp}}}" if exp else shown


def latex(expr) -> str:
    r"""LaTeX of a sympy expression or matrix, ``Heaviside(z, 0)`` written as step(z).

    >>> z = sp.Symbol("z")
    >>> latex(sp.Heaviside(z, 0) * z)
    'z \\operatorname{step}\\left(z\\right)'
    """
    return _LatexPrinter().doprint(expr)


def plain(expr) -> str:
    """Plain text of a sympy expression or matrix as the course writes it (x², max, step)."""
    from .text import text  # text imports this module

    return text(expr)


def matrix_latex(M: sp.MatrixBase) -> str:
    """LaTeX of a matrix (or a sympy expression) in square brackets."""
    return latex(M)


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
    ∂f/∂x = [[6xy, 3x²], [2, 8y⁷]]   (2 × 2, numerator layout)
    >>> show_jacobian("max(0, z)", "z", f_name="a")
    ∂a/∂z = [step(z)]   (1 × 1, numerator layout)
    """
    F, f_is_vector = as_functions(f)
    x, x_is_vector = as_variables(wrt)
    if x_name is None:
        x_name = "x" if x_is_vector else sp.latex(x[0])
    J = jacobian(F if f_is_vector else F[0], x if x_is_vector else x[0], layout)
    plain_x = str(x[0]) if not x_is_vector and x_name == sp.latex(x[0]) else x_name
    text = f"∂{f_name}/∂{plain_x} = {plain(J)}   ({shape_text(J.shape)}, {layout} layout)"
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
        f"∇f_{i + 1} = {plain(r)}   ({shape_text(r.shape)}, numerator layout)"
        for i, r in enumerate(rows)
    )
    return Formula(rf"\begin{{aligned}} {latex} \end{{aligned}}", text)


def show_value(
    name: str, M: sp.MatrixBase, layout: Layout | None = None, text_name: str | None = None
) -> Formula:
    r"""A named matrix, e.g. a Jacobian evaluated at a point, with its shape (and layout if any).

    ``name`` is LaTeX; ``text_name`` is the same name in plain text, when they differ.

    >>> w1 = sp.Symbol("w_1")
    >>> show_value(r"\frac{\partial z}{\partial w_1}", sp.Matrix([[w1**2, 1]]), None, "∂z/∂w")
    ∂z/∂w = [w₁², 1]   (1 × 2)
    """
    note = layout_note(M.shape, layout) if layout else rf"\text{{({shape_text(M.shape)})}}"
    tail = f"{shape_text(M.shape)}, {layout} layout" if layout else shape_text(M.shape)
    text = f"{text_name or name} = {plain(M)}   ({tail})"
    return Formula(rf"{name} = {matrix_latex(M)} \quad {note}", text)


def show_chain(c) -> Formula:
    r"""A :class:`mathkit.chain.Chain` as a :class:`Formula`: the steps, the rule, the factors
    with their shapes (written under each factor), the result; plain text line by line.

    >>> from mathkit.chain import chain
    >>> shown = show_chain(chain([("u", "x^2"), ("y", "sin(u)")], "x"))
    >>> shown
    u = x², y = sin(u)
    dy/dx = dy/du · du/dx   (single-variable chain rule, numerator layout)
          = cos(u) (1 × 1) · 2x (1 × 1)
          = 2x·cos(x²)
    >>> r"\underset{1 \times 1}" in shown.latex, r"\underbrace" in shown.latex
    (True, False)
    """
    steps = ", ".join(f"{_indexed(name)} = {_entry_text(e)}" for name, e in c.steps)
    output = _indexed(c.steps[-1][0])
    d = "∂" if c.rule == "vector" else "d"
    labels = [label for label, _ in (c.terms if c.rule == "total-derivative" else c.factors)]
    symbolic = _indexed((" + " if c.rule == "total-derivative" else " · ").join(labels))
    shaped = " · ".join(f"{_entry_text(M)} ({shape_text(M.shape)})" for _, M in c.factors)
    if c.rule == "total-derivative":  # one term per path, as the line above names them
        shaped = " + ".join(_entry_text(M) for _, M in c.terms)
    lhs = f"{d}{output}/{d}{c.wrt_label} = "
    pad = " " * (len(lhs) - 2)
    text = "\n".join(
        [
            steps,
            f"{lhs}{symbolic}   ({c.rule} chain rule, numerator layout)",
            f"{pad}= {shaped}",
            f"{pad}= {_entry_text(c.result)}",
        ]
    )
    latex = _underset_braces(c.latex).replace(r"\log{", r"\ln{")
    # one intermediate per line (the first row lists them all): narrow enough for a projector
    steps_row, rest = latex.split(r"\\ ", 1)
    latex = steps_row.replace(r",\quad ", r"\\ &") + r"\\ " + rest
    return Formula(latex, text)


def _indexed(words: str) -> str:
    """``du3/du2`` -> ``du₃/du₂``: a digit after a letter, as a subscript."""
    from .text import subscript

    return re.sub(r"(?<=[A-Za-z])(\d+)", lambda m: subscript(int(m.group(1))), words)


def _entry_text(M) -> str:
    """A 1 × 1 matrix as its entry, anything else as it is, in plain text."""
    return plain(M[0] if isinstance(M, sp.MatrixBase) and M.shape == (1, 1) else M)


def _underset_braces(latex_text: str) -> str:
    r"""``\underbrace{A}_{S}`` -> ``\underset{S}{A}``: the same label under A, without a
    stretched brace (MathJax draws a brace's extender as a long clipped glyph run, which the
    fit check rightly reports as cut, and a wide brace is hard to read on a projector).

    >>> _underset_braces(r"\underbrace{\frac{1}{u}}_{1 \times 1}\,x")
    '\\underset{1 \\times 1}{\\frac{1}{u}}\\,x'
    """
    out, rest = [], latex_text
    while (start := rest.find(r"\underbrace{")) >= 0:
        body_end = _closing_brace(rest, start + len(r"\underbrace{") - 1)
        if not rest.startswith("_{", body_end + 1):
            break
        label_end = _closing_brace(rest, body_end + 2)
        body = rest[start + len(r"\underbrace{") : body_end]
        label = rest[body_end + 3 : label_end]
        out.append(rest[:start] + rf"\underset{{{label}}}{{{body}}}")
        rest = rest[label_end + 1 :]
    return "".join(out) + rest


def _closing_brace(text: str, opening: int) -> int:
    r"""The index of the ``}`` that closes the ``{`` at ``opening`` (``\{`` and ``\}`` skipped)."""
    depth, i = 0, opening
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i
        i += 1
    raise ValueError("unbalanced braces in LaTeX")
