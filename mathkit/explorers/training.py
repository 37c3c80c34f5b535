"""8. The training explorer: gradient descent on one ReLU neuron, one step at a time (§6).

A small built-in data set (``"1d"`` or ``"2d"``, see :mod:`mathkit.training`), sliders for the
start w, b and the learning rate, a Step button and a Run control: an ``ipywidgets.Play`` whose
every tick (sent by the browser) does one step, so the kernel is never blocked by a loop and
Run stops when asked (its pause or stop button, or :meth:`TrainingExplorer.stop`). Shows the
fit, the loss curve, each sample's error and whether it is active, and −∇C as an arrow on the
loss contours. All the mathematics is :mod:`mathkit.neuron`'s (loss, loss_gradient, train)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets
import numpy as np

from .. import css, training, training_plots
from ..render import layout_note
from ..text import number
from ..ui import DEFAULT_BUDGET, as_input, math_html, problem
from .base import (
    Area,
    Picture,
    View,
    _Explorer,
    _number,
    _numbers_latex,
    _row,
    _slider,
    picture,
)

PARAMETER_RANGE = (-3.0, 3.0)
RATE_RANGE = (0.01, 0.5)
RUN_STEPS = 200  # ticks of one Run


def _point(s: training.TrainingState) -> tuple[float, float]:
    """The parameters as drawn on the contour plot: (w, b) for 1-D data, (w₁, w₂) for 2-D."""
    return (s.w[0], s.b) if len(s.w) == 1 else (s.w[0], s.w[1])


def _training_view(
    s: training.TrainingState,
    losses: Sequence[float],
    path,
    figure: training_plots.TrainingFigure | None = None,
) -> View:
    """Everything the training explorer shows for the state ``s``, its picture drawn on
    ``figure`` (the explorer's own, redrawn in place) or, without one, on a new figure (pure)."""
    args = (s, tuple(losses), tuple(path))
    if figure is None:
        drawn = picture(training_plots.training_figure, *args, field="rate")
    else:
        png = problem("rate", figure.png, *args)
        drawn = Picture(png, figure.figure.mathkit_alt, args)
    g = s.gradient
    n = len(s.w)
    active = np.asarray(g.active, dtype=bool)
    dw = np.atleast_2d(np.asarray(g.dw, dtype=float))
    w_name = "w" if n == 1 else r"\mathbf{w}"
    x_t = "x_i" if n == 1 else r"\mathbf{x}_i^T"
    dw_value = _numbers_latex(dw) if n > 1 else _number(dw[0, 0])
    if n > 1:
        dw_value += r" \quad " + layout_note(dw.shape, "numerator")
    summary_html = math_html(
        r"\begin{aligned}"
        rf"C &= \frac{{1}}{{N}}\sum_i \left(y_i - \max(0, z_i)\right)^2 = {_number(s.loss)} \\"
        rf"\frac{{\partial C}}{{\partial {w_name}}} &= \frac{{2}}{{N}}"
        rf" \sum_{{i\ \mathrm{{active}}}} e_i\, {x_t} = {dw_value} \\"
        rf"\frac{{\partial C}}{{\partial b}} &= \frac{{2}}{{N}} \sum_{{i\ \mathrm{{active}}}} e_i"
        rf" = {_number(g.db)}"
        r"\end{aligned}",
        text_before=(
            f"After {len(losses) - 1} step(s): loss C = {number(s.loss, 6)} at "
            f"w = {_vec(s.w)}, b = {number(s.b)}; "
            f"{int(active.sum())} of {len(active)} samples active (z_i > 0). "
            "Only active samples count: the case stays inside the sum."
        ),
        text_after=" ".join(
            [
                "The next step: w ← w − η (∂C/∂w)ᵀ (∂C/∂w is a row, so the update transposes "
                "it), b ← b − η ∂C/∂b.",
                *_notes(s, active),
            ]
        ),
    )
    return View(
        areas={"summary": summary_html, "samples": _samples_table(s)},
        results={"result": s, "loss": s.loss},
        picture=drawn,
    )


def _notes(s: training.TrainingState, active: np.ndarray) -> list[str]:
    """What a learner needs told about this state: a gradient of 0 (why a step changes
    nothing), parameters beyond the sliders' range."""
    notes = []
    if not active.any():
        notes.append(
            "No sample is active here (every z_i ≤ 0), so the gradient is 0 and a step changes "
            "nothing: the neuron is “dead”. Move w or b (or press Reset) until some samples "
            "are active."
        )
    elif not _moving(s):
        notes.append("The gradient is 0 here: a step changes nothing (a minimum of C).")
    names = ["w"] if len(s.w) == 1 else ["w₁", "w₂"]
    lo, hi = PARAMETER_RANGE
    for name, v in zip([*names, "b"], [*s.w, s.b], strict=True):
        if not lo <= v <= hi:
            notes.append(
                f"{name} = {number(v)} is beyond the sliders' range [−{-lo:g}, {hi:g}]: its slider "
                "stops at the end, and the contour panel shows only that range."
            )
    return notes


def _moving(s: training.TrainingState) -> bool:
    """True if gradient descent moves from ``s`` (the gradient is not 0)."""
    return bool(np.any(np.asarray(s.gradient.dw, dtype=float)) or float(s.gradient.db))


def _vec(values) -> str:
    values = [number(v) for v in values]
    return values[0] if len(values) == 1 else "(" + ", ".join(values) + ")"


# Room between the columns (a widget's table has none: "3 0 0.5 −0.5" read as one number)
_CELL = "padding: 0.15em 0.9em 0.15em 0; text-align: left; vertical-align: top"


def _samples_table(s: training.TrainingState) -> str:
    """Each sample: x_i, y_i, z_i, active or not, the error e_i = z_i − y_i (escaped text)."""
    data = training.data_set(s.data)
    X, y = data.floats()
    errors = np.asarray(s.gradient.errors, dtype=float)
    head = "".join(
        f"<th scope='col' style='{_CELL}'>{h}</th>"
        for h in ("i", "x_i", "y_i", "z_i = w·x_i + b", "active?", "e_i = z_i − y_i")
    )
    rows = []
    for i, (xi, yi, ei, a) in enumerate(zip(X, y, errors, s.gradient.active, strict=True), 1):
        cells = (i, _vec(xi), number(yi), number(ei + yi), "yes" if a else "no (adds 0)",
                 number(ei))  # fmt: skip
        rows.append(
            "<tr>"
            + "".join(f"<td style='{_CELL}'>{html.escape(str(c))}</td>" for c in cells)
            + "</tr>"
        )
    return (
        "<div>Each sample's error and whether it is active:</div>"
        "<table style='border-collapse: collapse'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


class TrainingExplorer(_Explorer):
    """Gradient descent on a ReLU neuron. Controls: ``data`` (ToggleButtons "1d"/"2d"), ``w``
    (sliders: one for 1-D data, two for 2-D), ``b``, ``rate`` (FloatSliders), ``step_button``,
    ``play`` (ipywidgets.Play: each tick one step), ``reset_button``. Moving w or b starts again
    from there. Results: ``result`` (:class:`mathkit.training.TrainingState`), ``loss``,
    ``losses`` (one per step, the start first), ``figure``."""

    _name = "training"
    _areas = (
        Area("summary", "the loss and its gradient"),
        Area("samples", "each sample's error and activity"),
    )
    _results = ("result", "loss")
    _stale_text = "showing the last valid step"
    _draw = staticmethod(training_plots.training_figure)

    def __init__(
        self,
        data: str = "1d",
        rate: float = 0.05,
        budget: float | None = DEFAULT_BUDGET,
    ):
        training.data_set(data)
        self.data = as_input(
            widgets.ToggleButtons(
                options=[("1-D data", "1d"), ("2-D data", "2d")],
                value=data,
                style={"button_width": "auto"},
            ),
            css.DATA,
        )
        self.w = [
            _slider(name, 0.0, PARAMETER_RANGE, step=0.01, continuous=False)
            for name in ("w₁", "w₂")
        ]
        self.b = as_input(_slider("b", 0.0, PARAMETER_RANGE, step=0.01, continuous=False),
                          css.BIAS)  # fmt: skip
        self.rate = as_input(
            _slider("learning rate η", rate, RATE_RANGE, step=0.01, continuous=False), css.RATE
        )
        self.step_button = as_input(
            widgets.Button(description="Step", tooltip="one step of gradient descent"), css.STEP
        )
        self.play = as_input(
            widgets.Play(
                value=0, min=0, max=RUN_STEPS, step=1, interval=300, description="Run",
                show_repeat=False, tooltip="run: one step per tick; pause or stop any time",
            ),
            css.RUN,
        )  # fmt: skip
        self.reset_button = as_input(
            widgets.Button(description="Reset", tooltip="back to the data set's start"), css.RESET
        )
        self.losses: list[float] = []
        self._path: list[tuple[float, float]] = []
        self._syncing = False
        weights = _row(self.w, css.WEIGHTS)
        controls = _row([self.step_button, self.play, self.reset_button])
        super().__init__(
            [self.data, weights, self.b, self.rate, controls],
            budget,
            {"rate": [self.rate], "weights": [weights]},
        )
        self._watch(*self.w, self.b, self.data)
        self.play.observe(self._on_tick, names="value")
        self.step_button.on_click(lambda _button: self.step())
        self.reset_button.on_click(lambda _button: self.reset())
        self.reset()

    def _region_context(self) -> str:
        return f"training explorer, {training.data_set(self.data.value).n}-D data"

    def __repr__(self) -> str:
        """Short and stable for plain-text outputs (nbval): the data, the step, the loss."""
        if self.result is None:
            return f"<TrainingExplorer error: {self.error}>"
        return (
            f"<TrainingExplorer {self.result.data} data, step {len(self.losses) - 1}, "
            f"loss {self.loss:.6g}>"
        )

    # --- the parameters ---------------------------------------------------------------------

    def _n(self) -> int:
        return training.data_set(self.data.value).n

    def _parameters(self) -> tuple[tuple[float, ...], float]:
        return tuple(s.value for s in self.w[: self._n()]), self.b.value

    def _set_sliders(self, w, b) -> None:
        self._syncing = True
        try:
            for slider, v in zip(self.w, w, strict=False):
                slider.value = float(np.clip(v, *PARAMETER_RANGE))
            self.b.value = float(np.clip(b, *PARAMETER_RANGE))
        finally:
            self._syncing = False

    def _show_weights(self) -> None:
        two = self._n() == 2
        self.w[0].description = "w₁" if two else "w"
        self.w[1].layout.display = None if two else "none"

    # --- what the controls do ---------------------------------------------------------------

    def reset(self) -> None:
        """Back to the data set's start (some samples inactive) and an empty history."""
        self.stop()
        data = training.data_set(self.data.value)
        training.prepare(data.name)  # derived once, outside the time budget (like an import)
        training_plots.shared_figure(data.name)  # built once per kernel, outside the budget
        self._show_weights()
        self._set_sliders(data.w0, data.b0)
        self._start_at(data.w0, data.b0)

    def _start_at(self, w, b) -> None:
        name = self.data.value
        figure = training_plots.shared_figure(name)

        def compute() -> View:
            s = training.state(name, w, b)
            return _training_view(s, [s.loss], [_point(s)], figure)

        if self._apply(compute):
            self.losses = [self.result.loss]
            self._path = [_point(self.result)]

    def _on_change(self, change=None) -> None:
        if self._syncing:
            return
        if change is not None and change.get("owner") is self.data:
            self.reset()
            return
        self.stop()
        self._start_at(*self._parameters())  # a moved slider: start again from there

    def update(self) -> None:
        """Show the current state again (e.g. after a change of budget)."""
        s = self.result
        if s is not None:
            figure = training_plots.shared_figure(s.data)
            self._apply(lambda: _training_view(s, self.losses, self._path, figure))

    def step(self) -> bool:
        """One step of gradient descent from the current parameters; True if it worked."""
        s = self.result
        if s is None:
            return False
        name, rate = s.data, self.rate.value
        losses, path = list(self.losses), list(self._path)
        figure = training_plots.shared_figure(name)

        def compute() -> View:
            after = training.step(name, s.w, s.b, rate)
            return _training_view(after, [*losses, after.loss], [*path, _point(after)], figure)

        if not self._apply(compute):
            self.stop()
            return False
        self.losses.append(self.result.loss)
        self._path.append(_point(self.result))
        self._set_sliders(self.result.w, self.result.b)
        return True

    def _on_tick(self, change) -> None:
        """One tick of Run: one step. A tick that arrives when the Play is not playing (sent
        just before Reset or pause reached the browser) is ignored; Run stops where the
        gradient is 0 (nothing would change)."""
        if self._syncing or not self.play.playing or change["new"] <= change["old"]:
            return
        if not self.step() or not _moving(self.result):
            self.stop()

    def stop(self) -> None:
        """Stop a Run (the Play widget) and rewind its counter."""
        self._syncing = True
        try:
            self.play.playing = False
            self.play.value = 0
        finally:
            self._syncing = False


def training_explorer(
    data: str = "1d", rate: float = 0.05, budget: float | None = DEFAULT_BUDGET
) -> TrainingExplorer:
    """Train one ReLU neuron on a built-in data set (``"1d"`` or ``"2d"``), step by step.

    >>> ex = training_explorer("1d")
    >>> start = ex.loss
    >>> ex.step_button.click()
    >>> ex.loss < start, len(ex.losses)
    (True, 2)
    """
    return TrainingExplorer(data, rate, budget)
