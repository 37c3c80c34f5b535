"""The paper's own examples, with results derived by hand, in both layouts and all four cases."""

import pytest
import sympy as sp
from strategies import generous_api_budget  # noqa: F401  (autouse)

import mathkit as mk

x, y, t, b = sp.symbols("x y t b")
x1, x2, x3, w1, w2 = sp.symbols("x_1 x_2 x_3 w_1 w_2")

# (functions, variables, hand-derived numerator-layout Jacobian, shape case)
PAPER = [
    ("x^2", "x", sp.Matrix([[2 * x]]), 1),
    ("sin(x^2)", "x", sp.Matrix([[2 * x * sp.cos(x**2)]]), 1),
    ("3x^2 y", "x y", sp.Matrix([[6 * x * y, 3 * x**2]]), 2),
    ("10 x^2 y^2", "x, y", sp.Matrix([[20 * x * y**2, 20 * x**2 * y]]), 2),
    ("2x + y^8", "x y", sp.Matrix([[2, 8 * y**7]]), 2),
    ("x1 + x2 + x3", "x1 x2 x3", sp.Matrix([[1, 1, 1]]), 2),
    ("[cos(t), sin(t)]", "t", sp.Matrix([[-sp.sin(t)], [sp.cos(t)]]), 3),
    ("[3*x**2*y, 2*x + y**8]", "x y", sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]]), 4),
    ("[x1, x2, x3]", "x1 x2 x3", sp.eye(3), 4),
    (
        "[x1^2, x1*x2*x3, sin(x3)]",
        "x_1 x_2 x_3",
        sp.Matrix([[2 * x1, 0, 0], [x2 * x3, x1 * x3, x1 * x2], [0, 0, sp.cos(x3)]]),
        4,
    ),
    ("[x + sin(y), y + sin(x)]", "x y", sp.Matrix([[1, sp.cos(y)], [sp.cos(x), 1]]), 4),
]


@pytest.mark.parametrize("functions, variables, expected, case", PAPER)
def test_numerator_layout_matches_hand_derivation(functions, variables, expected, case):
    assert mk.jacobian(functions, variables) == expected


@pytest.mark.parametrize("functions, variables, expected, case", PAPER)
def test_denominator_layout_is_the_transpose(functions, variables, expected, case):
    assert mk.jacobian(functions, variables, layout="denominator") == expected.T


@pytest.mark.parametrize("functions, variables, expected, case", PAPER)
def test_shape_case_and_shapes(functions, variables, expected, case):
    found = mk.shape_case(functions, variables)
    assert found.number == case
    assert found.jacobian_shape("numerator") == expected.shape
    assert found.jacobian_shape("denominator") == expected.T.shape
    assert f"Case {case}" in found.explanation


@pytest.mark.parametrize("functions, variables, expected, case", PAPER)
def test_finite_differences_agree(functions, variables, expected, case):
    result = mk.check_jacobian(functions, variables)
    assert result.ok, result


def test_the_issue_example_exactly():
    f = mk.parse("[3*x**2*y, 2*x + y**8]")
    assert f.shape == (2, 1)
    assert mk.jacobian(f, "x y") == sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]])


def test_inputs_in_every_accepted_form_agree():
    expected = sp.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]])
    forms_of_f = [
        "[3x^2 y, 2x + y^8]",
        [3 * x**2 * y, 2 * x + y**8],
        ("3*x**2*y", "2*x + y**8"),
        sp.Matrix([[3 * x**2 * y, 2 * x + y**8]]),  # a row Matrix is a vector function too
        sp.Matrix([3 * x**2 * y, 2 * x + y**8]),
    ]
    forms_of_x = ["x y", "x, y", [x, y], sp.Matrix([x, y])]
    for f in forms_of_f:
        for wrt in forms_of_x:
            assert mk.jacobian(f, wrt) == expected, (f, wrt)


def test_gradient_shapes_in_both_layouts():
    assert mk.gradient("3x^2 y", "x y") == sp.Matrix([[6 * x * y, 3 * x**2]])
    assert mk.gradient("3x^2 y", "x y", layout="denominator") == sp.Matrix(
        [[6 * x * y], [3 * x**2]]
    )
    assert mk.gradient(x**2, x).shape == (1, 1)


def test_gradient_of_a_vector_function_says_to_use_jacobian():
    with pytest.raises(ValueError, match="(?i)jacobian"):
        mk.gradient("[x, y]", "x y")


@pytest.mark.parametrize("f", ["[x]", "[x, y]", ["x*y"]])
def test_gradient_of_a_vector_names_its_outputs_in_good_english(f):
    with pytest.raises(ValueError) as error:
        mk.gradient(f, "x y")
    assert " 1 outputs" not in str(error.value)
    assert "jacobian(" not in str(error.value)  # no Python call in a message a widget may show


def test_unknown_layout_is_rejected():
    with pytest.raises(ValueError, match="numerator"):
        mk.jacobian("x", "x", layout="row")


def test_scalar_and_vector_kinds():
    assert (mk.shape_case("x", "x").f_kind, mk.shape_case("x", "x").x_kind) == ("scalar", "scalar")
    one_function_vector = mk.shape_case(["x*y"], "x y")
    assert (one_function_vector.number, one_function_vector.m) == (4, 1)
    assert mk.shape_case("x*y", [x]).x_kind == "vector"
    assert mk.shape_case("x*y", x).x_kind == "scalar"


def test_relu_follows_the_paper_including_at_zero():
    """∂/∂w max(0, w·x + b) = xᵀ if z > 0, else 0ᵀ; ∂/∂b = 1 if z > 0, else 0 (so 0 at z = 0)."""
    J = mk.jacobian("max(0, w1*x1 + w2*x2 + b)", "w1 w2 b")
    active = {x1: 1, x2: 2, w1: 1, w2: 1, b: 0}  # z = 3
    inactive = {x1: 1, x2: 2, w1: -1, w2: -1, b: 0}  # z = -3
    kink = {x1: 1, x2: 2, w1: 1, w2: -1, b: 1}  # z = 0
    assert J.subs(active) == sp.Matrix([[1, 2, 1]])
    assert J.subs(inactive) == sp.Matrix([[0, 0, 0]])
    assert J.subs(kink) == sp.Matrix([[0, 0, 0]])


def test_relu_spelled_three_ways_has_the_same_derivative():
    z = sp.Symbol("z")
    expected = sp.Matrix([[sp.Heaviside(z, 0)]])
    for text in ("relu(z)", "max(0, z)", "max(z, 0)"):
        assert mk.jacobian(text, "z") == expected


def test_abs_derivative_is_the_sign():
    assert mk.jacobian("abs(x)", "x") == sp.Matrix([[sp.sign(x)]])


def test_check_jacobian_catches_a_wrong_jacobian_and_shows_both():
    wrong = sp.Matrix([[6 * x * y, 3 * x**2], [2, 7 * y**7]])
    result = mk.check_jacobian("[3x^2 y, 2x + y^8]", "x y", J=wrong)
    assert not result.ok and result.max_error > 0.1
    text = repr(result)
    assert "analytic" in text and "numeric" in text and "✗" in text


def test_check_jacobian_uses_given_points():
    result = mk.check_jacobian("x*y", "x y", points=[(1.0, 2.0), (3.0, -1.0)])
    assert result.points == [(1.0, 2.0), (3.0, -1.0)]
    assert [a.tolist() for a in result.analytic] == [[[2.0, 1.0]], [[-1.0, 3.0]]]


def test_check_jacobian_stays_inside_the_domain():
    result = mk.check_jacobian("ln(x) + sqrt(y)", "x y")
    assert result.ok and all(p[0] > 0 and p[1] > 0 for p in result.points)


def test_relu_check_agrees_away_from_the_kink():
    assert mk.check_jacobian("relu(w1*x1 + w2*x2 + b)", "w1 w2 b x1 x2", n_points=10).ok


def test_check_rejects_a_jacobian_of_the_wrong_shape():
    with pytest.raises(ValueError, match="numerator layout"):
        mk.check_jacobian("[x, y]", "x y", J=sp.eye(3))


def test_examples_catalog_cases_match_shape_case():
    for e in mk.examples.CATALOG:
        assert mk.shape_case(e.f, e.x).number == e.case, e.key
        assert len(e.point) == len(mk.parse_variables(e.variables)), e.key


def test_check_holds_other_symbols_constant():
    """∂/∂w of the neuron: x₁ and x₂ are not variables, so they are held at random constants."""
    result = mk.check_jacobian("max(0, w1*x1 + w2*x2 + b)", "w1 w2 b", n_points=6)
    assert result.ok, result
    assert set(result.constants) == {"x_1", "x_2"}
    assert "held constant" in repr(result)
    wrong = sp.Matrix([[x1, x1, 1]]) * sp.Heaviside(w1 * x1 + w2 * x2 + b, 0)
    assert not mk.check_jacobian("max(0, w1*x1 + w2*x2 + b)", "w1 w2 b", J=wrong).ok


def test_formulas_name_the_variables_layout_and_shape():
    z = mk.show_jacobian("max(0, z)", "z", f_name="a")
    assert z.text.startswith("∂a/∂z") and "(1 × 1, numerator layout)" in z.text
    assert r"\frac{\partial a}{\partial z}" in z.latex
    w = mk.show_jacobian("w1*x1 + w2*x2 + b", "w1 w2", "denominator", f_name="z", x_name="w")
    assert r"\partial \mathbf{w}" in w.latex and "(2 × 1, denominator layout)" in w.text
    assert w._repr_latex_().startswith("$")


def test_objects_that_are_not_math_are_refused_not_evaluated(tmp_path):
    """Older sympy fell back to str() and eval for unknown objects; strict sympify refuses them."""
    sentinel = tmp_path / "ran"

    class Sneaky:
        def __str__(self):
            return f"__import__('pathlib').Path({str(sentinel)!r}).touch()"

    for f in ([Sneaky()], Sneaky()):
        with pytest.raises(ValueError):
            mk.jacobian(f, "x")
    assert not sentinel.exists()


# Issue 9, item 9: a given Symbol is the one differentiated, whatever its assumptions.
@pytest.mark.parametrize(
    ("assumptions"), [{"real": True}, {"positive": True}, {"integer": True}, {}]
)
def test_a_given_symbol_is_the_one_differentiated(assumptions):
    xr = sp.Symbol("x", **assumptions)
    assert mk.jacobian("x^2", xr) == sp.Matrix([[2 * xr]])
    assert mk.gradient("x^2 y", [xr, "y"]) == sp.Matrix([[2 * xr * y, xr**2]])
    assert mk.jacobian(x**3, xr) == sp.Matrix([[3 * xr**2]])  # an expression in plain x too


def test_a_given_numbered_symbol_is_matched_by_the_name_a_learner_types():
    x1r = sp.Symbol("x1", real=True)  # typed x1, x_1 or x₁
    assert mk.jacobian("x_1^2 + x₁", [x1r]) == sp.Matrix([[2 * x1r + 1]])


def test_other_symbols_stay_constants():
    xr = sp.Symbol("x", real=True)
    assert mk.jacobian("a x^2", xr) == sp.Matrix([[2 * sp.Symbol("a") * xr]])


# Issue 9, item 10: brackets make the variables a vector, as they make f a vector.
@pytest.mark.parametrize(
    ("f", "wrt", "case", "shape"),
    [
        ("x^2", "[x]", 2, (1, 1)),
        ("[x^2]", "x", 3, (1, 1)),
        ("[x^2]", "[x]", 4, (1, 1)),
        ("x^2", "x", 1, (1, 1)),
        ("x^2", " [ x ] ", 2, (1, 1)),
    ],
)
def test_brackets_make_a_vector_on_either_side(f, wrt, case, shape):
    found = mk.shape_case(f, wrt)
    assert (found.number, found.jacobian_shape()) == (case, shape)


# Issue 9, item 8: every public entry answers within its budget, and never with a raw exception.
ENTRIES = {
    "parse": lambda: mk.parse("sin(x)^2 + 3x^2 y"),
    "parse_matrix": lambda: mk.parse_matrix("[[x, y], [y, x]]"),
    "jacobian": lambda: mk.jacobian("[sin(x) y, x^2]", "x y"),
    "gradient": lambda: mk.gradient("sin(x) y", "x y"),
    "shape_case": lambda: mk.shape_case("[sin(x) y, x^2]", "x y"),
    "check_jacobian": lambda: mk.check_jacobian("sin(x) y", "x y"),
}


@pytest.mark.parametrize("entry", ENTRIES)
def test_public_entries_keep_to_the_budget(entry, monkeypatch):
    """With no time at all, each entry gives up with TooSlow (a ValueError) instead of working."""
    from mathkit import budget

    ENTRIES[entry]()  # works with the real budget
    monkeypatch.setattr(budget, "DEFAULT_BUDGET", 1e-9)
    sp.core.cache.clear_cache()
    with pytest.raises(budget.TooSlow):
        for _ in range(1000):  # each call is a fresh budget: one of them is caught by it
            ENTRIES[entry]()


def test_a_formula_too_deep_for_sympy_is_a_value_error():
    deep = x
    for _ in range(1000):
        deep = sp.sin(deep, evaluate=False)
    with pytest.raises(ValueError, match="nested too deeply"):
        mk.jacobian(deep, x)


def test_symbols_with_names_no_learner_types_are_still_differentiated():
    odd = sp.Symbol("x'", real=True)
    assert mk.jacobian(odd**2, sp.Matrix([odd])) == sp.Matrix([[2 * odd]])
    assert mk.jacobian(sp.Symbol("x'") ** 2, sp.Matrix([odd])) == sp.Matrix([[2 * odd]])
