"""What every mathkit figure shares: colours, text sizes, a style that ignores the notebook's,
the PNG with its alt text, and the HTML that shows it. Pure matplotlib (no pyplot).

Narrow by design: a browser shrinks a PNG wider than the notebook's output area to that width,
text and all, so a figure is drawn for the narrowest output it is read in. Every figure is at
most :data:`FIGURE_WIDTH` pixels wide at its own size (panels stacked, legends below the axes)
and every text in it is at least :data:`MIN_TEXT_PX` pixels high as displayed: at its own size,
and shrunk to :data:`DISPLAY_WIDTH`.

>>> round(displayed_px(new_figure(FIGURE_WIDTH / DPI, 3.0), SMALL_PT), 1)
10.4
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import css

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common colour blindness.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
FIELD_COLOR = "#555555"
GRID_COLOR = "#9A9A9A"
DPI = 80  # one PNG pixel per CSS pixel at the figure's own size
# Where the figures are read, in CSS px, in JupyterLab with its file browser open (measured in
# the screenshots of tools/screenshots.py at the sizes of tests/browser/layout.py, the <img>'s
# width): a window 800 px wide gives a notebook output 368 px wide and an explorer's figure area
# 352 px wide; a projector, 1024 × 768 at 150 % (683 × 512 CSS px), gives 315 and 299 px. On a
# dark theme a figure also gets a 6-px frame inside that width (mathkit.css.FIGURE_RULES).
BESIDE_FILE_BROWSER = 352
ON_PROJECTOR = 299
DARK_FRAME = 2 * 6
DISPLAY_WIDTH = ON_PROJECTOR - DARK_FRAME
"""The width (CSS px) a figure's text is checked at, the narrowest it is shown: 287 px, an
explorer's figure area on a projector (299 px) less the dark theme's frame (2 × 6 px)."""
FIGURE_WIDTH = 336
"""Every figure's width at its own size (px): shown 1:1 at 800 px, shrunk on a projector."""
MIN_TEXT_PX = 10.0
TEXT_PT = 11.0  # titles, axis labels: 12.2 px at 80 dpi, 10.4 px shrunk from 336 to 287 px
SMALL_PT = 11.0  # legends and tick labels: the same (a smaller size would drop below 10 px)

# Applied while a figure is built, so a notebook's style (e.g. dark_background) cannot make the
# text white on our white background. rc_context restores the caller's settings afterwards.
_STYLE = {
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "black",
    "axes.titlecolor": "black",
    "text.color": "black",
    "xtick.color": "#333333",
    "ytick.color": "#333333",
    "xtick.labelcolor": "black",
    "ytick.labelcolor": "black",
    "legend.facecolor": "white",
    "legend.edgecolor": "#999999",
    "legend.framealpha": 1.0,
    "legend.labelcolor": "black",
    "axes.grid": False,
    "font.size": TEXT_PT,
    "axes.titlesize": TEXT_PT,
    "axes.labelsize": TEXT_PT,
    "xtick.labelsize": SMALL_PT,
    "ytick.labelsize": SMALL_PT,
    "legend.fontsize": SMALL_PT,
    "text.usetex": False,
}


def alt_text(fig: Figure) -> str:
    """The figure's alt text: one or two sentences saying what it shows ("" if it has none)."""
    return getattr(fig, "mathkit_alt", "")


def png_bytes(fig: Figure, dpi: float | None = None) -> bytes:
    """The figure rendered as PNG bytes (white background, alt text in the PNG's Description).

    >>> png_bytes(new_figure(1.0, 1.0, alt="an empty square"))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    buffer = BytesIO()
    fig.savefig(
        buffer,
        format="png",
        dpi=dpi or fig.dpi,
        facecolor="white",
        metadata={"Description": alt_text(fig)},
        pil_kwargs={"compress_level": 1},
    )
    return buffer.getvalue()


def img_tag(png: bytes, alt: str) -> str:
    """An HTML ``<img>`` of PNG bytes with its alt text (a data URL: no file to ship)."""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
        'style="max-width:100%;height:auto">'
    )


@dataclass(frozen=True)
class FigureWithAlt:
    """A figure to show in a notebook: an ``<img>`` with alt text and a visible caption.

    In Jupyter it displays as HTML (so screen readers, GitHub and nbviewer get the alt text); its
    plain text, which nbval compares, is the alt text itself.
    """

    png: bytes
    alt: str

    def _repr_html_(self) -> str:
        caption = f'<figcaption aria-hidden="true">{html.escape(self.alt)}</figcaption>'
        figure = f'<figure class="{css.FIGURE}">{img_tag(self.png, self.alt)}{caption}</figure>'
        return f"<style>{css.FIGURE_RULES}</style>{figure}"

    def __repr__(self) -> str:
        return f"Figure: {self.alt}"


def with_alt(fig: Figure) -> FigureWithAlt:
    """Show ``fig`` in a notebook with its alt text (see :func:`alt_text`) as an accessible image.

    >>> shown = with_alt(new_figure(1.0, 1.0, alt="an empty square"))
    >>> 'alt="' in shown._repr_html_() and repr(shown) == "Figure: " + shown.alt
    True
    """
    if not alt_text(fig):
        raise ValueError("this figure has no alt text: set fig.mathkit_alt to describe it")
    return FigureWithAlt(png_bytes(fig), alt_text(fig))


def displayed_px(fig: Figure, points: float) -> float:
    """How many CSS pixels high text of ``points`` is as displayed: at the figure's own size, or
    shrunk to :data:`DISPLAY_WIDTH` (the narrowest place it is shown) if the figure is wider.

    >>> displayed_px(new_figure(3.5, 3.0), 9.0), round(displayed_px(new_figure(7.0, 3.0), 9.0), 2)
    (10.0, 5.12)
    """
    width_px = float(fig.get_figwidth() * fig.dpi)
    return points * fig.dpi / 72 * min(1.0, DISPLAY_WIDTH / width_px)


def new_figure(width: float, height: float, alt: str = "") -> Figure:
    """A figure of ``width`` × ``height`` inches at :data:`DPI`, ready to draw (no pyplot)."""
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    fig.mathkit_alt = alt
    return fig


def arrow_handle(color: str, label: str) -> Line2D:
    """A legend entry that looks like an arrow (legends cannot show quiver arrows themselves)."""
    return Line2D(
        [], [], color=color, marker=r"$\rightarrow$", markersize=14, linestyle="None", label=label
    )


def add_axes_px(fig: Figure, left: float, top: float, width: float, height: float):
    """Axes placed in pixels from the figure's top-left corner (easier to stack than fractions).

    >>> ax = add_axes_px(new_figure(4.0, 5.0), 40, 20, 280, 200)
    >>> [round(float(v), 3) for v in ax.get_position().bounds]
    [0.125, 0.45, 0.875, 0.5]
    """
    w_px, h_px = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    rect = (left / w_px, 1 - (top + height) / h_px, width / w_px, height / h_px)
    return fig.add_axes(rect)


def keep_inside(fig: Figure, margin: float = 3.0) -> Figure:
    """Narrow each axes whose tick labels, axis labels or title reach past the figure's left or
    right edge (long tick labels such as −0.002 or −1000 need more room than a figure plans for),
    so nothing is cut off; ``margin`` pixels stay free at each edge. Returns ``fig``.

    >>> fig = new_figure(2.0, 2.0)
    >>> ax = add_axes_px(fig, 0, 10, 160, 140)  # no room left of the axes for its tick labels
    >>> bool(keep_inside(fig).axes[0].get_position().x0 > 0)  # moved right, narrowed
    True
    """
    renderer = fig.canvas.get_renderer()
    width = fig.bbox.width
    for ax in fig.axes:
        box = ax.get_tightbbox(renderer, bbox_extra_artists=[])  # ticks, labels, title only
        left, right = max(0.0, margin - box.x0), max(0.0, box.x1 - (width - margin))
        if left or right:
            x0, y0, w, h = ax.get_position(original=True).bounds
            ax.set_position((x0 + left / width, y0, w - (left + right) / width, h))
    return fig
