"""Step 2 of reading, token steps for what is typed inside ``[ ]``: rows ended by ``;``
(``[a, b; c, d]`` -> ``[[a, b], [c, d]]``), and entries separated by spaces (``[5/3 2/3]``),
refused with the list written with commas.

>>> from mathkit.parse_tokens import _tokenize
>>> "".join(t.text for t in _matrix_rows(_tokenize("[a,b;c,d]")))
'[[a,b],[c,d]]'
"""

from __future__ import annotations

from .parse_limits import ParseError, _shown
from .parse_tokens import Token


def _bracket_pairs(tokens: list[Token]) -> dict[int, int]:
    """Index of each opening bracket -> index of its closing one (brackets are balanced)."""
    pairs, stack = {}, []
    for i, t in enumerate(tokens):
        if t.text in ("(", "["):
            stack.append(i)
        elif t.text in (")", "]"):
            pairs[stack.pop()] = i
    return pairs


def _enclosing(tokens: list[Token]) -> list[int | None]:
    """For each token, the index of the bracket it sits directly inside (None: outside all)."""
    out, stack = [], []
    for i, t in enumerate(tokens):
        if t.text in (")", "]"):
            stack.pop()
        out.append(stack[-1] if stack else None)
        if t.text in ("(", "["):
            stack.append(i)
    return out


def _matrix_rows(tokens: list[Token]) -> list[Token]:
    """``[a, b; c, d]`` -> ``[[a, b], [c, d]]``: ``;`` ends a row, as in MATLAB, so ``[a; b]`` is
    a column; ``[[a, b]; [c, d]]`` is read as ``[[a, b], [c, d]]``; a last ``;`` is dropped."""
    if not any(t.text == ";" for t in tokens):
        return tokens
    pairs, inside = _bracket_pairs(tokens), _enclosing(tokens)
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        if t.text != ";":
            continue
        where = inside[i]
        if where is None or tokens[where].text != "[":
            message = "`;` ends a row of a matrix in [ ], like [a, b; c, d]; here type one formula"
            raise ParseError(message, t.col)
        groups.setdefault(where, []).append(i)
    replaced: dict[int, list[Token]] = {}
    for start, semicolons in groups.items():
        replaced.update(_rows_of(tokens, pairs, start, semicolons))
    out: list[Token] = []
    for i, t in enumerate(tokens):
        out.extend(replaced.get(i, [t]))
    return out


def _rows_of(tokens, pairs, start: int, semicolons: list[int]) -> dict[int, list[Token]]:
    """The tokens that replace the brackets and ``;`` of one ``[a, b; c, d]``."""
    end = pairs[start]
    bounds = [start, *semicolons, end]
    rows = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False)]
    replaced: dict[int, list[Token]] = {}
    if rows[-1][0] == rows[-1][1]:  # [a; b;]: a last `;` ends the last row
        rows.pop()
        replaced[semicolons.pop()] = []
    for a, b in rows:
        if a == b:
            raise ParseError("a row is empty: remove the extra `;`", tokens[a - 1].col)
    bracketed = [tokens[a].text == "[" and pairs.get(a) == b - 1 for a, b in rows]
    if all(bracketed):
        replaced.update({i: [tokens[i]._replace(text=",")] for i in semicolons})
        return replaced
    if any(bracketed):
        message = "write every row the same way: [a, b; c, d] or [[a, b], [c, d]]"
        raise ParseError(message, tokens[start].col)

    def op(text: str, t: Token) -> Token:
        return Token("op", text, t.col, False, "")

    replaced[start] = [tokens[start], op("[", tokens[start])]
    replaced[end] = [op("]", tokens[end]), tokens[end]]
    for i in semicolons:
        t = tokens[i]
        replaced[i] = [op("]", t), t._replace(text=","), op("[", t)]
    return replaced


def _ends_factor(t: Token) -> bool:
    return t.kind in ("number", "name") or t.text == ")"


def _check_list_spaces(tokens: list[Token]) -> list[Token]:
    """Inside [ ], ``[5/3 2/3]`` and ``[1 -2]`` are entries separated by spaces (as in MATLAB):
    refused with the same list written with commas, which is how entries are separated here."""
    inside = _enclosing(tokens)
    commas = {inside[i] for i, t in enumerate(tokens) if t.text == ","}
    for i in range(1, len(tokens)):
        t, before, where = tokens[i], tokens[i - 1], inside[i]
        if where is None or tokens[where].text != "[" or not t.spaced or not _ends_factor(before):
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        sign = t.text in ("+", "-") and after is not None and not after.spaced
        if t.kind == "number" or sign and where not in commas:
            suggestion = _with_commas(tokens, inside, commas, where)
            raise ParseError(f"separate the entries of a list with commas: {suggestion}", t.col)
    return tokens


def _with_commas(tokens, inside, commas, flagged: int) -> str:
    """The learner's text again, with a comma at each space that separates entries in a list."""
    pieces, last = [], None
    for i, t in enumerate(tokens):
        if (t.col, t.source) == last or not t.source:
            continue  # x⁻¹ is three tokens from one source; inserted tokens have none
        last = (t.col, t.source)
        where = inside[i]
        in_list = where is not None and tokens[where].text == "[" and i > 0
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        sign = t.text in ("+", "-") and after is not None and not after.spaced
        starts = t.kind in ("number", "name") or t.text == "(" or sign
        separates = in_list and t.spaced and starts and _ends_factor(tokens[i - 1])
        if separates and (where not in commas or where == flagged):
            pieces.append(",")
        pieces.append((" " if t.spaced else "") + t.source)
    return _shown("".join(pieces).strip(), 60)
