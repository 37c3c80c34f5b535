"""Small widget helpers shared by the explorers and the exercises (ipywidgets 8).

Everything a widget needs around a pure function: a place for typeset math, one friendly error
line, a mark on the input that could not be used, and a figure area with alt text. The time budget
that keeps a slow computation from hanging the kernel lives in :mod:`mathkit.budget` (its names
are re-exported here). Nothing here knows any mathematics.

CSS class names and the stylesheet are listed once, in :mod:`mathkit.css` (the names are
re-exported here). Every formula area's content sits in its own keyboard-focusable region
(:func:`scroll_region`), which scrolls sideways when a formula is wider than the screen.

The typical wiring (the explorers' and the exercise widget's), where ``compute`` is pure and
may raise :class:`InputProblem`::

    outcome = attempt(compute, text.value, budget=1.0)   # never raises
    if outcome.ok:
        error_line.clear()
        mark_invalid(text, False)
        area.value = scroll_region(math_html(outcome.value.latex), "the result")
    else:
        error_line.show(outcome.message)      # the last good output stays on screen
        mark_invalid(text, True)

>>> friendly_message(ZeroDivisionError("division by zero"))
'division by zero: try another point or a simpler function'
>>> run_with_budget(sum, [1, 2, 3])
6
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import ipywidgets as widgets

from .budget import DEFAULT_BUDGET, TooSlow, gc_paused, run_with_budget  # noqa: F401 (re-exported)
from .css import (  # noqa: F401 (re-exported)
    CAPTION,
    ERROR,
    EXPLORER,
    INPUT,
    INVALID,
    MATH,
    NAME_SLIDERS,
    PLOT,
    SCROLL,
    STYLESHEET,
)

T = TypeVar("T")


# ---------------------------------------------------------------------------------------------
# Errors: one friendly line, never a traceback


class InputProblem(ValueError):
    """A learner's input could not be used: ``message`` says why and what to try, ``field`` which
    input it was (e.g. "functions", "variables", "point"), so that input can be marked invalid."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def friendly_message(exc: BaseException) -> str:
    """One line for a learner about what went wrong and what to try; never a traceback.

    Messages of ValueError (which includes :class:`mathkit.ParseError` and :class:`InputProblem`)
    are written for learners and are kept; other errors get a plain explanation.

    >>> friendly_message(ValueError("write 2*x, not 2x"))
    'write 2*x, not 2x'
    >>> friendly_message(RecursionError())
    'this expression is nested too deeply: try a simpler one'
    """
    if isinstance(exc, InputProblem):
        return _one_line(exc.message)
    if isinstance(exc, TooSlow):
        return str(exc)
    if isinstance(exc, ZeroDivisionError):
        return "division by zero: try another point or a simpler function"
    if isinstance(exc, OverflowError):
        return "a number grew too large to compute: try smaller values or a simpler function"
    if isinstance(exc, RecursionError):
        return "this expression is nested too deeply: try a simpler one"
    if isinstance(exc, MemoryError):
        return "this needs too much memory: try a simpler function"
    if isinstance(exc, (ValueError, TypeError, KeyError)) and exc.args:
        return _one_line(exc.args[0])
    return _one_line(f"could not compute this ({type(exc).__name__}): try a simpler input")


def problem(field: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args)``, turning any error (except :class:`TooSlow`) into an :class:`InputProblem`
    for ``field``, with a friendly message.

    >>> problem("functions", int, "2x")
    Traceback (most recent call last):
    ...
    mathkit.ui.InputProblem: invalid literal for int() with base 10: '2x'
    """
    try:
        return fn(*args, **kwargs)
    except (TooSlow, InputProblem):
        raise
    except Exception as exc:
        raise InputProblem(field, friendly_message(exc)) from None


@dataclass(frozen=True)
class Outcome:
    """What a budgeted call of a widget gave: its ``value``, or the ``error`` it raised (then
    ``message`` is the friendly line to show and ``field`` the input at fault, if known)."""

    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def message(self) -> str | None:
        return None if self.error is None else friendly_message(self.error)

    @property
    def field(self) -> str | None:
        return self.error.field if isinstance(self.error, InputProblem) else None

    @property
    def too_slow(self) -> bool:
        return isinstance(self.error, TooSlow)


def attempt(
    fn: Callable[..., T], *args: Any, budget: float | None = DEFAULT_BUDGET, **kwargs: Any
) -> Outcome:
    """``fn(*args, **kwargs)`` within the time budget (:func:`mathkit.budget.run_with_budget`),
    never raising: every error is kept in the :class:`Outcome`, for one friendly line. The one
    error handling of the explorers and the exercise widget.

    >>> attempt(int, "12").value, attempt(int, "2x").message
    (12, "invalid literal for int() with base 10: '2x'")
    """
    try:
        return Outcome(value=run_with_budget(fn, *args, budget=budget, **kwargs))
    except Exception as exc:  # every error becomes one friendly line, never a traceback
        return Outcome(error=exc)


class ErrorLine(widgets.HTML):
    """The one friendly error line under the inputs (class ``mathkit-error``), hidden when clear.

    ``show(message)`` displays it (escaped, with ``role="alert"`` so screen readers announce it);
    ``clear()`` hides it; ``message`` is the text shown, or None.
    """

    def __init__(self, **kwargs):
        super().__init__(value="", **kwargs)
        self.add_class(ERROR)
        self.message: str | None = None
        self.layout.display = "none"

    def show(self, message: str) -> None:
        self.message = message
        self.value = f'<span role="alert">⚠ {html.escape(message)}</span>'
        self.layout.display = None

    def clear(self) -> None:
        if self.message is None:
            return
        self.message = None
        self.value = ""
        self.layout.display = "none"


def mark_invalid(widget: widgets.DOMWidget, invalid: bool = True) -> None:
    """Add (or remove) the ``mathkit-invalid`` class: the input is drawn with an error outline."""
    if invalid and INVALID not in widget._dom_classes:
        widget.add_class(INVALID)
    elif not invalid and INVALID in widget._dom_classes:
        widget.remove_class(INVALID)


def as_input(widget: widgets.DOMWidget, *classes: str) -> widgets.DOMWidget:
    """Give a control the ``mathkit-input`` class (and ``classes``); return it."""
    for name in (INPUT, *classes):
        widget.add_class(name)
    return widget


# ---------------------------------------------------------------------------------------------
# Output areas


def style() -> widgets.HTML:
    """An (invisible) HTML widget carrying the mathkit CSS (and the script naming slider handles,
    see :data:`mathkit.css.NAME_SLIDERS`): put one in each explorer's box."""
    box = widgets.HTML(value=STYLESHEET + NAME_SLIDERS)
    box.layout.margin = "0"
    return box


def math_html(latex: str, text_before: str = "", text_after: str = "") -> str:
    """HTML for an HTMLMath area: optional text, the display math ``$$latex$$``, optional text.

    The texts are HTML-escaped; so is the LaTeX (MathJax reads the unescaped characters), so
    learner input never becomes markup.
    """
    parts = []
    if text_before:
        parts.append(f"<div>{html.escape(text_before)}</div>")
    if latex:
        parts.append(f"$${html.escape(latex, quote=False)}$$")
    if text_after:
        parts.append(f"<div>{html.escape(text_after)}</div>")
    return "".join(parts)


def scroll_region(content: str, label: str) -> str:
    """``content`` (HTML, with math) inside a region the keyboard can reach and scroll:
    ``tabindex="0"``, ``role="region"`` and ``aria-label`` (escaped), class ``mathkit-scroll``.

    >>> scroll_region("$$x$$", "the <b> Jacobian")
    '<div class="mathkit-scroll" tabindex="0" role="region" aria-label="the &lt;b&gt; \
Jacobian">$$x$$</div>'
    """
    return (
        f'<div class="{SCROLL}" tabindex="0" role="region" '
        f'aria-label="{html.escape(label)}">{content}</div>'
    )


def math_area(*classes: str) -> widgets.HTMLMath:
    """An empty HTMLMath output area with the ``mathkit-math`` class and ``classes``."""
    area = widgets.HTMLMath(value="")
    for name in (MATH, *classes):
        area.add_class(name)
    return area


class PlotArea(widgets.VBox):
    """A figure area (class ``mathkit-plot``): the PNG in an ``<img>`` with alt text, and a caption.

    ``show(fig)`` renders a matplotlib Figure (see :func:`mathkit.plots.png_bytes`);
    ``show_png(png, alt)`` shows PNG bytes rendered elsewhere (e.g. in a worker thread). ``alt`` is
    the alt text shown, ``image`` and ``caption`` the two HTML widgets.
    """

    def __init__(self, *classes: str):
        self.image = widgets.HTML(value="")
        self.caption = widgets.HTML(value="")
        self.caption.add_class(CAPTION)
        self.alt = ""
        super().__init__([self.image, self.caption])
        for name in (PLOT, *classes):
            self.add_class(name)

    def show_png(self, png: bytes, alt: str) -> None:
        from .plots import img_tag

        self.alt = alt
        self.image.value = img_tag(png, alt)
        # The alt text already reaches screen readers through the image: hide the copy.
        self.caption.value = f'<div aria-hidden="true">{html.escape(alt)}</div>'

    def show(self, fig) -> None:
        from .plots import alt_text, png_bytes

        self.show_png(png_bytes(fig), alt_text(fig))
