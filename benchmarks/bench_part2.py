"""How long Part 2's core takes: the neuron's loss gradient and training, and a vector Jacobian.

    .venv/bin/python benchmarks/bench_part2.py             # 5 timed runs each
    .venv/bin/python benchmarks/bench_part2.py --repeat 20

Targets (issue 10): a loss gradient on 200 samples × 3 features under 10 ms; a 200-step training
run under 1 s; ∂(w·x + b)/∂w with n = 20, typed in the paper's notation, under 100 ms. The first
(cold) run includes deriving the symbolic formulas; the median is the warm figure a learner sees
when moving a slider. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from mathkit import neuron  # noqa: E402
from mathkit.calculus import jacobian  # noqa: E402


def timed(function, repeat: int) -> tuple[float, float]:
    """(first run, median of the runs) in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times)


def data(rng: np.random.Generator, N: int = 200, n: int = 3):
    X = rng.normal(size=(N, n))
    y = np.maximum(0.0, X @ rng.normal(size=n) + 0.5)
    return X, y, rng.normal(size=n), 0.1


def cases():
    X, y, w, b = data(np.random.default_rng(0))
    yield (
        "neuron.loss_gradient, 200 samples × 3 features",
        10,
        lambda: neuron.loss_gradient(X, y, w, b),
    )
    yield (
        "neuron.train, 200 samples × 3 features, 200 steps",
        1000,
        lambda: neuron.train(X, y, w, b, rate=0.05, steps=200),
    )
    sizes = {"w": 20, "x": 20}
    yield (
        "jacobian('w · x + b', 'w', vectors=...), n = 20",
        100,
        lambda: jacobian("w · x + b", "w", vectors=sizes),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    print(f"{'what':58} {'first ms':>9} {'median ms':>10} {'target ms':>10}")
    for name, target, function in cases():
        first, median = timed(function, repeat)
        print(f"{name:58} {first:9.2f} {median:10.2f} {target:10d}")


if __name__ == "__main__":
    main()
