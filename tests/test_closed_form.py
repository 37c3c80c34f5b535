"""mk.closed_form names Jacobians as the paper does: matrices built here by hand, and the paper's
rule table (tests/test_vectors.py RULES), whose names are written there from the paper."""

from __future__ import annotations

import re

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import learner_text
from test_vectors import RULES

import mathkit as mk
from mathkit.closed_form import read_closed_form
from mathkit.exercises import check
from mathkit.parse import ParseError

z, c = sp.symbols("z c")


def comps(name: str, n: int) -> list[sp.Symbol]:
    return [sp.Symbol(f"{name}_{i}") for i in range(1, n + 1)]


x3, w3 = comps("x", 3), comps("w", 3)

BY_HAND = [
    (sp.zeros(3, 3), "zero", "0"),
    (sp.zeros(1, 3), "zero", "0"),
    (sp.eye(3), "identity", "I"),
    (-sp.eye(3), "scaled identity", "-I"),
    (z * sp.eye(2), "scaled identity", "z I"),
    (sp.eye(4) / z, "scaled identity", "(1/z) I"),
    (3 * sp.eye(3), "scaled identity", "3 I"),
    (sp.diag(*x3), "diagonal", "diag(x)"),
    (sp.diag(*w3), "diagonal", "diag(w)"),
    (sp.diag(*[sp.cos(v) for v in x3]), "diagonal", "diag(cos(x))"),
    (sp.diag(*[2 * v for v in x3]), "diagonal", "diag(2*x)"),
    (sp.diag(*[a / b for a, b in zip(w3, x3, strict=True)]), "diagonal", "diag(w/x)"),
    (sp.diag(1, 2, 3), "diagonal", "diag(1, 2, 3)"),
    (sp.diag(x3[0], x3[1], w3[2]), "diagonal", "diag(x_1, x_2, w_3)"),
    (sp.Matrix([x3]), "row", "xᵀ"),
    (sp.Matrix([[1, 1, 1]]), "row", "1ᵀ"),
    (sp.Matrix([[z, z]]), "row", "z 1ᵀ"),
    (sp.Matrix([[2 * v for v in w3]]), "row", "2 wᵀ"),
    (sp.Matrix(x3), "column", "x"),
    (sp.ones(3, 1), "column", "1"),
    (-sp.ones(2, 1), "column", "-1"),
    (sp.Matrix([x3[1], x3[0], x3[2]]), "full", "[[x_2], [x_1], [x_3]]"),  # not x: out of order
    (sp.Matrix([[x3[0], x3[1], 1]]), "full", "[[x_1, x_2, 1]]"),
    (sp.Matrix([[1, 2], [3, 4]]), "full", "[[1, 2], [3, 4]]"),
    (sp.Matrix([[x3[0], 1], [0, x3[1]]]), "full", "[[x_1, 1], [0, x_2]]"),
    (sp.Matrix([[7]]), "full", "7"),
    (sp.Matrix([[sum(x3)]]), "full", "sum(x)"),
]


@pytest.mark.parametrize(("J", "kind", "text"), BY_HAND, ids=[t for *_, t in BY_HAND])
def test_names_matrices_built_by_hand(J, kind, text):
    named = mk.closed_form(J)
    assert (named.kind, named.text) == (kind, text)
    assert named.matrix == J


def test_given_vectors_limit_the_names():
    assert mk.closed_form(sp.diag(*x3), vectors={"w": 3}).text == "diag(x_1, x_2, x_3)"
    assert mk.closed_form(sp.diag(*x3), vectors={"x": 3}).text == "diag(x)"
    assert mk.closed_form(sp.Matrix([x3]), vectors={"w": 3}).kind == "full"


def test_a_component_of_another_index_is_not_the_vector():
    J = sp.diag(x3[0] * x3[1], x3[1] * x3[2], x3[2] * x3[0])
    assert mk.closed_form(J).kind == "diagonal" and "x_" in mk.closed_form(J).text


def test_latex_uses_bold_vectors_and_the_papers_symbols():
    assert mk.closed_form(sp.diag(*x3)).latex == r"\operatorname{diag}\left(\mathbf{x}\right)"
    assert mk.closed_form(sp.Matrix([x3])).latex == r"\mathbf{x}^T"
    assert mk.closed_form(sp.eye(2)).latex == r"\mathbf{I}"
    assert mk.closed_form(sp.ones(1, 2)).latex == r"\mathbf{1}^T"


# The paper's tables: the Jacobian of each expansion gets the name the paper gives it (n >= 2:
# at n = 1, I, 1ᵀ and 1 are one and the same 1 × 1 matrix).
@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize(
    ("text", "wrt", "closed", "name"), RULES, ids=[f"{r[0]}/{r[1]}" for r in RULES]
)
def test_the_papers_rules_get_the_papers_names(text, wrt, closed, name, n):
    sizes = {"w": n, "x": n}
    named = mk.closed_form(mk.jacobian(text, wrt, vectors=sizes), vectors=sizes)
    assert named.text == name


def test_a_one_by_one_jacobian_is_its_entry():
    assert mk.closed_form(sp.Matrix([[1]])).kind == "full"
    assert mk.closed_form(sp.Matrix([[0]])).kind == "zero"


# ---------------------------------------------------------------------------------------------
# Reading answers typed in the closed forms


@pytest.mark.parametrize(
    ("text", "wrt", "closed", "name"), RULES, ids=[f"{r[0]}/{r[1]}" for r in RULES]
)
def test_the_papers_names_read_back_as_the_closed_form(text, wrt, closed, name):
    sizes = {"w": 3, "x": 3}
    assert read_closed_form(name, closed(3).shape, sizes) == closed(3)


@pytest.mark.parametrize(("J", "kind", "text"), BY_HAND, ids=[t for *_, t in BY_HAND])
def test_every_name_reads_back_as_its_matrix(J, kind, text):
    assert read_closed_form(text, J.shape, {"x": 3, "w": 3}) == J


TYPED = [
    ("I", (2, 2), sp.eye(2)),
    ("-I", (2, 2), -sp.eye(2)),
    ("−I", (2, 2), -sp.eye(2)),
    ("2I", (2, 2), 2 * sp.eye(2)),
    ("z*I", (2, 2), z * sp.eye(2)),
    ("(1/z) I", (2, 2), sp.eye(2) / z),
    ("0", (2, 3), sp.zeros(2, 3)),
    ("diag(x)", (3, 3), sp.diag(*x3)),
    ("-diag(w)", (3, 3), -sp.diag(*w3)),
    ("diag(x ⊗ w)", (3, 3), sp.diag(*[a * c for a, c in zip(x3, w3, strict=True)])),
    ("xᵀ", (1, 3), sp.Matrix([x3])),
    ("x^T", (1, 3), sp.Matrix([x3])),
    ("x^{T}", (1, 3), sp.Matrix([x3])),
    ("(2x)ᵀ", (1, 3), sp.Matrix([[2 * v for v in x3]])),
    ("1^T", (1, 3), sp.ones(1, 3)),
    ("z 1ᵀ", (1, 3), z * sp.ones(1, 3)),
    ("x", (3, 1), sp.Matrix(x3)),
    ("x", (1, 3), sp.Matrix(x3)),  # a column where a row is meant: read as typed, judged later
    ("1", (3, 1), sp.ones(3, 1)),
    ("-1", (3, 1), -sp.ones(3, 1)),
    ("x - 1", (3, 1), sp.Matrix([v - 1 for v in x3])),
    ("[[1, 2], [3, 4]]", (2, 2), sp.Matrix([[1, 2], [3, 4]])),
]


@pytest.mark.parametrize(("text", "shape", "expected"), TYPED, ids=[t for t, *_ in TYPED])
def test_reads_closed_forms_typed_by_a_learner(text, shape, expected):
    assert read_closed_form(text, shape, {"x": 3, "w": 3}) == expected


@pytest.mark.parametrize(
    ("text", "shape", "words"),
    [
        ("diag(z)", (2, 2), "diag( ) takes a vector"),
        ("x diag(w)", (3, 3), "as many columns in the first as rows in the second"),
        ("w x", (1, 1), "write w ⊗ x, for the dot product w · x"),
        ("diag(x) + z", (3, 3), "adds a scalar to a 3 × 3 matrix"),
        ("I + z", (3, 3), "adds I to a scalar"),
        ("inv(x 1ᵀ)", (3, 3), "only the inverse of a diagonal matrix"),
        ("sin(diag(x))", (3, 3), "not on a matrix"),
        ("diag(diag(x))", (3, 3), "here it got a matrix"),
        ("xᵀ ⊗ x", (3, 3), "need equal shapes"),
        ("x^w", (3, 1), "not a vector"),
        ("np.diag(x)", (3, 3), "without a module name"),
        ("x.shape", (3, 1), "for the transpose write xᵀ"),
        ("T", (3, 1), "T is the transpose here"),
        ("x" * 3000, (3, 1), "too long"),
    ],
)
def test_refuses_with_a_reason(text, shape, words):
    with pytest.raises(ParseError, match=re.escape(words)):
        read_closed_form(text, shape, {"x": 3, "w": 3})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        learner_text(),
        st.lists(st.sampled_from(["I", "diag(", "ᵀ", "^T", "1", "x", "z", " ", "-", ")", "("])).map(
            "".join
        ),
    ),
    st.sampled_from([(3, 3), (1, 3), (3, 1), (1, 1)]),
)
def test_fuzz_only_parse_errors(text, shape):
    try:
        read_closed_form(text, shape, {"x": 3})
    except ParseError as error:
        assert 0 < len(str(error)) < 200


# Round trip: whatever closed_form names, read_closed_form reads back as the same matrix.
ELEMENTWISE = [
    lambda v: v,
    lambda v: 2 * v,
    lambda v: -v,
    lambda v: 1 / v,
    lambda v: v**2,
    lambda v: sp.cos(v),
    lambda v: sp.exp(v) * z,
    lambda v: v + z,
]


@settings(max_examples=120, deadline=None)
@given(
    st.integers(2, 4),
    st.sampled_from(ELEMENTWISE),
    st.sampled_from(["diag", "row", "column", "scaled"]),
    st.sampled_from([z, -1, 3, 1 / z, z**2, sp.Rational(1, 2)]),
)
def test_names_read_back_as_their_matrix(n, f, layout, c):
    x = comps("x", n)
    J = {
        "diag": sp.diag(*[f(v) for v in x]),
        "row": sp.Matrix([[f(v) for v in x]]),
        "column": sp.Matrix([f(v) for v in x]),
        "scaled": c * sp.eye(n),
    }[layout]
    named = mk.closed_form(J, vectors={"x": n})
    assert named.kind != "full"
    assert read_closed_form(named.text, J.shape, {"x": n}) == J


# ---------------------------------------------------------------------------------------------
# Cousins that main read right too, kept right by the matrix-algebra reader (tests that fail on
# main are in test_closed_form_marking.py)


@pytest.mark.parametrize(
    ("key", "answer"),
    [
        ("elementwise.product_dw", "diag(x .* 1)"),
        ("elementwise.minus_dx", "(-1)I"),
        ("elementwise.minus_dx", "I*(-1)"),
        ("elementwise.divide_dx", "-diag(w ./ (x .* x))"),
        ("reductions.scalar_times_dx", "Iz"),
        ("reductions.scalar_plus_dz", "(1ᵀ)ᵀ"),
        ("reference.divide_dw", "diag(1 ./ x)"),
        ("reference.sum_xz_dx", "(z 1)ᵀ"),
        ("neuron_gradient.dz_dw", "1 · xᵀ"),  # 1 times a row: · is the dot only by a column
    ],
)
def test_right_answers_main_accepted_stay_accepted(key, answer):
    assert check(key, answer).correct


def test_a_number_in_front_is_a_product_without_an_echo():
    feedback = check("reductions.dot_dw", "2xᵀ")
    assert not feedback.correct and feedback.mistake == "factor" and not feedback.reading
    assert check("reductions.scalar_times_dx", "2 diag(x)").mistake != "parse_error"


# ---------------------------------------------------------------------------------------------
# The adversary: huge or nested input is refused fast (check raises TooSlow past 1 s), never
# a traceback, never eval; main refused these too, so these guard the new reader

ADVERSARY = [
    "(x xᵀ)" * 30, "diag(x)" + " diag(x)" * 300, "diag(" * 40 + "x" + ")" * 40, "x" + "'" * 1999,
    "ones(20) ones(20)ᵀ ones(20) ones(20)ᵀ", "(ones(20,20))^3", "diag(x)^(10^10)", "e^(e^(e^x))",
    "__import__('os').system('true')", "x.__class__", "diag.__globals__", "𝟏" * 500, "I" * 1999,
    "1ᵀ 1", "z/𝟏", "dot(x, eye(3))", "inv(diag(x - x))",
]  # fmt: skip


@pytest.mark.parametrize("answer", ADVERSARY, ids=[a[:20] for a in ADVERSARY])
def test_adversarial_answers_are_answered_quickly(answer):
    feedback = check("elementwise.divide_dx", answer)  # raises TooSlow past the 1 s budget
    assert not feedback.correct and 0 < len(feedback.message) < 400
    assert "sympy cannot work this out" not in feedback.message  # a bug hidden as a message
