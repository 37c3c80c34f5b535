"""Marking the factors of a chain rule as a teacher would (numerator layout): one verdict for
the chain-rule exercises and the chain stepper's "try it yourself" mode.

:class:`Marker` judges the factors typed for a :class:`mathkit.chain.Chain` (one text per
factor, or one text split as below) against the Jacobians the rule multiplies, outermost first,
and names the slip in the chain's own symbols (dy/du, ∂z/∂u, ∂u/∂w): the factors in the wrong
order (scalars commute, so only matrices are refused), a factor transposed (denominator layout),
a factor with respect to the wrong variable or evaluated at x instead of at u, a term of the
total derivative left out, the whole derivative typed in place of its factors. A factor may be
written in the intermediates (cos(u)) or with them replaced (cos(x²)): both are right.

One text holding all the factors (the exercises') is split by
:class:`mathkit.chain_typing.ListMarker`, a Marker that also reads how the factors were typed.

>>> from mathkit.chain import chain
>>> m = Marker(chain([("u", "x^2"), ("y", "sin(u)")], "x"))
>>> m.mark(["cos(x^2)", "2x"]).ok, m.mark(["cos(x)", "2x"]).code
(True, 'wrong_variable')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import permutations

import sympy as sp

from .calculus import jacobian
from .chain import (
    Chain,
    direct_part,
    group_symbols,
    groups_in,
    output_symbols,
    usable_symbols,
    vector_sizes,
)
from .equivalence import equivalent
from .parse import ParseError, symbol
from .text import shape_words, shortened, subscript, typed

__all__ = ["Marker", "Marking", "written"]


def written(value) -> str:
    """A value as a learner types it, in the paper's names: ``2*x``, ``ln(s)``, ``[[1, 0]]``.

    >>> written(sp.log(sp.Symbol("s")) * 2), written(sp.Matrix([[sp.Symbol("x") ** 2]]))
    ('2*ln(s)', 'x^2')
    """
    if isinstance(value, sp.MatrixBase) and value.shape == (1, 1):
        value = value[0]
    text = re.sub(r"\blog\(", "ln(", typed(value))
    text = re.sub(r"\b([A-Za-z])_(\d+)\b", r"\1\2", text)  # u_3 as the steps name it: u3
    return text.replace("Max(", "max(").replace("Min(", "min(")


# ---------------------------------------------------------------------------------------------
# Marking the factors: one verdict for the exercises and the stepper


@dataclass(frozen=True)
class Marking:
    """The verdict on a list of factors: ``ok``, one ``message`` in the chain's symbols, a
    ``code`` (a mistake of :data:`mathkit.mistakes.MISTAKES`, None when right), ``index`` the
    factor the message is about (None: the whole list) and the factors as ``read``."""

    ok: bool
    message: str
    code: str | None = None
    index: int | None = None
    read: tuple[sp.Matrix, ...] = ()


def _top_bottom(label: str) -> tuple[str, str]:
    """``∂z/∂u`` -> ("z", "u")."""
    top, bottom = label.split(" · ")[0].split("/", 1)
    return top.lstrip("∂d"), bottom.lstrip("∂d")


class Marker:
    """Marks factors typed for a chain ``c`` (:func:`mathkit.chain`), at the point ``at`` (a
    piecewise factor's piece: ``{z: 1}``), each against its numerator-layout Jacobian.

    >>> from mathkit.chain import chain
    >>> m = Marker(chain([("u", "x^2"), ("y", "sin(u)")], "x"))
    >>> m.mark(["cos(u)", "2*x"]).ok, m.mark(["cos(x)", "2x"]).message
    (True, 'dy/du (factor 1 of 2, 1 × 1): cos(x) puts x where u belongs: dy/du is evaluated at u = x^2, so write it in u, or with u replaced by x^2.')
    """  # noqa: E501

    def __init__(self, c: Chain, at: dict | None = None, texts: dict[str, str] | None = None):
        self.c = c
        self.texts = dict(texts or {})  # each step as written (u = w ⊗ x), to quote it
        self.at = {symbol(str(k)) if isinstance(k, str) else k: v for k, v in (at or {}).items()}
        # the piece ``at`` picks, sampled at three points (max(0, z) is 1 at z = 1, not at 2)
        self.points = [{s: v * r for s, v in self.at.items()} for r in (1, 2, sp.S.Half)]
        self.factors = [(label, sp.Matrix(M).subs(self.at)) for label, M in c.factors]
        self.labels = [label for label, _ in self.factors]
        self.expected = [sp.Matrix(M) for _, M in c.factors]  # judged on the piece, not at it
        self.result = reduce(lambda p, q: p * q, self.expected)
        self.sizes = vector_sizes(c)
        self.output = output_symbols(c)
        self._seen: dict = {}

    # reading and comparing ------------------------------------------------------------------

    def read(self, text: str, shape: tuple[int, int]) -> sp.Matrix:
        """One factor at its expected shape: a closed form (``1ᵀ``, ``diag(x)``), entries (a flat
        ``[a, b]`` is a row, ``[a, b]ᵀ`` a column) or a formula. Raises ParseError."""
        from .exercises.kinds.closed_form import read_matrix

        key = (text, shape)
        if len(self._seen) > 500:  # a marker lives as long as its exercise: keep it small
            self._seen.clear()
        if key not in self._seen:
            try:
                self._seen[key] = sp.Matrix(read_matrix(text, shape, self.sizes))
            except (ParseError, ValueError, TypeError) as error:
                self._seen[key] = ParseError(str(error))
        value = self._seen[key]
        if isinstance(value, ParseError):
            raise value
        return value

    def same(self, A: sp.Matrix, E: sp.Matrix) -> bool:
        """Equal once the point is set and every intermediate is written in x (so cos(u) and
        cos(x²) agree)."""
        if A.shape != E.shape:
            return False
        for point in self.points:
            a = self.c.substituted(sp.Matrix(A).subs(point))
            e = self.c.substituted(sp.Matrix(E).subs(point))
            if not all(equivalent(p, q) for p, q in zip(a, e, strict=True)):
                return False
        return True

    def _right(self, read: Sequence[sp.Matrix]) -> tuple[int, ...] | None:
        """The order the factors were typed in when each is right (identity: the rule's order;
        another order only for scalars, which commute), else None."""
        n = len(self.expected)
        if len(read) != n:
            return None
        if all(self.same(A, E) for A, E in zip(read, self.expected, strict=True)):
            return tuple(range(n))
        if n <= 4 and all(E.shape == (1, 1) for E in self.expected):
            for p in permutations(range(n)):
                if all(self.same(read[k], self.expected[p[k]]) for k in range(n)):
                    return p
        return None

    # the verdict on one factor per text -----------------------------------------------------

    def mark(self, texts: Sequence[str]) -> Marking:
        """The verdict on one text per factor, in the rule's order (outermost first). A factor
        may be written with its label, ``dy/du = cos(u)``: then it must be that factor."""
        read, named = [], []
        for k, text in enumerate(texts):
            j, text = self.labelled(str(text))
            E = self.expected[k if j is None else j]
            try:
                read.append(self.read(text, E.shape))
            except ParseError as error:
                return Marking(False, f"{self._where(k)}: {error}", "parse_error", k)
            named.append(j)
        for j, A in zip(named, read, strict=True):
            if j is not None and not self.same(A, self.expected[j]):
                code, message = self.slip(j, A)
                return Marking(False, f"{self._where(j)}: {message}", code, j, tuple(read))
        return self.judge(read)

    def labelled(self, text: str) -> tuple[int | None, str]:
        """``dy/du = cos(u)`` -> (the index of dy/du, ``cos(u)``); else (None, text)."""
        match = re.fullmatch(r"\s*([∂d]\s*\w+\s*/\s*[∂d]\s*\w+)\s*=(.*)", text, re.DOTALL)
        if not match:
            return None, text
        plain = [re.sub(r"\s+", "", label).replace("∂", "d") for label in self.labels]
        said = re.sub(r"\s+", "", match[1]).replace("∂", "d")
        return (plain.index(said), match[2]) if said in plain else (None, text)

    def judge(self, read: Sequence[sp.Matrix], labelled: bool = False) -> Marking:
        """The verdict on the factors read, one per factor of the rule. A typed product's
        scalar factors commute; ``labelled`` factors (the stepper's boxes, ``dy/du = …``) are
        each an equation, so du/dx in the box of dy/du is wrong there."""
        read = tuple(read)
        for k, A in enumerate(read):
            unknown = self._unknown(k, A)
            if unknown:
                return Marking(False, unknown, "unknown_variable", k, read)
        order = self._right(read)
        if order == tuple(range(len(read))):
            return Marking(True, self.summary(), None, None, read)
        if order is not None and not labelled:
            note = (
                f" Your order, {' · '.join(self.labels[i] for i in order)}, gives the same "
                "product because scalars commute; the paper writes them outermost first."
            )
            return Marking(True, self.summary() + note, None, None, read)
        swapped = self._order(read)
        if swapped is not None:
            return Marking(False, swapped, "chain_order", None, read)
        if self._denominator(read):
            shown = " · ".join(f"{label} ({M.rows} × {M.cols})" for label, M in self.factors)
            message = (
                "Those are the factors in denominator layout: each one transposed, in the reverse "
                f"order. In numerator layout (the paper's) the rule is {shown}, outermost first."
            )
            return Marking(False, message, "wrong_shape", None, read)
        for k, (A, E) in enumerate(zip(read, self.expected, strict=True)):
            if not self.same(A, E):
                code, message = self.slip(k, A)
                return Marking(False, f"{self._where(k)}: {message}", code, k, read)
        raise AssertionError("unreachable")  # pragma: no cover

    def summary(self) -> str:
        shown = " · ".join(f"{label} ({M.rows} × {M.cols})" for label, M in self.factors)
        R = reduce(lambda a, b: a * b, self.expected)
        return f"Right: {shown}, a {R.rows} × {R.cols} product in numerator layout."

    def _where(self, k: int) -> str:
        E = self.expected[k]
        n = len(self.expected)
        return f"{self.labels[k]} (factor {k + 1} of {n}, {E.rows} × {E.cols})"

    def _order(self, read) -> str | None:
        """Right factors in another order (matrices: the order changes the product)."""
        n = len(read)
        if n > 6 or len(self.expected) != n or all(E.shape == (1, 1) for E in self.expected):
            return None  # scalars: each factor in the other's place is named by slip()
        for p in permutations(range(n)):
            if list(p) != list(range(n)) and all(
                read[k].shape == self.expected[p[k]].shape
                and self.same(read[k], self.expected[p[k]])
                for k in range(n)
            ):
                typed_shapes = [self.expected[i] for i in p]
                shapes = " · ".join(f"({M.rows} × {M.cols})" for M in typed_shapes)
                fits = all(
                    a.cols == b.rows for a, b in zip(typed_shapes, typed_shapes[1:], strict=False)
                )
                effect = (
                    "the product is another matrix" if fits else "the shapes do not even multiply"
                )
                return (
                    f"Right factors, wrong order: you typed {' · '.join(self.labels[i] for i in p)}"
                    f"; in numerator layout the vector chain rule multiplies outermost first, "
                    f"{' · '.join(self.labels)}"
                    f". In your order, {shapes}, {effect}."
                )
        return None

    def _denominator(self, read) -> bool:
        """Each factor transposed and the order reversed: the denominator-layout chain rule."""
        n = len(read)
        if n != len(self.expected) or all(E.shape == (1, 1) for E in self.expected):
            return False
        flipped = [E.T for E in reversed(self.expected)]
        return all(A.shape == F.shape for A, F in zip(read, flipped, strict=True)) and all(
            self.same(A, F) for A, F in zip(read, flipped, strict=True)
        )

    def _unknown(self, k: int, A: sp.Matrix) -> str | None:
        allowed = usable_symbols(self.c) | set(self.at)
        unknown = sorted(A.free_symbols - allowed, key=sp.default_sort_key)
        if not unknown:
            return None
        outputs = [s for s in unknown if s in self.output]
        names = _names_text(allowed - self.output)
        if outputs:
            y = self.c.steps[-1][0]
            return (
                f"{self._where(k)}: {y} is the output itself; a factor is written in the "
                f"variables and intermediates, {names}."
            )
        which = ", ".join(written(s) for s in unknown)
        verb = "is" if len(unknown) == 1 else "are"
        return f"{self._where(k)}: {which} {verb} not a name here: the names are {names}."

    def quote(self, A: sp.Matrix) -> str:
        """A typed factor as the paper names it (``diag(w)``, ``1ᵀ``) or as typed: ``2*x``."""
        from .closed_form import closed_form

        if A.shape != (1, 1):
            named = closed_form(A, self.sizes).text
            if len(named) < len(written(A)) and not named.lstrip("-").isdigit():
                return named
        return shortened(written(A), 60)

    def step(self, name: str) -> str:
        """A step's formula as the exercise writes it (``w ⊗ x``), else as a learner types it."""
        if name in self.texts:
            return str(self.texts[name])
        return written(dict(self.c.steps)[name])

    # one wrong factor ------------------------------------------------------------------------

    def _layout(self, k: int) -> str:
        top, bottom = _top_bottom(self.labels[k])
        E = self.expected[k]
        if E.shape == (1, 1):
            return f"1 × 1, a single entry ({top} and {bottom} are scalars)"
        rows = f"one row per {top}ᵢ" if E.rows > 1 else f"one row: {top} is a scalar"
        cols = f"one column per {bottom}ⱼ" if E.cols > 1 else f"one column: {bottom} is a scalar"
        return f"{E.rows} × {E.cols} in numerator layout ({rows}; {cols})"

    def slip(self, k: int, A: sp.Matrix) -> tuple[str, str]:
        """``(code, message)``: what typed factor k (wrong) is, in the chain's symbols."""
        label, E = self.factors[k]
        top, bottom = _top_bottom(label)
        quoted = self.quote(A)
        formula = dict(self.c.steps).get(top)
        for j, other in enumerate(self.labels):
            if A.shape != E.shape and A.shape == (1, 1):
                break  # a scalar where a matrix belongs: a shape slip, told below
            if j != k and self.same(A, self.expected[j]):
                return "chain_order", (
                    f"{quoted}: that is {other}, not {label}: the rule multiplies outermost first, "
                    f"{' · '.join(self.labels)}, so this place holds {label}."
                )
        if A.shape != E.shape:
            return self._shape_slip(k, A, quoted)
        F = sp.Matrix(formula) if isinstance(formula, sp.MatrixBase) else sp.Matrix([formula])
        if (
            formula is not None
            and 1 in E.shape
            and len(F) == len(E)
            and self.same(A, F.reshape(*E.shape))
        ):
            return ("entry" if len(E) == 1 else "entries"), (
                f"{quoted} is {top} = {self.step(top)} itself, not yet differentiated: "
                f"differentiate {top} with respect to {bottom}."
            )
        found = self._wrong_variable(k, A, quoted)
        if found:
            return found
        found = self._direct_term(k, A)
        if found:
            return found
        if A.shape == self.result.shape and self.same(A, self.result):
            y, x = self.c.steps[-1][0], self.c.wrt_label
            return "product_not_factors", (
                f"{quoted} is the whole derivative of {y} with respect to {x}; {label} is one "
                f"factor of it: differentiate the step {top} with respect to {bottom} alone."
            )
        for j in range(k + 1, len(self.expected)):
            P = reduce(lambda a, b: a * b, self.expected[k : j + 1])
            if P.shape == A.shape and self.same(A, P):
                both = " · ".join(self.labels[k : j + 1])
                return "factor_count", (
                    f"{quoted} is {both} already multiplied: type each of them as a factor."
                )
        if self.same(-A, E):
            return "sign", f"check the sign of {quoted}."
        ratio = _ratio(self.c.substituted(A.subs(self.at)), self.c.substituted(E.subs(self.at)))
        if ratio is not None:
            return ("entry" if len(E) == 1 else "entries"), (
                f"{quoted} is {label} times {written(ratio)}: check the constant factor when you "
                f"differentiate {top} = {self.step(top)} with respect to {bottom}."
            )
        return ("entry" if len(E) == 1 else "entries"), (
            f"{quoted} is not {label} yet{self._first_wrong_entry(k, A)}. Differentiate the "
            f"step {top} = {self.step(top)} with respect to {bottom} alone; {label} is "
            f"{self._layout(k)}."
        )

    def _first_wrong_entry(self, k: int, A: sp.Matrix) -> str:
        """``: row 2, column 2 (∂y₂/∂g₂) is not -sin(g_2)`` for a matrix, else ""."""
        label, E = self.factors[k]
        if len(E) == 1:
            return ""
        top, bottom = _top_bottom(label)
        for i in range(E.rows):
            for j in range(E.cols):
                if not self.same(A[i, j : j + 1], self.expected[k][i, j : j + 1]):
                    ti = f"{top}{subscript(i + 1)}" if E.rows > 1 else top
                    bj = f"{bottom}{subscript(j + 1)}" if E.cols > 1 else bottom
                    entry = shortened(written(A[i, j]), 30)
                    return f": row {i + 1}, column {j + 1} (∂{ti}/∂{bj}) is not {entry}"
        return ""

    def _shape_slip(self, k: int, A: sp.Matrix, quoted: str) -> tuple[str, str]:
        from .exercises.kinds.closed_form import vector_shape_mistake

        label, E = self.factors[k]
        top, bottom = _top_bottom(label)
        if E.rows != E.cols and A.shape == (E.cols, E.rows) and self.same(A.T, E):
            flat = (
                " A flat list [a, b] is a row: type a column as [[a], [b]] or [a, b]ᵀ."
                if E.cols == 1
                else ""
            )
            return "wrong_shape", (
                f"{quoted} is {label} transposed, {A.rows} × {A.cols}: that is the denominator "
                f"layout. The paper's {label} is {self._layout(k)}.{flat}"
            )
        Ax = self.c.substituted(A.subs(self.at))
        Ex = self.c.substituted(E.subs(self.at))
        found = vector_shape_mistake(Ax, Ex, top, bottom, (), quoted)
        if found is not None:
            return found
        return "wrong_shape", (f"you typed {shape_words(A.shape)}; {label} is {self._layout(k)}.")

    def _wrong_variable(self, k: int, A: sp.Matrix, quoted: str) -> tuple[str, str] | None:
        """∂top/∂(another variable), or the outer derivative evaluated at x instead of at u."""
        label, E = self.factors[k]
        top, bottom = _top_bottom(label)
        node = dict(self.c.steps).get(top)
        if node is None:
            return None
        expr = sp.Matrix([node]) if not isinstance(node, sp.MatrixBase) else sp.Matrix(node)
        bottoms = group_symbols(self.c, bottom)
        for name, group in groups_in(self.c, expr).items():
            if name == bottom or set(group) == set(bottoms):
                continue
            J = jacobian(expr, sp.Matrix(group))
            if J.shape == A.shape and self.same(A, J):
                return "wrong_variable", (
                    f"{quoted} is ∂{top}/∂{name}: {label} differentiates {top} = "
                    f"{self.step(top)} with respect to {bottom}, holding {name} fixed."
                )
        x = group_symbols(self.c, self.c.wrt_label)
        tops = group_symbols(self.c, top)
        if len(bottoms) == 1 and len(tops) == 1 and E.free_symbols & set(bottoms):
            at_top = E.xreplace({bottoms[0]: tops[0]})
            if self.same(A, at_top) and not self.same(at_top, E):
                return "wrong_variable", (
                    f"{quoted} puts {top} where {bottom} belongs: {label} differentiates "
                    f"{top} = {self.step(top)} in {bottom}, so it is written in {bottom}."
                )
        if bottoms and len(x) == 1 and bottoms != x and set(bottoms) <= set(self.c.substitutions):
            at_x = E.xreplace(dict.fromkeys(bottoms, x[0]))
            if at_x != E and self.same(A, at_x):
                inner = (  # the intermediate in x alone: u2 = x + x^2, not x + u1
                    written(self.c.substitutions[bottoms[0]])
                    if len(bottoms) == 1
                    else self.step(bottom)
                )
                return "wrong_variable", (
                    f"{quoted} puts {x[0]} where {bottom} belongs: {label} is evaluated at "
                    f"{bottom} = {inner}, so write it in {bottom}, or with {bottom} replaced by "
                    f"{inner}."
                )
        return None

    def _direct_term(self, k: int, A: sp.Matrix) -> tuple[str, str] | None:
        """d(name)/dx typed as the path through the earlier steps alone, without ∂name/∂x."""
        split = direct_part(self.c, self.labels[k], self.expected[k])
        if split is None:
            return None
        direct, name = split
        if not self.same(A, self.expected[k] - direct):
            return None
        x = self.c.wrt_label
        return "total_term_missing", (
            f"this leaves out the term ∂{name}/∂{x} = {written(direct)}: {name} depends on {x} "
            "directly as well as through the earlier steps, so the total-derivative rule adds it."
        )


def _names_text(symbols) -> str:
    """``b, u (u1 … u3), w (w1 … w3), z``: a vector's components under its letter."""
    by_letter: dict[str, list[str]] = {}
    for s in sorted(symbols, key=sp.default_sort_key):
        match = re.fullmatch(r"([A-Za-z])_(\d+)", s.name)
        by_letter.setdefault(match[1] if match else written(s), []).append(written(s))
    return ", ".join(
        f"{name} ({parts[0]} … {parts[-1]})" if len(parts) > 2 else ", ".join(parts)
        for name, parts in by_letter.items()
    )


def _ratio(A: sp.Matrix, E: sp.Matrix):
    """The number r ≠ 0, ±1 with A = r·E (a fraction, denominator ≤ 100), else None. Found
    from the ratio at two points (no simplify: a nested formula would take seconds)."""
    from fractions import Fraction

    if A.shape != E.shape or all(e == 0 for e in E):
        return None
    e = next(e for e in E if e != 0)
    a = A[list(E).index(e)]
    symbols = sorted((a.free_symbols | e.free_symbols), key=sp.default_sort_key)
    values = []
    for start in (sp.Rational(7, 10), sp.Rational(13, 10)):
        point = {s: start + sp.Rational(i, 7) for i, s in enumerate(symbols)}
        try:
            values.append(complex((a / e).evalf(15, subs=point)))
        except (TypeError, ValueError, ZeroDivisionError):
            return None
    first, second = values
    if abs(first - second) > 1e-9 * (1 + abs(first)) or abs(first.imag) > 1e-12:
        return None
    r = Fraction(first.real).limit_denominator(100)
    if abs(float(r) - first.real) > 1e-9 or r in (0, 1, -1):
        return None
    r = sp.Rational(r.numerator, r.denominator)
    return r if all(equivalent(p, r * q) for p, q in zip(A, E, strict=True)) else None
