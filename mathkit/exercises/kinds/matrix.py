"""A "matrix" answer: a gradient or a Jacobian in the exercise's layout.

Numerator layout (the paper's): ``J[i, j] = ∂f_i/∂x_j``, m × n; denominator layout: the transpose,
n × m. A flat list ``[a, b]`` is read as a row, as the paper writes ∇f = [a, b] and a column as
[a, b]ᵀ; a column is typed ``[[a], [b]]``, ``[a; b]`` or ``[a, b]ᵀ``; a matrix ``[[a, b], [c, d]]``
or ``[a, b; c, d]``; a number times a list, ``2/3 [5/2, 1]``, is read too
(:func:`mathkit.parse.parse_matrix`). Number entries follow :mod:`mathkit.rounding`'s one rule:
a decimal is right when it is the exact value rounded to the digits typed (3 significant digits
at least), and a near miss is named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

import sympy as sp

from ... import rounding
from ...calculus import jacobian
from ...closed_form import read_closed_form
from ...equivalence import equivalent
from ...mistakes import Feedback, diagnose
from ...parse import Entries, ParseError, read_entries
from ...render import Formula, shape_text, show_jacobian
from ...text import capitalized, layout_reason, shape_words, shortened, text, typed
from .base import AnswerKind, read_with_names, unknown_names

if TYPE_CHECKING:
    from ..model import Exercise


# A closed form in an entries answer: diag( ), eye( ), ones( ), zeros( ), I or a transpose mark.
_CLOSED_FORM = re.compile(r"\b(?:diag|eye|ones|zeros)\s*\(|(?<![A-Za-z_])I(?![A-Za-z_])|ᵀ")


class MatrixKind(AnswerKind):
    """∂f/∂x as a matrix in ``ex.layout``, compared entry by entry with :func:`equivalent`."""

    name = "matrix"
    reads_formulas = True
    mistakes = {
        "diagonal_assumed": "a diagonal Jacobian typed where some fᵢ depends on another xⱼ",
        "rounding": "a decimal near the right number: too few digits, or rounded wrong",
    }
    placeholder = "e.g. [a, b] for a row, [[a, b], [c, d]] for a matrix"

    def read(self, ex: Exercise, raw: str) -> Entries | sp.Matrix:
        """``[[a, b], [c, d]]`` as typed, a flat ``[a, b]`` as a row, ``[a, b]ᵀ`` or ``[a; b]`` as a
        column, ``c [a, b]`` as c times the row, one expression as 1 × 1; decimals exact. A
        closed form the entries reader refuses (``diag(1, 1, 1)``, ``eye(3)``, ``2I - I``) is
        read by :func:`mathkit.closed_form.read_closed_form`, sized by the expected matrix."""
        try:
            return read_with_names(ex, raw, partial(read_entries, flat="row"))
        except ParseError as first:
            if not _CLOSED_FORM.search(raw):
                raise
            try:
                return read_closed_form(raw, ex.expected.shape)
            except ParseError:
                raise first from None

    def expected(self, ex: Exercise) -> sp.Matrix:
        return jacobian(ex.F, ex.x, ex.layout)

    def judge(self, ex: Exercise, value: sp.Matrix | Entries) -> Feedback:
        entries = as_entries(value)
        identity = _identity(ex, entries.matrix)
        if isinstance(identity, Feedback):
            return identity
        if identity is not None:
            entries = as_entries(identity)
        unknown = unknown_names(ex, entries.matrix)
        if unknown:
            return unknown
        shown = understood(entries)
        E = ex.expected
        value = snapped(entries, [*E, *(-E)])
        if value.shape == E.shape and all(
            equivalent(a, e, ex.variables) for a, e in zip(value, E, strict=True)
        ):
            message = (
                f"∂{ex.f_name}/∂{ex.x_label} = {text(E)}, {shape_words(E.shape)} in {ex.layout} "
                f"layout{rounded_note(entries, E)}."
            )
            return Feedback(True, message, None, shown)
        close = near_miss(entries, E)
        if close is not None:
            return Feedback(False, close, "rounding", shown)
        diagonal = _diagonal_assumed(ex, value)
        if diagonal is not None:
            return Feedback(False, diagonal, "diagonal_assumed", shown)
        code, message = diagnose(
            value, E, ex.F, ex.x, ex.layout, f_name=ex.f_name, x_name=ex.x_label
        )
        if code is None:  # the numbers agree but simplify and the points could not confirm it
            code, message = "entries", "Mathkit could not confirm every entry: try a simpler form."
        return Feedback(False, message, code, shown)

    def solution(self, ex: Exercise) -> Formula:
        x_name = ex.x_name or None
        return show_jacobian(ex.functions, ex.variables, ex.layout, ex.f_name, x_name)

    def explanation(self, ex: Exercise) -> str:
        along = "Row" if ex.layout == "numerator" else "Column"
        rows = f" {along} i is the gradient of {ex.f_name}ᵢ." if ex.F.rows > 1 else ""
        reason = capitalized(layout_reason(ex.layout, ex.F.rows, ex.x.rows))
        return f"{reason}: {shape_text(ex.expected.shape)}.{rows}"

    def answer_text(self, ex: Exercise) -> str:
        return typed(ex.expected)


def as_entries(value) -> Entries:
    """An answer as :class:`~mathkit.parse.Entries` (a Matrix read elsewhere has no decimals)."""
    if isinstance(value, Entries):
        return value
    M = sp.Matrix(value) if isinstance(value, sp.MatrixBase) else sp.Matrix([[value]])
    return Entries(M, (None,) * len(M))


_DECIMAL_COMMA = re.compile(r"(?<![0-9.])([0-9]+),([0-9]+)(?![0-9.])")


def refuse_decimal_commas(ex: Exercise, raw: str, entries: Entries, size: int) -> None:
    """A number answer with ``1,67`` in it read as more entries than the ``size`` asked for, but
    as many with ``1.67``: a decimal comma. Refused, saying to write a point."""
    found = _DECIMAL_COMMA.search(raw)
    if found is None or len(entries.matrix) == size:
        return
    pointed = _DECIMAL_COMMA.sub(r"\1.\2", raw)
    try:
        again = read_with_names(ex, pointed, partial(read_entries, flat="row"))
    except ParseError:
        return
    if len(again.matrix) == size:
        message = f"write decimals with a point: {found[1]}.{found[2]}, not {found[0]}"
        raise ParseError(message, found.start())


def _as_typed(entries: Entries) -> sp.Matrix:
    shown = [  # from the exact value, to the digits typed (never from the text: 0e-99999999)
        a if d is None else sp.Float(a, max(rounding.significant_digits(d), 1))
        for a, d in zip(entries.matrix, entries.decimals, strict=True)
    ]
    return sp.Matrix(*entries.matrix.shape, shown)


def understood(entries: Entries) -> str:
    """The answer in LaTeX as read, each decimal shown as typed (1.67, not 167/100)."""
    return sp.latex(_as_typed(entries))


def typed_text(entries: Entries) -> str:
    """The answer as plain text, each decimal as typed: ``[[1.67], [0.667]]``."""
    M = _as_typed(entries)
    return shortened(text(M[0] if M.shape == (1, 1) else M))


def snapped(entries: Entries, targets: Iterable) -> sp.Matrix:
    """The answer with each decimal typed replaced by the first target number it stands for by
    :mod:`mathkit.rounding`'s rule (``1.67`` by 5/3), so that every comparison after it (right,
    or a named slip) judges decimals the same way."""
    numbers = [t for t in dict.fromkeys(targets) if not t.free_symbols and t.is_number]
    values = []
    for a, decimal in zip(entries.matrix, entries.decimals, strict=True):
        if decimal is not None:
            a = next((t for t in numbers if rounding.matches(decimal, a, t)), a)
        values.append(a)
    return sp.Matrix(*entries.matrix.shape, values)


def rounded_note(entries: Entries, E: sp.Matrix) -> str:
    """``" (exactly 5/3, 2/3)"`` when some decimal typed stands for a value it is not equal to."""
    if entries.matrix.shape != E.shape:
        return ""
    rounded = [
        e
        for a, e, decimal in zip(entries.matrix, E, entries.decimals, strict=True)
        if decimal is not None and a != e
    ]
    return rounding.exactly(rounded) if rounded else ""


def near_miss(entries: Entries, E: sp.Matrix) -> str | None:
    """The near-miss message when every entry is right or nearly (a decimal with too few digits,
    or rounded wrong in its last digit) and one is nearly; else None."""
    if entries.matrix.shape != E.shape or not any(entries.decimals):
        return None
    found = []
    for a, e, decimal in zip(entries.matrix, E, entries.decimals, strict=True):
        if (a.free_symbols or e.free_symbols) and equivalent(a, e):
            continue
        kind = rounding.verdict(decimal, a, e)
        if kind == "wrong":
            return None
        if kind in ("few_digits", "last_digit"):
            found.append((decimal, kind))
    return rounding.close_message(*found[0]) if found else None


def _diagonal_assumed(ex: Exercise, A: sp.Matrix) -> str | None:
    """The message when A is diagonal and ∂f/∂x is not: the element-wise shortcut (diag) used
    where some fᵢ depends on another variable than the i-th (the paper's §4.2 condition)."""
    E = ex.expected
    if A.shape != E.shape or not E.is_square or E.rows < 2 or not A.is_diagonal():
        return None
    if E.is_diagonal() or all(a == 0 for a in A):
        return None
    J = E if ex.layout == "numerator" else E.T  # J[i, j] = ∂fᵢ/∂xⱼ
    i, j = next((i, j) for i in range(J.rows) for j in range(J.cols) if i != j and J[i, j] != 0)
    f, x = f"{ex.f_name}{_sub(i + 1)}", text(ex.x[j])
    return (
        f"A diagonal matrix says each {ex.f_name}ᵢ depends on the i-th variable alone, but here "
        f"{f} = {text(ex.F[i])} depends on {x}: ∂{f}/∂{x} sits off the diagonal. The diagonal "
        f"shortcut holds only when each {ex.f_name}ᵢ uses the i-th variable and no other."
    )


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _identity(ex: Exercise, value: sp.Matrix) -> sp.Matrix | Feedback | None:
    """``I``, ``-I``, ``2I`` (or ``I3``, the 3 × 3 identity): c·I as c times the identity of the
    expected size. None if the answer is not c·I or the name is one of the exercise's; a Feedback
    if ∂f/∂x is not square or I's size is not its size."""
    if value.shape != (1, 1) or len(value[0].free_symbols) != 1:
        return None
    (eye,) = value[0].free_symbols
    size = re.fullmatch(r"I(?:_(\d+))?", eye.name)
    if size is None or eye in ex.allowed_symbols:
        return None
    c = value[0].coeff(eye)
    if c.free_symbols or sp.expand(value[0] - c * eye) != 0:
        return None
    E = ex.expected
    lhs = f"∂{ex.f_name}/∂{ex.x_label}"
    if E.rows != E.cols or (size.group(1) and int(size.group(1)) != E.rows):
        n = size.group(1)
        what = f"the {n} × {n} identity" if n else "the identity"
        message = (
            f"{text(eye)} is {what}, a square matrix; here {lhs} is {shape_text(E.shape)} in "
            f"{ex.layout} layout."
        )
        return Feedback(False, message, "wrong_shape", sp.latex(value[0]))
    return c * sp.eye(E.rows)
