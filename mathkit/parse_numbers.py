"""Number guards and exact decimals: sympy computes with numbers at once, so stop them growing
before they do (``9^9^9``, ``exp(200)``, ``1/0``), and read a decimal typed in an answer as the
exact fraction it spells (``1.67`` is 167/100).

>>> _exact_decimal("-1.67"), _power(sympy.Symbol("x"), sympy.Integer(2))
(-167/100, x**2)
"""

from __future__ import annotations

import fractions
import math
import re

import sympy

from .parse_limits import MAX_DECIMAL_DIGITS, MAX_EXPONENT, MAX_NUMBER_BITS, ParseError

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
