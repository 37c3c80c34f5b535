"""Step 2 of reading, the products written without a sign: the ``*`` in ``2x``, ``x y``,
``(x+1)(x-1)``; with variables given, a run of their letters as their product (``6xy`` is
6·x·y, ``x2x3`` is x₂·x₃); and the text as read, with a ``·`` at each such product.

>>> from mathkit.parse_tokens import _tokenize
>>> [t.text for t in _implicit_multiplication(_tokenize("2x y"))]
['2', '*', 'x', '*', 'y']
"""

from __future__ import annotations

import keyword
import re

from .parse_limits import ParseError, _shown
from .parse_names import _GREEK, _LETTERS, CONSTANTS, FUNCTIONS, _canonical_name
from .parse_tokens import Token


def _implicit_multiplication(tokens: list[Token]) -> list[Token]:
    """Insert the ``*`` in ``2x``, ``2(x+1)``, ``(x+1)(x-1)``, ``(x+1) x``, ``x y``, ``x^2 y``."""
    out: list[Token] = []
    for left, right in zip([None, *tokens], tokens, strict=False):
        if left is not None and _is_product(left, right):
            out.append(Token("op", "*", right.col, False, ""))
        out.append(right)
    return out


def _is_product(left: Token, right: Token) -> bool:
    if left.kind == "number" and right.kind == "number" and not right.spaced:
        number = _shown(left.source + right.source)
        raise ParseError(f"{number} is not a number: use one `.`", left.col)
    if left.kind == "number" and right.kind == "number":
        raise ParseError("two numbers in a row: write 2*3, or remove the space", right.col)
    ends_factor = left.kind in ("number", "name") or left.text == ")"
    starts_factor = right.kind in ("number", "name") or right.text == "("
    if ends_factor and right.text == "[":  # a number times a list: 2/3 [5/2, 1]; x[0] is refused
        return left.kind != "name" or right.spaced
    if not (ends_factor and starts_factor):
        return False
    if left.kind == "name" and right.text == "(":  # sin(x) and f(x) are calls; `x (y+1)` a product
        return right.spaced and left.text not in FUNCTIONS
    if left.kind == "name" and right.kind == "number":  # `x 2` is a product, `x.5` is not
        return right.spaced
    return True


_AMBIGUOUS = sorted({*FUNCTIONS, *CONSTANTS, *_GREEK.values()} - set(_GREEK), key=len)


def _split_letter_runs(tokens: list[Token], known: frozenset[str]) -> list[Token]:
    """``xy`` -> ``x y`` when x and y are one-letter variables given (``6yx`` is 6·y·x).

    Only runs of letters that are all such variables are split, and never one that spells a
    function, a constant or a Greek letter's name (``sinx`` with s, i, n, x given: sin(x) or
    s·i·n·x? the learner must say).
    """
    out: list[Token] = []
    for t in tokens:
        parts = _numbered_run(t, known)
        if parts:
            for part, offset in parts:
                out.append(Token("name", part, t.col + offset, t.spaced and offset == 0, part))
            continue
        letters = [_GREEK.get(c, c) for c in t.text]
        if not _is_letter_run(t, letters, known):
            out.append(t)
            continue
        spelled = next((w for w in reversed(_AMBIGUOUS) if w in t.text), None)
        if spelled is not None:
            product = "*".join(t.text)
            message = f"`{t.text}` contains the name {spelled}: write {product} for a product"
            raise ParseError(message, t.col)
        for i, c in enumerate(t.text):
            out.append(Token("name", c, t.col + i, t.spaced and i == 0, c))
    return out


_NUMBERED_PART = re.compile(rf"[{_LETTERS}](?:_?[0-9]{{1,3}})?")


def _numbered_run(t: Token, known: frozenset[str]) -> list[tuple[str, int]]:
    """``x2x3`` -> ``[("x2", 0), ("x3", 2)]`` when x_2 and x_3 are variables given, and the run has
    a numbered name in it and is not itself a name (``x12`` is x_12); else ``[]``."""
    if t.kind != "name" or not any(c.isdigit() for c in t.text) or _canonical_name(t.text):
        return []
    parts = [(m[0], m.start()) for m in _NUMBERED_PART.finditer(t.text)]
    if "".join(p for p, _ in parts) != t.text or len(parts) < 2:
        return []
    return parts if all(_canonical_name(p) in known for p, _ in parts) else []


def _is_letter_run(t: Token, letters: list[str], known: frozenset[str]) -> bool:
    """A run of letters, each a one-letter variable given (or π), that is not a name itself."""
    if t.kind != "name" or len(t.text) < 2 or not re.fullmatch(f"[{_LETTERS}]+", t.text):
        return False
    if t.text in FUNCTIONS or t.text in CONSTANTS or _canonical_name(t.text) is not None:
        return False
    if any(t.text.startswith(f) for f in FUNCTIONS) or keyword.iskeyword(t.text):
        return False  # sinx: "write sin(x)"; a Python word: its own message
    pairs = zip(t.text, letters, strict=True)
    unknown = [c for c, letter in pairs if letter not in known and c != "π"]
    if unknown and len(unknown) < len(letters) and not set(unknown) & {"e", "E"}:
        variables = ", ".join(sorted(known))
        which = ", ".join(dict.fromkeys(unknown))
        message = f"`{which}` in {_shown(t.text)} is not one of your variables ({variables})"
        raise ParseError(message, t.col)
    return not unknown


def _reading(tokens: list[Token], text: str) -> str:
    """The learner's text with a ``·`` at every product they wrote without a sign."""
    where = {t.col for t in tokens if t.kind == "op" and t.text == "*" and t.source == ""}
    where = sorted(where, reverse=True)
    for col in where:
        text = text[:col].rstrip() + "·" + text[col:]
    return text
