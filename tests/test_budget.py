"""mathkit.budget: every budgeted call answers within its budget, on every platform strategy."""

from __future__ import annotations

import gc
import signal
import threading
import time

import pytest

from mathkit import budget


def spin():
    while True:
        time.sleep(0.001)


def test_in_the_main_thread_a_timer_stops_it_and_cleans_up():
    assert budget.strategy() == "alarm"
    assert budget.run_with_budget(sum, [1, 2], budget=1.0) == 3
    started = time.perf_counter()
    with pytest.raises(budget.TooSlow, match="over 0.05 s"):
        budget.run_with_budget(spin, budget=0.05)
    assert time.perf_counter() - started < 1.0
    with pytest.raises(ZeroDivisionError):
        budget.run_with_budget(lambda: 1 / 0, budget=1.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_elsewhere_a_worker_thread_is_stopped_and_replaced():
    outcome = {}

    def run():
        outcome["strategy"] = budget.strategy()
        outcome["value"] = budget.run_with_budget(sum, [1, 2], budget=1.0)
        try:
            budget.run_with_budget(spin, budget=0.05)
        except budget.TooSlow as exc:
            outcome["slow"] = str(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(5)
    assert outcome == {
        "strategy": "worker",
        "value": 3,
        "slow": "this took too long (over 0.05 s); try a simpler function",
    }
    assert budget.run_with_budget(sum, [4], budget=1.0) == 4


def test_a_programs_own_alarm_is_left_alone():
    def mine(signum, frame):
        raise AssertionError("the program's own alarm")

    signal.signal(signal.SIGALRM, mine)
    try:
        assert budget.strategy() == "worker"
        with pytest.raises(budget.TooSlow):
            budget.run_with_budget(spin, budget=0.05)
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def test_a_nested_call_runs_under_the_outer_budget():
    def inner():
        return budget.run_with_budget(spin, budget=10.0)  # must not get its own 10 s

    started = time.perf_counter()
    with pytest.raises(budget.TooSlow, match="over 0.1 s"):
        budget.run_with_budget(inner, budget=0.1)
    assert time.perf_counter() - started < 2.0


def test_within_budget_guards_a_public_entry(monkeypatch):
    monkeypatch.setattr(budget, "DEFAULT_BUDGET", 0.05)

    @budget.within_budget
    def slow(n):
        """Spins."""
        spin()

    assert slow.__doc__ == "Spins." and slow.__name__ == "slow"
    with pytest.raises(ValueError, match="too long"):  # TooSlow is a ValueError
        slow(1)


def test_without_timer_or_threads_the_call_runs_directly(monkeypatch):
    """Pyodide (JupyterLite) has neither setitimer nor threads: the call must still answer."""
    monkeypatch.setattr(budget.sys, "platform", "emscripten")
    monkeypatch.delattr(budget.signal, "setitimer")
    assert budget.strategy() == "none"
    started = threading.active_count()
    assert budget.run_with_budget(sum, [1, 2], budget=0.5) == 3
    with pytest.raises(ZeroDivisionError):
        budget.run_with_budget(lambda: 1 / 0, budget=0.5)
    assert threading.active_count() == started  # no thread was started


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with budget.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with budget.gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
