"""Exercises with instant, diagnosing feedback: the learner types an answer, mathkit says why.

An :class:`Exercise` (:mod:`.model`) asks for one kind of answer (:mod:`.kinds`, one class each,
registered by name in :data:`KINDS`), for example:

``"expression"``   one partial derivative, e.g. ``3x^2``
``"value"``        a derivative at a point: a number, e.g. ``0``
``"matrix"``       a gradient or a Jacobian in a named layout: ``[6x y, 3x^2]``, ``[[...], [...]]``
``"closed_form"``  a Jacobian by the paper's name for it: ``diag(x)``, ``xᵀ``, ``I``
``"shape"``        the shape of ∂f/∂x in a named layout, e.g. ``1x3``
``"case"``         which of the four shape cases ∂f/∂x is, ``1`` to ``4``
``"chain_rule"``   which chain rule applies: ``single-variable``, ``total-derivative``, ``vector``
``"chain_factors"`` the chain rule's factors in order: ``1 · 1ᵀ · diag(x)``
``"chain_derivative"`` dy/dx of a composition of steps, e.g. ``1 + 2x``
``"loss_gradient"`` ∂C/∂w (a row) or ∂C/∂b of a neuron's loss on data, in numbers: ``[5/3, 2/3]``

The expected answer is never typed twice: it is derived from the exercise's function and
variables by :func:`mathkit.jacobian` and :func:`mathkit.shape_case`, in the layout the prompt
names. Numerator layout (the paper's): ``J[i, j] = ∂f_i/∂x_j``, m × n, row i is the gradient of
f_i; denominator layout is the transpose, n × m. A flat list ``[a, b]`` is read as a row, as the
paper writes ∇f = [a, b] and a column as [a, b]ᵀ; type a column as ``[[a], [b]]``. An answer is
read with the exercise's names (its variables and the symbols of its functions): a run of their
one-letter names is their product, ``6xy`` and ``6yx`` are 6·x·y, and the feedback says how it was
read ("Read as `6·x·y`"); function names need brackets (``sin x`` gets the parser's hint).

:func:`check` reads the answer with the same safe parser as everything else (:mod:`mathkit.parse`),
then compares entry by entry with :func:`equivalent` (symbolic, with a numeric fallback; never the
strings). A wrong answer gets a diagnosis (:func:`mathkit.mistakes.diagnose`): the transpose
(the other layout), swapped rows or columns, right entries in the wrong shape, a sign, a constant
factor, the partial with respect to the wrong variable, ... The feedback names the entry, the
function and the variable and gives the rule to apply, but does not give the right entry away:
the "show solution" control does that when the learner asks for it, so a second try stays the
learner's own work.

The package is layered so that no import circle forms: :mod:`.kinds` (one class per answer kind)
← :mod:`.model` (the Exercise, ``check``) ← :mod:`.catalog` (one module per notebook) ← this
registry (:func:`exercise`, :func:`exercises_for`, :func:`catalog`, :func:`check`).

Where new pieces go: an exercise is one ``Exercise(key=..., kind=..., ...)`` entry in its
notebook's ``catalog/<notebook>.py``; a new notebook is a new catalog module, added to
``_CATALOGS`` below; a new kind of answer (a closed form such as ``diag(x)``, a chain-rule factor)
is a new module in ``kinds/`` with one :class:`~mathkit.exercises.kinds.AnswerKind` subclass
(``kinds/value.py`` is a small example); learner-facing words come from :mod:`mathkit.text` and
diagnoses from :mod:`mathkit.mistakes`.

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

from ..budget import within_budget
from ..mistakes import Feedback
from .catalog import (
    affine_neuron,
    chain,
    elementwise,
    generalized,
    gradients,
    jacobian,
    loss,
    neuron_gradient,
    reductions,
    reference,
    shapes,
    summary,
)
from .kinds import KINDS
from .model import Exercise
from .model import check as _check

#: The catalogs in notebook order (01 to 06, then Part 2: 07 to 12).
_CATALOGS = (
    *(affine_neuron, gradients, jacobian, generalized, shapes, summary),
    *(elementwise, reductions, chain, neuron_gradient, loss, reference),
)

#: Every exercise, in notebook order.
EXERCISES: tuple[Exercise, ...] = tuple(e for c in _CATALOGS for e in c.EXERCISES)

_BY_KEY = {e.key: e for e in EXERCISES}
if len(_BY_KEY) != len(EXERCISES):
    raise ValueError("two exercises share a key")


def catalog() -> tuple[Exercise, ...]:
    """Every exercise, in notebook order.

    >>> catalog()[0].key, len(catalog()) == len({e.key for e in catalog()})
    ('neuron.dz_db', True)
    """
    return EXERCISES


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

    >>> [e.key for e in exercises_for("generalized")]
    ['generalized.identity', 'generalized.three_by_three', 'generalized.circle_shape']
    """
    found = tuple(e for e in EXERCISES if e.notebook == notebook)
    if not found:
        notebooks = sorted({e.notebook for e in EXERCISES})
        raise KeyError(f"no exercises for {notebook!r}; try one of: {', '.join(notebooks)}")
    return found


@within_budget
def check(ex: Exercise | str, answer: str) -> Feedback:
    """Check a typed answer to an exercise (an :class:`Exercise` or its key).

    Answers within :data:`mathkit.budget.DEFAULT_BUDGET` (1 s), like every public entry: past it,
    :class:`mathkit.budget.TooSlow` (a ValueError); inside another budgeted call (the quiz
    widget's) it shares that call's budget.

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
    return _check(exercise(ex) if isinstance(ex, str) else ex, answer)


__all__ = [
    "EXERCISES",
    "KINDS",
    "Exercise",
    "Feedback",
    "catalog",
    "check",
    "exercise",
    "exercises_for",
]
