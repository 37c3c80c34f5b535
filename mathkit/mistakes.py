"""The likely mistake in a wrong answer, named in the exercise's own symbols.

:func:`diagnose` compares a learner's matrix with the expected one in a named layout (numerator:
``J[i, j] = ∂f_i/∂x_j``, m × n; denominator: the transpose, n × m) and names the likely mistake:
the transpose (the other layout), swapped rows or columns, right entries in the wrong shape, a
sign, a constant factor, a partial with respect to the wrong variable, ... :func:`diagnose_partial`
does the same for one partial derivative. Entries are matched by their values at random points
(:class:`_Fingerprints`); whether an answer is right is decided by :func:`equivalent`, not here.

>>> x, y = sp.symbols("x y")
>>> diagnose(sp.Matrix([[6*x*y, 2], [3*x**2, 8*y**7]]), sp.Matrix([[6*x*y, 3*x**2], [2, 8*y**7]]),
...          sp.Matrix([3*x**2*y, 2*x + y**8]), sp.Matrix([x, y]))[0]
'transpose'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import permutations

import sympy as sp

from .calculus import Layout, as_functions, as_variables, check_layout, jacobian
from .equivalence import _Fingerprints
from .render import shape_text
from .text import (
    axis_meaning,
    capitalized,
    layout_reason,
    of_text,
    other_layout,
    shape_words,
    shortened,
    subscript,
    text,
)

#: The machine-readable mistake codes a :class:`Feedback` can carry, with what each means.
MISTAKES: dict[str, str] = {
    "empty": "nothing was typed",
    "parse_error": "the text could not be read as math (the message says where and why)",
    "unknown_variable": "the answer uses a name that is not in this exercise",
    "transpose": "the transpose: the other layout (a matrix, or a shape r × c typed as c × r)",
    "wrong_shape": "right entries in the wrong shape, or a matrix of the wrong size",
    "row_swap": "the right rows in the wrong order",
    "column_swap": "the right columns in the wrong order",
    "sign": "one or more entries have the wrong sign",
    "factor": "off by a constant factor",
    "coefficient": "a constant coefficient dropped: d/dw of c·w is c, not 1",
    "wrong_variable": "a partial derivative with respect to another variable",
    "undifferentiated": "the function itself (or its value), not its derivative",
    "other_piece": "at a corner (max, abs), the slope of the piece the convention does not take",
    "corner_average": "at a corner, the average of the two one-sided slopes (a central difference)",
    "entries_swapped": "two partial derivatives typed in each other's places",
    "entry": "one entry (partial derivative) is wrong",
    "entries": "several entries are wrong",
    "case": "the wrong shape case",
    "too_slow": "checking took longer than the widget's time budget (mathkit.quiz only)",
    "error": "mathkit failed while checking: a bug to report (mathkit.quiz only)",
}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``correct``: whether it is right; ``message``: one friendly line (what to look at next);
    ``mistake``: a code from :data:`MISTAKES` for a wrong answer, None for a right one;
    ``understood``: LaTeX of the answer as mathkit read it ("" when it could not be read), so a
    learner can see that ``2xy`` was read as 2·x·y; ``reading``: the typed text with a ``·`` at
    every product written without a sign, when a run of letters was read as a product (``6xy``
    as ``6·x·y``; the message says so too), else "".
    """

    correct: bool
    message: str
    mistake: str | None = None
    understood: str = field(default="", compare=False)
    reading: str = field(default="", compare=False)

    @property
    def mark(self) -> str:
        """✓ or ✗: the verdict as a symbol, so it never rests on colour alone."""
        return "✓" if self.correct else "✗"

    @property
    def verdict(self) -> str:
        """The verdict in words: Correct, or Not yet."""
        return "Correct" if self.correct else "Not yet"

    def __str__(self) -> str:
        return f"{self.mark} {self.verdict}. {self.message}"


def _name(i: int, m: int, f_name: str = "f") -> str:
    """f₁, f₂, ... for a vector function; f for a scalar one (or the exercise's own name)."""
    return f"{f_name}{subscript(i + 1)}" if m > 1 else f_name


def _partial_name(f_name: str, var) -> str:
    return f"∂{f_name}/∂{text(var)}"


def diagnose_partial(
    answer, f, var, variables, point: dict | None = None, f_name: str | None = None
) -> tuple[str, str]:
    """The likely mistake in one partial derivative ∂f/∂var: ``(code, message)``.

    ``answer`` is what the learner gave for ∂f/∂var (at ``point``, a ``{symbol: value}`` dict, if
    given); ``variables`` are all the variables of f. The message names the function (as
    ``f_name``, e.g. ∂z/∂w₂, when given; else by its formula) and the variable and gives the rule
    to apply, without giving the right answer away; a long answer is quoted shortened.

    >>> x, y = sp.symbols("x y")
    >>> diagnose_partial(6 * x * y, 3 * x**2 * y, y, [x, y])
    ('wrong_variable', '∂/∂y of 3x²y is not 6xy: that is ∂/∂x. Treat x as a constant and \
differentiate in y.')
    >>> diagnose_partial(-6 * x * y, 3 * x**2 * y, x, [x, y])[0]
    'sign'
    """
    f, var = sp.sympify(f, strict=True), sp.sympify(var, strict=True)
    variables = list(variables)
    others = [v for v in variables if v != var]
    at = point or {}
    expected = jacobian(f, var)[0].subs(at)
    where = "" if not at else " at " + ", ".join(f"{text(s)} = {text(v)}" for s, v in at.items())
    lead = f"∂{f_name}/∂{text(var)}{where}" if f_name else f"∂/∂{text(var)} of {of_text(f)}{where}"
    answer = sp.sympify(answer, strict=True)
    quoted = shortened(text(_as_decimals(answer)))
    prints = _Fingerprints(f.free_symbols | set(variables) | answer.free_symbols)
    if expected != 0 and prints.same(answer, -expected):
        return "sign", f"Check the sign of {lead}."
    if jacobian(f, var)[0] == 0:
        return "entry", (
            f"{of_text(f)} does not change when {text(var)} changes"
            + (f" (hold {', '.join(text(o) for o in others)} constant)" if others else "")
            + ": what is the slope of a constant?"
        )
    bare = expected.subs({s: 1 for s in expected.free_symbols})  # x₂ -> 1, 3x² -> 3
    if (
        not answer.free_symbols
        and expected.free_symbols
        and var not in expected.free_symbols
        and prints.same(answer, bare)
    ):
        return "coefficient", (
            f"{lead} is not {quoted}: in {of_text(f)}, {text(var)} is multiplied by a factor that "
            f"does not depend on {text(var)}, and that factor stays in the derivative "
            f"(d/d{text(var)} of c·{text(var)} is c, not 1)."
        )
    for other in others:
        wrong = jacobian(f, other)[0].subs(at)
        if prints.same(wrong, 0):  # a 0 is more likely a slip than ∂/∂(a variable not in f)
            continue
        if not prints.same(wrong, expected) and prints.same(answer, wrong):
            return "wrong_variable", (
                f"{lead} is not {quoted}: that is ∂/∂{text(other)}. "
                f"Treat {text(other)} as a constant and differentiate in {text(var)}."
            )
    if not prints.same(f.subs(at), expected) and prints.same(answer, f.subs(at)):
        what = "the value of the function there" if at else "the function itself"
        return "undifferentiated", f"{quoted} is {what}: the question asks for its slope."
    corner = corner_slopes(f, var, at) if at else None
    if corner is not None and expected in corner:
        other = corner[1] if expected == corner[0] else corner[0]
        side = "<" if other == corner[0] else ">"
        a = text(at[var]) if var in at else "the point"
        if prints.same(answer, other):
            return "other_piece", (
                f"{lead} is not {quoted}: {quoted} is the slope of the piece where {text(var)} "
                f"{side} {a}. At the corner itself the two pieces disagree, and the convention "
                "takes the other piece's slope."
            )
        if prints.same(answer, (corner[0] + corner[1]) / 2):
            return "corner_average", (
                f"{lead} is not {quoted}: {quoted} is the average of the two one-sided slopes "
                f"({text(corner[0])} and {text(corner[1])}), what a central difference measures "
                "at the corner. The convention takes the slope of one of the pieces."
            )
    if any(f.has(kind) for kind in (sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign)) and at:
        return "entry", (
            f"{lead} is not {quoted}: which piece of {text(f)} is active{where}? "
            "Its slope there is the slope of that piece."
        )
    if prints.same(answer, 0):
        return "entry", (
            f"{lead} is not 0: {of_text(f)} changes when {text(var)} changes, so its slope is "
            "not 0."
        )
    c = prints.ratio(answer, expected)
    if c is not None and c not in (0, 1):
        return "factor", (
            f"{lead} is off by a constant factor ({quoted} is {text(_as_decimals(c))} times the "
            "right one): check the coefficient (power rule: d/dx xⁿ = n·xⁿ⁻¹)."
        )
    constants = [text(o) for o in others if o in f.free_symbols]
    rule = (
        f"treat {', '.join(constants)} as {'a constant' if len(constants) == 1 else 'constants'}"
        if constants
        else "apply the rules term by term (power rule: d/dx xⁿ = n·xⁿ⁻¹)"
    )
    return "entry", f"{lead} is not {quoted}: {rule}."


def _swap_rule(same_row: bool, same_column: bool, F, x, layout: str, f_name) -> str:
    """Why two entries of one row (or column) have their own places, in the layout's words."""
    functions = ", ".join(_name(r, F.rows, f_name) for r in range(F.rows))
    variables = ", ".join(text(v) for v in x)
    if not (same_row or same_column):
        return layout_reason(layout, F.rows, x.rows)
    axis = "column" if same_row else "row"
    if (axis == "column") == (layout == "numerator"):
        return (
            f"in {layout} layout each {axis} holds the partials with respect to one variable, in "
            f"the order {variables}"
        )
    return (
        f"in {layout} layout each {axis} holds the partials of one function, in the order "
        f"{functions}"
    )


def corner_slopes(f, var, point: dict) -> tuple[sp.Expr, sp.Expr] | None:
    """The slopes of f in ``var`` just left and just right of ``point`` when they differ (a
    corner of max, min or abs there), else None. Exact: the derivative's pieces are evaluated
    10⁻⁹ either side, where a piecewise-linear function's pieces have settled.

    >>> z = sp.Symbol("z")
    >>> corner_slopes(sp.Max(0, z), z, {z: 0}), corner_slopes(sp.Max(0, z), z, {z: 2})
    ((0, 1), None)
    """
    if var not in point or not any(f.has(k) for k in (sp.Max, sp.Min, sp.Abs, sp.Heaviside)):
        return None
    slope = jacobian(f, var)[0].subs({s: v for s, v in point.items() if s != var})
    eps = sp.Rational(1, 10**9)
    left, right = (slope.subs(var, point[var] + d) for d in (-eps, eps))
    if not (left.is_number and right.is_number) or left == right:
        return None
    return sp.nsimplify(left), sp.nsimplify(right)


def _as_decimals(expr):
    """Fractions a learner reads better as decimals, as decimals: a terminating fraction with a
    denominator over 4 (1.99 is read exactly as 199/100, 6.4 as 32/5, a ratio 199/200 is 0.995);
    1/2, 3/4 and 5/3 stay fractions.

    >>> _as_decimals(sp.Rational(199, 100) * sp.Symbol("x")), _as_decimals(sp.Rational(3, 4))
    (1.99*x, 3/4)
    """
    expr = sp.sympify(expr)

    def terminating(q: int) -> bool:
        for p in (2, 5):
            while q % p == 0:
                q //= p
        return q == 1

    swaps = {
        r: sp.Symbol(_decimal_digits(r))
        for r in expr.atoms(sp.Rational)
        if r.q > 4 and terminating(r.q)
    }
    return expr.xreplace(swaps) if swaps else expr


def _decimal_digits(r: sp.Rational) -> str:
    """The exact decimal of a terminating fraction: 199/200 -> '0.995', -1/16 -> '-0.0625'."""
    from decimal import Decimal, localcontext

    with localcontext() as context:
        context.prec = 60
        return format(Decimal(int(r.p)) / Decimal(int(r.q)), "f")


def _permutation(A: sp.Matrix, E: sp.Matrix, prints: _Fingerprints, axis: int) -> list | None:
    """p with A's row (axis 0) or column (axis 1) k equal to E's p[k], if A ≠ E; else None."""
    get = (lambda M, k: M.row(k)) if axis == 0 else (lambda M, k: M.col(k))
    size = E.rows if axis == 0 else E.cols
    if size > 6:
        return None
    for p in permutations(range(size)):
        if list(p) != list(range(size)) and all(
            prints.matrices_same(get(A, k), get(E, p[k])) for k in range(size)
        ):
            return list(p)
    return None


def _swap_message(
    kind: str,
    k: int,
    p: int,
    F: sp.Matrix,
    x: sp.Matrix,
    layout: str,
    f_name: str = "f",
    x_name: str = "x",
) -> str:
    """The message for row/column k holding what belongs in p (both 0-based)."""
    what = "Row" if kind == "row" else "Column"
    means = axis_meaning(layout)[0 if kind == "row" else 1]
    if means == "function":
        m = F.rows
        order = ", ".join(_name(i, m, f_name) for i in range(m))
        return (
            f"{what} {k + 1} is the gradient of {_name(p, m, f_name)}, not {_name(k, m, f_name)}: "
            f"in {layout} layout {kind} i holds the partials of {f_name}ᵢ, in the order {order}."
        )
    order = ", ".join(text(v) for v in x)
    return (
        f"{what} {k + 1} holds the partials with respect to {text(x[p])}, not {text(x[k])}: "
        f"in {layout} layout {kind} j is ∂/∂{x_name}ⱼ, with the variables in the order {order}."
    )


def _undifferentiated(A: sp.Matrix, F: sp.Matrix, x: sp.Matrix, prints: _Fingerprints) -> str:
    """How A repeats the functions themselves ("are the functions themselves", ...), or ""."""
    if len(A) == len(F) and all(prints.same(a, f) for a, f in zip(A, F, strict=True)):
        return "is the function itself" if len(F) == 1 else "are the functions themselves"
    for M in (A, A.T):  # each row (numerator) or column (denominator) repeats one function
        if M.shape == (F.rows, x.rows) and all(
            prints.same(M[i, j], F[i]) for i in range(M.rows) for j in range(M.cols)
        ):
            return "repeats the functions themselves"
    return ""


def diagnose(
    answer,
    expected,
    functions,
    variables,
    layout: Layout = "numerator",
    *,
    f_name: str = "f",
    x_name: str = "x",
) -> tuple:
    """The likely mistake in a gradient or Jacobian: ``(code, message)``, ``(None, ...)`` if right.

    ``answer`` and ``expected`` are sympy matrices, ``expected`` in ``layout``; ``functions`` and
    ``variables`` are those of the exercise (text or sympy), ``f_name`` and ``x_name`` their names
    in the prompt (∂g/∂x, ∂z/∂w). In numerator layout row i is the gradient of f_i and column j
    holds ∂/∂x_j; in denominator layout it is the other way round. The checks, in order: the wrong
    shape (the transpose when the entries are those of the other layout); the transpose of a
    square matrix; rows or columns in the wrong order; every wrong entry with a flipped sign; every
    entry off by one factor; one wrong entry (diagnosed by :func:`diagnose_partial`); several wrong
    entries (named). Entries are matched by their values at random points.

    >>> J = jacobian("[3x^2 y, 2x + y^8]", "x y")
    >>> diagnose(J[::-1, :], J, "[3x^2 y, 2x + y^8]", "x y")
    ('row_swap', 'Row 1 is the gradient of f₂, not f₁: in numerator layout row i holds the \
partials of fᵢ, in the order f₁, f₂.')
    """
    layout = check_layout(layout)
    F, _ = as_functions(functions)
    x, _ = as_variables(variables)
    A, E = sp.Matrix(answer), sp.Matrix(expected)
    symbols = F.free_symbols | x.free_symbols | A.free_symbols | E.free_symbols
    prints = _Fingerprints(symbols)
    other = other_layout(layout)
    reason = layout_reason(layout, F.rows, x.rows)
    transposed = f"This is the transpose: you used {other} layout. {capitalized(reason)}."

    functions_again = _undifferentiated(A, F, x, prints)
    if functions_again:
        each = "each function" if F.rows > 1 else "it"
        return "undifferentiated", (
            f"{shortened(text(A[0] if len(A) == 1 else A))} {functions_again}, not the partial "
            f"derivatives: differentiate {each} with respect to each variable. "
            f"{capitalized(reason)}."
        )
    if A.shape != E.shape:
        if A.shape == E.T.shape and prints.matrices_same(A, E.T):
            if 1 in E.shape:
                return "wrong_shape", (
                    f"Right entries, wrong shape: you typed {shape_words(A.shape)}, which is "
                    f"{other} layout; {layout} layout asks for {shape_words(E.shape)}. "
                    + ("Write a row as [a, b]." if E.rows == 1 else "Write a column as [[a], [b]].")
                )
            return "transpose", transposed
        same_entries = len(A) == len(E) and prints.matrices_same(A.reshape(*E.shape), E)
        if same_entries:
            return "wrong_shape", (
                f"Right entries, wrong shape: {layout} layout asks for {shape_words(E.shape)}, "
                f"not {shape_words(A.shape)}."
            )
        return "wrong_shape", (
            f"You typed {shape_words(A.shape)}; {reason}, so ∂{f_name}/∂{x_name} is "
            f"{shape_text(E.shape)}."
        )

    wrong = [
        (i, j) for i in range(E.rows) for j in range(E.cols) if not prints.same(A[i, j], E[i, j])
    ]
    if not wrong:
        return None, "Every entry agrees."
    if E.rows == E.cols > 1 and prints.matrices_same(A, E.T):
        return "transpose", transposed
    for axis, kind in ((0, "row"), (1, "column")):
        p = _permutation(A, E, prints, axis)
        if p is not None:
            k = next(k for k in range(len(p)) if p[k] != k)
            return f"{kind}_swap", _swap_message(kind, k, p[k], F, x, layout, f_name, x_name)

    def where(i: int, j: int) -> str:
        fi, xj = (i, j) if layout == "numerator" else (j, i)
        return f"{_partial_name(_name(fi, F.rows, f_name), x[xj])} (row {i + 1}, column {j + 1})"

    if len(wrong) == 2:
        (i, j), (k, m) = wrong
        if prints.same(A[i, j], E[k, m]) and prints.same(A[k, m], E[i, j]):
            rule = _swap_rule(i == k, j == m, F, x, layout, f_name)
            return "entries_swapped", f"{where(i, j)} and {where(k, m)} are swapped: {rule}."
    if all(E[i, j] != 0 and prints.same(A[i, j], -E[i, j]) for i, j in wrong):
        return "sign", f"Check the sign of {', '.join(where(i, j) for i, j in wrong)}."
    if len(wrong) > 1:
        ratios = {prints.ratio(A[i, j], E[i, j]) for i, j in wrong}
        zeros_ok = all(E[i, j] != 0 for i, j in wrong)
        if zeros_ok and len(ratios) == 1 and None not in ratios and len(wrong) == len(E):
            (c,) = ratios
            return (
                "factor",
                f"Every entry is {text(_as_decimals(c))} times the right one: check the "
                "coefficients.",
            )
    if len(wrong) == 1:
        i, j = wrong[0]
        fi, xj = (i, j) if layout == "numerator" else (j, i)
        code, message = diagnose_partial(A[i, j], F[fi], x[xj], list(x))
        if message[:1].isupper() and message[1:2].islower():
            message = message[0].lower() + message[1:]
        name = _partial_name(_name(fi, F.rows, f_name), x[xj])
        return code, f"Row {i + 1}, column {j + 1} ({name}): {message}"
    listed = "; ".join(where(i, j) for i, j in wrong[:3])
    if len(wrong) > 3:
        listed += f"; and {len(wrong) - 3} more"
    return "entries", f"{len(wrong)} entries are not right yet: {listed}. {capitalized(reason)}."
