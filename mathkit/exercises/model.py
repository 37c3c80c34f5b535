"""The model of one exercise, and checking an answer to it.

An :class:`Exercise` holds a prompt and what is needed to derive its answer: the function(s), the
variables, the layout the prompt names, and (for one partial derivative) the variable ``wrt`` and
a point ``at``. Its ``kind`` names an answer kind (:mod:`mathkit.exercises.kinds`), one class that
reads, derives, judges, explains and shows the solution; the exercise delegates to it.

>>> ex = Exercise(key="demo.g", kind="matrix", title="∇g", prompt="Type ∇g.",
...               functions="2*x + y^8", variables="x y", f_name="g")
>>> ex.expected
Matrix([[2, 8*y**7]])
>>> check(ex, "[2, 8y^7]").correct, check(ex, "[2, -8y^7]").mistake
(True, 'sign')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import sympy as sp

from ..calculus import Layout, as_functions, as_variables, check_layout
from ..examples import example as catalog_example
from ..mistakes import Feedback
from ..parse import ParseError, reading, symbol
from ..render import Formula
from ..shapes import ShapeCase, shape_case
from ..text import capitalized, shortened, text
from .kinds import AnswerKind, answer_kind
from .kinds.base import names


@dataclass(frozen=True, kw_only=True)
class Exercise:
    """One exercise: a prompt and everything needed to derive, check and explain its answer.

    ``functions`` and ``variables`` are learner text; with ``example`` naming an entry of
    :mod:`mathkit.examples` they default to that entry's. ``wrt`` is the variable of the partial
    derivative (expression kinds) and ``at`` an optional point to evaluate it at. ``prompt`` and
    ``hint`` are text with LaTeX, ``**bold**`` and ```code```; the prompt names the layout.
    ``f_name`` and ``x_name`` are the names the prompt gives the function and the variables (``z``
    and ``w`` for ∂z/∂w), used in the feedback. ``steps`` writes ``functions`` as a composition
    for the chain-rule kinds: ``(name, formula)`` pairs, the last the output, as
    :func:`mathkit.chain` takes them (vector notation allowed; vectors are the exercise's).
    """

    key: str
    kind: str
    title: str
    prompt: str
    functions: str = ""
    variables: str = ""
    layout: Layout = "numerator"
    hint: str = ""
    wrt: str | None = None
    at: tuple[tuple[str, float], ...] = ()
    example: str | None = None
    f_name: str = "f"
    x_name: str = ""
    steps: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        if self.example is not None:
            e = catalog_example(self.example)
            object.__setattr__(self, "functions", self.functions or e.functions)
            object.__setattr__(self, "variables", self.variables or e.variables)
        if not self.functions or not self.variables:
            raise ValueError("an exercise needs functions and variables (or an example)")
        check_layout(self.layout)
        self.answer_kind.validate(self)

    @property
    def answer_kind(self) -> AnswerKind:
        """The object that reads, judges and explains this exercise's kind of answer."""
        return answer_kind(self.kind)

    @property
    def x_label(self) -> str:
        """The name of the variables in feedback: ``x_name``, else x for a vector of variables and
        the variable itself (t, z) for a single one."""
        if self.x_name:
            return self.x_name
        return "x" if self.shape_case.x_kind == "vector" else text(self.x[0])

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
    def shape_case(self) -> ShapeCase:
        """Which of the four shape cases ∂f/∂x is, with m and n."""
        return shape_case(self.functions, self.variables)

    @cached_property
    def point(self) -> dict:
        """``at`` as ``{symbol: exact number}``."""
        return {symbol(k): sp.nsimplify(v) for k, v in self.at}

    @cached_property
    def wrt_symbol(self) -> sp.Symbol | None:
        """The variable of the partial derivative (expression exercises), else None."""
        return None if self.wrt is None else symbol(self.wrt)

    @cached_property
    def expected(self):
        """The right answer, derived by mathkit (never typed): an expression, a Matrix in
        ``layout``, a shape ``(rows, cols)`` in ``layout``, or a case number."""
        return self.answer_kind.expected(self)

    @property
    def allowed_symbols(self) -> set:
        """The names an answer may use: those of the function(s) and the variables."""
        return set(self.F.free_symbols) | set(self.x)

    @property
    def solution(self) -> Formula:
        """The right answer as a :class:`mathkit.render.Formula`, with layout and shape named."""
        return self.answer_kind.solution(self)

    @property
    def explanation(self) -> str:
        """Why the solution is right, in a sentence or two (plain text)."""
        return self.answer_kind.explanation(self)

    @property
    def answer_text(self) -> str:
        """The right answer as a learner could type it (the solution shows it, to copy)."""
        return self.answer_kind.answer_text(self)

    @property
    def placeholder(self) -> str:
        """An example of the answer format that does not give the answer (or its shape) away."""
        return self.answer_kind.placeholder


def check(ex: Exercise, answer: str) -> Feedback:
    """Check a typed answer to an exercise: read it with its kind, then judge it.

    The answer is read by :mod:`mathkit.parse` (never ``eval``); a text that cannot be read gives
    ``Feedback(correct=False, mistake="parse_error", message=<the parser's message>)``, never an
    exception.
    """
    raw = answer if isinstance(answer, str) else str(answer)
    if not raw.strip():
        return Feedback(False, f"Type an answer first ({ex.placeholder}).", "empty")
    kind = ex.answer_kind
    try:
        value = kind.read(ex, raw)
    except ParseError as error:
        return Feedback(False, capitalized(str(error)), "parse_error")
    feedback = kind.judge(ex, value)
    read_as = _read_as(ex, raw) if kind.reads_formulas else None
    if read_as is None:
        return feedback
    message = f"{feedback.message} (Read as `{shortened(read_as, 80)}`.)"
    return replace(feedback, message=message, reading=read_as)


def _read_as(ex: Exercise, raw: str) -> str | None:
    """How the answer was read when a run of letters was read as a product of the exercise's
    one-letter names (``6xy`` as ``6·x·y``), else None."""
    try:
        return reading(raw, names(ex))
    except ParseError:  # read without the names (it uses another one): nothing was split
        return None
