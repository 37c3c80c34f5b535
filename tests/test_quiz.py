"""The exercise widget: set ``.answer.value``, click, read ``.feedback`` and the feedback HTML."""

from __future__ import annotations

import time

import ipywidgets as widgets
import pytest
from strategies import REAL_BUDGET, generous_api_budget  # noqa: F401  (autouse: see its docstring)

from mathkit import quiz as quiz_module
from mathkit.exercises import EXERCISES, exercise
from mathkit.mistakes import Feedback
from mathkit.quiz import Quiz, QuizSet, ask, feedback_html, quiz, quiz_all


def classes(widget) -> list[str]:
    return list(widget._dom_classes)


def shown(widget) -> bool:
    return widget.layout.display != "none"


def answer(q: Quiz, text: str) -> Feedback:
    q.answer.value = text
    q.check_button.click()
    return q.feedback


def test_widget_structure_and_classes():
    q = quiz("gradients.3x2y")
    assert isinstance(q, widgets.VBox)
    assert {"mathkit-exercise", "mathkit-exercise-gradients-3x2y"} <= set(classes(q))
    assert isinstance(q.answer, widgets.Text)
    assert q.answer.continuous_update is False
    assert {"mathkit-input", "mathkit-answer"} <= set(classes(q.answer))
    assert "mathkit-check-button" in classes(q.check_button)
    assert "mathkit-hint-button" in classes(q.hint_button)
    assert "mathkit-solution-button" in classes(q.solution_button)
    assert isinstance(q.feedback_out, widgets.HTMLMath)
    assert "mathkit-feedback" in classes(q.feedback_out)
    assert "mathkit-prompt" in classes(q.prompt_out)
    assert "numerator layout" in q.prompt_out.value
    assert "<b>numerator layout</b>" in q.prompt_out.value  # **bold** became HTML
    assert q.feedback is None and q.feedback_out.value == ""
    assert q.answer.placeholder and "6" not in q.answer.placeholder  # no answer in the hint text


def test_right_answer_shows_a_check_mark_and_the_correct_class():
    q = quiz("gradients.3x2y")
    feedback = answer(q, "[6x y, 3x^2]")
    assert feedback.correct and q.correct
    assert "mathkit-correct" in classes(q.feedback_out)
    assert "mathkit-incorrect" not in classes(q.feedback_out)
    assert "✓ Correct." in q.feedback_out.value
    assert 'role="status"' in q.feedback_out.value


def test_wrong_answer_shows_a_cross_the_diagnosis_and_the_incorrect_class():
    q = quiz("jacobian.paper")
    feedback = answer(q, "[[6x y, 2], [3x^2, 8y^7]]")
    assert not feedback.correct and not q.correct
    assert feedback.mistake == "transpose"
    assert "mathkit-incorrect" in classes(q.feedback_out)
    assert "mathkit-correct" not in classes(q.feedback_out)
    assert "✗ Not yet." in q.feedback_out.value
    assert "denominator layout" in q.feedback_out.value
    assert 'data-mistake="transpose"' in q.feedback_out.value
    assert "Your answer, as read: $" in q.feedback_out.value


def test_classes_follow_the_latest_answer():
    q = quiz("gradients.3x2y_dy")
    answer(q, "6x y")
    assert "mathkit-incorrect" in classes(q.feedback_out)
    answer(q, "3x^2")
    assert classes(q.feedback_out).count("mathkit-correct") == 1
    assert "mathkit-incorrect" not in classes(q.feedback_out)
    answer(q, "-3x^2")
    assert q.feedback.mistake == "sign"
    assert "mathkit-correct" not in classes(q.feedback_out)


def test_enter_checks_without_a_click():
    # continuous_update=False: the value changes (and the check runs) on Enter
    q = quiz("neuron.dz_db")
    q.answer.value = "1"
    assert q.feedback is not None and q.feedback.correct
    q.check_button.click()  # the same text is not checked twice
    assert q.attempts == 1


def test_empty_answer_asks_for_one_and_is_not_an_attempt():
    q = quiz("neuron.dz_db")
    q.check_button.click()
    assert q.feedback.mistake == "empty"
    assert q.attempts == 0
    assert "Type an answer" in q.feedback_out.value


def test_parse_error_marks_the_input_until_it_reads():
    q = quiz("gradients.3x2y_dy")
    feedback = answer(q, "3x^2 +")
    assert feedback.mistake == "parse_error"
    assert "mathkit-invalid" in classes(q.answer)
    answer(q, "3x^2")
    assert "mathkit-invalid" not in classes(q.answer)


def test_learner_text_is_escaped():
    q = quiz("gradients.3x2y_dy")
    answer(q, "<img src=x onerror=alert(1)>")
    assert "<img" not in q.feedback_out.value
    assert q.feedback.mistake == "parse_error"


def test_hint_button_reveals_and_hides_the_hint():
    q = quiz("gradients.3x2y_dy")
    assert "mathkit-hint" in classes(q.hint_out)
    assert not shown(q.hint_out)
    q.hint_button.click()
    assert shown(q.hint_out)
    assert "Hint." in q.hint_out.value and "constant" in q.hint_out.value
    assert q.hint_button.description == "Hide hint"
    q.hint_button.click()
    assert not shown(q.hint_out)
    assert q.hint_button.description == "Hint"


def test_solution_button_reveals_the_worked_answer():
    q = quiz("jacobian.paper")
    assert "mathkit-solution" in classes(q.solution_out)
    assert not shown(q.solution_out)
    q.solution_button.click()
    assert shown(q.solution_out)
    value = q.solution_out.value
    assert "Solution." in value
    assert "numerator layout" in value and "2 × 2" in value
    assert "[[6*x*y, 3*x^2], [2, 8*y^7]]" in value  # typed form, to copy
    assert q.solution_button.description == "Hide solution"


def test_a_slow_check_is_stopped_by_the_budget(monkeypatch):
    def slow(ex, text):
        while True:
            time.sleep(0.001)

    monkeypatch.setattr(quiz_module, "check", slow)
    q = Quiz("gradients.g", budget=0.05)
    feedback = answer(q, "[2, 8y^7]")
    assert feedback.mistake == "too_slow"
    assert "✗ Not yet." in q.feedback_out.value


def test_a_bug_in_checking_becomes_a_line_not_a_traceback(monkeypatch):
    def broken(ex, text):
        raise RuntimeError("boom")

    monkeypatch.setattr(quiz_module, "check", broken)
    q = quiz("gradients.g")
    feedback = answer(q, "[2, 8y^7]")
    assert feedback.mistake == "error"
    assert "RuntimeError" in feedback.message


@pytest.mark.parametrize("key", [e.key for e in EXERCISES])
def test_every_exercise_builds_and_accepts_its_solution(key):
    q = ask(key)
    assert exercise(key).title in q.prompt_out.value or "&" in exercise(key).title
    feedback = answer(q, exercise(key).answer_text)
    assert feedback.correct, feedback


def test_repr_is_short_and_stable_for_nbval():
    q = quiz("jacobian.paper")
    assert repr(q) == "Quiz('jacobian.paper'): The Jacobian of [3x²y, 2x + y⁸]"
    bundle = q._repr_mimebundle_()
    assert bundle["text/plain"] == repr(q)


def test_quiz_all_keeps_score():
    qs = quiz_all("gradients")
    assert isinstance(qs, QuizSet)
    assert "mathkit-exercises" in classes(qs)
    assert [q.exercise.key for q in qs.quizzes] == [
        "gradients.scalar_rules",
        "gradients.3x2y_dy",
        "gradients.3x2y",
        "gradients.10x2y2",
        "gradients.g",
    ]
    assert "mathkit-score" in classes(qs.score)
    assert "Solved 0 of 5" in qs.score.value
    answer(qs.quizzes[1], "3x^2")
    answer(qs.quizzes[4], "[2, 8y^7]")
    assert qs.solved == 2 and "Solved 2 of 5" in qs.score.value
    answer(qs.quizzes[1], "6x y")
    assert "Solved 1 of 5" in qs.score.value
    assert repr(qs) == "QuizSet('gradients'): 5 exercises"


def test_feedback_html_escapes_and_marks():
    html_text = feedback_html(Feedback(True, "a < b & `code`"))
    assert html_text.startswith('<div role="status"><div><b>✓ Correct.</b>')
    assert "a &lt; b &amp; <code>code</code>" in html_text


# ---------------------------------------------------------------------------------------------
# issue 8: the quiz uses mathkit.budget and the explorers' error handling; issue 9 items 20, 22


def test_a_slow_check_shows_the_same_error_line_as_the_explorers(monkeypatch):
    from mathkit.ui import ErrorLine

    def slow(ex, text):
        while True:
            time.sleep(0.001)

    real_check = quiz_module.check
    monkeypatch.setattr(quiz_module, "check", slow)
    q = Quiz("gradients.g", budget=0.05)
    answer(q, "[2, 8y^7]")
    assert isinstance(q.error_out, ErrorLine) and shown(q.error_out)
    assert "mathkit-error" in classes(q.error_out) and 'role="alert"' in q.error_out.value
    assert "too long" in q.error_out.message
    monkeypatch.setattr(quiz_module, "check", real_check)
    q.budget = REAL_BUDGET  # the real check, under the widgets' own budget (generous in tests)
    answer(q, "[2, 8y^6]")
    assert not shown(q.error_out) and q.feedback.mistake != "too_slow"


def test_the_quiz_has_no_budget_or_error_handling_of_its_own():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(quiz_module))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert "TooSlow" not in names and "run_with_budget" not in names
    assert not any(isinstance(n, ast.Try) for n in ast.walk(tree))
    assert "<style>" not in inspect.getsource(quiz_module)  # one stylesheet, in mathkit.css


def test_every_class_of_the_quiz_is_in_the_one_table():
    from mathkit import css

    q = quiz_all("jacobian")
    stack = [q]
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        for name in w._dom_classes:
            assert name in css.CLASSES or name.startswith("mathkit-exercise-"), name


def test_buttons_fit_their_labels_and_wrap():
    q = quiz("gradients.3x2y")
    for button in (q.check_button, q.hint_button, q.solution_button):
        assert button.layout.width == "auto"
    q.toggle_solution()
    assert q.solution_button.description == "Hide solution"
    assert q.solution_button.layout.width == "auto"
    [row] = [c for c in q.children if q.check_button in getattr(c, "children", ())]
    assert row.layout.flex_flow == "row wrap"


def test_the_solution_formula_scrolls_in_a_focusable_region():
    q = quiz("jacobian.paper")
    assert '<div class="mathkit-scroll" tabindex="0" role="region" aria-label="the solution">' in (
        q.solution_out.value
    )
