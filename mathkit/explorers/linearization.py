"""5. The linearization explorer: the Jacobian as the best local linear map of a 2-D map."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np
import sympy as sp

from .. import plots
from ..numeric import (
    DEFAULT_BOUNDS,
    Bounds,
    linearization_gap,
    values_at,
)
from ..render import derivative_symbol, layout_note
from ..ui import (
    DEFAULT_BUDGET,
    InputProblem,
    PlotArea,
    as_input,
    math_area,
    math_html,
    problem,
)
from .base import (
    _Explorer,
    _matrix_latex,
    _numbers_latex,
    _point_latex,
    _slider,
    _symbolic,
    _text,
)


@dataclass(frozen=True)
class _LinearState:
    result: sp.Matrix
    value: np.ndarray
    gap: float
    figure_args: tuple
    png: bytes
    alt: str
    jacobian_html: str
    value_html: str


def _linear_state(
    functions: str, variables: str, point: tuple[float, float], size: float, bounds: Bounds
) -> _LinearState:
    """Everything the linearization explorer shows, from its inputs (pure)."""
    sym = _symbolic(functions, variables)
    if sym.x.rows != 2:
        raise InputProblem(
            "variables", f"this picture needs exactly 2 variables, such as x y; got {sym.x.rows}"
        )
    if sym.F.rows != 2 or not sym.f_is_vector:
        raise InputProblem(
            "functions",
            f"this picture needs a map to the plane: 2 functions such as [x + sin(y), y + sin(x)]; "
            f"got {sym.F.rows}",
        )
    at = problem("point", values_at, sym.F, sym.x, point, sym.J)
    figure_args = (sym.F, sym.x, point, size, bounds)
    figure = problem("point", plots.linearization_figure, *figure_args)
    png, alt = plots.png_bytes(figure), plots.alt_text(figure)
    del figure  # only its PNG is kept: see _Explorer.figure
    gap = linearization_gap(sym.F, sym.x, point, size)
    lhs = derivative_symbol(True, True)
    note = layout_note((2, 2), "numerator")
    where = _point_latex(sym.x, point)
    jacobian_html = math_html(rf"J = {lhs} = {_matrix_latex(sym.entries)} \quad {note}")
    value_html = math_html(
        rf"\text{{at }} p: {where}, \qquad J(p) = {_numbers_latex(at.jacobian)} \quad {note}, "
        rf"\qquad F(p) = {_numbers_latex(at.f.reshape(2, 1))}",
        text_after=(
            f"Near the point, F(q) ≈ F(p) + J(p)(q − p). For the square of side {size:.3g} the "
            f"largest gap between F(square) and its linear image is {gap:.2g}; halve the side "
            "and the gap shrinks about four times."
        ),
    )
    return _LinearState(
        sp.Matrix(sym.J),
        at.jacobian,
        gap,
        figure_args,
        png,
        alt,
        jacobian_html,
        value_html,
    )


class LinearizationExplorer(_Explorer):
    """A map from the plane to the plane, a grid and its image, and the image of a small square
    under F next to its image under the Jacobian. See the module docstring for the attributes."""

    _name = "linearization"
    _draw = staticmethod(plots.linearization_figure)

    def __init__(
        self,
        functions: str = "x + sin(y), y + sin(x)",
        variables: str = "x y",
        point: Sequence[float] = (1.0, -1.0),
        size: float = 0.4,
        bounds: Bounds = DEFAULT_BOUNDS,
        budget: float | None = DEFAULT_BUDGET,
    ):
        self.bounds = bounds
        self.functions = _text(functions, "F =", "e.g. x + sin(y), y + sin(x)", "mathkit-functions")
        self.variables = _text(variables, "variables:", "e.g. x y", "mathkit-variables")
        self.point = [
            _slider(name, v, bounds[2 * k : 2 * k + 2], continuous=False)
            for k, (name, v) in enumerate(zip(("p₁", "p₂"), point, strict=True))
        ]
        self.point_box = as_input(widgets.HBox(self.point), "mathkit-point")
        self.size = as_input(
            _slider("square side", size, (0.05, 1.0), step=0.05, continuous=False), "mathkit-size"
        )
        self.jacobian_out = math_area("mathkit-jacobian")
        self.value_out = math_area("mathkit-value")
        self.plot = PlotArea()
        self.value: np.ndarray | None = None
        self.gap: float | None = None
        super().__init__(
            [self.functions, self.variables, self.point_box, self.size],
            [self.jacobian_out, self.value_out, self.plot],
            budget,
            {
                "functions": [self.functions],
                "variables": [self.variables],
                "point": [self.point_box],
            },
        )
        self._watch(self.functions, self.variables, *self.point, self.size)
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        point = tuple(s.value for s in self.point)
        args = (self.functions.value, self.variables.value, point, self.size.value, self.bounds)
        self._apply(lambda: _linear_state(*args), self._show)

    def _show(self, s: _LinearState) -> None:
        self.jacobian_out.value = s.jacobian_html
        self.value_out.value = s.value_html
        self.plot.show_png(s.png, s.alt)
        self.result, self.value, self.gap = s.result, s.value, s.gap
        self._figure_args = s.figure_args


def linearization_explorer(
    functions: str = "x + sin(y), y + sin(x)",
    variables: str = "x y",
    point: Sequence[float] = (1.0, -1.0),
    size: float = 0.4,
    budget: float | None = DEFAULT_BUDGET,
) -> LinearizationExplorer:
    """An explorer for the Jacobian as the best local linear map of F: R² → R².

    Shows a grid and its image under F and, around the chosen point p, the image of a small square
    under F next to its image under q ↦ F(p) + J(p)(q − p). ``result`` is the symbolic Jacobian
    (2 × 2, numerator layout); ``value`` is J(p) and ``gap`` the largest distance between the two
    images of the square."""
    return LinearizationExplorer(functions, variables, point, size, budget=budget)
