"""2. The gradient explorer: a scalar f(x, y), its gradient at a point and a contour plot with
the gradient field, perpendicular to the level curves."""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from .. import css, plots
from ..calculus import as_variables
from ..numeric import (
    DEFAULT_BOUNDS,
    Bounds,
    level_tangent,
    values_at,
)
from ..render import layout_note
from ..ui import (
    DEFAULT_BUDGET,
    InputProblem,
    math_html,
    problem,
)
from .base import (
    Area,
    View,
    _Explorer,
    _latex,
    _matrix_latex,
    _number,
    _numbers_latex,
    _row,
    _slider,
    _symbolic,
    _text,
    picture,
)


def _gradient_state(
    function: str, variables: str, point: tuple[float, float], bounds: Bounds
) -> View:
    """Everything the gradient explorer shows, by area, from its inputs (pure)."""
    sym = _symbolic(function, variables)
    if sym.f_is_vector:
        raise InputProblem(
            "functions",
            "the gradient is for a scalar function f(x, y): type one expression without brackets, "
            f"such as 10 x^2 y^2 ([ … ] makes a list of {_count(sym.F.rows, 'function')})",
        )
    if sym.x.rows != 2:
        raise InputProblem("functions", "the gradient picture needs f(x, y) of two variables")
    expr = sym.F[0]
    grad = sp.Matrix(sym.J)  # the gradient: the 1 × 2 Jacobian of a scalar f, numerator layout
    at = problem("point", values_at, expr, sym.x, point, grad)
    drawn = picture(plots.gradient_field_figure, expr, sym.x, point, bounds)
    g, fp = at.jacobian[0], float(at.f[0])
    names = [_latex(s) for s in sym.x]
    where = ", ".join(_number(v) for v in point)
    partials = ", ".join(rf"\frac{{\partial f}}{{\partial {n}}}" for n in names)
    gradient_html = math_html(
        rf"\nabla f = \left[{partials}\right] = {_matrix_latex(sym.entries)} "
        rf"\quad {layout_note((1, 2), 'numerator')}"
    )
    value_html = math_html(
        rf"\nabla f({where}) = {_numbers_latex(g)} \quad {layout_note((1, 2), 'numerator')}, "
        rf"\qquad f({where}) = {_number(fp)}"
    )
    t = level_tangent(g)
    if t is None:
        note = (
            f"Here ∇f = 0: f is flat to first order at ({where}), so there is no direction of "
            "steepest ascent."
        )
        note_latex = ""
    else:
        note = (
            "The level curve through the point has the unit tangent t = (−∂f/∂y, ∂f/∂x) / |∇f|, "
            "and ∇f · t = 0: "
            "the gradient is perpendicular to the level curve and points where f grows fastest."
        )
        note_latex = (
            rf"\nabla f \cdot t = ({_number(g[0])})({_number(t[0])}) + "
            rf"({_number(g[1])})({_number(t[1])}) = 0"
        )
    return View(
        areas={
            "gradient": gradient_html,
            "value": value_html,
            "note": math_html(note_latex, text_before=note),
        },
        results={"result": grad, "value": g.reshape(1, 2)},
        picture=drawn,
        reading=sym.reading,
    )


def _count(k: int, word: str) -> str:
    return f"{k} {word}{'s' if k != 1 else ''}"


class GradientExplorer(_Explorer):
    """A scalar f(x, y): its gradient, the gradient at a point, and a contour plot with the
    gradient field. See the module docstring for the attributes."""

    _name = "gradient"
    _areas = (
        Area("gradient", "the gradient"),
        Area("value", "the gradient at the point"),
        Area("note", "why the gradient is perpendicular to the level curve"),
    )
    _results = ("result", "value")
    _draw = staticmethod(plots.gradient_field_figure)

    def __init__(
        self,
        function: str = "10*x^2*y^2",
        variables: str = "x y",
        point: Sequence[float] = (1.0, 0.5),
        bounds: Bounds = DEFAULT_BOUNDS,
        budget: float | None = DEFAULT_BUDGET,
    ):
        x = as_variables(variables)[0]
        if x.rows != 2:
            raise ValueError(
                f"the gradient explorer needs two variables, such as x y; got {x.rows}"
            )
        self.variable_names = variables
        self.bounds = bounds
        names = [str(s) for s in x]
        self.function = _text(function, f"f({', '.join(names)}) =", "e.g. 10 x^2 y^2", css.FUNCTION)
        self.point = [
            _slider(name, v, bounds[2 * k : 2 * k + 2], continuous=False)
            for k, (name, v) in enumerate(zip(names, point, strict=True))
        ]
        self.point_box = _row(self.point, css.POINT)
        super().__init__(
            [self.function, self.point_box],
            budget,
            {"functions": [self.function], "point": [self.point_box]},
        )
        self._watch(self.function, *self.point)
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        point = tuple(s.value for s in self.point)
        args = (self.function.value, self.variable_names, point, self.bounds)
        self._apply(lambda: _gradient_state(*args))


def gradient_explorer(
    function: str = "10*x^2*y^2",
    variables: str = "x y",
    point: Sequence[float] = (1.0, 0.5),
    bounds: Bounds = DEFAULT_BOUNDS,
    budget: float | None = DEFAULT_BUDGET,
) -> GradientExplorer:
    """An explorer for the gradient of a scalar f(x, y): its formula, its value at a point moved by
    sliders, and a contour plot with the gradient field and ∇f at the point, perpendicular to the
    level curve. ``result`` is ∇f, a 1 × 2 sympy Matrix (numerator layout)."""
    return GradientExplorer(function, variables, point, bounds, budget)
