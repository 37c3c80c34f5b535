"""Decimals typed for exact numbers, judged like a teacher: one rule for every number answer.

**The rule.** A decimal d (a number typed with a point, like ``1.67``) is right for an exact
value v when d = v (``0.5`` for 1/2), or when d has at least :data:`MIN_DIGITS` (3) significant
digits and is v rounded to the decimal places typed: |d − v| ≤ half a unit of its last digit.
So ``1.67``, ``1.667`` and ``1.6667`` are right for 5/3; ``1.66`` and ``1.666`` are not. From
:data:`CUT_DIGITS` (6) significant digits on, a decimal cut off rather than rounded is right too
(|d − v| ≤ one unit of its last digit), as is a float printed by Python (|d − v| ≤ 10⁻¹⁵·|v|):
``0.6666666666666666`` and ``3.3333333333333335`` are how Python prints 2/3 and 10/3.

Two near misses are named, never accepted: a correctly rounded decimal with fewer digits
(``1.7`` for 5/3: ``few_digits``), and one whose last digit is off by at most one unit
(``1.666`` or ``1.6670`` for 5/3: ``last_digit``). Near a whole number there is no near miss:
``0.99`` is simply not the slope 1. Whole numbers and formulas are exact: ``2`` is not 5/3,
and ``2/3*2.5`` is exactly 5/3 (a checker reads decimals as the fractions they spell,
:func:`mathkit.parse.read_entries`).

>>> v = sp.Rational(5, 3)
>>> [verdict(d, sp.Rational(d), v) for d in ("1.67", "1.6667", "1.7", "1.666", "1.5")]
['rounded', 'rounded', 'few_digits', 'last_digit', 'wrong']
>>> verdict("0.5", sp.Rational(1, 2), sp.Rational(1, 2)), verdict(None, sp.Integer(2), v)
('exact', 'wrong')
>>> verdict("1.666666", sp.Rational("1.666666"), v)
'rounded'
"""

from __future__ import annotations

import re

import sympy as sp

from .text import text

MIN_DIGITS = 3  # significant digits a decimal needs when it is not the exact value
CUT_DIGITS = 6  # from this many significant digits, a decimal may be cut off instead of rounded
MACHINE = sp.Rational(1, 10**15)  # relative error of a float Python prints (17 digits, 1 ulp)

_DECIMAL = re.compile(r"[+-]?(?P<whole>[0-9]*)\.?(?P<part>[0-9]*)(?:[eE](?P<exp>[+-]?[0-9]+))?")


def significant_digits(typed: str) -> int:
    """Digits from the first nonzero one to the last typed (trailing zeros count).

    >>> significant_digits("1.67"), significant_digits("-0.0670"), significant_digits("2.5e-3")
    (3, 3, 2)
    """
    match = _DECIMAL.fullmatch(typed.strip())
    if match is None:
        return 0
    digits = (match["whole"] + match["part"]).lstrip("0")
    return len(digits)


def last_unit(typed: str) -> sp.Rational:
    """The value of one unit in the last digit typed: ``"1.67"`` -> 1/100, ``"2.5e-3"`` -> 1/10⁴.

    >>> last_unit("1.67"), last_unit("2.5e-3"), last_unit("3.")
    (1/100, 1/10000, 1)
    """
    match = _DECIMAL.fullmatch(typed.strip())
    exponent = match["exp"] or "0" if match else "0"
    if len(exponent) > 4:  # 0e-99999999: no number a learner means; never build 10^99999999
        return sp.S.Zero
    places = len(match["part"]) - int(exponent) if match else 0
    return sp.Rational(1, 10**places) if places >= 0 else sp.Integer(10 ** (-places))


def _distance(answer: sp.Expr, exact: sp.Expr) -> sp.Rational | sp.Float:
    difference = answer - exact
    if difference.is_Rational:
        return abs(difference)
    return abs(difference.evalf(30))


def verdict(typed: str | None, answer: sp.Expr, exact: sp.Expr) -> str:
    """How a number answer stands to an exact value: ``"exact"``, ``"rounded"`` (right by the
    rule), ``"few_digits"``, ``"last_digit"`` (near misses) or ``"wrong"``.

    ``typed`` is the decimal as typed when the answer is one decimal number, else None (the
    answer must then be exact). ``exact`` must be a number (no variables).
    """
    answer, exact = sp.sympify(answer, strict=True), sp.sympify(exact, strict=True)
    if answer.free_symbols or exact.free_symbols or not exact.is_number:
        return "wrong"
    distance = _distance(answer, exact)
    if distance == 0:
        return "exact"
    if typed is None:
        return "wrong"
    unit = last_unit(typed)
    if distance <= unit / 2:
        return "rounded" if significant_digits(typed) >= MIN_DIGITS else "few_digits"
    many = significant_digits(typed) >= CUT_DIGITS
    if many and (distance <= unit or distance <= MACHINE * abs(exact.evalf(30))):
        return "rounded"
    if exact.is_integer:
        return "wrong"  # a decimal near a whole number is no near miss: 0.99 is not ReLU's slope
    if distance <= unit:
        return "last_digit"
    shorter = re.sub(r"(\.[0-9]*?)0+(?=$|[eE])", r"\1", typed.strip())
    if shorter != typed.strip() and verdict(shorter, sp.Rational(shorter), exact) != "wrong":
        return "last_digit"  # 0.6670 for 2/3: right to 3 digits, not to the 4 typed
    return "wrong"


def matches(typed: str | None, answer: sp.Expr, exact: sp.Expr) -> bool:
    """Whether a number answer is right for ``exact`` by the rule (exactly, or rounded)."""
    return verdict(typed, answer, exact) in ("exact", "rounded")


def close_message(typed: str, found: str) -> str:
    """What to do about a near miss (``few_digits`` or ``last_digit``), without the answer.

    >>> close_message("1.7", "few_digits")
    'Close: 1.7 has 2 significant digits; give at least 3 significant digits, or the exact value.'
    """
    if found == "few_digits":
        digits = significant_digits(typed)
        many = "digit" if digits == 1 else "digits"
        return (
            f"Close: {typed} has {digits} significant {many}; give at least {MIN_DIGITS} "
            "significant digits, or the exact value."
        )
    return (
        f"Close: {typed} is not rounded right in its last digit (round to the nearest), or "
        "give the exact value."
    )


def exactly(values) -> str:
    """``" (exactly 5/3)"``: the exact values a rounded answer stands for, to add to a verdict.

    >>> exactly([sp.Rational(5, 3), sp.Rational(2, 3)])
    ' (exactly 5/3, 2/3)'
    """
    return f" (exactly {', '.join(text(v) for v in values)})"
