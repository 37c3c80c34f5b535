"""The one catalog of example functions, from the paper, shared by tests, notebooks and explorers.

Each :class:`Example` is learner text (what one would type into an explorer) and its source.
Tests compare these against hand-derived results; notebooks and explorers start from them.

>>> example("paper_jacobian").functions
'[3*x^2*y, 2*x + y^8]'
>>> [example_for_case(n).key for n in (1, 2, 3, 4)]
['square', 'paper_gradient', 'circle', 'paper_jacobian']
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .parse import parse, parse_variables


@dataclass(frozen=True, kw_only=True)
class Example:
    """An example function: ``functions`` of ``variables``, as a learner would type them.

    ``point`` is where the explorers start (one number per variable); ``case`` is the paper's shape
    case (1 to 4), checked against :func:`mathkit.shape_case` by the tests.
    """

    key: str
    title: str
    functions: str
    variables: str
    point: tuple[float, ...]
    case: int

    @property
    def f(self):
        """The parsed function: a sympy expression, or an m × 1 Matrix for a vector function."""
        return parse(self.functions)

    @property
    def x(self):
        """The variables: one Symbol for a scalar x, an n × 1 Matrix for a vector x."""
        symbols = parse_variables(self.variables)
        return symbols[0] if len(symbols) == 1 else sp.Matrix(symbols)


CATALOG: tuple[Example, ...] = (
    Example(
        key="square",
        title="f(x) = x²",
        functions="x^2",
        variables="x",
        point=(1.5,),
        case=1,
    ),
    Example(
        key="paper_gradient",
        title="f(x, y) = 3x²y",
        functions="3*x^2*y",
        variables="x y",
        point=(1.0, 2.0),
        case=2,
    ),
    Example(
        key="bowl",
        title="f(x, y) = 10x²y²",
        functions="10*x^2*y^2",
        variables="x y",
        point=(1.0, 0.5),
        case=2,
    ),
    Example(
        key="paper_g",
        title="g(x, y) = 2x + y⁸",
        functions="2*x + y^8",
        variables="x y",
        point=(1.0, 1.0),
        case=2,
    ),
    Example(
        key="circle",
        title="f(t) = [cos t, sin t]",
        functions="[cos(t), sin(t)]",
        variables="t",
        point=(0.5,),
        case=3,
    ),
    Example(
        key="paper_jacobian",
        title="f(x, y) = [3x²y, 2x + y⁸]",
        functions="[3*x^2*y, 2*x + y^8]",
        variables="x y",
        point=(1.0, 2.0),
        case=4,
    ),
    Example(
        key="identity",
        title="y = f(x) = x (three variables)",
        functions="[x1, x2, x3]",
        variables="x1 x2 x3",
        point=(1.0, 2.0, 3.0),
        case=4,
    ),
    Example(
        key="three_by_three",
        title="m = n = 3: [x₁², x₁x₂x₃, sin(x₃)]",
        functions="[x1^2, x1*x2*x3, sin(x3)]",
        variables="x1 x2 x3",
        point=(1.0, 2.0, 0.5),
        case=4,
    ),
    Example(
        key="warp",
        title="f(x, y) = [x + sin y, y + sin x]",
        functions="[x + sin(y), y + sin(x)]",
        variables="x y",
        point=(0.5, 0.5),
        case=4,
    ),
    Example(
        key="affine",
        title="z(x) = w·x + b = w₁x₁ + w₂x₂ + w₃x₃ + b",
        functions="w1*x1 + w2*x2 + w3*x3 + b",
        variables="w1 w2 w3 b",
        point=(0.5, -0.25, 1.0, 0.1),
        case=2,
    ),
    Example(
        key="relu",
        title="ReLU(z) = max(0, z)",
        functions="max(0, z)",
        variables="z",
        point=(1.0,),
        case=1,
    ),
    Example(
        key="neuron",
        title="activation(x) = max(0, w·x + b), n = 2",
        functions="max(0, w1*x1 + w2*x2 + b)",
        variables="w1 w2 b",
        point=(0.5, -0.25, 0.1),
        case=2,
    ),
)

_BY_KEY = {e.key: e for e in CATALOG}


def example(key: str) -> Example:
    """The catalog entry named ``key``; a KeyError lists the names."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no example {key!r}; try one of: {', '.join(_BY_KEY)}") from None


def example_for_case(number: int) -> Example:
    """The first catalog example of shape case ``number`` (1..4)."""
    return next(e for e in CATALOG if e.case == number)
