"""Figures for the notebooks and explorers: pure functions that return a matplotlib Figure.

Each function builds a new :class:`matplotlib.figure.Figure` directly (no pyplot, so no global
figure state, and never ``show``). Every figure

- has an opaque white background and black text whatever the notebook's theme or matplotlib style
  (its colours are chosen on white); on JupyterLab's dark theme the page's CSS dims it to light
  grey in a frame of the theme's panel colour, so it is no glaring white panel (see
  :mod:`mathkit.css`);
- is narrow: 336 px wide (:data:`FIGURE_WIDTH`), panels stacked and legends below the axes,
  with every text at least 10 px high as displayed, also when shrunk to an explorer's figure
  area on a projector with a dark theme's frame, 287 px (:data:`DISPLAY_WIDTH`; see
  :mod:`mathkit.figures`);
- uses colours that survive colour blindness: the Okabe–Ito palette for lines and arrows and the
  cividis colour map for levels and heat maps;
- labels its axes, names the function in its title and explains its arrows and lines in a legend;
- carries alt text, a one-sentence description of what it shows, read with :func:`alt_text`
  (also written into the PNG's metadata by :func:`png_bytes`). Show it as a caption.

Drawn elements have stable ids (``artist.get_gid()``) so tests can find them (the grids of the
linearization figure are LineCollections, one segment per grid line): ``gradient-field``,
``gradient-at-point``, ``level-sets``, ``level-curve``, ``tangent``, ``point``, ``affine``,
``activation``, ``corner``, ``input``, ``boundary``, ``heat-map``, ``grid``, ``grid-image``,
``square``, ``square-image``, ``linear-image``.

>>> fig = gradient_field_figure("10*x^2*y^2", "x y", (1.0, 0.5))
>>> alt_text(fig).startswith("Contour plot of f(x, y) = 10*x^2*y^2")
True
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .calculus import FunctionLike, VariablesLike, as_functions, as_variables
from .figures import (  # noqa: F401 (re-exported: the figures' shared pieces)
    _STYLE,
    DISPLAY_WIDTH,
    DPI,
    FIELD_COLOR,
    FIGURE_WIDTH,
    GRID_COLOR,
    MIN_TEXT_PX,
    OKABE_ITO,
    SMALL_PT,
    TEXT_PT,
    FigureWithAlt,
    add_axes_px,
    alt_text,
    arrow_handle,
    displayed_px,
    img_tag,
    keep_inside,
    new_figure,
    png_bytes,
    with_alt,
)
from .numeric import (
    DEFAULT_BOUNDS,
    Bounds,
    function_on_grid,
    gradient_on_grid,
    grid,
    level_tangent,
    neuron_on_grid,
    neuron_point,
    values_at,
)
from .planemap import apply_map, grid_lines, linear_map, linearization_gap, square
from .text import number, shortened, typed


def _plain(expr, limit: int = 60) -> str:
    """An expression as typed text (``3*x^2*y``), shortened with … past ``limit`` characters."""
    return shortened(typed(expr), limit)


def _num(v: float) -> str:
    return number(v, 3)


def _affine(w: float, b: float) -> str:
    """``1.5x − 0.5``, ``x``, ``−x + 2``, ``0``: the line wx + b as one would write it."""
    slope = {1.0: "x", -1.0: "−x", 0.0: ""}.get(float(w), f"{_num(w)}x")
    if not slope:
        return _num(b)
    if b == 0:
        return slope
    return f"{slope} {'−' if b < 0 else '+'} {_num(abs(b))}"


def _vec(values) -> str:
    return "(" + ", ".join(_num(v) for v in np.ravel(values)) + ")"


# ---------------------------------------------------------------------------------------------


@matplotlib.rc_context(_STYLE)
def gradient_field_figure(
    f: FunctionLike,
    wrt: VariablesLike = "x y",
    point: Sequence[float] = (1.0, 0.5),
    bounds: Bounds = DEFAULT_BOUNDS,
    arrows: int = 13,
) -> Figure:
    """Level curves of a scalar f(x, y), its gradient field, and ∇f at a point, ⊥ the level curve.

    - level curves: contour lines of f over ``bounds`` (cividis);
    - gradient field (gid ``gradient-field``): an ``arrows`` × ``arrows`` grid of unit arrows
      pointing along ∇f (direction only);
    - at the point: ∇f (gid ``gradient-at-point``, vermillion), the level curve through the point
      (``level-curve``, black) and its tangent (``tangent``, dashed blue), which is perpendicular
      to ∇f. Where ∇f = 0 there is no arrow and no tangent.

    Raises :class:`mathkit.numeric.PointError` if f is not differentiable at the point.

    >>> fig = gradient_field_figure("x^2 + y^2", "x y", (1.0, 0.0), arrows=5)
    >>> ax = fig.axes[0]
    >>> [len(c.U) for c in ax.collections if c.get_gid() == "gradient-field"]
    [25]
    """
    F, _ = as_functions(f)
    x, _ = as_variables(wrt)
    expr = F[0]
    at = values_at(F, x, point)
    p, grad, fp = np.asarray(at.point), at.jacobian[0], float(at.f[0])
    name_x, name_y = (str(s) for s in x)
    name = f"f({name_x}, {name_y}) = {_plain(expr)}"
    title = f"f({name_x}, {name_y}) = {_plain(expr, 32)}"  # one line in FIGURE_WIDTH

    # 336 × 480 px: the title, the square plot, the legend below it
    fig = new_figure(FIGURE_WIDTH / DPI, 480 / DPI)
    ax = add_axes_px(fig, 46, 30, 280, 280)
    xmin, xmax, ymin, ymax = bounds

    X, Y = grid(bounds, 61)
    Z = function_on_grid(expr, x, X, Y)
    finite = Z[np.isfinite(Z)]
    Zm = np.ma.masked_invalid(Z)
    levels = np.unique(np.quantile(finite, np.linspace(0.02, 0.98, 10))) if finite.size else []
    if len(levels) >= 2:
        colors = matplotlib.colormaps["cividis"](np.linspace(0.0, 0.8, len(levels)))
        ax.contour(X, Y, Zm, levels=levels, colors=colors, linewidths=0.9).set_gid("level-sets")

    Xq, Yq = grid(bounds, arrows)
    U, V = gradient_on_grid(expr, x, Xq, Yq)
    with np.errstate(all="ignore"):
        length = np.hypot(U, V)
        ok = np.isfinite(length) & (length > 0)
        Un = np.where(ok, U / np.where(ok, length, 1), 0.0)
        Vn = np.where(ok, V / np.where(ok, length, 1), 0.0)
    spacing = (xmax - xmin) / max(arrows - 1, 1)
    field = ax.quiver(
        Xq,
        Yq,
        Un,
        Vn,
        color=FIELD_COLOR,
        angles="xy",
        scale_units="xy",
        scale=1 / (0.7 * spacing),
        width=0.004,
        pivot="mid",
    )
    field.set_gid("gradient-field")

    handles = [
        arrow_handle(FIELD_COLOR, "direction of ∇f (unit arrows)"),
    ]
    tangent = level_tangent(grad)
    level_drawn = False
    if finite.size and finite.min() < fp < finite.max():
        ax.contour(X, Y, Zm, levels=[fp], colors=OKABE_ITO["black"], linewidths=2.2).set_gid(
            "level-curve"
        )
        level_drawn = True
        handles.append(
            Line2D([], [], color="black", linewidth=2.2, label=f"level curve f = {_num(fp)}")
        )
    if tangent is not None:
        reach = 0.12 * (xmax - xmin)
        arrow = ax.quiver(
            [p[0]],
            [p[1]],
            [grad[0]],
            [grad[1]],
            color=OKABE_ITO["vermillion"],
            angles="xy",
            scale_units="xy",
            scale=np.hypot(*grad) / (2 * reach),
            width=0.012,
            zorder=5,
        )
        arrow.set_gid("gradient-at-point")
        handles.append(
            arrow_handle(OKABE_ITO["vermillion"], f"∇f{_vec(p)} = {_vec(grad)}\n(not to scale)")
        )
        ends = p[:, None] + np.outer(tangent, [-reach, reach])
        ax.plot(
            ends[0], ends[1], linestyle="--", color=OKABE_ITO["blue"], linewidth=2, gid="tangent"
        )
        handles.append(
            Line2D(
                [],
                [],
                linestyle="--",
                color=OKABE_ITO["blue"],
                linewidth=2,
                label="tangent to the level curve (⊥ ∇f)",
            )
        )
    ax.plot(
        [p[0]],
        [p[1]],
        "o",
        color="black",
        markerfacecolor="white",
        markersize=7,
        zorder=6,
        gid="point",
    )
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            color="black",
            markerfacecolor="white",
            linestyle="None",
            label=f"point {_vec(p)}",
        )
    )
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal")
    ax.locator_params(nbins=4)  # few ticks: ticks and their labels are most of the drawing
    ax.set_xlabel(name_x)
    ax.set_ylabel(name_y)
    ax.set_title(title)
    ax.legend(handles=handles, **_legend_below(fig))

    if tangent is None:
        at_point = f"at the point {_vec(p)} the gradient is zero, so there is no steepest direction"
    else:
        at_point = (
            f"at the point {_vec(p)} the gradient {_vec(grad)} is drawn as a red-orange arrow, "
            "perpendicular to the dashed tangent"
            + (f" of the level curve f = {_num(fp)}" if level_drawn else " of the level curve")
        )
    fig.mathkit_alt = (
        f"Contour plot of {name} for {name_x} from {_num(xmin)} to {_num(xmax)} and {name_y} from "
        f"{_num(ymin)} to {_num(ymax)}, with grey arrows showing the direction of the gradient "
        f"field; {at_point}."
    )
    return keep_inside(fig)


# ---------------------------------------------------------------------------------------------


@matplotlib.rc_context(_STYLE)
def neuron_figure(
    w: float | Sequence[float],
    b: float,
    x: float | Sequence[float] | None = None,
    bounds: tuple[float, float] = (-3.0, 3.0),
) -> Figure:
    """The neuron activation(x) = max(0, w·x + b) for a 1-D or a 2-D input x.

    1-D (``w`` a number or one weight): the line z = wx + b (gid ``affine``, dashed blue), its
    ReLU (``activation``, vermillion), the corner at z = 0 (``corner``) and the chosen input
    (``input``). 2-D (two weights): a heat map of the activation over the square ``bounds``²
    (``heat-map``, cividis reversed: light where the neuron is off), the boundary line z = 0
    (``boundary``, black dashed) and the chosen input (``input``).

    >>> fig = neuron_figure(2.0, -1.0, x=1.0)
    >>> sorted(line.get_gid() for line in fig.axes[0].lines if line.get_gid())
    ['activation', 'affine', 'corner', 'input']
    """
    w = tuple(float(v) for v in np.atleast_1d(w))
    if len(w) not in (1, 2):
        raise ValueError(f"the neuron picture shows 1 or 2 inputs, not {len(w)}")
    if x is not None:
        x = tuple(float(v) for v in np.atleast_1d(x))
        if len(x) != len(w):
            raise ValueError(f"x needs {len(w)} coordinate(s), like w; got {len(x)}")
    b = float(b)
    lo, hi = bounds
    if len(w) == 1:
        return _neuron_1d(w[0], b, None if x is None else x[0], lo, hi)
    return _neuron_2d(w, b, x, lo, hi)


def _legend_below(fig: Figure) -> dict:
    """Where a legend goes: at the figure's foot, below the plot (beside it makes figures wide)."""
    return dict(
        loc="lower left",
        bbox_to_anchor=(8 / FIGURE_WIDTH, 0.005),
        bbox_transform=fig.transFigure,
        handletextpad=0.5,
        borderaxespad=0.2,
    )


def _neuron_1d(w: float, b: float, x: float | None, lo: float, hi: float) -> Figure:
    # 336 × 360 px: a two-line title, the plot, the legend below it
    fig = new_figure(FIGURE_WIDTH / DPI, 360 / DPI)
    ax = add_axes_px(fig, 62, 44, 264, 190)
    xs = np.linspace(lo, hi, 241)
    act = neuron_on_grid((w,), b, xs)
    ax.axhline(0, color=GRID_COLOR, linewidth=0.8)
    ax.plot(
        xs,
        w * xs + b,
        "--",
        color=OKABE_ITO["blue"],
        linewidth=1.8,
        gid="affine",
        label=f"z = w·x + b = {_affine(w, b)}",
    )
    ax.plot(
        xs,
        act,
        color=OKABE_ITO["vermillion"],
        linewidth=2.6,
        gid="activation",
        label="activation = max(0, z)",
    )
    corner = ""
    if w != 0 and lo <= -b / w <= hi:
        ax.plot(
            [-b / w],
            [0.0],
            "s",
            color="black",
            markersize=6,
            gid="corner",
            label=f"corner: z = 0 at x = {_num(-b / w)}",
        )
        corner = f" The corner where z = 0 is at x = {_num(-b / w)}."
    chosen = ""
    if x is not None:
        at = neuron_point((w,), b, (x,))  # the explorer's one decision: active or not
        a = at.activation
        ax.axvline(x, color="#666666", linestyle=":", linewidth=1)
        ax.plot(
            [x],
            [a],
            "o",
            color="black",
            markerfacecolor=OKABE_ITO["orange"],
            markersize=8,
            zorder=5,
            gid="input",
            label=f"input x = {_num(x)}: activation {_num(a)}",
        )
        state = "active (z > 0)" if at.active else "off (z ≤ 0)"
        chosen = f" At the input x = {_num(x)} the activation is {_num(a)}, the neuron is {state}."
    ax.locator_params(nbins=4)  # few ticks: ticks and their labels are most of the drawing
    ax.set_xlim(lo, hi)
    ax.set_xlabel("input x")
    ax.set_ylabel("z and activation", labelpad=2)
    ax.set_title(f"activation(x) = max(0, w·x + b)\nwith w = {_num(w)}, b = {_num(b)}")
    ax.legend(**_legend_below(fig))
    fig.mathkit_alt = (
        f"Line plot over x from {_num(lo)} to {_num(hi)} of the affine function z = "
        f"{_affine(w, b)} (dashed) and its ReLU activation max(0, z) (solid), which is 0 "
        f"wherever z is negative.{corner}{chosen}"
    )
    return keep_inside(fig)


def _neuron_2d(w: tuple[float, float], b: float, x, lo: float, hi: float) -> Figure:
    # 336 × 460 px: a two-line title, the square heat map, its colour bar and the legend below
    fig = new_figure(FIGURE_WIDTH / DPI, 460 / DPI)
    ax = add_axes_px(fig, 54, 44, 262, 262)
    cax = add_axes_px(fig, 54, 354, 262, 12)
    X1, X2 = grid((lo, hi, lo, hi), 81)
    A = neuron_on_grid(w, b, X1, X2)
    image = ax.imshow(
        A, origin="lower", extent=(lo, hi, lo, hi), cmap="cividis_r", interpolation="bilinear"
    )
    image.set_gid("heat-map")
    colorbar = fig.colorbar(
        image, cax=cax, orientation="horizontal", label="activation = max(0, z)"
    )
    colorbar.locator = MaxNLocator(nbins=4)  # each tick costs drawing time
    w1, w2 = w
    boundary = ""
    t = np.linspace(lo, hi, 2)
    if w1 != 0 or w2 != 0:
        if abs(w2) >= abs(w1):
            bx, by = t, -(w1 * t + b) / w2
        else:
            bx, by = -(w2 * t + b) / w1, t
        ax.plot(
            bx,
            by,
            "--",
            color="black",
            linewidth=2,
            gid="boundary",
            label="boundary z = w·x + b = 0",
        )
        boundary = " A dashed line marks the boundary z = 0; the neuron is off on one side of it."
    chosen = ""
    if x is not None:
        a = neuron_point(w, b, x).activation
        ax.plot(
            [x[0]],
            [x[1]],
            "o",
            color="black",
            markerfacecolor=OKABE_ITO["vermillion"],
            markersize=8,
            gid="input",
            label=f"input x = {_vec(x)}",
        )
        chosen = f" The chosen input x = {_vec(x)} has activation {_num(a)}."
    ax.locator_params(nbins=4)  # few ticks: ticks and their labels are most of the drawing
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(f"activation = max(0, w·x + b)\nwith w = {_vec(w)}, b = {_num(b)}")
    if ax.lines:
        ax.legend(**_legend_below(fig))
    fig.mathkit_alt = (
        f"Heat map of the ReLU activation max(0, w·x + b) with w = {_vec(w)} and b = {_num(b)} "
        f"over x₁ and x₂ from {_num(lo)} to {_num(hi)}, light where the activation is 0 and dark "
        f"where it is large.{boundary}{chosen}"
    )
    return keep_inside(fig)


# ---------------------------------------------------------------------------------------------


@matplotlib.rc_context(_STYLE)
def linearization_figure(
    F: FunctionLike,
    wrt: VariablesLike = "x y",
    point: Sequence[float] = (0.5, 0.5),
    size: float = 0.4,
    bounds: Bounds = DEFAULT_BOUNDS,
    lines: int = 9,
    matrix: str = "jacobian",
) -> Figure:
    """A map F from the plane to the plane, and its Jacobian as the best local linear map.

    Three panels, one above the other (a narrow figure): the domain with a grid (gid ``grid``)
    and a small square of side ``size`` around the point (``square``); the image of the grid
    (``grid-image``) and of the square (``square-image``) under F; and a close-up of F(square)
    next to its image under the linear map
    q ↦ F(p) + J(p)(q − p) (``linear-image``). The smaller the square, the closer the two.
    ``matrix="transpose"`` draws the map with J(p)ᵀ in J's place instead.

    Raises :class:`mathkit.numeric.PointError` if F is not differentiable at the point.

    >>> fig = linearization_figure("[x + sin(y), y + sin(x)]", "x y", (0.5, 0.5), 0.4)
    >>> len(fig.axes), [line.get_gid() for line in fig.axes[2].lines][:2]
    (3, ['square-image', 'linear-image'])
    """
    Fc, _ = as_functions(F)
    x, _ = as_variables(wrt)
    at = values_at(Fc, x, point)
    p = np.asarray(at.point)
    fp = at.f
    edge = square(p, size)
    curved = apply_map(Fc, x, edge)
    straight = linear_map(Fc, x, p, edge, matrix)
    gap = linearization_gap(Fc, x, p, size, matrix)
    used = "J(p)" if matrix == "jacobian" else "J(p)ᵀ"
    nx, ny = (str(s) for s in x)
    name = "F(" + ", ".join((nx, ny)) + ") = [" + ", ".join(_plain(e, 30) for e in Fc) + "]"
    short = "F(" + ", ".join((nx, ny)) + ") = [" + ", ".join(_plain(e, 14) for e in Fc) + "]"

    # 336 × 860 px: a two-line title, three panels one above the other, one legend below them
    fig = new_figure(FIGURE_WIDTH / DPI, 860 / DPI)
    axes = [add_axes_px(fig, 58, 78 + 240 * k, 268, 170) for k in range(3)]
    domain, image, close = axes
    blue, red = OKABE_ITO["blue"], OKABE_ITO["vermillion"]

    # One collection per panel for the grid: far faster to draw than one line per grid line.
    lines_before = grid_lines(bounds, lines)
    lengths = [a.shape[1] for a in lines_before]
    lines_after = np.split(
        apply_map(Fc, x, np.hstack(lines_before)), np.cumsum(lengths)[:-1], axis=1
    )
    for ax, polylines, gid, label in (
        (domain, lines_before, "grid", "grid"),
        (image, lines_after, "grid-image", "F(grid)"),
    ):
        collection = LineCollection(
            [a.T for a in polylines], colors=GRID_COLOR, linewidths=0.7, label=label
        )
        collection.set_gid(gid)
        ax.add_collection(collection)
        ax.autoscale_view()
    domain.plot(
        edge[0],
        edge[1],
        color=blue,
        linewidth=2,
        gid="square",
        label=f"square of side {_num(size)}",
    )
    domain.plot(
        [p[0]], [p[1]], "o", color="black", markersize=4, gid="point", label=f"p = {_vec(p)}"
    )
    image.plot(curved[0], curved[1], color=blue, linewidth=2, gid="square-image", label="F(square)")
    image.plot(
        [fp[0]], [fp[1]], "o", color="black", markersize=4, gid="point", label=f"F(p) = {_vec(fp)}"
    )
    close.plot(
        curved[0], curved[1], color=blue, linewidth=2.2, gid="square-image", label="F(square)"
    )
    close.plot(
        straight[0],
        straight[1],
        "--",
        color=red,
        linewidth=2.2,
        gid="linear-image",
        label=f"F(p) + {used}(square − p)",
    )
    close.plot([fp[0]], [fp[1]], "o", color="black", markersize=4, gid="point", label="F(p)")

    domain.set_title(f"domain: p = {_vec(p)}")
    image.set_title(f"image under F: F(p) = {_vec(fp)}")
    close.set_title(f"close-up: gap {_num(gap)}")
    for ax, (xl, yl) in zip(axes, [(nx, ny), ("F₁", "F₂"), ("F₁", "F₂")], strict=True):
        ax.set_aspect("equal", adjustable="datalim")
        ax.locator_params(nbins=4)  # few ticks: ticks and their labels are most of the drawing
        ax.set_xlabel(xl)
        ax.set_ylabel(yl, labelpad=1)
    handles = [  # one entry for each thing drawn before and after F: four lines in all
        Line2D([], [], color=GRID_COLOR, linewidth=1, label="grid, F(grid)"),
        Line2D([], [], color=blue, linewidth=2, label=f"square of side {_num(size)}, F(square)"),
        Line2D([], [], color=red, linewidth=2, linestyle="--", label=f"F(p) + {used}(square − p)"),
        Line2D([], [], color="black", marker="o", markersize=4, linestyle="None", label="p, F(p)"),
    ]
    fig.legend(handles=handles, **_legend_below(fig))
    fig.suptitle(f"{short}\nthe Jacobian as the best local linear map", fontsize=TEXT_PT)
    fig.mathkit_alt = (
        f"Three panels, one above the other, for the map {name}. Top: a grid on the plane with a "
        f"small square of side {_num(size)} around p = {_vec(p)}. Middle: the grid and the square "
        f"after F, bent into curves. Bottom: close-up of F(square) (solid) and its image under "
        f"the linear map "
        # a word joiner keeps "J(p)(q − p)" whole: a line may otherwise break between ")("
        f"q ↦ F(p) + {used}\u2060(q − p), a parallelogram (dashed); the largest gap between "
        f"them is {_num(gap)}."
    )
    return keep_inside(fig)
