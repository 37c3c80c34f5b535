"""A "closed_form" answer: a Jacobian typed by the paper's name for it, ``diag(x)``, ``xᵀ``, ``I``.

The paper names a numerator-layout Jacobian (``J[i, j] = ∂f_i/∂x_j``, m × n) once its entries are
known: ∂(w ⊗ x)/∂w = diag(x), ∂(w · x)/∂w = xᵀ (:mod:`mathkit.closed_form`). The answer may be that
name, any matrix algebra that builds it (``1ᵀ diag(x)``, ``-diag(w) diag(x)^-2``: read by
:mod:`mathkit.matrix_algebra`, which lists what is accepted) or the entries; it is judged entry by
entry like a matrix. A vector is named by its letter: the components x₁ … xₙ of the exercise make
``x`` a vector of n. A bracketed list is read as the matrix kind reads it: a flat ``[a, b]`` is a
row, ``[a, b]ᵀ`` a column. The exercise's one-letter names may be written next to each other
(``zI``, ``z1ᵀ``, ``2xᵀ``), and the feedback then says how the answer was read (``z·I``).

Part-2 diagnoses, in the exercise's own names (:func:`vector_shape_mistake`, also used by the
chain-factor and loss kinds; :func:`relative_mistake`):

- ``vector_for_diagonal``: ``x`` where ``diag(x)`` is meant (the diagonal's entries as a vector);
- ``column_for_row`` / ``row_for_column``: the other layout's shape (``x`` for xᵀ, ``1ᵀ`` for 1);
- ``other_variable``: the derivative with respect to the other variable (``wᵀ`` = ∂y/∂x for ∂y/∂w
  of w · x), also as the sum of its entries (``3z`` for ∂sum(x z)/∂z adds up ∂y/∂x = z 1ᵀ);
- ``other_operation``: the Jacobian of the table's neighbour (``diag(w)`` = ∂(w ⊗ x)/∂x where
  ∂(w ⊘ x)/∂x is asked);
- ``before_the_sum``: the Jacobian of u before y = sum(u) (``diag(x)`` for ∂(w · x)/∂w).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import sympy as sp

from ...closed_form import _Names, closed_form, read_closed_form_with_reading
from ...equivalence import equivalent
from ...mistakes import Feedback
from ...parse import ParseError, parse, parse_matrix, reading
from ...render import Formula
from ...text import shortened, text
from .matrix import MatrixKind

if TYPE_CHECKING:
    from ..model import Exercise


@dataclass(frozen=True)
class Typed:
    """An answer as read: the matrix, the text typed, and how it was read (``z·I``) or ""."""

    matrix: sp.Matrix
    raw: str
    reading: str = ""


class ClosedFormKind(MatrixKind):
    """∂f/∂x in numerator layout, typed as the paper names it (or as its entries)."""

    name = "closed_form"
    placeholder = "a closed form like c I, diag(v), vᵀ, or the entries [[a, b], [c, d]]"
    reads_formulas = False  # reads with its own reader, and says itself how it read the answer

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if ex.layout != "numerator":
            raise ValueError("the paper names Jacobians in numerator layout only")

    mistakes = {
        "vector_for_diagonal": "a vector typed where a diagonal matrix is meant (x for diag(x))",
        "column_for_row": "a column typed where the paper has a row (x for xᵀ)",
        "row_for_column": "a row typed where the paper has a column (1ᵀ for 1)",
        "scalar_for_diagonal": "the diagonal entry c typed alone where c I is meant (z for z I)",
        "sum_alone": "∂sum(u)/∂u = 1ᵀ typed where y = sum(u) is differentiated further (1ᵀ for xᵀ)",
        "other_variable": "the derivative with respect to the other variable (∂y/∂x for ∂y/∂w)",
        "other_variable_summed": "the entries of the derivative with respect to the other "
        "variable, added up (3z for ∂sum(x z)/∂z)",
        "other_operation": "the Jacobian of another element-wise operation (⊗ for ⊘)",
        "before_the_sum": "the Jacobian of u where y = sum(u) is asked (the sum left out)",
    }

    def read(self, ex: Exercise, raw: str) -> Typed:
        matrix, read_as = read_answer(raw, ex.expected.shape, _vectors(ex), _scalar_names(ex))
        return Typed(matrix, raw.strip(), read_as or "")

    def judge(self, ex: Exercise, value) -> Feedback:
        typed = value if isinstance(value, Typed) else Typed(sp.Matrix(value), "")
        A = typed.matrix
        verdict = super().judge(ex, A)
        if not verdict.correct and verdict.mistake != "unknown_variable":
            quoted = shortened(typed.raw) if typed.raw else None
            found = relative_mistake(ex, A, quoted) or vector_shape_mistake(
                A, ex.expected, ex.f_name, ex.x_label, ex.variables, quoted, all_slips=True
            )
            found = found or relative_mistake(ex, A, quoted, transposed=True)
            if found is not None:
                verdict = Feedback(False, found[1], found[0], verdict.understood)
        if verdict.mistake == "unknown_variable" and re.search(r"\^\s*[tH]\b", typed.raw):
            message = f"{verdict.message} For the transpose write xᵀ or x^T (a capital T)."
            verdict = Feedback(False, message, verdict.mistake, verdict.understood)
        if typed.reading:
            message = f"{verdict.message} (Read as `{shortened(typed.reading, 80)}`.)"
            verdict = Feedback(
                verdict.correct, message, verdict.mistake, verdict.understood, typed.reading
            )
        return verdict

    def solution(self, ex: Exercise) -> Formula:
        named = closed_form(ex.expected, _vectors(ex))
        shown = super().solution(ex)
        return Formula(f"{named.latex} = {shown.latex}", f"{named.text}: {shown.text}")

    def explanation(self, ex: Exercise) -> str:
        named = closed_form(ex.expected, _vectors(ex))
        return f"{super().explanation(ex)} The paper's name for this matrix: {named.text}."

    def answer_text(self, ex: Exercise) -> str:
        return closed_form(ex.expected, _vectors(ex)).text


_TRANSPOSE_MARK = re.compile(r"(?:ᵀ|'|\^\s*T|\^\s*\{\s*T\s*\}|\^\s*\(\s*T\s*\))\s*$")


def read_answer(
    raw: str, shape: tuple[int, int], vectors: dict[str, int], names=()
) -> tuple[sp.Matrix, str | None]:
    """``(matrix, reading)``: a closed form or matrix algebra (:func:`read_closed_form_with_reading`
    at ``shape``), or a bracketed list read as the matrix kind reads it: ``[a, b]`` a row,
    ``[[a], [b]]`` a column, ``[a, b]ᵀ`` (or ``^T``) a column. ``names``: the exercise's scalar
    names (``z``), which may be written next to each other (``zI``); ``reading`` says how the
    text was read when they were (``z·I``), else None.

    >>> read_answer("[x1, x2]", (1, 2), {"x": 2}), read_answer("zI", (2, 2), {}, ["z"])[1]
    ((Matrix([[x_1, x_2]]), None), 'z·I')
    """
    stripped = _unwrapped(raw.strip())
    mark = _TRANSPOSE_MARK.search(stripped)
    body = _unwrapped(stripped[: mark.start()].strip()) if mark else stripped
    if not (body.startswith("[") and body.endswith("]")):
        return read_closed_form_with_reading(stripped, shape, vectors, names)
    known = [*(s.name for name, n in vectors.items() for s in _components(name, n)), *names]
    M, read_as = _with_names(body, known, parse_matrix)
    if M.cols == 1 and M.rows > 1 and _flat(body, known):
        M = M.T
    return (M.T if mark else M), read_as


def read_matrix(raw: str, shape: tuple[int, int], vectors: dict[str, int]) -> sp.Matrix:
    """The matrix of :func:`read_answer` (kept for the chain-factor kind).

    >>> read_matrix("[x1, x2]", (1, 2), {"x": 2}), read_matrix("[2, 3]^T", (2, 1), {})
    (Matrix([[x_1, x_2]]), Matrix([
    [2],
    [3]]))
    """
    return read_answer(raw, shape, vectors)[0]


def _components(name: str, n: int) -> list[sp.Symbol]:
    return [sp.Symbol(f"{name}_{i}") for i in range(1, n + 1)]


def _with_names(body: str, known: list[str], reader):
    """``reader(body)`` with the exercise's names (``[6xz, 0]`` is 6·x·z), and the reading."""
    if known:
        try:
            return reader(body, known), reading(body, known)
        except ParseError:
            pass
    return reader(body), None


def _unwrapped(text: str) -> str:
    """``(xᵀ)`` -> ``xᵀ``: brackets around the whole answer removed."""
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, char in enumerate(text):
            depth += char == "("
            depth -= char == ")"
            if depth == 0 and i < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def _flat(body: str, known: list[str]) -> bool:
    """Whether ``[...]`` is a flat list (a row), not a list of lists."""
    try:
        _with_names(body, known, parse)
    except ParseError:  # a list of lists is refused by the scalar parser
        return False
    return True


def vector_shape_mistake(
    A, E, f_name: str, x_name: str, variables=(), quoted: str | None = None, all_slips=False
) -> tuple[str, str] | None:
    """The Part-2 shape slips, ``(code, message)`` in the exercise's symbols, else None.

    ``vector_for_diagonal``: E is a diagonal n × n Jacobian and A holds its diagonal as a vector
    (``x`` for diag(x)); ``column_for_row``: E is a 1 × n row and A the same entries as an
    n × 1 column (``x`` for xᵀ); with ``all_slips`` also ``row_for_column``, the other way round
    (``1ᵀ`` for 1), and ``scalar_for_diagonal``: the entry c of E = c·I typed alone (``z`` for
    z I).
    ``quoted`` is how to show A (default: A itself, shortened).

    >>> x1, x2 = sp.symbols("x_1 x_2")
    >>> vector_shape_mistake(sp.Matrix([x1, x2]), sp.Matrix([[x1, x2]]), "z", "w")[0]
    'column_for_row'
    >>> vector_shape_mistake(sp.Matrix([x1, x2]), sp.diag(x1, x2), "y", "w")[0]
    'vector_for_diagonal'
    """
    A, E = sp.Matrix(A), sp.Matrix(E)
    lhs = f"∂{f_name}/∂{x_name}"
    quoted = quoted or shortened(text(A[0] if A.shape == (1, 1) else A))

    def same(P, Q) -> bool:
        return P.shape == Q.shape and all(
            equivalent(a, e, variables) for a, e in zip(P, Q, strict=True)
        )

    n = E.rows
    diagonal = n > 1 and E.is_square and E.is_diagonal() and 1 in A.shape and len(A) == n
    if diagonal and same(A.reshape(n, 1), E.diagonal().T):
        return "vector_for_diagonal", (
            f"{quoted} is a vector of {n} entries, but {lhs} is a matrix, {n} × {n} in "
            f"numerator layout (one row per {f_name}ᵢ, one column per {x_name}ⱼ): each "
            f"{f_name}ᵢ depends on {x_name}ᵢ alone, so ∂{f_name}ᵢ/∂{x_name}ᵢ sits on the "
            "diagonal and every other entry is 0."
        )
    diagonal_entry = E.diagonal()[0] if n > 1 and E.is_square and E.is_diagonal() else None
    if (
        all_slips
        and diagonal_entry is not None
        and A.shape == (1, 1)
        and diagonal_entry * sp.eye(n) == E
        and same(A, sp.Matrix([[diagonal_entry]]))
    ):
        return "scalar_for_diagonal", (
            f"{quoted} is every diagonal entry ∂{f_name}ᵢ/∂{x_name}ᵢ, but {lhs} is a matrix, "
            f"{n} × {n} in numerator layout (one row per {f_name}ᵢ, one column per {x_name}ⱼ), "
            f"with 0 off the diagonal: {quoted} times the identity."
        )
    if E.rows == 1 and E.cols > 1 and A.shape == (E.cols, 1) and same(A.T, E):
        return "column_for_row", (
            f"{quoted} is a column ({E.cols} × 1), the shape of {lhs} in denominator layout; in "
            f"numerator layout (the paper's) {lhs} of the scalar {f_name} is a row, "
            f"1 × {E.cols}: one column per {x_name}ⱼ."
        )
    if all_slips and E.cols == 1 and E.rows > 1 and A.shape == (1, E.rows) and same(A.T, E):
        return "row_for_column", (
            f"{quoted} is a row (1 × {E.rows}), the shape of {lhs} in denominator layout; in "
            f"numerator layout (the paper's) {lhs} of the vector {f_name} with respect to the "
            f"scalar {x_name} is a column, {E.rows} × 1: one row per {f_name}ᵢ."
        )
    return None


def _vectors(ex: Exercise) -> dict[str, int]:
    """The vectors the exercise's symbols spell: x_1, x_2, x_3 make ``{"x": 3}``."""
    sizes: dict[str, int] = {}
    for s in ex.allowed_symbols:
        m = re.fullmatch(r"([A-Za-z])_?(\d+)", s.name)
        if m:
            sizes[m.group(1)] = max(sizes.get(m.group(1), 0), int(m.group(2)))
    return sizes


def _scalar_names(ex: Exercise) -> list[str]:
    """The exercise's one-letter scalar names (``z``, ``b``): not a vector's components."""
    return sorted(s.name for s in ex.allowed_symbols if not re.search(r"_?\d+$", s.name))


# ---------------------------------------------------------------------------------------------
# The Jacobians a learner is likely to have computed instead: named in the exercise's symbols


@dataclass(frozen=True)
class _Relative:
    code: str
    matrix: sp.Matrix
    what: str  # "∂y/∂x: the derivative with respect to x, not w"
    advice: str  # "Hold x constant and differentiate with respect to w."


_OPERATIONS = {
    "+": lambda a, b: a + b,
    "−": lambda a, b: a - b,
    "⊗": lambda a, b: a * b,
    "⊘": lambda a, b: a / b,
}
_WITH_A_SCALAR = {"+": "+", "−": "−", "⊗": "", "⊘": "/"}  # x + z, x − z, x z, x / z


def _formula(p: str, op: str, q: str, scalar: bool) -> str:
    op = _WITH_A_SCALAR[op] if scalar else op
    return f"{p} {q}" if not op else f"{p} {op} {q}"


def _operation(f: sp.Expr, names: _Names) -> tuple[str, str, str, bool] | None:
    """``(p, op, q, with_a_scalar)`` when the element-wise template f is p ◯ q (``w ⊘ x``)."""
    vectors = {d: name for name, d in sorted(names.stand_ins.items()) if d in f.free_symbols}
    scalars = {s: s.name for s in sorted(f.free_symbols - set(vectors), key=str)}
    operands = {**vectors, **scalars}  # in the paper's order: w ⊗ x, x z
    for p in operands:
        for q in operands:
            if p == q or not ({p, q} & set(vectors)):
                continue
            for op, build in _OPERATIONS.items():
                if sp.cancel(build(p, q) - f) == 0:
                    return operands[p], op, operands[q], not {p, q} <= set(vectors)
    return None


def _elementwise(entries: list, sizes: dict[str, int]) -> tuple[sp.Expr, _Names] | None:
    names = _Names(sp.Matrix(entries), sizes)
    f = names.template(list(entries))
    return None if f is None else (f, names)


def _component_text(f: sp.Expr, names: _Names) -> str:
    return text(f.xreplace({d: sp.Symbol(f"{name}ᵢ") for name, d in names.stand_ins.items()}))


def _siblings(ex: Exercise, sizes: dict[str, int], f_name: str, x: str) -> list[_Relative]:
    """∂(p ◯' q)/∂x for the other three operations of the paper's table."""
    found = _elementwise(list(ex.F), sizes)
    operation = None if found is None else _operation(*found)
    if operation is None:
        return []
    f, names = found
    p, op, q, scalar = operation
    asked = _formula(p, op, q, scalar)
    along = f"{x}ᵢ" if x in sizes else x
    advice = f"Differentiate {f_name}ᵢ = {_component_text(f, names)} with respect to {along}."
    relatives = []
    n = ex.F.rows
    for other, build in _OPERATIONS.items():
        if other == op:
            continue
        P, Q = (_operand(v, n, sizes) for v in (p, q))
        F = sp.Matrix([build(a, b) for a, b in zip(P, Q, strict=True)])
        formula = _formula(p, other, q, scalar)
        what = f"∂({formula})/∂{x}, the Jacobian of {formula}, not of {asked}"
        relatives.append(_Relative("other_operation", F.jacobian(ex.x), what, advice))
    return relatives


def _operand(name: str, n: int, sizes: dict[str, int]) -> list:
    if name in sizes:
        return _components(name, n)
    return [sp.Symbol(name)] * n


def _before_the_sum(ex: Exercise, sizes: dict[str, int], f_name: str, x: str) -> list[_Relative]:
    """For y = sum(u) (+ a rest): ∂u/∂x, the Jacobian before the sum."""
    if ex.F.shape != (1, 1):
        return []
    groups: dict[int, sp.Expr] = {}
    rest = sp.S.Zero
    for term in sp.Add.make_args(sp.expand(ex.F[0])):
        indices = {
            int(m[1]) for s in term.free_symbols if (m := re.fullmatch(r"[A-Za-z]_(\d+)", s.name))
        }
        if len(indices) > 1:
            return []
        if indices:
            (i,) = indices
            groups[i] = groups.get(i, sp.S.Zero) + term
        else:
            rest += term
    n = len(groups)
    if n < 2 or sorted(groups) != list(range(1, n + 1)):
        return []
    u = sp.Matrix([groups[i] for i in range(1, n + 1)])
    found = _elementwise(list(u), {k: v for k, v in sizes.items() if v == n})
    if found is None:
        return []
    operation = _operation(*found)
    inner = _formula(*operation[:3], operation[3]) if operation else found[1].text(found[0])
    plus = f" + {text(rest)}" if rest != 0 else ""
    what = f"∂u/∂{x} for u = {inner}: the Jacobian before the sum"
    advice = (
        f"{f_name} = sum(u){plus} adds the components of u, so ∂{f_name}/∂{x} = "
        f"∂sum(u)/∂u · ∂u/∂{x}, and ∂sum(u)/∂u = 1ᵀ."
    )
    sum_alone = (
        f"∂sum(u)/∂u for u = {inner}: the Jacobian of the sum alone",
        f"The chain rule multiplies it by ∂u/∂{x}: ∂{f_name}/∂{x} = ∂sum(u)/∂u · ∂u/∂{x}.",
    )
    return [
        _Relative("before_the_sum", u.jacobian(ex.x), what, advice),
        _Relative("sum_alone", sp.ones(1, n), *sum_alone),
    ]


def _other_variables(ex: Exercise, sizes: dict[str, int], f_name: str, x: str) -> list[_Relative]:
    """∂y/∂v for every other variable v of the function, and the sum of its entries."""
    names = {s.name for s in ex.F.free_symbols} - {s.name for s in ex.x}
    others = sorted({re.sub(r"_\d+$", "", name) for name in names} - {x})
    relatives = []
    for v in others:
        variables = _components(v, sizes[v]) if v in sizes else [sp.Symbol(v)]
        J = ex.F.jacobian(sp.Matrix(variables))
        what = f"∂{f_name}/∂{v}: the derivative with respect to {v}, not {x}"
        advice = f"Hold {v} constant and differentiate with respect to {x}."
        relatives.append(_Relative("other_variable", J, what, advice))
        if ex.expected.shape == (1, 1) and len(J) > 1:
            summed = sp.Matrix([[sum(J)]])
            what = (
                f"the sum of the entries of ∂{f_name}/∂{v} = {closed_form(J, sizes).text}, the "
                f"derivative with respect to {v}"
            )
            advice = (
                f"Here the variable is {x}: hold {v} constant and differentiate each term in {x}."
            )
            relatives.append(_Relative("other_variable_summed", summed, what, advice))
    return relatives


@lru_cache(maxsize=64)
def relatives(ex: Exercise) -> tuple[_Relative, ...]:
    """The Jacobians a learner may have computed instead of ∂f/∂x, none equal to it."""
    sizes, f_name, x = _vectors(ex), ex.f_name, ex.x_label
    found = [
        *_other_variables(ex, sizes, f_name, x),
        *_siblings(ex, sizes, f_name, x),
        *_before_the_sum(ex, sizes, f_name, x),
    ]
    E = ex.expected
    return tuple(r for r in found if not _same(r.matrix, E, ex.variables))


def _same(A: sp.Matrix, B: sp.Matrix, variables) -> bool:
    """Equal shapes and entries: a cheap look at one point first, then :func:`equivalent`."""
    if A.shape != B.shape:
        return False
    point = {
        s: sp.Rational(7 + 3 * k, 5 + k)
        for k, s in enumerate(sorted((A.free_symbols | B.free_symbols), key=sp.default_sort_key))
    }
    for a, b in zip(A, B, strict=True):
        try:
            difference = (a - b).xreplace(point)
            if difference.is_number and difference.is_finite and difference != 0:
                return False
        except (ArithmeticError, TypeError, ValueError):
            pass
    return all(equivalent(a, b, variables) for a, b in zip(A, B, strict=True))


def relative_mistake(
    ex: Exercise, A: sp.Matrix, quoted: str | None = None, transposed: bool = False
) -> tuple[str, str] | None:
    """``(code, message)`` when A is a relative of ∂f/∂x (:func:`relatives`), else None: the
    derivative with respect to the other variable, of the table's neighbouring operation, or
    before the sum. ``transposed``: A is a relative's transpose (a vector in the other layout).

    >>> from mathkit.exercises import exercise
    >>> x = sp.Matrix([sp.Symbol(f"w_{i}") for i in (1, 2, 3)]).T
    >>> relative_mistake(exercise("reductions.dot_dw"), x, "wᵀ")[0]
    'other_variable'
    """
    A = sp.Matrix(A)
    quoted = quoted or shortened(text(A[0] if A.shape == (1, 1) else A))
    matches = []
    for r in relatives(ex):
        R = r.matrix.T if transposed else r.matrix
        if transposed and 1 not in R.shape:
            continue
        if _same(A, R, ex.variables):
            matches.append(r)
    if not matches:
        return None
    first, *more = matches
    also = "".join(f" (It is also {r.what}.)" for r in more)
    turned = ", transposed (a column where the paper has a row, or a row for a column)"
    return (
        first.code,
        f"{quoted} is {first.what}{turned if transposed else ''}. {first.advice}{also}",
    )
