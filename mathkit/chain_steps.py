"""The chain rule as a learner works it: the paper's examples as steps, steps read from text, and
the marking of the factors a learner types (numerator layout), shared by the chain-rule exercises
and the chain stepper's "try it yourself" mode, so both give the same verdict and message.

The paper's examples (§4.5), each as its intermediate steps (:data:`EXAMPLES`): sin(x²),
ln(sin(x³)²), x + x², sin(x + x²) and the vector [ln(x²), sin(3x)].

What a learner types (:func:`pieces`): the chain's factors in product order (outermost first,
e.g. dy/du then du/dx), or, when the output itself depends on x directly and through an
intermediate (y = x + u), the terms of the total-derivative sum; then the result in x.
:func:`check_factors` checks the boxes in order: the factors are marked by
:class:`mathkit.chain_marking.Marker`, the marker the exercises use too (so both give the same
verdict and message), then the terms of a total derivative and the result are checked here,
naming the slip: a term left out, the factors multiplied in the wrong order, the result left in
the intermediates or transposed. The boxes are labelled, so each is an equation: du/dx typed in
the box of dy/du is wrong there, though a typed product's scalar factors commute.

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

from .chain import Chain, direct_part
from .chain_marking import Marker, Marking, written
from .chain_typing import split_factors
from .parse import ParseError, symbol

__all__ = [
    "EXAMPLES",
    "FactorCheck",
    "Marker",
    "Marking",
    "PieceVerdict",
    "check_factors",
    "pieces",
    "read_steps",
    "split_factors",
]

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
# The stepper's boxes: the factors (or the terms of the total derivative), then the result


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


@dataclass(frozen=True)
class _Slip:
    value: sp.Matrix
    message: str


def _term_slips(c: Chain) -> list[list[_Slip]]:
    """For each term of the total derivative, then the result: likely wrong values, diagnosed."""
    items = pieces(c)
    slips: list[list[_Slip]] = [[] for _ in items]
    x, output = c.wrt_label, c.steps[-1][0]
    if _by_terms(c):
        through = " and ".join(
            n for n, _ in c.steps[:-1] if symbol(n) in c.steps[-1][1].free_symbols
        )
        for k, (label, M) in enumerate(items[:-1]):
            rest = [N for j, (_, N) in enumerate(items[:-1]) if j != k]
            slips[-1].append(
                _Slip(c.substituted(reduce(lambda a, b: a + b, rest)),
                      f"leaves out the term {label} = {written(c.substituted(M))}: {output} "
                      f"depends on {x} directly as well as through {through or 'the steps'}, so "
                      "the total-derivative rule adds it")
            )  # fmt: skip
        return slips
    factors = [M for _, M in items[:-1]]
    for k, (label, M) in enumerate(items[:-1]):
        split = direct_part(c, label, M)
        if split is not None:
            direct, name = split
            without = [*factors[:k], M - direct, *factors[k + 1 :]]
            slips[-1].append(
                _Slip(c.substituted(reduce(lambda a, b: a * b, without)), f"leaves out the "
                      f"term ∂{name}/∂{x} = {written(direct)} of d{name}/d{x}: {name} depends on "
                      f"{x} directly as well as through the earlier steps")
            )  # fmt: skip
    if len(factors) > 1:
        order = " · ".join(label for label, _ in items[:-1])
        for label, M in items[:-1]:
            if M.shape == c.result.shape:
                slips[-1].append(
                    _Slip(c.substituted(M), f"is only {label}: {items[-1][0]} is the product of "
                          f"all the factors, {order}")
                )  # fmt: skip
        reverse = factors[::-1]
        if all(a.cols == b.rows for a, b in zip(reverse, reverse[1:], strict=False)):
            slips[-1].append(
                _Slip(c.substituted(reduce(lambda a, b: a * b, reverse)), "multiplies the "
                      f"factors in the wrong order: the vector chain rule is {order}, outermost "
                      "first")
            )  # fmt: skip
    R = c.result
    if R.shape != (1, 1) and R.T.shape != R.shape:
        slips[-1].append(
            _Slip(R.T, f"is the result transposed, {R.cols} × {R.rows}: the denominator layout; "
                  f"in numerator layout the result is {R.rows} × {R.cols}")
        )  # fmt: skip
    return slips


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
    slip (or the success line); ``marking`` the factors' verdict, the one the exercises give
    (None while a factor box is empty, and for the terms of a total derivative)."""

    verdicts: tuple[PieceVerdict, ...]
    marking: Marking | None = None

    @property
    def ok(self) -> bool:
        return all(v.status == "right" for v in self.verdicts)

    @property
    def message(self) -> str:
        for v in self.verdicts:
            if v.status != "right":
                return v.message
        return "✓ every factor is right, and so is the result"


def check_factors(c: Chain, typed: Sequence[str]) -> FactorCheck:
    """Check the pieces a learner typed (see :func:`pieces`: factors or terms, then the
    result), in order; the first wrong one is diagnosed and the later ones are not checked.
    The factors are marked by :class:`Marker`, as the exercises mark them.

    A factor may be written in the intermediates (cos(u)) or in x (cos(x²)).

    >>> from mathkit.chain import chain
    >>> c = chain(EXAMPLES["sin(x^2)"], "x")
    >>> check_factors(c, ["cos(u)", "2x", "2x cos(x^2)"]).ok
    True
    >>> check_factors(c, ["2x", "2x", ""]).message
    '✗ dy/du (factor 1 of 2, 1 × 1): 2*x: that is du/dx, not dy/du: the rule multiplies outermost first, dy/du · du/dx, so this place holds dy/du.'
    """  # noqa: E501
    items = pieces(c)
    typed = [str(t) for t in typed] + [""] * (len(items) - len(typed))
    marker = Marker(c)
    verdicts: list[PieceVerdict] = []
    marking = None
    if _by_terms(c):
        _check_terms(marker, items, typed, verdicts)
    else:
        marking = _check_factor_boxes(marker, items, typed, verdicts)
    if len(verdicts) == len(items) - 1 and all(v.status == "right" for v in verdicts):
        verdicts.append(_check_result(marker, items, typed[len(items) - 1]))
    while len(verdicts) < len(items):
        label = items[len(verdicts)][0]
        verdicts.append(PieceVerdict(label, "unchecked", f"{label}: not checked yet"))
    return FactorCheck(tuple(verdicts), marking)


def _read_box(marker: Marker, label: str, text: str, shape, verdicts: list) -> sp.Matrix | None:
    if not text.strip():
        verdicts.append(PieceVerdict(label, "empty", f"type {label} next"))
        return None
    j, rest = marker.labelled(text)
    if j is not None and marker.labels[j] == label:  # the box's own label typed: dy/du = cos(u)
        text = rest
    try:
        return marker.read(text, shape)
    except ParseError as error:
        verdicts.append(PieceVerdict(label, "unreadable", f"✗ {label}: {error}"))
        return None


def _check_factor_boxes(marker: Marker, items, typed, verdicts) -> Marking | None:
    n = len(items) - 1
    read = []
    for k in range(n):
        A = _read_box(marker, items[k][0], typed[k], items[k][1].shape, [])
        if A is None:
            break
        read.append(A)
    if len(read) == n:
        marking = marker.judge(read, labelled=True)
        wrong = marking.index if not marking.ok else None
        for k, A in enumerate(read):
            label = items[k][0]
            if marking.ok or (wrong is not None and k < wrong):
                verdicts.append(PieceVerdict(label, "right", f"✓ {label} = {written(A)}", A))
            elif k == (wrong or 0):
                verdicts.append(PieceVerdict(label, "wrong", f"✗ {marking.message}", A))
            else:
                verdicts.append(PieceVerdict(label, "unchecked", f"{label}: not checked yet"))
        return marking
    for k, A in enumerate(read):  # a box still empty: check the ones typed, in order
        label = items[k][0]
        unknown = marker._unknown(k, A)
        if unknown or not marker.same(A, marker.expected[k]):
            message = unknown or f"{marker._where(k)}: {marker.slip(k, A)[1]}"
            verdicts.append(PieceVerdict(label, "wrong", f"✗ {message}", A))
            return None
        verdicts.append(PieceVerdict(label, "right", f"✓ {label} = {written(A)}", A))
    _read_box(marker, items[len(read)][0], typed[len(read)], items[len(read)][1].shape, verdicts)
    return None


def _check_terms(marker: Marker, items, typed, verdicts) -> None:
    for k, (label, M) in enumerate(items[:-1]):
        A = _read_box(marker, label, typed[k], M.shape, verdicts)
        if A is None:
            return
        if not marker.same(A, M):
            todo = _what_to_do(marker.c, label)
            message = f"✗ {label}: {written(A)} is not {label} yet: {todo}"
            verdicts.append(PieceVerdict(label, "wrong", message, A))
            return
        verdicts.append(PieceVerdict(label, "right", f"✓ {label} = {written(M)}", A))


def _check_result(marker: Marker, items, text: str) -> PieceVerdict:
    c = marker.c
    label, M = items[-1]
    found: list = []
    value = _read_box(marker, label, text, M.shape, found)
    if value is None:
        return found[0]
    left_in = sorted(value.free_symbols & set(c.substitutions), key=lambda u: u.name)
    if marker.same(value, M):
        if left_in:
            where = ", ".join(f"{written(u)} = {written(c.substitutions[u])}" for u in left_in)
            return PieceVerdict(label, "wrong", f"✗ {label}: right, but the last step writes it "
                                f"in {c.wrt_label} alone: substitute {where}", value)  # fmt: skip
        return PieceVerdict(label, "right", f"✓ {label} = {written(M)}", value)
    for slip in _term_slips(c)[-1]:
        if marker.same(value, slip.value):
            return PieceVerdict(
                label, "wrong", f"✗ {label}: {written(value)} {slip.message}", value
            )
    if value.shape != M.shape:
        message = (f"✗ {label}: {written(value)} is {value.rows} × {value.cols}, but {label} is "
                   f"{M.rows} × {M.cols} in numerator layout")  # fmt: skip
    else:
        message = f"✗ {label}: {written(value)} is not {label} yet: " + _what_to_do(c, label)
    return PieceVerdict(label, "wrong", message, value)


def _what_to_do(c: Chain, label: str) -> str:
    formulas = dict(c.steps)
    if label == _result_label(c):
        return "multiply the factors (or add the terms) and write every intermediate in x"
    match = re.fullmatch(r"[d∂](?P<top>\w+)/[d∂](?P<bottom>[\w(), ]+)", label.split(" · ")[0])
    if match and match["top"] in formulas and " · " not in label:
        top = match["top"]
        return f"differentiate {top} = {written(formulas[top])} with respect to {match['bottom']}"
    if " · " in label:
        return f"multiply the two factors of {label}"
    return f"differentiate step by step: {label}"
