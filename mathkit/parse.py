"""Learner text -> sympy, safely: no ``eval``, no ``sympify``, bounded time and size.

What you can type
=================

==============================  ============================  ==============================
you type                        example                       it means
==============================  ============================  ==============================
numbers                         ``3``, ``0.5``, ``1e-3``      3, 0.5, 0.001 (at most 15 digits)
a variable: one letter,         ``x``, ``W``, ``x1``,         x, W, x_1,
optionally numbered             ``x_1``, ``x₁``, ``w2``       x_1, x_1, w_2
Greek letters                   ``α``, ``alpha``, ``θ₂``      alpha, alpha, theta_2
constants                       ``e``, ``pi``, ``π``          Euler's number E, pi, pi
``+ - * /`` and ``· × − ÷``     ``x·y``, ``2×x``, ``x−1``     x*y, 2*x, x - 1
powers                          ``x^2``, ``x**2``, ``x²``     x**2 (constant exponents <= 100)
                                ``x⁻¹``, ``x^-1``             1/x
multiplication without ``*``    ``2x``, ``3x^2 y``, ``x y``   2*x, 3*x**2*y, x*y
                                ``2(x+1)``, ``(x+1)(x-1)``    2(x + 1), (x + 1)(x - 1)
functions (brackets needed)     ``sin(x)``, ``cos``, ``tan``  also sinh, cosh, tanh
                                ``exp(x)``, ``e^x``           exp(x)
                                ``ln(x)``, ``log(x)``         natural log (one argument)
                                ``sqrt(x)``, ``abs(x)``       sqrt(x), Abs(x)
                                ``sigmoid(z)``, ``σ(z)``      1/(1 + exp(-z))
                                ``relu(z)``                   Max(0, z)
                                ``max(0, z)``, ``min(a, b)``  Max, Min (two arguments)
a list of functions             ``[x*y, x + y]``, ``x, y``    a column Matrix (m x 1), <= 20
a matrix (:func:`parse_matrix`)  ``[[a, b], [c, d]]``          2 x 2
                                ``[a, b; c, d]``, ``[a; b]``  rows ended by ``;`` (MATLAB)
                                ``[a, b]ᵀ``, ``[a, b]^T``     the transpose
                                ``2/3 [5/2, 1]``, ``[5, 2]/3``  a number times a list
==============================  ============================  ==============================

Spaces, tabs and line breaks separate; a space between two factors multiplies (``x y``), a space
between two numbers is refused (``2 3``). ``i``, ``j`` and capital letters other than ``E`` are
ordinary variables (there are no complex numbers to type).

With ``variables=`` given (an exercise's variables, an explorer's box), a run of letters that are
all one-letter variables is their product, in any order: ``6xy`` and ``6yx`` with x, y given are
6·x·y. :func:`reading` returns the text as read (``"6·x·y"``) so that it can be shown. A run that
spells a function, a constant or a Greek letter's name is never split (``sinx``, ``pix``, ``mu``);
without variables, ``xy`` is refused with the hint "write x*y". Numbered names given split the
same way: ``x2x3`` with x2, x3 given is x₂·x₃ (``x12`` stays the name x₁₂).

Answers are read with decimals exact (``exact=True``, :func:`read_entries`): ``1.67`` is 167/100
and the digits typed are kept, so that a checker can judge it as a rounded value
(:mod:`mathkit.rounding`); elsewhere a decimal is a float.

What is refused (each with a message that says what to try)
===========================================================

- entries separated by spaces in a list, ``[5/3 2/3]``, ``[1 -2]``: "separate the entries of a
  list with commas: [5/3, 2/3]"; ``[a, b]'`` (type ``ᵀ``); ``;`` outside ``[ ]``;
- unknown names: ``xy`` ("write x*y"), ``sinx`` ("write sin(x)"), ``foo(x)``, ``sin x``;
  with ``variables=`` given, any other variable;
- Python's ways of writing numbers and operators: ``0x1F``, ``1_000``, ``True``, ``None``,
  ``x // y``, ``x << y``, ``x if c else y``, ``[x for ...]``, each with a message saying what to
  type instead; numbers too small to work with (``1e-300``: write 0);
- ``e``, ``pi``/``π`` and ``σ``/``sigma`` (sigmoid) are not variables; ``e1`` and ``e_1`` are.
  ``E`` is refused (type ``e`` for Euler's number); other capital letters are ordinary variables;
- anything that is Python rather than math: quotes, ``.`` attribute access, ``[0]`` indexing,
  ``lambda``, ``if``, ``for``, comparisons, ``=``, ``:=``, ``{}``, ``#``, ``@``, ``%``, ``//``,
  keyword arguments, names with ``_`` in front or ``__`` inside;
- letters other than a-z, A-Z and lowercase Greek. Python folds look-alike letters into ASCII
  (NFKC: fullwidth ``ｘ`` becomes ``x``); we refuse them before Python sees them, and check every
  name again after Python parsed, so ``__ｉｍｐｏｒｔ__`` can never become a name;
- sizes that could hang the kernel: more than 2,000 characters, brackets nested deeper than 50,
  a formula nested deeper than 50 (a sum or product of more than about 50 terms), more than
  1,000 numbers/names/operations, numbers over 15 digits, subscripts over 3 digits, constant
  exponents over 100 (``9^9^9``, ``x^(2^100)``, ``e^200``), a log in an exponent times more than
  100, numbers or constants beyond about 77 digits (``9^99``, ``exp(200)``, ``e^e^e^e``), more
  than 8 different constants such as ``sqrt(2)``, ``sin(1)``, ``e^2`` in one formula,
  more than 20 list items, matrix rows or columns; and undefined values (``1/0``, ``log(0)``).
  sympy computes with numbers at once, and evaluates constants such as ``sin(exp(10^6))`` with
  as many digits as they are long (minutes), so these are refused before they are built;
- work sympy would do later, bounded here: functions nested more than 8 deep (``σ(σ(...))``:
  sympy recurses through them), more than 2 of sinh, cosh, tanh inside each other (their
  derivatives ask whether the argument is real and factor polynomials to find out: seconds for
  ``tanh(tanh(tanh((x+y+1)^20)))``), more than 4 functions in one max or min (its derivative
  compares each with all the others). sinh, cosh and tanh of a formula with variables are built
  without sympy's automatic evaluation, only their sign rule applied (``tanh(-x)`` is
  ``-tanh(x)``). Whatever is left is bounded in time: :func:`parse` and :func:`parse_matrix`
  answer within mathkit.budget's 1 s (a ``TooSlow``, also a ValueError, past it).

How it works
============

A pipeline of small steps (like sympy's own parser, but behind an allow-list):
tokenize -> small token transforms (one signature each) -> ``ast.parse`` -> check the size of the
syntax tree -> build the sympy expression ourselves, node by node, from an allow-list of node types,
names and functions. Every error is a :class:`ParseError` whose ``position`` points into the text
the learner typed.

>>> parse("3x^2 y")
3*x**2*y
>>> print(parse("[3*x**2*y, 2*x + y**8]"))
Matrix([[3*x**2*y], [2*x + y**8]])
>>> parse("σ(w1 x1 + b)")
1/(exp(-b - w_1*x_1) + 1)
>>> parse("xy")
Traceback (most recent call last):
    ...
mathkit.parse.ParseError: `xy` is one unknown name: write x*y
"""

from __future__ import annotations

import ast
import fractions
import itertools
import keyword
import math
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

import sympy

from .budget import within_budget

__all__ = [
    "Entries",
    "ParseError",
    "parse",
    "parse_matrix",
    "parse_shape",
    "parse_variables",
    "parse_with_reading",
    "read_entries",
    "reading",
    "symbol",
]

# Limits: each one keeps a single parse well under a second, whatever is typed.
MAX_LENGTH = 2000  # characters of text
MAX_BRACKET_DEPTH = 50  # ((( ... )))
MAX_TREE_DEPTH = 50  # syntax-tree depth; a sum of n terms is n deep
MAX_NODES = 1000  # numbers, names and operations
MAX_RUN = 8  # signs in a row (- - x), powers in a chain (x^x^x): each nests the syntax tree
MAX_ITEMS = 20  # functions in a list, rows and columns of a matrix, variables
MAX_DIGITS = 15  # digits of a whole number
MAX_FLOAT = 1e15  # size of a decimal number
MAX_DECIMAL_DIGITS = 40  # digits of a decimal read exactly (answers: 0.667 is 667/1000)
MAX_EXPONENT = 100  # size of a constant exponent
MAX_NUMBER_BITS = 256  # any number or constant built along the way (about 77 digits)
MAX_CONSTANTS = 8  # different constants like sin(2), sqrt(3) or e^2 (sympy evaluates them)
MAX_FUNCTION_DEPTH = 8  # functions inside functions: sin(cos(...)); sympy recurses through them
MAX_HYPERBOLIC_DEPTH = 2  # sinh, cosh, tanh inside each other: sympy's derivative of them is slow
MAX_MAX_ARGUMENTS = 4  # functions compared by one max or min, nested ones included


class ParseError(ValueError):
    """Text that cannot be read as a formula.

    ``str(error)`` says what to try next; ``position`` is the 0-based column in the text the learner
    typed (or None when no single place is to blame).
    """

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.position = position


# ---------------------------------------------------------------------------------------------
# Names: variables, constants, functions
# ---------------------------------------------------------------------------------------------

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu",
    "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}  # fmt: skip
_NOT_VARIABLES = {
    "e": "`e` is Euler's number here; pick another letter",
    "E": "`E` looks like Euler's number: type e for it, or pick another letter for a variable",
    "pi": "`pi` is the number π; pick another letter",
    "sigma": "`σ` is the sigmoid function here; pick another letter",
}
_LETTERS = "A-Za-z" + "".join(_GREEK)  # for a regex character class
_LETTER = "|".join(sorted(_GREEK.values(), key=len, reverse=True)) + f"|[{_LETTERS}]"
_VARIABLE = re.compile(
    rf"(?P<letter>{_LETTER})(?:_?(?P<digits>[0-9]{{1,3}})|(?P<sub>[₀-₉]{{1,3}}))?"
)
_SUBSCRIPT_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def _count(n: int, one: str, many: str) -> str:
    """``1 entry``, ``2 entries``."""
    return f"{n} {one if n == 1 else many}"


def _shown(text: str, limit: int = 16) -> str:
    """Learner text quoted in a message, cut short so that the message stays short."""
    return f"`{text}`" if len(text) <= limit else f"`{text[: limit - 3]}...`"


def _canonical_name(name: str) -> str | None:
    """``"x1"``, ``"x_1"``, ``"x₁"`` -> ``"x_1"``; ``"α"`` -> ``"alpha"``; None: not a variable."""
    match = _VARIABLE.fullmatch(name)
    if match is None:
        return None
    letter = _GREEK.get(match["letter"], match["letter"])
    digits = match["digits"] or (match["sub"] or "").translate(_SUBSCRIPT_DIGITS)
    if not digits:
        return None if letter in _NOT_VARIABLES else letter
    return None if letter in ("pi", "sigma") else f"{letter}_{digits}"


def symbol(name: str) -> sympy.Symbol:
    """The one sympy Symbol for a learner's variable name (plain, no assumptions).

    >>> symbol("x1"), symbol("x_1"), symbol("x₁"), symbol("w2"), symbol("α")
    (x_1, x_1, x_1, w_2, alpha)
    """
    if not isinstance(name, str):
        raise TypeError(f"symbol() takes a name (a str), not {type(name).__name__}")
    canonical = _canonical_name(name.strip())
    if canonical is None:
        raise ParseError(_not_a_variable(name.strip()))
    return sympy.Symbol(canonical)


def _not_a_variable(name: str) -> str:
    letter = _GREEK.get(name, name)
    if letter in _NOT_VARIABLES:
        return _NOT_VARIABLES[letter]
    if name in FUNCTIONS:
        return f"`{name}` is a function, not a variable"
    return f"{_shown(name)} is not a variable name: use one letter, maybe numbered (x, x1, w_2, α)"


def _sigmoid(z):
    return 1 / (1 + _exp(-z))


def _exp(z):
    _check_log_factor(z)
    return sympy.exp(z)


def _sqrt(z):
    return _power(z, sympy.S.Half)


def _hyperbolic(function: type[sympy.Function], odd: bool) -> Callable:
    """sinh, cosh or tanh of z, built without sympy's automatic evaluation when z has variables.

    For a z with variables, sympy's evaluation of sinh, cosh and tanh asks whether z is zero or
    real, and for a z that may be complex it works out ``im(z) % pi`` by factoring polynomials:
    8 s for ``tanh(tanh((x+y+1)^20))``. For what a learner can type (no i), that evaluation only
    ever pulls out a minus sign, which is done here: ``tanh(-x)`` is ``-tanh(x)``, ``cosh(-x)``
    is ``cosh(x)``. Constants are evaluated as usual.
    """

    def build(z: sympy.Expr) -> sympy.Expr:
        if not z.free_symbols:
            return function(z)
        if z.could_extract_minus_sign():
            value = function(-z, evaluate=False)
            return -value if odd else value
        return function(z, evaluate=False)

    return build


def _max_min(function: type[sympy.Function]) -> Callable:
    """max or min of two functions; sympy merges nested ones into one, whose derivative compares
    each function with all the others (a max of 16 lines takes 14 s): at most MAX_MAX_ARGUMENTS."""

    def build(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
        count = sum(len(v.args) if isinstance(v, function) else 1 for v in (a, b))
        if count > MAX_MAX_ARGUMENTS:
            name = function.__name__.lower()
            inside = f"({name} inside {name} included)"
            message = f"at most {MAX_MAX_ARGUMENTS} functions in one {name} {inside}"
            raise ParseError(message)
        return function(a, b)

    return build


# name -> (number of arguments, how to build it)
FUNCTIONS: dict[str, tuple[int, Callable]] = {
    "sin": (1, sympy.sin),
    "cos": (1, sympy.cos),
    "tan": (1, sympy.tan),
    "sinh": (1, _hyperbolic(sympy.sinh, odd=True)),
    "cosh": (1, _hyperbolic(sympy.cosh, odd=False)),
    "tanh": (1, _hyperbolic(sympy.tanh, odd=True)),
    "exp": (1, _exp),
    "ln": (1, sympy.log),
    "log": (1, sympy.log),
    "sqrt": (1, _sqrt),
    "abs": (1, sympy.Abs),
    "sigmoid": (1, _sigmoid),
    "σ": (1, _sigmoid),
    "sigma": (1, _sigmoid),
    "relu": (1, lambda z: _max_min(sympy.Max)(sympy.S.Zero, z)),
    "max": (2, _max_min(sympy.Max)),
    "min": (2, _max_min(sympy.Min)),
}
_HYPERBOLIC = ("sinh", "cosh", "tanh")
CONSTANTS = {"e": sympy.E, "pi": sympy.pi, "π": sympy.pi}


def _unknown_name(name: str) -> str:
    """Help for a name that is neither a variable, a constant nor a function."""
    if name in _NOT_VARIABLES:
        return _NOT_VARIABLES[name]
    if len(name) <= 8:
        for function in sorted(FUNCTIONS, key=len, reverse=True):
            if name.startswith(function) and len(name) > len(function):
                return f"`{name}` is one unknown name: write {function}({name[len(function) :]})"
        parts = re.findall(rf"(?:{_LETTER})[0-9]{{0,3}}", name)
        if 1 < len(parts) <= 4 and "".join(parts) == name and all(map(_canonical_name, parts)):
            return f"`{name}` is one unknown name: write {'*'.join(parts)}"
    return (
        f"{_shown(name)} is not a name I know: variables are one letter (x, y, x1, α); "
        "functions need brackets, like sin(x)"
    )


# ---------------------------------------------------------------------------------------------
# Step 1: text -> tokens, each remembering its column in the learner's text
# ---------------------------------------------------------------------------------------------


class Token(NamedTuple):
    kind: str  # "number", "name", "op", "sup" (superscript digits) or "sub" (subscript digits)
    text: str  # what Python will see
    col: int  # 0-based column in the learner's text
    spaced: bool  # whitespace just before it
    source: str  # what the learner typed ("" for an inserted `*`)


_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    rf"|(?P<name>[{_LETTERS}_][{_LETTERS}0-9_]*)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+)"
    r"|(?P<sub>[₀-₉]+)"
    r"|(?P<op>\*\*|[-+*/^()\[\],;.·⋅×∗÷∕⁄−–—‐‑‒﹣－ᵀ，；（）［］])"
)
_CHARACTER_HELP = {
    "=": "type only the right-hand side of the formula (no `=`)",
    '"': "text in quotes is not allowed",
    "'": "text in quotes is not allowed",
    ":": "`:` is not allowed (no lambdas, slices or `:=`)",
    "#": "`#` is not allowed",
    "{": "braces are not allowed: use ( ) to group",
    "}": "braces are not allowed: use ( ) to group",
    "|": "for |x| write abs(x)",
    "!": "`!` (factorial) is not supported",
    "<": "comparisons are not allowed",
    ">": "comparisons are not allowed",
    "@": "`@` is not supported: write the products out with *",
    "%": "`%` is not an operator here: for a percentage write 0.05 for 5%",
    "\\": "backslashes (LaTeX) are not supported: write sqrt(x), x^2, pi",
    "\u0305": "for a repeating decimal type the fraction, like 5/3 for 1.666...",
}


_PAIR_HELP = {
    "<<": "`<<` (a bit shift) is not math here: for a power of 2 write 2^n",
    ">>": "`>>` (a bit shift) is not math here: for a power of 2 write 2^-n",
    "==": "type only the right-hand side of the formula (no `==`)",
    "<=": "comparisons are not allowed: type a formula",
    ">=": "comparisons are not allowed: type a formula",
    "!=": "comparisons are not allowed: type a formula",
    "%": "`%` is not an operator here: for a percentage write 0.05 for 5%",
}


def _bad_character(char: str, pair: str = "") -> str:
    if pair in _PAIR_HELP:
        return _PAIR_HELP[pair]
    if char in _CHARACTER_HELP:
        return _CHARACTER_HELP[char]
    if char.isalpha():
        return f"`{char}` is not a letter I know: use a-z, A-Z or a lowercase Greek letter like α"
    if char.isdigit():
        return f"`{char}` is not a digit I know: use 0-9"
    if not char.isprintable():
        return f"an invisible character (U+{ord(char):04X}) is not allowed"
    return f"`{char}` is not a character I understand"


def _tokenize(text: str) -> list[Token]:
    tokens, col, spaced = [], 0, False
    while col < len(text):
        match = _TOKEN.match(text, col)
        if match is None:
            if text[col] == "'" and text[:col].rstrip().endswith("]"):
                raise ParseError("for a transposed list type ᵀ or ^T after it: [a, b]ᵀ", col)
            raise ParseError(_bad_character(text[col], text[col : col + 2]), col)
        if match.lastgroup == "space":
            spaced = True
        else:
            tokens.append(Token(match.lastgroup, match[0], col, spaced, match[0]))
            spaced = False
        col = match.end()
    return tokens


# ---------------------------------------------------------------------------------------------
# Step 2: small transforms, each list[Token] -> list[Token]
# ---------------------------------------------------------------------------------------------


def _check_not_empty(tokens: list[Token]) -> list[Token]:
    if not tokens:
        raise ParseError("type a function, e.g. 3*x^2*y", 0)
    return tokens


_SPELLING = {
    "^": "**", "·": "*", "⋅": "*", "×": "*", "∗": "*", "÷": "/", "∕": "/", "⁄": "/",
    **dict.fromkeys("−–—‐‑‒﹣－", "-"),
    **dict(zip("，；（）［］", ",;()[]", strict=True)),  # full-width punctuation (CJK keyboards)
}  # fmt: skip


def _spell_operators(tokens: list[Token]) -> list[Token]:
    """``^`` -> ``**``; ``·`` ``×`` -> ``*``; ``−`` -> ``-``; ``÷`` -> ``/``; ``，`` -> ``,``."""
    return [t._replace(text=_SPELLING.get(t.text, t.text)) if t.kind == "op" else t for t in tokens]


_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")


def _superscripts(tokens: list[Token]) -> list[Token]:
    """``x²`` -> ``x ** 2``; ``x⁻¹`` -> ``x ** - 1``."""
    out = []
    for t in tokens:
        if t.kind != "sup":
            out.append(t)
            continue
        power = t.text.translate(_SUPERSCRIPT_DIGITS)
        if not re.fullmatch(r"[+-]?[0-9]+", power):
            raise ParseError(f"{_shown(t.source)} is not an exponent I can read: write x^-1", t.col)
        out.append(Token("op", "**", t.col, t.spaced, t.source))
        if power[0] in "+-":
            out.append(Token("op", power[0], t.col, False, t.source))
        out.append(Token("number", power.lstrip("+-"), t.col, False, t.source))
    return out


def _subscripts(tokens: list[Token]) -> list[Token]:
    """``x₁`` -> ``x_1``."""
    out: list[Token] = []
    for t in tokens:
        if t.kind != "sub":
            out.append(t)
        elif out and out[-1].kind == "name" and not t.spaced:
            name = out.pop()
            digits = t.text.translate(_SUBSCRIPT_DIGITS)
            out.append(name._replace(text=f"{name.text}_{digits}", source=name.source + t.source))
        else:
            raise ParseError("a subscript like ₁ must follow a letter, as in x₁", t.col)
    return out


def _strip_leading_zeros(tokens: list[Token]) -> list[Token]:
    """``007`` -> ``7`` (Python refuses leading zeros)."""
    return [
        t._replace(text=t.text.lstrip("0") or "0") if t.kind == "number" and t.text.isdigit() else t
        for t in tokens
    ]


def _check_names(tokens: list[Token]) -> list[Token]:
    """Refuse Python words and ``_`` names; a function name must be followed by ``(``."""
    for t, after in zip(tokens, [*tokens[1:], None], strict=True):
        if t.kind != "name":
            continue
        if keyword.iskeyword(t.text):
            help = _PYTHON_WORDS.get(t.text, "type only a formula")
            raise ParseError(f"`{t.text}` is a Python word, not math: {help}", t.col)
        if t.text.startswith("_") or "__" in t.text:
            raise ParseError("names may not start with `_` or contain `__`", t.col)
        if t.text in FUNCTIONS and (after is None or after.text != "("):
            raise ParseError(_needs_brackets(t.source, after), t.col)
    return tokens


_PYTHON_WORDS = {
    "lambda": "for the Greek letter, type λ",
    **dict.fromkeys(["if", "else", "elif"], "for a function in pieces use max, min, abs or relu"),
    **dict.fromkeys(["for", "in", "while"], "type each function of a list, like [x, 2x]"),
    **dict.fromkeys(["True", "False"], "type a number (1 or 0)"),
    "None": "type a number, such as 0",
    **dict.fromkeys(["and", "or", "not", "is"], "type one formula"),
}


def _check_numbers(tokens: list[Token]) -> list[Token]:
    """Python's ways of writing numbers that are not math: ``0x1F``, ``1_000``, ``x // y``."""
    for t, after in zip(tokens, tokens[1:], strict=False):
        if after.spaced:
            continue
        if t.kind == "number" and after.kind == "name" and after.text.startswith("_"):
            digits = t.source + after.source
            message = f"{_shown(digits)}: write numbers without `_`, like {digits.replace('_', '')}"
            raise ParseError(message, t.col)
        if t.text == "0" and re.fullmatch(r"[xX][0-9a-fA-F]+|[bB][01]+|[oO][0-7]+", after.text):
            value = int(t.text + after.text, 0)
            message = f"`0{after.text}` is Python's way to write {value}: type {value}"
            raise ParseError(message, t.col)
        if t.text == after.text == "/":
            message = "`//` (whole-number division) is not math here: for division write one /"
            raise ParseError(message, t.col)
    return tokens


def _needs_brackets(name: str, after: Token | None) -> str:
    if after is not None and after.text == "**":
        return f"`{name}` needs brackets: write {name}(x)^2 for the square of {name}(x)"
    argument = after.source[:8] if after is not None and after.kind in ("name", "number") else "x"
    return f"`{name}` needs brackets: write {name}({argument})"


_OPENING = {")": "(", "]": "["}


def _check_brackets(tokens: list[Token]) -> list[Token]:
    """Every ``(`` and ``[`` is closed, in order, and nested at most MAX_BRACKET_DEPTH deep."""
    stack: list[Token] = []
    for t in tokens:
        if t.text in ("(", "["):
            stack.append(t)
            if len(stack) > MAX_BRACKET_DEPTH:
                message = f"brackets are nested too deeply (at most {MAX_BRACKET_DEPTH} levels)"
                raise ParseError(message, t.col)
        elif t.text in _OPENING:
            if not stack:
                raise ParseError(f"this `{t.text}` has no matching `{_OPENING[t.text]}`", t.col)
            if stack.pop().text != _OPENING[t.text]:
                raise ParseError(f"this `{t.text}` closes a bracket of the other kind", t.col)
    if stack:
        raise ParseError(f"a `{stack[-1].text}` is not closed", stack[-1].col)
    return tokens


def _check_ending(tokens: list[Token]) -> list[Token]:
    last = tokens[-1]
    if last.kind == "op" and last.text in ("+", "-", "*", "/", "**"):
        message = f"the expression ends too early: something is missing after `{last.source}`"
        raise ParseError(message, last.col)
    return tokens


def _transposes(tokens: list[Token]) -> list[Token]:
    """``[a, b]ᵀ`` and ``[a, b]^T`` -> ``[a, b] .T``, a transposed list (only
    :func:`parse_matrix` reads it); ``ᵀ`` anywhere else is refused."""
    out: list[Token] = []
    skip = False
    for t, after in zip(tokens, [*tokens[1:], None], strict=True):
        if skip:
            skip = False
            continue
        after_list = bool(out) and out[-1].text == "]"
        power_t = t.text == "**" and after is not None and after.text == "T" and after_list
        if t.text == "ᵀ" and not after_list:
            raise ParseError("`ᵀ` (transpose) goes right after a list, like [a, b]ᵀ", t.col)
        if t.text == "ᵀ" or power_t:
            source = t.source + (after.source if power_t and after is not None else "")
            out += [Token("op", ".", t.col, False, source), Token("name", "T", t.col, False, "")]
            skip = power_t
            continue
        out.append(t)
    return out


def _bracket_pairs(tokens: list[Token]) -> dict[int, int]:
    """Index of each opening bracket -> index of its closing one (brackets are balanced)."""
    pairs, stack = {}, []
    for i, t in enumerate(tokens):
        if t.text in ("(", "["):
            stack.append(i)
        elif t.text in (")", "]"):
            pairs[stack.pop()] = i
    return pairs


def _enclosing(tokens: list[Token]) -> list[int | None]:
    """For each token, the index of the bracket it sits directly inside (None: outside all)."""
    out, stack = [], []
    for i, t in enumerate(tokens):
        if t.text in (")", "]"):
            stack.pop()
        out.append(stack[-1] if stack else None)
        if t.text in ("(", "["):
            stack.append(i)
    return out


def _matrix_rows(tokens: list[Token]) -> list[Token]:
    """``[a, b; c, d]`` -> ``[[a, b], [c, d]]``: ``;`` ends a row, as in MATLAB, so ``[a; b]`` is
    a column; ``[[a, b]; [c, d]]`` is read as ``[[a, b], [c, d]]``; a last ``;`` is dropped."""
    if not any(t.text == ";" for t in tokens):
        return tokens
    pairs, inside = _bracket_pairs(tokens), _enclosing(tokens)
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        if t.text != ";":
            continue
        where = inside[i]
        if where is None or tokens[where].text != "[":
            message = "`;` ends a row of a matrix in [ ], like [a, b; c, d]; here type one formula"
            raise ParseError(message, t.col)
        groups.setdefault(where, []).append(i)
    replaced: dict[int, list[Token]] = {}
    for start, semicolons in groups.items():
        replaced.update(_rows_of(tokens, pairs, start, semicolons))
    out: list[Token] = []
    for i, t in enumerate(tokens):
        out.extend(replaced.get(i, [t]))
    return out


def _rows_of(tokens, pairs, start: int, semicolons: list[int]) -> dict[int, list[Token]]:
    """The tokens that replace the brackets and ``;`` of one ``[a, b; c, d]``."""
    end = pairs[start]
    bounds = [start, *semicolons, end]
    rows = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    replaced: dict[int, list[Token]] = {}
    if rows[-1][0] == rows[-1][1]:  # [a; b;]: a last `;` ends the last row
        rows.pop()
        replaced[semicolons.pop()] = []
    for a, b in rows:
        if a == b:
            raise ParseError("a row is empty: remove the extra `;`", tokens[a - 1].col)
    bracketed = [tokens[a].text == "[" and pairs.get(a) == b - 1 for a, b in rows]
    if all(bracketed):
        replaced.update({i: [tokens[i]._replace(text=",")] for i in semicolons})
        return replaced
    if any(bracketed):
        message = "write every row the same way: [a, b; c, d] or [[a, b], [c, d]]"
        raise ParseError(message, tokens[start].col)

    def op(text: str, t: Token) -> Token:
        return Token("op", text, t.col, False, "")

    replaced[start] = [tokens[start], op("[", tokens[start])]
    replaced[end] = [op("]", tokens[end]), tokens[end]]
    for i in semicolons:
        t = tokens[i]
        replaced[i] = [op("]", t), t._replace(text=","), op("[", t)]
    return replaced


def _ends_factor(t: Token) -> bool:
    return t.kind in ("number", "name") or t.text == ")"


def _check_list_spaces(tokens: list[Token]) -> list[Token]:
    """Inside [ ], ``[5/3 2/3]`` and ``[1 -2]`` are entries separated by spaces (as in MATLAB):
    refused with the same list written with commas, which is how entries are separated here."""
    inside = _enclosing(tokens)
    commas = {inside[i] for i, t in enumerate(tokens) if t.text == ","}
    for i in range(1, len(tokens)):
        t, before, where = tokens[i], tokens[i - 1], inside[i]
        if where is None or tokens[where].text != "[" or not t.spaced or not _ends_factor(before):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        sign = t.text in ("+", "-") and after is not None and not after.spaced
        if t.kind == "number" or sign and where not in commas:
            suggestion = _with_commas(tokens, inside, commas, where)
            raise ParseError(f"separate the entries of a list with commas: {suggestion}", t.col)
    return tokens


def _with_commas(tokens, inside, commas, flagged: int) -> str:
    """The learner's text again, with a comma at each space that separates entries in a list."""
    pieces, last = [], None
    for i, t in enumerate(tokens):
        if (t.col, t.source) == last or not t.source:
            continue  # x⁻¹ is three tokens from one source; inserted tokens have none
        last = (t.col, t.source)
        where = inside[i]
        in_list = where is not None and tokens[where].text == "[" and i > 0
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        sign = t.text in ("+", "-") and after is not None and not after.spaced
        starts = t.kind in ("number", "name") or t.text == "(" or sign
        separates = in_list and t.spaced and starts and _ends_factor(tokens[i - 1])
        if separates and (where not in commas or where == flagged):
            pieces.append(",")
        pieces.append((" " if t.spaced else "") + t.source)
    return _shown("".join(pieces).strip(), 60)


def _implicit_multiplication(tokens: list[Token]) -> list[Token]:
    """Insert the ``*`` in ``2x``, ``2(x+1)``, ``(x+1)(x-1)``, ``(x+1) x``, ``x y``, ``x^2 y``."""
    out: list[Token] = []
    for left, right in zip([None, *tokens], tokens, strict=False):
        if left is not None and _is_product(left, right):
            out.append(Token("op", "*", right.col, False, ""))
        out.append(right)
    return out


def _is_product(left: Token, right: Token) -> bool:
    if left.kind == "number" and right.kind == "number" and not right.spaced:
        number = _shown(left.source + right.source)
        raise ParseError(f"{number} is not a number: use one `.`", left.col)
    if left.kind == "number" and right.kind == "number":
        raise ParseError("two numbers in a row: write 2*3, or remove the space", right.col)
    ends_factor = left.kind in ("number", "name") or left.text == ")"
    starts_factor = right.kind in ("number", "name") or right.text == "("
    if ends_factor and right.text == "[":  # a number times a list: 2/3 [5/2, 1]; x[0] is refused
        return left.kind != "name" or right.spaced
    if not (ends_factor and starts_factor):
        return False
    if left.kind == "name" and right.text == "(":  # sin(x) and f(x) are calls; `x (y+1)` a product
        return right.spaced and left.text not in FUNCTIONS
    if left.kind == "name" and right.kind == "number":  # `x 2` is a product, `x.5` is not
        return right.spaced
    return True


_AMBIGUOUS = sorted({*FUNCTIONS, *CONSTANTS, *_GREEK.values()} - set(_GREEK), key=len)


def _split_letter_runs(tokens: list[Token], known: frozenset[str]) -> list[Token]:
    """``xy`` -> ``x y`` when x and y are one-letter variables given (``6yx`` is 6·y·x).

    Only runs of letters that are all such variables are split, and never one that spells a
    function, a constant or a Greek letter's name (``sinx`` with s, i, n, x given: sin(x) or
    s·i·n·x? the learner must say).
    """
    out: list[Token] = []
    for t in tokens:
        parts = _numbered_run(t, known)
        if parts:
            for part, offset in parts:
                out.append(Token("name", part, t.col + offset, t.spaced and offset == 0, part))
            continue
        letters = [_GREEK.get(c, c) for c in t.text]
        if not _is_letter_run(t, letters, known):
            out.append(t)
            continue
        spelled = next((w for w in reversed(_AMBIGUOUS) if w in t.text), None)
        if spelled is not None:
            product = "*".join(t.text)
            message = f"`{t.text}` contains the name {spelled}: write {product} for a product"
            raise ParseError(message, t.col)
        for i, c in enumerate(t.text):
            out.append(Token("name", c, t.col + i, t.spaced and i == 0, c))
    return out


_NUMBERED_PART = re.compile(rf"[{_LETTERS}](?:_?[0-9]{{1,3}})?")


def _numbered_run(t: Token, known: frozenset[str]) -> list[tuple[str, int]]:
    """``x2x3`` -> ``[("x2", 0), ("x3", 2)]`` when x_2 and x_3 are variables given, and the run has
    a numbered name in it and is not itself a name (``x12`` is x_12); else ``[]``."""
    if t.kind != "name" or not any(c.isdigit() for c in t.text) or _canonical_name(t.text):
        return []
    parts = [(m[0], m.start()) for m in _NUMBERED_PART.finditer(t.text)]
    if "".join(p for p, _ in parts) != t.text or len(parts) < 2:
        return []
    return parts if all(_canonical_name(p) in known for p, _ in parts) else []


def _is_letter_run(t: Token, letters: list[str], known: frozenset[str]) -> bool:
    """A run of letters, each a one-letter variable given (or π), that is not a name itself."""
    if t.kind != "name" or len(t.text) < 2 or not re.fullmatch(f"[{_LETTERS}]+", t.text):
        return False
    if t.text in FUNCTIONS or t.text in CONSTANTS or _canonical_name(t.text) is not None:
        return False
    if any(t.text.startswith(f) for f in FUNCTIONS) or keyword.iskeyword(t.text):
        return False  # sinx: "write sin(x)"; a Python word: its own message
    pairs = zip(t.text, letters, strict=True)
    unknown = [c for c, letter in pairs if letter not in known and c != "π"]
    if unknown and len(unknown) < len(letters) and not set(unknown) & {"e", "E"}:
        variables = ", ".join(sorted(known))
        which = ", ".join(dict.fromkeys(unknown))
        message = f"`{which}` in {_shown(t.text)} is not one of your variables ({variables})"
        raise ParseError(message, t.col)
    return not unknown


_TRANSFORMS = (
    _check_not_empty,
    _spell_operators,
    _superscripts,
    _subscripts,
    _transposes,
    _check_numbers,
    _strip_leading_zeros,
    _check_names,
    _check_brackets,
    _matrix_rows,
    _check_ending,
    _check_list_spaces,
    _implicit_multiplication,
)


# ---------------------------------------------------------------------------------------------
# Step 3: tokens -> Python source -> syntax tree (checked for size)
# ---------------------------------------------------------------------------------------------


class _Source(NamedTuple):
    code: str  # what ast.parse sees
    cols: list[int]  # for each character of code: its column in the learner's text
    text: str  # what the learner typed

    def column(self, index: int) -> int:
        return self.cols[index] if 0 <= index < len(self.cols) else len(self.text)

    def node_column(self, node: ast.expr) -> int:
        """ast counts columns in UTF-8 bytes; turn that into a column of the learner's text."""
        before = self.code.encode()[: node.col_offset]
        return self.column(len(before.decode(errors="ignore")))


def _to_source(tokens: list[Token], text: str) -> _Source:
    pieces, cols = [], []
    for t in tokens:
        pieces.append(t.text + " ")
        cols.extend([t.col] * (len(t.text) + 1))
    return _Source("".join(pieces), cols, text)


def _tokens(text: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """The learner's text as checked tokens; ``known``: the canonical names of the variables
    given, whose one-letter names may be written without a sign between them (``6xy``)."""
    if not isinstance(text, str):
        raise TypeError(f"expected the formula as text (a str), not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the formula is too long: at most {MAX_LENGTH} characters", MAX_LENGTH)
    tokens = _tokenize(text)
    _check_runs(tokens)
    for transform in _TRANSFORMS:
        tokens = transform(tokens)
        if transform is _subscripts and known:
            tokens = _split_letter_runs(tokens, known)
    return tokens


def _check_runs(tokens: list[Token]) -> None:
    """Refuse long runs of signs (``- - - x``) and chains of powers (``x^x^x^…``) before Python
    parses them: each one nests the syntax tree a level deeper, and a browser's Python (Pyodide)
    runs out of stack on a few thousand, taking the kernel down with it.

    >>> _check_runs(_tokenize("x - -y + 2^3^2"))
    >>> _check_runs(_tokenize("-" * 9 + "x"))
    Traceback (most recent call last):
    ...
    mathkit.parse.ParseError: too many signs in a row (at most 8): write one sign
    """
    signs = chain = 0
    for i, t in enumerate(tokens):
        spelled = _SPELLING.get(t.text, t.text)
        is_sign = t.kind == "op" and spelled in ("+", "-")
        signs = signs + 1 if is_sign else 0
        if signs > MAX_RUN:
            raise ParseError(f"too many signs in a row (at most {MAX_RUN}): write one sign", t.col)
        if t.kind == "op" and spelled == "**":
            before = _SPELLING.get(tokens[i - 2].text, tokens[i - 2].text) if i >= 2 else ""
            chain = chain + 1 if before == "**" else 1
            if chain > MAX_RUN:
                raise ParseError(
                    f"too many powers in a chain (at most {MAX_RUN}): use brackets or fewer",
                    t.col,
                )


def _prepare(text: str, known: frozenset[str] = frozenset()) -> _Source:
    return _to_source(_tokens(text, known), text)


def _reading(tokens: list[Token], text: str) -> str:
    """The learner's text with a ``·`` at every product they wrote without a sign."""
    where = {t.col for t in tokens if t.kind == "op" and t.text == "*" and t.source == ""}
    where = sorted(where, reverse=True)
    for col in where:
        text = text[:col].rstrip() + "·" + text[col:]
    return text


def _syntax_tree(source: _Source) -> ast.expr:
    try:
        return ast.parse(source.code, mode="eval").body
    except SyntaxError as error:
        index = (error.offset or 0) - 1
        if not 0 <= index < len(source.code.rstrip()):
            raise ParseError("the expression ends too early", len(source.text)) from None
        col = source.column(index)
        near = source.text[col : col + 10] or source.text[-10:]
        message = f"I can't read the formula at `{near}`: check for a missing number or operator"
        raise ParseError(message, col) from None
    except (RecursionError, MemoryError, ValueError, SystemError):  # CPython: deep chains
        raise ParseError("the formula is too complicated to read", None) from None


def _check_size(tree: ast.expr, source: _Source) -> None:
    """At most MAX_NODES expression nodes, at most MAX_TREE_DEPTH deep (no recursion here)."""
    count, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            message = f"the formula is too long: at most {MAX_NODES} numbers, names and operations"
            raise ParseError(message, source.node_column(node))
        if depth > MAX_TREE_DEPTH:
            raise ParseError("the formula is nested too deeply", source.node_column(node))
        children = ast.iter_child_nodes(node)
        stack.extend((child, depth + 1) for child in children if isinstance(child, ast.expr))


# ---------------------------------------------------------------------------------------------
# Step 4: checked tree -> sympy, one allowed node type at a time
# ---------------------------------------------------------------------------------------------

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
_UNDEFINED = (sympy.S.ComplexInfinity, sympy.S.NaN, sympy.S.Infinity, sympy.S.NegativeInfinity)


def _exact_decimal(typed: str) -> sympy.Rational:
    """A decimal as typed (``"-1.67"``, ``"2.5e-3"``), as the exact fraction it spells; its size
    is checked first (sympy would build 10^99999999 for ``0e-99999999``)."""
    mantissa, _, exponent = typed.lower().partition("e")
    digits = re.sub(r"[^0-9]", "", mantissa)
    if len(digits) > MAX_DECIMAL_DIGITS:
        raise ParseError(f"a decimal can have at most {MAX_DECIMAL_DIGITS} digits")
    if not digits.strip("0"):
        return sympy.S.Zero
    if exponent and abs(int(exponent)) > 2 * MAX_NUMBER_BITS:
        raise ParseError("this number is too small or too large to work with")
    value = fractions.Fraction(typed)  # digits, a point and an exponent: never evaluated text
    return sympy.Rational(value.numerator, value.denominator)


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


# ---------------------------------------------------------------------------------------------
# Number guards: sympy computes with numbers at once, so stop them growing before they do
# ---------------------------------------------------------------------------------------------


def _bits(number: sympy.Expr) -> int:
    """Size of a number in bits: digits for a fraction, the binary exponent for a decimal."""
    if isinstance(number, sympy.Rational):
        return max(abs(number.p).bit_length(), number.q.bit_length())
    if isinstance(number, sympy.Float):
        _, _, exponent, size = number._mpf_
        return abs(exponent + size)
    return 0


def _exponent_too_large(exponent: sympy.Expr) -> str:
    shown = f" {exponent}" if _bits(exponent) < 64 and len(str(exponent)) <= 20 else ""
    return f"the exponent{shown} is too large: exponents can be at most {MAX_EXPONENT}"


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    """``base ** exponent``, refused if it would build a huge number (``9^9^9``, ``x^(2^100)``)."""
    if exponent.is_Number:
        if abs(exponent) > MAX_EXPONENT:
            raise ParseError(_exponent_too_large(exponent))
        if _powered_bits(base) * abs(float(exponent)) > MAX_NUMBER_BITS:
            raise ParseError("this power makes a number with too many digits (over about 77)")
    _check_log_factor(exponent)
    return sympy.Pow(base, exponent)


def _powered_bits(base: sympy.Expr) -> float:
    """log2 of the largest number that ``base ** n`` raises to the n: the base itself, the number
    in front of a product (``(3x)^n``), or a number under a root in it (``(2^(1/2) x)^n``)."""
    sizes = [0.0]
    for factor in sympy.Mul.make_args(base):
        number = factor.base if factor.is_Pow else factor
        if isinstance(number, sympy.Rational) and number != 0:
            sizes.append(max(math.log2(abs(number.p)), math.log2(number.q)))
        elif isinstance(number, sympy.Float):
            sizes.append(_bits(number))
    return max(sizes)


def _numbers_outside_logs(expr: sympy.Expr):
    if isinstance(expr, sympy.log):
        return
    if expr.is_Number:
        yield expr
    for arg in expr.args:
        yield from _numbers_outside_logs(arg)


def _check_log_factor(exponent: sympy.Expr) -> None:
    """sympy turns ``e^(k*log(2))`` into ``2^k`` at once: keep such a k small."""
    if not exponent.has(sympy.log):
        return
    if any(abs(n) > MAX_EXPONENT for n in _numbers_outside_logs(exponent)):
        raise ParseError(f"a log in an exponent may only be multiplied by at most {MAX_EXPONENT}")


def _check_result(expr: sympy.Expr) -> None:
    """A node's value must be defined, and the numbers it just made (two levels down) small."""
    near = [expr, *expr.args, *(grandchild for child in expr.args for grandchild in child.args)]
    for n in near:
        if n is sympy.S.ComplexInfinity or n.is_Number and n in _UNDEFINED:
            raise ParseError("this is undefined (a division by zero, or log(0)?)")
        if n.is_Number and _bits(n) > MAX_NUMBER_BITS:
            grows = "too large" if abs(n) >= 1 else "too close to 0"
            message = f"a number in this formula gets {grows} (more than about 77 digits)"
            raise ParseError(message)
    for n in near[: 1 + len(expr.args)]:
        if isinstance(n, _GROWTH) and not n.free_symbols:
            _check_growth(n)


_GROWTH = (sympy.exp, sympy.sinh, sympy.cosh, sympy.Pow)


def _size(value: sympy.Expr) -> float:
    """|value| as a float (inf if huge), for a constant whose parts were checked already."""
    number = abs(value.evalf(15))
    return float(number) if number.is_Float else math.inf


def _check_growth(value: sympy.Expr) -> None:
    """A constant such as exp(1000) or 2^(100*pi) keeps below 2^MAX_NUMBER_BITS: sympy works
    out constants numerically (to compare them in max, min, abs) with as many digits as the number
    has, and sin(exp(10^6)) would take minutes. Estimated from the parts, never the value."""
    if isinstance(value, sympy.Pow):
        base_bits = max(_bits(abs(value.base.evalf(15))), 1)
        bits = base_bits * _size(value.exp)
    else:
        bits = 1.45 * _size(value.args[0])  # log2(e) = 1.44
    if bits > MAX_NUMBER_BITS:
        raise ParseError("this value is too large to work with (more than about 77 digits)")


# ---------------------------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------------------------


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


@within_budget
def parse(
    text: str, variables=None, vectors=None, *, exact: bool = False
) -> sympy.Expr | sympy.Matrix:
    """Read one formula, or a list of formulas, typed by a learner.

    One formula gives a sympy expression; a list ``[f1, f2]`` (or ``f1, f2``) gives a column Matrix
    (m x 1). ``variables`` (``"x y"``, ``"x, y"`` or Symbols) limits which variables may appear;
    None allows any one-letter name. The module docstring lists everything accepted and refused.

    >>> parse("2x + x₁ + x1 − x_1")
    2*x + x_1
    >>> parse("e^(-x²) + sqrt(2)·π")
    sqrt(2)*pi + exp(-x**2)
    >>> parse("relu(z) + max(0, z) + abs(z)")
    Abs(z) + 2*Max(0, z)
    >>> parse("x + z", variables="x y")
    Traceback (most recent call last):
        ...
    mathkit.parse.ParseError: `z` is not one of your variables (x, y)
    >>> try:
    ...     parse("x + (y")
    ... except ParseError as error:
    ...     print(error, "at column", error.position)
    a `(` is not closed at column 4

    ``vectors`` (``{"w": 3, "x": 3}``) reads the paper's vector notation (:mod:`mathkit.vectors`).
    With ``exact``, a decimal is the exact fraction it spells (``parse("1.5", exact=True)`` is
    3/2), as answers are read; else a float.
    """
    if vectors is not None:  # issue 10 hook: the paper's vector notation lives in vectors.py
        from .vectors import parse_vectors

        return parse_vectors(text, variables, vectors)
    tree, builder = _read(text, variables, exact)
    if not _is_list(tree):
        return builder.expr(tree)
    items = builder.items(tree, "functions")
    for item in items:
        if _is_list(item):
            message = "a list inside a list is a matrix: here type functions like [x*y, x + y]"
            raise ParseError(message, builder.column(item))
    return sympy.Matrix([builder.expr(item) for item in items])


def reading(text: str, variables=None) -> str | None:
    """How ``text`` is read when a run of letters is read as a product of variables, else None.

    With ``variables`` given, a run of their one-letter names is their product (``6xy`` and
    ``6yx`` are 6·x·y and 6·y·x); show the learner this reading, every product without a sign
    marked ``·``, so that a misreading is seen. None when no run was split (nothing surprising);
    a ParseError when the text cannot be read.

    >>> reading("6xy + 3x^2", "x y")
    '6·x·y + 3·x^2'
    >>> reading("6x*y", "x y") is None
    True
    """
    known = frozenset(_key(s) for s in parse_variables(variables)) if variables else frozenset()
    tokens = _tokens(text, known)
    if len(tokens) == len(_tokens(text)):
        return None
    return _reading(tokens, text)


def parse_with_reading(text: str, variables=None) -> tuple[sympy.Expr | sympy.Matrix, str | None]:
    """``(parse(text, variables), reading(text, variables))``: the formula and, when a run of
    letters was read as a product, the text as read, to show (``read as 6·x·y``).

    >>> parse_with_reading("6yx", "x y")
    (6*x*y, '6·y·x')
    """
    return parse(text, variables), reading(text, variables)


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


def _variable_symbols(variables) -> list[sympy.Symbol]:
    """Names become canonical Symbols; a given Symbol is kept as it is (with its assumptions)."""
    if isinstance(variables, str):
        if len(variables) > MAX_LENGTH:
            raise ParseError(f"too long: at most {MAX_LENGTH} characters")
        inside = variables.strip().removeprefix("[").removesuffix("]")
        words = re.finditer(r"[^\s,()]+", inside)
        return [_symbol_at(w[0], w.start() + variables.index(inside)) for w in words]
    if isinstance(variables, sympy.Symbol):
        variables = [variables]
    if not isinstance(variables, (Iterable, sympy.MatrixBase)):
        raise TypeError(f"variables are names or Symbols, not {type(variables).__name__}")
    return [_as_symbol(v) for v in itertools.islice(variables, MAX_ITEMS + 1)]


def _symbol_at(name: str, position: int) -> sympy.Symbol:
    try:
        return symbol(name)
    except ParseError as error:
        error.position = position
        raise


def _as_symbol(variable) -> sympy.Symbol:
    if isinstance(variable, str):
        return symbol(variable)
    if isinstance(variable, sympy.Symbol):
        symbol(variable.name)  # a name a learner can type
        return variable
    raise TypeError(f"variables are names or Symbols, not {type(variable).__name__}")


def _key(variable: sympy.Symbol) -> str:
    """The canonical name a learner's text is matched against: Symbol("x1") -> "x_1"."""
    return symbol(variable.name).name


def parse_variables(variables) -> list[sympy.Symbol]:
    """The variables to differentiate with respect to, in order.

    Takes ``"x y"``, ``"x, y"``, ``"x1 x2 x3"``, ``"x₁, x₂"``, a Symbol, or a list of Symbols/names.

    >>> parse_variables("x₁, x₂"), parse_variables("w1 w2 b")
    ([x_1, x_2], [w_1, w_2, b])
    """
    symbols = _variable_symbols(variables)
    if not symbols:
        raise ParseError("list at least one variable, e.g. x y", 0)
    if len(symbols) > MAX_ITEMS:
        raise ParseError(f"too many variables: at most {MAX_ITEMS}")
    seen: set[str] = set()
    for s in symbols:
        if _key(s) in seen:
            raise ParseError(f"`{_key(s)}` is listed twice")
        seen.add(_key(s))
    return symbols
