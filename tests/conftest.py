"""Shared setup for the in-process tests.

The public entries (parse, jacobian, gradient, shape_case, check_jacobian) answer within
mathkit.budget's 1 s (issue 9, item 8). In-process tests check mathematics and messages, not the
clock: on a loaded machine a 0.2 s Jacobian can take over a second, and the budget would turn a
right answer into TooSlow. So they run with a generous budget; the 1 s contract itself is checked
where the clock is the point: the DoS table of tests/test_parse_security.py (a child process with
the real budget), tests/test_budget.py, and benchmarks/bench_api.py.
"""

import pytest

from mathkit import budget

IN_PROCESS_BUDGET = 30.0  # seconds: a bound on a hang, not a target


@pytest.fixture(autouse=True, scope="session")
def generous_api_budget():
    real = budget.DEFAULT_BUDGET
    budget.DEFAULT_BUDGET = IN_PROCESS_BUDGET
    yield
    budget.DEFAULT_BUDGET = real
