"""Marking the chain rule's factors like a teacher (§4.5 of the paper, numerator layout).

Every expected factor below is written by hand from the paper (dy/du · du/dx = cos(u) · 2x for
sin(x²); ∂y/∂g = diag(1/g₁, cos g₂), ∂g/∂x = [2x, 3]ᵀ for [ln(x²), sin(3x)]; ∂a/∂z = 1 (z > 0),
∂z/∂u = 1ᵀ, ∂u/∂w = diag(x) for the neuron; ∂y/∂u = 1ᵀ, ∂u/∂x = diag(2x) for sum(x ⊗ x)), and
checked against sympy's own derivative of the composed function, built here without mathkit.
The answers typed are a confused learner's and an adversary's; the slip named in each message
is the one a teacher would name, in the exercise's symbols.
"""

from __future__ import annotations

import html
import re
import time
from functools import reduce

import pytest
import sympy as sp
from strategies import generous_api_budget  # noqa: F401  (autouse: see its docstring)

from mathkit import explorers
from mathkit.chain import chain
from mathkit.chain_steps import EXAMPLES, check_factors
from mathkit.exercises import check
from mathkit.mistakes import MISTAKES, Feedback
from mathkit.text import typed

x, u, b = sp.symbols("x u b")
g1, g2 = sp.symbols("g_1 g_2")
X = sp.symbols("x_1:4")
W = sp.symbols("w_1:4")

# ---------------------------------------------------------------------------------------------
# The factors by hand, and sympy's derivative of each composed function

HAND = {
    # y = sin(u), u = x²: dy/du = cos(u), du/dx = 2x
    "chain.sin_x2_factors": (
        [sp.Matrix([sp.cos(u)]), sp.Matrix([2 * x])],
        {u: x**2},
        sp.Matrix([sp.sin(x**2)]),
        [x],
    ),
    # y = [ln g₁, sin g₂], g = [x², 3x]
    "chain.vector_factors": (
        [sp.diag(1 / g1, sp.cos(g2)), sp.Matrix([2 * x, 3])],
        {g1: x**2, g2: 3 * x},
        sp.Matrix([sp.log(x**2), sp.sin(3 * x)]),
        [x],
    ),
    # a = max(0, z), z = sum(u) + b, u = w ⊗ x, on the piece z > 0 where a = z
    "neuron_gradient.activation_factors": (
        [sp.Matrix([1]), sp.ones(1, 3), sp.diag(*X)],
        {},
        sp.Matrix([sum(w * v for w, v in zip(W, X, strict=True)) + b]),
        list(W),
    ),
    # y = sum(u), u = x ⊗ x
    "reference.sum_of_squares_factors": (
        [sp.ones(1, 3), sp.diag(*[2 * v for v in X])],
        {},
        sp.Matrix([sum(v**2 for v in X)]),
        list(X),
    ),
}


@pytest.mark.parametrize("key", list(HAND))
def test_hand_factors_multiply_to_sympys_jacobian_and_are_accepted_typed_with_times(key):
    factors, back, composed, variables = HAND[key]
    product = reduce(lambda p, q: p * q, factors).xreplace(back)
    assert sp.simplify(product - composed.jacobian(variables)) == sp.zeros(*product.shape)
    # the hand factors typed by their entries, separated by × (a times sign a learner uses)
    feedback = check(key, " × ".join(typed(M) for M in factors))
    assert feedback.correct, feedback.message
    said = [(int(r), int(c)) for r, c in re.findall(r"\((\d+) × (\d+)\)", feedback.message)]
    assert said == [M.shape for M in factors]  # each factor named with its shape
    assert "numerator layout" in feedback.message


# ---------------------------------------------------------------------------------------------
# Right answers, written every valid way: accepted (each refused or misread on main)

RIGHT = [
    # `*` and `×` between the factors, as between numbers (issue: refused as the whole derivative)
    ("chain.sin_x2_factors", "cos(u) * 2*x"),
    ("chain.sin_x2_factors", "cos(u) × 2x"),
    ("chain.sin_x2_factors", "cos(x^2)*2*x"),
    ("chain.sin_x2_factors", "cos(u) . 2x"),  # a product dot typed as a full stop
    ("chain.sin_x2_factors", "cos(u) ∙ 2x"),  # look-alikes of the dot
    ("chain.sin_x2_factors", "cos(u) • 2x"),
    ("chain.sin_x2_factors", "cos(u)(2x)"),
    ("chain.sin_x2_factors", "2*x*cos(x^2)"),  # scalars commute
    ("neuron_gradient.activation_factors", "1 × 1ᵀ × diag(x)"),
    ("chain.vector_factors", "diag(1/g1, cos(g2)) [2x, 3]ᵀ"),
    ("chain.vector_factors", "(diag(1/g1, cos(g2)))([2x, 3]ᵀ)"),
    ("chain.sin_x2_factors", "cos(u)\n\n2x"),  # one factor a line
    # each factor with its label, or the whole with dy/dx =
    ("chain.sin_x2_factors", "dy/du = cos(u), du/dx = 2x"),
    ("chain.sin_x2_factors", "dy/dx = cos(u) · 2x"),
    ("neuron_gradient.activation_factors", "∂a/∂z = 1; ∂z/∂u = 1ᵀ; ∂u/∂w = diag(x)"),
]


@pytest.mark.parametrize(("key", "answer"), RIGHT)
def test_right_factors_written_another_valid_way_are_accepted(key, answer):
    feedback = check(key, answer)
    assert feedback.correct, (key, answer, feedback.message)
    assert feedback.mistake is None and "numerator layout" in feedback.message


def test_scalar_factors_in_the_other_order_are_accepted_and_said_to_commute():
    feedback = check("chain.sin_x2_factors", "2*x*cos(x^2)")
    assert feedback.correct and "scalars commute" in feedback.message


# ---------------------------------------------------------------------------------------------
# Wrong answers: refused, the slip named in the exercise's symbols (each misjudged on main)

WRONG = [
    # a · inside a factor: say which factor is split and how to group it
    ("chain.sin_x2_factors", "cos(u)·2·x", "factor_split", ["2·x is one factor, du/dx", "2*x"]),
    # the outer derivative evaluated at x, not at u = x²
    ("chain.sin_x2_factors", "cos(x) · 2x", "wrong_variable", ["dy/du", "u = x^2", "cos(x)"]),
    # u written where x belongs in du/dx
    ("chain.sin_x2_factors", "cos(u) · 2u", "wrong_variable", ["du/dx", "u where x belongs"]),
    # the step itself, not differentiated
    ("chain.sin_x2_factors", "cos(u) · x^2", "entry", ["u = x^2 itself", "du/dx"]),
    # a label that does not fit its value: dy/du = 2x is false
    ("chain.sin_x2_factors", "dy/du = 2x · du/dx = cos(u)", "chain_order", ["du/dx, not dy/du"]),
    # the output's own name inside a factor
    ("chain.sin_x2_factors", "cos(y) · 2x", "unknown_variable", ["y is the output"]),
    (
        "neuron_gradient.activation_factors",
        "a · 1ᵀ · diag(x)",
        "unknown_variable",
        ["a is the output", "w (w1 … w3)"],
    ),
    # stars both inside and between factors, no grouping right: say what to type
    ("chain.sin_x2_factors", "sin(u)*3*x", "factor_count", ["separated by ·", "dy/du · du/dx"]),
    # a column typed as a flat list: the transpose, and how to type a column
    (
        "chain.vector_factors",
        "[[1/g1, 0], [0, cos(g2)]] · [2x, 3]",
        "wrong_shape",
        ["∂g/∂x", "transposed", "denominator layout", "2 × 1", "[a, b]ᵀ"],
    ),
    # every factor transposed and the order reversed: the denominator-layout chain
    (
        "chain.vector_factors",
        "[[2x, 3]] · [[1/g1, 0], [0, cos(g2)]]",
        "wrong_shape",
        ["denominator layout", "reverse order", "∂y/∂g (2 × 2) · ∂g/∂x (2 × 1)"],
    ),
    # ∂y/∂g evaluated at x instead of at g = [x^2, 3x]
    (
        "chain.vector_factors",
        "[[1/x, 0], [0, cos(x)]] · [[2x], [3]]",
        "wrong_variable",
        ["∂y/∂g", "g = [x^2, 3x]"],
    ),
    # one entry wrong: named by its row and column
    (
        "chain.vector_factors",
        "[[1/g1, 0], [0, -sin(g2)]] · [[2x], [3]]",
        "entries",
        ["row 2, column 2", "∂y₂/∂g₂", "-sin(g2)"],
    ),
    # with respect to the wrong variable
    (
        "neuron_gradient.activation_factors",
        "1 · 1ᵀ · diag(w)",
        "wrong_variable",
        ["∂u/∂x", "w ⊗ x"],
    ),
    # two factors already multiplied
    (
        "neuron_gradient.activation_factors",
        "1 · xᵀ",
        "factor_count",
        ["xᵀ is ∂z/∂u · ∂u/∂w already multiplied"],
    ),
    # a · missing between two factors (side by side multiplies)
    ("neuron_gradient.activation_factors", "1 · 1ᵀ diag(x)", "factor_count", ["put a · between"]),
    # the whole derivative in place of the factors
    ("neuron_gradient.activation_factors", "xᵀ", "product_not_factors", ["whole derivative"]),
    # a itself where ∂a/∂z belongs: equal to 1 at z = 1 only, not on the piece z > 0
    (
        "neuron_gradient.activation_factors",
        "max(0, z) · 1ᵀ · diag(x)",
        "entry",
        ["∂a/∂z", "not yet differentiated"],
    ),
    # a constant factor lost (the power rule's 2)
    ("reference.sum_of_squares_factors", "1ᵀ · diag(x)", "entries", ["times 1/2", "u = x ⊗ x"]),
    # the total derivative left in the intermediate
    ("chain.x_plus_x2", "1 + 2u", "not_substituted", ["u = x^2", "dy/dx"]),
    # a more general rule than the simplest: why the simplest is asked
    ("chain.rule_ln_sin", "total derivative", "chain_rule", ["covers", "simplest", "u = x^3"]),
    ("chain.rule_x_plus_x2", "vector", "chain_rule", ["covers", "simplest", "u = x^2"]),
]


@pytest.mark.parametrize(("key", "answer", "code", "fragments"), WRONG)
def test_wrong_answer_names_the_slip(key, answer, code, fragments):
    feedback = check(key, answer)
    assert not feedback.correct, (key, answer)
    assert feedback.mistake == code, (key, answer, feedback.message)
    assert code in MISTAKES
    for fragment in fragments:
        assert fragment in feedback.message, (fragment, feedback.message)
    assert "**" not in feedback.message and "log(" not in feedback.message


# ---------------------------------------------------------------------------------------------
# Which chain rule: spellings a teacher accepts


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("chain.rule_x_plus_x2", "totl derivative"),
        ("chain.rule_ln_sin", "singel variable"),
        ("chain.rule_vector", "vectr"),
        ("chain.rule_vector", "vecter rule"),
        ("chain.rule_vector", "Vector Chain Rule (3)"),  # the name and the number agree
    ],
)
def test_a_rules_name_with_a_slipped_letter_is_accepted(key, answer):
    assert check(key, answer).correct


def test_the_total_derivative_may_be_written_after_its_label():
    feedback = check("chain.x_plus_x2", "dy/dx = 1 + 2x")  # 1 + 2x: d(x + x²)/dx by hand
    assert feedback.correct and "∂y/∂x + ∂y/∂u · du/dx" in feedback.message
    assert not check("chain.rule_vector", "(2) vector").correct  # the number and name disagree


def test_the_product_rule_is_answered_not_just_refused():
    feedback = check("reference.rule_product", "product rule")
    assert feedback.mistake == "parse_error" and "not one of the paper's chain rules" in (
        feedback.message
    )


# ---------------------------------------------------------------------------------------------
# The stepper's try-it mode and the exercise give the same verdict and message

SAME = [
    ("sin(x^2)", "chain.sin_x2_factors", ["cos(u)", "2x"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["dy/du = cos(u)", "du/dx = 2x"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["cos(x)", "2x"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["sin(u)", "2x"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["cos(u)", "x^2"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["-cos(u)", "2x"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["cos(y)", "2x"]),
    ("sin(x^2)", "chain.sin_x2_factors", ["2x", "2x"]),
    ("[ln(x^2), sin(3x)]", "chain.vector_factors", ["diag(1/g1, cos(g2))", "[2x, 3]ᵀ"]),
    ("[ln(x^2), sin(3x)]", "chain.vector_factors", ["diag(1/g1, cos(g2))", "[2x, 3]"]),
    ("[ln(x^2), sin(3x)]", "chain.vector_factors", ["[1/g1, cos(g2)]", "[[2x], [3]]"]),
    ("[ln(x^2), sin(3x)]", "chain.vector_factors", ["[[2x], [3]]", "diag(1/g1, cos(g2))"]),
    ("[ln(x^2), sin(3x)]", "chain.vector_factors", ["[[2x, 3]]", "diag(1/g1, cos(g2))"]),
]


@pytest.mark.parametrize(("example", "key", "factors"), SAME)
def test_stepper_and_exercise_agree(example, key, factors):
    feedback = check(key, " · ".join(factors))
    marking = check_factors(chain(EXAMPLES[example], "x"), [*factors, ""]).marking
    assert marking is not None
    assert (marking.ok, marking.message, marking.code) == (
        feedback.correct,
        feedback.message,
        feedback.mistake,
    )


def test_the_stepper_widget_shows_the_exercises_message():
    st = explorers.chain_stepper("sin(x^2)", mode="try")
    for box, text in zip(st.factors, ["cos(x)", "2x", ""], strict=True):
        box.value = text
    message = check("chain.sin_x2_factors", "cos(x) · 2x").message
    assert html.escape(message) in st.verdict_out.value


def test_labelled_boxes_are_equations_so_swapped_scalars_are_wrong_there():
    """The one intended difference: in the stepper, 2x typed in the box of dy/du says dy/du = 2x,
    which is false; in the exercise, a product's scalar factors commute."""
    result = check_factors(chain(EXAMPLES["sin(x^2)"], "x"), ["2x", "cos(u)", ""])
    assert not result.marking.ok and "that is du/dx, not dy/du" in result.message
    assert check("chain.sin_x2_factors", "2x · cos(u)").correct


# ---------------------------------------------------------------------------------------------
# Adversarial answers: a friendly message, never an exception, well inside the budget

ADVERSARIAL = [
    " · ".join(["cos(u)"] * 50),
    "*".join(["x"] * 50),
    "cos(u) * " + "*".join(["2"] * 12) + "*x",
    "(" * 40 + "x" + ")" * 40 + " · 2x",
    "sin(sin(sin(sin(sin(sin(sin(sin(u)))))))) · 2x",
    "cos(u) · 2х",  # Cyrillic х
    "cοs(u) · 2x",  # Greek ο
    "ｃｏｓ(u) · 2x",
    "cos(u)" + " " * 1000 + "2x",
    "x" * 1999,
    "cos(u);;2x",
    "·",
]


def test_adversarial_factor_lists_get_a_message_naming_the_factors():
    for answer in ADVERSARIAL:
        start = time.perf_counter()
        feedback = check("chain.sin_x2_factors", answer)
        elapsed = time.perf_counter() - start
        assert isinstance(feedback, Feedback) and not feedback.correct, answer
        assert feedback.mistake in MISTAKES, answer
        assert "dy/du" in feedback.message or "du/dx" in feedback.message, feedback.message
        assert elapsed < 5, answer  # the 1 s budget is the benchmark's; this catches a runaway
