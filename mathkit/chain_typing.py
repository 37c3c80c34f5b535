"""Where a list of factors typed as one text may be cut into factors (outside brackets).

Three kinds of cut: **strong** separators list factors (``;``, else ``·`` / ``⋅`` / a product
``.``, else ``,``), **explicit** products may (``*``, ``×``, ``)(``), and writing side by side
(**weak**, ``2x cos(u)``) multiplies inside a factor. :class:`mathkit.chain_marking.Marker`
decides which cuts to use.

>>> split_factors("cos(u) · 2x"), split_factors("[[1], [2]], diag(x)"), split_factors("(1)(xᵀ)")
(['cos(u)', '2x'], ['[[1], [2]]', 'diag(x)'], ['1', 'xᵀ'])
>>> [c.kind for c in cuts("cos(u) * 2*x")], [c.kind for c in cuts("1ᵀ diag(x)")]
(['explicit', 'explicit'], ['weak'])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Cut", "cuts", "groups", "pieces_at", "split_factors"]

_STRONG = (
    ";",
    "·⋅∙•.",
    ",",
)  # ∙ and • : look-alikes of the dot  # by priority: the first class present separates the factors
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
