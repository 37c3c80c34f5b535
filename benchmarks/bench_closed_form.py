"""Time of a closed_form check (exercises.check) on the tables of tests/test_closed_form_marking.py
and the adversary table of tests/test_closed_form.py: p50, p95 and the worst, and the slowest
inputs. Every check runs within mathkit.budget's 1 s budget (a TooSlow is counted, not raised).

    .venv/bin/python benchmarks/bench_closed_form.py            # sympy's cache cleared each call
    .venv/bin/python benchmarks/bench_closed_form.py --warm     # cache kept (a learner's 2nd try)

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
from test_closed_form import ADVERSARY  # noqa: E402
from test_closed_form_marking import RIGHT_CASES, WRONG  # noqa: E402

from mathkit.budget import TooSlow  # noqa: E402
from mathkit.exercises import check  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", action="store_true", help="keep sympy's cache between calls")
    args = parser.parse_args()
    tables = {
        "right": RIGHT_CASES,
        "wrong": [(key, answer) for key, answer, *_ in WRONG],
        "adversary": [("elementwise.divide_dx", answer) for answer in ADVERSARY],
    }
    check("reductions.dot_dw", "xᵀ")  # imports and the exercise catalog, once
    slowest = []
    for name, cases in tables.items():
        times, too_slow = [], 0
        for key, answer in cases:
            if not args.warm:
                clear_cache()
            start = time.perf_counter()
            try:
                check(key, answer)
            except TooSlow:
                too_slow += 1
            elapsed = time.perf_counter() - start
            times.append(elapsed)
            slowest.append((elapsed, key, answer))
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(
            f"{name:10s} n={len(times):3d}  p50 {statistics.median(times) * 1000:6.1f} ms  "
            f"p95 {p95 * 1000:6.1f} ms  worst {times[-1] * 1000:6.1f} ms  TooSlow {too_slow}"
        )
    print("slowest:")
    for elapsed, key, answer in sorted(slowest, reverse=True)[:5]:
        print(f"  {elapsed * 1000:6.1f} ms  {key}  {answer[:40]!r}")


if __name__ == "__main__":
    main()
