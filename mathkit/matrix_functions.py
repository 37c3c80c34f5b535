"""The values of the closed-form matrix algebra, and its functions (``diag``, ``ones``, ``sum``).

A value is a sympy scalar, a sympy Matrix (vectors are columns), :class:`Identity` (c·I, sized
by its partner) or :class:`Ones` (the literal 1: the number, or 𝟏 where a vector is needed).
:class:`Functions` is the part of the evaluator (:mod:`mathkit.matrix_algebra`) that calls
functions: ``diag(x)``, ``diag(a, b, c)``, ``transpose``, ``inv`` (of a diagonal matrix),
``ones(n)``, ``ones(m, n)``, ``eye(n)``, ``zeros(n)``, ``sum(x)``, ``dot(w, x)``, and the scalar
parser's functions (``sin``, ``exp``, ``max``) on scalars and, component by component, on vectors.

>>> Identity(sp.Symbol("z")), Ones(sp.S.One, row=True)
(Identity(c=z, or_ones=False), Ones(c=1, row=True, vector=False))
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass

import sympy as sp

from .parse import FUNCTIONS, ParseError

_parse = importlib.import_module(".parse", __package__)

__all__ = ["Functions", "Identity", "Ones", "VectorProduct", "is_vector", "shape_text"]


class VectorProduct(ParseError):
    """Two vectors multiplied or divided with * or /: read element-wise where the paper does."""


@dataclass(frozen=True)
class Identity:
    """c·I, its size taken from its partner. ``or_ones``: written I·1, which is c·I if 1 is the
    number and c·𝟏 if it is the vector of ones; the answer's shape decides."""

    c: sp.Expr
    or_ones: bool = False


@dataclass(frozen=True)
class Ones:
    """The literal 1 times c: the number c, or c·𝟏 (a column; a row if ``row``) where a vector is
    needed. ``vector``: certainly the vector of ones (``𝟏``, ``1ᵀ``)."""

    c: sp.Expr
    row: bool = False
    vector: bool = False


def shape_text(M) -> str:
    return f"{M.rows} × {M.cols}"


def is_vector(M) -> bool:
    return isinstance(M, sp.MatrixBase) and 1 in M.shape and len(M) > 1


class Functions:
    """Function calls, for the evaluator (:class:`mathkit.matrix_algebra._Algebra`)."""

    def call(self, node: ast.Call):
        name = node.func.id
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.error(node, f"write {name}(x): no `name=` or `*` inside the brackets")
        if name == "diag":
            return self.diag(node)
        if name in ("ones", "zeros", "eye"):
            return self.constant_matrix(node, name)
        if name in ("sum", "dot"):
            return self.reduction(node, name)
        arguments = self.arguments(node)
        if name in ("transpose", "inv") and len(arguments) == 1:
            (a,) = arguments
            if name == "transpose":
                return self.transposed(a)
            if isinstance(a, Identity):
                return Identity(1 / a.c) if a.c != 0 else self.undefined(node)
            if isinstance(a, sp.MatrixBase):
                return self.inverse(node.args[0], a)
            return self.reciprocal(node, a.c if isinstance(a, Ones) else a)
        if name in ("transpose", "inv"):
            raise self.error(node, f"{name}( ) takes one matrix")
        if name not in FUNCTIONS:
            return self.scalar.expr(node)  # refused there, with the scalar parser's message
        count, build = FUNCTIONS[name]
        if len(arguments) != count:
            raise self.error(node, f"`{name}` takes {count} argument(s)")
        plain = []
        for a in arguments:
            if isinstance(a, Ones):
                a = a.c
            if isinstance(a, Identity) or (isinstance(a, sp.MatrixBase) and not is_vector(a)):
                raise self.error(
                    node,
                    f"{name}( ) works on scalars and on vectors (each component), not on a matrix",
                )
            plain.append(a)
        vectors = [a for a in plain if isinstance(a, sp.MatrixBase)]
        if not vectors:
            return self.counted(build(*plain))
        shape = vectors[0].shape
        if any(v.shape != shape for v in vectors):
            raise self.error(node, f"{name}( ) needs vectors of one size")
        columns = [
            list(a) if isinstance(a, sp.MatrixBase) else [a] * len(vectors[0]) for a in plain
        ]
        return self.counted(
            sp.Matrix(*shape, [build(*parts) for parts in zip(*columns, strict=True)])
        )

    def arguments(self, node: ast.Call, nodes=None) -> list:
        """The values of a call's arguments, one function deeper (the scalar parser's bounds on
        functions inside functions, counted on its builder so scalar pieces count too)."""
        scalar = self.scalar
        hyperbolic = node.func.id in _parse._HYPERBOLIC
        if scalar.depth >= _parse.MAX_FUNCTION_DEPTH:
            raise self.error(
                node, f"at most {_parse.MAX_FUNCTION_DEPTH} functions inside each other"
            )
        if hyperbolic and scalar.hyperbolic_depth >= _parse.MAX_HYPERBOLIC_DEPTH:
            limit = _parse.MAX_HYPERBOLIC_DEPTH
            raise self.error(node, f"at most {limit} of sinh, cosh, tanh inside each other")
        scalar.depth += 1
        scalar.hyperbolic_depth += hyperbolic
        try:
            return [self.value(a) for a in (node.args if nodes is None else nodes)]
        finally:
            scalar.depth -= 1
            scalar.hyperbolic_depth -= hyperbolic

    def diag(self, node: ast.Call):
        if not node.args:
            raise self.error(node, "diag( ) takes a vector, like diag(x)")
        outer, self.elementwise = self.elementwise, True
        try:
            if len(node.args) == 1 and isinstance(node.args[0], ast.List):
                node_args = self.scalar.items(node.args[0])
            else:
                node_args = node.args
            values = self.arguments(node, node_args)
        finally:
            self.elementwise = outer
        if len(values) > 1:
            if any(
                isinstance(v, (sp.MatrixBase, Identity)) or getattr(v, "vector", False)
                for v in values
            ):
                raise self.error(node, "diag(a, b, c) takes scalars; for a vector write diag(x)")
            return self.counted(sp.diag(*[v.c if isinstance(v, Ones) else v for v in values]))
        (v,) = values
        if isinstance(v, Ones):
            return Identity(v.c)
        if is_vector(v):
            return self.counted(sp.diag(*v))
        if isinstance(v, sp.MatrixBase) and v.shape == (1, 1):
            return self.counted(v)
        if isinstance(v, (sp.MatrixBase, Identity)):
            raise self.error(node, "diag( ) takes a vector, like diag(x): here it got a matrix")
        raise self.error(
            node,
            "diag( ) takes a vector, like diag(x): here it got a scalar (for one scalar z all "
            "along the diagonal, write z I)",
        )

    def constant_matrix(self, node: ast.Call, name: str):
        sizes = [self.size(self.scalar.expr(a), a) for a in node.args]
        if not 1 <= len(sizes) <= 2:
            raise self.error(node, f"{name}(n) or {name}(m, n): one or two sizes")
        rows, cols = (sizes[0], 1 if name != "eye" else sizes[0]) if len(sizes) == 1 else sizes
        build = {"ones": sp.ones, "zeros": sp.zeros, "eye": sp.eye}[name]
        return sp.ImmutableMatrix(build(rows, cols))

    def reduction(self, node: ast.Call, name: str):
        arguments = self.arguments(node)
        if name == "dot":
            if len(arguments) != 2:
                raise self.error(node, "dot(w, x) takes two vectors")
            return self.dot(node, *arguments)
        if len(arguments) != 1:
            raise self.error(node, "sum(x) adds the components of one vector x")
        (v,) = arguments
        if isinstance(v, Ones):
            v = self.ones(v, self.n)
        if not is_vector(v):
            raise self.error(node, "sum(x) adds the components of a vector; this is not one")
        return self.counted(sp.Add(*v))
