"""How long checking takes: an exercise answer (mathkit.exercises.check) and mk.check_jacobian.

    .venv/bin/python benchmarks/bench_check.py             # 3 timed cold runs per input
    .venv/bin/python benchmarks/bench_check.py --repeat 5

Inputs: the must-refuse and must-accept tables of tests/test_equivalence.py (kinks beyond the old
sample box, cancellation), the corner table of tests/test_check.py, and the heavy answers below
(many corners, nested relu, products of relu, cancellation against (x + y + 1)^100). Each time
is the slowest of ``repeat`` runs with sympy's cache cleared. For an exercise answer the parse
time is printed beside the whole check, so the share of the parser (mathkit.parse) and of the
judging (mathkit.equivalence, mathkit.mistakes) can be told apart. The target is the 1 s budget
of mathkit.budget.DEFAULT_BUDGET for the whole check; no assertion here, only figures.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sympy.core.cache import clear_cache  # noqa: E402
from test_check import CORNERED  # noqa: E402
from test_equivalence import RIGHT_IN_ANOTHER_FORM, WRONG_BY_A_KINK  # noqa: E402

import mathkit as mk  # noqa: E402
from mathkit.budget import DEFAULT_BUDGET  # noqa: E402
from mathkit.exercises import check, exercise  # noqa: E402
from mathkit.parse import parse  # noqa: E402


def _nest(fn: str, args: list[str]) -> str:
    out = args[-1]
    for a in reversed(args[:-1]):
        out = f"{fn}({a}, {out})"
    return out


_LINES_X = [f"{k}x - {k * k}" for k in range(1, 9)]
_LINES_XY = [f"{k}x + {9 - k}y - {k}" for k in range(1, 9)]

HEAVY_ANSWERS = [  # answers to ∂/∂y of 3x²y (right: 3x²)
    "3x^2 + (sin(x)^2 + cos(x)^2 - 1)(x + y + 1)^100",
    "3x^2 + (sin(x)^2 + cos(x)^2 - 1)(x + y + 1)^100 (x + 2)^100",
    "3x^2 + relu(x - 1000) + (sin(x)^2 + cos(x)^2 - 1)(x + y + 1)^100 (x + y + 1)^100",
    "3x^2 + relu(x - 1000) - relu(1000 - x) - x + 1000 + (sin(x)^2 + cos(x)^2 - 1)(x + y + 1)^100",
    "3x^2 + (sin(x + y)^2 + cos(x + y)^2 - 1)(x^2 + y^2 + 1)^50 relu(x - y)",
    "3x^2 + " + _nest("max", _LINES_X),
    "3x^2 + " + _nest("max", _LINES_XY) + " - " + _nest("max", _LINES_XY[::-1]),
    "3x^2 + " + _nest("min", _LINES_XY) + " + " + _nest("max", _LINES_X),
    "3x^2 + " + " + ".join(f"relu({k}x - {k}y - {k})" for k in range(1, 15)),
    "3x^2 + " + " ".join(f"relu(x y - {k})" for k in range(1, 8)),
    "3x^2 + relu(relu(relu(relu(relu(relu(relu(x - 1) - 1) - 1) - 1) - 1) - 1) - 1)",
    "3x^2 + relu(x^8 - 3x^5 + x - 7)",
    "3x^2 + abs(x - 1) abs(x - 2) abs(x - 3) abs(y - 4) abs(y - 5) abs(y - 6)",
    "3x^2 + sigmoid(sigmoid(sigmoid(x y))) - sigmoid(sigmoid(sigmoid(y x)))",
]

MATRIX_ANSWERS = [  # answers to the paper's Jacobian (right: [[6xy, 3x²], [2, 8y⁷]])
    "[[6x y, 3x^2], [2, 8y^7 + relu(y - 2)]]",
    "[[6x y + relu(x - 1000), 3x^2 + relu(-y - 1000)], [2 + abs(x - 5) - (x - 5), 8y^7]]",
    "[[6x y + (sin(x)^2 + cos(x)^2 - 1)(x + y + 1)^60, 3x^2], [2, 8y^7]]",
    "[[6x y, 3x^2], [2, 8y^7]]",
]

HEAVY_JACOBIANS = [
    (
        "[relu(x - y) + abs(y - z), max(x, z) relu(z - 0.3), min(x, y - 1) + relu(x + y + z)]",
        "x y z",
    ),
    (" + ".join(f"relu(x - 0.{k})" for k in range(1, 10)) + " + abs(x - y)", "x y"),
]


def cold(fn, *args) -> float:
    clear_cache()
    gc.collect()
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def slowest(repeat: int, fn, *args) -> float:
    return max(cold(fn, *args) for _ in range(repeat))


def report(title: str, rows: list[tuple[float, float | None, str]]) -> None:
    times = [t for t, _, _ in rows]
    p50, worst = statistics.median(times), max(times)
    print(f"\n{title}: {len(rows)} inputs, p50 {p50:.3f} s, max {worst:.3f} s")
    for t, parse_t, text in sorted(rows, reverse=True)[:6]:
        share = f"  (parse {parse_t:.3f} s)" if parse_t is not None else ""
        flag = "  OVER BUDGET" if t > DEFAULT_BUDGET else ""
        print(f"  {t:7.3f} s{share}{flag}  {text[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timed cold runs per input")
    repeat = parser.parse_args().repeat
    print(f"budget {DEFAULT_BUDGET:g} s per check; slowest of {repeat} cold runs per input")
    check("gradients.3x2y_dy", "3x^2 + relu(x)")  # warm up: imports and compiled code
    mk.check_jacobian("relu(x)", "x")

    dy = exercise("gradients.3x2y_dy")
    groups = {
        "exercise answers: wrong beyond a kink": [a for a, _, _ in WRONG_BY_A_KINK],
        "exercise answers: right in another form": RIGHT_IN_ANOTHER_FORM,
        "exercise answers: heavy": HEAVY_ANSWERS,
    }
    for title, answers in groups.items():
        rows = [
            (slowest(repeat, check, dy, a), slowest(repeat, parse, a, "x y"), a) for a in answers
        ]
        report(title, rows)
    paper = exercise("jacobian.paper")
    rows = [(slowest(repeat, check, paper, a), None, a) for a in MATRIX_ANSWERS]
    report("matrix answers (jacobian.paper)", rows)
    cases = [(f, v) for f, v, _ in CORNERED] + HEAVY_JACOBIANS
    rows = [(slowest(repeat, mk.check_jacobian, f, v), None, f) for f, v in cases]
    report("check_jacobian with corners", rows)


if __name__ == "__main__":
    main()
