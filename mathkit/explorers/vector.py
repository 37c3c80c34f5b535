"""6. The vector-notation Jacobian explorer: type the paper's w ⊗ x, x z, sum(x), max(0, w·x + b);
see the scalar components, the Jacobian with its shape and layout, and its name in closed form
(diag(x), xᵀ, I, ...), in either layout (§4.1–§4.4)."""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import sympy as sp

from .. import css
from ..calculus import check_layout, jacobian
from ..closed_form import ClosedForm, _full, closed_form
from ..parse import ParseError, parse
from ..render import layout_note
from ..ui import DEFAULT_BUDGET, as_input, math_html, problem
from ..vectors import check_vectors, vector_variables
from .base import Area, View, _Explorer, _latex, _layout_toggle, _text

MAX_EXPLORER_SIZE = 6


def declared_vectors(names: str, size: int) -> dict[str, int]:
    """``"w x"`` and a size -> ``{"w": size, "x": size}`` (one-letter names, sizes 1 to 6).

    >>> declared_vectors("w, x", 3)
    {'w': 3, 'x': 3}
    """
    if not isinstance(size, int) or not 1 <= size <= MAX_EXPLORER_SIZE:
        raise ParseError(f"the size is a whole number from 1 to {MAX_EXPLORER_SIZE}")
    found = names.replace(",", " ").split()
    if not found:
        raise ParseError("declare at least one vector, like w x")
    if len(set(found)) != len(found):
        raise ParseError("a vector is declared twice")
    return check_vectors(dict.fromkeys(found, size))


@lru_cache(maxsize=256)
def _vector_jacobian(text: str, names: str, size: int, wrt: str):
    """(F, wrt column, J numerator, closed forms (numerator, denominator), sizes), cached."""
    sizes = problem("vectors", declared_vectors, names, size)
    F = problem("text", parse, text, vectors=sizes)
    x = problem("wrt", vector_variables, wrt, sizes)
    J = problem("text", jacobian, F, x)
    named = closed_form(J, sizes)
    return F, x, J, named, _transposed(named, sizes), sizes


_SYMMETRIC = ("zero", "identity", "scaled identity", "diagonal")


def _transposed(form: ClosedForm, sizes: dict[str, int]) -> ClosedForm:
    """The closed form of Jᵀ from J's: a diagonal stays, a row xᵀ becomes the column x and back,
    a J with no name (kind "full") has a transpose with none (its entries are J's, so no name
    fits them either); anything else is named again (one closed_form call saved on every
    update)."""
    JT = form.matrix.T
    if JT.shape == (1, 1):  # the same matrix: the same name (sum(x) stays sum(x))
        return ClosedForm(form.kind, form.text, form.latex, JT)
    if form.kind == "full":
        return _full(JT)
    if form.kind in _SYMMETRIC and form.matrix.rows == form.matrix.cols:
        return ClosedForm(form.kind, form.text, form.latex, JT)
    if form.kind == "row" and form.text.endswith("ᵀ") and form.latex.endswith("^T"):
        return ClosedForm("column", form.text[:-1], form.latex[:-2], JT)
    if form.kind == "column":
        return ClosedForm("row", form.text + "ᵀ", form.latex + "^T", JT)
    return closed_form(JT, sizes)


def _components_html(F, text: str, sizes: dict[str, int]) -> str:
    if isinstance(F, sp.MatrixBase):
        lines = [rf"f_{{{i + 1}}} &= {_latex(e)}" for i, e in enumerate(F)]
        latex = r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"
        before = f"f = {text} has {F.rows} scalar components, one per row:"
    else:
        latex = f"f = {_latex(F)}"
        before = f"f = {text} is a scalar: written out in components,"
    return math_html(latex, text_before=before, text_after=_scalars_note(F, sizes))


def _scalars_note(F, sizes: dict[str, int]) -> str:
    """Name the letters of f that are not declared vectors (they are read as scalars), and a
    capital typed for a declared vector (``W`` for ``w``).

    >>> _scalars_note(sp.Symbol("W") * sp.Symbol("b"), {"w": 3})
    'W, b are scalars (not declared as vectors). Names are case-sensitive: did you mean w?'
    """
    components = {f"{name}_{i}" for name, n in sizes.items() for i in range(1, n + 1)}
    scalars = sorted({s.name for s in F.free_symbols} - components)
    if not scalars:
        return ""
    verb = (
        "is a scalar (not declared as a vector)"
        if len(scalars) == 1
        else ("are scalars (not declared as vectors)")
    )
    note = f"{', '.join(scalars)} {verb}."
    meant = [s.swapcase() for s in scalars if s.swapcase() in sizes]
    if meant:
        note += f" Names are case-sensitive: did you mean {', '.join(meant)}?"
    return note


def _vector_state(text: str, names: str, size: int, wrt: str, layout: str) -> View:
    """Everything the vector explorer shows, by area, from its inputs (pure)."""
    check_layout(layout)
    F, x, J, numerator_form, denominator_form, sizes = _vector_jacobian(text, names, size, wrt)
    numerator = layout == "numerator"
    shown = J if numerator else J.T
    f_vec = isinstance(F, sp.MatrixBase)
    x_vec = isinstance(x, sp.MatrixBase)
    top = r"\mathbf{f}" if f_vec else "f"
    bottom = " ".join(
        rf"\mathbf{{{n}}}" if n in sizes else _latex(sp.Symbol(n))
        for n in wrt.replace(",", " ").strip("[] ").split()
    )
    lhs = rf"\frac{{\partial {top}}}{{\partial {bottom}}}"
    m, n = J.shape
    rows, cols = shown.shape
    which = (
        "one row per component of f and one column per variable"
        if numerator
        else "one row per variable and one column per component of f"
    )
    jacobian_html = math_html(
        rf"{lhs} = {sp.latex(shown)} \quad {layout_note(shown.shape, layout)}",
        text_before=f"The Jacobian, {layout} layout: {rows} × {cols}, {which}.",
        text_after=("" if x_vec or f_vec else "(a scalar by a scalar: a 1 × 1 Jacobian)"),
    )
    step_note = (
        " Heaviside(z, 0) is the step of max(0, z): 1 where z > 0, 0 where z ≤ 0 (the paper's "
        "convention at the corner z = 0)."
        if J.has(sp.Heaviside)
        else ""
    )
    chosen, other = (
        (numerator_form, denominator_form) if numerator else (denominator_form, numerator_form)
    )
    other_layout = "denominator" if numerator else "numerator"
    closed_html = math_html(
        rf"{lhs} = {chosen.latex} \quad {layout_note(shown.shape, layout)}",
        text_before=f"In closed form ({layout} layout, the kind: {chosen.kind}):",
        text_after=(
            f"In {other_layout} layout (the transpose) it is {other.text}, "
            f"{cols} × {rows}. In numerator layout (the paper's) it is "
            f"{numerator_form.text}, {m} × {n}.{step_note}"
        ),
    )
    return View(
        areas={
            "components": _components_html(F, text, sizes),
            "jacobian": jacobian_html,
            "closed_form": closed_html,
        },
        results={
            "result": sp.Matrix(shown),
            "components": F,
            "closed_form": chosen,
            "numerator_form": numerator_form,
            "denominator_form": denominator_form,
        },
    )


class VectorExplorer(_Explorer):
    """Type a formula in the paper's vector notation; see its components, its Jacobian and the
    Jacobian's closed form in the chosen layout. Attributes: ``text``, ``vectors`` (Text),
    ``size`` (IntSlider 1–6, every declared vector's size), ``wrt`` (Text), ``layout_toggle``;
    results ``result`` (the Jacobian in the chosen layout), ``components``, ``closed_form`` (a
    :class:`mathkit.closed_form.ClosedForm` in that layout), ``numerator_form``,
    ``denominator_form``."""

    _name = "vector"
    _areas = (
        Area("components", "the scalar components"),
        Area("jacobian", "the Jacobian"),
        Area("closed_form", "the Jacobian in closed form"),
    )
    _results = ("result", "components", "closed_form", "numerator_form", "denominator_form")
    _stale_text = "showing the last valid formula"

    def __init__(
        self,
        text: str = "w ⊗ x",
        vectors: str = "w x",
        size: int = 3,
        wrt: str = "w",
        layout: str = "numerator",
        budget: float | None = DEFAULT_BUDGET,
    ):
        self.text = _text(text, "f =", "e.g. w ⊗ x, x z, sum(x), max(0, w·x + b)", css.FUNCTION)
        self.vectors = _text(vectors, "vectors:", "e.g. w x", css.VARIABLES)
        self.size = as_input(
            widgets.IntSlider(
                value=min(max(int(size), 1), MAX_EXPLORER_SIZE),
                min=1,
                max=MAX_EXPLORER_SIZE,
                description="size n",
                continuous_update=False,
                style={"description_width": "initial"},
            ),
            css.SIZE,
        )
        self.wrt = _text(wrt, "with respect to:", "e.g. w, or x z, or b", css.WRT)
        self.layout_toggle = _layout_toggle(layout)
        self._good: tuple | None = None
        super().__init__(
            [self.text, self.vectors, self.size, self.wrt, self.layout_toggle],
            budget,
            {
                "text": [self.text],
                "vectors": [self.vectors, self.size],
                "wrt": [self.wrt],
            },
        )
        self._watch(self.text, self.vectors, self.size, self.wrt, self.layout_toggle)
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        inputs = (self.text.value, self.vectors.value, self.size.value, self.wrt.value)
        layout = self.layout_toggle.value
        if self._apply(lambda: _vector_state(*inputs, layout)):
            self._good = inputs
        elif self._good is not None:
            good = self._good
            self._show_stale(lambda: _vector_state(*good, layout))


def vector_explorer(
    text: str = "w ⊗ x",
    vectors: str = "w x",
    size: int = 3,
    wrt: str = "w",
    layout: str = "numerator",
    budget: float | None = DEFAULT_BUDGET,
) -> VectorExplorer:
    """An explorer for the paper's vector notation (§4.2–§4.4).

    Declare vectors (``"w x"``, all of the size the slider picks, 1–6), type a formula with
    ⊗ ⊘ · sum( ) and scalars (``w ⊗ x``, ``x z``, ``sum(x)``, ``max(0, w·x + b)``) and what to
    differentiate with respect to (``w``, ``x z``, ``b``). Shows the scalar components, the
    Jacobian (shape and layout named) and its closed form in both layouts. ``result`` is the
    Jacobian in the chosen layout.

    >>> ex = vector_explorer("w ⊗ x", "w x", 3, "w")
    >>> ex.closed_form.text, ex.result.shape
    ('diag(x)', (3, 3))
    >>> ex.text.value = "w · x"
    >>> ex.closed_form.text
    'xᵀ'
    """
    return VectorExplorer(text, vectors, size, wrt, layout, budget)
