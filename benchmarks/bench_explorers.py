"""Kernel-side update latency of the explorers: from a control's new value to re-rendered output.

    .venv/bin/python benchmarks/bench_explorers.py            # the table, 60 updates per case
    .venv/bin/python benchmarks/bench_explorers.py --updates 200 --only jacobian

Everything runs in one process. Each update sets a control's ``.value`` as the frontend would
(the observers run synchronously, as in a kernel) and the clock stops when the explorer has
recomputed and written every output: LaTeX into its HTMLMath areas, the PNG of the redrawn figure
into its image. Widgets get a comm that JSON-serializes every message it would send to the
browser, so that cost is counted too; the browser's MathJax and image decoding are not (they are
client-side).

Every update uses a new input (a new function text, a new point), so no cache hides the work; the
first few updates of each case warm up imports and are not counted. The floor is plain sympy on
the same input: ``Matrix.jacobian`` and ``latex`` of the already-parsed functions (parsing is not
timed). Its inputs are the same functions with other coefficients, so neither side finds the
other's results in sympy's cache, and each floor step runs right after the explorer's update, so
a busy machine slows both alike. sympy's cache is cleared before every case.

Every update must also stay far under the 1 s time budget (mathkit.budget.DEFAULT_BUDGET).

Targets (from the issue): Jacobian 2 functions × 2 variables: p95 ≤ 30 ms and ≤ 2× the floor's
p95; Jacobian 10 × 10: p95 ≤ 300 ms; gradient explorer, point moved and plot redrawn: p95 ≤ 200 ms;
neuron explorer, slider moved and plot redrawn: p95 ≤ 150 ms. Part 2 (issue 11): vector explorer
update at n = 3 (a new formula): p95 ≤ 50 ms; chain stepper (new steps): p95 ≤ 100 ms; a training
step with redraw (Step pressed): p95 ≤ 150 ms. Exits 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import comm  # noqa: E402
import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402
from comm.base_comm import BaseComm  # noqa: E402
from sympy.core.cache import clear_cache  # noqa: E402

WARMUP = 5
FLOOR_OFFSET = 1000  # the floor's inputs: the same functions with other coefficients


class SerializingComm(BaseComm):
    """A comm that does what a kernel's comm does before the socket: JSON-encode each message."""

    sent_bytes = 0

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        content = dict(data=data or {}, comm_id=self.comm_id, **keys)
        text = json.dumps({"msg_type": msg_type, "content": content, "metadata": metadata or {}})
        SerializingComm.sent_bytes += len(text) + sum(len(b) for b in buffers or [])


comm.create_comm = SerializingComm

from mathkit import explorers  # noqa: E402
from mathkit.parse import parse, parse_variables  # noqa: E402


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    a = np.asarray(samples) * 1e3
    return float(np.percentile(a, 50)), float(np.percentile(a, 95))


class FullCollections:
    """Count Python's full (generation 2) garbage collections and their pauses, while active."""

    def __init__(self):
        self.pauses: list[float] = []
        self._start = 0.0
        self.active = False

    def __call__(self, phase: str, info: dict) -> None:
        if not self.active or info["generation"] != 2:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._start)


def timed(steps: list[Callable[[], object]], floor=None):
    """Run each step once, timing it, each followed by its floor step if any (interleaved, so a
    busy machine slows both alike); the first WARMUP steps of each are not returned. Also
    returns the number of timed explorer updates during which a full garbage collection ran."""
    clear_cache()
    out: list[float] = []
    out_floor: list[float] = []
    collections = FullCollections()
    gc.callbacks.append(collections)
    with_gc = 0
    try:
        for k, step in enumerate(steps):
            for fn, times in ((step, out), (floor[k] if floor else None, out_floor)):
                if fn is None:
                    continue
                collections.active = fn is step and k >= WARMUP
                before = len(collections.pauses)
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
                with_gc += collections.active and len(collections.pauses) > before
    finally:
        gc.callbacks.remove(collections)
    return out[WARMUP:], out_floor[WARMUP:], with_gc, collections.pauses


def floor_steps(texts: list[str], variables: str) -> list[Callable[[], object]]:
    """Plain sympy: Matrix.jacobian + latex of each input, parsed beforehand (not timed) by
    mathkit's parser, so the floor differentiates exactly the explorer's expressions."""
    x = sp.Matrix(parse_variables(variables))
    parsed = [sp.Matrix(parse(text, variables)) for text in texts]
    return [lambda F=F: sp.latex(F.jacobian(x)) for F in parsed]


def set_value(control, value) -> Callable[[], None]:
    def step():
        control.value = value

    return step


# ---------------------------------------------------------------------------------------------
# The inputs: a new one for every update


def small_texts(count: int, start: int = 0) -> list[str]:
    return [
        f"[{3 + k % 5}*x^2*y + {k}*x, 2*x + y^{2 + k % 7} - {k}]"
        for k in range(start, start + count)
    ]


def poly_texts(count: int, start: int = 0) -> list[str]:
    def f(i: int, k: int) -> str:
        terms = [f"{(i + j + k) % 9 + 1}*x{j}^{1 + (i + j) % 3}" for j in range(1, 11)]
        return " + ".join(terms) + f" + {k + 1}*x{i}*x{i % 10 + 1}"  # k: a new text every time

    return [
        "[" + ", ".join(f(i, k) for i in range(1, 11)) + "]" for k in range(start, start + count)
    ]


def trig_texts(count: int, start: int = 0) -> list[str]:
    def f(i: int, k: int) -> str:
        a, b, c = i, i % 10 + 1, (i + 1) % 10 + 1
        return (
            f"sin({k % 7 + 1}*x{a}*x{b}) + cos(x{c} + {k}) + x{a}*tanh(x{b}) + exp(x{c})*sin(x{a})"
            f" + x{(i + 3) % 10 + 1}^2 + x{(i + 4) % 10 + 1} + x{(i + 5) % 10 + 1}*"
            f"x{(i + 6) % 10 + 1} + sin(x{(i + 7) % 10 + 1}) + x{(i + 8) % 10 + 1}"
        )

    return [
        "[" + ", ".join(f(i, k) for i in range(1, 11)) + "]" for k in range(start, start + count)
    ]


VARS10 = " ".join(f"x{j}" for j in range(1, 11))


def points(count: int, lo: float, hi: float, seed: int = 1) -> list[float]:
    """Slider positions (rounded to the slider step 0.05), never the same twice in a row."""
    rng = np.random.default_rng(seed)
    values = np.round(rng.uniform(lo, hi, count) / 0.05) * 0.05
    return [float(v) + (0.05 if i and v == values[i - 1] else 0.0) for i, v in enumerate(values)]


# ---------------------------------------------------------------------------------------------


def cases(n: int):
    """(name, steps, floor steps or None, p95 target ms, floor ratio target or None)."""
    total = n + WARMUP

    texts = small_texts(total)
    ex = explorers.jacobian_explorer(texts[0], "x y")
    yield (
        "jacobian 2×2, new functions",
        [set_value(ex.functions, t) for t in texts],
        floor_steps(small_texts(total, start=FLOOR_OFFSET), "x y"),
        30.0,
        2.0,
    )
    yield (
        "jacobian 2×2, point moved",
        [set_value(ex.point[0], v) for v in points(total, -2, 2)],
        None,
        None,
        None,
    )
    for name, make in (("poly", poly_texts), ("trig", trig_texts)):
        texts = make(total)
        ex = explorers.jacobian_explorer(texts[-1], VARS10)
        yield (
            f"jacobian 10×10 {name}, new functions",
            [set_value(ex.functions, t) for t in texts],
            floor_steps(make(total, start=FLOOR_OFFSET), VARS10),
            300.0,
            None,
        )
    yield (
        "jacobian 10×10 trig, point moved",
        [set_value(ex.point[3], v) for v in points(total, -2, 2)],
        None,
        None,
        None,
    )
    ex = explorers.gradient_explorer("10*x^2*y^2")
    yield (
        "gradient, point moved + plot",
        [set_value(ex.point[k % 2], v) for k, v in enumerate(points(total, -1.9, 1.9))],
        None,
        200.0,
        None,
    )
    for inputs in (1, 2):
        ex = explorers.neuron_explorer(inputs=inputs)
        sliders = [ex.w[0], ex.b, ex.x[0]] + ([ex.w[1], ex.x[1]] if inputs == 2 else [])
        yield (
            f"neuron {inputs}-D, slider moved + plot",
            [
                set_value(sliders[k % len(sliders)], v)
                for k, v in enumerate(points(total, -2.5, 2.5))
            ],
            None,
            150.0,
            None,
        )
    ex = explorers.linearization_explorer()
    yield (
        "linearization, point moved + plot",
        [set_value(ex.point[k % 2], v) for k, v in enumerate(points(total, -1.9, 1.9))],
        None,
        None,
        None,
    )
    ex = explorers.linearization_explorer("[x + y^2, x^2 - y]", matrix="transpose")
    yield (
        "linearization Jᵀ, point moved + plot",
        [set_value(ex.point[k % 2], v) for k, v in enumerate(points(total, -1.9, 1.9, seed=2))],
        None,
        None,
        None,
    )
    ex = explorers.shape_case_explorer()
    yield (
        "shape case, m moved",
        [set_value(ex.m, 1 + (k + 1) % 6) for k in range(total)],
        None,
        None,
        None,
    )


def vector_texts(count: int) -> list[str]:
    """The paper's vector formulas at n = 3, each with a new coefficient."""
    forms = ["{k} w ⊗ x", "w ⊘ x + {k}", "sum(x) + {k} w·x", "max(0, w·x + {k})", "{k} x z + w"]
    return [forms[k % len(forms)].format(k=k + 2) for k in range(count)]


def chain_texts(count: int) -> list[str]:
    """Steps of the four kinds of the paper (single, total, vector), each new."""
    forms = [
        "u = x^{p}\ny = sin({k} u)",
        "u1 = x^{p}\nu2 = x + {k} u1\ny = sin(u2)",
        "g = [x^{p}, {k} x]\ny = [ln(g1), sin(g2)]",
        "u = {k} x^2\ny = x + u^{p}",
    ]
    return [forms[k % len(forms)].format(k=k + 2, p=2 + k % 3) for k in range(count)]


def part2_cases(n: int):
    """The Part-2 explorers (issue 11)."""
    total = n + WARMUP
    ex = explorers.vector_explorer("w ⊗ x", "w x", 3, "w")
    yield (
        "vector n=3, new formula",
        [set_value(ex.text, t) for t in vector_texts(total)],
        None,
        50.0,
        None,
    )
    st = explorers.chain_stepper("sin(x^2)")
    yield (
        "chain stepper, new steps",
        [set_value(st.steps, t) for t in chain_texts(total)],
        None,
        100.0,
        None,
    )
    for data in ("1d", "2d"):
        tr = explorers.training_explorer(data, rate=0.02)
        yield (
            f"training {data}, Step + redraw",
            [tr.step_button.click for _ in range(total)],
            None,
            150.0,
            None,
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=60, help="timed updates per case (≥ 50)")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    options = parser.parse_args(argv)
    n = options.updates

    start_load = os.getloadavg()[0]
    header = (
        f"{'case':36} {'n':>3} {'p50 ms':>7} {'p95 ms':>7} {'floor p50':>9} {'floor p95':>9} "
        f"{'ratio p50':>9} {'ratio p95':>9} {'full gc':>10}  {'target':21} result"
    )
    print(header)
    print("-" * len(header))
    missed = 0
    for name, steps, floor, target, ratio_target in itertools.chain(cases(n), part2_cases(n)):
        if options.only not in name:
            continue
        times, floor_times, with_gc, pauses = timed(steps, floor)
        p50, p95 = percentiles(times)
        f50 = f95 = ratio = ratio50 = None
        if floor is not None:
            f50, f95 = percentiles(floor_times)
            ratio, ratio50 = p95 / f95, p50 / f50
        ok = target is None or p95 <= target
        ok = ok and (ratio_target is None or ratio <= ratio_target)
        wanted = []
        if target is not None:
            wanted.append(f"p95 ≤ {target:g}")
        if ratio_target is not None:
            wanted.append(f"≤ {ratio_target:g}× floor")
        result = "PASS" if ok and wanted else ("MISS" if wanted else "(info)")
        missed += result == "MISS"

        gc_cell = f"{with_gc}×{np.mean(pauses) * 1e3:.0f}ms" if pauses else "0"

        def cell(v, width=9):
            return f"{v:{width}.2f}" if v is not None else f"{'—':>{width}}"

        print(
            f"{name:36} {n:>3} {p50:7.2f} {p95:7.2f} {cell(f50)} {cell(f95)} "
            f"{cell(ratio50)} {cell(ratio)} {gc_cell:>10}  {', '.join(wanted) or '—':21} {result}",
            flush=True,
        )
    print(
        f"\nmachine load (1-minute average) {start_load:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end, on {os.cpu_count()} CPUs: above the CPU count, "
        "other processes are slowing every number down."
    )
    print(
        "full gc: how many of the timed updates include a full (generation-2) garbage "
        "collection of the whole process, and its mean pause (Python runs one when enough "
        "objects have survived the younger collections, whoever allocated them).\n"
        f"ratio p95 = p95 / floor p95 (the target), ratio p50 = p50 / floor p50. "
        f"Messages serialized for the browser: "
        f"{SerializingComm.sent_bytes / 1e6:.1f} MB. {'All targets met.' if not missed else ''}"
        f"{f'{missed} target(s) missed.' if missed else ''}"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
