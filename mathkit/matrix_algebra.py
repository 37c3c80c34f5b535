"""Closed forms read as a small, safe matrix algebra: ``1ᵀ diag(x)``, ``-diag(w) diag(x)^-2``.

A learner writes a Jacobian the way the paper names it, and also the way matrix algebra
builds it. :func:`read_algebra` reads both, over sympy matrices, numerator layout (the paper's:
``J[i, j] = ∂f_i/∂x_j``, m × n). Vectors are columns, as in the paper.

========================================  ===============================================
you type                                  it means
========================================  ===============================================
``x``  (a vector of the exercise)         the column [x₁ … xₙ]
``xᵀ``, ``x^T``, ``x^{T}``, ``x'``,       the transpose (a row); ``T`` after ``^`` is always
``x.T``, ``transpose(x)``, ``x⊤``         the transpose here, never a variable
``diag(x)``, ``diag(x1, x2, x3)``         the diagonal matrix of a vector's components
``I``, ``z I``, ``I_3``, ``eye(3)``       the identity (its size from its partner in a sum or
                                          product, else the answer's size)
``1``, ``𝟏``, ``1ᵀ``, ``ones(3)``         the vector of ones where a vector is needed: ``1ᵀ``,
                                          ``xᵀ 1``, ``x · 1``, ``diag(x) 1``; else the number 1
``A B``, ``A*B``, ``A·B``                 the matrix product (row·column is a scalar,
                                          column·row the outer product); ``w · x`` and
                                          ``dot(w, x)`` between two vectors: the dot product
``z A``, ``A/z``, ``-A``                  a scalar times a matrix
``A + B``, ``A - B``                      equal shapes; a scalar plus a vector: scalar
                                          expansion (``x + z``), as in the paper
``D^-1``, ``D⁻²``, ``inv(D)``, ``A/D``    powers and inverses of a diagonal matrix D
``w ⊗ x``, ``w .* x``, ``w ⊘ x``,         element-wise, as in :mod:`mathkit.vectors`
``w ./ x``, ``x.^2``, ``sin(x)``
``sum(x)``                                the sum of the components
========================================  ===============================================

Inside ``diag( )``, and for a whole answer that is one element-wise formula (``-w/x^2``) where
a column or a matrix is asked, a product or quotient of two vectors is taken component by
component, as the paper writes ``diag(wᵢ/xᵢ)``. Elsewhere it is refused with what to write:
``w x`` ("for the element-wise product write w ⊗ x, for the dot product w · x"), ``w / x``
("write w ⊘ x"); so are products whose shapes do not conform (named with both shapes), a scalar
added to a matrix ("for z on the diagonal write z I"), the inverse of a matrix that is not
diagonal (not needed for the paper's Jacobians), a power of such a matrix other than 1 to 3, a
function (``sin``) of a matrix, ``diag`` of a matrix, ``np.diag`` (write ``diag``), ``.shape``.
The literal ``1`` beside ``I`` is the number (``I*(-1)`` is -I), except that ``I 1`` is 𝟏 where
a column is asked; before a matrix or a vector it is the number too (``1 diag(x)``); after a row
or a matrix it is 𝟏 (``xᵀ 1``, ``diag(x) 1``: write ``diag(x)`` alone for the matrix).

How it works: the learner's text goes through :mod:`mathkit.parse`'s token steps (with a pass,
:mod:`mathkit.matrix_text`, that turns ᵀ, ', .T into ``** T`` and ⊗ ⊘ · into operators the
scalar parser never makes), its syntax-tree checks and size bounds, then this module evaluates
the checked tree over sympy matrices (functions: :mod:`mathkit.matrix_functions`); every
scalar piece is built by the scalar parser's builder, so it passes the same guards. Learner
text never reaches ``eval`` or ``sympify``.

>>> read_algebra("1ᵀ diag(x)", (1, 3), {"x": 3})
Matrix([[x_1, x_2, x_3]])
>>> read_algebra("xᵀ1", (1, 1), {"x": 3})
Matrix([[x_1 + x_2 + x_3]])
"""

from __future__ import annotations

import ast
import importlib
import re

import sympy as sp

from . import vectors as _vectors
from .budget import within_budget
from .matrix_functions import Functions, Identity, Ones, VectorProduct, is_vector, shape_text
from .matrix_text import MATRIX_FUNCTIONS, prepare
from .parse import ParseError

_parse = importlib.import_module(".parse", __package__)

__all__ = ["read_algebra", "read_algebra_with_reading"]

MAX_POWER = 3  # A^k of a square matrix that is not diagonal
MAX_VALUE_NODES = 3000  # numbers, names and operations in all the entries of one value


def _check_growth(entries: list) -> None:
    """Products of full matrices grow their entries fast ((x xᵀ)ᵏ): stop at MAX_VALUE_NODES,
    counted without recursion and without visiting more than that many nodes."""
    stack, count = list(entries), 0
    while stack:
        count += 1
        if count > MAX_VALUE_NODES:
            raise ParseError("the entries get too large to work out: multiply fewer matrices")
        stack.extend(stack.pop().args)


# ---------------------------------------------------------------------------------------------
# The checked tree, evaluated over sympy matrices


class _Algebra(Functions):
    def __init__(self, source, sizes: dict[str, int], bold: set, n: int, elementwise: bool):
        self.vectors = _vectors._VectorBuilder(source, None, sizes)
        self.scalar = self.vectors.scalar
        self.source, self.sizes, self.bold, self.n = source, sizes, bold, n
        self.elementwise = elementwise

    # --- where the learner typed a node -----------------------------------------------------

    def typed(self, node: ast.AST) -> str:
        start = self.scalar.column(node)
        end_code = len(self.source.code.encode()[: node.end_col_offset].decode(errors="ignore"))
        end = self.source.column(end_code - 1) + 1 if end_code else start + 1
        shown = self.source.text[start:end].strip() or "this"
        return shown if len(shown) <= 24 else shown[:21] + "…"

    def error(self, node: ast.AST, message: str, kind=ParseError) -> ParseError:
        return kind(message, self.scalar.column(node))

    # --- which nodes need matrices ----------------------------------------------------------

    def needs_matrices(self, node: ast.AST) -> bool:
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and (
                child.id in self.sizes
                or child.id == "T"
                or re.fullmatch(r"I(_\d+)?", _parse._canonical_name(child.id) or "")
            ):
                return True
            if isinstance(child, ast.Constant) and child.value == 1:
                return True
            if isinstance(child, (ast.Attribute, ast.List)):
                return True
            if isinstance(child, ast.BinOp) and isinstance(
                child.op, (ast.MatMult, ast.Mod, ast.FloorDiv)
            ):
                return True
            if isinstance(child, ast.Call) and getattr(child.func, "id", "") in MATRIX_FUNCTIONS:
                return True
        return False

    # --- evaluation -------------------------------------------------------------------------

    def value(self, node: ast.AST):
        """A sympy scalar, a sympy Matrix, an Identity or an Ones."""
        if not self.needs_matrices(node):
            return self.scalar.expr(node)
        try:
            return self._value(node)
        except ParseError as error:
            if error.position is None:
                error.position = self.scalar.column(node)
            raise
        except (ArithmeticError, ValueError, TypeError, RecursionError, AttributeError):
            message = "sympy cannot work this out: try a simpler formula"
            raise ParseError(message, self.scalar.column(node)) from None

    def _value(self, node: ast.AST):
        if isinstance(node, ast.Constant) and node.value == 1 and type(node.value) is int:
            bold = self.scalar.column(node) in self.bold
            return Ones(sp.S.One, vector=bold)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = self.value(node.operand)
            return value if isinstance(node.op, ast.UAdd) else self.scale(-1, value)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            raise self.error(node, f"write {name}(...) alone, without a module name and `.`")
        if isinstance(node, ast.Attribute):
            if node.attr == "T":
                return self.transposed(self.value(node.value))
            raise self.error(node, f"`.{node.attr}` is not allowed: for the transpose write xᵀ")
        return self.scalar.expr(node)  # refused there, with the scalar parser's message

    def name(self, node: ast.Name):
        if node.id in self.sizes:
            return sp.ImmutableMatrix(_vectors.vector(node.id, self.sizes[node.id]))
        if node.id == "I":
            return Identity(sp.S.One)
        size = re.fullmatch(r"I_(\d+)", _parse._canonical_name(node.id) or "")
        if size:
            return sp.ImmutableMatrix(sp.eye(self.size(int(size[1]), node)))
        if node.id == "T":
            raise self.error(node, "T is the transpose here: write it after a vector, as xᵀ")
        return self.scalar.expr(node)

    def size(self, n, node) -> int:
        if not (isinstance(n, (int, sp.Integer)) and 1 <= int(n) <= _vectors.MAX_SIZE):
            raise self.error(node, f"a size is a whole number from 1 to {_vectors.MAX_SIZE}")
        return int(n)

    def counted(self, M):
        """Count the entries just made against the vector notation's budget; check each."""
        entries = list(M) if isinstance(M, sp.MatrixBase) else [getattr(M, "c", M)]
        _check_growth(entries)
        if isinstance(M, sp.MatrixBase):
            if M.shape == (1, 1):
                return self.vectors.component(M[0])
            for entry in M:
                self.vectors.component(entry)
            return sp.ImmutableMatrix(M)
        if isinstance(M, (Identity, Ones)):
            self.vectors.component(M.c)
            return M
        return self.vectors.component(M)

    # --- lazy values become matrices ------------------------------------------------------

    def ones(self, value: Ones, n: int, row: bool | None = None) -> sp.ImmutableMatrix:
        row = value.row if row is None else row
        return sp.ImmutableMatrix(value.c * (sp.ones(1, n) if row else sp.ones(n, 1)))

    def concrete(self, value, partner=None, side: str = "left"):
        """An Identity sized by its partner (a matrix), else by the answer's size."""
        if isinstance(value, Identity):
            n = self.n
            if isinstance(partner, sp.MatrixBase):
                n = partner.rows if side == "left" else partner.cols
            return sp.ImmutableMatrix(value.c * sp.eye(n))
        if isinstance(value, Ones):
            n = len(partner) if is_vector(partner) else self.n
            return self.ones(value, n)
        return value

    # --- operations -------------------------------------------------------------------------

    def scale(self, c, value):
        if isinstance(value, Identity):
            return Identity(c * value.c)
        if isinstance(value, Ones):
            return Ones(c * value.c, value.row, value.vector)
        return self.counted(c * value)

    def transposed(self, value):
        if isinstance(value, Ones):
            return Ones(value.c, not value.row, True)
        if isinstance(value, sp.MatrixBase):
            return sp.ImmutableMatrix(value.T)
        return value  # a scalar, or c·I

    def binary(self, node: ast.BinOp):
        op = type(node.op)
        if op is ast.Pow and isinstance(node.right, ast.Name) and node.right.id == "T":
            return self.transposed(self.value(node.left))
        left, right = self.value(node.left), self.value(node.right)
        handlers = {
            ast.Add: self.add, ast.Sub: self.subtract, ast.Mult: self.multiply,
            ast.FloorDiv: self.dot, ast.Div: self.divide, ast.Pow: self.power,
            ast.MatMult: self.element_wise, ast.Mod: self.element_wise,
        }  # fmt: skip
        if op not in handlers:
            return self.scalar.expr(node)  # refused there
        return handlers[op](node, left, right)

    def add(self, node, a, b, sign=1):
        if isinstance(a, Ones) and isinstance(b, Ones):
            return Ones(a.c + sign * b.c, a.row or b.row, a.vector or b.vector)
        if isinstance(a, Identity) and isinstance(b, Identity):
            return Identity(a.c + sign * b.c)
        a, b = self.as_scalar(a, b), self.as_scalar(b, a)
        if isinstance(a, Identity) or isinstance(b, Identity):
            other = b if isinstance(a, Identity) else a
            if not (isinstance(other, sp.MatrixBase) and other.is_square and other.rows > 1):
                raise self.error(
                    node,
                    f"{self.typed(node)} adds I to a scalar or a vector; I is a square matrix: "
                    "for z on the diagonal write z I",
                )
            a, b = self.concrete(a, other), self.concrete(b, other)
        matrices = [v for v in (a, b) if isinstance(v, sp.MatrixBase)]
        if len(matrices) == 1 and (b if matrices[0] is a else a) == 0:  # + 0 is the zero matrix
            return self.counted(a if matrices[0] is a else sign * b)
        if len(matrices) == 2 and a.shape != b.shape:
            raise self.error(
                node,
                f"{self.typed(node)} adds a {shape_text(a)} and a {shape_text(b)}: a sum needs "
                "equal shapes",
            )
        if len(matrices) == 1 and not is_vector(matrices[0]) and matrices[0].shape != (1, 1):
            raise self.error(
                node,
                f"{self.typed(node)} adds a scalar to a {shape_text(matrices[0])} matrix: for the "
                "scalar on the diagonal write z I",
            )
        if len(matrices) == 1:
            M = matrices[0]
            s = b if M is a else a
            return self.counted(M.applyfunc(lambda e: e + sign * s if M is a else s + sign * e))
        return self.counted(a + sign * b)

    def subtract(self, node, a, b):
        return self.add(node, a, b, sign=-1)

    def as_scalar(self, value, partner):
        """The literal 1 as the number 1, or as 𝟏 when it is certainly a vector."""
        if isinstance(value, Ones):
            if value.vector:
                return self.ones(value, len(partner) if is_vector(partner) else self.n)
            return value.c
        return value

    def multiply(self, node, a, b):
        lazy = (Identity, Ones)
        if (
            isinstance(a, Identity)
            and isinstance(b, lazy)
            or (isinstance(b, Identity) and isinstance(a, lazy))
        ):
            return self.lazy_product(a, b)
        if isinstance(a, Ones) and not a.vector:  # 1 x, 1 diag(x): the number 1 in front
            return self.scale(a.c, b)
        if isinstance(b, Ones) and not b.vector:
            if isinstance(a, Ones) and a.row:  # 1ᵀ 1 = n
                a, b = self.ones(a, self.n), self.ones(b, self.n)
            elif isinstance(a, sp.MatrixBase) and a.cols > 1:  # xᵀ1, diag(x) 1: the vector of ones
                b = self.ones(b, a.cols)
            elif isinstance(a, (sp.MatrixBase, Ones)):
                return self.scale(b.c, a)
            else:
                return self.scale(a, b)  # z 1: still the 1 that may be 𝟏
        if not isinstance(a, (sp.MatrixBase, Identity, Ones)):
            return self.scale(a, b)
        if not isinstance(b, (sp.MatrixBase, Identity, Ones)):
            return self.scale(b, a)
        if isinstance(a, Identity) or isinstance(b, Identity):
            return self.scale(a.c, b) if isinstance(a, Identity) else self.scale(b.c, a)
        a = self.resolve_ones(a, b, "left")
        b = self.resolve_ones(b, a, "right")
        return self.product(node, a, b)

    def lazy_product(self, a, b):
        """c·I times c'·I or a 1: I I = I, I 𝟏 = 𝟏, 1ᵀ I = 1ᵀ; the literal 1 beside I is the
        number (``I*(-1)`` is -I)."""
        ones = a if isinstance(a, Ones) else b if isinstance(b, Ones) else None
        if ones is not None and ones.vector:
            return Ones(a.c * b.c, ones.row, True)
        return Identity(a.c * b.c, or_ones=ones is b and not ones.row)

    def resolve_ones(self, value, partner, side):
        if not isinstance(value, Ones):
            return value
        if isinstance(partner, sp.MatrixBase):
            n = partner.rows if side == "left" else partner.cols
            if value.row == (side == "right"):  # 1ᵀ on the right, 1 on the left: outer product
                n = len(partner) if is_vector(partner) else self.n
            return self.ones(value, n)
        return self.ones(value, self.n)

    def product(self, node, a: sp.MatrixBase, b: sp.MatrixBase):
        if a.shape == (1, 1) or b.shape == (1, 1):
            return self.scale(a[0], b) if a.shape == (1, 1) else self.scale(b[0], a)
        if self.elementwise and a.shape == b.shape and is_vector(a):
            return self.counted(a.multiply_elementwise(b))
        if a.cols != b.rows:
            left, right = _sides(node)
            if a.shape == b.shape and is_vector(a):
                pair = ast.BinOp(left=left, op=ast.Mult(), right=right)
                raise self.error(node, _vectors._two_vectors(pair), VectorProduct)
            raise self.error(
                node,
                f"{self.typed(left)} is {shape_text(a)} and {self.typed(right)} is "
                f"{shape_text(b)}: a matrix product needs as many columns in the first as rows "
                "in the second",
            )
        self.vectors.operations += a.rows * a.cols * b.cols
        return self.counted(a * b)

    def dot(self, node, a, b):
        """``·``: the dot product between two vectors (``w · x``, ``x · 1``), else a product."""
        column = is_vector(a) and a.cols == 1 or is_vector(b) and b.cols == 1
        if column and isinstance(b, Ones) and not b.row:  # x · 1: the sum of x
            b = self.ones(b, len(a))
        if column and isinstance(a, Ones) and not a.row:  # 1 · x; but 1 · xᵀ is xᵀ
            a = self.ones(a, len(b))
        if is_vector(a) and is_vector(b) and a.cols == b.cols == 1:
            if len(a) != len(b):
                raise self.error(
                    node, f"the dot product needs vectors of one size: {len(a)}, {len(b)}"
                )
            return self.counted(sp.Add(*[p * q for p, q in zip(a, b, strict=True)]))
        return self.multiply(node, a, b)

    def divide(self, node, a, b):
        if isinstance(b, Ones):  # z/1 is z; z/𝟏 divides by each component of 𝟏
            b = self.ones(b, len(a) if is_vector(a) else self.n) if b.vector else b.c
        if isinstance(a, Ones) and not a.vector and isinstance(b, (Identity, sp.MatrixBase)):
            a = a.c
        if isinstance(b, Identity):
            return self.scale(self.reciprocal(node, b.c), a)
        if not isinstance(b, sp.MatrixBase):
            return self.scale(self.reciprocal(node, b), a)
        if is_vector(b) and not isinstance(a, (sp.MatrixBase, Identity, Ones)):
            return self.counted(b.applyfunc(lambda e: a * self.reciprocal(node, e)))
        if is_vector(b) and isinstance(a, sp.MatrixBase) and a.shape == b.shape:
            if self.elementwise:
                return self.counted(a.multiply_elementwise(b.applyfunc(self.reciprocal_of(node))))
            left, right = self.typed(node.left), self.typed(node.right)
            raise self.error(
                node.right,
                f"{left} / {right} divides two vectors: for element-wise division write "
                f"{left} ⊘ {right}",
                VectorProduct,
            )
        inverse = self.inverse(node.right, b)
        if not isinstance(a, (sp.MatrixBase, Identity, Ones)):
            return self.scale(a, inverse)
        a = self.concrete(self.as_scalar(a, b), b, "left")
        if not isinstance(a, sp.MatrixBase):
            return self.scale(a, inverse)
        if not (a.is_square and a.is_diagonal()):
            raise self.error(
                node,
                "dividing by a matrix is ambiguous: multiply by its inverse on the side you mean, "
                "A D^-1 or D^-1 A",
            )
        return self.product(node, a, inverse)

    def reciprocal(self, node, c):
        if c == 0:
            self.undefined(node)
        return self.scalar.at(node, _parse._power, c, sp.S.NegativeOne)

    def reciprocal_of(self, node):
        return lambda c: self.reciprocal(node, c)

    def undefined(self, node):
        raise self.error(node, "this is undefined (a division by zero)")

    def inverse(self, node, M: sp.MatrixBase):
        if not (M.is_square and M.is_diagonal()):
            raise self.error(
                node,
                f"only the inverse of a diagonal matrix is needed here; {self.typed(node)} is "
                f"{'not diagonal' if M.is_square else shape_text(M)}",
            )
        diagonal = [self.reciprocal(node, e) for e in M.diagonal()]
        return self.counted(sp.diag(*diagonal))

    def power(self, node, a, k):
        if isinstance(k, Ones):
            k = k.c
        if isinstance(k, sp.MatrixBase) and is_vector(k) and not isinstance(a, sp.MatrixBase):
            a = a.c if isinstance(a, Ones) else a  # e^x, 2^x: for each component, as sin(x)
            if not isinstance(a, Identity):
                power = _parse._power
                return self.counted(k.applyfunc(lambda e: self.scalar.at(node.right, power, a, e)))
        if isinstance(k, (sp.MatrixBase, Identity)):
            raise self.error(node.right, "an exponent must be a number or a scalar, not a vector")
        if isinstance(a, Ones):
            return Ones(self.scalar.at(node.right, _parse._power, a.c, k), a.row, a.vector)
        if isinstance(a, Identity):
            return Identity(self.scalar.at(node.right, _parse._power, a.c, k))
        if not isinstance(a, sp.MatrixBase):
            return self.counted(self.scalar.at(node.right, _parse._power, a, k))
        if is_vector(a):
            return self.counted(
                a.applyfunc(lambda e: self.scalar.at(node.right, _parse._power, e, k))
            )
        if a.is_square and a.is_diagonal():
            if k.is_negative and any(e == 0 for e in a.diagonal()):
                self.undefined(node)
            return self.counted(
                a.applyfunc(
                    lambda e: self.scalar.at(node.right, _parse._power, e, k) if e != 0 else e
                )
            )
        if a.is_square and k.is_Integer and 1 <= k <= MAX_POWER:
            self.vectors.operations += int(k) * a.rows**3
            return self.counted(a ** int(k))
        raise self.error(
            node,
            f"{self.typed(node)}: only a diagonal matrix takes a power other than 1 to "
            f"{MAX_POWER} here",
        )

    def element_wise(self, node, a, b):
        divide = isinstance(node.op, ast.Mod)
        a, b = self.as_scalar(a, b), self.as_scalar(b, a)
        a, b = self.concrete(a, b, "left"), self.concrete(b, a, "right")
        if isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase):
            if a.shape != b.shape:
                raise self.error(
                    node, f"⊗ and ⊘ need equal shapes: {shape_text(a)} and {shape_text(b)}"
                )
            b = b.applyfunc(lambda e: _parse._power(e, sp.S.NegativeOne)) if divide else b
            return self.counted(a.multiply_elementwise(b))
        if divide:
            return self.divide(node, a, b)
        return self.multiply(node, a, b)

    # --- functions ----------------------------------------------------------------------------


def _sides(node: ast.AST) -> tuple[ast.AST, ast.AST]:
    """The two factors of a product: ``a * b``, or ``dot(a, b)``."""
    if isinstance(node, ast.BinOp):
        return node.left, node.right
    if isinstance(node, ast.Call) and len(node.args) == 2:
        return node.args[0], node.args[1]
    return node, node


# ---------------------------------------------------------------------------------------------
# The answer at its expected size


def _finished(value, shape: tuple[int, int], n: int) -> sp.Matrix:
    rows, cols = shape
    if isinstance(value, Identity) and value.or_ones and cols == 1 and rows > 1:
        return value.c * sp.ones(rows, 1)  # I 1 where a column is asked: I·𝟏 = 𝟏
    if isinstance(value, Identity):  # n × n where the Jacobian is not square: judged there
        return value.c * sp.eye(rows if rows == cols else n)
    if isinstance(value, Ones):
        if value.row:
            return value.c * sp.ones(1, cols if rows == 1 and cols > 1 else n)
        if cols == 1 and rows > 1:
            return value.c * sp.ones(rows, 1)
        return value.c * sp.ones(n, 1) if value.vector else sp.Matrix([[value.c]])
    if isinstance(value, sp.MatrixBase):
        return sp.Matrix(value)
    return sp.zeros(rows, cols) if value == 0 else sp.Matrix([[value]])


def _default_size(shape: tuple[int, int], sizes: dict[str, int]) -> int:
    """The size of an I or a 1 that nothing else sizes: the answer's, else the vectors'."""
    rows, cols = shape
    if rows > 1 or cols > 1:
        return rows if rows == cols or cols == 1 else cols
    return next(iter(set(sizes.values()))) if len(set(sizes.values())) == 1 else 1


@within_budget
def read_algebra_with_reading(
    text: str, shape: tuple[int, int], vectors: dict[str, int] | None = None, names=()
) -> tuple[sp.Matrix, str | None]:
    """``(matrix, reading)``: the answer at ``shape`` (rows, columns) and how it was read
    (``z·I`` for ``zI``) when a run of names was split, else None. ``vectors``: the exercise's
    vectors and sizes; ``names``: its other one-letter names (``z``, ``b``), which may be
    written next to each other (``zI``, ``z1ᵀ``).

    >>> read_algebra_with_reading("zI", (2, 2), {}, ["z"])
    (Matrix([
    [z, 0],
    [0, z]]), 'z·I')
    """
    sizes = _vectors.check_vectors(vectors or {})
    known = frozenset(sizes) | frozenset(str(n) for n in names)
    source, bold, reading = prepare(text, known, sizes)
    try:
        tree = _parse._syntax_tree(source)
    except SystemError:  # CPython's AST builder, disturbed deep in a long formula
        raise ParseError("the formula is too complicated to read") from None
    _parse._check_size(tree, source)
    n = _default_size(shape, sizes)
    try:
        value = _Algebra(source, sizes, bold, n, elementwise=False).value(tree)
    except VectorProduct:
        if shape[0] == 1:  # a scalar or a row is asked: w x is more likely w · x, so say so
            raise
        value = _Algebra(source, sizes, bold, n, elementwise=True).value(tree)
    return _finished(value, shape, n), reading


def read_algebra(text: str, shape: tuple[int, int], vectors: dict[str, int] | None = None):
    """The matrix typed in ``text``, read for a Jacobian of ``shape`` (see the module's table).

    >>> read_algebra("-diag(w) diag(x)^-2", (2, 2), {"w": 2, "x": 2})
    Matrix([
    [-w_1/x_1**2,           0],
    [          0, -w_2/x_2**2]])
    """
    return read_algebra_with_reading(text, shape, vectors)[0]
