"""What every mathkit figure shares: colours, text sizes, a style that ignores the notebook's,
the PNG with its alt text, and the HTML that shows it. Pure matplotlib (no pyplot).

Text sizes: every text in a figure is at least :data:`MIN_TEXT_PX` pixels high as displayed, at
the figure's own size and scaled to :data:`DISPLAY_WIDTH` (a notebook output on a projector at
150 % or beside a file browser), so no figure is wider than that at its own size.

>>> round(displayed_px(new_figure(7.0, 3.0), SMALL_PT), 1)
10.6
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
DPI = 80
# Text size: every text in a figure is at least MIN_TEXT_PX pixels high as displayed, both at the
# figure's own size and scaled to DISPLAY_WIDTH pixels (a notebook's output area on a projector or
# a laptop's half screen); no figure is wider than DISPLAY_WIDTH at its own size.
MIN_TEXT_PX = 10.0
DISPLAY_WIDTH = 700
TEXT_PT = 10.0  # titles, axis labels
SMALL_PT = 9.5  # legends and tick labels: 9.5 pt at 80 dpi is 10.6 px

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
    """How many pixels high text of ``points`` is as displayed: at the figure's own size, or
    scaled down to :data:`DISPLAY_WIDTH` if it is wider (whichever is smaller).

    >>> displayed_px(new_figure(7.0, 3.0), 9.0)
    10.0
    """
    width_px = fig.get_figwidth() * fig.dpi
    return points * fig.dpi / 72 * min(1.0, DISPLAY_WIDTH / width_px)


def new_figure(width: float, height: float, alt: str = "") -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    fig.mathkit_alt = alt
    return fig


def arrow_handle(color: str, label: str) -> Line2D:
    """A legend entry that looks like an arrow (legends cannot show quiver arrows themselves)."""
    return Line2D(
        [], [], color=color, marker=r"$\rightarrow$", markersize=14, linestyle="None", label=label
    )
