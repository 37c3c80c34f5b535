"""The training explorer's figure: the fit, the loss contours with the gradient, the loss curve
and each sample's error. A pure function of the training state (see :mod:`mathkit.training`),
following the rules of :mod:`mathkit.plots` (white, ≤ 700 px wide, text ≥ 10 px, Okabe–Ito
colours, alt text, stable gids: ``samples``, ``fit``, ``boundary``, ``contours``, ``params``,
``path``, ``descent``, ``loss-curve``).

>>> from mathkit import training
>>> fig = training_figure(training.state("1d", (0.5,), -0.5), (4.875,))
>>> alt_text(fig).startswith("Three panels")
True
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np

from .figures import _STYLE, GRID_COLOR, OKABE_ITO, alt_text, new_figure
from .training import TrainingState, data_set, loss_surface

__all__ = ["alt_text", "training_figure"]

ACTIVE = OKABE_ITO["bluish green"]
INACTIVE = "#767676"
BOUNDS = (-3.0, 3.0, -3.0, 3.0)


def _num(v: float) -> str:
    return f"{float(v) + 0.0:.3g}".replace("-", "−")


def _vec(values) -> str:
    return "(" + ", ".join(_num(v) for v in np.ravel(values)) + ")"


@matplotlib.rc_context(_STYLE)
def training_figure(
    s: TrainingState,
    losses: Sequence[float],
    path: Sequence[Sequence[float]] = (),
):
    """Three panels for the state ``s`` after ``len(losses) - 1`` steps.

    No legends (each costs a tenth of the drawing time): the titles say what the marks are.
    Top left, the fit: the samples (filled: active, z_i > 0; open squares: inactive) and the
    neuron's output (1-D: the curve max(0, wx + b) with each error as a dotted segment; 2-D: the
    boundary z = 0 in the plane). Top right: contours of the loss C over (w, b) (1-D) or
    (w₁, w₂) at the current b (2-D), the parameters so far (``path``, (p, q) pairs) and the
    arrow −∇C, the direction of the next step (its length fixed, scaled for the view). Bottom:
    the loss after each step. (Each sample's error is a table next to the figure.)
    """
    data = data_set(s.data)
    X, y = data.floats()
    active = np.asarray(s.gradient.active, dtype=bool)
    errors = np.asarray(s.gradient.errors, dtype=float)
    fig = new_figure(8.6, 6.0)
    grid = fig.add_gridspec(2, 2, left=0.08, right=0.98, bottom=0.09, top=0.95, hspace=0.45,
                            wspace=0.26, height_ratios=(1.6, 1))  # fmt: skip
    fit_ax, contour_ax = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    loss_ax = fig.add_subplot(grid[1, :])
    fit_text = _fit_1d(fit_ax, s, X, y, active) if data.n == 1 else _fit_2d(fit_ax, s, X, active)
    arrow_text = _contours(contour_ax, s, path)
    _loss_curve(loss_ax, losses)
    n_active = int(active.sum())
    fig.mathkit_alt = (
        f"Three panels after {len(losses) - 1} step(s) of gradient descent on {data.description}, "
        f"at w = {_vec(s.w)}, b = {_num(s.b)}, loss C = {_num(s.loss)}. {fit_text} {arrow_text} "
        f"The loss curve shows C after each step, from {_num(losses[0])} to {_num(losses[-1])}. "
        f"{n_active} of {len(errors)} samples are active (filled green), the others inactive "
        "(open grey squares) and left out of the gradient."
    )
    return fig


def _square_ticks(ax) -> None:
    """The view BOUNDS with five fixed ticks on each axis (a locator costs drawing time)."""
    ax.set_xlim(BOUNDS[0], BOUNDS[1])
    ax.set_ylim(BOUNDS[2], BOUNDS[3])
    ticks = np.linspace(BOUNDS[0], BOUNDS[1], 3)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)


def _markers(ax, xs, ys, active) -> None:
    ax.plot(xs[active], ys[active], "o", color="black", markerfacecolor=ACTIVE, markersize=8,
            linestyle="None", gid="samples", label="active sample (z > 0)")  # fmt: skip
    ax.plot(xs[~active], ys[~active], "s", color=INACTIVE, markerfacecolor="white", markersize=7,
            markeredgewidth=1.6, linestyle="None", label="inactive (z ≤ 0)")  # fmt: skip


def _fit_1d(ax, s: TrainingState, X, y, active) -> str:
    xs = X[:, 0]
    line = np.linspace(BOUNDS[0], BOUNDS[1], 121)
    w, b = s.w[0], s.b
    ax.plot(line, np.maximum(0.0, w * line + b), color=OKABE_ITO["vermillion"], linewidth=2.2,
            gid="fit", label="output max(0, wx + b)")  # fmt: skip
    for xi, yi, oi in zip(xs, y, s.outputs, strict=True):
        ax.plot([xi, xi], [yi, oi], ":", color="#444444", linewidth=1.2)
    _markers(ax, xs, y, active)
    ax.set_xticks([-3, 0, 3])
    ax.set_yticks([0, 2.5, 5])
    ax.set_xlabel("input x")
    ax.set_ylabel("target y and output")
    ax.set_title("fit: ● active, □ inactive (z ≤ 0)")
    return (
        f"The fit panel shows the samples and the output max(0, {_num(w)}x + {_num(b)}) with "
        "each error as a dotted segment."
    )


def _fit_2d(ax, s: TrainingState, X, active) -> str:
    (w1, w2), b = s.w, s.b
    t = np.linspace(BOUNDS[0], BOUNDS[1], 2)
    if w1 != 0 or w2 != 0:
        if abs(w2) >= abs(w1):
            bx, by = t, -(w1 * t + b) / w2
        else:
            bx, by = -(w2 * t + b) / w1, t
        ax.plot(bx, by, "--", color="black", linewidth=1.8, gid="boundary",
                label="boundary z = 0")  # fmt: skip
    _markers(ax, X[:, 0], X[:, 1], active)
    _square_ticks(ax)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title("● active, □ inactive, -- z = 0")
    return "The fit panel shows the samples in the plane and the dashed boundary z = 0."


def _contours(ax, s: TrainingState, path) -> str:
    one = len(s.w) == 1
    P, Q, C = loss_surface(s.data, s.b, BOUNDS, 41)
    finite = C[np.isfinite(C)]
    levels = np.unique(np.quantile(finite, np.linspace(0.02, 0.98, 12)))
    contour = ax.contour(P, Q, C, levels=levels, cmap="cividis", linewidths=1.0)
    contour.set_gid("contours")
    p, q = (s.w[0], s.b) if one else (s.w[0], s.w[1])
    if len(path) > 1:
        pts = np.asarray(path, dtype=float)
        ax.plot(pts[:, 0], pts[:, 1], "-", color=OKABE_ITO["orange"], linewidth=1.4, gid="path")
    ax.plot([p], [q], "o", color="black", markerfacecolor=OKABE_ITO["orange"], markersize=8,
            gid="params", label="now")  # fmt: skip
    dw = np.ravel(np.asarray(s.gradient.dw, dtype=float))
    g = np.array([dw[0], float(s.gradient.db)]) if one else dw[:2]
    norm = float(np.hypot(*g))
    text = "The gradient is zero here: the arrow is missing."
    if norm > 0:
        d = -g / norm * 0.9
        ax.annotate("", xy=(p + d[0], q + d[1]), xytext=(p, q), annotation_clip=False,
                    arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO["vermillion"],
                                "linewidth": 2.2, "mutation_scale": 16}, gid="descent")  # fmt: skip
        text = (
            f"An arrow at the parameters points along −∇C = {_vec(-g)}, the direction of the "
            "next step, across the contours."
        )
    _square_ticks(ax)
    ax.set_xlabel("w" if one else "w₁")
    ax.set_ylabel("b" if one else "w₂")
    ax.set_title("C(w, b), arrow −∇C" if one else f"C(w₁, w₂) at b = {_num(s.b)}, arrow −∇C")
    where = "over (w, b)" if one else f"over (w₁, w₂) at b = {_num(s.b)}"
    return f"The contour panel shows the loss {where}. {text}"


def _loss_curve(ax, losses) -> None:
    steps = np.arange(len(losses))
    ax.plot(steps, losses, "-o", color=OKABE_ITO["blue"], markersize=3, linewidth=1.6,
            gid="loss-curve")  # fmt: skip
    last = max(1, len(losses) - 1)
    ax.set_xlim(0, last)
    ax.set_xticks(np.unique(np.linspace(0, last, min(last, 4) + 1).round()))
    ax.set_yticks([0, round(max(losses), 2)])
    ax.set_ylim(bottom=0)
    ax.axhline(0, color=GRID_COLOR, linewidth=0.8)
    ax.set_xlabel("step")
    ax.set_ylabel("loss C")
    ax.set_title("loss after each step")
