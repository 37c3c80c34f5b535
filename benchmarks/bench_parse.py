"""How long mathkit.parse takes: typical learner input, and the worst of the hostile inputs.

    .venv/bin/python benchmarks/bench_parse.py             # 5 timed runs per input
    .venv/bin/python benchmarks/bench_parse.py --repeat 20

Inputs come from where they are already written down: the catalog of example functions
(mathkit.examples), the accepted-input table of tests/test_parse.py, and the injection and
denial-of-service tables of tests/test_parse_security.py. sympy's cache is cleared before every
run, so each time is a cold parse. Prints p50 / p95 / max per group and the slowest inputs; no
targets (the tests assert the hard bound: every call returns or raises within 1 s).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from sympy.core.cache import clear_cache  # noqa: E402
from test_parse import ACCEPTED, LISTS  # noqa: E402
from test_parse_security import HEAVY_BUT_FINE, INJECTIONS, REFUSED_SIZES  # noqa: E402

from mathkit.examples import CATALOG  # noqa: E402
from mathkit.parse import ParseError, parse  # noqa: E402


def cold_time(text: str) -> float:
    """Seconds for one parse with an empty sympy cache; a ParseError counts as an answer."""
    clear_cache()
    gc.collect()  # time the parse, not the freeing of the last one
    start = time.perf_counter()
    with contextlib.suppress(ParseError):
        parse(text)
    return time.perf_counter() - start


def measure(texts: list[str], repeat: int) -> list[tuple[float, str]]:
    """The slowest of ``repeat`` cold runs, for each text."""
    return [(max(cold_time(text) for _ in range(repeat)), text) for text in texts]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per input")
    args = parser.parse_args()

    groups = {
        "typical: example catalog": [e.functions for e in CATALOG],
        "typical: accepted-input table": [text for text, _ in ACCEPTED + LISTS],
        "hostile: injections": [t.format(sentinel="SENTINEL") for t in INJECTIONS],
        "hostile: sizes refused": REFUSED_SIZES,
        "hostile: large but accepted": HEAVY_BUT_FINE,
    }
    cold_time("3x^2 y")  # load sympy's function classes once

    print(f"{'group':32} {'inputs':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    slowest: list[tuple[float, str]] = []
    for name, texts in groups.items():
        timings = measure(texts, args.repeat)
        ms = [1000 * t for t, _ in timings]
        slowest += timings
        row = f"{percentile(ms, 50):8.2f} {percentile(ms, 95):8.2f} {max(ms):8.2f}"
        print(f"{name:32} {len(texts):6d} {row}")

    print("\nslowest inputs (cold, worst of the runs):")
    for seconds, text in sorted(slowest, reverse=True)[:5]:
        shown = text if len(text) <= 60 else f"{text[:57]}... ({len(text)} characters)"
        print(f"  {1000 * seconds:8.2f} ms  {shown!r}")
    print(f"\nworst case over every input: {1000 * max(t for t, _ in slowest):.1f} ms")


if __name__ == "__main__":
    main()
