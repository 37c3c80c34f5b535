"""The chain rule as a learner works it: the paper's examples as steps, steps read from text, and
a check of the factors a learner types, one by one, naming the slip (numerator layout).

The paper's examples (§5), each as its intermediate steps (:data:`EXAMPLES`): sin(x²),
ln(sin(x³)²), x + x², sin(x + x²) and the vector [ln(x²), sin(3x)].

What a learner types (:func:`pieces`): the chain's factors in product order (outermost first,
e.g. dy/du then du/dx), or, when the output itself depends on x directly and through an
intermediate (y = x + u), the terms of the total-derivative sum; then the result in x.
:func:`check_factors` checks them in that order and stops at the first slip, saying which:
the factors in the wrong order, a term of the total derivative left out, a transposed Jacobian.

>>> from mathkit.chain import chain
>>> c = chain(EXAMPLES["x + x^2"], "x")
>>> [label for label, _ in pieces(c)]
['∂y/∂x', '∂y/∂u · du/dx', 'dy/dx']
>>> check_factors(c, ["1", "2x", "2x"]).message
'✗ dy/dx: 2*x leaves out the term ∂y/∂x = 1: y depends on x directly as well as through u, so the total-derivative rule adds it'
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

import sympy as sp

from .calculus import jacobian
from .chain import Chain
from .parse import ParseError, parse, symbol

__all__ = ["EXAMPLES", "FactorCheck", "PieceVerdict", "check_factors", "pieces", "read_steps"]

# The paper's examples, by the text a learner picks, as (name, formula) steps.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "sin(x^2)": [("u", "x^2"), ("y", "sin(u)")],
    "ln(sin(x^3)^2)": [("u1", "x^3"), ("u2", "sin(u1)"), ("u3", "u2^2"), ("y", "ln(u3)")],
    "x + x^2": [("u", "x^2"), ("y", "x + u")],
    "sin(x + x^2)": [("u1", "x^2"), ("u2", "x + u1"), ("y", "sin(u2)")],
    "[ln(x^2), sin(3x)]": [("g", "[x^2, 3x]"), ("y", "[ln(g1), sin(g2)]")],
}

MAX_LINES = 12
_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9]{0,3})\s*=\s*(?P<text>.+?)\s*$")


def read_steps(text: str) -> list[tuple[str, str]]:
    """Steps typed one per line as ``name = formula`` (blank lines skipped).

    >>> read_steps("u = x^2\\ny = sin(u)")
    [('u', 'x^2'), ('y', 'sin(u)')]
    >>> read_steps("sin(u)")
    Traceback (most recent call last):
    ...
    mathkit.parse.ParseError: line 1: write each step as name = formula, like u = x^2
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the steps as text, not {type(text).__name__}")
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ParseError("type at least one step, like u = x^2, and the output last, y = sin(u)")
    if len(lines) > MAX_LINES:
        raise ParseError(f"at most {MAX_LINES} steps, one per line")
    steps = []
    for k, line in enumerate(lines, start=1):
        match = _LINE.match(line)
        if not match:
            raise ParseError(f"line {k}: write each step as name = formula, like u = x^2")
        steps.append((match["name"], match["text"]))
    return steps


def steps_text(steps: Sequence[tuple[str, str]]) -> str:
    """Steps as the text :func:`read_steps` reads: one ``name = formula`` per line."""
    return "\n".join(f"{name} = {text}" for name, text in steps)


# ---------------------------------------------------------------------------------------------
# What the learner types, and what each piece may be mistaken for


def _result_label(c: Chain) -> str:
    output = c.steps[-1][0]
    d = "∂" if c.rule == "vector" else "d"
    return f"{d}{output}/{d}{c.wrt_label}"


def _by_terms(c: Chain) -> bool:
    """The output depends on x and intermediates at once: type the terms of the sum."""
    return c.rule == "total-derivative" and len(c.terms) > 1


def pieces(c: Chain) -> list[tuple[str, sp.Matrix]]:
    """What a learner types, in order: the factors (outermost first) or, when the output
    depends on several of x and the intermediates, the terms of the total derivative; then the
    result in x. Each as (label, numerator-layout Matrix)."""
    items = c.terms if _by_terms(c) else c.factors
    return [*[(label, sp.Matrix(M)) for label, M in items], (_result_label(c), c.result)]


def _direct_and_through(c: Chain, label: str, M: sp.Matrix) -> tuple[sp.Matrix, str] | None:
    """For a factor d(name)/dx whose step uses x directly and through earlier intermediates:
    its direct part ∂name/∂x (intermediates held), else None."""
    match = re.fullmatch(r"d(?P<name>\w+)/d(?P<x>\w+)", label)
    if not match or M.shape != (1, 1):
        return None
    formulas = dict(c.steps)
    expr = formulas.get(match["name"])
    x = symbol(match["x"])
    if expr is None or isinstance(expr, sp.MatrixBase) or x not in expr.free_symbols:
        return None
    if not any(symbol(name) in expr.free_symbols for name in formulas):
        return None
    return jacobian(expr, x), match["name"]


@dataclass(frozen=True)
class _Slip:
    value: sp.Matrix
    message: str


def _slips(c: Chain) -> list[list[_Slip]]:
    """For each piece, the wrong values a learner is likely to type, each with its diagnosis."""
    items = pieces(c)
    factors = [M for _, M in items[:-1]]
    slips: list[list[_Slip]] = [[] for _ in items]
    x = c.wrt_label
    for k, (label, M) in enumerate(items[:-1]):
        for j, (other, N) in enumerate(items[:-1]):
            if j != k and N.shape == M.shape and N != M and not _by_terms(c):
                order = " · ".join(lbl for lbl, _ in items[:-1])
                slips[k].append(
                    _Slip(N, f"that is {other}, not {label}: the chain rule multiplies "
                          f"outermost first, {order}, so this place holds {label}")
                )  # fmt: skip
        if M.shape != (1, 1) and M.T.shape != M.shape:
            slips[k].append(
                _Slip(M.T, f"that is the transpose: in numerator layout {label} is "
                      f"{M.rows} × {M.cols}, one row per function and one column per variable")
            )  # fmt: skip
        split = _direct_and_through(c, label, M)
        if split is not None:
            direct, name = split
            through = M - direct
            slips[k].append(
                _Slip(through, f"this leaves out the term ∂{name}/∂{x} = {_plain(direct)}: "
                      f"{name} depends on {x} directly as well as through the earlier steps, so "
                      "the total-derivative rule adds it")
            )  # fmt: skip
            result_without = c.substituted(_product([*factors[:k], through, *factors[k + 1 :]]))
            slips[-1].append(
                _Slip(result_without, f"leaves out the term ∂{name}/∂{x} = {_plain(direct)} of "
                      f"d{name}/d{x}: {name} depends on {x} directly as well as through the "
                      "earlier steps")
            )  # fmt: skip
    output = c.steps[-1][0]
    if _by_terms(c):
        for k, (label, M) in enumerate(items[:-1]):
            rest = [N for j, (_, N) in enumerate(items[:-1]) if j != k]
            through = " and ".join(
                n for n, _ in c.steps[:-1] if symbol(n) in c.steps[-1][1].free_symbols
            )
            slips[-1].append(
                _Slip(c.substituted(reduce(lambda a, b: a + b, rest)),
                      f"leaves out the term {label} = {_plain(c.substituted(M))}: {output} "
                      f"depends on {x} directly as well as through {through or 'the steps'}, so "
                      "the total-derivative rule adds it")
            )  # fmt: skip
    elif len(factors) > 1:
        result_label = items[-1][0]
        for label, M in items[:-1]:
            if M.shape == c.result.shape:
                slips[-1].append(
                    _Slip(c.substituted(M), f"is only {label}: {result_label} is the product of "
                          "all the factors, " + " · ".join(lbl for lbl, _ in items[:-1]))
                )  # fmt: skip
        reverse = factors[::-1]
        if all(a.cols == b.rows for a, b in zip(reverse, reverse[1:], strict=False)):
            order = " · ".join(lbl for lbl, _ in items[:-1])
            slips[-1].append(
                _Slip(c.substituted(_product(reverse)), "multiplies the factors in the wrong "
                      f"order: the vector chain rule is {order}, outermost first")
            )  # fmt: skip
    if c.result.shape != (1, 1) and c.result.T.shape != c.result.shape:
        slips[-1].append(
            _Slip(c.result.T, f"that is the transpose: in numerator layout the result is "
                  f"{c.result.rows} × {c.result.cols}")
        )  # fmt: skip
    return slips


def _product(ms: Sequence[sp.Matrix]) -> sp.Matrix:
    return reduce(lambda a, b: a * b, ms)


def _plain(M) -> str:
    value = M[0] if isinstance(M, sp.MatrixBase) and M.shape == (1, 1) else M
    if isinstance(value, sp.MatrixBase):
        value = value.tolist()
    return sp.sstr(value).replace("**", "^")


# ---------------------------------------------------------------------------------------------
# Checking


@dataclass(frozen=True)
class PieceVerdict:
    """One typed piece: its label, ``status`` ("right", "wrong", "unreadable", "empty" or
    "unchecked": after the first slip nothing is checked), the value read, and the message."""

    label: str
    status: str
    message: str
    value: sp.Matrix | None = None


@dataclass(frozen=True)
class FactorCheck:
    """The verdict on every piece, in order; ``ok`` when all are right; ``message`` the first
    slip (or the success line)."""

    verdicts: tuple[PieceVerdict, ...]

    @property
    def ok(self) -> bool:
        return all(v.status == "right" for v in self.verdicts)

    @property
    def message(self) -> str:
        for v in self.verdicts:
            if v.status != "right":
                return v.message
        return "✓ every factor is right, and so is the result"


def _read(text: str, shape: tuple[int, int], vector_sizes: dict[str, int]) -> sp.Matrix:
    from .closed_form import read_closed_form

    if shape == (1, 1):
        value = parse(text)
        if isinstance(value, sp.MatrixBase):
            return sp.Matrix(value)
        return sp.Matrix([[value]])
    return sp.Matrix(read_closed_form(text, shape, vector_sizes or None))


def _same(c: Chain, a: sp.Matrix, b: sp.Matrix) -> bool:
    """Equal once every intermediate is written in x (so cos(u) and cos(x²) agree)."""
    if a.shape != b.shape:
        return False
    diff = c.substituted(a - b)
    return all(e == 0 or sp.simplify(e) == 0 for e in diff)


def check_factors(c: Chain, typed: Sequence[str]) -> FactorCheck:
    """Check the pieces a learner typed (see :func:`pieces`: factors or terms, then the
    result), in order; the first wrong one is diagnosed and the later ones are not checked.

    A factor may be written in the intermediates (cos(u)) or in x (cos(x²)).

    >>> from mathkit.chain import chain
    >>> c = chain(EXAMPLES["sin(x^2)"], "x")
    >>> check_factors(c, ["cos(u)", "2x", "2x cos(x^2)"]).ok
    True
    >>> check_factors(c, ["2x", "cos(u)", ""]).message
    '✗ dy/du: that is du/dx, not dy/du: the chain rule multiplies outermost first, dy/du · du/dx, so this place holds dy/du'
    """  # noqa: E501
    items = pieces(c)
    typed = list(typed) + [""] * (len(items) - len(typed))
    slips = _slips(c)
    sizes = {name: e.rows for name, e in c.steps if isinstance(e, sp.MatrixBase) and e.rows > 1}
    verdicts: list[PieceVerdict] = []
    stopped = False
    for (label, M), text, likely in zip(items, typed, slips, strict=False):
        if stopped:
            verdicts.append(PieceVerdict(label, "unchecked", f"{label}: not checked yet"))
            continue
        if not str(text).strip():
            verdicts.append(PieceVerdict(label, "empty", f"type {label} next"))
            stopped = True
            continue
        try:
            value = _read(str(text), M.shape, sizes)
        except (ParseError, ValueError, TypeError) as error:
            verdicts.append(PieceVerdict(label, "unreadable", f"✗ {label}: {error}"))
            stopped = True
            continue
        left_in = _intermediates_in(c, value) if label == items[-1][0] else []
        if left_in and _same(c, value, M):
            where = ", ".join(
                f"{u.name.replace('_', '')} = {_plain(sp.Matrix([c.substitutions[u]]))}"
                for u in left_in
            )
            verdicts.append(PieceVerdict(label, "wrong", f"✗ {label}: right, but the last step "
                                         f"writes it in {c.wrt_label} alone: substitute {where}",
                                         value))  # fmt: skip
            stopped = True
            continue
        if _same(c, value, M):
            verdicts.append(PieceVerdict(label, "right", f"✓ {label} = {_plain(M)}", value))
            continue
        stopped = True
        shown = _plain(value)
        for slip in likely:
            if _same(c, value, slip.value):
                verdicts.append(PieceVerdict(label, "wrong", f"✗ {label}: {shown} {slip.message}"
                                             if label == items[-1][0] else
                                             f"✗ {label}: {slip.message}", value))  # fmt: skip
                break
        else:
            if value.shape != M.shape:
                message = (
                    f"✗ {label}: {shown} is {value.rows} × {value.cols}, but {label} is "
                    f"{M.rows} × {M.cols} in numerator layout"
                )
            else:
                message = f"✗ {label}: {shown} is not {label} yet: " + _what_to_do(c, label)
            verdicts.append(PieceVerdict(label, "wrong", message, value))
    return FactorCheck(tuple(verdicts))


def _intermediates_in(c: Chain, value: sp.Matrix) -> list[sp.Symbol]:
    """The intermediates (or their components) still written in ``value`` (u in 2x cos(u))."""
    return sorted(value.free_symbols & set(c.substitutions), key=lambda u: u.name)


def _what_to_do(c: Chain, label: str) -> str:
    formulas = dict(c.steps)
    if label == _result_label(c):
        return "multiply the factors (or add the terms) and write every intermediate in x"
    match = re.fullmatch(r"[d∂](?P<top>\w+)/[d∂](?P<bottom>[\w(), ]+)", label.split(" · ")[0])
    if match and match["top"] in formulas and " · " not in label:
        top = match["top"]
        return f"differentiate {top} = {_plain(formulas[top])} with respect to {match['bottom']}"
    if " · " in label:
        return f"multiply the two factors of {label}"
    return f"differentiate step by step: {label}"
