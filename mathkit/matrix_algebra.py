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

Inside ``diag( )``, and for a whole answer that is one element-wise formula (``-w/x^2``), a
product or quotient of two vectors is taken component by component, as the paper writes
``diag(wᵢ/xᵢ)``. Elsewhere it is refused with what to write: ``w x`` ("for the element-wise
product write w ⊗ x, for the dot product w · x (or wᵀ x)"), ``w / x`` ("write w ⊘ x"); so are
products whose shapes do not conform (named with both shapes), a scalar added to a matrix
("for z on the diagonal write z I"), the inverse of a matrix that is not diagonal (not needed
for the paper's Jacobians), a function (``sin``) of a matrix, ``diag`` of a matrix.

How it works: the learner's text goes through :mod:`mathkit.parse`'s token steps (with a pass
that turns ᵀ, ', .T into ``** T`` and ⊗ ⊘ · into operators the scalar parser never makes),
its syntax-tree checks and size bounds, then this module evaluates the checked tree over
sympy matrices; every scalar piece is built by the scalar parser's builder, so it passes the
same guards. Learner text never reaches ``eval`` or ``sympify``.

>>> read_algebra("1ᵀ diag(x)", (1, 3), {"x": 3})
Matrix([[x_1, x_2, x_3]])
>>> read_algebra("xᵀ1", (1, 1), {"x": 3})
Matrix([[x_1 + x_2 + x_3]])
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass

import sympy as sp

from . import vectors as _vectors
from .budget import within_budget
from .parse import FUNCTIONS, ParseError

_parse = importlib.import_module(".parse", __package__)

__all__ = ["read_algebra", "read_algebra_with_reading"]

MAX_POWER = 3  # A^k of a square matrix that is not diagonal
_TRANSPOSE_MARKS = "ᵀ'′⊤"
_BOLD_ONE = "𝟏"
_MATRIX_FUNCTIONS = ("diag", "transpose", "inv", "ones", "eye", "zeros", "sum", "dot")


class _VectorProduct(ParseError):
    """Two vectors multiplied or divided with * or /: read element-wise where the paper does."""


@dataclass(frozen=True)
class _Identity:
    """c·I, its size taken from its partner."""

    c: sp.Expr


@dataclass(frozen=True)
class _Ones:
    """The literal 1 times c: the number c, or c·𝟏 (a column; a row if ``row``) where a vector is
    needed. ``vector``: certainly the vector of ones (``𝟏``, ``1ᵀ``)."""

    c: sp.Expr
    row: bool = False
    vector: bool = False


# ---------------------------------------------------------------------------------------------
# Text -> checked tokens -> syntax tree


def _marked_text(text: str) -> tuple[str, dict[int, str]]:
    """The text with ᵀ ' ⊤ (transpose), 𝟏 (bold one) and ⊗ ⊘ replaced one character for one,
    and what each replaced column was."""
    text = re.sub(r"\^(\s*)\{(\s*T\s*)\}", r"^\1(\2)", text)  # x^{T} -> x^(T)
    marks: dict[int, str] = {}
    plain = []
    for i, char in enumerate(text):
        if char in _TRANSPOSE_MARKS:
            marks[i], char = "T", ","
        elif char == _BOLD_ONE:
            marks[i], char = "1", "1"
        elif char in "⊗⊙⊘":
            marks[i], char = _vectors._PRE_PASS[char], "*"
        plain.append(char)
    return "".join(plain), marks


def _transpose(t) -> list:
    Token = _parse.Token
    return [Token("op", "**", t.col, t.spaced, t.source), Token("mark", "T", t.col, False, "")]


def _mark_transposes(tokens: list, marks: dict[int, str]) -> list:
    """ᵀ, ', ^T, ^(T), .T become ``** T`` with T a mark the later steps leave alone."""
    out: list = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        ahead = [u.text for u in tokens[i + 1 : i + 4]]
        if t.kind == "op" and marks.get(t.col) == "T":
            if out and out[-1].text == "." and out[-1].kind == "op":  # MATLAB's .'
                out.pop()
            out.extend(_transpose(t))
        elif t.text in ("^", "**", ".") and ahead[:1] == ["T"]:
            out.extend(_transpose(t))
            i += 1
        elif t.text in ("^", "**") and ahead == ["(", "T", ")"]:
            out.extend(_transpose(t))
            i += 3
        elif t.text == "^" and out and out[-1].kind == "op" and out[-1].text == ".":
            out.pop()  # x.^2: the element-wise power, as the paper's powers of a vector are
            out.append(t)
        elif t.kind == "number" and t.text.endswith(".") and ahead[:1] == ["^"]:
            out.append(t._replace(text=t.text[:-1] or "0"))
        else:
            out.append(t)
        i += 1
    return out


def _split_names(tokens: list, known: frozenset, vectors: dict) -> tuple[list, bool]:
    """``zI`` -> z I and ``z1`` -> z 1 where z is a scalar of the exercise (not z₁): the runs of
    names the other readers split (``6xy``). Returns the tokens and whether one was split."""
    out: list = []
    split = False
    Token = _parse.Token
    for t in tokens:
        if t.kind != "name" or t.text in _MATRIX_FUNCTIONS:
            out.append(t)
            continue
        ones = re.fullmatch(r"([A-Za-z])1", t.text)
        if ones and ones[1] in known and ones[1] not in vectors and f"{ones[1]}_1" not in known:
            out.append(t._replace(text=ones[1], source=ones[1]))
            out.append(Token("number", "1", t.col + 1, True, "1"))  # z 1: a product
            split = True
            continue
        pieces = _parse._split_letter_runs([t], known)
        split = split or len(pieces) > 1
        out.extend(pieces)
    return out, split


def _implicit_products(tokens: list) -> list:
    """The scalar parser's ``2x``, ``x y`` rule, and a product after a transpose (``xᵀ1``)."""
    out: list = []
    Token = _parse.Token
    for left, right in zip([None, *tokens], tokens, strict=False):
        if left is not None and right.kind != "mark":
            starts = right.kind in ("number", "name") or right.text == "("
            if (left.kind == "mark" and starts) or (
                left.kind != "mark" and _parse._is_product(left, right)
            ):
                out.append(Token("op", "*", right.col, False, ""))
        out.append(right)
    return out


def _prepare(text: str, names: frozenset, vectors: dict):
    """The learner's text as Python source for the syntax tree, the columns of bold ones, and
    how it was read (``z·I``) when a run of names was split, else None."""
    p = _parse
    if not isinstance(text, str):
        raise TypeError(f"expected the answer as text (a str), not {type(text).__name__}")
    if len(text) > p.MAX_LENGTH:
        raise ParseError(f"the answer is too long: at most {p.MAX_LENGTH} characters", p.MAX_LENGTH)
    plain, marks = _marked_text(text)
    operators = {col: mark for col, mark in marks.items() if mark not in ("T", "1")}
    tokens = p._tokenize(plain)
    p._check_runs(tokens)
    tokens = _vectors._mark_operators(tokens, operators, text)
    tokens = _mark_transposes(tokens, marks)
    split = False
    for transform in p._TRANSFORMS:
        if transform is p._implicit_multiplication:
            tokens = _implicit_products(tokens)
            continue
        tokens = transform(tokens)
        if transform is p._subscripts:
            tokens, split = _split_names(tokens, names | {"I"}, vectors)
    bold = {col for col, mark in marks.items() if mark == "1"}
    return p._to_source(tokens, text), bold, (p._reading(tokens, text) if split else None)


# ---------------------------------------------------------------------------------------------
# The checked tree, evaluated over sympy matrices


def _shape(M) -> str:
    return f"{M.rows} × {M.cols}"


def _is_vector(M) -> bool:
    return isinstance(M, sp.MatrixBase) and 1 in M.shape and len(M) > 1


class _Algebra:
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
            if isinstance(child, ast.Call) and getattr(child.func, "id", "") in _MATRIX_FUNCTIONS:
                return True
        return False

    # --- evaluation -------------------------------------------------------------------------

    def value(self, node: ast.AST):
        """A sympy scalar, a sympy Matrix, an _Identity or an _Ones."""
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
            return _Ones(sp.S.One, vector=bold)
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
            return _Identity(sp.S.One)
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
        if isinstance(M, sp.MatrixBase):
            if M.shape == (1, 1):
                return self.vectors.component(M[0])
            for entry in M:
                self.vectors.component(entry)
            return sp.ImmutableMatrix(M)
        if isinstance(M, (_Identity, _Ones)):
            self.vectors.component(M.c)
            return M
        return self.vectors.component(M)

    # --- lazy values become matrices ------------------------------------------------------

    def ones(self, value: _Ones, n: int, row: bool | None = None) -> sp.ImmutableMatrix:
        row = value.row if row is None else row
        return sp.ImmutableMatrix(value.c * (sp.ones(1, n) if row else sp.ones(n, 1)))

    def concrete(self, value, partner=None, side: str = "left"):
        """An _Identity sized by its partner (a matrix), else by the answer's size."""
        if isinstance(value, _Identity):
            n = self.n
            if isinstance(partner, sp.MatrixBase):
                n = partner.rows if side == "left" else partner.cols
            return sp.ImmutableMatrix(value.c * sp.eye(n))
        if isinstance(value, _Ones):
            n = len(partner) if _is_vector(partner) else self.n
            return self.ones(value, n)
        return value

    # --- operations -------------------------------------------------------------------------

    def scale(self, c, value):
        if isinstance(value, _Identity):
            return _Identity(c * value.c)
        if isinstance(value, _Ones):
            return _Ones(c * value.c, value.row, value.vector)
        return self.counted(c * value)

    def transposed(self, value):
        if isinstance(value, _Ones):
            return _Ones(value.c, not value.row, True)
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
        if isinstance(a, _Ones) and isinstance(b, _Ones):
            return _Ones(a.c + sign * b.c, a.row or b.row, a.vector or b.vector)
        if isinstance(a, _Identity) and isinstance(b, _Identity):
            return _Identity(a.c + sign * b.c)
        a, b = self.as_scalar(a, b), self.as_scalar(b, a)
        if isinstance(a, _Identity) or isinstance(b, _Identity):
            other = b if isinstance(a, _Identity) else a
            if not (isinstance(other, sp.MatrixBase) and other.is_square and other.rows > 1):
                raise self.error(
                    node,
                    f"{self.typed(node)} adds I to a scalar or a vector; I is a square matrix: "
                    "for z on the diagonal write z I",
                )
            a, b = self.concrete(a, other), self.concrete(b, other)
        matrices = [v for v in (a, b) if isinstance(v, sp.MatrixBase)]
        if len(matrices) == 2 and a.shape != b.shape:
            raise self.error(
                node,
                f"{self.typed(node)} adds a {_shape(a)} and a {_shape(b)}: a sum needs equal "
                "shapes",
            )
        if len(matrices) == 1 and not _is_vector(matrices[0]) and matrices[0].shape != (1, 1):
            raise self.error(
                node,
                f"{self.typed(node)} adds a scalar to a {_shape(matrices[0])} matrix: for the "
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
        if isinstance(value, _Ones):
            if value.vector:
                return self.ones(value, len(partner) if _is_vector(partner) else self.n)
            return value.c
        return value

    def multiply(self, node, a, b):
        if isinstance(a, _Ones) and not a.vector:  # 1 x, 1 diag(x): the number 1 in front
            return self.scale(a.c, b)
        if isinstance(b, _Ones) and not b.vector:
            if isinstance(a, sp.MatrixBase) and a.cols > 1:  # xᵀ1, diag(x) 1: the vector of ones
                b = self.ones(b, a.cols)
            else:
                return self.scale(b.c, a)
        if not isinstance(a, (sp.MatrixBase, _Identity, _Ones)):
            return self.scale(a, b)
        if not isinstance(b, (sp.MatrixBase, _Identity, _Ones)):
            return self.scale(b, a)
        if isinstance(a, _Identity) and isinstance(b, _Identity):
            return _Identity(a.c * b.c)
        if isinstance(a, _Identity) and isinstance(b, _Ones):
            return _Ones(a.c * b.c, b.row, True)
        if isinstance(b, _Identity) and isinstance(a, _Ones):
            return _Ones(a.c * b.c, a.row, True)
        if isinstance(a, _Identity) or isinstance(b, _Identity):
            return self.scale(a.c, b) if isinstance(a, _Identity) else self.scale(b.c, a)
        a = self.resolve_ones(a, b, "left")
        b = self.resolve_ones(b, a, "right")
        return self.product(node, a, b)

    def resolve_ones(self, value, partner, side):
        if not isinstance(value, _Ones):
            return value
        if isinstance(partner, sp.MatrixBase):
            n = partner.rows if side == "left" else partner.cols
            if value.row == (side == "right"):  # 1ᵀ on the right, 1 on the left: outer product
                n = len(partner) if _is_vector(partner) else self.n
            return self.ones(value, n)
        return self.ones(value, self.n)

    def product(self, node, a: sp.MatrixBase, b: sp.MatrixBase):
        if a.shape == (1, 1) or b.shape == (1, 1):
            return self.scale(a[0], b) if a.shape == (1, 1) else self.scale(b[0], a)
        if self.elementwise and a.shape == b.shape and _is_vector(a):
            return self.counted(a.multiply_elementwise(b))
        if a.cols != b.rows:
            if a.shape == b.shape and _is_vector(a):
                raise self.error(node, _vectors._two_vectors(node), _VectorProduct)
            raise self.error(
                node,
                f"{self.typed(node.left)} is {_shape(a)} and {self.typed(node.right)} is "
                f"{_shape(b)}: a matrix product needs as many columns in the first as rows in the "
                "second",
            )
        self.vectors.operations += a.rows * a.cols * b.cols
        return self.counted(a * b)

    def dot(self, node, a, b):
        """``·``: the dot product between two vectors (``w · x``, ``x · 1``), else a product."""
        if _is_vector(a) and isinstance(b, _Ones) and not b.row:
            b = self.ones(b, len(a))
        if _is_vector(b) and isinstance(a, _Ones) and not a.row:
            a = self.ones(a, len(b))
        if _is_vector(a) and _is_vector(b) and a.cols == b.cols == 1:
            if len(a) != len(b):
                raise self.error(
                    node, f"the dot product needs vectors of one size: {len(a)}, {len(b)}"
                )
            return self.counted(sp.Add(*[p * q for p, q in zip(a, b, strict=True)]))
        return self.multiply(node, a, b)

    def divide(self, node, a, b):
        if isinstance(b, _Ones) and not b.vector:
            b = b.c
        if isinstance(a, _Ones) and not a.vector and isinstance(b, (_Identity, sp.MatrixBase)):
            a = a.c
        if isinstance(b, _Identity):
            return self.scale(self.reciprocal(node, b.c), a)
        if not isinstance(b, sp.MatrixBase):
            return self.scale(self.reciprocal(node, b), a)
        if _is_vector(b) and not isinstance(a, (sp.MatrixBase, _Identity, _Ones)):
            return self.counted(b.applyfunc(lambda e: a * self.reciprocal(node, e)))
        if _is_vector(b) and isinstance(a, sp.MatrixBase) and a.shape == b.shape:
            if self.elementwise:
                return self.counted(a.multiply_elementwise(b.applyfunc(self.reciprocal_of(node))))
            left, right = self.typed(node.left), self.typed(node.right)
            raise self.error(
                node.right,
                f"{left} / {right} divides two vectors: for element-wise division write "
                f"{left} ⊘ {right}",
                _VectorProduct,
            )
        inverse = self.inverse(node.right, b)
        if not isinstance(a, (sp.MatrixBase, _Identity, _Ones)):
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
                f"{'not diagonal' if M.is_square else _shape(M)}",
            )
        diagonal = [self.reciprocal(node, e) for e in M.diagonal()]
        return self.counted(sp.diag(*diagonal))

    def power(self, node, a, k):
        if isinstance(k, _Ones):
            k = k.c
        if isinstance(k, (sp.MatrixBase, _Identity)):
            raise self.error(node.right, "an exponent must be a number or a scalar, not a vector")
        if isinstance(a, _Ones):
            return _Ones(self.scalar.at(node.right, _parse._power, a.c, k), a.row, a.vector)
        if isinstance(a, _Identity):
            return _Identity(self.scalar.at(node.right, _parse._power, a.c, k))
        if not isinstance(a, sp.MatrixBase):
            return self.counted(self.scalar.at(node.right, _parse._power, a, k))
        if _is_vector(a):
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
                raise self.error(node, f"⊗ and ⊘ need equal shapes: {_shape(a)} and {_shape(b)}")
            b = b.applyfunc(lambda e: _parse._power(e, sp.S.NegativeOne)) if divide else b
            return self.counted(a.multiply_elementwise(b))
        if divide:
            return self.divide(node, a, b)
        return self.multiply(node, a, b)

    # --- functions ----------------------------------------------------------------------------

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
            if isinstance(a, _Identity):
                return _Identity(1 / a.c) if a.c != 0 else self.undefined(node)
            if isinstance(a, sp.MatrixBase):
                return self.inverse(node.args[0], a)
            return self.reciprocal(node, a.c if isinstance(a, _Ones) else a)
        if name in ("transpose", "inv"):
            raise self.error(node, f"{name}( ) takes one matrix")
        if name not in FUNCTIONS:
            return self.scalar.expr(node)  # refused there, with the scalar parser's message
        count, build = FUNCTIONS[name]
        if len(arguments) != count:
            raise self.error(node, f"`{name}` takes {count} argument(s)")
        plain = []
        for a in arguments:
            if isinstance(a, _Ones):
                a = a.c
            if isinstance(a, _Identity) or (isinstance(a, sp.MatrixBase) and not _is_vector(a)):
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
                isinstance(v, (sp.MatrixBase, _Identity)) or getattr(v, "vector", False)
                for v in values
            ):
                raise self.error(node, "diag(a, b, c) takes scalars; for a vector write diag(x)")
            return self.counted(sp.diag(*[v.c if isinstance(v, _Ones) else v for v in values]))
        (v,) = values
        if isinstance(v, _Ones):
            return _Identity(v.c)
        if _is_vector(v):
            return self.counted(sp.diag(*v))
        if isinstance(v, sp.MatrixBase) and v.shape == (1, 1):
            return self.counted(v)
        if isinstance(v, (sp.MatrixBase, _Identity)):
            raise self.error(node, "diag( ) takes a vector, like diag(x): here it got a matrix")
        raise self.error(node, "diag( ) takes a vector, like diag(x): here it got a scalar")

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
        if isinstance(v, _Ones):
            v = self.ones(v, self.n)
        if not _is_vector(v):
            raise self.error(node, "sum(x) adds the components of a vector; this is not one")
        return self.counted(sp.Add(*v))


# ---------------------------------------------------------------------------------------------
# The answer at its expected size


def _finished(value, shape: tuple[int, int], n: int) -> sp.Matrix:
    rows, cols = shape
    if isinstance(value, _Identity):
        if rows != cols:
            raise ParseError(f"I is square, but this Jacobian is {rows} × {cols}")
        return value.c * sp.eye(rows)
    if isinstance(value, _Ones):
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
    source, bold, reading = _prepare(text, known, sizes)
    tree = _parse._syntax_tree(source)
    _parse._check_size(tree, source)
    n = _default_size(shape, sizes)
    try:
        value = _Algebra(source, sizes, bold, n, elementwise=False).value(tree)
    except _VectorProduct:
        if shape == (1, 1):
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
