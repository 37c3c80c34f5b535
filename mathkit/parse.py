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

The steps live in small modules, in the order they run (this module is the public home of
everything they define that other modules use):

=============================  ===========================================================
:mod:`mathkit.parse_limits`    the size limits and :class:`ParseError`
:mod:`mathkit.parse_tokens`    text -> tokens, each with its column in the learner's text
:mod:`mathkit.parse_spelling`  token steps: operators, superscripts, subscripts, numbers,
                               names, brackets, transposes
:mod:`mathkit.parse_rows`      token steps inside ``[ ]``: ``;`` rows, entries and commas
:mod:`mathkit.parse_products`  token steps: implicit multiplication, runs of letters
:mod:`mathkit.parse_tree`      the steps in order; tokens -> syntax tree, checked for size
:mod:`mathkit.parse_build`     checked tree -> sympy, from an allow-list
:mod:`mathkit.parse_names`     variables, constants and the table of functions
:mod:`mathkit.parse_numbers`   number guards (no huge numbers) and exact decimals
:mod:`mathkit.parse_lists`     :func:`parse_matrix`, :func:`read_entries`, :func:`parse_shape`
=============================  ===========================================================

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

import sympy

from .budget import within_budget

# Re-exported: the public names, and the limits and steps other readers (vectors.py,
# matrix_algebra.py, matrix_text.py, matrix_functions.py) and the tests reach through this module.
from .parse_build import _Builder as _Builder
from .parse_build import _from_python as _from_python
from .parse_build import _is_list, _read
from .parse_limits import MAX_BRACKET_DEPTH as MAX_BRACKET_DEPTH
from .parse_limits import MAX_CONSTANTS as MAX_CONSTANTS
from .parse_limits import MAX_DECIMAL_DIGITS as MAX_DECIMAL_DIGITS
from .parse_limits import MAX_DIGITS as MAX_DIGITS
from .parse_limits import MAX_EXPONENT as MAX_EXPONENT
from .parse_limits import MAX_FLOAT as MAX_FLOAT
from .parse_limits import MAX_FUNCTION_DEPTH as MAX_FUNCTION_DEPTH
from .parse_limits import MAX_HYPERBOLIC_DEPTH as MAX_HYPERBOLIC_DEPTH
from .parse_limits import MAX_ITEMS as MAX_ITEMS
from .parse_limits import MAX_LENGTH as MAX_LENGTH
from .parse_limits import MAX_MAX_ARGUMENTS as MAX_MAX_ARGUMENTS
from .parse_limits import MAX_NODES as MAX_NODES
from .parse_limits import MAX_NUMBER_BITS as MAX_NUMBER_BITS
from .parse_limits import MAX_RUN as MAX_RUN
from .parse_limits import MAX_TREE_DEPTH as MAX_TREE_DEPTH
from .parse_limits import ParseError
from .parse_lists import Entries, parse_matrix, parse_shape, read_entries
from .parse_names import _HYPERBOLIC as _HYPERBOLIC
from .parse_names import CONSTANTS as CONSTANTS
from .parse_names import FUNCTIONS as FUNCTIONS
from .parse_names import _canonical_name as _canonical_name
from .parse_names import _key, parse_variables, symbol
from .parse_numbers import _check_result as _check_result
from .parse_numbers import _exact_decimal as _exact_decimal
from .parse_numbers import _power as _power
from .parse_products import _implicit_multiplication as _implicit_multiplication
from .parse_products import _is_product as _is_product
from .parse_products import _reading
from .parse_products import _split_letter_runs as _split_letter_runs
from .parse_spelling import _check_runs as _check_runs
from .parse_spelling import _subscripts as _subscripts
from .parse_tokens import Token as Token
from .parse_tokens import _tokenize as _tokenize
from .parse_tree import _TRANSFORMS as _TRANSFORMS
from .parse_tree import _check_size as _check_size
from .parse_tree import _Source as _Source
from .parse_tree import _syntax_tree as _syntax_tree
from .parse_tree import _to_source as _to_source
from .parse_tree import _tokens

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
