"""What a learner would see go wrong on a page, as small records instead of sentences.

A :class:`Problem` has a ``kind`` (one of the constants below), the ``cell`` it is in (counted
from 1 as the notebook shows it; ``None`` for the page as a whole) and a ``text`` for people.
Tests compare kinds and cells; the text is only for the failure message.

:func:`settle` polls a page's problems while every one of them may still go away by itself
(widgets display and MathJax typesets asynchronously).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Lasting problems: waiting does not make them go away.
NOT_RUN = "not-run"  # a code cell has no execution number
ERROR = "error"  # a cell raised (an error output, or Voilà's "error when executing cell")
STDERR_TRACEBACK = "stderr-traceback"  # a traceback printed to stderr
WIDGET_FAILURE = "widget-failure"  # "Error displaying widget", "model not found"
MATH_ERROR = "math-error"  # MathJax drew an error instead of the formula
CELL_COUNT = "cell-count"  # the page shows a different number of cells than the file has
NO_APP = "no-app"  # JupyterLab did not expose window.jupyterapp: outputs cannot be read
CODE_SHOWN = "code-shown"  # Voilà shows code (it must show outputs only)
# Transient problems: they may still go away by themselves.
WIDGET_MISSING = "widget-missing"  # a widget output is not (yet) displayed
UNTYPESET = "untypeset"  # math not (yet) typeset by MathJax

TRANSIENT = frozenset({WIDGET_MISSING, UNTYPESET})

# Problems of fit (see layout.py).
PAST_EDGE = "past-edge"  # an element's right edge is past its cell's output area
SCROLL_NOT_FOCUSABLE = "scroll-not-focusable"  # content scrolls sideways; keyboard cannot reach
CUT = "cut"  # content cut off by a box that hides its overflow
BROKEN_WORD = "broken-word"  # a word split across two lines
PAST_WINDOW = "past-window"  # an output area reaches past the window's right edge


@dataclass(frozen=True)
class Problem:
    """One thing a learner would see go wrong: what kind, in which cell, in words."""

    kind: str
    cell: int | None
    text: str

    def __str__(self) -> str:
        where = f"cell {self.cell}: " if self.cell is not None else ""
        return f"[{self.kind}] {where}{self.text}"


def report(problems: Iterable[Problem]) -> str:
    """The problems, one a line, for an assertion message."""
    return "\n".join(str(p) for p in problems)


def is_transient(problem: Problem) -> bool:
    """Whether ``problem`` may still go away by itself (widgets and math render async)."""
    return problem.kind in TRANSIENT


def settle(problems_now: Callable[[], list[Problem]], timeout: float) -> list[Problem]:
    """Poll ``problems_now()`` while every problem may still go away by itself. A lasting
    problem (an error, a cell that did not run) ends the wait at once, and is reported alone: it
    is the cause of the others."""
    deadline = time.perf_counter() + timeout
    problems = problems_now()
    while problems and all(map(is_transient, problems)) and time.perf_counter() < deadline:
        time.sleep(0.25)
        problems = problems_now()
    lasting = [p for p in problems if not is_transient(p)]
    return lasting or problems
