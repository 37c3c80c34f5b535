"""Learner-facing text: numbers, typed formulas, shapes and the words of the two layouts.

Expected strings are written by hand from what a learner should read, not copied from the code.
"""

from __future__ import annotations

import pytest
import sympy as sp

from mathkit.text import (
    axis_meaning,
    counted,
    layout_reason,
    number,
    other_layout,
    per_axis,
    shape_words,
    shortened,
    text,
    typed,
)

x, y, z = sp.symbols("x y z")
x1, x2 = sp.symbols("x_1 x_2")


@pytest.mark.parametrize(
    ("value", "digits", "latex", "expected"),
    [
        (2.5, 4, False, "2.5"),
        (12, 4, False, "12"),
        (1 / 3, 4, False, "0.3333"),
        (-1 / 3, 4, False, "−0.3333"),  # a true minus sign, not a hyphen
        (-0.0, 4, False, "0"),  # never "−0"
        (0.0, 4, False, "0"),
        (1234567.0, 4, False, "1.235·10⁶"),
        (-0.000012345, 4, False, "−1.234·10⁻⁵"),
        (0.123456, 3, False, "0.123"),
        (-2.25, 3, False, "−2.25"),
        (1e-5, 4, True, r"1 \cdot 10^{-5}"),
        (-2.5, 4, True, "-2.5"),  # LaTeX sets its own minus
        (3.0, 4, True, "3"),
    ],
)
def test_number(value, digits, latex, expected):
    assert number(value, digits, latex=latex) == expected


def test_number_takes_numpy_and_sympy_numbers():
    np = pytest.importorskip("numpy")
    assert number(np.float64(0.5)) == "0.5"
    assert number(sp.Rational(1, 4)) == "0.25"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (3 * x**2 * y, "3*x^2*y"),
        (8 * y**7, "8*y^7"),
        (x ** sp.Rational(1, 2), "sqrt(x)"),
        (sp.Matrix([[2, 8 * y**7]]), "[[2, 8*y^7]]"),
        (sp.Matrix([[1, 0], [0, 1]]), "[[1, 0], [0, 1]]"),
        (sp.Matrix([[2 * x], [1]]), "[[2*x], [1]]"),
    ],
)
def test_typed_is_what_a_learner_types(expr, expected):
    assert typed(expr) == expected


def test_text_is_short_unicode():
    assert text(3 * x**2 * y) == "3x²y"
    assert text(8 * y**7) == "8y⁷"
    assert text(x1 * x2) == "x₁x₂"
    assert text(2 * x * sp.cos(x**2)) == "2x·cos(x²)"
    assert text(-x) == "-x"
    assert text(sp.Max(0, z)) == "max(0, z)"
    assert text(sp.Matrix([[1, x], [y, 2]])) == "[[1, x], [y, 2]]"
    assert text(x / 2) == "x/2"


def test_layout_words():
    assert other_layout("numerator") == "denominator"
    assert other_layout("denominator") == "numerator"
    assert axis_meaning("numerator") == ("function", "variable")
    assert axis_meaning("denominator") == ("variable", "function")
    assert per_axis("numerator") == "one row per function and one column per variable"
    assert per_axis("denominator") == "one row per variable and one column per function"
    assert per_axis("numerator", m=2, n=3) == (
        "one row per function (m = 2) and one column per variable (n = 3)"
    )
    assert layout_reason("denominator", 1, 3) == (
        "denominator layout has one row per variable (n = 3) and one column per function (m = 1)"
    )
    with pytest.raises(ValueError, match="layout"):
        other_layout("sideways")


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [(1, "function", "1 function"), (2, "function", "2 functions"), (0, "point", "0 points")],
)
def test_counted(count, word, expected):
    assert counted(count, word) == expected


def test_shape_words():
    assert shape_words((1, 1)) == "a single entry (1 × 1)"
    assert shape_words((1, 3)) == "a row (1 × 3)"
    assert shape_words((2, 1)) == "a column (2 × 1)"
    assert shape_words((2, 3)) == "a 2 × 3 matrix"


def test_shortened():
    assert shortened("short") == "short"
    long = "x + " * 100
    assert len(shortened(long)) == 40 and shortened(long).endswith("…")
