"""Issue 9, item 4 in the exercises: an answer is read with the exercise's own one-letter names, so
``6xy`` and ``6yx`` (the paper's spelling) are products, and the feedback says how it was read.
References are sympy products built here, not the checker's output."""

from __future__ import annotations

import sympy as sp
from strategies import generous_api_budget  # noqa: F401  (autouse)

from mathkit.exercises import check, exercise
from mathkit.exercises.model import Exercise
from mathkit.quiz import Quiz

x, y, a = sp.symbols("x y a")


def test_runs_of_the_exercises_variables_are_products_in_any_order():
    for answer, shown in [
        ("[6xy, 3x^2]", "[6·x·y, 3·x^2]"),
        ("[6yx, 3x²]", "[6·y·x, 3·x²]"),
    ]:
        feedback = check("gradients.3x2y", answer)
        assert feedback.correct, feedback
        assert feedback.reading == shown
        assert f"Read as `{shown}`" in feedback.message


def test_the_papers_jacobian_typed_without_signs():
    feedback = check("jacobian.paper", "[[6xy, 3x^2], [2, 8y^7]]")
    assert feedback.correct, feedback
    assert feedback.reading == "[[6·x·y, 3·x^2], [2, 8·y^7]]"
    # the reading is what the checker compared: the same entries as sympy's products
    assert sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]]) == exercise("jacobian.paper").expected


def test_a_wrong_run_is_diagnosed_in_the_exercises_symbols():
    feedback = check("gradients.3x2y", "[6xx, 3x^2]")  # 6x², where ∂f/∂x = 6xy
    assert not feedback.correct and feedback.mistake == "entry"
    assert "∂f/∂x" in feedback.message and "6x²" in feedback.message
    assert "treat y as a constant" in feedback.message
    assert feedback.reading == "[6·x·x, 3·x^2]"


def test_the_symbols_of_the_functions_are_names_too():
    ex = Exercise(
        key="demo.a", kind="expression", title="∂/∂x", prompt="∂/∂x of a x² y",
        functions="a x^2 y", variables="x y", wrt="x",
    )  # fmt: skip
    assert ex.expected == 2 * a * x * y
    assert check(ex, "2axy").correct and check(ex, "2yax").correct
    assert check(ex, "2axy").reading == "2·a·x·y"


def test_nothing_is_echoed_when_nothing_was_split():
    for answer in ["[6x*y, 3x^2]", "[6x y, 3x^2]"]:
        feedback = check("gradients.3x2y", answer)
        assert feedback.correct and feedback.reading == "" and "Read as" not in feedback.message


def test_function_names_still_need_brackets():
    for answer in ["[6xy, 3 sin x]", "[6xy, sinx]"]:
        feedback = check("gradients.3x2y", answer)
        assert feedback.mistake == "parse_error", feedback
        assert "sin(x)" in feedback.message


def test_a_name_outside_the_exercise_is_still_named():
    feedback = check("gradients.3x2y_dy", "3x^2 + z")
    assert feedback.mistake == "unknown_variable" and "z" in feedback.message
    assert "`z`" in check("gradients.3x2y_dy", "3xz").message
    assert check("generalized.identity", "I").correct  # I: not a variable, the identity


def test_the_quiz_widget_shows_the_reading():
    q = Quiz("gradients.3x2y", budget=None)
    q.answer.value = "[6yx, 3x^2]"
    assert q.correct
    assert "Read as <code>[6·y·x, 3·x^2]</code>" in q.feedback_out.value
