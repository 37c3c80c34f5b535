"""The chain rule's factors typed as one text (the exercises'): where it may be cut, and
:class:`ListMarker`, the :class:`mathkit.chain_marking.Marker` that reads it.

Three kinds of cut, outside brackets: **strong** separators list factors (``;`` or a new line,
else ``·``, ``⋅``, ``∙``, ``•`` or a product ``.``, else ``,``), as do bracketed groups ``(a)(b)``;
**explicit** products may (``*``, ``×``, ``)(``): they separate factors when they are the only
signs and some grouping makes every factor right (``cos(u) * 2*x``, ``1 × 1ᵀ × diag(x)``);
writing side by side (**weak**, ``2x cos(x^2)``) multiplies inside a factor, so that text is one
factor (the whole derivative, if it equals it). A ``·`` inside a factor (``cos(u)·2·x``) or one
missing between two factors is named, with what to type.

>>> split_factors("cos(u) · 2x"), split_factors("[[1], [2]], diag(x)"), split_factors("(1)(xᵀ)")
(['cos(u)', '2x'], ['[[1], [2]]', 'diag(x)'], ['1', 'xᵀ'])
>>> [c.kind for c in cuts("cos(u) * 2*x")], [c.kind for c in cuts("1ᵀ diag(x)")]
(['explicit', 'explicit'], ['weak'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import combinations

from .chain_marking import Marker, Marking
from .parse import ParseError
from .text import shortened

__all__ = ["Cut", "ListMarker", "cuts", "groups", "pieces_at", "split_factors"]

MAX_FACTORS = 8  # factors typed in one answer
MAX_ATOMS = 12  # places to cut that regrouping looks at
MAX_GROUPINGS = 120  # ways of grouping tried

_STRONG = (
    ";\n",
    "·⋅∙•.",
    ",",
)  # by priority, the first class present separates the factors (∙ and • look like ·)
_SUPERSCRIPTS = "ᵀ⁰¹²³⁴⁵⁶⁷⁸⁹"


@dataclass(frozen=True)
class Cut:
    start: int
    end: int
    kind: str  # "strong" (· ; ,), "explicit" (* × )( ), "weak" (side by side)


def cuts(raw: str) -> list[Cut]:
    """Every place outside brackets where one factor may end and the next begin."""
    cuts, depth, i = [], 0, 0
    strong = _strong_class(raw)
    while i < len(raw):
        char = raw[i]
        if char in ")]}":
            depth -= 1
        if depth == 0:
            before = raw[:i].rstrip()[-1:]
            if char in strong and (char != "." or not raw[i + 1 : i + 2].isdigit()):
                cuts.append(Cut(i, i + 1, "strong"))
            elif char == "*" and raw[i + 1 : i + 2] != "*" and raw[i - 1 : i] != "*" or char == "×":
                cuts.append(Cut(i, i + 1, "explicit"))
            elif char in "([" and raw[i - 1 : i] in (")", "]", "ᵀ") and i > 0:
                cuts.append(Cut(i, i, "explicit"))
            elif char.isspace() and before and (before.isalnum() or before in ")]" + _SUPERSCRIPTS):
                after = raw[i:].lstrip()[:1]
                if after and (after.isalnum() or after in "([√"):
                    end = i + len(raw[i:]) - len(raw[i:].lstrip())
                    bracketed = before in ")]ᵀ" and after in "(["
                    cuts.append(Cut(i, end, "explicit" if bracketed else "weak"))
                    i = end
                    continue
        if char in "([{":
            depth += 1
        i += 1
    return [
        c for c in cuts if raw[: c.start].strip() and raw[c.end :].strip() or c.kind == "strong"
    ]


def _strong_class(raw: str) -> str:
    outside = _outside_brackets(raw)
    for separators in _STRONG:
        if any(char in outside for char in separators if char != "."):
            return separators
        if "." in separators and re.search(r"\.(?!\d)", outside):
            return separators
    return ""


def _outside_brackets(raw: str) -> str:
    out, depth = [], 0
    for char in raw:
        depth -= char in ")]}"
        out.append(char if depth == 0 else " ")
        depth += char in "([{"
    return "".join(out)


def pieces_at(raw: str, cuts: Sequence[Cut]) -> list[str]:
    bounds = [0, *[x for c in cuts for x in (c.start, c.end)], len(raw)]
    return [raw[a:b].strip() for a, b in zip(bounds[::2], bounds[1::2], strict=True)]


def split_factors(raw: str) -> list[str]:
    """The factors typed: separated by ``;``, else ``·`` (or ``⋅``, a product ``.``), else ``,``
    outside brackets, or written as bracketed groups ``(a)(b)``.

    >>> split_factors("cos(u) · 2x"), split_factors("[[1], [2]], diag(x)"), split_factors("(1)(xᵀ)")
    (['cos(u)', '2x'], ['[[1], [2]]', 'diag(x)'], ['1', 'xᵀ'])
    """
    strong = [c for c in cuts(raw) if c.kind == "strong"]
    if strong:
        return pieces_at(raw, strong)
    grouped = groups(raw)
    return grouped if grouped and all(grouped) else [raw.strip()]


def groups(raw: str) -> list[str] | None:
    """``(a)(b) (c)`` -> [a, b, c]; None unless the text is two or more bracketed groups."""
    found, depth, start = [], 0, 0
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
            found.append(raw[start + 1 : i].strip())
    return found if depth == 0 and len(found) > 1 else None


class ListMarker(Marker):
    """A :class:`Marker` for the factors typed as one text, split as the module says.

    >>> from mathkit.chain import chain
    >>> m = ListMarker(chain([("u", "x^2"), ("y", "sin(u)")], "x"))
    >>> m.mark_text("cos(u) * 2*x").ok, m.mark_text("cos(u)·2·x").code
    (True, 'factor_split')
    """

    def mark_text(self, raw: str) -> Marking:
        """The factors typed in one text: see the module's docstring for how it is split."""
        n = len(self.expected)
        order = " · ".join(self.labels)
        y, x = self.c.steps[-1][0], self.c.wrt_label
        whole = re.fullmatch(rf"\s*[∂d]\s*{re.escape(y)}\s*/\s*[∂d]\s*{re.escape(x)}\s*=(.*)", raw)
        raw = whole[1] if whole else raw  # dy/dx = cos(u) · 2x: the factors of dy/dx
        raw = re.sub(r"\n\s*\n", "\n", raw.strip())  # one factor a line, blank lines skipped
        places = cuts(raw)
        strong = [c for c in places if c.kind == "strong"]
        typed_pieces = pieces_at(raw, strong)
        if len(typed_pieces) > MAX_FACTORS or not all(typed_pieces):
            return Marking(False, f"Type the {n} factors, {order}, separated by · (each not "
                           "empty).", "parse_error")  # fmt: skip
        if len(typed_pieces) == 1 and groups(raw):
            typed_pieces = groups(raw)
        if len(typed_pieces) == n:
            return self.mark(typed_pieces)
        found = self._regrouped(raw, places, strong)
        if found is not None:
            texts, used = found
            if not strong and used <= {"explicit"}:
                return self.mark(texts)
            whole = None if strong else self._whole(raw)
            return whole or self._grouping_hint(texts, typed_pieces)
        if not strong:
            explicit = [c for c in places if c.kind == "explicit"]
            spaced = [c for c in explicit if raw[c.start - 1 : c.start].isspace()]
            for chosen in (explicit, spaced):
                if len(chosen) == n - 1:
                    return self.mark(pieces_at(raw, chosen))
            whole = self._whole(raw)
            if whole is not None:
                return whole
            if explicit:
                message = (
                    "I can't tell where one factor ends and the next begins: * multiplies "
                    f"inside a factor too (2*x). Type the {n} factors, {order}, separated by ·."
                )
                return Marking(False, message, "factor_count")
        merged = self._merged(typed_pieces)
        return merged or Marking(False, self._count_message(len(typed_pieces)), "factor_count")

    def _merged(self, texts: list[str]) -> Marking | None:
        """Fewer factors than the rule's, each right as a product of neighbouring factors."""
        n, m = len(self.expected), len(texts)
        if not 1 < m < n or n > 6:
            return None
        for ends in combinations(range(1, n), m - 1):
            bounds = [0, *ends, n]
            spans = list(zip(bounds, bounds[1:], strict=False))
            products = [reduce(lambda p, q: p * q, self.expected[a:b]) for a, b in spans]
            try:
                read = [self.read(t, P.shape) for t, P in zip(texts, products, strict=True)]
            except ParseError:
                continue
            if all(self.same(A, P) for A, P in zip(read, products, strict=True)):
                a, b = next((a, b) for a, b in spans if b - a > 1)
                k = spans.index((a, b))
                both = " · ".join(self.labels[a:b])
                message = (
                    f"{texts[k]} is {both} already multiplied: the chain rule here has {n} "
                    f"factors, {' · '.join(self.labels)}; type each of them apart."
                )
                return Marking(False, message, "factor_count", a)
        return None

    def _count_message(self, typed_count: int) -> str:
        n = len(self.expected)
        shapes = " · ".join(f"{label} ({M.rows} × {M.cols})" for label, M in self.factors)
        what = "one factor" if typed_count == 1 else f"{typed_count} factors"
        return (
            f"You typed {what}; the chain rule multiplies {n} factors here, {shapes}: type them "
            "in this order, separated by ·."
        )

    def _whole(self, raw: str) -> Marking | None:
        """The whole derivative (or the factors' product) typed as one."""
        try:
            value = self.read(raw.strip(), self.result.shape)
        except ParseError:
            return None
        if not self.same(value, self.result):
            return None
        n = len(self.expected)
        y, x = self.c.steps[-1][0], self.c.wrt_label
        return Marking(False, f"{shortened(raw.strip(), 40)} is the whole derivative of {y} with "
                       f"respect to {x}, the factors already multiplied into one: type its {n} "
                       f"factors apart, {' · '.join(self.labels)}, separated by · (writing side "
                       "by side multiplies, as in 2x).", "product_not_factors")  # fmt: skip

    def _regrouped(self, raw: str, cuts: list[Cut], strong: list[Cut]):
        """A grouping of the typed text into the rule's factors, all right: (texts, the kinds of
        separators added), else None. With too few ·, cuts are added at * × )( or side by side;
        with too many, neighbouring pieces are joined."""
        n = len(self.expected)
        if len(strong) + 1 < n:
            optional = [c for c in cuts if c.kind != "strong"]
            need = n - 1 - len(strong)
        else:
            optional, need = strong, n - 1
            strong = []
        if len(optional) > MAX_ATOMS or need < 0 or need > len(optional):
            return None
        for tried, chosen in enumerate(combinations(optional, need)):
            if tried >= MAX_GROUPINGS:
                return None
            chosen_cuts = sorted([*strong, *chosen], key=lambda c: c.start)
            texts = pieces_at(raw, chosen_cuts)
            if not all(texts):
                continue
            try:
                read = [self.read(t, E.shape) for t, E in zip(texts, self.expected, strict=True)]
            except ParseError:
                continue
            if self._right(read) is not None:
                return texts, {c.kind for c in chosen}
        return None

    def _grouping_hint(self, texts, typed_pieces) -> Marking:
        """Right factors, typed with a · inside one of them or without one between two."""
        n = len(self.expected)
        for k, text in enumerate(texts):
            if text not in typed_pieces and len(typed_pieces) > n:
                joined = text.replace("·", "*").replace("⋅", "*")
                return Marking(False, f"{text} is one factor, {self.labels[k]}: a · separates "
                               f"factors, so inside a factor write it {joined} or ({text}). "
                               f"The chain rule multiplies {n} factors here, "
                               f"{' · '.join(self.labels)}.", "factor_split", k)  # fmt: skip
        where = next((t for t in typed_pieces if t not in texts), "")
        between = " · ".join(texts)
        return Marking(False, f"I read {shortened(where, 40)} as one factor (writing side by side "
                       f"multiplies, as in 2x): put a · between the factors, {between}. The chain "
                       f"rule multiplies {n} factors here, {' · '.join(self.labels)}.",
                       "factor_count")  # fmt: skip
