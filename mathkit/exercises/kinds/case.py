"""A "case" answer: which of the paper's four shape cases ∂f/∂x is, ``1`` to ``4``.

1: scalar f of scalar x; 2: scalar f of vector x; 3: vector f of scalar x; 4: vector of vector.
The case does not depend on the layout.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...mistakes import Feedback
from ...parse import ParseError
from ...render import Formula
from .base import AnswerKind

if TYPE_CHECKING:
    from ..model import Exercise


_NUMBERS = {
    **{str(n): n for n in range(1, 5)},
    **dict(zip(("i", "ii", "iii", "iv"), range(1, 5), strict=True)),
    **dict(zip(("one", "two", "three", "four"), range(1, 5), strict=True)),
}
_CASE = re.compile(
    rf"\s*(?:case\s*)?(?:#|no\.?\s*)?\(?\s*({'|'.join(sorted(_NUMBERS, key=len, reverse=True))})"
    r"\s*\)?\s*\.?\s*",
    flags=re.IGNORECASE,
)


class CaseKind(AnswerKind):
    """The case number of :func:`mathkit.shape_case`, typed ``3`` or ``case 3``."""

    name = "case"
    placeholder = "1, 2, 3 or 4"

    def read(self, ex: Exercise, raw: str) -> int:
        """``3``, ``case 3``, ``(3)``, ``3)``, ``#3``, ``III``, ``three``: the number 3."""
        m = _CASE.fullmatch(raw[:100])
        if not m:
            raise ParseError("type the case number: 1, 2, 3 or 4")
        return _NUMBERS[m.group(1).lower()]

    def expected(self, ex: Exercise) -> int:
        return ex.shape_case.number

    def judge(self, ex: Exercise, number: int) -> Feedback:
        case = ex.shape_case
        understood = str(number)
        if number == case.number:
            return Feedback(True, f"Case {number}: a {case.name}.", None, understood)
        f_kind = "vector" if number >= 3 else "scalar"
        x_kind = "vector" if number in (2, 4) else "scalar"
        claims, counts = [], []
        if f_kind != case.f_kind:
            claims.append(f"{ex.f_name} a {f_kind}")
            counts.append(f"{ex.f_name}'s outputs")
        if x_kind != case.x_kind:
            claims.append(f"{ex.x_label} a {x_kind}")
            counts.append("the variables")
        message = (
            f"Case {number} would make {' and '.join(claims)}: count {' and '.join(counts)} again."
        )
        return Feedback(False, message, "case", understood)

    def solution(self, ex: Exercise) -> Formula:
        case = ex.shape_case
        return Formula(
            rf"\text{{Case {case.number}: a {case.name}}}", f"Case {case.number}: a {case.name}"
        )

    def explanation(self, ex: Exercise) -> str:
        return ex.shape_case.explanation

    def answer_text(self, ex: Exercise) -> str:
        return str(ex.expected)
