"""mathkit: the matrix calculus you need for deep learning, as small, checkable functions.

>>> import mathkit as mk
>>> mk.jacobian("[3*x**2*y, 2*x + y**8]", "x y")
Matrix([
[6*x*y, 3*x**2],
[    2, 8*y**7]])

The plotting (:mod:`mathkit.plots`) and widget (:mod:`mathkit.explorers`) modules import matplotlib
and ipywidgets, and the finite-difference check imports numpy; they load on first use, so
``import mathkit`` costs little more than ``import sympy``.
"""

from __future__ import annotations

import importlib

from .calculus import as_functions, as_variables, gradient, jacobian
from .chain import Chain, chain
from .closed_form import ClosedForm, closed_form, read_closed_form
from .parse import ParseError, parse, parse_matrix, parse_shape, parse_variables, symbol
from .render import Formula, show_gradients, show_jacobian, show_value
from .shapes import ShapeCase, shape_case
from .vectors import vector

__all__ = [
    "Chain",
    "ClosedForm",
    "Formula",
    "JacobianCheck",
    "ParseError",
    "ShapeCase",
    "as_functions",
    "as_variables",
    "chain",
    "check_jacobian",
    "closed_form",
    "gradient",
    "jacobian",
    "parse",
    "parse_matrix",
    "parse_shape",
    "parse_variables",
    "read_closed_form",
    "shape_case",
    "show_gradients",
    "show_jacobian",
    "show_value",
    "symbol",
    "vector",
]

# Loaded on first use: numpy (for the finite-difference check), matplotlib and ipywidgets.
_LAZY_NAMES = {"check_jacobian": "check", "JacobianCheck": "check"}
_LAZY = {
    "plots",
    "explorers",
    "examples",
    "exercises",
    "equivalence",
    "mistakes",
    "text",
    "quiz",
    "links",
    "numeric",
    "ui",
    "budget",
    "neuron",
    "planemap",
    "figures",
    "css",
    "codegen",
}


def __getattr__(name: str):
    """Load the UI modules (matplotlib, ipywidgets) only when a notebook first asks for them."""
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_NAMES:
        return getattr(importlib.import_module(f".{_LAZY_NAMES[name]}", __name__), name)
    raise AttributeError(f"module 'mathkit' has no attribute {name!r}")
