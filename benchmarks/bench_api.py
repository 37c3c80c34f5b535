"""Worst-case time of every public entry on the denial-of-service table (issue 9, item 8).

    .venv/bin/python benchmarks/bench_api.py              # 1 cold run per input and entry
    .venv/bin/python benchmarks/bench_api.py --repeat 3   # the slowest of 3 cold runs

Inputs: the hostile and the large-but-fair tables of tests/test_parse_security.py (the shapes that
hung before: nested tanh, a max of many lines, deep sigmoids, huge numbers ...), its injections,
and the example catalog. Each entry is called as a learner's text reaches it: parse(text),
jacobian / gradient / shape_case / check_jacobian(text, "x y"), exercises.check(key, text).
sympy's cache is cleared before each call. Every entry runs within mathkit.budget's 1 s budget, so
the worst case should be a little over 1 s at most (the budget's own TooSlow); prints, per entry,
how many inputs gave a value, a ParseError or another ValueError, p50 and the worst time, and the
slowest inputs overall. No targets are asserted here (tests/test_parse_security.py does that).
"""

from __future__ import annotations

import argparse
import collections
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sympy.core.cache import clear_cache  # noqa: E402
from test_parse_security import (  # noqa: E402
    HEAVY_BUT_FINE,
    INJECTIONS,
    REFUSED_SIZES,
    WITH_VARIABLES,
)

import mathkit as mk  # noqa: E402
from mathkit.examples import CATALOG  # noqa: E402
from mathkit.exercises import check  # noqa: E402
from mathkit.parse import ParseError  # noqa: E402

ENTRIES = {
    "parse": mk.parse,
    "jacobian": lambda text: mk.jacobian(text, "x y"),
    "gradient": lambda text: mk.gradient(text, "x y"),
    "shape_case": lambda text: mk.shape_case(text, "x y"),
    "check_jacobian": lambda text: mk.check_jacobian(text, "x y"),
    "exercises.check": lambda text: check("gradients.3x2y_dy", text),
}


def outcome_and_time(entry, text: str) -> tuple[str, float]:
    clear_cache()
    gc.collect()
    start = time.perf_counter()
    try:
        entry(text)
        outcome = "value"
    except ParseError:
        outcome = "ParseError"
    except ValueError as error:
        outcome = type(error).__name__
    except Exception as error:  # a raw exception: the very thing this benchmark looks for
        outcome = f"RAW {type(error).__name__}"
    return outcome, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="cold runs per input and entry")
    args = parser.parse_args()
    texts = [
        *REFUSED_SIZES,
        *HEAVY_BUT_FINE,
        *WITH_VARIABLES,
        *(t.format(sentinel="SENTINEL") for t in INJECTIONS),
        *(e.functions for e in CATALOG),
    ]
    for entry in ENTRIES.values():
        entry("3x^2 y")  # load sympy's function classes once

    print(f"{len(texts)} inputs, slowest of {args.repeat} cold run(s) each\n")
    print(f"{'entry':16} {'value':>6} {'Parse':>6} {'other':>6} {'p50 ms':>8} {'max ms':>8}  kinds")
    slowest = []
    for name, entry in ENTRIES.items():
        outcomes, times = collections.Counter(), []
        for text in texts:
            runs = [outcome_and_time(entry, text) for _ in range(args.repeat)]
            outcome, seconds = max(runs, key=lambda run: run[1])
            outcomes[outcome] += 1
            times.append(seconds)
            slowest.append((seconds, name, outcome, text))
        others = {k: n for k, n in outcomes.items() if k not in ("value", "ParseError")}
        other, kinds = sum(others.values()), ", ".join(f"{k} {n}" for k, n in others.items())
        ms = [1000 * t for t in times]
        row = f"{outcomes['value']:6d} {outcomes['ParseError']:6d} {other:6d}"
        print(f"{name:16} {row} {statistics.median(ms):8.1f} {max(ms):8.1f}  {kinds}")

    print("\nslowest calls:")
    for seconds, name, outcome, text in sorted(slowest, reverse=True)[:8]:
        shown = text if len(text) <= 50 else f"{text[:47]}... ({len(text)} characters)"
        print(f"  {1000 * seconds:8.1f} ms  {name:16} {outcome:12} {shown!r}")


if __name__ == "__main__":
    main()
