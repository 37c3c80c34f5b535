"""Readers of lists, matrices and shapes: :func:`parse_matrix` (``[[a, b], [c, d]]``,
``[a, b; c, d]``, ``[a, b]ᵀ``, ``2/3 [5/2, 1]``), :func:`read_entries` (the same, decimals exact
and kept as typed) and :func:`parse_shape` (``3x1``, ``2 by 3``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import NamedTuple

import sympy

from .budget import within_budget
from .parse_build import _Builder, _is_list, _read
from .parse_limits import ParseError, _count
from .parse_numbers import _check_result, _power


class Entries(NamedTuple):
    """A matrix as read (:func:`read_entries`), and for each entry, row by row, the decimal
    number typed for it when the entry is one (``"-1.67"``), else None."""

    matrix: sympy.Matrix
    decimals: tuple[str | None, ...]

    @property
    def T(self) -> Entries:  # noqa: N802 (the transpose, as sympy names it)
        rows, cols = self.matrix.shape
        order = [r * cols + c for c in range(cols) for r in range(rows)]
        return Entries(self.matrix.T, tuple(self.decimals[i] for i in order))


@within_budget
def parse_matrix(
    text: str, variables=None, *, flat: str = "column", exact: bool = False
) -> sympy.Matrix:
    """Read a learner's matrix: ``[[a, b], [c, d]]`` is 2 x 2, ``[a, b]`` a column, ``a`` is 1 x 1.

    Also read: rows ended by ``;`` as in MATLAB (``[a, b; c, d]``, and ``[a; b]`` a column), a
    transposed list (``[a, b]ᵀ``, ``[a, b]^T``), a list times or divided by a number
    (``2/3*[5/2, 1]``, ``[5, 2]/3``), and ``(a, b)`` as ``[a, b]``. ``flat="row"`` reads a flat
    list as a row (the paper's ∇f = [a, b]); ``exact`` reads decimals as exact fractions.

    >>> print(parse_matrix("[[6*x*y, 3x^2], [2, 8y^7]]"))
    Matrix([[6*x*y, 3*x**2], [2, 8*y**7]])
    >>> parse_matrix("[a, b]").shape, parse_matrix("[[a, b]]").shape, parse_matrix("a").shape
    ((2, 1), (1, 2), (1, 1))
    >>> print(parse_matrix("[a, b; c, d]"), parse_matrix("2/3 [5/2, 1]^T", flat="row"))
    Matrix([[a, b], [c, d]]) Matrix([[5/3], [2/3]])
    """
    return _matrix_entries(text, variables, flat, exact).matrix


@within_budget
def read_entries(text: str, variables=None, *, flat: str = "column") -> Entries:
    """:func:`parse_matrix` with decimals read exactly, and each entry's decimal as typed, so that
    a checker can judge ``1.67`` as typed to 3 significant digits (:mod:`mathkit.rounding`).

    >>> read_entries("[1.67, -0.5, 2/3]", flat="row")
    Entries(matrix=Matrix([[167/100, -1/2, 2/3]]), decimals=('1.67', '-0.5', None))
    """
    return _matrix_entries(text, variables, flat, exact=True)


def _matrix_entries(text: str, variables, flat: str, exact: bool) -> Entries:
    if flat not in ("column", "row"):
        raise ValueError(f'flat is "column" or "row", not {flat!r}')
    tree, builder = _read(text, variables, exact)
    return _MatrixReader(builder, flat).entries(tree)


def _holds_list(node: ast.AST) -> bool:
    """Whether a node is a list, or a transpose, sign, product or quotient with a list in it."""
    if _is_list(node):
        return True
    if isinstance(node, ast.Attribute):
        return node.attr == "T"
    if isinstance(node, ast.UnaryOp):
        return _holds_list(node.operand)
    if isinstance(node, ast.BinOp):
        return _holds_list(node.left) or _holds_list(node.right)
    return False


class _MatrixReader:
    """A matrix from a checked tree: a list (of lists), transposed, signed or times a number."""

    def __init__(self, builder: _Builder, flat: str):
        self.builder, self.flat = builder, flat

    def entries(self, node: ast.AST) -> Entries:
        if not _holds_list(node):
            return Entries(sympy.Matrix([[self.builder.expr(node)]]), (self.decimal(node),))
        try:
            return self.matrix(node)
        except ParseError as error:
            if error.position is None:
                error.position = self.builder.column(node)
            raise

    def decimal(self, node: ast.AST) -> str | None:
        return self.builder.decimal(node) if self.builder.exact else None

    def matrix(self, node: ast.AST) -> Entries:
        if _is_list(node):
            return self.grid(node)
        if isinstance(node, ast.Attribute):  # .T, from ᵀ or ^T after a list
            if not _holds_list(node.value):
                raise ParseError("`ᵀ` (transpose) goes right after a list, like [a, b]ᵀ")
            return self.matrix(node.value).T
        if isinstance(node, ast.UnaryOp):
            inner = self.matrix(node.operand)
            if isinstance(node.op, ast.UAdd):
                return inner
            if isinstance(node.op, ast.USub):
                negated = tuple(_negated(d) for d in inner.decimals)
                return Entries(-inner.matrix, negated)
            raise ParseError("this operator is not allowed")
        if isinstance(node, ast.BinOp):
            return self.scaled(node)
        raise ParseError("a list [...] can only be the whole answer, not part of a formula")

    def scaled(self, node: ast.BinOp) -> Entries:
        """``c * [a, b]``, ``[a, b] * c`` or ``[a, b] / c`` for a number or formula c."""
        left, right = _holds_list(node.left), _holds_list(node.right)
        if isinstance(node.op, ast.Mult) and left != right:
            M = self.matrix(node.left if left else node.right).matrix
            c = self.builder.expr(node.right if left else node.left)
            return self.each(M, lambda entry: sympy.Mul(c, entry))
        if isinstance(node.op, ast.Div) and left and not right:
            M = self.matrix(node.left).matrix
            c = self.builder.expr(node.right)
            return self.each(M, lambda entry: sympy.Mul(entry, _power(c, sympy.S.NegativeOne)))
        if isinstance(node.op, (ast.Add, ast.Sub)):
            message = "add the lists entry by entry, and type one list"
        elif isinstance(node.op, ast.Div):
            message = "a number can't be divided by a list: divide each entry instead"
        elif isinstance(node.op, ast.Mult):
            message = "type one matrix: multiply the lists out yourself"
        else:
            message = "a list can be multiplied or divided by a number, nothing else"
        raise ParseError(message)

    def each(self, M: sympy.Matrix, function: Callable) -> Entries:
        values = [function(entry) for entry in M]
        for value in values:
            _check_result(value)
        return Entries(sympy.Matrix(M.rows, M.cols, values), (None,) * len(values))

    def grid(self, node: ast.List | ast.Tuple) -> Entries:
        builder = self.builder
        rows = builder.items(node, "rows")
        if not any(_is_list(row) for row in rows):
            values = [builder.expr(item) for item in rows]
            decimals = tuple(self.decimal(item) for item in rows)
            column = Entries(sympy.Matrix(values), decimals)
            return column.T if self.flat == "row" else column
        for row in rows:
            if not _is_list(row):
                message = "every row needs its own brackets, like [[a, b], [c, d]]"
                raise ParseError(message, builder.column(row))
        entries = [builder.items(row, "columns") for row in rows]
        for row, row_entries in zip(rows, entries, strict=True):
            if len(row_entries) != len(entries[0]):
                wanted, found = len(entries[0]), len(row_entries)
                message = f"every row needs {_count(wanted, 'entry', 'entries')}, like the first; "
                raise ParseError(f"{message}this one has {found}", builder.column(row))
        values = [[builder.expr(entry) for entry in row] for row in entries]
        decimals = tuple(self.decimal(entry) for row in entries for entry in row)
        return Entries(sympy.Matrix(values), decimals)


def _negated(decimal: str | None) -> str | None:
    if decimal is None:
        return None
    return decimal[1:] if decimal.startswith("-") else "-" + decimal


_SHAPE = re.compile(
    r"(?:an?\s+)?([0-9]{1,3})\s*(?:rows?)?\s*(?:x|×|\*|-?\s*by\s*-?|,|and|,\s*and)\s*"
    r"([0-9]{1,3})\s*(?:col(?:umn)?s?)?\s*(?:matrix|vector)?",
    re.IGNORECASE,
)


def parse_shape(text: str) -> tuple[int, int]:
    """``"3x1"``, ``"3×1"``, ``"3 by 1"``, ``"3-by-1"``, ``"(3, 1)"``, ``"3 rows, 1 column"``,
    ``"a 3 × 1 matrix"`` -> ``(3, 1)``: rows, then columns.

    >>> parse_shape("3 by 1"), parse_shape("(2, 3)"), parse_shape("1×1")
    ((3, 1), (2, 3), (1, 1))
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a shape as text (a str), not {type(text).__name__}")
    stripped = text.strip()[:100]
    if stripped[:1] in "([" and stripped[-1:] in ")]":
        stripped = stripped[1:-1].strip()
    match = _SHAPE.fullmatch(stripped)
    if match is None:
        raise ParseError("write a shape as rows x columns, like 3x1 or 2 by 3")
    rows, columns = int(match[1]), int(match[2])
    if rows < 1 or columns < 1:
        raise ParseError("a shape has at least 1 row and 1 column")
    return rows, columns
