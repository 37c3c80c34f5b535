"""mathkit.neuron against hand-derived values, central differences of the loss, and sympy."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mathkit import jacobian, neuron

HALF = Fraction(1, 2)


# ---------------------------------------------------------------------------------------------
# The mixed case (one sample active, one not) and an all-active case, by hand


def test_mixed_case_keeps_the_case_inside_the_sum():
    # z_1 = 2 - 1 + 1/2 = 3/2 > 0 (active, e_1 = 1/2), z_2 = -1 - 3 + 1/2 = -7/2 (inactive).
    # dC/dw = (2/2) * e_1 * x_1ᵀ = 1/2 * [2, 1] = [1, 1/2];  dC/db = e_1 = 1/2.
    g = neuron.loss_gradient([[2, 1], [-1, 3]], [1, 0], [1, -1], HALF)
    assert g.dw == sp.Matrix([[1, sp.Rational(1, 2)]])
    assert g.db == sp.Rational(1, 2)
    assert g.errors == (sp.Rational(1, 2), sp.Rational(-7, 2))
    assert g.active == (True, False)
    # the condition pulled outside the sum would give these:
    assert g.dw != sp.Matrix([[sp.Rational(9, 2), -10]]) and g.db != -3


def test_all_active_case():
    # z = [1 + 4, 3 + 2] = [5, 5]; e = [4, 3]; dC/dw = (2/2)(4 [1, 2] + 3 [3, 1]) = [13, 11]; db = 7
    g = neuron.loss_gradient([[1, 2], [3, 1]], [1, 2], [1, 2], 0)
    assert g.dw == sp.Matrix([[13, 11]]) and g.db == 7
    assert g.active == (True, True)
    assert neuron.loss([[1, 2], [3, 1]], [1, 2], [1, 2], 0) == sp.Rational(16 + 9, 2)


def test_the_case_pulled_outside_the_sum_counts_every_sample():
    # By hand: every sample counted, e = [1/2, -7/2]; dC/dw = (2/2)(1/2 [2, 1] - 7/2 [-1, 3])
    # = [1 + 7/2, 1/2 - 21/2] = [9/2, -10]; dC/db = 1/2 - 7/2 = -3 (the wrong answer).
    X, y, w = [[2, 1], [-1, 3]], [1, 0], [1, -1]
    wrong = neuron.loss_gradient_case_outside(X, y, w, HALF)
    assert wrong.dw == sp.Matrix([[sp.Rational(9, 2), -10]]) and wrong.db == -3
    assert wrong.active == (True, False)  # the samples that really are active
    floats = neuron.loss_gradient_case_outside(X, y, [1.0, -1.0], 0.5)
    assert floats.dw.tolist() == [[4.5, -10.0]] and floats.db == -3.0
    # With every sample active the two versions agree (the all-active case above, by hand).
    both = [neuron.loss_gradient([[1, 2], [3, 1]], [1, 2], [1, 2], 0)]
    both.append(neuron.loss_gradient_case_outside([[1, 2], [3, 1]], [1, 2], [1, 2], 0))
    assert both[0].dw == both[1].dw == sp.Matrix([[13, 11]]) and both[0].db == both[1].db == 7


def test_no_sample_active_gives_zero_gradient():
    g = neuron.loss_gradient([[1, 1], [2, 0]], [3, 1], [-1, -1], 0)
    assert g.dw == sp.zeros(1, 2) and g.db == 0 and g.active == (False, False)


def test_exact_in_exact_out_and_floats_give_floats():
    exact = neuron.loss_gradient([[2, 1], [-1, 3]], [1, 0], [1, -1], HALF)
    assert all(isinstance(v, sp.Rational) for v in [*exact.dw, exact.db])
    floats = neuron.loss_gradient([[2.0, 1], [-1, 3]], [1, 0], [1, -1], 0.5)
    assert isinstance(floats.dw, np.ndarray) and floats.dw.shape == (1, 2)
    assert isinstance(floats.db, float)
    np.testing.assert_allclose(floats.dw, [[1.0, 0.5]])
    assert isinstance(neuron.loss([[2]], [1], [1], 0), sp.Rational)
    assert isinstance(neuron.loss([[2.0]], [1], [1], 0), float)


def test_sympy_numbers_and_fractions_are_exact():
    g = neuron.loss_gradient([[2, 1], [-1, 3]], [1, 0], [sp.Integer(1), -1], sp.Rational(1, 2))
    assert g.dw == sp.Matrix([[1, sp.Rational(1, 2)]])


# ---------------------------------------------------------------------------------------------
# The activation and its gradient


def test_activation_and_gradient_on_both_sides_and_at_zero():
    assert neuron.activation([2, -1], HALF, [1, 1]) == sp.Rational(3, 2)
    assert neuron.activation([2, -1], HALF, [1, 3]) == 0
    assert neuron.activation_gradient([2, -1], HALF, [1, 1]) == (sp.Matrix([[1, 1]]), 1)
    assert neuron.activation_gradient([2, -1], HALF, [1, 3]) == (sp.zeros(1, 2), 0)
    # z = 1 - 1 + 0 = 0: the paper's slope 0, not sympy's Heaviside(0) = 1/2
    assert neuron.activation_gradient([1, 1], 0, [1, -1]) == (sp.zeros(1, 2), 0)
    dw, db = neuron.activation_gradient([1.0, 1.0], 0.0, [1.0, -1.0])
    assert dw.tolist() == [[0.0, 0.0]] and db == 0.0


def test_activation_gradient_shape_is_a_row():
    dw, _ = neuron.activation_gradient([1, 2, 3], 1, [1, 1, 1])
    assert dw.shape == (1, 3) and dw == sp.Matrix([[1, 1, 1]])


# ---------------------------------------------------------------------------------------------
# Symbolic: the expanded loss, differentiated by jacobian, gives the same numbers


def test_expanded_loss_gradient_matches_loss_gradient():
    X, y, w, b = [[2, 1], [-1, 3], [1, 1]], [1, 0, 2], [1, -1], HALF
    C = neuron.expanded_loss(X, y)
    w1, w2, bb = sp.symbols("w_1 w_2 b")
    expected = jacobian(C, [w1, w2, bb]).subs({w1: 1, w2: -1, bb: sp.Rational(1, 2)})
    g = neuron.loss_gradient(X, y, w, b)
    assert sp.Matrix([[*g.dw, g.db]]) == expected
    assert C.subs({w1: 1, w2: -1, bb: sp.Rational(1, 2)}) == neuron.loss(X, y, w, b)


def test_formulas_come_from_jacobian():
    f = neuron.formulas(3)
    assert f.d_loss_dw.shape == (1, 3) and f.d_act_dw.shape == (1, 3)
    assert f.d_loss_dw == jacobian(f.sample_loss, f.w)


# ---------------------------------------------------------------------------------------------
# Central differences of neuron.loss, at points away from z = 0


def _central_differences(X, y, w, b, h=1e-6):
    def C(w, b):
        return neuron.loss(X, y, w, b)

    dw = [(C(w + h * e, b) - C(w - h * e, b)) / (2 * h) for e in np.eye(len(w))]
    return np.array([dw]), (C(w, b + h) - C(w, b - h)) / (2 * h)


def _away_from_corners(X, w, b, margin=1e-3):
    return np.all(np.abs(np.asarray(X) @ w + b) > margin)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(st.floats(-3, 3, allow_nan=False), min_size=n, max_size=n),
                min_size=1,
                max_size=6,
            ),
            st.lists(st.floats(-3, 3, allow_nan=False), min_size=n, max_size=n),
        )
    ),
    st.floats(-2, 2),
    st.data(),
)
def test_loss_gradient_matches_central_differences(Xw, b, data):
    X, w = Xw
    y = data.draw(st.lists(st.floats(-3, 3), min_size=len(X), max_size=len(X)))
    X, w = np.array(X), np.array(w)
    assume(_away_from_corners(X, w, b, margin=1e-2))
    g = neuron.loss_gradient(X, y, w, b)
    dw, db = _central_differences(X, y, w, b)
    np.testing.assert_allclose(g.dw, dw, atol=1e-5)
    assert abs(g.db - db) < 1e-5


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.integers(-4, 4), min_size=2, max_size=2), min_size=1, max_size=5),
    st.lists(st.integers(-3, 3), min_size=2, max_size=2),
    st.fractions(-3, 3, max_denominator=4),
    st.data(),
)
def test_exact_and_float_agree(X, w, b, data):
    y = data.draw(st.lists(st.integers(-3, 3), min_size=len(X), max_size=len(X)))
    exact = neuron.loss_gradient(X, y, w, b)
    floats = neuron.loss_gradient(np.array(X, float), y, np.array(w, float), float(b))
    np.testing.assert_allclose(floats.dw, np.array(exact.dw, dtype=float), atol=1e-12)
    assert abs(floats.db - float(exact.db)) < 1e-12
    assert tuple(floats.active.tolist()) == exact.active
    assert abs(neuron.loss(X, y, w, float(b)) - float(neuron.loss(X, y, w, b))) < 1e-12


def test_the_mixed_case_against_central_differences():
    X, y, w, b = np.array([[2.0, 1.0], [-1.0, 3.0]]), [1.0, 0.0], np.array([1.0, -1.0]), 0.5
    dw, db = _central_differences(X, y, w, b)
    np.testing.assert_allclose(dw, [[1.0, 0.5]], atol=1e-6)
    assert abs(db - 0.5) < 1e-6


# ---------------------------------------------------------------------------------------------
# Training


def test_training_lowers_the_loss_and_records_every_step():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 3.0
    history = neuron.train(X, y, [0.1, 0.1, 0.1], 1.0, rate=0.05, steps=100)
    assert len(history) == 100
    losses = [C for _, _, C in history]
    assert losses[-1] < losses[0] / 10
    w, b, cost = history[-1]
    assert cost == pytest.approx(neuron.loss(X, y, np.array(w), b))


def test_one_exact_step_by_hand():
    # X = [[1], [2]], y = [2, 4], w = [0], b = 1: z = [1, 1], e = [-1, -3]
    # dC/dw = (2/2)(-1*1 - 3*2) = -7, dC/db = -4; with rate 1/10: w = 7/10, b = 7/5
    ((w, b, cost),) = neuron.train([[1], [2]], [2, 4], [0], 1, rate=Fraction(1, 10), steps=1)
    assert w == (sp.Rational(7, 10),) and b == sp.Rational(7, 5)
    # z = [21/10, 28/10], errors [1/10, -12/10]: C = (1/100 + 144/100) / 2
    assert cost == sp.Rational(145, 200)


def test_a_float_rate_trains_in_floats():
    ((w, b, C),) = neuron.train([[1], [2]], [2, 4], [0], 1, rate=0.1, steps=1)
    assert w == pytest.approx((0.7,)) and b == pytest.approx(1.4) and isinstance(C, float)


# ---------------------------------------------------------------------------------------------
# Bad input says what is wrong


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (([[1, 2], [3]], [1, 2], [1, 1], 0), "same number of features"),
        (([[1, 2]], [1, 2], [1, 1], 0), "1 samples but y has 2"),
        (([[1, 2]], [1], [1], 0), "one weight per feature"),
        (([], [], [1], 0), "at least one sample"),
        (([["a", 2]], [1], [1, 1], 0), "expected a number"),
    ],
)
def test_bad_input_is_refused_with_a_reason(args, words):
    with pytest.raises((ValueError, TypeError), match=words):
        neuron.loss_gradient(*args)


def test_too_many_features_says_the_limit():
    with pytest.raises(ValueError, match="1 to 20 inputs"):
        neuron.formulas(21)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda n: st.tuples(
            st.lists(st.floats(-3, 3), min_size=n, max_size=n),
            st.lists(st.floats(-3, 3), min_size=n, max_size=n),
        )
    ),
    st.floats(-2, 2),
)
def test_activation_agrees_with_the_numeric_neuron(wx, b):
    from mathkit import numeric

    w, x = wx
    assume(abs(np.dot(w, x) + b) > 1e-9)  # no rounding flips the case between the two sums
    point = numeric.neuron_point(w, b, x)
    dw, db = neuron.activation_gradient(w, b, x)
    assert neuron.activation(w, b, x) == pytest.approx(point.activation)
    np.testing.assert_allclose(dw, point.d_w)
    assert db == point.d_b
