"""4. The shape-case explorer: scalar or vector f and x, an example of each case and its shapes."""

from __future__ import annotations

import ipywidgets as widgets
import sympy as sp

from .. import css
from ..calculus import as_functions, as_variables, jacobian
from ..render import derivative_symbol, jacobian_latex, shape_text
from ..shapes import case_of, example_of
from ..ui import DEFAULT_BUDGET, as_input, math_html
from .base import _LABEL, Area, View, _Explorer, _row


def _kind(is_vector: bool, size: int, letter: str) -> str:
    return f"vector, {size} × 1 ({letter} = {size})" if is_vector else "scalar, 1 × 1"


def _case_state(f_kind: str, x_kind: str, m: int, n: int) -> View:
    """Everything the shape-case explorer shows, by area, from its inputs (pure).

    The case comes from the toggles and sizes (:func:`mathkit.shapes.case_of`), never from how
    the example's text happens to parse: "x is a vector" with n = 1 is the vector [x1]."""
    f_vec, x_vec = f_kind == "vector", x_kind == "vector"
    case = case_of(f_vec, x_vec, m=m if f_vec else 1, n=n if x_vec else 1)
    functions, variables = example_of(case)
    F, x = as_functions(functions)[0], as_variables(variables)[0]
    J = jacobian(F, x)  # numerator layout, m × n
    f_name = r"\mathbf{f}" if f_vec else "f"
    x_name = r"\mathbf{x}" if x_vec else "x"
    f_latex = sp.latex(F) if f_vec else sp.latex(F[0])
    x_latex = sp.latex(x) if x_vec else sp.latex(x[0])
    lhs = derivative_symbol(f_vec, x_vec)
    both = [jacobian_latex(J, "numerator", lhs), jacobian_latex(J.T, "denominator", lhs)]
    rows = [
        ("f", _kind(f_vec, case.m, "m"), _kind(f_vec, case.m, "m")),
        ("x", _kind(x_vec, case.n, "n"), _kind(x_vec, case.n, "n")),
        ("∂f/∂x", *(shape_text(case.jacobian_shape(lay)) for lay in ("numerator", "denominator"))),
    ]
    cells = "".join(
        f'<tr><th scope="row">{a}</th><td>{b}</td><td>{c}</td></tr>' for a, b, c in rows
    )
    shapes_html = (
        '<table><tr><th scope="col">shape of</th><th scope="col">numerator layout</th>'
        f'<th scope="col">denominator layout</th></tr>{cells}</table>'
    )
    return View(
        areas={
            "case": math_html("", text_before=f"Case {case.number} of 4: a {case.name}."),
            "example": math_html(
                rf"{f_name}({x_name}) = {f_latex}, \qquad {x_name} = {x_latex}",
                text_before="An example of this case:",
            ),
            "jacobian": math_html(r"\begin{gathered}" + r" \\ ".join(both) + r"\end{gathered}"),
            "shapes": shapes_html,
            "rule": math_html("", text_before=f"Rule: {case.rule}"),
        },
        results={"result": case, "jacobian": J, "example": (functions, variables)},
    )


class ShapeCaseExplorer(_Explorer):
    """Pick scalar or vector for f and x and the sizes m, n: see the four shape cases.

    See the module docstring for the attributes."""

    _name = "shape-case"
    _areas = (
        Area("case", "the shape case"),
        Area("example", "an example function"),
        Area("jacobian", "its Jacobian in both layouts"),
        Area("shapes", "the shapes of f, x and the Jacobian"),
        Area("rule", "the rule"),
    )
    _results = ("result", "jacobian", "example")
    _stale_text = "showing the last valid case"

    def __init__(
        self,
        f_kind: str = "vector",
        x_kind: str = "vector",
        m: int = 2,
        n: int = 2,
        budget: float | None = DEFAULT_BUDGET,
    ):
        def toggle(value: str, description: str) -> widgets.ToggleButtons:
            return as_input(
                widgets.ToggleButtons(
                    options=["scalar", "vector"],
                    value=value,
                    description=description,
                    style={"button_width": "auto", "description_width": "initial"},
                ),
                css.KIND,
            )

        self.f_kind = toggle(f_kind, "f is a")
        self.x_kind = toggle(x_kind, "x is a")
        self.m = as_input(
            widgets.IntSlider(value=m, min=1, max=6, description="m (functions)", style=_LABEL)
        )
        self.n = as_input(
            widgets.IntSlider(value=n, min=1, max=6, description="n (variables)", style=_LABEL)
        )
        sizes = _row([self.m, self.n], css.SIZES)
        self._busy = False
        super().__init__([self.f_kind, self.x_kind, sizes], budget, {"sizes": [sizes]})
        self._watch(self.f_kind, self.x_kind, self.m, self.n)
        self._sync_sizes()
        self.update()

    def _sync_sizes(self) -> None:
        """A scalar has size 1: fix the matching slider at 1 (disabled) while it is a scalar."""
        self._busy = True
        try:
            for kind, slider in ((self.f_kind, self.m), (self.x_kind, self.n)):
                scalar = kind.value == "scalar"
                if scalar:
                    slider.value = 1
                elif slider.disabled and slider.value == 1:
                    slider.value = 2
                slider.disabled = scalar
        finally:
            self._busy = False

    def _on_change(self, change=None) -> None:
        if self._busy:
            return
        if change is not None and change.get("owner") in (self.f_kind, self.x_kind):
            self._sync_sizes()
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        args = (self.f_kind.value, self.x_kind.value, self.m.value, self.n.value)
        self._apply(lambda: _case_state(*args))


def shape_case_explorer(
    f_kind: str = "vector", x_kind: str = "vector", m: int = 2, n: int = 2
) -> ShapeCaseExplorer:
    """An explorer for the four shape cases: choose scalar/vector for f and x and the sizes m, n;
    see an example function, its Jacobian in both layouts, the shapes of f, x and ∂f/∂x, and the
    one-line rule. ``result`` is the :class:`mathkit.ShapeCase`."""
    return ShapeCaseExplorer(f_kind, x_kind, m, n)
