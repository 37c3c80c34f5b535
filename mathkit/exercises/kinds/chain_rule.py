"""A "chain_rule" answer: which of the paper's chain rules applies to the exercise's steps.

The rule is :func:`mathkit.chain`'s (§5, summarized in §8): **single-variable** when x is a
scalar and every step is a function of one variable; **total-derivative** when a step depends on
x and an earlier intermediate (y = x + u with u = x²); **vector** otherwise (a vector
intermediate or a vector x). The question asks for the simplest rule that applies: the vector
rule covers the others, so naming it for a scalar chain is told so, not counted right.

Typed as ``single-variable``, ``single``, ``total derivative``, ``total``, ``vector``,
``vector chain rule`` ...; as ``1``, ``2``, ``3`` only when the prompt numbers the rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...mistakes import Feedback
from ...parse import ParseError
from ...render import Formula
from .base import AnswerKind
from .chain_factors import composition

if TYPE_CHECKING:
    from ..model import Exercise

RULES = ("single-variable", "total-derivative", "vector")

_SPELLINGS = {
    "single-variable": {"single variable", "single", "scalar", "single var", "simple", "ordinary"},
    "total-derivative": {
        "total derivative",
        "total",
        "single variable total derivative",
        "total differential",
        "multivariable",
    },
    "vector": {"vector", "vectors", "jacobian", "matrix"},
}
_NUMBERED = re.compile(
    r"\(?1[.)]\s*\W*single.*\(?2[.)]\s*\W*total.*\(?3[.)]\s*\W*vector",
    re.IGNORECASE | re.DOTALL,
)


def rule_of(raw: str, numbered: bool = False) -> str | None:
    """The rule a typed answer names, or None. A slip of a letter or two in a rule's name is
    forgiven, as a teacher would (``singel variable``, ``vectr``), when it names one rule only.

    >>> rule_of("Total-derivative chain rule"), rule_of("vector chain rule"), rule_of("2")
    ('total-derivative', 'vector', None)
    >>> rule_of("2", numbered=True), rule_of("the single-variable rule"), rule_of("singel variable")
    ('total-derivative', 'single-variable', 'single-variable')
    """
    words = _words(raw)
    if numbered and words in ("1", "2", "3"):
        return RULES[int(words) - 1]
    if numbered and re.fullmatch(r"[123] \D.*|\D.* [123]", words):  # vector (3): both must agree
        number = int(next(w for w in words.split() if w in ("1", "2", "3")))
        named = rule_of(" ".join(w for w in words.split() if w not in ("1", "2", "3")))
        return named if named == RULES[number - 1] else None
    for rule, spellings in _SPELLINGS.items():
        if words in spellings:
            return rule
    near = {
        rule
        for rule, spellings in _SPELLINGS.items()
        for spelling in spellings
        if len(spelling) >= 5 and _distance(words, spelling) <= (1 if len(spelling) < 8 else 2)
    }
    return near.pop() if len(near) == 1 else None


def _words(raw: str) -> str:
    words = re.sub(r"[-_/]+", " ", raw.lower()[:200])
    words = re.sub(r"[^a-z0-9 ]+", " ", words)
    words = re.sub(r"\b(the|chain|rules?|a|one|law)\b", " ", words)
    return " ".join(words.split())


def _distance(a: str, b: str) -> int:
    """Edit distance (insert, delete, replace, swap two neighbours), at most 3 counted."""
    if abs(len(a) - len(b)) > 2:
        return 3
    before, row = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        new = [i]
        for j, cb in enumerate(b, 1):
            cost = min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (ca != cb))
            if before and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            new.append(cost)
        before, row = row, new
    return min(row[-1], 3)


class ChainRuleKind(AnswerKind):
    """The name of the chain rule :func:`mathkit.chain` applies to the exercise's steps."""

    name = "chain_rule"
    placeholder = "single-variable, total-derivative or vector"
    mistakes = {"chain_rule": "another chain rule than the one that applies"}

    def validate(self, ex: Exercise) -> None:
        super().validate(ex)
        if not ex.steps:
            raise ValueError("a chain_rule exercise writes its function as steps")

    def read(self, ex: Exercise, raw: str) -> str:
        numbered = bool(_NUMBERED.search(ex.prompt))
        rule = rule_of(raw, numbered)
        if rule is None and "product" in _words(raw):
            raise ParseError(
                "the product rule is not one of the paper's chain rules (a product of two "
                "functions of x is one step that uses x twice): which chain rule gives it? Type "
                + ("1, 2 or 3, or " if numbered else "")
                + "single-variable, total-derivative or vector"
            )
        if rule is None:
            choices = "1, 2 or 3, or " if numbered else ""
            raise ParseError(f"type {choices}single-variable, total-derivative or vector")
        return rule

    def expected(self, ex: Exercise) -> str:
        return composition(ex).rule

    def judge(self, ex: Exercise, rule: str) -> Feedback:
        c = composition(ex)
        steps = ", ".join(f"{name} = {_text(ex, name, e)}" for name, e in c.steps)
        understood = rf"\text{{{rule}}}"
        if rule == c.rule:
            message = f"The {rule} chain rule. {self.explanation(ex)}"
            return Feedback(True, message, None, understood)
        y, x = c.steps[-1][0], c.wrt_label
        simplest = (
            "but the question asks for the simplest rule that applies, the one to use by hand "
            "(fewer pieces to get wrong)"
        )
        if c.rule == "vector":
            message = (
                f"With {steps}, a step or {x} is a vector, so the derivatives are Jacobians "
                f"multiplied as matrices: the {rule} rule is for scalar steps only."
            )
        elif rule == "vector":
            paths = (
                f"{y} depends on {x} along more than one path"
                if c.rule == "total-derivative"
                else f"a single path leads from {x} to {y}"
            )
            message = (
                f"The vector rule covers this chain too (it covers every case: a scalar is a 1 × 1 "
                f"Jacobian), {simplest}. With {steps}, {x} and every step are scalars and "
                f"{paths}: which simpler rule applies?"
            )
        elif c.rule == "total-derivative":
            message = (
                f"With {steps}, {y} depends on {x} along more than one path (directly and "
                f"through an intermediate): the {rule} rule follows a single path and would lose "
                "a term."
            )
        else:  # total-derivative named where the single-variable rule applies
            message = (
                f"The total-derivative rule covers this too (with one path its sum has a single "
                f"term), {simplest}. With {steps}, each step depends on one variable only: a "
                f"single path from {x} to {y}, so no term needs adding."
            )
        return Feedback(False, message, "chain_rule", understood)

    def solution(self, ex: Exercise) -> Formula:
        rule = self.expected(ex)
        return Formula(rf"\text{{the {rule} chain rule}}", f"the {rule} chain rule")

    def explanation(self, ex: Exercise) -> str:
        c = composition(ex)
        y, x = c.steps[-1][0], c.wrt_label
        if c.rule == "single-variable":
            return f"A single path of scalar steps from {x} to {y}: multiply the derivatives."
        if c.rule == "total-derivative":
            return (
                f"{y} depends on {x} directly and through an intermediate: add the partial "
                "along every path (dy/dx = ∂y/∂x + Σ ∂y/∂uᵢ · duᵢ/dx)."
            )
        return "Vector steps: multiply the Jacobians, outermost first (∂y/∂g · ∂g/∂x)."

    def answer_text(self, ex: Exercise) -> str:
        return self.expected(ex)


def _text(ex: Exercise, name: str, value) -> str:
    """A step as the exercise writes it (``u = x^2``), else as a learner types it."""
    from ...chain_marking import written

    text = dict(ex.steps).get(name)
    if isinstance(text, (list, tuple)):
        return "[" + ", ".join(str(t) for t in text) + "]"
    return str(text) if text is not None else written(value)
