# ruff: noqa: E501  (the tables of answers read best one case a line)
"""The closed_form exercises mark like a teacher: every right answer accepted however it is
written in valid matrix algebra, every wrong one refused with the learner's slip named in the
exercise's own symbols.

Expected matrices are built here by hand from the components (yᵢ = wᵢ/xᵢ, y = Σ xᵢ z, ...) and
sympy's own ``Matrix.jacobian``, never by mathkit; each named slip is checked to be what it says
(``diag(1/x)`` really is ∂(w ⊘ x)/∂w) against the same independent Jacobians.
"""

from __future__ import annotations

import pytest
import sympy as sp

from mathkit.exercises import check, exercise
from mathkit.exercises.kinds.closed_form import read_answer

N = 3
w = sp.Matrix(sp.symbols("w_1:4"))
x = sp.Matrix(sp.symbols("x_1:4"))
z, b = sp.symbols("z b")
SIZES = {"w": N, "x": N}


def J(components, variables) -> sp.Matrix:
    """The numerator-layout Jacobian by sympy itself: J[i, j] = ∂f_i/∂x_j."""
    return sp.Matrix(components).jacobian(sp.Matrix(variables))


def each(f) -> list:
    return [f(w[i], x[i]) for i in range(N)]


# The functions of the exercises, written out by hand from their prompts.
FUNCTIONS = {
    "elementwise.product_dw": (each(lambda a, c: a * c), w),
    "elementwise.minus_dx": (each(lambda a, c: a - c), x),
    "elementwise.divide_dx": (each(lambda a, c: a / c), x),
    "reductions.scalar_times_dx": ([c * z for c in x], x),
    "reductions.scalar_plus_dz": ([c + z for c in x], [z]),
    "reductions.sum_dx": ([sum(x)], x),
    "reductions.sum_xz_dz": ([sum(c * z for c in x)], [z]),
    "reductions.dot_dw": ([sum(each(lambda a, c: a * c))], w),
    "neuron_gradient.dz_dw": ([sum(each(lambda a, c: a * c)) + b], w),
    "reference.divide_dw": (each(lambda a, c: a / c), w),
    "reference.sum_xz_dx": ([sum(c * z for c in x)], x),
}


def expected(key: str) -> sp.Matrix:
    functions, variables = FUNCTIONS[key]
    return J(functions, variables)


def is_the_exercise(key: str) -> bool:
    """The hand-written functions and variables are the exercise's (the tables' premise)."""
    functions, variables = FUNCTIONS[key]
    ex = exercise(key)
    same = sp.expand(ex.F - sp.Matrix(functions)) == sp.zeros(len(functions), 1)
    return same and list(ex.x) == list(variables)


# ---------------------------------------------------------------------------------------------
# Right answers written many valid ways: each is accepted (main refused or misread every one).

RIGHT = {
    "elementwise.product_dw": [
        "I diag(x)", "diag(x) I", "diag(x')", "diag(𝟏) diag(x)", "eye(3) diag(x)",
        "I ⊗ (x 1ᵀ)", "diag(x)*diag(1)",
    ],
    "elementwise.minus_dx": ["-eye(3)", "-I_3", "I - 2I", "-diag(ones(3))", "−𝐈"],
    "elementwise.divide_dx": [
        "-diag(w)*diag(x)^-2", "-diag(w)/diag(x)^2", "diag(-w ./ x.^2)", "-diag(w)diag(x)⁻²",
        "-diag(w) inv(diag(x))^2", "-diag(x)^-2 diag(w)", "-diag(w)*diag(1/x^2)",
        "-diag(w) * diag(x)^(-1) * diag(x)^(-1)", "-diag(w)/diag(x)/diag(x)",
        "diag(w)*(-diag(x)^(-2))",
    ],
    "reductions.scalar_times_dx": ["zI", "z*eye(3)", "diag(z*1)", "diag(z 𝟏)", "z diag(1)"],
    "reductions.scalar_plus_dz": ["𝟏", "ones(3)", "ones(3, 1)", "[1,1,1]'", "I 1"],
    "reductions.sum_dx": ["1'", "ones(1, 3)", "ones(3)ᵀ", "1ᵀ I", "𝟏ᵀ", "transpose(1)", "1.T"],
    "reductions.sum_xz_dz": [
        "1^T x", "1ᵀx", "xᵀ1", "x^T 1", "x·1", "1 · x", "dot(x, 1)", "x'*ones(3)", "ones(3)'*x",
        "𝟏ᵀx",
    ],
    "reductions.dot_dw": [
        "1ᵀ diag(x)", "1^T*diag(x)", "1ᵀ·diag(x)", "(diag(x) 1)ᵀ", "xᵀ I", "x'", "x.'", "x.T",
        "transpose(x)", "x⊤", "1 * 1ᵀ * diag(x)", "xᵗ", "x^\\top", "x^{\\top}", "x^{\\mathsf{T}}",
    ],
    "neuron_gradient.dz_dw": ["1ᵀdiag(x)", "x'", "2xᵀ - xᵀ", "1·1ᵀ·diag(x)"],
    "reference.divide_dw": [
        "diag(x)^-1", "diag(x)⁻¹", "inv(diag(x))", "I/diag(x)", "1/diag(x)",
        "diag(x.^-1)",
    ],
    "reference.sum_xz_dx": ["z1ᵀ", "1ᵀ z", "1ᵀ(zI)", "z*ones(1,3)", "1ᵀ diag(z 1)"],
}  # fmt: skip

RIGHT_CASES = [(key, answer) for key, answers in RIGHT.items() for answer in answers]


@pytest.mark.parametrize(("key", "answer"), RIGHT_CASES, ids=[a for _, a in RIGHT_CASES])
def test_a_right_answer_in_any_valid_notation_is_accepted(key, answer):
    assert is_the_exercise(key)
    E = expected(key)
    matrix, _ = read_answer(answer, E.shape, SIZES, ["z", "b"])
    assert matrix.shape == E.shape and sp.simplify(matrix - E) == sp.zeros(*E.shape)
    feedback = check(key, answer)
    assert feedback.correct, (key, answer, feedback.message)


# ---------------------------------------------------------------------------------------------
# Wrong answers: the slip named, in the exercise's symbols, and the slip is what it says it is.

# The Jacobians a learner computes instead, by hand: (what it is, its matrix).
OTHER = {
    "∂(w ⊗ x)/∂x": J(each(lambda a, c: a * c), x),
    "∂(w ⊘ x)/∂w": J(each(lambda a, c: a / c), w),
    "∂(w + x)/∂w": J(each(lambda a, c: a + c), w),
    "∂(w − x)/∂w": J(each(lambda a, c: a - c), w),
    "∂(w ⊗ x)/∂w": J(each(lambda a, c: a * c), w),
    "∂(w · x)/∂x": J([sum(each(lambda a, c: a * c))], x),
    "∂(x z)/∂z": J([c * z for c in x], [z]),
    "∂(x z)/∂x": J([c * z for c in x], x),
    "∂(x + z)/∂x": J([c + z for c in x], x),
    "∂(x − z)/∂z": J([c - z for c in x], [z]),
    "∂sum(x z)/∂x": J([sum(c * z for c in x)], x),
    "∂sum(x z)/∂z": J([sum(c * z for c in x)], [z]),
    "∂(w·x + b)/∂b": J([sum(each(lambda a, c: a * c)) + b], [b]),
    "∂sum(u)/∂u": J([sum(sp.symbols("u_1:4"))], sp.symbols("u_1:4")),
    "Σ ∂sum(x z)/∂x": sp.Matrix([[sum(J([sum(c * z for c in x)], x))]]),  # [z, z, z] added up
}

WRONG = [
    # (key, answer, what the answer is by hand, code, words in the message)
    ("elementwise.divide_dx", "diag(w)", "∂(w ⊗ x)/∂x", "other_operation", ["∂(w ⊗ x)/∂x", "w ⊘ x", "yᵢ = wᵢ/xᵢ"]),
    ("elementwise.divide_dx", "diag(1/x)", "∂(w ⊘ x)/∂w", "other_variable", ["∂y/∂w", "with respect to w", "not x"]),
    ("reference.divide_dw", "diag(x)", "∂(w ⊗ x)/∂w", "other_operation", ["∂(w ⊗ x)/∂w", "not of w ⊘ x"]),
    ("elementwise.product_dw", "diag(w)", "∂(w ⊗ x)/∂x", "other_variable", ["∂y/∂x", "not w"]),
    ("elementwise.product_dw", "diag(1/x)", "∂(w ⊘ x)/∂w", "other_operation", ["∂(w ⊘ x)/∂w"]),
    ("elementwise.product_dw", "I", "∂(w + x)/∂w", "other_operation", ["∂(w + x)/∂w", "w ⊗ x"]),
    ("elementwise.minus_dx", "I", "∂(w − x)/∂w", "other_variable", ["∂y/∂w", "∂(w + x)/∂x"]),
    ("reductions.dot_dw", "w^T", "∂(w · x)/∂x", "other_variable", ["∂y/∂x", "not w"]),
    ("reductions.dot_dw", "diag(x)", "∂(w ⊗ x)/∂w", "before_the_sum", ["u = w ⊗ x", "before the sum", "1ᵀ"]),
    ("reductions.dot_dw", "1ᵀ", "∂sum(u)/∂u", "sum_alone", ["∂sum(u)/∂u", "u = w ⊗ x", "∂u/∂w"]),
    ("neuron_gradient.dz_dw", "wᵀ", "∂(w · x)/∂x", "other_variable", ["∂z/∂x"]),
    ("neuron_gradient.dz_dw", "1", "∂(w·x + b)/∂b", "other_variable", ["∂z/∂b"]),
    ("neuron_gradient.dz_dw", "diag(x)", "∂(w ⊗ x)/∂w", "before_the_sum", ["z = sum(u) + b"]),
    ("reductions.sum_xz_dz", "3z", "Σ ∂sum(x z)/∂x", "other_variable_summed", ["∂y/∂x", "z 1ᵀ", "the variable is z"]),
    ("reductions.sum_xz_dz", "z 1ᵀ", "∂sum(x z)/∂x", "other_variable", ["∂y/∂x", "not z"]),
    ("reductions.sum_xz_dz", "x", "∂(x z)/∂z", "before_the_sum", ["u = x z", "∂u/∂z"]),
    ("reference.sum_xz_dx", "sum(x)", "∂sum(x z)/∂z", "other_variable", ["∂y/∂z", "not x"]),
    ("reference.sum_xz_dx", "zI", "∂(x z)/∂x", "before_the_sum", ["u = x z", "∂u/∂x"]),
    ("reductions.scalar_times_dx", "x", "∂(x z)/∂z", "other_variable", ["∂y/∂z", "not x"]),
    ("reductions.scalar_times_dx", "I", "∂(x + z)/∂x", "other_operation", ["∂(x + z)/∂x", "x z"]),
    ("reductions.scalar_times_dx", "z", None, "scalar_for_diagonal", ["diagonal entry", "3 × 3", "identity"]),
    ("elementwise.minus_dx", "-1", None, "scalar_for_diagonal", ["diagonal entry", "∂yᵢ/∂xᵢ"]),
    ("reductions.scalar_plus_dz", "x", "∂(x z)/∂z", "other_operation", ["∂(x z)/∂z", "x + z"]),
    ("reductions.scalar_plus_dz", "-1", "∂(x − z)/∂z", "other_operation", ["∂(x − z)/∂z"]),
    ("reductions.scalar_plus_dz", "I", "∂(x + z)/∂x", "other_variable", ["∂y/∂x", "not z"]),
    ("reductions.scalar_plus_dz", "1ᵀ", None, "row_for_column", ["row (1 × 3)", "column, 3 × 1", "yᵢ"]),
    ("reductions.sum_dx", "I", None, "before_the_sum", ["u = x", "before the sum"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "answer", "what", "code", "words"), WRONG, ids=[f"{k}:{a}" for k, a, *_ in WRONG]
)
def test_a_wrong_answer_gets_its_slip_named(key, answer, what, code, words):
    assert is_the_exercise(key)
    E = expected(key)
    matrix, _ = read_answer(answer, E.shape, SIZES, ["z", "b"])
    if what is not None:  # the slip is what the message says it is, by an independent Jacobian
        R = OTHER[what]
        assert matrix.shape == R.shape and sp.simplify(matrix - R) == sp.zeros(*R.shape)
    assert matrix.shape != E.shape or sp.simplify(matrix - E) != sp.zeros(*E.shape)
    feedback = check(key, answer)
    assert not feedback.correct
    assert feedback.mistake == code, (key, answer, feedback.message)
    for word in words:
        assert word in feedback.message, (key, answer, word, feedback.message)


# ---------------------------------------------------------------------------------------------
# Implicit products read as the other readers read them, and the reading echoed


@pytest.mark.parametrize(
    ("key", "answer", "reading"),
    [
        ("reductions.scalar_times_dx", "zI", "z·I"),
        ("reference.sum_xz_dx", "z1ᵀ", "z·1ᵀ"),
        ("reference.sum_xz_dx", "1ᵀzI", "1ᵀ·z·I"),
        ("neuron_gradient.dz_dw", "bxᵀ/b", "b·xᵀ/b"),
        (
            "reductions.scalar_times_dx",
            "[[z,0,0],[0,z,0],[0,0,zz/z]]",
            "[[z,0,0],[0,z,0],[0,0,z·z/z]]",
        ),
    ],
)
def test_implicit_products_are_read_and_echoed(key, answer, reading):
    feedback = check(key, answer)
    assert feedback.correct, feedback.message
    assert feedback.reading == reading
    assert f"Read as `{reading}`" in feedback.message


# ---------------------------------------------------------------------------------------------
# Notation refused where it is not valid matrix algebra, with what to write instead


@pytest.mark.parametrize(
    ("key", "answer", "words"),
    [
        ("reductions.dot_dw", "w x", "w ⊗ x, for the dot product w · x"),
        ("reductions.sum_xz_dz", "x x", "for the dot product"),
        ("elementwise.divide_dx", "x diag(w)", "as many columns in the first as rows"),
        ("elementwise.divide_dx", "diag(w) + z", "write z I"),
        ("elementwise.divide_dx", "inv(x 1ᵀ)", "the inverse of a diagonal matrix"),
        ("elementwise.divide_dx", "sin(diag(x))", "not on a matrix"),
        ("elementwise.divide_dx", "np.diag(x)", "without a module name"),
        ("elementwise.divide_dx", "x ⊗⊗ w", "can't read"),
        ("reductions.dot_dw", "x^t", "For the transpose write xᵀ or x^T"),
        ("elementwise.divide_dx", "(x xᵀ)(x xᵀ)(x xᵀ)(x xᵀ)(x xᵀ)(x xᵀ)(x xᵀ)", "too large"),
        ("elementwise.divide_dx", "(x 1ᵀ)" * 40, "too large"),
    ],
)
def test_invalid_notation_is_refused_with_what_to_write(key, answer, words):
    feedback = check(key, answer)
    assert not feedback.correct and words in feedback.message, feedback.message
    assert feedback.mistake in ("parse_error", "unknown_variable"), feedback.mistake


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("elementwise.product_dw", "diag(x) + 0"),  # + 0 is the zero matrix
        ("elementwise.product_dw", "0 + diag(x)"),
        ("reductions.dot_dw", "xᵀ + 0"),
    ],
)
def test_adding_zero_to_a_right_matrix_is_right(key, answer):
    assert check(key, answer).correct, check(key, answer).message


def test_a_refusal_that_starts_with_the_learners_formula_keeps_its_case():
    # diag(x) + 1 adds the number 1 to a matrix: refused, quoting diag(x) as typed (not "Diag(x)")
    feedback = check("elementwise.product_dw", "diag(x) + 1")
    assert not feedback.correct and feedback.message.startswith("diag(x) + 1"), feedback.message
