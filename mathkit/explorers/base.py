"""What every explorer shares: cached symbolic results per input text, their LaTeX, the
explorer box with its error line and time budget, and small control factories."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
import numpy as np
import sympy as sp

from ..calculus import as_functions, as_variables, jacobian
from ..examples import CATALOG
from ..shapes import ShapeCase, case_of
from ..text import number
from ..ui import (
    EXPLORER,
    ErrorLine,
    InputProblem,
    as_input,
    friendly_message,
    gc_paused,
    mark_invalid,
    problem,
    run_with_budget,
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
