"""Exercise widgets: type an answer, press Enter or "Check", and read why it is (not yet) right.

The widget is thin wiring around :func:`mathkit.exercises.check` (pure, no widgets): the answer is
read by the safe parser, compared symbolically, and a wrong answer gets a diagnosis. The check runs
within a time budget (:func:`mathkit.ui.run_with_budget`), so no answer can hang the kernel, and no
answer raises: every outcome is a line in the feedback area.

In a notebook::

    from mathkit.quiz import quiz, quiz_all
    quiz("gradients.3x2y")        # one exercise
    quiz_all("gradients")         # every exercise of a notebook, with a score line

Attributes of a :class:`Quiz` (set ``.answer.value`` and ``.check_button.click()`` in a test):
``exercise``, ``answer`` (Text; Enter checks), ``check_button``, ``hint_button``,
``solution_button``, ``feedback`` (the latest :class:`mathkit.mistakes.Feedback`, or None),
``feedback_out``, ``hint_out``, ``solution_out`` (HTMLMath areas), ``correct`` (a traitlet: whether
the latest answer was right), ``attempts`` (answers checked).

CSS classes, for styling and browser tests
------------------------------------------
========================== ==================================================================
``mathkit-exercise``       the root box of one exercise; also ``mathkit-exercise-<key>`` with the
                           dots of the key as dashes (``mathkit-exercise-gradients-3x2y``)
``mathkit-prompt``         the question (HTMLMath)
``mathkit-input``          the answer Text (also ``mathkit-answer``); ``mathkit-invalid`` is added
                           while the answer cannot be read (a parse error), as in the explorers
``mathkit-check-button``   the "Check" button
``mathkit-hint-button``    the "Hint" button
``mathkit-solution-button`` the "Show solution" button
``mathkit-feedback``       the feedback area (HTMLMath, ``role="status"``); empty until a check
``mathkit-correct``        added to the feedback area after a right answer (text starts with ✓)
``mathkit-incorrect``      added to the feedback area after a wrong answer (text starts with ✗);
                           the area's ``data-mistake`` attribute holds the mistake code
``mathkit-understood``     inside the feedback: the answer as mathkit read it (typeset)
``mathkit-hint``           the hint area, hidden until "Hint" is clicked
``mathkit-solution``       the solution area, hidden until "Show solution" is clicked
``mathkit-exercises``      the box :func:`quiz_all` returns; ``mathkit-score`` its score line
========================== ==================================================================

The feedback never rests on colour alone: it starts with ✓ Correct. or ✗ Not yet.

>>> q = quiz("gradients.3x2y_dy")
>>> q.answer.value = "6x y"
>>> q.check_button.click()
>>> q.feedback.mistake, "mathkit-incorrect" in q.feedback_out._dom_classes
('wrong_variable', True)
>>> q.answer.value = "3x^2"
>>> q.feedback.correct, q.correct
(True, True)
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import traitlets

from . import css
from .budget import DEFAULT_BUDGET
from .css import (
    ANSWER,
    CHECK_BUTTON,
    CORRECT,
    EXERCISE,
    EXERCISES,
    FEEDBACK,
    HINT,
    HINT_BUTTON,
    INCORRECT,
    PROMPT,
    SCORE,
    SOLUTION,
    SOLUTION_BUTTON,
)
from .exercises import Exercise, check, exercise, exercises_for
from .mistakes import Feedback
from .ui import ErrorLine, as_input, attempt, mark_invalid, math_area, scroll_region, style

_INLINE_MATH = re.compile(r"(?<![$\\])\$(?!\$)([^$]+?)\$")
_OPEN, _CLOSE = "{([", "})]"
_SHORT = 24  # characters of LaTeX: a formula this short stays whole ($n = 3$)


def _breakable(latex: str) -> str:
    r"""One inline formula as several, split after each ``=`` outside any bracket, so that a
    long chain ``a = b = c`` may wrap between its parts on a narrow screen (MathJax does not
    break a line inside an inline formula). A short formula stays whole.

    >>> _breakable(r"z = \max(0, a = b) = w_1x_1 + b")
    '$z =$ $\\max(0, a = b) =$ $w_1x_1 + b$'
    """
    if len(latex) <= _SHORT:
        return f"${latex}$"
    parts, depth, start = [], 0, 0
    for i, char in enumerate(latex):
        depth += (char in _OPEN) - (char in _CLOSE)
        if char == "=" and depth == 0 and latex[i - 1 : i] != "\\":
            parts.append(latex[start : i + 1].strip())
            start = i + 1
    parts.append(latex[start:].strip())
    return " ".join(f"${part}$" for part in parts if part)


def _inline_markup(text: str) -> str:
    """Escape HTML, then ``**bold**`` -> <b>, ```code``` -> <code>; LaTeX is left for MathJax
    (each inline formula split after its top-level ``=`` signs, see :func:`_breakable`)."""
    out = html.escape(text, quote=False)
    out = _INLINE_MATH.sub(lambda m: _breakable(m.group(1)), out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def feedback_html(feedback: Feedback) -> str:
    """The feedback as HTML: ✓/✗, the verdict in bold, the message, and how the answer was read.

    >>> from mathkit.mistakes import Feedback
    >>> feedback_html(Feedback(False, "Check the sign of ∂f/∂y.", "sign", "- 3 x^{2}"))
    '<div role="status" data-mistake="sign"><div><b>✗ Not yet.</b> Check the sign of ∂f/∂y.</div>\
<div class="mathkit-understood">Your answer, as read: $- 3 x^{2}$</div></div>'
    """
    read = ""
    if feedback.understood:
        latex = html.escape(feedback.understood, quote=False)
        read = f'<div class="{css.UNDERSTOOD}">Your answer, as read: ${latex}$</div>'
    mistake = f' data-mistake="{html.escape(feedback.mistake)}"' if feedback.mistake else ""
    return (
        f'<div role="status"{mistake}><div><b>{feedback.mark} {feedback.verdict}.</b> '
        f"{_inline_markup(feedback.message)}</div>{read}</div>"
    )


def _button(description: str, tooltip: str, name: str, **kwargs) -> widgets.Button:
    """A button whose width follows its label (the default width cuts "Show solution")."""
    button = widgets.Button(
        description=description, tooltip=tooltip, layout=widgets.Layout(width="auto"), **kwargs
    )
    button.add_class(name)
    return button


def _area(*classes: str, hidden: bool = False) -> widgets.HTMLMath:
    area = math_area(*classes)
    if hidden:
        area.layout.display = "none"
    return area


class Quiz(widgets.VBox):
    """One exercise as a widget: prompt, answer box, Check / Hint / Show solution, feedback.

    ``budget`` is the most seconds one check may take (default
    :data:`mathkit.budget.DEFAULT_BUDGET`). A check that fails (too slow, or a bug) is handled as
    in the explorers (:func:`mathkit.ui.attempt`): one friendly line in ``error_out`` (an
    :class:`mathkit.ui.ErrorLine`), and a ✗ feedback with mistake ``too_slow`` or ``error``.
    """

    correct = traitlets.Bool(False, help="whether the latest checked answer was right")

    def __init__(self, ex: Exercise | str, budget: float | None = DEFAULT_BUDGET):
        self.exercise = exercise(ex) if isinstance(ex, str) else ex
        self.budget = budget
        self.feedback: Feedback | None = None
        self.attempts = 0
        self._checked_text: str | None = None
        ex = self.exercise

        self.prompt_out = _area(PROMPT)
        self.prompt_out.value = (
            f"<div><b>{_inline_markup(ex.title)}</b></div><div>{_inline_markup(ex.prompt)}</div>"
        )
        self.answer = as_input(
            widgets.Text(
                value="",
                placeholder=ex.placeholder,
                description="Answer:",
                continuous_update=False,
                layout=widgets.Layout(width="min(100%, 34em)"),
            ),
            ANSWER,
        )
        self.check_button = _button(
            "Check", "Check your answer (or press Enter)", CHECK_BUTTON, button_style="primary"
        )
        self.hint_button = _button("Hint", "Show a hint", HINT_BUTTON)
        self.solution_button = _button("Show solution", "Show the worked answer", SOLUTION_BUTTON)
        self.feedback_out = _area(FEEDBACK)
        self.hint_out = _area(HINT, hidden=True)
        self.hint_out.value = (
            f"<div><b>Hint.</b> {_inline_markup(ex.hint or 'No hint here.')}</div>"
        )
        self.solution_out = _area(SOLUTION, hidden=True)
        self.solution_out.value = self._solution_html()
        self.error_out = ErrorLine()

        self.answer.observe(self._on_submit, names="value")
        self.check_button.on_click(lambda _: self.check())
        self.hint_button.on_click(lambda _: self.toggle_hint())
        self.solution_button.on_click(lambda _: self.toggle_solution())

        buttons = widgets.HBox(
            [self.check_button, self.hint_button, self.solution_button],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        super().__init__(
            [style(), self.prompt_out, self.answer, buttons, self.error_out]
            + [self.feedback_out]
            + [self.hint_out, self.solution_out]
        )
        self.add_class(EXERCISE)
        self.add_class(f"{EXERCISE}-{ex.key.replace('.', '-')}")

    def __repr__(self) -> str:
        return f"Quiz({self.exercise.key!r}): {self.exercise.title}"

    def _solution_html(self) -> str:
        ex = self.exercise
        latex = html.escape(ex.solution.latex, quote=False)
        return (
            f"<div><b>Solution.</b></div>{scroll_region(f'$${latex}$$', 'the solution')}"
            f"<div>{_inline_markup(ex.explanation)}</div>"
            f"<div>Typed as an answer: <code>{html.escape(ex.answer_text)}</code></div>"
        )

    def _on_submit(self, change) -> None:
        if change["new"].strip():  # Enter (or leaving the box) with something typed
            self.check()

    def check(self) -> Feedback:
        """Check the current answer, show the feedback and return it.

        The same text is not checked twice in a row: Enter followed by a click shows one verdict.
        """
        text = self.answer.value
        if self.feedback is not None and text == self._checked_text:
            return self.feedback
        outcome = attempt(check, self.exercise, text, budget=self.budget)
        if outcome.ok:
            feedback = outcome.value
            self.error_out.clear()
        else:  # too slow, or a bug: one friendly line, as in the explorers; never a traceback
            self.error_out.show(outcome.message)
            feedback = Feedback(False, outcome.message, "too_slow" if outcome.too_slow else "error")
        self._checked_text = text
        if feedback.mistake != "empty":
            self.attempts += 1
        self._show(feedback)
        return feedback

    def _show(self, feedback: Feedback) -> None:
        self.feedback = feedback
        area = self.feedback_out
        area.value = feedback_html(feedback)
        area.remove_class(CORRECT if not feedback.correct else INCORRECT)
        area.add_class(CORRECT if feedback.correct else INCORRECT)
        mark_invalid(self.answer, feedback.mistake == "parse_error")
        self.correct = feedback.correct

    def toggle_hint(self) -> bool:
        """Show (or hide again) the hint; return whether it is shown."""
        return _toggle(self.hint_out, self.hint_button, "Hint", "Hide hint")

    def toggle_solution(self) -> bool:
        """Show (or hide again) the solution; return whether it is shown."""
        return _toggle(self.solution_out, self.solution_button, "Show solution", "Hide solution")


def _toggle(area: widgets.Widget, button: widgets.Button, show: str, hide: str) -> bool:
    shown = area.layout.display == "none"
    area.layout.display = None if shown else "none"
    button.description = hide if shown else show
    return shown


def quiz(key: str, budget: float | None = DEFAULT_BUDGET) -> Quiz:
    """The exercise ``key`` (e.g. ``"gradients.3x2y"``) as a widget; a notebook shows it as is.

    >>> quiz("jacobian.paper")
    Quiz('jacobian.paper'): The Jacobian of [3x²y, 2x + y⁸]
    """
    return Quiz(key, budget=budget)


ask = quiz


class QuizSet(widgets.VBox):
    """All exercises of a notebook, one :class:`Quiz` each, with a score line that follows them."""

    def __init__(self, notebook: str, budget: float | None = DEFAULT_BUDGET):
        self.notebook = notebook
        self.quizzes = [Quiz(ex, budget=budget) for ex in exercises_for(notebook)]
        self.score = widgets.HTML(value="")
        self.score.add_class(SCORE)
        for q in self.quizzes:
            q.observe(lambda _: self._update_score(), names="correct")
        self._update_score()
        super().__init__([*self.quizzes, self.score])
        self.add_class(EXERCISES)

    @property
    def solved(self) -> int:
        """How many exercises have a right latest answer."""
        return sum(q.correct for q in self.quizzes)

    def _update_score(self) -> None:
        self.score.value = (
            f'<div role="status">Solved {self.solved} of {len(self.quizzes)} exercises.</div>'
        )

    def __repr__(self) -> str:
        return f"QuizSet({self.notebook!r}): {len(self.quizzes)} exercises"


def quiz_all(notebook: str, budget: float | None = DEFAULT_BUDGET) -> QuizSet:
    """Every exercise of one notebook (the key prefix, e.g. ``"gradients"``), with a score line.

    >>> qs = quiz_all("jacobian")
    >>> qs
    QuizSet('jacobian'): 6 exercises
    >>> qs.quizzes[0].answer.value = "[[6x y, 3x^2], [2, 8y^7]]"
    >>> qs.score.value
    '<div role="status">Solved 1 of 6 exercises.</div>'
    """
    return QuizSet(notebook, budget=budget)


__all__ = ["Quiz", "QuizSet", "ask", "feedback_html", "quiz", "quiz_all"]
