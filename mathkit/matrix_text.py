"""The text of a closed form, ready for the matrix algebra (:mod:`mathkit.matrix_algebra`).

The learner's text goes through :mod:`mathkit.parse`'s token steps, with a pass before them that
turns the transpose marks (``ᵀ``, ``'``, ``⊤``, ``^T``, ``^{T}``, ``^(T)``, ``.T``, MATLAB's ``.'``)
into ``** T`` (T a mark no later step touches), ⊗ ⊘ · into operators the scalar parser never
makes (as :mod:`mathkit.vectors` does), ``.^`` into ``^``, and remembers where a bold ``𝟏`` was;
the exercise's one-letter names may be run together (``zI`` is z·I, ``z1ᵀ`` is z·1ᵀ), as the
scalar parser allows for ``6xy``. The result is Python source for :func:`ast.parse`, never run.

>>> source, bold, reading = prepare("zIᵀ + x.T", frozenset({"z", "x"}), {"x": 3})
>>> source.code.split(), reading
(['z', '*', 'I', '**', 'T', '+', 'x', '**', 'T'], 'z·Iᵀ + x.T')
"""

from __future__ import annotations

import importlib
import re

from . import vectors as _vectors
from .parse import ParseError

_parse = importlib.import_module(".parse", __package__)

__all__ = ["MATRIX_FUNCTIONS", "prepare"]

#: Functions of the matrix algebra, on top of the scalar parser's (sin, exp, max, ...).
MATRIX_FUNCTIONS = ("diag", "transpose", "inv", "ones", "eye", "zeros", "sum", "dot")
_TRANSPOSE_MARKS = "ᵀᵗ'′⊤"
_LATEX_TRANSPOSE = re.compile(
    r"\^\s*(?:\{\s*(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\})\s*\}"
    r"|\\top|\\intercal)"
)
_BOLD_ONES = "𝟏𝟙"  # bold and double-struck one: the paper's vector of ones
_BOLD_LETTERS = {"𝐈": "I", "𝕀": "I", "𝐱": "x", "𝐰": "w", "𝐳": "z"}


def _marked_text(text: str) -> tuple[str, dict[int, str]]:
    """The text with ᵀ ' ⊤ (transpose), 𝟏 (bold one) and ⊗ ⊘ replaced one character for one,
    and what each replaced column was."""
    text = _LATEX_TRANSPOSE.sub(lambda m: "^(T)".ljust(len(m[0])), text)  # x^{T}, x^\top
    marks: dict[int, str] = {}
    plain = []
    for i, char in enumerate(text):
        if char in _TRANSPOSE_MARKS:
            marks[i], char = "T", ","
        elif char in _BOLD_ONES:
            marks[i], char = "1", "1"
        elif char in _BOLD_LETTERS:
            char = _BOLD_LETTERS[char]
        elif char in "⊗⊙⊘":
            marks[i], char = _vectors._PRE_PASS[char], ","  # "," never joins a neighbour
        plain.append(char)
    return "".join(plain), marks


def _transpose(t) -> list:
    Token = _parse.Token
    return [Token("op", "**", t.col, t.spaced, t.source), Token("mark", "T", t.col, False, "")]


def _mark_transposes(tokens: list, marks: dict[int, str]) -> list:
    """ᵀ, ', ^T, ^(T), .T become ``** T`` with T a mark the later steps leave alone."""
    out: list = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        ahead = [u.text for u in tokens[i + 1 : i + 4]]
        if t.kind == "op" and marks.get(t.col) == "T":
            if out and out[-1].text == "." and out[-1].kind == "op":  # MATLAB's .'
                out.pop()
            out.extend(_transpose(t))
        elif t.text in ("^", "**", ".") and ahead[:1] == ["T"]:
            out.extend(_transpose(t))
            i += 1
        elif t.text in ("^", "**") and ahead == ["(", "T", ")"]:
            out.extend(_transpose(t))
            i += 3
        elif t.text == "^" and out and out[-1].kind == "op" and out[-1].text == ".":
            out.pop()  # x.^2: the element-wise power, as the paper's powers of a vector are
            out.append(t)
        elif t.kind == "number" and t.text.endswith(".") and ahead[:1] in (["^"], ["T"]):
            out.append(t._replace(text=t.text[:-1] or "0"))  # 2.^x, 1.T
            if ahead[:1] == ["T"]:
                out.extend(_transpose(tokens[i + 1]))
                i += 1
        else:
            out.append(t)
        i += 1
    return out


def _split_names(tokens: list, known: frozenset, vectors: dict) -> tuple[list, bool]:
    """``zI`` -> z I and ``z1`` -> z 1 where z is a scalar of the exercise (not z₁): the runs of
    names the other readers split (``6xy``). Returns the tokens and whether one was split."""
    out: list = []
    split = False
    Token = _parse.Token
    for t in tokens:
        if t.kind != "name" or t.text in MATRIX_FUNCTIONS:
            out.append(t)
            continue
        ones = re.fullmatch(r"([A-Za-z])1", t.text)
        if ones and ones[1] in known and ones[1] not in vectors and f"{ones[1]}_1" not in known:
            out.append(t._replace(text=ones[1], source=ones[1]))
            out.append(Token("number", "1", t.col + 1, True, "1"))  # z 1: a product
            split = True
            continue
        pieces = _parse._split_letter_runs([t], known if "I" in t.text else known - {"I"})
        split = split or len(pieces) > 1
        out.extend(pieces)
    return out, split


def _implicit_products(tokens: list) -> list:
    """The scalar parser's ``2x``, ``x y`` rule, and a product after a transpose (``xᵀ1``)."""
    out: list = []
    Token = _parse.Token
    for left, right in zip([None, *tokens], tokens, strict=False):
        if left is not None and right.kind != "mark":
            starts = right.kind in ("number", "name") or right.text == "("
            if (left.kind == "mark" and starts) or (
                left.kind != "mark" and _parse._is_product(left, right)
            ):
                out.append(Token("op", "*", right.col, False, ""))
        out.append(right)
    return out


def _check_length(tokens: list) -> None:
    """At most MAX_NODES names, numbers and operations, counted on the tokens: each is a node of
    the syntax tree, so this refuses nothing the tree's own check would accept, and it refuses a
    run like ``III…I`` (read as a product of 2000 factors) before Python builds its deep tree."""
    limit = _parse.MAX_NODES
    if sum(t.text not in ("(", ")", "[", "]", ",") for t in tokens) > limit:
        raise ParseError(f"the formula is too long: at most {limit} numbers, names and operations")


def prepare(text: str, names: frozenset, vectors: dict):
    """The learner's text as Python source for the syntax tree, the columns of bold ones, and
    how it was read (``z·I``) when a run of names was split, else None."""
    p = _parse
    if not isinstance(text, str):
        raise TypeError(f"expected the answer as text (a str), not {type(text).__name__}")
    if len(text) > p.MAX_LENGTH:
        raise ParseError(f"the answer is too long: at most {p.MAX_LENGTH} characters", p.MAX_LENGTH)
    plain, marks = _marked_text(text)
    operators = {col: mark for col, mark in marks.items() if mark not in ("T", "1")}
    tokens = p._tokenize(plain)
    p._check_runs(tokens)
    tokens = _vectors._mark_operators(tokens, operators, text)
    tokens = _mark_transposes(tokens, marks)
    split = False
    for transform in p._TRANSFORMS:
        if transform is p._implicit_multiplication:
            tokens = _implicit_products(tokens)
            continue
        tokens = transform(tokens)
        if transform is p._subscripts:
            tokens, split = _split_names(tokens, names | {"I"}, vectors)
    _check_length(tokens)
    bold = {col for col, mark in marks.items() if mark == "1"}
    return p._to_source(tokens, text), bold, (p._reading(tokens, text) if split else None)
