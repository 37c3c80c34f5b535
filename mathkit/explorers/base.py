"""What every explorer shares: cached symbolic results per input text, their LaTeX, the
explorer box that builds and fills the output areas an explorer declares (with its error line,
stale mark and time budget), and small control factories."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
import numpy as np
import sympy as sp

from .. import css
from ..calculus import as_functions, as_variables, jacobian
from ..examples import CATALOG
from ..parse import ParseError, reading
from ..shapes import ShapeCase, case_of
from ..text import number
from ..ui import (
    ErrorLine,
    PlotArea,
    as_input,
    attempt,
    gc_paused,
    mark_invalid,
    math_area,
    problem,
    scroll_region,
    style,
)

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
    return number(v, latex=True)


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
    reading: str | None = None  # the functions as read, when a run of letters was split (6·x·y)


@lru_cache(maxsize=128)
def _symbolic(functions: str, variables: str) -> _Symbolic:
    """Parse the texts and differentiate: the results of the core, cached per pair of texts.

    Raises :class:`mathkit.ui.InputProblem` for the input at fault ("variables" or "functions").
    """
    x, x_is_vector = problem("variables", as_variables, variables)
    F, f_is_vector = problem("functions", as_functions, functions, variables)
    J = problem("functions", jacobian, F, x)
    case = case_of(f_is_vector, x_is_vector, m=F.rows, n=x.rows)
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
        _reading(functions, variables),
    )


def _reading(functions: str, variables: str) -> str | None:
    """How the functions were read with the variables given (``6xy`` as ``6·x·y``), else None."""
    try:
        return reading(functions, variables)
    except ParseError:
        return None


def _point_for(names: Sequence[str], values: dict[str, float], default: float = 1.0):
    return tuple(float(values.get(name, default)) for name in names)


# ---------------------------------------------------------------------------------------------
# What an explorer shows: output areas by name


@dataclass(frozen=True)
class Area:
    """One output area an explorer declares: the widget ``<name>_out`` (an HTMLMath with classes
    ``mathkit-math`` and ``mathkit-<name>``) whose content is a keyboard-focusable region named
    ``label`` for screen readers (see :func:`mathkit.ui.scroll_region`)."""

    name: str
    label: str


@dataclass(frozen=True)
class Picture:
    """A figure to show: its PNG, its alt text, and the arguments that draw it again."""

    png: bytes
    alt: str
    args: tuple


@dataclass(frozen=True)
class View:
    """Everything an explorer shows after one update, by name: ``areas`` maps an area's name to
    its HTML, ``results`` an attribute name (``result``, ``value``, ...) to its value, and
    ``picture`` is the figure, if the explorer has one. Built by the explorer's pure state
    function; :class:`_Explorer` puts it on screen."""

    areas: dict[str, str]
    results: dict[str, Any]
    picture: Picture | None = None
    reading: str | None = None  # the functions as read, when a run of letters was split


def picture(draw: Callable[..., Any], *args: Any, field: str = "point") -> Picture:
    """Draw ``draw(*args)`` and keep only its PNG and alt text (see :attr:`_Explorer.figure`);
    an error becomes an :class:`InputProblem` for ``field``."""
    from .. import plots

    figure = problem(field, draw, *args)
    return Picture(plots.png_bytes(figure), plots.alt_text(figure), args)


# ---------------------------------------------------------------------------------------------
# The shared explorer box


class _Explorer(widgets.VBox):
    """A VBox with inputs, an error line, and the output areas its class declares.

    Subclasses declare ``_areas`` (a tuple of :class:`Area`), ``_results`` (attribute names their
    views fill), ``_draw`` (the plot function, if they show a figure) and ``_stale_text``; their
    ``update`` calls :meth:`_apply` with a pure function returning a :class:`View`. While an input
    is invalid the last good view stays on screen, dimmed (class ``mathkit-stale``) under a note
    saying so.
    """

    _name = "explorer"
    _areas: tuple[Area, ...] = ()
    _results: tuple[str, ...] = ("result",)
    _draw: Callable[..., Any] | None = None  # the pure plot function of the figure on screen
    _stale_text = "showing the last valid f"

    def __init__(self, inputs: list, budget: float | None, fields: dict):
        self.budget = budget
        self.error: str | None = None
        self.error_out = ErrorLine()
        self._fields = fields  # input name -> widgets to mark invalid
        self._figure_args: tuple | None = None
        self._failed_field: str | None = None
        self._shown: View | None = None
        for name in self._results:
            setattr(self, name, None)
        for area in self._areas:
            setattr(self, f"{area.name}_out", math_area(css.area(area.name)))
        outputs = [getattr(self, f"{a.name}_out") for a in self._areas]
        if self._draw is not None:
            self.plot = PlotArea()
            outputs.append(self.plot)
        self.reading: str | None = None
        self.reading_note = widgets.HTML(value="")  # "f read as 6·x·y": a caption, not an error
        self.reading_note.add_class(css.READING)
        self.reading_note.layout.display = "none"
        self.stale_note = widgets.HTML(value="")
        self.stale_note.add_class(css.STALE_NOTE)
        self.stale_note.layout.display = "none"
        self.outputs = widgets.VBox(outputs)
        self.outputs.add_class(css.OUTPUTS)
        super().__init__(
            [style(), *inputs, self.reading_note, self.error_out, self.stale_note, self.outputs]
        )
        self.add_class(css.EXPLORER)
        self.add_class(f"mathkit-{self._name}-explorer")

    @property
    def stale(self) -> bool:
        """True while the outputs on screen are the last good ones, not the current inputs'."""
        return css.STALE in self.outputs._dom_classes

    def _watch(self, *controls) -> None:
        for control in controls:
            control.observe(self._on_change, names="value")

    def _on_change(self, change=None) -> None:
        self.update()

    def update(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    @property
    def figure(self):
        """The figure on screen as a new matplotlib Figure, drawn again from the last good inputs
        (the explorer keeps only its PNG), or None."""
        if self._draw is None or self._figure_args is None:
            return None
        return self._draw(*self._figure_args)

    def _show(self, view: View) -> None:
        """Put a view on screen: each area's HTML in its own focusable region, the figure, and
        the results as attributes."""
        labels = {a.name: a.label for a in self._areas}
        for name, content in view.areas.items():
            label = f"{labels[name]}, {self._region_context()}"
            getattr(self, f"{name}_out").value = scroll_region(content, label)
        if view.picture is not None:
            self.plot.show_png(view.picture.png, view.picture.alt)
            self._figure_args = view.picture.args
        for name, value in view.results.items():
            setattr(self, name, value)
        self._show_reading(view.reading)
        self._shown = view

    def _region_context(self) -> str:
        """Which explorer a region belongs to, for its label: two explorers on one page (a
        Jacobian and a linearization explorer, 1-D and 2-D training) keep their regions apart."""
        return f"{self._name} explorer"

    def _show_reading(self, read_as: str | None) -> None:
        """Say how f was read when a run of letters was read as a product of the variables."""
        self.reading = read_as
        if read_as is None:
            self.reading_note.value = ""
            self.reading_note.layout.display = "none"
            return
        self.reading_note.value = (
            f'<span role="status">f read as <code>{html.escape(read_as)}</code></span>'
        )
        self.reading_note.layout.display = None

    def _apply(self, compute: Callable[[], View]) -> bool:
        """Run ``compute`` within the budget and show its view; on any error keep the last good
        view (dimmed, with a note), show one friendly line and mark the input at fault. True on
        success."""
        self._failed_field = None
        with gc_paused():  # the figure built and dropped here is freed as young garbage
            outcome = attempt(compute, budget=self.budget)
            if outcome.ok:
                self._show(outcome.value)
        if not outcome.ok:
            field = outcome.field or next(iter(self._fields))
            self._fail(outcome.message, field)
            self._failed_field = field
            return False
        self.error = None
        self.error_out.clear()
        self._mark_stale(False)
        for group in self._fields.values():
            for w in group:
                mark_invalid(w, False)
        return True

    def _show_stale(self, compute: Callable[[], View]) -> None:
        """After a failed update: show ``compute``'s view (the last valid inputs, with controls
        that do not depend on the faulty one, such as the layout) still marked stale."""
        outcome = attempt(compute, budget=self.budget)
        if outcome.ok:  # else keep what is on screen
            self._show(outcome.value)
            self._show_reading(None)  # the reading was of the last valid f, not the text typed

    def _mark_stale(self, stale: bool) -> None:
        shown = stale and self._shown is not None
        if shown:
            self.outputs.add_class(css.STALE)
            self.stale_note.value = (
                f'<span class="{css.STALE_NOTE}-text">{html.escape(self._stale_text)} '
                "(dimmed below) until the input above can be used</span>"
            )
            self.stale_note.layout.display = None
        else:
            self.outputs.remove_class(css.STALE)
            self.stale_note.value = ""
            self.stale_note.layout.display = "none"

    def __repr__(self) -> str:
        """A short, stable text for plain-text outputs (and nbval), instead of the widget tree."""
        state = f"error: {self.error}" if self.error else f"result: {_short(self.result)}"
        return f"<{type(self).__name__} {state}>"

    def _fail(self, message: str, field: str) -> None:
        self._show_reading(None)
        self.error = message
        self.error_out.show(message)
        self._mark_stale(True)
        for name, group in self._fields.items():
            for w in group:
                mark_invalid(w, name == field)


def _short(value: Any, limit: int = 200) -> str:
    if isinstance(value, sp.MatrixBase):
        value = f"Matrix({value.tolist()})"
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


POINT_RANGE = (-3.0, 3.0)  # the point sliders' range, unless an explorer is given bounds


def clamp(value: float, bounds: tuple[float, float] = POINT_RANGE) -> float:
    """value moved into [lo, hi]: the one place a start value meets its slider's range.

    >>> clamp(5.0), clamp(-0.5)
    (3.0, -0.5)
    """
    lo, hi = bounds
    return min(max(float(value), lo), hi)


def _slider(name: str, value: float, bounds=POINT_RANGE, step=0.05, continuous=True, **kw):
    lo, hi = bounds
    slider = widgets.FloatSlider(
        value=clamp(value, bounds),
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


def _row(children: Sequence[widgets.Widget], *classes: str) -> widgets.HBox:
    """A row of controls that wraps onto more lines when the output is narrow (class
    ``mathkit-row`` and ``classes``, all inputs)."""
    row = widgets.HBox(list(children), layout=widgets.Layout(flex_flow="row wrap"))
    return as_input(row, css.ROW, *classes)


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


def _layout_toggle(layout: str) -> widgets.ToggleButtons:
    """The numerator/denominator layout toggle (class ``mathkit-layout``), set to ``layout``."""
    from ..calculus import check_layout

    return as_input(
        widgets.ToggleButtons(
            options=[("numerator layout", "numerator"), ("denominator layout", "denominator")],
            value=check_layout(layout),
            tooltips=["one row per function (the paper's)", "one row per variable"],
            style={"button_width": "auto"},
        ),
        css.LAYOUT,
    )


def _initial_point(functions: str, variables: str, point) -> dict[str, float]:
    """Starting coordinates by variable name: ``point`` (a dict, or a sequence in the order of the
    variables), else the catalog's point for an example typed as in the catalog, else {}."""
    if isinstance(point, dict):
        return {str(k): clamp(v) for k, v in point.items()}
    try:
        names = [str(s) for s in as_variables(variables)[0]]
    except ValueError:
        return {}
    if point is not None:
        return dict(zip(names, (clamp(v) for v in point), strict=False))
    for e in CATALOG:
        if e.functions == functions and e.variables == variables:
            return dict(zip(names, (clamp(v) for v in e.point), strict=True))
    return {}
