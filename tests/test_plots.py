"""mathkit.plots: what each figure contains (axes, arrows, lines, alt text), never its pixels."""

from __future__ import annotations

import io
import subprocess
import sys

import matplotlib.style
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PIL import Image

from mathkit import plots
from mathkit.numeric import PointError

WHITE = (1.0, 1.0, 1.0, 1.0)


def by_gid(ax, gid):
    return [a for a in (*ax.collections, *ax.lines, *ax.images) if a.get_gid() == gid]


def check_readable_on_dark_themes(fig: Figure):
    """Opaque white figure and axes, dark text: readable whatever the notebook theme."""
    assert fig.get_facecolor() == WHITE
    for ax in fig.axes:
        assert ax.get_facecolor() == WHITE
        assert to_rgba(ax.title.get_color())[:3] == (0.0, 0.0, 0.0)
        assert to_rgba(ax.xaxis.label.get_color())[:3] == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------------------------------------
# gradient field


def test_gradient_field_figure_contents():
    fig = plots.gradient_field_figure("10*x^2*y^2", "x y", (1.0, 0.5), arrows=7)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    [field] = by_gid(ax, "gradient-field")
    assert len(field.U) == 7 * 7
    # ∇(10x²y²) = (20xy², 20x²y) = (5, 10) at (1, 0.5): one arrow, pointing that way
    [arrow] = by_gid(ax, "gradient-at-point")
    assert len(arrow.U) == 1
    direction = np.array([arrow.U[0], arrow.V[0]])
    np.testing.assert_allclose(
        direction / np.linalg.norm(direction), np.array([5, 10]) / np.hypot(5, 10)
    )
    assert to_rgba(arrow.get_facecolor()[0]) == to_rgba(plots.OKABE_ITO["vermillion"])
    # the tangent is perpendicular to the gradient: the picture's point
    [tangent] = by_gid(ax, "tangent")
    t = np.diff(np.asarray(tangent.get_xydata()), axis=0)[0]
    assert abs(t @ direction) < 1e-9 * np.linalg.norm(t) * np.linalg.norm(direction)
    assert len(by_gid(ax, "level-curve")) == 1
    assert len(by_gid(ax, "point")) == 1
    assert "10*x^2*y^2" in ax.get_title()
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("∇f(1, 0.5) = (5, 10)" in t for t in legend)
    assert any("⊥" in t for t in legend)
    alt = plots.alt_text(fig)
    assert "10*x^2*y^2" in alt and "(1, 0.5)" in alt and "perpendicular" in alt
    check_readable_on_dark_themes(fig)


def test_gradient_field_figure_where_the_gradient_is_zero():
    fig = plots.gradient_field_figure("x^2 + y^2", "x y", (0.0, 0.0))
    ax = fig.axes[0]
    assert by_gid(ax, "gradient-at-point") == [] and by_gid(ax, "tangent") == []
    assert "gradient is zero" in plots.alt_text(fig)


def test_gradient_field_figure_refuses_an_undefined_point():
    with pytest.raises(PointError, match="not defined"):
        plots.gradient_field_figure("ln(x) + y", "x y", (-1.0, 0.0))


def test_a_dark_matplotlib_style_does_not_leak_into_the_figures():
    with matplotlib.style.context("dark_background"):
        fig = plots.gradient_field_figure("x*y", "x y", (1.0, 1.0))
    check_readable_on_dark_themes(fig)


# ---------------------------------------------------------------------------------------------
# neuron


def test_neuron_figure_one_input():
    w, b = 1.5, -0.5
    fig = plots.neuron_figure(w, b, x=1.0)
    ax = fig.axes[0]
    [affine] = by_gid(ax, "affine")
    [activation] = by_gid(ax, "activation")
    xs, act = activation.get_xydata().T
    np.testing.assert_allclose(affine.get_ydata(), w * xs + b)
    np.testing.assert_allclose(act, np.maximum(0.0, w * xs + b))  # ReLU of the line
    [corner] = by_gid(ax, "corner")
    assert corner.get_xdata()[0] == pytest.approx(-b / w)
    [point] = by_gid(ax, "input")
    assert tuple(point.get_xydata()[0]) == pytest.approx((1.0, 1.0))
    alt = plots.alt_text(fig)
    assert "ReLU" in alt and "active" in alt
    check_readable_on_dark_themes(fig)


def test_neuron_figure_two_inputs():
    w, b = (1.0, -0.5), 0.2
    fig = plots.neuron_figure(w, b, x=(1.0, 1.0), bounds=(-2.0, 2.0))
    ax = fig.axes[0]
    assert len(fig.axes) == 2  # the heat map and its colour bar
    [image] = by_gid(ax, "heat-map")
    data = np.asarray(image.get_array())
    g = np.linspace(-2, 2, data.shape[0])
    X1, X2 = np.meshgrid(g, g)
    np.testing.assert_allclose(data, np.maximum(0.0, w[0] * X1 + w[1] * X2 + b), atol=1e-12)
    [boundary] = by_gid(ax, "boundary")
    bx, by = boundary.get_xydata().T
    np.testing.assert_allclose(w[0] * bx + w[1] * by + b, 0.0, atol=1e-12)  # on z = 0
    assert image.get_cmap().name == "cividis_r"
    assert "boundary z = 0" in plots.alt_text(fig)


def test_neuron_figure_without_weights_has_no_boundary():
    fig = plots.neuron_figure((0.0, 0.0), 1.0)
    assert by_gid(fig.axes[0], "boundary") == []


def test_neuron_figure_sizes():
    with pytest.raises(ValueError, match="1 or 2 inputs"):
        plots.neuron_figure((1.0, 2.0, 3.0), 0.0)
    with pytest.raises(ValueError, match="coordinate"):
        plots.neuron_figure((1.0, 2.0), 0.0, x=1.0)


# ---------------------------------------------------------------------------------------------
# linearization


def test_linearization_figure_contents():
    fig = plots.linearization_figure("[x + sin(y), y + sin(x)]", "x y", (1.0, -1.0), 0.4, lines=5)
    domain, image, close = fig.axes
    [grid] = by_gid(domain, "grid")
    [grid_image] = by_gid(image, "grid-image")
    assert len(grid.get_segments()) == len(grid_image.get_segments()) == 2 * 5
    [sq] = by_gid(domain, "square")
    sx, sy = sq.get_xydata().T
    assert (sx.min(), sx.max(), sy.min(), sy.max()) == pytest.approx((0.8, 1.2, -1.2, -0.8))
    # the linear image of the square's corners: F(p) + J(p)(q − p), J(p) = [[1, cos y], [cos x, 1]]
    [linear] = by_gid(close, "linear-image")
    p = np.array([1.0, -1.0])
    Fp = np.array([1 + np.sin(-1), -1 + np.sin(1)])
    J = np.array([[1, np.cos(-1)], [np.cos(1), 1]])
    corner = np.array([0.8, -1.2])
    np.testing.assert_allclose(linear.get_xydata()[0], Fp + J @ (corner - p))
    assert len(by_gid(close, "square-image")) == 1
    alt = plots.alt_text(fig)
    assert "parallelogram" in alt and "gap" in alt
    check_readable_on_dark_themes(fig)


def test_linearization_figure_needs_a_plane_map():
    with pytest.raises(ValueError, match="2 variables to 2 functions"):
        plots.linearization_figure("[x, y, x*y]", "x y")


# ---------------------------------------------------------------------------------------------
# PNG and purity


def test_png_bytes_carry_the_alt_text():
    fig = plots.neuron_figure(1.0, 0.0, x=0.5)
    png = plots.png_bytes(fig)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.info["Description"] == plots.alt_text(fig)


def test_alt_text_of_a_foreign_figure_is_empty():
    assert plots.alt_text(Figure()) == ""


def test_plots_use_no_pyplot():
    code = (
        "import sys, mathkit.plots as p; "
        "p.png_bytes(p.gradient_field_figure('x*y', 'x y', (1.0, 1.0))); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# issue 9 item 21: text readable on a projector; item 16: the transposed matrix drawn


# Where a figure is read, in CSS px, in JupyterLab with the file browser open (the <img>'s width
# in tools/screenshots.py at tests/browser/layout.py's sizes): an explorer's figure area is 352 px
# in a window 800 px wide (a notebook output 368 px) and 299 px on a projector (1024 × 768 at
# 150 %: 683 × 512 CSS px; a notebook output 315 px); a dark theme draws a 6-px frame inside that
# width. A browser shrinks a wider <img> (max-width: 100%) to that width, text and all.
AREA_AT_800_PX = 352
AREA_ON_PROJECTOR_PX = 299
DARK_FRAME_PX = 2 * 6
READ_AT = [AREA_AT_800_PX, AREA_ON_PROJECTOR_PX, AREA_ON_PROJECTOR_PX - DARK_FRAME_PX]
LONG = "sin(x*y) + cos(x + y) + exp(-x^2 - y^2) + x*y^3"

FIGURES = {  # every figure function of mathkit.plots, each layout, and its longest words
    "gradient": lambda: plots.gradient_field_figure("10*x^2*y^2", "x y", (1.0, 0.5)),
    "gradient, long": lambda: plots.gradient_field_figure(LONG, "x y", (-1.23, -1.77)),
    "neuron 1-D": lambda: plots.neuron_figure(1.5, -0.5, 1.0),
    "neuron 1-D, long": lambda: plots.neuron_figure(-1.23, -2.47, -2.91),
    "neuron 2-D": lambda: plots.neuron_figure((1.5, -0.5), -0.5, (1.0, 1.0)),
    "neuron 2-D, long": lambda: plots.neuron_figure((-1.23, -2.47), -2.91, (-2.91, -1.87)),
    "linearization": lambda: plots.linearization_figure("[x + sin(y), y + sin(x)]"),
    "linearization, long": lambda: plots.linearization_figure(
        "[x + sin(y) + cos(x*y) + x^3, y + sin(x) + exp(x*y)]",
        "x y",
        (-1.23, -1.77),
        0.123,
        matrix="transpose",
    ),
}


def shown_texts(fig: Figure):
    from matplotlib.text import Text

    fig.canvas.draw()  # tick labels exist once drawn
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.get_window_extent().width > 0
    ]


def png_width(fig: Figure) -> int:
    """The width in pixels of the PNG a notebook or an explorer shows: its width at its own size."""
    return Image.open(io.BytesIO(plots.png_bytes(fig))).size[0]


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_fits_the_output_beside_the_file_browser(name):
    # at its own size no wider than the figure area at 800 px: shown 1:1 there, never shrunk
    assert png_width(FIGURES[name]()) <= AREA_AT_800_PX


@pytest.mark.parametrize("output_px", READ_AT)
@pytest.mark.parametrize("name", FIGURES)
def test_every_text_is_at_least_10_px_where_it_is_read(name, output_px):
    fig = FIGURES[name]()
    scale = min(1.0, output_px / png_width(fig))  # the browser shrinks a wider image
    texts = shown_texts(fig)
    assert len(texts) > 5
    for t in texts:
        px = t.get_fontsize() / 72 * fig.dpi * scale  # points → PNG pixels → CSS px
        assert px >= 10, f"{t.get_text()!r} is {px:.1f} px in a {output_px}-px output"


def test_the_text_check_assumes_the_projector_width():
    from mathkit import figures

    narrowest = AREA_ON_PROJECTOR_PX - DARK_FRAME_PX
    assert narrowest == figures.DISPLAY_WIDTH
    wide, narrow = figures.new_figure(7.0, 3.0), figures.new_figure(3.0, 3.0)  # 560, 240 px
    assert figures.displayed_px(wide, 9.0) == pytest.approx(10.0 * narrowest / 560)
    assert figures.displayed_px(narrow, 9.0) == pytest.approx(10.0)  # 9 pt at 80 dpi, unshrunk


@pytest.mark.parametrize("name", FIGURES)
def test_legends_stand_below_the_plots(name):
    # a legend beside the axes made the figures wide; below them it costs height only
    fig = FIGURES[name]()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
    assert len(legends) == 1
    legend = legends[0].get_window_extent(renderer)
    for ax in fig.axes:
        plot = ax.get_window_extent(renderer)  # the axes' frame (pixels, y upwards)
        assert legend.y1 < plot.y0, f"the legend overlaps or stands beside {ax.get_title()!r}"


@pytest.mark.parametrize("name", ["linearization", "linearization, long"])
def test_linearization_panels_stand_one_above_the_other(name):
    fig = FIGURES[name]()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]  # with titles, ticks and labels
    top, middle, bottom = boxes  # domain, image, close-up: in reading order
    assert top.y0 > middle.y1 and middle.y0 > bottom.y1, "panels overlap"
    titles = [ax.get_title().split(":")[0] for ax in fig.axes]
    assert titles == ["domain", "image under F", "close-up"]


@pytest.mark.parametrize("name", FIGURES)
def test_everything_drawn_stays_inside_the_figure(name):
    fig = FIGURES[name]()
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches, everything drawn
    w, h = fig.get_size_inches()
    assert box.x0 >= -0.01 and box.y0 >= -0.01, box
    assert box.x1 <= w + 0.01 and box.y1 <= h + 0.01, box


# Long tick labels (−0.002, −1000) need more room than a figure plans for: cut off on main.
EXTREMES = {
    "gradient, tiny bounds": lambda: plots.gradient_field_figure(
        "x*y", "x y", (0.001, 0.0005), bounds=(-0.002, 0.002, -0.002, 0.002)
    ),
    "gradient, wide bounds": lambda: plots.gradient_field_figure(
        "x*y", "x y", (1.0, 0.5), bounds=(-3.0, 3.0, -1.0, 1.0)
    ),
    "gradient, large bounds": lambda: plots.gradient_field_figure(
        "x*y", "x y", (100.0, 50.0), bounds=(-1000.0, 1000.0, -1000.0, 1000.0)
    ),
    "neuron 1-D, large w": lambda: plots.neuron_figure(1000.0, -123.0, 2.5),
    "neuron 1-D, large bounds": lambda: plots.neuron_figure(-1.5, 0.3, -77.7, (-100.0, 100.0)),
    "neuron 2-D, large": lambda: plots.neuron_figure(
        (1000.0, -2000.0), 1234.5, (-77.7, 88.8), (-100.0, 100.0)
    ),
    "linearization, steep": lambda: plots.linearization_figure(
        "[exp(3*x)*y, x^5 - y^5]", "x y", (1.9, -1.9), 0.01
    ),
}


@pytest.mark.parametrize("name", EXTREMES)
def test_long_tick_labels_stay_inside_the_figure(name):
    fig = EXTREMES[name]()
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches, everything drawn
    w, h = fig.get_size_inches()
    assert box.x0 >= -0.01 and box.x1 <= w + 0.01, box
    assert png_width(fig) <= AREA_AT_800_PX


def test_linearization_figure_can_draw_the_transposed_map():
    # F = [x + y², x² − y]: J(p) = [[1, 2y], [2x, −1]] = [[1, 1], [2, −1]] at p = (1, 0.5)
    fig = plots.linearization_figure(
        "[x + y^2, x^2 - y]", "x y", (1.0, 0.5), 0.4, matrix="transpose"
    )
    [line] = [a for a in fig.axes[2].lines if a.get_gid() == "linear-image"]
    J = np.array([[1.0, 1.0], [2.0, -1.0]])
    Fp = np.array([1.0 + 0.25, 1.0 - 0.5])
    images = np.asarray(line.get_xydata())
    q = np.linalg.solve(J.T, (images - Fp).T)  # back to the square: q − p
    np.testing.assert_allclose(np.max(np.abs(q), axis=1), [0.2, 0.2], atol=1e-9)
    assert "ᵀ" in plots.alt_text(fig)
    assert any("ᵀ" in t.get_text() for t in fig.legends[0].get_texts())


def test_neuron_figure_at_the_exact_corner_says_off():
    fig = plots.neuron_figure(-3.0, -2.4, -0.8)  # z = (−3)(−0.8) − 2.4 = 0; floats say 4.4e-16
    assert "off (z ≤ 0)" in plots.alt_text(fig) and "activation is 0" in plots.alt_text(fig)


def test_a_notebook_figure_takes_the_outputs_whole_width():
    # a <figure>'s browser margin (40 px each side) left 235 of the projector's 315 px
    import re

    shown = plots.with_alt(plots.neuron_figure(1.0, 0.0))._repr_html_()
    style = shown.split("<style>", 1)[1].split("</style>", 1)[0]
    rule = re.search(r"(?m)^\.mathkit-figure \{([^}]*)\}", style)
    assert rule, "no rule for the <figure> itself"
    assert re.search(r"margin:\s*[^;]*\b0;", rule.group(1)), rule.group(1)


def test_a_notebook_figure_carries_its_theme_rules():
    # issue 9 items 21, 23: normal-size caption in the theme's colour; on a dark theme the white
    # figure is dimmed and framed (the page may have no widget carrying the stylesheet)
    shown = plots.with_alt(plots.neuron_figure(1.0, 0.0))._repr_html_()
    style = shown.split("<style>", 1)[1].split("</style>", 1)[0]
    assert 'body[data-jp-theme-light="false"] .mathkit-figure img' in style
    assert "brightness(" in style and "border:" in style
    caption = style.split("figcaption", 1)[1].split("}", 1)[0]
    assert "font-size: inherit" in caption and "--jp-content-font-color1" in caption


# ---------------------------------------------------------------------------------------------
# the training figure (mathkit.training_plots): narrow enough to read where it is shown

# The width of the explorer's figure area in CSS px, measured in JupyterLab (the <img>'s width,
# tools/screenshots.py): beside the file browser at 800 px (a notebook about 368 px wide) and on
# a projector (683 × 512 CSS px at 150 %, a notebook about 315 px wide).
BESIDE_FILE_BROWSER_PX = 352
PROJECTOR_PX = 299


def _trained(name, steps=12, rate=0.05):
    """A training figure after ``steps`` steps of gradient descent from the data's start."""
    from mathkit import neuron, training, training_plots

    data = training.data_set(name)
    X, y = data.floats()
    history = neuron.train(X, y, list(data.w0), data.b0, rate=rate, steps=steps)
    losses = [neuron.loss(X, y, list(data.w0), data.b0)] + [c for _, _, c in history]
    path = [(data.w0[0], data.b0) if data.n == 1 else tuple(data.w0)]
    path += [(w[0], b) if data.n == 1 else tuple(w) for w, b, _ in history]
    (w_end, b_end, _) = history[-1]
    s = training.state(name, tuple(w_end), b_end)
    return training_plots.TrainingFigure(name), s, losses, path


@pytest.mark.parametrize("name", ["1d", "2d"])
def test_training_figure_text_is_at_least_10_css_px_where_it_is_shown(name):
    tf, s, losses, path = _trained(name)
    png = tf.png(s, losses, path)  # what the explorer shows
    width_px, _ = Image.open(io.BytesIO(png)).size
    assert width_px <= BESIDE_FILE_BROWSER_PX, "shrunk beside the file browser"
    fig = tf.figure
    texts = shown_texts(fig)
    assert len(texts) > 15
    # on a dark theme the image has a 6 px border inside the same width (mathkit.css)
    for output_px in (BESIDE_FILE_BROWSER_PX, PROJECTOR_PX, PROJECTOR_PX - 12):
        scale = min(1.0, output_px / width_px)  # an <img> with max-width: 100%
        for t in texts:
            css_px = t.get_fontsize() / 72 * fig.dpi * scale  # points → pixels → CSS px
            assert css_px >= 10, f"{t.get_text()!r} is {css_px:.1f} CSS px at {output_px} px"


@pytest.mark.parametrize("name", ["1d", "2d"])
def test_training_figure_panels_stand_apart_inside_the_figure(name):
    tf, s, losses, path = _trained(name)
    fig = tf.draw(s, losses, path)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [ax.get_tightbbox(renderer) for ax in fig.axes]  # with titles, ticks and labels
    assert len(boxes) == 3
    for box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0, box
        assert box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height, box
    top, middle, bottom = sorted(boxes, key=lambda b: -b.y1)  # one above the other
    assert top.y0 > middle.y1 and middle.y0 > bottom.y1, "panels overlap"
    check_readable_on_dark_themes(fig)


def _affine_value(words: str, x: float) -> float:
    """The value of ``0.5x − 0.5`` (as the alt text writes it) at x, read by sympy."""
    from sympy.parsing.sympy_parser import (
        implicit_multiplication_application,
        parse_expr,
        standard_transformations,
    )

    expr = parse_expr(
        words.replace("−", "-"),
        transformations=(*standard_transformations, implicit_multiplication_application),
    )
    return float(expr.subs("x", x))


@pytest.mark.parametrize(
    ("w", "b", "written"),
    [
        (0.5, -0.5, "max(0, 0.5x − 0.5)"),
        (-1.0, 2.0, "max(0, −x + 2)"),
        (1.0, 0.0, "max(0, x)"),
        (0.0, -0.25, "max(0, −0.25)"),
        (-2.5, -1.0, "max(0, −2.5x − 1)"),
    ],
)
def test_training_alt_text_writes_the_activation_as_the_course_does(w, b, written):
    from mathkit import training, training_plots

    fig = training_plots.training_figure(training.state("1d", (w,), b), (1.0,))
    alt = training_plots.alt_text(fig)
    assert written in alt
    assert "+ −" not in alt and "- " not in alt and "−−" not in alt
    assert "w = (" not in alt  # one weight is a number, not "(0.5)"
    inside = written.removeprefix("max(0, ").removesuffix(")")
    for x in (-2.0, 0.5, 3.0):  # the words say the same line as w, b
        assert _affine_value(inside, x) == pytest.approx(w * x + b)


def test_training_alt_text_names_the_boundary_and_the_gradient_with_signs():
    from mathkit import training, training_plots

    # 2-D, w = (1, −0.5), b = −0.25; the gradient's signs are read from the state, negated
    s = training.state("2d", (1.0, -0.5), -0.25)
    alt = training_plots.alt_text(training_plots.training_figure(s, (s.loss,)))
    assert "z = x₁ − 0.5x₂ − 0.25 = 0" in alt
    assert "+ −" not in alt and "−−" not in alt
    assert "−∇C = −(∂C/∂w₁, ∂C/∂w₂) = (" in alt
    minus_g = alt.split("−∇C = −(∂C/∂w₁, ∂C/∂w₂) = (")[1].split(")")[0]
    values = [float(v.replace("−", "-")) for v in minus_g.split(", ")]
    dw = np.ravel(np.asarray(s.gradient.dw, dtype=float))
    np.testing.assert_allclose(values, -dw, rtol=5e-3)
    assert "after 0 step(s)" in alt  # as the explorer's summary says it


@pytest.mark.parametrize(
    "losses", [(4.875, 12345.678, 10.02), (1.0348e-05, 8.9776e-06), (4.875, 10.02), (0.0,)]
)
def test_training_figure_loss_axis_labels_fit_whatever_the_losses(losses):
    from mathkit import training, training_plots

    # a diverging run (a loss of 10⁴), a start near the minimum (10⁻⁵) or at it (0): the loss
    # panel's labels stay inside the figure, and its top tick says the largest loss to 3 digits
    fig = training_plots.training_figure(training.state("1d", (0.5,), -0.5), losses)
    fig.canvas.draw()
    ax = fig.axes[2]
    box = ax.get_tightbbox(fig.canvas.get_renderer())
    assert box.x0 >= 0, box
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "0" and len(labels) == len(set(labels))
    top = max(losses)
    if top == 0:
        assert labels == ["0"]
        return
    unit = ax.get_ylabel().partition("×10")[2].rstrip(")").translate(SUPERSCRIPTS)
    shown = float(labels[-1].replace("−", "-")) * 10.0 ** int(unit or 0)
    assert shown == pytest.approx(top, rel=5e-3)


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def test_a_notebook_figure_gets_the_whole_output_width():
    # A <figure> has 40 px side margins by default: beside the file browser (352 px for the
    # figure) the training figure (notebook 11) was shrunk to 272 px, its text to 9.5 px
    from mathkit import training, training_plots

    fig = training_plots.training_figure(training.state("1d", (0.5,), -0.5), (4.875,))
    shown = plots.with_alt(fig)._repr_html_()
    style = shown.split("<style>", 1)[1].split("</style>", 1)[0]
    rule = style.split(".mathkit-figure {", 1)[1].split("}", 1)[0]
    assert rule.strip().startswith("margin:") and rule.strip().removesuffix(";").endswith(" 0")
