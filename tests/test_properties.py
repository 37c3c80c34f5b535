"""Property tests: random functions of random shapes vs finite differences and the shape rules."""

import pytest
from hypothesis import HealthCheck, find, given, settings
from strategies import vector_functions

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


@SETTINGS
@given(vector_functions())
def test_shape_matches_shape_case(case):
    functions, variables = case
    found = mk.shape_case(functions, variables)
    for layout in ("numerator", "denominator"):
        assert mk.jacobian(functions, variables, layout).shape == found.jacobian_shape(layout)
    is_vector_f = isinstance(functions, list)
    is_vector_x = isinstance(variables, list)
    assert found.number == 1 + is_vector_x + 2 * is_vector_f


@SETTINGS
@given(vector_functions())
def test_rows_are_the_gradients_of_each_function(case):
    functions, variables = case
    if not isinstance(functions, list):
        return
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
