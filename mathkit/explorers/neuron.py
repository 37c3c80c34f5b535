"""3. The neuron explorer: activation(x) = max(0, w·x + b) and its partials, as in the paper."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from .. import css, plots
from ..numeric import (
    neuron_point,
)
from ..render import layout_note
from ..text import number
from ..ui import (
    DEFAULT_BUDGET,
    as_input,
    math_html,
)
from .base import (
    Area,
    View,
    _Explorer,
    _number,
    _numbers_latex,
    _row,
    _slider,
    picture,
)


def _neuron_state(
    w: tuple[float, ...], b: float, x: tuple[float, ...], bounds: tuple[float, float]
) -> View:
    """Everything the neuron explorer shows, by area, from its inputs (pure).

    Whether the neuron is active is decided once, exactly (:func:`mathkit.numeric.neuron_point`),
    and every line below follows that decision."""
    p = neuron_point(w, b, x)
    drawn = picture(plots.neuron_figure, w, b, x, bounds, field="weights")
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
    if p.active:
        state = (
            f"Here z = {number(p.z)} > 0: the neuron is active, so ∂act/∂w = xᵀ and ∂act/∂b = 1."
        )
    elif p.z == 0:
        state = (
            "Here z = 0 exactly: the corner of max(0, z). The paper takes the slope 0 there, so "
            "the neuron counts as off and both partial derivatives are 0."
        )
    else:
        state = f"Here z = {number(p.z)} < 0: the neuron is off, so both partial derivatives are 0."
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
    return View(
        areas={"neuron": formula_html, "partials": partials_html},
        results={"result": p},
        picture=drawn,
    )


class NeuronExplorer(_Explorer):
    """The affine neuron z = w·x + b and its ReLU activation, with the paper's partials.

    See the module docstring for the attributes."""

    _name = "neuron"
    _areas = (
        Area("neuron", "the neuron's value"),
        Area("partials", "the neuron's partial derivatives"),
    )
    _stale_text = "showing the last valid neuron"
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
            css.INPUTS,
        )
        self.w = [_slider(f"w{k}", v, continuous=False) for k, v in zip("₁₂", w, strict=True)]
        self.b = as_input(_slider("b", b, continuous=False), css.BIAS)
        self.x = [
            _slider(f"x{k}", v, bounds, continuous=False) for k, v in zip("₁₂", x, strict=True)
        ]
        weights = _row(self.w, css.WEIGHTS)
        point = _row(self.x, css.POINT)
        super().__init__(
            [self.inputs, weights, self.b, point],
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
        self._apply(lambda: _neuron_state(*args))


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
