"""What ``import mathkit`` costs next to ``import sympy``, in fresh interpreters.

    .venv/bin/python benchmarks/bench_import.py [--runs 15]

Each run starts a new Python, imports the module and reports the wall time of the import alone;
sympy and mathkit runs are interleaved so both see the same machine load. Also prints whether the
import pulled in matplotlib or ipywidgets (it must not: they load with the first plot or explorer).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, sys, time
start = time.perf_counter()
import {module}
seconds = time.perf_counter() - start
print(json.dumps({{"ms": seconds * 1000, "ui": sorted(m for m in ("matplotlib", "ipywidgets",
      "numpy") if m in sys.modules)}}))
"""


def measure(module: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {"sympy": [], "mathkit": []}
    loaded: dict[str, list[str]] = {}
    for _ in range(runs):
        for module in times:
            result = measure(module)
            times[module].append(result["ms"])
            loaded[module] = result["ui"]
    print(f"{'import':10} {'p50 ms':>8} {'min ms':>8}   also loaded")
    for module, values in times.items():
        also = ", ".join(loaded[module]) or "-"
        print(f"{module:10} {statistics.median(values):8.1f} {min(values):8.1f}   {also}")
    ratio = statistics.median(times["mathkit"]) / statistics.median(times["sympy"])
    print(f"mathkit / sympy (p50): {ratio:.2f}x over {runs} interleaved runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
