"""The paper's vector notation (§4.2–§4.4), read from learner text into components.

With ``vectors={"w": 3, "x": 3}`` a name in ``vectors`` is a column of its components
(``w`` is [w₁, w₂, w₃], the symbols ``parse("w1")`` gives); other names are scalars.

==============================  ==========================================  =====================
you type                        it means                                    result
==============================  ==========================================  =====================
``w + x``, ``w - x``            element-wise sum, difference (equal sizes)  vector
``w ⊗ x``, ``w ⊙ x``, ``w .* x``  element-wise (Hadamard) product             vector
``w ⊘ x``, ``w ./ x``           element-wise division                       vector
``x + z``, ``x - z``,           scalar expansion: z is used for every       vector
``x z``, ``z*x``, ``x/z``       component
``w · x``, ``dot(w, x)``        dot product Σ wᵢxᵢ                          scalar
``sum(x)``                      sum reduction Σ xᵢ                          scalar
``sin(x)``, ``x^2``, ``x.^2``,  applied to each component                   vector
``max(0, x)``, ``relu(x)``
==============================  ==========================================  =====================

Refused, with the place and what to write: ``w * x`` or ``w x`` between two vectors ("for the
element-wise product write w ⊗ x, for the dot product w · x"), ``w / x`` (write w ⊘ x), sizes that
differ, a vector where a scalar is needed (an exponent, an item of a list); vectors have at most
:data:`MAX_SIZE` components.

How it works: a pre-pass turns the new operators into Python operators the scalar parser never
produces (⊗ → ``@``, ⊘ → ``%``, · → ``//``, all binding like ``*``), then the scalar parser's own
token steps, syntax-tree checks and size bounds run unchanged; a post-pass evaluates the checked
tree over lists of components, handing every scalar piece to the scalar parser's builder, so each
component passes the same guards as a scalar formula. Learner text never reaches ``eval``.

>>> parse_vectors("w · x + b", vectors={"w": 2, "x": 2})
b + w_1*x_1 + w_2*x_2
>>> parse_vectors("w ⊗ x + z", vectors={"w": 2, "x": 2})
Matrix([
[w_1*x_1 + z],
[w_2*x_2 + z]])
"""

from __future__ import annotations

import ast
import importlib
import numbers
from dataclasses import dataclass

import sympy

from .parse import FUNCTIONS, ParseError, symbol

_parse_module = importlib.import_module(".parse", __package__)  # the module, not the function

__all__ = ["MAX_SIZE", "check_vectors", "parse_vectors", "vector", "vector_variables"]

MAX_SIZE = 20  # components of one vector
MAX_COMPONENT_OPERATIONS = 4000  # component-by-component operations in one formula
MAX_FUNCTION_DEPTH = 8  # functions inside functions (each one works on every component)

_ELEMENTWISE = "@"  # ⊗ ⊙ .*
_DIVIDE = "%"  # ⊘ ./
_DOT = "//"  # · ⋅
_PRE_PASS = {"⊗": _ELEMENTWISE, "⊙": _ELEMENTWISE, "⊘": _DIVIDE, "·": _DOT, "⋅": _DOT}
_DOTTED = {"*": _ELEMENTWISE, "/": _DIVIDE, "^": "^"}  # .* ./ and .^ (MATLAB's element-wise power)


def vector(name: str, n: int) -> sympy.Matrix:
    """The column [name₁, ..., nameₙ]: the same Symbols ``parse("x1")`` ... gives.

    >>> vector("x", 3)
    Matrix([
    [x_1],
    [x_2],
    [x_3]])
    """
    return sympy.Matrix([symbol(f"{_vector_name(name)}{i}") for i in range(1, _size(name, n) + 1)])


def _vector_name(name) -> str:
    if not isinstance(name, str) or symbol(name).name != name.strip() or "_" in symbol(name).name:
        raise ParseError(f"a vector is named by one letter, like x or w, not {name!r}")
    return symbol(name).name


def _size(name: str, n) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or not 1 <= n <= MAX_SIZE:
        raise ParseError(f"vector {name} needs a size from 1 to {MAX_SIZE}, not {n!r}")
    return int(n)


def check_vectors(vectors) -> dict[str, int]:
    """``{"w": 3, "x": 3}`` checked: one-letter names, sizes 1 to MAX_SIZE."""
    if not isinstance(vectors, dict):
        raise TypeError(f'vectors are a dict of names and sizes like {{"x": 3}}, not {vectors!r}')
    return {_vector_name(name): _size(name, n) for name, n in vectors.items()}


def vector_variables(wrt, vectors) -> sympy.Symbol | sympy.Matrix:
    """The variables named by ``wrt`` with vectors expanded: ``"w b"`` -> [w₁, ..., wₙ, b].

    One scalar name gives a Symbol (a scalar variable); anything else a column (a vector variable).

    >>> vector_variables("w b", {"w": 2}).T, vector_variables("b", {"w": 2})
    (Matrix([[w_1, w_2, b]]), b)
    >>> vector_variables("[b]", {"w": 2})
    Matrix([[b]])
    """
    sizes = check_vectors(vectors)
    if not isinstance(wrt, str):
        return wrt
    stripped = wrt.strip()
    bracketed = stripped.startswith("[") and stripped.endswith("]")  # "[x]": a vector of one
    names = stripped.removeprefix("[").removesuffix("]").replace(",", " ").split()
    if not names:
        raise ParseError("list at least one variable, e.g. x or w b", 0)
    if len(names) == 1 and names[0] not in sizes and not bracketed:
        return symbol(names[0])
    symbols = []
    for name in names:
        symbols.extend(vector(name, sizes[name]) if name in sizes else [symbol(name)])
    if len(set(symbols)) != len(symbols):
        raise ParseError("a variable is listed twice (a vector and one of its components?)")
    return sympy.Matrix(symbols)


# ---------------------------------------------------------------------------------------------
# Pre-pass: the new operators become Python operators the scalar parser never produces


def _prepare(text: str):
    p = _parse_module
    if not isinstance(text, str):
        raise TypeError(f"expected the formula as text (a str), not {type(text).__name__}")
    if len(text) > p.MAX_LENGTH:
        raise ParseError(
            f"the formula is too long: at most {p.MAX_LENGTH} characters", p.MAX_LENGTH
        )
    marked = {i: _PRE_PASS[c] for i, c in enumerate(text) if c in "⊗⊙⊘"}
    plain = "".join("," if i in marked else c for i, c in enumerate(text))  # "**" never forms
    tokens = _mark_operators(p._tokenize(plain), marked, text)
    for transform in p._TRANSFORMS:
        tokens = transform(tokens)
    return p._to_source(tokens, text)


def _mark_operators(tokens: list, marked: dict, text: str) -> list:
    out: list = []
    for i, t in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.kind == "op" and t.col in marked:
            t = t._replace(text=marked[t.col], source=text[t.col])
        elif t.kind == "op" and t.text in _PRE_PASS:
            t = t._replace(text=_PRE_PASS[t.text])
        elif t.text in _DOTTED and out and not t.spaced and _ends_in_dot(out[-1]):
            before = out.pop()
            if before.kind == "number":  # `2.*x`: the number 2, then .*
                out.append(before._replace(text=before.text[:-1], source=before.text[:-1]))
            col = before.col + len(before.text) - 1
            t = t._replace(text=_DOTTED[t.text], col=col, source="." + t.text)
        elif t.kind == "op" and t.text == "(" and out and out[-1].text in _REDUCTIONS:
            t = t._replace(spaced=False)  # `sum (x)` is sum(x)
        elif t.kind == "name" and t.text in _REDUCTIONS and (after is None or after.text != "("):
            raise ParseError(f"`{t.text}` needs brackets: write {_REDUCTIONS[t.text]}", t.col)
        out.append(t)
    return out


_REDUCTIONS = {"sum": "sum(x)", "dot": "dot(w, x)"}


def _ends_in_dot(token) -> bool:
    return token.text == "." or (token.kind == "number" and token.text.endswith("."))


# ---------------------------------------------------------------------------------------------
# Post-pass: the checked tree, evaluated over lists of components


@dataclass(frozen=True)
class _Vector:
    components: tuple
    name: str  # how to call it in a message: "x", or "this vector"

    def __len__(self) -> int:
        return len(self.components)


_OPERATOR = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "^",
    ast.MatMult: "⊗", ast.Mod: "⊘", ast.FloorDiv: "·",
}  # fmt: skip


class _VectorBuilder:
    """Evaluates a checked syntax tree whose names may be vectors; scalar pieces are built by the
    scalar parser's builder (same allow-list, same guards)."""

    def __init__(self, source, variables, sizes: dict[str, int]):
        allowed = None
        if variables is not None:
            allowed = {_parse_module._key(s): s for s in _parse_module.parse_variables(variables)}
            for name, n in sizes.items():
                allowed.update({s.name: s for s in vector(name, n)})
        self.scalar = _parse_module._Builder(source, allowed)
        self.sizes = sizes
        self.operations = 0

    # --- which subtrees need this builder -----------------------------------------------

    def is_vector_name(self, node) -> bool:
        return isinstance(node, ast.Name) and node.id in self.sizes

    def needs_vectors(self, node: ast.AST) -> bool:
        for child in ast.walk(node):
            if self.is_vector_name(child):
                return True
            if isinstance(child, ast.BinOp) and type(child.op) in (ast.MatMult, ast.Mod):
                return True
            if isinstance(child, ast.BinOp) and isinstance(child.op, ast.FloorDiv):
                return True
            called = child.func if isinstance(child, ast.Call) else None
            if isinstance(called, ast.Name) and called.id in ("sum", "dot"):
                return True
        return False

    # --- evaluation -----------------------------------------------------------------------

    def value(self, node: ast.AST):
        """A sympy scalar, or a _Vector of sympy components."""
        if not self.needs_vectors(node):
            return self.scalar.expr(node)
        try:
            if isinstance(node, ast.Name):
                return _Vector(tuple(vector(node.id, self.sizes[node.id])), node.id)
            if isinstance(node, ast.BinOp):
                return self.binary(node)
            if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
                sign = -1 if isinstance(node.op, ast.USub) else 1
                return self.each(lambda v: sign * v, self.value(node.operand))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                return self.call(node)
            return self.scalar.expr(node)  # refused there, with the scalar parser's message
        except ParseError as error:
            if error.position is None:
                error.position = self.scalar.column(node)
            raise
        except (ArithmeticError, ValueError, TypeError, RecursionError) as error:
            message = f"sympy cannot work this out ({type(error).__name__}): try a simpler formula"
            raise ParseError(message, self.scalar.column(node)) from None

    def component(self, value):
        """One new component: the scalar parser's checks on its size and constants."""
        self.operations += 1
        if self.operations > MAX_COMPONENT_OPERATIONS:
            raise ParseError(
                f"too much to work out: at most {MAX_COMPONENT_OPERATIONS} operations on "
                f"components (vectors have at most {MAX_SIZE} components)"
            )
        _parse_module._check_result(value)
        return self.scalar.counted(value)

    def each(self, function, *operands):
        """``function`` applied component by component; scalars are expanded (used for each)."""
        vectors = [v for v in operands if isinstance(v, _Vector)]
        if not vectors:
            return self.component(function(*operands))
        n = len(vectors[0])
        for v in vectors[1:]:
            if len(v) != n:
                raise ParseError(
                    f"{vectors[0].name} has {n} components but {v.name} has {len(v)}: "
                    "element-wise operations need vectors of the same size"
                )
        columns = [v.components if isinstance(v, _Vector) else (v,) * n for v in operands]
        components = tuple(self.component(function(*parts)) for parts in zip(*columns, strict=True))
        return _Vector(components, "this vector")

    def binary(self, node: ast.BinOp):
        op = type(node.op)
        left, right = self.value(node.left), self.value(node.right)
        both = isinstance(left, _Vector) and isinstance(right, _Vector)
        if op is ast.Mult and both:
            raise ParseError(_two_vectors(node), self.scalar.column(node.right))
        if op is ast.Div and both:
            raise ParseError(
                f"{_named(node.left)} / {_named(node.right)} divides two vectors: for "
                f"element-wise division write {_named(node.left)} ⊘ {_named(node.right)}",
                self.scalar.column(node.right),
            )
        if op is ast.FloorDiv and both:
            return self.at(node.right, self.dot, left, right)
        if op is ast.Pow:
            if isinstance(left, _Vector) and isinstance(right, _Vector):
                message = "an exponent must be a number or a scalar, not a vector"
                raise ParseError(message, self.scalar.column(node.right))
            power = _parse_module._power
            return self.each(power, left, right)
        build = {
            ast.Add: lambda a, b: a + b,
            ast.Sub: lambda a, b: a - b,
            ast.Mult: lambda a, b: a * b,
            ast.MatMult: lambda a, b: a * b,
            ast.FloorDiv: lambda a, b: a * b,  # · with a scalar on one side: a product
            ast.Div: lambda a, b: a * _parse_module._power(b, sympy.S.NegativeOne),
            ast.Mod: lambda a, b: a * _parse_module._power(b, sympy.S.NegativeOne),
        }
        if op not in build:
            return self.scalar.expr(node)  # refused there
        return self.at(node.right, self.each, build[op], left, right)

    def at(self, node: ast.AST, function, *args):
        """``function(*args)``, blaming ``node`` for a ParseError that has no position."""
        try:
            return function(*args)
        except ParseError as error:
            if error.position is None:
                error.position = self.scalar.column(node)
            raise

    def dot(self, left: _Vector, right: _Vector):
        if len(left) != len(right):
            raise ParseError(
                f"{left.name} has {len(left)} components but {right.name} has {len(right)}: "
                "the dot product needs vectors of the same size"
            )
        return self.component(sympy.Add(*self.each(lambda a, b: a * b, left, right).components))

    def call(self, node: ast.Call):
        name = node.func.id
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise ParseError(f"write {name}(x): no `name=` or `*` inside the brackets")
        if name == "sum":
            (argument,) = self.arguments(node, 1, "sum(x) adds the components of one vector x")
            if not isinstance(argument, _Vector):
                raise ParseError("sum(x) adds the components of a vector; this is a scalar")
            return self.component(sympy.Add(*argument.components))
        if name == "dot":
            left, right = self.arguments(node, 2, "dot(w, x) takes two vectors")
            if not (isinstance(left, _Vector) and isinstance(right, _Vector)):
                message = "dot(w, x) takes two vectors; for a scalar times a vector write z*x"
                raise ParseError(message)
            return self.dot(left, right)
        if name not in FUNCTIONS:
            return self.scalar.expr(node)  # refused there, with the scalar parser's message
        count, build = FUNCTIONS[name]
        arguments = self.arguments(node, count, f"`{name}` takes {count} argument(s)")
        return self.each(build, *arguments)

    def arguments(self, node: ast.Call, count: int, message: str) -> list:
        """The values of a call's arguments, one function deeper: at most MAX_FUNCTION_DEPTH (or
        the scalar parser's own bounds on nesting, if it has them) functions inside each other,
        counted with the scalar builder so that scalar pieces inside vector calls count too."""
        if len(node.args) != count:
            raise ParseError(message)
        bounds = [("depth", vars(_parse_module).get("MAX_FUNCTION_DEPTH", MAX_FUNCTION_DEPTH))]
        if node.func.id in vars(_parse_module).get("_HYPERBOLIC", ()):
            bounds.append(("hyperbolic_depth", vars(_parse_module)["MAX_HYPERBOLIC_DEPTH"]))
        before = {counter: vars(self.scalar).get(counter, 0) for counter, _ in bounds}
        for counter, limit in bounds:
            if before[counter] >= limit:
                which = "functions" if counter == "depth" else "of sinh, cosh, tanh"
                raise ParseError(f"at most {limit} {which} inside each other")
        vars(self.scalar).update({counter: before[counter] + 1 for counter, _ in bounds})
        try:
            return [self.value(a) for a in node.args]
        finally:
            vars(self.scalar).update(before)


def _named(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else "u"


def _two_vectors(node: ast.BinOp) -> str:
    a, b = _named(node.left), _named(node.right)
    if a == b:
        b = "v" if a == "u" else b
    return (
        f"a product of two vectors is ambiguous: for the element-wise product write "
        f"{a} ⊗ {b}, for the dot product {a} · {b}"
    )


# ---------------------------------------------------------------------------------------------
# Public entry


def parse_vectors(text: str, variables=None, vectors=None) -> sympy.Expr | sympy.Matrix:
    """Read a formula in the paper's vector notation: a scalar Expr or a column of components.

    ``vectors``: ``{"w": 3, "x": 3}``; ``variables`` (optional) limits the scalar names, as in
    :func:`mathkit.parse`. A list ``[f1, f2]`` gives a column of its (scalar) items.

    >>> parse_vectors("sum(x)", vectors={"x": 3})
    x_1 + x_2 + x_3
    >>> parse_vectors("max(0, x)", vectors={"x": 2})
    Matrix([
    [Max(0, x_1)],
    [Max(0, x_2)]])
    >>> parse_vectors("w * x", vectors={"w": 2, "x": 2})
    Traceback (most recent call last):
        ...
    mathkit.parse.ParseError: a product of two vectors is ambiguous: for the element-wise product write w ⊗ x, for the dot product w · x
    """  # noqa: E501
    sizes = check_vectors(vectors or {})
    source = _prepare(text)
    tree = _parse_module._syntax_tree(source)
    _parse_module._check_size(tree, source)
    builder = _VectorBuilder(source, variables, sizes)
    if not isinstance(tree, (ast.List, ast.Tuple)):
        value = builder.value(tree)
        return sympy.Matrix(value.components) if isinstance(value, _Vector) else value
    items = []
    for item in builder.scalar.items(tree, "functions"):
        value = builder.value(item)
        if isinstance(value, _Vector) or isinstance(item, (ast.List, ast.Tuple)):
            message = "each item of a list is one scalar function; this one is a vector"
            raise ParseError(message, builder.scalar.column(item))
        items.append(value)
    return sympy.Matrix(items)


def expand(f, wrt, vectors) -> tuple:
    """``(f, wrt)`` ready for :func:`mathkit.jacobian`: text read with ``vectors`` (a list of texts
    item by item), and vector names in ``wrt`` replaced by their components.

    >>> expand("w · x", "w", {"w": 2, "x": 2})
    (w_1*x_1 + w_2*x_2, Matrix([
    [w_1],
    [w_2]]))
    """
    sizes = check_vectors(vectors)
    if isinstance(f, str):
        f = parse_vectors(f, vectors=sizes)
    elif isinstance(f, (list, tuple)):
        f = [parse_vectors(g, vectors=sizes) if isinstance(g, str) else g for g in f]
    return f, vector_variables(wrt, sizes)
