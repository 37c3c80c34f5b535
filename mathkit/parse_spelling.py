"""Step 2 of reading, first part: token steps (each list[Token] -> list[Token]) that respell
what is typed into Python's operators (``^`` ``·`` ``−`` ``x²`` ``x₁`` ``[a, b]ᵀ``) and refuse
what Python would misread (``0x1F``, ``1_000``, ``//``, Python words, unclosed brackets).

>>> from mathkit.parse_tokens import _tokenize
>>> [t.text for t in _superscripts(_spell_operators(_tokenize("x²·y")))]
['x', '**', '2', '*', 'y']
"""

from __future__ import annotations

import keyword
import re

from .parse_limits import MAX_BRACKET_DEPTH, MAX_RUN, ParseError, _shown
from .parse_names import _SUBSCRIPT_DIGITS, FUNCTIONS
from .parse_tokens import Token


def _check_not_empty(tokens: list[Token]) -> list[Token]:
    if not tokens:
        raise ParseError("type a function, e.g. 3*x^2*y", 0)
    return tokens


_SPELLING = {
    "^": "**", "·": "*", "⋅": "*", "×": "*", "∗": "*", "÷": "/", "∕": "/", "⁄": "/",
    **dict.fromkeys("−–—‐‑‒﹣－", "-"),
    **dict(zip("，；（）［］", ",;()[]", strict=True)),  # full-width punctuation (CJK keyboards)
}  # fmt: skip


def _spell_operators(tokens: list[Token]) -> list[Token]:
    """``^`` -> ``**``; ``·`` ``×`` -> ``*``; ``−`` -> ``-``; ``÷`` -> ``/``; ``，`` -> ``,``."""
    return [t._replace(text=_SPELLING.get(t.text, t.text)) if t.kind == "op" else t for t in tokens]


_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")


def _superscripts(tokens: list[Token]) -> list[Token]:
    """``x²`` -> ``x ** 2``; ``x⁻¹`` -> ``x ** - 1``."""
    out = []
    for t in tokens:
        if t.kind != "sup":
            out.append(t)
            continue
        power = t.text.translate(_SUPERSCRIPT_DIGITS)
        if not re.fullmatch(r"[+-]?[0-9]+", power):
            raise ParseError(f"{_shown(t.source)} is not an exponent I can read: write x^-1", t.col)
        out.append(Token("op", "**", t.col, t.spaced, t.source))
        if power[0] in "+-":
            out.append(Token("op", power[0], t.col, False, t.source))
        out.append(Token("number", power.lstrip("+-"), t.col, False, t.source))
    return out


def _subscripts(tokens: list[Token]) -> list[Token]:
    """``x₁`` -> ``x_1``."""
    out: list[Token] = []
    for t in tokens:
        if t.kind != "sub":
            out.append(t)
        elif out and out[-1].kind == "name" and not t.spaced:
            name = out.pop()
            digits = t.text.translate(_SUBSCRIPT_DIGITS)
            out.append(name._replace(text=f"{name.text}_{digits}", source=name.source + t.source))
        else:
            raise ParseError("a subscript like ₁ must follow a letter, as in x₁", t.col)
    return out


def _strip_leading_zeros(tokens: list[Token]) -> list[Token]:
    """``007`` -> ``7`` (Python refuses leading zeros)."""
    return [
        t._replace(text=t.text.lstrip("0") or "0") if t.kind == "number" and t.text.isdigit() else t
        for t in tokens
    ]


def _check_names(tokens: list[Token]) -> list[Token]:
    """Refuse Python words and ``_`` names; a function name must be followed by ``(``."""
    for t, after in zip(tokens, [*tokens[1:], None], strict=True):
        if t.kind != "name":
            continue
        if keyword.iskeyword(t.text):
            help = _PYTHON_WORDS.get(t.text, "type only a formula")
            raise ParseError(f"`{t.text}` is a Python word, not math: {help}", t.col)
        if t.text.startswith("_") or "__" in t.text:
            raise ParseError("names may not start with `_` or contain `__`", t.col)
        if t.text in FUNCTIONS and (after is None or after.text != "("):
            raise ParseError(_needs_brackets(t.source, after), t.col)
    return tokens


_PYTHON_WORDS = {
    "lambda": "for the Greek letter, type λ",
    **dict.fromkeys(["if", "else", "elif"], "for a function in pieces use max, min, abs or relu"),
    **dict.fromkeys(["for", "in", "while"], "type each function of a list, like [x, 2x]"),
    **dict.fromkeys(["True", "False"], "type a number (1 or 0)"),
    "None": "type a number, such as 0",
    **dict.fromkeys(["and", "or", "not", "is"], "type one formula"),
}


def _check_numbers(tokens: list[Token]) -> list[Token]:
    """Python's ways of writing numbers that are not math: ``0x1F``, ``1_000``, ``x // y``."""
    for t, after in zip(tokens, tokens[1:], strict=False):
        if after.spaced:
            continue
        if t.kind == "number" and after.kind == "name" and after.text.startswith("_"):
            digits = t.source + after.source
            message = f"{_shown(digits)}: write numbers without `_`, like {digits.replace('_', '')}"
            raise ParseError(message, t.col)
        if t.text == "0" and re.fullmatch(r"[xX][0-9a-fA-F]+|[bB][01]+|[oO][0-7]+", after.text):
            value = int(t.text + after.text, 0)
            message = f"`0{after.text}` is Python's way to write {value}: type {value}"
            raise ParseError(message, t.col)
        if t.text == after.text == "/":
            message = "`//` (whole-number division) is not math here: for division write one /"
            raise ParseError(message, t.col)
    return tokens


def _needs_brackets(name: str, after: Token | None) -> str:
    if after is not None and after.text == "**":
        return f"`{name}` needs brackets: write {name}(x)^2 for the square of {name}(x)"
    argument = after.source[:8] if after is not None and after.kind in ("name", "number") else "x"
    return f"`{name}` needs brackets: write {name}({argument})"


_OPENING = {")": "(", "]": "["}


def _check_brackets(tokens: list[Token]) -> list[Token]:
    """Every ``(`` and ``[`` is closed, in order, and nested at most MAX_BRACKET_DEPTH deep."""
    stack: list[Token] = []
    for t in tokens:
        if t.text in ("(", "["):
            stack.append(t)
            if len(stack) > MAX_BRACKET_DEPTH:
                message = f"brackets are nested too deeply (at most {MAX_BRACKET_DEPTH} levels)"
                raise ParseError(message, t.col)
        elif t.text in _OPENING:
            if not stack:
                raise ParseError(f"this `{t.text}` has no matching `{_OPENING[t.text]}`", t.col)
            if stack.pop().text != _OPENING[t.text]:
                raise ParseError(f"this `{t.text}` closes a bracket of the other kind", t.col)
    if stack:
        raise ParseError(f"a `{stack[-1].text}` is not closed", stack[-1].col)
    return tokens


def _check_ending(tokens: list[Token]) -> list[Token]:
    last = tokens[-1]
    if last.kind == "op" and last.text in ("+", "-", "*", "/", "**"):
        message = f"the expression ends too early: something is missing after `{last.source}`"
        raise ParseError(message, last.col)
    return tokens


def _transposes(tokens: list[Token]) -> list[Token]:
    """``[a, b]ᵀ`` and ``[a, b]^T`` -> ``[a, b] .T``, a transposed list (only
    :func:`parse_matrix` reads it); ``ᵀ`` anywhere else is refused."""
    out: list[Token] = []
    skip = False
    for t, after in zip(tokens, [*tokens[1:], None], strict=True):
        if skip:
            skip = False
            continue
        after_list = bool(out) and out[-1].text == "]"
        power_t = t.text == "**" and after is not None and after.text == "T" and after_list
        if t.text == "ᵀ" and not after_list:
            raise ParseError("`ᵀ` (transpose) goes right after a list, like [a, b]ᵀ", t.col)
        if t.text == "ᵀ" or power_t:
            source = t.source + (after.source if power_t and after is not None else "")
            out += [Token("op", ".", t.col, False, source), Token("name", "T", t.col, False, "")]
            skip = power_t
            continue
        out.append(t)
    return out


def _check_runs(tokens: list[Token]) -> None:
    """Refuse long runs of signs (``- - - x``) and chains of powers (``x^x^x^…``) before Python
    parses them: each one nests the syntax tree a level deeper, and a browser's Python (Pyodide)
    runs out of stack on a few thousand, taking the kernel down with it.

    >>> from mathkit.parse_tokens import _tokenize
    >>> _check_runs(_tokenize("x - -y + 2^3^2"))
    >>> _check_runs(_tokenize("-" * 9 + "x"))
    Traceback (most recent call last):
    ...
    mathkit.parse.ParseError: too many signs in a row (at most 8): write one sign
    """
    signs = chain = 0
    for i, t in enumerate(tokens):
        spelled = _SPELLING.get(t.text, t.text)
        is_sign = t.kind == "op" and spelled in ("+", "-")
        signs = signs + 1 if is_sign else 0
        if signs > MAX_RUN:
            raise ParseError(f"too many signs in a row (at most {MAX_RUN}): write one sign", t.col)
        if t.kind == "op" and spelled == "**":
            before = _SPELLING.get(tokens[i - 2].text, tokens[i - 2].text) if i >= 2 else ""
            chain = chain + 1 if before == "**" else 1
            if chain > MAX_RUN:
                raise ParseError(
                    f"too many powers in a chain (at most {MAX_RUN}): use brackets or fewer",
                    t.col,
                )
