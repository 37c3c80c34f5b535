"""Runs of one-letter variables read as their product where the variables are known (issue 9,
item 4): the paper writes 6yx, notebook 2 promises 6xy. References are sympy products."""

import itertools

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import generous_api_budget  # noqa: F401  (autouse)

from mathkit.parse import ParseError, parse, parse_matrix, parse_with_reading, reading

x, y, z, s, i, n, p = sympy.symbols("x y z s i n p")
alpha, beta, x1, w2 = sympy.symbols("alpha beta x_1 w_2")

PRODUCTS = [
    ("6xy", "x y", 6 * x * y),
    ("6yx", "x y", 6 * x * y),
    ("xy", "x, y", x * y),
    ("3x^2y + 6yx", "x y", 3 * x**2 * y + 6 * x * y),
    ("xyz - zyx", "x y z", sympy.Integer(0)),
    ("2xy^3", "x y", 2 * x * y**3),
    ("yx(x + 1)", "x y", None),  # `x(` is a call: refused with its own message
    ("αβ", "α β", alpha * beta),
    ("2πx", "x", 2 * sympy.pi * x),
    ("x1 + w2 + x1w2", "x1 w2", x1 + w2 + x1 * w2),  # numbered names given split too: x1·w2
    ("x12 + x1", "x1 w2", None),  # x12 is a name (x_12), not x1·2: not one of the variables
    ("x₁ + 2w_2", "x1 w2", x1 + 2 * w2),
]


@pytest.mark.parametrize(("text", "variables", "expected"), PRODUCTS)
def test_runs_of_known_one_letter_variables_are_products(text, variables, expected):
    if expected is None:
        with pytest.raises(ParseError):
            parse(text, variables)
    else:
        assert parse(text, variables) == expected


def test_matrix_answers_read_runs_too():
    expected = sympy.Matrix([[6 * x * y, 3 * x**2], [2, 8 * y**7]])
    assert parse_matrix("[[6yx, 3x^2], [2, 8y^7]]", "x y") == expected


@settings(max_examples=60, deadline=None)
@given(st.permutations("xyz"), st.integers(1, 3), st.integers(1, 9))
def test_any_order_of_any_known_letters_is_their_product(letters, length, coefficient):
    run = "".join(letters[:length])
    expected = coefficient * sympy.Mul(*(sympy.Symbol(c) for c in run))
    assert parse(f"{coefficient}{run}", "x y z") == expected


@pytest.mark.parametrize(
    ("text", "variables", "message"),
    [
        ("6xy", None, r"write x\*y"),  # no variables: today's hint
        ("sinx", "s i n x", r"write sin\(x\)"),  # a function name wins, never s·i·n·x
        ("xsin", "s i n x", "contains the name sin"),
        ("pix", "p i x", "contains the name pi"),
        ("sin x", "x", "`sin` needs brackets"),
        ("xz", "x y", "`z` in `xz` is not one of your variables"),
        ("mu", "m u", "not one of your variables"),  # the Greek name μ, not m·u
    ],
)
def test_ambiguous_or_unknown_runs_are_refused_with_help(text, variables, message):
    with pytest.raises(ParseError, match=message):
        parse(text, variables)


def test_sinx_is_never_silently_a_product():
    for variables in ("s i n x", "x s i n", ["s", "i", "n", "x"]):
        with pytest.raises(ParseError):
            parse("sinx", variables)


@pytest.mark.parametrize(
    ("text", "variables", "shown"),
    [
        ("6xy", "x y", "6·x·y"),
        ("6yx", "x y", "6·y·x"),
        ("3x^2 y + xyz", "x y z", "3·x^2·y + x·y·z"),
        ("[[6xy, 3x^2], [2, 8y^7]]", "x y", "[[6·x·y, 3·x^2], [2, 8·y^7]]"),
    ],
)
def test_the_reading_shows_every_product_without_a_sign(text, variables, shown):
    assert reading(text, variables) == shown
    if not text.startswith("[["):
        assert parse_with_reading(text, variables) == (parse(text, variables), shown)


@pytest.mark.parametrize(("text", "variables"), [("6x*y", "x y"), ("6x y", "x y"), ("2x", None)])
def test_nothing_to_echo_when_no_run_was_split(text, variables):
    assert reading(text, variables) is None


def test_the_reading_of_every_order_names_the_letters_in_that_order():
    for order in itertools.permutations("xyz"):
        run = "".join(order)
        assert reading(f"2{run}", "x y z") == "2·" + "·".join(order)
