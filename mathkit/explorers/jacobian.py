"""1. The Jacobian explorer: the symbolic Jacobian, its rows as gradients, its value at a point,
the shape case and a finite-difference check, in either layout."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from .. import css
from ..calculus import check_layout
from ..numeric import (
    check_at,
    values_at,
)
from ..render import derivative_symbol, layout_note, shape_text
from ..text import counted, number, per_axis
from ..ui import (
    DEFAULT_BUDGET,
    as_input,
    math_html,
    problem,
)
from .base import (
    Area,
    View,
    _Explorer,
    _initial_point,
    _layout_toggle,
    _matrix_latex,
    _numbers_latex,
    _point_for,
    _point_latex,
    _slider,
    _symbolic,
    _text,
    _transpose,
)


def _jacobian_state(functions: str, variables: str, layout: str, values: dict[str, float]) -> View:
    """Everything the Jacobian explorer shows, by area, from its inputs (pure)."""
    check_layout(layout)
    sym = _symbolic(functions, variables)
    point = _point_for(sym.names, values)
    at = problem("point", values_at, sym.F, sym.x, point, sym.J)
    check = problem("point", check_at, sym.F, sym.x, point, sym.J)

    numerator = layout == "numerator"
    entries = sym.entries if numerator else _transpose(sym.entries)
    J = sym.J.as_mutable() if numerator else sym.J.T.as_mutable()
    value = at.jacobian if numerator else at.jacobian.T
    lhs = derivative_symbol(sym.f_is_vector, sym.x_is_vector)
    note = layout_note(J.shape, layout)
    where = _point_latex(sym.x, point)
    m, n = sym.J.shape

    jacobian_html = math_html(
        rf"{lhs} = {_matrix_latex(entries)} \quad {note}",
        text_after=(f"{layout} layout: {J.rows} × {J.cols}, {per_axis(layout)}"),
    )
    grads = []
    for i in range(m):
        name = rf"\nabla f_{{{i + 1}}}" if sym.f_is_vector else r"\nabla f"
        row = [list(sym.entries[i])] if numerator else [[e] for e in sym.entries[i]]
        shape = (1, n) if numerator else (n, 1)
        grads.append(rf"{name} &= {_matrix_latex(row)} \quad {layout_note(shape, layout)}")
    which = "row" if numerator else "column"
    gradients_html = math_html(
        r"\begin{aligned}" + r" \\ ".join(grads) + r"\end{aligned}",
        text_before=(
            f"Each {which} of the Jacobian is the gradient of one function"
            + (":" if sym.f_is_vector else " (here there is one function):")
        ),
    )
    value_html = math_html(
        rf"\left.{lhs}\right|_{{{where}}} = {_numbers_latex(value)} \quad {note}"
    )
    case = sym.case
    case_html = math_html(
        "",
        text_before=(
            f"Case {case.number} of 4: a {case.name}, with m = {counted(case.m, 'function')} "
            f"and n = {counted(case.n, 'variable')}. "
            f"Its Jacobian is {case.rule} Here: {shape_text(case.jacobian_shape('numerator'))} "
            f"in numerator layout, {shape_text(case.jacobian_shape('denominator'))} in "
            "denominator layout."
        ),
    )
    mark = "✓ finite differences agree" if check.ok else "✗ finite differences disagree"
    at_text = ", ".join(f"{a} = {number(b)}" for a, b in zip(sym.names, point, strict=True))
    check_html = math_html(
        "",
        text_before=(
            f"{mark} at {at_text}: "
            f"largest error {check.max_error:.1e} (tolerance {check.tol:.0e}; central "
            "differences, step 1e-6)"
        ),
    )
    return View(
        areas={
            "jacobian": jacobian_html,
            "gradients": gradients_html,
            "value": value_html,
            "case": case_html,
            "check": check_html,
        },
        results={
            "result": J,
            "value": value,
            "case": case,
            "check": check,
            "_names": sym.names,
            "_at": point,
        },
        reading=sym.reading,
    )


class JacobianExplorer(_Explorer):
    """Type functions and variables; see the Jacobian, its gradients, its value at a point, its
    shape case and a finite-difference check. See the module docstring for the attributes."""

    _name = "jacobian"
    _areas = (
        Area("jacobian", "the Jacobian"),
        Area("gradients", "its rows or columns as gradients"),
        Area("value", "the Jacobian at the point"),
        Area("case", "the shape case"),
        Area("check", "the finite-difference check"),
    )
    _results = ("result", "value", "case", "check")

    def __init__(
        self,
        functions: str = "[3*x^2*y, 2*x + y^8]",
        variables: str = "x y",
        layout: str = "numerator",
        point: Sequence[float] | dict[str, float] | None = None,
        budget: float | None = DEFAULT_BUDGET,
    ):
        self.functions = _text(functions, "f =", "e.g. [3x^2 y, 2x + y^8]", css.FUNCTIONS)
        self.variables = _text(variables, "variables:", "e.g. x y", css.VARIABLES)
        self.layout_toggle = _layout_toggle(layout)
        self.point: list[widgets.FloatSlider] = []
        self.point_box = as_input(widgets.VBox([]), css.POINT)
        self._values = _initial_point(functions, variables, point)
        self._good_texts: tuple[str, str] | None = None
        super().__init__(
            [self.functions, self.variables, self.layout_toggle, self.point_box],
            budget,
            {
                "functions": [self.functions],
                "variables": [self.variables],
                "point": [self.point_box],
            },
        )
        self._watch(self.functions, self.variables, self.layout_toggle)
        self.update()

    def _point_values(self) -> dict[str, float]:
        """Coordinates by variable name: the sliders', then remembered ones (default 1)."""
        values = dict(self._values)
        values.update({s.description: s.value for s in self.point})
        return values

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        values = self._point_values()
        texts = (self.functions.value, self.variables.value)
        layout = self.layout_toggle.value
        if self._apply(lambda: _jacobian_state(*texts, layout, values)):
            self._good_texts = texts
            return
        if self._failed_field == "point":
            # The texts are fine but the point is not: give the new variables their sliders, so
            # the learner can move the point to where the function is defined.
            names = _symbolic(*texts).names
            if tuple(sl.description for sl in self.point) != names:
                self._rebuild_point(names, _point_for(names, values))
        elif self._good_texts is not None:
            # The last valid f, in the layout the toggle shows now (still marked stale).
            good = self._good_texts
            self._show_stale(lambda: _jacobian_state(*good, layout, self._point_values()))

    def _show(self, view: View) -> None:
        names = view.results["_names"]
        if tuple(sl.description for sl in self.point) != names:
            self._rebuild_point(names, view.results["_at"])
        super()._show(view)

    def _rebuild_point(self, names: Sequence[str], point: Sequence[float]) -> None:
        for old in self.point:
            self._values[old.description] = old.value
            old.unobserve(self._on_change, names="value")
            old.close()
        self.point = [_slider(name, v) for name, v in zip(names, point, strict=True)]
        self._watch(*self.point)
        self.point_box.children = [
            widgets.HTML("point where the Jacobian is evaluated:"),
            *self.point,
        ]


def jacobian_explorer(
    functions: str = "[3*x^2*y, 2*x + y^8]",
    variables: str = "x y",
    layout: str = "numerator",
    point: Sequence[float] | dict[str, float] | None = None,
    budget: float | None = DEFAULT_BUDGET,
) -> JacobianExplorer:
    """An explorer for ∂f/∂x: type the functions and variables, pick the layout and a point.

    Shows, live: the symbolic Jacobian with its shape and layout named, its rows (numerator
    layout) or columns (denominator layout) as the gradient of each function, its value at the
    point, the shape case (1–4), and a central finite-difference check (✓ / ✗ with the error).
    ``result`` is the latest good Jacobian (a sympy Matrix) in the chosen layout.
    """
    return JacobianExplorer(functions, variables, layout, point, budget)
