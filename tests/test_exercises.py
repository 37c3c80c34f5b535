"""Exercises: right answers in a learner's spellings, each kind of mistake, equivalence, fuzzing.

Every expected answer below is derived by hand from the paper (not copied from mathkit), and typed
the way a learner would type it.
"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import VARIABLES, expression_text, learner_text

from mathkit.diagnose import MISTAKES, Feedback, diagnose, text
from mathkit.examples import CATALOG
from mathkit.exercises import EXERCISES, Exercise, check, exercise, exercises_for
from mathkit.parse import ParseError, parse

x, y, z, t, b = sp.symbols("x y z t b")
x1, x2, x3 = sp.symbols("x_1 x_2 x_3")

NOTEBOOKS = ("neuron", "gradients", "jacobian", "generalized", "shapes", "summary")

# key -> right answers as a learner could type them (hand-derived).
RIGHT = {
    # z = w1 x1 + w2 x2 + w3 x3 + b
    "neuron.dz_db": ["1", " 1 ", "1.0"],
    "neuron.dz_dw2": ["x2", "x_2", "x₂"],
    "neuron.grad_w_shape": ["1x3", "1 x 3", "1×3", "1 by 3", "(1, 3)"],
    # d/dz max(0, z) = 0 for z < 0 and 1 for z > 0
    "neuron.relu_at_minus1": ["0", "0.0", "1 - 1"],
    "neuron.relu_at_2": ["1", "2/2"],
    # f = 3x²y: ∂f/∂x = 6x y, ∂f/∂y = 3x²
    "gradients.3x2y_dy": ["3x^2", "3*x**2", "3 x^2", "3x²", "x^2*3", "3·x·x"],
    "gradients.3x2y": [
        "[6x y, 3x^2]",
        "[6*x*y, 3*x**2]",
        "[6 x y, 3 x^2]",
        "[[6x y, 3x²]]",
        "[2*3*x*y, 3*x*x]",
        "6y x, 3x^2",
    ],
    # f = 10x²y²: [20xy², 20x²y]
    "gradients.10x2y2": ["[20x y^2, 20x^2 y]", "[20*x*y**2, 20*x**2*y]", "[[20 x y², 20 x² y]]"],
    # g = 2x + y⁸: [2, 8y⁷]
    "gradients.g": ["[2, 8y^7]", "[2, 8*y**7]", "[[2, 8y⁷]]"],
    "jacobian.paper": ["[[6x y, 3x^2], [2, 8y^7]]", "[[6*x*y, 3*x**2], [2, 8*y**7]]"],
    "jacobian.paper_denominator": ["[[6x y, 2], [3x^2, 8y^7]]"],
    # [x + sin y, y + sin x]
    "jacobian.warp": ["[[1, cos(y)], [cos(x), 1]]", "[[1.0, cos(y)], [cos(x), 2 - 1]]"],
    "generalized.identity": ["[[1,0,0],[0,1,0],[0,0,1]]", "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]"],
    # [x1², x1 x2 x3, sin x3]
    "generalized.three_by_three": [
        "[[2x1, 0, 0], [x2 x3, x1 x3, x1 x2], [0, 0, cos(x3)]]",
        "[[2*x_1, 0, 0], [x_2*x_3, x_1*x_3, x_1*x_2], [0, 0, cos(x_3)]]",
        "[[2x₁, 0, 0], [x₂ x₃, x₁ x₃, x₁ x₂], [0, 0, cos(x₃)]]",
    ],
    "generalized.circle_shape": ["2x1", "2 × 1"],
    "shapes.gradient_denominator": ["2x1"],
    "shapes.circle_denominator": ["1x2", "1 by 2"],
    "shapes.case_circle": ["3", "case 3", "Case 3"],
    "shapes.case_neuron": ["2"],
    "summary.bowl_dy": ["20x^2y", "20*x**2*y", "20 x² y"],
    "summary.warp_denominator": ["[[1, cos(x)], [cos(y), 1]]"],
    "summary.neuron_shape": ["3x1", "3 by 1"],
    "summary.case_jacobian": ["4", "case 4"],
}

# key -> the expected answer, derived by hand, in the prompt's layout.
HAND = {
    "neuron.dz_db": sp.Integer(1),
    "neuron.dz_dw2": x2,
    "neuron.grad_w_shape": (1, 3),
    "neuron.relu_at_minus1": sp.Integer(0),
    "neuron.relu_at_2": sp.Integer(1),
    "gradients.3x2y_dy": 3 * x**2,
    "gradients.3x2y": sp.Matrix([[6 * x * y, 3 * x**2]]),
    "gradients.10x2y2": sp.Matrix([[20 * x * y**2, 20 * x**2 * y]]),
    "gradients.g": sp.Matrix([[2, 8 * y**7]]),
    "jacobian.paper": sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]]),
    "jacobian.paper_denominator": sp.Matrix([[6 * x * y, 2], [3 * x**2, 8 * y**7]]),
    "jacobian.warp": sp.Matrix([[1, sp.cos(y)], [sp.cos(x), 1]]),
    "generalized.identity": sp.eye(3),
    "generalized.three_by_three": sp.Matrix(
        [[2 * x1, 0, 0], [x2 * x3, x1 * x3, x1 * x2], [0, 0, sp.cos(x3)]]
    ),
    "generalized.circle_shape": (2, 1),
    "shapes.gradient_denominator": (2, 1),
    "shapes.circle_denominator": (1, 2),
    "shapes.case_circle": 3,
    "shapes.case_neuron": 2,
    "summary.bowl_dy": 20 * x**2 * y,
    "summary.warp_denominator": sp.Matrix([[1, sp.cos(x)], [sp.cos(y), 1]]),
    "summary.neuron_shape": (3, 1),
    "summary.case_jacobian": 4,
}


# ---------------------------------------------------------------------------------------------
# The catalog


def test_every_exercise_has_hand_derived_answers():
    keys = {e.key for e in EXERCISES}
    assert keys == set(RIGHT) == set(HAND)


def test_catalog_groups_by_notebook():
    for notebook in NOTEBOOKS:
        found = exercises_for(notebook)
        assert 2 <= len(found) <= 5, notebook
        assert all(e.key.startswith(notebook + ".") for e in found)
    assert {e.notebook for e in EXERCISES} == set(NOTEBOOKS)
    assert len({e.key for e in EXERCISES}) == len(EXERCISES)


def test_unknown_key_and_notebook_list_the_names():
    with pytest.raises(KeyError, match="gradients.3x2y"):
        exercise("gradients.nope")
    with pytest.raises(KeyError, match="gradients"):
        exercises_for("nope")


def test_prompts_name_the_layout_and_have_hints():
    for e in EXERCISES:
        assert e.hint, e.key
        if e.kind in ("matrix", "shape"):
            assert f"{e.layout} layout" in e.prompt, e.key
        if e.example is not None:
            assert e.example in {c.key for c in CATALOG}


def test_exercise_validates_its_fields():
    with pytest.raises(ValueError, match="kind"):
        Exercise("a.b", "essay", "t", "p", "x", "x")
    with pytest.raises(ValueError, match="wrt"):
        Exercise("a.b", "expression", "t", "p", "x", "x")
    with pytest.raises(ValueError, match="layout"):
        Exercise("a.b", "matrix", "t", "p", "x", "x", layout="sideways")


@pytest.mark.parametrize("key", sorted(HAND))
def test_expected_answer_matches_the_hand_derivation(key):
    expected = exercise(key).expected
    hand = HAND[key]
    if isinstance(hand, sp.MatrixBase):
        assert expected.shape == hand.shape
        assert sp.simplify(expected - hand) == sp.zeros(*hand.shape)
    elif isinstance(hand, sp.Expr):
        assert sp.simplify(expected - hand) == 0
    else:
        assert expected == hand


# ---------------------------------------------------------------------------------------------
# Right answers, in several spellings


@pytest.mark.parametrize(
    ("key", "answer"), [(k, a) for k, answers in RIGHT.items() for a in answers]
)
def test_right_answer_is_correct(key, answer):
    feedback = check(key, answer)
    assert feedback.correct, feedback
    assert feedback.mistake is None
    assert str(feedback).startswith("✓ Correct.")


@pytest.mark.parametrize("key", sorted(RIGHT))
def test_the_shown_solution_is_itself_accepted(key):
    ex = exercise(key)
    assert check(ex, ex.answer_text).correct
    assert ex.solution.latex and ex.solution.text and ex.explanation


def test_solution_names_layout_and_shape():
    solution = exercise("jacobian.paper_denominator").solution
    assert "2 × 2, denominator layout" in solution.text
    assert "denominator layout" in solution.latex
    assert "1 × 3 in numerator layout" in exercise("neuron.grad_w_shape").solution.text
    assert exercise("neuron.relu_at_minus1").solution.text == "∂/∂z of max(0, z) at z = -1 is 0"


# ---------------------------------------------------------------------------------------------
# Wrong answers: the diagnosis

# (key, answer, mistake, fragments of the message)
WRONG = [
    # the transpose: the other layout
    (
        "jacobian.paper",
        "[[6x y, 2], [3x^2, 8y^7]]",
        "transpose",
        ["transpose", "denominator layout"],
    ),
    ("jacobian.paper_denominator", "[[6x y, 3x^2], [2, 8y^7]]", "transpose", ["numerator layout"]),
    (
        "generalized.three_by_three",
        "[[2x1, x2 x3, 0], [0, x1 x3, 0], [0, x1 x2, cos(x3)]]",
        "transpose",
        ["transpose"],
    ),
    ("summary.warp_denominator", "[[1, cos(y)], [cos(x), 1]]", "transpose", ["numerator layout"]),
    # rows: which row is which function's gradient
    (
        "jacobian.paper",
        "[[2, 8y^7], [6x y, 3x^2]]",
        "row_swap",
        ["Row 1 is the gradient of f₂, not f₁"],
    ),
    (
        "generalized.three_by_three",
        "[[2x1, 0, 0], [0, 0, cos(x3)], [x2 x3, x1 x3, x1 x2]]",
        "row_swap",
        ["Row 2 is the gradient of f₃, not f₂"],
    ),
    # columns: the variables in the wrong order
    ("jacobian.paper", "[[3x^2, 6x y], [8y^7, 2]]", "column_swap", ["with respect to y, not x"]),
    ("gradients.3x2y", "[3x^2, 6x y]", "column_swap", ["Column 1", "y, not x"]),
    # in denominator layout rows are variables
    (
        "jacobian.paper_denominator",
        "[[3x^2, 8y^7], [6x y, 2]]",
        "row_swap",
        ["Row 1 holds the partials with respect to y, not x"],
    ),
    # right entries, wrong shape
    ("gradients.3x2y", "[[6x y], [3x^2]]", "wrong_shape", ["Right entries, wrong shape", "row"]),
    ("jacobian.paper", "[6x y, 3x^2, 2, 8y^7]", "wrong_shape", ["Right entries, wrong shape"]),
    ("jacobian.paper", "[[6x y, 3x^2]]", "wrong_shape", ["2 × 2"]),
    ("gradients.3x2y", "6x y", "wrong_shape", ["1 × 2"]),
    ("gradients.3x2y_dy", "[3x^2, 1]", "wrong_shape", ["One expression"]),
    # a sign
    ("gradients.3x2y", "[6x y, -3x^2]", "sign", ["sign", "∂f/∂y"]),
    ("jacobian.paper", "[[6x y, 3x^2], [2, -8y^7]]", "sign", ["sign", "∂f₂/∂y", "row 2, column 2"]),
    ("gradients.3x2y_dy", "-3x^2", "sign", ["sign", "∂/∂y of 3x²y"]),
    # one wrong partial: named by function and variable
    (
        "gradients.3x2y_dy",
        "6x y",
        "wrong_variable",
        ["∂/∂y of 3x²y is not 6xy: that is ∂/∂x. Treat x as a constant"],
    ),
    (
        "jacobian.paper",
        "[[6x y, 6x y], [2, 8y^7]]",
        "wrong_variable",
        ["Row 1, column 2 (∂f₁/∂y)", "that is ∂/∂x"],
    ),
    ("neuron.dz_dw2", "x1", "wrong_variable", ["∂/∂w₂", "that is ∂/∂w₁"]),
    ("neuron.dz_dw2", "1", "wrong_variable", ["that is ∂/∂b"]),
    (
        "jacobian.paper",
        "[[6x y, 3x^2], [2, 7y^8]]",
        "entry",
        ["Row 2, column 2 (∂f₂/∂y)", "(2x + y⁸) is not 7y⁸", "treat x as a constant"],
    ),
    ("gradients.g", "[0, 8y^7]", "entry", ["∂/∂x of (2x + y⁸) is not 0"]),
    ("gradients.g", "[2, 8y^7 + 1]", "entry", ["∂f/∂y"]),
    ("generalized.identity", "[[1, 0, 0], [0, 1, 1], [0, 0, 1]]", "entry", ["does not change"]),
    # several wrong entries, named (the first three)
    ("jacobian.paper", "[[1, 2], [3, 4]]", "entries", ["4 entries", "∂f₂/∂x (row 2, column 1)"]),
    ("generalized.three_by_three", "[[1,1,1],[1,1,1],[1,1,1]]", "entries", ["and 6 more"]),
    # a constant factor
    ("gradients.10x2y2", "[10x y^2, 10x^2 y]", "factor", ["1/2 times"]),
    ("gradients.3x2y", "[12x y, 6x^2]", "factor", ["2 times"]),
    ("gradients.3x2y_dy", "x^2", "factor", ["constant factor"]),
    # the function itself, or its value
    ("gradients.3x2y_dy", "3x^2 y", "undifferentiated", ["the function itself"]),
    ("neuron.relu_at_2", "2", "undifferentiated", ["value of the function"]),
    # ReLU's pieces
    ("neuron.relu_at_minus1", "1", "entry", ["which piece of max(0, z) is active at z = -1"]),
    ("neuron.relu_at_2", "0", "entry", ["which piece"]),
    # shapes and cases
    ("neuron.grad_w_shape", "3x1", "transpose", ["denominator layout (the transpose)"]),
    ("shapes.circle_denominator", "2x1", "transpose", ["numerator layout (the transpose)"]),
    ("neuron.grad_w_shape", "1x4", "wrong_shape", ["rows is right", "one per variable"]),
    ("neuron.grad_w_shape", "2x3", "wrong_shape", ["columns is right", "one per function"]),
    ("summary.neuron_shape", "2x2", "wrong_shape", ["count the functions"]),
    ("shapes.case_circle", "1", "case", ["f a scalar"]),
    ("shapes.case_circle", "4", "case", ["x a vector"]),
    ("shapes.case_neuron", "3", "case", ["f a vector and x a scalar"]),
    # names that are not in the exercise
    ("gradients.3x2y_dy", "3z^2", "unknown_variable", ["z is not in this exercise", "x, y"]),
    ("neuron.dz_dw2", "x4", "unknown_variable", ["x₄"]),
    ("jacobian.paper", "[[6x y, 3x^2], [2, 8t^7]]", "unknown_variable", ["t"]),
    # text that cannot be read
    ("gradients.3x2y", "[6x y, 3x^2", "parse_error", []),
    ("gradients.3x2y_dy", "3x^2 +", "parse_error", []),
    ("gradients.3x2y_dy", "3xz", "parse_error", ["x*z"]),
    ("gradients.3x2y_dy", "__import__('os')", "parse_error", []),
    ("neuron.grad_w_shape", "3", "parse_error", ["rows x columns"]),
    ("shapes.case_circle", "5", "parse_error", ["1, 2, 3 or 4"]),
    ("gradients.3x2y_dy", "", "empty", ["Type an answer"]),
    ("jacobian.paper", "   ", "empty", []),
]


@pytest.mark.parametrize(("key", "answer", "mistake", "fragments"), WRONG)
def test_wrong_answer_gets_its_diagnosis(key, answer, mistake, fragments):
    feedback = check(key, answer)
    assert not feedback.correct
    assert feedback.mistake == mistake, feedback
    assert str(feedback).startswith("✗ Not yet.")
    for fragment in fragments:
        assert fragment in feedback.message, feedback.message


def test_parse_error_message_is_the_parsers():
    with pytest.raises(ParseError) as error:
        parse("3x^2 +")
    message = str(error.value)
    feedback = check("gradients.3x2y_dy", "3x^2 +")
    assert feedback.message == message[0].upper() + message[1:]
    assert feedback.understood == ""


def test_diagnosis_does_not_give_the_right_entry_away():
    # The learner asked to check, not for the solution: the right partials stay hidden.
    for key, answer, hidden in [
        ("jacobian.paper", "[[6x y, 3x^2], [2, 7y^8]]", "8y⁷"),
        ("gradients.3x2y_dy", "6x y", "is 3x²"),
        ("gradients.g", "[2x, 8y^7]", "is 2"),
        ("neuron.relu_at_minus1", "1", "is 0"),
    ]:
        assert hidden not in check(key, answer).message


def test_understood_shows_how_the_answer_was_read():
    assert check("gradients.3x2y_dy", "3x^2").understood == sp.latex(3 * x**2)
    assert check("gradients.3x2y", "[6x y, 3x^2]").understood == sp.latex(
        sp.Matrix([[6 * x * y, 3 * x**2]])
    )


def test_check_takes_an_exercise_or_a_key():
    assert check(exercise("gradients.g"), "[2, 8y^7]") == check("gradients.g", "[2, 8y^7]")


def test_letters_typed_together_get_the_parsers_hint():
    assert check("neuron.dz_dw2", "x2").correct  # one name, x₂, not x·2
    feedback = check("gradients.3x2y_dy", "3xx")
    assert feedback.mistake == "parse_error" and "write x*x" in feedback.message


# ---------------------------------------------------------------------------------------------
# diagnose() directly, and diagnoses that hold for every matrix exercise

MATRIX_KEYS = [e.key for e in EXERCISES if e.kind == "matrix"]


def test_diagnose_right_answer_returns_none():
    J = sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]])
    code, _ = diagnose(J, J, "[3x^2 y, 2x + y^8]", "x y")
    assert code is None


@pytest.mark.parametrize("key", MATRIX_KEYS)
def test_every_negated_entry_is_a_sign_error(key):
    ex = exercise(key)
    E = ex.expected
    for i in range(E.rows):
        for j in range(E.cols):
            if E[i, j] == 0:
                continue
            A = E.copy()
            A[i, j] = -A[i, j]
            code, message = diagnose(A, E, ex.F, ex.x, ex.layout)
            assert code == "sign", (key, i, j, message)
            assert f"row {i + 1}, column {j + 1}" in message


@pytest.mark.parametrize("key", MATRIX_KEYS)
def test_the_other_layout_is_recognized(key):
    ex = exercise(key)
    E = ex.expected
    if E == E.T:
        return  # the identity: both layouts agree
    code, _ = diagnose(E.T, E, ex.F, ex.x, ex.layout)
    assert code == ("wrong_shape" if 1 in E.shape else "transpose")


@pytest.mark.parametrize("key", [k for k in MATRIX_KEYS if exercise(k).expected.rows > 1])
def test_swapped_rows_are_recognized(key):
    ex = exercise(key)
    E = ex.expected
    A = E.copy()
    A.row_swap(0, 1)
    if A == E:
        return
    code, _ = diagnose(A, E, ex.F, ex.x, ex.layout)
    assert code in ("row_swap", "transpose")  # in a 2 × 2 a swap can also be the transpose


def test_diagnose_takes_text_for_the_functions():
    E = sp.Matrix([[6 * x * y, 3 * x**2]])
    code, message = diagnose(sp.Matrix([[6 * x * y, -3 * x**2]]), E, "3x^2 y", "x y")
    assert code == "sign" and "∂f/∂y" in message


def test_relu_answer_in_its_max_form():
    ex = Exercise(
        "test.relu",
        "expression",
        "relu",
        "d/dz of z·max(0, z)?",
        "z * max(0, z)",
        "z",
        wrt="z",
    )
    # d/dz z·max(0, z) = max(0, z) + z·H(z) = 2·max(0, z)
    assert check(ex, "2 max(0, z)").correct
    assert check(ex, "max(0, z) + relu(z)").correct
    assert not check(ex, "max(0, z)").correct


# ---------------------------------------------------------------------------------------------
# Unicode text of messages


def test_text_is_short_unicode():
    assert text(3 * x**2 * y) == "3x²y"
    assert text(8 * y**7) == "8y⁷"
    assert text(x1 * x2) == "x₁x₂"
    assert text(2 * x * sp.cos(x**2)) == "2x·cos(x²)"
    assert text(-x) == "-x"
    assert text(sp.Max(0, z)) == "max(0, z)"
    assert text(sp.Matrix([[1, x], [y, 2]])) == "[[1, x], [y, 2]]"
    assert text(x / 2) == "x/2"


def test_feedback_is_frozen_and_prints_its_verdict():
    feedback = Feedback(True, "Well done.")
    with pytest.raises(AttributeError):
        feedback.correct = False  # type: ignore[misc]
    assert str(feedback) == "✓ Correct. Well done."
    assert Feedback(False, "Look again.", "entry").mark == "✗"


# ---------------------------------------------------------------------------------------------
# Fuzzing: no exception escapes, whatever is typed

SHAPES = st.from_regex(r"\s*\(?[0-9]{0,4}\s*(x|×|by|,|\*)?\s*[0-9]{0,4}\)?\s*", fullmatch=True)
KEYS = st.sampled_from([e.key for e in EXERCISES])
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _well_formed(feedback: Feedback) -> None:
    assert isinstance(feedback, Feedback)
    assert isinstance(feedback.correct, bool)
    assert isinstance(feedback.message, str) and feedback.message.strip()
    assert feedback.mistake is None if feedback.correct else feedback.mistake in MISTAKES
    assert "Traceback" not in feedback.message


@FUZZ
@given(KEYS, st.one_of(learner_text(), SHAPES))
def test_no_exception_escapes(key, answer):
    _well_formed(check(key, answer))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MATRIX_KEYS), st.data())
def test_random_matrix_answers_are_diagnosed(key, data):
    ex = exercise(key)
    E = ex.expected
    rows = data.draw(st.integers(1, 3))
    cols = data.draw(st.integers(1, 3))
    entries = st.sampled_from(
        ["0", "1", "-1", "2x", "x y", "3x^2", "cos(x)", "8y^7", "x1", "x2 x3"]
    )
    typed = [[data.draw(entries) for _ in range(cols)] for _ in range(rows)]
    answer = "[" + ", ".join("[" + ", ".join(r) + "]" for r in typed) + "]"
    feedback = check(ex, answer)
    _well_formed(feedback)
    if feedback.correct:
        assert (rows, cols) == E.shape


XY = [v for v in VARIABLES if v.text in ("x", "y")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expression_text(XY, smooth=True, max_leaves=6))
def test_any_formula_is_judged_like_an_independent_reference(pair):
    """∂/∂y of 3x²y is 3x²: a typed formula g is right exactly when g = 3x² (sympy reference)."""
    typed, g = pair
    assert check("gradients.3x2y_dy", f"3x^2 + ({typed}) - ({typed})").correct
    feedback = check("gradients.3x2y_dy", typed)
    _well_formed(feedback)
    if sp.simplify(g - 3 * x**2) == 0:
        assert feedback.correct
    if feedback.correct:
        f = sp.lambdify((x, y), g - 3 * x**2)
        assert all(abs(f(a, c)) < 1e-6 for a, c in [(0.3, -1.2), (1.7, 0.4), (-0.9, 2.1)])
