"""Step 3 of reading: the token steps in order (text -> checked tokens), then Python source
-> syntax tree, checked for size (at most MAX_NODES nodes, MAX_TREE_DEPTH deep) before anything
is built from it.

>>> _syntax_tree(_prepare("2x + 1")).__class__.__name__
'BinOp'
"""

from __future__ import annotations

import ast
from typing import NamedTuple

from .parse_limits import MAX_LENGTH, MAX_NODES, MAX_TREE_DEPTH, ParseError
from .parse_products import _implicit_multiplication, _split_letter_runs
from .parse_rows import _check_list_spaces, _matrix_rows
from .parse_spelling import (
    _check_brackets,
    _check_ending,
    _check_names,
    _check_not_empty,
    _check_numbers,
    _check_runs,
    _spell_operators,
    _strip_leading_zeros,
    _subscripts,
    _superscripts,
    _transposes,
)
from .parse_tokens import Token, _tokenize

_TRANSFORMS = (
    _check_not_empty,
    _spell_operators,
    _superscripts,
    _subscripts,
    _transposes,
    _check_numbers,
    _strip_leading_zeros,
    _check_names,
    _check_brackets,
    _matrix_rows,
    _check_ending,
    _check_list_spaces,
    _implicit_multiplication,
)


class _Source(NamedTuple):
    code: str  # what ast.parse sees
    cols: list[int]  # for each character of code: its column in the learner's text
    text: str  # what the learner typed

    def column(self, index: int) -> int:
        return self.cols[index] if 0 <= index < len(self.cols) else len(self.text)

    def node_column(self, node: ast.expr) -> int:
        """ast counts columns in UTF-8 bytes; turn that into a column of the learner's text."""
        before = self.code.encode()[: node.col_offset]
        return self.column(len(before.decode(errors="ignore")))


def _to_source(tokens: list[Token], text: str) -> _Source:
    pieces, cols = [], []
    for t in tokens:
        pieces.append(t.text + " ")
        cols.extend([t.col] * (len(t.text) + 1))
    return _Source("".join(pieces), cols, text)


def _tokens(text: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """The learner's text as checked tokens; ``known``: the canonical names of the variables
    given, whose one-letter names may be written without a sign between them (``6xy``)."""
    if not isinstance(text, str):
        raise TypeError(f"expected the formula as text (a str), not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the formula is too long: at most {MAX_LENGTH} characters", MAX_LENGTH)
    tokens = _tokenize(text)
    _check_runs(tokens)
    for transform in _TRANSFORMS:
        tokens = transform(tokens)
        if transform is _subscripts and known:
            tokens = _split_letter_runs(tokens, known)
    return tokens


def _prepare(text: str, known: frozenset[str] = frozenset()) -> _Source:
    return _to_source(_tokens(text, known), text)


def _syntax_tree(source: _Source) -> ast.expr:
    try:
        return ast.parse(source.code, mode="eval").body
    except SyntaxError as error:
        index = (error.offset or 0) - 1
        if not 0 <= index < len(source.code.rstrip()):
            raise ParseError("the expression ends too early", len(source.text)) from None
        col = source.column(index)
        near = source.text[col : col + 10] or source.text[-10:]
        message = f"I can't read the formula at `{near}`: check for a missing number or operator"
        raise ParseError(message, col) from None
    except (RecursionError, MemoryError, ValueError, SystemError):  # CPython: deep chains
        raise ParseError("the formula is too complicated to read", None) from None


def _check_size(tree: ast.expr, source: _Source) -> None:
    """At most MAX_NODES expression nodes, at most MAX_TREE_DEPTH deep (no recursion here)."""
    count, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            message = f"the formula is too long: at most {MAX_NODES} numbers, names and operations"
            raise ParseError(message, source.node_column(node))
        if depth > MAX_TREE_DEPTH:
            raise ParseError("the formula is nested too deeply", source.node_column(node))
        children = ast.iter_child_nodes(node)
        stack.extend((child, depth + 1) for child in children if isinstance(child, ast.expr))
