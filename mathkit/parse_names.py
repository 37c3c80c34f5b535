"""Names a learner may type: variables (one letter, maybe numbered or Greek), the constants e and
pi, and the table of functions (sin ... relu, max, min), with :func:`symbol` and
:func:`parse_variables` and the messages for a name that is none of these.

>>> symbol("θ₂"), sorted(CONSTANTS), FUNCTIONS["relu"][0]
(theta_2, ['e', 'pi', 'π'], 1)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

import sympy

from .parse_limits import MAX_ITEMS, MAX_LENGTH, MAX_MAX_ARGUMENTS, ParseError, _shown
from .parse_numbers import _check_log_factor, _power

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
