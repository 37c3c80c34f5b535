"""mk.chain against the direct Jacobian of the composed function (sympy, built independently) and
against the paper's own worked examples (§5) and its rule for choosing the chain rule (§8)."""

from __future__ import annotations

from functools import reduce

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathkit as mk
from mathkit.parse import ParseError

x, u, b = sp.symbols("x u b")
xs, ws = sp.symbols("x_1:4"), sp.symbols("w_1:4")


def direct(f, variables) -> sp.Matrix:
    """The Jacobian of the composed function, by sympy alone (numerator layout)."""
    f = sp.Matrix(f) if isinstance(f, (list, sp.MatrixBase)) else sp.Matrix([f])
    return f.jacobian(sp.Matrix(variables))


def same(A, B) -> bool:
    A, B = sp.Matrix(A), sp.Matrix(B)
    return A.shape == B.shape and sp.simplify(A - B) == sp.zeros(*A.shape)


z_neuron = sum(w * v for w, v in zip(ws, xs, strict=True)) + b

# (steps, wrt, vectors, the composed function built with sympy, its variables, the paper's rule)
EXAMPLES = {
    "sin(x²)": ([("u", "x^2"), ("y", "sin(u)")], "x", None, sp.sin(x**2), [x], "single-variable"),
    "ln(sin(x³)²)": (
        [("u1", "x^3"), ("u2", "sin(u1)"), ("u3", "u2^2"), ("y", "ln(u3)")],
        "x",
        None,
        sp.log(sp.sin(x**3) ** 2),
        [x],
        "single-variable",
    ),
    "x + x²": ([("u", "x^2"), ("y", "x + u")], "x", None, x + x**2, [x], "total-derivative"),
    "sin(x + x²)": (
        [("u1", "x^2"), ("u2", "x + u1"), ("y", "sin(u2)")],
        "x",
        None,
        sp.sin(x + x**2),
        [x],
        "total-derivative",
    ),
    "[ln(x²), sin(3x)]": (
        [("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")],
        "x",
        None,
        [sp.log(x**2), sp.sin(3 * x)],
        [x],
        "vector",
    ),
    "[ln(x²), sin(3x)] as a list": (
        [("g", ["x^2", "3x"]), ("y", ["ln(g1)", "sin(g2)"])],
        "x",
        None,
        [sp.log(x**2), sp.sin(3 * x)],
        [x],
        "vector",
    ),
    "sum(sin(x)), x a vector": (
        [("g", "sin(x)"), ("y", "sum(g)")],
        "x",
        {"x": 3},
        sum(sp.sin(v) for v in xs),
        xs,
        "vector",
    ),
    "g = x², y = g ⊗ x, x a vector": (
        [("g", "x^2"), ("y", "exp(g)")],
        "x",
        {"x": 3},
        [sp.exp(v**2) for v in xs],
        xs,
        "vector",
    ),
    "the neuron: max(0, w·x + b)": (
        [("z", "w · x + b"), ("a", "max(0, z)")],
        "w",
        {"w": 3, "x": 3},
        sp.Max(0, z_neuron),
        ws,
        "vector",
    ),
    "u = sum(x²), y = u sum(x)": (
        [("u", "sum(x^2)"), ("y", "u sum(x)")],
        "x",
        {"x": 3},
        sum(v**2 for v in xs) * sum(xs),
        xs,
        "total-derivative",
    ),
}


def reference(composed, variables) -> sp.Matrix:
    """sympy's Jacobian of the composed function; with max(0, ·), mk.jacobian of the composed
    function (sympy alone leaves the derivative of Max unevaluated for symbols not known real)."""
    if sp.Matrix([composed]).has(sp.Max):
        return mk.jacobian(composed, list(variables))
    return direct(composed, variables)


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_product_of_factors_is_the_direct_jacobian_and_the_rule_is_the_papers(key):
    steps, wrt, vectors, composed, variables, rule = EXAMPLES[key]
    c = mk.chain(steps, wrt, vectors=vectors)
    assert c.rule == rule
    expected = reference(composed, variables)
    assert same(c.product(), expected)
    assert same(c.result, expected)
    sum_of_terms = reduce(lambda a, b: a + b, [M for _, M in c.terms])
    assert same(c.substituted(sum_of_terms), expected)


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_factor_shapes_chain_in_numerator_layout(key):
    steps, wrt, vectors, composed, variables, _ = EXAMPLES[key]
    c = mk.chain(steps, wrt, vectors=vectors)
    shapes = [M.shape for _, M in c.factors]
    for (_, cols), (rows, _) in zip(shapes, shapes[1:], strict=False):
        assert cols == rows
    m = len(composed) if isinstance(composed, list) else 1
    assert (shapes[0][0], shapes[-1][1]) == (m, len(variables))
    assert r"\underbrace" in c.latex and rf"{shapes[0][0]} \times {shapes[0][1]}" in c.latex


@pytest.mark.parametrize(
    ("steps", "wrt", "vectors", "bold", "plain"),
    [
        ([("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")], "x", None, ["y", "g"], ["x"]),
        ([("u", "w ⊗ x"), ("y", "sum(u)")], "w", {"w": 3, "x": 3}, ["u", "w"], ["y"]),
        ([("u1", "x^3"), ("y", "sin(u1)")], "x", None, [], ["y", "u_{1}", "x"]),
    ],
)
def test_derivation_sets_vectors_in_bold(steps, wrt, vectors, bold, plain):
    latex = mk.chain(steps, wrt, vectors=vectors).latex
    fractions = latex[latex.index(r"\\ \frac") : latex.index(r"&= \underbrace")]
    for name in bold:
        assert rf"\mathbf{{{name}}}" in fractions
    for name in plain:
        assert rf"\mathbf{{{name}}}" not in fractions and name in fractions


# ---------------------------------------------------------------------------------------------
# The paper's worked factors, by hand


def test_sin_x_squared_factors_by_hand():
    c = mk.chain([("u", "x^2"), ("y", "sin(u)")], "x")
    assert c.factors == [("dy/du", sp.Matrix([[sp.cos(u)]])), ("du/dx", sp.Matrix([[2 * x]]))]


def test_vector_chain_factors_by_hand():
    g1, g2 = sp.symbols("g_1 g_2")
    c = mk.chain([("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")], "x")
    assert c.factors[0] == ("∂y/∂g", sp.Matrix([[1 / g1, 0], [0, sp.cos(g2)]]))
    assert c.factors[1] == ("∂g/∂x", sp.Matrix([[2 * x], [3]]))
    assert same(c.result, sp.Matrix([[2 / x], [3 * sp.cos(3 * x)]]))


def test_total_derivative_terms_by_hand():
    c = mk.chain([("u", "x^2"), ("y", "x + u")], "x")
    assert [(label, M[0]) for label, M in c.terms] == [("∂y/∂x", 1), ("∂y/∂u · du/dx", 2 * x)]
    # leaving out the direct term gives the classic slip 2x, not 1 + 2x
    assert c.result[0] == 1 + 2 * x


def test_vector_factors_have_the_papers_closed_forms():
    c = mk.chain([("g", "sin(x)"), ("y", "w · g")], "x", vectors={"x": 3, "w": 3})
    assert c.rule == "vector"
    names = [mk.closed_form(M, vectors={"x": 3, "w": 3, "g": 3}).text for _, M in c.factors]
    assert names == ["wᵀ", "diag(cos(x))"]


def test_neuron_chain_uses_the_papers_slope_at_zero():
    c = mk.chain([("z", "w · x + b"), ("a", "max(0, z)")], "w", vectors={"w": 2, "x": 2})
    at_zero = {sp.Symbol("w_1"): 1, sp.Symbol("w_2"): 1, sp.Symbol("x_1"): 1}
    at_zero |= {sp.Symbol("x_2"): -1, b: 0}
    assert c.result.subs(at_zero) == sp.zeros(1, 2)


# ---------------------------------------------------------------------------------------------
# Random two-step compositions of the paper's functions agree with sympy


UNARY = ["sin({})", "exp({})", "({})^2", "3*{}", "{} + {}^3", "cos({})", "ln({}^2 + 1)"]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(UNARY), st.sampled_from(UNARY))
def test_random_single_variable_chains(inner, outer):
    c = mk.chain([("u", inner.format("x", "x")), ("y", outer.format("u", "u"))], "x")
    composed = mk.parse(outer.format(f"({inner.format('x', 'x')})", f"({inner.format('x', 'x')})"))
    assert c.rule == "single-variable"
    assert same(c.result, direct(composed, [x]))


# ---------------------------------------------------------------------------------------------
# Mistakes in the steps


@pytest.mark.parametrize(
    ("steps", "words"),
    [
        ([], "1 to 20 steps"),
        ([("u", "x^2"), ("u", "sin(u)")], "already"),
        ([("x", "x^2")], "already"),
        ([("u", "x + v"), ("v", "x^2")], "before it is defined"),
        ([("y", "x +")], "ends too early"),
    ],
)
def test_bad_steps_say_what_is_wrong(steps, words):
    with pytest.raises((ParseError, ValueError), match=words):
        mk.chain(steps, "x")
