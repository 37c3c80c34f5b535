"""Property tests: random functions of random shapes vs finite differences and the shape rules."""

import pytest
from hypothesis import HealthCheck, assume, find, given, settings
from strategies import generous_api_budget, vector_functions  # noqa: F401

import mathkit as mk

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(vector_functions())
def test_jacobian_agrees_with_finite_differences(case):
    functions, variables = case
    result = mk.check_jacobian(functions, variables, n_points=2)
    assert result.ok, result


@SETTINGS
@given(vector_functions())
def test_denominator_is_numerator_transposed(case):
    functions, variables = case
    numerator = mk.jacobian(functions, variables)
    assert mk.jacobian(functions, variables, layout="denominator") == numerator.T


# The paper's four cases (§4.1, and its table in §4.5), keyed by what was typed: one formula or a
# list of them, one variable name or a list of them. Written from the paper, not from shapes.py.
PAPER_CASES = {
    ("one", "one"): 1,  # scalar f of a scalar x: a number
    ("one", "list"): 2,  # scalar f of a vector x: the gradient, a row
    ("list", "one"): 3,  # vector f of a scalar x: a column
    ("list", "list"): 4,  # vector f of a vector x: the full Jacobian
}


def typed(value: str | list[str]) -> tuple[str, int]:
    """("list", its length) or ("one", 1), from the generated input itself."""
    return ("list", len(value)) if isinstance(value, list) else ("one", 1)


@SETTINGS
@given(vector_functions())
def test_shape_matches_shape_case(case):
    functions, variables = case
    (f_typed, m), (x_typed, n) = typed(functions), typed(variables)
    found = mk.shape_case(functions, variables)
    assert found.number == PAPER_CASES[(f_typed, x_typed)]
    assert mk.jacobian(functions, variables).shape == (m, n) == found.jacobian_shape("numerator")
    assert mk.jacobian(functions, variables, "denominator").shape == (n, m)


@SETTINGS
@given(vector_functions())
def test_rows_are_the_gradients_of_each_function(case):
    functions, variables = case
    assume(isinstance(functions, list))
    J = mk.jacobian(functions, variables)
    for i, f in enumerate(functions):
        assert J.row(i) == mk.gradient(f, variables if isinstance(variables, list) else [variables])


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_strategy_reaches_every_shape_case(number):
    """The properties above hold in all four cases only if the strategy produces all four."""
    found = find(
        vector_functions(),
        lambda case: mk.shape_case(*case).number == number,
        settings=settings(max_examples=500, deadline=None, database=None),
    )
    assert mk.shape_case(*found).number == number
