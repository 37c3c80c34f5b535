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


@dataclass(frozen=True)
class Example:
    """An example function: ``functions`` of ``variables``, as a learner would type them."""

    key: str
    title: str
    functions: str
    variables: str
    section: str
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
    Example("square", "f(x) = x²", "x^2", "x", "Review: scalar derivative rules", (1.5,), 1),
    Example(
        "paper_gradient",
        "f(x, y) = 3x²y",
        "3*x^2*y",
        "x y",
        "Vector calculus and partial derivatives",
        (1.0, 2.0),
        2,
    ),
    Example(
        "bowl",
        "f(x, y) = 10x²y²",
        "10*x^2*y^2",
        "x y",
        "Vector calculus and partial derivatives",
        (1.0, 0.5),
        2,
    ),
    Example(
        "paper_g",
        "g(x, y) = 2x + y⁸",
        "2*x + y^8",
        "x y",
        "Vector calculus and partial derivatives",
        (1.0, 1.0),
        2,
    ),
    Example(
        "circle",
        "f(t) = [cos t, sin t]",
        "[cos(t), sin(t)]",
        "t",
        "Generalization of the Jacobian",
        (0.5,),
        3,
    ),
    Example(
        "paper_jacobian",
        "f(x, y) = [3x²y, 2x + y⁸]",
        "[3*x^2*y, 2*x + y^8]",
        "x y",
        "Matrix calculus",
        (1.0, 2.0),
        4,
    ),
    Example(
        "identity",
        "y = f(x) = x (three variables)",
        "[x1, x2, x3]",
        "x1 x2 x3",
        "Generalization of the Jacobian",
        (1.0, 2.0, 3.0),
        4,
    ),
    Example(
        "three_by_three",
        "m = n = 3: [x₁², x₁x₂x₃, sin(x₃)]",
        "[x1^2, x1*x2*x3, sin(x3)]",
        "x1 x2 x3",
        "Generalization of the Jacobian",
        (1.0, 2.0, 0.5),
        4,
    ),
    Example(
        "warp",
        "f(x, y) = [x + sin y, y + sin x]",
        "[x + sin(y), y + sin(x)]",
        "x y",
        "The Jacobian as the best local linear map",
        (0.5, 0.5),
        4,
    ),
    Example(
        "affine",
        "z(x) = w·x + b = w₁x₁ + w₂x₂ + w₃x₃ + b",
        "w1*x1 + w2*x2 + w3*x3 + b",
        "w1 w2 w3 b",
        "The gradient of neuron activation",
        (0.5, -0.25, 1.0, 0.1),
        2,
    ),
    Example(
        "relu",
        "ReLU(z) = max(0, z)",
        "max(0, z)",
        "z",
        "The gradient of neuron activation",
        (1.0,),
        1,
    ),
    Example(
        "neuron",
        "activation(x) = max(0, w·x + b), n = 2",
        "max(0, w1*x1 + w2*x2 + b)",
        "w1 w2 b",
        "The gradient of neuron activation",
        (0.5, -0.25, 0.1),
        2,
    ),
    Example(
        "sum_reduction",
        "y = sum(x) = x₁ + x₂ + x₃",
        "x1 + x2 + x3",
        "x1 x2 x3",
        "Vector sum reduction",
        (1.0, 2.0, 3.0),
        2,
    ),
    Example(
        "chain",
        "y = sin(x²)",
        "sin(x^2)",
        "x",
        "The chain rules",
        (0.8,),
        1,
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
