"""What every answer kind does, and the registry of kinds by name.

An answer kind is one class that knows, for an :class:`~mathkit.exercises.model.Exercise`, how to
``read`` a typed answer, derive the ``expected`` one, ``judge`` an answer against it, ``explain``
the rule, and show the ``solution`` and the ``answer_text`` a learner could type. A subclass that
sets ``name`` registers itself in :data:`KINDS`; a new kind is a new module in this package (the
package imports every module in it), and nothing else changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import sympy as sp

from ...mistakes import MISTAKES, Feedback
from ...parse import ParseError, parse
from ...render import Formula
from ...text import text

if TYPE_CHECKING:
    from ..model import Exercise

#: Every answer kind, by name ("expression", "matrix", ...).
KINDS: dict[str, AnswerKind] = {}


class AnswerKind:
    """One kind of answer. Subclasses set ``name`` and ``placeholder`` and define the methods."""

    name: ClassVar[str]
    #: An example of the answer format that does not give the answer (or its shape) away.
    placeholder: ClassVar[str]
    #: Whether an exercise of this kind names the variable of one partial derivative (``wrt``).
    needs_wrt: ClassVar[bool] = False
    #: Whether answers are formulas (read with the exercise's names; ``6xy`` echoed as read).
    reads_formulas: ClassVar[bool] = False
    #: Mistake codes this kind adds to :data:`mathkit.mistakes.MISTAKES`, with what each means.
    mistakes: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "name" in cls.__dict__:
            KINDS[cls.name] = cls()
            MISTAKES.update(cls.__dict__.get("mistakes", {}))

    def validate(self, ex: Exercise) -> None:
        """Raise ValueError if the exercise's fields do not fit this kind."""
        if (ex.wrt is not None) != self.needs_wrt:
            raise ValueError(
                "an expression exercise names wrt (and only an expression exercise)"
                if not self.needs_wrt
                else f"a {self.name} exercise names wrt, the variable to differentiate in"
            )

    def read(self, ex: Exercise, raw: str) -> Any:
        """The typed answer as a value (raise :class:`mathkit.parse.ParseError` if unreadable)."""
        raise NotImplementedError

    def expected(self, ex: Exercise) -> Any:
        """The right answer, derived by mathkit from the exercise's function and variables."""
        raise NotImplementedError

    def judge(self, ex: Exercise, value: Any) -> Feedback:
        """The verdict on a read answer, with a diagnosis when it is wrong."""
        raise NotImplementedError

    def solution(self, ex: Exercise) -> Formula:
        """The right answer as a :class:`mathkit.render.Formula`, layout and shape named."""
        raise NotImplementedError

    def explanation(self, ex: Exercise) -> str:
        """Why the solution is right, in a sentence or two (plain text)."""
        raise NotImplementedError

    def answer_text(self, ex: Exercise) -> str:
        """The right answer as a learner could type it."""
        raise NotImplementedError


def answer_kind(name: str) -> AnswerKind:
    """The registered kind called ``name``; a ValueError lists the kinds."""
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {name!r}") from None


def names(ex: Exercise) -> list[sp.Symbol]:
    """The exercise's known names, in a stable order: its variables and its functions' symbols.
    An answer is read with these (``6xy`` is 6·x·y where x and y are among them)."""
    return sorted(ex.allowed_symbols, key=sp.default_sort_key)


def read_with_names(ex: Exercise, raw: str, reader=parse):
    """``reader(raw, variables=<the exercise's names>)``: a run of their one-letter names is their
    product (``6xy``, ``6yx``). A text that uses another name (``I``, a letter not in the exercise)
    is read without them, so that judging can name it; if that fails too, the first error stands.

    >>> from mathkit.exercises import exercise
    >>> from mathkit.parse import parse_matrix
    >>> read_with_names(exercise("gradients.3x2y"), "[6yx, 3x^2]", parse_matrix).T
    Matrix([[6*x*y, 3*x**2]])
    """
    try:
        return reader(raw, names(ex))
    except ParseError as first:
        try:
            return reader(raw)
        except ParseError:
            raise first from None


def unknown_names(ex: Exercise, value) -> Feedback | None:
    """A Feedback naming the symbols of ``value`` that are not in the exercise, else None."""
    names = (
        value.free_symbols
        if isinstance(value, sp.MatrixBase)
        else sp.sympify(value, strict=True).free_symbols
    )
    unknown = sorted(names - ex.allowed_symbols, key=sp.default_sort_key)
    if not unknown:
        return None
    known = ", ".join(text(s) for s in sorted(ex.allowed_symbols, key=sp.default_sort_key))
    which = ", ".join(text(s) for s in unknown)
    verb = "is" if len(unknown) == 1 else "are"
    message = f"{which} {verb} not in this exercise: the names here are {known}."
    return Feedback(False, message, "unknown_variable", sp.latex(value))
