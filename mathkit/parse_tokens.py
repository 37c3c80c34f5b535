"""Step 1 of reading: the learner's text -> tokens, each remembering its column in that text;
a character that is not part of a formula is refused with what to type instead.

>>> [t.text for t in _tokenize("3x² + y₁")]
['3', 'x', '²', '+', 'y', '₁']
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .parse_limits import ParseError
from .parse_names import _LETTERS


class Token(NamedTuple):
    kind: str  # "number", "name", "op", "sup" (superscript digits) or "sub" (subscript digits)
    text: str  # what Python will see
    col: int  # 0-based column in the learner's text
    spaced: bool  # whitespace just before it
    source: str  # what the learner typed ("" for an inserted `*`)


_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    rf"|(?P<name>[{_LETTERS}_][{_LETTERS}0-9_]*)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+)"
    r"|(?P<sub>[₀-₉]+)"
    r"|(?P<op>\*\*|[-+*/^()\[\],;.·⋅×∗÷∕⁄−–—‐‑‒﹣－ᵀ，；（）［］])"
)
_CHARACTER_HELP = {
    "=": "type only the right-hand side of the formula (no `=`)",
    '"': "text in quotes is not allowed",
    "'": "text in quotes is not allowed",
    ":": "`:` is not allowed (no lambdas, slices or `:=`)",
    "#": "`#` is not allowed",
    "{": "braces are not allowed: use ( ) to group",
    "}": "braces are not allowed: use ( ) to group",
    "|": "for |x| write abs(x)",
    "!": "`!` (factorial) is not supported",
    "<": "comparisons are not allowed",
    ">": "comparisons are not allowed",
    "@": "`@` is not supported: write the products out with *",
    "%": "`%` is not an operator here: for a percentage write 0.05 for 5%",
    "\\": "backslashes (LaTeX) are not supported: write sqrt(x), x^2, pi",
    "\u0305": "for a repeating decimal type the fraction, like 5/3 for 1.666...",
}


_PAIR_HELP = {
    "<<": "`<<` (a bit shift) is not math here: for a power of 2 write 2^n",
    ">>": "`>>` (a bit shift) is not math here: for a power of 2 write 2^-n",
    "==": "type only the right-hand side of the formula (no `==`)",
    "<=": "comparisons are not allowed: type a formula",
    ">=": "comparisons are not allowed: type a formula",
    "!=": "comparisons are not allowed: type a formula",
    "%": "`%` is not an operator here: for a percentage write 0.05 for 5%",
}


def _bad_character(char: str, pair: str = "") -> str:
    if pair in _PAIR_HELP:
        return _PAIR_HELP[pair]
    if char in _CHARACTER_HELP:
        return _CHARACTER_HELP[char]
    if char.isalpha():
        return f"`{char}` is not a letter I know: use a-z, A-Z or a lowercase Greek letter like α"
    if char.isdigit():
        return f"`{char}` is not a digit I know: use 0-9"
    if not char.isprintable():
        return f"an invisible character (U+{ord(char):04X}) is not allowed"
    return f"`{char}` is not a character I understand"


def _tokenize(text: str) -> list[Token]:
    tokens, col, spaced = [], 0, False
    while col < len(text):
        match = _TOKEN.match(text, col)
        if match is None:
            if text[col] == "'" and text[:col].rstrip().endswith("]"):
                raise ParseError("for a transposed list type ᵀ or ^T after it: [a, b]ᵀ", col)
            raise ParseError(_bad_character(text[col], text[col : col + 2]), col)
        if match.lastgroup == "space":
            spaced = True
        else:
            tokens.append(Token(match.lastgroup, match[0], col, spaced, match[0]))
            spaced = False
        col = match.end()
    return tokens
