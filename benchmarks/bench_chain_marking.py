"""Time of marking the chain rule's factors: the exercises' check and the stepper's try-it mode.

    .venv/bin/python benchmarks/bench_chain_marking.py             # 1 cold run per input
    .venv/bin/python benchmarks/bench_chain_marking.py --repeat 3  # the slowest of 3 cold runs

Inputs: the right answers, the slips and the adversarial lists of tests/test_chain_marking.py,
each through exercises.check (sympy's cache cleared before each call), and the stepper's
check_factors on the same factors. Both run within mathkit.budget's 1 s; the issue's target for
a chain stepper update is 100 ms. Prints p50, p95 and the worst time, and the slowest inputs.
No targets are asserted here.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sympy.core.cache import clear_cache  # noqa: E402
from test_chain_marking import ADVERSARIAL, RIGHT, SAME, WRONG  # noqa: E402

from mathkit.chain import chain  # noqa: E402
from mathkit.chain_steps import EXAMPLES, check_factors  # noqa: E402
from mathkit.exercises import check  # noqa: E402


def timed(fn, repeat: int) -> float:
    worst = 0.0
    for _ in range(repeat):
        clear_cache()
        start = time.perf_counter()
        fn()
        worst = max(worst, time.perf_counter() - start)
    return worst


def report(name: str, times: list[tuple[float, str]]) -> None:
    values = sorted(t for t, _ in times)
    p95 = values[min(len(values) - 1, int(0.95 * len(values)))]
    print(
        f"{name}: {len(values)} inputs, p50 {1000 * statistics.median(values):.0f} ms, "
        f"p95 {1000 * p95:.0f} ms, worst {1000 * values[-1]:.0f} ms"
    )
    for t, what in sorted(times, reverse=True)[:3]:
        print(f"    {1000 * t:6.0f} ms  {what[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    repeat = parser.parse_args().repeat
    answers = [*RIGHT, *[(k, a) for k, a, _, _ in WRONG]]
    answers += [("chain.sin_x2_factors", a) for a in ADVERSARIAL]
    exercise_times = [
        (timed(lambda k=k, a=a: check(k, a), repeat), f"{k}: {a}") for k, a in answers
    ]
    report("exercises.check", exercise_times)
    chains = {name: chain(steps, "x") for name, steps in EXAMPLES.items()}
    stepper_times = [
        (timed(lambda e=e, f=f: check_factors(chains[e], [*f, ""]), repeat), f"{e}: {f}")
        for e, _, f in SAME
    ]
    report("stepper check_factors", stepper_times)


if __name__ == "__main__":
    main()
