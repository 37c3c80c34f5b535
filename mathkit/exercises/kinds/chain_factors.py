"""A "chain_factors" answer: the factors of ∂y/∂x by the chain rule, in the product's order.

The exercise writes its function as ``steps`` (:func:`mathkit.chain`); the factors are the
Jacobians the rule multiplies, outermost first, each in numerator layout (``J[i, j] =
∂f_i/∂x_j``) and in the intermediates' own symbols: for u = w ⊗ x, z = sum(u) + b,
a = max(0, z) they are ∂a/∂z (1 × 1), ∂z/∂u = 1ᵀ (1 × n) and ∂u/∂w = diag(x) (n × n). The
learner types them separated by ``·`` or ``;`` (or ``,`` between brackets, or as ``(…)(…)``),
each as the paper names it (``1ᵀ``, ``diag(x)``) or by its entries; a factor may use the
intermediates (``cos(u)``) or have them replaced (``cos(x^2)``). The exercise's point ``at``
(``z = 1``) picks a piece of a piecewise factor.

Diagnosed: the right factors in the wrong order (the vector chain rule multiplies outermost
first; for matrices the order changes the product or makes it undefined), the whole product
typed as one factor, and each wrong factor as the closed-form kind diagnoses it (``x`` for
diag(x), a column for a row, ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import permutations
from typing import TYPE_CHECKING

import sympy as sp

from ...chain import Chain, chain
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...parse import ParseError
from ...render import Formula
from ...text import shape_words, shortened, text
from .base import AnswerKind
from .closed_form import _vectors, read_matrix, vector_shape_mistake

if TYPE_CHECKING:
    from ..model import Exercise

MAX_FACTORS = 8


@lru_cache(maxsize=256)
def composition(ex: Exercise) -> Chain:
    """The exercise's steps through :func:`mathkit.chain`, with respect to its variables (a vector
    named by its letter when they are all its components: w_1, w_2, w_3 -> w)."""
    vectors = _vectors(ex)
    names = {re.sub(r"_?\d+$", "", s.name) for s in ex.x}
    wrt = ex.variables
    if len(ex.x) > 1 and len(names) == 1:
        (name,) = names
        if vectors.get(name) == len(ex.x):
            wrt = name
    return chain(list(ex.steps), wrt, vectors or None)


def _label(label: str) -> tuple[str, str]:
    """``∂z/∂u`` -> ("z", "u")."""
    top, bottom = label.split("/", 1)
    return top.lstrip("∂d"), bottom.lstrip("∂d")


def split_factors(raw: str) -> list[str]:
    """The factors typed: separated by ``·``, ``⋅``, ``;`` or ``,`` outside brackets, or written
    ``(a)(b)``.

    >>> split_factors("cos(u) · 2x"), split_factors("[[1], [2]], diag(x)"), split_factors("(1)(xᵀ)")
    (['cos(u)', '2x'], ['[[1], [2]]', 'diag(x)'], ['1', 'xᵀ'])
    """
    for separators in (";", "·⋅", ","):
        pieces, depth, start = [], 0, 0
        for i, char in enumerate(raw):
            depth += char in "([{"
            depth -= char in ")]}"
            if depth == 0 and char in separators:
                pieces.append(raw[start:i])
                start = i + 1
        pieces.append(raw[start:])
        if len(pieces) > 1:
            return [p.strip() for p in pieces]
    groups = _groups(raw)
    if groups and all(groups):
        return groups
    return [raw.strip()]


class ChainFactorsKind(AnswerKind):
    """The chain rule's factors of ∂y/∂x in product order, each a numerator-layout Jacobian."""

    name = "chain_factors"
    placeholder = "the factors separated by · or ;, e.g. A · B"
    mistakes = {
        "chain_order": "the chain rule's factors in the wrong order (outermost first)",
        "factor_count": "another number of factors than the chain rule multiplies here",
        "product_not_factors": "the whole derivative typed where its factors are asked for",
    }

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.steps:
            raise ValueError("a chain_factors exercise writes its function as steps")

    def factors(self, ex: Exercise) -> list[tuple[str, sp.Matrix]]:
        return [(label, M.subs(ex.point)) for label, M in composition(ex).factors]

    def read(self, ex: Exercise, raw: str) -> list[str]:
        pieces = split_factors(raw)
        if len(pieces) > MAX_FACTORS or not all(pieces):
            raise ParseError(
                f"type the factors separated by · or ; (at most {MAX_FACTORS}), each not empty"
            )
        return pieces

    def expected(self, ex: Exercise) -> list[sp.Matrix]:
        return [M for _, M in self.factors(ex)]

    def _symbols(self, ex: Exercise) -> set:
        c = composition(ex)
        intermediates = set(c.substitutions) - _output_symbols(c)
        return ex.allowed_symbols | intermediates | set(ex.point)

    def _same(self, ex: Exercise, A: sp.Matrix, E: sp.Matrix) -> bool:
        c = composition(ex)
        A, E = c.substituted(A.subs(ex.point)), c.substituted(E)
        return A.shape == E.shape and all(
            equivalent(a, e, ex.variables) for a, e in zip(A, E, strict=True)
        )

    def _read_at(self, ex: Exercise, piece: str, shape) -> sp.Matrix | None:
        sizes = {**_vectors(ex), **_step_vectors(ex)}
        try:
            return read_matrix(piece, shape, sizes)
        except ParseError:
            return None

    def judge(self, ex: Exercise, pieces: list[str]) -> Feedback:
        factors = self.factors(ex)
        labels = [label for label, _ in factors]
        expected = [M for _, M in factors]
        shapes = [M.shape for M in expected]
        if len(pieces) == 1 < len(expected):
            starred = _split_stars(pieces[0])
            if len(starred) == len(expected):  # cos(u)*2x, 1 * 1ᵀ * diag(x)
                pieces = starred
        read = []
        for k, piece in enumerate(pieces):
            shape = shapes[k] if k < len(shapes) else shapes[-1]
            try:
                read.append(read_matrix(piece, shape, {**_vectors(ex), **_step_vectors(ex)}))
            except ParseError as error:
                apart = " (separate the factors with · or ;)" if len(pieces) < len(shapes) else ""
                return Feedback(False, f"Factor {k + 1}: {error}{apart}", "parse_error")
        understood = r" \cdot ".join(sp.latex(M) for M in read)
        for M in read:
            unknown = _unknown(ex, M, self._symbols(ex))
            if unknown:
                return unknown
        order = " · ".join(labels)
        if len(read) != len(expected):
            c = composition(ex)
            if len(read) == 1 and self._same(ex, read[0], c.result):
                message = (
                    f"That is the whole derivative; type its {len(expected)} factors, "
                    f"{order}, separated by ·."
                )
                return Feedback(False, message, "product_not_factors", understood)
            message = f"The chain rule multiplies {len(expected)} factors here: {order}."
            return Feedback(False, message, "factor_count", understood)
        if all(self._same(ex, A, E) for A, E in zip(read, expected, strict=True)):
            return Feedback(True, self._summary(factors), None, understood)
        found = self._order(ex, pieces, expected)
        if found is not None:
            if all(M.shape == (1, 1) for M in expected):
                note = " (scalars commute, so the product is right; the paper writes them"
                message = f"{self._summary(factors)}{note} outermost first.)"
                return Feedback(True, message, None, understood)
            message = (
                f"Right factors, wrong order: the vector chain rule multiplies outermost first, "
                f"{order}. {_shapes_note(expected, found)}"
            )
            return Feedback(False, message, "chain_order", understood)
        for k, (A, E) in enumerate(zip(read, expected, strict=True)):
            if not self._same(ex, A, E):
                return self._wrong_factor(ex, k, labels[k], A, E, understood)
        raise AssertionError("unreachable")

    def _order(self, ex: Exercise, pieces, expected) -> tuple | None:
        """p (not the identity) with typed factor k equal to expected factor p[k], else None."""
        n = len(expected)
        if n > 6:
            return None
        matches = [
            [
                (A := self._read_at(ex, piece, E.shape)) is not None and self._same(ex, A, E)
                for E in expected
            ]
            for piece in pieces
        ]
        for p in permutations(range(n)):
            if list(p) != list(range(n)) and all(matches[k][p[k]] for k in range(n)):
                return p
        return None

    def _wrong_factor(self, ex, k, label, A, E, understood) -> Feedback:
        top, bottom = _label(label)
        c = composition(ex)
        A_, E_ = c.substituted(A.subs(ex.point)), c.substituted(E)
        lhs = f"∂{top}/∂{bottom}"
        where = f"Factor {k + 1} ({label}, {shape_words(E.shape)})"
        quoted = shortened(text(A[0] if A.shape == (1, 1) else A))
        found = vector_shape_mistake(A_, E_, top, bottom, ex.variables, quoted)
        if found is not None:
            return Feedback(False, f"{where}: {_lower(found[1])}", found[0], understood)
        per = f"one row per component of {top}, one column per component of {bottom}"
        if A.shape != E.shape:
            message = (
                f"{where}: you typed {shape_words(A.shape)}; in numerator layout {lhs} has {per}."
            )
            return Feedback(False, message, "wrong_shape", understood)
        if all(equivalent(a, -e, ex.variables) for a, e in zip(A_, E_, strict=True)):
            return Feedback(False, f"{where}: check the sign.", "sign", understood)
        message = (
            f"{where}: not yet. Differentiate the step {top} with respect to {bottom} alone "
            f"({per})."
        )
        code = "entry" if len(E) == 1 else "entries"
        return Feedback(False, message, code, understood)

    def _summary(self, factors) -> str:
        shown = " · ".join(f"{label} ({M.rows} × {M.cols})" for label, M in factors)
        product = factors[0][1]
        for _, M in factors[1:]:
            product = product * M
        return f"{shown}, a {product.rows} × {product.cols} product."

    def solution(self, ex: Exercise) -> Formula:
        factors = self.factors(ex)
        names = [_named(ex, M) for _, M in factors]
        latex = r"\,".join(
            rf"\underbrace{{{n.latex}}}_{{{M.rows} \times {M.cols}}}"
            for n, (_, M) in zip(names, factors, strict=True)
        )
        labels = r"\,".join(_fraction(label) for label, _ in factors)
        shown = " · ".join(
            f"{label} = {n.text} ({M.rows} × {M.cols})"
            for n, (label, M) in zip(names, factors, strict=True)
        )
        return Formula(f"{labels} = {latex}", f"{shown}, numerator layout")

    def explanation(self, ex: Exercise) -> str:
        c = composition(ex)
        steps = ", ".join(f"{n} = {text(e)}" for n, e in c.steps)
        return (
            f"With {steps}, the {c.rule} chain rule multiplies one Jacobian per step, outermost "
            "first, each in numerator layout; the shapes chain: (m × k)(k × n) is m × n."
        )

    def answer_text(self, ex: Exercise) -> str:
        return " · ".join(_named(ex, M).text for M in self.expected(ex))


def _groups(raw: str) -> list[str] | None:
    """``(a)(b) (c)`` -> [a, b, c]; None unless the text is two or more bracketed groups."""
    pieces, depth, start = [], 0, 0
    for i, char in enumerate(raw):
        if depth == 0:
            if char.isspace():
                continue
            if char != "(":
                return None
            start = i
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0:
            pieces.append(raw[start + 1 : i].strip())
    return pieces if depth == 0 and len(pieces) > 1 else None


def _split_stars(raw: str) -> list[str]:
    """``a * b * c`` at the top level (not ``**``, not inside brackets) -> [a, b, c]."""
    pieces, depth, start, i = [], 0, 0, 0
    while i < len(raw):
        char = raw[i]
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "*" and raw[i : i + 2] == "**":
            i += 2
            continue
        if depth == 0 and char == "*" and raw[i - 1 : i] != "*":
            pieces.append(raw[start:i].strip())
            start = i + 1
        i += 1
    pieces.append(raw[start:].strip())
    return pieces if all(pieces) else [raw]


def _output_symbols(c: Chain) -> set:
    """The symbols naming the output step (y, or y_1 … y_m): not usable inside a factor."""
    name = c.steps[-1][0]
    return {s for s in c.substitutions if s.name == name or s.name.startswith(f"{name}_")}


def _named(ex: Exercise, M: sp.Matrix):
    from ...closed_form import closed_form

    return closed_form(M, {**_vectors(ex), **_step_vectors(ex)})


def _step_vectors(ex: Exercise) -> dict[str, int]:
    """The vector intermediates of the steps, by size: u = w ⊗ x gives ``{"u": 3}``."""
    c = composition(ex)
    sizes: dict[str, int] = {}
    for name, value in c.steps:
        if isinstance(value, sp.MatrixBase) and value.rows > 1:
            sizes[name] = value.rows
    return sizes


def _unknown(ex: Exercise, M: sp.Matrix, allowed: set) -> Feedback | None:
    unknown = sorted(M.free_symbols - allowed, key=sp.default_sort_key)
    if not unknown:
        return None
    known = ", ".join(text(s) for s in sorted(allowed, key=sp.default_sort_key))
    which = ", ".join(text(s) for s in unknown)
    verb = "is" if len(unknown) == 1 else "are"
    message = f"{which} {verb} not in this exercise: the names here are {known}."
    return Feedback(False, message, "unknown_variable", sp.latex(M))


def _shapes_note(expected: list[sp.Matrix], p: tuple) -> str:
    typed = [expected[i] for i in p]
    shapes = " · ".join(f"({M.rows} × {M.cols})" for M in typed)
    for A, B in zip(typed, typed[1:], strict=False):
        if A.cols != B.rows:
            return f"In your order the shapes {shapes} do not even multiply."
    return f"In your order, {shapes}, the product is another matrix."


def _lower(message: str) -> str:
    return message[0].lower() + message[1:] if message[1:2].islower() else message


def _fraction(label: str) -> str:
    top, bottom = label.replace("∂", "\\partial ").split("/", 1)
    return rf"\frac{{{top}}}{{{bottom}}}"


__all__ = ["ChainFactorsKind", "composition", "split_factors"]
