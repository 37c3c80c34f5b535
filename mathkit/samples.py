"""Where mathkit evaluates expressions: the random sample points, drawn in one place.

:func:`mathkit.check_jacobian` compares derivatives with finite differences at some of these
points, and :func:`mathkit.equivalence.equivalent` compares two answers at them (and at more:
several magnitudes and both sides of every corner). Both draw them with :func:`box_points`: first
points anywhere in [-2, 2]^n, then points in [0.1, 2]^n, inside the domain of ln, sqrt and 1/x.

>>> points = box_points(2, mixed=3, positive=3, seed=0, decimals=2)
>>> points.shape, bool((points[3:] >= 0.1).all()), bool((abs(points) <= 2).all())
((6, 2), True, True)
"""

from __future__ import annotations

import numpy as np

MAGNITUDES = (1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3)


def box_points(n: int, mixed: int, positive: int, seed: int, decimals: int = 6) -> np.ndarray:
    """``mixed`` rows uniform in [-2, 2]^n, then ``positive`` rows in [0.1, 2]^n; shape (rows, n).

    Values are rounded to ``decimals`` places, so a printed point reads back as the same point.
    """
    rng = np.random.default_rng(seed)
    values = np.vstack(
        [rng.uniform(-2, 2, size=(mixed, n)), rng.uniform(0.1, 2, size=(positive, n))]
    )
    return np.round(values, decimals)


def magnitude_points(n: int, seed: int, decimals: int = 6) -> np.ndarray:
    """One row per magnitude in :data:`MAGNITUDES` and per sign: shape (14, n).

    Column j runs through ±10⁻³ … ±10³ (each times a random factor in [1, 1.5)), in its own random
    order, so every variable takes every magnitude and sign once, in different combinations.
    """
    rng = np.random.default_rng(seed)
    column = np.array([s * m for m in MAGNITUDES for s in (1, -1)])
    rows = [rng.permutation(column) * rng.uniform(1, 1.5, size=column.size) for _ in range(n)]
    return np.round(np.array(rows).T.reshape(column.size, n), decimals)
