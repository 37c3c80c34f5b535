"""Exercises with instant, diagnosing feedback: the learner types an answer, mathkit says why.

An :class:`Exercise` asks for one of four kinds of answer:

``"expression"``  one partial derivative (or its value at a point), e.g. ``3x^2``
``"matrix"``      a gradient or a Jacobian in a named layout: ``[6x y, 3x^2]``, ``[[...], [...]]``
``"shape"``       the shape of ∂f/∂x in a named layout, e.g. ``1x3``
``"case"``        which of the four shape cases ∂f/∂x is, ``1`` to ``4``

The expected answer is never typed twice: it is derived from the exercise's function and
variables by :func:`mathkit.jacobian` and :func:`mathkit.shape_case`, in the layout the prompt
names. Numerator layout (the paper's): ``J[i, j] = ∂f_i/∂x_j``, m × n, row i is the gradient of
f_i; denominator layout is the transpose, n × m. A flat list ``[a, b]`` is read as a row, as the
paper writes ∇f = [a, b] and a column as [a, b]ᵀ; type a column as ``[[a], [b]]``. Products of
variables need a sign or a space (``6x*y``, ``6x y``): ``6xy`` gets the parser's own hint.

:func:`check` reads the answer with the same safe parser as everything else (:mod:`mathkit.parse`),
then compares entry by entry with :func:`equivalent` (symbolic, with a numeric fallback; never the
strings). A wrong answer gets a diagnosis (:func:`diagnose`): the transpose (the other layout),
swapped rows or columns, right entries in the wrong shape, a sign, a constant factor, the partial
with respect to the wrong variable, ... The feedback names the entry, the function and the variable
and gives the rule to apply, but does not give the right entry away: the "show solution" control
does that when the learner asks for it, so a second try stays the learner's own work.

>>> ex = exercise("gradients.3x2y_dy")
>>> check(ex, "3x^2").correct
True
>>> print(check(ex, "6x y"))
✗ Not yet. ∂/∂y of 3x²y is not 6xy: that is ∂/∂x. Treat x as a constant and differentiate in y.
>>> print(check(exercise("jacobian.paper"), "[[6x y, 2], [3x^2, 8y^7]]").message)
This is the transpose: you used denominator layout. Numerator layout has one row per function \
(m = 2) and one column per variable (n = 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import sympy as sp

from .calculus import Layout, as_functions, as_variables, check_layout, jacobian
from .diagnose import (
    Feedback,
    axis_meaning,
    capitalized,
    diagnose,
    diagnose_partial,
    equivalent,
    layout_reason,
    of_text,
    shape_words,
    text,
)
from .examples import example as catalog_example
from .parse import ParseError, parse, parse_matrix, parse_shape, symbol
from .render import Formula, layout_note, shape_text, show_jacobian
from .shapes import shape_case

Kind = Literal["expression", "matrix", "shape", "case"]
KINDS: tuple[str, ...] = ("expression", "matrix", "shape", "case")


# ---------------------------------------------------------------------------------------------
# Exercises


@dataclass(frozen=True)
class Exercise:
    """One exercise: a prompt and everything needed to derive, check and explain its answer.

    ``functions`` and ``variables`` are learner text (from :mod:`mathkit.examples` when ``example``
    names a catalog entry). ``wrt`` is the variable of the partial derivative for an "expression"
    exercise and ``at`` an optional point to evaluate it at. ``prompt`` and ``hint`` are text with
    LaTeX, ``**bold**`` and ```code```; the prompt names the layout.
    """

    key: str
    kind: Kind
    title: str
    prompt: str
    functions: str
    variables: str
    layout: Layout = "numerator"
    hint: str = ""
    wrt: str | None = None
    at: tuple[tuple[str, float], ...] = ()
    example: str | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        check_layout(self.layout)
        if (self.kind == "expression") != (self.wrt is not None):
            raise ValueError("an expression exercise names wrt (and only an expression exercise)")

    @property
    def notebook(self) -> str:
        """The notebook prefix of the key: ``"gradients"`` for ``"gradients.3x2y"``."""
        return self.key.split(".", 1)[0]

    @cached_property
    def F(self) -> sp.Matrix:
        """The function(s) as an m × 1 column."""
        return as_functions(self.functions)[0]

    @cached_property
    def x(self) -> sp.Matrix:
        """The variables as an n × 1 column."""
        return as_variables(self.variables)[0]

    @cached_property
    def point(self) -> dict:
        """``at`` as ``{symbol: exact number}``."""
        return {symbol(k): sp.nsimplify(v) for k, v in self.at}

    @cached_property
    def wrt_symbol(self) -> sp.Symbol | None:
        """The variable of the partial derivative (expression exercises), else None."""
        if self.wrt is None:
            return None
        return symbol(self.wrt)

    @cached_property
    def expected(self):
        """The right answer, derived by mathkit: an expression, a Matrix in ``layout``, a shape
        ``(rows, cols)`` in ``layout``, or a case number."""
        if self.kind == "expression":
            return jacobian(self.F[0], self.wrt_symbol)[0].subs(self.point)
        if self.kind == "matrix":
            return jacobian(self.F, self.x, self.layout)
        case = shape_case(self.functions, self.variables)
        return case.jacobian_shape(self.layout) if self.kind == "shape" else case.number

    @property
    def allowed_symbols(self) -> set:
        """The names an answer may use: those of the function(s) and the variables."""
        return set(self.F.free_symbols) | set(self.x)

    @property
    def solution(self) -> Formula:
        """The right answer as a :class:`mathkit.render.Formula`, with layout and shape named."""
        if self.kind == "matrix":
            return show_jacobian(self.functions, self.variables, self.layout)
        if self.kind == "expression":
            f, v = self.F[0], self.wrt_symbol
            lhs = rf"\frac{{\partial}}{{\partial {sp.latex(v)}}}\left({sp.latex(f)}\right)"
            lhs_text = f"∂/∂{text(v)} of {of_text(f)}"
            if self.point:
                at = ", ".join(f"{sp.latex(s)} = {sp.latex(val)}" for s, val in self.point.items())
                lhs = rf"\left.{lhs}\right|_{{{at}}}"
                where = ", ".join(f"{text(s)} = {text(val)}" for s, val in self.point.items())
                lhs_text += f" at {where}"
            e = self.expected
            return Formula(f"{lhs} = {sp.latex(e)}", f"{lhs_text} is {text(e)}")
        case = shape_case(self.functions, self.variables)
        if self.kind == "shape":
            shape = case.jacobian_shape(self.layout)
            return Formula(
                rf"\frac{{\partial f}}{{\partial x}}: {layout_note(shape, self.layout)}",
                f"∂f/∂x is {shape_text(shape)} in {self.layout} layout "
                f"(m = {case.m} function{'s' if case.m > 1 else ''}, "
                f"n = {case.n} variable{'s' if case.n > 1 else ''})",
            )
        return Formula(
            rf"\text{{Case {case.number}: a {case.name}}}", f"Case {case.number}: a {case.name}"
        )

    @property
    def explanation(self) -> str:
        """Why the solution is right, in a sentence or two (plain text)."""
        case = shape_case(self.functions, self.variables)
        if self.kind in ("shape", "case"):
            return case.explanation
        if self.kind == "matrix":
            along = "Row" if self.layout == "numerator" else "Column"
            rows = f" {along} i is the gradient of fᵢ." if case.m > 1 else ""
            reason = capitalized(layout_reason(self.F, self.x, self.layout))
            return f"{reason}: {shape_text(self.expected.shape)}.{rows}"
        f, v = self.F[0], self.wrt_symbol
        others = [text(s) for s in self.x if s != v and s in f.free_symbols]
        held = f" holding {', '.join(others)} constant" if others else ""
        out = f"Differentiate {of_text(f)} with respect to {text(v)}{held}"
        if not self.point:
            return out + "."
        where = ", ".join(f"{text(s)} = {text(val)}" for s, val in self.point.items())
        out += f", then put in {where}."
        if isinstance(f, sp.Max) and sp.S.Zero in f.args:
            u = text(next(a for a in f.args if a != 0))
            out += (
                f" max(0, {u}) is the constant 0 where {u} < 0 (slope 0) and {u} itself where "
                f"{u} > 0 (slope 1); at {u} = 0 the paper takes the slope 0."
            )
        return out

    @property
    def answer_text(self) -> str:
        """The right answer as a learner could type it (the solution shows it, to copy)."""
        e = self.expected
        if self.kind == "matrix":
            rows = [", ".join(_typed(v) for v in e.row(i)) for i in range(e.rows)]
            return "[" + ", ".join(f"[{r}]" for r in rows) + "]"
        if self.kind == "shape":
            return f"{e[0]}x{e[1]}"
        return _typed(e) if self.kind == "expression" else str(e)

    @property
    def placeholder(self) -> str:
        """An example of the answer format that does not give the answer (or its shape) away."""
        return {
            "expression": "e.g. 3*x^2*y",
            "matrix": "e.g. [a, b] for a row, [[a, b], [c, d]] for a matrix",
            "shape": "e.g. 2x3",
            "case": "1, 2, 3 or 4",
        }[self.kind]


def _typed(expr) -> str:
    return sp.sstr(expr).replace("**", "^")


# ---------------------------------------------------------------------------------------------
# Checking an answer


def _read(ex: Exercise, raw: str):
    """The answer as sympy, read by :func:`mathkit.parse.parse` (any one-letter names)."""
    return parse(raw)


def _read_matrix(ex: Exercise, raw: str) -> sp.Matrix:
    """The answer as a Matrix: ``[[a, b], [c, d]]`` as typed, a flat ``[a, b]`` as a row (the
    paper writes a column as ``[a, b]ᵀ``), and a single expression as 1 × 1."""
    M = parse_matrix(raw)
    if M.cols == 1 and M.rows > 1:
        try:
            parse(raw)  # succeeds for a flat list, refuses a list of lists
        except ParseError:
            return M
        return M.T
    return M


def _read_case(raw: str) -> int:
    m = re.fullmatch(r"\s*(?:case\s*)?([1-4])\s*\.?\s*", raw, flags=re.IGNORECASE)
    if not m:
        raise ParseError("type the case number: 1, 2, 3 or 4")
    return int(m.group(1))


def _unknown(ex: Exercise, value) -> Feedback | None:
    names = (
        sp.sympify(value, strict=True).free_symbols
        if not isinstance(value, sp.MatrixBase)
        else value.free_symbols
    )
    unknown = sorted(names - ex.allowed_symbols, key=sp.default_sort_key)
    if not unknown:
        return None
    known = ", ".join(text(s) for s in sorted(ex.allowed_symbols, key=sp.default_sort_key))
    which = ", ".join(text(s) for s in unknown)
    verb = "is" if len(unknown) == 1 else "are"
    message = f"{which} {verb} not in this exercise: the names here are {known}."
    return Feedback(False, message, "unknown_variable", sp.latex(value))


def check(ex: Exercise | str, answer: str) -> Feedback:
    """Check a typed answer to an exercise (an :class:`Exercise` or its key).

    The answer is read by :mod:`mathkit.parse` (never ``eval``); a text that cannot be read gives
    ``Feedback(correct=False, mistake="parse_error", message=<the parser's message>)``, never an
    exception. Expressions and matrix entries are compared with :func:`equivalent`; a matrix must
    also have the shape of the exercise's layout. Shapes are compared as (rows, cols).

    >>> check("gradients.3x2y", "[6*x*y, 3*x^2]").correct
    True
    >>> check("gradients.3x2y", "[6x y, 3x^2").mistake
    'parse_error'
    >>> print(check("shapes.circle_denominator", "2x1").message)
    2 × 1 is the shape in numerator layout (the transpose): this question asks for denominator \
layout, one row per variable and one column per function.
    """
    ex = exercise(ex) if isinstance(ex, str) else ex
    raw = answer if isinstance(answer, str) else str(answer)
    if not raw.strip():
        return Feedback(False, f"Type an answer first ({ex.placeholder}).", "empty")
    try:
        if ex.kind == "shape":
            return _check_shape(ex, parse_shape(raw))
        if ex.kind == "case":
            return _check_case(ex, _read_case(raw))
        value = _read_matrix(ex, raw) if ex.kind == "matrix" else _read(ex, raw)
    except ParseError as error:
        return Feedback(False, capitalized(str(error)), "parse_error")
    unknown = _unknown(ex, value)
    if unknown:
        return unknown
    understood = sp.latex(value)
    if ex.kind == "matrix":
        return _check_matrix(ex, value, understood)
    return _check_expression(ex, value, understood)


def _check_expression(ex: Exercise, value, understood: str) -> Feedback:
    if isinstance(value, sp.MatrixBase):
        if value.shape != (1, 1):
            return Feedback(
                False,
                f"One expression is asked for here, not {shape_words(value.shape)}.",
                "wrong_shape",
                understood,
            )
        value = value[0]
    value = sp.sympify(value, strict=True).subs(ex.point)
    if equivalent(value, ex.expected, ex.variables):
        return Feedback(True, f"{ex.solution.text}.", None, understood)
    code, message = diagnose_partial(value, ex.F[0], ex.wrt_symbol, list(ex.x), ex.point)
    return Feedback(False, message, code, understood)


def _check_matrix(ex: Exercise, value: sp.Matrix, understood: str) -> Feedback:
    E = ex.expected
    if value.shape == E.shape and all(
        equivalent(a, e, ex.variables) for a, e in zip(value, E, strict=True)
    ):
        message = f"∂f/∂x = {text(E)}, {shape_words(E.shape)} in {ex.layout} layout."
        return Feedback(True, message, None, understood)
    code, message = diagnose(value, E, ex.F, ex.x, ex.layout)
    if code is None:  # the numbers agree but simplify and the points could not confirm it
        code, message = "entries", "Mathkit could not confirm every entry: try a simpler form."
    return Feedback(False, message, code, understood)


def _check_shape(ex: Exercise, shape: tuple[int, int]) -> Feedback:
    E = ex.expected
    typed = shape_text(shape)
    understood = rf"{shape[0]} \times {shape[1]}"
    if tuple(shape) == E:
        reason = layout_reason(ex.F, ex.x, ex.layout)
        return Feedback(True, f"{typed}: {reason}.", None, understood)
    other = "denominator" if ex.layout == "numerator" else "numerator"
    rows, cols = axis_meaning(ex.layout)
    per = f"one row per {rows[:-1]} and one column per {cols[:-1]}"
    if tuple(shape) == (E[1], E[0]):
        return Feedback(
            False,
            f"{typed} is the shape in {other} layout (the transpose): this question asks for "
            f"{ex.layout} layout, {per}.",
            "transpose",
            understood,
        )
    if shape[0] == E[0]:
        detail = f"the number of rows is right; count the columns again: one per {cols[:-1]}"
    elif shape[1] == E[1]:
        detail = f"the number of columns is right; count the rows again: one per {rows[:-1]}"
    else:
        detail = f"{ex.layout} layout has {per}: count the functions (m) and the variables (n)"
    return Feedback(False, f"Not {typed}: {detail}.", "wrong_shape", understood)


def _check_case(ex: Exercise, number: int) -> Feedback:
    case = shape_case(ex.functions, ex.variables)
    understood = str(number)
    if number == case.number:
        return Feedback(True, f"Case {number}: a {case.name}.", None, understood)
    f_kind = "vector" if number >= 3 else "scalar"
    x_kind = "vector" if number in (2, 4) else "scalar"
    claims, counts = [], []
    if f_kind != case.f_kind:
        claims.append(f"f a {f_kind}")
        counts.append("f's outputs")
    if x_kind != case.x_kind:
        claims.append(f"x a {x_kind}")
        counts.append("the variables")
    message = (
        f"Case {number} would make {' and '.join(claims)}: count {' and '.join(counts)} again."
    )
    return Feedback(False, message, "case", understood)


# ---------------------------------------------------------------------------------------------
# The catalog, one group per notebook

_AFFINE = catalog_example("affine").functions
_RELU = catalog_example("relu").functions
_NUMERATOR = "**numerator layout** (the paper's: one row per function)"
_DENOMINATOR = "**denominator layout** (the transpose: one row per variable)"


def _from_example(key: str, example: str, kind: Kind, title: str, prompt: str, **kw) -> Exercise:
    """An exercise on a function from :mod:`mathkit.examples` (its functions and variables)."""
    e = catalog_example(example)
    return Exercise(key, kind, title, prompt, e.functions, e.variables, example=example, **kw)


EXERCISES: tuple[Exercise, ...] = (
    # 1. The affine neuron
    Exercise(
        "neuron.dz_db",
        "expression",
        "∂z/∂b for the affine neuron",
        r"A neuron with $n = 3$ inputs computes $z(\mathbf{x}) = \mathbf{w}\cdot\mathbf{x} + b"
        r" = w_1x_1 + w_2x_2 + w_3x_3 + b$. What is $\dfrac{\partial z}{\partial b}$?"
        " (A single number or expression: no layout to choose.)",
        _AFFINE,
        "w1 w2 w3 b",
        hint="When only b changes, every $w_ix_i$ term is a constant.",
        wrt="b",
    ),
    Exercise(
        "neuron.dz_dw2",
        "expression",
        "∂z/∂w₂ for the affine neuron",
        r"For the same $z = w_1x_1 + w_2x_2 + w_3x_3 + b$, what is "
        r"$\dfrac{\partial z}{\partial w_2}$? Type names as `x1` or `w3`.",
        _AFFINE,
        "w1 w2 w3 b",
        hint=r"Only one term contains $w_2$; the inputs $x_i$ are constants here.",
        wrt="w2",
    ),
    Exercise(
        "neuron.grad_w_shape",
        "shape",
        "The shape of ∂z/∂w",
        r"$z = \mathbf{w}\cdot\mathbf{x} + b$ is a scalar and $\mathbf{w} = [w_1, w_2, w_3]^T$. "
        rf"What is the shape of $\dfrac{{\partial z}}{{\partial \mathbf{{w}}}}$ in {_NUMERATOR}? "
        "Type it like `2x3` (rows x columns).",
        _AFFINE,
        "w1 w2 w3",
        hint="Numerator layout: one row per function (z is one function), one column per variable.",
    ),
    Exercise(
        "neuron.relu_at_minus1",
        "expression",
        "ReLU's slope at z = −1",
        r"The activation is $\mathrm{ReLU}(z) = \max(0, z)$. What is its derivative "
        r"$\dfrac{d}{dz}\max(0, z)$ at $z = -1$?",
        _RELU,
        "z",
        hint="For z < 0, max(0, z) is the constant 0.",
        wrt="z",
        at=(("z", -1),),
    ),
    Exercise(
        "neuron.relu_at_2",
        "expression",
        "ReLU's slope at z = 2",
        r"What is the derivative of $\max(0, z)$ at $z = 2$?",
        _RELU,
        "z",
        hint="For z > 0, max(0, z) is z itself.",
        wrt="z",
        at=(("z", 2),),
    ),
    # 2. Gradients
    _from_example(
        "gradients.3x2y_dy",
        "paper_gradient",
        "expression",
        "∂/∂y of 3x²y",
        r"$f(x, y) = 3x^2y$. What is the partial derivative $\dfrac{\partial f}{\partial y}$?",
        hint=r"Treat $x$ as a constant: $3x^2$ is just a coefficient of $y$.",
        wrt="y",
    ),
    _from_example(
        "gradients.3x2y",
        "paper_gradient",
        "matrix",
        "∇ of 3x²y",
        r"$f(x, y) = 3x^2y$. Type its gradient $\nabla f = \left[\dfrac{\partial f}{\partial x},"
        r" \dfrac{\partial f}{\partial y}\right]$ as a row, in "
        rf"{_NUMERATOR}: `[a, b]`.",
        hint=r"One partial at a time: for $\partial f/\partial x$ hold $y$ constant, and "
        "vice versa.",
    ),
    _from_example(
        "gradients.10x2y2",
        "bowl",
        "matrix",
        "∇ of 10x²y²",
        rf"$f(x, y) = 10x^2y^2$. Type $\nabla f$ as a row, in {_NUMERATOR}.",
        hint=r"$\partial/\partial x$ of $x^2$ is $2x$; $10y^2$ is a constant when $x$ varies.",
    ),
    _from_example(
        "gradients.g",
        "paper_g",
        "matrix",
        "∇ of 2x + y⁸",
        rf"$g(x, y) = 2x + y^8$. Type $\nabla g$ as a row, in {_NUMERATOR}.",
        hint=r"Each term depends on one variable only; the other term's slope is 0.",
    ),
    # 3. The Jacobian
    _from_example(
        "jacobian.paper",
        "paper_jacobian",
        "matrix",
        "The Jacobian of [3x²y, 2x + y⁸]",
        r"$\mathbf{f}(x, y) = [f_1, f_2] = [3x^2y,\ 2x + y^8]$. Type its Jacobian "
        rf"$J = \dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {_NUMERATOR}, "
        "as `[[a, b], [c, d]]`.",
        hint=r"Row $i$ is the gradient of $f_i$: stack $\nabla f_1$ on top of $\nabla f_2$.",
    ),
    _from_example(
        "jacobian.paper_denominator",
        "paper_jacobian",
        "matrix",
        "The same Jacobian, denominator layout",
        r"The same $\mathbf{f} = [3x^2y,\ 2x + y^8]$: type "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {_DENOMINATOR}.",
        layout="denominator",
        hint="Denominator layout is the transpose: column i is the gradient of fᵢ.",
    ),
    _from_example(
        "jacobian.warp",
        "warp",
        "matrix",
        "The Jacobian of [x + sin y, y + sin x]",
        r"$\mathbf{f}(x, y) = [x + \sin y,\ y + \sin x]$. Type its Jacobian in " + _NUMERATOR + ".",
        hint=r"Row 1 is $\nabla f_1 = [\partial f_1/\partial x, \partial f_1/\partial y]$; "
        r"$\frac{d}{dy}\sin y = \cos y$.",
    ),
    # 4. Generalizing the Jacobian
    _from_example(
        "generalized.identity",
        "identity",
        "matrix",
        "The Jacobian of the identity",
        r"$\mathbf{y} = \mathbf{f}(\mathbf{x}) = \mathbf{x}$ with $\mathbf{x} = [x_1, x_2, x_3]^T$"
        r" ($m = n = 3$), so $f_i(\mathbf{x}) = x_i$. Type "
        rf"$\dfrac{{\partial \mathbf{{y}}}}{{\partial \mathbf{{x}}}}$ in {_NUMERATOR}.",
        hint=r"$\partial x_i/\partial x_j$ is 1 when $i = j$ and 0 otherwise.",
    ),
    _from_example(
        "generalized.three_by_three",
        "three_by_three",
        "matrix",
        "A 3 × 3 Jacobian",
        r"$\mathbf{f}(\mathbf{x}) = [x_1^2,\ x_1x_2x_3,\ \sin x_3]$ with "
        r"$\mathbf{x} = [x_1, x_2, x_3]^T$. Type its Jacobian in " + _NUMERATOR + ".",
        hint=r"Row 2 is $\nabla(x_1x_2x_3)$: each partial is the product of the other two.",
    ),
    _from_example(
        "generalized.circle_shape",
        "circle",
        "shape",
        "The shape of ∂f/∂t for f(t) = [cos t, sin t]",
        r"$\mathbf{f}(t) = [\cos t,\ \sin t]$: $m = 2$ functions of one variable $t$. What is "
        rf"the shape of $\dfrac{{\partial \mathbf{{f}}}}{{\partial t}}$ in {_NUMERATOR}? "
        "Type it like `2x3`.",
        hint="In numerator layout the Jacobian is m × n: m functions, n variables.",
    ),
    # 5. The four shape cases
    _from_example(
        "shapes.gradient_denominator",
        "paper_gradient",
        "shape",
        "The shape of ∇f in denominator layout",
        r"$f(x, y) = 3x^2y$ is a scalar function of $\mathbf{x} = [x, y]^T$. What is the shape of "
        rf"$\dfrac{{\partial f}}{{\partial \mathbf{{x}}}}$ in {_DENOMINATOR}?",
        layout="denominator",
        hint="Denominator layout turns the gradient row into a column.",
    ),
    _from_example(
        "shapes.circle_denominator",
        "circle",
        "shape",
        "The shape of ∂f/∂t in denominator layout",
        r"$\mathbf{f}(t) = [\cos t,\ \sin t]$. What is the shape of "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial t}}$ in {_DENOMINATOR}?",
        layout="denominator",
        hint="Denominator layout: one row per variable, one column per function.",
    ),
    _from_example(
        "shapes.case_circle",
        "circle",
        "case",
        "Which case is f(t) = [cos t, sin t]?",
        r"Which of the four cases is $\dfrac{\partial \mathbf{f}}{\partial t}$ for "
        r"$\mathbf{f}(t) = [\cos t,\ \sin t]$? 1: scalar $f$, scalar $x$; 2: scalar $f$, vector "
        r"$\mathbf{x}$; 3: vector $\mathbf{f}$, scalar $x$; 4: vector $\mathbf{f}$, vector "
        r"$\mathbf{x}$. (The case does not depend on the layout.)",
        hint="Is f one number or several? Is t one number or several?",
    ),
    _from_example(
        "shapes.case_neuron",
        "neuron",
        "case",
        "Which case is the neuron's activation?",
        r"Which case is $\dfrac{\partial\, \mathrm{activation}}{\partial \mathbf{w}}$ for "
        r"$\mathrm{activation} = \max(0, w_1x_1 + w_2x_2 + b)$, differentiated with respect to "
        r"$[w_1, w_2, b]$? Answer 1, 2, 3 or 4 (1: scalar/scalar, 2: scalar of a vector, "
        "3: vector of a scalar, 4: vector of a vector).",
        hint="The activation is one number; the variables are three.",
    ),
    # 6. Summary and self-test
    _from_example(
        "summary.bowl_dy",
        "bowl",
        "expression",
        "∂/∂y of 10x²y²",
        r"$f(x, y) = 10x^2y^2$. What is $\dfrac{\partial f}{\partial y}$?",
        hint=r"Hold $x$ constant: $10x^2$ is a coefficient.",
        wrt="y",
    ),
    _from_example(
        "summary.warp_denominator",
        "warp",
        "matrix",
        "A Jacobian in denominator layout",
        r"$\mathbf{f}(x, y) = [x + \sin y,\ y + \sin x]$. Type "
        rf"$\dfrac{{\partial \mathbf{{f}}}}{{\partial \mathbf{{x}}}}$ in {_DENOMINATOR}.",
        layout="denominator",
        hint="Find the numerator-layout Jacobian first, then transpose it.",
    ),
    _from_example(
        "summary.neuron_shape",
        "neuron",
        "shape",
        "The shape of the neuron's gradient, denominator layout",
        r"$\mathrm{activation} = \max(0, w_1x_1 + w_2x_2 + b)$, differentiated with respect to "
        rf"$[w_1, w_2, b]^T$. What is the shape of the gradient in {_DENOMINATOR}?",
        layout="denominator",
        hint="A scalar function of 3 variables; denominator layout makes the gradient a column.",
    ),
    _from_example(
        "summary.case_jacobian",
        "paper_jacobian",
        "case",
        "Which case is f(x, y) = [3x²y, 2x + y⁸]?",
        r"Which of the four cases (1 to 4) is $\dfrac{\partial \mathbf{f}}{\partial \mathbf{x}}$ "
        r"for $\mathbf{f}(x, y) = [3x^2y,\ 2x + y^8]$?",
        hint="Count f's outputs and the variables: one or several?",
    ),
)

_BY_KEY = {e.key: e for e in EXERCISES}


def exercise(key: str) -> Exercise:
    """The exercise named ``key``; a KeyError lists the names.

    >>> exercise("jacobian.paper").expected.tolist()
    [[6*x*y, 3*x**2], [2, 8*y**7]]
    """
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no exercise {key!r}; try one of: {', '.join(_BY_KEY)}") from None


def exercises_for(notebook: str) -> tuple[Exercise, ...]:
    """The exercises of one notebook, in order: those whose key starts with ``notebook + "."``.

    >>> [e.key for e in exercises_for("jacobian")]
    ['jacobian.paper', 'jacobian.paper_denominator', 'jacobian.warp']
    """
    found = tuple(e for e in EXERCISES if e.notebook == notebook)
    if not found:
        notebooks = sorted({e.notebook for e in EXERCISES})
        raise KeyError(f"no exercises for {notebook!r}; try one of: {', '.join(notebooks)}")
    return found
