"""The training explorer's figure: the fit, the loss contours with the gradient, the loss curve
and each sample's error. Follows the rules of :mod:`mathkit.plots` (white, Okabe–Ito colours,
alt text, stable gids: ``samples``, ``inactive``, ``fit``, ``errors``, ``boundary``,
``contours``, ``params``, ``path``, ``descent``, ``loss-curve``).

Narrow: the three panels stand one above the other in :data:`WIDTH_PX` pixels, because the
explorer's output is that narrow where it is used: a notebook is about 368 CSS px wide beside
JupyterLab's file browser at 800 px (the figure shows at its own size there) and about 315 px
on a projector (683 × 512 CSS px), where the figure's area is :data:`NARROWEST_PX` wide. A
browser shrinks a wider figure to its area's width, text and all: there this one is scaled by
299/336, and its smallest text (:data:`TICK_PT`) is still ≥ 10 CSS px tall.

:class:`TrainingFigure` is one figure per data set, built once: each :meth:`TrainingFigure.draw`
moves its artists (lines, markers, the arrow; the contours only when they change: 2-D data at a
new b) instead of building a figure again, and :meth:`TrainingFigure.png` renders the frames,
ticks and labels once and then only the artists that move (blitting), so a step of the
explorer costs a few milliseconds of drawing. :func:`training_figure` is the pure function: a
new figure for one state.

>>> from mathkit import training
>>> fig = training_figure(training.state("1d", (0.5,), -0.5), (4.875,))
>>> alt_text(fig).startswith("Three panels")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from io import BytesIO

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle
from matplotlib.transforms import IdentityTransform

from .figures import _STYLE, DPI, GRID_COLOR, OKABE_ITO, alt_text, new_figure
from .text import number
from .training import TrainingState, data_set, loss_surface

__all__ = ["TrainingFigure", "alt_text", "shared_figure", "training_figure"]

ACTIVE = OKABE_ITO["bluish green"]
INACTIVE = "#767676"
BOUNDS = (-3.0, 3.0, -3.0, 3.0)
CURVE = np.linspace(BOUNDS[0], BOUNDS[1], 121)  # the inputs x of the drawn output (1-D)
WIDTH_PX = 336  # the figure's width: no wider than the output beside a file browser (~350 px)
HEIGHT_PX = 680
NARROWEST_PX = 299  # the figure's area on a projector, 683 × 512 CSS px (measured in Lab)
TITLE_PT = 11.5  # titles and axis labels
TICK_PT = 11.0  # tick labels: 11 pt at 80 dpi is 12.2 px, 10.9 px shrunk to 299 px
_NARROW_STYLE = {
    **_STYLE,
    "font.size": TITLE_PT,
    "axes.titlesize": TITLE_PT,
    "axes.labelsize": TITLE_PT,
    "xtick.labelsize": TICK_PT,
    "ytick.labelsize": TICK_PT,
    "legend.fontsize": TICK_PT,
}


def _num(v: float) -> str:
    """A number as the course writes it: 3 significant digits, a true minus sign."""
    return number(v, 3)


def _vec(values) -> str:
    """One number as itself, several as ``(a, b)``."""
    values = [_num(v) for v in np.ravel(values)]
    return values[0] if len(values) == 1 else "(" + ", ".join(values) + ")"


def affine(weights: Sequence[float], names: Sequence[str], b: float) -> str:
    """``w·x + b`` with numbers, written as the course writes it: a minus sign for a negative
    term (never "+ −"), no term of weight 0, ``x`` for a weight 1, ``−x`` for −1.

    >>> affine([0.5], ["x"], -0.5), affine([1.0, -1.0], ["x₁", "x₂"], 0.0), affine([0.0], ["x"], 0)
    ('0.5x − 0.5', 'x₁ − x₂', '0')
    >>> affine([1.0003, -1.01], ["x₁", "x₂"], 0.997)
    'x₁ − 1.01x₂ + 0.997'
    """
    terms = [(float(w), name) for w, name in zip(weights, names, strict=True)]
    terms = [(w, name) for w, name in terms if w != 0] + ([(float(b), "")] if b != 0 else [])
    if not terms:
        return "0"
    words = ""
    for k, (v, name) in enumerate(terms):
        size = _num(abs(v))
        size = "" if size == "1" and name else size  # also 1.0003, written 1
        sign = ("−" if v < 0 else "") if k == 0 else (" − " if v < 0 else " + ")
        words += f"{sign}{size}{name}"
    return words


@cache
def shared_figure(name: str) -> TrainingFigure:
    """The one :class:`TrainingFigure` of the data set ``name`` that every training explorer in
    this kernel draws on (a figure and its rendered background take a few MB; a notebook
    re-run makes new explorers). Sharing is safe: each :meth:`TrainingFigure.png` sets every
    artist that moves from its own arguments, so it shows exactly the state it was given."""
    return TrainingFigure(name)


def training_figure(
    s: TrainingState,
    losses: Sequence[float],
    path: Sequence[Sequence[float]] = (),
):
    """A new figure of three panels for the state ``s`` after ``len(losses) - 1`` steps (see
    :meth:`TrainingFigure.draw`)."""
    return TrainingFigure(s.data).draw(s, losses, path)


class TrainingFigure:
    """The three panels for the data set ``name``, built once and redrawn for each state.

    No legends (each costs a tenth of the drawing time): the titles say what the marks are.
    Top left, the fit: the samples (filled: active, z_i > 0; open squares: inactive) and the
    neuron's output (1-D: the curve max(0, wx + b) with each error as a dotted segment; 2-D: the
    boundary z = 0 in the plane). Top right: contours of the loss C over (w, b) (1-D) or
    (w₁, w₂) at the current b (2-D), the parameters so far (``path``, (p, q) pairs) and the
    arrow −∇C, the direction of the next step (its length fixed, scaled for the view). Bottom:
    the loss after each step. (Each sample's error is a table next to the figure.)

    >>> from mathkit import training
    >>> tf = TrainingFigure("2d")
    >>> fig = tf.draw(training.state("2d", (0.5, 0.5), -0.5), (1.0,))
    >>> tf.draw(training.state("2d", (0.6, 0.4), -0.5), (1.0, 0.9)) is fig
    True
    """

    @matplotlib.rc_context(_NARROW_STYLE)
    def __init__(self, name: str):
        self.data = data_set(name)
        self.X, self.y = self.data.floats()
        self.one = self.data.n == 1
        fig = self.figure = new_figure(WIDTH_PX / DPI, HEIGHT_PX / DPI)
        self.fit_ax, self.contour_ax, self.loss_ax = (
            _panel(fig, top, height) for top, height in PANELS
        )
        self._build_fit()
        self._build_contours()
        self._build_loss_curve()
        self._contour_b: float | None = None
        self._loss_ticks: tuple | None = None
        self._background = None  # the frames, ticks and labels as rendered (see png)
        self._loss_band = None  # where the loss panel is drawn, in pixels (below the others)
        self._loss_axis_changed = False
        moving = [self.fit, *([self.errors] if self.one else []), self.active_marks,
                  self.inactive_marks, self.path, self.params, self.arrow, self.loss_curve,
                  self.contour_ax.title]  # fmt: skip
        for artist in moving:
            artist.set_animated(True)  # left out of the background; drawn by png()
        self._moving = moving

    # --- built once -------------------------------------------------------------------------

    def _build_fit(self) -> None:
        ax = self.fit_ax
        if self.one:
            self.fit = ax.plot([], [], color=OKABE_ITO["vermillion"], linewidth=2.2, gid="fit",
                               label="output max(0, wx + b)")[0]  # fmt: skip
            self.errors = LineCollection([], colors="#444444", linewidths=1.2, linestyles=":",
                                         gid="errors")  # fmt: skip
            ax.add_collection(self.errors)
            ax.set_xlim(BOUNDS[0] - 0.3, BOUNDS[1] + 0.3)
            ax.set_ylim(-0.5, 6.0)
            ax.set_xticks([-3, 0, 3])
            ax.set_yticks([0, 2.5, 5])
            ax.set_xlabel("input x")
            ax.set_ylabel("target y, activation")
            ax.set_title("fit: ● active, □ inactive (z ≤ 0)")
        else:
            self.fit = ax.plot([], [], "--", color="black", linewidth=1.8, gid="boundary",
                               label="boundary z = 0")[0]  # fmt: skip
            _square_ticks(ax)
            ax.set_xlabel("x₁")
            ax.set_ylabel("x₂")
            ax.set_title("● active, □ inactive, -- z = 0")
        self.active_marks = ax.plot([], [], "o", color="black", markerfacecolor=ACTIVE,
                                    markersize=8, linestyle="None", gid="samples",
                                    label="active sample (z > 0)")[0]  # fmt: skip
        self.inactive_marks = ax.plot([], [], "s", color=INACTIVE, markerfacecolor="white",
                                      markersize=7, markeredgewidth=1.6, linestyle="None",
                                      gid="inactive", label="inactive (z ≤ 0)")[0]  # fmt: skip

    def _build_contours(self) -> None:
        ax = self.contour_ax
        self.contours = None
        self.path = ax.plot([], [], "-", color=OKABE_ITO["orange"], linewidth=1.4, gid="path")[0]
        self.params = ax.plot([], [], "o", color="black", markerfacecolor=OKABE_ITO["orange"],
                              markersize=8, gid="params", label="now")[0]  # fmt: skip
        self.arrow = ax.annotate("", xy=(0, 0), xytext=(0, 0), annotation_clip=False,
                                 arrowprops={"arrowstyle": "-|>", "color": OKABE_ITO["vermillion"],
                                             "linewidth": 2.2, "mutation_scale": 16},
                                 gid="descent")  # fmt: skip
        _square_ticks(ax)
        ax.set_xlabel("w" if self.one else "w₁")
        ax.set_ylabel("b" if self.one else "w₂")
        ax.set_title("C(w, b), arrow −∇C")

    def _build_loss_curve(self) -> None:
        ax = self.loss_ax
        self.loss_curve = ax.plot([], [], "-o", color=OKABE_ITO["blue"], markersize=3,
                                  linewidth=1.6, gid="loss-curve")[0]  # fmt: skip
        ax.axhline(0, color=GRID_COLOR, linewidth=0.8)
        ax.set_xlabel("step")
        ax.set_ylabel("loss C")
        ax.set_title("loss after each step")

    # --- redrawn for each state -------------------------------------------------------------

    @matplotlib.rc_context(_NARROW_STYLE)
    def draw(self, s: TrainingState, losses: Sequence[float], path: Sequence[Sequence[float]] = ()):
        """Show the state ``s`` after ``len(losses) - 1`` steps; returns the (same) Figure, its
        alt text in ``mathkit_alt``."""
        if s.data != self.data.name:
            raise ValueError(f"this figure is for the {self.data.name} data, not {s.data}")
        active = np.asarray(s.gradient.active, dtype=bool)
        fit_text = self._fit(s, active)
        arrow_text = self._contours(s, path)
        self._loss_curve(losses)
        fig = self.figure
        fig.mathkit_alt = (
            f"Three panels, one above the other, after {len(losses) - 1} step(s) of "
            f"gradient descent on {self.data.description}, at w = {_vec(s.w)}, "
            f"b = {_num(s.b)}, loss C = {_num(s.loss)}. {fit_text} {arrow_text} Bottom: the "
            f"loss C after each step, from {_num(losses[0])} to {_num(losses[-1])}."
        )
        return fig

    def png(
        self, s: TrainingState, losses: Sequence[float], path: Sequence[Sequence[float]] = ()
    ) -> bytes:
        """:meth:`draw` the state and render it as PNG bytes (alt text in the PNG's Description).

        The background (white, frames, ticks, axis labels) is rendered once and kept; each call
        restores it and draws only the artists that move. When the loss axis' ticks change,
        only the band of the loss panel is cleared and its background drawn again. (``savefig``
        of :attr:`figure` renders everything, the same picture.)
        """
        from PIL import Image, PngImagePlugin

        fig = self.draw(s, losses, path)
        self._render_background()
        for artist in [self.contours, *self._moving]:
            if artist is not None and artist.get_visible():
                fig.draw_artist(artist)
        canvas = fig.canvas
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                                 "raw", "RGBA", 0, 1)  # fmt: skip
        info = PngImagePlugin.PngInfo()
        info.add_text("Description", fig.mathkit_alt)
        out = BytesIO()
        image.save(out, format="png", compress_level=1, pnginfo=info)
        return out.getvalue()

    def _render_background(self) -> None:
        """Put the background on the canvas: all of it rendered the first time, then restored
        (with the loss panel's band drawn again when its ticks changed)."""
        fig = self.figure
        canvas = fig.canvas
        if self._background is None:
            canvas.draw()
            renderer = canvas.get_renderer()
            top = min(ax.get_tightbbox(renderer).y0 for ax in (self.fit_ax, self.contour_ax))
            band = Rectangle((0, 0), fig.bbox.width, top - 1, transform=IdentityTransform())
            band.set(facecolor="white", edgecolor="none", figure=fig)
            self._loss_band = band  # below the top panels' labels: the loss panel's pixels
        else:
            canvas.restore_region(self._background)
            if not self._loss_axis_changed:
                return
            renderer = canvas.get_renderer()
            self._loss_band.draw(renderer)
            self.loss_ax.draw(renderer)
        self._background = canvas.copy_from_bbox(fig.bbox)
        self._loss_axis_changed = False

    def _fit(self, s: TrainingState, active) -> str:
        X, y = self.X, self.y
        samples = _activity(active)
        if self.one:
            xs = X[:, 0]
            w, b = s.w[0], s.b
            self.fit.set_data(CURVE, np.maximum(0.0, w * CURVE + b))
            outputs = np.asarray(s.outputs, dtype=float)
            segments = np.stack([np.column_stack([xs, y]), np.column_stack([xs, outputs])], 1)
            self.errors.set_segments(segments)  # one dotted segment per sample: y_i to output
            self.active_marks.set_data(xs[active], y[active])
            self.inactive_marks.set_data(xs[~active], y[~active])
            return (
                f"Top, the fit: the samples and the activation max(0, {affine([w], ['x'], b)}), "
                f"with a dotted segment from each target y_i to the activation. {samples}"
            )
        (w1, w2), b = s.w, s.b
        t = np.linspace(BOUNDS[0], BOUNDS[1], 2)
        if w1 == 0 and w2 == 0:
            self.fit.set_data([], [])
        elif abs(w2) >= abs(w1):
            self.fit.set_data(t, -(w1 * t + b) / w2)
        else:
            self.fit.set_data(-(w2 * t + b) / w1, t)
        self.active_marks.set_data(X[active, 0], X[active, 1])
        self.inactive_marks.set_data(X[~active, 0], X[~active, 1])
        z = affine([w1, w2], ["x₁", "x₂"], b)
        boundary = f"z = {z} = 0" if w1 or w2 else "z = 0 (none here: w = 0)"
        return (
            f"Top, the fit: the samples in the plane and the dashed boundary {boundary}. {samples}"
        )

    def _contours(self, s: TrainingState, path) -> str:
        ax = self.contour_ax
        b = None if self.one else s.b  # 1-D: the contours are over (w, b), drawn once
        if self.contours is None or b != self._contour_b:
            if self.contours is not None:
                self.contours.remove()
                self.contours = None  # (if the new ones fail, the next draw tries again)
            P, Q, C = loss_surface(s.data, s.b, BOUNDS, 41)
            finite = C[np.isfinite(C)]
            levels = np.unique(np.quantile(finite, np.linspace(0.02, 0.98, 12)))
            self.contours = ax.contour(P, Q, C, levels=levels, cmap="cividis", linewidths=1.0)
            self.contours.set_gid("contours")
            self.contours.set_animated(True)
            self._contour_b = b
            if not self.one:
                ax.set_title(f"C(w₁, w₂) at b = {_num(b)}, arrow −∇C")
        p, q = (s.w[0], s.b) if self.one else (s.w[0], s.w[1])
        pts = np.asarray(path, dtype=float).reshape(-1, 2)
        if len(pts) < 2:
            pts = pts[:0]
        self.path.set_data(pts[:, 0], pts[:, 1])
        self.params.set_data([p], [q])
        dw = np.ravel(np.asarray(s.gradient.dw, dtype=float))
        g = np.array([dw[0], float(s.gradient.db)]) if self.one else dw[:2]
        norm = float(np.hypot(*g))
        self.arrow.set_visible(norm > 0)
        text = "The gradient is 0 here: there is no arrow."
        if norm > 0:
            d = -g / norm * 0.9
            self.arrow.xy = (p + d[0], q + d[1])
            self.arrow.xyann = (p, q)  # the arrow's tail
            parts = "∂C/∂w, ∂C/∂b" if self.one else "∂C/∂w₁, ∂C/∂w₂"
            text = (
                f"An arrow at the parameters points along −∇C = −({parts}) = {_vec(-g)}, the "
                "direction of the next step."
            )
        where = "over (w, b)" if self.one else f"over (w₁, w₂) at b = {_num(s.b)}"
        return f"Middle: contours of the loss C {where}, with the path of the parameters. {text}"

    def _loss_curve(self, losses) -> None:
        """The loss after each step, on a step axis that grows in jumps (5, 10, 20, 50, 100,
        ...) so its ticks, part of the background, change only now and then."""
        ax = self.loss_ax
        self.loss_curve.set_data(np.arange(len(losses)), losses)
        last = _steps_axis(len(losses) - 1)
        top = float(f"{max(losses):.3g}")  # 3 significant digits, as labelled
        if self._loss_ticks != (last, top):
            ax.set_xlim(0, last)
            ax.set_xticks(np.linspace(0, last, 6))
            scale, label = _loss_scale(top)
            ax.set_yticks(
                [0, top] if top > 0 else [0], labels=["0", _num(top / scale)][: 1 + (top > 0)]
            )
            ax.set_ylabel(label)
            ax.set_ylim(0, max(top, max(losses)) * 1.05 or 1.0)
            self._loss_ticks = (last, top)
            self._loss_axis_changed = True


def _activity(active) -> str:
    """A sentence: which samples are active (z_i > 0) and how the figure marks them.

    >>> _activity(np.array([True, False, True]))[:63]
    '2 of 3 samples are active (z_i > 0, filled green), the others i'
    """
    n, k = len(active), int(np.sum(active))
    if k == n:
        return f"All {n} samples are active (z_i > 0, filled green)."
    if k == 0:
        return (
            f"None of the {n} samples is active (every z_i ≤ 0, open grey squares), so the "
            "gradient is 0."
        )
    return (
        f"{k} of {n} samples are active (z_i > 0, filled green), the others inactive "
        "(z_i ≤ 0, open grey squares) and left out of the gradient."
    )


# Each panel's top edge and height in pixels, from the figure's top: room above each for its
# title, below each for its tick labels and axis label, left for the y ticks and label.
PANELS = ((24, 180), (272, 196), (542, 96))
_LEFT_PX, _RIGHT_PX = 60, 14


def _panel(fig, top: float, height: float):
    """Axes ``height`` pixels tall whose top edge is ``top`` pixels below the figure's top."""
    width = WIDTH_PX - _LEFT_PX - _RIGHT_PX
    bottom = HEIGHT_PX - top - height
    return fig.add_axes((_LEFT_PX / WIDTH_PX, bottom / HEIGHT_PX, width / WIDTH_PX,
                         height / HEIGHT_PX))  # fmt: skip


def _loss_scale(top: float) -> tuple[float, str]:
    """The loss axis' unit and label: a power of ten in the label when the largest loss needs
    one (≥ 1000 or < 0.01), so its tick label stays 4 characters wide at most.

    >>> _loss_scale(4.875), _loss_scale(12300.0), _loss_scale(8.33e-5)
    ((1.0, 'loss C'), (10000.0, 'loss C (×10⁴)'), (1e-05, 'loss C (×10⁻⁵)'))
    """
    if top <= 0 or 0.01 <= top < 1000:
        return 1.0, "loss C"
    power = int(np.floor(np.log10(top)))
    return 10.0**power, f"loss C (×10{str(power).translate(_SUPERSCRIPT)})"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _steps_axis(steps: int) -> int:
    """The length of the step axis for ``steps`` steps: 5, 10, 20, 50, 100, 200, 500, ...

    >>> [_steps_axis(k) for k in (0, 5, 6, 11, 21, 51, 101)]
    [5, 5, 10, 20, 50, 100, 200]
    """
    scale = 1
    while True:
        for length in (5 * scale, 10 * scale, 20 * scale):
            if steps <= length:
                return length
        scale *= 10


def _square_ticks(ax) -> None:
    """The view BOUNDS with three fixed ticks on each axis (a locator costs drawing time)."""
    ax.set_xlim(BOUNDS[0], BOUNDS[1])
    ax.set_ylim(BOUNDS[2], BOUNDS[3])
    ticks = np.linspace(BOUNDS[0], BOUNDS[1], 3)
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
