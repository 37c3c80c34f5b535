"""Live explorers: change a function and watch its gradient, Jacobian and shape update.

Each explorer is an ``ipywidgets.VBox``, so it displays itself in JupyterLab, Jupyter Notebook and
Voilà. Its controls are attributes: set their ``.value`` (in a notebook cell or a test) and the
explorer updates at once, since observers run synchronously in the kernel. The wiring is thin: every
update calls pure functions of the core (:mod:`mathkit.calculus`, :mod:`mathkit.shapes`,
:mod:`mathkit.check`, :mod:`mathkit.numeric`, :mod:`mathkit.plots`) within a time budget
(:func:`mathkit.ui.run_with_budget`) and puts their results into output areas.

Bad input (a parse error, an unknown variable, a point outside the domain or on a corner, a NaN, a
computation past the budget) shows one friendly line under the inputs, marks the input invalid and
keeps the last good result on screen; never a traceback.

Attributes every explorer has
-----------------------------
``result``     the latest good result (see each explorer); it survives bad input
``error``      None, or the message on screen
``error_out``  the :class:`mathkit.ui.ErrorLine` under the inputs
``budget``     seconds an update may take (default 2); ``update()`` recomputes now
``figure``     (explorers with a plot) the figure on screen as a new matplotlib Figure, drawn
               again from the last good inputs: the explorer itself keeps only its PNG

=========================== ================================================================
explorer                    controls → outputs (``.result``)
=========================== ================================================================
``jacobian_explorer``       ``functions``, ``variables`` (Text), ``layout_toggle`` (ToggleButtons),
                            ``point`` (list of FloatSliders, one per variable, in ``point_box``)
                            → ``jacobian_out``, ``gradients_out``, ``value_out``, ``case_out``,
                            ``check_out``; ``result`` the symbolic Jacobian (sympy Matrix) in the
                            chosen layout, ``value`` (numpy, same layout), ``case`` (ShapeCase),
                            ``check`` (JacobianCheck)
``gradient_explorer``       ``function`` (Text), ``point`` (2 FloatSliders) → ``gradient_out``,
                            ``value_out``, ``note_out``, ``plot``; ``result`` ∇f (1 × 2 Matrix,
                            numerator layout), ``value`` (numpy), ``figure``
``neuron_explorer``         ``inputs`` (ToggleButtons 1 or 2), ``w`` (2 sliders), ``b``, ``x``
                            (2 sliders; the second of each hidden for 1-D input) → ``formula_out``,
                            ``partials_out``, ``plot``; ``result`` a NeuronPoint, ``figure``
``shape_case_explorer``     ``f_kind``, ``x_kind`` (ToggleButtons scalar/vector), ``m``, ``n``
                            (IntSliders) → ``case_out``, ``example_out``, ``jacobian_out``,
                            ``shapes_out``, ``rule_out``; ``result`` a ShapeCase, ``jacobian``
                            (numerator layout), ``example`` (functions, variables) as text
``linearization_explorer``  ``functions``, ``variables`` (Text), ``point`` (2 FloatSliders),
                            ``size`` (FloatSlider) → ``jacobian_out``, ``value_out``, ``plot``;
                            ``result`` the symbolic Jacobian (2 × 2, numerator layout), ``value``,
                            ``gap``, ``figure``
=========================== ================================================================

(The layout control is ``layout_toggle``, not ``layout``: every widget already has a ``layout``
attribute, its CSS layout, which cannot be replaced.)

CSS classes, for styling and browser tests
------------------------------------------
- root boxes: ``mathkit-explorer`` and one of ``mathkit-jacobian-explorer``,
  ``mathkit-gradient-explorer``, ``mathkit-neuron-explorer``, ``mathkit-shape-case-explorer``,
  ``mathkit-linearization-explorer``;
- inputs: ``mathkit-input`` on every control, plus ``mathkit-functions``, ``mathkit-function``,
  ``mathkit-variables``, ``mathkit-layout``, ``mathkit-point`` (the box of point sliders),
  ``mathkit-weights``, ``mathkit-bias``, ``mathkit-inputs``, ``mathkit-size``, ``mathkit-kind``,
  ``mathkit-sizes``; an input that could not be used also has ``mathkit-invalid``;
- ``mathkit-error``: the error line (hidden when there is no error);
- math areas (HTMLMath, all with ``mathkit-math``): ``mathkit-jacobian``, ``mathkit-gradients``,
  ``mathkit-gradient``, ``mathkit-value``, ``mathkit-case``, ``mathkit-check``, ``mathkit-note``,
  ``mathkit-neuron``, ``mathkit-partials``, ``mathkit-example``, ``mathkit-shapes``,
  ``mathkit-rule``;
- figures: ``mathkit-plot`` (an ``<img>`` with alt text) and ``mathkit-caption``.

>>> ex = jacobian_explorer("[3x^2 y, 2x + y^8]", "x y")
>>> ex.result
Matrix([
[6*x*y, 3*x**2],
[    2, 8*y**7]])
>>> ex.functions.value = "[x y, x + 2y]"
>>> ex.result, ex.error
(Matrix([
[y, x],
[1, 2]]), None)
>>> ex.functions.value = "[x y, x + 2z]"
>>> "`z`" in ex.error  # one friendly line: z is not one of the variables
True
>>> ex.result  # the last good result stays
Matrix([
[y, x],
[1, 2]])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
import numpy as np
import sympy as sp

from . import plots
from .calculus import as_functions, as_variables, check_layout, gradient, jacobian
from .check import JacobianCheck
from .examples import CATALOG
from .numeric import (
    DEFAULT_BOUNDS,
    Bounds,
    NeuronPoint,
    check_at,
    level_tangent,
    linearization_gap,
    neuron_point,
    values_at,
)
from .render import derivative_symbol, layout_note, shape_text, show_jacobian
from .shapes import ShapeCase, shape_case
from .ui import (
    DEFAULT_BUDGET,
    EXPLORER,
    ErrorLine,
    InputProblem,
    PlotArea,
    as_input,
    friendly_message,
    gc_paused,
    mark_invalid,
    math_area,
    math_html,
    problem,
    run_with_budget,
    style,
)

__all__ = [
    "GradientExplorer",
    "JacobianExplorer",
    "LinearizationExplorer",
    "NeuronExplorer",
    "ShapeCaseExplorer",
    "gradient_explorer",
    "jacobian_explorer",
    "linearization_explorer",
    "neuron_explorer",
    "shape_case_explorer",
]

_WIDE = widgets.Layout(width="min(100%, 40em)")
_LABEL = {"description_width": "initial"}


# ---------------------------------------------------------------------------------------------
# Pure helpers: symbolic results per input text (cached), and their LaTeX


@lru_cache(maxsize=4096)
def _latex(expr: sp.Basic) -> str:
    return sp.latex(expr)


def _matrix_latex(entries: Sequence[Sequence[str]]) -> str:
    """A bracketed matrix from the LaTeX of its entries, as :func:`sympy.latex` writes a Matrix.

    Building it from entries lets the Jacobian, its gradients and both layouts share one
    ``sympy.latex`` call per entry (see :func:`mathkit.render.matrix_latex` for the plain one).
    """
    rows = r" \\ ".join(" & ".join(row) for row in entries)
    return rf"\left[\begin{{matrix}}{rows}\end{{matrix}}\right]"


def _transpose(entries: Sequence[Sequence[str]]) -> list[list[str]]:
    return [list(col) for col in zip(*entries, strict=True)]


def _number(v: float) -> str:
    """A number for LaTeX, 4 significant digits: ``12``, ``0.3333``, ``1.2 \\cdot 10^{-5}``."""
    v = float(v)
    if v == 0:
        return "0"
    text = f"{v:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}"
    return text


def _numbers_latex(a: np.ndarray) -> str:
    return _matrix_latex([[_number(v) for v in row] for row in np.atleast_2d(a)])


def _point_latex(x: Sequence[sp.Symbol], point: Sequence[float]) -> str:
    names = [_latex(s) for s in x]
    values = [_number(v) for v in point]
    if len(names) == 1:
        return f"{names[0]} = {values[0]}"
    return rf"({', '.join(names)}) = ({', '.join(values)})"


@dataclass(frozen=True)
class _Symbolic:
    """One function text's symbolic results: F (m × 1), x (n × 1), J (m × n, numerator layout)."""

    F: sp.ImmutableMatrix
    f_is_vector: bool
    x: sp.ImmutableMatrix
    x_is_vector: bool
    J: sp.ImmutableMatrix
    entries: tuple[tuple[str, ...], ...]  # LaTeX of J's entries, numerator layout
    case: ShapeCase
    names: tuple[str, ...]  # the variables' names


@lru_cache(maxsize=128)
def _symbolic(functions: str, variables: str) -> _Symbolic:
    """Parse the texts and differentiate: the results of the core, cached per pair of texts.

    Raises :class:`mathkit.ui.InputProblem` for the input at fault ("variables" or "functions").
    """
    x, x_is_vector = problem("variables", as_variables, variables)
    F, f_is_vector = problem("functions", as_functions, functions, variables)
    J = problem("functions", jacobian, F, x)
    kinds = ("vector" if f_is_vector else "scalar", "vector" if x_is_vector else "scalar")
    case = ShapeCase(*kinds, m=F.rows, n=x.rows)  # what shape_case(f, x) returns, from the flags
    entries = tuple(tuple(_latex(J[i, j]) for j in range(J.cols)) for i in range(J.rows))
    return _Symbolic(
        F.as_immutable(),
        f_is_vector,
        x.as_immutable(),
        x_is_vector,
        J.as_immutable(),
        entries,
        case,
        tuple(s.name for s in x),
    )


def _point_for(names: Sequence[str], values: dict[str, float], default: float = 1.0):
    return tuple(float(values.get(name, default)) for name in names)


# ---------------------------------------------------------------------------------------------
# The shared explorer box


class _Explorer(widgets.VBox):
    """A VBox with an error line, invalid marks and budgeted updates; subclasses add controls."""

    _name = "explorer"

    def __init__(self, inputs: list, outputs: list, budget: float | None, fields: dict):
        self.budget = budget
        self.result: Any = None
        self.error: str | None = None
        self.error_out = ErrorLine()
        self._fields = fields  # input name -> widgets to mark invalid
        super().__init__([style(), *inputs, self.error_out, *outputs])
        self.add_class(EXPLORER)
        self.add_class(f"mathkit-{self._name}-explorer")

    def _watch(self, *controls) -> None:
        for control in controls:
            control.observe(self._on_change, names="value")

    def _on_change(self, change=None) -> None:
        self.update()

    def update(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    _draw: Callable[..., Any] | None = None  # the pure plot function of the figure on screen
    _figure_args: tuple | None = None  # and its arguments, from the last good update

    @property
    def figure(self):
        """The figure on screen as a new matplotlib Figure, drawn again from the last good inputs
        (the explorer keeps only its PNG), or None."""
        if self._draw is None or self._figure_args is None:
            return None
        return self._draw(*self._figure_args)

    def _apply(self, compute: Callable[[], Any], show: Callable[[Any], None]) -> bool:
        """Run ``compute`` within the budget, then ``show`` its result; on any error keep the last
        good output, show one friendly line and mark the input at fault. True on success."""
        self._failed_field = None
        try:
            with gc_paused():  # the figure built and dropped here is freed as young garbage
                state = run_with_budget(compute, budget=self.budget)
                show(state)
        except Exception as exc:  # every error becomes one friendly line, never a traceback
            field = exc.field if isinstance(exc, InputProblem) else next(iter(self._fields))
            self._fail(friendly_message(exc), field)
            self._failed_field = field
            return False
        self.error = None
        self.error_out.clear()
        for group in self._fields.values():
            for w in group:
                mark_invalid(w, False)
        return True

    def __repr__(self) -> str:
        """A short, stable text for plain-text outputs (and nbval), instead of the widget tree."""
        state = f"error: {self.error}" if self.error else f"result: {_short(self.result)}"
        return f"<{type(self).__name__} {state}>"

    def _fail(self, message: str, field: str) -> None:
        self.error = message
        self.error_out.show(message)
        for name, group in self._fields.items():
            for w in group:
                mark_invalid(w, name == field)


def _short(value: Any, limit: int = 200) -> str:
    if isinstance(value, sp.MatrixBase):
        value = f"Matrix({value.tolist()})"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _slider(name: str, value: float, bounds=(-3.0, 3.0), step=0.05, continuous=True, **kw):
    lo, hi = bounds
    slider = widgets.FloatSlider(
        value=min(max(float(value), lo), hi),
        min=lo,
        max=hi,
        step=step,
        description=name,
        continuous_update=continuous,
        readout_format=".2f",
        style=_LABEL,
        **kw,
    )
    return as_input(slider)


def _text(value: str, description: str, placeholder: str, *classes: str) -> widgets.Text:
    return as_input(
        widgets.Text(
            value=value,
            description=description,
            placeholder=placeholder,
            continuous_update=False,
            layout=_WIDE,
            style=_LABEL,
        ),
        *classes,
    )


def _initial_point(functions: str, variables: str, point) -> dict[str, float]:
    """Starting coordinates by variable name: ``point`` (a dict, or a sequence in the order of the
    variables), else the catalog's point for an example typed as in the catalog, else {}."""
    if isinstance(point, dict):
        return {str(k): float(v) for k, v in point.items()}
    try:
        names = [str(s) for s in as_variables(variables)[0]]
    except ValueError:
        return {}
    if point is not None:
        return dict(zip(names, (float(v) for v in point), strict=False))
    for e in CATALOG:
        if e.functions == functions and e.variables == variables:
            return dict(zip(names, e.point, strict=True))
    return {}


# ---------------------------------------------------------------------------------------------
# 1. The Jacobian explorer


@dataclass(frozen=True)
class _JacobianState:
    sym: _Symbolic
    layout: str
    point: tuple[float, ...]
    result: sp.Matrix
    value: np.ndarray
    check: JacobianCheck
    jacobian_html: str
    gradients_html: str
    value_html: str
    case_html: str
    check_html: str


def _jacobian_state(
    functions: str, variables: str, layout: str, values: dict[str, float]
) -> _JacobianState:
    """Everything the Jacobian explorer shows, from its inputs (pure)."""
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
        text_after=(
            f"{layout} layout: {J.rows} × {J.cols}, one "
            + (
                "row per function and one column per variable"
                if numerator
                else "row per variable and one column per function"
            )
        ),
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
            f"Case {case.number} of 4: a {case.name}, with m = {case.m} function"
            f"{'s' if case.m != 1 else ''} and n = {case.n} variable{'s' if case.n != 1 else ''}. "
            f"Its Jacobian is {case.rule} Here: {shape_text(case.jacobian_shape('numerator'))} "
            f"in numerator layout, {shape_text(case.jacobian_shape('denominator'))} in "
            "denominator layout."
        ),
    )
    mark = "✓ finite differences agree" if check.ok else "✗ finite differences disagree"
    at_text = ", ".join(f"{a} = {b:.4g}" for a, b in zip(sym.names, point, strict=True))
    check_html = math_html(
        "",
        text_before=(
            f"{mark} at {at_text}: "
            f"largest error {check.max_error:.1e} (tolerance {check.tol:.0e}; central "
            "differences, step 1e-6)"
        ),
    )
    return _JacobianState(
        sym,
        layout,
        point,
        J,
        value,
        check,
        jacobian_html,
        gradients_html,
        value_html,
        case_html,
        check_html,
    )


class JacobianExplorer(_Explorer):
    """Type functions and variables; see the Jacobian, its gradients, its value at a point, its
    shape case and a finite-difference check. See the module docstring for the attributes."""

    _name = "jacobian"

    def __init__(
        self,
        functions: str = "[3*x^2*y, 2*x + y^8]",
        variables: str = "x y",
        layout: str = "numerator",
        point: Sequence[float] | dict[str, float] | None = None,
        budget: float | None = DEFAULT_BUDGET,
    ):
        self.functions = _text(functions, "f =", "e.g. [3x^2 y, 2x + y^8]", "mathkit-functions")
        self.variables = _text(variables, "variables:", "e.g. x y", "mathkit-variables")
        self.layout_toggle = as_input(
            widgets.ToggleButtons(
                options=[("numerator layout", "numerator"), ("denominator layout", "denominator")],
                value=check_layout(layout),
                tooltips=["one row per function (the paper's)", "one row per variable"],
                style={"button_width": "auto"},
            ),
            "mathkit-layout",
        )
        self.point: list[widgets.FloatSlider] = []
        self.point_box = as_input(widgets.VBox([]), "mathkit-point")
        self.jacobian_out = math_area("mathkit-jacobian")
        self.gradients_out = math_area("mathkit-gradients")
        self.value_out = math_area("mathkit-value")
        self.case_out = math_area("mathkit-case")
        self.check_out = math_area("mathkit-check")
        self.value: np.ndarray | None = None
        self.case: ShapeCase | None = None
        self.check: JacobianCheck | None = None
        self._values = _initial_point(functions, variables, point)
        super().__init__(
            [self.functions, self.variables, self.layout_toggle, self.point_box],
            [self.jacobian_out, self.gradients_out, self.value_out, self.case_out, self.check_out],
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
        args = (self.functions.value, self.variables.value, self.layout_toggle.value, values)
        ok = self._apply(lambda: _jacobian_state(*args), self._show)
        if not ok and self._failed_field == "point":
            # The texts are fine but the point is not: give the new variables their sliders, so
            # the learner can move the point to where the function is defined.
            sym = _symbolic(*args[:2])
            if tuple(sl.description for sl in self.point) != sym.names:
                self._rebuild_point(sym.names, _point_for(sym.names, values))

    def _show(self, s: _JacobianState) -> None:
        if tuple(sl.description for sl in self.point) != s.sym.names:
            self._rebuild_point(s.sym.names, s.point)
        self.jacobian_out.value = s.jacobian_html
        self.gradients_out.value = s.gradients_html
        self.value_out.value = s.value_html
        self.case_out.value = s.case_html
        self.check_out.value = s.check_html
        self.result, self.value, self.case, self.check = s.result, s.value, s.sym.case, s.check

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


# ---------------------------------------------------------------------------------------------
# 2. The gradient explorer


@dataclass(frozen=True)
class _GradientState:
    result: sp.Matrix
    value: np.ndarray
    figure_args: tuple
    png: bytes
    alt: str
    gradient_html: str
    value_html: str
    note_html: str


def _gradient_state(
    function: str, variables: str, point: tuple[float, float], bounds: Bounds
) -> _GradientState:
    """Everything the gradient explorer shows, from its inputs (pure)."""
    sym = _symbolic(function, variables)
    if sym.f_is_vector:
        problem("functions", gradient, sym.F, sym.x)  # raises the core's message
    if sym.x.rows != 2:
        raise InputProblem("functions", "the gradient picture needs f(x, y) of two variables")
    expr = sym.F[0]
    grad = sp.Matrix(sym.J)  # the gradient: the 1 × 2 Jacobian of a scalar f, numerator layout
    at = problem("point", values_at, expr, sym.x, point, grad)
    figure_args = (expr, sym.x, point, bounds)
    figure = problem("point", plots.gradient_field_figure, *figure_args)
    png, alt = plots.png_bytes(figure), plots.alt_text(figure)
    del figure  # only its PNG is kept: see _Explorer.figure
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
        tangent = np.array([-g[1], g[0]])
        note = (
            "The level curve through the point has tangent t = (−∂f/∂y, ∂f/∂x), and ∇f · t = 0: "
            "the gradient is perpendicular to the level curve and points where f grows fastest."
        )
        note_latex = (
            rf"\nabla f \cdot t = ({_number(g[0])})({_number(tangent[0])}) + "
            rf"({_number(g[1])})({_number(tangent[1])}) = 0"
        )
    return _GradientState(
        grad,
        g.reshape(1, 2),
        figure_args,
        png,
        alt,
        gradient_html,
        value_html,
        math_html(note_latex, text_before=note),
    )


class GradientExplorer(_Explorer):
    """A scalar f(x, y): its gradient, the gradient at a point, and a contour plot with the
    gradient field. See the module docstring for the attributes."""

    _name = "gradient"
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
        self.function = _text(
            function, f"f({', '.join(names)}) =", "e.g. 10 x^2 y^2", "mathkit-function"
        )
        self.point = [
            _slider(name, v, bounds[2 * k : 2 * k + 2], continuous=False)
            for k, (name, v) in enumerate(zip(names, point, strict=True))
        ]
        self.point_box = as_input(widgets.HBox(self.point), "mathkit-point")
        self.gradient_out = math_area("mathkit-gradient")
        self.value_out = math_area("mathkit-value")
        self.note_out = math_area("mathkit-note")
        self.plot = PlotArea()
        self.value: np.ndarray | None = None
        super().__init__(
            [self.function, self.point_box],
            [self.gradient_out, self.value_out, self.note_out, self.plot],
            budget,
            {"functions": [self.function], "point": [self.point_box]},
        )
        self._watch(self.function, *self.point)
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        point = tuple(s.value for s in self.point)
        args = (self.function.value, self.variable_names, point, self.bounds)
        self._apply(lambda: _gradient_state(*args), self._show)

    def _show(self, s: _GradientState) -> None:
        self.gradient_out.value = s.gradient_html
        self.value_out.value = s.value_html
        self.note_out.value = s.note_html
        self.plot.show_png(s.png, s.alt)
        self.result, self.value, self._figure_args = s.result, s.value, s.figure_args


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


# ---------------------------------------------------------------------------------------------
# 3. The neuron explorer


@dataclass(frozen=True)
class _NeuronState:
    result: NeuronPoint
    figure_args: tuple
    png: bytes
    alt: str
    formula_html: str
    partials_html: str


def _neuron_state(
    w: tuple[float, ...], b: float, x: tuple[float, ...], bounds: tuple[float, float]
) -> _NeuronState:
    """Everything the neuron explorer shows, from its inputs (pure)."""
    p = neuron_point(w, b, x)
    figure_args = (w, b, x, bounds)
    figure = plots.neuron_figure(*figure_args)
    png, alt = plots.png_bytes(figure), plots.alt_text(figure)
    del figure  # only its PNG is kept: see _Explorer.figure
    n = len(w)
    products = " + ".join(rf"({_number(wi)})({_number(xi)})" for wi, xi in zip(w, x, strict=True))
    if n == 1:
        wx, zero, xt, dw_name = "w x", "0", "x", r"\frac{\partial\,\mathrm{act}}{\partial w}"
    else:
        wx, zero, xt = r"\mathbf{w} \cdot \mathbf{x}", r"\mathbf{0}^T", r"\mathbf{x}^T"
        dw_name = r"\frac{\partial\,\mathrm{act}}{\partial \mathbf{w}}"
    formula_html = math_html(
        rf"z = {wx} + b = {products} + ({_number(b)}) = {_number(p.z)}, \qquad "
        rf"\mathrm{{act}} = \max(0, z) = {_number(p.activation)}"
    )
    cases_w = rf"\begin{{cases}} {zero} & z \le 0 \\ {xt} & z > 0 \end{{cases}}"
    cases_b = r"\begin{cases} 0 & z \le 0 \\ 1 & z > 0 \end{cases}"
    state = (
        f"Here z = {p.z:.4g} > 0: the neuron is active, so ∂act/∂w = xᵀ and ∂act/∂b = 1."
        if p.active
        else f"Here z = {p.z:.4g} ≤ 0: the neuron is off, so both partial derivatives are 0."
    )
    d_w = (
        _number(p.d_w[0, 0])
        if n == 1
        else rf"{_numbers_latex(p.d_w)} \quad {layout_note(p.d_w.shape, 'numerator')}"
    )
    partials_html = math_html(
        r"\begin{aligned}"
        rf"{dw_name} &= {cases_w} = {d_w} \\"
        rf"\frac{{\partial\,\mathrm{{act}}}}{{\partial b}} &= {cases_b} = {_number(p.d_b)}"
        r"\end{aligned}",
        text_after=state,
    )
    return _NeuronState(p, figure_args, png, alt, formula_html, partials_html)


class NeuronExplorer(_Explorer):
    """The affine neuron z = w·x + b and its ReLU activation, with the paper's partials.

    See the module docstring for the attributes."""

    _name = "neuron"
    _draw = staticmethod(plots.neuron_figure)

    def __init__(
        self,
        inputs: int = 1,
        w: Sequence[float] = (1.5, -0.5),
        b: float = -0.5,
        x: Sequence[float] = (1.0, 1.0),
        bounds: tuple[float, float] = (-3.0, 3.0),
        budget: float | None = DEFAULT_BUDGET,
    ):
        self.bounds = bounds
        self.inputs = as_input(
            widgets.ToggleButtons(
                options=[("1-D input", 1), ("2-D input", 2)],
                value=inputs,
                style={"button_width": "auto"},
            ),
            "mathkit-inputs",
        )
        self.w = [_slider(f"w{k}", v, continuous=False) for k, v in zip("₁₂", w, strict=True)]
        self.b = as_input(_slider("b", b, continuous=False), "mathkit-bias")
        self.x = [
            _slider(f"x{k}", v, bounds, continuous=False) for k, v in zip("₁₂", x, strict=True)
        ]
        weights = as_input(widgets.HBox(self.w), "mathkit-weights")
        point = as_input(widgets.HBox(self.x), "mathkit-point")
        self.formula_out = math_area("mathkit-neuron")
        self.partials_out = math_area("mathkit-partials")
        self.plot = PlotArea()
        super().__init__(
            [self.inputs, weights, self.b, point],
            [self.formula_out, self.partials_out, self.plot],
            budget,
            {"weights": [weights], "point": [point]},
        )
        self._watch(self.inputs, *self.w, self.b, *self.x)
        self._show_inputs()
        self.update()

    def _show_inputs(self) -> None:
        two = self.inputs.value == 2
        for sliders, name in ((self.w, "w"), (self.x, "x")):
            sliders[0].description = f"{name}₁" if two else name
            sliders[1].layout.display = None if two else "none"

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self.inputs:
            self._show_inputs()
        self.update()

    def update(self) -> None:
        """Recompute everything from the controls (called by every control's observer)."""
        n = self.inputs.value
        w = tuple(s.value for s in self.w[:n])
        x = tuple(s.value for s in self.x[:n])
        args = (w, self.b.value, x, self.bounds)
        self._apply(lambda: _neuron_state(*args), self._show)

    def _show(self, s: _NeuronState) -> None:
        self.formula_out.value = s.formula_html
        self.partials_out.value = s.partials_html
        self.plot.show_png(s.png, s.alt)
        self.result, self._figure_args = s.result, s.figure_args


def neuron_explorer(
    inputs: int = 1,
    w: Sequence[float] = (1.5, -0.5),
    b: float = -0.5,
    x: Sequence[float] = (1.0, 1.0),
    budget: float | None = DEFAULT_BUDGET,
) -> NeuronExplorer:
    """An explorer for the neuron activation(x) = max(0, w·x + b).

    Sliders for w, b and the input x; ``inputs`` = 1 draws the line z = wx + b and its ReLU,
    2 a heat map of the activation over the plane with the boundary z = 0. Shows ∂act/∂w
    (0ᵀ if z ≤ 0, else xᵀ) and ∂act/∂b (0 if z ≤ 0, else 1) at x, as in the paper; ``result`` is a
    :class:`mathkit.numeric.NeuronPoint`.
    """
    return NeuronExplorer(inputs, w, b, x, budget=budget)


# ---------------------------------------------------------------------------------------------
# 4. The shape-case explorer


def _case_example(f_kind: str, x_kind: str, m: int, n: int) -> tuple[str, str]:
    """An example (functions, variables) as text: the catalog's when its sizes match, else a
    made-up one with the right sizes (x₁ … xₙ and f_i = i·x_a² + x_b for vectors)."""
    m = m if f_kind == "vector" else 1
    n = n if x_kind == "vector" else 1
    number = 1 + (x_kind == "vector") + 2 * (f_kind == "vector")
    for e in CATALOG:
        sizes = (len(as_functions(e.functions)[0]), len(as_variables(e.variables)[0]))
        if e.case == number and sizes == (m, n):
            return e.functions, e.variables
    if x_kind == "scalar":
        items = [f"x^{i + 2}" for i in range(m)]
        variables = "x"
    else:
        names = [f"x{j + 1}" for j in range(n)]
        variables = " ".join(names)
        if f_kind == "scalar":
            items = [" + ".join(f"{name}^2" for name in names)]
        else:
            items = [
                f"{i + 1}*{names[i % n]}^2" + (f" + {names[(i + 1) % n]}" if n > 1 else "")
                for i in range(m)
            ]
    functions = f"[{', '.join(items)}]" if f_kind == "vector" else items[0]
    return functions, variables


@dataclass(frozen=True)
class _CaseState:
    case: ShapeCase
    jacobian: sp.Matrix
    example: tuple[str, str]
    case_html: str
    example_html: str
    jacobian_html: str
    shapes_html: str
    rule_html: str


def _case_state(f_kind: str, x_kind: str, m: int, n: int) -> _CaseState:
    """Everything the shape-case explorer shows, from its inputs (pure)."""
    functions, variables = _case_example(f_kind, x_kind, m, n)
    case = shape_case(functions, variables)
    F, f_vec = as_functions(functions)
    x, x_vec = as_variables(variables)
    J = jacobian(F, x)
    f_name = r"\mathbf{f}" if f_vec else "f"
    x_name = r"\mathbf{x}" if x_vec else "x"
    f_latex = sp.latex(F) if f_vec else sp.latex(F[0])
    x_latex = sp.latex(x) if x_vec else sp.latex(x[0])
    example_html = math_html(
        rf"{f_name}({x_name}) = {f_latex}, \qquad {x_name} = {x_latex}",
        text_before="An example (type it into jacobian_explorer to play with it):",
    )
    both = [show_jacobian(functions, variables, layout) for layout in ("numerator", "denominator")]
    jacobian_html = math_html(
        r"\begin{gathered}" + r" \\ ".join(b.latex for b in both) + r"\end{gathered}"
    )

    def kind(is_vector: bool, size: int, letter: str) -> str:
        return f"vector, {size} × 1 ({letter} = {size})" if is_vector else "scalar, 1 × 1"

    rows = [
        ("f", kind(f_vec, case.m, "m"), kind(f_vec, case.m, "m")),
        ("x", kind(x_vec, case.n, "n"), kind(x_vec, case.n, "n")),
        (
            "∂f/∂x",
            shape_text(case.jacobian_shape("numerator")),
            shape_text(case.jacobian_shape("denominator")),
        ),
    ]
    cells = "".join(f"<tr><th>{a}</th><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    shapes_html = (
        '<table role="table"><tr><th></th><th>numerator layout</th><th>denominator layout</th>'
        f"</tr>{cells}</table>"
    )
    return _CaseState(
        case,
        J,
        (functions, variables),
        math_html("", text_before=f"Case {case.number} of 4: a {case.name}."),
        example_html,
        jacobian_html,
        shapes_html,
        math_html("", text_before=f"Rule: {case.rule}"),
    )


class ShapeCaseExplorer(_Explorer):
    """Pick scalar or vector for f and x and the sizes m, n: see the four shape cases.

    See the module docstring for the attributes."""

    _name = "shape-case"

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
                "mathkit-kind",
            )

        self.f_kind = toggle(f_kind, "f is a")
        self.x_kind = toggle(x_kind, "x is a")
        self.m = as_input(
            widgets.IntSlider(value=m, min=1, max=6, description="m (functions)", style=_LABEL)
        )
        self.n = as_input(
            widgets.IntSlider(value=n, min=1, max=6, description="n (variables)", style=_LABEL)
        )
        sizes = as_input(widgets.HBox([self.m, self.n]), "mathkit-sizes")
        self.case_out = math_area("mathkit-case")
        self.example_out = math_area("mathkit-example")
        self.jacobian_out = math_area("mathkit-jacobian")
        self.shapes_out = math_area("mathkit-shapes")
        self.rule_out = math_area("mathkit-rule")
        self.jacobian: sp.Matrix | None = None
        self.example: tuple[str, str] | None = None
        self._busy = False
        super().__init__(
            [self.f_kind, self.x_kind, sizes],
            [self.case_out, self.example_out, self.jacobian_out, self.shapes_out, self.rule_out],
            budget,
            {"sizes": [sizes]},
        )
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
        self._apply(lambda: _case_state(*args), self._show)

    def _show(self, s: _CaseState) -> None:
        self.case_out.value = s.case_html
        self.example_out.value = s.example_html
        self.jacobian_out.value = s.jacobian_html
        self.shapes_out.value = s.shapes_html
        self.rule_out.value = s.rule_html
        self.result, self.jacobian, self.example = s.case, s.jacobian, s.example


def shape_case_explorer(
    f_kind: str = "vector", x_kind: str = "vector", m: int = 2, n: int = 2
) -> ShapeCaseExplorer:
    """An explorer for the four shape cases: choose scalar/vector for f and x and the sizes m, n;
    see an example function, its Jacobian in both layouts, the shapes of f, x and ∂f/∂x, and the
    one-line rule. ``result`` is the :class:`mathkit.ShapeCase`."""
    return ShapeCaseExplorer(f_kind, x_kind, m, n)


# ---------------------------------------------------------------------------------------------
# 5. The linearization explorer


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
