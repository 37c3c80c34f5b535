"""Property tests: random functions of random shapes vs finite differences and the shape rules."""

from hypothesis import HealthCheck, given, settings
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


def test_strategy_reaches_all_four_cases():
    seen = set()

    @settings(max_examples=80, deadline=None)
    @given(vector_functions())
    def collect(case):
        functions, variables = case
        seen.add(mk.shape_case(functions, variables).number)

    collect()
    assert seen == {1, 2, 3, 4}
