"""mathkit.numeric against hand-derived values: points, grids, the neuron, the local linear map."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import expression_text

from mathkit import jacobian
from mathkit import numeric as N

x, y = sp.symbols("x y")


# ---------------------------------------------------------------------------------------------
# evaluate


def test_evaluate_matrix_keeps_shape_and_broadcasts_constants():
    M = sp.Matrix([[x * y, 2], [x**2, y]])
    X, Y = np.meshgrid([1.0, 2.0, 3.0], [0.5, 1.0])
    out = N.evaluate(M, "x y", X, Y)
    assert out.shape == (2, 2, 2, 3)
    np.testing.assert_allclose(out[0, 0], X * Y)
    np.testing.assert_allclose(out[0, 1], np.full_like(X, 2.0))  # a constant entry fills the grid
    np.testing.assert_allclose(out[1, 0], X**2)


@pytest.mark.parametrize(
    ("expr", "value", "expected"),
    [
        (sp.log(x), -1.0, np.nan),
        (sp.sqrt(x), -4.0, np.nan),  # not real: nan, never a complex number
        (1 / x, 0.0, np.inf),
        (sp.sqrt(x), 4.0, 2.0),
    ],
)
def test_evaluate_marks_undefined_values(expr, value, expected):
    got = N.evaluate(expr, "x", np.array([value]))[0]
    if np.isnan(expected):
        assert np.isnan(got)
    else:
        assert got == expected


def test_evaluate_rejects_wrong_number_of_coordinates():
    with pytest.raises(ValueError, match="need 2 coordinates"):
        N.evaluate(x + y, "x y", 1.0)


# ---------------------------------------------------------------------------------------------
# values at a point


def test_values_at_paper_jacobian():
    # f = [3x²y, 2x + y⁸] at (1, 2): f = [6, 258]; J = [[6xy, 3x²], [2, 8y⁷]] = [[12, 3], [2, 1024]]
    v = N.values_at("[3x^2 y, 2x + y^8]", "x y", (1.0, 2.0))
    np.testing.assert_allclose(v.f, [6.0, 258.0])
    np.testing.assert_allclose(v.jacobian, [[12.0, 3.0], [2.0, 1024.0]])
    assert v.point == (1.0, 2.0)


def test_jacobian_at_layouts_are_transposes():
    num = N.jacobian_at("[x*y, x + y, y^2]", "x y", (2.0, 3.0))
    den = N.jacobian_at("[x*y, x + y, y^2]", "x y", (2.0, 3.0), layout="denominator")
    np.testing.assert_allclose(num, [[3.0, 2.0], [1.0, 1.0], [0.0, 6.0]])
    np.testing.assert_allclose(den, num.T)


@pytest.mark.parametrize(
    ("f", "point", "words"),
    [
        ("ln(x)", (-1.0,), "not defined"),
        ("1/x", (0.0,), "infinite"),
        ("sqrt(x)", (0.0,), "derivative is not finite"),
        ("abs(x)", (0.0,), "corner"),
        ("relu(x)", (0.0,), "paper"),
        ("max(x, 1)", (1.0,), "corner"),
        ("sqrt(x^2)", (0.0,), "derivative is not finite"),  # |x| in disguise: 0/0 there
    ],
)
def test_values_at_refuses_points_without_a_derivative(f, point, words):
    with pytest.raises(N.PointError, match=words):
        N.values_at(f, "x", point)


def test_corner_at_is_none_away_from_corners():
    assert N.corner_at("abs(x) + relu(y) + max(x, y)", "x y", (0.5, 0.25)) is None
    assert N.corner_at("x^2", "x", (0.0,)) is None  # smooth: nothing to report


def test_check_at_agrees_and_disagrees():
    good = N.check_at("[x*y, sin(x)]", "x y", (0.3, -1.2))
    assert good.ok and good.max_error < 1e-8
    # claimed d/dx x² = 3x at x = 1: analytic 3, numeric 2, error |3 − 2| / max(1, 3) = 1/3
    bad = N.check_at("x^2", "x", (1.0,), J=sp.Matrix([[3 * x]]))
    assert not bad.ok
    assert bad.max_error == pytest.approx(1 / 3, rel=1e-6)
    np.testing.assert_allclose(bad.numeric[0], [[2.0]], rtol=1e-6)


# ---------------------------------------------------------------------------------------------
# grids


def test_gradient_on_grid_matches_hand_derivative():
    X, Y = N.grid((-1, 2, -1, 1), 5)
    U, V = N.gradient_on_grid("x^2 y", "x y", X, Y)  # ∇(x²y) = (2xy, x²)
    np.testing.assert_allclose(U, 2 * X * Y)
    np.testing.assert_allclose(V, X**2)
    np.testing.assert_allclose(N.function_on_grid("x^2 y", "x y", X, Y), X**2 * Y)


def test_grid_pictures_need_a_scalar_of_two_variables():
    X, Y = N.grid(n=3)
    with pytest.raises(ValueError, match="scalar function"):
        N.function_on_grid("[x, y]", "x y", X, Y)
    with pytest.raises(ValueError, match="exactly 2 variables"):
        N.gradient_on_grid("x", "x", X, Y)


@given(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
def test_level_tangent_is_a_unit_vector_perpendicular_to_the_gradient(gx, gy):
    t = N.level_tangent((gx, gy))
    if gx == 0 and gy == 0:
        assert t is None
    else:
        assert np.hypot(*t) == pytest.approx(1.0)
        assert abs(t @ np.array([gx, gy])) <= 1e-9 * max(1.0, abs(gx), abs(gy))


# ---------------------------------------------------------------------------------------------
# the neuron, against the paper's rule


def paper_rule(w, b, xs):
    """∂act/∂w = 0ᵀ if z ≤ 0 else xᵀ; ∂act/∂b = 0 if z ≤ 0 else 1 (the paper, section 6)."""
    z = sum(wi * xi for wi, xi in zip(w, xs, strict=True)) + b
    on = z > 0
    return z, max(0.0, z), [xi if on else 0.0 for xi in xs], 1.0 if on else 0.0


small = st.floats(-3, 3).map(lambda v: round(v, 2))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 3).flatmap(lambda n: st.tuples(*[st.tuples(small, small)] * n)), small)
def test_neuron_point_follows_the_paper(pairs, b):
    w = [p[0] for p in pairs]
    xs = [p[1] for p in pairs]
    z, act, d_w, d_b = paper_rule(w, b, xs)
    p = N.neuron_point(w, b, xs)
    assert p.z == pytest.approx(z)
    if abs(z) > 1e-9:  # away from the corner, where rounding could flip the side
        assert p.activation == pytest.approx(act)
        assert p.d_w.shape == (1, len(w))
        np.testing.assert_allclose(p.d_w[0], d_w)
        assert p.d_b == d_b


@pytest.mark.parametrize("n", [1, 2])
def test_neuron_at_the_corner_has_slope_zero(n):
    # z = w·x + b = 0 exactly: the paper takes 0 for both partials (sympy's Heaviside(0) is 1/2)
    p = N.neuron_point([1.0] * n, -float(n), [1.0] * n)
    assert p.z == 0.0 and p.activation == 0.0 and not p.active
    np.testing.assert_array_equal(p.d_w, np.zeros((1, n)))
    assert p.d_b == 0.0


def test_neuron_on_grid():
    X1, X2 = N.grid((-1, 1, -1, 1), 3)
    A = N.neuron_on_grid((2.0, -1.0), 0.5, X1, X2)
    np.testing.assert_allclose(A, np.maximum(0.0, 2 * X1 - X2 + 0.5))


def test_neuron_sizes_must_match():
    with pytest.raises(ValueError, match="same length"):
        N.neuron_point((1.0, 2.0), 0.0, (1.0,))


# ---------------------------------------------------------------------------------------------
# the local linear map


def test_square_is_closed_and_has_the_right_corners():
    sq = N.square((1.0, -1.0), 0.5, samples=4)
    assert sq.shape == (2, 17)
    np.testing.assert_allclose(sq[:, 0], sq[:, -1])
    assert sq[0].min() == pytest.approx(0.75) and sq[0].max() == pytest.approx(1.25)
    assert sq[1].min() == pytest.approx(-1.25) and sq[1].max() == pytest.approx(-0.75)


def test_grid_lines_cover_the_bounds():
    lines = N.grid_lines((0, 2, -1, 1), lines=3, samples=5)
    assert len(lines) == 6
    np.testing.assert_allclose(lines[0][0], 0.0)  # first vertical line at x = 0
    np.testing.assert_allclose(lines[3][1], -1.0)  # first horizontal line at y = −1


def test_linear_map_is_the_first_order_taylor_map():
    # F = [x², xy] at p = (1, 2): F(p) = (1, 2), J(p) = [[2, 0], [2, 1]]
    q = np.array([[1.5, 1.0], [2.0, 3.0]])
    got = N.linear_map("[x^2, x y]", "x y", (1.0, 2.0), q)
    expected = np.array([[1.0], [2.0]]) + np.array([[2.0, 0.0], [2.0, 1.0]]) @ (q - [[1.0], [2.0]])
    np.testing.assert_allclose(got, expected)


def test_linearization_gap_is_zero_for_affine_maps_and_quadratic_otherwise():
    assert N.linearization_gap("[2x + y + 1, x - 3y]", "x y", (0.3, -0.7), 0.8) < 1e-12
    gaps = [
        N.linearization_gap("[x + sin(y), y + sin(x)]", "x y", (1.0, -1.0), s) for s in (0.2, 0.1)
    ]
    assert gaps[0] / gaps[1] == pytest.approx(4.0, rel=0.05)


def test_plane_map_needs_two_by_two():
    with pytest.raises(ValueError, match="2 variables to 2 functions"):
        N.apply_map("[x, y, x y]", "x y", np.zeros((2, 1)))


def test_numeric_imports_no_ui():
    code = (
        "import sys, mathkit.numeric; "
        "print(any(m in sys.modules for m in ('matplotlib', 'ipywidgets')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# the fast compiler agrees with sympy.lambdify


# Inputs are 0 or at least 1e-6 in size (sliders move in steps of 0.01 or more): near 1e-156 the
# two write x/y² differently (x·y⁻² overflows to 0·inf = nan where -x/y² underflows to -0).
_INPUT = st.floats(-2.5, 2.5).filter(lambda v: v == 0 or abs(v) >= 1e-6)


@settings(max_examples=80, deadline=None)
@given(expression_text(), st.lists(_INPUT, min_size=8, max_size=8))
def test_compiled_functions_agree_with_lambdify(case, values):
    _, expr = case
    symbols = tuple(sorted(expr.free_symbols, key=str)) or (x,)
    exprs = (expr, *jacobian(expr, sp.Matrix(symbols)))  # derivatives bring sign, step, ...
    # abs(e^x) parses as exp(re(x)), whose derivative keeps an unevaluated Derivative(re(x), x):
    # lambdify itself cannot print that (a parser matter, reported), so there is nothing to compare
    assume(not any(e.has(sp.Derivative) for e in exprs))
    args = [np.array([v]) for v in values[: len(symbols)]]
    reference = sp.lambdify(symbols, list(exprs), modules="numpy")
    with np.errstate(all="ignore"):
        want = [np.broadcast_to(np.asarray(v, dtype=complex), (1,)) for v in reference(*args)]
    got = N._evaluate(exprs, symbols, args)
    if not np.isfinite(want[0]).all():  # f undefined there: derivatives may differ (nan or not)
        got, want = got[:1], want[:1]
    for g, w in zip(got, want, strict=True):
        real = np.where(np.abs(w.imag) <= 1e-12 * np.maximum(1, np.abs(w.real)), w.real, np.nan)
        np.testing.assert_allclose(g, real, rtol=1e-12, atol=1e-12, equal_nan=True)


# ---------------------------------------------------------------------------------------------
# issue 9 item 12: active or not is decided once, exactly, from the decimals the sliders show

slider = st.integers(-60, 60).map(lambda k: k * 0.05)  # what a 0.05-step slider on [−3, 3] gives


def exact(v: float) -> Fraction:
    return Fraction(str(v))  # the decimal shown on the slider


def test_the_corner_reachable_with_sliders_is_decided_as_the_paper_says():
    # −2.55·1.6 + 2.15·2.2 − 0.65 = −4.08 + 4.73 − 0.65 = 0 exactly; in floats 3.3e-16
    p = N.neuron_point((-2.55, 2.15), -0.65, (1.6, 2.2))
    assert p.z == 0.0 and not p.active and p.activation == 0.0
    np.testing.assert_array_equal(p.d_w, [[0.0, 0.0]])
    assert p.d_b == 0.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(slider, slider), min_size=1, max_size=2), slider)
def test_every_output_follows_one_exact_decision(pairs, b):
    w = [round(p[0], 2) for p in pairs]
    xs = [round(p[1], 2) for p in pairs]
    b = round(b, 2)
    z = sum(exact(wi) * exact(xi) for wi, xi in zip(w, xs, strict=True)) + exact(b)
    p = N.neuron_point(w, b, xs)
    on = z > 0  # the paper: slope 0 at z = 0
    assert p.active == on
    assert p.z == float(z)
    assert p.activation == (float(z) if on else 0.0)
    np.testing.assert_array_equal(p.d_w[0], [xi if on else 0.0 for xi in xs])
    assert p.d_b == (1.0 if on else 0.0)


# ---------------------------------------------------------------------------------------------
# issue 9 item 16: the transposed matrix in J's place leaves a gap that shrinks only linearly


def test_transposed_linear_map_misses_a_linear_map_by_the_antisymmetric_part():
    # F(q) = A q: F(q) − [F(p) + Aᵀ(q − p)] = (A − Aᵀ)(q − p); on the square of side s its
    # largest length is at a corner: (s/2) · max |(A − Aᵀ)(±1, ±1)|
    A = np.array([[1.0, 3.0], [-1.0, 2.0]])
    F = "[x + 3y, -x + 2y]"
    M = A - A.T
    for s in (0.8, 0.4, 0.2):
        want = s / 2 * max(np.hypot(*(M @ np.array(d))) for d in [(1, 1), (1, -1)])
        got = N.linearization_gap(F, "x y", (0.3, -0.2), s, matrix="transpose")
        assert got == pytest.approx(want, rel=1e-12)
        assert N.linearization_gap(F, "x y", (0.3, -0.2), s) < 1e-12


def test_gap_shrinks_quadratically_with_j_and_linearly_with_its_transpose():
    F = "[x + y^2, x^2 - y]"  # J = [[1, 2y], [2x, −1]] = [[1, 1], [2, −1]] at (1, 0.5)
    right = N.gap_shrinkage(F, "x y", (1.0, 0.5), 0.1)
    wrong = N.gap_shrinkage(F, "x y", (1.0, 0.5), 0.1, matrix="transpose")
    assert not right.symmetric and not wrong.symmetric
    assert right.ratio == pytest.approx(4.0, rel=0.05)
    assert wrong.ratio == pytest.approx(2.0, rel=0.1)
    assert wrong.gap > 10 * right.gap


def test_a_symmetric_jacobian_makes_the_transpose_harmless():
    s = N.gap_shrinkage("[x + sin(y), y + sin(x)]", "x y", (1.0, -1.0), 0.2, "transpose")
    assert s.symmetric  # J = [[1, cos y], [cos x, 1]] and cos(1) = cos(−1)
    assert s.ratio == pytest.approx(4.0, rel=0.05)


def test_matrix_must_be_named():
    with pytest.raises(ValueError, match="transpose"):
        N.linearization_gap("[x, y]", "x y", (0.0, 0.0), 0.1, matrix="J^T")


def test_one_output_is_not_plural():
    with pytest.raises(ValueError) as info:
        N.function_on_grid("[x]", "x y", *N.grid((0, 1, 0, 1), 2))
    assert "1 outputs" not in str(info.value) and "1 output" in str(info.value)
