"""exercises.check is a public entry: it answers within mathkit.budget's 1 s (issue 9, item 8)."""

from __future__ import annotations

import time

import pytest
from strategies import generous_api_budget  # noqa: F401  (autouse)

from mathkit import budget
from mathkit.exercises import check
from mathkit.exercises.kinds.matrix import MatrixKind


def _spin_for(seconds: float):
    def judge(self, ex, value):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            time.sleep(0.001)
        return "not stopped"

    return judge


def test_a_slow_check_stops_at_the_budget(monkeypatch):
    spin = _spin_for(2.0)

    assert check("gradients.3x2y", "[6xy, 3x^2]").correct  # works with a budget
    monkeypatch.setattr(MatrixKind, "judge", spin)
    monkeypatch.setattr(budget, "DEFAULT_BUDGET", 0.05)
    with pytest.raises(budget.TooSlow):
        check("gradients.3x2y", "[6xy, 3x^2]")


def test_inside_another_budget_the_check_shares_it(monkeypatch):
    spin = _spin_for(2.0)

    monkeypatch.setattr(MatrixKind, "judge", spin)
    start = time.perf_counter()
    with pytest.raises(budget.TooSlow) as stopped:
        budget.run_with_budget(check, "gradients.3x2y", "[6xy, 3x^2]", budget=0.05)
    assert stopped.value.budget == 0.05 and time.perf_counter() - start < 5
