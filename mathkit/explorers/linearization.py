"""5. The linearization explorer: the Jacobian as the best local linear map of a 2-D map, and
why the transposed matrix is the wrong one in its place."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from .. import css, plots
from ..numeric import DEFAULT_BOUNDS, Bounds, values_at
from ..planemap import MATRICES, gap_shrinkage
from ..render import derivative_symbol, layout_note
from ..text import number
from ..ui import DEFAULT_BUDGET, InputProblem, as_input, math_html, problem
from .base import (
    Area,
    View,
    _Explorer,
    _matrix_latex,
    _numbers_latex,
    _point_latex,
    _row,
    _slider,
    _symbolic,
    _text,
    picture,
)


def _shrink_text(matrix: str, size: float, s) -> str:
    """What happens to the gap when the square's side is halved, in words."""
    halved = (
        f"For the square of side {number(size, 3)} the largest gap between F(square) and its "
        f"linear image is {number(s.gap, 2)}; at side {number(size / 2, 3)} it is "
        f"{number(s.half_gap, 2)}"
    )
    if s.half_gap == 0:
        return f"{halved}: F is affine, so the linear map is exact."
    ratio = f"{halved}, {number(s.ratio, 2)} times smaller"
    if matrix == "jacobian":
        return (
            f"{ratio}: about 4, because the gap shrinks like the side squared. "
            "Choose Jᵀ to see what the transposed (denominator-layout) matrix does."
        )
    if s.symmetric:
        return (
            f"{ratio}. Here J(p) is symmetric, so Jᵀ = J and nothing changes: try a map whose "
            "Jacobian is not symmetric, such as [x + y^2, x^2 - y]."
        )
    return (
        f"{ratio}: only about 2, because Jᵀ(q − p) misses F(q) − F(p) by (J − Jᵀ)(q − p), which "
        "shrinks only like the side. Row i of J is the gradient of F_i: the right matrix is the "
        "numerator-layout J."
    )


def _linear_state(
    functions: str,
    variables: str,
    point: tuple[float, float],
    size: float,
    bounds: Bounds,
    matrix: str = "jacobian",
) -> View:
    """Everything the linearization explorer shows, by area, from its inputs (pure)."""
    sym = _symbolic(functions, variables)
    if sym.x.rows != 2:
        raise InputProblem(
            "variables", f"this picture needs exactly 2 variables, such as x y; got {sym.x.rows}"
        )
    if sym.F.rows != 2 or not sym.f_is_vector:
        raise InputProblem(
            "functions",
            "this picture needs a map to the plane: 2 functions such as [x + sin(y), y + sin(x)]; "
            f"got {sym.F.rows}",
        )
    at = problem("point", values_at, sym.F, sym.x, point, sym.J)
    drawn = picture(plots.linearization_figure, sym.F, sym.x, point, size, bounds, 9, matrix)
    shrink = gap_shrinkage(sym.F, sym.x, point, size, matrix)
    lhs = derivative_symbol(True, True)
    note = layout_note((2, 2), "numerator")
    where = _point_latex(sym.x, point)
    used = "J(p)" if matrix == "jacobian" else "J(p)^T"
    value_html = math_html(
        rf"\text{{at }} p: {where}, \qquad J(p) = {_numbers_latex(at.jacobian)} \quad {note}, "
        rf"\qquad F(p) = {_numbers_latex(at.f.reshape(2, 1))}",
    )
    gap_html = math_html(
        rf"F(q) \approx F(p) + {used}\,(q - p)",
        text_after=_shrink_text(matrix, size, shrink),
    )
    return View(
        areas={
            "jacobian": math_html(rf"J = {lhs} = {_matrix_latex(sym.entries)} \quad {note}"),
            "value": value_html,
            "gap": gap_html,
        },
        results={
            "result": sym.J.as_mutable(),
            "value": at.jacobian,
            "gap": shrink.gap,
            "shrinkage": shrink,
        },
        picture=drawn,
        reading=sym.reading,
    )


class LinearizationExplorer(_Explorer):
    """A map from the plane to the plane, a grid and its image, and the image of a small square
    under F next to its image under the Jacobian (or, to compare, its transpose). See the module
    docstring for the attributes."""

    _name = "linearization"
    _areas = (
        Area("jacobian", "the Jacobian"),
        Area("value", "the Jacobian and F at the point"),
        Area("gap", "the gap between F and its linear map"),
    )
    _results = ("result", "value", "gap", "shrinkage")
    _draw = staticmethod(plots.linearization_figure)
    _stale_text = "showing the last valid F"

    def __init__(
        self,
        functions: str = "x + sin(y), y + sin(x)",
        variables: str = "x y",
        point: Sequence[float] = (1.0, -1.0),
        size: float = 0.4,
        bounds: Bounds = DEFAULT_BOUNDS,
        budget: float | None = DEFAULT_BUDGET,
        matrix: str = "jacobian",
    ):
        if matrix not in MATRICES:
            raise ValueError(f'matrix must be "jacobian" or "transpose", not {matrix!r}')
        self.bounds = bounds
        self.functions = _text(functions, "F =", "e.g. x + sin(y), y + sin(x)", css.FUNCTIONS)
        self.variables = _text(variables, "variables:", "e.g. x y", css.VARIABLES)
        self.point = [
            _slider(name, v, bounds[2 * k : 2 * k + 2], continuous=False)
            for k, (name, v) in enumerate(zip(("p₁", "p₂"), point, strict=True))
        ]
        self.point_box = _row(self.point, css.POINT)
        self.size = as_input(
            _slider("square side", size, (0.05, 1.0), step=0.05, continuous=False), css.SIZE
        )
        self.matrix = as_input(
            widgets.ToggleButtons(
                options=[("J (numerator layout)", "jacobian"), ("Jᵀ in its place", "transpose")],
                value=matrix,
                description="linear map uses",
                tooltips=["the Jacobian: row i is ∇F_i", "the transposed matrix, for comparison"],
                style={"button_width": "auto", "description_width": "initial"},
            ),
            css.MATRIX,
        )
        super().__init__(
            [self.functions, self.variables, self.point_box, self.size, self.matrix],
            budget,
            {
                "functions": [self.functions],
                "variables": [self.variables],
                "point": [self.point_box],
            },
        )
        self._watch(self.functions, self.variables, *self.point, self.size, self.matrix)
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        point = tuple(s.value for s in self.point)
        args = (self.functions.value, self.variables.value, point, self.size.value, self.bounds)
        matrix = self.matrix.value
        self._apply(lambda: _linear_state(*args, matrix))


def linearization_explorer(
    functions: str = "x + sin(y), y + sin(x)",
    variables: str = "x y",
    point: Sequence[float] = (1.0, -1.0),
    size: float = 0.4,
    budget: float | None = DEFAULT_BUDGET,
    matrix: str = "jacobian",
) -> LinearizationExplorer:
    """An explorer for the Jacobian as the best local linear map of F: R² → R².

    Shows a grid and its image under F and, around the chosen point p, the image of a small square
    under F next to its image under q ↦ F(p) + J(p)(q − p), and how the gap between them shrinks
    when the square's side is halved (about 4 times). ``matrix="transpose"`` (or the toggle) puts
    J(p)ᵀ in J's place: for a non-symmetric J the gap then shrinks only about 2 times. ``result``
    is the symbolic Jacobian (2 × 2, numerator layout); ``value`` is J(p), ``gap`` the largest
    distance between the two images of the square and ``shrinkage`` a
    :class:`mathkit.planemap.GapShrinkage`."""
    return LinearizationExplorer(functions, variables, point, size, budget=budget, matrix=matrix)
