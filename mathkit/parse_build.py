"""Step 4 of reading: a checked syntax tree -> sympy, built node by node from an allow-list of
node types, names and functions (never ``eval`` or ``sympify``); ``_read`` runs the whole
pipeline, text -> checked tree and the builder for it.

>>> tree, builder = _read("3x^2 y", None)
>>> builder.expr(tree)
3*x**2*y
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable

import sympy

from .parse_limits import (
    MAX_CONSTANTS,
    MAX_DIGITS,
    MAX_FLOAT,
    MAX_FUNCTION_DEPTH,
    MAX_HYPERBOLIC_DEPTH,
    MAX_ITEMS,
    MAX_NUMBER_BITS,
    ParseError,
    _shown,
)
from .parse_names import (
    _HYPERBOLIC,
    CONSTANTS,
    FUNCTIONS,
    _canonical_name,
    _key,
    _unknown_name,
    parse_variables,
)
from .parse_numbers import _bits, _check_result, _exact_decimal, _power
from .parse_tree import _check_size, _prepare, _Source, _syntax_tree

_REFUSED = {
    ast.Attribute: "`.` attribute access is not allowed",
    ast.Subscript: "indexing with `[ ]` is not allowed; for a formula times a list write x*[a, b]",
    ast.Slice: "slices with `:` are not allowed",
    ast.Lambda: "`lambda` functions are not allowed",
    ast.ListComp: "`for` inside brackets is not allowed",
    ast.SetComp: "`for` inside brackets is not allowed",
    ast.DictComp: "`for` inside brackets is not allowed",
    ast.GeneratorExp: "`for` inside brackets is not allowed",
    ast.Compare: "comparisons like `<` or `==` are not allowed",
    ast.BoolOp: "`and` / `or` are not allowed",
    ast.IfExp: "`if ... else` is not allowed",
    ast.Starred: "`*` unpacking is not allowed",
    ast.NamedExpr: "`:=` assignment is not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.FormattedValue: "f-strings are not allowed",
    ast.Dict: "braces are not allowed: use ( ) to group",
    ast.Set: "braces are not allowed: use ( ) to group",
    ast.Await: "`await` is not allowed",
    ast.Yield: "`yield` is not allowed",
    ast.YieldFrom: "`yield` is not allowed",
    ast.List: "a list [...] can only be the whole answer, not part of a formula",
    ast.Tuple: "a list (a, b) can only be the whole answer, not part of a formula",
}
_REFUSED_OPERATORS = {
    ast.Mod: "`%` is not an operator here: for a percentage write 0.05 for 5%",
    ast.FloorDiv: "`//` (whole-number division) is not math here: for division write one /",
    ast.MatMult: "`@` is not supported: write the products out with *",
    ast.BitOr: "for |x| write abs(x)",
    ast.BitAnd: "`&` is not allowed",
    ast.BitXor: "`^` is not allowed here",
    ast.LShift: "`<<` is not allowed",
    ast.RShift: "`>>` is not allowed",
    ast.Not: "`not` is not allowed",
    ast.Invert: "`~` is not allowed",
}
_ARGUMENTS = {1: "one argument, as in sin(x)", 2: "two arguments, as in max(0, x)"}


class _Builder:
    """Builds sympy from a syntax tree; any node, name or function not allowed is a ParseError."""

    def __init__(
        self, source: _Source, variables: dict[str, sympy.Symbol] | None, exact: bool = False
    ):
        self.source = source
        self.exact = exact  # decimals as exact fractions: 1.67 is 167/100, not a float
        self.variables = variables  # None: any one-letter name; else {canonical name: Symbol}
        self.constants: set[sympy.Expr] = set()  # sin(2), sqrt(3), e^2 ... seen so far
        self.depth = 0  # functions around the node being built
        self.hyperbolic_depth = 0  # sinh, cosh, tanh around it

    def expr(self, node: ast.AST) -> sympy.Expr:
        """The sympy value of one node; errors raised without a position get this node's."""
        build = self._BUILD.get(type(node))
        try:
            if isinstance(node, ast.Attribute) and node.attr == "T":
                raise ParseError("`ᵀ` (transpose) applies to a whole list answer, like [a, b]ᵀ")
            if build is None:
                raise ParseError(_REFUSED.get(type(node), "this is not part of a formula"))
            result = build(self, node)
            _check_result(result)
            return result
        except ParseError as error:
            if error.position is None:
                error.position = self.source.node_column(node)
            raise
        except (ArithmeticError, ValueError, TypeError, RecursionError) as error:  # from sympy
            message = f"sympy cannot work this out ({type(error).__name__}): try a simpler formula"
            raise ParseError(message, self.source.node_column(node)) from None

    def items(self, node: ast.List | ast.Tuple, what: str = "items") -> list[ast.expr]:
        if not node.elts:
            raise ParseError("the brackets are empty: type a function inside", self.column(node))
        if len(node.elts) > MAX_ITEMS:
            message = f"too many {what}: at most {MAX_ITEMS}"
            raise ParseError(message, self.column(node.elts[MAX_ITEMS]))
        return node.elts

    def column(self, node: ast.AST) -> int:
        return self.source.node_column(node)

    def at(self, node: ast.AST, function: Callable, *args):
        """``function(*args)``, blaming ``node`` for a ParseError (the exponent in ``9^9^9``)."""
        try:
            return function(*args)
        except ParseError as error:
            error.position = self.column(node) if error.position is None else error.position
            raise

    def constant(self, node: ast.Constant) -> sympy.Expr:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParseError("only numbers, names and functions are allowed")
        if isinstance(value, int):
            if abs(value) >= 10**MAX_DIGITS:
                raise ParseError(f"numbers can have at most {MAX_DIGITS} digits")
            return sympy.Integer(value)
        if not (math.isfinite(value) and abs(value) <= MAX_FLOAT):
            raise ParseError(f"decimal numbers must be at most {MAX_FLOAT:.0e} in size")
        if value != 0 and _bits(sympy.Float(value)) > MAX_NUMBER_BITS:
            raise ParseError("this number is too small to work with (under about 1e-77): write 0")
        if self.exact:
            return _exact_decimal(self.decimal(node) or "0")
        return sympy.Float(value)

    def decimal(self, node: ast.expr) -> str | None:
        """The decimal number ``node`` is, as typed (``"-1.67"``), else None (in exact mode)."""
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.decimal(node.operand)
            sign = "-" if isinstance(node.op, ast.USub) else ""
            return None if inner is None else (sign + inner).replace("--", "")
        if isinstance(node, ast.Constant) and type(node.value) is float:
            return ast.get_source_segment(self.source.code, node)
        return None

    def name(self, node: ast.Name) -> sympy.Expr:
        name = node.id  # already NFKC-normalized by Python: check it here, after parsing
        if name in FUNCTIONS:
            raise ParseError(f"`{name}` needs brackets: write {name}(x)")
        canonical = _canonical_name(name)
        if self.variables is not None and canonical in self.variables:
            return self.variables[canonical]
        if name in CONSTANTS:
            return CONSTANTS[name]
        if canonical is None:
            raise ParseError(_unknown_name(name))
        if self.variables is None:
            return sympy.Symbol(canonical)
        raise ParseError(f"`{name}` is not one of your variables ({', '.join(self.variables)})")

    def binary(self, node: ast.BinOp) -> sympy.Expr:
        if type(node.op) in _REFUSED_OPERATORS:
            raise ParseError(_REFUSED_OPERATORS[type(node.op)])
        left, right = self.expr(node.left), self.expr(node.right)
        if isinstance(node.op, ast.Add):
            return sympy.Add(left, right)
        if isinstance(node.op, ast.Sub):
            return sympy.Add(left, -right)
        if isinstance(node.op, ast.Mult):
            return sympy.Mul(left, right)
        if isinstance(node.op, ast.Div):
            return sympy.Mul(left, _power(right, sympy.S.NegativeOne))
        if isinstance(node.op, ast.Pow):
            return self.counted(self.at(node.right, _power, left, right))
        raise ParseError("this operator is not allowed")

    def unary(self, node: ast.UnaryOp) -> sympy.Expr:
        if isinstance(node.op, ast.USub):
            return -self.expr(node.operand)
        if isinstance(node.op, ast.UAdd):
            return self.expr(node.operand)
        raise ParseError(_REFUSED_OPERATORS.get(type(node.op), "this operator is not allowed"))

    def call(self, node: ast.Call) -> sympy.Expr:
        if not isinstance(node.func, ast.Name):
            raise ParseError(_REFUSED.get(type(node.func), "only functions like sin(x) are called"))
        name = node.func.id
        if name not in FUNCTIONS:
            raise ParseError(_unknown_function(name))
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise ParseError(f"write {name}(x): no `name=` or `*` inside the brackets")
        count, build = FUNCTIONS[name]
        if len(node.args) != count:
            raise ParseError(f"`{name}` takes {_ARGUMENTS[count]}")
        if self.depth >= MAX_FUNCTION_DEPTH:
            message = (
                f"functions are nested too deeply (at most {MAX_FUNCTION_DEPTH} inside each other)"
            )
            raise ParseError(message)
        hyperbolic = name in _HYPERBOLIC
        if hyperbolic and self.hyperbolic_depth >= MAX_HYPERBOLIC_DEPTH:
            message = f"at most {MAX_HYPERBOLIC_DEPTH} of sinh, cosh, tanh inside each other"
            raise ParseError(message)
        self.depth += 1
        self.hyperbolic_depth += hyperbolic
        try:
            arguments = [self.expr(a) for a in node.args]
        finally:
            self.depth -= 1
            self.hyperbolic_depth -= hyperbolic
        return self.counted(build(*arguments))

    def counted(self, value: sympy.Expr) -> sympy.Expr:
        """A few different constants like sin(2) or 2^pi per formula: sympy works them out
        numerically each time it compares them (in max, min, abs, sqrt), which adds up."""
        if not value.is_Number and not value.free_symbols:
            self.constants.add(value)
            if len(self.constants) > MAX_CONSTANTS:
                message = f"at most {MAX_CONSTANTS} different constants like sqrt(2) or sin(1)"
                raise ParseError(message)
        return value

    _BUILD = {
        ast.Constant: constant,
        ast.Name: name,
        ast.BinOp: binary,
        ast.UnaryOp: unary,
        ast.Call: call,
    }


def _unknown_function(name: str) -> str:
    if name == "diag":
        return "type the entries here, like [[a, 0], [0, b]]: diag(...) is for closed-form answers"
    if _canonical_name(name) is not None or name in CONSTANTS:
        return f"`{name}` is not a function; for a product write {name}*(...)"  # a short name
    known = ", ".join(f for f in FUNCTIONS if f != "sigma")
    return f"{_shown(name)} is not a function I know; try one of: {known}"


def _read(text: str, variables, exact: bool = False) -> tuple[ast.expr, _Builder]:
    allowed = None if variables is None else {_key(s): s for s in parse_variables(variables)}
    source = _prepare(text, frozenset(allowed or ()))
    tree = _syntax_tree(source)
    _check_size(tree, source)
    return tree, _Builder(source, allowed, exact)


def _from_python(code: str, variables=None) -> sympy.Expr:
    """Only the checks after Python's parser, on raw Python: tests use it to show that this wall
    holds by itself, even for text the token steps would have refused first."""
    source = _Source(code, list(range(len(code))), code)
    tree = _syntax_tree(source)
    _check_size(tree, source)
    allowed = None if variables is None else {_key(s): s for s in parse_variables(variables)}
    return _Builder(source, allowed).expr(tree)


def _is_list(node: ast.AST) -> bool:
    return isinstance(node, (ast.List, ast.Tuple))
