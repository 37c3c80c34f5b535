"""Exercises: right answers in a learner's spellings, each kind of mistake, equivalence, fuzzing.

Every expected answer below is derived by hand from the paper (not copied from mathkit), and typed
the way a learner would type it.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import (
    VARIABLES,
    expression_text,
    generous_api_budget,  # noqa: F401  (autouse: see its docstring)
    learner_text,
)

from mathkit.examples import CATALOG
from mathkit.exercises import EXERCISES as ALL_EXERCISES
from mathkit.exercises import Exercise, check, exercise, exercises_for
from mathkit.mistakes import MISTAKES, Feedback, diagnose
from mathkit.parse import ParseError, parse

x, y, z, t, b = sp.symbols("x y z t b")
x1, x2, x3 = sp.symbols("x_1 x_2 x_3")

NOTEBOOKS = ("neuron", "gradients", "jacobian", "generalized", "shapes", "summary")
# Part 1 (01-06) here; Part 2 (07-12) in test_exercises_part2.py, with the whole catalog's order.
EXERCISES = tuple(e for e in ALL_EXERCISES if e.notebook in NOTEBOOKS)


def catalog() -> tuple[Exercise, ...]:
    return EXERCISES


# key -> right answers as a learner could type them (hand-derived).
RIGHT = {
    # z = w1 x1 + w2 x2 + w3 x3 + b
    "neuron.dz_db": ["1", " 1 ", "1.0"],
    "neuron.dz_dw2": ["x2", "x_2", "x₂"],
    "neuron.grad_w_shape": ["1x3", "1 x 3", "1×3", "1 by 3", "(1, 3)"],
    # d/dz max(0, z) = 0 for z < 0 and 1 for z > 0
    "neuron.relu_at_minus1": ["0", "0.0", "1 - 1"],
    "neuron.relu_at_2": ["1", "2/2"],
    # the paper's convention at the corner: the slope of the 0 piece
    "neuron.relu_at_0": ["0", "0.0"],
    # d/dx 9(x + x²) = 9(1 + 2x) (the paper's §2)
    "gradients.scalar_rules": ["9 + 18x", "18x + 9", "9(1 + 2x)", "9*(1 + 2*x)"],
    # f = 3x²y: ∂f/∂x = 6x y, ∂f/∂y = 3x²
    "gradients.3x2y_dy": ["3x^2", "3*x**2", "3 x^2", "3x²", "x^2*3", "3·x·x", "[[3x^2]]"],
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
    # [x + y, xy, y²]: rows ∇f_i, 3 × 2
    "jacobian.tall": ["[[1, 1], [y, x], [0, 2y]]", "[[1, 1], [y, x], [0, 2*y]]"],
    # [xy + z, x + yz]: ∇f₁ = [y, x, 1], ∇f₂ = [1, z, y] as columns, 3 × 2
    "jacobian.wide_denominator": ["[[y, 1], [x, z], [1, y]]"],
    # x²y + y: [2xy, x² + 1] as a column
    "jacobian.gradient_column": ["[[2x y], [x^2 + 1]]", "[[2*x*y], [1 + x^2]]"],
    "generalized.identity": [
        "[[1,0,0],[0,1,0],[0,0,1]]",
        "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]",
        "I",
        " I ",
        "1*I",
        "I3",
        "I_3",
    ],
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
    "summary.neuron_shape": ["2x1", "2 by 1"],
    "summary.case_jacobian": ["4", "case 4"],
}

# key -> the expected answer, derived by hand, in the prompt's layout.
HAND = {
    "neuron.dz_db": sp.Integer(1),
    "neuron.dz_dw2": x2,
    "neuron.grad_w_shape": (1, 3),
    "neuron.relu_at_minus1": sp.Integer(0),
    "neuron.relu_at_2": sp.Integer(1),
    "neuron.relu_at_0": sp.Integer(0),
    "gradients.scalar_rules": 9 + 18 * x,
    "gradients.3x2y_dy": 3 * x**2,
    "gradients.3x2y": sp.Matrix([[6 * x * y, 3 * x**2]]),
    "gradients.10x2y2": sp.Matrix([[20 * x * y**2, 20 * x**2 * y]]),
    "gradients.g": sp.Matrix([[2, 8 * y**7]]),
    "jacobian.paper": sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]]),
    "jacobian.paper_denominator": sp.Matrix([[6 * x * y, 2], [3 * x**2, 8 * y**7]]),
    "jacobian.warp": sp.Matrix([[1, sp.cos(y)], [sp.cos(x), 1]]),
    "jacobian.tall": sp.Matrix([[1, 1], [y, x], [0, 2 * y]]),
    "jacobian.wide_denominator": sp.Matrix([[y, 1], [x, z], [1, y]]),
    "jacobian.gradient_column": sp.Matrix([[2 * x * y], [x**2 + 1]]),
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
    "summary.neuron_shape": (2, 1),
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
        assert len(found) >= 2, notebook
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
    def make(**kw):
        return Exercise(key="a.b", title="t", prompt="p", functions="x", variables="x", **kw)

    with pytest.raises(ValueError, match="kind"):
        make(kind="essay")
    with pytest.raises(ValueError, match="wrt"):
        make(kind="expression")
    with pytest.raises(ValueError, match="wrt"):
        make(kind="matrix", wrt="x")
    with pytest.raises(ValueError, match="layout"):
        make(kind="matrix", layout="sideways")
    with pytest.raises(ValueError, match="example"):
        Exercise(key="a.b", kind="matrix", title="t", prompt="p")


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


def test_catalog_is_every_exercise_in_notebook_order():
    keys = [e.key for e in catalog()]
    assert keys == [e.key for e in EXERCISES]
    order = [e.notebook for e in catalog()]
    assert order == sorted(order, key=NOTEBOOKS.index)  # notebook 01 first, 06 last


def _reference(e: Exercise):
    """The expected answer, from sympy directly (not through mathkit.jacobian/shape_case)."""
    xs = sp.Matrix([sp.Symbol(s.name, real=True) for s in e.x])
    F = e.F.xreplace(dict(zip(e.x, xs, strict=True)))
    F = F.xreplace({s: sp.Symbol(s.name, real=True) for s in F.free_symbols})
    J = F.jacobian(xs).replace(sp.Heaviside, lambda a, *_: sp.Heaviside(a, 0))  # paper: 0 at 0
    back = {s: sp.Symbol(s.name) for s in J.free_symbols}
    J = J.xreplace(back)
    m, n = F.rows, xs.rows
    if e.kind in ("expression", "value"):
        j = list(e.x).index(e.wrt_symbol)
        return sp.simplify(J[0, j].subs(e.point))
    if e.kind == "matrix":
        return J if e.layout == "numerator" else J.T
    if e.kind == "shape":
        return (m, n) if e.layout == "numerator" else (n, m)
    f_vector = e.functions.lstrip().startswith("[")
    return 1 + (len(xs) > 1) + 2 * f_vector


@pytest.mark.parametrize("e", catalog(), ids=lambda e: e.key)
def test_every_expected_answer_is_derived_and_its_solution_names_its_layout(e):
    fields = {f.name for f in dataclasses.fields(Exercise)}
    assert not fields & {"answer", "expected", "solution", "shape", "case"}  # nothing typed in
    ref = _reference(e)
    if isinstance(ref, sp.MatrixBase):
        assert e.expected.shape == ref.shape and sp.simplify(e.expected - ref).is_zero_matrix
    elif isinstance(ref, sp.Expr):
        assert sp.simplify(e.expected - ref) == 0
    else:
        assert e.expected == ref
    if e.kind in ("matrix", "shape"):
        assert f"{e.layout} layout" in e.solution.text, e.key
        assert f"{e.layout} layout" in e.solution.latex, e.key
    if e.kind in ("shape", "case"):
        assert "numerator layout" in e.explanation and "denominator layout" in e.explanation


_COUNTS = re.compile(
    r"\b[mn]\s*=\s*\d|\b(one|two|three|four|\d+)\s+(functions?|variables?|outputs?)\b|"
    r"\bthe variables are\b|\d\s*(x|×|by)\s*\d",
    re.IGNORECASE,
)


@pytest.mark.parametrize("e", catalog(), ids=lambda e: e.key)
def test_prompts_and_hints_do_not_give_the_answer_away(e):
    answer = re.sub(r"[\s*]", "", e.answer_text)
    for words in (e.prompt, e.hint) if e.kind != "expression" else (e.hint,):
        if len(answer) > 2:  # typed, or in the prompt's LaTeX: 3*x^2 or $3x^2$
            assert answer not in re.sub(r"[\s*${}\\]", "", words), (e.key, words)
        if e.kind in ("shape", "case"):  # the sizes m and n are what the learner counts
            assert not _COUNTS.search(words.replace("`2x3`", "")), (e.key, words)
    if e.kind == "case":
        assert not re.search(rf"case\s*{e.expected}\b", e.hint, re.IGNORECASE)


@pytest.mark.parametrize("e", [e for e in catalog() if e.kind == "value"], ids=lambda e: e.key)
def test_a_value_at_a_point_must_be_a_number(e):
    """An answer still containing the variable is refused, even where it is worth the value."""
    ((v, p),) = e.point.items()
    right = e.answer_text
    cousins = [f"{right} + ({v} - ({p}))", f"({right}) + ({v} - ({p}))^2", f"{v} - ({p}) + {right}"]
    if p != 0 and e.expected != 0:
        cousins.append(f"({right}) * {v} / ({p})")
    for answer in cousins:
        feedback = check(e, answer)
        assert not feedback.correct and feedback.mistake == "not_a_number", (answer, feedback)
    feedback = check(e, e.functions)
    assert feedback.mistake == "undifferentiated" and "function itself" in feedback.message
    assert check(e, right).correct


@pytest.mark.parametrize("e", [e for e in catalog() if e.kind == "matrix"], ids=lambda e: e.key)
def test_the_identity_as_I(e):
    E = e.expected
    for answer, c in (("I", 1), ("-I", -1), ("2I", 2), ("2*I", 2), ("I/2", sp.Rational(1, 2))):
        feedback = check(e, answer)
        right = E.rows == E.cols and c * sp.eye(E.rows) == E
        assert feedback.correct is right, (answer, feedback)
        if E.rows != E.cols:
            assert feedback.mistake == "wrong_shape" and "square" in feedback.message


NAMED = [e for e in catalog() if e.f_name != "f" and e.kind in ("expression", "matrix")]


@pytest.mark.parametrize("e", NAMED, ids=lambda e: e.key)
def test_feedback_uses_the_exercises_own_names(e):
    E = e.expected
    if e.kind == "matrix":
        i, j = next((i, j) for i in range(E.rows) for j in range(E.cols) if E[i, j] != 0)
        wrong = E.copy()
        wrong[i, j] = -wrong[i, j]
        answer = f"[{', '.join(sp.sstr(v) for v in wrong)}]" if E.rows == 1 else str(wrong.tolist())
    else:
        answer = f"-({sp.sstr(E)})"
    feedback = check(e, answer.replace("**", "^"))
    assert not feedback.correct
    assert f"∂{e.f_name}" in feedback.message and "∂f/" not in feedback.message, feedback.message


def test_a_long_answer_is_quoted_shortened():
    answer = " + ".join(f"{k}*x^{k}*y^{k + 1}" for k in range(2, 14))
    assert len(answer) > 150
    feedback = check("gradients.3x2y_dy", answer)
    assert not feedback.correct and len(feedback.message) < 200 and "…" in feedback.message


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
    (
        "gradients.3x2y",
        "[[6x y], [3x^2]]",
        "wrong_shape",
        ["Right entries, wrong shape", "row", "which is denominator layout"],
    ),
    (
        "jacobian.gradient_column",
        "[2x y, x^2 + 1]",
        "wrong_shape",
        ["a row (1 × 2), which is numerator layout", "[[a], [b]]"],
    ),
    ("jacobian.tall", "[[1, y, 0], [1, x, 2y]]", "transpose", ["you used denominator layout"]),
    ("jacobian.wide_denominator", "[[y, x, 1], [1, z, y]]", "transpose", ["numerator layout"]),
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
    ("neuron.dz_dw2", "x1", "wrong_variable", ["∂z/∂w₂", "that is ∂/∂w₁"]),
    # a dropped coefficient, not "∂/∂b" (which 1 also is)
    ("neuron.dz_dw2", "1", "coefficient", ["∂z/∂w₂ is not 1", "c·w₂ is c"]),
    ("gradients.3x2y_dy", "3", "coefficient", ["does not depend on y"]),
    ("gradients.3x2y_dy", " [ [3x^2], [1]]", "wrong_shape", ["One expression"]),
    (
        "jacobian.paper",
        "[[6x y, 3x^2], [2, 7y^8]]",
        "entry",
        ["Row 2, column 2 (∂f₂/∂y)", "(2x + y⁸) is not 7y⁸", "treat x as a constant"],
    ),
    ("gradients.g", "[0, 8y^7]", "entry", ["∂/∂x of (2x + y⁸) is not 0"]),
    ("gradients.g", "[2, 8y^7 + 1]", "entry", ["∂g/∂y"]),
    ("gradients.g", "[2, -8y^7]", "sign", ["∂g/∂y"]),
    ("generalized.identity", "[[1, 0, 0], [0, 1, 1], [0, 0, 1]]", "entry", ["does not change"]),
    # a 0 where x₂ depends on x₂ is not "∂/∂x₁" (that partial is 0 as well)
    ("generalized.identity", "[[1, 0, 0], [0, 0, 0], [0, 0, 1]]", "entry", ["∂f₂/∂x₂", "not 0"]),
    ("neuron.dz_db", "0", "entry", ["∂z/∂b is not 0"]),
    # the functions themselves, repeated or as a list
    ("jacobian.paper", "[3x^2 y, 2x + y^8]", "undifferentiated", ["the functions themselves"]),
    (
        "jacobian.paper",
        "[[3x^2 y, 3x^2 y], [2x + y^8, 2x + y^8]]",
        "undifferentiated",
        ["repeats the functions"],
    ),
    ("jacobian.tall", "[x + y, x y, y^2]", "undifferentiated", []),
    ("gradients.3x2y", "3x^2 y", "undifferentiated", ["3x²y is the function itself"]),
    # the identity as I
    ("gradients.g", "I", "wrong_shape", ["identity", "∂g/∂x is 1 × 2"]),
    ("jacobian.tall", "2 I", "wrong_shape", ["3 × 2"]),
    ("generalized.identity", "-I", "sign", []),
    ("generalized.identity", "I2", "wrong_shape", ["2 × 2 identity", "3 × 3"]),
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
    ("neuron.relu_at_0", "1", "other_piece", ["piece where z > 0", "z = 0"]),
    # a value at a point is a number: anything with z in it is refused, whatever it is worth there
    ("neuron.relu_at_minus1", "max(0, z)", "undifferentiated", ["the function itself"]),
    ("neuron.relu_at_minus1", "relu(z)", "undifferentiated", ["the function itself"]),
    ("neuron.relu_at_minus1", "z + 1", "not_a_number", ["still contains z"]),
    ("neuron.relu_at_minus1", "z^2 - 1", "not_a_number", ["one number"]),
    ("neuron.relu_at_2", "z/2", "not_a_number", []),
    ("neuron.relu_at_2", "z - 1", "not_a_number", []),
    ("neuron.relu_at_2", "max(0, z) - 1", "not_a_number", []),
    ("neuron.relu_at_0", "max(0, z)", "undifferentiated", []),
    # shapes and cases
    ("neuron.grad_w_shape", "3x1", "transpose", ["denominator layout (the transpose)"]),
    ("shapes.circle_denominator", "2x1", "transpose", ["numerator layout (the transpose)"]),
    ("neuron.grad_w_shape", "1x4", "wrong_shape", ["rows is right", "one per variable"]),
    ("neuron.grad_w_shape", "2x3", "wrong_shape", ["columns is right", "one per function"]),
    ("summary.neuron_shape", "1x3", "wrong_shape", ["count the functions"]),
    ("summary.neuron_shape", "3x1", "wrong_shape", ["count the rows again"]),
    ("shapes.case_circle", "1", "case", ["f a scalar"]),
    ("shapes.case_circle", "4", "case", ["t a vector"]),
    ("shapes.case_neuron", "3", "case", ["activation a vector and w a scalar"]),
    ("shapes.case_neuron", "4", "case", ["activation a vector"]),
    # names that are not in the exercise
    ("gradients.3x2y_dy", "3z^2", "unknown_variable", ["z is not in this exercise", "x, y"]),
    ("neuron.dz_dw2", "x4", "unknown_variable", ["x₄"]),
    ("jacobian.paper", "[[6x y, 3x^2], [2, 8t^7]]", "unknown_variable", ["t"]),
    # text that cannot be read
    ("gradients.3x2y", "[6x y, 3x^2", "parse_error", []),
    ("gradients.3x2y_dy", "3x^2 +", "parse_error", []),
    ("gradients.3x2y_dy", "3xz", "parse_error", ["`z`", "not one of your variables (x, y)"]),
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


def test_letters_typed_together_are_the_exercises_variables_multiplied():
    assert check("neuron.dz_dw2", "x2").correct  # one name, x₂, not x·2
    feedback = check("gradients.3x2y_dy", "3xx")  # issue 9, item 4: x·x with x known
    assert feedback.correct and feedback.reading == "3·x·x"
    assert "sin" in check("gradients.3x2y_dy", "3sinx").message  # a function's name: not split


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
        pytest.skip("a symmetric answer (the identity) is the same in both layouts")
    code, _ = diagnose(E.T, E, ex.F, ex.x, ex.layout)
    assert code == ("wrong_shape" if 1 in E.shape else "transpose")


@pytest.mark.parametrize("key", [k for k in MATRIX_KEYS if exercise(k).expected.rows > 1])
def test_swapped_rows_are_recognized(key):
    ex = exercise(key)
    E = ex.expected
    A = E.copy()
    A.row_swap(0, 1)
    if A == E:
        pytest.skip("swapping its rows leaves this answer unchanged")
    code, _ = diagnose(A, E, ex.F, ex.x, ex.layout)
    assert code in ("row_swap", "transpose")  # in a 2 × 2 a swap can also be the transpose


def test_diagnose_takes_text_for_the_functions():
    E = sp.Matrix([[6 * x * y, 3 * x**2]])
    code, message = diagnose(sp.Matrix([[6 * x * y, -3 * x**2]]), E, "3x^2 y", "x y")
    assert code == "sign" and "∂f/∂y" in message


def test_relu_answer_in_its_max_form():
    ex = Exercise(
        key="test.relu",
        kind="expression",
        title="relu",
        prompt="d/dz of z·max(0, z)?",
        functions="z * max(0, z)",
        variables="z",
        wrt="z",
    )
    # d/dz z·max(0, z) = max(0, z) + z·H(z) = 2·max(0, z)
    assert check(ex, "2 max(0, z)").correct
    assert check(ex, "max(0, z) + relu(z)").correct
    assert not check(ex, "max(0, z)").correct


# ---------------------------------------------------------------------------------------------
# Unicode text of messages


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
