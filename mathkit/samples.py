"""Where mathkit evaluates expressions: the random sample points, drawn in one place.

:func:`mathkit.check_jacobian` compares derivatives with finite differences at some of these
points, and :func:`mathkit.equivalence.equivalent` compares two answers at them (and at more:
several magnitudes and both sides of every corner). Both draw them with :func:`box_points`: first
points anywhere in [-2, 2]^n, then points in [0.1, 2]^n, inside the domain of ln, sqrt and 1/x.

The points come from the standard library's seeded generator (no numpy), so exercise checking
also runs where numpy is missing (Pyodide offline); callers that compute with numpy wrap them.

>>> points = box_points(2, mixed=3, positive=3, seed=0, decimals=2)
>>> len(points), all(v >= 0.1 for row in points[3:] for v in row)
(6, True)
>>> all(abs(v) <= 2 for row in points for v in row)
True
"""

from __future__ import annotations

import random

MAGNITUDES = (1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3)

Rows = list[tuple[float, ...]]


def box_points(n: int, mixed: int, positive: int, seed: int, decimals: int = 6) -> Rows:
    """``mixed`` rows uniform in [-2, 2]^n, then ``positive`` rows in [0.1, 2]^n: rows × n.

    Values are rounded to ``decimals`` places, so a printed point reads back as the same point.
    """
    rng = random.Random(seed)
    rows = [tuple(rng.uniform(-2, 2) for _ in range(n)) for _ in range(mixed)]
    rows += [tuple(rng.uniform(0.1, 2) for _ in range(n)) for _ in range(positive)]
    return [tuple(round(v, decimals) for v in row) for row in rows]


def magnitude_points(n: int, seed: int, decimals: int = 6) -> Rows:
    """One row per magnitude in :data:`MAGNITUDES` and per sign: 14 rows × n.

    Column j runs through ±10⁻³ … ±10³ (each times a random factor in [1, 1.5)), in its own random
    order, so every variable takes every magnitude and sign once, in different combinations.
    """
    rng = random.Random(seed)
    column = [s * m for m in MAGNITUDES for s in (1, -1)]
    columns = []
    for _ in range(n):
        order = column[:]
        rng.shuffle(order)
        columns.append([round(v * rng.uniform(1, 1.5), decimals) for v in order])
    return [tuple(col[i] for col in columns) for i in range(len(column))]
